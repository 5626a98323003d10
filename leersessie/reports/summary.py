"""The session summary: who, when, and per step what the team said and decided.

Every kind of step prints what it holds: the look back with each reviewed action's
outcome and its whole plan-do-check-act trail, notes, numbered findings, measures per
finding, ratings as "3 van 5" with their behaviours; the agreed actions close it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from leersessie.base.dates import from_iso, short, written
from leersessie.base.i18n import tr
from leersessie.memory.actions import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    action_status_label,
    action_trail,
    actions_to_review,
    session_actions,
)
from leersessie.memory.lookback import development_questions
from leersessie.memory.step_content import median_text
from leersessie.method.leerreview import (
    Finding,
    Measure,
    earlier_measures,
    linked_findings,
    session_findings,
    session_measures,
    session_themes,
    theme_counts,
    theme_findings,
)
from leersessie.method.models import (
    LOOKBACK_STEP_KEY,
    Action,
    ActionReview,
    ActionStatus,
    ReviewOutcome,
    Session,
)
from leersessie.method.questions import (
    Question,
    QuestionKind,
    good_share,
    kind_label,
    question_coach_on,
    session_questions,
)
from leersessie.method.ratings import MAX_RATING, MIN_RATING, ItemScores, session_item_scores
from leersessie.method.session_times import read_times, whole_minutes
from leersessie.method.sessions import load_session
from leersessie.method.templates import Step, StepKind
from leersessie.reports.content import Block, Group, Heading, KeyValues, Para, Space, Table, Text
from leersessie.reports.formats import format_for


def review_label(review: ActionReview) -> str:
    """gedaan / loopt door tot <datum> / vervallen."""
    if review.outcome is ReviewOutcome.CONTINUED:
        return tr("loopt door tot {date}", date=short(review.new_due_date))
    return tr(STATUS_LABELS[ActionStatus(review.outcome.value)])


def trail_rows(
    agreed_on: date | None, trail: Iterable[ActionReview], this_session: str | None = None
) -> list[tuple[str, str, str]]:
    """(date, what happened, what was learned): the plan, then every look back."""
    rows = [(short(agreed_on), tr("afgesproken"), "")]
    for review in trail:
        mark = tr(" (deze sessie)") if review.session_id == this_session else ""
        rows.append(
            (short(review.session_date) + mark, review_label(review), review.learned or "–")
        )
    return rows


def _development_question(db: Database, session: Session) -> str:
    if session.casusinbrenger is None:
        return ""
    asked = development_questions(db, session.casusinbrenger.id)
    return next((q.question.strip() for q in asked if q.session_id == session.id), "")


# --- the parts of the summary ------------------------------------------------


def _header(db: Database, session: Session) -> list[Block]:
    present = ", ".join(person.label for person in session.present)
    rows = [
        (tr("Team"), session.team.name),
        (tr("Datum"), written(session.date)),
        (tr("Leercoach"), session.facilitator),
        (tr("Aanwezig"), present),
    ]
    if session.template.casusinbrenger:
        rows.append(
            (tr("Casusinbrenger"), session.casusinbrenger.name if session.casusinbrenger else "")
        )
        question = _development_question(db, session)
        if question:
            rows.append((tr("Ontwikkelvraag"), question))
    if not session.is_finished:
        rows.append((tr("Status"), tr("nog niet afgerond")))
    return [
        Para(tr("Sessieverslag"), "small"),
        Para(session.template.title, "title"),
        KeyValues(rows),
        Space(4),
    ]


def _actions_table(actions: list[Action], today: date) -> Block:
    rows = [
        (a.what, a.owner_name or "–", short(a.due_date) or "–", action_status_label(a, today))
        for a in actions
    ]
    return Table(
        [tr("Actie"), tr("Eigenaar"), tr("Streefdatum"), tr("Status")],
        rows,
        [None, 35, 27, 27],
    )


def _trail_table(rows: list[tuple[str, str, str]]) -> Block:
    return Table([tr("Datum"), tr("Verloop"), tr("Wat is geleerd")], rows, [43, 38, None])


def _lookback(db: Database, session: Session) -> list[Block]:
    """Each action looked back on: its outcome in this session and its whole trail."""
    actions = actions_to_review(db, session.id)
    if not actions:
        return [Para(tr("Er stonden geen acties open."), "small")]
    origin_dates = {
        r["id"]: from_iso(r["date"])
        for r in db.query(
            "SELECT id, date FROM sessions WHERE id IN (SELECT value FROM json_each(?))",
            [_json_list(a.session_id for a in actions)],
        )
    }
    out: list[Block] = []
    for action in actions:
        trail = action_trail(db, action.id)
        here = next((r for r in trail if r.session_id == session.id), None)
        outcome = review_label(here) if here else tr("nog niet besproken")
        owner = action.owner_name or tr("geen eigenaar")
        parts: list[Block] = [
            Para(action.what, "h3"),
            Para(tr("{owner} · uitkomst: {outcome}", owner=owner, outcome=outcome)),
        ]
        if here and here.learned:
            parts.append(Para(tr("Geleerd: {learned}", learned=here.learned)))
        parts.append(Space(1.5))
        parts.append(
            _trail_table(trail_rows(origin_dates.get(action.session_id), trail, session.id))
        )
        out.append(Group(parts))
    return out


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(list(values))


def _findings_part(findings: list[Finding], step: Step) -> list[Block]:
    own = [f for f in findings if f.step_key == step.key]
    if not own:
        return [Para(tr("Geen bevindingen vastgelegd."), "small")]
    return [
        Para(tr("Bevindingen"), "h3"),
        *(Para(f"{number}. {finding.text}") for number, finding in enumerate(own, 1)),
    ]


def _measures_part(db: Database, session: Session) -> list[Block]:
    """Per finding of the linked casegroep session: its measures."""
    findings = linked_findings(db, session.id)
    if not findings:
        return [Para(tr("De gekoppelde sessie heeft geen bevindingen."), "small")]
    measures: dict[str, list[Measure]] = defaultdict(list)
    for measure in session_measures(db, session.id):
        measures[measure.finding_id].append(measure)
    out: list[Block] = []
    for number, finding in enumerate(findings, start=1):
        title = Para(tr("Bevinding {number}: {finding}", number=number, finding=finding.text), "h3")
        rows = [
            (
                m.what,
                m.owner or "–",
                m.level.label,
                m.quadrant.label if m.quadrant else "–",
                short(m.due_date) or "–",
            )
            for m in measures[finding.id]
        ]
        body = (
            Table(
                [tr("Maatregel"), tr("Eigenaar"), tr("Niveau"), tr("Kwadrant"), tr("Streefdatum")],
                rows,
                [None, 30, 24, 30, 27],
            )
            if rows
            else Para(tr("Nog geen maatregelen."), "small")
        )
        out.append(Group([title, body, *_looked_back(db, session, finding)]))
    return out


def _themes_part(db: Database, session: Session) -> list[Block]:
    """Per theme: how far it reaches, and the findings it groups with their casegroep."""
    themes = session_themes(db, session.id)
    if not themes:
        return [Para(tr("Nog geen thema's."), "small")]
    out: list[Block] = []
    for number, theme in enumerate(themes, start=1):
        title = Para(
            tr(
                "Thema {number}: {theme} ({counts})",
                number=number,
                theme=theme.text,
                counts=theme_counts(db, theme),
            ),
            "h3",
        )
        findings = [
            Para(
                tr(
                    "{finding} (casegroep {team}, {date})",
                    finding=finding.text,
                    team=info.team_name,
                    date=short(info.date),
                ),
                "small",
            )
            for finding, info in theme_findings(db, theme)
        ]
        out.append(Group([title, *findings]))
    return out


def _looked_back(db: Database, session: Session, finding: Finding) -> list[Block]:
    """What this reviewteam decided about the measures earlier ones made of a finding."""
    return [
        Para(
            tr(
                "Eerdere maatregel: {what} ({owner}): {outcome}",
                what=measure.what,
                owner=measure.owner,
                outcome=tr(OUTCOME_LABELS[outcome]),
            ),
            "small",
        )
        for measure, outcome in earlier_measures(db, session.id, finding.id)
        if outcome is not None
    ]


def _ratings_part(ratings: dict[tuple[str, str], ItemScores], step: Step) -> list[Block]:
    low, high = step.scale_words()
    out: list[Block] = [
        Para(
            tr("{min} = {low}, {max} = {high}", min=MIN_RATING, low=low, max=MAX_RATING, high=high),
            "small",
        )
    ]
    for item in step.items:
        scores = ratings.get((step.key, item.key), ItemScores(team=None))
        score = (
            tr("{value} van {maximum}", value=scores.team, maximum=MAX_RATING)
            if scores.team is not None
            else tr(
                "mediaan {value} van {maximum} (persoonlijke scores)",
                value=median_text(scores.median),
                maximum=MAX_RATING,
            )
            if scores.median is not None
            else tr("nog geen score")
        )
        parts: list[Block] = [Para(f"{item.title}: {score}", "h3")]
        if scores.spread:
            parts.append(Para(tr("Ieder: {spread}", spread=scores.spread.describe())))
        if item.behaviours:
            parts.append(Para(" · ".join(item.behaviours), "small"))
        out.append(Group(parts))
    return out


def _questions_part(questions: list[Question], with_kinds: bool) -> list[Block]:
    """The questions the group asked, with their kinds and the share of open ones; never
    who asked, so a summary shows how the group asked, not who asked badly."""
    if not with_kinds:
        return [Para(tr("Gestelde vragen"), "h3"), *(Para(f"– {q.text}") for q in questions)]
    share = good_share(q.kind for q in questions)
    asked = sum(q.kind is not QuestionKind.NONE for q in questions)
    out: list[Block] = [
        Para(tr("Gestelde vragen"), "h3"),
        Table(
            [tr("Vraag"), tr("Soort")],
            [(q.text, kind_label(q.kind)) for q in questions],
            [None, 45],
        ),
    ]
    if share is not None:
        out.append(
            Para(
                tr(
                    "{good} van de {asked} vragen waren open of reflectief ({percent}%).",
                    good=round(share * asked),
                    asked=asked,
                    percent=round(share * 100),
                ),
                "small",
            )
        )
    return out


def _step_part(
    db: Database,
    session: Session,
    step: Step,
    findings: list[Finding],
    ratings: dict[tuple[str, str], ItemScores],
    questions: list[Question],
) -> list[Block]:
    parts = _step_content(db, session, step, findings, ratings)
    asked = [q for q in questions if q.step_key == step.key]
    if asked:
        parts += _questions_part(asked, with_kinds=question_coach_on(db, session.id))
    return parts


def _step_content(
    db: Database,
    session: Session,
    step: Step,
    findings: list[Finding],
    ratings: dict[tuple[str, str], ItemScores],
) -> list[Block]:
    note = session.notes.get(step.key, "").strip()
    notes: list[Block] = [Text(note) if note else Para(tr("Geen notities."), "small")]
    if step.key == LOOKBACK_STEP_KEY:
        after: list[Block] = [Space(2), Text(note)] if note else []
        return [*_lookback(db, session), *after]
    if step.kind is StepKind.RATINGS:
        return [*_ratings_part(ratings, step), Space(2), *notes]
    if step.kind is StepKind.FINDINGS:
        return [*notes, *_findings_part(findings, step)]
    if step.kind is StepKind.MEASURES:
        return [*notes, *_measures_part(db, session)]
    if step.kind is StepKind.THEMES:
        return [*notes, *_themes_part(db, session)]
    return notes


def _times_table(db: Database, session: Session) -> list[Block]:
    """Planned against actual minutes per step, and the session clock against the plan."""
    times = read_times(db, session.id)
    if not times.elapsed_ms and not any(times.step_ms.values()):
        return []  # run before time was kept, or never opened: nothing to set beside the plan

    def minutes(value: int) -> str:
        return tr("{minutes} min", minutes=value) if value else "–"

    rows = [
        (
            f"{number}. {step.title}",
            minutes(step.minutes),
            minutes(whole_minutes(times.step_ms.get(step.key, 0))),
        )
        for number, step in enumerate(session.steps, start=1)
    ]
    rows.append(
        (
            tr("Hele sessie"),
            minutes(session.template.duration_minutes),
            minutes(whole_minutes(times.elapsed_ms)),
        )
    )
    return [
        Heading(tr("Tijd per stap")),
        Table([tr("Stap"), tr("Gepland"), tr("Werkelijk")], rows, [None, 25, 25]),
    ]


def summary_blocks(db: Database, session: Session, today: date) -> list[Block]:
    """The summary's content, the same for the PDF, the Word file and the Markdown."""
    story = _header(db, session)
    findings = session_findings(db, session.id)
    ratings = session_item_scores(db, session.id)
    questions = session_questions(db, session.id)
    for number, step in enumerate(session.steps, start=1):
        story.append(Heading(f"{number}. {step.title}"))
        story.extend(_step_part(db, session, step, findings, ratings, questions))
    actions = session_actions(db, session.id)
    story.append(Heading(tr("Afgesproken acties")))
    story.append(
        _actions_table(actions, today)
        if actions
        else Para(tr("Er zijn geen acties afgesproken."), "small")
    )
    story.extend(_times_table(db, session))
    return story


def summary_title(session: Session) -> str:
    return f"{session.template.title} · {session.team.name} · {short(session.date)}"


def write_summary(db: Database, session_id: str, target: Path, today: date | None = None) -> Path:
    """The summary in the format the target's suffix names (``reports.formats``)."""
    output = format_for(target)
    session = load_session(db, session_id)
    blocks = summary_blocks(db, session, today or date.today())
    return output.write(target, summary_title(session), blocks)
