"""Leerreview: casegroep findings and reviewteam measures, linked both ways, on a real
database."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.base.errors import InputError
from leersessie.method.leerreview import (
    MeasureLevel,
    Quadrant,
    add_finding,
    add_measure,
    add_theme,
    findings_to_cluster,
    get_measure,
    get_theme,
    linkable_sessions,
    linked_findings,
    measures_for_finding,
    quadrant_explanation,
    quadrant_text,
    remove_finding,
    remove_measure,
    remove_theme,
    session_findings,
    session_measures,
    session_themes,
    theme_counts,
    theme_findings,
    update_finding,
    update_measure,
    update_theme,
)
from leersessie.method.sessions import finish_session, load_session, start_session
from leersessie.method.teams import create_team

CASEGROEP = "leerreview-casegroep"
REVIEWTEAM = "leerreview-reviewteam"


def _start(db, catalogue, team, template_id, on, linked=None):
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get(template_id),
        on=on,
        facilitator="Coach",
        present=[p.id for p in team.people],
        linked_session_id=linked,
    )


@pytest.fixture
def casegroep_team(db):
    return create_team(db, "Casegroep Jeugd", ["Anna", "Bram", "Chris"])


@pytest.fixture
def reviewteam_team(db):
    return create_team(db, "Reviewteam managers", ["Dewi", "Eef"])


@pytest.fixture
def casegroep(db, catalogue, casegroep_team):
    session_id = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 10, 1))
    finish_session(db, session_id)
    return session_id


@pytest.fixture
def reviewteam(db, catalogue, reviewteam_team, casegroep):
    return _start(db, catalogue, reviewteam_team, REVIEWTEAM, date(2026, 10, 15), casegroep)


def test_findings_keep_their_order_and_clean_text(db, casegroep):
    first = add_finding(db, casegroep, "bevindingen", "  Overdracht tussen organisaties miste  ")
    second = add_finding(db, casegroep, "bevindingen", "Niemand had het overzicht")
    third = add_finding(db, casegroep, "bevindingen", "Zorgen van school bereikten het team niet")

    assert first.text == "Overdracht tussen organisaties miste"
    assert [f.text for f in session_findings(db, casegroep)] == [
        "Overdracht tussen organisaties miste",
        "Niemand had het overzicht",
        "Zorgen van school bereikten het team niet",
    ]
    remove_finding(db, second.id)
    fourth = add_finding(db, casegroep, "bevindingen", "Ouders voelden zich niet gehoord")
    assert [f.id for f in session_findings(db, casegroep)] == [first.id, third.id, fourth.id]


def test_update_finding_and_empty_text_is_refused(db, casegroep):
    finding = add_finding(db, casegroep, "bevindingen", "Eerste versie")
    assert update_finding(db, finding.id, "Tweede versie").text == "Tweede versie"

    with pytest.raises(InputError, match="Schrijf de bevinding op"):
        add_finding(db, casegroep, "bevindingen", "   ")
    with pytest.raises(InputError, match="Schrijf de bevinding op"):
        update_finding(db, finding.id, "")
    assert [f.text for f in session_findings(db, casegroep)] == ["Tweede versie"]


def test_measures_link_a_finding_to_its_measures_and_back(db, casegroep, reviewteam):
    overdracht = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    overzicht = add_finding(db, casegroep, "bevindingen", "Niemand had het overzicht")

    # Added out of the findings' order on purpose: the list follows the findings.
    regie = add_measure(
        db,
        reviewteam,
        overzicht.id,
        "Eén regiehouder per gezin",
        "Manager",
        MeasureLevel.ORGANISATIE,
        date(2027, 1, 1),
    )
    warm = add_measure(
        db, reviewteam, overdracht.id, "Warme overdracht", "Teamleider Noord", "organisatie", None
    )
    convenant = add_measure(
        db,
        reviewteam,
        overdracht.id,
        "Convenant gegevensdeling",
        "Wethouder",
        MeasureLevel.SYSTEEM,
        date(2027, 6, 1),
    )

    assert [m.id for m in session_measures(db, reviewteam)] == [warm.id, convenant.id, regie.id]
    assert [m.what for m in measures_for_finding(db, overdracht.id)] == [
        "Warme overdracht",
        "Convenant gegevensdeling",
    ]
    assert convenant.finding_id == overdracht.id and regie.finding_id == overzicht.id
    assert warm.level is MeasureLevel.ORGANISATIE and warm.due_date is None
    assert regie.due_date == date(2027, 1, 1)
    assert load_session(db, reviewteam).linked_session_id == casegroep
    assert linked_findings(db, reviewteam) == [overdracht, overzicht]
    assert linked_findings(db, casegroep) == []


def test_measures_for_a_finding_span_reviewteam_sessions(
    db, catalogue, casegroep, reviewteam, reviewteam_team
):
    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    later = _start(db, catalogue, reviewteam_team, REVIEWTEAM, date(2026, 12, 1), casegroep)
    add_measure(
        db, later, finding.id, "Evaluatie warme overdracht", "Kwaliteit", "organisatie", None
    )
    add_measure(db, reviewteam, finding.id, "Warme overdracht", "Teamleider", "organisatie", None)

    assert [(m.session_id, m.what) for m in measures_for_finding(db, finding.id)] == [
        (reviewteam, "Warme overdracht"),
        (later, "Evaluatie warme overdracht"),
    ]
    assert [m.what for m in session_measures(db, later)] == ["Evaluatie warme overdracht"]


def test_update_and_remove_measure(db, casegroep, reviewteam):
    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    measure = add_measure(
        db, reviewteam, finding.id, "Warme overdracht", "Teamleider", "organisatie", None
    )
    changed = update_measure(
        db,
        measure.id,
        what="Warme overdracht met school",
        owner="  Teamleider   Zuid ",
        level="systeem",
        due=date(2027, 3, 1),
        quadrant=None,
    )

    assert (changed.what, changed.owner, changed.level, changed.due_date) == (
        "Warme overdracht met school",
        "Teamleider Zuid",
        MeasureLevel.SYSTEEM,
        date(2027, 3, 1),
    )
    remove_measure(db, measure.id)
    assert measures_for_finding(db, finding.id) == []


@pytest.mark.parametrize(
    ("what", "owner", "level", "message"),
    [
        ("", "Manager", "organisatie", "Beschrijf de verbetermaatregel"),
        ("Iets", "  ", "organisatie", "Wie is eigenaar"),
        ("Iets", "Manager", "land", "organisatie of systeem"),
        ("Iets", "Manager", "", "organisatie of systeem"),
    ],
)
def test_bad_measures_are_refused_in_dutch(db, casegroep, reviewteam, what, owner, level, message):
    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    with pytest.raises(InputError, match=message):
        add_measure(db, reviewteam, finding.id, what, owner, level, None)
    assert session_measures(db, reviewteam) == []


def test_a_measure_must_answer_a_finding_of_the_linked_session(
    db, catalogue, casegroep, reviewteam, casegroep_team
):
    other = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 10, 5))
    stranger = add_finding(db, other, "bevindingen", "Iets uit een andere casus")

    with pytest.raises(InputError, match="hoort niet bij de casegroep-sessie"):
        add_measure(db, reviewteam, stranger.id, "Maatregel", "Manager", "organisatie", None)
    assert measures_for_finding(db, stranger.id) == []


def test_a_finding_with_measures_cannot_be_removed(db, casegroep, reviewteam):
    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    add_measure(db, reviewteam, finding.id, "Warme overdracht", "Teamleider", "organisatie", None)

    with pytest.raises(InputError, match="al uitgewerkt in 1 verbetermaatregel"):
        remove_finding(db, finding.id)
    assert session_findings(db, casegroep) == [finding]
    assert len(measures_for_finding(db, finding.id)) == 1


def test_linkable_sessions_are_finished_casegroep_sessions_of_all_teams(
    db, catalogue, casegroep, casegroep_team, reviewteam_team
):
    open_one = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 11, 1))
    own = _start(db, catalogue, reviewteam_team, CASEGROEP, date(2026, 9, 1))
    finish_session(db, own)
    newer = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 10, 20))
    finish_session(db, newer)
    other_format = _start(db, catalogue, casegroep_team, "bordsessie", date(2026, 10, 2))
    finish_session(db, other_format)

    linkable = linkable_sessions(db, reviewteam_team.id, CASEGROEP)

    # The reviewteam's own team first, then the other teams' sessions, newest first.
    assert [s.id for s in linkable] == [own, newer, casegroep]
    assert open_one not in {s.id for s in linkable}
    assert {s.team_name for s in linkable} == {"Casegroep Jeugd", "Reviewteam managers"}
    assert all(s.template_title == "Leerreview: casegroep" for s in linkable)


def test_level_labels_are_dutch():
    assert [level.label for level in MeasureLevel] == ["Team", "Organisatie", "Systeem"]
    assert [level.value for level in MeasureLevel] == ["team", "organisatie", "systeem"]


def test_a_new_measure_is_at_organisation_or_system_level_as_the_source_has_it(
    db, casegroep, reviewteam
):
    """Seed 004, line 31: the reviewteam works "op organisatie-/systeemniveau". A measure
    recorded before at team level keeps it and still reads."""
    from leersessie.base.errors import InputError
    from leersessie.method.leerreview import CHOOSABLE_LEVELS, get_measure

    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    assert [level.value for level in CHOOSABLE_LEVELS] == ["organisatie", "systeem"]
    with pytest.raises(InputError, match="organisatie of systeem"):
        add_measure(db, reviewteam, finding.id, "Warme overdracht", "Teamleider", "team", None)

    measure = add_measure(
        db, reviewteam, finding.id, "Warme overdracht", "Manager", "systeem", None
    )
    db.execute("UPDATE measures SET level = 'team' WHERE id = ?", [measure.id])  # an old one
    assert get_measure(db, measure.id).level.label == "Team"
    edited = update_measure(
        db,
        measure.id,
        what="Warme overdracht",
        owner="Manager",
        level="organisatie",
        due=date(2027, 3, 1),
        quadrant=None,
    )
    assert (edited.level, edited.due_date) == (MeasureLevel.ORGANISATIE, date(2027, 3, 1))


def test_a_later_reviewteam_looks_back_on_the_measures_of_earlier_ones(
    db, catalogue, casegroep, reviewteam, reviewteam_team, tmp_path
):
    """Measures are tracked like actions: the next reviewteam on the same findings sees
    the earlier measures, marks each done, continued (with a new date) or dropped, and
    the measure takes the status of its latest look back."""
    from leersessie.method.leerreview import earlier_measures, review_measure
    from leersessie.method.models import ActionStatus, ReviewOutcome

    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    other = add_finding(db, casegroep, "bevindingen", "Niemand had het overzicht")
    warm = add_measure(db, reviewteam, finding.id, "Warme overdracht", "Manager", "systeem", None)
    add_measure(db, reviewteam, other.id, "Regiehouder", "Manager", "organisatie", None)
    later = _start(db, catalogue, reviewteam_team, REVIEWTEAM, date(2027, 1, 15), casegroep)

    assert earlier_measures(db, later, finding.id) == [(warm, None)]
    assert earlier_measures(db, reviewteam, finding.id) == []  # nothing before the first

    with pytest.raises(InputError, match="nieuwe datum"):
        review_measure(db, warm.id, later, ReviewOutcome.CONTINUED)
    continued = review_measure(db, warm.id, later, ReviewOutcome.CONTINUED, date(2027, 4, 1))
    assert (continued.status, continued.due_date) == (ActionStatus.OPEN, date(2027, 4, 1))
    done = review_measure(db, warm.id, later, ReviewOutcome.DONE)  # a corrected click
    assert done.status is ActionStatus.DONE
    assert earlier_measures(db, later, finding.id) == [(done, ReviewOutcome.DONE)]
    assert db["measure_reviews"].count == 1

    # The later session's summary says what became of the earlier measure.
    from conftest import pdf_text

    from leersessie.reports.summary import write_summary

    text = " ".join(pdf_text(write_summary(db, later, tmp_path / "v.pdf")).split())
    assert "Eerdere maatregel: Warme overdracht (Manager): gedaan" in text


def test_a_reviewteam_session_does_not_look_back_on_the_teams_actions(
    db, catalogue, casegroep, reviewteam_team
):
    """Its look back is on the measures of earlier reviewteams (issue 13), in its measures
    step; the open actions of the team it runs under stay in the actions overview."""
    from leersessie.memory.actions import add_action
    from leersessie.method.sessions import load_session

    other = _start(db, catalogue, reviewteam_team, "bordsessie", date(2026, 10, 2))
    add_action(db, other, "acties", "Terugkoppelen aan de casegroep", None, None)
    later = _start(db, catalogue, reviewteam_team, REVIEWTEAM, date(2026, 10, 20), casegroep)
    bord = _start(db, catalogue, reviewteam_team, "bordsessie", date(2026, 10, 21))

    assert not load_session(db, later).has_lookback
    assert load_session(db, bord).has_lookback  # any other format still looks back


# --- the reviewteam's tools: Wilber's quadrant and themes over several cases ---------


def test_a_measure_keeps_its_quadrant_and_an_edit_can_change_it(db, casegroep, reviewteam):
    finding = add_finding(db, casegroep, "bevindingen", "Overdracht miste")
    measure = add_measure(
        db,
        reviewteam,
        finding.id,
        "Overdrachtsafspraak wijkteam en school",
        "Manager",
        "systeem",
        None,
        Quadrant.COLLECTIEF_BUITEN,
    )
    assert get_measure(db, measure.id).quadrant is Quadrant.COLLECTIEF_BUITEN
    assert measure.quadrant.label == "Collectief, buitenkant"

    moved = update_measure(
        db,
        measure.id,
        what=measure.what,
        owner=measure.owner,
        level="systeem",
        due=None,
        quadrant="collectief-binnen",
    )
    assert moved.quadrant is Quadrant.COLLECTIEF_BINNEN
    unplaced = add_measure(db, reviewteam, finding.id, "Later", "Manager", "organisatie", None)
    assert unplaced.quadrant is None
    with pytest.raises(InputError, match="een van de vier kwadranten"):
        add_measure(db, reviewteam, finding.id, "X", "M", "organisatie", None, "midden")


def test_the_quadrant_explanation_names_all_four_with_a_meaning_and_an_example():
    text = quadrant_explanation()
    lines = text.splitlines()
    # The source's own point first: the first reaction 'rechts', change often 'links'.
    assert "rechts" in lines[0] and "links" in lines[0] and "Ken Wilber" in lines[0]
    assert len(lines) == 1 + len(Quadrant)
    for quadrant, line in zip(Quadrant, lines[1:], strict=True):
        described = quadrant_text(quadrant)
        assert line.startswith(described.label)
        assert described.meaning in line and "Bijvoorbeeld: " + described.example in line
    places = " ".join(quadrant_text(q).place for q in Quadrant)
    for place in ("links boven", "rechts boven", "links onder", "rechts onder"):
        assert place in places


def test_themes_group_findings_of_several_casegroep_sessions(
    db, catalogue, casegroep, casegroep_team, reviewteam
):
    first = add_finding(db, casegroep, "bevindingen", "Signalen bleven bij school liggen")
    other = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 11, 1))
    second = add_finding(db, other, "bevindingen", "Niemand belde de huisarts terug")
    open_case = _start(db, catalogue, casegroep_team, CASEGROEP, date(2026, 11, 2))
    unfinished = add_finding(db, open_case, "bevindingen", "Nog niet afgerond")
    finish_session(db, other)

    offered = findings_to_cluster(db, reviewteam)
    # The linked casegroep first, then the other finished one; an open session not at all.
    assert [case.session.id for case in offered] == [casegroep, other]
    assert [case.linked for case in offered] == [True, False]

    theme = add_theme(db, reviewteam, "thema", "  Signalen komen niet aan  ", [first.id, second.id])
    assert theme.text == "Signalen komen niet aan"
    assert theme.finding_ids == (first.id, second.id)
    assert theme_counts(db, theme) == "2 bevindingen uit 2 casussen"
    assert [info.id for _, info in theme_findings(db, theme)] == [casegroep, other]

    narrowed = update_theme(db, theme.id, "Signalen komen te laat aan", [second.id])
    assert narrowed.finding_ids == (second.id,)
    assert theme_counts(db, narrowed) == "1 bevinding uit 1 casus"
    assert session_themes(db, reviewteam) == [narrowed]

    with pytest.raises(InputError, match="Kies de bevindingen"):
        add_theme(db, reviewteam, "thema", "Zonder bevindingen", [])
    with pytest.raises(InputError, match="Schrijf het thema op"):
        add_theme(db, reviewteam, "thema", "  ", [first.id])
    with pytest.raises(InputError, match="afgeronde casegroep-sessie"):
        add_theme(db, reviewteam, "thema", "Te vroeg", [unfinished.id])

    remove_theme(db, narrowed.id)
    assert session_themes(db, reviewteam) == []
    assert db.execute("SELECT count(*) FROM theme_findings").fetchone()[0] == 0


def test_a_theme_goes_with_its_session_and_a_finding_takes_its_link_along(
    db, casegroep, reviewteam
):
    kept = add_finding(db, casegroep, "bevindingen", "Blijft")
    gone = add_finding(db, casegroep, "bevindingen", "Gaat weg")
    theme = add_theme(db, reviewteam, "thema", "Samenwerking", [kept.id, gone.id])

    remove_finding(db, gone.id)  # no measure was made of it, so it may go
    assert get_theme(db, theme.id).finding_ids == (kept.id,)

    db.execute("DELETE FROM sessions WHERE id = ?", [reviewteam])
    assert db.execute("SELECT count(*) FROM themes").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM theme_findings").fetchone()[0] == 0
