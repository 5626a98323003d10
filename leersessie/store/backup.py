"""Backups of the database, made with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app writes, which a plain
file copy of a WAL database does not. Backups live in ``<data dir>/reservekopieen``,
one self-contained file each (rollback journal, no -wal beside it), private to the user.

Kinds and how long they stay (see ``rotate_backups``):
- ``dag``: automatic, at most one a day at start; 7 daily and 4 weekly are kept;
- ``migratie``: before a schema upgrade; kept 90 days;
- ``handmatig``: 'leersessie backup' or the app's menu; kept 90 days;
- ``terugzetten``: the database as it was just before a restore; kept 90 days;
- ``import``: before a team archive is merged in; kept 90 days.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leersessie.base.errors import (
    DatabaseError,
    InputError,
    describe_os_error,
    held_by_another_program,
    is_disk_full,
)
from leersessie.base.i18n import tr
from leersessie.base.sqlite_errors import SQLITE_DATABASE_ERRORS, SQLITE_ERRORS
from leersessie.store.encryption import (
    SALT_BYTES,
    SQLITE_HEADER,
    Key,
    PassphraseRequired,
    conversion_copy,
    export_copy,
    file_header,
    folder_key,
    is_encrypted_file,
    key_of,
    open_sqlite,
    shred,
    unlock_file,
)
from leersessie.store.locks import acquire_instance_lock
from leersessie.store.migrations import MIGRATION_SET, known_migrations
from leersessie.store.paths import TEMP_PREFIX, database_path, make_private
from leersessie.store.storage import BUSY_SECONDS, connect, refuse_when_held

BACKUP_DIR = "reservekopieen"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER_DAYS = 90
_NAME = re.compile(r"^leersessie-(\d{8}-\d{6})(?:-\d+)?-([a-z]+)\.db$")
_STAMP = "%Y%m%d-%H%M%S"
_WRITE_ERRORS: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)


class BackupKind(StrEnum):
    DAILY = "dag"
    MIGRATION = "migratie"
    MANUAL = "handmatig"
    BEFORE_RESTORE = "terugzetten"
    BEFORE_IMPORT = "import"

    @property
    def label(self) -> str:
        return {
            BackupKind.DAILY: tr("dagelijks"),
            BackupKind.MIGRATION: tr("voor een upgrade"),
            BackupKind.MANUAL: tr("met de hand"),
            BackupKind.BEFORE_RESTORE: tr("voor het terugzetten"),
            BackupKind.BEFORE_IMPORT: tr("voor een import"),
        }[self]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime  # local time, from the file name
    kind: BackupKind
    size: int


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _new_backup_path(data_dir: Path, kind: BackupKind, now: datetime) -> Path:
    folder = backup_dir(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = now.strftime(_STAMP)
    path = folder / f"leersessie-{stamp}-{kind.value}.db"
    counter = 2
    while path.exists():  # two backups in one second: never overwrite one
        path = folder / f"leersessie-{stamp}-{counter}-{kind.value}.db"
        counter += 1
    return path


def _connect_target(path: Path, key: Key | None = None) -> sqlite3.Connection:
    """The connection a backup is written through (a seam for the full-disk test)."""
    return open_sqlite(path, key=key)


def _disk_error(target: Path, exc: BaseException) -> DatabaseError:
    if is_disk_full(exc):
        return DatabaseError(
            tr(
                "De schijf is vol: de reservekopie {path} kon niet worden gemaakt. Uw database is "
                "niet gewijzigd. Maak ruimte vrij op de schijf en start Leersessie opnieuw.",
                path=target,
            )
        )
    reason = describe_os_error(exc) if isinstance(exc, OSError) else exc
    return DatabaseError(
        tr(
            "De reservekopie {path} kon niet worden gemaakt ({reason}). Uw database is niet "
            "gewijzigd. Controleer of u in die map mag schrijven.",
            path=target,
            reason=reason,
        )
    )


def remove_temporary_copies(data_dir: Path) -> list[Path]:
    """Remove what a backup, restore, migration or export killed half-way left behind:
    its temporary copy of the database (a full, readable copy that ``backups_containing``
    and ``purge_from_backups`` would not see). Call with the instance lock held, so no
    other Leersessie is writing one at this moment. Returns the removed files."""
    data_dir = Path(data_dir)
    removed = []
    for folder in (data_dir, backup_dir(data_dir)):
        if not folder.is_dir():
            continue
        for pattern in (f"{TEMP_PREFIX}*", ".schrijftest-*"):
            for path in folder.glob(pattern):
                if path.is_file():
                    path.unlink(missing_ok=True)
                    removed.append(path)
    for journal in backup_dir(data_dir).glob("leersessie-*.db-journal"):
        # A purge killed half-way: opening the backup rolls its change back, so the next
        # purge finds what it had not yet removed.
        backup = journal.with_name(journal.name.removesuffix("-journal"))
        if backup.exists():
            conn = open_sqlite(backup)  # an encrypted backup rolls back with its key
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
        journal.unlink(missing_ok=True)
    return removed


# Held while a backup is written and while deletions are purged from the backups, so a
# purge never misses a backup that was being made from before the deletion.
BACKUPS_LOCK = threading.RLock()


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent snapshot of ``source`` to ``target``: built in a temporary file
    beside it and moved into place only when complete, private to the user."""
    with BACKUPS_LOCK:
        return _copy_database(source, Path(target))


def _copy_database(source: sqlite3.Connection, target: Path) -> Path:
    temp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=".db-tmp")
        os.close(handle)
        temp = Path(name)
        make_private(temp)
        key = key_of(source)  # a backup of an encrypted database is encrypted alike
        dest = _connect_target(temp, key) if key else _connect_target(temp)
        try:
            _backup_step_by_step(source, dest, target)
            # A self-contained file: no -wal beside a backup that is copied or moved.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    except _WRITE_ERRORS as exc:
        raise _disk_error(target, exc) from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    make_private(target)
    return target


def backup_database_file(db_file: Path, target: Path, *, closed: bool = False) -> Path:
    """Back up a database file through a read-only connection of its own. ``closed``
    says nobody has it open (before a schema upgrade), which allows "immutable"."""
    uri = _read_only_uri(Path(db_file)) if closed else Path(db_file).resolve().as_uri() + "?mode=ro"
    source = open_sqlite(uri, uri=True)
    try:
        return copy_database(source, target)
    finally:
        source.close()


def _read_only_uri(path: Path) -> str:
    """Read-only; "immutable" when there is no WAL to read, so that not even an empty
    -wal or -shm file appears beside a database that is about to be refused."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri if Path(f"{path}-wal").exists() else uri + "&immutable=1"


def make_backup(
    data_dir: Path,
    db: Database | None = None,
    kind: BackupKind = BackupKind.MANUAL,
    now: datetime | None = None,
) -> Path:
    """Back up the data folder's database into its backup folder; returns the new file.
    With ``db`` the backup reads through that connection; without, through its own
    read-only one, so it can run in a background thread while the app keeps writing."""
    target = _new_backup_path(Path(data_dir), kind, now or datetime.now())
    if db is not None:
        path = copy_database(db.conn, target)
    else:
        path = backup_database_file(database_path(Path(data_dir)), target)
    rotate_backups(data_dir, (now or datetime.now()).date())
    return path


def backup_before_migration(data_dir: Path, db_file: Path) -> Path:
    """The hook ``open_database(before_migration=...)`` calls."""
    target = _new_backup_path(Path(data_dir), BackupKind.MIGRATION, datetime.now())
    return backup_database_file(db_file, target, closed=True)


def export_backup(db: Database, target: Path) -> Path:
    """'leersessie backup -o FILE': a backup anywhere the user chooses, never over a file."""
    target = Path(target)
    if target.exists():
        raise InputError(
            tr(
                "Het bestand {path} bestaat al. Kies een andere naam; er is niets overschreven.",
                path=target,
            )
        )
    if not target.parent.is_dir():
        raise InputError(tr("De map {path} bestaat niet.", path=target.parent))
    return copy_database(db.conn, target)


def auto_backup(
    data_dir: Path, db: Database | None = None, now: datetime | None = None
) -> Path | None:
    """The daily backup at start: made when no daily backup of today exists yet.
    Without ``db`` it is safe to call from a background thread (see make_backup)."""
    now = now or datetime.now()
    if any(
        info.kind is BackupKind.DAILY and info.made.date() == now.date()
        for info in list_backups(data_dir)
    ):
        return None
    return make_backup(data_dir, db, BackupKind.DAILY, now)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Leersessie's backups in the data folder, newest first."""
    folder = backup_dir(Path(data_dir))
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match.group(2) not in BackupKind._value2member_map_:
            continue
        made = datetime.strptime(match.group(1), _STAMP)
        found.append(BackupInfo(path, made, BackupKind(match.group(2)), path.stat().st_size))
    return sorted(found, key=lambda info: (info.made, info.path.name), reverse=True)


def latest_backup(data_dir: Path) -> BackupInfo | None:
    backups = list_backups(data_dir)
    return backups[0] if backups else None


def rotate_backups(data_dir: Path, today: date) -> list[Path]:
    """Delete backups that fell out of the schedule; returns the deleted files.

    Daily backups: the newest of each of the last 7 days that have one, and the newest
    of each of the last 4 weeks that have one. Every other kind: 90 days.
    """
    backups = list_backups(data_dir)
    daily = [info for info in backups if info.kind is BackupKind.DAILY]
    keep = {info.path for info in _newest_per(daily, lambda d: d.isoformat(), KEEP_DAILY)}
    keep |= {info.path for info in _newest_per(daily, lambda d: d.isocalendar()[:2], KEEP_WEEKLY)}
    cutoff = today - timedelta(days=KEEP_OTHER_DAYS)
    keep |= {
        info.path
        for info in backups
        if info.kind is not BackupKind.DAILY and info.made.date() >= cutoff
    }
    removed = [info.path for info in backups if info.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _newest_per(backups: list[BackupInfo], period: object, count: int) -> list[BackupInfo]:
    """The newest backup in each of the ``count`` most recent periods (input newest first)."""
    chosen: dict[object, BackupInfo] = {}
    for info in backups:
        key = period(info.made.date())  # type: ignore[operator]
        if key not in chosen:
            if len(chosen) == count:
                break
            chosen[key] = info
    return list(chosen.values())


def check_backup_file(file: Path, key: Key | None = None) -> list[str]:
    """Refuse anything but an intact Leersessie database this app can open (an encrypted
    one with ``key``); returns the migrations it has applied."""
    file = Path(file)
    if not file.is_file():
        raise InputError(tr("Het bestand {path} bestaat niet.", path=file))
    if key is None and file_header(file) != SQLITE_HEADER:
        raise InputError(
            tr("{path} is geen Leersessie-database; er is niets teruggezet.", path=file)
        )
    conn = open_sqlite(_read_only_uri(file), uri=True, key=key)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise InputError(
                tr(
                    "De reservekopie {path} is beschadigd; er is niets teruggezet. "
                    "Kies een andere reservekopie.",
                    path=file,
                )
            )
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not {Migrations.migrations_table, "sessions", "teams"} <= tables:
            raise InputError(
                tr("{path} is geen Leersessie-database; er is niets teruggezet.", path=file)
            )
        applied = [
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {Migrations.migrations_table} WHERE migration_set = ?",
                [MIGRATION_SET],
            )
        ]
    except SQLITE_DATABASE_ERRORS as exc:
        raise InputError(
            tr(
                "De reservekopie {path} is beschadigd; er is niets teruggezet. "
                "Kies een andere reservekopie.",
                path=file,
            )
        ) from exc
    finally:
        conn.close()
    if not applied:
        raise InputError(
            tr("{path} is geen Leersessie-database; er is niets teruggezet.", path=file)
        )
    if set(applied) - set(known_migrations()):
        raise InputError(
            tr(
                "De reservekopie {path} is gemaakt met een nieuwere versie van "
                "Leersessie. Installeer die versie om hem terug te zetten; er is "
                "niets teruggezet.",
                path=file,
            )
        )
    return applied


def backup_key(data_dir: Path, file: Path, passphrase: str | None = None) -> Key | None:
    """The key that opens backup ``file``: None for a plain one, the folder's key when it
    was made with the same passphrase, else the one ``passphrase`` gives. Raises
    PassphraseRequired when a passphrase is needed and WrongPassphraseError when it
    does not fit."""
    if not is_encrypted_file(file):
        return None
    if passphrase is not None:
        return unlock_file(file, passphrase)
    key = folder_key(data_dir)
    if key is not None and file_header(file)[:SALT_BYTES] == key.salt:
        return key
    raise PassphraseRequired(
        tr(
            "De reservekopie {path} is versleuteld met een ander wachtwoord dan de gegevens nu "
            "hebben (of het is geen Leersessie-database). Geef het wachtwoord van die "
            "reservekopie.",
            path=file,
        ),
        Path(file),
    )


def restore_backup(data_dir: Path, file: Path, passphrase: str | None = None) -> Path | None:
    """Replace the data folder's database by ``file``. Returns the backup made of the
    database as it was (None when there was none yet).

    The restored database takes the folder's form: encrypted with the folder's key when
    the folder is encrypted, plain when it is not, whatever form the backup had. An
    encrypted backup with another passphrase needs ``passphrase`` (see backup_key).

    Close the app's own Workspace first and open it again afterwards: the restored
    file may be of an older schema, which opening upgrades. Refused while another
    Leersessie uses this folder. The copy goes through SQLite's backup API into the
    live database, in one transaction, so an interruption leaves the old database.
    """
    data_dir = Path(data_dir)
    file = Path(file)
    source_key = backup_key(data_dir, file, passphrase)
    check_backup_file(file, source_key)
    current = database_path(data_dir)
    with acquire_instance_lock(data_dir):
        if file.resolve() == current.resolve():
            raise InputError(tr("Dit is de database zelf; kies een reservekopie."))
        kept = None
        existed = current.exists() and current.stat().st_size > 0
        current.touch(mode=0o600, exist_ok=True)
        target = connect(current)
        converted = None
        try:
            refuse_when_held(target, current)  # before the safety backup: nothing written
            if existed:
                kept = make_backup(data_dir, None, BackupKind.BEFORE_RESTORE)
            target_key = key_of(target.conn)
            if source_key != target_key:
                # The backup API copies pages as they are: bring the backup into the
                # folder's form first, in a copy beside it that is overwritten afterwards.
                converted = conversion_copy(current)
                export_copy(file, source_key, converted, target_key)
            source = open_sqlite(_read_only_uri(converted or file), uri=True, key=target_key)
            try:
                _copy_into(source, target, current)
            except SQLITE_ERRORS as exc:
                raise _disk_error(current, exc) from exc
            finally:
                source.close()
        finally:
            target.close()
            if converted is not None:
                shred(converted)
        make_private(current)
    return kept


def _backup_step_by_step(
    source: sqlite3.Connection, target: sqlite3.Connection, path: Path
) -> None:
    """SQLite's backup API, which on its own retries for ever while another program
    holds the database: given up after the busy timeout, with the message that says so."""
    deadline = time.monotonic() + BUSY_SECONDS

    def give_up_when_held(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise DatabaseError(held_by_another_program(path))

    source.backup(target, pages=256, progress=give_up_when_held)


def _copy_into(source: sqlite3.Connection, target: Database, path: Path) -> None:
    """Copy ``source`` over ``target`` in one transaction of the backup API."""
    size = source.execute("PRAGMA page_size").fetchone()[0]
    same_size = size == target.execute("PRAGMA page_size").fetchone()[0]
    if not same_size:
        # The backup API cannot change the page size of a WAL database (a file from
        # another machine may differ); leave WAL for the copy and return to it after.
        target.execute("PRAGMA journal_mode = DELETE")
    _backup_step_by_step(source, target.conn, path)
    if same_size:
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        target.execute("PRAGMA journal_mode = WAL")
