"""The question coach's panel with real widgets: typing questions with Enter, correcting a
kind, the share of open questions, and the coach turned off."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from leersessie.base.changes import ChangeKind
from leersessie.method.questions import QuestionKind, session_questions
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, db, catalogue):
    from leersessie_ui.controllers.questions_panel import QuestionsPanel

    team = create_team(db, "Wijkteam Oost", ["Anna", "Bram"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    announced = []
    from leersessie_ui.changes import ChangeHub

    hub = ChangeHub()
    hub.changed.connect(lambda change: announced.append((change.kind, change.session_id)))
    panel = QuestionsPanel(db, hub)
    panel.announced = announced
    qtbot.addWidget(panel.view)
    session = load_session(db, session_id)
    panel.show_step(session, session.template.step("verhelderen"))
    panel.view.show()
    return panel


def ask(qtbot, panel, text):
    panel.view.new_text.setFocus()
    qtbot.keyClicks(panel.view.new_text, text)
    qtbot.keyClick(panel.view.new_text, Qt.Key.Key_Return)


def kinds_shown(panel):
    table = panel.view.table
    return [
        (table.item(row, 0).text(), panel.view.kind_box(row).currentText())
        for row in range(table.rowCount())
    ]


def test_each_question_is_typed_with_enter_and_gets_its_kind(qtbot, panel):
    ask(qtbot, panel, "Wat maakt het voor jou lastig?")
    ask(qtbot, panel, "Heb je al overwogen om de huisarts te bellen?")
    ask(qtbot, panel, "   ")

    assert kinds_shown(panel) == [
        ("Wat maakt het voor jou lastig?", "open"),
        ("Heb je al overwogen om de huisarts te bellen?", "advies in vraagvorm"),
    ]
    assert panel.view.new_text.text() == "" and panel.view.new_text.hasFocus()
    assert panel.view.share.text() == "1 van 2 vragen open of reflectief"
    assert "oplossing" in panel.view.explanation.text()  # the last one is selected
    assert [kind for kind, _ in panel.announced] == [ChangeKind.QUESTION] * 2


def test_who_asked_is_optional_and_kept(qtbot, panel, db):
    panel.view.asker.setCurrentIndex(2)  # Bram
    ask(qtbot, panel, "Hoe reageerde de moeder?")
    ask(qtbot, panel, "Is de school op de hoogte?")

    asked = session_questions(db, panel.session.id)
    assert [(q.asker, q.kind) for q in asked] == [
        ("Bram", QuestionKind.OPEN),
        ("", QuestionKind.CLOSED),
    ]


def test_the_coach_corrects_a_kind_and_the_correction_is_kept(qtbot, panel, db):
    ask(qtbot, panel, "Heb je al eens met de school gebeld?")
    box = panel.view.kind_box(0)
    box.activated.emit(list(QuestionKind).index(QuestionKind.CLOSED))

    assert kinds_shown(panel) == [("Heb je al eens met de school gebeld?", "gesloten")]
    assert session_questions(db, panel.session.id)[0].corrected_kind is QuestionKind.CLOSED


def test_with_the_coach_off_the_questions_stay_but_kinds_and_share_go(qtbot, panel):
    ask(qtbot, panel, "Heb je gebeld?")
    panel.view.coach.setChecked(False)

    assert panel.view.table.isColumnHidden(1)
    assert not panel.view.share.isVisible()
    assert panel.view.explanation.text() == ""
    assert panel.view.table.item(0, 0).text() == "Heb je gebeld?"


def test_the_team_page_shows_how_openly_the_team_asked_over_its_sessions(
    qtbot, main_window, db, catalogue
):
    from leersessie.method.questions import add_question
    from leersessie_ui.widgets.share_chart import bar_heights

    team = create_team(db, "Wijkteam West", ["Anna", "Bram"])
    for day, questions in (
        (date(2026, 9, 7), ["Heb je gebeld?", "Is ze boos?", "Wat gebeurde er?"]),
        (date(2026, 11, 2), ["Wat gebeurde er?", "Hoe reageerde ze?", "Is ze boos?"]),
    ):
        session_id = start_session(
            db,
            team_id=team.id,
            template=catalogue.get("actieleren"),
            on=day,
            facilitator="Coach",
            present=[p.id for p in team.people],
        )
        for text in questions:
            add_question(db, session_id, "verhelderen", text)

    main_window.home.refresh(team.id)
    view = main_window.home.view
    assert view.questions_chart.isVisible()
    assert "2 van 3 vragen open of reflectief" in view.questions_legend.text()
    assert bar_heights(view.questions_chart.shares, 90) == pytest.approx([30, 60])


def test_the_group_screen_shows_the_questions_and_their_share_but_never_who_asked(
    qtbot, main_window
):
    from tests.test_group_screen import go_to, open_on_group_screen, shown, start

    session_id = start(main_window, "actieleren")
    open_on_group_screen(main_window, session_id)
    go_to(main_window, "verhelderen")
    panel = main_window.session.questions
    assert panel.view.isVisibleTo(main_window.session.view)
    panel.view.asker.setCurrentIndex(2)  # Bram asks the closed one
    ask(qtbot, panel, "Heb je de school gebeld?")
    ask(qtbot, panel, "Wat maakt het voor jou lastig?")
    assert "Heb je de school gebeld?" not in shown(main_window)  # off until the coach chooses

    panel.view.on_group.setChecked(True)
    ask(qtbot, panel, "Hoe reageerde de moeder?")
    on_screen = shown(main_window)
    # The kinds as a tally: the room does not read which question was closed.
    assert "Heb je de school gebeld?" in on_screen and "(gesloten)" not in on_screen
    assert "2 open · 1 gesloten" in on_screen
    assert "Hoe reageerde de moeder?" in on_screen
    assert "2 van 3 vragen open of reflectief" in on_screen
    assert "Bram" not in on_screen
    panel.view.labels_on_group.setChecked(True)  # the coach chooses to show each one's kind
    assert "Heb je de school gebeld? (gesloten)" in shown(main_window)

    go_to(main_window, "richtingen")  # a step without questions shows none of them
    assert "Hoe reageerde de moeder?" not in shown(main_window)


def test_the_coach_is_turned_off_for_every_session_in_the_view_menu(qtbot, main_window):
    from PySide6.QtGui import QAction

    from leersessie.method.questions import question_coach_on
    from tests.test_group_screen import start

    session_id = start(main_window, "actieleren")
    toggle = next(
        a for a in main_window.findChildren(QAction) if a.text() == "&Vragencoach standaard aan"
    )
    assert toggle.isChecked() and question_coach_on(main_window.workspace.db, session_id)
    toggle.trigger()
    assert not question_coach_on(main_window.workspace.db, session_id)
