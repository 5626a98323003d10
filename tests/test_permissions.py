"""Only the user can read what Leersessie writes (POSIX): the database, its -wal and
-shm, the backups and their folder, PDFs and other exports."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from leersessie.memory.actions import add_action
from leersessie.memory.overview import ActionFilter, export_csv
from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team
from leersessie.reports.summary import write_summary
from leersessie.store.backup import export_backup, list_backups, make_backup, restore_backup
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """Start from the most permissive umask a user might have."""
    old = os.umask(0o000)
    yield
    os.umask(old)


def test_database_wal_shm_backups_and_exports_are_private(tmp_path, loose_umask):
    data_dir = tmp_path / "data"
    ws = open_workspace(data_dir)
    try:
        team = create_team(ws.db, "Team Oost", ["Ans"])
        template = ws.catalogue.get("actieleren")
        session_id = start_session(
            ws.db,
            team_id=team.id,
            template=template,
            on=date(2026, 11, 23),
            facilitator="Coach",
            present=[team.people[0].id],
        )
        save_note(ws.db, session_id, template.steps[0].key, "vertrouwelijk")
        db_file = database_path(data_dir)
        files = [db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")]
        assert all(f.exists() for f in files)  # WAL mode: all three are there while open

        backups = [make_backup(data_dir, ws.db), export_backup(ws.db, tmp_path / "kopie.db")]
        backups += [info.path for info in list_backups(data_dir)]  # the daily one too
        pdf = write_summary(ws.db, session_id, tmp_path / "verslag.pdf")
        add_action(ws.db, session_id, template.steps[-1].key, "Bellen", team.people[0].id, None)
        assert export_csv(ws.db, ActionFilter(), tmp_path / "acties.csv") == 1

        for path in [*files, *backups, pdf, tmp_path / "acties.csv"]:
            assert mode(path) == 0o600, path
        assert mode(data_dir) == 0o700
        assert mode(data_dir / "reservekopieen") == 0o700
    finally:
        ws.close()


def test_a_restored_database_is_private(tmp_path, loose_umask):
    data_dir = tmp_path / "data"
    ws = open_workspace(data_dir)
    backup = make_backup(data_dir, ws.db)
    ws.close()
    os.chmod(backup, 0o644)  # e.g. copied back from a USB stick
    kept = restore_backup(data_dir, backup)
    assert mode(database_path(data_dir)) == 0o600
    assert kept is not None and mode(kept) == 0o600


def test_opening_makes_a_too_open_database_private(tmp_path):
    data_dir = tmp_path / "data"
    open_workspace(data_dir).close()
    os.chmod(database_path(data_dir), 0o644)
    open_workspace(data_dir).close()
    assert mode(database_path(data_dir)) == 0o600
