"""Finishing a deletion everywhere: this database, every backup and the shared folder.

``deletion`` deletes in one transaction that also writes a pending entry (m009); this
module does the rest and then drops the entry. The app calls it right after a deletion,
before it says the deletion is done, and ``open_workspace`` calls it at every start, so
what a crash, a kill or an unreachable shared folder left is finished then. Each step
can run again: a backup that no longer holds the record is left alone, and the shared
archive is written whole each time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from leersessie.base.errors import UserFacingError
from leersessie.privacy.deletion import (
    Pending,
    forget_pending,
    pending_deletions,
    purge_pending_from_backups,
    scrub,
)
from leersessie.sharing.shared_folder import (
    Offer,
    TakenOver,
    reshare_after_deletion,
    take_over_deletions,
    withdraw_team,
)


@dataclass
class Finished:
    """What finishing the pending deletions did, and what is left for the next start."""

    backups: list[Path] = field(default_factory=list)  # the backups they were removed from
    # Backups under another passphrase (a passphrase change not finished yet).
    locked_backups: list[Path] = field(default_factory=list)
    shared: list[Path] = field(default_factory=list)  # archives rewritten or withdrawn
    shared_problem: str | None = None  # why the shared folder could not be done

    @property
    def complete(self) -> bool:
        return not self.locked_backups and self.shared_problem is None


def finish_deletions(db: Database, data_dir: Path, today: date | None = None) -> Finished:
    """Carry every pending deletion into the database file (scrub), the backups and the
    shared folder; the entries go once all of it is done."""
    pending = pending_deletions(db)
    if not pending:
        return Finished()
    scrub(db)  # a kill between the delete's commit and its scrub left the words in pages
    purged = purge_pending_from_backups(data_dir, pending)
    finished = Finished(purged.changed, purged.locked)
    try:
        finished.shared = _shared_folder(db, pending, today)
    except UserFacingError as error:
        finished.shared_problem = error.message
    if finished.complete:
        forget_pending(db, pending)
    return finished


def _shared_folder(db: Database, pending: list[Pending], today: date | None) -> list[Path]:
    done = []
    for item in pending:
        if item.table == "teams":
            withdrawn = withdraw_team(db, item.id_hash)
            done += [withdrawn] if withdrawn else []
    teams = {item.team_id for item in pending if item.table != "teams" and item.team_id}
    for team_id in sorted(teams):
        if db.execute("SELECT 1 FROM teams WHERE id = ?", [team_id]).fetchone():
            written = reshare_after_deletion(db, team_id, today)
            done += [written] if written else []
    return done


def follow_colleagues(
    db: Database, data_dir: Path, offers: list[Offer], today: date | None = None
) -> tuple[list[TakenOver], Finished]:
    """At the app's start, with a shared folder: what colleagues deleted in teams known
    here (in the newer archives ``offers``) is deleted here too, and carried into the
    backups and this installation's own archive, so no file here or there keeps it."""
    taken = take_over_deletions(db, offers)
    return taken, finish_deletions(db, data_dir, today)
