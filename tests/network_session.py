"""A whole session with a phone round, run by tests/test_no_network.py in a process of its
own under strace: the app opens a phone round, waits for the test's two phones, reveals,
closes, opens another round and finishes the session (which ends it), writes the summary
and quits. It notes which TCP ports this process listens on at each moment, read from
/proc, and prints them as one JSON line.

argv: data folder, the file to write the round's address to, the file the test writes
when its phones have answered.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox


def listening_ports() -> list[int]:
    """The TCP ports this process listens on: its socket inodes matched in /proc/net."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(ports)


def settle(app: QApplication, until: Callable[[], bool], seconds: float = 20.0) -> None:
    """Run the event loop until ``until`` holds (the server's answers arrive through it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            return
        time.sleep(0.02)
    raise TimeoutError("the phones' answers did not arrive")


def main() -> None:
    app = QApplication(sys.argv[:1])
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import create_team
    from leersessie.reports.summary import write_summary
    from leersessie.room.rounds import answer_count
    from leersessie.workspace import open_workspace
    from leersessie_ui.main_window import MainWindow

    data_dir, address_file, answered_file = (Path(arg) for arg in sys.argv[1:4])
    workspace = open_workspace(data_dir)
    team = create_team(workspace.db, "Team Netwerk", ["Anouk", "Bram", "Eva"])
    session_id = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("teamontwikkelruimte"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    QMessageBox.question = lambda *args, **kwargs: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    window = MainWindow(workspace, today=lambda: date(2026, 11, 23))
    window.show()
    window.show_session(session_id)
    controller = window.session
    keys = [step.key for step in controller.session.steps]  # type: ignore[union-attr]
    controller.go_to(keys.index("dialoog"))
    rounds = controller.rounds
    rounds.choose_address = lambda: "127.0.0.1"
    seen = {"before": listening_ports()}
    rounds.bar.phone_button.click()
    assert rounds.server is not None
    seen["open"] = listening_ports()
    seen["port"] = [rounds.server.port]
    address_file.write_text(rounds.server.url)
    settle(app, lambda: answered_file.exists(), 60)
    round_id = rounds.server_round_id
    settle(app, lambda: answer_count(workspace.db, round_id) == 2)
    rounds.confirm_reveal = lambda count: True
    rounds.reveal()
    seen["revealed"] = listening_ports()
    rounds.close()
    seen["closed"] = listening_ports()
    # Another phone round, still open when the session ends.
    controller.go_to(keys.index("organiseren"))
    rounds.bar.phone_button.click()
    seen["second"] = listening_ports()
    controller.finish()
    seen["finished"] = listening_ports()
    write_summary(workspace.db, session_id, data_dir / "verslag.pdf")
    window.close()
    seen["quit"] = listening_ports()
    seen["answers"] = [answer_count(workspace.db, round_id)]
    print(json.dumps(seen), flush=True)


if __name__ == "__main__":
    main()
