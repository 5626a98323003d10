"""Keeping teams in step through a folder the organisation already syncs (a network
drive, SharePoint/OneDrive, Nextcloud): no server of ours.

Each installation writes its own file per team, ``team-<team id>-<installation>.leersessie``,
so two coaches never overwrite each other's file and the sync service never has to choose
between two versions of one. On finishing a session the team's archive is written there;
at start the archives other installations wrote for teams known here, and not merged yet,
are offered for import (the merge rules of ``leersessie.merge`` make that safe).
docs/archive.md tells what happens when two coaches run a session of one team on one day.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from leersessie import settings
from leersessie.archive import SUFFIX, ArchiveError, export_team, read_archive, read_manifest
from leersessie.deletion import delete_records
from leersessie.encryption import shred
from leersessie.errors import InputError, UserFacingError, describe_os_error
from leersessie.i18n import tr
from leersessie.ids import new_id
from leersessie.merge import plan_import
from leersessie.migrations import id_hash
from leersessie.paths import PRIVATE_FILE_MODE
from leersessie.sensitive import SessionHit, scan_team_archive


@dataclass(frozen=True)
class Offer:
    path: Path
    team_name: str
    created_at: str


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


def take_over_deletions(db: Database) -> list[TakenOver]:
    """At start: what colleagues deleted in teams known here (the tombstones in their
    newer archives in the shared folder) is deleted here too, at once, so a session
    deleted for privacy leaves every laptop. Only records of the archive's own team
    that are here (the import plan's deletions); each is a pending deletion, which
    ``pending.finish_deletions`` carries into the backups and this installation's own
    archive. A file that cannot be read is left for the offer (which names it)."""
    taken = []
    for offer in newer_archives(db):
        try:
            archive = read_archive(offer.path)
        except ArchiveError:
            continue
        plan = plan_import(db, archive)
        if plan.deletions and archive.team_ids:
            delete_records(db, plan.deletions, archive.team_ids[0])
            taken.append(TakenOver(offer.team_name, offer.path, len(plan.deletions)))
    return taken


def newer_archives(db: Database) -> list[Offer]:
    """Archives of other installations in the shared folder, of teams known here, newer
    than what was merged from that file before. Unreadable files are left alone."""
    folder = sync_folder(db)
    if folder is None or not folder.is_dir():
        return []
    own = installation_id(db)
    known = {row[0]: row[1] for row in db.execute("SELECT id, name FROM teams")}
    merged = settings.read(db, settings.SYNC_MERGED)
    offers = []
    for path in sorted(folder.glob(f"team-*{SUFFIX}")):
        if path.stem.endswith(f"-{own}"):
            continue
        try:
            manifest = read_manifest(path)
        except ArchiveError:
            continue  # half-synced or damaged: the next start looks again
        teams = [team["id"] for team in manifest.get("teams", []) if team["id"] in known]
        created = str(manifest.get("created_at", ""))
        if teams and merged.get(path.name, "") < created:
            offers.append(Offer(path, known[teams[0]], created))
    return offers


def mark_merged(db: Database, path: Path) -> None:
    """Remember the version of the file that was merged (or looked at and left)."""
    merged = settings.read(db, settings.SYNC_MERGED)
    merged[path.name] = str(read_manifest(path).get("created_at", ""))
    settings.write(db, settings.SYNC_MERGED, merged)
