"""The group screen with two screens, run by tests/test_group_screen.py in a process of its
own: Qt's offscreen platform reads its screens (a laptop and a beamer) from the file named in
QT_QPA_PLATFORM. Prints what it saw as one JSON line.

Unplugging is what Qt does when a screen goes: it emits screenRemoved, and the screen is no
longer among QGuiApplication.screens(); plugging in, the reverse.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

TODAY = date(2026, 11, 23)


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> None:
    app = QApplication(sys.argv[:1])
    from leersessie.demo import DEMO_TEAM, load_demo
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import find_team
    from leersessie.workspace import open_workspace
    from leersessie_ui.controllers import group_controller
    from leersessie_ui.main_window import MainWindow

    workspace = open_workspace(Path(sys.argv[1]))
    load_demo(workspace.db, workspace.catalogue, TODAY)
    team = find_team(workspace.db, DEMO_TEAM)
    assert team is not None
    session_id = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    by_name = {screen.name(): screen for screen in QGuiApplication.screens()}
    laptop, beamer = by_name["laptop"], by_name["beamer"]
    window = MainWindow(workspace, today=lambda: TODAY)
    window.show()
    window.show_session(session_id)
    window.session.view.notes.setPlainText("Blijft staan.")
    settle(app)
    report: dict[str, object] = {"screens": sorted(by_name), "coach_on": window.screen().name()}

    window.toggle_group_screen()
    settle(app)
    group = window.group
    assert group is not None
    report["opened"] = {
        "screen": group.window.screen().name(),
        "full_screen": group.window.isFullScreen(),
        "coach_page": "session" if window.pages.currentWidget() is window.session.view else "?",
    }
    report["timer_height"] = group.view.timer.height()
    # A clicker's keys reach the coach's window: they work there too, except in a text box.
    steps = window.session
    clicked = [steps.step_index]
    window.activateWindow()
    for widget, key in (
        (steps.view.step_list, Qt.Key.Key_PageDown),
        (steps.view.notes, Qt.Key.Key_PageDown),
        (steps.view.step_list, Qt.Key.Key_PageUp),
    ):
        widget.setFocus()
        settle(app)
        QTest.keyClick(widget, key)
        clicked.append(steps.step_index)
    QTest.keyClick(steps.view.step_list, Qt.Key.Key_B)
    report["blank"] = group.view.is_blank
    report["clicker"] = clicked
    report["state"] = group.state.text()

    group.swap_screens()
    settle(app)
    report["swapped"] = group.window.screen().name()
    group.swap_screens()
    settle(app)

    class Unplugged:
        @staticmethod
        def screens() -> list[QScreen]:
            return [laptop]

    group_controller.QGuiApplication = Unplugged  # type: ignore[misc, assignment]
    app.screenRemoved.emit(beamer)
    settle(app)
    session = window.session.session
    report["unplugged"] = {
        "mode": group.mode.value,
        "session_kept": session is not None and session.id == session_id,
        "note": window.session.view.notes.toPlainText(),
    }

    group_controller.QGuiApplication = QGuiApplication  # type: ignore[misc]
    app.screenAdded.emit(beamer)
    settle(app)
    report["plugged_in"] = {"mode": group.mode.value, "screen": group.window.screen().name()}
    print(json.dumps(report))
    window.close()


if __name__ == "__main__":
    main()
