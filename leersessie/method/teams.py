"""Teams (or intervisiegroepen) and their participants."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.method.models import Person, Team
from leersessie.store.ids import new_id, now_iso


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError(tr("Geef het team een naam."))
    return cleaned


def check_team_name(name: str) -> None:
    """Refuse a team name as creating the team would (a form checks while the user types)."""
    _clean_name(name)


def _clean_people(names: Sequence[str]) -> list[str]:
    cleaned = [" ".join(name.split()) for name in names]
    return [name for name in cleaned if name]


def create_team(db: Database, name: str, participants: Sequence[str] = ()) -> Team:
    team_id = new_id()
    stamp = now_iso()
    with db.atomic():
        db.table("teams").insert(
            {"id": team_id, "name": _clean_name(name), "created_at": stamp, "updated_at": stamp}
        )
        for position, person in enumerate(_clean_people(participants)):
            _insert_person(db, team_id, person, position)
    return get_team(db, team_id)


def _insert_person(db: Database, team_id: str, name: str, position: int) -> str:
    person_id = new_id()
    db.table("people").insert(
        {
            "id": person_id,
            "team_id": team_id,
            "name": name,
            "active": 1,
            "position": position,
            "created_at": now_iso(),
        }
    )
    return person_id


def add_person(db: Database, team_id: str, name: str) -> Person:
    cleaned = _clean_people([name])
    if not cleaned:
        raise InputError(tr("Geef de deelnemer een naam."))
    with db.atomic():
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM people WHERE team_id = ?", [team_id]
        ).fetchone()[0]
        person_id = _insert_person(db, team_id, cleaned[0], position)
    return Person(person_id, team_id, cleaned[0])


def rename_team(db: Database, team_id: str, name: str) -> None:
    with db.atomic():
        db.table("teams").update(team_id, {"name": _clean_name(name), "updated_at": now_iso()})


def set_person_active(db: Database, person_id: str, active: bool) -> None:
    """Someone who left stays in the history but is no longer offered for new sessions."""
    with db.atomic():
        db.table("people").update(person_id, {"active": int(active)})


def set_participants(db: Database, team_id: str, names: Sequence[str]) -> None:
    """Make the team's active participants exactly ``names``: new names join, someone
    left off stays in the history but is no longer offered, someone back is active
    again. Names compare with spaces folded, as they are stored."""
    wanted = dict.fromkeys(_clean_people(names))
    with db.atomic():
        current = {
            r["name"]: r
            for r in db.query(
                "SELECT id, name, active FROM people WHERE team_id = ? AND guest = 0", [team_id]
            )
        }
        for name, row in current.items():
            if bool(row["active"]) != (name in wanted):
                set_person_active(db, row["id"], name in wanted)
        for name in wanted:
            if name not in current:
                add_person(db, team_id, name)


def get_team(db: Database, team_id: str) -> Team:
    row = db.table("teams").get(team_id)
    people = tuple(
        Person(r["id"], team_id, r["name"], bool(r["active"]))
        for r in db.query(
            "SELECT id, name, active FROM people WHERE team_id = ? AND guest = 0 "
            "ORDER BY position, name",
            [team_id],
        )
    )
    return Team(row["id"], row["name"], people)


def list_teams(db: Database) -> list[Team]:
    """Teams without their people, sorted by name, for pickers and the home screen."""
    return [
        Team(r["id"], r["name"])
        for r in db.query("SELECT id, name FROM teams ORDER BY name COLLATE NOCASE")
    ]


def find_team(db: Database, name_or_id: str) -> Team | None:
    row = next(
        db.query(
            "SELECT id FROM teams WHERE id = ? OR name = ? COLLATE NOCASE LIMIT 1",
            [name_or_id, name_or_id],
        ),
        None,
    )
    return get_team(db, row["id"]) if row else None


def people_by_team(db: Database, team_id: str | None = None) -> list[tuple[str, Person]]:
    """(team name, person) for one team or all teams, by team and position, in one query
    (the owner filter of the actions overview lists everyone of 200 teams)."""
    where, params = ("WHERE t.id = ?", [team_id]) if team_id else ("", [])
    return [
        (r["team_name"], Person(r["id"], r["team_id"], r["name"], bool(r["active"])))
        for r in db.query(
            f"SELECT p.id, p.team_id, p.name, p.active, t.name AS team_name "
            f"FROM people p JOIN teams t ON t.id = p.team_id AND p.guest = 0 {where} "
            f"ORDER BY t.name COLLATE NOCASE, p.position, p.name",
            params,
        )
    ]
