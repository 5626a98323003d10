"""The session summary PDF, read back as a user reads it, for every kind of step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import pdf_page_count, pdf_text

from leersessie.base.errors import UserFacingError
from leersessie.cli import main
from leersessie.memory.actions import add_action, review_action
from leersessie.memory.lookback import set_development_question
from leersessie.method.leerreview import MeasureLevel, Quadrant, add_finding, add_measure, add_theme
from leersessie.method.models import ReviewOutcome
from leersessie.method.ratings import set_rating
from leersessie.method.sessions import finish_session, save_note, start_session
from leersessie.method.teams import create_team, set_person_active
from leersessie.reports.summary import write_summary

UNICODE_NOTE = "Coördinatie met de naïeve café-eigenaar kost € 12,50 🙂 per keer."


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class History:
    """A team with three actieleren sessions in a row whose actions are reviewed,
    continued and closed, and two teamontwikkelruimte sessions."""

    team_id: str
    people: dict[str, str]
    sessions: list[str]  # the three actieleren sessions, in order
    ratings_sessions: list[str]


def build_history(db, catalogue) -> History:
    team = create_team(db, "Wijkteam De Linde", ["Anouk", "Bram", "Chaïma", "Daan"])
    people = {p.name: p.id for p in team.people}
    actieleren = catalogue.get("actieleren")

    def session(on: date, casus: str) -> str:
        return start_session(
            db,
            team_id=team.id,
            template=actieleren,
            on=on,
            facilitator="Marieke",
            present=list(people.values()),
            casusinbrenger_id=people[casus],
        )

    first = session(date(2026, 3, 2), "Bram")
    set_development_question(
        db, first, people["Bram"], "Hoe blijf ik in contact zonder te trekken?"
    )
    save_note(db, first, "inbreng", UNICODE_NOTE)
    bel = add_action(
        db,
        first,
        "actie",
        "Moeder bellen over een passende plek",
        people["Bram"],
        date(2026, 3, 16),
    )
    school = add_action(
        db,
        first,
        "actie",
        "Afstemmen met de intern begeleider",
        people["Chaïma"],
        date(2026, 3, 16),
    )
    finish_session(db, first)

    second = session(date(2026, 3, 30), "Anouk")
    review_action(
        db,
        bel.id,
        second,
        ReviewOutcome.CONTINUED,
        "Moeder wil eerst de school spreken",
        date(2026, 4, 27),
    )
    review_action(db, school.id, second, ReviewOutcome.DONE, "De school denkt graag mee")
    rooster = add_action(
        db, second, "actie", "Rooster voor huisbezoeken maken", people["Daan"], date(2026, 4, 13)
    )
    save_note(db, second, "terugblik", "Goed gesprek over doorschuivende acties.")
    finish_session(db, second)

    third = session(date(2026, 4, 27), "Chaïma")
    review_action(db, bel.id, third, ReviewOutcome.DONE, "Een vaste dag werkt")
    review_action(db, rooster.id, third, ReviewOutcome.DROPPED, "Planning doet het al")
    finish_session(db, third)

    ratings = []
    for on, values in ((date(2026, 2, 2), (2, 3, 1, 5)), (date(2026, 5, 4), (4, 4, 3, None))):
        rated = start_session(
            db,
            team_id=team.id,
            template=catalogue.get("teamontwikkelruimte"),
            on=on,
            facilitator="Marieke",
            present=list(people.values()),
        )
        for key, value in zip(
            ("dialoog", "reflecteren", "toekomst", "organiseren"), values, strict=True
        ):
            if value is not None:
                set_rating(db, rated, key, key, value)
        finish_session(db, rated)
        ratings.append(rated)
    set_person_active(db, people["Daan"], False)
    return History(team.id, people, [first, second, third], ratings)


@pytest.fixture
def history(db, catalogue) -> History:
    return build_history(db, catalogue)


def test_summary_shows_header_notes_and_actions(db, history, tmp_path, today):
    target = write_summary(db, history.sessions[0], tmp_path / "verslag.pdf", today=today)

    text = flat(pdf_text(target))
    assert text.startswith("Sessieverslag Actieleren")
    assert "Team Wijkteam De Linde" in text
    assert "Datum 2 maart 2026" in text
    assert "Leercoach Marieke" in text
    assert "Casusinbrenger Bram" in text
    assert "Ontwikkelvraag Hoe blijf ik in contact zonder te trekken?" in text
    assert "1. Voorwaarden, casus en eigen ontwikkelingsvraag " + UNICODE_NOTE in text
    assert "2. Open vragen stellen Geen notities." in text
    assert "5. De actie" in text
    # Actions table: the first action was continued and then done; the second is done.
    assert "Actie Eigenaar Streefdatum Status" in text
    assert "Moeder bellen over een passende plek Bram 27-04-2026 gedaan" in text
    assert "Afstemmen met de intern begeleider Chaïma 16-03-2026 gedaan" in text
    pages = pdf_page_count(target)
    assert f"pagina 1 van {pages}" in text


def test_lookback_shows_outcomes_learning_and_whole_trail(db, history, tmp_path, today):
    second = write_summary(db, history.sessions[1], tmp_path / "tweede.pdf", today=today)
    third = write_summary(db, history.sessions[2], tmp_path / "derde.pdf", today=today)

    text = flat(pdf_text(second))
    assert "1. Terugblik op acties" in text
    assert (
        "Moeder bellen over een passende plek Bram · uitkomst: loopt door tot 27-04-2026 "
        "Geleerd: Moeder wil eerst de school spreken"
    ) in text
    assert (
        "Afstemmen met de intern begeleider Chaïma · uitkomst: gedaan "
        "Geleerd: De school denkt graag mee"
    ) in text
    assert "Goed gesprek over doorschuivende acties." in text
    # The whole plan-do-check-act trail, also what happened after this session.
    assert (
        "Datum Verloop Wat is geleerd 02-03-2026 afgesproken "
        "30-03-2026 (deze sessie) loopt door tot 27-04-2026 Moeder wil eerst de school "
        "spreken 27-04-2026 gedaan Een vaste dag werkt"
    ) in text
    # The action agreed in this session is not looked back on here.
    # The actions table shows where each action stands now: dropped in the third session.
    assert "Rooster voor huisbezoeken maken Daan 13-04-2026 vervallen" in text
    assert "Rooster voor huisbezoeken maken Daan · uitkomst" not in text

    text = flat(pdf_text(third))
    assert "Moeder bellen over een passende plek Bram · uitkomst: gedaan" in text
    assert "Rooster voor huisbezoeken maken Daan · uitkomst: vervallen" in text
    assert (
        "02-03-2026 afgesproken 30-03-2026 loopt door tot 27-04-2026 Moeder wil eerst "
        "de school spreken 27-04-2026 (deze sessie) gedaan Een vaste dag werkt"
    ) in text
    # Closed before this session, so not part of its look back.
    assert "Afstemmen met de intern begeleider" not in text
    assert "Er zijn geen acties afgesproken." in text


def test_ratings_step_shows_score_and_behaviours(db, history, tmp_path, today):
    target = write_summary(db, history.ratings_sessions[1], tmp_path / "tor.pdf", today=today)

    text = flat(pdf_text(target))
    assert (
        "Dialoog voeren: 4 van 5 Actief luisteren en doorvragen · Betekenis geven · "
        "Feedback vragen" in text
    )
    assert "Reflecteren: 4 van 5" in text
    assert "Toekomst creëren: 3 van 5 Resultaatgericht werken · Kernvragen stellen" in text
    assert "Organiseren: nog geen score Coördineren · Afspraken maken · Plannen" in text


def test_findings_and_measures_are_numbered_and_linked(db, catalogue, tmp_path, today):
    team = create_team(db, "Casegroep Zuid", ["Eva", "Fatima"])
    present = [p.id for p in team.people]
    casegroep = catalogue.get("leerreview-casegroep")
    review = catalogue.get("leerreview-reviewteam")
    findings_step = next(s for s in casegroep.steps if s.kind.value == "findings")
    case = start_session(
        db,
        team_id=team.id,
        template=casegroep,
        on=date(2026, 6, 1),
        facilitator="Marieke",
        present=present,
    )
    late = add_finding(db, case, findings_step.key, "Signalen kwamen te laat bij de wijk")
    add_finding(db, case, findings_step.key, "Niemand had het overzicht over de zorg")
    finish_session(db, case)
    managers = start_session(
        db,
        team_id=team.id,
        template=review,
        on=date(2026, 6, 15),
        facilitator="Marieke",
        present=present,
        linked_session_id=case,
    )
    add_measure(
        db,
        managers,
        late.id,
        "Vaste overdracht school-wijkteam",
        "Eva",
        MeasureLevel.ORGANISATIE,
        date(2026, 9, 1),
        Quadrant.COLLECTIEF_BUITEN,
    )
    add_theme(db, managers, "thema", "Signalen blijven tussen organisaties hangen", [late.id])

    case_text = flat(pdf_text(write_summary(db, case, tmp_path / "case.pdf", today=today)))
    review_text = flat(pdf_text(write_summary(db, managers, tmp_path / "rev.pdf", today=today)))

    assert (
        "Bevindingen 1. Signalen kwamen te laat bij de wijk 2. Niemand had het overzicht "
        "over de zorg"
    ) in case_text
    assert (
        "Bevinding 1: Signalen kwamen te laat bij de wijk Maatregel Eigenaar Niveau Kwadrant "
        "Streefdatum Vaste overdracht school-wijkteam Eva Organisatie Collectief, buitenkant "
        "01-09-2026"
    ) in review_text
    assert (
        "Bevinding 2: Niemand had het overzicht over de zorg Nog geen maatregelen." in review_text
    )
    # The themes over the casegroepen: how far each reaches and where its findings are from.
    assert (
        "Thema 1: Signalen blijven tussen organisaties hangen (1 bevinding uit 1 casus) "
        "Signalen kwamen te laat bij de wijk (casegroep Casegroep Zuid, 01-06-2026)"
    ) in review_text


@pytest.mark.slow
def test_a_megabyte_note_is_printed_whole(db, history, tmp_path, today):
    words = " ".join(f"woord{n}" for n in range(125_000))
    note = "BEGINMARKER " + words + " EINDMARKER"
    assert len(note) > 1_000_000
    save_note(db, history.sessions[2], "verhelderen", note)

    target = write_summary(db, history.sessions[2], tmp_path / "groot.pdf", today=today)

    text = flat(pdf_text(target))
    assert "3. Open vragen stellen BEGINMARKER woord0 woord1" in text
    assert "woord124998 woord124999 EINDMARKER" in text
    assert "woord62500 " in text
    pages = pdf_page_count(target)
    assert pages > 20
    assert f"pagina {pages} van {pages}" in text


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file"])
def test_a_summary_that_cannot_be_written_leaves_nothing(where, db, history, tmp_path: Path):
    folder = tmp_path / "elders"
    if where == "parent-is-a-file":
        folder.write_text("geen map")

    with pytest.raises(UserFacingError) as caught:
        write_summary(db, history.sessions[0], folder / "verslag.pdf")

    assert str(folder / "verslag.pdf") in caught.value.message
    assert list(tmp_path.rglob("*.pdf")) == []


def test_cli_summary(db, history, data_dir, tmp_path, capsys):
    target = tmp_path / "verslag.pdf"

    code = main(["summary", history.sessions[1], "-o", str(target), "--data-dir", str(data_dir)])

    assert code == 0
    assert "Terugblik op acties" in flat(pdf_text(target))
