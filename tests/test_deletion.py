"""Deleting for real: nothing of a deleted session, team or name is left in the bytes
of the database file or its WAL; backups are told and can be purged; retention."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from leersessie.base.errors import InputError
from leersessie.memory.actions import add_action
from leersessie.method.sessions import list_sessions, load_session, save_note, start_session
from leersessie.method.teams import create_team, get_team
from leersessie.privacy.deletion import (
    apply_retention,
    backups_containing,
    delete_session,
    delete_team,
    months_before,
    pseudonymise_person,
    purge_from_backups,
    retention_months,
    retention_preview,
    set_retention_months,
)
from leersessie.store.backup import BackupKind, list_backups, make_backup
from leersessie.store.paths import database_path

MARKER = "Qwzx" + "Markeer7731"  # split so this source file never matches by accident


def file_holds(path: Path, text: str) -> bool:
    """The marker in the raw bytes, in any ASCII case (the search index lowercases)."""
    needle = text.lower().encode("utf-8")
    files = [path, Path(str(path) + "-wal")]
    return any(f.exists() and needle in f.read_bytes().lower() for f in files)


def make_session(db, catalogue, team, on=date(2026, 11, 2), note=""):
    template = catalogue.get("actieleren")
    session_id = start_session(
        db,
        team_id=team.id,
        template=template,
        on=on,
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    if note:
        save_note(db, session_id, template.steps[0].key, note)
    return session_id, template


def fill_with_marker(db, catalogue, team, marker=MARKER):
    session_id, template = make_session(db, catalogue, team)
    # Several saves, as typing does: older versions of the note must go too.
    for n in range(5):
        save_note(db, session_id, template.steps[0].key, f"Inbreng {n}: {marker} en meer")
    save_note(db, session_id, template.steps[1].key, "Vraag over " + marker)
    add_action(db, session_id, template.steps[-1].key, f"Actie {marker}", None, None)
    return session_id


def test_a_deleted_session_leaves_no_byte_in_the_file(workspace, db, catalogue):
    team = create_team(db, "Team Oost", ["Ans", "Bart"])
    keep_id, _ = make_session(db, catalogue, team, note="Deze sessie blijft staan")
    session_id = fill_with_marker(db, catalogue, team)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the marker is in the main file now
    path = database_path(workspace.data_dir)
    assert file_holds(path, MARKER)

    delete_session(db, session_id)

    assert not file_holds(path, MARKER)
    assert not file_holds(path, session_id)
    assert [s.id for s in list_sessions(db)] == [keep_id]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_marker_still_only_in_the_wal_is_gone_too(workspace, db, catalogue):
    team = create_team(db, "Team Oost", ["Ans"])
    session_id = fill_with_marker(db, catalogue, team)
    path = database_path(workspace.data_dir)
    assert file_holds(path, MARKER)
    delete_session(db, session_id)
    assert not file_holds(path, MARKER)


def test_search_index_is_cleaned(workspace, db, catalogue):
    if not db["search_index"].exists():
        pytest.fail("the search index (migration m002) is expected to exist")
    team = create_team(db, "Team Oost", ["Ans"])
    session_id = fill_with_marker(db, catalogue, team)
    hits = db.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [MARKER]
    ).fetchone()[0]
    assert hits > 0
    delete_session(db, session_id)
    assert (
        db.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [MARKER]
        ).fetchone()[0]
        == 0
    )
    assert not file_holds(database_path(workspace.data_dir), MARKER)


def test_a_deleted_team_leaves_nothing(workspace, db, catalogue):
    team = create_team(db, "Team " + MARKER, ["Persoon" + MARKER, "Bart"])
    fill_with_marker(db, catalogue, team)
    other = create_team(db, "Team West", ["Cor"])
    make_session(db, catalogue, other, note="blijft")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    delete_team(db, team.id)

    assert not file_holds(database_path(workspace.data_dir), MARKER)
    assert [s.team_name for s in list_sessions(db)] == ["Team West"]
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_pseudonymise_replaces_the_name_everywhere(workspace, db, catalogue):
    name = "Fenna " + MARKER
    team = create_team(db, "Team Zuid", [name, "Bart"])
    person = team.people[0]
    session_id, template = make_session(
        db, catalogue, team, note=f"{name} vertelde. {name.upper()} twijfelt."
    )
    add_action(db, session_id, template.steps[-1].key, f"Navragen bij {name}", person.id, None)
    save_note(db, session_id, template.steps[1].key, f"Niet {MARKER}s: geen hele naam")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    changed = pseudonymise_person(db, person.id, "  Deelnemer  A ")

    assert changed == 2
    assert get_team(db, team.id).people[0].name == "Deelnemer A"
    session = load_session(db, session_id)
    assert session.notes[template.steps[0].key] == "Deelnemer A vertelde. Deelnemer A twijfelt."
    assert db.execute("SELECT what FROM actions").fetchone()[0] == "Navragen bij Deelnemer A"
    # Only the full name is replaced, so the file still holds this one word on purpose:
    assert session.notes[template.steps[1].key] == f"Niet {MARKER}s: geen hele naam"
    save_note(db, session_id, template.steps[1].key, "weg")
    pseudonymise_person(db, person.id, "Deelnemer A")
    assert not file_holds(database_path(workspace.data_dir), name)
    assert not file_holds(database_path(workspace.data_dir), MARKER)


def test_pseudonym_must_not_be_empty(db):
    team = create_team(db, "Team", ["Ans"])
    with pytest.raises(InputError):
        pseudonymise_person(db, team.people[0].id, " ")


def test_backups_holding_a_deleted_session_are_named_and_purged(workspace, db, catalogue):
    team = create_team(db, "Team Oost", ["Ans"])
    session_id = fill_with_marker(db, catalogue, team)
    keep_id, _ = make_session(db, catalogue, team, note="blijft bewaard")
    before = make_backup(workspace.data_dir, db, BackupKind.MANUAL, datetime(2026, 11, 20, 10, 0))
    delete_session(db, session_id)
    after = make_backup(workspace.data_dir, db, BackupKind.MANUAL, datetime(2026, 11, 21, 10, 0))

    assert [b.path for b in backups_containing(workspace.data_dir, MARKER)] == [before]
    assert [b.path for b in backups_containing(workspace.data_dir, session_id)] == [before]

    assert purge_from_backups(workspace.data_dir, session_id) == [before]

    assert backups_containing(workspace.data_dir, MARKER) == []
    assert MARKER.lower().encode() not in before.read_bytes().lower()
    assert {b.path for b in list_backups(workspace.data_dir)} >= {before, after}
    import sqlite3

    conn = sqlite3.connect(before)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT id FROM sessions")] == [keep_id]
    finally:
        conn.close()
    assert before.stat().st_mode & 0o777 == 0o600


def test_purging_a_free_text_marker_from_backups(workspace, db, catalogue):
    team = create_team(db, "Team Oost", ["Ans"])
    fill_with_marker(db, catalogue, team)
    backup = make_backup(workspace.data_dir, db, BackupKind.MANUAL)
    assert purge_from_backups(workspace.data_dir, MARKER, "[weg]") == [backup]
    assert backups_containing(workspace.data_dir, MARKER) == []


def test_months_before_clamps_to_the_month_end():
    assert months_before(date(2026, 11, 23), 6) == date(2026, 5, 23)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_retention_is_off_by_default_and_previews_before_deleting(workspace, db, catalogue, today):
    assert retention_months(db) is None
    team = create_team(db, "Team Oost", ["Ans"])
    old, _ = make_session(db, catalogue, team, on=date(2025, 5, 22), note="oud " + MARKER)
    edge, _ = make_session(db, catalogue, team, on=date(2025, 5, 23), note="precies op de grens")
    new, _ = make_session(db, catalogue, team, on=date(2026, 10, 1))

    set_retention_months(db, 18)
    assert retention_months(db) == 18
    preview = retention_preview(db, 18, today)
    assert [s.id for s in preview] == [old]
    assert len(list_sessions(db)) == 3  # a preview deletes nothing

    assert [s.id for s in apply_retention(db, 18, today)] == [old]
    assert {s.id for s in list_sessions(db)} == {edge, new}
    assert not file_holds(database_path(workspace.data_dir), MARKER)

    set_retention_months(db, None)
    assert retention_months(db) is None
    with pytest.raises(InputError):
        set_retention_months(db, 0)
