"""Layouts of the per-step panels below the notes (actions, and the format-specific ones)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
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
    table.setMinimumHeight(170)  # room for a few rows inside the scrolling step page
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


class FindingsPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)


        self.heading = QLabel(f"<b>{tr('Bevindingen')}</b>")
        self.table = make_table("findingsTable", tr("Bevindingen"),
                                [tr("Bevinding"), tr("Maatregelen")])
        self.new_text = QLineEdit(objectName="newFinding")
        self.new_text.setAccessibleName(tr("Nieuwe bevinding"))
        self.new_text.setPlaceholderText(tr("Een bevinding, in één of twee zinnen"))
        self.add_button = button(tr("Toevoegen"), "addFinding", tr("Bevinding toevoegen"))
        self.remove_button = button(tr("Verwijderen"), "removeFinding", tr("Bevinding verwijderen"))
        row = QHBoxLayout()
        row.addWidget(self.new_text, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(row)


class MeasuresPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)


        self.source = QLabel(objectName="linkedSource")
        self.source.setWordWrap(True)
        self.findings = make_table("linkedFindings", tr("Bevindingen uit de casegroep"),
                                   [tr("Bevinding uit de casegroep"), tr("Maatregelen")])
        self.measures = make_table("measuresTable", tr("Verbetermaatregelen"),
                                   [tr("Maatregel"), tr("Eigenaar"), tr("Niveau")])
        self.what = QLineEdit(objectName="measureWhat")
        self.what.setAccessibleName(tr("Verbetermaatregel"))
        self.what.setPlaceholderText(tr("Verbetermaatregel bij de gekozen bevinding"))
        self.owner = QLineEdit(objectName="measureOwner")
        self.owner.setAccessibleName(tr("Eigenaar van de maatregel"))
        self.owner.setPlaceholderText(tr("Eigenaar"))
        self.level = QComboBox(objectName="measureLevel")
        self.level.setAccessibleName(tr("Niveau van de maatregel"))
        self.add_button = button(tr("Toevoegen"), "addMeasure", tr("Maatregel toevoegen"))
        self.remove_button = button(tr("Verwijderen"), "removeMeasure", tr("Maatregel verwijderen"))
        row = QHBoxLayout()
        row.addWidget(self.what, 3)
        row.addWidget(self.owner, 1)
        row.addWidget(self.level)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source)
        layout.addWidget(self.findings)
        layout.addWidget(QLabel(f"<b>{tr('Maatregelen bij de gekozen bevinding')}</b>"))
        layout.addWidget(self.measures)
        layout.addLayout(row)


class RatingsPanelView(QWidget):
    """One row per item: its title and behaviours, and a 1-5 choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addWidget(QLabel(tr("<b>Cijfer</b>: 1 = komt nauwelijks voor, 5 = komt sterk "
                                      "en vanzelf voor. Eerst ieder voor zich, dan samen.")))


class LookbackPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(f"<b>{tr('Acties van vorige keer')}</b>")
        self.table = make_table("lookbackTable", tr("Acties van vorige keer"),
                                [tr("Actie"), tr("Eigenaar"), tr("Streefdatum"),
                                 tr("Uitkomst"), tr("Wat hebben we geleerd")])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.done_button = button(tr("Gedaan…"), "reviewDone", tr("Actie is gedaan"))
        self.continue_button = button(tr("Loopt door…"), "reviewContinued",
                                      tr("Actie loopt door"))
        self.drop_button = button(tr("Vervalt…"), "reviewDropped", tr("Actie vervalt"))
        self.trail = QLabel(objectName="actionTrail")
        self.trail.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addWidget(self.continue_button)
        row.addWidget(self.drop_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.trail)
