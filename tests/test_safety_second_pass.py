"""Safety, second pass (issue 12): the small things a user meets."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date, timedelta

import pytest

from leersessie.errors import is_disk_full, os_reason
from leersessie.paths import database_path
from leersessie.sessions import start_session
from leersessie.teams import create_team
from leersessie.workspace import open_workspace


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EACCES, "geen toestemming"),
        (errno.EPERM, "geen toestemming"),
        (errno.EROFS, "de schijf is alleen-lezen"),
        (errno.ENOENT, "het bestand of de map bestaat niet"),
        (errno.EBUSY, "het bestand is in gebruik"),
    ],
)
def test_os_errors_are_told_in_dutch(code, phrase):
    assert os_reason(OSError(code, os.strerror(code))) == phrase


def test_a_real_permission_error_reads_dutch(tmp_path):
    if os.geteuid() == 0:
        error = PermissionError(errno.EACCES, "Permission denied")  # root may read anything
    else:
        locked = tmp_path / "dicht"
        locked.write_text("x")
        locked.chmod(0)
        with pytest.raises(PermissionError) as caught:
            locked.read_text()
        error = caught.value
    assert os_reason(error) == "geen toestemming"
    assert "Permission" not in os_reason(error)


def test_disk_full_is_recognised_from_the_os_and_from_sqlite():
    import sqlite3

    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(sqlite3.OperationalError("database or disk is full"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_data_folder_at_0755_is_made_private(data_dir):
    open_workspace(data_dir).close()
    data_dir.chmod(0o755)
    open_workspace(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_folder_with_other_files_is_not_ours_to_tighten(tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    (shared / "iets-anders.txt").write_text("van iemand anders")
    open_workspace(shared).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_a_reader_that_stops_early_gets_no_traceback(data_dir):
    """'leersessie sessions | head -1': the pipe closes while we still write."""
    ws = open_workspace(data_dir)
    team = create_team(ws.db, "Team Pijp", ["Ans"])
    template = ws.catalogue.get("bordsessie")
    for day in range(900):  # more than a pipe holds (64 KiB)
        start_session(
            ws.db,
            team_id=team.id,
            template=template,
            on=date(2020, 1, 1) + timedelta(days=day),
            facilitator="C",
            present=[team.people[0].id],
        )
    ws.close()
    reader = subprocess.Popen(
        [sys.executable, "-m", "leersessie_ui", "--data-dir", str(data_dir), "sessions"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline()  # like head -1: one line, then the pipe closes
    reader.stdout.close()
    errors = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait() == 0
    assert errors == ""
