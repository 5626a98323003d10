"""Slow work (reports, backups) off the GUI thread, each job with its own connection.

SQLite connections belong to one thread, so a job gets a fresh connection to the same
database file and closes it when done. Results come back through signals of the runner,
which lives in the GUI thread, so callbacks run there.
"""

from __future__ import annotations

import itertools
import queue
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from sqlite_utils import Database

from leersessie.base.errors import explain_failure
from leersessie.store.integrity import IntegrityCheck
from leersessie.store.storage import connect


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
        # While the full integrity check has not passed, a job's first write waits for
        # it and is refused on a damaged file (see integrity.IntegrityCheck.guard).
        self.integrity: IntegrityCheck | None = None
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[Database], Any],
        on_done: Callable[[Any], object],
        on_failed: Callable[[str], object],
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_failed)
        integrity = self.integrity

        def job() -> None:
            try:
                db = connect(self.database)
                try:
                    if integrity is not None:
                        integrity.guard(db.conn)
                    result = work(db)
                finally:
                    db.close()
            except sqlite3.DatabaseError as error:
                refusal = integrity.refusal() if integrity is not None else None
                # A write the guard refused on a damaged file says so; anything else
                # is explained (or raised) on the GUI thread like every other failure.
                self._finished.emit(job_id, False, refusal or error)
                return
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


class LatestOnlyWorker(QObject):
    """One thread with one connection for work where only the newest request counts,
    such as search as you type.

    A request waiting behind a newer one is skipped; a result that arrives after a newer
    request was made is dropped, so a slow early query never overwrites a later answer.
    The connection stays open between requests, so its page cache stays warm.
    """

    _finished = Signal(int, bool, object)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._latest = 0
        self._on_done: Callable[[Any], None] = lambda _result: None
        self._requests: queue.SimpleQueue[tuple[int, Callable[[Database], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver)

    def submit(self, work: Callable[[Database], Any], on_done: Callable[[Any], None]) -> int:
        """Run ``work(db)`` on the worker's thread; ``on_done(result)`` is called on the
        GUI thread unless a newer request was submitted meanwhile. Returns the request's
        number."""
        self._latest += 1
        self._on_done = on_done
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="latest-only", daemon=True)
            self._thread.start()
        self._requests.put((self._latest, work))
        return self._latest

    def drop_pending(self) -> None:
        """Results of the requests made so far are no longer wanted."""
        self._latest += 1

    def _serve(self) -> None:
        db = connect(self.database)
        try:
            while (request := self._newest_waiting()) is not None:
                number, work = request
                if number != self._latest:
                    continue
                try:
                    result = work(db)
                except Exception as error:  # a bug: raised again on the GUI thread, not lost
                    self._finished.emit(number, False, error)
                    continue
                self._finished.emit(number, True, result)
        finally:
            db.close()

    def _newest_waiting(self) -> tuple[int, Callable[[Database], Any]] | None:
        """Block for a request, then skip to the newest one already waiting."""
        request = self._requests.get()
        while request is not None and not self._requests.empty():
            request = self._requests.get()
        return request

    def _deliver(self, number: int, succeeded: bool, result: object) -> None:
        if not succeeded:
            assert isinstance(result, Exception)
            raise result
        if number == self._latest:
            self._on_done(result)

    def stop(self) -> None:
        """Finish the request under way, close the connection and end the thread."""
        if self._thread is not None:
            self._requests.put(None)
            self._thread.join()
            self._thread = None
