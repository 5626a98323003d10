"""Leerreview: the findings of a casegroep and the measures a reviewteam makes of them.

A casegroep session (practitioners) ends with findings. A reviewteam session
(managers) is linked to one finished casegroep session and turns each finding into
improvement measures, each with an owner and a level. The link is kept both ways:
``measures_for_finding`` goes from a finding to its measures (across every reviewteam
session that worked on it).

Which sessions a reviewteam may link to: the reviewteam is usually a different group
(managers of several organisations) than the casegroep, so ``linkable_sessions``
offers the finished sessions of the linked template of *all* teams, the asking team's
own sessions first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, from_iso, to_iso
from leersessie.base.errors import InputError
from leersessie.base.i18n import ntr, tr
from leersessie.method.models import ActionStatus, ReviewOutcome, SessionInfo, SessionStatus
from leersessie.store.ids import new_id, now_iso


class MeasureLevel(StrEnum):
    """Where a measure changes something; the values are stored in the database.

    The source has the reviewteam work "op organisatie-/systeemniveau" (seed 004, line
    31): new measures choose between those two. ``TEAM`` only names the level of measures
    recorded before, which keep it."""

    TEAM = "team"
    ORGANISATIE = "organisatie"
    SYSTEEM = "systeem"

    @property
    def label(self) -> str:
        return {
            MeasureLevel.TEAM: tr("Team"),
            MeasureLevel.ORGANISATIE: tr("Organisatie"),
            MeasureLevel.SYSTEEM: tr("Systeem"),
        }[self]


@dataclass(frozen=True)
class Finding:
    id: str
    session_id: str
    step_key: str
    text: str
    position: int


@dataclass(frozen=True)
class Measure:
    id: str
    session_id: str
    finding_id: str
    what: str
    owner: str
    level: MeasureLevel
    due_date: date | None
    position: int
    # Tracked like an action: open until a later reviewteam looks back on it.
    status: ActionStatus = ActionStatus.OPEN


# --- findings --------------------------------------------------------------


def _clean_finding(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError(tr("Schrijf de bevinding op: wat heeft de casegroep gevonden?"))
    return cleaned


def _finding(row: dict[str, Any]) -> Finding:
    return Finding(row["id"], row["session_id"], row["step_key"], row["text"], row["position"])


def get_finding(db: Database, finding_id: str) -> Finding:
    return _finding(db.table("findings").get(finding_id))


def add_finding(db: Database, session_id: str, step_key: str, text: str) -> Finding:
    """Record a finding at the end of the session's findings."""
    finding_id = new_id()
    with db.atomic():
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM findings WHERE session_id = ?", [session_id]
        ).fetchone()[0]
        db.table("findings").insert(
            {
                "id": finding_id,
                "session_id": session_id,
                "step_key": step_key,
                "text": _clean_finding(text),
                "position": position,
                "created_at": now_iso(),
            }
        )
    return get_finding(db, finding_id)


def update_finding(db: Database, finding_id: str, text: str) -> Finding:
    with db.atomic():
        db.table("findings").update(finding_id, {"text": _clean_finding(text)})
    return get_finding(db, finding_id)


def remove_finding(db: Database, finding_id: str) -> None:
    """Remove a finding, unless a reviewteam already made measures of it.

    The database would delete those measures with it; refusing keeps a reviewteam's
    work from vanishing through an edit in the casegroep session.
    """
    with db.atomic():
        count = db.table("measures").count_where("finding_id = ?", [finding_id])
        if count:
            raise InputError(
                ntr(
                    "Deze bevinding is al uitgewerkt in {n} verbetermaatregel van een "
                    "reviewteam en kan daarom niet worden verwijderd. Pas de tekst aan, of "
                    "verwijder eerst de maatregel in de reviewteam-sessie.",
                    "Deze bevinding is al uitgewerkt in {n} verbetermaatregelen van een "
                    "reviewteam en kan daarom niet worden verwijderd. Pas de tekst aan, of "
                    "verwijder eerst de maatregelen in de reviewteam-sessie.",
                    count,
                )
            )
        db.table("findings").delete(finding_id)


def session_findings(db: Database, session_id: str) -> list[Finding]:
    """The findings of a casegroep session, in the order they were recorded."""
    return [
        _finding(row)
        for row in db.query(
            "SELECT * FROM findings WHERE session_id = ? ORDER BY position, created_at, rowid",
            [session_id],
        )
    ]


def linked_findings(db: Database, session_id: str) -> list[Finding]:
    """The findings a reviewteam session works through: those of its linked session."""
    row = db.execute("SELECT linked_session_id FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None or row[0] is None:
        return []
    return session_findings(db, row[0])


# --- measures --------------------------------------------------------------

_MEASURE_SELECT = """
    SELECT m.* FROM measures m
    JOIN findings f ON f.id = m.finding_id
    JOIN sessions s ON s.id = m.session_id
"""
_MEASURE_ORDER = "ORDER BY s.date, s.created_at, f.position, m.position, m.rowid"


def measure_from_row(row: dict[str, Any]) -> Measure:
    """A measure from a row of the measures table (or a query selecting ``m.*``)."""
    return _measure(row)


def _measure(row: dict[str, Any]) -> Measure:
    return Measure(
        row["id"],
        row["session_id"],
        row["finding_id"],
        row["what"],
        row["owner"],
        MeasureLevel(row["level"]),
        from_iso(row["due_date"]),
        row["position"],
        ActionStatus(row["status"]),
    )


# The levels a coach chooses from, in the order offered.
CHOOSABLE_LEVELS = (MeasureLevel.ORGANISATIE, MeasureLevel.SYSTEEM)


def _level(level: MeasureLevel | str) -> MeasureLevel:
    try:
        chosen = MeasureLevel(level)
    except ValueError:
        chosen = None
    if chosen not in CHOOSABLE_LEVELS:
        raise InputError(
            tr(
                "Kies het niveau van de maatregel: organisatie of systeem. Een reviewteam "
                "werkt bevindingen uit tot maatregelen op die niveaus."
            )
        )
    return chosen


def _measure_fields(
    what: str, owner: str, level: MeasureLevel | str, due: date | None
) -> dict[str, object]:
    cleaned_what = what.strip()
    if not cleaned_what:
        raise InputError(tr("Beschrijf de verbetermaatregel: wat gaat er veranderen?"))
    cleaned_owner = " ".join(owner.split())
    if not cleaned_owner:
        raise InputError(tr("Wie is eigenaar van deze maatregel? Vul een naam of functie in."))
    return {
        "what": cleaned_what,
        "owner": cleaned_owner,
        "level": _level(level).value,
        "due_date": to_iso(due),
    }


def _check_finding_belongs(db: Database, session_id: str, finding_id: str) -> None:
    linked = db.execute(
        "SELECT linked_session_id FROM sessions WHERE id = ?", [session_id]
    ).fetchone()
    origin = db.execute("SELECT session_id FROM findings WHERE id = ?", [finding_id]).fetchone()
    if origin is None:
        raise InputError(tr("Deze bevinding bestaat niet meer; kies een andere bevinding."))
    if linked is None or linked[0] != origin[0]:
        raise InputError(
            tr(
                "Deze bevinding hoort niet bij de casegroep-sessie waaraan deze "
                "sessie gekoppeld is; kies een bevinding uit die sessie."
            )
        )


def get_measure(db: Database, measure_id: str) -> Measure:
    return _measure(db.table("measures").get(measure_id))


def add_measure(
    db: Database,
    session_id: str,
    finding_id: str,
    what: str,
    owner: str,
    level: MeasureLevel | str,
    due: date | None,
) -> Measure:
    """Record an improvement measure for a finding of the linked casegroep session."""
    fields = _measure_fields(what, owner, level, due)
    measure_id = new_id()
    with db.atomic():
        _check_finding_belongs(db, session_id, finding_id)
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM measures "
            "WHERE session_id = ? AND finding_id = ?",
            [session_id, finding_id],
        ).fetchone()[0]
        db.table("measures").insert(
            {
                "id": measure_id,
                "session_id": session_id,
                "finding_id": finding_id,
                **fields,
                "position": position,
                "created_at": now_iso(),
            }
        )
    return get_measure(db, measure_id)


def update_measure(
    db: Database,
    measure_id: str,
    *,
    what: str,
    owner: str,
    level: MeasureLevel | str,
    due: date | None,
) -> Measure:
    fields = _measure_fields(what, owner, level, due)
    with db.atomic():
        db.table("measures").update(measure_id, fields)
    return get_measure(db, measure_id)


def remove_measure(db: Database, measure_id: str) -> None:
    with db.atomic():
        db.table("measures").delete(measure_id)


def session_measures(db: Database, session_id: str) -> list[Measure]:
    """A reviewteam session's measures, grouped by finding in the findings' order."""
    return [
        _measure(row)
        for row in db.query(
            f"{_MEASURE_SELECT} WHERE m.session_id = ? {_MEASURE_ORDER}", [session_id]
        )
    ]


def measures_for_finding(db: Database, finding_id: str) -> list[Measure]:
    """From a finding to its measures, over every reviewteam session, oldest first."""
    return [
        _measure(row)
        for row in db.query(
            f"{_MEASURE_SELECT} WHERE m.finding_id = ? {_MEASURE_ORDER}", [finding_id]
        )
    ]


def earlier_measures(
    db: Database, session_id: str, finding_id: str
) -> list[tuple[Measure, ReviewOutcome | None]]:
    """The look back of a reviewteam: the measures earlier reviewteam sessions made of
    this finding, oldest first, each with the outcome given in this session, if any."""
    rows = db.query(
        f"""{_MEASURE_SELECT}
        JOIN sessions here ON here.id = ?
        WHERE m.finding_id = ? AND m.session_id != here.id
          AND (s.date < here.date OR (s.date = here.date AND s.created_at < here.created_at))
        {_MEASURE_ORDER}""",
        [session_id, finding_id],
    )
    measures = [_measure(row) for row in rows]
    outcomes = {
        row["measure_id"]: ReviewOutcome(row["outcome"])
        for row in db.query(
            "SELECT measure_id, outcome FROM measure_reviews WHERE session_id = ?", [session_id]
        )
    }
    return [(measure, outcomes.get(measure.id)) for measure in measures]


_STATUS_AFTER = {
    ReviewOutcome.DONE: ActionStatus.DONE,
    ReviewOutcome.DROPPED: ActionStatus.DROPPED,
    ReviewOutcome.CONTINUED: ActionStatus.OPEN,
}


def review_measure(
    db: Database,
    measure_id: str,
    session_id: str,
    outcome: ReviewOutcome,
    new_due: date | None = None,
) -> Measure:
    """Record a later reviewteam's look back on a measure; the measure takes the status
    (and, when it continues, the date) of its latest look back. Reviewing it again in
    the same session replaces that review."""
    if outcome is ReviewOutcome.CONTINUED and new_due is None:
        raise InputError(tr("Geef een nieuwe datum voor een maatregel die doorloopt."))
    if outcome is not ReviewOutcome.CONTINUED:
        new_due = None
    with db.atomic():
        db.execute(
            "INSERT INTO measure_reviews (id, measure_id, session_id, outcome, new_due_date, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (measure_id, session_id) "
            "DO UPDATE SET outcome = excluded.outcome, new_due_date = excluded.new_due_date",
            [new_id(), measure_id, session_id, outcome.value, to_iso(new_due), now_iso()],
        )
        latest, due = db.execute(
            "SELECT r.outcome, r.new_due_date FROM measure_reviews r "
            "JOIN sessions s ON s.id = r.session_id WHERE r.measure_id = ? "
            "ORDER BY s.date DESC, r.created_at DESC LIMIT 1",
            [measure_id],
        ).fetchone()
        changes: dict[str, object] = {"status": _STATUS_AFTER[ReviewOutcome(latest)].value}
        if due is not None:
            changes["due_date"] = due
        db.table("measures").update(measure_id, changes)
    return get_measure(db, measure_id)


# --- linking sessions --------------------------------------------------------

_INFO_SELECT = """
    SELECT s.id, s.team_id, t.name AS team_name, s.template_id, v.title, s.date,
           s.facilitator, s.status
    FROM sessions s JOIN teams t ON t.id = s.team_id
    JOIN template_versions v ON v.id = s.template_version_id
"""


def _info(row: dict[str, Any]) -> SessionInfo:
    return SessionInfo(
        row["id"],
        row["team_id"],
        row["team_name"],
        row["template_id"],
        row["title"],
        day_from_iso(row["date"]),
        row["facilitator"],
        SessionStatus(row["status"]),
    )


def linkable_sessions(db: Database, team_id: str, template_id: str) -> list[SessionInfo]:
    """Finished sessions of ``template_id`` (the template a reviewteam links to) that a
    session of ``team_id`` may work out: those of every team, since a reviewteam of
    managers is rarely the casegroep's own team. The team's own sessions come first,
    then the newest."""
    return [
        _info(row)
        for row in db.query(
            f"""{_INFO_SELECT} WHERE s.template_id = ? AND s.status = ?
        ORDER BY s.team_id != ?, s.date DESC, s.created_at DESC""",
            [template_id, SessionStatus.FINISHED.value, team_id],
        )
    ]
