"""Keeping teams in step through a folder the organisation already syncs (a network
drive, SharePoint/OneDrive, Nextcloud): no server of ours.

Each installation writes its own file per team, ``team-<team id>-<installation>.leersessie``,
so two coaches never overwrite each other's file and the sync service never has to choose
between two versions of one. On finishing a session the team's archive is written there;
at start the archives other installations wrote for teams known here, and not merged yet,
are offered for import (the merge rules of ``leersessie.sharing.merge`` make that safe).
docs/archive.md tells what happens when two coaches run a session of one team on one day.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from leersessie.base.errors import InputError, UserFacingError, describe_os_error
from leersessie.base.i18n import tr
from leersessie.privacy.client_data import SessionHit, scan_team_archive
from leersessie.privacy.deletion import delete_records
from leersessie.sharing.archive import (
    SUFFIX,
    Archive,
    ArchiveError,
    export_team,
    file_sha256,
    read_archive,
    read_manifest,
)
from leersessie.sharing.merge import plan_import
from leersessie.store import settings
from leersessie.store.encryption import shred
from leersessie.store.ids import new_id
from leersessie.store.migrations import id_hash
from leersessie.store.paths import PRIVATE_FILE_MODE


@dataclass(frozen=True)
class Offer:
    path: Path
    team_name: str
    created_at: str


@dataclass(frozen=True)
class FolderCheck:
    """What the shared folder holds for this installation at start."""

    offers: list[Offer]
    refused: list[str]  # a message per file refused since the last start, each named once


@dataclass(frozen=True)
class Shared:
    path: Path | None  # None: not written, because of the hits
    hits: list[SessionHit]


def sync_folder(db: Database) -> Path | None:
    value = settings.read(db, settings.SYNC_FOLDER)
    return Path(value) if value else None


def set_sync_folder(db: Database, folder: Path | None) -> None:
    if folder is not None and not (folder.is_dir() and os.access(folder, os.W_OK)):
        raise InputError(
            tr(
                "De map {path} bestaat niet of u mag er niet in schrijven. Kies een map die "
                "uw organisatie deelt en waarin u mag schrijven.",
                path=folder,
            )
        )
    settings.write(db, settings.SYNC_FOLDER, str(folder) if folder else "")


def installation_id(db: Database) -> str:
    """Names this database's files in the shared folder; made once."""
    value = settings.read(db, settings.INSTALLATION_ID)
    if not value:
        value = new_id()[:8]
        settings.write(db, settings.INSTALLATION_ID, value)
    return value


def archive_path(folder: Path, team_id: str, installation: str) -> Path:
    return folder / f"team-{team_id}-{installation}{SUFFIX}"


def share_team(db: Database, team_id: str, today: date | None = None) -> Shared:
    """Write the team's archive to the shared folder, after the client-data check: with a
    hit nothing is written automatically (the coach checks and exports by hand)."""
    folder = sync_folder(db)
    if folder is None:
        return Shared(None, [])
    hits = scan_team_archive(db, team_id, today=today)
    if hits:
        return Shared(None, hits)
    target = archive_path(folder, team_id, installation_id(db))
    return Shared(share_with_folder_group(export_team(db, team_id, target)), [])


# Files a group of colleagues can read: 0640 in a group-shared folder.
GROUP_READABLE_MODE = 0o640


def share_with_folder_group(path: Path) -> Path:
    """An archive in the shared folder follows the folder's group. In a group-shared
    folder (setgid, or writable by its group: a Linux or NFS share) colleagues of that
    group must read it, so it becomes 0640 with the folder's group; anywhere else it stays
    0600. Windows and synced folders (OneDrive, Nextcloud) decide access themselves."""
    if os.name != "posix":
        return path
    folder = path.parent.stat()
    if not folder.st_mode & (stat.S_ISGID | stat.S_IWGRP):
        os.chmod(path, PRIVATE_FILE_MODE)
        return path
    if path.stat().st_gid != folder.st_gid:
        try:
            os.chown(path, -1, folder.st_gid)
        except PermissionError:
            os.chmod(path, PRIVATE_FILE_MODE)  # not a member: never readable by another group
            return path
    os.chmod(path, GROUP_READABLE_MODE)
    return path


def _reachable_folder(db: Database) -> Path | None:
    """The shared folder, None when there is none; refused when it is set but cannot be
    reached (a network drive offline): what is deleted must still leave it."""
    folder = sync_folder(db)
    if folder is not None and not folder.is_dir():
        raise UserFacingError(
            tr(
                "De gedeelde map {path} is niet bereikbaar. Wat u verwijderde, wordt daar "
                "weggehaald zodra de map weer bereikbaar is (bij een volgende start).",
                path=folder,
            )
        )
    return folder


def reshare_after_deletion(db: Database, team_id: str, today: date | None = None) -> Path | None:
    """Rewrite this installation's archive of the team after a deletion in it, so no file in
    the shared folder holds what was deleted and its tombstone travels. With hits of the
    client-data check only the team and its tombstones go (the coach shares the sessions
    by hand later, as after finishing one). Nothing when this installation never shared
    the team: then no file of ours there holds it."""
    folder = _reachable_folder(db)
    if folder is None:
        return None
    target = archive_path(folder, team_id, installation_id(db))
    if not target.exists():
        return None
    hits = scan_team_archive(db, team_id, today=today)
    return share_with_folder_group(
        export_team(db, team_id, target, session_ids=[] if hits else None)
    )


def withdraw_team(db: Database, team_hash: str) -> Path | None:
    """A deleted team's archive from this installation leaves the shared folder (the id of
    the team is gone: its file is found by the hash). A colleague's own file of the team
    is theirs; the deletion of a team does not travel (docs/archive.md)."""
    folder = _reachable_folder(db)
    if folder is None:
        return None
    own = installation_id(db)
    suffix = f"-{own}{SUFFIX}"
    for path in folder.glob(f"team-*{suffix}"):
        if id_hash(path.name.removeprefix("team-").removesuffix(suffix)) == team_hash:
            try:
                shred(path)
            except OSError as exc:
                raise UserFacingError(
                    tr(
                        "Het teamarchief {path} kon niet uit de gedeelde map worden "
                        "verwijderd ({reason}). Leersessie probeert het bij de volgende start "
                        "opnieuw.",
                        path=path,
                        reason=describe_os_error(exc),
                    )
                ) from exc
            return path
    return None


@dataclass(frozen=True)
class TakenOver:
    """Deletions a colleague made in a team known here, made here too."""

    team_name: str
    path: Path
    count: int


def take_over_deletions(db: Database, offers: list[Offer]) -> list[TakenOver]:
    """At start: what colleagues deleted in teams known here (the tombstones in their
    newer archives in the shared folder) is deleted here too, at once, so a session
    deleted for privacy leaves every laptop. Only records of the archive's own team
    that are here (the import plan's deletions); each is a pending deletion, which
    ``pending.finish_deletions`` carries into the backups and this installation's own
    archive. ``offers`` are the newer archives of ``check_shared_folder``, which names a
    file it refuses once: so it is read once at start, and its offers serve both this and
    the offer to merge. A file that cannot be read is left for the offer (which names it)."""
    taken = []
    for offer in offers:
        try:
            archive = read_archive(offer.path)
        except ArchiveError:
            continue
        plan = plan_import(db, archive)
        if plan.deletions and archive.team_ids:
            delete_records(db, plan.deletions, archive.team_ids[0])
            taken.append(TakenOver(offer.team_name, offer.path, len(plan.deletions)))
    return taken


def check_shared_folder(db: Database) -> FolderCheck:
    """Archives of other installations in the shared folder, of teams known here, not
    merged in this version before. Every file is checked against the archive's limits
    before its manifest is read; a file that fails is skipped (the next start looks
    again) and named once, never stopping the start."""
    folder = sync_folder(db)
    if folder is None or not folder.is_dir():
        return FolderCheck([], [])
    own = installation_id(db)
    known = {row[0]: row[1] for row in db.execute("SELECT id, name FROM teams")}
    merged = settings.read(db, settings.SYNC_MERGED)
    named = settings.read(db, settings.SYNC_REFUSED)
    offers, refused, still_refused = [], [], {}
    for path in sorted(folder.glob(f"team-*{SUFFIX}")):
        if path.stem.endswith(f"-{own}"):
            continue
        try:
            content = file_sha256(path)
            if _merged_before(merged.get(path.name, ""), content, ""):
                continue
            manifest = read_manifest(path)
        except ArchiveError as error:
            content = _readable_hash(path)
            still_refused[path.name] = content
            if named.get(path.name) != content:
                refused.append(error.message)
            continue
        teams = [team["id"] for team in manifest["teams"] if team["id"] in known]
        created = str(manifest.get("created_at", ""))
        if teams and not _merged_before(merged.get(path.name, ""), content, created):
            offers.append(Offer(path, known[teams[0]], created))
    if still_refused != named:
        settings.write(db, settings.SYNC_REFUSED, still_refused)
    return FolderCheck(offers, refused)


def _readable_hash(path: Path) -> str:
    try:
        return file_sha256(path)
    except ArchiveError:
        return "?"  # unreadable, or over the limit: named once until it changes size


def _merged_before(remembered: str, content: str, created: str) -> bool:
    """Whether the file's version was merged (or looked at and left) before: by its
    content hash; an older database remembered the manifest's created_at instead."""
    if remembered.startswith("sha256:"):
        return remembered == f"sha256:{content}"
    return bool(created) and remembered >= created


def mark_merged(db: Database, path: Path, archive: Archive) -> None:
    """Remember the version of the file that was merged (or looked at and left): the
    one read, by its content hash, even if a colleague has replaced it meanwhile (the
    newer one is then offered at the next start)."""
    merged = settings.read(db, settings.SYNC_MERGED)
    merged[path.name] = f"sha256:{archive.sha256}"
    settings.write(db, settings.SYNC_MERGED, merged)
