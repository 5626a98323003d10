"""Sessions: starting one, its notes and steps, finishing and reopening it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, to_iso
from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.method.models import Person, Session, SessionInfo, SessionStatus
from leersessie.method.teams import get_team
from leersessie.method.templates import Template, TemplateOrigin, parse_template
from leersessie.store.ids import new_id, now_iso


def remember_template(db: Database, template: Template) -> str:
    """Store this exact template text once; sessions point at it forever after."""
    row = next(
        db.query("SELECT id FROM template_versions WHERE sha256 = ?", [template.sha256]), None
    )
    if row:
        return str(row["id"])
    version_id = new_id()
    db.table("template_versions").insert(
        {
            "id": version_id,
            "template_id": template.id,
            "version": template.version,
            "title": template.title,
            "sha256": template.sha256,
            "source_text": template.source_text,
            "created_at": now_iso(),
        }
    )
    return version_id


def start_session(
    db: Database,
    *,
    team_id: str,
    template: Template,
    on: date,
    facilitator: str,
    present: Sequence[str],
    casusinbrenger_id: str | None = None,
    linked_session_id: str | None = None,
    guests: Sequence[str] = (),
) -> str:
    """Create a session and return its id. ``present`` holds person ids of the team;
    ``guests`` the names of people from other organisations who take part in this
    session only, without becoming members of the team."""
    team = get_team(db, team_id)
    known = {person.id for person in team.people}
    guest_names = list(dict.fromkeys(" ".join(name.split()) for name in guests if name.strip()))
    if not present and not guest_names:
        raise InputError(tr("Kies wie er aanwezig zijn."))
    if set(present) - known:
        raise InputError(tr("Een van de aanwezigen hoort niet bij dit team."))
    if template.casusinbrenger and casusinbrenger_id and casusinbrenger_id not in present:
        raise InputError(tr("De casusinbrenger moet bij de aanwezigen horen."))
    if template.links_to and not linked_session_id:
        raise InputError(
            tr("Kies de afgeronde sessie waarvan deze sessie de bevindingen uitwerkt.")
        )
    session_id = new_id()
    stamp = now_iso()
    with db.atomic():
        version_id = remember_template(db, template)
        has_lookback = template.opens_with_lookback and _team_has_open_actions(db, team_id)
        db.table("sessions").insert(
            {
                "id": session_id,
                "team_id": team_id,
                "template_version_id": version_id,
                "template_id": template.id,
                "template_version": template.version,
                "date": to_iso(on),
                "facilitator": " ".join(facilitator.split()),
                "casusinbrenger_id": casusinbrenger_id if template.casusinbrenger else None,
                "linked_session_id": linked_session_id,
                "status": SessionStatus.OPEN.value,
                "current_step": "",
                "has_lookback": int(has_lookback),
                "created_at": stamp,
                "updated_at": stamp,
                "finished_at": None,
            }
        )
        guest_ids = [_insert_guest(db, team_id, name, stamp) for name in guest_names]
        db.table("attendance").insert_all(
            {"session_id": session_id, "person_id": person_id}
            for person_id in dict.fromkeys([*present, *guest_ids])
        )
    return session_id


def _insert_guest(db: Database, team_id: str, name: str, stamp: str) -> str:
    guest_id = new_id()
    db.table("people").insert(
        {
            "id": guest_id,
            "team_id": team_id,
            "name": name,
            "active": 1,
            "guest": 1,
            "position": 0,
            "created_at": stamp,
        }
    )
    return guest_id


def _team_has_open_actions(db: Database, team_id: str) -> bool:
    exists: int = db.execute(
        "SELECT EXISTS (SELECT 1 FROM actions WHERE team_id = ? AND status = 'open')", [team_id]
    ).fetchone()[0]
    return exists == 1


def load_session(db: Database, session_id: str) -> Session:
    row = db.table("sessions").get(session_id)
    version = db.table("template_versions").get(row["template_version_id"])
    template = parse_template(
        version["source_text"],
        version["template_id"],
        f"{version['template_id']}.toml (versie {version['version']})",
        TemplateOrigin.BUILTIN,
        ran_before=True,
    )
    team = get_team(db, row["team_id"])
    present_ids = {
        r["person_id"]
        for r in db.query("SELECT person_id FROM attendance WHERE session_id = ?", [session_id])
    }
    guests = tuple(
        Person(r["id"], team.id, r["name"], guest=True)
        for r in db.query(
            "SELECT p.id, p.name FROM attendance a JOIN people p ON p.id = a.person_id "
            "WHERE a.session_id = ? AND p.guest = 1 ORDER BY p.name",
            [session_id],
        )
    )
    present = tuple(p for p in team.people if p.id in present_ids) + guests
    notes = {
        r["step_key"]: r["text"]
        for r in db.query("SELECT step_key, text FROM notes WHERE session_id = ?", [session_id])
    }
    casusinbrenger: Person | None = next(
        (p for p in team.people if p.id == row["casusinbrenger_id"]), None
    )
    return Session(
        id=session_id,
        team=team,
        template=template,
        date=day_from_iso(row["date"]),
        facilitator=row["facilitator"],
        status=SessionStatus(row["status"]),
        present=present,
        casusinbrenger=casusinbrenger,
        current_step=row["current_step"],
        has_lookback=bool(row["has_lookback"]),
        linked_session_id=row["linked_session_id"],
        notes=notes,
    )


def save_note(db: Database, session_id: str, step_key: str, text: str) -> None:
    """Upsert one step's notes; one short transaction, cheap enough for the typing path."""
    stamp = now_iso()
    with db.atomic():
        db.execute(
            "INSERT INTO notes (id, session_id, step_key, text, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, step_key) "
            "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            [new_id(), session_id, step_key, text, stamp],
        )


def saved_note(db: Database, session_id: str, step_key: str) -> str:
    """One step's notes as they are on disk now (a loaded Session holds them as loaded)."""
    row = db.execute(
        "SELECT text FROM notes WHERE session_id = ? AND step_key = ?", [session_id, step_key]
    ).fetchone()
    return row[0] if row else ""


def set_current_step(db: Database, session_id: str, step_key: str) -> None:
    with db.atomic():
        db.execute("UPDATE sessions SET current_step = ? WHERE id = ?", [step_key, session_id])


def finish_session(db: Database, session_id: str) -> None:
    stamp = now_iso()
    with db.atomic():
        db.table("sessions").update(
            session_id,
            {"status": SessionStatus.FINISHED.value, "finished_at": stamp, "updated_at": stamp},
        )


def reopen_session(db: Database, session_id: str) -> None:
    """The explicit way to edit a finished session."""
    with db.atomic():
        db.table("sessions").update(
            session_id, {"status": SessionStatus.OPEN.value, "updated_at": now_iso()}
        )


def session_status(db: Database, session_id: str) -> SessionStatus | None:
    """The session's status as stored; None once it is deleted."""
    row = db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
    return SessionStatus(row[0]) if row else None


_INFO_SELECT = """
    SELECT s.id, s.team_id, t.name AS team_name, s.template_id, v.title, s.date,
           s.facilitator, s.status
    FROM sessions s JOIN teams t ON t.id = s.team_id
    JOIN template_versions v ON v.id = s.template_version_id
"""


def list_sessions(
    db: Database, team_id: str | None = None, limit: int | None = None, offset: int = 0
) -> list[SessionInfo]:
    """Newest first."""
    where, params = ("WHERE s.team_id = ?", [team_id]) if team_id else ("", [])
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return [
        SessionInfo(
            r["id"],
            r["team_id"],
            r["team_name"],
            r["template_id"],
            r["title"],
            day_from_iso(r["date"]),
            r["facilitator"],
            SessionStatus(r["status"]),
        )
        for r in db.query(
            f"{_INFO_SELECT} {where} ORDER BY s.date DESC, s.created_at DESC{page}", params
        )
    ]
