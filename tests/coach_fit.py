"""The coach's screen at the zoom levels named (``python -m tests.coach_fit DATA 100,150``),
run by tests/test_coach_fit.py in a process of its own with one offscreen screen of the
size it chose. For every step of every built-in format it measures whether the page
scrolls sideways, the window fits its screen and no step name is cut. Prints one JSON
line."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QListWidget

TODAY = date(2026, 11, 23)


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def cut_step_names(steps: QListWidget) -> list[str]:
    """Step names with a word wider than the list's text column."""
    metrics = QFontMetrics(steps.font())
    # The item's focus frame, left and right, takes about a letter.
    room = steps.viewport().width() - metrics.averageCharWidth()
    return [
        steps.item(row).text()
        for row in range(steps.count())
        if max(metrics.horizontalAdvance(w) for w in steps.item(row).text().split()) > room
    ]


def main() -> None:
    app = QApplication(sys.argv[:1])
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import create_team
    from leersessie.workspace import open_workspace
    from leersessie_ui.main_window import MainWindow

    workspace = open_workspace(Path(sys.argv[1]))
    db = workspace.db
    team = create_team(db, "Team Noord", ["Anouk", "Bram", "Eva"])
    people = [p.id for p in team.people]
    window = MainWindow(workspace, today=lambda: TODAY)
    window.show()
    report: dict[str, object] = {}
    for percent in (int(p) for p in sys.argv[2].split(",")):
        window.zoom.set_percent(percent)
        for template in workspace.catalogue.sorted():
            session_id = (
                start_session(
                    db,
                    team_id=team.id,
                    template=template,
                    on=TODAY,
                    facilitator="Marieke",
                    present=people,
                    casusinbrenger_id=people[0] if template.casusinbrenger else None,
                    linked_session_id=None,
                )
                if not template.links_to
                else None
            )
            if session_id is None:
                continue
            window.show_session(session_id)
            view = window.session.view
            sideways, cut = [], set()
            for index in range(len(window.session.session.steps)):  # type: ignore[union-attr]
                window.session.go_to(index)
                settle(app)
                bar = view.step_scroll.horizontalScrollBar()
                if bar.isVisible() and bar.maximum() > 0:
                    sideways.append(window.session.current_step.key)
                cut |= set(cut_step_names(view.step_list))
            screen = window.screen().availableGeometry()
            report[f"{template.id}-{percent}"] = {
                "sideways": sideways,
                "cut": sorted(cut),
                "window": [window.width(), window.height()],
                "inside": window.width() <= screen.width() and window.height() <= screen.height(),
            }
    print(json.dumps(report))
    window.close()


if __name__ == "__main__":
    main()
