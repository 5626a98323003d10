"""The question coach's rules on a corpus of realistic questions, and the questions of a
session on a real database."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from leersessie.method.questions import (
    QuestionKind,
    add_question,
    classify_question,
    correct_kind,
    open_share,
    question_coach_on,
    remove_question,
    session_questions,
    set_question_coach,
    team_open_shares,
)
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import delete_session
from leersessie.store import settings

CORPUS = Path(__file__).parent / "data" / "questions_corpus.tsv"
TARGET_PER_KIND = 0.90


def corpus() -> list[tuple[QuestionKind, str]]:
    rows = []
    for line in CORPUS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, text = line.split("\t", 1)
            rows.append((QuestionKind(kind), text))
    return rows


def test_the_corpus_is_large_and_covers_every_kind():
    counts = Counter(kind for kind, _ in corpus())
    assert sum(counts.values()) >= 200
    assert set(counts) == set(QuestionKind)
    assert min(counts.values()) >= 20


def test_each_kind_is_recognised_in_at_least_nine_of_ten_questions(capsys):
    right: Counter[QuestionKind] = Counter()
    total: Counter[QuestionKind] = Counter()
    wrong = []
    for kind, text in corpus():
        got = classify_question(text).kind
        total[kind] += 1
        right[kind] += got is kind
        if got is not kind:
            wrong.append(f"  {kind} -> {got}: {text}")
    with capsys.disabled():
        print("\nquestion coach on", sum(total.values()), "questions:")
        for kind in QuestionKind:
            print(f"  {kind:7} {right[kind]:3}/{total[kind]:3} = {right[kind] / total[kind]:.0%}")
        print("misclassified:", *(wrong or ["  none"]), sep="\n")
    shares = {kind: right[kind] / total[kind] for kind in QuestionKind}
    assert all(share >= TARGET_PER_KIND for share in shares.values()), shares


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Heb je al overwogen om de huisarts te bellen?", QuestionKind.ADVICE),
        ("Zou je niet eerst met school praten?", QuestionKind.ADVICE),
        ("Waarom bel je niet gewoon de moeder?", QuestionKind.ADVICE),
        ("Waarom heb je de moeder gebeld?", QuestionKind.WHY),
        ("Heb je de moeder gebeld?", QuestionKind.CLOSED),
        ("Wat gebeurde er toen je de moeder belde?", QuestionKind.OPEN),
    ],
)
def test_the_kinds_the_issue_names(text, kind):
    assert classify_question(text).kind is kind


def test_every_kind_but_open_explains_itself_and_shows_an_open_way_to_ask():
    for text in ("Heb je gebeld?", "Waarom deed je dat?", "Zou je niet eerst bellen?"):
        found = classify_question(text)
        assert found.reason and found.open_example.endswith("?")
        assert classify_question(found.open_example).kind is QuestionKind.OPEN
    opened = classify_question("Hoe ging het gesprek?")
    assert opened.reason and opened.open_example == ""


@pytest.mark.parametrize("text", ["", "   ", "?", "Goed punt.", "Ik zou de school bellen."])
def test_text_that_is_no_question_is_marked_as_none_not_guessed(text):
    assert classify_question(text).kind is QuestionKind.NONE


def test_a_very_long_line_is_classified():
    text = "Wat " + "maakt het lastig en " * 250 + "wat wil je?"
    assert len(text) > 5000
    assert classify_question(text).kind is QuestionKind.OPEN


def test_the_share_of_open_questions_leaves_out_what_was_no_question():
    kinds = [QuestionKind.OPEN, QuestionKind.CLOSED, QuestionKind.NONE, QuestionKind.OPEN]
    assert open_share(kinds) == pytest.approx(2 / 3)
    assert open_share([QuestionKind.NONE]) is None


# --- on a real database -------------------------------------------------------------------


@pytest.fixture
def team(db):
    return create_team(db, "Wijkteam Noord", ["Anna", "Bram", "Chris"])


def _session(db, catalogue, team, on=date(2026, 11, 2)):
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=on,
        facilitator="Coach",
        present=[p.id for p in team.people],
    )


def test_questions_are_kept_in_order_with_who_asked_and_an_empty_line_adds_nothing(
    db, catalogue, team
):
    session = _session(db, catalogue, team)
    anna = team.people[0]
    first = add_question(db, session, "verhelderen", "  Wat maakt het  lastig? ", anna.id)
    assert add_question(db, session, "verhelderen", "   ") is None
    add_question(db, session, "verhelderen", "Heb je gebeld?")

    asked = session_questions(db, session, "verhelderen")
    assert [(q.text, q.asker, q.kind) for q in asked] == [
        ("Wat maakt het lastig?", "Anna", QuestionKind.OPEN),
        ("Heb je gebeld?", "", QuestionKind.CLOSED),
    ]
    assert asked[0].id == first.id


def test_a_coachs_correction_is_kept_and_can_be_given_back_to_the_rules(
    db, catalogue, team, workspace
):
    session = _session(db, catalogue, team)
    asked = add_question(db, session, "verhelderen", "Heb je al eens met school gebeld?")
    assert asked.kind is QuestionKind.ADVICE

    correct_kind(db, asked.id, QuestionKind.CLOSED)
    reopened = session_questions(db, session)[0]
    assert (reopened.kind, reopened.classification.kind) == (
        QuestionKind.CLOSED,
        QuestionKind.ADVICE,
    )
    assert correct_kind(db, asked.id, None).kind is QuestionKind.ADVICE


def test_removing_a_question_and_deleting_its_session_leave_none_behind(db, catalogue, team):
    session = _session(db, catalogue, team)
    kept = add_question(db, session, "verhelderen", "Wat speelt er bij de oudste zoon?")
    gone = add_question(db, session, "verhelderen", "Is de school op de hoogte?")
    remove_question(db, gone.id)
    assert [q.id for q in session_questions(db, session)] == [kept.id]

    delete_session(db, session)
    assert db.execute("SELECT count(*) FROM questions").fetchone()[0] == 0


def test_the_coach_follows_the_setting_unless_the_session_chose(db, catalogue, team):
    session = _session(db, catalogue, team)
    assert question_coach_on(db, session)
    settings.write(db, settings.QUESTION_COACH, False)
    assert not question_coach_on(db, session)
    set_question_coach(db, session, True)
    assert question_coach_on(db, session)


def test_the_team_sees_its_share_of_open_questions_per_session(db, catalogue, team):
    earlier = _session(db, catalogue, team, on=date(2026, 9, 7))
    later = _session(db, catalogue, team, on=date(2026, 11, 2))
    for text in ("Heb je gebeld?", "Zou je niet eerst bellen?", "Wat gebeurde er?", "Oké."):
        add_question(db, earlier, "verhelderen", text)
    for text in ("Wat gebeurde er?", "Hoe reageerde ze?", "Is ze boos?"):
        add_question(db, later, "verhelderen", text)

    shares = team_open_shares(db, team.id)
    assert [(s.date, s.asked, s.open) for s in shares] == [
        (date(2026, 9, 7), 3, 1),
        (date(2026, 11, 2), 3, 2),
    ]


def test_the_summary_lists_the_questions_with_their_kinds_and_share_but_not_who_asked(
    db, catalogue, team, tmp_path, today
):
    from conftest import pdf_text

    from leersessie.reports.summary import write_summary

    session = _session(db, catalogue, team)
    bram = team.people[1]
    add_question(db, session, "verhelderen", "Wat maakt het voor jou lastig?")
    add_question(db, session, "verhelderen", "Heb je al overwogen om te bellen?", bram.id)
    add_question(db, session, "verhelderen", "Hoe reageerde de moeder?")

    text = pdf_text(write_summary(db, session, tmp_path / "verslag.pdf", today))
    assert "Gestelde vragen" in text
    assert "Heb je al overwogen om te bellen?" in text
    assert "advies in vraagvorm" in text
    assert "2 van de 3 vragen waren open (67%)." in text
    section = text[text.index("Gestelde vragen") :]
    assert "Bram" not in section.split("2 van de 3")[0]


def test_without_the_coach_the_summary_lists_the_questions_without_kinds(
    db, catalogue, team, tmp_path, today
):
    from conftest import pdf_text

    from leersessie.reports.summary import write_summary

    session = _session(db, catalogue, team)
    set_question_coach(db, session, False)
    add_question(db, session, "verhelderen", "Heb je al overwogen om te bellen?")

    text = pdf_text(write_summary(db, session, tmp_path / "verslag.pdf", today))
    assert "Heb je al overwogen om te bellen?" in text
    assert "advies in vraagvorm" not in text and "vragen waren open" not in text


def test_actieleren_asks_its_questions_in_the_second_step(catalogue):
    steps = catalogue.get("actieleren").steps
    assert [step.key for step in steps if step.asks_questions] == ["verhelderen"]


def test_questions_and_their_corrections_travel_in_a_team_archive(db, catalogue, team, tmp_path):
    from leersessie.sharing.archive import export_team, read_archive
    from leersessie.sharing.merge import apply_import, plan_import
    from leersessie.workspace import open_workspace

    session = _session(db, catalogue, team)
    anna = team.people[0]
    asked = add_question(db, session, "verhelderen", "Heb je al eens gebeld?", anna.id)
    correct_kind(db, asked.id, QuestionKind.CLOSED)
    archive = export_team(db, team.id, tmp_path / "team.leersessie")

    other = open_workspace(tmp_path / "other-laptop")
    try:
        apply_import(other.db, plan_import(other.db, read_archive(archive)), None)
        arrived = session_questions(other.db, session)
        assert [(q.text, q.asker, q.kind) for q in arrived] == [
            ("Heb je al eens gebeld?", "Anna", QuestionKind.CLOSED)
        ]
    finally:
        other.close()
