"""One cold start, run as its own process by run.py.

    python startup_child.py app|bare T0 [DATA_DIR [SESSION_ID]]

T0 is the parent's time.time() just before it started this process, so the figure
includes the interpreter's own start-up and every import. The clock stops at the first
tick of the event loop after the window's first paint: the moment the coach sees the
home screen and it takes input. The app child runs what ``leersessie_ui.app.run_app``
runs (open_or_explain, show_window_or_explain, start_after_first_paint).

It then waits until that background work is done and the app is idle, and reads the
memory (resident set, and the peak). With SESSION_ID it then writes that session's
summary PDF, timed from the import of the summary module: the first PDF after a start.
Prints one JSON line.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

IDLE_POLL_MS = 20


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _memory() -> dict[str, object]:
    return {
        "rss_kb": _resident_kib(),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _on_first_paint(widget: object, then: object) -> object:
    """Calls ``then`` at the first event-loop tick after ``widget`` was first painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)  # type: ignore[arg-type]
            return False

    spy = FirstPaint()
    widget.installEventFilter(spy)  # type: ignore[attr-defined]
    return spy


def bare(t0: float) -> int:
    """The floor: a bare window that shows a label, so that, like the app, it loads and
    lays out a font before its first paint (a window with nothing in it never does)."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Leersessie"))
    window.resize(1280, 800)

    def painted() -> None:
        seconds = time.time() - t0
        print(json.dumps({"seconds": seconds, **_memory()}), flush=True)
        app.quit()

    spy = _on_first_paint(window, painted)
    window.show()
    code = app.exec()
    del spy
    return code


def leersessie_app(t0: float, data_dir: str, session_id: str | None) -> int:
    # In the order the ``leersessie`` command imports them: its module (and with it the
    # command line's core) first, Qt only when the window is wanted.
    import leersessie_ui.__main__  # noqa: F401

    # isort: split
    from PySide6.QtCore import QTimer

    from leersessie_ui.app import (
        make_application,
        open_or_explain,
        show_window_or_explain,
        start_after_first_paint,
    )

    app = make_application()
    workspace = open_or_explain(data_dir)
    if workspace is None:
        return 1
    result: dict[str, object] = {}

    def painted() -> None:
        result["seconds"] = time.time() - t0
        # Integrity still unchecked at the first paint: the check stayed off its path.
        result["checked_before_paint"] = workspace.integrity is None
        result["history_rows"] = window.home.history.rowCount()
        QTimer.singleShot(IDLE_POLL_MS, when_idle)

    def when_idle() -> None:
        if window.runner.pool.activeThreadCount() or workspace.integrity is not None:
            QTimer.singleShot(IDLE_POLL_MS, when_idle)
            return
        result["idle_after"] = time.time() - t0
        result.update(_memory())
        if session_id:
            result["first_pdf"] = _first_summary(workspace.db, session_id)
        print(json.dumps(result), flush=True)
        app.quit()

    window = show_window_or_explain(workspace)
    if window is None:
        return 1
    start_after_first_paint(window, workspace)
    # Installed last, so it sees the first paint first: the clock stops before the
    # background work starts.
    spy = _on_first_paint(window.home.view, painted)
    try:
        return app.exec()
    finally:
        del spy
        window.runner.wait()
        workspace.close()


def _first_summary(db: object, session_id: str) -> float:
    """The summary as the app makes it the first time: its module imported on first use."""
    from datetime import date

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        from leersessie.reports.summary import write_summary

        write_summary(db, session_id, Path(folder) / "eerste.pdf", date(2026, 10, 30))  # type: ignore[arg-type]
        return time.perf_counter() - start


def main() -> int:
    mode, t0 = sys.argv[1], float(sys.argv[2])
    if mode == "bare":
        return bare(t0)
    return leersessie_app(t0, sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)


if __name__ == "__main__":
    sys.exit(main())
