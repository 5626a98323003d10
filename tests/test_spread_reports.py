"""Personal scores reach every report: the spread beside the team score in the summary,
in the team report's table and as a band on the radar, PDF and screen alike."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import pdf_text
from reportlab.graphics.shapes import Line
from test_summary_pdf import flat

from leersessie.method.development import radar_series
from leersessie.method.ratings import set_people_ratings, set_rating
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team
from leersessie.reports.radar import radar_drawing, radar_layout, radar_spread_lines
from leersessie.reports.summary import write_summary
from leersessie.reports.team_report import write_team_report


@pytest.fixture
def scored(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anna", "Bram", "Chris", "Dewi"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("teamontwikkelruimte"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    people = [p.id for p in load_session(db, session_id).present]
    scores = dict(zip(people, [2, 4, 4, 5], strict=True))
    set_people_ratings(db, session_id, "dialoog", "dialoog", scores)
    set_rating(db, session_id, "dialoog", "dialoog", 4)
    set_rating(db, session_id, "reflecteren", "reflecteren", 3)  # the team's score only
    return team, session_id


def test_the_summary_prints_the_spread_beside_the_team_score(db, scored, tmp_path, today):
    _team, session_id = scored
    text = flat(pdf_text(write_summary(db, session_id, tmp_path / "v.pdf", today=today)))

    assert (
        "1 = komt bij ons nauwelijks voor, 5 = komt bij ons sterk en vanzelf voor "
        "Dialoog voeren: 4 van 5 Ieder: 4 personen, laagste 2, hoogste 5 (1× 2, 2× 4, 1× 5)"
    ) in text
    assert "Reflecteren: 3 van 5 Afstand nemen" in text  # no personal scores: no spread line


def test_the_team_report_gives_lowest_and_highest_beside_the_team_score(
    db, scored, tmp_path, today
):
    team, _ = scored
    text = flat(pdf_text(write_team_report(db, team.id, tmp_path / "t.pdf", today=today)))

    assert "23-11-2026 4 (2–5) 3 – –" in text
    assert "Tussen haakjes: de laagste en de hoogste persoonlijke score" in text


def test_the_radar_draws_the_spread_along_its_axis(db, scored):
    team, session_id = scored
    data = radar_series(db, team.id)
    assert data.spreads == {session_id: {"dialoog": (2, 5)}}

    cx, cy, radius = radar_layout()
    [(x1, y1, x2, y2)] = radar_spread_lines(data.spreads[session_id], data.axes, cx, cy, radius)
    # Dialoog voeren is the first axis, straight up: from 2/5 to 5/5 of the radius.
    assert (x1, x2) == pytest.approx((cx, cx))
    assert (y1 - cy, y2 - cy) == pytest.approx((radius * 2 / 5, radius))
    drawn = [s for s in radar_drawing(data).contents if isinstance(s, Line) and s.strokeWidth == 7]
    assert len(drawn) == 2  # the band, and its sample in the legend


def test_the_radar_on_screen_has_the_same_spread(qtbot, db, scored):
    from leersessie_ui.widgets.radar import RadarWidget, describe, radar_shapes

    team, _ = scored
    data = radar_series(db, team.id)
    [shape] = radar_shapes(data, 100.0)
    (low, high), *others = shape.spread
    assert low == pytest.approx((0.0, -40.0)) and high == pytest.approx((0.0, -100.0))
    assert others == [None, None, None]
    assert describe(data).endswith("Dialoog voeren 4 (2–5), Reflecteren 3")
    widget = RadarWidget()
    qtbot.addWidget(widget)
    widget.set_data(data)
    widget.resize(400, 400)
    widget.grab()  # paints the band without error
