"""Ratings of a teamontwikkelruimte session, on a real database."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.errors import InputError
from leersessie.ratings import session_ratings, set_rating
from leersessie.sessions import start_session
from leersessie.teams import create_team


@pytest.fixture
def session_id(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anna", "Bram", "Chris"])
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get("teamontwikkelruimte"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )


def test_ratings_are_stored_as_numbers_per_step_and_item(db, session_id):
    set_rating(db, session_id, "dialoog", "dialoog", 4)
    set_rating(db, session_id, "organiseren", "organiseren", 2)

    assert session_ratings(db, session_id) == {
        ("dialoog", "dialoog"): 4,
        ("organiseren", "organiseren"): 2,
    }
    stored = db.execute("SELECT typeof(value) FROM ratings").fetchall()
    assert stored == [("integer",), ("integer",)]


def test_rating_again_replaces_the_earlier_score(db, session_id):
    set_rating(db, session_id, "dialoog", "dialoog", 1)
    set_rating(db, session_id, "dialoog", "dialoog", 5)

    assert session_ratings(db, session_id) == {("dialoog", "dialoog"): 5}
    assert db["ratings"].count == 1


@pytest.mark.parametrize("bad", [0, 6, -1, 100, True, 2.5, "3", None])
def test_out_of_range_or_non_integer_scores_are_refused_in_dutch(db, session_id, bad):
    set_rating(db, session_id, "dialoog", "dialoog", 3)
    with pytest.raises(InputError) as caught:
        set_rating(db, session_id, "dialoog", "dialoog", bad)

    assert "van 1 tot en met 5" in caught.value.message
    assert session_ratings(db, session_id) == {("dialoog", "dialoog"): 3}  # nothing lost


def test_ratings_belong_to_their_own_session(db, catalogue, session_id):
    team = create_team(db, "Wijkteam Zuid", ["Dewi"])
    other = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("teamontwikkelruimte"),
        on=date(2026, 11, 24),
        facilitator="Coach",
        present=[team.people[0].id],
    )
    set_rating(db, session_id, "reflecteren", "reflecteren", 2)
    set_rating(db, other, "reflecteren", "reflecteren", 5)

    assert session_ratings(db, session_id) == {("reflecteren", "reflecteren"): 2}
    assert session_ratings(db, other) == {("reflecteren", "reflecteren"): 5}
    assert session_ratings(db, "no-such-session") == {}


def test_teamontwikkelruimte_items_are_keyed_by_dimension(catalogue):
    template = catalogue.get("teamontwikkelruimte")
    rated = [
        (step.key, [item.key for item in step.items])
        for step in template.steps
        if step.kind == "ratings"
    ]

    assert rated == [
        ("dialoog", ["dialoog"]),
        ("reflecteren", ["reflecteren"]),
        ("toekomst", ["toekomst"]),
        ("organiseren", ["organiseren"]),
    ]
