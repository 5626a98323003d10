"""The actions overview across teams: filters, overdue first, paging, CSV for Dutch Excel."""

from __future__ import annotations

import csv
import errno
import os
import stat
from datetime import date, timedelta

import pytest
from fixtures.volume import load_volume

from leersessie.base.errors import UserFacingError
from leersessie.memory.actions import add_action, review_action, set_action_status
from leersessie.memory.lookback import team_overview
from leersessie.memory.overview import (
    ActionFilter,
    count_actions,
    export_csv,
    list_actions,
)
from leersessie.method.models import ActionStatus, ReviewOutcome
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team

TODAY = date(2026, 11, 23)


@pytest.fixture
def teams(db, catalogue):
    """Two teams with actions that are overdue, upcoming, undated, done and dropped."""
    oost = create_team(db, "Wijkteam Oost", ["Anouk", "Bram"])
    west = create_team(db, "Jeugdteam West", ["Chaima", "Daan"])
    anouk, bram = oost.people
    chaima, _daan = west.people

    def session(team, on):
        return start_session(
            db,
            team_id=team.id,
            template=catalogue.get("actieleren"),
            on=on,
            facilitator="Marieke",
            present=[p.id for p in team.people],
        )

    s_oost = session(oost, date(2026, 10, 1))
    s_west = session(west, date(2026, 10, 8))
    made = {
        "late_oost": add_action(
            db,
            s_oost,
            "actie",
            "Coördinatie met de huisarts regelen",
            anouk.id,
            TODAY - timedelta(days=3),
        ),
        "very_late_west": add_action(
            db, s_west, "actie", "Terugbellen school", chaima.id, TODAY - timedelta(days=30)
        ),
        "soon_oost": add_action(
            db, s_oost, "actie", "Huisbezoek plannen", bram.id, TODAY + timedelta(days=2)
        ),
        "later_west": add_action(
            db, s_west, "actie", "Gezinsplan bespreken", None, TODAY + timedelta(days=20)
        ),
        "undated_oost": add_action(db, s_oost, "actie", "Casus inbrengen bij GGZ", bram.id, None),
        "done_oost": add_action(
            db, s_oost, "actie", "Folder maken", anouk.id, TODAY - timedelta(days=10)
        ),
        "dropped_west": add_action(
            db, s_west, "actie", "Cursus zoeken", chaima.id, TODAY + timedelta(days=5)
        ),
    }
    set_action_status(db, made["done_oost"].id, ActionStatus.DONE)
    set_action_status(db, made["dropped_west"].id, ActionStatus.DROPPED)
    return oost, west, {key: action.id for key, action in made.items()}


def _keys(rows, ids):
    names = {action_id: key for key, action_id in ids.items()}
    return [names[row.action.id] for row in rows]


def test_overdue_first_then_by_due_date_undated_last(db, teams):
    _, _, ids = teams
    rows = list_actions(db, ActionFilter(today=TODAY))
    assert _keys(rows, ids) == [
        "very_late_west",
        "late_oost",
        "done_oost",
        "soon_oost",
        "dropped_west",
        "later_west",
        "undated_oost",
    ]
    assert [row.overdue for row in rows] == [True, True] + [False] * 5
    assert count_actions(db, ActionFilter(today=TODAY)) == 7


def test_a_done_action_past_its_date_is_not_overdue(db, teams):
    _, _, ids = teams
    [done] = [
        r for r in list_actions(db, ActionFilter(today=TODAY)) if r.action.id == ids["done_oost"]
    ]
    assert done.overdue is False
    assert done.action.status is ActionStatus.DONE


def test_row_carries_team_origin_and_review_count(db, catalogue, teams):
    oost, _, ids = teams
    later = start_session(
        db,
        team_id=oost.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 1),
        facilitator="Marieke",
        present=[p.id for p in oost.people],
    )
    review_action(
        db,
        ids["late_oost"],
        later,
        ReviewOutcome.CONTINUED,
        "Huisarts ziek",
        TODAY - timedelta(days=3),
    )
    [row] = [
        r
        for r in list_actions(db, ActionFilter(team_id=oost.id, today=TODAY))
        if r.action.id == ids["late_oost"]
    ]
    assert (row.team_name, row.origin_date, row.template_title, row.review_count) == (
        "Wijkteam Oost",
        date(2026, 10, 1),
        "Actieleren",
        1,
    )
    assert row.action.owner_name == "Anouk"
    assert row.action.what == "Coördinatie met de huisarts regelen"


def test_filters(db, teams):
    oost, west, ids = teams
    by_team = ActionFilter(team_id=west.id, today=TODAY)
    assert _keys(list_actions(db, by_team), ids) == ["very_late_west", "dropped_west", "later_west"]
    assert count_actions(db, by_team) == 3
    bram = oost.people[1]
    by_owner = ActionFilter(owner_id=bram.id, today=TODAY)
    assert _keys(list_actions(db, by_owner), ids) == ["soon_oost", "undated_oost"]
    done = ActionFilter(status=ActionStatus.DONE, today=TODAY)
    assert _keys(list_actions(db, done), ids) == ["done_oost"]
    dropped = ActionFilter(status=ActionStatus.DROPPED, today=TODAY)
    assert _keys(list_actions(db, dropped), ids) == ["dropped_west"]
    open_oost = ActionFilter(team_id=oost.id, status=ActionStatus.OPEN, today=TODAY)
    assert _keys(list_actions(db, open_oost), ids) == ["late_oost", "soon_oost", "undated_oost"]
    assert count_actions(db, open_oost) == 3


def test_overdue_only(db, teams):
    oost, _, ids = teams
    overdue = ActionFilter(overdue_only=True, today=TODAY)
    assert _keys(list_actions(db, overdue), ids) == ["very_late_west", "late_oost"]
    assert count_actions(db, overdue) == 2
    assert _keys(
        list_actions(db, ActionFilter(team_id=oost.id, overdue_only=True, today=TODAY)), ids
    ) == ["late_oost"]
    # Another day, another picture: a week later "soon" is overdue too.
    next_week = ActionFilter(overdue_only=True, today=TODAY + timedelta(days=7))
    assert _keys(list_actions(db, next_week), ids) == ["very_late_west", "late_oost", "soon_oost"]


def test_status_change_in_place_moves_the_row(db, teams):
    _, _, ids = teams
    set_action_status(db, ids["very_late_west"], ActionStatus.DONE)
    rows = list_actions(db, ActionFilter(today=TODAY))
    assert _keys(rows, ids)[0] == "late_oost"
    assert count_actions(db, ActionFilter(overdue_only=True, today=TODAY)) == 1


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_pages_join_up_to_the_whole_list(db, teams, limit):
    _, _, ids = teams
    f = ActionFilter(today=TODAY)
    whole = _keys(list_actions(db, f, limit=100), ids)
    paged = []
    for offset in range(0, 8, limit):
        paged += _keys(list_actions(db, f, limit=limit, offset=offset), ids)
    assert paged == whole
    assert list_actions(db, f, limit=10, offset=7) == []


# -- CSV ---------------------------------------------------------------------------------


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_csv_opens_in_a_dutch_spreadsheet(db, teams, tmp_path):
    _, _, _ids = teams
    target = tmp_path / "acties.csv"
    assert export_csv(db, ActionFilter(today=TODAY), target) == 7
    rows = _read_csv(target)
    assert rows[0] == [
        "Actie",
        "Eigenaar",
        "Streefdatum",
        "Status",
        "Te laat",
        "Team",
        "Afgesproken op",
        "Werkvorm",
        "Aantal terugblikken",
        "Terugblik",
    ]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Actie"] == "Terugbellen school"
    assert first["Streefdatum"] == "24-10-2026"
    assert first["Status"] == "open (te laat)"
    assert first["Te laat"] == "ja"
    assert first["Team"] == "Jeugdteam West"
    assert first["Afgesproken op"] == "08-10-2026"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Actie"] == "Coördinatie met de huisarts regelen"  # diacritics intact
    statuses = [dict(zip(rows[0], row, strict=True))["Status"] for row in rows[1:]]
    assert "gedaan" in statuses and "vervallen" in statuses
    assert b"\r\n" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_respects_the_filter(db, teams, tmp_path):
    oost, _, _ = teams
    target = tmp_path / "oost.csv"
    export_csv(db, ActionFilter(team_id=oost.id, status=ActionStatus.OPEN, today=TODAY), target)
    rows = _read_csv(target)
    assert [row[0] for row in rows[1:]] == [
        "Coördinatie met de huisarts regelen",
        "Huisbezoek plannen",
        "Casus inbrengen bij GGZ",
    ]


def test_csv_keeps_semicolons_quotes_newlines_and_neutralises_formulas(db, catalogue, tmp_path):
    team = create_team(db, 'Team; "Noord"', ["Eva"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 1),
        facilitator="M",
        present=[team.people[0].id],
    )
    add_action(db, session_id, "actie", 'Bellen; daarna "mailen"\nen afspreken', None, None)
    add_action(db, session_id, "actie", '=HYPERLINK("http://x")', None, None)
    add_action(db, session_id, "actie", "- lijstje maken", None, None)
    target = tmp_path / "x.csv"
    export_csv(db, ActionFilter(today=TODAY), target)
    rows = _read_csv(target)
    assert [row[0] for row in rows[1:]] == [
        'Bellen; daarna "mailen"\nen afspreken',
        '\'=HYPERLINK("http://x")',
        "'- lijstje maken",
    ]
    assert rows[1][5] == 'Team; "Noord"'


def test_csv_replaces_an_existing_file_whole(db, teams, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    target = folder / "acties.csv"
    target.write_text("oud", encoding="utf-8")
    export_csv(db, ActionFilter(today=TODAY), target)
    assert len(_read_csv(target)) == 8
    assert [p.name for p in folder.iterdir()] == ["acties.csv"]


def test_full_disk_gives_a_dutch_message_and_keeps_the_old_file(db, teams, tmp_path, monkeypatch):
    folder = tmp_path / "export"
    folder.mkdir()
    target = folder / "acties.csv"
    target.write_text("vorige export", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UserFacingError) as caught:
        export_csv(db, ActionFilter(today=TODAY), target)
    assert "kon niet worden geschreven" in caught.value.message
    assert "maak ruimte vrij" in caught.value.message
    assert target.read_text(encoding="utf-8") == "vorige export"
    assert [p.name for p in folder.iterdir()] == ["acties.csv"]  # no temp file left


def test_unwritable_folder_gives_a_dutch_message(db, teams, tmp_path):
    with pytest.raises(UserFacingError) as caught:
        export_csv(db, ActionFilter(today=TODAY), tmp_path / "bestaat-niet" / "a.csv")
    assert "Kies een andere map" in caught.value.message


# -- scale -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """10,000 sessions of 40 teams, 20,000 actions (no notes: the plans are what counts)."""
    from leersessie.workspace import open_workspace

    ws = open_workspace(tmp_path_factory.mktemp("big"))
    team_ids = load_volume(
        ws.db,
        ws.catalogue,
        sessions=10_000,
        teams=40,
        actions_per_session=2,
        notes=False,
        today=TODAY,
    )
    yield ws.db, team_ids
    ws.close()


def _plans_of(db, call):
    """The query plan of every statement ``call`` runs, as SQLite reports it."""
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        result = call()
    finally:
        db.conn.set_trace_callback(None)
    plans = {
        sql: [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        for sql in statements
        if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    }
    return result, plans


def _full_scans(plans):
    """Steps that read a whole table instead of seeking through an index."""
    return [
        (sql, step)
        for sql, plan in plans.items()
        for step in plan
        if step.startswith("SCAN") and "INDEX" not in step and step != "SCAN sqlite_master"
    ]  # sqlite-utils asks whether a name is a view


@pytest.mark.slow
def test_overview_pages_through_indexes_at_scale(big):
    db, team_ids = big
    people = [
        r[0]
        for r in db.execute("SELECT id FROM people WHERE team_id = ?", [team_ids[0]]).fetchall()
    ]
    filters = [
        ActionFilter(today=TODAY),
        ActionFilter(team_id=team_ids[0], today=TODAY),
        ActionFilter(status=ActionStatus.OPEN, today=TODAY),
        ActionFilter(status=ActionStatus.DONE, today=TODAY),
        ActionFilter(overdue_only=True, today=TODAY),
        ActionFilter(owner_id=people[0], today=TODAY),
        ActionFilter(team_id=team_ids[0], status=ActionStatus.OPEN, today=TODAY),
    ]
    for f in filters:
        for offset in (0, 9_990):
            _rows, plans = _plans_of(db, lambda f=f, o=offset: list_actions(db, f, 50, o))
            assert _full_scans(plans) == [], f
            if not (f.team_id or f.owner_id):
                # Across all teams no page sorts the whole table: the order comes from
                # the index (only ties within one due date are sorted).
                assert not any(
                    "USE TEMP B-TREE FOR ORDER BY" in step
                    for plan in plans.values()
                    for step in plan
                ), f
        _count, plans = _plans_of(db, lambda f=f: count_actions(db, f))
        assert _full_scans(plans) == [], f
    f = ActionFilter(today=TODAY)
    assert count_actions(db, f) == 20_000
    page = list_actions(db, f, limit=50, offset=0)
    assert len(page) == 50 and all(row.overdue for row in page)
    dues = [row.action.due_date for row in page]
    assert dues == sorted(dues)
    assert len(list_actions(db, f, limit=50, offset=20_000 - 30)) == 30


@pytest.mark.slow
def test_team_page_at_scale(big):
    db, team_ids = big
    overview, plans = _plans_of(db, lambda: team_overview(db, team_ids[0], today=TODAY))
    assert overview.session_count == 250
    assert overview.open_actions + overview.closed_actions == 500
    assert len(plans) <= 8  # a handful of queries, whatever the number of sessions
    assert _full_scans(plans) == []


# -- command line ------------------------------------------------------------------------


@pytest.fixture
def cli_data(data_dir, catalogue, teams, workspace):
    """The ``teams`` story on disk, with the workspace closed so the CLI can open it."""
    workspace.close()
    return data_dir


def _run(args, capsysbinary):
    from leersessie.cli import main

    code = main(args)
    captured = capsysbinary.readouterr()
    return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def test_cli_lists_overdue_first(cli_data, capsysbinary, monkeypatch):
    import leersessie.memory.overview as overview_module

    monkeypatch.setattr(overview_module, "date", _FixedDate)
    code, out, _ = _run(["actions", "--data-dir", str(cli_data)], capsysbinary)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0].startswith("24-10-2026  open (te laat)")
    assert "Jeugdteam West" in lines[0] and "Chaima" in lines[0]
    assert "Terugbellen school" in lines[0]
    assert "Coördinatie met de huisarts regelen" in lines[1]
    assert lines[-1].startswith("–") and "Casus inbrengen bij GGZ" in lines[-1]


def test_cli_filters(cli_data, capsysbinary, monkeypatch):
    import leersessie.memory.overview as overview_module

    monkeypatch.setattr(overview_module, "date", _FixedDate)
    _, out, _ = _run(
        ["actions", "--data-dir", str(cli_data), "--team", "wijkteam oost", "--status", "open"],
        capsysbinary,
    )
    assert [line.split("  ")[-1] for line in out.splitlines()] == [
        "Coördinatie met de huisarts regelen",
        "Huisbezoek plannen",
        "Casus inbrengen bij GGZ",
    ]
    _, out, _ = _run(["actions", "--data-dir", str(cli_data), "--overdue"], capsysbinary)
    assert len(out.splitlines()) == 2
    _, out, _ = _run(["actions", "--data-dir", str(cli_data), "--status", "dropped"], capsysbinary)
    assert "Cursus zoeken" in out and len(out.splitlines()) == 1
    code, _, err = _run(
        ["actions", "--data-dir", str(cli_data), "--team", "Onbekend"], capsysbinary
    )
    assert code == 1 and "Geen team gevonden" in err


def test_cli_csv_to_stdout(cli_data, capsysbinary, monkeypatch):
    import leersessie.memory.overview as overview_module

    monkeypatch.setattr(overview_module, "date", _FixedDate)
    from leersessie.cli import main

    assert main(["actions", "--data-dir", str(cli_data), "--csv"]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][0] == "Actie" and len(rows) == 8
    assert rows[2][0] == "Coördinatie met de huisarts regelen"


class _FixedDate(date):
    """``date.today()`` pinned to TODAY for the command line, which has no --today."""

    @classmethod
    def today(cls):
        return TODAY
