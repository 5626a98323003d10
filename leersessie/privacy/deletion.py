"""Deleting for real: a session, a team, a person's name, and old sessions (retention).

"Deleted" means gone from the database file, not only hidden: ``storage.connect``
turns on ``secure_delete`` (freed space is overwritten with zeros), the full-text
index is merged so no old segment still holds the words, and the WAL is
checkpointed and truncated so no older copy of a page stays in the -wal file.
Backups made earlier still hold the data: a deleted session or team leaves them through
``purge_pending_from_backups`` (below); for a name replaced by a pseudonym,
``backups_containing`` tells which hold it and ``purge_from_backups`` removes it.

Every deletion leaves a tombstone (triggers of m006_archive): a hash of the id, the kind
and the time, so a team archive made before cannot bring the record back
(docs/archive.md). A deleted team's tombstone is not exported (the team is gone here);
its hash keeps an old archive of it from coming back here.

A deletion is crash-safe: the transaction that deletes also writes what is still to be
done (``pending_deletions``, m009: the hash of the id, never the id). The scrub of this
file, the purge of every backup (``purge_pending_from_backups``, found by the hash, so
it works after the id is gone) and the shared folder (``leersessie.sharing.pending``) follow;
the entry goes when all of it is done, and the next start finishes what a crash left.
"""

from __future__ import annotations

import mmap
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from leersessie.base.errors import InputError, UserFacingError, describe_os_error
from leersessie.base.i18n import tr
from leersessie.method.models import SessionInfo
from leersessie.method.sessions import list_sessions
from leersessie.privacy.client_data import SESSION_TEXTS, fold, name_spans
from leersessie.store import settings
from leersessie.store.backup import BACKUPS_LOCK, BackupInfo, backup_key, list_backups
from leersessie.store.encryption import Key, PassphraseRequired, is_encrypted_file, open_sqlite
from leersessie.store.ids import now_iso
from leersessie.store.migrations import (
    ID_HASH_FUNCTION,
    TOMBSTONED_TABLES,
    id_hash,
    register_functions,
)
from leersessie.store.paths import SCRATCH_DIR, fresh_scratch_dir, make_private

SEARCH_TABLE = "search_index"
DEFAULT_PSEUDONYM = "[verwijderd]"

# Every free text a person's name can be written in: (table, id column, text column).
# The session texts are the ones the client-data check scans; a facilitator's name too.
TEXT_COLUMNS = (
    *((table, "id", column) for table, column, _label in SESSION_TEXTS),
    ("sessions", "id", "facilitator"),
)


def scrub(db: Database, attempts: int = 20) -> bool:
    """Make deleted data unrecoverable from the file: merge the search index and
    empty the WAL into the (zeroed) database pages. Returns False when another
    connection kept reading the whole time, so the -wal could not be emptied yet
    (the next scrub or the last close of the database empties it)."""
    if db[SEARCH_TABLE].exists():
        with db.atomic():
            # Without FTS5 secure-delete (SQLite < 3.42) old segments keep deleted
            # words until they are merged; 'optimize' merges them all into one.
            db.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')")
    for _ in range(attempts):
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        time.sleep(0.05)  # a reader in another thread; it finishes within moments
    return False


def delete_session(db: Database, session_id: str) -> None:
    """The session and everything recorded in it: notes, actions, reviews, findings,
    measures, ratings, development questions (by foreign-key cascade). The backups and
    the shared folder follow in ``pending.finish_deletions``."""
    delete_sessions(db, [session_id])


def delete_sessions(db: Database, session_ids: Iterable[str]) -> None:
    """Several sessions in one transaction and one scrub (retention)."""
    with db.atomic():
        for session_id in session_ids:
            record_pending(db, "sessions", session_id)
            db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
        _drop_lone_guests(db)
    scrub(db)


def delete_records(db: Database, records: Sequence[tuple[str, str]], team_id: str) -> None:
    """Records of one team by (table, id), in one transaction and one scrub: what a
    colleague deleted (a tombstone in their archive)."""
    with db.atomic():
        for table, record_id in records:
            if table not in TOMBSTONED_TABLES:
                raise ValueError(table)  # the plan only names archived tables
            record_pending(db, table, record_id, team_id)
            db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
        _drop_lone_guests(db)
    scrub(db)


def record_pending(db: Database, table: str, record_id: str, team_id: str | None = None) -> None:
    """Write down, in the caller's transaction, that ``record_id`` of ``table`` is being
    deleted: what the next start finishes if the app stops before the backups and the
    shared folder are done. A session's team is looked up (its archive is rewritten)."""
    if table == "sessions":
        row = db.execute("SELECT team_id FROM sessions WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return  # nothing to delete
        team_id = row[0]
    db.execute(
        "INSERT OR REPLACE INTO pending_deletions (id_hash, table_name, team_id, requested_at) "
        "VALUES (?, ?, ?, ?)",
        [id_hash(record_id), table, team_id, now_iso()],
    )


@dataclass(frozen=True)
class Pending:
    id_hash: str
    table: str
    team_id: str | None  # the team whose archive is rewritten; None for a deleted team
    requested_at: str  # UTC, ISO 8601

    @property
    def requested(self) -> datetime:
        """When the deletion began, in local time like a backup's name (a second early:
        the name has whole seconds)."""
        moment = datetime.fromisoformat(self.requested_at).astimezone().replace(tzinfo=None)
        return moment - timedelta(seconds=1)


def pending_deletions(db: Database) -> list[Pending]:
    return [
        Pending(*row)
        for row in db.execute(
            "SELECT id_hash, table_name, team_id, requested_at FROM pending_deletions"
        )
    ]


def forget_pending(db: Database, done: Iterable[Pending]) -> None:
    """The deletions that are finished everywhere: their entries go."""
    with db.atomic():
        db.conn.executemany(
            "DELETE FROM pending_deletions WHERE id_hash = ?", [(item.id_hash,) for item in done]
        )


def _drop_lone_guests(db: Database) -> None:
    """A guest exists for the sessions they took part in; with the last one gone, their
    name goes too. A backup from before guests existed (m005) has none to drop."""
    if "guest" not in db.table("people").columns_dict:
        return
    db.execute(
        "DELETE FROM people WHERE guest = 1 "
        "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.person_id = people.id)"
    )


def delete_team(db: Database, team_id: str) -> None:
    """The team, its people and all its sessions."""
    with db.atomic():
        if db.execute("SELECT 1 FROM teams WHERE id = ?", [team_id]).fetchone():
            record_pending(db, "teams", team_id)
        db.execute("DELETE FROM teams WHERE id = ?", [team_id])
    scrub(db)


def _add_fold_function(db: Database) -> None:
    """``leersessie_fold(text)`` in SQL: the text as the client-data check matches it."""
    db.conn.create_function(
        "leersessie_fold", 1, lambda value: fold(value) if value else "", deterministic=True
    )


def replace_text_everywhere(db: Database, text: str, replacement: str) -> int:
    """Replace ``text`` as a whole name in every free-text column: ignoring case and
    accents ("émile ösün" for "Émile Ösün", also typed without accents), a hyphenated
    or multi-part name whole ("Jan" leaves "Jan-Willem" alone). Returns the number of
    changed fields. Call inside a transaction."""
    _add_fold_function(db)
    words = fold(text).split()
    if not words:
        return 0
    changed = 0
    for table, key, column in TEXT_COLUMNS:
        if not db[table].exists():
            continue
        # The folded first word narrows the rows inside SQLite; name_spans decides.
        rows = db.execute(
            f"SELECT {key}, {column} FROM {table} WHERE instr(leersessie_fold({column}), ?) > 0",
            [words[0]],
        ).fetchall()
        for row_id, value in rows:
            new = value
            for start, end in sorted(name_spans(value, [text]), reverse=True):
                new = new[:start] + replacement + new[end:]
            if new != value:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", [new, row_id])
                changed += 1
    return changed


def pseudonymise_person(db: Database, person_id: str, pseudonym: str) -> int:
    """Replace a person's name by ``pseudonym`` everywhere: the person record and every
    note, action, review, finding, measure and question that writes the full name.
    Returns the number of texts changed besides the person record."""
    cleaned = " ".join(pseudonym.split())
    if not cleaned:
        raise InputError(tr("Geef een schuilnaam op, bijvoorbeeld 'Deelnemer A'."))
    row = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    if row is None:
        raise InputError(tr("Deze deelnemer bestaat niet (meer)."))
    with db.atomic():
        db.execute("UPDATE people SET name = ? WHERE id = ?", [cleaned, person_id])
        changed = replace_text_everywhere(db, row[0], cleaned) if row[0].strip() else 0
    scrub(db)
    return changed


def remove_scratch_copies(data_dir: Path) -> None:
    """Empty the scratch folder, where a summary opened in a viewer or printed was
    written: after a deletion no PDF of what was deleted may stay until the next start."""
    try:
        fresh_scratch_dir(Path(data_dir))
    except OSError as exc:
        raise UserFacingError(
            tr(
                "Verwijderd, maar een verslag in {path} kon niet worden weggehaald ({reason}). "
                "Sluit het programma waarin het verslag open staat; Leersessie haalt het bij "
                "de volgende start weg.",
                path=Path(data_dir) / SCRATCH_DIR,
                reason=describe_os_error(exc),
            )
        ) from exc


# Retention ------------------------------------------------------------------------


def retention_months(db: Database) -> int | None:
    """The retention setting: delete sessions older than this many months; None = off
    (the default)."""
    return settings.read(db, settings.RETENTION_MONTHS)


def set_retention_months(db: Database, months: int | None) -> None:
    if months is not None and months < 1:
        raise InputError(tr("Kies een bewaartermijn van minstens 1 maand, of zet hem uit."))
    settings.write(db, settings.RETENTION_MONTHS, months)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the month's end (31 March -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def retention_preview(db: Database, months: int, today: date) -> list[SessionInfo]:
    """The sessions that retention of ``months`` would delete: dated before
    ``today`` minus ``months``. Shown to the coach before anything goes."""
    cutoff = months_before(today, months)
    return [info for info in list_sessions(db) if info.date < cutoff]


def apply_retention(db: Database, months: int, today: date) -> list[SessionInfo]:
    """Delete what ``retention_preview`` shows; returns what was deleted."""
    doomed = retention_preview(db, months, today)
    if doomed:
        delete_sessions(db, [info.id for info in doomed])
    return doomed


# Backups --------------------------------------------------------------------------


def backups_containing(data_dir: Path, needle: str) -> list[BackupInfo]:
    """The backups whose file still holds ``needle`` (a marker text, a name, or a
    session, team or person id) anywhere in its bytes, also in free pages, ignoring
    ASCII case."""
    # Bytes with IGNORECASE fold ASCII only, as the search index does; mmap keeps a
    # 100 MB backup out of memory.
    pattern = re.compile(re.escape(needle.encode("utf-8")), re.IGNORECASE)
    found = []
    for info in list_backups(data_dir):
        if info.size == 0:
            continue
        if is_encrypted_file(info.path):
            if _encrypted_backup_holds(data_dir, info.path, needle):
                found.append(info)
            continue
        with (
            info.path.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            if pattern.search(data):
                found.append(info)
    return found


@dataclass
class Purged:
    """What purging the pending deletions from the backups did."""

    changed: list[Path] = field(default_factory=list)
    # Encrypted with another passphrase (a passphrase change not finished): left as they
    # are until the change is finished; the pending entry stays.
    locked: list[Path] = field(default_factory=list)


def purge_pending_from_backups(data_dir: Path, pending: Sequence[Pending]) -> Purged:
    """Remove every pending deletion from every backup that still holds it, found by the
    hash of its id (the id itself is gone from the database). A backup is changed in one
    transaction with a rollback journal, then rebuilt with VACUUM: a kill in between
    rolls it back at the next start (``remove_temporary_copies``), and the entry, still
    there, has it purged again."""
    result = Purged()
    if not pending:
        return result
    since = min(item.requested for item in pending)
    with BACKUPS_LOCK:
        for info in list_backups(data_dir):
            if info.size == 0:
                continue
            try:
                key = backup_key(data_dir, info.path)
            except PassphraseRequired:
                result.locked.append(info.path)
                continue
            conn = open_sqlite(info.path, key=key)
            try:
                # A backup made since the deletion began copied the rows' old search
                # segments, if not the rows: it is scrubbed too.
                if _purge_hashes(conn, pending, rebuild=info.made >= since):
                    result.changed.append(info.path)
            finally:
                conn.close()
            make_private(info.path)
    return result


def _purge_hashes(conn: sqlite3.Connection, pending: Sequence[Pending], rebuild: bool) -> bool:
    register_functions(conn)  # the hash, and the tombstone triggers
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA journal_mode = DELETE")  # backups stay single files
    found = False
    with db.atomic():
        for item in pending:
            if item.table in TOMBSTONED_TABLES and db[item.table].exists():
                deleted = db.execute(
                    f"DELETE FROM {item.table} WHERE {ID_HASH_FUNCTION}(id) = ?", [item.id_hash]
                )
                found = found or deleted.rowcount > 0
        if found:
            _drop_lone_guests(db)
    if found or rebuild:
        scrub(db)
        db.execute("VACUUM")
    return found


def purge_from_backups(
    data_dir: Path, needle: str, pseudonym: str = DEFAULT_PSEUDONYM
) -> list[Path]:
    """Remove ``needle`` from every backup that holds it; returns the changed backups.

    A session, team or person id deletes that session or team (a person gets
    ``pseudonym`` as name, everywhere); any other text is replaced by ``pseudonym`` in
    every free text. Each backup is then rebuilt with VACUUM, so no free page keeps it.
    """
    changed = []
    for info in backups_containing(data_dir, needle):
        _purge_file(info.path, backup_key(data_dir, info.path), needle, pseudonym)
        changed.append(info.path)
    return changed


def _encrypted_backup_holds(data_dir: Path, path: Path, needle: str) -> bool:
    """The bytes of an encrypted backup say nothing: look in every column of every table
    (the search index's copy of the text included), ignoring ASCII case like the byte
    search. Free pages are not read, but secure_delete zeroed them before the backup.
    One under another passphrase raises PassphraseRequired, with a message that says so."""
    conn = open_sqlite(path, key=backup_key(data_dir, path))
    try:
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        ).fetchall()
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for (table,) in tables:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            where = " OR ".join(
                f"CAST(\"{column}\" AS TEXT) LIKE ? ESCAPE '\\'" for column in columns
            )
            if (
                where
                and conn.execute(
                    f'SELECT 1 FROM "{table}" WHERE {where} LIMIT 1', [pattern] * len(columns)
                ).fetchone()
            ):
                return True
        return False
    finally:
        conn.close()


def _purge_file(path: Path, key: Key | None, needle: str, pseudonym: str) -> None:
    conn = open_sqlite(path, key=key)
    register_functions(conn)  # the tombstone triggers call it
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA journal_mode = DELETE")  # backups stay single files
        table = next((t for t in ("sessions", "teams") if _has(db, t, needle)), None)
        if table is not None:
            # A backup's own deletion: no pending entry (the database's is the one).
            with db.atomic():
                db.execute(f"DELETE FROM {table} WHERE id = ?", [needle])
                _drop_lone_guests(db)
            scrub(db)
        elif _has(db, "people", needle):
            pseudonymise_person(db, needle, pseudonym)
        else:
            with db.atomic():
                replace_text_everywhere(db, needle, pseudonym)  # registers leersessie_fold
                for named in ("people", "teams"):
                    db.execute(
                        f"UPDATE {named} SET name = ? WHERE leersessie_fold(name) = ?",
                        [pseudonym, fold(needle)],
                    )
            scrub(db)
        db.execute("VACUUM")
    finally:
        conn.close()
    make_private(path)


def _has(db: Database, table: str, row_id: str) -> bool:
    return db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None
