"""Slow work (reports, backups) off the GUI thread, each job with its own connection.

SQLite connections belong to one thread, so a job gets a fresh connection to the same
database file and closes it when done. Results come back through signals of the runner,
which lives in the GUI thread, so callbacks run there.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from sqlite_utils import Database

from leersessie.errors import explain_failure
from leersessie.storage import connect


class BackgroundRunner(QObject):
    """Runs ``work(db)`` on a pool thread; ``on_done(result)`` / ``on_failed(message)``
    are called back on the GUI thread.

    Every exception reaches the coach: one the user can act on (a full disk, a locked or
    read-only database, an OS error, any UserFacingError) goes to ``on_failed`` with its
    Dutch message; any other is a programming error and goes, with its traceback, to
    ``sys.excepthook`` on the GUI thread, the app's one path for those (an error dialog,
    printed in full, and the log).
    """

    _finished = Signal(int, bool, object)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.pool = QThreadPool(self)
        self._ids = itertools.count()
        self._callbacks: dict[int, tuple[Callable[[Any], object], Callable[[str], object]]] = {}
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[Database], Any],
        on_done: Callable[[Any], object],
        on_failed: Callable[[str], object],
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_failed)

        def job() -> None:
            try:
                db = connect(self.database)
                try:
                    result = work(db)
                finally:
                    db.close()
            except Exception as error:  # handed to the GUI thread, never dropped
                self._finished.emit(job_id, False, error)
                return
            self._finished.emit(job_id, True, result)

        self.pool.start(job)

    def _deliver(self, job_id: int, succeeded: bool, value: object) -> None:
        on_done, on_failed = self._callbacks.pop(job_id)
        if succeeded:
            on_done(value)
            return
        assert isinstance(value, Exception)
        explained = explain_failure(value, self.database)
        if explained is not None:
            on_failed(explained.message)
        else:
            sys.excepthook(type(value), value, value.__traceback__)

    def wait(self) -> None:
        """Block until every job has finished (at close), then deliver their results."""
        self.pool.waitForDone()
