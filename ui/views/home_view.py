"""Layout of the home screen: the teams, and the chosen team's participants and history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leersessie.i18n import tr


def _button(text: str, name: str, accessible: str | None = None) -> QPushButton:
    widget = QPushButton(text, objectName=name)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    return widget


class HomeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.teams_label = QLabel(tr("Teams"), objectName="pageTitle")
        self.team_list = QListWidget(objectName="teamList")
        self.team_list.setAccessibleName(tr("Teams"))
        self.new_team_button = _button(tr("Nieuw team…"), "newTeam", tr("Nieuw team"))
        self.edit_team_button = _button(tr("Team bewerken…"), "editTeam", tr("Team bewerken"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.teams_label)
        left_layout.addWidget(self.team_list, 1)
        left_layout.addWidget(self.new_team_button)
        left_layout.addWidget(self.edit_team_button)

        self.team_name = QLabel(objectName="pageTitle")
        self.participants = QLabel(objectName="participants")
        self.participants.setWordWrap(True)
        self.new_session_button = _button(tr("Nieuwe sessie…"), "newSession", tr("Nieuwe sessie"))
        self.new_session_button.setObjectName("newSession")
        self.history_label = QLabel(f"<b>{tr('Sessies')}</b>")
        self.history = QTableView(objectName="sessionHistory")
        self.history.setAccessibleName(tr("Sessies van het team"))
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.open_session_button = _button(tr("Openen"), "openSession", tr("Sessie openen"))
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
        team_layout.addWidget(self.history_label)
        team_layout.addWidget(self.history, 1)
        team_layout.addLayout(history_buttons)

        self.welcome = QLabel(objectName="welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setText(tr(
            "<h2>Welkom bij Leersessie</h2><p>Maak eerst een team (of intervisiegroep) met de "
            "namen van de deelnemers. Daarna start u een sessie: de app leidt u stap voor stap "
            "door de gekozen werkvorm.</p><p>Wilt u eerst rondkijken? Laad dan de "
            "voorbeeldgegevens: een fictief team met een afgeronde sessie.</p>"))
        self.demo_button = _button(tr("Voorbeeldgegevens laden"), "loadDemo")
        self.welcome_new_team = _button(tr("Nieuw team…"), "welcomeNewTeam", tr("Nieuw team"))
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
        self.pages.addWidget(team_page)
        self.welcome_page, self.team_page = welcome_page, team_page

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
