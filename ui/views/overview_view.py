"""Layout of the actions overview: filters above, the actions in a table, export below."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie.memory.actions import STATUS_LABELS
from leersessie.method.models import ActionStatus
from leersessie_ui.views.panels import button, make_table
from leersessie_ui.widgets.choice_box import ChoiceBox

Index = QModelIndex | QPersistentModelIndex
STATUS_COLUMN = 3


def status_choices() -> list[tuple[str, ActionStatus]]:
    return [(tr(label), status) for status, label in STATUS_LABELS.items()]


def _combo(name: str, accessible: str) -> ChoiceBox:
    widget = ChoiceBox(objectName=name)
    widget.setAccessibleName(accessible)
    # As wide as the line allows, not as the longest name: that made the window wider
    # than a 1024 px screen once zoomed in.
    widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    widget.setMinimumContentsLength(14)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


class StatusDelegate(QStyledItemDelegate):
    """The status cell becomes a choice list when edited; the model stores the choice."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = _combo("statusEditor", tr("Status van de actie"))
        editor.setParent(parent)
        for label, status in status_choices():
            editor.addItem(label, status)
        # Choosing is the whole edit: commit at once instead of waiting for focus loss.
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        editor.activated.connect(lambda _i: self.closeEditor.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class OverviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("Acties van alle teams"), objectName="pageTitle", wordWrap=True)
        self.back_button = button(tr("← Terug"), "overviewBack", tr("Terug naar start"))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.back_button)

        self.team = _combo("overviewTeam", tr("Filter op team"))
        self.owner = _combo("overviewOwner", tr("Filter op eigenaar"))
        self.status = _combo("overviewStatus", tr("Filter op status"))
        self.overdue = QCheckBox(tr("Alleen te &laat"), objectName="overviewOverdue")
        self.overdue.setAccessibleName(tr("Alleen acties die te laat zijn"))
        # Two filters a line: on one line they made the window wider than a 1024 px screen
        # once zoomed in.
        filters = QGridLayout()
        for index, (label_text, widget) in enumerate(
            ((tr("&Team"), self.team), (tr("&Eigenaar"), self.owner), (tr("&Status"), self.status))
        ):
            label = QLabel(label_text)
            label.setBuddy(widget)
            row, column = divmod(index, 2)
            filters.addWidget(label, row, 2 * column)
            filters.addWidget(widget, row, 2 * column + 1)
        filters.addWidget(self.overdue, 1, 2, 1, 2)
        filters.setColumnStretch(4, 1)

        self.table = QTableView(objectName="actionsTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setAccessibleName(tr("Acties"))
        # Column widths from the first rows only: measuring every loaded row took a third
        # of a second per filter change on 50,000 actions.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Only the status column is editable (the model says so): double-click, F2 or
        # typing opens its choice list.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.status_delegate = StatusDelegate(self.table)
        self.table.setItemDelegateForColumn(STATUS_COLUMN, self.status_delegate)
        self.table.verticalHeader().hide()
        # Rows keep one height (sizing 50,000 rows to their text is too slow): a cell shows
        # its text unshortened and the table scrolls sideways, never "…".
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(
            tr("Status wijzigen: dubbelklik op de status of druk op F2."),
            objectName="muted",
            wordWrap=True,
        )

        # A reviewteam's improvement measures, tracked like actions, under the same filters.
        self.measures_heading = QLabel("<b>" + tr("Verbetermaatregelen uit leerreviews") + "</b>")
        self.measures = make_table(
            "overviewMeasures",
            tr("Verbetermaatregelen uit leerreviews"),
            [
                tr("Verbetermaatregel"),
                tr("Eigenaar"),
                tr("Klaar op"),
                tr("Status"),
                tr("Team"),
                tr("Niveau"),
                tr("Bevinding"),
            ],
        )
        self.measures.setMaximumHeight(180)

        self.count = QLabel(objectName="overviewCount")
        self.export_state = QLabel(objectName="muted", wordWrap=True)
        self.export_button = button(
            tr("&Exporteren als CSV…"), "exportCsv", tr("Exporteren als CSV")
        )
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addWidget(self.export_state, 1)
        footer.addWidget(self.export_button)
        self.calendar_button = button(
            tr("&Agenda-items (.ics)…"), "exportIcs", tr("Acties als agenda-items opslaan")
        )
        footer.addWidget(self.calendar_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.measures_heading)
        layout.addWidget(self.measures)
        layout.addLayout(footer)
