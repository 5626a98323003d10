"""Layout of the search page: one field, and the matches as a list of rich snippets.

The list is a QListView over a small model with a delegate that lays out only the rows
on screen: one rich-text label per result cost 50 to 60 ms per keystroke to build.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
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

from leersessie.i18n import tr

Index = QModelIndex | QPersistentModelIndex
RICH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
MARGIN = 6
SNIPPET_LINES = 2  # a snippet of 16 words fits in two lines at the width of a laptop


class SearchResultsModel(QAbstractListModel):
    """The results as (rich text, plain text) pairs: the rich text is drawn, the plain
    text is what screen readers and keyboard search get."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rich, plain = self.rows[index.row()]
        if role == RICH_TEXT_ROLE:
            return rich
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return plain
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Draws a row's rich text; every row has the same height, so the view asks for the
    size once and lays out only the rows it paints."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            # A light selection keeps the text dark, so the marked words stay readable.
            highlight = option.palette.color(QPalette.ColorRole.Highlight)
            painter.fillRect(option.rect, highlight.lighter(175))
            painter.setPen(highlight)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        document = self._document(index.data(RICH_TEXT_ROLE), option, option.rect.width())
        painter.translate(option.rect.left() + MARGIN, option.rect.top() + MARGIN // 2)
        painter.setClipRect(0, 0, option.rect.width() - 2 * MARGIN, option.rect.height() - MARGIN)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        # The width is the view's: no horizontal scrolling, the text wraps instead.
        return QSize(0, (1 + SNIPPET_LINES) * line + 2 * MARGIN)

    @staticmethod
    def _document(html: str, option: QStyleOptionViewItem, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(max(width - 2 * MARGIN, 100))
        return document


class SearchView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("Zoeken in notities, acties en bevindingen"), objectName="pageTitle")
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
        self.state = QLabel(objectName="searchState")
        self.model = SearchResultsModel()
        self.results = QListView(objectName="searchResults")
        self.results.setAccessibleName(tr("Zoekresultaten"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSpacing(2)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hint = QLabel(
            tr("Enter of dubbelklik opent de sessie bij de gevonden stap."), objectName="muted"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.field)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

    def show_results(self, rows: list[tuple[str, str]]) -> None:
        """Each result as (rich text, plain text)."""
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
