"""The session summary: who, when, notes per step, and the agreed actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from leersessie.actions import session_actions
from leersessie.dates import short, written
from leersessie.i18n import tr
from leersessie.models import Action, ActionStatus, Session
from leersessie.reports.pdf import grid, heading, key_values, para, text_block, write_pdf
from leersessie.sessions import load_session
from sqlite_utils import Database

STATUS_LABELS = {ActionStatus.OPEN: "open", ActionStatus.DONE: "gedaan",
                 ActionStatus.DROPPED: "vervallen"}


def action_status_label(action: Action, today: date) -> str:
    label = tr(STATUS_LABELS[action.status])
    return label + tr(" (te laat)") if action.is_overdue(today) else label


def _header(session: Session) -> list[Flowable]:
    present = ", ".join(person.name for person in session.present)
    rows = [(tr("Team"), session.team.name), (tr("Datum"), written(session.date)),
            (tr("Leercoach"), session.facilitator), (tr("Aanwezig"), present)]
    if session.template.casusinbrenger:
        rows.append((tr("Casusinbrenger"),
                     session.casusinbrenger.name if session.casusinbrenger else ""))
    if not session.is_finished:
        rows.append((tr("Status"), tr("nog niet afgerond")))
    return [para(tr("Sessieverslag"), "small"), para(session.template.title, "title"),
            key_values(rows), Spacer(1, 4 * mm)]


def _actions_table(actions: list[Action], today: date) -> Flowable:
    rows = [(a.what, a.owner_name or "–", short(a.due_date) or "–", action_status_label(a, today))
            for a in actions]
    return grid([tr("Actie"), tr("Eigenaar"), tr("Streefdatum"), tr("Status")], rows,
                [None, 35 * mm, 27 * mm, 27 * mm])


def summary_story(db: Database, session: Session, today: date) -> list[Flowable]:
    story = _header(session)
    for number, step in enumerate(session.steps, start=1):
        story.append(heading(f"{number}. {step.title}"))
        note = session.notes.get(step.key, "").strip()
        story.extend(text_block(note) if note else [para(tr("Geen notities."), "small")])
    actions = session_actions(db, session.id)
    story.append(heading(tr("Afgesproken acties")))
    story.append(_actions_table(actions, today) if actions
                 else para(tr("Er zijn geen acties afgesproken."), "small"))
    return story


def write_summary(db: Database, session_id: str, target: Path,
                  today: date | None = None) -> Path:
    session = load_session(db, session_id)
    title = f"{session.template.title} · {session.team.name} · {short(session.date)}"
    return write_pdf(target, title, summary_story(db, session, today or date.today()))
