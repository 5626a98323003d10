"""Layout of the search page: one field, and the matches as a list of rich snippets.

The list is a QListView over a small model with a delegate that lays out only the rows
on screen, without HTML: one rich-text label per result cost 50 to 60 ms per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr

Index = QModelIndex | QPersistentModelIndex
RICH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = "#ffe58a"  # the background of a matched word
MARGIN = 6
SNIPPET_LINES = 2  # a snippet of 16 words fits in two lines at the width of a laptop
HEADING_LINES = 2  # session, step and team: room to wrap at a large zoom instead of "…"


class SearchResult(NamedTuple):
    heading: str
    snippet_parts: tuple[tuple[str, bool], ...]  # (text, marked)
    rich_text: str  # the same as markup, for whoever copies or inspects it
    plain_text: str  # for screen readers and keyboard search


class SearchResultsModel(QAbstractListModel):
    """The results: the delegate draws heading and snippet; screen readers and keyboard
    search get the plain text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SearchResult] = []

    def set_rows(self, rows: list[SearchResult]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role == RESULT_ROLE:
            return row
        if role == RICH_TEXT_ROLE:
            return row.rich_text
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.plain_text
        return None


class ResultDelegate(QStyledItemDelegate):
    """Draws a result's heading in bold and its snippet with the matched words marked,
    through QTextLayout (no HTML to parse). Every row has the same height, so the view
    asks for the size once and lays out only the rows it paints."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        result: SearchResult = index.data(RESULT_ROLE)
        rect = option.rect.adjusted(MARGIN, MARGIN // 2, -MARGIN, -MARGIN // 2)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            # A light selection keeps the text dark, so the marked words stay readable.
            highlight = option.palette.color(QPalette.ColorRole.Highlight)
            painter.fillRect(option.rect, highlight.lighter(175))
            painter.setPen(highlight)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        bold = QFont(option.font)
        bold.setBold(True)
        # The heading wraps (never "…"): at a large zoom a long team name takes two lines.
        heading = self._lines(result.heading, bold, rect.width(), HEADING_LINES)
        heading.draw(painter, QPointF(rect.left(), rect.top()))
        top = rect.top() + HEADING_LINES * QFontMetrics(bold).lineSpacing()
        self._snippet(result.snippet_parts, option.font, rect.width()).draw(
            painter, QPointF(rect.left(), top)
        )
        painter.restore()

    @staticmethod
    def _lines(
        text: str,
        font: QFont,
        width: int,
        count: int,
        formats: Sequence[QTextLayout.FormatRange] = (),
    ) -> QTextLayout:
        """``text`` wrapped to ``width``, at most ``count`` lines."""
        layout = QTextLayout(text, font)
        layout.setFormats(list(formats))
        layout.beginLayout()
        top = 0.0
        for _ in range(count):
            text_line = layout.createLine()
            if not text_line.isValid():
                break
            text_line.setLineWidth(width)
            text_line.setPosition(QPointF(0, top))
            top += text_line.height()
        layout.endLayout()
        return layout

    @staticmethod
    def _snippet(parts: tuple[tuple[str, bool], ...], font: QFont, width: int) -> QTextLayout:
        marked_format = QTextCharFormat()
        marked_format.setBackground(QColor(HIGHLIGHT))
        marked_format.setFontWeight(QFont.Weight.Bold)
        ranges = []
        start = 0
        for text, marked in parts:
            if marked:
                marked_range = QTextLayout.FormatRange()
                marked_range.start, marked_range.length = start, len(text)
                marked_range.format = marked_format
                ranges.append(marked_range)
            start += len(text)
        # A line break in a note reads as a space here (same length: the ranges still fit).
        text = "".join(text for text, _ in parts).replace("\n", " ")
        return ResultDelegate._lines(text, font, width, SNIPPET_LINES, ranges)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold = QFont(option.font)
        bold.setBold(True)
        heading = HEADING_LINES * QFontMetrics(bold).lineSpacing()
        # The width is the view's: no horizontal scrolling, the text wraps instead.
        return QSize(0, heading + SNIPPET_LINES * option.fontMetrics.lineSpacing() + 2 * MARGIN)


class SearchView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(
            tr("Zoeken in notities, acties en bevindingen"), objectName="pageTitle", wordWrap=True
        )
        self.back_button = QPushButton(tr("← Terug"), objectName="searchBack")
        self.back_button.setAccessibleName(tr("Terug naar start"))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.back_button)
        self.field = QLineEdit(objectName="searchField")
        self.field.setAccessibleName(tr("Zoekwoorden"))
        self.field.setPlaceholderText(
            tr('Typ een of meer woorden, of "een zin tussen aanhalingstekens"')
        )
        self.field.setClearButtonEnabled(True)
        self.state = QLabel(objectName="searchState", wordWrap=True)
        self.model = SearchResultsModel()
        self.results = QListView(objectName="searchResults")
        self.results.setAccessibleName(tr("Zoekresultaten"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)  # the delegate wraps
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSpacing(2)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hint = QLabel(
            tr("Enter of dubbelklik opent de sessie bij de gevonden stap."),
            objectName="muted",
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.field)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # Zoomed: rows are measured from the font, so lay them out again once the
            # list has its new one.
            QTimer.singleShot(0, self.results.doItemsLayout)

    def show_results(self, rows: list[SearchResult]) -> None:
        self.model.set_rows(rows)

    def result_count(self) -> int:
        return self.model.rowCount()

    def result_text(self, row: int) -> str:
        return str(self.model.index(row).data(RICH_TEXT_ROLE))

    def current_row(self) -> int:
        index = self.results.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        self.results.setCurrentIndex(self.model.index(row))
