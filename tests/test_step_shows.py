"""Steps show what they ask: scores with their spread, the radar from the median of the
personal scores where no team score was set, leervoorkeuren's profile, the look back's
group text with overdue actions marked (real database, real group screen)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.memory.step_content import step_content
from leersessie.method.ratings import set_people_ratings, set_rating
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team, find_team
from leersessie.reports.summary import write_summary
from leersessie.workspace import Workspace
from leersessie_ui.main_window import MainWindow
from tests.test_group_screen import go_to, open_on_group_screen, shown

TODAY = date(2026, 11, 23)


def team_session(workspace: Workspace, template_id: str) -> tuple[str, list[str]]:
    db = workspace.db
    team = create_team(db, "Team Oost", ["Anouk", "Bram", "Eva", "Daan", "Femke"])
    people = [p.id for p in team.people]
    session_id = start_session(
        db,
        team_id=team.id,
        template=workspace.catalogue.get(template_id),
        on=TODAY,
        facilitator="Marieke",
        present=people,
    )
    return session_id, people


def lines_of(workspace: Workspace, session_id: str, step_key: str) -> list[str]:
    session = load_session(workspace.db, session_id)
    step = next(s for s in session.steps if s.key == step_key)
    content = step_content(workspace.db, session, step)
    return [line for section in content.sections for line in section.lines]


def test_scores_show_their_spread_and_the_median_where_no_team_score_was_set(
    workspace: Workspace,
):
    session_id, people = team_session(workspace, "teamontwikkelruimte")
    db = workspace.db
    scores = dict(zip(people, (2, 3, 3, 3, 5), strict=True))
    set_people_ratings(db, session_id, "organiseren", "organiseren", dict(scores))
    set_rating(db, session_id, "dialoog", "dialoog", 4)
    # The closing step: "Kijk naar de cijfers en hun spreiding".
    lines = lines_of(workspace, session_id, "verbetering")
    assert "Organiseren: 3 (mediaan) — 2 ● · 3 ●●● · 5 ●" in lines
    assert "Dialoog voeren: 4" in lines

    session = load_session(db, session_id)
    step = next(s for s in session.steps if s.key == "verbetering")
    radar = step_content(db, session, step).radar
    assert radar is not None and radar.latest is not None
    assert radar.latest[2] == {"dialoog": 4.0, "organiseren": 3.0}  # the point is not dropped
    assert radar.medians[session_id] == frozenset({"organiseren"})
    from leersessie_ui.widgets.radar import radar_shapes

    keys = [key for key, _title in radar.axes]
    drawn = radar_shapes(radar, 100)[-1]  # the organiseren point drawn as a ring
    assert [key for key, ring in zip(keys, drawn.medians, strict=True) if ring] == ["organiseren"]


def test_the_radar_caption_marks_a_median_on_the_group_screen(main_window: MainWindow):
    session_id, people = team_session(main_window.workspace, "teamontwikkelruimte")
    set_people_ratings(
        main_window.workspace.db,
        session_id,
        "organiseren",
        "organiseren",
        dict(zip(people, (1, 2, 4, 4, 4), strict=True)),
    )
    open_on_group_screen(main_window, session_id)
    go_to(main_window, "verbetering")
    on_screen = shown(main_window)
    assert "Organiseren: 4 (mediaan) — 1 ● · 2 ● · 4 ●●●" in on_screen
    assert "Organiseren 4 (mediaan) (1–4)" in on_screen  # the radar's caption


def test_leervoorkeuren_shows_the_teams_profile_on_the_screen_and_in_the_summary(
    workspace: Workspace, tmp_path: Path
):
    session_id, people = team_session(workspace, "leervoorkeuren")
    set_people_ratings(
        workspace.db,
        session_id,
        "profiel",
        "ontdekken",
        dict(zip(people, (5, 4, 4, 2, 5), strict=True)),
    )
    lines = lines_of(workspace, session_id, "bespreken")  # "Wat valt op aan ons profiel?"
    assert "Ontdekken: 4 (mediaan) — 2 ● · 4 ●● · 5 ●●" in lines
    text = write_summary(workspace.db, session_id, tmp_path / "verslag.md", TODAY).read_text(
        encoding="utf-8"
    )
    assert "Ontdekken: mediaan 4 van 5 (persoonlijke scores)" in text


def test_the_look_back_has_a_group_text_and_marks_overdue_actions(main_window: MainWindow):
    db = main_window.workspace.db
    load_demo(db, main_window.workspace.catalogue, TODAY)
    team = find_team(db, DEMO_TEAM)
    assert team is not None
    session_id = start_session(
        db,
        team_id=team.id,
        template=main_window.workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    open_on_group_screen(main_window, session_id)
    on_screen = shown(main_window).splitlines()
    assert any(
        line.startswith("Wat is er gebeurd met de acties van vorige keer?") for line in on_screen
    )
    overdue = [line for line in on_screen if "over de streefdatum" in line]
    assert len(overdue) == 1 and "Werkafspraken met de huisarts" in overdue[0]  # due 21-11


pytestmark = pytest.mark.gui


def test_the_pdf_radar_draws_a_median_as_an_open_ring(workspace: Workspace):
    from reportlab.graphics.shapes import Circle, String

    from leersessie.method.development import radar_series
    from leersessie.reports.radar import radar_drawing

    session_id, people = team_session(workspace, "teamontwikkelruimte")
    db = workspace.db
    set_rating(db, session_id, "dialoog", "dialoog", 4)
    set_people_ratings(
        db,
        session_id,
        "organiseren",
        "organiseren",
        dict(zip(people, (2, 3, 3, 3, 5), strict=True)),
    )
    session = load_session(db, session_id)
    drawing = radar_drawing(radar_series(db, session.team.id))
    rings = [
        shape
        for shape in drawing.contents
        if isinstance(shape, Circle)
        and shape.fillColor is not None
        and shape.fillColor.hexval() == "0xffffff"
    ]
    assert len(rings) == 1  # organiseren, at the median
    texts = [shape.text for shape in drawing.contents if isinstance(shape, String)]
    assert "open rondje: mediaan van de persoonlijke scores" in texts
