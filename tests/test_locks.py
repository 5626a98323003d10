"""Another program holds the database (a write lock): every command that writes and the
app say so within 5 s, and the data folder is left as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from leersessie.cli import main
from leersessie.store.backup import backup_dir, export_backup
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

pytestmark = pytest.mark.slow

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("vast", flush=True)
time.sleep(60)
"""
HELD = "is in gebruik door een ander programma"


@contextmanager
def holding(data_dir: Path) -> Iterator[None]:
    """Another program holds the database's write lock while this runs."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database_path(data_dir))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "vast"
    try:
        yield
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


@pytest.fixture
def held(data_dir, tmp_path):
    """A data folder with a backup file beside it, and another program holding its lock."""
    ws = open_workspace(data_dir)  # made, with today's daily backup
    backup = export_backup(ws.db, tmp_path / "reservekopie.db")
    ws.close()
    with holding(data_dir):
        yield backup


def _state(data_dir: Path) -> tuple[str, list[str]]:
    database = hashlib.sha256(database_path(data_dir).read_bytes()).hexdigest()
    return database, sorted(path.name for path in backup_dir(data_dir).iterdir())


# encrypt says it before asking for a passphrase (it took 5.2-5.4 s, issue 27)
@pytest.mark.parametrize("command", ["demo", "restore", "encrypt"])
def test_a_writing_command_says_the_database_is_held_and_changes_nothing(
    command, data_dir, held, capsys, monkeypatch
):
    import leersessie.cli.data

    def never_asked(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("asked for a passphrase before saying the database is held")

    monkeypatch.setattr(leersessie.cli.data, "read_passphrase", never_asked)
    before = _state(data_dir)
    argv = ["--data-dir", str(data_dir), command] + ([str(held)] if command == "restore" else [])
    code = main(argv)  # a hang fails by the suite's timeout, not by a clock here
    err = capsys.readouterr().err
    assert code == 1 and HELD in err and "Traceback" not in err
    assert _state(data_dir) == before  # no safety backup either: nothing was written


def test_reading_commands_still_work_while_it_is_held(data_dir, held, capsys):
    assert main(["--data-dir", str(data_dir), "sessions"]) == 0


def test_the_app_says_the_database_is_held(qtbot, data_dir, held, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import open_or_explain

    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: told.append(text))
    )
    before = _state(data_dir)
    assert open_or_explain(str(data_dir)) is None
    assert len(told) == 1 and HELD in told[0]
    assert _state(data_dir) == before


def test_export_team_under_a_held_lock_writes_the_archive_and_says_so(data_dir, tmp_path, capsys):
    """Issue 27: it wrote the file, then said "Er is niets gewijzigd" and exited 1."""
    from leersessie.method.teams import create_team
    from leersessie.sharing.archive import read_archive

    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Noord", ["Ans"])
    ws.close()
    target = tmp_path / "elders" / "noord.leersessie"
    target.parent.mkdir()
    with holding(data_dir):
        code = main(["--data-dir", str(data_dir), "export-team", "Team Noord", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 0
    assert [team["name"] for team in read_archive(target).manifest["teams"]] == ["Team Noord"]
    assert f"Teamarchief opgeslagen: {target}" in err and "in gebruik" in err
    assert "niets gewijzigd" not in err and "Traceback" not in err
