"""One cold start, run as its own process by run.py.

    python startup_child.py app|bare T0 [DATA_DIR]

T0 is the parent's time.time() just before it started this process, so the figure
includes the interpreter's own start-up and every import. The clock stops at the first
tick of the event loop after show(): the moment the window can take input. Prints one
JSON line: seconds and peak memory (ru_maxrss, KiB on Linux).
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _report(t0: float, extra: dict[str, object]) -> None:
    seconds = time.time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "maxrss_kb": peak, **extra}), flush=True)


def bare(t0: float) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, lambda: (_report(t0, {}), app.quit()))
    return app.exec()


def leersessie_app(t0: float, data_dir: str) -> int:
    # The same path as the `leersessie` command (ui/__main__.py, then
    # leersessie_ui.app.run_app), with a hook at the first tick.
    from leersessie_ui.__main__ import start_integrity_check

    integrity = start_integrity_check(data_dir)
    from PySide6.QtCore import QTimer

    from leersessie_ui.app import make_application, open_or_explain

    app = make_application()
    from leersessie_ui.main_window import MainWindow

    workspace = open_or_explain(data_dir, integrity)
    if workspace is None:
        return 1
    window = MainWindow(workspace)
    window.show()

    def tick() -> None:
        _report(
            t0,
            {
                "history_rows": window.home.history.rowCount(),
                "team": window.home.team.name if window.home.team else "",
            },
        )
        app.quit()

    QTimer.singleShot(0, tick)
    try:
        return app.exec()
    finally:
        workspace.close()


def main() -> int:
    mode, t0 = sys.argv[1], float(sys.argv[2])
    if mode == "bare":
        return bare(t0)
    return leersessie_app(t0, sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
