"""Slow work (reports, backups) off the GUI thread, each job with its own connection.

SQLite connections belong to one thread, so a job gets a fresh connection to the same
database file and closes it when done. Results come back through signals of the runner,
which lives in the GUI thread, so callbacks run there.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from sqlite_utils import Database

from leersessie import logbook
from leersessie.errors import UserFacingError
from leersessie.storage import connect


class BackgroundRunner(QObject):
    """Runs ``work(db)`` on a pool thread; ``on_done(result)`` / ``on_failed(message)``
    are called back on the GUI thread."""

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
            db = connect(self.database)
            try:
                result = work(db)
            except UserFacingError as error:
                self._finished.emit(job_id, False, error.message)
                return
            except Exception as error:  # a bug: logged and told, never a silent stuck job
                logbook.log_uncaught(type(error), error, error.__traceback__)
                self._finished.emit(job_id, False, logbook.unexpected_error_message(error))
                return
            finally:
                db.close()
            self._finished.emit(job_id, True, result)

        self.pool.start(job)

    def _deliver(self, job_id: int, succeeded: bool, value: object) -> None:
        on_done, on_failed = self._callbacks.pop(job_id)
        if succeeded:
            on_done(value)
        else:
            on_failed(str(value))

    def wait(self) -> None:
        """Block until every job has finished (at close), then deliver their results."""
        self.pool.waitForDone()
