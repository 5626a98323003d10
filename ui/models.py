"""Qt item models over core queries, paging lazily so 10,000 rows never load at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.method.models import SessionInfo, SessionStatus

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
# More rows than a screen shows: the rest come as the view scrolls. Going home reads one
# page of the team's history, so it costs the same for 5 sessions as for 200.
PAGE_SIZE = 50


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows come from ``fetch(limit, offset)``; Qt asks for more as the view scrolls."""

    def __init__(self, headers: Sequence[str], cells: Callable[[Row], Sequence[str]]) -> None:
        super().__init__()
        self.headers = list(headers)
        self.cells = cells
        self.rows: list[Row] = []
        # Each row's texts, made once per row object (a row replaced gets new texts): a
        # view sizing its columns to their contents asks for every cell several times
        # (7,600 calls to show 49 sessions at start).
        self._texts: dict[int, tuple[Row, Sequence[str]]] = {}
        self._fetch: Callable[[int, int], list[Row]] = lambda limit, offset: []
        self._exhausted = True

    def load(self, fetch: Callable[[int, int], list[Row]]) -> None:
        self.beginResetModel()
        self._texts.clear()
        self._fetch = fetch
        self.rows = fetch(PAGE_SIZE, 0)
        self._exhausted = len(self.rows) < PAGE_SIZE
        self.endResetModel()

    def row(self, index: int) -> Row:
        return self.rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            row = self.rows[index.row()]
            cached = self._texts.get(index.row())
            if cached is None or cached[0] is not row:
                cached = self._texts[index.row()] = (row, self.cells(row))
            return cached[1][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        more = self._fetch(PAGE_SIZE, len(self.rows))
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()


def status_label(status: SessionStatus) -> str:
    return tr("afgerond") if status is SessionStatus.FINISHED else tr("bezig")


def session_history_model() -> PagedTableModel[SessionInfo]:
    return PagedTableModel(
        [tr("Datum"), tr("Werkvorm"), tr("Leercoach"), tr("Status")],
        lambda info: (
            short(info.date),
            info.template_title,
            info.facilitator,
            status_label(info.status),
        ),
    )
