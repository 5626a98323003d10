"""The team report PDF and its development radar: what is printed and what is plotted."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import pdf_page_count, pdf_text
from reportlab.graphics.shapes import Polygon
from test_summary_pdf import History, build_history, flat

from leersessie.base.errors import UserFacingError
from leersessie.cli import main
from leersessie.memory.lookback import set_development_question
from leersessie.method.development import radar_series
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.reports.pdf import ACCENT
from leersessie.reports.radar import (
    EARLIER_SHOWN,
    radar_drawing,
    radar_layout,
    radar_polygon,
    radar_sessions_drawn,
)
from leersessie.reports.team_report import write_team_report


@pytest.fixture
def history(db, catalogue) -> History:
    return build_history(db, catalogue)


def test_team_report_tells_the_teams_history(db, history, tmp_path, today):
    set_development_question(
        db,
        history.sessions[1],
        history.people["Anouk"],
        "Hoe geef ik ruimte aan de coördinatie door ouders?",
    )
    target = write_team_report(db, history.team_id, tmp_path / "team.pdf", today=today)

    text = flat(pdf_text(target))
    assert text.startswith("Teamverslag Wijkteam De Linde")
    assert "Deelnemers Anouk, Bram, Chaïma, Daan (niet meer actief)" in text
    assert "Periode 02-02-2026 t/m 04-05-2026 Sessies 5" in text
    assert "Sessies per werkvorm Werkvorm Aantal Actieleren 3 Teamontwikkelruimte 2" in text
    # Sessions in date order, with their format, status and number of actions.
    assert (
        "Sessies Datum Werkvorm Status Acties 02-02-2026 Teamontwikkelruimte afgerond 0 "
        "02-03-2026 Actieleren afgerond 2 30-03-2026 Actieleren afgerond 1 "
        "27-04-2026 Actieleren afgerond 0 04-05-2026 Teamontwikkelruimte afgerond 0"
    ) in text
    # Every action of this history is closed; each shows its whole trail.
    assert "Open acties Er staan geen acties open." in text
    assert (
        "Moeder bellen over een passende plek Bram 27-04-2026 gedaan "
        "02-03-2026: afgesproken 30-03-2026: loopt door tot 27-04-2026. Moeder wil eerst "
        "de school spreken 27-04-2026: gedaan. Een vaste dag werkt"
    ) in text
    assert (
        "Rooster voor huisbezoeken maken Daan 13-04-2026 vervallen 30-03-2026: afgesproken "
        "27-04-2026: vervallen. Planning doet het al"
    ) in text
    assert (
        "Ontwikkelvragen Deelnemer Datum Ontwikkelvraag "
        "Anouk 30-03-2026 Hoe geef ik ruimte aan de coördinatie door ouders? "
        "Bram 02-03-2026 Hoe blijf ik in contact zonder te trekken?"
    ) in text
    pages = pdf_page_count(target)
    for page in range(1, pages + 1):
        assert f"pagina {page} van {pages}" in text


def test_radar_table_prints_the_stored_numbers(db, history, tmp_path, today):
    target = write_team_report(db, history.team_id, tmp_path / "team.pdf", today=today)

    text = flat(pdf_text(target))
    assert "Ontwikkelradar: teamontwikkelruimte" in text
    assert "De laatste sessie is dik getekend, de sessie daarvoor lichter." in text
    # The axis titles in the chart and the table of numbers beneath it.
    assert (
        "Datum Dialoog voeren Reflecteren Toekomst creëren Organiseren "
        "02-02-2026 2 3 1 5 04-05-2026 4 4 3 –"
    ) in text
    assert "04-05-2026 (laatste)" in text


def test_open_actions_and_overdue_are_listed(db, catalogue, tmp_path, today):
    from leersessie.memory.actions import add_action

    # Names that do not fit a plain cell (too long, or an emoji) still print whole.
    team = create_team(
        db, "Intervisiegroep Oost", ["Eva 🙂", "Marie-Louise van den Berg-Oosterhuis"]
    )
    eva, marie = (p.id for p in team.people)
    session = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("bordsessie"),
        on=date(2026, 11, 2),
        facilitator="Marieke",
        present=[eva, marie],
    )
    step = next(s for s in catalogue.get("bordsessie").steps if s.kind.value == "actions")
    add_action(db, session, step.key, "Spreekuur met de huisarts plannen", eva, date(2026, 11, 9))
    add_action(db, session, step.key, "Wijkagent uitnodigen", marie, date(2026, 12, 1))

    text = flat(pdf_text(write_team_report(db, team.id, tmp_path / "oost.pdf", today=today)))

    assert (
        "Open acties Actie Eigenaar Streefdatum Status Verloop Spreekuur met de huisarts "
        "plannen Eva 🙂 09-11-2026 open (te laat) 02-11-2026: afgesproken"
    ) in text
    # The long name wraps inside its column (even within a word), but nothing is cut off.
    assert "WijkagentuitnodigenMarie-LouisevandenBerg-Oosterhuis01-12-2026open" in "".join(
        text.split()
    )
    assert (
        "Afgeronde acties van het afgelopen jaar Het afgelopen jaar zijn geen acties afgerond."
    ) in text
    assert "Er zijn nog geen teamontwikkelruimte-sessies met scores." in text


def test_radar_polygon_geometry():
    axes = (
        ("dialoog", "Dialoog voeren"),
        ("reflecteren", "Reflecteren"),
        ("toekomst", "Toekomst creëren"),
        ("organiseren", "Organiseren"),
    )
    points = radar_polygon(
        {"dialoog": 5, "reflecteren": 2.5, "toekomst": 1, "organiseren": 4},
        axes,
        cx=100,
        cy=50,
        radius=40,
    )
    expected = [
        100,
        90,  # 5 of 5 straight up: the rim
        120,
        50,  # 2,5 to the right: half way
        100,
        42,  # 1 down
        68,
        50,
    ]  # 4 to the left
    assert points == pytest.approx(expected)
    # A dimension that was not rated is left out, not drawn as zero.
    assert radar_polygon({"dialoog": 5, "toekomst": 5}, axes, 0, 0, 10) == pytest.approx(
        [0, 10, 0, -10]
    )


def _polygons(drawing) -> list[Polygon]:
    return [shape for shape in drawing.contents if isinstance(shape, Polygon)]


def test_the_chart_plots_radar_series_values(db, history):
    series = radar_series(db, history.team_id)
    assert [values for _sid, _day, values in series.points] == [
        {"dialoog": 2.0, "reflecteren": 3.0, "toekomst": 1.0, "organiseren": 5.0},
        {"dialoog": 4.0, "reflecteren": 4.0, "toekomst": 3.0},
    ]
    cx, cy, radius = radar_layout()

    drawing = radar_drawing(series)

    data = [
        p
        for p in _polygons(drawing)
        if p.fillColor is None and p.strokeColor != ACCENT and p.strokeWidth == 1
    ]
    latest = [p for p in _polygons(drawing) if p.strokeColor == ACCENT]
    earlier_expected = radar_polygon(series.points[0][2], series.axes, cx, cy, radius)
    latest_expected = radar_polygon(series.points[1][2], series.axes, cx, cy, radius)
    assert len(latest) == 1 and latest[0].strokeWidth == 2.5
    assert latest[0].points == pytest.approx(latest_expected)
    assert [p.points for p in data] == [pytest.approx(earlier_expected)]
    # Spot-check against the raw numbers: the latest dialoog score of 4 lies 4/5 up.
    assert latest_expected[:2] == pytest.approx([cx, cy + radius * 4 / 5])
    # Five rings for the scale 1 to 5, each the square through that score on every axis.
    rings = [p for p in _polygons(drawing) if p.strokeWidth == 0.5]
    assert [math.dist(r.points[:2], (cx, cy)) for r in rings] == pytest.approx(
        [radius * level / 5 for level in range(1, 6)]
    )


def test_the_chart_shows_the_latest_and_at_most_four_earlier(db, catalogue):
    from leersessie.method.ratings import set_rating

    team = create_team(db, "Groot team", ["Gijs"])
    for week in range(7):
        session = start_session(
            db,
            team_id=team.id,
            template=catalogue.get("teamontwikkelruimte"),
            on=date(2026, 1, 5) + timedelta(weeks=week),
            facilitator="",
            present=[team.people[0].id],
        )
        set_rating(db, session, "dialoog", "dialoog", 1 + week % 5)
        for key in ("reflecteren", "toekomst", "organiseren"):
            set_rating(db, session, key, key, 3)
    series = radar_series(db, team.id)

    drawn = radar_sessions_drawn(series)

    assert len(series.points) == 7
    assert drawn == list(series.points[-(EARLIER_SHOWN + 1) :])
    plotted = [p for p in _polygons(radar_drawing(series)) if p.strokeWidth in (1, 2.5)]
    assert len(plotted) == EARLIER_SHOWN + 1


def test_cli_team_report_by_name_and_id(db, history, data_dir, tmp_path, capsys):
    by_name = tmp_path / "naam.pdf"
    by_id = tmp_path / "id.pdf"

    assert (
        main(["team-report", "wijkteam de linde", "-o", str(by_name), "--data-dir", str(data_dir)])
        == 0
    )
    assert (
        main(["team-report", history.team_id, "-o", str(by_id), "--data-dir", str(data_dir)]) == 0
    )

    for target in (by_name, by_id):
        assert flat(pdf_text(target)).startswith("Teamverslag Wijkteam De Linde")


def test_cli_unknown_team(data_dir, tmp_path, capsys):
    target = tmp_path / "team.pdf"

    assert (
        main(["team-report", "Bestaat niet", "-o", str(target), "--data-dir", str(data_dir)]) == 1
    )

    assert "Geen team gevonden met de naam of id 'Bestaat niet'" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file"])
def test_a_team_report_that_cannot_be_written_leaves_nothing(where, db, history, tmp_path: Path):
    folder = tmp_path / "elders"
    if where == "parent-is-a-file":
        folder.write_text("geen map")

    with pytest.raises(UserFacingError) as caught:
        write_team_report(db, history.team_id, folder / "team.pdf")

    assert "kon niet worden geschreven" in caught.value.message
    assert list(tmp_path.rglob("*.pdf")) == []


def test_actions_closed_over_a_year_ago_are_counted_not_listed(db, history, tmp_path):
    """The history's actions were closed in spring 2026: listed in a report of that year,
    counted in one made more than a year later (the overview and CSV keep them all)."""
    soon = write_team_report(db, history.team_id, tmp_path / "soon.pdf", date(2026, 6, 1))
    later = write_team_report(db, history.team_id, tmp_path / "later.pdf", date(2027, 6, 1))
    assert "Moeder bellen over een passende plek" in flat(pdf_text(soon))
    text = flat(pdf_text(later))
    assert "Moeder bellen over een passende plek" not in text
    assert "Het afgelopen jaar zijn geen acties afgerond." in text
    assert "Daarvoor zijn nog 3 acties afgerond." in text
