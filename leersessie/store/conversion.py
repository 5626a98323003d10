"""Converting a whole data folder: encrypt it, change its passphrase or decrypt it (the
database, then every backup), and finish what an interrupted conversion left behind.

The file-level work (keys, markers, converting one file, shredding) is
``leersessie.store.encryption``; this module adds what a folder holds: its backups and
its instance lock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from leersessie.base.errors import DatabaseError, InputError, UserFacingError
from leersessie.base.i18n import tr
from leersessie.store.backup import backup_dir, list_backups
from leersessie.store.encryption import (
    PENDING_MARKER_NAME,
    SALT_BYTES,
    Key,
    Marker,
    PassphraseRequired,
    WrongPassphraseError,
    atomic_replace,
    convert_file,
    derive_key,
    file_header,
    folder_is_encrypted,
    folder_key,
    is_encrypted_file,
    new_key,
    open_sqlite,
    read_marker,
    read_passphrase,
    remember_key,
    settle_marker,
    shred_leftovers,
    unlock_with,
    write_marker,
)
from leersessie.store.locks import acquire_instance_lock
from leersessie.store.paths import clear_scratch_dir, database_path
from leersessie.store.storage import BUSY_SECONDS

# Kept while a passphrase change converts the backups: the previous key's salt and check
# value, and (when there is a new key) the previous key encrypted with it, so the next
# start converts what a crash left without asking. Removed when every backup is done.
PREVIOUS_MARKER_NAME = "versleuteling-vorige.json"
PREVIOUS_PASSPHRASE_FILE_ENV = "LEERSESSIE_PREVIOUS_PASSPHRASE_FILE"
_WRAP_CONTEXT = b"leersessie: vorige sleutel"


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
    _finish_previous(data_dir, None)  # an earlier change's backups first, while it can
    key = new_key(passphrase) if passphrase is not None else None
    _empty_wal(db_file, old_key)
    if key is not None:
        write_marker(data_dir / PENDING_MARKER_NAME, key)
    if old_key is not None:
        write_previous(data_dir, old_key, key)  # before the database: a kill may follow
    convert_file(db_file, old_key, key)
    settle_marker(data_dir)
    remember_key(data_dir, key)
    for info in list_backups(data_dir):
        if _opens_with(info.path, old_key):
            convert_file(info.path, old_key, key)
    (data_dir / PREVIOUS_MARKER_NAME).unlink(missing_ok=True)
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
    # Without the previous passphrase it waits: the app and the command line ask for it.
    with suppress(PreviousPassphraseRequired):
        _finish_previous(data_dir, None)


# --- a passphrase change a crash interrupted ---------------------------------------


class PreviousPassphraseRequired(PassphraseRequired):
    """Backups are still under the passphrase the data had before a change that did not
    finish, and its key cannot be recovered without that passphrase."""


def _wrapping_key(key: Key) -> bytes:
    return hmac.new(key.raw, _WRAP_CONTEXT, hashlib.sha256).digest()


def write_previous(data_dir: Path, old_key: Key, key: Key | None) -> None:
    data: dict[str, object] = {
        "uitleg": "Een wachtwoordwijziging is bezig: reservekopieën met het vorige wachtwoord "
        "worden bij de volgende start omgezet. Dit bestand bevat geen wachtwoord.",
        "salt": old_key.salt.hex(),
        "controle": old_key.check_value(),
    }
    if key is not None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        wrapped = AESGCM(_wrapping_key(key)).encrypt(nonce, old_key.raw, old_key.salt)
        data["sleutel"] = {
            "nieuwe_salt": key.salt.hex(),
            "nonce": nonce.hex(),
            "data": wrapped.hex(),
        }
    with atomic_replace(data_dir / PREVIOUS_MARKER_NAME) as temp:
        temp.write_text(json.dumps(data, indent=2), encoding="utf-8")


@dataclass(frozen=True)
class _Previous:
    marker: Marker
    wrapped: dict[str, str] | None


def _read_previous(data_dir: Path) -> _Previous | None:
    marker = read_marker(Path(data_dir) / PREVIOUS_MARKER_NAME)
    if marker is None:
        return None
    try:
        data = json.loads((Path(data_dir) / PREVIOUS_MARKER_NAME).read_text(encoding="utf-8"))
        wrapped = data.get("sleutel")
    except (OSError, ValueError, AttributeError):
        wrapped = None
    return _Previous(marker, wrapped if isinstance(wrapped, dict) else None)


def _unwrapped(previous: _Previous, key: Key | None) -> Key | None:
    """The previous key, decrypted with the folder's current key; None when it cannot be."""
    wrapped = previous.wrapped
    if key is None or wrapped is None or wrapped.get("nieuwe_salt") != key.salt.hex():
        return None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = AESGCM(_wrapping_key(key)).decrypt(
            bytes.fromhex(wrapped["nonce"]), bytes.fromhex(wrapped["data"]), previous.marker.salt
        )
    except (InvalidTag, ValueError, KeyError):
        return None
    old = Key(raw, previous.marker.salt)
    return old if hmac.compare_digest(old.check_value(), previous.marker.check) else None


def backups_under_previous_passphrase(data_dir: Path) -> list[Path]:
    """The backups a passphrase change did not convert before it was interrupted."""
    previous = _read_previous(data_dir)
    if previous is None:
        return []
    salt = previous.marker.salt
    return [
        info.path
        for info in list_backups(data_dir)
        if is_encrypted_file(info.path) and file_header(info.path)[:SALT_BYTES] == salt
    ]


def previous_passphrase_needed(data_dir: Path) -> bool:
    """Backups wait for the previous passphrase: the change was to no passphrase, or the
    previous key cannot be recovered with the current one. Ask the coach for it."""
    previous = _read_previous(data_dir)
    if previous is None or _change_not_begun(data_dir, previous):
        return False
    if not backups_under_previous_passphrase(data_dir):
        return False
    current = folder_key(data_dir) if folder_is_encrypted(data_dir) else None
    return _unwrapped(previous, current) is None


def _change_not_begun(data_dir: Path, previous: _Previous) -> bool:
    """The database still has the previous key: the change was killed before it."""
    return file_header(database_path(data_dir))[:SALT_BYTES] == previous.marker.salt


def finish_passphrase_change(data_dir: Path, previous_passphrase: str | None = None) -> None:
    """Convert the backups still under the previous passphrase to the folder's current
    form. Without ``previous_passphrase`` the previous key must be recoverable; raises
    PreviousPassphraseRequired when it is not and WrongPassphraseError when the given
    one does not fit. Takes the instance lock."""
    with acquire_instance_lock(Path(data_dir)):
        _finish_previous(Path(data_dir), previous_passphrase)


def _finish_previous(data_dir: Path, previous_passphrase: str | None) -> None:
    previous = _read_previous(data_dir)
    if previous is None:
        return
    encrypted = folder_is_encrypted(data_dir)
    if _change_not_begun(data_dir, previous):
        (data_dir / PREVIOUS_MARKER_NAME).unlink()
        return
    stale = backups_under_previous_passphrase(data_dir)
    if not stale:
        (data_dir / PREVIOUS_MARKER_NAME).unlink()
        return
    current = folder_key(data_dir) if encrypted else None
    if encrypted and current is None:
        return  # the folder is not unlocked yet: the start after unlocking does this
    old_key = _unwrapped(previous, current)
    if old_key is None and previous_passphrase is not None:
        old_key = derive_key(previous_passphrase, previous.marker.salt)
        if not hmac.compare_digest(old_key.check_value(), previous.marker.check):
            raise WrongPassphraseError(
                tr(
                    "Dat is niet het vorige wachtwoord van deze gegevens. Let op hoofdletters "
                    "en de toetsenbordindeling. Er is niets gewijzigd."
                )
            )
    if old_key is None:
        raise PreviousPassphraseRequired(
            tr(
                "Een wachtwoordwijziging is onderbroken: {count} reservekopieën zijn nog met het "
                "vorige wachtwoord versleuteld. Geef het vorige wachtwoord, dan worden ze "
                "omgezet.",
                count=len(stale),
            ),
            stale[0],
        )
    for path in stale:
        convert_file(path, old_key, current)
    (data_dir / PREVIOUS_MARKER_NAME).unlink()


def unlock_from_terminal(data_dir: Path) -> None:
    """For the command line: ask for the passphrase when the folder is encrypted and
    still locked in this process (a plain folder opens without asking); then, if a
    passphrase change was interrupted and needs it, for the previous one."""
    if folder_is_encrypted(data_dir) and folder_key(data_dir) is None:
        unlock_with(data_dir, lambda: read_passphrase(tr("Wachtwoord van de gegevens: ")))
    if not previous_passphrase_needed(data_dir):
        return
    try:
        previous = read_passphrase(
            tr("Vorige wachtwoord (van de reservekopieën): "), env=PREVIOUS_PASSPHRASE_FILE_ENV
        )
    except UserFacingError as error:
        # Nothing to ask with: the command goes on, the backups wait for the next time.
        print(_previous_waits_message(data_dir) + " " + error.message, file=sys.stderr)
        return
    finish_passphrase_change(data_dir, previous)


def _previous_waits_message(data_dir: Path) -> str:
    return tr(
        "{count} reservekopieën zijn nog met het vorige wachtwoord versleuteld (een "
        "wachtwoordwijziging is onderbroken); ze worden omgezet zodra dat wachtwoord is "
        "gegeven.",
        count=len(backups_under_previous_passphrase(data_dir)),
    )
