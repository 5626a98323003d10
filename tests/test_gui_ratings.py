"""Scoring in the room: the team's score and each person's, typed as a row of digits,
with the spread shown beside them and every score announced to the other views."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QRadioButton

from leersessie.base.changes import ChangeKind
from leersessie.method.ratings import session_item_scores
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team

pytestmark = pytest.mark.gui


@pytest.fixture
def scoring(qtbot, main_window, workspace, catalogue):
    team = create_team(workspace.db, "Wijkteam Noord", ["Anna", "Bram", "Chris", "Dewi"])
    session_id = start_session(
        workspace.db,
        team_id=team.id,
        template=catalogue.get("teamontwikkelruimte"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    main_window.show_session_at(session_id, "dialoog")
    changes: list = []
    main_window.changes.changed.connect(changes.append)
    return main_window, session_id, changes


def test_a_row_of_digits_gives_each_person_present_a_score(qtbot, scoring, workspace):
    window, session_id, changes = scoring
    people = window.session.view.findChild(QLineEdit, "peopleScores_dialoog")

    qtbot.keyClicks(people, "35-4")

    present = [p.id for p in load_session(workspace.db, session_id).present]
    scores = session_item_scores(workspace.db, session_id)[("dialoog", "dialoog")]
    assert scores.people == {present[0]: 3, present[1]: 5, present[3]: 4}  # '-': no score
    spread = window.session.view.findChild(QLabel, "spread_dialoog")
    assert spread.text() == "3 personen, laagste 3, hoogste 5 (1× 3, 1× 4, 1× 5)"
    assert {(c.kind, c.session_id) for c in changes} == {(ChangeKind.RATING, session_id)}


def test_the_team_score_beside_it_and_both_come_back_when_the_step_is_shown_again(
    qtbot, scoring, workspace
):
    window, session_id, changes = scoring
    view = window.session.view
    qtbot.keyClicks(view.findChild(QLineEdit, "peopleScores_dialoog"), "2x45")
    qtbot.mouseClick(view.findChild(QRadioButton, "rating_dialoog_4"), Qt.MouseButton.LeftButton)

    window.session.go_to(1)
    window.session.go_to(0)

    people = view.findChild(QLineEdit, "peopleScores_dialoog")
    assert people.text() == "2-45"  # what is not a score from 1 to 5 becomes 'no score'
    assert view.findChild(QRadioButton, "rating_dialoog_4").isChecked()
    assert session_item_scores(workspace.db, session_id)[("dialoog", "dialoog")].team == 4
    assert "1 = komt bij ons nauwelijks voor" in view.findChild(QLabel, "ratingScale").text()
    ratings = [c for c in changes if c.kind is ChangeKind.RATING]
    assert len(ratings) == 5  # four digits typed and one team score


def test_a_finished_session_shows_the_scores_but_takes_no_new_ones(qtbot, scoring, workspace):
    window, session_id, _ = scoring
    view = window.session.view
    qtbot.keyClicks(view.findChild(QLineEdit, "peopleScores_dialoog"), "3")
    from leersessie.method.sessions import finish_session

    finish_session(workspace.db, session_id)
    window.show_session_at(session_id, "dialoog")

    people = view.findChild(QLineEdit, "peopleScores_dialoog")
    assert people.text() == "3" and people.isReadOnly()


def test_the_step_title_tells_where_the_source_is_on_hover(scoring):
    window, _, _ = scoring
    tip = window.session.view.step_title.toolTip()
    assert tip.startswith("Bron: Hoofdstuk 2 'Wat weten we over ruimte voor leren")
    assert "Figuur 7" in tip
