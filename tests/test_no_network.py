"""The app never connects out: a whole session runs with sockets forbidden; and a whole
session with a phone round, watched by strace, makes no outgoing connection and listens
only while the round is open, on the address the coach chose."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

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


def _phone_answers(url: str, score: int) -> None:
    """One phone (this test process, not the app): open the page, then answer."""
    host, port = url.split("/")[2].split(":")
    token = url.split("/")[3]
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", f"/{token}/")
    response = connection.getresponse()
    response.read()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
    body = json.dumps({"answer": {"dialoog": score}})
    connection.request(
        "POST",
        f"/{token}/answer",
        body=body,
        headers={"Content-Type": "application/json", "Cookie": cookie},
    )
    answered = connection.getresponse()
    assert answered.status == 200, answered.read()
    connection.close()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (installed by .ci/run)")
def test_a_session_with_a_phone_round_connects_nowhere_and_listens_only_while_open(tmp_path):
    trace = tmp_path / "trace.txt"
    address, answered = tmp_path / "adres.txt", tmp_path / "beantwoord"
    script = Path(__file__).with_name("network_session.py")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(script.parents[1])}
    app = subprocess.Popen(
        [
            *("strace", "-f", "-qq", "-e", "trace=%network", "-o", str(trace)),
            *(sys.executable, str(script), str(tmp_path / "data"), str(address), str(answered)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while not address.exists() and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert address.exists(), app.communicate(timeout=10)
        url = address.read_text()
        for score in (2, 5):
            _phone_answers(url, score)
        answered.touch()
        out, err = app.communicate(timeout=120)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    seen = json.loads(out.strip().splitlines()[-1])
    port = seen["port"][0]
    assert seen["before"] == []
    assert seen["open"] == [port]
    assert seen["revealed"] == [port]  # phones may still look at the distribution
    assert seen["closed"] == []
    assert len(seen["second"]) == 1
    assert seen["finished"] == []  # finishing the session ends its phone round
    assert seen["quit"] == []
    assert seen["answers"] == [2]

    calls = trace.read_text().splitlines()
    assert any(re.search(r"\bbind\(", c) for c in calls)  # strace did watch the server
    # Outgoing: a connect or a send to an address. Local (unix, netlink) sockets are the
    # machine's own (fontconfig, D-Bus); an internet address would reach a network.
    outgoing = [c for c in calls if re.search(r"\b(connect|sendto|sendmsg)\(", c)]
    outgoing = [c for c in outgoing if re.search(r"AF_INET6?\b", c)]
    assert outgoing == []
    binds = [c for c in calls if re.search(r"\bbind\(.*AF_INET", c)]
    assert binds and all('inet_addr("127.0.0.1")' in c for c in binds), binds
