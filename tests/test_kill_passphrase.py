"""A passphrase change killed half-way is finished at the next start.

A child process changes the passphrase of an encrypted folder (or turns encryption off)
and is stopped with SIGKILL before the database is converted, after it, and after the
first of three backups. The next start converts the backups still under the previous
passphrase: by itself after a change to a new passphrase (the previous key is kept,
encrypted with the new one, until every backup is done), and after the coach gives the
previous passphrase when encryption was turned off. No raw SQLite error ("file is not
a database") reaches the coach in between, and a deletion then reaches every backup.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leersessie.method.sessions import save_note
from leersessie.privacy.deletion import backups_containing, delete_session
from leersessie.sharing.pending import finish_deletions
from leersessie.store.backup import BackupKind, list_backups, make_backup
from leersessie.store.conversion import (
    PREVIOUS_MARKER_NAME,
    PREVIOUS_PASSPHRASE_FILE_ENV,
    convert_folder,
    finish_passphrase_change,
    previous_passphrase_needed,
)
from leersessie.store.encryption import (
    SALT_BYTES,
    PassphraseRequired,
    WrongPassphraseError,
    file_header,
    folder_is_encrypted,
    forget_key,
    unlock,
)
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace
from tests.test_encryption import team_with_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL"),
]

OLD, NEW = "oud wachtwoord van het team", "nieuw wachtwoord van het team"
SECRET = "Geheimtekst-Wulp"

CHILD = """
import sys, time
from pathlib import Path
import leersessie.store.conversion as conversion
import leersessie.store.encryption as encryption

data_dir, old, new, nth = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
encryption.unlock(data_dir, old)
convert = conversion.convert_file
calls = []


def stopping(*args):
    calls.append(1)
    if len(calls) == nth:  # 1: before the database, 2: before the first backup...
        print("stop", flush=True)
        time.sleep(60)
    return convert(*args)


conversion.convert_file = stopping  # the folder's conversion calls it per file
print("klaar", flush=True)
conversion.convert_folder(data_dir, new or None)
print("gedaan", flush=True)
"""


def prepared(data_dir: Path) -> str:
    """An encrypted folder with a secret session and three backups under OLD."""
    ws = open_workspace(data_dir)
    session_id, step = team_with_session(ws, "Team Wulp")
    save_note(ws.db, session_id, step, f"{SECRET} en verder " + "tekst " * 3000)
    ws.close()
    convert_folder(data_dir, OLD)
    ws = open_workspace(data_dir, daily_backup=False)
    for _ in range(3):
        make_backup(data_dir, ws.db, BackupKind.MANUAL)
    ws.close()
    forget_key(data_dir)
    return session_id


def kill_change_at(data_dir: Path, new: str, nth: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), OLD, new, str(nth)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert [child.stdout.readline().strip() for _ in range(2)] == ["klaar", "stop"]
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def unlock_as_the_coach(data_dir: Path) -> str | None:
    """The coach tries the new passphrase, then the old one; None: the folder is plain."""
    forget_key(data_dir)
    if not folder_is_encrypted(data_dir):
        return None
    try:
        unlock(data_dir, NEW)
        return NEW
    except WrongPassphraseError:
        unlock(data_dir, OLD)
        return OLD


def salts(data_dir: Path) -> set[bytes]:
    """The salts of the backups (b'SQLite format 3\\x00'[:16] for a plain one)."""
    return {file_header(info.path)[:SALT_BYTES] for info in list_backups(data_dir)}


def delete_everywhere(data_dir: Path, session_id: str) -> None:
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        delete_session(ws.db, session_id)
        finished = finish_deletions(ws.db, ws.data_dir)
        assert finished.complete, finished
        assert len(finished.backups) == 3
    finally:
        ws.close()
    assert backups_containing(data_dir, SECRET) == []


@pytest.mark.parametrize("nth", [1, 2, 3])
def test_a_killed_change_to_a_new_passphrase_is_finished_at_the_next_start(data_dir, nth):
    session_id = prepared(data_dir)
    kill_change_at(data_dir, NEW, nth)
    passphrase = unlock_as_the_coach(data_dir)
    assert passphrase == (OLD if nth == 1 else NEW)  # the database changed whole or not
    assert not previous_passphrase_needed(data_dir)  # nothing to ask the coach
    ws = open_workspace(data_dir, daily_backup=False)  # the next start converts
    ws.close()
    current = file_header(database_path(data_dir))[:SALT_BYTES]
    assert salts(data_dir) == {current}
    assert not (data_dir / PREVIOUS_MARKER_NAME).exists()
    assert len(backups_containing(data_dir, SECRET)) == 3  # readable, no raw error
    delete_everywhere(data_dir, session_id)


@pytest.mark.parametrize("nth", [2, 3])
def test_a_killed_decryption_asks_for_the_previous_passphrase(data_dir, tmp_path, nth):
    session_id = prepared(data_dir)
    kill_change_at(data_dir, "", nth)
    assert unlock_as_the_coach(data_dir) is None  # the database is plain now
    ws = open_workspace(data_dir, daily_backup=False)
    ws.close()
    assert previous_passphrase_needed(data_dir)
    with pytest.raises(PassphraseRequired) as raised:  # a message, never "not a database"
        backups_containing(data_dir, SECRET)
    assert "ander wachtwoord" in raised.value.message
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        delete_session(ws.db, session_id)
        finished = finish_deletions(ws.db, ws.data_dir)
        assert not finished.complete and finished.locked_backups  # kept pending
    finally:
        ws.close()

    with pytest.raises(WrongPassphraseError):
        finish_passphrase_change(data_dir, NEW)
    # The command line asks for the previous passphrase (here from a file, as a script).
    secret_file = tmp_path / "vorige.txt"
    secret_file.write_text(OLD + "\n", encoding="utf-8")
    env = {**os.environ, PREVIOUS_PASSPHRASE_FILE_ENV: str(secret_file)}
    done = subprocess.run(
        [sys.executable, "-m", "leersessie_ui", "sessions", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "not a database" not in done.stderr
    assert not previous_passphrase_needed(data_dir)
    assert not (data_dir / PREVIOUS_MARKER_NAME).exists()
    assert salts(data_dir) == {b"SQLite format 3\x00"}  # the backups are plain, like the data
    # That start finished the deletion too: the text is in no file under the data folder.
    needle = SECRET.encode().lower()
    holding = [p for p in data_dir.rglob("*") if p.is_file() and needle in p.read_bytes().lower()]
    assert holding == []
