"""Layout of the home screen: the teams, and the chosen team's participants and history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.views.panels import button
from leersessie_ui.widgets.radar import RadarWidget
from leersessie_ui.widgets.share_chart import OpenShareChart
from leersessie_ui.zoom import show_whole_text


class HomeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.teams_label = QLabel(tr("Teams"), objectName="pageTitle")
        self.team_list = QListWidget(objectName="teamList")
        self.team_list.setAccessibleName(tr("Teams"))
        show_whole_text(self.team_list)
        self.new_team_button = button(tr("Nieuw team…"), "newTeam", tr("Nieuw team"))
        self.edit_team_button = button(tr("Team bewerken…"), "editTeam", tr("Team bewerken"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.teams_label)
        left_layout.addWidget(self.team_list, 1)
        left_layout.addWidget(self.new_team_button)
        left_layout.addWidget(self.edit_team_button)
        self.team_more_button = QToolButton(objectName="teamMore")
        self.team_more_button.setText(tr("Meer…"))
        self.team_more_button.setAccessibleName(tr("Meer: schuilnaam, team verwijderen"))
        self.team_more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.team_more_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        left_layout.addWidget(self.team_more_button)

        self.team_name = QLabel(objectName="pageTitle", wordWrap=True)
        self.participants = QLabel(objectName="participants")
        self.participants.setWordWrap(True)
        self.new_session_button = button(tr("Nieuwe sessie…"), "newSession", tr("Nieuwe sessie"))
        self.new_session_button.setObjectName("newSession")
        self.history_label = QLabel("<b>" + tr("Sessies") + "</b>")
        self.history = QTableView(objectName="sessionHistory")
        self.history.setTabKeyNavigation(False)  # Tab leaves the table
        self.history.setAccessibleName(tr("Sessies van het team"))
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Per-section modes would be dropped when the model arrives; these hold for any model.
        header_view = self.history.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)
        # The columns fit the rows in view, not all of them: a zoom step or going home
        # measured every session of the team (87 ms for 196 sessions, 48 ms for a few).
        header_view.setResizeContentsPrecision(0)
        self.open_session_button = button(tr("Openen"), "openSession", tr("Sessie openen"))
        header = QHBoxLayout()
        header.addWidget(self.team_name, 1)
        header.addWidget(self.new_session_button)
        history_buttons = QHBoxLayout()
        history_buttons.addStretch()
        history_buttons.addWidget(self.open_session_button)
        team_page = QWidget()
        team_layout = QVBoxLayout(team_page)
        team_layout.addLayout(header)
        team_layout.addWidget(self.participants)
        history_column = QVBoxLayout()
        history_column.addWidget(self.history_label)
        history_column.addWidget(self.history, 1)
        history_column.addLayout(history_buttons)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(history_column, 3)
        self.columns.addWidget(self._memory_column(), 2)
        team_layout.addLayout(self.columns, 1)
        header_view.sectionResized.connect(lambda *_: self._arrange_columns())
        # A small screen scrolls the page; squeezed, the radar overlapped its caption.
        team_scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        team_scroll.setObjectName("teamPageScroll")
        team_scroll.setWidget(team_page)

        self.welcome = QLabel(objectName="welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setText(
            tr(
                "<h2>Welkom bij Leersessie</h2><p>Maak eerst een team (of intervisiegroep) met de "
                "namen van de deelnemers. Daarna start u een sessie: de app leidt u stap voor stap "
                "door de gekozen werkvorm.</p><p>Wilt u eerst rondkijken? Laad dan de "
                "voorbeeldgegevens: een fictief team met een reeks afgeronde sessies.</p>"
            )
        )
        self.demo_button = button(tr("Voorbeeldgegevens laden"), "loadDemo")
        self.welcome_new_team = button(tr("Nieuw team…"), "welcomeNewTeam", tr("Nieuw team"))
        welcome_page = QWidget()
        welcome_layout = QVBoxLayout(welcome_page)
        welcome_layout.addWidget(self.welcome)
        buttons = QHBoxLayout()
        buttons.addWidget(self.welcome_new_team)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        welcome_layout.addLayout(buttons)
        welcome_layout.addStretch()

        self.pages = QStackedWidget()
        self.pages.addWidget(welcome_page)
        self.pages.addWidget(team_scroll)
        self.welcome_page, self.team_page = welcome_page, team_scroll

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange_columns()  # zoomed

    def _arrange_columns(self) -> None:
        """The sessions and the team's memory side by side where both fit whole, else the
        memory under the sessions (at 1024 px the sessions table was cut off)."""
        em = self.fontMetrics().horizontalAdvance("m")
        needed = self.history.horizontalHeader().length() + 36 * em
        side_by_side = self.pages.width() >= needed
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        rows = self.fontMetrics().height() * 14
        self.history.setMinimumHeight(0 if side_by_side else rows)

    def _memory_column(self) -> QWidget:
        """The team's memory beside its history: actions, development questions, radar."""
        self.action_counts = QLabel(objectName="actionCounts")
        self.action_counts.setWordWrap(True)
        self.team_actions_button = button(
            tr("Acties van dit team…"), "teamActions", tr("Acties van dit team")
        )
        self.participant_questions = QLabel(objectName="participantQuestions")
        self.participant_questions.setWordWrap(True)
        self.participant_questions.setTextFormat(Qt.TextFormat.RichText)
        self.radar_label = QLabel("<b>" + tr("Teamontwikkelruimte") + "</b>")
        self.radar = RadarWidget()
        self.radar_legend = QLabel(objectName="muted")
        self.radar_legend.setWordWrap(True)
        self.questions_label = QLabel("<b>" + tr("Open en reflectieve vragen") + "</b>")
        self.questions_chart = OpenShareChart()
        self.questions_legend = QLabel(objectName="muted")
        self.questions_legend.setWordWrap(True)
        column = QWidget(objectName="teamMemory")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>" + tr("Acties") + "</b>"))
        layout.addWidget(self.action_counts)
        self.team_report_button = button(
            tr("Teamverslag (PDF)…"), "teamReport", tr("Teamverslag als PDF opslaan")
        )
        # One above the other: side by side they took the sessions table's room at 1024 px.
        for team_button in (self.team_actions_button, self.team_report_button):
            layout.addWidget(team_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            QLabel("<b>" + tr("Deelnemers en ontwikkelvragen") + "</b>", wordWrap=True)
        )
        layout.addWidget(self.participant_questions)
        layout.addWidget(self.radar_label)
        layout.addWidget(self.radar)
        layout.addWidget(self.radar_legend)
        layout.addWidget(self.questions_label)
        layout.addWidget(self.questions_chart)
        layout.addWidget(self.questions_legend)
        layout.addStretch()
        return column
