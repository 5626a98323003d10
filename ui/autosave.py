"""Notes save themselves: at most half a second after the first unsaved keystroke.

The timer is not restarted by further typing, so text reaches the disk within a second
even while someone keeps typing. A failed write (full disk, locked file) keeps the text
in memory, tells the user why, and is retried: nothing typed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from leersessie.base.sqlite_errors import SQLITE_OPERATIONAL_ERRORS
from leersessie.store.storage import explain_write_error

SAVE_DELAY_MS = 500
RETRY_DELAY_MS = 2000


class NoteAutosaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, write: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._pending: dict[str, str] = {}
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.flush)

    def note_changed(self, step_key: str, text: str) -> None:
        self._pending[step_key] = text
        if not self._timer.isActive():
            self._timer.start(SAVE_DELAY_MS)

    def flush(self) -> bool:
        """Write everything pending now; returns False if it stays pending after an error."""
        self._timer.stop()
        wrote = bool(self._pending)
        while self._pending:
            step_key, text = next(iter(self._pending.items()))
            try:
                self._write(step_key, text)
            except SQLITE_OPERATIONAL_ERRORS as exc:
                self.failed.emit(explain_write_error(exc).message)
                self._timer.start(RETRY_DELAY_MS)
                return False
            if self._pending.get(step_key) == text:
                del self._pending[step_key]
        if wrote:
            self.saved.emit()
        return True
