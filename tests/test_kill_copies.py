"""A kill in the middle of a backup, a restore or a schema upgrade leaves no copy behind
that outlives a deletion.

A child process backs up, restores or upgrades in a loop and is killed with SIGKILL at
random moments. The next start removes every temporary copy it left; then a session is
deleted (and purged from the backups), and its text is in no file under the data folder.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from fixtures.make_fixtures import SESSION, fixture_path

from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import delete_session
from leersessie.sharing.pending import finish_deletions
from leersessie.store.backup import backup_dir, export_backup
from leersessie.store.paths import TEMP_PREFIX, database_path
from leersessie.workspace import open_workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL"),
]

CHILD = """
import sys, time
from pathlib import Path
from leersessie.store.backup import make_backup, restore_backup
from leersessie.store.locks import acquire_instance_lock
from leersessie.workspace import open_workspace

mode, data_dir, source = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
print("klaar", flush=True)
if mode == "backup":
    lock = acquire_instance_lock(data_dir)
    while True:
        make_backup(data_dir)
elif mode == "restore":
    while True:
        restore_backup(data_dir, source)
elif mode == "upgrade-stalled":
    # The backup before the upgrade stops once its temporary copy is whole: the moment a
    # kill leaves a full copy of the database behind, reached every time.
    import leersessie.store.backup as backup

    step = backup._backup_step_by_step

    def stalled(*args):
        step(*args)
        print("kopie", flush=True)
        time.sleep(60)

    backup._backup_step_by_step = stalled
    open_workspace(data_dir).close()
else:
    open_workspace(data_dir).close()
    time.sleep(60)
"""
SECRET = "Geheimtekst-Kwartelkoning"


def _kill_child_at_random(mode: str, data_dir: Path, source: Path, rnd: random.Random) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(data_dir), str(source)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "klaar"
    time.sleep(rnd.uniform(0, 0.3))
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def _temporary_copies(data_dir: Path) -> list[Path]:
    return [
        path
        for folder in (data_dir, backup_dir(data_dir))
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.startswith(TEMP_PREFIX)
    ]


def _files_holding(data_dir: Path, text: str) -> list[Path]:
    needle = text.encode("utf-8").lower()
    return [
        path
        for path in data_dir.rglob("*")
        if path.is_file() and needle in path.read_bytes().lower()
    ]


def test_kills_during_backup_and_restore_leave_nothing_after_a_deletion(data_dir, tmp_path):
    ws = open_workspace(data_dir)
    team = create_team(ws.db, "Team Kwartel", ["Ans"])
    template = ws.catalogue.get("actieleren")
    secret_session = ""
    for day in range(1, 25):  # a few MB, so a kill often lands inside a copy
        session = start_session(
            ws.db,
            team_id=team.id,
            template=template,
            on=date(2026, 10, day),
            facilitator="C",
            present=[team.people[0].id],
        )
        text = f"{SECRET} " if day == 12 else ""
        save_note(ws.db, session, template.steps[0].key, text + "notitie " * 20_000)
        secret_session = session if day == 12 else secret_session
    source = export_backup(ws.db, tmp_path / "extern.db")  # restored over and over
    ws.close()

    rnd = random.Random(20261129)
    left_behind = 0
    for run in range(16):
        _kill_child_at_random("backup" if run % 2 else "restore", data_dir, source, rnd)
        left_behind += len(_temporary_copies(data_dir))
        ws = open_workspace(data_dir, daily_backup=False)  # the next start
        assert _temporary_copies(data_dir) == [], run
        ws.close()
    assert left_behind > 0  # the kills did land inside copies

    ws = open_workspace(data_dir, daily_backup=False)
    delete_session(ws.db, secret_session)
    assert finish_deletions(ws.db, ws.data_dir).backups
    ws.close()
    assert _files_holding(data_dir, SECRET) == []


def _kill_stalled_upgrade(data_dir: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, "upgrade-stalled", str(data_dir), str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert [child.stdout.readline().strip() for _ in range(2)] == ["klaar", "kopie"]
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def test_kills_during_a_schema_upgrade_leave_nothing_after_a_deletion(tmp_path):
    rnd = random.Random(47)
    left_behind = 0
    for run in range(8):
        data_dir = tmp_path / f"upgrade-{run}"
        data_dir.mkdir()
        shutil.copyfile(fixture_path(1), database_path(data_dir))
        if run < 2:  # killed with the copy whole; the others at a random moment
            _kill_stalled_upgrade(data_dir)
        else:
            _kill_child_at_random("upgrade", data_dir, data_dir, rnd)
        left_behind += len(_temporary_copies(data_dir))
        ws = open_workspace(data_dir)  # finishes the upgrade
        assert _temporary_copies(data_dir) == [], run
        delete_session(ws.db, SESSION)
        finish_deletions(ws.db, ws.data_dir)
        ws.close()
        assert _files_holding(data_dir, "Fixturenotitie") == [], run
    assert left_behind > 0
