"""Recording agreed actions in a step: add, edit, remove, through the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.memory.actions import (
    action_status_label,
    add_action,
    remove_action,
    session_actions,
    update_action,
)
from leersessie.method.models import Action, Session
from leersessie.method.templates import Step
from leersessie_ui.changes import ChangeHub
from leersessie_ui.dialogs.records import ActionDialog
from leersessie_ui.style import WARNING
from leersessie_ui.views.panels import ActionsPanelView, fill_table


class ActionsPanel:
    def __init__(self, db: Database, today: Callable[[], date], changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.today = today
        self.view = ActionsPanelView()
        self.session: Session | None = None
        self.step: Step | None = None
        self.actions: list[Action] = []
        self.view.add_button.clicked.connect(self.add)
        self.view.edit_button.clicked.connect(self.edit)
        self.view.remove_button.clicked.connect(self.remove)
        self.view.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.view.table.itemSelectionChanged.connect(self._update_buttons)

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.view.add_button.setVisible(not read_only)
        self.view.edit_button.setVisible(not read_only)
        self.view.remove_button.setVisible(not read_only)

    def _follow(self, change: Change) -> None:
        if (
            self.session is not None
            and change.session_id == self.session.id
            and change.kind is ChangeKind.ACTION
        ):
            self.refresh()

    def _change(self, action_id: str, happened: Happened = Happened.EDITED) -> Change:
        assert self.session
        return Change(ChangeKind.ACTION, action_id, self.session.id, happened)

    def refresh(self) -> None:
        assert self.session and self.step
        self.actions = [
            a for a in session_actions(self.db, self.session.id) if a.step_key == self.step.key
        ]
        table = self.view.table
        today = self.today()
        rows = [
            (
                action.what,
                action.owner_name or "–",
                short(action.due_date) or "–",
                action_status_label(action, today),
            )
            for action in self.actions
        ]
        fill_table(table, rows)
        for row, action in enumerate(self.actions):
            for column in (2, 3) if action.is_overdue(today) else ():
                item = table.item(row, column)
                if item is not None:
                    item.setForeground(QColor(WARNING))
        self._update_buttons()

    def _selected(self) -> Action | None:
        row = self.view.table.currentRow()
        return self.actions[row] if 0 <= row < len(self.actions) else None

    def _update_buttons(self) -> None:
        has_selection = self._selected() is not None
        self.view.edit_button.setEnabled(has_selection)
        self.view.remove_button.setEnabled(has_selection)

    def _dialog(self, action: Action | None = None) -> ActionDialog:
        assert self.session
        person = self.session.casusinbrenger
        owner = person.id if person is not None else None
        return ActionDialog(self.session.present, self.today(), self.view, action, owner)

    def add(self) -> None:
        assert self.session and self.step
        dialog = self._dialog()
        session_id, step_key = self.session.id, self.step.key
        dialog.submit = lambda: self.changes.run(
            lambda: add_action(
                self.db,
                session_id,
                step_key,
                dialog.what.text(),
                dialog.owner.value(),
                dialog.due_date(),
            ),
            lambda added: self._change(added.id, Happened.ADDED),
            by=self,
        )
        dialog.run()

    def edit(self) -> None:
        action = self._selected()
        if action is None or not self.view.add_button.isVisible():
            return
        dialog = self._dialog(action)
        dialog.submit = lambda: self.changes.run(
            lambda: update_action(
                self.db,
                action.id,
                what=dialog.what.text(),
                owner_id=dialog.owner.value(),
                due=dialog.due_date(),
            ),
            self._change(action.id),
            by=self,
        )
        dialog.run()

    def remove(self) -> None:
        action = self._selected()
        if action is None:
            return
        answer = QMessageBox.question(
            self.view,
            tr("Actie verwijderen"),
            tr("De actie '{what}' verwijderen?", what=action.what),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.changes.run(
                lambda: remove_action(self.db, action.id),
                self._change(action.id, Happened.REMOVED),
                by=self,
            )
