"""The SQLite store: opening it safely (checked, private, migrated) and connecting.

Opening never changes a file it should not: a damaged file, a file that is not a
database, or a database from a newer Leersessie is refused before anything is
written, so the file stays byte for byte as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leersessie.base.errors import DatabaseError, held_by_another_program
from leersessie.base.i18n import tr
from leersessie.base.sqlite_errors import (
    SQLITE_DATABASE_ERRORS,
    SQLITE_ERRORS,
    SQLITE_OPERATIONAL_ERRORS,
)
from leersessie.store.encryption import open_sqlite
from leersessie.store.integrity import (
    IntegrityCheck,
    check_integrity,
    read_only_connection,
    refuse_non_database,
    unreadable_error,
)
from leersessie.store.migrations import (
    MIGRATION_SET,
    known_migrations,
    migrations,
    register_functions,
)
from leersessie.store.paths import make_private

# How long a write waits for another program's lock before the user is told.
BUSY_SECONDS = 4  # the user hears within 5 s, start-up included
# Upgrades that leave much of the file free (the old search index's copy of every text,
# the search row table): the space is given back right after.
SHRINKING_MIGRATIONS = frozenset({"m004_search_external_content", "m008_compact_search_numbers"})


def _refuse_read_only(path: Path) -> None:
    """SQLite opens a read-only file and fails only at the first save: say it at start."""
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseError(
            tr(
                "De database {path} of de map waarin die staat is alleen-lezen, dus Leersessie kan "
                "niets opslaan. Het bestand is niet gewijzigd. Geef uzelf schrijfrechten op de map "
                "en het bestand, of kies met --data-dir een map waarin u mag schrijven.",
                path=path,
            )
        )


def _applied_migrations(path: Path) -> list[str]:
    """The migrations an existing database has had, read without writing."""
    conn = read_only_connection(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", [Migrations.migrations_table]
        ).fetchone()
        if not has_table:
            return []
        return [
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {Migrations.migrations_table} WHERE migration_set = ? "
                "ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
    except SQLITE_DATABASE_ERRORS as exc:
        raise unreadable_error(path, exc) from exc
    finally:
        conn.close()


def explain_write_error(exc: Exception) -> DatabaseError:
    """A Dutch explanation for a write that failed for a reason the user can fix."""
    text = str(exc).lower()
    if "full" in text:
        return DatabaseError(
            tr(
                "De schijf is vol: uw laatste wijziging is nog niet opgeslagen. Maak ruimte vrij; "
                "Leersessie probeert het daarna vanzelf opnieuw. Sluit de app niet af."
            )
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            tr(
                "De database is alleen-lezen: uw laatste wijziging is nog niet opgeslagen. "
                "Controleer de schrijfrechten van de gegevensmap."
            )
        )
    if "locked" in text or "busy" in text:
        return DatabaseError(
            tr(
                "De database is even bezet door een ander programma; Leersessie probeert het zo "
                "opnieuw. Uw tekst blijft bewaard."
            )
        )
    return DatabaseError(
        tr(
            "Opslaan is mislukt ({reason}). Leersessie probeert het opnieuw; "
            "uw tekst blijft bewaard.",
            reason=exc,
        )
    )


def _refuse_newer(path: Path, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        raise DatabaseError(
            tr(
                "De database {path} is gemaakt met een nieuwere versie van Leersessie. Installeer "
                "die nieuwere versie om deze gegevens te openen; het bestand is niet gewijzigd.",
                path=path,
            )
        )


def connect(path: Path) -> Database:
    """A connection with the pragmas every part of the app relies on."""
    conn = open_sqlite(path, timeout=BUSY_SECONDS)
    register_functions(conn)
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL survives a crash or kill of the app; only a power cut can
        # lose the last commits, never the database's integrity.
        db.execute("PRAGMA synchronous = NORMAL")
    except SQLITE_ERRORS:
        conn.close()  # a full disk fails WAL: leave no open file behind
        raise
    return db


def refuse_when_held(db: Database, path: Path) -> None:
    """Take and release the write lock, waiting up to BUSY_SECONDS: a database another
    program holds is refused with a message before anything is written."""
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except SQLITE_OPERATIONAL_ERRORS as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseError(held_by_another_program(path)) from exc
        raise


def open_database(
    path: Path,
    before_migration: Callable[[Path], object] | None = None,
    integrity: IntegrityCheck | None = None,
) -> Database:
    """Open (or create) the database at ``path``, checked, private and migrated.

    ``before_migration`` is called with the path before an existing database is
    upgraded, so a backup exists first. With ``integrity`` (a check already running)
    the caller must wait for its result before writing; an upgrade waits for it here.
    """
    _refuse_read_only(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        refuse_non_database(path)
        if integrity is None:
            check_integrity(path)
        applied = _applied_migrations(path)
        _refuse_newer(path, applied)
        if len(applied) < len(known_migrations()):
            if integrity is not None:
                integrity.result()
            if before_migration:
                before_migration(path)
    else:
        path.touch(mode=0o600, exist_ok=True)
    make_private(path)  # SQLite gives the -wal and -shm files the same mode
    db = None
    had_wal = Path(f"{path}-wal").exists()
    try:
        db = connect(path)
        pending = {migration.name for migration in migrations.pending(db)}
        migrations.apply(db)
        if existed and pending & SHRINKING_MIGRATIONS:
            db.execute("VACUUM")
    except SQLITE_OPERATIONAL_ERRORS as exc:
        if db is not None:
            db.close()  # the failed upgrade rolled back; leave no connection behind
        _remove_empty_wal(path, had_wal)
        raise unreadable_error(path, exc) from exc
    return db


def _remove_empty_wal(path: Path, had_wal: bool) -> None:
    """A failed upgrade (a full disk) leaves an empty -wal behind; with no connection
    open it holds nothing, so remove it and leave the folder as it was found."""
    wal = Path(f"{path}-wal")
    if not had_wal and wal.exists() and wal.stat().st_size == 0:
        wal.unlink()
        Path(f"{path}-shm").unlink(missing_ok=True)
