"""One open data folder: its database and the templates it can use.

The CLI and the GUI both start here, so both check and open the data the same way.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from leersessie.base.dates import written
from leersessie.base.errors import DatabaseError
from leersessie.base.i18n import tr
from leersessie.method.templates import Catalogue, load_catalogue
from leersessie.store.backup import (
    auto_backup,
    backup_before_migration,
    latest_backup,
    remove_temporary_copies,
)
from leersessie.store.conversion import settle_folder
from leersessie.store.integrity import DamagedDatabaseError, IntegrityCheck, damage_found_in_use
from leersessie.store.locks import InstanceLock, acquire_instance_lock, sync_or_network_warning
from leersessie.store.paths import (
    SCRATCH_DIR,
    clear_scratch_dir,
    database_path,
    fresh_scratch_dir,
    prepare_data_dir,
    resolve_data_dir,
    user_templates_dir,
)
from leersessie.store.storage import open_database

if TYPE_CHECKING:
    from leersessie.sharing.pending import Finished


@dataclass
class Workspace:
    data_dir: Path
    db: Database
    # Held while the workspace is open: no second Leersessie writes in this folder.
    lock: InstanceLock | None = None
    # A warning to show (not an error): the folder is synced or on a network drive.
    location_warning: str | None = None
    # The integrity check left for after the start (see open_workspace), if any.
    integrity: IntegrityCheck | None = None
    # Why no daily backup could be made (a full disk): reading and exporting go on.
    backup_warning: str | None = None
    # What the start finished of deletions a crash interrupted, and what is still left
    # (None: there were none).
    deletions: Finished | None = None
    # The templates, read on first use (see catalogue): parsing them all took some 10 ms of
    # every start, and the home screen shows none of them.
    _catalogue: Catalogue | None = field(default=None, init=False, repr=False)

    @property
    def catalogue(self) -> Catalogue:
        """The built-in templates and those in the data folder's own folder, with the
        errors of those that did not load; read the first time they are wanted."""
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.templates_dir)
        return self._catalogue

    @property
    def db_path(self) -> Path:
        return database_path(self.data_dir)

    @property
    def scratch_dir(self) -> Path:
        return self.data_dir / SCRATCH_DIR

    @property
    def templates_dir(self) -> Path:
        return user_templates_dir(self.data_dir)

    def reload_templates(self) -> Catalogue:
        self._catalogue = None
        return self.catalogue

    def confirm_integrity(self) -> None:
        """Wait for the integrity check left for later; raises DamagedDatabaseError (naming
        the latest backup) before anything was written. Once passed, writes no longer
        wait for it."""
        if self.integrity is None:
            return
        try:
            self.integrity.result()
        except DamagedDatabaseError as error:
            raise DamagedDatabaseError(error.message + " " + restore_hint(self.data_dir)) from error
        self.integrity = None
        self.db.conn.set_authorizer(None)

    def refusal_for(self, exc: sqlite3.DatabaseError) -> DamagedDatabaseError | None:
        """The message for a damaged page met while reading (before the full check had
        its say), naming the latest backup; None when ``exc`` is not about damage."""
        found = damage_found_in_use(self.db_path, exc)
        if found is None:
            return None
        return DamagedDatabaseError(found.message + " " + restore_hint(self.data_dir))

    def close(self) -> None:
        self.db.close()
        clear_scratch_dir(self.data_dir)  # no PDF of a session stays behind after closing
        if self.lock is not None:
            _open_marker(self.data_dir).unlink(missing_ok=True)  # a clean exit
            self.lock.release()


def open_workspace(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    daily_backup: bool = True,
    defer_integrity: bool = False,
) -> Workspace:
    """Raises DataDirError or DatabaseError with a message for the user.

    Takes the instance lock first, backs the database up before a schema upgrade,
    and makes the daily backup (at most one a day). That takes about a second on
    10,000 sessions: the GUI passes ``daily_backup=False`` and calls
    ``backup.auto_backup(ws.data_dir)`` in a background thread instead.

    The full integrity check reads every page (more than a second at 50,000 sessions).
    With ``defer_integrity`` it is left for later, unless the last run ended without
    closing the workspace (a crash, a kill, a power cut): then it runs here. Deferred,
    the header and schema are still checked here, ``ws.integrity.start()`` starts the
    full check, any write on ``ws.db`` waits for its verdict (and is refused on a
    damaged file), and the caller calls ``confirm_integrity()`` when it is done.
    """
    if os.name == "posix":
        os.umask(0o077)  # every file we create (database, WAL, backups, PDFs) is the user's only
    folder = prepare_data_dir(resolve_data_dir(data_dir))
    lock = acquire_instance_lock(folder)
    try:
        remove_temporary_copies(folder)  # a killed backup or migration left a full copy
        settle_folder(folder)  # what an interrupted encryption left behind
        marker = _open_marker(folder)
        integrity = None
        if defer_integrity and not marker.exists():
            integrity = IntegrityCheck(database_path(folder), start=False)
        db = _open_checked(folder, integrity)
        if integrity is not None:
            integrity.guard(db.conn)
        marker.touch()
        workspace = Workspace(folder, db, lock, integrity=integrity)
        try:
            # A deletion a crash interrupted (or a shared folder that was offline): finished
            # before anything else, so no backup of today copies what it still held.
            workspace.deletions = _finish_interrupted_deletions(db, folder)
            if daily_backup:
                workspace.confirm_integrity()  # never back up a damaged file over good ones
                workspace.backup_warning = _daily_backup_or_warning(folder, db)
            user_templates_dir(folder).mkdir(exist_ok=True)
            fresh_scratch_dir(folder)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    workspace.location_warning = sync_or_network_warning(folder)
    return workspace


def _finish_interrupted_deletions(db: Database, folder: Path) -> Finished | None:
    """Finish what a deletion left pending; the modules that do it (the shared folder,
    the archive) are loaded only then, not at every start."""
    if not db["pending_deletions"].exists():  # a test holding the schema back (m009)
        return None
    if db.execute("SELECT 1 FROM pending_deletions LIMIT 1").fetchone() is None:
        return None
    from leersessie.sharing.pending import finish_deletions

    return finish_deletions(db, folder)


def _daily_backup_or_warning(folder: Path, db: Database) -> str | None:
    """Make the daily backup; when it cannot be made, the reason and that there is none,
    so what only reads or exports elsewhere still works on a full disk."""
    try:
        auto_backup(folder, db)
    except DatabaseError as error:
        return error.message + " " + tr("Er is vandaag geen reservekopie gemaakt.")
    return None


def _open_marker(folder: Path) -> Path:
    """Exists while a workspace is open: found at a start, the last run did not close."""
    # Not under paths.TEMP_PREFIX: the start removes what a kill left with that prefix.
    return folder / ".open-bij-gebruik"


def _open_checked(folder: Path, integrity: IntegrityCheck | None) -> Database:
    try:
        return open_database(
            database_path(folder),
            before_migration=lambda path: backup_before_migration(folder, path),
            integrity=integrity,
        )
    except DamagedDatabaseError as error:
        raise DamagedDatabaseError(error.message + " " + restore_hint(folder)) from error


def restore_hint(folder: Path) -> str:
    """Names the latest backup and how to put it back, or says there is none."""
    latest = latest_backup(folder)
    if latest is None:
        return tr("Er is nog geen reservekopie in {path}.", path=folder / "reservekopieen")
    return tr(
        "De laatste reservekopie is van {date} om {time}: {path}. Terugzetten kan in de "
        'app (Bestand > Reservekopie terugzetten) of met: leersessie restore "{path}"',
        date=written(latest.made.date()),
        time=latest.made.strftime("%H:%M"),
        path=latest.path,
    )
