"""Look back on actions across three consecutive sessions: the plan-do-check-act trail in
the database, in the CSV export and in the summary PDF."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

import pytest

from leersessie.base.errors import InputError
from leersessie.memory.actions import (
    action_trail,
    actions_to_review,
    add_action,
    get_action,
    review_action,
)
from leersessie.memory.overview import ActionFilter, export_csv
from leersessie.method.models import ActionStatus, ReviewOutcome
from leersessie.method.sessions import finish_session, load_session, reopen_session, start_session
from leersessie.method.teams import create_team
from leersessie.reports.summary import write_summary
from tests.conftest import pdf_text

TODAY = date(2026, 11, 23)


@dataclass
class Story:
    team_id: str
    sessions: list[str]  # origin, then the three sessions that look back
    bellen: str  # continued, continued again, then done
    school: str  # done at the first look back
    cursus: str  # continued, then dropped


@pytest.fixture
def story(db, catalogue) -> Story:
    team = create_team(db, "Wijkteam De Horst", ["Anouk", "Bram", "Chaima"])
    anouk, bram, chaima = team.people
    everyone = [p.id for p in team.people]

    def session(template, on, casus=None):
        return start_session(
            db,
            team_id=team.id,
            template=catalogue.get(template),
            on=on,
            facilitator="Marieke",
            present=everyone,
            casusinbrenger_id=casus,
        )

    origin = session("actieleren", date(2026, 9, 1), bram.id)
    bellen = add_action(
        db, origin, "actie", "Moeder bellen over een vaste afspraakdag", bram.id, date(2026, 9, 15)
    )
    school = add_action(
        db, origin, "actie", "Afstemmen met de intern begeleider", anouk.id, date(2026, 9, 20)
    )
    cursus = add_action(
        db,
        origin,
        "actie",
        "Cursus motiverende gespreksvoering zoeken",
        chaima.id,
        date(2026, 9, 25),
    )
    finish_session(db, origin)

    # Look back 1, in another format: whatever its format, a session opens with the look back.
    second = session("teamontwikkelruimte", date(2026, 9, 29))
    review_action(
        db,
        bellen.id,
        second,
        ReviewOutcome.CONTINUED,
        "Moeder nam niet op; via de school wel bereikt",
        date(2026, 10, 20),
    )
    review_action(db, school.id, second, ReviewOutcome.DONE, "De IB'er denkt graag mee")
    review_action(
        db,
        cursus.id,
        second,
        ReviewOutcome.CONTINUED,
        "Nog geen aanbod gevonden",
        date(2026, 10, 27),
    )
    finish_session(db, second)

    third = session("actieleren", date(2026, 10, 27), chaima.id)
    review_action(
        db,
        bellen.id,
        third,
        ReviewOutcome.CONTINUED,
        "Eerste afspraak gemaakt, tweede nog niet",
        date(2026, 11, 17),
    )
    review_action(
        db, cursus.id, third, ReviewOutcome.DROPPED, "De organisatie biedt de cursus zelf aan"
    )
    finish_session(db, third)

    fourth = session("actieleren", date(2026, 11, 17), bram.id)
    review_action(db, bellen.id, fourth, ReviewOutcome.DONE, "Een vaste dag werkt: dinsdag")
    finish_session(db, fourth)
    return Story(team.id, [origin, second, third, fourth], bellen.id, school.id, cursus.id)


def _trail(db, action_id):
    return [
        (r.session_date, r.outcome, r.new_due_date, r.learned) for r in action_trail(db, action_id)
    ]


def test_each_session_opens_with_the_actions_still_open(db, story):
    origin, second, third, fourth = story.sessions
    assert not load_session(db, origin).has_lookback
    assert all(load_session(db, s).has_lookback for s in (second, third, fourth))
    # A finished session keeps showing what it looked back on, with its own outcomes.
    assert [a.id for a in actions_to_review(db, second)] == [
        story.bellen,
        story.school,
        story.cursus,
    ]
    assert [a.id for a in actions_to_review(db, third)] == [story.bellen, story.cursus]
    assert [a.id for a in actions_to_review(db, fourth)] == [story.bellen]


def test_trail_in_the_database(db, story):
    _, second, third, fourth = story.sessions
    assert _trail(db, story.bellen) == [
        (
            date(2026, 9, 29),
            ReviewOutcome.CONTINUED,
            date(2026, 10, 20),
            "Moeder nam niet op; via de school wel bereikt",
        ),
        (
            date(2026, 10, 27),
            ReviewOutcome.CONTINUED,
            date(2026, 11, 17),
            "Eerste afspraak gemaakt, tweede nog niet",
        ),
        (date(2026, 11, 17), ReviewOutcome.DONE, None, "Een vaste dag werkt: dinsdag"),
    ]
    assert [r.session_id for r in action_trail(db, story.bellen)] == [second, third, fourth]
    bellen = get_action(db, story.bellen)
    assert (bellen.status, bellen.due_date) == (ActionStatus.DONE, date(2026, 11, 17))
    assert get_action(db, story.school).status is ActionStatus.DONE
    cursus = get_action(db, story.cursus)
    assert (cursus.status, cursus.due_date) == (ActionStatus.DROPPED, date(2026, 10, 27))
    assert _trail(db, story.cursus)[-1][:2] == (date(2026, 10, 27), ReviewOutcome.DROPPED)
    # Stored with the session in which it was reviewed, too.
    per_session = dict(
        db.execute("SELECT session_id, count(*) FROM action_reviews GROUP BY session_id").fetchall()
    )
    assert per_session == {second: 3, third: 2, fourth: 1}


def test_the_next_session_has_nothing_left_to_look_back_on(db, catalogue, story):
    team_people = [
        r[0]
        for r in db.execute("SELECT id FROM people WHERE team_id = ?", [story.team_id]).fetchall()
    ]
    fifth = start_session(
        db,
        team_id=story.team_id,
        template=catalogue.get("actieleren"),
        on=date(2026, 12, 8),
        facilitator="Marieke",
        present=team_people,
    )
    assert not load_session(db, fifth).has_lookback
    assert actions_to_review(db, fifth) == []


def test_correcting_an_older_review_never_undoes_a_later_one(db, story):
    _, _, third, _ = story.sessions
    reopen_session(db, third)
    review_action(
        db,
        story.bellen,
        third,
        ReviewOutcome.CONTINUED,
        "Eerste afspraak gemaakt; tweede volgt na de vakantie",
        date(2026, 11, 24),
    )
    bellen = get_action(db, story.bellen)
    assert (bellen.status, bellen.due_date) == (ActionStatus.DONE, date(2026, 11, 17))
    assert _trail(db, story.bellen)[1] == (
        date(2026, 10, 27),
        ReviewOutcome.CONTINUED,
        date(2026, 11, 24),
        "Eerste afspraak gemaakt; tweede volgt na de vakantie",
    )
    assert len(action_trail(db, story.bellen)) == 3  # corrected, not added


def test_correcting_the_latest_review_reopens_the_action(db, story):
    *_, fourth = story.sessions
    review_action(
        db, story.bellen, fourth, ReviewOutcome.CONTINUED, "Toch nog niet rond", date(2026, 12, 1)
    )
    bellen = get_action(db, story.bellen)
    assert (bellen.status, bellen.due_date) == (ActionStatus.OPEN, date(2026, 12, 1))


def test_done_or_dropped_never_moves_the_due_date(db, story):
    *_, fourth = story.sessions
    review_action(db, story.bellen, fourth, ReviewOutcome.DONE, "Klaar", date(2027, 1, 1))
    assert get_action(db, story.bellen).due_date == date(2026, 11, 17)
    assert _trail(db, story.bellen)[-1][2] is None


def test_continuing_needs_a_new_due_date(db, story):
    *_, fourth = story.sessions
    with pytest.raises(InputError, match="nieuwe streefdatum"):
        review_action(db, story.bellen, fourth, ReviewOutcome.CONTINUED, "", None)


def test_trail_in_the_csv(db, story, tmp_path):
    target = tmp_path / "acties.csv"
    export_csv(db, ActionFilter(team_id=story.team_id, today=TODAY), target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Actie"]: row for row in csv.DictReader(handle, delimiter=";")}
    bellen = rows["Moeder bellen over een vaste afspraakdag"]
    assert bellen["Status"] == "gedaan"
    assert bellen["Streefdatum"] == "17-11-2026"
    assert bellen["Afgesproken op"] == "01-09-2026"
    assert bellen["Aantal terugblikken"] == "3"
    assert bellen["Terugblik"].splitlines() == [
        "29-09-2026: loopt door tot 20-10-2026 – Moeder nam niet op; via de school wel bereikt",
        "27-10-2026: loopt door tot 17-11-2026 – Eerste afspraak gemaakt, tweede nog niet",
        "17-11-2026: gedaan – Een vaste dag werkt: dinsdag",
    ]
    cursus = rows["Cursus motiverende gespreksvoering zoeken"]
    assert cursus["Status"] == "vervallen"
    assert (
        cursus["Terugblik"].splitlines()[-1]
        == "27-10-2026: vervallen – De organisatie biedt de cursus zelf aan"
    )
    assert (
        rows["Afstemmen met de intern begeleider"]["Terugblik"]
        == "29-09-2026: gedaan – De IB'er denkt graag mee"
    )


def _squash(text):
    return " ".join(text.split())


def test_trail_in_the_summary_pdf(db, story, tmp_path):
    *_, fourth = story.sessions
    text = _squash(pdf_text(write_summary(db, fourth, tmp_path / "verslag.pdf", today=TODAY)))
    assert "Moeder bellen over een vaste afspraakdag" in text
    # The whole trail: the plan, both continuations and the close.
    for expected in (
        "01-09-2026",
        "afgesproken",
        "29-09-2026",
        "loopt door tot 20-10-2026",
        "Moeder nam niet op; via de school wel bereikt",
        "27-10-2026",
        "loopt door tot 17-11-2026",
        "Eerste afspraak gemaakt, tweede nog niet",
        "17-11-2026",
        "Een vaste dag werkt: dinsdag",
    ):
        assert expected in text, expected
    # In order in the trail table (the learning of this session is also printed above it).
    assert (
        text.index("afgesproken")
        < text.index("loopt door tot 20-10-2026")
        < text.index("loopt door tot 17-11-2026")
        < text.rindex("Een vaste dag werkt")
    )
    # Actions closed earlier are no longer part of this session's look back.
    assert "Cursus motiverende gespreksvoering zoeken" not in text


def test_middle_session_summary_shows_its_own_outcomes(db, story, tmp_path):
    _, _, third, _ = story.sessions
    text = _squash(pdf_text(write_summary(db, third, tmp_path / "verslag.pdf", today=TODAY)))
    assert "Cursus motiverende gespreksvoering zoeken" in text
    assert "De organisatie biedt de cursus zelf aan" in text
    assert "Afstemmen met de intern begeleider" not in text  # done before this session
