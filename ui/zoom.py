"""Zoom for a whole top-level window: every text and control scales with one level, and
each window remembers its own level (the coach's screen and the group screen apart)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QPlainTextEdit,
    QTableView,
)
from sqlite_utils import Database

from leersessie.store.settings import Setting, read, write

# Percentages, each about 10% above the one before, from 80% to 250%.
ZOOM_LEVELS = (80, 90, 100, 110, 120, 135, 150, 165, 180, 200, 225, 250)
NORMAL = 100


def nearest_level(percent: int) -> int:
    return min(ZOOM_LEVELS, key=lambda level: abs(level - percent))


class WindowZoom(QObject):
    """One screen's zoom level: ``apply(percent)`` scales the screen (the coach's window
    re-applies its stylesheet with every size at the level, so children, dialogs and menus
    follow; the group screen multiplies its base size). The level is kept in the database
    ``setting`` (``COACH_ZOOM``, ``GROUP_ZOOM``) and applied at once."""

    changed = Signal(int)  # the new percentage

    def __init__(
        self, owner: QObject, db: Database, setting: Setting[int], apply: Callable[[int], None]
    ) -> None:
        super().__init__(owner)
        self.db = db
        self.setting = setting
        self.apply = apply
        self.percent = nearest_level(read(db, setting))
        apply(self.percent)

    def larger(self) -> None:
        self.set_percent(next((z for z in ZOOM_LEVELS if z > self.percent), ZOOM_LEVELS[-1]))

    def smaller(self) -> None:
        lower = [level for level in ZOOM_LEVELS if level < self.percent]
        self.set_percent(lower[-1] if lower else ZOOM_LEVELS[0])

    def reset(self) -> None:
        self.set_percent(NORMAL)

    def set_percent(self, percent: int) -> None:
        percent = nearest_level(percent)
        if percent == self.percent:
            return
        self.percent = percent
        self.apply(percent)
        write(self.db, self.setting, percent)
        self.changed.emit(percent)


class MinimumLines(QObject):
    """Keeps a text box at least ``lines`` lines of its own font high, at any zoom level
    (a fixed pixel minimum is four lines at 100% but two at 250%)."""

    def __init__(self, editor: QPlainTextEdit, lines: int) -> None:
        super().__init__(editor)
        self.editor = editor
        self.lines = lines
        editor.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish):
            self._fit()
        return False

    def _fit(self) -> None:
        editor = self.editor
        margins = editor.contentsMargins()
        document = round(editor.document().documentMargin() * 2)
        height = editor.fontMetrics().lineSpacing() * self.lines + document
        editor.setMinimumHeight(height + margins.top() + margins.bottom() + 2 * editor.frameWidth())


def show_whole_text(view: QAbstractItemView) -> None:
    """A list or table shows each text whole at any zoom level: wrapped, never cut off
    with "…", rows as tall as their text (Qt elides by default and keeps row heights)."""
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    if isinstance(view, QTableView):
        view.setWordWrap(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    elif isinstance(view, QListView):
        view.setWordWrap(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
