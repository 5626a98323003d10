"""Start-up checks: every way a database cannot be opened gets a clear Dutch message
with what to do, and the database file (and its -wal) stays byte for byte as it was."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from fixtures.helpers import another_process_can_lock, fingerprint, hold_lock_in_subprocess

import leersessie.store.backup as backup_module
from leersessie.base.dates import written
from leersessie.base.errors import DatabaseError, UserFacingError
from leersessie.method.teams import create_team, list_teams
from leersessie.store.backup import BackupKind, make_backup
from leersessie.store.integrity import DamagedDatabaseError
from leersessie.store.locks import acquire_instance_lock, mount_type, sync_or_network_warning
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace


@pytest.fixture
def filled(data_dir) -> Path:
    """A data folder with a database holding a team, a backup of 20 November, closed."""
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Oost", ["Ans"])
    make_backup(data_dir, ws.db, BackupKind.MANUAL, datetime(2026, 11, 20, 16, 45))
    ws.close()
    for daily in data_dir.glob("reservekopieen/*-dag.db"):
        daily.unlink()  # so the latest backup is the one of 20 November
    return database_path(data_dir)


def refused(data_dir: Path, db_file: Path, error: type[UserFacingError] = DatabaseError) -> str:
    before = fingerprint(db_file)
    with pytest.raises(error) as info:
        open_workspace(data_dir)
    assert fingerprint(db_file) == before
    return info.value.message


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 8, len(data), 4096):  # every page after the first
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_database_names_the_latest_backup(data_dir, filled):
    damage(filled)
    message = refused(data_dir, filled, DamagedDatabaseError)
    assert "beschadigd" in message
    assert "20 november 2026" in message and "16:45" in message
    assert "leersessie restore" in message
    assert written(datetime(2026, 11, 20).date()) == "20 november 2026"


def test_a_damaged_database_without_any_backup_says_so(data_dir, filled):
    for backup in data_dir.glob("reservekopieen/*.db"):
        backup.unlink()
    damage(filled)
    message = refused(data_dir, filled, DamagedDatabaseError)
    assert "beschadigd" in message and "nog geen reservekopie" in message


def test_a_file_that_is_no_database(data_dir, filled):
    filled.write_text("Dit is een tekstbestand dat hier per ongeluk staat.\n" * 50)
    message = refused(data_dir, filled, DamagedDatabaseError)
    assert "geen Leersessie-database" in message and "20 november 2026" in message


def test_a_database_of_a_newer_version(data_dir, filled):
    with sqlite3.connect(filled) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('leersessie', 'm999_from_the_future', '2030-01-01')"
        )
    conn.close()
    message = refused(data_dir, filled)
    assert "nieuwere versie van Leersessie" in message


def test_a_database_held_by_another_running_instance(data_dir, filled):
    with hold_lock_in_subprocess(data_dir):
        message = refused(data_dir, filled)
    assert "al geopend" in message
    ws = open_workspace(data_dir)  # the other one closed: now it opens
    ws.close()


def test_an_unsaved_wal_is_left_alone_too(data_dir, filled):
    """A kill left committed pages in the -wal; a refused start must not merge them."""
    ws = open_workspace(data_dir)
    ws.db.execute("PRAGMA wal_autocheckpoint = 0")
    create_team(ws.db, "Team in de WAL")
    # Copy database + WAL as a kill would leave them, then close the real connection.
    saved = {suffix: Path(str(filled) + suffix).read_bytes() for suffix in ("", "-wal")}
    ws.close()
    for suffix, content in saved.items():
        Path(str(filled) + suffix).write_bytes(content)
    assert len(saved["-wal"]) > 0
    with hold_lock_in_subprocess(data_dir):
        refused(data_dir, filled)
    ws = open_workspace(data_dir)  # and nothing was lost
    try:
        assert "Team in de WAL" in [t.name for t in list_teams(ws.db)]
    finally:
        ws.close()


def _as_a_normal_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may write anywhere, so emulate an ordinary user's view of permissions."""
    if os.name != "posix" or os.geteuid() != 0:
        return

    def access(path, mode):
        bits = os.stat(path).st_mode
        return not (mode & os.W_OK and not bits & stat.S_IWUSR)

    monkeypatch.setattr(os, "access", access)


def test_a_read_only_database_file(data_dir, filled, monkeypatch):
    _as_a_normal_user(monkeypatch)
    filled.chmod(0o400)
    try:
        message = refused(data_dir, filled)
    finally:
        filled.chmod(0o600)
    assert "alleen-lezen" in message and "schrijfrechten" in message


def test_a_read_only_folder(data_dir, filled, monkeypatch):
    _as_a_normal_user(monkeypatch)
    data_dir.chmod(0o500)
    try:
        message = refused(data_dir, filled, UserFacingError)
    finally:
        data_dir.chmod(0o700)
    assert "schrijf" in message


def _full_disk_target(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA max_page_count = 2")  # SQLite answers SQLITE_FULL beyond this
    return conn


def _opens_with_a_backup_warning(data_dir: Path) -> str:
    """Reading and exporting go on without the daily backup; the coach hears why."""
    ws = open_workspace(data_dir)
    ws.close()
    assert ws.backup_warning is not None
    return ws.backup_warning


def test_a_full_disk_when_the_daily_backup_is_made(data_dir, filled, monkeypatch):
    monkeypatch.setattr(backup_module, "_connect_target", _full_disk_target)
    message = _opens_with_a_backup_warning(data_dir)
    assert "schijf is vol" in message and "ruimte vrij" in message
    assert "geen reservekopie gemaakt" in message
    assert list(data_dir.glob("reservekopieen/*-dag.db")) == []
    assert list(data_dir.glob("reservekopieen/.leersessie-*")) == []  # no half file left
    monkeypatch.undo()
    ws = open_workspace(data_dir)  # space freed: the backup is made after all
    ws.close()
    assert ws.backup_warning is None and list(data_dir.glob("reservekopieen/*-dag.db"))


def test_a_full_disk_reported_by_the_os(data_dir, filled, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup_module.os, "fsync", no_space)
    assert "schijf is vol" in _opens_with_a_backup_warning(data_dir)


# --- the instance lock -------------------------------------------------------------


def test_the_lock_is_shared_within_one_process(data_dir):
    data_dir.mkdir()
    first = acquire_instance_lock(data_dir)
    second = acquire_instance_lock(data_dir)  # the app opening its own folder again
    assert not another_process_can_lock(data_dir)
    first.release()
    assert not another_process_can_lock(data_dir)  # the second holder still has it
    second.release()
    assert another_process_can_lock(data_dir)  # all released: another process may take it


def test_a_killed_instance_leaves_no_stale_lock(data_dir):
    data_dir.mkdir()
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from leersessie.store.locks import acquire_instance_lock\n"
        "lock = acquire_instance_lock(Path(sys.argv[1]))\n"
        "print('klaar', flush=True)\ntime.sleep(60)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "klaar"
    with pytest.raises(DatabaseError, match="al geopend"):
        acquire_instance_lock(data_dir)
    process.send_signal(signal.SIGKILL)
    process.wait()
    acquire_instance_lock(data_dir).release()


# --- synced folders and network drives ----------------------------------------------


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("OneDrive/Documenten/Leersessie", "OneDrive"),
        ("OneDrive - Jeugdzorg Noord/Leersessie", "OneDrive"),
        ("Dropbox (Persoonlijk)/werk", "Dropbox"),
        ("Library/Mobile Documents/com~apple~CloudDocs/Leersessie", "iCloud Drive"),
        ("iCloud Drive/Leersessie", "iCloud Drive"),
        ("Google Drive/Mijn Drive/Leersessie", "Google Drive"),
        ("Library/CloudStorage/GoogleDrive-coach@example.nl/Leersessie", "cloudopslagdienst"),
    ],
)
def test_synced_folders_get_a_warning(tmp_path, folder, service):
    warning = sync_or_network_warning(tmp_path / folder)
    assert warning is not None and service in warning and "Kies een map" in warning


@pytest.mark.parametrize(
    "folder", ["Documenten/Leersessie", "dropboxes-are-not-here/x", "Leersessie/onedrive.txt.d"]
)
def test_ordinary_folders_get_none(tmp_path, folder):
    assert sync_or_network_warning(tmp_path / folder, tmp_path / "geen-mounts") is None


def test_network_drives_from_the_mount_table(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "server:/export /mnt/nas nfs4 rw 0 0\n"
        "//server/share /mnt/share\\040team cifs rw 0 0\n"
        "coach@host:/home /mnt/ssh fuse.sshfs rw 0 0\n"
        "/dev/sdb1 /mnt/nas/local ext4 rw 0 0\n"
        "/dev/sdc1 /media/usb fuseblk rw 0 0\n"
    )
    assert mount_type(Path("/mnt/nas/x"), mounts) == "nfs4"
    assert mount_type(Path("/mnt/nas/local/x"), mounts) == "ext4"  # the longest mount wins
    for remote in ("/mnt/nas/Leersessie", "/mnt/share team/Leersessie", "/mnt/ssh/data"):
        warning = sync_or_network_warning(Path(remote), mounts)
        assert warning is not None and "netwerkschijf" in warning
    for local in ("/home/coach/Leersessie", "/mnt/nas/local/Leersessie", "/media/usb/x"):
        assert sync_or_network_warning(Path(local), mounts) is None


def test_the_workspace_carries_the_warning_and_still_opens(tmp_path):
    ws = open_workspace(tmp_path / "OneDrive - Team" / "Leersessie")
    try:
        assert ws.location_warning is not None and "OneDrive" in ws.location_warning
    finally:
        ws.close()
    ws = open_workspace(tmp_path / "gewoon")
    try:
        assert ws.location_warning is None
    finally:
        ws.close()
