"""The team archive: one file with a team's whole history, to move or share it.

A ``.leersessie`` file is a zip with ``manifest.json`` (what the file is, which format
and schema it has, whether it is encrypted) and ``data.json`` (or ``data.json.enc``,
AES-256-GCM with a scrypt key from the passphrase). docs/archive.md describes it field
by field; ``leersessie.sharing.merge`` brings an archive into a database.

The tables and their columns are read from the database as they are (``SELECT *``), so a
column a later migration adds travels without a change here; a table of its own needs
a line in ``ARCHIVE_TABLES``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlite_utils import Database

from leersessie import __version__
from leersessie.base.errors import UserFacingError, explain_failure, is_disk_full
from leersessie.base.i18n import tr
from leersessie.store.ids import now_iso
from leersessie.store.migrations import known_migrations, migrations
from leersessie.store.paths import atomic_file, write_failed

FORMAT = "leersessie-team-archive"
FORMAT_VERSION = 1
SUFFIX = ".leersessie"
MANIFEST = "manifest.json"
PAYLOAD = "data.json"
ENCRYPTED_PAYLOAD = "data.json.enc"
# scrypt at 2**15 (32 MiB, about 0.1 s): slow enough against guessing, quick to open.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# Columns that say nothing about a record's content: when it changed, and the local id
# of a template text (the same text has another id on every laptop).
UNHASHED = frozenset({"id", "changed_at", "updated_at", "template_version_id"})
# Numbers that only mean something in this file (a record's row in the search index):
# they never travel, and an import gives a record its own.
LOCAL_COLUMNS = frozenset({"search_id"})

Row = dict[str, Any]


class ArchiveError(UserFacingError):
    """An archive that cannot be read: damaged, from a newer app, or locked."""


class PassphraseNeeded(ArchiveError):
    """The archive is encrypted and no passphrase was given."""


class WrongPassphrase(ArchiveError):
    pass


@dataclass(frozen=True)
class TableSpec:
    name: str
    selection: str  # WHERE clause over :team and :sessions (a JSON list of session ids)
    # (column, parent table, required): a row without its required parent is left out
    parents: tuple[tuple[str, str, bool], ...] = ()
    # columns that name the same record on two laptops that made it apart (a session's
    # note for one step); matched when the id is not known here
    natural_key: tuple[str, ...] = ()


_IN_SESSIONS = "session_id IN (SELECT value FROM json_each(:sessions))"
_SESSION = ("session_id", "sessions", True)

# In merge order: every parent before its children.
ARCHIVE_TABLES = (
    TableSpec("teams", "id = :team"),
    TableSpec("people", "team_id = :team", (("team_id", "teams", True),)),
    TableSpec(
        "template_versions",
        "id IN (SELECT template_version_id FROM sessions "
        "WHERE id IN (SELECT value FROM json_each(:sessions)))",
    ),
    TableSpec(
        "sessions",
        "id IN (SELECT value FROM json_each(:sessions))",
        (
            ("team_id", "teams", True),
            ("template_version_id", "template_versions", True),
            ("casusinbrenger_id", "people", False),
            ("linked_session_id", "sessions", False),
        ),
    ),
    TableSpec("attendance", _IN_SESSIONS, (_SESSION, ("person_id", "people", True))),
    TableSpec("notes", _IN_SESSIONS, (_SESSION,), ("session_id", "step_key")),
    TableSpec(
        "actions",
        _IN_SESSIONS,
        (("team_id", "teams", True), _SESSION, ("owner_id", "people", False)),
    ),
    TableSpec(
        "action_reviews",
        _IN_SESSIONS,
        (("action_id", "actions", True), _SESSION),
        ("action_id", "session_id"),
    ),
    TableSpec("findings", _IN_SESSIONS, (_SESSION,)),
    TableSpec("measures", _IN_SESSIONS, (_SESSION, ("finding_id", "findings", True))),
    TableSpec("ratings", _IN_SESSIONS, (_SESSION,), ("session_id", "step_key", "item_key")),
    TableSpec(
        "development_questions",
        _IN_SESSIONS,
        (("person_id", "people", True), _SESSION),
        ("session_id", "person_id"),
    ),
    TableSpec("questions", _IN_SESSIONS, (_SESSION, ("asker_id", "people", False))),
    TableSpec(
        "person_ratings",
        _IN_SESSIONS,
        (_SESSION, ("person_id", "people", True)),
        ("session_id", "step_key", "item_key", "person_id"),
    ),
    TableSpec(
        "measure_reviews",
        _IN_SESSIONS,
        (("measure_id", "measures", True), _SESSION),
        ("measure_id", "session_id"),
    ),
    TableSpec("themes", _IN_SESSIONS, (_SESSION,)),  # m013
    TableSpec(
        "theme_findings",
        _IN_SESSIONS,
        (("theme_id", "themes", True), ("finding_id", "findings", True), _SESSION),
        ("theme_id", "finding_id"),
    ),
)
SPECS = {spec.name: spec for spec in ARCHIVE_TABLES}
# Records merged one by one (attendance goes with its session, a template text never
# changes).
MERGED_TABLES = tuple(
    spec for spec in ARCHIVE_TABLES if spec.name not in ("attendance", "template_versions")
)


@dataclass
class Archive:
    manifest: dict[str, Any]
    tables: dict[str, list[Row]]
    history: dict[str, list[str]] = field(default_factory=dict)
    tombstones: list[Row] = field(default_factory=list)
    sha256: str = ""  # of the file it was read from: the version a merge marks as seen

    @property
    def team_ids(self) -> list[str]:
        return [team["id"] for team in self.manifest.get("teams", [])]

    def attendance(self) -> dict[str, list[str]]:
        return attendance_by_session(self.tables.get("attendance", []))


def attendance_by_session(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    present: dict[str, list[str]] = {}
    for row in rows:
        present.setdefault(row["session_id"], []).append(row["person_id"])
    return present


def record_hash(row: Mapping[str, Any], attendance: Sequence[str] | None = None) -> str:
    """The content of a record, without its id and change time; a session's includes who
    was present. 16 hex digits: enough to tell the versions of one record apart."""
    content = {key: value for key, value in row.items() if key not in UNHASHED}
    if attendance is not None:
        content["attendance"] = sorted(attendance)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- export ------------------------------------------------------------------------


def team_session_ids(db: Database, team_id: str) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM sessions WHERE team_id = ?", [team_id])]


def collect_team(db: Database, team_id: str, session_ids: Sequence[str] | None = None) -> Archive:
    """Everything of one team (or of the chosen sessions of it), as an archive in memory."""
    chosen = team_session_ids(db, team_id)
    if session_ids is not None:
        wanted = set(session_ids)
        chosen = [session_id for session_id in chosen if session_id in wanted]
    params = {"team": team_id, "sessions": json.dumps(chosen)}
    tables: dict[str, list[Row]] = {}
    for spec in ARCHIVE_TABLES:
        if not db[spec.name].exists():
            continue
        cursor = db.execute(f"SELECT * FROM {spec.name} WHERE {spec.selection}", params)
        columns = [description[0] for description in cursor.description]
        tables[spec.name] = [
            {
                key: value
                for key, value in zip(columns, values, strict=True)
                if key not in LOCAL_COLUMNS
            }
            for values in cursor
        ]
    tombstones = [
        dict(zip(("id_hash", "table_name", "team_id", "deleted_at"), row, strict=True))
        for row in db.execute(
            "SELECT id_hash, table_name, team_id, deleted_at FROM tombstones WHERE team_id = ?",
            [team_id],
        )
    ]
    team = tables["teams"][0] if tables.get("teams") else None
    if team is None:
        raise ArchiveError(tr("Dit team bestaat niet (meer)."))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created_at": now_iso(),
        "migrations": [m.name for m in migrations.applied(db)],
        "teams": [{"id": team["id"], "name": team["name"]}],
        "sessions": len(chosen),
        "tables": {name: sorted(rows[0]) if rows else [] for name, rows in tables.items()},
    }
    archive = Archive(manifest, tables, tombstones=tombstones)
    archive.history = _history_with_current(db, archive)
    return archive


def _history_with_current(db: Database, archive: Archive) -> dict[str, list[str]]:
    """Each record's versions seen at earlier exchanges plus the one leaving now."""
    present = archive.attendance()
    current = {
        row["id"]: record_hash(row, present.get(row["id"]) if spec.name == "sessions" else None)
        for spec in MERGED_TABLES
        for row in archive.tables.get(spec.name, [])
    }
    history: dict[str, set[str]] = {record_id: {value} for record_id, value in current.items()}
    for record_id, value in db.execute(
        "SELECT record_id, hash FROM sync_history WHERE record_id IN "
        "(SELECT value FROM json_each(?))",
        [json.dumps(list(current))],
    ):
        history[record_id].add(value)
    return {record_id: sorted(values) for record_id, values in history.items()}


def remember_versions(db: Database, history: Mapping[str, Sequence[str]]) -> None:
    """Store versions as seen here (call inside a transaction)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_history (record_id, hash) VALUES (?, ?)",
        [(record_id, value) for record_id, values in history.items() for value in values],
    )


def export_team(
    db: Database,
    team_id: str,
    target: Path,
    passphrase: str | None = None,
    session_ids: Sequence[str] | None = None,
) -> Path:
    """Write the team's archive to ``target`` (private, atomic: a failed write leaves what
    was there). The versions written are remembered, so a later import of an edit made
    elsewhere on top of them is recognised as one-sided."""
    archive = collect_team(db, team_id, session_ids)
    write_archive(archive, target, passphrase)
    try:
        with db.atomic():
            remember_versions(db, archive.history)
    except Exception as exc:  # only what explain_failure explains is caught
        if explain_failure(exc) is None:
            raise  # a programming error
        raise VersionsNotRemembered(target, exc) from exc
    return target


class VersionsNotRemembered(UserFacingError):
    """The archive was written, but the database could not note the versions in it (it
    is held by another program, or its disk is full). Said as it is: the file is there
    and complete; only a later import may show a conflict that is none."""

    def __init__(self, path: Path, cause: BaseException) -> None:
        if "locked" in str(cause).lower() or "busy" in str(cause).lower():
            reason = tr("de database is in gebruik door een ander programma")
        elif is_disk_full(cause):
            reason = tr("de schijf met de gegevensmap is vol")
        else:
            reason = tr("de database kon niet worden bijgewerkt")
        super().__init__(
            tr(
                "Teamarchief opgeslagen: {path}. Het archief is compleet en bruikbaar. "
                "Alleen kon Leersessie niet vastleggen welke versies erin zitten ({reason}); "
                "importeert u later wijzigingen die een collega hierop maakt, dan kan een "
                "wijziging als conflict worden getoond. Exporteer opnieuw als dat is opgelost "
                "om dat te voorkomen.",
                path=path,
                reason=reason,
            )
        )
        self.path = path


def write_archive(archive: Archive, target: Path, passphrase: str | None = None) -> Path:
    payload = json.dumps(
        {"tables": archive.tables, "history": archive.history, "tombstones": archive.tombstones},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    ).encode("utf-8")
    manifest = dict(archive.manifest)
    name = PAYLOAD
    if passphrase:
        manifest["encryption"], payload = _encrypt(payload, passphrase)
        manifest["teams"] = [{"id": team["id"]} for team in manifest["teams"]]  # no names
        name = ENCRYPTED_PAYLOAD
    else:
        manifest["encryption"] = None
    try:
        with (
            atomic_file(target, ".tmp") as temp,
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle,
        ):
            bundle.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            # Encrypted data is packed already: stored as it is.
            packing = zipfile.ZIP_STORED if passphrase else zipfile.ZIP_DEFLATED
            bundle.writestr(name, payload, compress_type=packing)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return target


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _encrypt(payload: bytes, passphrase: str) -> tuple[dict[str, Any], bytes]:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    params = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    # Packed before encrypting: encrypted bytes do not pack (2.3 MB against 0.4 MB).
    packed = zlib.compress(payload, 6)
    params["compression"] = "zlib"
    return params, AESGCM(key).encrypt(nonce, packed, FORMAT.encode("ascii"))


def _decrypt(payload: bytes, params: Mapping[str, Any], passphrase: str) -> bytes:
    """``params`` as ``_parse_encryption`` checked them (salt and nonce as bytes)."""
    key = _key(passphrase, params["salt"], SCRYPT_N, SCRYPT_R, SCRYPT_P)
    try:
        return AESGCM(key).decrypt(params["nonce"], payload, FORMAT.encode())
    except InvalidTag as exc:
        raise WrongPassphrase(
            tr(
                "Het wachtwoord klopt niet (of het archief is beschadigd). Er is niets "
                "gewijzigd. Probeer het opnieuw met het wachtwoord dat bij het exporteren "
                "is gekozen."
            )
        ) from exc


# --- reading -----------------------------------------------------------------------
#
# An archive comes from a colleague or from a folder anyone in the team can write to:
# every byte is untrusted. The limits below are checked before anything is unpacked
# (the zip's directory is read first, from its last bytes), unpacking stops at the
# limit, and the JSON's nesting is measured before it is parsed, so a hostile file costs
# at most the limits, never the memory it claims to need. A team of 200 sessions at the
# benchmark's mix is 1 MB of JSON: the limits leave room for decades of sessions.

MAX_ARCHIVE_BYTES = 256 * 2**20  # the file on disk
MAX_MANIFEST_BYTES = 64 * 2**10
MAX_DATA_BYTES = 128 * 2**20  # data.json unpacked
# Unpacked size per packed byte: JSON of notes packs about 5 to 1, a bomb 1000 to 1. Only
# members over RATIO_FROM bytes are held to it (a tiny manifest packs well too).
MAX_RATIO = 50
RATIO_FROM = 2**20
MAX_DEPTH = 6  # {"tables": {"notes": [{"text": ...}]}} is 4 deep
MAX_RECORDS = 200_000  # per table, and tombstones, and history entries
MAX_TEXT = 200_000  # characters in one value (a note of some 60 pages)
MAX_HISTORY = 1_000  # versions remembered of one record
_EOCD = struct.Struct("<4s4H2LH")  # the zip's end-of-central-directory record
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.:-]{0,63}")
_COLUMN = re.compile(r"[a-z_][a-z0-9_]{0,63}")
_HEX = re.compile(r"[0-9a-f]+")


def _refused(path: Path, what: str) -> ArchiveError:
    """An archive refused by a limit or by its shape: what was found, and what to do."""
    return ArchiveError(
        tr(
            "Het bestand {path} is geweigerd: {what}. Er is niets gewijzigd. Vraag de "
            "collega die het maakte om het team opnieuw te exporteren.",
            path=path,
            what=what,
        )
    )


def _unreadable(path: Path, exc: OSError) -> ArchiveError:
    return ArchiveError(
        tr(
            "Het archief {path} kan niet worden gelezen ({reason}).",
            path=path,
            reason=exc.strerror or exc,
        )
    )


def _damaged(path: Path) -> ArchiveError:
    return ArchiveError(
        tr(
            "Het bestand {path} is geen leesbaar Leersessie-archief: het is beschadigd, "
            "onvolledig of van een ander soort. Er is niets gewijzigd. Exporteer het team "
            "opnieuw of vraag om een nieuwe kopie.",
            path=path,
        )
    )


def _check_directory(path: Path, handle: BinaryIO) -> None:
    """The file's size and the zip directory's entry count, from its last bytes, before
    zipfile reads the directory (which it would read whole, however large)."""
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_ARCHIVE_BYTES:
        raise _refused(path, tr("het is groter dan {limit} MB", limit=MAX_ARCHIVE_BYTES // 2**20))
    tail = min(size, _EOCD.size + 2**16)  # the record plus its longest comment
    handle.seek(size - tail)
    end = handle.read(tail)
    at = end.rfind(b"PK\x05\x06")
    if at < 0 or len(end) - at < _EOCD.size:
        raise _damaged(path)
    if end[max(at - 20, 0) : at].startswith(b"PK\x06\x07"):
        raise _damaged(path)  # zip64: never written by Leersessie, its counts unchecked
    *_, entries, directory_size, _offset, _comment = _EOCD.unpack_from(end, at)
    if entries != 2 or directory_size > 4096:
        raise _refused(
            path,
            tr(
                "het bevat {count} onderdelen in plaats van precies twee (manifest.json en "
                "de gegevens)",
                count=entries,
            ),
        )


def _check_members(path: Path, bundle: zipfile.ZipFile) -> None:
    """One manifest and one data member, each within its size and ratio, before either
    is read."""
    names = [info.filename for info in bundle.infolist()]
    expected = (sorted([MANIFEST, PAYLOAD]), sorted([MANIFEST, ENCRYPTED_PAYLOAD]))
    if sorted(names) not in expected:
        raise _refused(
            path,
            tr(
                "het bevat de onderdelen {found} in plaats van precies één {manifest} en "
                "één {data}",
                found=", ".join(name[:40] for name in names[:5]),
                manifest=MANIFEST,
                data=PAYLOAD,
            ),
        )
    for info in bundle.infolist():
        limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST else MAX_DATA_BYTES
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise _damaged(path)
        if info.file_size > limit:
            raise _refused(
                path,
                tr(
                    "{member} is uitgepakt {size} MB, meer dan de {limit} MB die een archief "
                    "mag hebben",
                    member=info.filename,
                    size=_megabytes(info.file_size),
                    limit=_megabytes(limit),
                ),
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise _refused(
                path,
                tr(
                    "{member} pakt uit tot {ratio} keer zijn grootte (een archief doet "
                    "hooguit {limit} keer)",
                    member=info.filename,
                    ratio=ratio,
                    limit=MAX_RATIO,
                ),
            )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".rstrip("0").rstrip(".")


def _read_member(bundle: zipfile.ZipFile, name: str) -> bytes:
    """A member, never more than its declared (and checked) size: zipfile stops there and
    checks the CRC-32 at the end."""
    with bundle.open(name) as member:
        return member.read()


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_EMPTY_PAIR = re.compile(rb"\{\}|\[\]")


def _json(path: Path, raw: bytes, depth: int = MAX_DEPTH) -> Any:
    """Parsed JSON no deeper than ``depth``, measured before parsing (a deeply nested
    file would exhaust the parser's recursion): one level of empty pairs of brackets
    removed per round, in C speed. Brackets inside texts count too at first (quick, and
    almost always within the depth); only when that fails are the texts taken out."""
    if not _within_depth(raw.translate(None, _NOT_BRACKETS), depth) and not _within_depth(
        _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS), depth
    ):
        raise _refused(path, tr("de gegevens zijn dieper genest dan een archief ooit is"))
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise _damaged(path) from exc


def _within_depth(brackets: bytes, depth: int) -> bool:
    for _level in range(depth):
        brackets, removed = _EMPTY_PAIR.subn(b"", brackets)
        if not brackets or not removed:
            break
    return not brackets


def read_manifest(path: Path) -> dict[str, Any]:
    """What the archive is, without reading or decrypting its data; refuses a file that
    is no archive, breaks a limit or comes from a newer Leersessie."""
    return _open(path, lambda _bundle, manifest: manifest)


_T = TypeVar("_T")


def _open(path: Path, then: Callable[[zipfile.ZipFile, dict[str, Any]], _T]) -> _T:
    """The archive opened once (a file replaced meanwhile is not mixed in), its limits
    and its manifest checked; ``then`` reads on."""
    try:
        with path.open("rb") as handle:
            _check_directory(path, handle)
            handle.seek(0)
            with zipfile.ZipFile(handle) as bundle:
                _check_members(path, bundle)
                manifest = _parse_manifest(path, _json(path, _read_member(bundle, MANIFEST), 4))
                data_name = ENCRYPTED_PAYLOAD if manifest["encryption"] else PAYLOAD
                if data_name not in bundle.namelist():
                    raise _damaged(path)
                return then(bundle, manifest)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise _damaged(path) from exc


def _parse_manifest(path: Path, manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path)
    version = manifest.get("format_version")
    migration_names = manifest.get("migrations", [])
    if not isinstance(version, int) or isinstance(version, bool):
        raise _refused(path, tr("het manifest heeft een onbekende vorm"))
    if not _is_list_of(migration_names, str):
        raise _refused(path, tr("het manifest heeft een onbekende vorm"))
    unknown = [name for name in migration_names if name not in known_migrations()]
    if version > FORMAT_VERSION or unknown:
        raise ArchiveError(
            tr(
                "Het archief {path} is gemaakt met een nieuwere versie van Leersessie "
                "({version}). Installeer die versie om het te importeren; er is niets gewijzigd.",
                path=path,
                version=str(manifest.get("app_version", "?"))[:40],
            )
        )
    teams = manifest.get("teams")
    if not (
        isinstance(teams, list)
        and len(teams) == 1
        and isinstance(teams[0], dict)
        and _is_id(teams[0].get("id"))
        and isinstance(teams[0].get("name", ""), str)
        and isinstance(manifest.get("created_at", ""), str)
        and isinstance(manifest.get("app_version", ""), str)
    ):
        raise _refused(path, tr("het manifest noemt niet precies één team"))
    manifest["encryption"] = _parse_encryption(path, manifest.get("encryption"))
    return manifest


def _parse_encryption(path: Path, params: Any) -> dict[str, Any] | None:
    """The encryption's settings, only as this app writes them: a changed scrypt cost is
    refused before any key is derived (n = 2^20 would take a gigabyte and seconds)."""
    if params is None:
        return None
    if not isinstance(params, dict):
        raise _refused(path, tr("de versleuteling heeft een onbekende vorm"))
    expected = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }
    for key, value in expected.items():
        if params.get(key) != value or type(params.get(key)) is not type(value):
            raise _refused(
                path,
                tr(
                    "de versleuteling gebruikt andere instellingen ({key} = {value}) dan "
                    "Leersessie schrijft",
                    key=key,
                    value=str(params.get(key))[:20],
                ),
            )
    salt, nonce = _base64(params.get("salt")), _base64(params.get("nonce"))
    compression = params.get("compression")
    if (
        salt is None
        or len(salt) != 16
        or nonce is None
        or len(nonce) != 12
        or compression not in (None, "zlib")
    ):
        raise _refused(path, tr("de versleuteling heeft een onbekende vorm"))
    return {**params, "salt": salt, "nonce": nonce}


def _base64(value: Any) -> bytes | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None


def _is_list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(item, kind) for item in value)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def read_archive(path: Path, passphrase: str | None = None) -> Archive:
    """The archive, checked against the limits and parsed strictly: a file that breaks
    either is refused with what was found, before anything is written."""
    digest = file_sha256(path)

    def read_data(bundle: zipfile.ZipFile, manifest: dict[str, Any]) -> Archive:
        encryption = manifest["encryption"]
        if encryption and not passphrase:
            raise PassphraseNeeded(
                tr(
                    "Het archief {path} is met een wachtwoord beveiligd. Geef het wachtwoord "
                    "op; er is niets gewijzigd.",
                    path=path,
                )
            )
        payload = _read_member(bundle, ENCRYPTED_PAYLOAD if encryption else PAYLOAD)
        if encryption:
            payload = _decrypt(payload, encryption, passphrase or "")
            if encryption.get("compression") == "zlib":
                payload = _inflate(path, payload)
        archive = parse_payload(path, manifest, _json(path, payload))
        archive.sha256 = digest
        return archive

    archive = _open(path, read_data)
    if file_sha256(path) != digest:
        raise ArchiveError(
            tr(
                "Het archief {path} veranderde terwijl het werd gelezen (de gedeelde map "
                "was nog bezig). Er is niets gewijzigd; probeer het straks opnieuw.",
                path=path,
            )
        )
    return archive


def file_sha256(path: Path) -> str:
    """The file's content hash, read in blocks (constant memory); refused over the size
    limit."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_ARCHIVE_BYTES:
                raise _refused(
                    path, tr("het is groter dan {limit} MB", limit=MAX_ARCHIVE_BYTES // 2**20)
                )
            while block := handle.read(2**20):
                digest.update(block)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return digest.hexdigest()


def _inflate(path: Path, packed: bytes) -> bytes:
    """The decrypted data unpacked, stopping at the limit."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(packed, MAX_DATA_BYTES + 1)
    except zlib.error as exc:
        raise _damaged(path) from exc
    if len(data) > MAX_DATA_BYTES or inflater.unconsumed_tail:
        raise _refused(
            path,
            tr(
                "de gegevens zijn uitgepakt meer dan de {limit} MB die een archief mag hebben",
                limit=_megabytes(MAX_DATA_BYTES),
            ),
        )
    if len(data) > RATIO_FROM and len(data) > MAX_RATIO * len(packed):
        raise _refused(
            path,
            tr(
                "de gegevens pakken uit tot meer dan {limit} keer hun grootte",
                limit=MAX_RATIO,
            ),
        )
    return data


# --- the data's shape ------------------------------------------------------------------


def parse_payload(path: Path, manifest: dict[str, Any], data: Any) -> Archive:
    """``data.json`` checked for its shape, strictly: the three parts and nothing else,
    only known tables, each row an object of column names to plain values with an id,
    no id twice, texts and counts within the limits, tombstones and history as written.
    Whose records they are is checked against the database (``sharing.archive_trust``)."""
    if not isinstance(data, dict) or set(data) != {"tables", "history", "tombstones"}:
        raise _refused(path, tr("de gegevens missen een onderdeel of hebben er een te veel"))
    tables, history, tombstones = data["tables"], data["history"], data["tombstones"]
    if not isinstance(tables, dict) or not isinstance(history, dict):
        raise _refused(path, tr("de gegevens hebben een onbekende vorm"))
    for name, rows in tables.items():
        _check_rows(path, name, rows)
    if len(history) > MAX_RECORDS or not all(
        _is_id(record_id) and _is_hashes(hashes) for record_id, hashes in history.items()
    ):
        raise _refused(path, tr("de versiegeschiedenis heeft een onbekende vorm"))
    if not isinstance(tombstones, list) or len(tombstones) > MAX_RECORDS:
        raise _refused(path, tr("de lijst met verwijderingen heeft een onbekende vorm"))
    for tombstone in tombstones:
        _check_tombstone(path, tombstone)
    return Archive(manifest, tables, history, tombstones)


def _check_rows(path: Path, name: str, rows: Any) -> None:
    if name not in SPECS:
        raise _refused(path, tr("het bevat een onbekende tabel ({table})", table=name[:40]))
    if not isinstance(rows, list) or len(rows) > MAX_RECORDS:
        raise _refused(path, tr("de tabel {table} heeft een onbekende vorm", table=name))
    seen: set[str] = set()
    columns: set[str] = set()  # the names checked already (every row has the same)
    key = "session_id" if name == "attendance" else "id"
    for row in rows:
        if not isinstance(row, dict) or not _is_id(row.get(key)):
            raise _refused(path, tr("een record in {table} heeft geen geldige id", table=name))
        if name != "attendance":
            if row["id"] in seen:
                raise _refused(
                    path,
                    tr("de id {id} staat twee keer in {table}", id=row["id"], table=name),
                )
            seen.add(row["id"])
        if not columns.issuperset(row):
            columns.update(column for column in row if _COLUMN.fullmatch(column))
        for column, value in row.items():
            if column not in columns or not _plain(value):
                raise _refused(
                    path,
                    tr(
                        "het veld {column} in {table} heeft een onbekende vorm",
                        column=column[:40],
                        table=name,
                    ),
                )


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and halves of a character


def _plain(value: Any) -> bool:
    """A value SQLite stores as it is: a text within the limit, a number within 64 bits."""
    if isinstance(value, str):
        return len(value) <= MAX_TEXT and (value.isprintable() or not _UNSTORABLE.search(value))
    if isinstance(value, int):
        return -(2**63) <= value < 2**63  # a bool is 0 or 1
    return value is None or isinstance(value, float)


def _is_hashes(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= MAX_HISTORY
        and all(
            isinstance(item, str) and len(item) == 16 and _HEX.fullmatch(item) for item in value
        )
    )


def _check_tombstone(path: Path, tombstone: Any) -> None:
    if not (
        isinstance(tombstone, dict)
        and set(tombstone) == {"id_hash", "table_name", "team_id", "deleted_at"}
        and isinstance(tombstone["id_hash"], str)
        and len(tombstone["id_hash"]) == 32
        and _HEX.fullmatch(tombstone["id_hash"])
        and tombstone["table_name"] in SPECS
        and (tombstone["team_id"] is None or _is_id(tombstone["team_id"]))
        and isinstance(tombstone["deleted_at"], str)
        and len(tombstone["deleted_at"]) <= 40
    ):
        raise _refused(path, tr("een verwijdering in het archief heeft een onbekende vorm"))
