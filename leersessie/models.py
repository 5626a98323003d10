"""Plain records the core hands out; no database or Qt in here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from leersessie.i18n import N_, tr
from leersessie.templates import Step, StepKind, Template

LOOKBACK_STEP_KEY = "terugblik"


class SessionStatus(StrEnum):
    OPEN = "open"
    FINISHED = "finished"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ReviewOutcome(StrEnum):
    DONE = "done"
    CONTINUED = "continued"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Person:
    id: str
    team_id: str
    name: str
    active: bool = True
    # A guest from another organisation in one session, not a member of the team.
    guest: bool = False

    @property
    def label(self) -> str:
        return tr("{name} (gast)", name=self.name) if self.guest else self.name


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    people: tuple[Person, ...] = ()

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)


@dataclass(frozen=True)
class SessionInfo:
    """A session as listed in a team's history."""

    id: str
    team_id: str
    team_name: str
    template_id: str
    template_title: str
    date: date
    facilitator: str
    status: SessionStatus


@dataclass(frozen=True)
class Action:
    id: str
    team_id: str
    session_id: str
    step_key: str
    what: str
    owner_id: str | None
    owner_name: str
    due_date: date | None
    status: ActionStatus

    def is_overdue(self, today: date) -> bool:
        return (
            self.status is ActionStatus.OPEN and self.due_date is not None and self.due_date < today
        )


@dataclass(frozen=True)
class ActionReview:
    id: str
    action_id: str
    session_id: str
    session_date: date
    outcome: ReviewOutcome
    learned: str
    new_due_date: date | None


LOOKBACK_STEP = Step(
    key=LOOKBACK_STEP_KEY,
    title=N_("Terugblik op acties"),
    kind=StepKind.NOTES,
    minutes=10,
    purpose=N_(
        "Kijk samen terug op de acties van vorige keer: wat is gedaan, wat loopt nog, "
        "wat laten we los, en wat hebben we ervan geleerd?"
    ),
    group_prompt=N_(
        "Wat hadden we vorige keer afgesproken? Per actie: is het gedaan, loopt het door of "
        "laten we het los? En wat hebben we ervan geleerd?"
    ),
    watch_for=(
        "Zoek geen schuldige: het gaat om wat de actie heeft opgeleverd en geleerd.",
        "Een actie die steeds doorschuift: is hij nog de moeite waard, of te groot?",
    ),
    questions=(
        "Wat heb je gedaan, en wat gebeurde er toen?",
        "Wat heb je daarvan geleerd?",
        "Wat is er nodig om de actie af te ronden?",
    ),
)


@dataclass(frozen=True)
class Session:
    """A session with everything needed to show it, run with its own template version."""

    id: str
    team: Team
    template: Template
    date: date
    facilitator: str
    status: SessionStatus
    present: tuple[Person, ...]
    casusinbrenger: Person | None
    current_step: str
    has_lookback: bool
    linked_session_id: str | None
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def steps(self) -> tuple[Step, ...]:
        return ((LOOKBACK_STEP,) if self.has_lookback else ()) + self.template.steps

    @property
    def is_finished(self) -> bool:
        return self.status is SessionStatus.FINISHED
