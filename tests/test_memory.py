"""Team memory: development questions that stay with a person, and the team page figures."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.memory.actions import add_action, review_action
from leersessie.memory.lookback import (
    DevelopmentQuestion,
    development_questions,
    latest_development_question,
    set_development_question,
    team_overview,
)
from leersessie.method.models import ReviewOutcome
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team, set_person_active


@pytest.fixture
def team(db):
    return create_team(db, "Wijkteam Oost", ["Anouk", "Bram", "Chaima"])


def _session(db, catalogue, team, on, casus=None, template="actieleren"):
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get(template),
        on=on,
        facilitator="Marieke",
        present=[p.id for p in team.people],
        casusinbrenger_id=casus.id if casus else None,
    )


def test_question_stays_with_the_person_and_comes_back(db, catalogue, team):
    bram = team.people[1]
    first = _session(db, catalogue, team, date(2026, 9, 1), bram)
    set_development_question(db, first, bram.id, "  Hoe blijf ik in contact zonder te trekken?  ")
    second = _session(db, catalogue, team, date(2026, 10, 6), bram)
    # When Bram brings a case again, his earlier question is there to show.
    assert development_questions(db, bram.id, before=date(2026, 10, 6)) == [
        DevelopmentQuestion(date(2026, 9, 1), "Hoe blijf ik in contact zonder te trekken?", first)
    ]
    set_development_question(db, second, bram.id, "Hoe grens ik af bij boze ouders?")
    assert [q.question for q in development_questions(db, bram.id)] == [
        "Hoe grens ik af bij boze ouders?",
        "Hoe blijf ik in contact zonder te trekken?",
    ]
    day, question, session_id = latest_development_question(db, bram.id)
    assert (day, question, session_id) == (
        date(2026, 10, 6),
        "Hoe grens ik af bij boze ouders?",
        second,
    )
    assert latest_development_question(db, team.people[0].id) is None


def test_setting_again_replaces_and_empty_removes(db, catalogue, team):
    bram = team.people[1]
    session_id = _session(db, catalogue, team, date(2026, 9, 1), bram)
    set_development_question(db, session_id, bram.id, "Eerste versie")
    set_development_question(db, session_id, bram.id, "Tweede versie")
    assert [q.question for q in development_questions(db, bram.id)] == ["Tweede versie"]
    set_development_question(db, session_id, bram.id, "   ")
    assert development_questions(db, bram.id) == []
    assert db["development_questions"].count == 0


def test_questions_of_one_person_stay_apart_from_others(db, catalogue, team):
    anouk, bram, _ = team.people
    s1 = _session(db, catalogue, team, date(2026, 9, 1), bram)
    s2 = _session(db, catalogue, team, date(2026, 9, 8), anouk)
    set_development_question(db, s1, bram.id, "Vraag van Bram")
    set_development_question(db, s2, anouk.id, "Vraag van Anouk")
    assert [q.question for q in development_questions(db, bram.id)] == ["Vraag van Bram"]
    assert [q.question for q in development_questions(db, anouk.id)] == ["Vraag van Anouk"]


def test_team_overview(db, catalogue, team):
    anouk, bram, chaima = team.people
    s1 = _session(db, catalogue, team, date(2026, 9, 1), bram)
    set_development_question(db, s1, bram.id, "Oude vraag van Bram")
    add_action(db, s1, "actie", "Huisarts bellen", bram.id, date(2026, 9, 20))
    kept = add_action(db, s1, "actie", "Schoolplan lezen", anouk.id, date(2026, 12, 1))
    dropped = add_action(db, s1, "actie", "Cursus zoeken", None, None)
    s2 = _session(db, catalogue, team, date(2026, 9, 29), template="teamontwikkelruimte")
    review_action(db, dropped.id, s2, ReviewOutcome.DROPPED, "Geen budget")
    s3 = _session(db, catalogue, team, date(2026, 10, 27), bram)
    set_development_question(db, s3, bram.id, "Nieuwe vraag van Bram")
    review_action(db, kept.id, s3, ReviewOutcome.DONE, "Gelezen en besproken")
    other = create_team(db, "Ander team", ["Zoë"])
    _session(db, catalogue, other, date(2026, 9, 2))
    set_person_active(db, chaima.id, False)

    overview = team_overview(db, team.id, today=date(2026, 11, 23))
    assert overview.team.name == "Wijkteam Oost"
    assert [(f.template_id, f.title, f.sessions, f.last_date) for f in overview.formats] == [
        ("actieleren", "Actieleren", 2, date(2026, 10, 27)),
        ("teamontwikkelruimte", "Teamontwikkelruimte", 1, date(2026, 9, 29)),
    ]
    assert overview.session_count == 3
    assert (
        overview.open_actions,
        overview.done_actions,
        overview.dropped_actions,
        overview.closed_actions,
        overview.overdue_actions,
    ) == (1, 1, 1, 2, 1)
    by_name = {p.person.name: p for p in overview.participants}
    assert [p.person.name for p in overview.participants] == ["Anouk", "Bram", "Chaima"]
    assert by_name["Bram"].latest_question == DevelopmentQuestion(
        date(2026, 10, 27), "Nieuwe vraag van Bram", s3
    )
    assert by_name["Anouk"].latest_question is None
    assert by_name["Chaima"].person.active is False  # who left stays in the history


def test_team_overview_of_a_new_team(db, team):
    overview = team_overview(db, team.id)
    assert overview.formats == ()
    assert overview.session_count == 0
    assert (overview.open_actions, overview.closed_actions, overview.overdue_actions) == (0, 0, 0)
    assert all(p.latest_question is None for p in overview.participants)
