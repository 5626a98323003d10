"""The app in English: the choice is stored with the data and applied before the window is
built (as run_app does), menus, home and session screen speak English, and what comes from a
template (its step titles) stays Dutch."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from leersessie.base.i18n import language
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.store import settings
from leersessie.store.settings import LANGUAGE
from leersessie.workspace import Workspace
from leersessie_ui.app import apply_language
from leersessie_ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _window(qtbot, workspace: Workspace, today: date) -> MainWindow:
    apply_language(workspace)  # what run_app does between opening the data and the window
    window = MainWindow(workspace, today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _language_menu(window: MainWindow):
    view_menu = window.menuBar().actions()[1].menu()
    return next(action.menu() for action in view_menu.actions() if action.menu())


def test_english_stored_before_start_gives_an_english_window(qtbot, workspace, today) -> None:
    settings.write(workspace.db, LANGUAGE, "en")
    window = _window(qtbot, workspace, today)

    assert language() == "en"
    assert _menu_titles(window) == ["&File", "&View", "&Go to", "&Data", "&Help"]
    welcome = window.home.view.welcome.text()
    assert welcome.startswith("<h2>Welcome to Leersessie</h2>")
    assert "Welkom" not in welcome
    assert window.home.view.welcome_new_team.text() == "New team…"
    assert window.home.view.teams_label.text() == "Teams"
    languages = _language_menu(window)
    assert languages.title() == "Lan&guage (Taal)"
    assert [(a.text(), a.isChecked()) for a in languages.actions()] == [
        ("Nederlands", False),
        ("English", True),
    ]


def test_session_screen_is_english_but_template_steps_stay_dutch(
    qtbot, workspace, catalogue, today
) -> None:
    team = create_team(workspace.db, "Team Noord", ["Anouk", "Bram", "Chris"])
    template = catalogue.get("actieleren")
    session_id = start_session(
        workspace.db,
        team_id=team.id,
        template=template,
        on=today,
        facilitator="Marieke",
        present=[p.id for p in team.people],
        casusinbrenger_id=team.people[0].id,
    )
    settings.write(workspace.db, LANGUAGE, "en")
    window = _window(qtbot, workspace, today)
    window.show_session(session_id)
    view = window.session.view

    assert view.previous_button.text() == "Previous step"
    assert view.next_button.text() == "Next step"
    assert view.finish_button.text() == "Finish session"
    assert view.summary_button.text() == "Report"
    assert view.back_button.text() == "← Overview"
    assert view.notes_label.text() == "&Notes"
    # The method and its template stay Dutch: the step list shows the template's own titles.
    steps = [view.step_list.item(row).text() for row in range(view.step_list.count())]
    assert steps == [
        f"{number}. {step.title}" for number, step in enumerate(template.steps, start=1)
    ]
    assert (
        view.step_title.text()
        == template.steps[0].title
        == "Voorwaarden, casus en eigen ontwikkelingsvraag"
    )
    assert "2. Open vragen stellen" in steps


def test_dutch_is_the_default_and_the_menu_offers_english(
    qtbot, workspace, today, monkeypatch
) -> None:
    window = _window(qtbot, workspace, today)
    assert language() == "nl"
    assert _menu_titles(window) == ["&Bestand", "Beel&d", "&Ga naar", "G&egevens", "&Help"]
    assert window.home.view.welcome.text().startswith("<h2>Welkom bij Leersessie</h2>")
    languages = _language_menu(window)
    assert languages.title() == "&Taal"

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    english = next(a for a in languages.actions() if a.text() == "English")
    english.trigger()

    # Stored for the next start, said in both languages; this window stays Dutch.
    assert settings.read(workspace.db, LANGUAGE) == "en"
    assert len(told) == 1
    assert "De taal verandert bij de volgende start" in told[0]
    assert "The language changes at the next start" in told[0]
    assert language() == "nl"
    assert _menu_titles(window) == ["&Bestand", "Beel&d", "&Ga naar", "G&egevens", "&Help"]


def test_choosing_the_current_language_again_says_nothing(
    qtbot, workspace, today, monkeypatch
) -> None:
    window = _window(qtbot, workspace, today)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    next(a for a in _language_menu(window).actions() if a.text() == "Nederlands").trigger()
    assert told == []
    assert settings.read(workspace.db, LANGUAGE) == "nl"


def test_qt_own_buttons_speak_the_apps_language(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import use_language

    def answers() -> list[str]:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "",
            "",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        qtbot.addWidget(box)
        return [
            box.button(b).text().replace("&", "")
            for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
        ]

    try:
        use_language("nl")
        assert answers() == ["Ja", "Nee"]
        use_language("en")
        assert answers() == ["Yes", "No"]
    finally:
        use_language("nl")
