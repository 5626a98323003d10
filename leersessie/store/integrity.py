"""Whether a database file can be trusted before anything is written to it: the header,
a read-only connection that changes no byte, the full integrity check on a thread of its
own, and the Dutch messages for a file that cannot be used."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from leersessie.base.errors import DatabaseError, is_disk_full
from leersessie.base.i18n import tr
from leersessie.base.sqlite_errors import SQLITE_DATABASE_ERRORS, SQLITE_ERRORS
from leersessie.store.encryption import (
    MARKER_NAME,
    SQLITE_HEADER,
    PassphraseRequired,
    is_encrypted_file,
    key_for,
    open_sqlite,
)


class DamagedDatabaseError(DatabaseError):
    """The file is damaged or no database at all: restoring a backup is the way out."""


def refuse_non_database(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER and key_for(path) is None:
        if (path.parent / MARKER_NAME).exists():
            raise PassphraseRequired(
                tr("De gegevens zijn versleuteld. Geef het wachtwoord om ze te openen."), path
            )
        raise DamagedDatabaseError(
            tr(
                "Het bestand {path} is geen Leersessie-database. Het is niet gewijzigd. "
                "Zet een reservekopie terug of kies een andere gegevensmap.",
                path=path,
            )
        )


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte to a database it may yet refuse."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if not Path(f"{path}-wal").exists():
        # Without a WAL to read, "immutable" keeps even a read-only connection from
        # creating -wal and -shm files beside a database it may refuse.
        uri += "&immutable=1"
    try:
        return open_sqlite(uri, uri=True, timeout=0.5)
    except SQLITE_ERRORS as exc:
        raise unreadable_error(path, exc) from exc


def check_integrity(path: Path) -> None:
    """PRAGMA quick_check without writing; raises DamagedDatabaseError with what to do."""
    if not path.exists() or path.stat().st_size == 0:
        return
    refuse_non_database(path)
    conn = read_only_connection(path)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except SQLITE_DATABASE_ERRORS as exc:
        raise unreadable_error(path, exc) from exc
    finally:
        conn.close()
    if verdict != "ok":
        raise DamagedDatabaseError(
            tr(
                "De database {path} is beschadigd ({detail}). Het bestand is niet gewijzigd. "
                "Zet de laatste reservekopie terug (Bestand > Reservekopie terugzetten, of "
                "'leersessie restore').",
                path=path,
                detail=verdict,
            )
        )


# Statement kinds that change the file: a write waits for the integrity check.
_WRITES = frozenset(
    {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
    | {sqlite3.SQLITE_ALTER_TABLE, sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE}
    | {
        getattr(sqlite3, n)
        for n in dir(sqlite3)
        if n.startswith(("SQLITE_CREATE_", "SQLITE_DROP_"))
    }
)


class IntegrityCheck:
    """The full integrity check on a thread of its own, off the window's path.

    quick_check reads every page: a quarter of a second at 10,000 sessions, more than a
    second at 50,000, so the app starts it once the window is up. ``result()`` waits
    for it (starting it if need be) and raises what the check at opening would raise.
    ``guard(conn)`` makes the first write on a connection wait for the verdict, and
    refuses it on a damaged file, so nothing is written before the check passed.
    """

    def __init__(self, path: Path, *, start: bool = True) -> None:
        self.path = path
        self._error: DatabaseError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._start_lock = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        with self._start_lock:
            if not self._thread.is_alive() and self._thread.ident is None:
                self._thread.start()

    def _run(self) -> None:
        try:
            check_integrity(self.path)
        except DatabaseError as error:
            self._error = error

    @property
    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def result(self) -> None:
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def refusal(self) -> DatabaseError | None:
        """What the check found wrong, once it ran; None while it runs or when it passed."""
        return self._error if self.done else None

    def guard(self, conn: sqlite3.Connection) -> None:
        """Until ``conn.set_authorizer(None)``: a write first waits for the verdict, and
        on a damaged file SQLite refuses it ("not authorized")."""

        def authorize(action: int, *_details: object) -> int:
            if action not in _WRITES:
                return sqlite3.SQLITE_OK
            try:
                self.result()
            except DatabaseError:
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK

        conn.set_authorizer(authorize)


def unreadable_error(path: Path, exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            tr(
                "De database {path} is in gebruik door een ander programma of een ander venster "
                "van Leersessie. Sluit dat eerst en probeer het opnieuw.",
                path=path,
            )
        )
    if is_encrypted_file(path) and ("not a database" in text or "malformed" in text):
        # The passphrase was checked against the folder's marker before: the file is damaged.
        return DamagedDatabaseError(
            tr(
                "De versleutelde database {path} is beschadigd: het wachtwoord klopt, maar het "
                "bestand kan niet worden gelezen. Het bestand is niet gewijzigd. Zet de laatste "
                "reservekopie terug.",
                path=path,
            )
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedDatabaseError(
            tr(
                "De database {path} is beschadigd en kan niet worden geopend. Het bestand is niet "
                "gewijzigd. Zet de laatste reservekopie terug.",
                path=path,
            )
        )
    if "full" in text or is_disk_full(exc, path):
        return DatabaseError(
            tr(
                "De schijf is vol, dus Leersessie kan de database {path} niet openen. Het bestand "
                "is niet gewijzigd. Maak ruimte vrij op de schijf en start Leersessie opnieuw.",
                path=path,
            )
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            tr(
                "De database {path} is alleen-lezen, dus Leersessie kan niets opslaan. Het bestand "
                "is niet gewijzigd. Geef uzelf schrijfrechten op de map en het bestand.",
                path=path,
            )
        )
    return DatabaseError(
        tr(
            "De database {path} kan niet worden geopend ({reason}). Het bestand is niet gewijzigd.",
            path=path,
            reason=exc,
        )
    )


def damage_found_in_use(path: Path, exc: sqlite3.DatabaseError) -> DamagedDatabaseError | None:
    """A read that met a damaged page (possible before the full check has run): the
    refusal opening would give; None for any other error, which is not to be hidden."""
    explained = unreadable_error(path, exc)
    return explained if isinstance(explained, DamagedDatabaseError) else None
