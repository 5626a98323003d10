"""Kills on an encrypted folder: while the app writes, and in the middle of converting.

After each SIGKILL the folder must open (with the passphrase when the database is
encrypted), pass ``PRAGMA integrity_check`` and hold every committed note: the old
plain database or the new encrypted one is complete, never neither.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leersessie.method.sessions import save_note
from leersessie.store.backup import BackupKind, list_backups, make_backup
from leersessie.store.conversion import convert_folder
from leersessie.store.encryption import folder_is_encrypted, forget_key, unlock
from leersessie.workspace import open_workspace
from tests.test_encryption import team_with_session

PASSPHRASE = "correct paard batterij"
NOTE = "Notitie die elke kill overleeft"

CONVERTER = """
import sys
from pathlib import Path
from leersessie.store.encryption import unlock
from leersessie.store.conversion import convert_folder
data_dir, passphrase, direction = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if direction == "decrypt":
    unlock(data_dir, passphrase)
print("klaar", flush=True)
convert_folder(data_dir, passphrase if direction == "encrypt" else None)
print("omgezet", flush=True)
"""

WRITER = """
import sys
from pathlib import Path
from leersessie.store.encryption import unlock
from leersessie.store.paths import database_path
from leersessie.store.locks import acquire_instance_lock
from leersessie.method.sessions import save_note
from leersessie.store.storage import open_database

data_dir, passphrase, session_id, step, number = sys.argv[1:6]
unlock(Path(data_dir), passphrase)
lock = acquire_instance_lock(Path(data_dir))
db = open_database(database_path(Path(data_dir)))
number = int(number)
print("klaar", flush=True)
while True:
    number += 1
    save_note(db, session_id, step, f"{number}|" + "x" * (number % 7) * 900)
    print(number, flush=True)
"""


def prepared(data_dir: Path) -> tuple[str, str]:
    ws = open_workspace(data_dir)
    session_id, step = team_with_session(ws, "Team Kill")
    save_note(ws.db, session_id, step, NOTE + " " + "y" * 20000)
    for _ in range(3):
        make_backup(data_dir, ws.db, BackupKind.MANUAL)
    ws.close()
    return session_id, step


def note_after_opening(data_dir: Path, session_id: str, step: str) -> str:
    """Open as the app does after a crash: ask for the passphrase only when encrypted."""
    forget_key(data_dir)
    if folder_is_encrypted(data_dir):
        unlock(data_dir, PASSPHRASE)
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = ws.db.execute(
            "SELECT text FROM notes WHERE session_id = ? AND step_key = ?", [session_id, step]
        ).fetchone()
        return str(row[0])
    finally:
        ws.close()


def run_child(script: str, *args: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "klaar"
    return child


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_kill_during_conversion_leaves_one_complete_database(data_dir):
    session_id, step = prepared(data_dir)
    rnd = random.Random(20261129)
    finished = interrupted = 0
    for run in range(16):
        direction = "decrypt" if folder_is_encrypted(data_dir) else "encrypt"
        child = run_child(CONVERTER, str(data_dir), PASSPHRASE, direction)
        time.sleep(rnd.uniform(0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.stdout is not None
        done = "omgezet" in child.stdout.read()
        child.stdout.close()
        finished += done
        interrupted += not done
        assert note_after_opening(data_dir, session_id, step).startswith(NOTE), run
        leftovers = [
            p.name for p in data_dir.rglob("*") if p.name.endswith((".omzetten", ".vervangen"))
        ]
        assert leftovers == [], run  # settled at opening
        if folder_is_encrypted(data_dir):
            # Backups still plain after an interrupted encryption are encrypted at opening.
            assert all(info.path.read_bytes()[:6] != b"SQLite" for info in list_backups(data_dir))
    assert interrupted >= 4  # most kills landed inside a conversion
    assert finished + interrupted == 16


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_a_writer_on_an_encrypted_database(data_dir):
    session_id, step = prepared(data_dir)
    convert_folder(data_dir, PASSPHRASE)
    rnd = random.Random(1129)
    committed = 0
    for run in range(25):
        writer = run_child(WRITER, str(data_dir), PASSPHRASE, session_id, step, str(committed))
        time.sleep(rnd.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert writer.stdout is not None
        reported = [int(line) for line in writer.stdout.read().split() if line.isdigit()]
        writer.stdout.close()
        last_reported = reported[-1] if reported else committed
        text = note_after_opening(data_dir, session_id, step)
        in_db = int(text.split("|")[0]) if "|" in text else 0
        assert last_reported <= in_db <= last_reported + 1, (run, last_reported, in_db)
        committed = in_db
    assert committed > 25
    assert folder_is_encrypted(data_dir)
