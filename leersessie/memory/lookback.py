"""A team's memory: the development questions people bring, and the team page figures.

The development question a casusinbrenger brings in actieleren stays with that person,
so it can be shown when they bring a case again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, to_iso
from leersessie.method.models import Person, Team
from leersessie.method.teams import get_team
from leersessie.store.ids import new_id, now_iso


class DevelopmentQuestion(NamedTuple):
    date: date
    question: str
    session_id: str


@dataclass(frozen=True)
class FormatCount:
    template_id: str
    title: str  # the title of the most recent session's template version
    sessions: int
    last_date: date


@dataclass(frozen=True)
class Participant:
    person: Person
    latest_question: DevelopmentQuestion | None


@dataclass(frozen=True)
class TeamOverview:
    team: Team
    formats: tuple[FormatCount, ...]  # most used first
    open_actions: int
    done_actions: int
    dropped_actions: int
    overdue_actions: int
    participants: tuple[Participant, ...]  # in team order, people who left included

    @property
    def session_count(self) -> int:
        return sum(f.sessions for f in self.formats)

    @property
    def closed_actions(self) -> int:
        return self.done_actions + self.dropped_actions


def set_development_question(db: Database, session_id: str, person_id: str, question: str) -> None:
    """Store (or replace) the question this person brought in this session; an empty
    question removes it, so clearing the field leaves no stale question behind."""
    cleaned = question.strip()
    with db.atomic():
        if not cleaned:
            db.execute(
                "DELETE FROM development_questions WHERE session_id = ? AND person_id = ?",
                [session_id, person_id],
            )
            return
        db.execute(
            "INSERT INTO development_questions (id, person_id, session_id, question, "
            "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, person_id) "
            "DO UPDATE SET question = excluded.question",
            [new_id(), person_id, session_id, cleaned, now_iso()],
        )


_QUESTIONS = """
    SELECT s.date, q.question, q.session_id
    FROM development_questions q JOIN sessions s ON s.id = q.session_id
    WHERE q.person_id = ?
    ORDER BY s.date DESC, q.created_at DESC
"""


def development_questions(
    db: Database, person_id: str, before: date | None = None
) -> list[DevelopmentQuestion]:
    """Everything this person asked to learn, newest first. With ``before``, only the
    questions from sessions before that date (what to show when they bring a new case)."""
    return [
        q
        for q in (
            DevelopmentQuestion(day_from_iso(r[0]), r[1], r[2])
            for r in db.execute(_QUESTIONS, [person_id]).fetchall()
        )
        if before is None or q.date < before
    ]


def latest_development_question(db: Database, person_id: str) -> DevelopmentQuestion | None:
    row = db.execute(_QUESTIONS + " LIMIT 1", [person_id]).fetchone()
    return DevelopmentQuestion(day_from_iso(row[0]), row[1], row[2]) if row else None


def team_overview(db: Database, team_id: str, today: date | None = None) -> TeamOverview:
    """The figures of the team page, in a handful of indexed queries whatever the
    number of sessions. The sessions themselves page through ``list_sessions``."""
    today = today or date.today()
    team = get_team(db, team_id)
    formats = tuple(
        FormatCount(r[0], r[1], r[2], day_from_iso(r[3]))
        for r in db.execute(
            # SQLite takes the bare column v.title from the row holding max(s.date).
            "SELECT s.template_id, v.title, count(*), max(s.date) FROM sessions s "
            "JOIN template_versions v ON v.id = s.template_version_id "
            "WHERE s.team_id = ? GROUP BY s.template_id ORDER BY count(*) DESC, v.title",
            [team_id],
        ).fetchall()
    )
    by_status = dict(
        db.execute(
            "SELECT status, count(*) FROM actions WHERE team_id = ? GROUP BY status", [team_id]
        ).fetchall()
    )
    overdue = db.execute(
        "SELECT count(*) FROM actions WHERE team_id = ? AND status = 'open' AND due_date < ?",
        [team_id, to_iso(today)],
    ).fetchone()[0]
    latest: dict[str, DevelopmentQuestion] = {}
    for person_id, day, question, session_id, _ in db.execute(
        # One row per person: the bare columns come from the row with the max().
        "SELECT q.person_id, s.date, q.question, q.session_id, "
        "max(s.date || q.created_at) FROM development_questions q "
        "JOIN people p ON p.id = q.person_id JOIN sessions s ON s.id = q.session_id "
        "WHERE p.team_id = ? GROUP BY q.person_id",
        [team_id],
    ).fetchall():
        latest[person_id] = DevelopmentQuestion(day_from_iso(day), question, session_id)
    return TeamOverview(
        team=team,
        formats=formats,
        open_actions=by_status.get("open", 0),
        done_actions=by_status.get("done", 0),
        dropped_actions=by_status.get("dropped", 0),
        overdue_actions=overdue,
        participants=tuple(Participant(p, latest.get(p.id)) for p in team.people),
    )
