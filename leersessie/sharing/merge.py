"""Merging a team archive into the database by UUID: first a plan the coach reads, then
the plan applied in one transaction after a backup.

Per record (docs/archive.md has the whole story):
- only here or only in the archive: it stays, or it is added;
- the same content: nothing happens;
- one side's version is a version the other side has already seen (``sync_history``):
  the other side changed it, so that version is taken;
- both changed it since they last met: the later change (``changed_at``) is kept, and
  the other text is added to the session's notes, so nothing is lost;
- deleted on either side (a tombstone): it stays deleted, whatever changed since.
Importing the same archive again changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlite_utils import Database

from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.method.models import LOOKBACK_STEP_KEY
from leersessie.method.questions import LEGACY_KINDS
from leersessie.method.sessions import load_session
from leersessie.privacy.client_data import SESSION_TEXTS, Hit, blocked_names_of, scan
from leersessie.privacy.deletion import record_pending, scrub
from leersessie.privacy.pseudonyms import Cleaner, cleaner_of
from leersessie.sharing.archive import (
    LOCAL_COLUMNS,
    MERGED_TABLES,
    SPECS,
    Archive,
    ArchiveError,
    Row,
    TableSpec,
    record_hash,
    remember_versions,
    team_session_ids,
)
from leersessie.sharing.archive_trust import check_archive, table_labels, team_of
from leersessie.store.backup import BackupKind, make_backup
from leersessie.store.ids import new_id, now_iso
from leersessie.store.migrations import id_hash


def _cleaned_columns() -> dict[str, tuple[str, ...]]:
    """The texts an import cleans and checks for client data, per table: a session's free
    texts, and a person's name (a participant pseudonymised here stays so)."""
    columns: dict[str, tuple[str, ...]] = {"people": ("name",)}
    for table, column, _label in SESSION_TEXTS:
        columns[table] = (*columns.get(table, ()), column)
    return columns


CLEANED_COLUMNS = _cleaned_columns()
FINDINGS_SHOWN = 10  # hits listed one by one in the plan; the rest are counted


def conflict_texts() -> dict[str, tuple[str, str]]:
    """The free text of a record a conflict note keeps, and what to call one record."""
    return {
        "teams": ("", tr("team")),
        "people": ("", tr("deelnemer")),
        "sessions": ("", tr("sessie")),
        "notes": ("text", tr("notitie")),
        "actions": ("what", tr("actie")),
        "action_reviews": ("learned", tr("terugblik")),
        "findings": ("text", tr("bevinding")),
        "measures": ("what", tr("maatregel")),
        "ratings": ("", tr("score")),
        "development_questions": ("question", tr("ontwikkelvraag")),
        "questions": ("text", tr("vraag")),
        "person_ratings": ("", tr("score per deelnemer")),
        "measure_reviews": ("", tr("terugblik op een maatregel")),
        "themes": ("text", tr("thema")),
    }


class Step(StrEnum):
    ADD = "add"
    TAKE = "take"  # replace the local version by the archive's
    KEEP = "keep"  # the local version stays; the archive's is remembered as seen


@dataclass(frozen=True)
class Operation:
    table: str
    step: Step
    local_id: str
    row: Row  # what to write: the archive's version, its references in local ids
    history: tuple[str, ...]  # the versions of the archive's record, its own included


@dataclass(frozen=True)
class Conflict:
    table: str
    record_id: str
    session_id: str | None
    kept_archive: bool  # True: the archive's version was later and is kept
    losing_text: str  # '' when the record has no free text (a session's details)
    label: str  # what it is, in the coach's language
    session_date: str = ""  # the session it belongs to, for the coach to find it

    def describe(self) -> str:
        side = tr("die uit het archief") if self.kept_archive else tr("die van deze computer")
        if self.table == "sessions" and self.session_date:
            label = tr("de sessie van {date}", date=self.session_date)
        elif self.session_date:
            label = tr("{label} in de sessie van {date}", label=self.label, date=self.session_date)
        else:
            label = self.label
        text = tr(
            "{label}: op beide computers gewijzigd; de latere versie blijft ({side}).",
            label=label[:1].upper() + label[1:],
            side=side,
        )
        if self.losing_text:
            text += " " + tr(
                "De andere versie komt bij de notities van de sessie: “{text}”",
                text=_shorten(self.losing_text),
            )
        return text


@dataclass(frozen=True)
class Finding:
    """A possible piece of client data in a text the import brings in."""

    where: str  # what the text is, in the coach's words: notitie, actie...
    hit: Hit


@dataclass
class ImportPlan:
    archive: Archive
    team_name: str = ""  # the archive's team, as the archive names it
    name_here: str = ""  # the team's name here ('' when the team is new here)
    operations: list[Operation] = field(default_factory=list)
    deletions: list[tuple[str, str]] = field(default_factory=list)  # (table, id)
    deleted_along: Counter[str] = field(default_factory=Counter)  # a deleted session's rows
    tombstones: list[Row] = field(default_factory=list)  # the archive's, that apply here
    cleaned: int = 0  # replacements made in incoming text (pseudonyms, "niet vastleggen")
    findings: list[Finding] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stays_deleted: int = 0  # records in the archive that were deleted here
    left_out: int = 0  # records whose session or team is not here (deleted or not exported)
    template_map: dict[str, str] = field(default_factory=dict)  # archive id -> local id
    new_templates: list[Row] = field(default_factory=list)

    def counts(self, step: Step) -> Counter[str]:
        return Counter(op.table for op in self.operations if op.step is step)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.deletions
            or self.new_templates
            or any(op.step is not Step.KEEP for op in self.operations)
            or self.conflicts
        )

    def lines(self) -> list[str]:
        """The plan in the coach's words, shown before anything is written."""
        out = [tr("Team: “{name}”", name=self.team_name)]
        if not self.changes_anything:
            out.append(tr("Niets te doen: alles uit dit archief staat hier al."))
        out += self._rename_lines()
        for title, counter in (
            (tr("Toevoegen"), self.counts(Step.ADD)),
            (tr("Bijwerken"), self.counts(Step.TAKE)),
        ):
            if counter:
                out.append(f"{title}: {_counted(counter)}")
        if self.deletions:
            out.append(
                tr(
                    "Verwijderen uit team “{team}”, omdat het archief meldt dat het op een "
                    "andere computer is verwijderd: {counts}",
                    team=self.name_here or self.team_name,
                    counts=_counted(Counter(table for table, _id in self.deletions)),
                )
            )
            if self.deleted_along:
                out.append(
                    "  " + tr("met alles daarin: {counts}", counts=_counted(self.deleted_along))
                )
        if self.stays_deleted:
            out.append(
                tr(
                    "Blijft verwijderd: {count} onderdelen die hier al waren verwijderd.",
                    count=self.stays_deleted,
                )
            )
        if self.left_out:
            out.append(
                tr(
                    "Overgeslagen: {count} onderdelen van sessies of teams die hier niet "
                    "(meer) zijn.",
                    count=self.left_out,
                )
            )
        if self.conflicts:
            out.append(tr("Conflicten: {count}", count=len(self.conflicts)))
            out.extend(f"  • {conflict.describe()}" for conflict in self.conflicts)
        return out + self._privacy_lines()

    def _rename_lines(self) -> list[str]:
        if not self.name_here or self.name_here == self.team_name:
            return []
        renamed = any(op.table == "teams" and op.step is Step.TAKE for op in self.operations)
        if renamed:
            return [
                tr(
                    "Hernoemen: team “{old}” heet voortaan “{new}”.",
                    old=self.name_here,
                    new=self.team_name,
                )
            ]
        return [
            tr(
                "Het team heet in het archief “{new}”; hier blijft het “{old}”.",
                old=self.name_here,
                new=self.team_name,
            )
        ]

    def _privacy_lines(self) -> list[str]:
        out = []
        if self.cleaned:
            out.append(
                tr(
                    "Vervangen in wat binnenkomt: {count} keer een tekst die u hier door een "
                    "schuilnaam verving, of een naam van uw lijst 'niet vastleggen'.",
                    count=self.cleaned,
                )
            )
        if self.findings:
            out.append(
                tr(
                    "Controle op cliëntgegevens: {count} mogelijke cliëntgegevens in wat "
                    "binnenkomt. Controleer ze na het importeren (Meer > Controle op "
                    "cliëntgegevens):",
                    count=len(self.findings),
                )
            )
            out += [
                f"  • {finding.where}, {finding.hit.kind.label}: “{finding.hit.context}”"
                for finding in self.findings[:FINDINGS_SHOWN]
            ]
            if len(self.findings) > FINDINGS_SHOWN:
                out.append("  • " + tr("en nog {count}", count=len(self.findings) - FINDINGS_SHOWN))
        return out


def _counted(counter: Counter[str]) -> str:
    return ", ".join(
        f"{counter[table]} {label}" for table, label in table_labels().items() if counter[table]
    )


def _shorten(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- planning ----------------------------------------------------------------------


class _Planner:
    def __init__(self, db: Database, archive: Archive) -> None:
        self.db = db
        self.archive = archive
        self.plan = ImportPlan(archive)
        self.incoming_attendance = archive.attendance()
        # Tombstones keep a hash of the id, never the id: match the archive's ids by it.
        hashed = {
            id_hash(row["id"]): row["id"]
            for rows in archive.tables.values()
            for row in rows
            if "id" in row
        }
        self.tombstoned = self._local_tombstones(hashed)
        archive_gone = {tombstone["id_hash"] for tombstone in archive.tombstones}
        self.deleted_by_archive = {hashed[h] for h in archive_gone if h in hashed}
        self.added: dict[str, set[str]] = {}
        self.taken_ids: dict[str, dict[str, str]] = {}  # table -> archive id -> local id
        self.cleaner: Cleaner = cleaner_of(db)

    def _local_tombstones(self, hashed: dict[str, str]) -> set[str]:
        """The archive's ids that were deleted here."""
        return {
            hashed[row[0]]
            for row in self.db.execute(
                "SELECT id_hash FROM tombstones WHERE id_hash IN (SELECT value FROM json_each(?))",
                [json.dumps(list(hashed))],
            )
        }

    def run(self) -> ImportPlan:
        team = team_of(self.archive)
        self.plan.team_name = next(
            (str(row["name"]) for row in self.archive.tables.get("teams", [])), team
        )
        found = self.db.execute("SELECT name FROM teams WHERE id = ?", [team]).fetchone()
        self.plan.name_here = found[0] if found else ""
        self._templates()
        self._deletions()
        for spec in MERGED_TABLES:
            for row in self.archive.tables.get(spec.name, []):
                self._record(spec, row)
        self._check_client_data()
        return self.plan

    def _check_client_data(self) -> None:
        """The client-data check over what would come in (cleaned already)."""
        blocked = blocked_names_of(self.db)
        labels = {(table, column): label for table, column, label in SESSION_TEXTS}
        for op in self.plan.operations:
            if op.step is Step.KEEP:
                continue
            for column in CLEANED_COLUMNS.get(op.table, ()):
                label = labels.get((op.table, column))
                text = op.row.get(column)
                if label and isinstance(text, str):
                    self.plan.findings += [Finding(tr(label), hit) for hit in scan(text, blocked)]
        for conflict in self.plan.conflicts:
            if conflict.kept_archive:
                continue  # the losing text is this computer's own
            self.plan.findings += [
                Finding(conflict.label, hit) for hit in scan(conflict.losing_text, blocked)
            ]

    def _clean(self, spec: TableSpec, row: Row) -> tuple[Row, int]:
        """The row with the installation's replacements made in its texts."""
        if not self.cleaner.active:
            return row, 0
        cleaned, total = dict(row), 0
        for column in CLEANED_COLUMNS.get(spec.name, ()):
            if isinstance(cleaned.get(column), str):
                cleaned[column], count = self.cleaner.clean(cleaned[column])
                total += count
        return cleaned, total

    def _templates(self) -> None:
        for row in self.archive.tables.get("template_versions", []):
            local = self.db.execute(
                "SELECT id FROM template_versions WHERE id = ? OR sha256 = ?",
                [row["id"], row["sha256"]],
            ).fetchone()
            if local:
                self.plan.template_map[row["id"]] = local[0]
            else:
                self.plan.template_map[row["id"]] = row["id"]
                self.plan.new_templates.append(row)
                self.added.setdefault("template_versions", set()).add(row["id"])

    def _deletions(self) -> None:
        """The records of the archive's team here whose id hashes to a tombstone of it."""
        by_table: dict[str, set[str]] = {}
        for tombstone in self.archive.tombstones:
            by_table.setdefault(tombstone["table_name"], set()).add(tombstone["id_hash"])
        if not by_table or not self.archive.team_ids:
            return
        team = team_of(self.archive)
        params = {"team": team, "sessions": json.dumps(team_session_ids(self.db, team))}
        applied: set[str] = set()
        for table, hashes in by_table.items():
            for (record_id,) in self.db.execute(
                f"SELECT id FROM {table} WHERE {SPECS[table].selection}", params
            ):
                if id_hash(record_id) in hashes:
                    self.plan.deletions.append((table, record_id))
                    self.deleted_by_archive.add(record_id)
                    applied.add(id_hash(record_id))
        # Only a tombstone of a record of this team that is here is kept (and travels on):
        # one for anything else would wait to delete a record on another computer.
        self.plan.tombstones = [row for row in self.archive.tombstones if row["id_hash"] in applied]
        self._count_along()

    def _count_along(self) -> None:
        """What goes with the deleted sessions (their notes, actions...), for the plan."""
        sessions = json.dumps(
            [record_id for table, record_id in self.plan.deletions if table == "sessions"]
        )
        deleted = {record_id for _table, record_id in self.plan.deletions}
        for spec in MERGED_TABLES:
            if spec.name in ("teams", "people", "sessions") or not self.db[spec.name].exists():
                continue
            for (record_id,) in self.db.execute(
                f"SELECT id FROM {spec.name} WHERE session_id IN (SELECT value FROM json_each(?))",
                [sessions],
            ):
                if record_id not in deleted:
                    self.plan.deleted_along[spec.name] += 1

    def _exists_here(self, table: str, record_id: str) -> bool:
        found = self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone()
        return found is not None

    def _will_exist(self, table: str, record_id: str) -> bool:
        if record_id in self.tombstoned or record_id in self.deleted_by_archive:
            return False
        if record_id in self.added.get(table, ()) or record_id in self.taken_ids.get(table, {}):
            return True
        return self._exists_here(table, record_id)

    def _mapped(self, spec: TableSpec, row: Row) -> Row | None:
        """The row with its references in local ids; None when a required parent is gone."""
        mapped = dict(row)
        if spec.name == "questions" and mapped.get("corrected_kind") in LEGACY_KINDS:
            # An archive from before m012: its one waarom kind reads as the new one.
            mapped["corrected_kind"] = LEGACY_KINDS[mapped["corrected_kind"]]
        if "template_version_id" in mapped:
            mapped["template_version_id"] = self.plan.template_map.get(
                mapped["template_version_id"], mapped["template_version_id"]
            )
        for column, parent, required in spec.parents:
            value = mapped.get(column)
            if value is None:
                continue
            value = self.taken_ids.get(parent, {}).get(value, value)
            mapped[column] = value
            if required and not self._will_exist(parent, value):
                return None
        return mapped

    def _local_row(self, spec: TableSpec, row: Row) -> Row | None:
        found = list(self.db.query(f"SELECT * FROM {spec.name} WHERE id = ?", [row["id"]]))
        if not found and spec.natural_key:
            where = " AND ".join(f"{column} = ?" for column in spec.natural_key)
            found = list(
                self.db.query(
                    f"SELECT * FROM {spec.name} WHERE {where}",
                    [row[column] for column in spec.natural_key],
                )
            )
        return found[0] if found else None

    def _record(self, spec: TableSpec, row: Row) -> None:
        record_id = row["id"]
        if record_id in self.tombstoned:
            self.plan.stays_deleted += 1
            return
        if record_id in self.deleted_by_archive:
            return
        mapped = self._mapped(spec, row)
        if mapped is None:
            self.plan.left_out += 1
            return
        remote_hash = self._hash(spec, mapped, self.incoming_attendance.get(record_id, []))
        history = (*self.archive.history.get(record_id, ()), remote_hash)
        # Hashed as it came (the version seen), written as cleaned.
        mapped, cleaned = self._clean(spec, mapped)
        local = self._local_row(spec, mapped)
        if local is None:
            self.added.setdefault(spec.name, set()).add(record_id)
            self.plan.operations.append(Operation(spec.name, Step.ADD, record_id, mapped, history))
            self.plan.cleaned += cleaned
            return
        self.taken_ids.setdefault(spec.name, {})[record_id] = local["id"]
        step, row = self._decide(spec, local, mapped, remote_hash)
        self.plan.operations.append(Operation(spec.name, step, local["id"], row, history))
        if step is not Step.KEEP:
            self.plan.cleaned += cleaned

    def _hash(self, spec: TableSpec, row: Row, attendance: list[str] | None) -> str:
        return record_hash(row, attendance if spec.name == "sessions" else None)

    def _decide(
        self, spec: TableSpec, local: Row, remote: Row, remote_hash: str
    ) -> tuple[Step, Row]:
        local_present = [
            row[0]
            for row in self.db.execute(
                "SELECT person_id FROM attendance WHERE session_id = ?", [local["id"]]
            )
        ]
        comparable = {key: local.get(key) for key in remote}  # the archive's columns only
        local_hash = self._hash(spec, comparable, local_present)
        if local_hash == remote_hash:
            return Step.KEEP, remote
        seen_here = {
            row[0]
            for row in self.db.execute(
                "SELECT hash FROM sync_history WHERE record_id = ?", [local["id"]]
            )
        }
        if remote_hash in seen_here:
            return Step.KEEP, remote  # this computer has moved on from the archive's version
        if local_hash in self.archive.history.get(remote["id"], ()):
            return Step.TAKE, remote  # the other computer built on this version
        # Both changed. Both computers decide alike (the hash breaks a tie), so when each
        # merges the other's file they end with the same record, and the next exchange
        # has nothing to do.
        archive_later = (remote.get("changed_at") or "", remote_hash) > (
            local.get("changed_at") or "",
            local_hash,
        )
        losing = remote if not archive_later else local
        column, label = conflict_texts()[spec.name]
        winning = local if not archive_later else remote
        text = str(losing.get(column) or "") if column else ""
        session_id = local.get("session_id") if spec.name != "sessions" else local["id"]
        self.plan.conflicts.append(
            Conflict(
                spec.name,
                local["id"],
                session_id,
                archive_later,
                text if text.strip() and text != winning.get(column) else "",
                label,
                self._session_date(session_id),
            )
        )
        if spec.name == "notes" and self.plan.conflicts[-1].losing_text:
            return Step.TAKE, _merged_note(winning, losing, remote)
        return (Step.TAKE, remote) if archive_later else (Step.KEEP, remote)

    def _session_date(self, session_id: str | None) -> str:
        row = self.db.execute("SELECT date FROM sessions WHERE id = ?", [session_id]).fetchone()
        return short(date.fromisoformat(row[0])) if row else ""


def plan_import(db: Database, archive: Archive) -> ImportPlan:
    """What importing ``archive`` would do; reads only. An archive with anything of
    another team, or that does not fit this database, is refused whole (ArchiveError)."""
    check_archive(db, archive)
    return _Planner(db, archive).run()


# --- applying ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    backup: Path | None


def apply_import(db: Database, plan: ImportPlan, data_dir: Path | None) -> ImportResult:
    """Carry out ``plan``: a backup first (when ``data_dir`` is given), then everything in
    one transaction, so an error leaves the database as it was."""
    if not plan.changes_anything:
        with db.atomic():
            remember_versions(db, _seen(plan))  # nothing changes, but now it has met
        return ImportResult(plan, None)
    backup = make_backup(data_dir, db, BackupKind.BEFORE_IMPORT) if data_dir else None
    try:
        _write(db, plan)
    except BaseException as exc:
        # The transaction is rolled back: the backup of an unchanged database goes too.
        if backup is not None:
            backup.unlink(missing_ok=True)
        if not isinstance(exc, sqlite3.IntegrityError):
            raise
        # A value this database's rules refuse (a score of 7, an unknown status).
        raise ArchiveError(
            tr(
                "Dit archief is geweigerd: een waarde erin past niet in deze database "
                "({reason}). Er is niets gewijzigd. Vraag de collega die het maakte om het "
                "team opnieuw te exporteren.",
                reason=str(exc)[:80],
            )
        ) from exc
    if plan.deletions:
        scrub(db)
    return ImportResult(plan, backup)


def _write(db: Database, plan: ImportPlan) -> None:
    with db.atomic():
        # References are checked at the commit: a session may link to one added later.
        db.execute("PRAGMA defer_foreign_keys = ON")
        team = plan.archive.team_ids[0] if plan.archive.team_ids else None
        for table, record_id in plan.deletions:
            record_pending(db, table, record_id, team)  # the backups follow (pending.py)
            db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
        writer = _Writer(db, plan.archive)
        writer.insert("template_versions", plan.new_templates)
        for op in plan.operations:
            writer.apply(op)
        writer.flush()
        _clear_missing_references(db, plan)
        _write_conflict_notes(db, plan.conflicts)
        db.conn.executemany(
            "INSERT OR IGNORE INTO tombstones (id_hash, table_name, team_id, deleted_at) "
            "VALUES (:id_hash, :table_name, :team_id, :deleted_at)",
            plan.tombstones,
        )
        remember_versions(db, _seen(plan))


def _seen(plan: ImportPlan) -> dict[str, list[str]]:
    """Every version of the archive's records, filed under the local id."""
    return {op.local_id: list(op.history) for op in plan.operations}


class _Writer:
    """Writes the operations, new rows of a table in batches (a 200-session team is some
    thousands of rows: one statement each took most of the import's time)."""

    def __init__(self, db: Database, archive: Archive) -> None:
        self.db = db
        self.present = archive.attendance()
        self.known: dict[str, set[str]] = {}
        self.pending: list[Row] = []
        self.pending_table = ""

    def columns(self, table: str, row: Row) -> list[str]:
        if table not in self.known:
            self.known[table] = set(self.db[table].columns_dict)
        known = self.known[table]
        return [column for column in row if column in known and column not in LOCAL_COLUMNS]

    def insert(self, table: str, rows: list[Row]) -> None:
        by_columns: dict[tuple[str, ...], list[Row]] = {}
        for row in rows:
            by_columns.setdefault(tuple(self.columns(table, row)), []).append(row)
        for columns, same in by_columns.items():
            self.db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [[row[column] for column in columns] for row in same],
            )

    def flush(self) -> None:
        if self.pending:
            self.insert(self.pending_table, self.pending)
        self.pending = []

    def apply(self, op: Operation) -> None:
        if op.step is Step.KEEP:
            return
        if op.table != self.pending_table:
            self.flush()
            self.pending_table = op.table
        if op.step is Step.ADD:
            self.pending.append(op.row)
        else:
            columns = [column for column in self.columns(op.table, op.row) if column != "id"]
            self.db.execute(
                f"UPDATE {op.table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                [*(op.row[column] for column in columns), op.local_id],
            )
        if op.table == "sessions":
            self.flush()
            self.replace_attendance(op.local_id, op.row)

    def replace_attendance(self, session_id: str, row: Row) -> None:
        """Who was present comes with the session's version; the session keeps the
        archive's change time (the attendance triggers would set it to now)."""
        self.db.execute("DELETE FROM attendance WHERE session_id = ?", [session_id])
        self.db.conn.executemany(
            "INSERT INTO attendance (session_id, person_id) SELECT ?, id FROM people WHERE id = ?",
            [(session_id, person_id) for person_id in self.present.get(row["id"], [])],
        )
        self.db.execute(
            "UPDATE sessions SET changed_at = ? WHERE id = ?", [row.get("changed_at"), session_id]
        )


def _clear_missing_references(db: Database, plan: ImportPlan) -> None:
    """An optional reference to a record that is not here (a linked session not exported,
    a person deleted here) becomes empty rather than stopping the import."""
    by_table: dict[str, list[str]] = {}
    for op in plan.operations:
        by_table.setdefault(op.table, []).append(op.local_id)
    for table, ids in by_table.items():
        for column, parent, required in SPECS[table].parents:
            if required:
                continue
            db.execute(
                f"UPDATE {table} SET {column} = NULL WHERE {column} IS NOT NULL "
                f"AND {column} NOT IN (SELECT id FROM {parent}) "
                "AND id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)],
            )


def _conflict_text(label: str, losing_text: str) -> str:
    """The other version, as it is added to the notes (the same on every computer)."""
    return tr(
        "[Samengevoegd: deze {label} was op twee computers gewijzigd. De andere versie was:]"
        "\n{text}",
        label=label,
        text=losing_text,
    )


def _merged_note(winning: Row, losing: Row, remote: Row) -> Row:
    """A note changed on both sides: the later text, the other one below it."""
    merged = dict(remote)
    merged["text"] = (
        f"{str(winning['text']).rstrip()}\n\n"
        f"{_conflict_text(conflict_texts()['notes'][1], str(losing['text']))}"
    )
    merged["changed_at"] = max(str(winning.get("changed_at")), str(losing.get("changed_at")))
    merged["updated_at"] = max(str(winning.get("updated_at")), str(losing.get("updated_at")))
    return merged


def _write_conflict_notes(db: Database, conflicts: Iterable[Conflict]) -> None:
    """The losing text of each conflict, added under the notes of its step (a note's
    own conflict is merged into it already)."""
    for conflict in conflicts:
        if not conflict.losing_text or conflict.session_id is None or conflict.table == "notes":
            continue
        step = _step_of(db, conflict)
        addition = _conflict_text(conflict.label, conflict.losing_text)
        note = db.execute(
            "SELECT id, text FROM notes WHERE session_id = ? AND step_key = ?",
            [conflict.session_id, step],
        ).fetchone()
        if note:
            joined = f"{note[1].rstrip()}\n\n{addition}" if note[1].strip() else addition
            db.execute(
                "UPDATE notes SET text = ?, updated_at = ? WHERE id = ?",
                [joined, now_iso(), note[0]],
            )
        else:
            db.execute(
                "INSERT INTO notes (id, session_id, step_key, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [new_id(), conflict.session_id, step, addition, now_iso()],
            )


def _step_of(db: Database, conflict: Conflict) -> str:
    """The step a record belongs to; the session's first step when it has none."""
    if conflict.table in ("notes", "actions", "findings", "themes"):
        row = db.execute(
            f"SELECT step_key FROM {conflict.table} WHERE id = ?", [conflict.record_id]
        ).fetchone()
        if row:
            return str(row[0])
    if conflict.table == "measures":
        row = db.execute(
            "SELECT f.step_key FROM measures m JOIN findings f ON f.id = m.finding_id "
            "WHERE m.id = ?",
            [conflict.record_id],
        ).fetchone()
        if row:
            return str(row[0])
    if conflict.table == "action_reviews":
        return LOOKBACK_STEP_KEY
    steps = load_session(db, str(conflict.session_id)).steps
    return steps[0].key if steps else LOOKBACK_STEP_KEY
