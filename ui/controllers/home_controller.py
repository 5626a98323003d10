"""The home screen: teams, a team's history, and starting or opening a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QListWidgetItem, QMenu, QMessageBox

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.memory.lookback import team_overview
from leersessie.method.development import radar_series
from leersessie.method.models import Team
from leersessie.method.questions import share_text, team_good_shares
from leersessie.method.sessions import list_sessions
from leersessie.method.teams import create_team, get_team, list_teams, rename_team, set_participants
from leersessie.store import settings
from leersessie.workspace import Workspace
from leersessie_ui.changes import ChangeHub
from leersessie_ui.models import session_history_model
from leersessie_ui.views.home_view import HomeView
from leersessie_ui.widgets.radar import describe


class HomeController(QObject):
    """The home page; empty until ``refresh()``, which its window calls once the page is
    in place."""

    open_session = Signal(str)
    show_team_actions = Signal(str)  # team id: the actions overview for this team
    delete_team_requested = Signal(object)  # Team
    pseudonymise_requested = Signal(object)  # Team
    team_report_requested = Signal(object)  # Team

    def __init__(
        self,
        workspace: Workspace,
        changes: ChangeHub,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.db = workspace.db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.today = today
        self.view = HomeView()
        self.history = session_history_model()
        self.view.history.setModel(self.history)
        self.team: Team | None = None
        view = self.view
        view.team_list.currentItemChanged.connect(self._team_chosen)
        view.new_team_button.clicked.connect(self.new_team)
        view.welcome_new_team.clicked.connect(self.new_team)
        view.edit_team_button.clicked.connect(self.edit_team)
        more = QMenu(view.team_more_button)
        more.addAction(
            tr("Deelnemer vervangen door schuilnaam…"),
            lambda: self._request_for_team(self.pseudonymise_requested),
        )
        more.addSeparator()
        more.addAction(
            tr("Team verwijderen…"),
            lambda: self._request_for_team(self.delete_team_requested),
        )
        view.team_more_button.setMenu(more)
        view.new_session_button.clicked.connect(self.new_session)
        view.open_session_button.clicked.connect(self._open_selected)
        view.history.doubleClicked.connect(lambda _index: self._open_selected())
        view.history.activated.connect(lambda _index: self._open_selected())
        view.demo_button.clicked.connect(self.load_demo)
        view.team_report_button.clicked.connect(
            lambda: self.team and self.team_report_requested.emit(self.team)
        )
        view.team_actions_button.clicked.connect(
            lambda: self.team and self.show_team_actions.emit(self.team.id)
        )

    # --- teams -----------------------------------------------------------------

    def refresh(self, select_team_id: str | None = None) -> None:
        keep = select_team_id or (self.team.id if self.team else None)
        teams = list_teams(self.db)
        view = self.view
        view.team_list.blockSignals(True)
        view.team_list.clear()
        for team in teams:
            item = QListWidgetItem(team.name)
            item.setData(Qt.ItemDataRole.UserRole, team.id)
            view.team_list.addItem(item)
        view.team_list.blockSignals(False)
        view.edit_team_button.setEnabled(bool(teams))
        view.team_more_button.setEnabled(bool(teams))
        if not teams:
            self.team = None
            view.pages.setCurrentWidget(view.welcome_page)
            return
        ids = [team.id for team in teams]
        view.team_list.setCurrentRow(ids.index(keep) if keep in ids else 0)

    def _follow(self, change: Change) -> None:
        """Teams and sessions change the lists; the rest only the team's memory. Out of
        sight nothing is redrawn: showing the home page refreshes it."""
        if not self.view.isVisible():
            return
        if change.kind in (ChangeKind.TEAM, ChangeKind.SESSION, ChangeKind.DATA):
            self.refresh(change.id if change.kind is ChangeKind.TEAM else None)
        elif self.team is not None and change.kind in (
            ChangeKind.ACTION,
            ChangeKind.REVIEW,
            ChangeKind.RATING,
            ChangeKind.QUESTION,
            ChangeKind.DEVELOPMENT_QUESTION,
        ):
            self.show_memory(self.team.id)

    def _request_for_team(self, request: SignalInstance) -> None:
        if self.team:
            request.emit(self.team)

    def _team_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.show_team(item.data(Qt.ItemDataRole.UserRole))

    def show_team(self, team_id: str) -> None:
        self.team = get_team(self.db, team_id)
        view = self.view
        view.pages.setCurrentWidget(view.team_page)
        view.team_name.setText(self.team.name)
        active = [p.name for p in self.team.people if p.active]
        view.participants.setText(tr("Deelnemers: {names}", names=", ".join(active) or "–"))
        self.history.load(lambda limit, offset: list_sessions(self.db, team_id, limit, offset))
        view.open_session_button.setEnabled(self.history.rowCount() > 0)
        self.show_memory(team_id)

    def show_memory(self, team_id: str) -> None:
        """The team's actions, development questions and radar beside its history."""
        overview = team_overview(self.db, team_id, self.today())
        view = self.view
        counts = tr(
            "{open} open, {closed} afgerond ({done} gedaan, {dropped} vervallen)",
            open=overview.open_actions,
            closed=overview.closed_actions,
            done=overview.done_actions,
            dropped=overview.dropped_actions,
        )
        if overview.overdue_actions:
            counts += tr("; {count} te laat", count=overview.overdue_actions)
        view.action_counts.setText(counts)
        lines = []
        for participant in overview.participants:
            line = f"<b>{escape(participant.person.name)}</b>"
            if not participant.person.active:
                line += escape(tr(" (niet meer in het team)"))
            question = participant.latest_question
            if question:
                line += f"<br>{escape(question.question)} <i>({short(question.date)})</i>"
            lines.append(line)
        view.participant_questions.setText("<br>".join(lines) or "–")
        radar = radar_series(self.db, team_id)
        view.radar.set_data(radar)
        for widget in (view.radar, view.radar_label, view.radar_legend):
            widget.setVisible(bool(radar.points))  # no ratings: nothing to draw
        view.radar_legend.setText(
            describe(radar) + ". " + tr("Dik: de laatste sessie; lichter: eerdere sessies.")
            if radar.points
            else ""
        )
        self._show_question_shares(team_id)

    def _show_question_shares(self, team_id: str) -> None:
        """How openly the team asked its questions, session by session."""
        shares = team_good_shares(self.db, team_id)
        view = self.view
        view.questions_chart.set_data(shares)
        for widget in (view.questions_chart, view.questions_label, view.questions_legend):
            widget.setVisible(bool(shares))
        if shares:
            latest = shares[-1]
            view.questions_legend.setText(
                tr(
                    "Laatste sessie ({date}): {share}. "
                    "Per sessie, oudste links; de stippellijn is de helft.",
                    date=short(latest.date),
                    share=share_text(latest.good, latest.asked),
                )
            )

    def new_team(self) -> None:
        from leersessie_ui.dialogs.records import TeamDialog

        dialog = TeamDialog(self.view)
        dialog.submit = lambda: self.changes.run(
            lambda: create_team(self.db, dialog.name.text(), dialog.participant_names()),
            lambda team: Change(ChangeKind.TEAM, team.id, happened=Happened.ADDED),
            by=self,
        )
        dialog.run()

    def edit_team(self) -> None:
        if self.team is None:
            return
        team = self.team
        from leersessie_ui.dialogs.records import TeamDialog

        dialog = TeamDialog(self.view, team)

        def submit() -> None:
            with self.db.atomic():
                rename_team(self.db, team.id, dialog.name.text())
                set_participants(self.db, team.id, dialog.participant_names())

        dialog.submit = lambda: self.changes.run(submit, Change(ChangeKind.TEAM, team.id), by=self)
        dialog.run()

    def load_demo(self) -> None:
        from leersessie.demo import load_demo as add_example_team

        self.changes.run(
            lambda: add_example_team(self.db, self.workspace.catalogue),
            Change(ChangeKind.DATA, "", happened=Happened.ADDED),
            by=self,
        )

    # --- sessions ----------------------------------------------------------------

    def _open_selected(self) -> None:
        index = self.view.history.currentIndex()
        if index.isValid():
            self.open_session.emit(self.history.row(index.row()).id)

    def new_session(self) -> None:
        teams = list_teams(self.db)
        if not teams:
            QMessageBox.information(
                self.view, tr("Nieuwe sessie"), tr("Maak eerst een team met deelnemers.")
            )
            return
        from leersessie_ui.controllers.new_session import NewSessionForm
        from leersessie_ui.dialogs.records import NewSessionDialog

        templates = self.workspace.catalogue.sorted()
        dialog = NewSessionDialog(teams, templates, self.view)
        dialog.facilitator.setText(settings.read(self.db, settings.LAST_FACILITATOR))
        form = NewSessionForm(self.db, dialog, {t.id: t for t in templates})
        if self.team:
            dialog.team.select(self.team.id)
        form.team_changed()
        dialog.template_list.setCurrentRow(0)
        created: list[str] = []
        dialog.submit = lambda: created.append(
            self.changes.run(
                form.submit,
                lambda session_id: Change(
                    ChangeKind.SESSION, session_id, session_id, Happened.ADDED
                ),
                by=self,
            )
        )
        if dialog.run():
            settings.write(self.db, settings.LAST_FACILITATOR, dialog.facilitator.text().strip())
            team_id = dialog.team.value()
            assert team_id is not None  # the form refuses a session without a team
            self.team = get_team(self.db, team_id)  # the list keeps that team
            self.open_session.emit(created[0])
