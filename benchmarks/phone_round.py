"""A phone round under load: 40 phones answer at once over loopback while the real main
window shows the group screen. Prints a Markdown table; run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/phone_round.py [--phones 40] [--runs 5]

The phones are another process (as phones are other devices): 40 threads, each opens the
page, then all answer together; the process reports when the last answer's response came
and ends by itself. The app's side is a bounded loop: it runs the event loop until the
group screen shows every answer, or 60 seconds have passed. Measured per run:

- every answer counted once (the count on the group screen and in the database);
- from the last answer's response to the group screen's count showing all of them;
- the GUI thread's worst block: the longest single pass of the event loop while the
  answers came in, beside the floor of the same loop with nothing arriving, measured in
  the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PHONES_SCRIPT = r"""
import http.client, json, sys, threading, time
url, phones = sys.argv[1], int(sys.argv[2])
host, port = url.split("/")[2].split(":")
token = url.split("/")[3]
cookies, done, start = [None] * phones, [0.0] * phones, threading.Barrier(phones)
def phone(n):
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    c.request("GET", f"/{token}/")
    r = c.getresponse(); r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    start.wait()
    body = json.dumps({"answer": {"dialoog": 1 + n % 5}})
    c.request("POST", f"/{token}/answer", body=body,
              headers={"Content-Type": "application/json", "Cookie": cookie})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
    done[n] = time.time()
    c.close()
threads = [threading.Thread(target=phone, args=(n,)) for n in range(phones)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"last": max(done), "first": min(done)}))
"""


def one_run(phones: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from leersessie.method.sessions import start_session
    from leersessie.method.teams import create_team
    from leersessie.room.rounds import answer_count
    from leersessie.workspace import open_workspace
    from leersessie_ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(Path(folder))
        team = create_team(workspace.db, "Team", [f"Persoon {n}" for n in range(phones)])
        session_id = start_session(
            workspace.db,
            team_id=team.id,
            template=workspace.catalogue.get("teamontwikkelruimte"),
            on=date(2026, 11, 23),
            facilitator="Coach",
            present=[p.id for p in team.people],
        )
        window = MainWindow(workspace, today=lambda: date(2026, 11, 23))
        window.show()
        window.show_session(session_id)
        rounds = window.session.rounds
        rounds.choose_address = lambda: "127.0.0.1"
        rounds.bar.phone_button.click()
        window.toggle_group_screen()
        assert rounds.server is not None
        url = rounds.server.url
        count_label = window.group.view.round.count  # type: ignore[union-attr]
        all_in = f"{phones} van {phones}"

        def loop_for(seconds: float, until: object = None) -> tuple[float, float | None]:
            """Run the event loop; the worst single pass, and when ``until`` first held."""
            worst, reached = 0.0, None
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                began = time.perf_counter()
                app.processEvents()
                worst = max(worst, time.perf_counter() - began)
                if until is not None and until():  # type: ignore[operator]
                    reached = time.time()
                    break
                time.sleep(0.0005)
            return worst, reached

        loop_for(1.0)  # the group screen's first paints settle
        floor, _ = loop_for(1.0)
        client = subprocess.Popen(
            [sys.executable, "-c", PHONES_SCRIPT, url, str(phones)],
            stdout=subprocess.PIPE,
            text=True,
        )
        worst, shown_at = loop_for(60.0, lambda: all_in in count_label.text())
        out, _ = client.communicate(timeout=60)
        times = json.loads(out)
        counted = answer_count(workspace.db, rounds.server_round_id)
        rounds.shutdown()
        window.close()
        workspace.close()
        assert shown_at is not None, "the count never showed every answer"
        return {
            "counted": counted,
            "to_count_ms": (shown_at - times["last"]) * 1000,
            "spread_ms": (times["last"] - times["first"]) * 1000,
            "worst_block_ms": worst * 1000,
            "floor_block_ms": floor * 1000,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = [one_run(args.phones) for _ in range(args.runs)]

    def cell(key: str) -> str:
        values = sorted(run[key] for run in runs)
        return f"{statistics.median(values):.1f} ms / {values[-1]:.1f} ms"

    print(f"| {args.phones} phones at once, {args.runs} runs | median / worst |")
    print("|---|---|")
    print(f"| answers counted (each run) | {', '.join(str(int(r['counted'])) for r in runs)} |")
    print(f"| first to last answer's response | {cell('spread_ms')} |")
    print(f"| last answer's response to the group screen's count | {cell('to_count_ms')} |")
    print(f"| GUI thread's worst block while answers came in | {cell('worst_block_ms')} |")
    print(f"| floor: worst block of the same loop, nothing arriving | {cell('floor_block_ms')} |")


if __name__ == "__main__":
    main()
