"""The app never opens a network connection: a whole session runs with sockets forbidden."""

from __future__ import annotations

import socket
from datetime import date

import pytest
from PySide6.QtCore import Qt

from leersessie.reports.summary import write_summary
from leersessie_ui.main_window import MainWindow
from tests.conftest import pdf_text
from tests.gui_helpers import answer_yes, when_modal_opens
from tests.test_gui_all_formats import _start_via_dialog
from tests.test_gui_session import _create_team

pytestmark = pytest.mark.gui


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if len(args) > 1 else args}")
            raise NetworkUsed(f"network use: {name}")

        return blocked

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_a_whole_session_with_summary_uses_no_network(qtbot, workspace, tmp_path, no_network):
    window = MainWindow(workspace, today=lambda: date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    _create_team(qtbot, window, "Team Offline", ["Anouk", "Bram"])
    _start_via_dialog(qtbot, window, "Actieleren")
    view = window.session.view
    for index in range(view.step_list.count()):
        view.step_list.setCurrentRow(index)
        view.notes.insertPlainText(f"stap {index + 1}")
    when_modal_opens(answer_yes)
    qtbot.mouseClick(view.finish_button, Qt.MouseButton.LeftButton)
    target = write_summary(workspace.db, window.session.session.id, tmp_path / "s.pdf")
    assert "stap 5" in pdf_text(target)
    window.close()
    assert no_network == []


def test_the_guard_itself_catches_a_connection(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network
