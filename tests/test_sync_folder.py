"""Teams kept in step through a shared folder, on two data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from leersessie.base.errors import InputError
from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.method.sessions import list_sessions, save_note
from leersessie.method.teams import create_team, find_team
from leersessie.sharing.archive import export_team, read_archive
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.sharing.shared_folder import (
    FolderCheck,
    check_shared_folder,
    mark_merged,
    set_sync_folder,
    share_team,
    sync_folder,
)
from leersessie.workspace import open_workspace


@pytest.fixture
def shared(tmp_path) -> Path:
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    return folder


@pytest.fixture
def coaches(tmp_path, shared):
    """Two laptops with the same demo team, both sharing through ``shared``."""
    a, b = open_workspace(tmp_path / "a"), open_workspace(tmp_path / "b")
    load_demo(a.db, a.catalogue)
    team = find_team(a.db, DEMO_TEAM)
    first = export_team(a.db, team.id, tmp_path / "eerste.leersessie")
    apply_import(b.db, plan_import(b.db, read_archive(first)), b.data_dir)
    for ws in (a, b):
        set_sync_folder(ws.db, shared)
    yield a, b, team.id
    a.close()
    b.close()


def test_a_finished_session_is_offered_to_the_other_coach_once(coaches, shared):
    a, b, team_id = coaches
    session = list_sessions(a.db)[0]
    save_note(a.db, session.id, "inbreng", "Aangevuld door coach A")
    written = share_team(a.db, team_id).path
    assert written is not None and written.parent == shared
    assert check_shared_folder(a.db).offers == []  # never one's own file
    offers = check_shared_folder(b.db).offers
    assert [(offer.path, offer.team_name) for offer in offers] == [(written, DEMO_TEAM)]
    archive = read_archive(written)
    apply_import(b.db, plan_import(b.db, archive), b.data_dir)
    mark_merged(b.db, written, archive)
    assert check_shared_folder(b.db) == FolderCheck([], [])
    note = b.db.execute(
        "SELECT text FROM notes WHERE session_id = ? AND step_key = 'inbreng'", [session.id]
    ).fetchone()
    assert note == ("Aangevuld door coach A",)


def test_each_coach_writes_a_file_of_their_own(coaches, shared):
    a, b, team_id = coaches
    paths = {share_team(ws.db, team_id).path for ws in (a, b)}
    assert len(paths) == 2 and set(shared.iterdir()) == paths


def test_possible_client_data_is_not_shared_automatically(coaches, shared):
    a, _b, team_id = coaches
    save_note(a.db, list_sessions(a.db)[0].id, "inbreng", "Moeder: 06-12345678")
    result = share_team(a.db, team_id)
    assert result.path is None and result.hits and list(shared.iterdir()) == []


def test_archives_of_unknown_teams_and_damaged_files_are_not_offered(coaches, shared, tmp_path):
    a, b, _team_id = coaches
    other = create_team(a.db, "Team alleen op A", ["Wim"])
    share_team(a.db, other.id)
    (shared / "team-kapot-12345678.leersessie").write_bytes(b"half gesynchroniseerd")
    assert check_shared_folder(b.db).offers == []


def test_a_folder_one_cannot_write_is_refused(tmp_path, db):
    with pytest.raises(InputError, match="bestaat niet"):
        set_sync_folder(db, tmp_path / "bestaat-niet")
    assert sync_folder(db) is None
