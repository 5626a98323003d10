"""Promises of the session screen that only a driven window shows: the autosave survives a
failed write and retries; the summary opens in a viewer, prints, and the handout saves,
each from the session screen's own menu; a backup chosen in the restore dialog comes back.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from leersessie.method.sessions import load_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.store.backup import make_backup
from leersessie.workspace import open_workspace
from tests.conftest import pdf_text
from tests.gui_helpers import answer_in_turn, answer_yes

pytestmark = pytest.mark.gui
NOTE = "Bram brengt de casus in over de overdracht"


@pytest.fixture
def session_id(workspace, catalogue) -> str:
    team = create_team(workspace.db, "Wijkteam Oost", ["Anouk", "Bram"])
    return start_session(
        workspace.db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 23),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )


def _menu_action(window, text: str):
    menu = window.session.view.summary_button.menu()
    return next(action for action in menu.actions() if action.text() == text)


def _stored_note(data_dir: Path, session_id: str, step: str) -> str:
    """What is on disk, read through a connection of its own."""
    with sqlite3.connect(data_dir / "leersessie.db") as conn:
        row = conn.execute(
            "SELECT text FROM notes WHERE session_id = ? AND step_key = ?", [session_id, step]
        ).fetchone()
    return row[0] if row else ""


def test_a_failed_autosave_keeps_the_text_says_why_and_saves_it_on_retry(
    qtbot, main_window, workspace, session_id
):
    window = main_window
    window.show_session(session_id)
    view = window.session.view
    step = window.session.current_step.key
    # Another program holds the database; the app's wait for it is cut short.
    workspace.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(workspace.data_dir / "leersessie.db", timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        view.notes.setPlainText(NOTE)
        qtbot.waitUntil(lambda: view.save_state.text() == "Niet opgeslagen", timeout=5000)
        assert view.error_text.isVisibleTo(window)
        assert "bezet door een ander programma" in view.error_text.text()
        assert view.notes.toPlainText() == NOTE  # nothing typed is dropped
    finally:
        other.rollback()
        other.close()
    # Without anyone touching anything, the retry saves it.
    qtbot.waitUntil(
        lambda: _stored_note(workspace.data_dir, session_id, step) == NOTE, timeout=10000
    )
    qtbot.waitUntil(lambda: view.save_state.text().startswith("Opgeslagen om"), timeout=5000)
    assert not view.error_text.isVisibleTo(window)


def test_the_summary_opens_in_the_pdf_viewer(
    qtbot, main_window, workspace, session_id, monkeypatch
):
    save_note(workspace.db, session_id, "inbreng", NOTE)
    main_window.show_session(session_id)
    opened: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(Path(url.toLocalFile()))),
    )
    _menu_action(main_window, "Openen in PDF-viewer").trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    path = opened[0]
    assert path.parent == workspace.scratch_dir  # emptied at the next start
    assert NOTE in " ".join(pdf_text(path).split())


def test_printing_hands_the_summary_to_the_print_dialog_and_leaves_no_copy(
    qtbot, main_window, workspace, session_id, monkeypatch
):
    import leersessie_ui.printing as printing

    save_note(workspace.db, session_id, "inbreng", NOTE)
    main_window.show_session(session_id)
    printed: list[str] = []
    paths: list[Path] = []

    def fake_dialog(pdf: Path, _parent) -> bool:
        paths.append(pdf)
        printed.append(" ".join(pdf_text(pdf).split()))
        return True

    monkeypatch.setattr(printing, "print_pdf_with_dialog", fake_dialog)
    _menu_action(main_window, "Afdrukken…").trigger()
    qtbot.waitUntil(lambda: bool(printed), timeout=10000)
    assert NOTE in printed[0] and "Wijkteam Oost" in printed[0]
    assert not paths[0].exists()  # the PDF made for printing is gone afterwards


def test_the_handout_button_saves_a_blank_worksheet(
    qtbot, main_window, session_id, tmp_path, monkeypatch
):
    main_window.show_session(session_id)
    target = tmp_path / "werkblad"  # without .pdf: the app adds it
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    qtbot.mouseClick(main_window.session.view.handout_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "werkblad.pdf"
    qtbot.waitUntil(saved.exists, timeout=10000)
    # It says what was saved: a worksheet (it used to say a report had been saved).
    state = main_window.session.view.save_state
    qtbot.waitUntil(lambda: state.text() == f"Werkblad opgeslagen: {saved}", timeout=10000)
    assert "Actieleren" in pdf_text(saved)


def test_a_backup_chosen_in_the_restore_dialog_comes_back(
    qtbot, main_window, workspace, session_id, monkeypatch
):
    from leersessie_ui.app import restore

    step = "inbreng"
    save_note(workspace.db, session_id, step, "zoals het was")
    backup = make_backup(workspace.data_dir, workspace.db)
    save_note(workspace.db, session_id, step, "later veranderd")

    def choose_the_backup(dialog) -> None:
        rows = dialog.table.rowCount()
        made = [dialog.table.item(row, 0).text() for row in range(rows)]
        assert rows >= 1 and all(made)
        dialog.table.selectRow(0)  # newest first: the one just made
        dialog.buttons.accepted.emit()

    told = answer_in_turn(choose_the_backup, answer_yes)
    main_window.data.choose_backup_to_restore()
    assert "De gegevens vervangen door deze reservekopie?" in told[0]
    assert main_window.restore_file == backup
    # What run_app does next: with the window closed, restore and reopen.
    informed: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text: informed.append(text))
    )
    main_window.runner.wait()
    workspace.close()
    restore(workspace, backup)
    assert informed and "De reservekopie is teruggezet" in informed[0]
    reopened = open_workspace(workspace.data_dir)
    try:
        assert load_session(reopened.db, session_id).notes[step] == "zoals het was"
    finally:
        reopened.close()
