"""Encryption at rest: an optional passphrase for the data folder (SQLCipher).

A plain folder keeps Python's sqlite3 and is opened without asking. An encrypted folder
holds its database and backups as SQLCipher 4 files; a file's own header says which it
is (a plain one starts with "SQLite format 3"). Beside the database a small, non-secret
marker (``versleuteling.json``) keeps the key's salt and a check value, so a wrong
passphrase is told apart from a damaged file without touching the file.

The key is derived once per start, PBKDF2-HMAC-SHA512 with SQLCipher 4's own 256,000
iterations, and handed to SQLCipher raw with the salt, so every connection (background
jobs, backups) opens without deriving again. Each file still opens with nothing but
the passphrase (``PRAGMA key = 'passphrase'``) in any SQLCipher 4 tool. The passphrase
itself is never written anywhere; the derived key lives in this process's memory only.

Every database file of the app is opened through ``open_sqlite``: it picks the plain or
the encrypted connection and knows the key of the folder.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]

from leersessie.errors import DatabaseError, InputError, UserFacingError
from leersessie.i18n import tr
from leersessie.paths import clear_scratch_dir, database_path, make_private

SQLITE_HEADER = b"SQLite format 3\x00"
MARKER_NAME = "versleuteling.json"
PENDING_MARKER_NAME = "versleuteling.json.nieuw"
# Kept while a passphrase change converts the backups: the previous key's salt and check
# value, and (when there is a new key) the previous key encrypted with it, so the next
# start converts what a crash left without asking. Removed when every backup is done.
PREVIOUS_MARKER_NAME = "versleuteling-vorige.json"
PREVIOUS_PASSPHRASE_FILE_ENV = "LEERSESSIE_PREVIOUS_PASSPHRASE_FILE"
_WRAP_CONTEXT = b"leersessie: vorige sleutel"
PASSPHRASE_FILE_ENV = "LEERSESSIE_PASSPHRASE_FILE"
NEW_PASSPHRASE_FILE_ENV = "LEERSESSIE_NEW_PASSPHRASE_FILE"  # changing it from a script
KDF_ITERATIONS = 256_000  # SQLCipher 4's default, so the files open with the passphrase alone
SALT_BYTES = 16
_SMALLEST_PAGE = 512  # a database file is always whole pages of at least this size
MIN_PASSPHRASE_LENGTH = 8
_CHECK_MESSAGE = b"leersessie: sleutelcontrole"
_CONVERTING_SUFFIX = ".omzetten"  # a converted copy being built, beside the file
_REPLACED_SUFFIX = ".vervangen"  # the old file's name kept until it is overwritten

# Errors of either kind of connection: SQLCipher's are not subclasses of sqlite3's.
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
SQLITE_DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.DatabaseError,
    sqlcipher.DatabaseError,
)
SQLITE_OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    sqlcipher.OperationalError,
)


@dataclass(frozen=True)
class Key:
    """A derived SQLCipher key and the salt it was derived with (never the passphrase)."""

    raw: bytes = field(repr=False)
    salt: bytes

    def pragma_value(self) -> str:
        return f"\"x'{self.raw.hex()}{self.salt.hex()}'\""

    def check_value(self) -> str:
        return hmac.new(self.raw, _CHECK_MESSAGE, hashlib.sha256).hexdigest()


class PassphraseRequired(DatabaseError):
    """The file is encrypted and no key for it is known yet: ask for the passphrase."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class WrongPassphraseError(DatabaseError):
    """The passphrase does not fit; nothing was read or written."""


class KeyedConnection(sqlcipher.Connection):  # type: ignore[misc]
    """A SQLCipher connection that remembers its key, so a copy can use the same."""

    key: Key


def loss_warning() -> str:
    return tr(
        "Let op: wie het wachtwoord vergeet, kan de gegevens nooit meer lezen. Niemand kan "
        "het herstellen, ook de makers van Leersessie niet. Schrijf het op en bewaar het op "
        "een veilige plek, bijvoorbeeld met het herstelblad."
    )


def derive_key(passphrase: str, salt: bytes) -> Key:
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    validate_passphrase(passphrase)
    return derive_key(passphrase, os.urandom(SALT_BYTES))


def validate_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InputError(
            tr(
                "Kies een wachtwoord van minstens {count} tekens; een zin van een paar woorden "
                "is sterk en goed te onthouden.",
                count=MIN_PASSPHRASE_LENGTH,
            )
        )


# --- which files are encrypted, and with which key --------------------------------

_keys: dict[Path, Key] = {}  # resolved data folder -> its key, for this process only
_keys_lock = threading.Lock()


def file_header(path: Path) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, NotADirectoryError):
        return b""  # no database yet (or no folder): the opening says what is wrong


def is_encrypted_file(path: Path) -> bool:
    """Whole pages that are not plain SQLite: a SQLCipher file (or random bytes)."""
    header = file_header(path)
    if not header or header == SQLITE_HEADER:
        return False
    size = Path(path).stat().st_size
    return size >= _SMALLEST_PAGE and size % _SMALLEST_PAGE == 0


def folder_is_encrypted(data_dir: Path) -> bool:
    return is_encrypted_file(database_path(data_dir))


def key_for(path: Path) -> Key | None:
    """The unlocked key of the folder ``path`` lies in (the database) or below (backups)."""
    resolved = Path(path).resolve()
    with _keys_lock:
        for folder in (resolved.parent, resolved.parent.parent):
            if folder in _keys:
                return _keys[folder]
    return None


def folder_key(data_dir: Path) -> Key | None:
    with _keys_lock:
        return _keys.get(Path(data_dir).resolve())


def _remember(data_dir: Path, key: Key | None) -> None:
    with _keys_lock:
        if key is None:
            _keys.pop(Path(data_dir).resolve(), None)
        else:
            _keys[Path(data_dir).resolve()] = key


def forget_key(data_dir: Path) -> None:
    _remember(data_dir, None)


def open_sqlite(
    target: Path | str,
    *,
    key: Key | None = None,
    uri: bool = False,
    timeout: float = 5.0,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """The one way the app opens a database file.

    A plain file (or a new one without ``key``) gets Python's sqlite3; an encrypted file
    gets SQLCipher with ``key`` or the key of its folder. ``target`` is a path, or a
    ``file:`` URI with ``uri=True`` (read-only and immutable opening).
    """
    path = _path_of(target) if uri else Path(target)
    if key is None and is_encrypted_file(path):
        key = key_for(path)
        if key is None:
            raise PassphraseRequired(
                tr(
                    "{path} is versleuteld. Geef het wachtwoord om het te openen.",
                    path=path,
                ),
                path,
            )
    if key is None:
        return sqlite3.connect(
            str(target), uri=uri, timeout=timeout, check_same_thread=check_same_thread
        )
    conn = sqlcipher.connect(
        str(target),
        uri=uri,
        timeout=timeout,
        check_same_thread=check_same_thread,
        factory=KeyedConnection,
    )
    conn.key = key
    conn.execute("PRAGMA cipher_log_level = NONE")  # our messages say it, not stderr
    conn.execute(f"PRAGMA key = {key.pragma_value()}")
    return cast(sqlite3.Connection, conn)  # the same DB-API, other error classes


def _path_of(uri: Path | str) -> Path:
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(str(uri)).path))


def key_of(conn: object) -> Key | None:
    """The key a connection of ``open_sqlite`` was opened with (None: plain)."""
    return conn.key if isinstance(conn, KeyedConnection) else None


def is_unreadable_error(exc: BaseException) -> bool:
    """What SQLCipher says for a wrong key or a damaged page."""
    return isinstance(exc, SQLITE_DATABASE_ERRORS) and "not a database" in str(exc).lower()


# --- the marker: salt and check value, nothing secret -----------------------------


@dataclass(frozen=True)
class Marker:
    salt: bytes
    check: str


def _write_marker(path: Path, key: Key) -> None:
    data = {
        "uitleg": "Deze map is versleuteld met een wachtwoord (SQLCipher 4). Dit bestand "
        "bevat geen wachtwoord en geen sleutel.",
        "formaat": 1,
        "sleutelafleiding": f"PBKDF2-HMAC-SHA512, {KDF_ITERATIONS}",
        "salt": key.salt.hex(),
        "controle": key.check_value(),
    }
    with _atomic_replace(path) as temp:
        temp.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _read_marker(path: Path) -> Marker | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Marker(bytes.fromhex(data["salt"]), str(data["controle"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def settle_marker(data_dir: Path) -> Marker | None:
    """The marker that belongs to the database as it is, after an interrupted conversion:
    the pending one once the database carries its salt, else the current one."""
    db_file = database_path(data_dir)
    marker_file = Path(data_dir) / MARKER_NAME
    pending_file = Path(data_dir) / PENDING_MARKER_NAME
    if not is_encrypted_file(db_file):
        for stale in (marker_file, pending_file):
            stale.unlink(missing_ok=True)  # a decryption ended before it removed them
        return None
    salt = file_header(db_file)[:SALT_BYTES]
    pending = _read_marker(pending_file)
    if pending is not None and pending.salt == salt:
        os.replace(pending_file, marker_file)
    else:
        pending_file.unlink(missing_ok=True)
    return _read_marker(marker_file)


def unlock(data_dir: Path, passphrase: str) -> Key:
    """Check ``passphrase`` against the folder's marker and keep the key for this process.
    Reads only the marker and the database's first bytes; writes nothing."""
    marker = settle_marker(data_dir)
    if marker is None:
        raise DatabaseError(
            tr(
                "De database in {path} is versleuteld of beschadigd, en het bestand {marker} dat "
                "het wachtwoord controleert ontbreekt. Er is niets gewijzigd. Zet een "
                "reservekopie terug, of kopieer {marker} terug uit een reservekopie van de map.",
                path=data_dir,
                marker=MARKER_NAME,
            )
        )
    key = derive_key(passphrase, marker.salt)
    if not hmac.compare_digest(key.check_value(), marker.check):
        raise WrongPassphraseError(
            tr(
                "Dat wachtwoord klopt niet. Let op hoofdletters en de toetsenbordindeling. "
                "Er is niets gewijzigd."
            )
        )
    _remember(data_dir, key)
    return key


def unlock_file(path: Path, passphrase: str) -> Key:
    """The key of a single encrypted file (a backup from elsewhere), checked by reading it."""
    key = derive_key(passphrase, file_header(path)[:SALT_BYTES])
    conn = open_sqlite(_read_only_uri(path), key=key, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except SQLITE_ERRORS as exc:
        if is_unreadable_error(exc):
            raise WrongPassphraseError(
                tr(
                    "Dat wachtwoord opent {path} niet: het is niet het wachtwoord van die "
                    "reservekopie, of het bestand is beschadigd. Er is niets gewijzigd.",
                    path=path,
                )
            ) from exc
        raise
    finally:
        conn.close()
    return key


def _read_only_uri(path: Path) -> str:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return uri if Path(f"{path}-wal").exists() else uri + "&immutable=1"


# --- converting: encrypt, decrypt, re-key -----------------------------------------


def convert_folder(data_dir: Path, passphrase: str | None) -> None:
    """Encrypt the folder with ``passphrase``, re-key it, or (None) decrypt it.

    Call with no connection to the database open; it takes the instance lock. The
    database is exported into a new file beside it, verified (integrity check and row
    counts) and moved over the old one in one step: a kill leaves the old file or the
    new one, complete. The old file's bytes are then overwritten, then the backups are
    converted the same way, one by one, and the temporary PDFs removed.
    """
    from leersessie.safety import acquire_instance_lock

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
        _write_marker(data_dir / PENDING_MARKER_NAME, key)
    if old_key is not None:
        _write_previous(data_dir, old_key, key)  # before the database: a kill may follow
    convert_file(db_file, old_key, key)
    settle_marker(data_dir)
    _remember(data_dir, key)
    from leersessie.backup import list_backups

    for info in list_backups(data_dir):
        if _opens_with(info.path, old_key):
            convert_file(info.path, old_key, key)
    (data_dir / PREVIOUS_MARKER_NAME).unlink(missing_ok=True)
    clear_scratch_dir(data_dir)  # PDFs made before were never encrypted


# --- a passphrase change a crash interrupted ---------------------------------------


class PreviousPassphraseRequired(PassphraseRequired):
    """Backups are still under the passphrase the data had before a change that did not
    finish, and its key cannot be recovered without that passphrase."""


def _wrapping_key(key: Key) -> bytes:
    return hmac.new(key.raw, _WRAP_CONTEXT, hashlib.sha256).digest()


def _write_previous(data_dir: Path, old_key: Key, key: Key | None) -> None:
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
    with _atomic_replace(data_dir / PREVIOUS_MARKER_NAME) as temp:
        temp.write_text(json.dumps(data, indent=2), encoding="utf-8")


@dataclass(frozen=True)
class _Previous:
    marker: Marker
    wrapped: dict[str, str] | None


def _read_previous(data_dir: Path) -> _Previous | None:
    marker = _read_marker(Path(data_dir) / PREVIOUS_MARKER_NAME)
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
    from leersessie.backup import list_backups

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
    from leersessie.safety import acquire_instance_lock

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
    conn = open_sqlite(db_file, key=key)
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


def convert_file(path: Path, old_key: Key | None, key: Key | None) -> None:
    """Rewrite one database file from ``old_key`` (None: plain) to ``key`` in one step."""
    temp = conversion_copy(path)
    export_copy(path, old_key, temp, key)
    replaced = path.with_name(path.name + _REPLACED_SUFFIX)
    os.link(path, replaced)  # keeps the old bytes reachable to overwrite them afterwards
    os.replace(temp, path)
    _fsync_dir(path.parent)
    shred(replaced, path)


def conversion_copy(path: Path) -> Path:
    """Where a converted copy of ``path`` is built; one left by a kill is shredded at the
    next opening (settle_folder)."""
    return path.with_name(path.name + _CONVERTING_SUFFIX)


def export_copy(source: Path, source_key: Key | None, target: Path, key: Key | None) -> None:
    """Write ``source`` into a new file ``target`` encrypted with ``key`` (None: plain),
    verified (integrity check, the same row counts) and synced. Replaces no file."""
    shred(target)  # a copy an earlier run left half-built
    counts = _row_counts(source, source_key)
    conn = open_sqlite(source, key=source_key) if source_key else sqlcipher.connect(str(source))
    try:
        target_key = key.pragma_value() if key else "''"
        conn.execute(f"ATTACH DATABASE ? AS converted KEY {target_key}", [str(target)])
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    make_private(target)
    _verify(target, key, counts)
    _fsync(target)


def _row_counts(path: Path, key: Key | None) -> dict[str, int]:
    conn = open_sqlite(path, key=key)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _verify(temp: Path, key: Key | None, counts: dict[str, int]) -> None:
    conn = open_sqlite(temp, key=key)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if verdict != "ok" or _row_counts(temp, key) != counts:
        shred(temp)
        raise DatabaseError(
            tr(
                "De omgezette kopie klopte niet ({detail}); er is niets gewijzigd. Controleer "
                "of er genoeg ruimte op de schijf is en probeer het opnieuw.",
                detail=verdict,
            )
        )


def shred(path: Path, live: Path | None = None) -> None:
    """Overwrite a file's bytes with zeros before removing it (best effort: SSDs and
    copy-on-write file systems may keep old blocks). Only unlinks a name of ``live``."""
    if not path.exists():
        return
    if live is not None and live.exists() and os.path.samefile(path, live):
        path.unlink()
        return
    size = path.stat().st_size
    with path.open("r+b") as handle:
        chunk = b"\0" * 65536
        for _ in range(0, size, len(chunk)):
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def settle_folder(data_dir: Path) -> None:
    """Finish what an interrupted conversion left: overwrite replaced files and half-built
    copies, and (with the key at hand) encrypt backups that are still plain."""
    from leersessie.backup import backup_dir, list_backups

    data_dir = Path(data_dir)
    for folder in (data_dir, backup_dir(data_dir)):
        if not folder.is_dir():
            continue
        for leftover in folder.iterdir():
            if leftover.name.endswith(_CONVERTING_SUFFIX):
                shred(leftover)
            elif leftover.name.endswith(_REPLACED_SUFFIX):
                shred(leftover, leftover.with_name(leftover.name[: -len(_REPLACED_SUFFIX)]))
    settle_marker(data_dir)
    key = folder_key(data_dir)
    if key is not None and folder_is_encrypted(data_dir):
        for info in list_backups(data_dir):
            if _opens_with(info.path, None):
                convert_file(info.path, None, key)
    # Without the previous passphrase it waits: the app and the command line ask for it.
    with suppress(PreviousPassphraseRequired):
        _finish_previous(data_dir, None)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def _atomic_replace(target: Path) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".leersessie-", suffix=".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        make_private(temp)
        yield temp
        _fsync(temp)
        os.replace(temp, target)
        _fsync_dir(target.parent)
    finally:
        temp.unlink(missing_ok=True)


# --- asking for the passphrase outside the app ------------------------------------


def read_passphrase(prompt: str, *, confirm: bool = False, env: str = PASSPHRASE_FILE_ENV) -> str:
    """From the file the variable ``env`` names (first line), or typed on a terminal;
    never from the command line, where other users and the shell history see it."""
    file = os.environ.get(env)
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            raise UserFacingError(
                tr(
                    "Het wachtwoordbestand {path} ({env}) kan niet worden gelezen of is leeg.",
                    path=file,
                    env=env,
                )
            ) from exc
    if not sys.stdin.isatty():
        raise UserFacingError(
            tr(
                "Er is een wachtwoord nodig. Typ het in een terminal, of zet het in een bestand "
                "dat alleen u kunt lezen en noem dat in {env}.",
                env=env,
            )
        )
    from getpass import getpass  # the command line's prompt, never the window's

    passphrase = getpass(prompt)
    if confirm and getpass(tr("Nogmaals: ")) != passphrase:
        raise InputError(tr("De twee wachtwoorden verschillen; er is niets gewijzigd."))
    return passphrase


def unlock_with(data_dir: Path, ask: Callable[[], str], tries: int = 3) -> Key:
    """Ask until the passphrase fits, at most ``tries`` times (one from a file)."""
    attempts = 1 if os.environ.get(PASSPHRASE_FILE_ENV) else tries
    for _ in range(attempts - 1):
        try:
            return unlock(data_dir, ask())
        except WrongPassphraseError:
            print(tr("Dat wachtwoord klopt niet; probeer het opnieuw."), file=sys.stderr)
    return unlock(data_dir, ask())


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
