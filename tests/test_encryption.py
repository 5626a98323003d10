"""Encryption at rest: a passphrase on the data folder, with real SQLCipher files."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from leersessie.base.errors import DatabaseError, InputError
from leersessie.cli import main as cli_main
from leersessie.memory.actions import add_action
from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import backups_containing, purge_from_backups
from leersessie.store.backup import (
    BackupKind,
    export_backup,
    list_backups,
    make_backup,
    restore_backup,
)
from leersessie.store.conversion import convert_folder
from leersessie.store.encryption import (
    MARKER_NAME,
    PassphraseRequired,
    WrongPassphraseError,
    folder_is_encrypted,
    forget_key,
    unlock,
    unlock_with,
)
from leersessie.store.integrity import DamagedDatabaseError
from leersessie.store.paths import SCRATCH_DIR, database_path
from leersessie.workspace import Workspace, open_workspace

PASSPHRASE = "correct paard batterij"
TEAM = "Team Zilverberk"
NOTE = "Zorgmelding over Jantje Vlindervleugel"
ACTION = "Bel wijkagent Kroonkurk terug"
SECRETS = (TEAM, NOTE, ACTION, "Vlindervleugel", "Kroonkurk", "Zilverberk")


def team_with_session(ws: Workspace, team_name: str) -> tuple[str, str]:
    """A team of one and an actieleren session; returns its id and a notes step."""
    team = create_team(ws.db, team_name, ["Ans"])
    template = ws.catalogue.get("actieleren")
    session_id = start_session(
        ws.db,
        team_id=team.id,
        template=template,
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[team.people[0].id],
    )
    return session_id, template.steps[1].key


def fill(data_dir: Path) -> tuple[str, str]:
    """A team, a session with a note and an action, a backup, a PDF in the scratch folder;
    returns the session id and the step key."""
    ws = open_workspace(data_dir)
    session_id, step = team_with_session(ws, TEAM)
    save_note(ws.db, session_id, step, NOTE)
    add_action(ws.db, session_id, step, ACTION, None, None)
    make_backup(data_dir, ws.db, BackupKind.MANUAL)
    (ws.scratch_dir / "verslag.pdf").write_text(NOTE)
    ws.close()
    return session_id, step


def files_holding_secrets(data_dir: Path) -> list[str]:
    found = []
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [
                f"{path.name}: {secret}" for secret in SECRETS if secret.encode("utf-8") in data
            ]
    return found


def all_files(data_dir: Path) -> list[Path]:
    """The database and its backups; only the daily one of the first start has no team."""
    return [database_path(data_dir), *(i.path for i in list_backups(data_dir))]


def team_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT name FROM teams")]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".leersessie.lock"
    }


@pytest.fixture
def encrypted(data_dir: Path) -> tuple[str, str]:
    ids = fill(data_dir)
    convert_folder(data_dir, PASSPHRASE)
    forget_key(data_dir)  # as after a restart: the key must be asked for again
    return ids


def test_a_plain_folder_has_the_words_in_its_bytes_so_the_check_can_fail(data_dir):
    fill(data_dir)
    assert any(NOTE in found for found in files_holding_secrets(data_dir))


def test_after_encrypting_no_file_under_the_data_folder_holds_a_word(data_dir, encrypted):
    session_id, step = encrypted
    assert files_holding_secrets(data_dir) == []
    assert not (data_dir / SCRATCH_DIR).exists() or not any((data_dir / SCRATCH_DIR).iterdir())
    assert (data_dir / MARKER_NAME).exists()
    assert PASSPHRASE not in (data_dir / MARKER_NAME).read_text()

    # Working with it: the WAL while open, a new backup, a closed database.
    unlock(data_dir, PASSPHRASE)
    ws = open_workspace(data_dir)
    save_note(ws.db, session_id, step, NOTE + " en Vlindervleugel opnieuw")
    make_backup(data_dir, ws.db, BackupKind.MANUAL)
    assert Path(f"{database_path(data_dir)}-wal").exists()
    assert files_holding_secrets(data_dir) == []
    note = ws.db.execute("SELECT text FROM notes WHERE session_id = ?", [session_id]).fetchone()
    assert note[0].startswith(NOTE)
    ws.close()
    assert files_holding_secrets(data_dir) == []
    assert len(list_backups(data_dir)) == 3  # the first day's, and two by hand


def test_each_file_opens_with_the_passphrase_alone_in_sqlcipher(data_dir, encrypted):
    names = []
    for path in all_files(data_dir):
        conn = sqlcipher3.connect(str(path))
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        names += team_names(conn)
        conn.close()
    assert names == [TEAM, TEAM]


def test_an_encrypted_folder_is_not_opened_without_the_passphrase(data_dir, encrypted):
    before = fingerprint(data_dir)
    with pytest.raises(PassphraseRequired, match="versleuteld"):
        open_workspace(data_dir)
    assert fingerprint(data_dir) == before


def test_a_wrong_passphrase_three_tries_and_the_files_untouched(data_dir, encrypted):
    before = fingerprint(data_dir)
    asked = []

    def ask() -> str:
        asked.append(1)
        return "verkeerd wachtwoord"

    with pytest.raises(WrongPassphraseError, match="klopt niet"):
        unlock_with(data_dir, ask)
    assert len(asked) == 3
    assert fingerprint(data_dir) == before

    answers = iter(["fout een", "fout twee", PASSPHRASE])
    unlock_with(data_dir, lambda: next(answers))
    open_workspace(data_dir).close()


def test_a_plain_folder_is_opened_without_asking(data_dir):
    fill(data_dir)
    assert not folder_is_encrypted(data_dir)
    ws = open_workspace(data_dir)
    assert ws.db.execute("SELECT name FROM teams").fetchone()[0] == TEAM
    ws.close()
    assert not (data_dir / MARKER_NAME).exists()


def test_a_damaged_encrypted_file_is_told_apart_from_a_wrong_passphrase(data_dir, encrypted):
    db_file = database_path(data_dir)
    data = bytearray(db_file.read_bytes())
    data[200:260] = b"\xff" * 60  # inside page 1, after the salt
    db_file.write_bytes(bytes(data))
    before = fingerprint(data_dir)
    with pytest.raises(WrongPassphraseError):
        unlock(data_dir, "niet het wachtwoord")
    unlock(data_dir, PASSPHRASE)  # the passphrase fits the folder...
    with pytest.raises(DamagedDatabaseError, match="beschadigd: het wachtwoord klopt"):
        open_workspace(data_dir)  # ...but the file cannot be read
    assert fingerprint(data_dir) == before


def test_decrypting_gives_plain_files_again_and_removes_the_marker(data_dir, encrypted):
    with pytest.raises(PassphraseRequired):
        convert_folder(data_dir, None)
    unlock(data_dir, PASSPHRASE)
    convert_folder(data_dir, None)
    assert not folder_is_encrypted(data_dir)
    assert not (data_dir / MARKER_NAME).exists()
    names = []
    for path in all_files(data_dir):
        conn = sqlite3.connect(path)
        names += team_names(conn)
        conn.close()
    assert names == [TEAM, TEAM]
    forget_key(data_dir)
    open_workspace(data_dir).close()  # opened without asking
    with pytest.raises(InputError, match="niet versleuteld"):
        convert_folder(data_dir, None)


def test_changing_the_passphrase_rekeys_database_and_backups(data_dir, encrypted):
    unlock(data_dir, PASSPHRASE)
    convert_folder(data_dir, "een heel nieuw wachtwoord")
    forget_key(data_dir)
    with pytest.raises(WrongPassphraseError):
        unlock(data_dir, PASSPHRASE)
    unlock(data_dir, "een heel nieuw wachtwoord")
    ws = open_workspace(data_dir)
    assert ws.db.execute("SELECT name FROM teams").fetchone()[0] == TEAM
    ws.close()
    names = []
    for path in all_files(data_dir):
        conn = sqlcipher3.connect(str(path))
        conn.execute("PRAGMA key = 'een heel nieuw wachtwoord'")
        names += team_names(conn)
        conn.close()
    assert names == [TEAM, TEAM]
    assert files_holding_secrets(data_dir) == []


def test_a_short_passphrase_is_refused_and_nothing_changes(data_dir):
    fill(data_dir)
    before = fingerprint(data_dir)
    with pytest.raises(InputError, match="minstens 8"):
        convert_folder(data_dir, "kort")
    assert fingerprint(data_dir) == before


def test_restore_asks_for_the_passphrase_of_a_backup_that_differs(data_dir, encrypted, tmp_path):
    unlock(data_dir, PASSPHRASE)
    ws = open_workspace(data_dir)
    old = export_backup(ws.db, tmp_path / "oud.db")  # encrypted with the first passphrase
    ws.close()
    assert not any(secret.encode() in old.read_bytes() for secret in SECRETS)
    convert_folder(data_dir, "tweede wachtwoord hier")
    with pytest.raises(PassphraseRequired, match="ander wachtwoord"):
        restore_backup(data_dir, old)
    with pytest.raises(WrongPassphraseError):
        restore_backup(data_dir, old, "geen idee meer")
    restore_backup(data_dir, old, PASSPHRASE)
    forget_key(data_dir)
    unlock(data_dir, "tweede wachtwoord hier")  # the folder keeps its own passphrase
    ws = open_workspace(data_dir)
    assert ws.db.execute("SELECT name FROM teams").fetchone()[0] == TEAM
    ws.close()
    assert files_holding_secrets(data_dir) == []


def test_a_plain_backup_restored_into_an_encrypted_folder_is_encrypted(data_dir, tmp_path):
    fill(data_dir)
    plain = next(info.path for info in list_backups(data_dir))
    outside = tmp_path / "plain.db"
    outside.write_bytes(plain.read_bytes())
    convert_folder(data_dir, PASSPHRASE)
    restore_backup(data_dir, outside)
    assert folder_is_encrypted(data_dir)
    assert files_holding_secrets(data_dir) == []


def test_deletion_reports_and_purge_work_on_encrypted_backups(data_dir, encrypted):
    session_id, _ = encrypted
    unlock(data_dir, PASSPHRASE)
    assert len(backups_containing(data_dir, "vlindervleugel")) == 1  # ignoring case
    assert backups_containing(data_dir, "Nergens te vinden") == []
    changed = purge_from_backups(data_dir, session_id)
    assert len(changed) == 1
    assert backups_containing(data_dir, "Vlindervleugel") == []
    assert backups_containing(data_dir, session_id) == []
    assert files_holding_secrets(data_dir) == []


def test_closing_the_workspace_empties_the_temporary_pdfs(data_dir):
    ws = open_workspace(data_dir)
    (ws.scratch_dir / "verslag.pdf").write_bytes(b"%PDF")
    ws.close()
    assert not (data_dir / SCRATCH_DIR).exists()


# --- the command line --------------------------------------------------------------


def test_cli_encrypt_and_decrypt_with_a_passphrase_file(data_dir, tmp_path, monkeypatch, capsys):
    fill(data_dir)
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSPHRASE + "\n")
    monkeypatch.setenv("LEERSESSIE_PASSPHRASE_FILE", str(secret))
    assert cli_main(["encrypt", "--data-dir", str(data_dir)]) == 0
    assert "nooit meer lezen" in capsys.readouterr().err
    assert folder_is_encrypted(data_dir)
    assert files_holding_secrets(data_dir) == []
    forget_key(data_dir)
    assert cli_main(["sessions", "--data-dir", str(data_dir)]) == 0
    assert TEAM in capsys.readouterr().out

    forget_key(data_dir)
    secret.write_text("niet dit wachtwoord\n")
    before = fingerprint(data_dir)
    assert cli_main(["sessions", "--data-dir", str(data_dir)]) == 1
    assert "klopt niet" in capsys.readouterr().err
    assert fingerprint(data_dir) == before

    secret.write_text(PASSPHRASE + "\n")
    assert cli_main(["decrypt", "--data-dir", str(data_dir)]) == 0
    assert not folder_is_encrypted(data_dir)


def test_cli_without_a_terminal_or_file_says_how_to_give_the_passphrase(data_dir, encrypted):
    result = subprocess.run(
        [sys.executable, "-m", "leersessie_ui", "sessions", "--data-dir", str(data_dir)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "LEERSESSIE_PASSPHRASE_FILE" in result.stderr


def test_the_passphrase_is_never_taken_from_the_command_line():
    from leersessie.cli import build_parser

    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["encrypt", "--passphrase", PASSPHRASE])


def test_converting_needs_the_folder_free(data_dir):
    fill(data_dir)
    ws = open_workspace(data_dir)
    with pytest.raises(DatabaseError, match=r"in gebruik|al geopend"):
        convert_folder(data_dir, PASSPHRASE)
    ws.close()
    assert not folder_is_encrypted(data_dir)
