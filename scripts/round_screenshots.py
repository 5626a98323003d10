"""The screenshots of a round in docs/: the group screen during a phone round (QR code and
count) and after the reveal at 1920x1080 and 1024x768, and the phone page at 360x740 in
headless chromium. Run: .venv/bin/python scripts/round_screenshots.py

Each screen size runs in a process of its own, whose one (offscreen) screen has that size:
with one screen the window itself becomes the group screen, full screen, as for a coach.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SIZES = ((1920, 1080), (1024, 768))


def settle(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def phone_answers(url: str, score: int) -> None:
    token_path = "/" + url.split("/", 3)[3]
    with urllib.request.urlopen(url) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
    request = urllib.request.Request(
        url.removesuffix(token_path) + token_path + "answer",
        data=json.dumps({"answer": {"dialoog": score}}).encode(),
        headers={"Content-Type": "application/json", "Cookie": cookie},
    )
    urllib.request.urlopen(request).read()


def phone_page(url: str, target: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.test_phone_round import phone_browser, tap_score, wait_for_text

    browser = phone_browser(360, 740)
    try:
        browser.get(url)
        wait_for_text(browser, "count", "van")
        tap_score(browser, "dialoog", 4)
        browser.find_element("id", "send").click()
        wait_for_text(browser, "message", "binnen")
        browser.set_window_rect(width=360, height=740)
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True},
        )
        browser.save_screenshot(str(target))
    finally:
        browser.quit()


def main() -> None:
    if len(sys.argv) == 1:
        for number, (width, height) in enumerate(SIZES):
            with tempfile.TemporaryDirectory() as folder:
                config = Path(folder) / "screen.json"
                config.write_text(
                    json.dumps(
                        {
                            "screens": [
                                {
                                    "name": "beamer",
                                    "x": 0,
                                    "y": 0,
                                    "width": width,
                                    "height": height,
                                    "logicalDpi": 96,
                                }
                            ]
                        }
                    )
                )
                env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
                subprocess.run(
                    [sys.executable, __file__, f"{width}x{height}", str(number == 0)],
                    env=env,
                    check=True,
                )
        return
    shoot_at(sys.argv[1], sys.argv[2] == "True")


def shoot_at(size: str, with_phone: bool) -> None:
    app = QApplication(sys.argv[:1])
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import create_team
    from leersessie.workspace import open_workspace
    from leersessie_ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(Path(folder))
        team = create_team(
            workspace.db, "Wijkteam Noord", ["Anouk", "Bram", "Eva", "Daan", "Fatima", "Gijs"]
        )
        session_id = start_session(
            workspace.db,
            team_id=team.id,
            template=workspace.catalogue.get("teamontwikkelruimte"),
            on=date(2026, 11, 23),
            facilitator="Marieke",
            present=[p.id for p in team.people],
        )
        window = MainWindow(workspace, today=lambda: date(2026, 11, 23))
        window.show()
        window.show_session(session_id)
        rounds = window.session.rounds
        rounds.choose_address = lambda: "127.0.0.1"
        rounds.bar.phone_button.click()
        assert rounds.server is not None
        url = rounds.server.url
        for score in (2, 3, 3):
            phone_answers(url, score)
        if with_phone:
            phone_page(url, DOCS / "screenshot-telefoon.png")
        else:
            phone_answers(url, 4)
        settle(app)
        window.toggle_group_screen()
        group = window.group
        assert group is not None

        def shoot(name: str) -> None:
            settle(app)
            window.grab().save(str(DOCS / f"screenshot-ronde-{name}-{size}.png"))

        settle(app)
        shoot("open")
        rounds.confirm_reveal = lambda count: True
        rounds.reveal()
        settle(app)
        shoot("onthuld")
        rounds.shutdown()
        window.close()
        workspace.close()


if __name__ == "__main__":
    main()
