"""What a step puts before the group, read from a real database (no Qt)."""

from __future__ import annotations

from datetime import date

from leersessie.memory.actions import add_action
from leersessie.memory.step_content import shown_content, step_content
from leersessie.method.leerreview import Quadrant, add_finding, add_measure, add_theme
from leersessie.method.sessions import finish_session, load_session, save_note, start_session
from leersessie.method.teams import create_team
from tests.test_development import _rate, _session


def test_the_closing_step_of_teamontwikkelruimte_shows_the_scores_and_the_radar(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anouk", "Bram"])
    before = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 3, 2))
    older = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 1, 5))
    now = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 6, 1))
    _rate(db, older, {"dialoog": 1, "reflecteren": 1, "toekomst": 1, "organiseren": 1})
    _rate(db, before, {"dialoog": 2, "reflecteren": 3, "toekomst": 1, "organiseren": 5})
    _rate(db, now, {"dialoog": 4, "reflecteren": 4, "toekomst": 3})
    session = load_session(db, now)

    content = shown_content(db, session, session.template.step("verbetering"))

    [scores] = content.sections
    assert scores.lines == (
        "Dialoog voeren: 4",
        "Reflecteren: 4",
        "Toekomst creëren: 3",
        "Organiseren: –",  # not rated yet: no made-up number
    )
    # The radar: the previous session of this format behind this one, nothing older.
    assert content.radar is not None
    assert [point[0] for point in content.radar.points] == [before, now]


def test_a_first_session_has_a_radar_of_its_own_only(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anouk"])
    now = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 6, 1))
    session = load_session(db, now)
    assert shown_content(db, session, session.template.step("verbetering")).radar is None
    _rate(db, now, {"dialoog": 3})
    radar = shown_content(db, session, session.template.step("verbetering")).radar
    assert radar is not None and [p[0] for p in radar.points] == [now]


def test_the_reviewteam_findings_step_lists_the_casegroep_findings(db, catalogue):
    team = create_team(db, "Leerreview Jeugd", ["Anouk", "Bram"])
    casegroep = _session(db, catalogue, team, "leerreview-casegroep", date(2026, 5, 1))
    step = next(s for s in catalogue.get("leerreview-casegroep").steps if s.kind == "findings")
    add_finding(db, casegroep, step.key, "Niemand wist wie de regie had.")
    add_finding(db, casegroep, step.key, "Het dossier was niet te vinden.")
    reviewteam = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2026, 6, 1),
        facilitator="Marieke",
        present=[p.id for p in team.people],
        linked_session_id=casegroep,
    )
    session = load_session(db, reviewteam)

    content = step_content(db, session, session.template.step("bevindingen"))

    assert [s.lines for s in content.sections] == [
        ("1. Niemand wist wie de regie had.", "2. Het dossier was niet te vinden.")
    ]


def test_notes_come_along_only_when_asked_and_guidance_never(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anouk", "Bram"])
    session_id = _session(db, catalogue, team, "teamontwikkelruimte", date(2026, 6, 1))
    save_note(db, session_id, "verbetering", "Gevoelige notitie over een gezin.")
    session = load_session(db, session_id)
    step = session.template.step("verbetering")
    add_action(db, session_id, "verbetering", "Elke week een vraag", team.people[0].id, None)

    hidden = step_content(db, session, step)
    shown = step_content(db, session, step, with_notes=True)

    def everything(content) -> str:
        return "\n".join(line for s in content.sections for line in (s.title, *s.lines))

    assert "Elke week een vraag (Anouk)" in everything(hidden)
    assert "Gevoelige notitie" not in everything(hidden)
    assert "Gevoelige notitie over een gezin." in everything(shown)
    for text in (step.purpose, *step.watch_for, *step.questions):
        assert text not in everything(shown)


def test_the_group_sees_each_measures_quadrant_and_each_theme_with_its_reach(db, catalogue):
    team = create_team(db, "Leerreview Jeugd", ["Anouk", "Bram"])
    casegroep = _session(db, catalogue, team, "leerreview-casegroep", date(2026, 5, 1))
    finding = add_finding(db, casegroep, "bevindingen", "Niemand wist wie de regie had.")
    finish_session(db, casegroep)
    reviewteam = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2026, 6, 1),
        facilitator="Marieke",
        present=[p.id for p in team.people],
        linked_session_id=casegroep,
    )
    add_measure(
        db, reviewteam, finding.id, "Regie vastleggen", "Manager", "systeem", None,
        Quadrant.COLLECTIEF_BUITEN,
    )  # fmt: skip
    add_theme(db, reviewteam, "thema", "Regie tussen organisaties", [finding.id])
    session = load_session(db, reviewteam)

    measures = step_content(db, session, session.template.step("maatregelen"))
    assert measures.sections[0].lines == (
        "1. Niemand wist wie de regie had.",
        "    → Regie vastleggen (Manager · Systeem · Collectief, buitenkant)",
    )
    themes = step_content(db, session, session.template.step("thema"))
    assert [(s.title, s.lines) for s in themes.sections] == [
        (
            "Thema's",
            (
                "1. Regie tussen organisaties (1 bevinding uit 1 casus)",
                "    · Niemand wist wie de regie had.",
            ),
        )
    ]
