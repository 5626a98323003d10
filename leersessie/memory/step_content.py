"""What a step puts before the group: its live content, read from the database.

The group screen and the coach's "what this step shows" box both draw from here, so the
two screens can never disagree. Only what the group works with is gathered: the look back,
findings, measures, scores, radar and agreed actions. The coach's notes and the
ontwikkelvraag come along only when the coach asks for them (``with_notes``); the coach's
guidance (purpose, watch_for, questions) never does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlite_utils import Database

from leersessie.base.dates import short
from leersessie.base.i18n import decimal, tr
from leersessie.memory.actions import (
    OUTCOME_LABELS,
    action_trail,
    actions_to_review,
    session_actions,
)
from leersessie.memory.lookback import development_questions
from leersessie.method.development import RADAR_TEMPLATE_ID, RadarData, radar_series
from leersessie.method.leerreview import (
    linked_findings,
    session_findings,
    session_measures,
    session_themes,
    theme_counts,
    theme_findings,
)
from leersessie.method.models import LOOKBACK_STEP_KEY, Action, Session
from leersessie.method.questions import (
    GOOD_KINDS,
    QuestionKind,
    kind_label,
    question_coach_on,
    session_questions,
)
from leersessie.method.ratings import ItemScores, session_item_scores
from leersessie.method.sessions import saved_note
from leersessie.method.templates import Step, StepKind, StepShows


@dataclass(frozen=True)
class Section:
    """A titled list the group reads; ``lines`` empty shows ``empty`` instead."""

    title: str
    lines: tuple[str, ...]
    empty: str = ""


@dataclass(frozen=True)
class StepContent:
    sections: tuple[Section, ...] = ()
    radar: RadarData | None = None  # this session against the previous one of its format
    # The question coach: (open questions, questions asked), never who asked them.
    open_share: tuple[int, int] | None = None

    @property
    def is_empty(self) -> bool:
        return not self.sections and self.radar is None and self.open_share is None


def step_content(
    db: Database,
    session: Session,
    step: Step,
    with_notes: bool = False,
    with_questions: bool = False,
    with_question_labels: bool = False,
) -> StepContent:
    """Everything the group sees below the step's title and prompt, as it is stored now."""
    sections: list[Section] = []
    radar: RadarData | None = None
    share: tuple[int, int] | None = None
    if step.key == LOOKBACK_STEP_KEY:
        sections.append(_lookback(db, session))
    elif step.kind is StepKind.FINDINGS:
        sections.append(_findings(db, session.id))
    elif step.kind is StepKind.MEASURES:
        sections.append(_measures(db, session.id))
    elif step.kind is StepKind.THEMES:
        sections.append(_themes(db, session.id))
    elif step.kind is StepKind.RATINGS:
        sections.append(_scores(db, session, (step,)))
        radar = session_radar(db, session)
    elif step.kind is StepKind.ACTIONS:
        sections.append(_actions(db, session.id, step.key))
    shown = shown_content(db, session, step)
    sections.extend(shown.sections)
    radar = radar or shown.radar
    if with_questions and step.asks_questions:
        asked, tally, share = _questions(db, session.id, step.key, with_question_labels)
        sections.append(asked)
        if tally is not None:
            sections.append(tally)
    if with_notes:
        sections.extend(_notes(db, session, step))
    return StepContent(tuple(sections), radar, share)


def _questions(
    db: Database, session_id: str, step_key: str, with_labels: bool
) -> tuple[Section, Section | None, tuple[int, int] | None]:
    """The questions as they come in, without names. While the question coach is on: a
    tally of their kinds and the share of open ones; a question's own kind only when the
    coach turns that on (the room reads whose question it was)."""
    asked = session_questions(db, session_id, step_key)
    coach = question_coach_on(db, session_id)
    labelled = coach and with_labels
    lines = tuple(
        f"{q.text} ({kind_label(q.kind)})"
        if labelled and q.kind is not QuestionKind.OPEN
        else q.text
        for q in asked
    )
    real = [q.kind for q in asked if q.kind is not QuestionKind.NONE]
    good = sum(kind in GOOD_KINDS for kind in real)
    share = (good, len(real)) if coach and real else None
    tally = None
    if coach and real:
        counts: Counter[QuestionKind] = Counter(real)
        tally = Section(
            tr("Soorten vragen"),
            (
                " · ".join(
                    f"{counts[kind]} {kind_label(kind)}" for kind in QuestionKind if counts[kind]
                ),
            ),
        )
    return Section(tr("Gestelde vragen"), lines, tr("Nog geen vragen.")), tally, share


def shown_content(db: Database, session: Session, step: Step) -> StepContent:
    """What the step's ``shows`` field asks for: content made earlier in this session or in
    the linked one."""
    if step.shows is StepShows.RATINGS:
        rating_steps = tuple(s for s in session.steps if s.kind is StepKind.RATINGS)
        return StepContent((_scores(db, session, rating_steps),), session_radar(db, session))
    if step.shows is StepShows.FINDINGS:
        findings = linked_findings(db, session.id)
        section = Section(
            tr("Bevindingen van de casegroep"),
            tuple(f"{n}. {f.text}" for n, f in enumerate(findings, start=1)),
            tr("De casegroep heeft (nog) geen bevindingen vastgelegd."),
        )
        return StepContent((section,))
    return StepContent()


def session_radar(db: Database, session: Session) -> RadarData | None:
    """The radar of this session's scores, with the team's previous session of the same
    format behind it; None for formats without a radar or before any score."""
    if session.template.id != RADAR_TEMPLATE_ID:
        return None
    series = radar_series(db, session.team.id)
    ids = [point[0] for point in series.points]
    if session.id not in ids:
        earlier = [p for p in series.points if p[1] <= session.date][-1:]
        return series.narrowed(tuple(earlier)) if earlier else None
    at = ids.index(session.id)
    return series.narrowed(series.points[max(0, at - 1) : at + 1])


def _who_when(action: Action) -> str:
    return " · ".join(
        part
        for part in (action.owner_name, short(action.due_date) if action.due_date else "")
        if part
    )


def _line(what: str, *details: str) -> str:
    detail = " · ".join(d for d in details if d)
    return f"{what} ({detail})" if detail else what


def _lookback(db: Database, session: Session) -> Section:
    """The actions to look back on; one whose date passed before this session without a
    look back is marked overdue."""
    lines = []
    for action in actions_to_review(db, session.id):
        outcome = next(
            (
                tr(OUTCOME_LABELS[r.outcome]) + (f": {r.learned}" if r.learned else "")
                for r in action_trail(db, action.id)
                if r.session_id == session.id
            ),
            None,
        )
        overdue = outcome is None and action.due_date is not None and action.due_date < session.date
        mark = "⚠ " + tr("over de streefdatum") + " — " if overdue else ""
        shown = outcome if outcome is not None else tr("nog bespreken")
        lines.append(f"{mark}{_line(action.what, _who_when(action))} — {shown}")
    return Section(
        tr("Acties van vorige keer"),
        tuple(lines),
        tr("Er staan geen acties open van eerdere sessies."),
    )


def _findings(db: Database, session_id: str) -> Section:
    findings = session_findings(db, session_id)
    return Section(
        tr("Bevindingen"),
        tuple(f"{n}. {f.text}" for n, f in enumerate(findings, start=1)),
        tr("Nog geen bevindingen."),
    )


def _measures(db: Database, session_id: str) -> Section:
    measures = session_measures(db, session_id)
    lines = []
    for number, finding in enumerate(linked_findings(db, session_id), start=1):
        lines.append(f"{number}. {finding.text}")
        lines.extend(
            "    → "
            + _line(
                m.what,
                m.owner,
                m.level.label,
                m.quadrant.label if m.quadrant else "",
                short(m.due_date) if m.due_date else "",
            )
            for m in measures
            if m.finding_id == finding.id
        )
    return Section(
        tr("Bevindingen en maatregelen"),
        tuple(lines),
        tr("De casegroep heeft (nog) geen bevindingen vastgelegd."),
    )


def _themes(db: Database, session_id: str) -> Section:
    """Each theme with how far it reaches and the findings it groups (no team or date:
    the casegroep sessions may be other teams')."""
    lines = []
    for number, theme in enumerate(session_themes(db, session_id), start=1):
        lines.append(f"{number}. {theme.text} ({theme_counts(db, theme)})")
        lines.extend(f"    · {finding.text}" for finding, _ in theme_findings(db, theme))
    return Section(tr("Thema's"), tuple(lines), tr("Nog geen thema's."))


def _scores(db: Database, session: Session, steps: tuple[Step, ...]) -> Section:
    """Per item the team's score (or, without one, the median of the personal scores,
    marked as such) and every person's score as a dot beside its value: the spread."""
    stored = session_item_scores(db, session.id)
    lines = []
    for step in steps:
        for item in step.items:
            scores = stored.get((step.key, item.key), ItemScores(team=None))
            lines.append(f"{item.title}: {score_text(scores)}")
    return Section(tr("Scores (1 tot 5)"), tuple(lines), tr("Nog geen scores."))


def median_text(value: float) -> str:
    """3 or 3,5: a median is a whole score or halfway between two."""
    return str(int(value)) if value.is_integer() else decimal(value)


def score_text(scores: ItemScores) -> str:
    """'3 — 2 ● · 3 ●●● · 5 ●': the team's score, then each given score with a dot per
    person who gave it; without a team score the median, marked as such."""
    if scores.team is not None:
        shown = str(scores.team)
    elif scores.median is not None:
        shown = tr("{value} (mediaan)", value=median_text(scores.median))
    else:
        shown = "–"
    spread = scores.spread
    if spread is None:
        return shown
    dots = " · ".join(f"{score} {'●' * count}" for score, count in sorted(spread.counts.items()))
    return f"{shown} — {dots}"


def _actions(db: Database, session_id: str, step_key: str) -> Section:
    actions = [a for a in session_actions(db, session_id) if a.step_key == step_key]
    return Section(
        tr("Afgesproken acties"),
        tuple(_line(a.what, _who_when(a)) for a in actions),
        tr("Nog geen acties afgesproken."),
    )


def _notes(db: Database, session: Session, step: Step) -> list[Section]:
    sections = []
    person = session.casusinbrenger
    if person is not None and step.key == session.template.steps[0].key:
        question = next(
            (
                q.question
                for q in development_questions(db, person.id)
                if q.session_id == session.id
            ),
            "",
        )
        if question:
            sections.append(Section(tr("Ontwikkelvraag van {name}", name=person.name), (question,)))
    note = saved_note(db, session.id, step.key).strip()
    sections.append(Section(tr("Notities"), tuple(note.splitlines()), tr("Nog geen notities.")))
    return sections
