"""The team page: action counts, development questions and the radar from stored ratings."""

from __future__ import annotations

import math
from datetime import date

import pytest

from leersessie.memory.actions import add_action, set_action_status
from leersessie.memory.lookback import set_development_question
from leersessie.method.development import radar_series
from leersessie.method.models import ActionStatus
from leersessie.method.ratings import set_rating
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie_ui.main_window import MainWindow
from leersessie_ui.widgets.radar import axis_end, radar_shapes

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


def _session(db, catalogue, team, template_id: str, on: date, **kwargs) -> str:
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get(template_id),
        on=on,
        facilitator="Marieke",
        present=[p.id for p in team.people],
        **kwargs,
    )


def _rate(db, session_id: str, values: dict[str, int]) -> None:
    for key, value in values.items():
        set_rating(db, session_id, key, key, value)


@pytest.fixture
def team(db, catalogue):
    team = create_team(db, "Wijkteam Oost", ["Anouk", "Bram", "Chaima"])
    anouk, bram, _chaima = team.people
    first = _session(db, catalogue, team, "actieleren", date(2026, 9, 1), casusinbrenger_id=bram.id)
    set_development_question(db, first, bram.id, "Hoe houd ik grenzen aan?")
    later = _session(
        db, catalogue, team, "actieleren", date(2026, 10, 6), casusinbrenger_id=bram.id
    )
    set_development_question(db, later, bram.id, "Hoe blijf ik in contact met ouders?")
    late = add_action(db, first, "actie", "Moeder bellen", anouk.id, date(2026, 11, 1))
    add_action(db, later, "actie", "Overleg met school", bram.id, date(2026, 12, 7))
    done = add_action(db, first, "actie", "Dossier bijwerken", anouk.id, None)
    dropped = add_action(db, first, "actie", "Huisbezoek", anouk.id, None)
    set_action_status(db, done.id, ActionStatus.DONE)
    set_action_status(db, dropped.id, ActionStatus.DROPPED)
    assert late.is_overdue(TODAY)
    spring = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 3, 2))
    autumn = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 10, 5))
    _rate(db, spring, {"dialoog": 2, "reflecteren": 3, "toekomst": 1, "organiseren": 5})
    _rate(db, autumn, {"dialoog": 4, "reflecteren": 4, "toekomst": 3})
    return team


@pytest.fixture
def window(qtbot, workspace, team):
    create_team(workspace.db, "Zonder scores", ["Daan"])
    main = MainWindow(workspace, today=lambda: TODAY)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    main.home.show_team(team.id)
    return main


def test_team_page_shows_counts_questions_and_radar(window, workspace, team):
    view = window.home.view
    assert view.action_counts.text() == "2 open, 2 afgerond (1 gedaan, 1 vervallen); 1 te laat"
    people = view.participant_questions.text()
    assert "<b>Bram</b><br>Hoe blijf ik in contact met ouders? <i>(06-10-2026)</i>" in people
    assert "grenzen" not in people  # only the latest question
    assert "<b>Anouk</b>" in people and "<b>Chaima</b>" in people

    radar = view.radar
    assert radar.isVisibleTo(window)
    shapes = radar.shapes()
    assert [shape.day for shape in shapes] == [date(2026, 3, 2), date(2026, 10, 5)]
    assert [shape.latest for shape in shapes] == [False, True]
    assert shapes[0].values == (2.0, 3.0, 1.0, 5.0)
    assert shapes[1].values == (4.0, 4.0, 3.0, None)  # not rated: no point, not a zero
    assert "Dialoog voeren 4" in view.radar_legend.text()


def test_radar_points_lie_on_their_axes_at_the_rated_fraction(workspace, team):
    shapes = radar_shapes(radar_series(workspace.db, team.id), radius=100)
    latest = shapes[-1]
    # Dialoog points up, reflecteren right, toekomst down; 4 of 5 is 80 of the radius.
    assert latest.points[0] == pytest.approx((0, -80))
    assert latest.points[1] == pytest.approx((80, 0))
    assert latest.points[2] == pytest.approx((0, 60))
    assert latest.points[3] is None
    assert shapes[0].points[3] == pytest.approx((-100, 0))  # a 5 lies on the rim
    for index in range(4):
        x, y = axis_end(index, 4, 100)
        assert math.hypot(x, y) == pytest.approx(100)


def test_radar_is_hidden_for_a_team_without_ratings(window):
    home = window.home
    row = next(
        i
        for i in range(home.view.team_list.count())
        if home.view.team_list.item(i).text() == "Zonder scores"
    )
    home.view.team_list.setCurrentRow(row)
    assert home.view.team_name.text() == "Zonder scores"
    assert not home.view.radar.isVisibleTo(window)
    assert home.view.action_counts.text() == "0 open, 0 afgerond (0 gedaan, 0 vervallen)"
    assert home.view.participant_questions.text() == "<b>Daan</b>"


def test_team_actions_button_opens_the_overview_for_that_team(qtbot, window, team):
    window.home.view.team_actions_button.click()
    assert window.pages.currentWidget() is window.overview.view
    assert window.overview.view.team.currentData() == team.id
    assert window.overview.model.rowCount() == 4
