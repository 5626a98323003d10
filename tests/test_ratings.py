"""Ratings of a teamontwikkelruimte session, on a real database."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.base.errors import InputError
from leersessie.method.ratings import (
    ItemScores,
    session_item_scores,
    session_ratings,
    set_people_ratings,
    set_person_rating,
    set_rating,
)
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team


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


# --- scores per person --------------------------------------------------------


def _people(db, session_id):
    return [person.id for person in load_session(db, session_id).present]


def test_each_persons_score_sits_beside_the_team_score_with_its_spread(db, session_id):
    anna, bram, chris = _people(db, session_id)
    set_people_ratings(db, session_id, "dialoog", "dialoog", {anna: 2, bram: 4, chris: 4})
    set_rating(db, session_id, "dialoog", "dialoog", 3)

    scores = session_item_scores(db, session_id)[("dialoog", "dialoog")]

    assert scores == ItemScores(team=3, people={anna: 2, bram: 4, chris: 4})
    assert scores.spread is not None
    assert (scores.spread.lowest, scores.spread.highest) == (2, 4)
    assert scores.spread.counts == {2: 1, 4: 2}
    assert scores.spread.describe() == "3 personen, laagste 2, hoogste 4 (1× 2, 2× 4)"


def test_only_the_team_score_or_only_the_people_scores(db, session_id):
    anna, *_ = _people(db, session_id)
    set_rating(db, session_id, "reflecteren", "reflecteren", 4)
    set_person_rating(db, session_id, "toekomst", "toekomst", anna, 5)

    scores = session_item_scores(db, session_id)

    assert scores[("reflecteren", "reflecteren")] == ItemScores(team=4)
    assert scores[("reflecteren", "reflecteren")].spread is None
    assert scores[("toekomst", "toekomst")] == ItemScores(team=None, people={anna: 5})
    assert ("dialoog", "dialoog") not in scores  # nothing scored yet


def test_a_persons_score_is_replaced_and_cleared(db, session_id):
    anna, bram, _ = _people(db, session_id)
    set_people_ratings(db, session_id, "dialoog", "dialoog", {anna: 1, bram: 2})
    set_people_ratings(db, session_id, "dialoog", "dialoog", {anna: 5, bram: None})

    scores = session_item_scores(db, session_id)[("dialoog", "dialoog")]
    assert scores.people == {anna: 5}
    assert db["person_ratings"].count == 1


def test_a_wrong_person_score_changes_nothing(db, session_id):
    anna, bram, _ = _people(db, session_id)
    with pytest.raises(InputError, match="van 1 tot en met 5"):
        set_people_ratings(db, session_id, "dialoog", "dialoog", {anna: 3, bram: 6})
    assert db["person_ratings"].count == 0


def test_a_deleted_session_takes_its_person_scores_along(db, session_id):
    from leersessie.privacy.deletion import delete_session

    anna, *_ = _people(db, session_id)
    set_person_rating(db, session_id, "dialoog", "dialoog", anna, 4)
    delete_session(db, session_id)
    assert db["person_ratings"].count == 0
