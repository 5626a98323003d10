"""The example team shows the team's memory at work: looked-back, continued and closed
actions over sessions in a row, development questions and two rated teamontwikkelruimte
sessions. Running it twice adds nothing."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.volume import load_volume

from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.memory.actions import action_trail, actions_to_review
from leersessie.memory.lookback import development_questions, team_overview
from leersessie.memory.overview import ActionFilter, list_actions
from leersessie.memory.search import search
from leersessie.method.development import radar_series
from leersessie.method.models import ActionStatus, ReviewOutcome
from leersessie.method.sessions import list_sessions, load_session
from leersessie.method.teams import find_team
from leersessie.reports.summary import write_summary
from tests.conftest import pdf_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(db, catalogue):
    latest = load_demo(db, catalogue, today=TODAY)
    return find_team(db, DEMO_TEAM), latest


def test_five_finished_sessions_in_a_row(db, demo):
    team, latest = demo
    sessions = list(reversed(list_sessions(db, team.id)))
    assert [(s.template_id, s.date) for s in sessions] == [
        ("actieleren", date(2026, 9, 14)),
        ("teamontwikkelruimte", date(2026, 9, 28)),
        ("actieleren", date(2026, 10, 19)),
        ("actieleren", date(2026, 11, 9)),
        ("teamontwikkelruimte", date(2026, 11, 16)),
    ]
    assert all(s.status == "finished" for s in sessions)
    assert sessions[-1].id == latest
    # Every session after the first opened with a look back that was gone through.
    for info in sessions[1:]:
        assert load_session(db, info.id).has_lookback
        reviewed = {
            r[0]
            for r in db.execute(
                "SELECT action_id FROM action_reviews WHERE session_id = ?", [info.id]
            )
        }
        assert {a.id for a in actions_to_review(db, info.id)} == reviewed != set()


def test_actions_were_continued_and_closed(db, demo):
    team, _ = demo
    rows = list_actions(db, ActionFilter(team_id=team.id, today=TODAY))
    by_what = {row.action.what: row for row in rows}
    school = by_what["Afstemmen met de intern begeleider van school"]
    assert [r.outcome for r in action_trail(db, school.action.id)] == [
        ReviewOutcome.CONTINUED,
        ReviewOutcome.CONTINUED,
        ReviewOutcome.DONE,
    ]
    statuses = [row.action.status for row in rows]
    assert statuses.count(ActionStatus.DONE) == 3
    assert statuses.count(ActionStatus.DROPPED) == 1
    assert statuses.count(ActionStatus.OPEN) == 3
    # One open action is overdue, so the overview shows what that looks like.
    assert rows[0].overdue and rows[0].action.what.startswith("Werkafspraken met de huisarts")
    assert sum(row.overdue for row in rows) == 1


def test_development_questions_stay_with_the_person(db, demo):
    team, _ = demo
    bram = next(p for p in team.people if p.name == "Bram")
    assert [q.question for q in development_questions(db, bram.id)] == [
        "Hoe houd ik de regie bij moeder zelf als er meer hulpverleners bij komen?",
        "Hoe blijf ik in contact zonder te gaan trekken?",
    ]
    overview = team_overview(db, team.id, today=TODAY)
    questions = {p.person.name: p.latest_question for p in overview.participants}
    assert questions["Chaima"].question.startswith("Hoe breng ik zorgen over veiligheid")
    assert questions["Anouk"] is None
    assert {f.template_id: f.sessions for f in overview.formats} == {
        "actieleren": 3,
        "teamontwikkelruimte": 2,
    }


def test_two_rated_teamontwikkelruimte_sessions(db, demo):
    team, _ = demo
    radar = radar_series(db, team.id)
    assert [(when, values) for _, when, values in radar.points] == [
        (date(2026, 9, 28), {"dialoog": 3, "reflecteren": 2, "toekomst": 3, "organiseren": 4}),
        (date(2026, 11, 16), {"dialoog": 4, "reflecteren": 3, "toekomst": 3, "organiseren": 4}),
    ]


def test_demo_is_searchable_and_prints(db, demo, tmp_path):
    _, latest = demo
    assert {h.step_key for h in search(db, "coordinatie")} == {"richtingen", "verhelderen"}
    assert any(h.kind == "review" for h in search(db, "toestemming"))
    text = " ".join(pdf_text(write_summary(db, latest, tmp_path / "v.pdf", today=TODAY)).split())
    assert "Moeder wil eerst zelf met school praten" in text
    assert "Eerste versie is klaar" in text


def test_running_twice_adds_nothing(db, catalogue, demo):
    counts = {
        table: db[table].count
        for table in (
            "teams",
            "people",
            "sessions",
            "notes",
            "actions",
            "action_reviews",
            "ratings",
            "development_questions",
        )
    }
    assert load_demo(db, catalogue, today=TODAY) is None
    assert {table: db[table].count for table in counts} == counts


def test_demo_is_all_or_nothing(db, catalogue, monkeypatch):
    import leersessie.demo as demo_module

    def broken(*args, **kwargs):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(demo_module, "set_rating", broken)
    with pytest.raises(RuntimeError):
        load_demo(db, catalogue, today=TODAY)
    assert find_team(db, DEMO_TEAM) is None
    assert db["sessions"].count == 0
    monkeypatch.undo()
    assert load_demo(db, catalogue, today=TODAY) is not None


def test_volume_history_for_benchmarks(db, catalogue):
    team_ids = load_volume(db, catalogue, sessions=200, teams=4, actions_per_session=3, today=TODAY)
    assert len(team_ids) == 4
    assert db["sessions"].count == 200
    assert db["actions"].count == 600
    assert db["notes"].count == 200 * 5
    assert db.execute("SELECT count(*) FROM action_reviews").fetchone()[0] > 0
    assert len(search(db, "moeder")) == 50
