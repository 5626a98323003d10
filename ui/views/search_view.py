"""Layout of the search page: one field, and the matches as a list of rich snippets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leersessie.i18n import tr
from leersessie_ui.zoom import show_whole_text


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
        self.results = QListWidget(objectName="searchResults")
        self.results.setAccessibleName(tr("Zoekresultaten"))
        show_whole_text(self.results)
        self.results.setSpacing(2)
        self.hint = QLabel(
            tr("Enter of dubbelklik opent de sessie bij de gevonden stap."),
            objectName="muted",
            wordWrap=True,
        )
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_results)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.field)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

    def add_result(self, rich_text: str, plain_text: str) -> QListWidgetItem:
        """One result: the rich text is drawn by a label; the item carries the plain
        text for screen readers and keyboard search."""
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.AccessibleTextRole, plain_text)
        label = QLabel(rich_text, objectName="searchResult")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setContentsMargins(6, 4, 6, 4)
        # Clicks go to the list, so a click selects and a double-click opens.
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.results.addItem(item)
        self.results.setItemWidget(item, label)
        self._fit_result(item)
        return item

    def _fit_result(self, item: QListWidgetItem) -> None:
        # A wrapped label's own size hint is far too tall: size it for the list's width.
        label = self.results.itemWidget(item)
        width = max(self.results.viewport().width(), 400)
        item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._refit.start()  # zoomed: once the labels have their new font

    def _fit_results(self) -> None:
        for row in range(self.results.count()):
            self._fit_result(self.results.item(row))

    def result_text(self, row: int) -> str:
        label = self.results.itemWidget(self.results.item(row))
        assert isinstance(label, QLabel)
        return label.text()
