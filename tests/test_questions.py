"""The question coach's rules on realistic questions: tuned on three files, measured on a
fourth written by someone who never saw the rules; and the questions of a session on a real
database."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from leersessie.method.questions import (
    GOOD_KINDS,
    QuestionKind,
    add_question,
    classify_question,
    correct_kind,
    good_share,
    question_coach_on,
    remove_question,
    session_questions,
    set_question_coach,
    team_good_shares,
)
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import delete_session
from leersessie.store import settings

DATA = Path(__file__).parent / "data"
# The rules are tuned on these three files (the third written blind, from the kind
# definitions only, by someone who never saw the rules; BENCHMARKS.md, "blind set 2") ...
TUNING = (
    DATA / "questions_corpus.tsv",
    DATA / "questions_tuning.tsv",
    DATA / "questions_tuning2.tsv",
)
# ... and measured on this one, never tuned on (issue 23; BENCHMARKS.md has its figures).
HELD_OUT = DATA / "questions_heldout.tsv"
TARGET_PER_KIND = 0.90
ADVICE_RECALL = 0.90
OPEN_TAKEN_FOR_ADVICE = 0.05

Labelled = list[tuple[QuestionKind, str]]


def labelled(*paths: Path) -> Labelled:
    rows = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                kind, text = line.split("\t", 1)
                rows.append((QuestionKind(kind), text))
    return rows


def confusion(rows: Labelled) -> Counter[tuple[QuestionKind, QuestionKind]]:
    """(the writer's kind, the coach's kind) -> how often."""
    return Counter((kind, classify_question(text).kind) for kind, text in rows)


def share_right(table: Counter[tuple[QuestionKind, QuestionKind]], kind: QuestionKind) -> float:
    total = sum(n for (written, _), n in table.items() if written is kind)
    return table[kind, kind] / total


def report(title: str, table: Counter[tuple[QuestionKind, QuestionKind]]) -> str:
    """Accuracy per kind and the confusion table (rows: the writer's kind)."""
    kinds = list(QuestionKind)
    lines = [f"\n{title}: {sum(table.values())} questions"]
    for kind in kinds:
        total = sum(n for (written, _), n in table.items() if written is kind)
        lines.append(
            f"  {kind:15} {table[kind, kind]:3}/{total:3} = {table[kind, kind] / total:.0%}"
        )
    opened = sum(n for (written, _), n in table.items() if written is QuestionKind.OPEN)
    lines.append(
        f"  advice recall {share_right(table, QuestionKind.ADVICE):.0%}; open taken for advice "
        f"{table[QuestionKind.OPEN, QuestionKind.ADVICE]}/{opened}"
    )
    lines.append("  written \\ coach  " + " ".join(f"{k.value[:7]:>7}" for k in kinds))
    for written in kinds:
        cells = " ".join(f"{table[written, got]:7}" for got in kinds)
        lines.append(f"  {written.value:15}  {cells}")
    return "\n".join(lines)


def test_the_questions_are_many_and_cover_every_kind_in_both_parts():
    tuning, held_out = labelled(*TUNING), labelled(HELD_OUT)
    both = Counter(kind for kind, _ in tuning + held_out)
    assert len(tuning) + len(held_out) >= 400
    assert both[QuestionKind.ADVICE] >= 60
    assert both[QuestionKind.REFLECTIVE] >= 40
    assert both[QuestionKind.JUSTIFY] >= 30
    assert both[QuestionKind.NONE] >= 40
    for part in (tuning, held_out):
        assert {kind for kind, _ in part} == set(QuestionKind)
    # Advice in both forms: behind a question word and verb first.
    advice = [text.split()[0].casefold() for kind, text in tuning + held_out if kind == "advice"]
    behind_question_word = sum(first in {"wat", "hoe", "welke", "waarom"} for first in advice)
    assert behind_question_word >= 20 and len(advice) - behind_question_word >= 20
    # The tuning questions written for issue 23 share no line with the held-out ones (the
    # older corpus shares four everyday questions with them, written independently; blind
    # set 2 two, an open and a reflective one, both called right before any tuning on it).
    # Counted, never printed: the held-out lines stay unseen.
    held_out_lines = {text for _, text in held_out}
    for path, shared in ((TUNING[1], 0), (TUNING[2], 2)):
        lines = {text for _, text in labelled(path)}
        assert len(lines & held_out_lines) <= shared, f"see {path.name}"


def test_on_the_tuning_questions_each_kind_is_recognised_nine_times_in_ten(capsys):
    table = confusion(labelled(*TUNING))
    with capsys.disabled():
        print(report("question coach, tuning questions", table))
    assert all(share_right(table, kind) >= TARGET_PER_KIND for kind in QuestionKind)


def test_on_the_held_out_questions_no_good_question_is_called_advice_and_no_kind_slips(capsys):
    """What the rules hold on questions they were not written for (issue 23). The full
    target is the test below; these are today's figures (after blind set 2, BENCHMARKS.md),
    so no change makes them worse."""
    table = confusion(labelled(HELD_OUT))
    with capsys.disabled():
        print(report("question coach, held-out questions", table))
    opened = sum(n for (written, _), n in table.items() if written is QuestionKind.OPEN)
    assert table[QuestionKind.OPEN, QuestionKind.ADVICE] / opened <= OPEN_TAKEN_FOR_ADVICE
    right_today = {
        QuestionKind.OPEN: 50,  # of 50
        QuestionKind.REFLECTIVE: 30,  # of 30
        QuestionKind.CLOSED: 33,  # of 35
        QuestionKind.ADVICE: 49,  # of 60
        QuestionKind.JUSTIFY: 28,  # of 30
        QuestionKind.NONE: 35,  # of 35
    }
    for kind, right in right_today.items():
        assert table[kind, kind] >= right, kind


@pytest.mark.xfail(
    strict=True,
    reason="not met without tuning on the held-out lines: advice 82% (49/60; BENCHMARKS.md, "
    "'Question coach', blind set 2); when it passes, remove this mark",
)
def test_on_the_held_out_questions_every_kind_meets_the_issues_target():
    table = confusion(labelled(HELD_OUT))
    opened = sum(n for (written, _), n in table.items() if written is QuestionKind.OPEN)
    assert table[QuestionKind.OPEN, QuestionKind.ADVICE] / opened <= OPEN_TAKEN_FOR_ADVICE
    assert share_right(table, QuestionKind.ADVICE) >= ADVICE_RECALL
    assert all(share_right(table, kind) >= TARGET_PER_KIND for kind in QuestionKind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # issue 17
        ("Heb je al overwogen om de huisarts te bellen?", QuestionKind.ADVICE),
        ("Zou je niet eerst met school praten?", QuestionKind.ADVICE),
        ("Waarom bel je niet gewoon de moeder?", QuestionKind.ADVICE),
        ("Heb je de moeder gebeld?", QuestionKind.CLOSED),
        ("Wat gebeurde er toen je de moeder belde?", QuestionKind.OPEN),
        # issue 23: two kinds of waarom
        ("Waarom is dat zo belangrijk voor je?", QuestionKind.REFLECTIVE),
        ("Waartoe doe je dat?", QuestionKind.REFLECTIVE),
        ("Waarom heb je haar niet teruggebeld?", QuestionKind.JUSTIFY),
        ("Waarom heb je de moeder gebeld?", QuestionKind.JUSTIFY),
        # advice in an open form, and the classic forms phrased a little differently
        ("Hoe zou het uitpakken als je haar morgen gewoon belt?", QuestionKind.ADVICE),
        ("Wat weerhoudt je ervan om het team erbij te halen?", QuestionKind.ADVICE),
        ("Wat vind je van het idee om een vast overleg te plannen?", QuestionKind.ADVICE),
        ("Stel je voor dat je het eerlijk zegt, wat gebeurt er dan?", QuestionKind.ADVICE),
        ("Heb je er al over nagedacht om de school te bellen?", QuestionKind.ADVICE),
        ("Zou een gesprek met HR helpen?", QuestionKind.ADVICE),
        ("Is het een optie om de zorg over te dragen?", QuestionKind.ADVICE),
        ("Kun je niet eens met de vader afspreken?", QuestionKind.ADVICE),
        ("Je zou eerst met je teamleider moeten praten, toch?", QuestionKind.ADVICE),
        ("Hoe ging het, en heb je al overwogen om een collega mee te nemen?", QuestionKind.ADVICE),
        # closed questions behind a question word
        ("Hoeveel cliënten heb je nu?", QuestionKind.CLOSED),
        ("Hoe lang speelt dit al?", QuestionKind.CLOSED),
        ("Welke dag was dat?", QuestionKind.CLOSED),
        ("Wie was erbij, je teamleider?", QuestionKind.CLOSED),
        ("Klopt het dat de vader weg is?", QuestionKind.CLOSED),
        ("Heb je dat al met haar besproken", QuestionKind.CLOSED),
        # not questions
        ("Wat een gedoe.", QuestionKind.NONE),
        ("Wat mooi dat je dat durfde!", QuestionKind.NONE),
        ("Hoe pijnlijk.", QuestionKind.NONE),
        ("Wie zou daar niet moe van worden?", QuestionKind.NONE),
        # open, though they hold "als je" or "om te"
        ("Als je morgen weer bij het gezin komt, wat wil je dan anders doen?", QuestionKind.OPEN),
        ("Wat heb je nodig om dit gesprek aan te gaan?", QuestionKind.OPEN),
        ("Wat zou er gebeuren als je niets doet?", QuestionKind.OPEN),
    ],
)
def test_the_kinds_the_issues_name(text, kind):
    assert classify_question(text).kind is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # blind set 2: a deed put forward by "toch", "gewoon", "eerst", "misschien", "eens"
        ("Dan bel je toch gewoon de huisarts?", QuestionKind.ADVICE),
        ("Je gaat toch eerst met de school praten?", QuestionKind.ADVICE),
        ("Ga je haar misschien eens bellen?", QuestionKind.ADVICE),
        ("Neem je niet eerst contact op met school?", QuestionKind.ADVICE),
        ("Misschien even de huisarts bellen?", QuestionKind.ADVICE),
        ("Wat maakt het moeilijk om de vader gewoon te bellen?", QuestionKind.ADVICE),
        ("Wat gebeurt er als je gewoon een week niet reageert?", QuestionKind.ADVICE),
        # ... a thing put forward and weighed, also in the second half of a double question
        ("Wat zou een gesprek met de vader opleveren?", QuestionKind.ADVICE),
        ("Hoe zouden jullie het vinden om elke week te overleggen?", QuestionKind.ADVICE),
        ("Is een gesprek met de mentor niet de beste stap?", QuestionKind.ADVICE),
        ("Helpt het om de moeder te bellen?", QuestionKind.ADVICE),
        ("Hoe lang speelt dit al en is het geen idee om te bellen?", QuestionKind.ADVICE),
        ("Wat denk je, zou een gesprek met de vader helpen?", QuestionKind.ADVICE),
        # ... while the one asked is asked for their own ideas, or only checks a fact
        ("Wat zou je kunnen doen om de moeder weer te bereiken?", QuestionKind.OPEN),
        ("Wat is er nodig om het eens te worden met de vader?", QuestionKind.OPEN),
        ("Waarom lopen de gesprekken goed als jullie samen koken?", QuestionKind.REFLECTIVE),
        ("Je hebt toch al met de school gebeld?", QuestionKind.CLOSED),
        ("Is er een plan van aanpak?", QuestionKind.CLOSED),
        # a justifying waarom about a habit, a double infinitive, work left undone
        ("Waarom laat je de moeder steeds de agenda bepalen?", QuestionKind.JUSTIFY),
        ("Waarom heb je haar laten gaan?", QuestionKind.JUSTIFY),
        ("Hoe komt het dat het dossier steeds niet wordt bijgewerkt?", QuestionKind.JUSTIFY),
        ("Wat was de reden dat je de afspraak hebt verzet?", QuestionKind.JUSTIFY),
        ("Waarom kiezen we als team steeds dezelfde aanpak?", QuestionKind.REFLECTIVE),
        ("Waarom heb je zo'n behoefte aan duidelijkheid?", QuestionKind.REFLECTIVE),
        ("Hoe komt het dat dit gezin zo veerkrachtig is?", QuestionKind.OPEN),
        # one fact, and a yes/no question without a question mark
        ("Wie heeft de melding gedaan?", QuestionKind.CLOSED),
        ("Wie is de mentor van de jongen?", QuestionKind.CLOSED),
        ("Wie zijn er allemaal betrokken?", QuestionKind.OPEN),
        ("Woont oma in de buurt", QuestionKind.CLOSED),
        ("Is er al een datum afgesproken", QuestionKind.CLOSED),
        # not questions
        ("Wie kent dat niet?", QuestionKind.NONE),
        ("Wat ben jij daar goed mee bezig, zeg.", QuestionKind.NONE),
        ("Hoe is het mogelijk.", QuestionKind.NONE),
        ("Als ik het goed hoor, zit je klem tussen de ouders.", QuestionKind.NONE),
        ("Denk er eens over na.", QuestionKind.NONE),
    ],
)
def test_the_structures_blind_set_2_showed(text, kind):
    assert classify_question(text).kind is kind


@pytest.mark.parametrize("text", ["Wie?", "En wie?", "Wat denk je, ?", "Zo niet,", "en en en?"])
def test_a_bare_question_word_is_classified_without_an_error(text):
    assert classify_question(text).reason


def test_every_verdict_says_why_quoting_the_words_it_rests_on():
    found = classify_question("Hoe zou het uitpakken als je haar morgen gewoon belt?")
    assert "als je haar morgen gewoon belt" in found.reason
    assert "oplossing" in found.reason
    double = classify_question("Wat wil je bereiken? En zou het helpen om eerst te bellen?")
    assert double.kind is QuestionKind.ADVICE and "dubbele vraag" in double.reason
    assert "‘Waarom heb je Veilig" in classify_question("Waarom heb je Veilig Thuis gebeld?").reason
    said = classify_question("Hoe is het Mogelijk.")
    assert said.kind is QuestionKind.NONE and "‘Hoe is het" in said.reason and "punt" in said.reason


def test_a_reflective_waarom_is_a_good_question_with_the_source_as_reason():
    found = classify_question("Waarom werkt die aanpak bij dit gezin wel?")
    assert found.kind in GOOD_KINDS and found.open_example == ""
    assert "wat werkt en waarom" in found.reason
    assert "Ruimte voor ontwikkeling in wijkteams" in found.reason


@pytest.mark.parametrize(
    ("asked", "reworded"),
    [
        ("Waarom heb je haar niet teruggebeld?", "Wat maakte dat je haar niet teruggebeld hebt?"),
        ("Waarom reageerde je zo fel?", "Wat maakte dat je zo fel reageerde?"),
        (
            "Waarom ben je niet naar het MDO gegaan?",
            "Wat maakte dat je niet naar het MDO gegaan bent?",
        ),
        ("Waarom wacht je nog?", "Wat maakt dat je nog wacht?"),
        (
            "Waarom was de moeder niet uitgenodigd?",
            "Wat maakte dat de moeder niet uitgenodigd was?",
        ),
    ],
)
def test_a_justifying_waarom_gets_a_gentle_reason_and_an_open_rewording(asked, reworded):
    found = classify_question(asked)
    assert found.kind is QuestionKind.JUSTIFY
    assert "verdedigen" in found.reason
    assert found.open_example == reworded
    assert classify_question(reworded).kind is QuestionKind.OPEN


def test_every_kind_but_the_good_ones_shows_an_open_way_to_ask():
    for text in ("Heb je gebeld?", "Waarom deed je dat?", "Zou je niet eerst bellen?"):
        found = classify_question(text)
        assert found.reason and found.open_example.endswith("?")
        assert classify_question(found.open_example).kind is QuestionKind.OPEN
    for text in ("Hoe ging het gesprek?", "Waartoe dient het plan?"):
        good = classify_question(text)
        assert good.kind in GOOD_KINDS and good.reason and good.open_example == ""


def test_the_coachs_texts_speak_of_no_inbrenger_so_they_fit_the_casegroep_too():
    texts = [
        text
        for _, question in labelled(*TUNING)
        for found in [classify_question(question)]
        for text in (found.reason, found.open_example)
    ]
    assert texts and not [text for text in texts if "inbreng" in text.casefold()]


@pytest.mark.parametrize("text", ["", "   ", "?", "Goed punt.", "Ik zou de school bellen."])
def test_text_that_is_no_question_is_marked_as_none_not_guessed(text):
    assert classify_question(text).kind is QuestionKind.NONE


def test_a_very_long_line_is_classified():
    text = "Wat " + "maakt het lastig en " * 250 + "wat wil je?"
    assert len(text) > 5000
    assert classify_question(text).kind is QuestionKind.OPEN


def test_the_share_of_good_questions_counts_open_and_reflective_and_leaves_out_no_question():
    kinds = [QuestionKind.OPEN, QuestionKind.CLOSED, QuestionKind.NONE, QuestionKind.REFLECTIVE]
    assert good_share(kinds) == pytest.approx(2 / 3)
    assert good_share([QuestionKind.JUSTIFY, QuestionKind.ADVICE]) == 0
    assert good_share([QuestionKind.NONE]) is None


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


def test_the_team_sees_its_share_of_good_questions_per_session(db, catalogue, team):
    earlier = _session(db, catalogue, team, on=date(2026, 9, 7))
    later = _session(db, catalogue, team, on=date(2026, 11, 2))
    for text in ("Heb je gebeld?", "Zou je niet eerst bellen?", "Wat gebeurde er?", "Oké."):
        add_question(db, earlier, "verhelderen", text)
    for text in ("Wat gebeurde er?", "Waarom is dat zo belangrijk?", "Is ze boos?"):
        add_question(db, later, "verhelderen", text)

    shares = team_good_shares(db, team.id)
    assert [(s.date, s.asked, s.good) for s in shares] == [
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
    add_question(db, session, "verhelderen", "Waartoe dient het plan?")

    text = pdf_text(write_summary(db, session, tmp_path / "verslag.pdf", today))
    assert "Gestelde vragen" in text
    assert "Heb je al overwogen om te bellen?" in text
    assert "advies in vraagvorm" in text and "reflectieve waarom-vraag" in " ".join(text.split())
    assert "2 van de 3 vragen waren open of reflectief (67%)." in text
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


# --- m012: the one waarom kind becomes two ---------------------------------------------------


def test_m012_keeps_every_correction_and_reads_the_old_waarom_as_justifying(tmp_path):
    """From a database of schema 8 (before m012): a coach's "why" becomes why_justify, other
    corrections and the rules' verdicts stay, and the table keeps its change tracking."""
    import shutil
    import sqlite3

    from fixtures.make_fixtures import SESSION, fixture_path

    from leersessie.store.paths import database_path
    from leersessie.workspace import open_workspace

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = database_path(data_dir)
    shutil.copyfile(fixture_path(8), path)
    conn = sqlite3.connect(path)
    for number, (text, corrected) in enumerate(
        [
            ("Waarom is dat zo belangrijk voor je?", "why"),
            ("Heb je al eens gebeld?", "closed"),
            ("Waarom heb je haar niet gebeld?", None),
        ]
    ):
        conn.execute(
            "INSERT INTO questions (id, session_id, step_key, text, corrected_kind, position,"
            " created_at, changed_at) VALUES (?, ?, 'verhelderen', ?, ?, ?, ?, ?)",
            [
                f"q-{number}",
                SESSION,
                text,
                corrected,
                10 + number,
                "2025-01-06T09:00:00+00:00",
                "2025-01-06T09:00:00.000Z",
            ],
        )
    conn.commit()
    tombstones = conn.execute("SELECT count(*) FROM tombstones").fetchone()[0]
    conn.close()

    ws = open_workspace(data_dir)
    try:
        db = ws.db
        asked = {q.id: q for q in session_questions(db, SESSION)}
        assert asked["q-0"].kind is QuestionKind.JUSTIFY  # the coach's waarom-to-avoid
        assert asked["q-0"].classification.kind is QuestionKind.REFLECTIVE  # the rules' word
        assert asked["q-1"].kind is QuestionKind.CLOSED
        assert asked["q-2"].corrected_kind is None and asked["q-2"].kind is QuestionKind.JUSTIFY
        assert db.execute("SELECT count(*) FROM tombstones").fetchone()[0] == tombstones
        assert {
            r[0] for r in db.execute("SELECT changed_at FROM questions WHERE id LIKE 'q-%'")
        } == {"2025-01-06T09:00:00.000Z"}
        # The coach can give the new kinds; a change still moves the change time, a
        # deletion still leaves a tombstone.
        assert correct_kind(db, "q-0", QuestionKind.REFLECTIVE).kind is QuestionKind.REFLECTIVE
        changed = db.execute("SELECT changed_at FROM questions WHERE id = 'q-0'").fetchone()[0]
        assert changed != "2025-01-06T09:00:00.000Z"
        remove_question(db, "q-1")
        assert db.execute("SELECT count(*) FROM tombstones").fetchone()[0] == tombstones + 1
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()


def test_an_archive_from_before_m012_brings_its_waarom_corrections_as_justifying(
    db, catalogue, team, tmp_path
):
    from leersessie.sharing.archive import export_team, read_archive
    from leersessie.sharing.merge import apply_import, plan_import
    from leersessie.workspace import open_workspace

    session = _session(db, catalogue, team)
    asked = add_question(db, session, "verhelderen", "Waarom is dat zo belangrijk?")
    correct_kind(db, asked.id, QuestionKind.JUSTIFY)
    archive = read_archive(export_team(db, team.id, tmp_path / "team.leersessie"))
    # As an older version wrote it: one waarom kind.
    [row] = archive.tables["questions"]
    row["corrected_kind"] = "why"

    other = open_workspace(tmp_path / "other-laptop")
    try:
        apply_import(other.db, plan_import(other.db, archive), None)
        [arrived] = session_questions(other.db, session)
        assert arrived.corrected_kind is QuestionKind.JUSTIFY
    finally:
        other.close()
