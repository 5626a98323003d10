"""The group screen's fit on real screen sizes, run by tests/test_group_fit.py in a process
of its own: Qt's offscreen platform reads its screens (a 1024×768 projector and a
1920×1080 beamer) from the file named in QT_QPA_PLATFORM. For every screen and zoom level
it opens the group screen on the look back (two open actions of the example team) and on a
step with 20 questions, and measures what the group sees. Prints one JSON line.

``--shots DIR`` also saves the screenshots docs/ shows (tests never write into docs/).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QLabel

TODAY = date(2026, 11, 23)
ZOOMS = (1.0, 1.5, 2.5)
# Twenty questions as a group asks them: mostly open, some closed, advice and why.
QUESTIONS = (
    "Wat gebeurde er precies toen je binnenkwam?",
    "Hoe reageerde de moeder op je voorstel?",
    "Heb je de school al gebeld?",
    "Wat maakte het voor jou lastig?",
    "Wie zijn er verder betrokken bij het gezin?",
    "Zou je niet eerst met de huisarts overleggen?",
    "Wat heb je zelf al geprobeerd?",
    "Waarom heb je niet eerder aan de bel getrokken?",
    "Wanneer merkte je dat het anders ging?",
    "Wat zegt de jongere er zelf over?",
    "Is er een veiligheidsplan?",
    "Hoe kijkt je collega naar deze situatie?",
    "Wat zou je willen dat er over een maand anders is?",
    "Heb je al eens een netwerkberaad overwogen?",
    "Wat heb je nodig van het team?",
    "Welk moment in het gesprek bleef je bij?",
    "Hoe ging het de vorige keer dat dit speelde?",
    "Wat weet je over de rol van de vader?",
    "Waar twijfel je het meest over?",
    "Wat zou een eerste kleine stap kunnen zijn?",
)


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def whole(label: QLabel) -> bool:
    """Nothing of the label's text is cut: its words fit its width, its lines its height."""
    if not label.isVisible() or not label.text():
        return True
    metrics = QFontMetrics(QFont(label.font()))
    widest = max(metrics.horizontalAdvance(word) for word in label.text().split())
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    return widest <= label.width() and label.height() >= needed


def measure(app: QApplication, group: object, screen: QScreen) -> dict[str, object]:
    from leersessie_ui.controllers.group_controller import GroupController

    assert isinstance(group, GroupController)
    settle(app)
    view = group.view
    window = view.window()
    area = view.scroll_area
    bar = area.verticalScrollBar()
    return {
        "screen": [screen.geometry().width(), screen.geometry().height()],
        "window": [window.width(), window.height()],
        "window_inside": screen.geometry().contains(window.frameGeometry()),
        "content": area.height(),
        "whole": all(whole(x) for x in (view.step_title, view.prompt, view.timer)),
        "timer_width": view.timer.width(),
        "at_end": bar.value() == bar.maximum(),
        "share_visible": view.content.open_share.isVisible()
        and view.content.open_share.visibleRegion().boundingRect().height()
        == view.content.open_share.height(),
    }


def main() -> None:
    app = QApplication(sys.argv[:1])
    from leersessie.base.changes import Change, ChangeKind
    from leersessie.demo import DEMO_TEAM, load_demo
    from leersessie.method.models import LOOKBACK_STEP_KEY
    from leersessie.method.questions import add_question
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import find_team
    from leersessie.workspace import open_workspace
    from leersessie_ui.main_window import MainWindow

    workspace = open_workspace(Path(sys.argv[1]))
    shots = Path(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--shots" else None
    db = workspace.db
    load_demo(db, workspace.catalogue, TODAY)
    team = find_team(db, DEMO_TEAM)
    assert team is not None
    present = [p.id for p in team.people]
    lookback = start_session(
        db,
        team_id=team.id,
        template=workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=present,
    )
    questions = start_session(
        db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=TODAY,
        facilitator="Marieke",
        present=present,
        casusinbrenger_id=present[0],
    )
    by_name = {screen.name(): screen for screen in QGuiApplication.screens()}
    window = MainWindow(workspace, today=lambda: TODAY)
    window.show()
    report: dict[str, object] = {}

    def on_step(session_id: str, step_key: str) -> None:
        window.show_session(session_id)
        session = window.session.session
        assert session is not None
        window.session.go_to([s.key for s in session.steps].index(step_key))

    group = None
    for screen_name in ("projector", "beamer"):
        screen = by_name[screen_name]
        for zoom in ZOOMS:
            for mode in ("screen", "in_main"):
                if mode == "in_main" and screen_name != "projector":
                    continue  # the coach's window is on the projector's screen
                on_step(lookback, LOOKBACK_STEP_KEY)
                group = window.group
                assert group is not None
                group.stop()
                group.zoom = zoom
                if mode == "screen":
                    group._show_on(screen)
                else:
                    group._show_in_main()
                key = f"{screen_name}-{round(zoom * 100)}-{mode}"
                report[f"lookback-{key}"] = measure(app, group, screen)
                if shots and (screen_name, zoom, mode) == ("projector", 1.5, "screen"):
                    group.view.grab().save(str(shots / "groepsscherm-1024x768-150.png"))
                on_step(questions, "verhelderen")
                window.session.questions.view.on_group.setChecked(True)
                for text in QUESTIONS:
                    window.changes.run(
                        lambda text=text: add_question(db, questions, "verhelderen", text),
                        Change(ChangeKind.QUESTION, questions, questions),
                    )
                report[f"questions-{key}"] = measure(app, group, screen)
                if shots and (screen_name, zoom, mode) == ("beamer", 1.0, "screen"):
                    group.view.grab().save(str(shots / "groepsscherm-1920x1080-20-vragen.png"))
                db.execute("DELETE FROM questions WHERE session_id = ?", [questions])
                group.stop()
    print(json.dumps(report))
    window.close()


if __name__ == "__main__":
    main()
