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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]

from leersessie.base.errors import DatabaseError, InputError, UserFacingError
from leersessie.base.i18n import tr
from leersessie.base.sqlite_errors import SQLITE_DATABASE_ERRORS, SQLITE_ERRORS
from leersessie.store.paths import database_path, make_private

SQLITE_HEADER = b"SQLite format 3\x00"
MARKER_NAME = "versleuteling.json"
PENDING_MARKER_NAME = "versleuteling.json.nieuw"
PASSPHRASE_FILE_ENV = "LEERSESSIE_PASSPHRASE_FILE"
NEW_PASSPHRASE_FILE_ENV = "LEERSESSIE_NEW_PASSPHRASE_FILE"  # changing it from a script
KDF_ITERATIONS = 256_000  # SQLCipher 4's default, so the files open with the passphrase alone
SALT_BYTES = 16
_SMALLEST_PAGE = 512  # a database file is always whole pages of at least this size
MIN_PASSPHRASE_LENGTH = 8
_CHECK_MESSAGE = b"leersessie: sleutelcontrole"
_CONVERTING_SUFFIX = ".omzetten"  # a converted copy being built, beside the file
_REPLACED_SUFFIX = ".vervangen"  # the old file's name kept until it is overwritten


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
    # cryptography's OpenSSL, not hashlib's: the bundle carries one OpenSSL (that one), and
    # hashlib without OpenSSL would derive in pure Python, seconds instead of milliseconds.
    # Imported here: a plain folder's start never needs it (tests/test_architecture.py).
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA512(), length=32, salt=salt, iterations=KDF_ITERATIONS)
    return Key(kdf.derive(passphrase.encode("utf-8")), salt)


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


def remember_key(data_dir: Path, key: Key | None) -> None:
    with _keys_lock:
        if key is None:
            _keys.pop(Path(data_dir).resolve(), None)
        else:
            _keys[Path(data_dir).resolve()] = key


def forget_key(data_dir: Path) -> None:
    remember_key(data_dir, None)


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


def write_marker(path: Path, key: Key) -> None:
    data = {
        "uitleg": "Deze map is versleuteld met een wachtwoord (SQLCipher 4). Dit bestand "
        "bevat geen wachtwoord en geen sleutel.",
        "formaat": 1,
        "sleutelafleiding": f"PBKDF2-HMAC-SHA512, {KDF_ITERATIONS}",
        "salt": key.salt.hex(),
        "controle": key.check_value(),
    }
    with atomic_replace(path) as temp:
        temp.write_text(json.dumps(data, indent=2), encoding="utf-8")


def read_marker(path: Path) -> Marker | None:
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
    pending = read_marker(pending_file)
    if pending is not None and pending.salt == salt:
        os.replace(pending_file, marker_file)
    else:
        pending_file.unlink(missing_ok=True)
    return read_marker(marker_file)


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
    remember_key(data_dir, key)
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


def shred_leftovers(folder: Path) -> None:
    """Overwrite and remove what a kill during a conversion left in ``folder``: half-built
    copies, and old files whose name was kept to overwrite them."""
    for leftover in folder.iterdir():
        if leftover.name.endswith(_CONVERTING_SUFFIX):
            shred(leftover)
        elif leftover.name.endswith(_REPLACED_SUFFIX):
            shred(leftover, leftover.with_name(leftover.name[: -len(_REPLACED_SUFFIX)]))


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
def atomic_replace(target: Path) -> Iterator[Path]:
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
