"""Safety in the app: the client-data hint of a long note is made off the GUI thread, and
every failure of a background job reaches the coach."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from leersessie.sensitive import scan
from leersessie.sessions import save_note, start_session
from leersessie.teams import create_team
from leersessie_ui.controllers import session_controller
from tests.gui_helpers import answer_in_turn, answer_yes


@pytest.fixture
def session_id(workspace):
    team = create_team(workspace.db, "Team Lang", ["Anouk"])
    session = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=date(2026, 11, 20),
        facilitator="Coach",
        present=[team.people[0].id],
    )
    save_note(workspace.db, session, "inbreng", "Korte notitie.")
    return session


def test_a_long_note_is_checked_off_the_gui_thread(qtbot, main_window, session_id, monkeypatch):
    threads: list[bool] = []

    def recording_scan(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return scan(*args, **kwargs)

    monkeypatch.setattr(session_controller, "scan", recording_scan)
    main_window.show_session(session_id)
    view = main_window.session.view
    long_note = "Verslag van het gesprek met de school. " * 300 + "Vader: 06-87654321."
    assert len(long_note) > session_controller.PRIVACY_BACKGROUND_FROM
    view.notes.setPlainText(long_note)
    qtbot.waitUntil(lambda: view.privacy_hint.isVisibleTo(main_window), timeout=5000)
    assert "telefoonnummer" in view.privacy_hint.text()
    assert threads and not threads[-1]  # the long one ran on a worker
    view.notes.setPlainText("Kort en zonder nummer.")
    qtbot.waitUntil(lambda: not view.privacy_hint.isVisibleTo(main_window), timeout=5000)
    assert threads[-1]  # a short note is checked at once, on the GUI thread


def test_deleting_a_session_removes_its_summary_from_the_scratch_folder(
    qtbot, main_window, workspace, session_id, monkeypatch
):
    opened: list[str] = []
    monkeypatch.setattr(
        session_controller.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    main_window.show_session(session_id)
    main_window.session.open_summary()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert [p.parent for p in map(Path, opened)] == [workspace.scratch_dir]
    assert Path(opened[0]).exists()

    told = answer_in_turn(answer_yes, lambda box: box.accept())
    main_window.session._request_delete()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    main_window.runner.wait()
    assert "Verwijderd" in told[1]
    assert list(workspace.scratch_dir.iterdir()) == []
