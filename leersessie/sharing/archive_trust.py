"""Whose records an archive holds, and whether they fit this database, checked before a
plan is made: an archive changes only its own team.

A team archive arrives from a colleague or from a folder anyone in the team can write
to. ``leersessie.sharing.archive`` has checked its limits and its shape; here it is checked
against the database:

- every record belongs to the team its manifest names: the team itself, its people,
  sessions and actions by their team, everything else by a session of the archive;
- a record the archive shares an id with (or a person, action or measure it points to)
  is, here too, of that team: an archive never moves, rewrites or adds to another team's
  record;
- every tombstone is of that team;
- every value has the type its column has here, and a column that must have a value has
  one;
- a template text this database does not have yet is the text its sha256 says, and a
  template Leersessie can read (a session with a broken one could not be opened).

Anything else refuses the whole archive, with what was found. References that may cross
teams stay allowed: a reviewteam session links to a casegroep session of another team,
and its measures hang on that session's findings (the archive does not change them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from leersessie.base.errors import TemplateError
from leersessie.base.i18n import tr
from leersessie.method.templates import TemplateOrigin, parse_template
from leersessie.sharing.archive import LOCAL_COLUMNS, Archive, ArchiveError, Row

# The team of a record here, as SQL over the table's alias ``t``.
_TEAM_OF = {
    "teams": "t.id",
    "people": "t.team_id",
    "sessions": "t.team_id",
    "actions": "t.team_id",
}
_TEAM_BY_SESSION = "(SELECT team_id FROM sessions WHERE id = t.session_id)"
# References to records that must be the archive's team's too: (table, column, parent).
_OWNED_REFERENCES = (
    ("sessions", "casusinbrenger_id", "people"),
    ("attendance", "person_id", "people"),
    ("actions", "owner_id", "people"),
    ("action_reviews", "action_id", "actions"),
    ("development_questions", "person_id", "people"),
    ("questions", "asker_id", "people"),
    ("person_ratings", "person_id", "people"),
    ("measure_reviews", "measure_id", "measures"),
    ("theme_findings", "theme_id", "themes"),
)
_TYPES: dict[str, tuple[type, ...]] = {
    "TEXT": (str,),
    "INTEGER": (int,),
    "REAL": (int, float),
}


def table_labels() -> dict[str, str]:
    """What the records of each table are, in the coach's words (plural, for counts)."""
    return {
        "teams": tr("teams"),
        "people": tr("deelnemers"),
        "sessions": tr("sessies"),
        "attendance": tr("aanwezigheden"),
        "notes": tr("notities"),
        "actions": tr("acties"),
        "action_reviews": tr("terugblikken"),
        "findings": tr("bevindingen"),
        "measures": tr("maatregelen"),
        "ratings": tr("scores"),
        "development_questions": tr("ontwikkelvragen"),
        "questions": tr("vragen"),
        "person_ratings": tr("scores per deelnemer"),
        "measure_reviews": tr("terugblikken op maatregelen"),
        "themes": tr("thema's"),
        "theme_findings": tr("bevindingen bij een thema"),
        "template_versions": tr("sjabloonversies"),
    }


def team_of(archive: Archive) -> str:
    """The team the archive's manifest names (its shape is checked when it is read)."""
    return str(archive.manifest["teams"][0]["id"])


def check_archive(db: Database, archive: Archive) -> None:
    """Refuse the whole archive when anything in it is not of its own team, or does not
    fit this database's columns; changes nothing."""
    _check_types(db, archive)
    _check_templates(db, archive)
    team = team_of(archive)
    names = _team_names(db)
    problems = [
        *_foreign_in_archive(archive, team),
        *_foreign_here(db, archive, team, names),
        *_foreign_references(db, archive, team, names),
    ]
    if archive.tombstones and any(row["team_id"] != team for row in archive.tombstones):
        problems.append(tr("verwijderingen van een ander team"))
    if problems:
        raise ArchiveError(
            tr(
                "Dit archief is van team “{team}”, maar bevat ook gegevens van een ander "
                "team: {found}. Een archief mag alleen zijn eigen team wijzigen, dus het is "
                "helemaal geweigerd; er is niets gewijzigd. Vraag de collega die het maakte "
                "om het team opnieuw te exporteren.",
                team=_archive_team_name(archive, names),
                found="; ".join(problems[:5]),
            )
        )


def _team_names(db: Database) -> dict[str, str]:
    return {row[0]: row[1] for row in db.execute("SELECT id, name FROM teams")}


def _archive_team_name(archive: Archive, names: Mapping[str, str]) -> str:
    team = team_of(archive)
    rows = archive.tables.get("teams", [])
    name = rows[0].get("name") if rows else archive.manifest["teams"][0].get("name")
    return str(name or names.get(team) or team)


def _foreign_in_archive(archive: Archive, team: str) -> Iterable[str]:
    """Records the archive itself says are of another team, or of no session of it."""
    labels = table_labels()
    teams = archive.tables.get("teams", [])
    if len(teams) != 1 or teams[0]["id"] != team:
        yield tr("een ander team dan in het manifest")
    sessions = {row["id"] for row in archive.tables.get("sessions", [])}
    for table, rows in archive.tables.items():
        if table in ("teams", "template_versions"):
            continue
        by_session = table not in ("people", "sessions")  # actions have both
        foreign = sum(
            1
            for row in rows
            if (table in _TEAM_OF and row.get("team_id") != team)
            or (by_session and row.get("session_id") not in sessions)
        )
        if foreign:
            yield tr(
                "{label}: {count} van een ander team of van een sessie buiten het archief",
                label=labels[table],
                count=foreign,
            )


def _foreign_here(
    db: Database, archive: Archive, team: str, names: Mapping[str, str]
) -> Iterable[str]:
    """Records the archive shares an id with that are of another team here."""
    labels = table_labels()
    for table, rows in archive.tables.items():
        if table in ("template_versions", "attendance") or not rows or not db[table].exists():
            continue
        ids = [row["id"] for row in rows]
        yield from _of_other_teams(db, table, ids, team, names, labels[table])


def _foreign_references(
    db: Database, archive: Archive, team: str, names: Mapping[str, str]
) -> Iterable[str]:
    """People, actions, measures and themes the archive points to that are of another
    team here (an attendance or score would add to that team's record)."""
    labels = table_labels()
    in_archive = {
        parent: {row["id"] for row in archive.tables.get(parent, [])}
        for parent in {parent for _table, _column, parent in _OWNED_REFERENCES}
    }
    for table, column, parent in _OWNED_REFERENCES:
        pointed = {
            str(row[column])
            for row in archive.tables.get(table, [])
            if isinstance(row.get(column), str) and row[column] not in in_archive[parent]
        }
        if pointed:
            yield from _of_other_teams(db, parent, sorted(pointed), team, names, labels[parent])


def _of_other_teams(
    db: Database,
    table: str,
    ids: list[str],
    team: str,
    names: Mapping[str, str],
    label: str,
) -> Iterable[str]:
    owner = _TEAM_OF.get(table, _TEAM_BY_SESSION)
    found = db.execute(
        f"SELECT {owner} FROM {table} AS t WHERE t.id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    ).fetchall()
    others = [row[0] for row in found if row[0] != team]
    if others:
        yield tr(
            "{label}: {count} die hier bij team “{other}” horen",
            label=label,
            count=len(others),
            other=names.get(others[0], "?"),
        )


def _check_types(db: Database, archive: Archive) -> None:
    """Every value of the type its column has here; every column that must have a value
    (and has no default) present. Columns this database does not know are left out when
    the archive is written in, as before."""
    for table, rows in archive.tables.items():
        if not rows or not db[table].exists():
            continue
        columns = {column.name: column for column in db[table].columns}
        required = [
            column.name
            for column in columns.values()
            if column.notnull and column.default_value is None and column.name not in LOCAL_COLUMNS
        ]
        not_null = {column.name for column in columns.values() if column.notnull}
        for row in rows:
            problem = _row_problem(row, columns, required, not_null)
            if problem:
                raise ArchiveError(
                    tr(
                        "Dit archief is geweigerd: in {table} heeft het veld {column} niet "
                        "de juiste vorm (ontbrekend, leeg of van een verkeerd soort). Er is "
                        "niets gewijzigd. Vraag de collega die het maakte om het team "
                        "opnieuw te exporteren.",
                        table=table_labels()[table],
                        column=problem,
                    )
                )


def _row_problem(
    row: Row, columns: Mapping[str, Any], required: list[str], not_null: set[str]
) -> str:
    for name in required:
        if row.get(name) is None:
            return name
    for name, value in row.items():
        column = columns.get(name)
        if column is None or (value is None and name not in not_null):
            continue
        if value is None:
            return name
        kinds = _TYPES.get(str(column.type).upper(), ())
        if kinds and (not isinstance(value, kinds) or isinstance(value, bool)):
            return name
    return ""


def _check_templates(db: Database, archive: Archive) -> None:
    """New template texts: the text their sha256 names, and readable as a template."""
    rows = archive.tables.get("template_versions", [])
    known = {
        row[0]
        for row in db.execute(
            "SELECT sha256 FROM template_versions WHERE sha256 IN (SELECT value FROM json_each(?))",
            [json.dumps([row["sha256"] for row in rows])],
        )
    }
    for row in rows:
        if row["sha256"] in known:
            continue
        text = str(row["source_text"])
        try:
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["sha256"]:
                raise ArchiveError(tr("de tekst van een sjabloon past niet bij zijn controlegetal"))
            parse_template(
                text,
                str(row["template_id"]),
                str(row["title"]),
                TemplateOrigin.BUILTIN,
                ran_before=True,
            )
        except (ArchiveError, TemplateError) as error:
            raise ArchiveError(
                tr(
                    "Dit archief is geweigerd: het sjabloon “{title}” erin is niet te lezen "
                    "({problem}). Er is niets gewijzigd. Vraag de collega die het maakte om "
                    "het team opnieuw te exporteren.",
                    title=str(row["title"])[:60],
                    problem=error.message[:200],
                )
            ) from error
