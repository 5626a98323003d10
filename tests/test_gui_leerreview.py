"""A leerreview in the room: findings and measures are edited after adding, a measure
gets the date the template asks for, and the levels are those of the source."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import press_ok, when_modal_opens
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from leersessie.base.changes import ChangeKind
from leersessie.method.leerreview import (
    MeasureLevel,
    add_finding,
    session_findings,
    session_measures,
)
from leersessie.method.sessions import finish_session, load_session, start_session
from leersessie.method.teams import create_team
from leersessie_ui.widgets.choice_box import ChoiceBox

pytestmark = pytest.mark.gui


@pytest.fixture
def review(qtbot, main_window, workspace, catalogue):
    db = workspace.db
    practitioners = create_team(db, "Casegroep Jeugd", ["Anna", "Bram"])
    casegroep = start_session(
        db,
        team_id=practitioners.id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 10, 1),
        facilitator="Coach",
        present=[p.id for p in practitioners.people],
    )
    finding = add_finding(db, casegroep, "bevindingen", "Niemand had het hele beeld")
    finish_session(db, casegroep)
    managers = create_team(db, "Reviewteam", ["Dewi", "Eef"])
    reviewteam = start_session(
        db,
        team_id=managers.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2026, 10, 15),
        facilitator="Coach",
        present=[p.id for p in managers.people],
        linked_session_id=casegroep,
    )
    changes: list = []
    main_window.changes.changed.connect(changes.append)
    return main_window, casegroep, reviewteam, finding, changes


def test_a_measure_gets_its_date_and_can_be_edited_after_adding(qtbot, review, workspace, today):
    window, _casegroep, reviewteam, finding, changes = review
    window.show_session_at(reviewteam, "maatregelen")
    panel = window.session.panels_by_kind()["measures"].view
    assert [panel.level.itemText(i) for i in range(panel.level.count())] == [
        "Organisatie",
        "Systeem",
    ]
    panel.what.setText("Vast overleg school en wijkteam")
    panel.owner.setText("Manager jeugd")
    panel.due.setDate(panel.due.date().addDays(3))  # a month ahead, plus three days
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    [measure] = session_measures(workspace.db, reviewteam)
    assert measure.due_date == date.fromordinal(today.toordinal() + 31)
    assert panel.measures.item(0, 3).text() == measure.due_date.strftime("%d-%m-%Y")

    def change(dialog) -> None:
        dialog.findChild(QLineEdit, "measureEditWhat").setText("Vast overleg, elke maand")
        dialog.findChild(ChoiceBox, "measureEditLevel").select("systeem")
        dialog.due.has_due.setChecked(False)
        press_ok(dialog)

    panel.measures.selectRow(0)
    when_modal_opens(change)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    [edited] = session_measures(workspace.db, reviewteam)
    assert (edited.what, edited.level, edited.due_date) == (
        "Vast overleg, elke maand",
        MeasureLevel.SYSTEEM,
        None,
    )
    assert edited.finding_id == finding.id
    assert panel.measures.item(0, 0).text() == "Vast overleg, elke maand"
    edits = [c.kind for c in changes if c.kind is not ChangeKind.SESSION]  # not step moves
    assert edits == [ChangeKind.MEASURE, ChangeKind.MEASURE]


def test_a_finding_can_be_edited_after_adding_and_keeps_its_measures(
    qtbot, review, workspace, catalogue
):
    window, casegroep, _reviewteam, finding, changes = review
    from leersessie.method.sessions import reopen_session

    reopen_session(workspace.db, casegroep)
    window.show_session_at(casegroep, "bevindingen")
    panel = window.session.panels_by_kind()["findings"].view

    def reword(dialog) -> None:
        dialog.findChild(QLineEdit, "findingText").setText("Niemand had het overzicht")
        press_ok(dialog)

    panel.table.selectRow(0)
    when_modal_opens(reword)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    assert [f.text for f in session_findings(workspace.db, casegroep)] == [
        "Niemand had het overzicht"
    ]
    assert panel.table.item(0, 0).text() == "1. Niemand had het overzicht"
    edits = [(c.kind, c.id) for c in changes if c.kind is not ChangeKind.SESSION]
    assert edits == [(ChangeKind.FINDING, finding.id)]


def test_an_empty_finding_is_refused_inside_the_form(qtbot, review, workspace):
    window, casegroep, _reviewteam, _finding, _ = review
    from leersessie.method.sessions import reopen_session

    reopen_session(workspace.db, casegroep)
    window.show_session_at(casegroep, "bevindingen")
    panel = window.session.panels_by_kind()["findings"].view
    seen: list[str] = []

    def empty_then_cancel(dialog) -> None:
        dialog.findChild(QLineEdit, "findingText").setText("   ")
        press_ok(dialog)
        seen.append(dialog.error.text())
        dialog.reject()

    panel.table.selectRow(0)
    when_modal_opens(empty_then_cancel)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    assert seen == ["Schrijf de bevinding op: wat heeft de casegroep gevonden?"]
    assert [f.text for f in session_findings(workspace.db, casegroep)] == [
        "Niemand had het hele beeld"
    ]


def test_the_next_reviewteam_looks_back_on_the_earlier_measures_of_a_finding(
    qtbot, review, workspace, catalogue, today
):
    """Measures are tracked like actions: a later reviewteam on the same casegroep sees the
    earlier measures of each finding and marks what became of them."""
    from leersessie.method.leerreview import add_measure, get_measure
    from leersessie.method.models import ActionStatus

    window, casegroep, reviewteam, finding, changes = review
    db = workspace.db
    earlier = add_measure(
        db, reviewteam, finding.id, "Eén regiehouder", "Manager", "organisatie", date(2026, 12, 1)
    )
    finish_session(db, reviewteam)
    managers = load_session(db, reviewteam).team
    later = start_session(
        db,
        team_id=managers.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2027, 1, 15),
        facilitator="Coach",
        present=[p.id for p in managers.people],
        linked_session_id=casegroep,
    )
    window.show_session_at(later, "maatregelen")
    panel = window.session.panels_by_kind()["measures"].view
    assert panel.earlier.isVisible() and panel.earlier.rowCount() == 1
    assert [panel.earlier.item(0, c).text() for c in range(5)] == [
        "Eén regiehouder",
        "Manager",
        "01-12-2026",
        "open",
        "nog bespreken",
    ]

    def new_date(dialog) -> None:
        dialog.new_due.setDate(dialog.new_due.date().addDays(2))
        press_ok(dialog)

    panel.earlier.selectRow(0)
    when_modal_opens(new_date)
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)

    measure = get_measure(db, earlier.id)
    assert measure.status is ActionStatus.OPEN
    assert measure.due_date == date.fromordinal(today.toordinal() + 30)
    assert panel.earlier.item(0, 4).text() == "loopt door"

    panel.earlier.selectRow(0)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert get_measure(db, earlier.id).status is ActionStatus.DONE
    assert [panel.earlier.item(0, c).text() for c in (3, 4)] == ["gedaan", "gedaan"]
    assert [c.id for c in changes][-2:] == [earlier.id, earlier.id]
