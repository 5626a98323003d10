"""The one change notification of the app: every edit a coach makes is announced here, and
every view that shows that data (the coach's and the group's) follows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from leersessie.base.changes import Change, ChangeKind


class ChangeHub(QObject):
    changed = Signal(object)  # Change

    def announce(self, kind: ChangeKind, id: str, session_id: str | None = None) -> None:
        self.changed.emit(Change(kind, id, session_id))
