"""The actions overview across teams: filtering, changing a status in place, CSV export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidgetItem

from leersessie.base.changes import Change, ChangeKind
from leersessie.base.dates import short
from leersessie.base.i18n import ntr, tr
from leersessie.memory.actions import set_action_status
from leersessie.memory.overview import (
    ActionFilter,
    ActionRow,
    MeasureRow,
    count_actions,
    export_csv,
    list_actions,
    list_measures,
    measure_status_text,
    status_text,
)
from leersessie.method.models import ActionStatus
from leersessie.method.teams import list_teams, people_by_team
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.models import Index, PagedTableModel
from leersessie_ui.style import WARNING
from leersessie_ui.views.overview_view import STATUS_COLUMN, OverviewView, status_choices
from leersessie_ui.views.panels import cells_at_once


def _cells(row: ActionRow) -> tuple[str, ...]:
    a = row.action
    return (
        a.what,
        a.owner_name or "–",
        short(a.due_date) or "–",
        status_text(row),
        row.team_name,
        short(row.origin_date),
        row.template_title,
        str(row.review_count),
    )


class ActionsModel(PagedTableModel[ActionRow]):
    """The overview rows; overdue rows in red, the status column editable."""

    def __init__(self) -> None:
        super().__init__(
            [
                tr("Actie"),
                tr("Eigenaar"),
                tr("Streefdatum"),
                tr("Status"),
                tr("Team"),
                tr("Afgesproken op"),
                tr("Werkvorm"),
                tr("Terugblikken"),
            ],
            _cells,
        )
        # Set by the controller: stores a new status and returns the updated row.
        self.change_status: Callable[[ActionRow, ActionStatus], ActionRow] | None = None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QColor(WARNING)
        if role == Qt.ItemDataRole.FontRole and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.EditRole and index.column() == STATUS_COLUMN:
            return row.action.status
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue:
            return tr("Te laat: de streefdatum is voorbij en de actie staat nog open.")
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == STATUS_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or index.column() != STATUS_COLUMN
            or self.change_status is None
        ):
            return False
        row = self.rows[index.row()]
        status = ActionStatus(value)
        if status is row.action.status:
            return False
        self.rows[index.row()] = self.change_status(row, status)
        # The row stays where it is until the next refresh, so it does not jump away
        # from under the coach's eyes.
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        )
        return True


class OverviewController(QObject):
    back_requested = Signal()

    def __init__(
        self,
        workspace: Workspace,
        runner: BackgroundRunner,
        changes: ChangeHub,
        check_before_export: Callable[[str | None, Callable[[], None]], None],
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.changes = changes
        changes.changed.connect(self._follow)
        # Before the CSV or the calendar leaves the app: the client-data check of what it
        # holds (team id or None for all; it calls the second argument to go on). Required:
        # an export never leaves without it.
        self.check_before_export = check_before_export
        self.db = workspace.db
        self.today = today
        self.view = OverviewView()
        self.model = ActionsModel()
        self.model.change_status = self._change_status
        self.view.table.setModel(self.model)
        view = self.view
        view.status.add_choice(tr("Alle"), None)
        for label, status in status_choices():
            view.status.add_choice(label, status)
        view.team.currentIndexChanged.connect(lambda _i: self._team_changed())
        view.owner.currentIndexChanged.connect(lambda _i: self.reload())
        view.status.currentIndexChanged.connect(lambda _i: self.reload())
        view.overdue.toggled.connect(self._overdue_toggled)
        view.export_button.clicked.connect(self.export)
        view.calendar_button.clicked.connect(self.export_calendar)
        view.back_button.clicked.connect(self.back_requested.emit)

    # --- filters ---------------------------------------------------------------

    def refresh(self, team_id: str | None = None) -> None:
        """Fill the team choices again (teams may have been added) and reload; with
        ``team_id``, show that team's actions."""
        view = self.view
        keep = team_id or view.team.value()
        view.team.blockSignals(True)
        view.team.clear()
        view.team.add_choice(tr("Alle teams"), None)
        for team in list_teams(self.db):
            view.team.add_choice(team.name, team.id)
        view.team.select(keep)
        view.team.blockSignals(False)
        self._team_changed()

    def _team_changed(self) -> None:
        """Only the owners of the chosen team can be chosen; across teams each name
        carries its team, as two teams may both have a Sanne."""
        view = self.view
        keep = view.owner.value()
        team_id = view.team.value()
        view.owner.blockSignals(True)
        view.owner.clear()
        view.owner.add_choice(tr("Iedereen"), None)
        for team_name, person in people_by_team(self.db, team_id):
            label = person.name if team_id else f"{person.name} ({team_name})"
            view.owner.add_choice(label, person.id)
        view.owner.select(keep)
        view.owner.blockSignals(False)
        self.reload()

    def _overdue_toggled(self, checked: bool) -> None:
        # "Only overdue" means open and late: a status filter next to it would only confuse.
        self.view.status.setEnabled(not checked)
        self.reload()

    def current_filter(self) -> ActionFilter:
        view = self.view
        overdue = view.overdue.isChecked()
        # Qt hands a StrEnum stored in a combo back as a plain str.
        status = view.status.value()
        return ActionFilter(
            team_id=view.team.value(),
            owner_id=view.owner.value(),
            status=None if overdue or not status else ActionStatus(status),
            overdue_only=overdue,
            today=self.today(),
        )

    def reload(self) -> None:
        f = self.current_filter()
        self.model.load(lambda limit, offset: list_actions(self.db, f, limit, offset))
        total = count_actions(self.db, f)
        self.view.count.setText(ntr("{n} actie", "{n} acties", total))
        self.view.export_button.setEnabled(total > 0)
        self.view.calendar_button.setEnabled(total > 0)
        self.view.table.resizeColumnsToContents()
        measures = list_measures(self.db, f)
        self.view.export_button.setEnabled(total > 0 or bool(measures))
        self._show_measures(measures)

    def _show_measures(self, rows: list[MeasureRow]) -> None:
        table = self.view.measures
        table.setRowCount(len(rows))
        with cells_at_once(table):
            for index, row in enumerate(rows):
                m = row.measure
                cells = (
                    m.what,
                    m.owner,
                    short(m.due_date) or "–",
                    measure_status_text(row),
                    row.team_name,
                    m.level.label,
                    row.finding,
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if row.overdue:
                        item.setForeground(QColor(WARNING))
                    table.setItem(index, column, item)
        table.resizeColumnsToContents()
        for widget in (self.view.measures_heading, table):
            widget.setVisible(bool(rows))

    # --- changing and exporting ------------------------------------------------

    def _change_status(self, row: ActionRow, status: ActionStatus) -> ActionRow:
        action = replace(row.action, status=status)
        self.changes.run(
            lambda: set_action_status(self.db, action.id, status),
            Change(ChangeKind.ACTION, action.id, action.session_id),
            by=self,
        )
        return replace(row, action=action, overdue=action.is_overdue(self.today()))

    def _follow(self, change: Change) -> None:
        """Actions, their reviews and teams change the list; out of sight nothing is
        redrawn (showing the overview refreshes it)."""
        # Its own status change keeps the row where it is; out of sight nothing is drawn.
        if change.by is self or not self.view.isVisible():
            return
        if change.kind in (ChangeKind.TEAM, ChangeKind.DATA, ChangeKind.SESSION):
            self.refresh()
        elif change.kind in (ChangeKind.ACTION, ChangeKind.REVIEW):
            self.reload()

    def set_status(self, row: int, status: ActionStatus) -> bool:
        """Change the status of the action on ``row`` (what the status cell's list does)."""
        return self.model.setData(self.model.index(row, STATUS_COLUMN), status)

    def export(self) -> None:
        default = Path.home() / tr("acties-{date}.csv", date=self.today().isoformat())
        chosen, _filter = QFileDialog.getSaveFileName(
            self.view, tr("Acties exporteren als CSV"), str(default), tr("CSV-bestanden (*.csv)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        action_filter = self.current_filter()
        self.check_before_export(
            action_filter.team_id, lambda: self._write_csv(action_filter, target)
        )

    def export_calendar(self) -> None:
        """The actions shown, with their due dates, as calendar items for Outlook."""
        default = Path.home() / tr("acties-{date}.ics", date=self.today().isoformat())
        chosen, _filter = QFileDialog.getSaveFileName(
            self.view, tr("Acties als agenda-items opslaan"), str(default), tr("Agenda (*.ics)")
        )
        if not chosen:
            return
        target = Path(chosen if chosen.lower().endswith(".ics") else chosen + ".ics")
        action_filter = self.current_filter()
        self.check_before_export(
            action_filter.team_id, lambda: self._write_calendar(action_filter, target)
        )

    def _write_calendar(self, action_filter: ActionFilter, target: Path) -> None:
        from leersessie.reports.calendar import write_ics

        self.runner.run(
            lambda db: write_ics(db, action_filter, target),
            lambda done: self.view.export_state.setText(
                tr("{count} agenda-items bewaard in {path}", count=done.events, path=done.path)
                + (
                    tr(" ({count} zonder streefdatum niet)", count=done.without_date)
                    if done.without_date
                    else ""
                )
            ),
            self._export_failed,
        )

    def _write_csv(self, action_filter: ActionFilter, target: Path) -> None:
        # 50,000 actions take seconds to write: off the GUI thread.
        self.view.export_button.setEnabled(False)
        self.view.export_state.setText(tr("Bezig met exporteren…"))
        self.runner.run(
            lambda db: export_csv(db, action_filter, target),
            lambda count: self._exported(count, target),
            self._export_failed,
        )

    def _exported(self, count: int, target: Path) -> None:
        self.view.export_button.setEnabled(True)
        self.view.export_state.setText(
            ntr("{n} actie bewaard in {path}", "{n} acties bewaard in {path}", count, path=target)
        )

    def _export_failed(self, message: str) -> None:
        self.view.export_button.setEnabled(True)
        self.view.export_state.setText("")
        QMessageBox.warning(self.view, tr("Exporteren mislukt"), message)
