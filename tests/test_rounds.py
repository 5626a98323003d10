"""Rounds on a real database: declared in a template, answered without names, revealed
with their distribution, and flowing into the team score, the spread, the questions and
the step's notes."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from leersessie.base.errors import InputError, TemplateError
from leersessie.method.development import radar_series
from leersessie.method.questions import session_questions
from leersessie.method.ratings import session_item_scores, session_ratings, set_rating
from leersessie.method.sessions import load_session, saved_note, start_session
from leersessie.method.teams import create_team
from leersessie.method.templates import RoundKind, parse_template
from leersessie.room.rounds import (
    RoundStatus,
    RoundWay,
    answer_count,
    check_answer,
    close_open_rounds,
    close_round,
    needs_confirmation,
    open_round,
    reveal_round,
    round_result,
    save_answer,
    step_round,
)
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

HEAD = """
format = 1
version = 1
title = "Rondes"
summary = "Proef"
duration_minutes = {minutes}
group_size = "3 tot 8"
audience = "Team"
[source]
document = "Eigen"
section = "Eigen"
"""

STEPS = """
[[steps]]
key = "check-in"
title = "Check-in"
kind = "notes"
minutes = 5
purpose = "Ieder zegt in één woord hoe hij binnenkomt."
[steps.round]
kind = "text"
question = "Met welk woord kom je binnen?"

[[steps]]
key = "cijfers"
title = "Cijfers"
kind = "ratings"
minutes = 5
purpose = "Ieder geeft een cijfer."
scale = ["nooit", "altijd"]
[[steps.items]]
key = "dialoog"
title = "Dialoog voeren"
[[steps.items]]
key = "reflecteren"
title = "Reflecteren"
[steps.round]
kind = "scores"
question = "Hoe vaak komt dit bij ons voor?"
"""


def template_text(steps: str, minutes: int) -> str:
    return HEAD.format(minutes=minutes) + steps


ROUNDS_TEMPLATE = template_text(
    STEPS
    + """
[[steps]]
key = "vragen"
title = "Vragen"
kind = "notes"
minutes = 5
purpose = "De groep stelt vragen."
asks_questions = true
[steps.round]
kind = "text"
question = "Welke vraag stel je de casusinbrenger?"

[[steps]]
key = "keuze"
title = "Keuze"
kind = "notes"
minutes = 5
purpose = "De groep kiest."
[steps.round]
kind = "choice"
question = "Waar werken we aan?"
options = ["Dialoog", "Reflecteren", "Organiseren"]
dots = 2

[[steps]]
key = "probleem"
title = "Probleem"
kind = "notes"
minutes = 5
purpose = "De groep kiest een probleem."
[steps.round]
kind = "choice"
question = "Welk probleem nemen we?"
""",
    25,
)


@pytest.fixture
def session(db):
    template = parse_template(ROUNDS_TEMPLATE, "rondes", "rondes.toml")
    team = create_team(db, "Wijkteam Noord", ["Anna", "Bram", "Chris", "Dana"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=template,
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    return load_session(db, session_id)


def test_a_template_declares_rounds_of_each_kind():
    template = parse_template(ROUNDS_TEMPLATE, "rondes", "rondes.toml")
    kinds = {step.key: step.round.kind for step in template.steps if step.round}
    assert kinds == {
        "check-in": RoundKind.TEXT,
        "cijfers": RoundKind.SCORES,
        "vragen": RoundKind.TEXT,
        "keuze": RoundKind.CHOICE,
        "probleem": RoundKind.CHOICE,
    }
    assert template.step("keuze").round.options == ("Dialoog", "Reflecteren", "Organiseren")
    assert template.step("keuze").round.dots == 2


def one_step(round_table: str, kind: str = "notes", extra: str = "") -> str:
    return template_text(
        f"""
[[steps]]
key = "stap"
title = "Stap"
kind = "{kind}"
minutes = 5
purpose = "Doel"
{extra}
[steps.round]
{round_table}
""",
        5,
    )


ITEM = '[[steps.items]]\nkey = "a"\ntitle = "A"\n'


@pytest.mark.parametrize(
    ("round_table", "kind", "extra", "place", "problem"),
    [
        ('kind = "poll"\nquestion = "?"', "notes", "", "kind", "onbekende soort ronde 'poll'"),
        ('kind = "scores"\nquestion = "?"', "notes", "", "kind", 'kind = "ratings"'),
        ('kind = "text"', "notes", "", "question", "dit verplichte veld ontbreekt"),
        ('kind = "text"\nquestion = "?"\noptions = ["a", "b"]', "notes", "", "options", "alleen"),
        ('kind = "text"\nquestion = "?"\ndots = 2', "notes", "", "dots", "alleen"),
        ('kind = "choice"\nquestion = "?"\noptions = ["a"]', "notes", "", "options", "2 tot 12"),
        (
            'kind = "choice"\nquestion = "?"\noptions = ["a", "A"]',
            "notes",
            "",
            "options[1]",
            "twee",
        ),
        (
            'kind = "choice"\nquestion = "?"\noptions = ["a", "b"]\ndots = 3',
            "notes",
            "",
            "dots",
            "3",
        ),
        ('kind = "choice"\nquestion = "?"\ndots = 0', "notes", "", "dots", "minstens 1"),
        ('kind = "text"\nquestion = "' + "x" * 301 + '"', "notes", "", "question", "301"),
        ('kind = "text"\nquestion = "?"\nanoniem = true', "notes", "", "anoniem", "onbekend veld"),
    ],
)
def test_a_wrong_round_gets_a_clear_error_at_its_place(round_table, kind, extra, place, problem):
    with pytest.raises(TemplateError) as caught:
        parse_template(one_step(round_table, kind, extra), "stap", "stap.toml")
    assert caught.value.place == f"steps[0].round.{place}"
    assert problem in caught.value.problem


def test_a_scores_round_on_a_ratings_step_is_valid():
    text = one_step('kind = "scores"\nquestion = "Hoe?"', "ratings", ITEM)
    step = parse_template(text, "stap", "stap.toml").steps[0]
    assert step.round and step.round.kind is RoundKind.SCORES


def test_answers_are_stored_without_who_gave_them(db, session):
    step = session.template.step("check-in")
    round_ = open_round(db, session, step, RoundWay.LAPTOP)
    save_answer(db, round_.id, check_answer(round_.asks, "moe"))
    columns = [row[1] for row in db.execute("PRAGMA table_info(round_answers)")]
    assert columns == ["id", "round_id", "answer"]
    with pytest.raises(sqlite3.OperationalError):  # WITHOUT ROWID: no insertion order
        db.execute("SELECT rowid FROM round_answers").fetchall()
    assert round_.expected == 4 and round_.status is RoundStatus.OPEN


def test_a_score_round_reveals_distribution_median_and_spread(db, session):
    step = session.template.step("cijfers")
    round_ = open_round(db, session, step, RoundWay.PHONE)
    for dialoog, reflecteren in ((2, 4), (3, 4), (3, 5), (5, 1)):
        save_answer(db, round_.id, {"dialoog": dialoog, "reflecteren": reflecteren})
    assert answer_count(db, round_.id) == 4
    assert session_ratings(db, session.id) == {}  # nothing flows before the reveal

    result, flowed = reveal_round(db, round_.id, session)

    dialoog, reflecteren = result.items
    assert dialoog.counts == {1: 0, 2: 1, 3: 2, 4: 0, 5: 1}
    assert dialoog.median == 3
    assert (dialoog.spread.lowest, dialoog.spread.highest) == (2, 5)
    assert reflecteren.median == 4
    assert flowed.ratings
    assert session_ratings(db, session.id) == {
        ("cijfers", "dialoog"): 3,
        ("cijfers", "reflecteren"): 4,
    }
    scores = session_item_scores(db, session.id)[("cijfers", "dialoog")]
    assert scores.spread.describe() == "4 personen, laagste 2, hoogste 5 (1× 2, 2× 3, 1× 5)"
    assert step_round(db, session.id, "cijfers").status is RoundStatus.REVEALED


def test_the_coach_overrules_the_median_afterwards(db, session):
    round_ = open_round(db, session, session.template.step("cijfers"), RoundWay.LAPTOP)
    for value in (2, 3, 4):
        save_answer(db, round_.id, {"dialoog": value, "reflecteren": value})
    reveal_round(db, round_.id, session)
    set_rating(db, session.id, "cijfers", "dialoog", 5)
    scores = session_item_scores(db, session.id)[("cijfers", "dialoog")]
    assert scores.team == 5
    assert scores.spread.people == 3  # the round's scores stay in the spread


def test_an_even_median_rounds_half_up_for_the_team_score(db, session):
    round_ = open_round(db, session, session.template.step("cijfers"), RoundWay.LAPTOP)
    for value in (2, 3, 3, 4, 4, 5):
        save_answer(db, round_.id, {"dialoog": value, "reflecteren": 1})
    result, _ = reveal_round(db, round_.id, session)
    assert result.items[0].median == 3.5
    assert session_ratings(db, session.id)[("cijfers", "dialoog")] == 4


def test_a_phone_changes_its_answer_and_counts_once(db, session):
    round_ = open_round(db, session, session.template.step("check-in"), RoundWay.PHONE)
    mine = save_answer(db, round_.id, "moe")
    save_answer(db, round_.id, "blij", answer_id=mine)
    save_answer(db, round_.id, "nieuwsgierig")
    assert answer_count(db, round_.id) == 2
    assert round_result(db, round_).texts == ("blij", "nieuwsgierig")


def test_texts_are_cards_in_an_order_that_says_nothing_of_who_wrote_them(db, session):
    round_ = open_round(db, session, session.template.step("check-in"), RoundWay.LAPTOP)
    for word in ("Zon", "appel", "<b>moe</b>"):
        save_answer(db, round_.id, check_answer(round_.asks, word))
    result, flowed = reveal_round(db, round_.id, session)
    assert result.texts == ("<b>moe</b>", "appel", "Zon")
    assert flowed.note
    assert saved_note(db, session.id, "check-in") == "Ronde: <b>moe</b> · appel · Zon"


def test_question_round_texts_go_to_the_question_coach(db, session):
    round_ = open_round(db, session, session.template.step("vragen"), RoundWay.PHONE)
    save_answer(db, round_.id, "Wat heb je al geprobeerd?")
    save_answer(db, round_.id, "Waarom bel je niet gewoon?")
    save_answer(db, round_.id, "Wie weet ervan?")
    _, flowed = reveal_round(db, round_.id, session)
    texts = [q.text for q in session_questions(db, session.id, "vragen")]
    assert sorted(texts) == sorted(
        ["Wat heb je al geprobeerd?", "Waarom bel je niet gewoon?", "Wie weet ervan?"]
    )
    assert len(flowed.questions) == 3
    assert all(q.asker_id is None for q in session_questions(db, session.id))


def test_choice_counts_go_into_the_step(db, session):
    round_ = open_round(db, session, session.template.step("keuze"), RoundWay.LAPTOP)
    for chosen in ([0, 2], [2], [2, 1]):
        save_answer(db, round_.id, check_answer(round_.asks, chosen))
    result, _ = reveal_round(db, round_.id, session)
    assert result.choices == (("Dialoog", 1), ("Reflecteren", 1), ("Organiseren", 3))
    assert saved_note(db, session.id, "keuze") == (
        "Ronde, stippen: Organiseren (3), Dialoog (1), Reflecteren (1)"
    )


def test_a_choice_without_options_takes_the_coachs(db, session):
    step = session.template.step("probleem")
    with pytest.raises(InputError, match="2 tot 12"):
        open_round(db, session, step, RoundWay.LAPTOP, ["Alleen dit"])
    round_ = open_round(db, session, step, RoundWay.LAPTOP, ["Wachtlijst", "", " Overdracht "])
    assert round_.asks.options == ("Wachtlijst", "Overdracht")


@pytest.mark.parametrize(
    ("step_key", "raw", "problem"),
    [
        ("cijfers", {"dialoog": 6, "reflecteren": 3}, "van 1 tot en met 5"),
        ("cijfers", {"dialoog": 0, "reflecteren": 3}, "van 1 tot en met 5"),
        ("cijfers", {"dialoog": True, "reflecteren": 3}, "geheel getal"),
        ("cijfers", {"dialoog": 2.5, "reflecteren": 3}, "geheel getal"),
        ("cijfers", {"dialoog": 3}, "Reflecteren"),
        ("cijfers", {"dialoog": 3, "reflecteren": 3, "x": 1}, "hoort niet bij"),
        ("cijfers", [3, 3], "cijfer per onderdeel"),
        ("check-in", "", "Typ eerst"),
        ("check-in", "x" * 141, "hooguit 140"),
        ("check-in", "moe\x00", "onzichtbare"),
        ("check-in", "moe\u202e", "onzichtbare"),
        ("check-in", 5, "korte tekst"),
        ("keuze", [3], "bestaat niet"),
        ("keuze", [-1], "bestaat niet"),
        ("keuze", [0, 0], "hooguit één stip"),
        ("keuze", [0, 1, 2], "hooguit 2 opties"),
        ("keuze", [], "Kies eerst"),
        ("keuze", ["0"], "bestaat niet"),
    ],
)
def test_a_wrong_answer_is_refused_with_a_message_and_nothing_stored(
    db, session, step_key, raw, problem
):
    round_ = open_round(db, session, session.template.step(step_key), RoundWay.PHONE)
    with pytest.raises(InputError) as caught:
        save_answer(db, round_.id, check_answer(round_.asks, raw))
    assert problem in str(caught.value)
    assert answer_count(db, round_.id) == 0


def test_no_answer_after_the_round_closed(db, session):
    round_ = open_round(db, session, session.template.step("check-in"), RoundWay.PHONE)
    mine = save_answer(db, round_.id, "moe")
    close_round(db, round_.id)
    with pytest.raises(InputError, match="gesloten"):
        save_answer(db, round_.id, "blij", answer_id=mine)
    assert round_result(db, step_round(db, session.id, "check-in")).texts == ("moe",)


def test_ending_the_session_closes_its_open_rounds(db, session):
    round_ = open_round(db, session, session.template.step("check-in"), RoundWay.PHONE)
    close_open_rounds(db, session.id)
    assert step_round(db, session.id, "check-in").status is RoundStatus.CLOSED
    with pytest.raises(InputError):
        save_answer(db, round_.id, "laat")


def test_fewer_than_three_answers_ask_the_coach_first(db, session):
    round_ = open_round(db, session, session.template.step("check-in"), RoundWay.LAPTOP)
    save_answer(db, round_.id, "moe")
    save_answer(db, round_.id, "blij")
    assert needs_confirmation(db, round_.id)
    save_answer(db, round_.id, "rustig")
    assert not needs_confirmation(db, round_.id)


def test_opening_a_round_again_starts_afresh(db, session):
    step = session.template.step("check-in")
    first = open_round(db, session, step, RoundWay.LAPTOP)
    save_answer(db, first.id, "moe")
    again = open_round(db, session, step, RoundWay.PHONE)
    assert answer_count(db, again.id) == 0
    assert db.execute("SELECT count(*) FROM round_answers").fetchone()[0] == 0


def test_a_round_in_teamontwikkelruimte_feeds_the_radar_spread(db, catalogue):
    template = catalogue.get("teamontwikkelruimte")
    team = create_team(db, "Team", ["A", "B", "C"])
    session = load_session(
        db,
        start_session(
            db,
            team_id=team.id,
            template=template,
            on=date(2026, 11, 23),
            facilitator="Coach",
            present=[p.id for p in team.people],
        ),
    )
    step = template.step("dialoog")
    if step.round is None:  # the built-in declares it (stage D); here the test brings it
        from dataclasses import replace

        from leersessie.method.templates import RoundSpec

        step = replace(step, round=RoundSpec(RoundKind.SCORES, "Hoe vaak?"))
    round_ = open_round(db, session, step, RoundWay.LAPTOP)
    for value in (1, 3, 5):
        save_answer(db, round_.id, {"dialoog": value})
    reveal_round(db, round_.id, session)
    radar = radar_series(db, team.id)
    assert radar.spreads[session.id]["dialoog"] == (1, 5)
    assert radar.points[0][2]["dialoog"] == 3.0


def test_a_version_8_database_upgrades_to_hold_rounds(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    fixture = Path(__file__).parent / "fixtures" / "schema_v8.db"
    shutil.copyfile(fixture, database_path(data_dir))
    workspace = open_workspace(data_dir)
    try:
        tables = {row[0] for row in workspace.db.execute("SELECT name FROM sqlite_master")}
        assert {"rounds", "round_answers"} <= tables
        assert workspace.db.execute("SELECT count(*) FROM sessions").fetchone()[0] > 0
    finally:
        workspace.close()


def test_the_summary_shows_the_rounds_spread_without_names(db, session, tmp_path):
    from leersessie.reports.summary import write_summary
    from tests.conftest import pdf_text

    round_ = open_round(db, session, session.template.step("cijfers"), RoundWay.PHONE)
    for value in (2, 4, 4):
        save_answer(db, round_.id, {"dialoog": value, "reflecteren": 3})
    reveal_round(db, round_.id, session)
    text = pdf_text(write_summary(db, session.id, tmp_path / "verslag.pdf"))
    assert "3 personen, laagste 2, hoogste 4 (1× 2, 2× 4)" in " ".join(text.split())
