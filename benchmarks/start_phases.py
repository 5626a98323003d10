"""Where a cold start's time goes: the start to the first paint split into its phases.

    python benchmarks/start_phases.py DATA_DIR [--runs 9]

Each run is a fresh process (``--child``) that walks the path ``startup_child.py app``
measures, in the ``leersessie`` command's order, and marks the clock after each phase;
the bare window's phases are measured the same way, alternating with the app's. Prints
the median of each phase in milliseconds, as a Markdown table. The first run of each is
a discarded warm-up (it also writes the bytecode an installed app has).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(mode: str, t0: float, data_dir: str) -> None:
    marks: list[tuple[str, float]] = [("interpreter and site", time.time())]

    def mark(name: str) -> None:
        marks.append((name, time.time()))

    if mode == "app":
        import sqlite_utils  # noqa: F401

        mark("import sqlite-utils (click, dateutil, pluggy)")
        import leersessie_ui.__main__  # noqa: F401

        mark("import the command line and the core")
    import PySide6.QtWidgets  # noqa: F401

    mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    from PySide6.QtCore import QEvent, QObject, QTimer

    if mode == "app":
        from leersessie_ui.app import make_application, open_or_explain, show_window_or_explain

        mark("import the app's window modules")
        app = make_application()
        workspace = open_or_explain(data_dir)
        assert workspace is not None
        mark("QApplication, open the workspace")
        window = show_window_or_explain(workspace)
        assert window is not None
        painted_widget: object = window.home.view
        mark("build and show the main window with the home page")
    else:
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication(sys.argv[:1])
        bare = QMainWindow()
        bare.setCentralWidget(QLabel("Leersessie"))  # the floor of startup_child.py
        bare.resize(1280, 800)
        bare.show()
        painted_widget = bare
        mark("QApplication, build and show the window")

    def painted() -> None:
        mark("first paint, next event-loop tick")
        times = [t0, *(at for _, at in marks)]
        phases = {name: (times[i + 1] - times[i]) * 1000 for i, (name, _) in enumerate(marks)}
        print(json.dumps(phases), flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)
            return False

    spy = FirstPaint()
    painted_widget.installEventFilter(spy)  # type: ignore[attr-defined]
    app.exec()
    if mode == "app":
        window.runner.wait()
        workspace.close()


def _run(mode: str, data_dir: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = [sys.executable, __file__, "--child", mode, repr(time.time()), str(data_dir)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{mode} start failed:\n{done.stderr[-3000:]}")
    phases: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "T0"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], float(args.child[1]), str(args.data_dir))
        return 0
    _run("app", args.data_dir), _run("bare", args.data_dir)  # warm-up
    runs: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    for _ in range(args.runs):
        for mode in runs:
            runs[mode].append(_run(mode, args.data_dir))
    for mode, samples in runs.items():
        print(f"\n{mode} (median of {args.runs} starts)\n\n| phase | ms |\n|---|---|")
        for phase in samples[0]:
            print(f"| {phase} | {statistics.median(s[phase] for s in samples):.0f} |")
        total = statistics.median(sum(s.values()) for s in samples)
        print(f"| **to the first paint** | **{total:.0f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
