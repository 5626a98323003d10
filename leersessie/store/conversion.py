"""Converting a whole data folder: encrypt it, change its passphrase or decrypt it (the
database, then every backup), and finish what an interrupted conversion left behind.

The file-level work (keys, markers, converting one file, shredding) is
``leersessie.store.encryption``; this module adds what a folder holds: its backups and
its instance lock.
"""

from __future__ import annotations

from pathlib import Path

from leersessie.base.errors import DatabaseError, InputError
from leersessie.base.i18n import tr
from leersessie.store.backup import backup_dir, list_backups
from leersessie.store.encryption import (
    PENDING_MARKER_NAME,
    SALT_BYTES,
    Key,
    PassphraseRequired,
    convert_file,
    file_header,
    folder_is_encrypted,
    folder_key,
    is_encrypted_file,
    new_key,
    open_sqlite,
    remember_key,
    settle_marker,
    shred_leftovers,
    write_marker,
)
from leersessie.store.locks import acquire_instance_lock
from leersessie.store.paths import clear_scratch_dir, database_path
from leersessie.store.storage import BUSY_SECONDS


def convert_folder(data_dir: Path, passphrase: str | None) -> None:
    """Encrypt the folder with ``passphrase``, re-key it, or (None) decrypt it.

    Call with no connection to the database open; it takes the instance lock. The
    database is exported into a new file beside it, verified (integrity check and row
    counts) and moved over the old one in one step: a kill leaves the old file or the
    new one, complete. The old file's bytes are then overwritten, then the backups are
    converted the same way, one by one, and the temporary PDFs removed.
    """
    data_dir = Path(data_dir)
    with acquire_instance_lock(data_dir):
        _convert_folder(data_dir, passphrase)


def _convert_folder(data_dir: Path, passphrase: str | None) -> None:
    db_file = database_path(data_dir)
    old_key = _current_key(data_dir)
    if old_key is None and passphrase is None:
        raise InputError(tr("De gegevens zijn niet versleuteld; er is niets gewijzigd."))
    key = new_key(passphrase) if passphrase is not None else None
    _empty_wal(db_file, old_key)
    if key is not None:
        write_marker(data_dir / PENDING_MARKER_NAME, key)
    convert_file(db_file, old_key, key)
    settle_marker(data_dir)
    remember_key(data_dir, key)
    for info in list_backups(data_dir):
        if _opens_with(info.path, old_key):
            convert_file(info.path, old_key, key)
    clear_scratch_dir(data_dir)  # PDFs made before were never encrypted


def _current_key(data_dir: Path) -> Key | None:
    if not folder_is_encrypted(data_dir):
        return None
    key = folder_key(data_dir)
    if key is None:
        raise PassphraseRequired(
            tr("De gegevens zijn versleuteld. Geef eerst het huidige wachtwoord."),
            database_path(data_dir),
        )
    return key


def _opens_with(path: Path, key: Key | None) -> bool:
    """A backup in the state the database was in (plain, or with the same salt and key)."""
    if key is None:
        return not is_encrypted_file(path) and path.stat().st_size > 0
    return file_header(path)[:SALT_BYTES] == key.salt


def _empty_wal(db_file: Path, key: Key | None) -> None:
    """Fold the -wal into the database and let the last close remove it: a WAL left
    beside a replaced file would be read into the new one."""
    if not db_file.exists():
        raise InputError(tr("Er is nog geen database om te versleutelen."))
    # No longer than any command waits for another program's lock.
    conn = open_sqlite(db_file, key=key, timeout=BUSY_SECONDS)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if Path(f"{db_file}-wal").exists():
        raise DatabaseError(
            tr(
                "De database is nog in gebruik door een ander programma of venster. Sluit dat "
                "en probeer het opnieuw; er is niets gewijzigd."
            )
        )


def settle_folder(data_dir: Path) -> None:
    """Finish what an interrupted conversion left: overwrite replaced files and half-built
    copies, and (with the key at hand) encrypt backups that are still plain."""
    data_dir = Path(data_dir)
    for folder in (data_dir, backup_dir(data_dir)):
        if folder.is_dir():
            shred_leftovers(folder)
    settle_marker(data_dir)
    key = folder_key(data_dir)
    if key is not None and folder_is_encrypted(data_dir):
        for info in list_backups(data_dir):
            if _opens_with(info.path, None):
                convert_file(info.path, None, key)
