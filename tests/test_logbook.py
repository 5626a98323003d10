"""The log file: errors and warnings with their code locations, never a coach's text.

A note with a recognisable text is written through the core; errors that carry that text
in their message (as a bug's ValueError or a UserFacingError may) are logged the ways the
app logs them, and the text must not be in the file.
"""

from __future__ import annotations

import logging
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from leersessie.base.errors import UserFacingError
from leersessie.method.sessions import load_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.store import logbook

SECRET = "Kevin Jansen (12) slaapt bij zijn oom"
SEARCH = "Kevin: slaapt bij oom"  # FTS5 reads "Kevin:" as a column


@pytest.fixture
def log(workspace) -> Path:
    path = logbook.start_logging(workspace.data_dir)
    yield path
    for handler in list(logbook.logger.handlers):
        logbook.logger.removeHandler(handler)
        handler.close()


def _note_with_secret(db, catalogue) -> str:
    team = create_team(db, "Team West", ["Anouk", "Bram"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 3),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    step = load_session(db, session_id).steps[0].key
    save_note(db, session_id, step, SECRET)
    return load_session(db, session_id).notes[step]


def _fails_on(text: str) -> None:
    raise ValueError(f"kan {text!r} niet verwerken")


def test_errors_quoting_a_note_leave_it_out_of_the_log(log, db, catalogue) -> None:
    note = _note_with_secret(db, catalogue)
    try:
        _fails_on(note)
    except ValueError as error:
        logbook.log_uncaught(type(error), error, error.__traceback__)
    try:
        try:
            open(Path(log.parent) / f"{note}.pdf")  # noqa: SIM115 - fails: no such file
        except OSError as cause:
            raise UserFacingError(f"Kon '{note}' niet bewaren") from cause
    except UserFacingError:
        logbook.logger.exception("Verslag niet bewaard")
    logbook.logger.warning("Notitie te lang: %s", note)
    text = log.read_text(encoding="utf-8")
    assert SECRET not in text and "Kevin" not in text
    # What a maintainer needs is there: the type, where it happened, the chain, the errno.
    assert "builtins.ValueError" in text and "_fails_on" in text and "test_logbook.py" in text
    assert "leersessie.base.errors.UserFacingError" in text
    assert "builtins.FileNotFoundError: ENOENT" in text
    assert "Notitie te lang: %s (details weggelaten)" in text


def test_sqlite_errors_keep_their_fixed_words(log) -> None:
    error = sqlite3.OperationalError("database is locked")
    logbook.logger.warning("Niet opgeslagen", exc_info=(type(error), error, None))
    constraint = sqlite3.IntegrityError("UNIQUE constraint failed: notes.id")
    logbook.logger.warning("Niet opgeslagen", exc_info=(type(constraint), constraint, None))
    text = log.read_text(encoding="utf-8")
    assert "sqlite3.OperationalError: database is locked" in text
    assert "sqlite3.IntegrityError: UNIQUE constraint failed: notes.id" in text


def test_an_sqlite_error_quoting_a_search_keeps_only_its_code(log) -> None:
    """Issue 27: SQLite's text went into the log as it was, and it can quote what was typed:
    an FTS5 search "Kevin: slaapt bij oom" fails with "no such column: Kevin"."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE notes USING fts5(text)")
    with pytest.raises(sqlite3.OperationalError) as failed:
        db.execute("SELECT * FROM notes WHERE notes MATCH ?", [SEARCH])
    assert "Kevin" in str(failed.value)  # what SQLite says
    logbook.logger.error("Zoeken mislukt", exc_info=(failed.type, failed.value, failed.tb))
    text = log.read_text(encoding="utf-8")
    assert "Kevin" not in text
    assert "sqlite3.OperationalError: SQLITE_ERROR (tekst weggelaten)" in text


def test_the_log_is_private_and_stays_small(log) -> None:
    chunk = "x" * 1000
    for _ in range(4000):  # 4 MB of warnings
        logbook.logger.warning(chunk)
    files = sorted(log.parent.glob(logbook.LOG_NAME + "*"))
    assert len(files) == 1 + logbook.BACKUP_COUNT
    assert all(f.stat().st_size <= logbook.MAX_BYTES for f in files)
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}


def test_info_is_not_logged_only_warnings_and_errors(log) -> None:
    logbook.logger.info("opgestart")
    logging.getLogger("leersessie.method.sessions").warning("let op")
    text = log.read_text(encoding="utf-8")
    assert "opgestart" not in text and "leersessie.method.sessions: let op" in text


@pytest.mark.gui
def test_the_error_dialog_says_where_the_log_is(qtbot, log, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import report_uncaught

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    try:
        _fails_on(SECRET)
    except ValueError as error:
        report_uncaught(ValueError, error, error.__traceback__)
    assert str(log) in shown[0] and "Logbestand openen" in shown[0]
    text = log.read_text(encoding="utf-8")
    assert "_fails_on" in text and SECRET not in text


@pytest.mark.gui
def test_a_bug_in_background_work_is_logged_and_told(qtbot, log, workspace, monkeypatch) -> None:
    """A bug in background work takes the app's one path for bugs: the error dialog that
    names the log, and the log, without the text the error carried."""
    import sys

    from leersessie_ui.app import report_uncaught
    from leersessie_ui.background import BackgroundRunner
    from tests.gui_helpers import answer_in_turn

    monkeypatch.setattr(sys, "excepthook", report_uncaught)
    shown = answer_in_turn(lambda box: box.accept())
    runner = BackgroundRunner(workspace.db_path)
    runner.run(lambda _db: _fails_on(SECRET), lambda _result: None, lambda _message: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    runner.wait()
    assert "ValueError" in shown[0] and str(log) in shown[0]
    text = log.read_text(encoding="utf-8")
    assert "_fails_on" in text and SECRET not in text


@pytest.mark.gui
def test_help_opens_the_log_file(main_window, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    help_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Logbestand openen").trigger()
    path = Path(opened[0])
    assert path == logbook.log_path(main_window.workspace.data_dir) and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
