"""A reviewteam's improvement measures are tracked like actions: in the actions overview,
under its filters, and in its CSV, after the actions."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from leersessie.memory.overview import ActionFilter, export_csv, list_measures
from leersessie.method.leerreview import add_finding, add_measure, review_measure
from leersessie.method.models import ActionStatus, ReviewOutcome
from leersessie.method.sessions import finish_session, start_session
from leersessie.method.teams import create_team

TODAY = date(2026, 11, 23)


@pytest.fixture
def measures(db, catalogue):
    practitioners = create_team(db, "Casegroep Jeugd", ["Anna"])
    casegroep = start_session(
        db,
        team_id=practitioners.id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 9, 1),
        facilitator="Coach",
        present=[p.id for p in practitioners.people],
    )
    finding = add_finding(db, casegroep, "bevindingen", "Niemand had het overzicht")
    finish_session(db, casegroep)
    managers = create_team(db, "Reviewteam", ["Dewi"])
    reviewteam = start_session(
        db,
        team_id=managers.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2026, 9, 15),
        facilitator="Coach",
        present=[p.id for p in managers.people],
        linked_session_id=casegroep,
    )
    late = add_measure(
        db, reviewteam, finding.id, "Regiehouder", "Manager", "organisatie", date(2026, 11, 1)
    )
    later = add_measure(
        db, reviewteam, finding.id, "=Convenant", "Wethouder", "systeem", date(2027, 3, 1)
    )
    done = add_measure(db, reviewteam, finding.id, "Overleg", "Manager", "systeem", None)
    review_measure(db, done.id, reviewteam, ReviewOutcome.DONE)
    return managers, practitioners, late, later, done


def test_measures_follow_the_overview_filters_overdue_first(db, measures):
    managers, practitioners, late, later, done = measures

    rows = list_measures(db, ActionFilter(today=TODAY))
    assert [r.measure.id for r in rows] == [late.id, later.id, done.id]
    assert [r.overdue for r in rows] == [True, False, False]
    assert rows[0].team_name == "Reviewteam" and rows[0].finding == "Niemand had het overzicht"

    assert [
        r.measure.id for r in list_measures(db, ActionFilter(overdue_only=True, today=TODAY))
    ] == [late.id]
    done_only = ActionFilter(status=ActionStatus.DONE, today=TODAY)
    assert [r.measure.id for r in list_measures(db, done_only)] == [done.id]
    assert list_measures(db, ActionFilter(team_id=practitioners.id, today=TODAY)) == []
    assert len(list_measures(db, ActionFilter(team_id=managers.id, today=TODAY))) == 3
    # A measure's owner is a name or function, not a team member.
    assert list_measures(db, ActionFilter(owner_id=managers.people[0].id, today=TODAY)) == []


def test_the_csv_lists_the_measures_after_the_actions(db, measures, tmp_path):
    target = tmp_path / "acties.csv"
    assert export_csv(db, ActionFilter(today=TODAY), target) == 0  # no actions

    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[1] == []
    assert rows[2] == [
        "Verbetermaatregel",
        "Eigenaar",
        "Klaar op",
        "Status",
        "Te laat",
        "Team",
        "Afgesproken op",
        "Niveau",
    ]
    assert rows[3] == [
        "Regiehouder",
        "Manager",
        "01-11-2026",
        "open (te laat)",
        "ja",
        "Reviewteam",
        "15-09-2026",
        "Organisatie",
    ]
    assert rows[4][0] == "'=Convenant"  # a spreadsheet never runs it as a formula
    assert rows[5][3] == "gedaan"
    assert "Niemand had het overzicht" not in target.read_text(encoding="utf-8-sig")


def test_the_client_data_check_before_the_csv_reads_the_measures(db, measures):
    from leersessie.privacy.client_data import scan_actions_export

    managers, *_ = measures
    db.execute("UPDATE measures SET owner = 'Manager, tel. 06-12345678' WHERE what = 'Overleg'")
    hits = scan_actions_export(db, managers.id, blocked_names=[], today=TODAY)
    assert [(h.table, h.column) for h in hits] == [("measures", "owner")]


@pytest.mark.gui
def test_the_overview_shows_the_measures_under_its_filters(qtbot, main_window, measures):
    main_window.show_actions()
    overview = main_window.overview
    table = overview.view.measures
    assert table.isVisible() and table.rowCount() == 3
    assert table.item(0, 3).text() == "open (te laat)"

    overview.view.overdue.setChecked(True)
    assert table.rowCount() == 1
