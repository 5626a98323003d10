"""A whole actieleren session through the real widgets, on a real database, to the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QListWidget, QPlainTextEdit

from leersessie.demo import DEMO_TEAM
from leersessie.memory.actions import session_actions
from leersessie.method.sessions import list_sessions, load_session
from leersessie_ui.main_window import MainWindow
from tests.conftest import pdf_text
from tests.gui_helpers import answer_yes, press_ok, when_modal_opens

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
NOTE = "Casus met ë, ï, é en € 25 — en een 🙂; ontwikkelvraag: hoe blijf ik in contact?"


@pytest.fixture
def window(main_window):
    return main_window


def _create_team(qtbot, window: MainWindow, name: str, people: list[str]) -> None:
    seen_errors: list[str] = []

    def fill(dialog) -> None:
        dialog.findChild(QLineEdit, "teamName").setText("   ")
        press_ok(dialog)  # an empty name is refused inside the dialog
        seen_errors.append(dialog.error.text())
        dialog.findChild(QLineEdit, "teamName").setText(name)
        dialog.findChild(QPlainTextEdit, "teamParticipants").setPlainText("\n".join(people))
        press_ok(dialog)

    when_modal_opens(fill)
    qtbot.mouseClick(window.home.view.welcome_new_team, Qt.MouseButton.LeftButton)
    assert seen_errors == ["Geef het team een naam."]


def _start_actieleren(qtbot, window: MainWindow, casusinbrenger: str) -> None:
    def fill(dialog) -> None:
        templates = dialog.findChild(QListWidget, "sessionTemplate")
        row = next(i for i in range(templates.count()) if templates.item(i).text() == "Actieleren")
        templates.setCurrentRow(row)
        assert "Duur" in dialog.findChild(QLabel, "templateInfo").text()
        dialog.date.setDate(QDate(2026, 11, 23))
        dialog.findChild(QLineEdit, "sessionFacilitator").setText("Marieke")
        index = dialog.casusinbrenger.findText(casusinbrenger)
        dialog.casusinbrenger.setCurrentIndex(index)
        press_ok(dialog)

    when_modal_opens(fill)
    qtbot.mouseClick(window.home.view.new_session_button, Qt.MouseButton.LeftButton)


def _add_action(qtbot, window: MainWindow, what: str, owner: str, due: QDate) -> list[bool]:
    warnings: list[bool] = []

    def fill(dialog) -> None:
        dialog.findChild(QLineEdit, "actionWhat").setText(what)
        dialog.owner.setCurrentIndex(dialog.owner.findText(owner))
        dialog.due.setDate(due)
        warnings.append(dialog.past_warning.isVisibleTo(dialog))
        press_ok(dialog)

    when_modal_opens(fill)
    panel = window.session.panels_by_kind()["actions"]
    qtbot.mouseClick(panel.view.add_button, Qt.MouseButton.LeftButton)
    return warnings


def test_a_whole_actieleren_session_from_team_to_printed_summary(
    qtbot, window, workspace, tmp_path, monkeypatch
):
    db = workspace.db
    _create_team(qtbot, window, "Wijkteam Oost", ["Anouk", "Bram", "Chaima"])
    assert window.home.view.team_name.text() == "Wijkteam Oost"
    _start_actieleren(qtbot, window, "Bram")

    view = window.session.view
    assert window.pages.currentWidget() is view
    titles = [view.step_list.item(i).text() for i in range(view.step_list.count())]
    assert titles == [
        "1. Voorwaarden, casus en eigen ontwikkelingsvraag",
        "2. Open vragen stellen",
        "3. Richtingen, ideeën en oplossingen",
        "4. Eigenaar van de actie",
        "5. De actie",
    ]
    assert view.step_title.text() == "Voorwaarden, casus en eigen ontwikkelingsvraag"
    assert "ontwikkelingsvraag" in view.step_purpose.text()
    assert view.timebox.display.text() == "15:00"
    session_id = list_sessions(db)[0].id

    # Typing is saved without a save button, within a second.
    view.notes.setFocus()
    view.notes.insertPlainText(NOTE)
    qtbot.waitUntil(lambda: load_session(db, session_id).notes.get("inbreng") == NOTE, timeout=1000)

    # Step 2: the coach is warned about advice in disguise.
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.step_title.text() == "Open vragen stellen"
    assert "advies in vermomming" in view.watch_for.body.text().lower()
    view.notes.insertPlainText("Wat maakt het lastig?")

    # Jump to the last step through the always-visible step list.
    view.step_list.setCurrentRow(4)
    assert view.step_title.text() == "De actie"
    assert load_session(db, session_id).notes["verhelderen"] == "Wat maakt het lastig?"
    warned = _add_action(
        qtbot, window, "Moeder bellen over een goede plek", "Bram", QDate(2026, 11, 1)
    )
    assert warned == [True]  # a due date in the past is allowed, and shown as such
    _add_action(qtbot, window, "Overleg met school plannen", "Chaima", QDate(2026, 12, 7))
    table = window.session.panels_by_kind()["actions"].view.table
    assert table.rowCount() == 2
    assert table.item(0, 3).text() == "open (te laat)"
    assert table.item(1, 1).text() == "Chaima"

    # Remove the second action again.
    table.selectRow(1)
    when_modal_opens(answer_yes)
    qtbot.mouseClick(
        window.session.panels_by_kind()["actions"].view.remove_button, Qt.MouseButton.LeftButton
    )
    assert [a.what for a in session_actions(db, session_id)] == [
        "Moeder bellen over een goede plek"
    ]

    # Any step can be reopened, and shows what was typed.
    view.step_list.setCurrentRow(0)
    assert view.notes.toPlainText() == NOTE

    when_modal_opens(answer_yes)
    qtbot.mouseClick(view.finish_button, Qt.MouseButton.LeftButton)
    assert load_session(db, session_id).is_finished
    assert view.banner.isVisibleTo(window) and view.notes.isReadOnly()
    assert not view.finish_button.isVisibleTo(window)

    # The summary, saved where the coach chooses.
    target = tmp_path / "verslag.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    window.session.save_summary_as()
    qtbot.waitUntil(target.exists, timeout=5000)
    window.runner.wait()
    text = pdf_text(target)
    for expected in (
        "Actieleren",
        "Wijkteam Oost",
        "23 november 2026",
        "Marieke",
        "Anouk, Bram, Chaima",
        "Casusinbrenger",
        NOTE,
        "Moeder bellen",
        "01-11-2026",
        "open (te laat)",
        "pagina 1 van",
    ):
        assert expected in text

    # Back home, the session is in the team's history as finished.
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    history = window.home.history
    assert history.rowCount() == 1
    assert history.data(history.index(0, 3)) == "afgerond"


def test_a_finished_session_can_be_edited_again_explicitly(qtbot, window, workspace):
    _create_team(qtbot, window, "Team Noord", ["Daan", "Eline"])
    _start_actieleren(qtbot, window, "Eline")
    view = window.session.view
    when_modal_opens(answer_yes)
    qtbot.mouseClick(view.finish_button, Qt.MouseButton.LeftButton)
    assert view.notes.isReadOnly()
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert not view.notes.isReadOnly()
    assert not load_session(workspace.db, window.session.session.id).is_finished


def test_text_typed_just_before_closing_the_window_is_kept(qtbot, window, workspace):
    _create_team(qtbot, window, "Team West", ["Femke", "Gijs"])
    _start_actieleren(qtbot, window, "Gijs")
    session_id = window.session.session.id
    window.session.view.notes.insertPlainText("laatste woorden")
    window.close()  # well before the autosave timer fires
    assert load_session(workspace.db, session_id).notes["inbreng"] == "laatste woorden"


def test_an_unfinished_session_continues_where_it_was_left(qtbot, window, workspace):
    _create_team(qtbot, window, "Team Zuid", ["Hanna", "Ilse"])
    _start_actieleren(qtbot, window, "Ilse")
    session_id = window.session.session.id
    window.session.view.step_list.setCurrentRow(2)
    qtbot.mouseClick(window.session.view.back_button, Qt.MouseButton.LeftButton)
    window.home.view.history.selectRow(0)
    qtbot.mouseClick(window.home.view.open_session_button, Qt.MouseButton.LeftButton)
    assert window.session.session.id == session_id
    assert window.session.view.step_title.text() == "Richtingen, ideeën en oplossingen"
    assert not window.session.view.notes.isReadOnly()


def test_an_empty_data_folder_starts_on_the_welcome_page(window):
    view = window.home.view
    assert view.pages.currentWidget() is view.welcome_page
    assert "Welkom bij Leersessie" in view.welcome.text()
    assert view.welcome_new_team.isVisibleTo(window)


def test_demo_button_fills_a_team_with_a_finished_session(qtbot, window):
    qtbot.mouseClick(window.home.view.demo_button, Qt.MouseButton.LeftButton)
    teams = window.home.view.team_list
    assert [teams.item(i).text() for i in range(teams.count())] == [DEMO_TEAM]
    history = window.home.history
    assert history.rowCount() == 5  # the demo's five sessions, all finished
    assert {history.data(history.index(row, 3)) for row in range(5)} == {"afgerond"}


def test_leaving_a_step_pauses_its_timer_and_it_goes_on_where_it_was(qtbot, window, workspace):
    _create_team(qtbot, window, "Team Tijd", ["Ans", "Bob"])
    _start_actieleren(qtbot, window, "Bob")
    view = window.session.view
    assert view.timebox.display.text() == "15:00"
    qtbot.mouseClick(view.timebox.toggle, Qt.MouseButton.LeftButton)
    qtbot.wait(1100)
    view.step_list.setCurrentRow(1)
    assert view.timebox.display.text() == "25:00" and not view.timebox.running
    qtbot.wait(1100)
    view.step_list.setCurrentRow(0)
    assert not view.timebox.running  # one timer at a time: leaving the step paused it
    assert 15 * 60 - 3 <= view.timebox.remaining_seconds() <= 15 * 60 - 1


def test_editing_the_team_in_the_dialog_updates_who_is_offered(qtbot, window, workspace):
    from leersessie.method.teams import get_team

    _create_team(qtbot, window, "Team Noord", ["Daan", "Eline"])

    def rename_and_change(dialog) -> None:
        dialog.findChild(QLineEdit, "teamName").setText("Team Noord-West")
        dialog.findChild(QPlainTextEdit, "teamParticipants").setPlainText("Eline\nFemke")
        press_ok(dialog)

    when_modal_opens(rename_and_change)
    qtbot.mouseClick(window.home.view.edit_team_button, Qt.MouseButton.LeftButton)
    team = get_team(workspace.db, window.home.team.id)
    assert team.name == "Team Noord-West"
    assert {p.name: p.active for p in team.people} == {"Daan": False, "Eline": True, "Femke": True}
    assert "Daan" not in window.home.view.participants.text()
