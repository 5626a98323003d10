"""The team archive: one file with a team's whole history, to move or share it.

A ``.leersessie`` file is a zip with ``manifest.json`` (what the file is, which format
and schema it has, whether it is encrypted) and ``data.json`` (or ``data.json.enc``,
AES-256-GCM with a scrypt key from the passphrase). docs/archive.md describes it field
by field; ``leersessie.merge`` brings an archive into a database.

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
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlite_utils import Database

from leersessie import __version__
from leersessie.errors import UserFacingError, explain_failure, is_disk_full
from leersessie.i18n import tr
from leersessie.ids import now_iso
from leersessie.migrations import known_migrations, migrations
from leersessie.paths import atomic_file, write_failed

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
            bundle.writestr(name, payload)
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
    return params, AESGCM(key).encrypt(nonce, payload, FORMAT.encode("ascii"))


def _decrypt(payload: bytes, params: Mapping[str, Any], passphrase: str) -> bytes:
    key = _key(passphrase, base64.b64decode(params["salt"]), params["n"], params["r"], params["p"])
    try:
        return AESGCM(key).decrypt(base64.b64decode(params["nonce"]), payload, FORMAT.encode())
    except InvalidTag as exc:
        raise WrongPassphrase(
            tr(
                "Het wachtwoord klopt niet (of het archief is beschadigd). Er is niets "
                "gewijzigd. Probeer het opnieuw met het wachtwoord dat bij het exporteren "
                "is gekozen."
            )
        ) from exc


# --- reading -----------------------------------------------------------------------


def _damaged(path: Path) -> ArchiveError:
    return ArchiveError(
        tr(
            "Het bestand {path} is geen leesbaar Leersessie-archief: het is beschadigd, "
            "onvolledig of van een ander soort. Er is niets gewijzigd. Exporteer het team "
            "opnieuw of vraag om een nieuwe kopie.",
            path=path,
        )
    )


def read_manifest(path: Path) -> dict[str, Any]:
    """What the archive is, without reading or decrypting its data; refuses a file that
    is no archive or comes from a newer Leersessie."""
    try:
        with zipfile.ZipFile(path) as bundle:
            manifest = json.loads(bundle.read(MANIFEST))
    except OSError as exc:
        raise ArchiveError(
            tr(
                "Het archief {path} kan niet worden gelezen ({reason}).",
                path=path,
                reason=exc.strerror or exc,
            )
        ) from exc
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError) as exc:
        raise _damaged(path) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path)
    _refuse_newer(path, manifest)
    return manifest


def _refuse_newer(path: Path, manifest: Mapping[str, Any]) -> None:
    unknown = [name for name in manifest.get("migrations", []) if name not in known_migrations()]
    if manifest.get("format_version", 0) > FORMAT_VERSION or unknown:
        raise ArchiveError(
            tr(
                "Het archief {path} is gemaakt met een nieuwere versie van Leersessie "
                "({version}). Installeer die versie om het te importeren; er is niets gewijzigd.",
                path=path,
                version=manifest.get("app_version", "?"),
            )
        )


def read_archive(path: Path, passphrase: str | None = None) -> Archive:
    manifest = read_manifest(path)
    encryption = manifest.get("encryption")
    if encryption and not passphrase:
        raise PassphraseNeeded(
            tr(
                "Het archief {path} is met een wachtwoord beveiligd. Geef het wachtwoord op; "
                "er is niets gewijzigd.",
                path=path,
            )
        )
    try:
        with zipfile.ZipFile(path) as bundle:
            payload = bundle.read(ENCRYPTED_PAYLOAD if encryption else PAYLOAD)
        if encryption:
            payload = _decrypt(payload, encryption, passphrase or "")
        data = json.loads(payload)
        return Archive(manifest, dict(data["tables"]), data["history"], data["tombstones"])
    except (
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        ValueError,
        EOFError,
        TypeError,
        binascii.Error,
    ) as exc:
        raise _damaged(path) from exc
