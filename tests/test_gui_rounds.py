"""A round on the laptop through the real widgets: the private entry card, the group
screen's count and its reveal, on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QRadioButton

from leersessie.method.questions import session_questions
from leersessie.method.ratings import session_ratings
from leersessie.method.sessions import saved_note, start_session
from leersessie.method.teams import create_team
from leersessie.room.rounds import RoundStatus, step_round
from leersessie_ui.main_window import MainWindow

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
PEOPLE = ["Anouk", "Bram", "Eva", "Daan"]


def start(window: MainWindow, template_id: str) -> str:
    db = window.workspace.db
    team = create_team(db, "Team Noord", PEOPLE)
    return start_session(
        db,
        team_id=team.id,
        template=window.workspace.catalogue.get(template_id),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )


def go_to(window: MainWindow, step_key: str) -> None:
    session = window.session.session
    assert session is not None
    window.session.go_to([s.key for s in session.steps].index(step_key))


def group_text(window: MainWindow) -> str:
    assert window.group is not None
    return "\n".join(
        QTextDocumentFragment.fromHtml(text).toPlainText() for text in window.group.view.texts()
    )


def card_state(card) -> str:
    """Everything the next person can see on the entry card: texts and what is filled in."""
    parts = [label.text() for label in card.findChildren(QLabel) if label.isVisible()]
    parts += [edit.text() for edit in card.findChildren(QLineEdit) if edit.isVisible()]
    parts += [
        f"{button.objectName()}=checked"
        for button in card.findChildren(QAbstractButton)
        if button.isCheckable() and button.isChecked()
    ]
    return "\n".join(parts)


@pytest.fixture
def window(main_window: MainWindow) -> MainWindow:
    return main_window


def open_laptop_round(qtbot, window: MainWindow, template_id: str, step_key: str):
    window.show_session(start(window, template_id))
    go_to(window, step_key)
    rounds = window.session.rounds
    assert rounds.bar.isVisible()
    qtbot.mouseClick(rounds.bar.laptop_button, Qt.MouseButton.LeftButton)
    card = rounds.card
    assert card is not None and card.isVisible()
    window.toggle_group_screen()  # one screen here: the window shows the group layout
    return rounds, card


def reveal(qtbot, window: MainWindow) -> None:
    """R on the group screen, as the coach reveals with the group watching (the entry card
    put away first: while it shows, it is the only window that takes keys)."""
    card = window.session.rounds.card
    if card is not None and card.isVisible():
        qtbot.mouseClick(card.stop_button, Qt.MouseButton.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.group.view, Qt.Key.Key_R)


def test_scores_on_the_laptop_one_person_at_a_time(qtbot, window):
    _rounds, card = open_laptop_round(qtbot, window, "teamontwikkelruimte", "dialoog")
    assert "Hoe sterk komt dialoog voeren bij ons voor?" in group_text(window)
    assert "0 van 4 hebben geantwoord" in group_text(window)

    for index, score in enumerate((2, 3, 3, 5)):
        before = card_state(card)
        assert "=checked" not in before  # nothing of an earlier answer on the card
        button = card.findChild(QRadioButton, f"entry_dialoog_{score}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked()
        qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
        assert "=checked" not in card_state(card)
        assert f"{index + 1} van 4 hebben geantwoord" in group_text(window)
        assert f"{index + 1} van 4" in card.count.text()
    # Only the count reaches the group screen before the reveal.
    assert "mediaan" not in group_text(window)
    qtbot.mouseClick(card.stop_button, Qt.MouseButton.LeftButton)
    assert not card.isVisible()

    reveal(qtbot, window)

    shown = group_text(window)
    assert "Dialoog voeren: 1: 0, 2: 1, 3: 2, 4: 0, 5: 1; mediaan 3 · spreiding 2–5" in shown
    session = window.session.session
    assert session_ratings(window.workspace.db, session.id) == {("dialoog", "dialoog"): 3}
    # The ratings panel shows the median as the team score, which the coach can change.
    team_score = window.session.panels_by_kind()["ratings"].groups["dialoog"].checkedId()
    assert team_score == 3


def test_a_wrong_answer_on_the_card_says_what_is_missing_and_stores_nothing(qtbot, window):
    rounds, card = open_laptop_round(qtbot, window, "leervoorkeuren", "profiel")
    qtbot.mouseClick(card.findChild(QRadioButton, "entry_oefenen_4"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert "Geef ook een cijfer voor 'Kunst afkijken'." in card.message.text()
    round_ = rounds.round
    assert round_ is not None
    assert "0 van 4" in card.count.text()


def test_check_in_words_are_cards_and_markup_stays_text(qtbot, window):
    _rounds, card = open_laptop_round(qtbot, window, "bordsessie", "check-in")
    for word in ("<b>moe</b>", "zin in", "rustig"):
        assert card.text is not None and card.text.text() == ""
        qtbot.keyClicks(card.text, word)
        qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    reveal(qtbot, window)

    cards = [
        label
        for label in window.group.view.findChildren(QLabel, "groupRoundCard")
        if label.isVisibleTo(window.group.view)
    ]
    assert sorted(label.text() for label in cards) == ["<b>moe</b>", "rustig", "zin in"]
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in cards)
    session = window.session.session
    assert saved_note(window.workspace.db, session.id, "check-in") == (
        "Ronde: <b>moe</b> · rustig · zin in"
    )
    assert window.session.view.notes.toPlainText() == "Ronde: <b>moe</b> · rustig · zin in"


def test_fewer_than_three_answers_ask_the_coach_before_the_reveal(qtbot, window):
    rounds, card = open_laptop_round(qtbot, window, "bordsessie", "check-in")
    qtbot.keyClicks(card.text, "moe")
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    asked: list[int] = []
    rounds.confirm_reveal = lambda count: asked.append(count) or False
    reveal(qtbot, window)
    assert asked == [1]
    session = window.session.session
    assert step_round(window.workspace.db, session.id, "check-in").status is RoundStatus.OPEN
    assert "moe" not in group_text(window)

    rounds.confirm_reveal = lambda count: True
    reveal(qtbot, window)
    assert "moe" in group_text(window)


def test_a_question_round_fills_the_question_coach(qtbot, window):
    _rounds, card = open_laptop_round(qtbot, window, "actieleren", "verhelderen")
    for question in ("Wat heb je al geprobeerd?", "Wie weet ervan?", "Waarom doe je dat?"):
        qtbot.keyClicks(card.text, question)
        qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    reveal(qtbot, window)
    session = window.session.session
    asked = [q.text for q in session_questions(window.workspace.db, session.id, "verhelderen")]
    assert sorted(asked) == ["Waarom doe je dat?", "Wat heb je al geprobeerd?", "Wie weet ervan?"]


def test_choosing_a_dimension_with_dots(qtbot, window):
    _rounds, card = open_laptop_round(qtbot, window, "teamontwikkelruimte", "verbetering")
    for option in (0, 3, 3):
        qtbot.mouseClick(
            card.findChild(QPushButton, f"entryOption_{option}"), Qt.MouseButton.LeftButton
        )
        assert card.answer() == [option]
        qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
        assert card.answer() == []  # nothing of the last person's choice on the card
    reveal(qtbot, window)
    shown = group_text(window)
    assert "Organiseren: 2" in shown and "Dialoog voeren: 1" in shown
    session = window.session.session
    assert "Organiseren (2)" in saved_note(window.workspace.db, session.id, "verbetering")


def test_the_problems_of_actieleren_are_typed_when_the_round_opens(qtbot, window):
    window.show_session(start(window, "actieleren"))
    go_to(window, "inbreng")
    rounds = window.session.rounds
    rounds.ask_options = lambda: ["Wachtlijst", "Overdracht", ""]
    qtbot.mouseClick(rounds.bar.laptop_button, Qt.MouseButton.LeftButton)
    options = [b.text() for b in rounds.card.options]
    assert options == ["Wachtlijst", "Overdracht"]
    assert rounds.card.choice_group.exclusive()  # one dot each


def test_closing_the_round_takes_it_off_the_group_screen(qtbot, window):
    rounds, card = open_laptop_round(qtbot, window, "bordsessie", "check-in")
    qtbot.mouseClick(card.stop_button, Qt.MouseButton.LeftButton)
    assert "0 van 4" in group_text(window)
    window.toggle_group_screen()  # back to the coach's screen
    qtbot.mouseClick(rounds.bar.close_button, Qt.MouseButton.LeftButton)
    window.toggle_group_screen()
    assert "van 4" not in group_text(window)
    window.toggle_group_screen()
    assert rounds.bar.laptop_button.isVisible()
    assert rounds.bar.laptop_button.text() == "Opnieuw op de laptop"
