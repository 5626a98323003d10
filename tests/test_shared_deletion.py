"""Deletion reaches the shared folder: two data folders, one shared folder.

Deleting a session (or a team, or retention) rewrites this installation's archive in
the shared folder before the deletion is done; the tombstone travels, and the
colleague's app deletes the session at its next start, from its database, its backups
and its own archive. Archives in a group-shared folder are readable by the group.
"""

from __future__ import annotations

import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest

from leersessie.method.sessions import finish_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import apply_retention, delete_session, delete_team
from leersessie.sharing.archive import export_team, read_archive
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.sharing.pending import finish_deletions, follow_colleagues
from leersessie.sharing.shared_folder import (
    archive_path,
    check_shared_folder,
    installation_id,
    mark_merged,
    set_sync_folder,
    share_team,
)
from leersessie.store.backup import make_backup
from leersessie.workspace import Workspace, open_workspace

SECRET = "Geheimtekst-Grutto"


def files_holding(folder: Path, text: str) -> list[Path]:
    """Every file under ``folder`` with ``text`` in its bytes or in an archive's members."""
    needle = text.encode("utf-8").lower()

    def holds(path: Path) -> bool:
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as bundle:
                data += b"".join(bundle.read(name) for name in bundle.namelist())
        return needle in data.lower()

    return [path for path in folder.rglob("*") if path.is_file() and holds(path)]


def a_session(ws: Workspace, team_id: str, day: int, text: str) -> str:
    template = ws.catalogue.get("actieleren")
    person = ws.db.execute("SELECT id FROM people WHERE team_id = ?", [team_id]).fetchone()[0]
    session = start_session(
        ws.db,
        team_id=team_id,
        template=template,
        on=date(2026, 11, day),
        facilitator="Coach",
        present=[person],
    )
    save_note(ws.db, session, template.steps[0].key, text)
    finish_session(ws.db, session)
    return session


@pytest.fixture
def two(tmp_path):
    """Coach A and coach B share team Grutto through one folder; both have the secret
    session, in their database, a backup and their own archive in the shared folder."""
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    a = open_workspace(tmp_path / "a")
    team = create_team(a.db, "Team Grutto", ["Ans"])
    secret = a_session(a, team.id, 3, f"{SECRET} vertelde over thuis.")
    a_session(a, team.id, 10, "Een gewone sessie.")
    set_sync_folder(a.db, shared)
    mine = share_team(a.db, team.id).path
    b = open_workspace(tmp_path / "b")
    set_sync_folder(b.db, shared)
    assert mine is not None
    apply_import(b.db, plan_import(b.db, read_archive(mine)), b.data_dir)
    mark_merged(b.db, mine, read_archive(mine))
    assert share_team(b.db, team.id).path is not None
    make_backup(b.data_dir, b.db)
    return a, b, team.id, secret, shared  # each test closes what it opened


def start(ws: Workspace) -> Workspace:
    """Close and start again as the app does: open the folder, then follow the shared
    folder (what the window's start-up does on a pool thread)."""
    ws.close()
    again = open_workspace(ws.data_dir)
    follow_colleagues(again.db, again.data_dir, check_shared_folder(again.db).offers)
    return again


def test_a_deleted_session_leaves_both_data_folders_and_the_shared_folder(two, tmp_path):
    a, b, _team_id, secret, shared = two
    assert files_holding(shared, SECRET) and files_holding(b.data_dir, SECRET)

    delete_session(a.db, secret)
    finished = finish_deletions(a.db, a.data_dir)  # before the coach is told it is done
    assert finished.complete
    own_a = [path for path in finished.shared if path.parent == shared]
    assert len(own_a) == 1 and own_a[0] not in files_holding(shared, SECRET)
    assert files_holding(a.data_dir, SECRET) == []

    a, b = start(a), start(b)
    try:
        assert b.db.execute("SELECT 1 FROM sessions WHERE id = ?", [secret]).fetchone() is None
        assert b.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1  # the other
        assert b.db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 0
        assert [offer.path for offer in check_shared_folder(b.db).offers] == own_a  # offered
    finally:
        a.close()
        b.close()
    for folder in (a.data_dir, b.data_dir, shared):
        assert files_holding(folder, SECRET) == [], folder


def test_an_unreachable_shared_folder_stays_pending_until_the_next_start(two, tmp_path):
    a, b, team_id, secret, shared = two
    b.close()
    own = archive_path(shared, team_id, installation_id(a.db))
    away = tmp_path / "offline"
    shared.rename(away)  # the network drive is gone
    delete_session(a.db, secret)
    finished = finish_deletions(a.db, a.data_dir)
    assert not finished.complete and "niet bereikbaar" in str(finished.shared_problem)
    assert files_holding(a.data_dir, SECRET) == []  # the database and backups are done
    assert a.db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 1
    away.rename(shared)
    assert own in files_holding(shared, SECRET)
    a.close()
    again = open_workspace(a.data_dir)  # the next start finishes it
    try:
        assert again.deletions is not None and again.deletions.complete
        assert again.deletions.shared == [own]
        assert again.db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 0
    finally:
        again.close()
    assert own not in files_holding(shared, SECRET)


def test_with_client_data_in_another_session_only_the_tombstones_are_shared(two):
    a, b, team_id, secret, shared = two
    a_session(a, team_id, 17, "Moeder bereikbaar op 06-12345678")  # a hit: not shared
    delete_session(a.db, secret)
    finished = finish_deletions(a.db, a.data_dir)
    a.close()
    [rewritten] = finished.shared
    archive = read_archive(rewritten)
    assert archive.tables["sessions"] == [] and archive.tombstones
    assert not files_holding(shared, "06-12345678")
    b = start(b)
    try:
        assert b.db.execute("SELECT 1 FROM sessions WHERE id = ?", [secret]).fetchone() is None
    finally:
        b.close()
    assert files_holding(b.data_dir, SECRET) == []
    assert files_holding(shared, SECRET) == []


def test_retention_reaches_the_shared_folder_too(two):
    a, b, _team_id, _secret, _shared = two
    b.close()
    assert apply_retention(a.db, 1, date(2027, 6, 1))
    finished = finish_deletions(a.db, a.data_dir)
    a.close()
    assert finished.complete and finished.shared
    assert read_archive(finished.shared[0]).tables["sessions"] == []
    assert files_holding(a.data_dir, SECRET) == []


def test_a_deleted_team_takes_its_archive_out_of_the_shared_folder(two):
    a, b, team_id, _secret, shared = two
    b.close()
    own = archive_path(shared, team_id, installation_id(a.db))
    delete_team(a.db, team_id)
    finished = finish_deletions(a.db, a.data_dir)
    a.close()
    assert finished.complete and finished.shared == [own] and not own.exists()
    assert files_holding(a.data_dir, SECRET) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_archives_follow_the_group_of_a_group_shared_folder(tmp_path, db):
    team = create_team(db, "Team Kievit", ["Ans"])
    private, group = tmp_path / "alleen-ik", tmp_path / "groep"
    for folder, mode in ((private, 0o700), (group, 0o2770)):  # setgid, group-writable
        folder.mkdir()
        os.chmod(folder, mode)
    for folder, expected in ((private, 0o600), (group, 0o640)):
        set_sync_folder(db, folder)
        path = share_team(db, team.id).path
        assert path is not None
        assert stat.S_IMODE(path.stat().st_mode) == expected, folder
        assert path.stat().st_gid == folder.stat().st_gid
    elsewhere = export_team(db, team.id, tmp_path / "elders.leersessie")
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600  # an export anywhere else: private
