"""The development radar's numbers come straight from the stored ratings."""

from __future__ import annotations

from datetime import date

from leersessie.method.development import RadarData, radar_series
from leersessie.method.ratings import set_rating
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team


def _session(db, catalogue, team, template_id: str, on: date) -> str:
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get(template_id),
        on=on,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )


def _rate(db, session_id: str, values: dict[str, int]) -> None:
    for key, value in values.items():
        set_rating(db, session_id, key, key, value)


def test_radar_series_plots_each_rated_session_oldest_first(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anouk", "Bram"])
    other = create_team(db, "Wijkteam Zuid", ["Chaima"])
    # Created out of date order: the series must follow the session dates.
    later = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 10, 5))
    first = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 3, 2))
    unrated = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 6, 1))
    elsewhere = _session(db, catalogue, other, "teamontwikkelruimte", date(2026, 4, 1))
    _rate(db, first, {"dialoog": 2, "reflecteren": 3, "toekomst": 1, "organiseren": 5})
    _rate(db, later, {"dialoog": 4, "reflecteren": 4, "toekomst": 3})  # organiseren not rated
    _rate(db, elsewhere, {"dialoog": 1})

    series = radar_series(db, team.id)

    assert isinstance(series, RadarData)
    assert series.axes == (
        ("dialoog", "Dialoog voeren"),
        ("reflecteren", "Reflecteren"),
        ("toekomst", "Toekomst creëren"),
        ("organiseren", "Organiseren"),
    )
    assert series.points == (
        (
            first,
            date(2026, 3, 2),
            {"dialoog": 2.0, "reflecteren": 3.0, "toekomst": 1.0, "organiseren": 5.0},
        ),
        (later, date(2026, 10, 5), {"dialoog": 4.0, "reflecteren": 4.0, "toekomst": 3.0}),
    )
    assert unrated not in {point[0] for point in series.points}
    assert series.latest == series.points[-1]


def test_radar_ignores_other_formats_and_other_items(db, catalogue):
    team = create_team(db, "Intervisiegroep Oost", ["Daan", "Eline"])
    actieleren = _session(db, catalogue, team, "actieleren", date(2026, 5, 1))
    rated = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 5, 2))
    # A rating under a dimension's key in another format is not a teamontwikkelruimte score.
    set_rating(db, actieleren, "dialoog", "dialoog", 1)
    set_rating(db, rated, "dialoog", "dialoog", 5)
    set_rating(db, rated, "dialoog", "iets-anders", 2)

    series = radar_series(db, team.id)

    assert series.points == ((rated, date(2026, 5, 2), {"dialoog": 5.0}),)


def test_radar_of_a_team_without_ratings_is_empty(db, catalogue):
    team = create_team(db, "Nieuw team", ["Femke"])
    _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 1, 1))

    series = radar_series(db, team.id)

    assert series.points == ()
    assert series.latest is None
    assert [key for key, _ in series.axes] == ["dialoog", "reflecteren", "toekomst", "organiseren"]
