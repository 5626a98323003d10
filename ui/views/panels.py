"""Layouts of the per-step panels below the notes (actions, and the format-specific ones)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from leersessie.i18n import tr


def make_table(name: str, accessible: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    return table


def button(text: str, name: str, accessible: str | None = None) -> QPushButton:
    widget = QPushButton(text, objectName=name)
    widget.setAccessibleName(accessible or text)
    return widget


class ActionsPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(f"<b>{tr('Afgesproken acties')}</b>")
        self.table = make_table("actionsTable", tr("Afgesproken acties"),
                                [tr("Actie"), tr("Eigenaar"), tr("Streefdatum"), tr("Status")])
        self.add_button = button(tr("Actie toevoegen"), "addAction")
        self.edit_button = button(tr("Bewerken"), "editAction", tr("Actie bewerken"))
        self.remove_button = button(tr("Verwijderen"), "removeAction", tr("Actie verwijderen"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
