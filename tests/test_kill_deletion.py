"""A kill at any stage of a deletion: the next start finishes it, and the deleted text is
in no file under the data folder or in the shared folder.

A child process deletes a session (with its words in the database, its search index, two
backups and the team's archive in the shared folder) and is stopped with SIGKILL at a
chosen stage: right after the delete's commit, inside a backup's purge transaction,
after a backup's commit before its VACUUM, between two backups, before the shared
folder, before the pending entry goes; and at random moments. Then the app starts again
(``open_workspace``) and every file is read byte by byte.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from leersessie.method.sessions import finish_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.sharing.shared_folder import set_sync_folder, share_team
from leersessie.store.backup import make_backup
from leersessie.workspace import open_workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL"),
]

SECRET = "Geheimtekst-Roerdomp"

CHILD = """
import sys, time
from pathlib import Path
import leersessie.privacy.deletion as deletion
import leersessie.sharing.pending as pending
from leersessie.workspace import open_workspace

data_dir, session_id, stage = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
ws = open_workspace(data_dir, daily_backup=False)


def stop_at(module, name, nth):
    original = getattr(module, name)
    calls = []

    def stopping(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            print("stop", flush=True)
            time.sleep(60)
        return original(*args, **kwargs)

    setattr(module, name, stopping)


STAGES = {
    "na-commit": (deletion, "scrub", 1),  # the delete is committed, nothing scrubbed
    "in-backup": (deletion, "_drop_lone_guests", 2),  # inside the first backup's transaction
    "backup-gecommit": (deletion, "scrub", 2),  # the first backup committed, no VACUUM yet
    "tussen-backups": (deletion, "make_private", 1),  # one backup done, the other not
    "gedeelde-map": (pending, "reshare_after_deletion", 1),  # backups done, shared not
    "afronden": (pending, "forget_pending", 1),  # everything done but the entry
}
if stage in STAGES:
    stop_at(*STAGES[stage])
print("klaar", flush=True)
deletion.delete_session(ws.db, session_id)
pending.finish_deletions(ws.db, data_dir)
print("gedaan", flush=True)
time.sleep(60)
"""


def files_holding(folder: Path, text: str) -> list[Path]:
    """Every file under ``folder`` with ``text`` in its bytes, or in an archive's members
    (a team archive is a zip: its text is deflated)."""
    needle = text.encode("utf-8").lower()

    def holds(path: Path) -> bool:
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as bundle:
                data += b"".join(bundle.read(name) for name in bundle.namelist())
        return needle in data.lower()

    return [path for path in folder.rglob("*") if path.is_file() and holds(path)]


def prepared(tmp_path: Path, name: str, sessions: int = 4) -> tuple[Path, Path, str]:
    """A data folder with a secret session among others, two backups of it and the team's
    archive in a shared folder; returns the data folder, the shared folder, the session."""
    data_dir, shared = tmp_path / name, tmp_path / f"{name}-gedeeld"
    shared.mkdir(parents=True)
    ws = open_workspace(data_dir)
    team = create_team(ws.db, "Team Roerdomp", ["Ans"])
    template = ws.catalogue.get("actieleren")
    secret = ""
    for day in range(1, sessions + 1):
        session = start_session(
            ws.db,
            team_id=team.id,
            template=template,
            on=date(2026, 10, day),
            facilitator="Coach",
            present=[team.people[0].id],
        )
        text = f"{SECRET} vertelde over de casus. " if day == 2 else "Gewone notitie. "
        save_note(ws.db, session, template.steps[0].key, text + "woorden " * 5_000)
        finish_session(ws.db, session)
        secret = session if day == 2 else secret
    make_backup(data_dir, ws.db)
    make_backup(data_dir, ws.db)
    set_sync_folder(ws.db, shared)
    assert share_team(ws.db, team.id).path is not None
    ws.close()
    assert len(files_holding(data_dir, SECRET)) >= 3  # the database and both backups
    assert files_holding(shared, SECRET)
    return data_dir, shared, secret


def run_child(data_dir: Path, session_id: str, stage: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), session_id, stage],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "klaar"
    return child


def kill(child: subprocess.Popen[str]) -> str:
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    rest = child.stdout.read()
    child.stdout.close()
    return rest


def start_again_and_check(data_dir: Path, shared: Path, session_id: str) -> bool:
    """The next start; when the delete was committed, no trace of the session is left
    anywhere. Returns whether it was (a kill before the commit deleted nothing)."""
    ws = open_workspace(data_dir, daily_backup=False)
    try:
        assert ws.deletions is None or ws.deletions.complete
        assert ws.db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 0
        kept = ws.db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone()
    finally:
        ws.close()
    if kept:
        return False
    assert files_holding(data_dir, SECRET) == []
    assert files_holding(shared, SECRET) == []
    return True


@pytest.mark.parametrize(
    "stage",
    ["na-commit", "in-backup", "backup-gecommit", "tussen-backups", "gedeelde-map", "afronden"],
)
def test_a_kill_at_each_stage_of_a_deletion_is_finished_at_the_next_start(tmp_path, stage):
    data_dir, shared, secret = prepared(tmp_path, stage)
    child = run_child(data_dir, secret, stage)
    assert child.stdout is not None and child.stdout.readline().strip() == "stop"
    kill(child)
    if stage == "in-backup":  # the kill left a half-purged backup with its journal
        assert list(data_dir.glob("reservekopieen/*.db-journal"))
    if stage in ("na-commit", "in-backup", "gedeelde-map"):
        assert files_holding(data_dir, SECRET) or files_holding(shared, SECRET)  # not yet
    assert start_again_and_check(data_dir, shared, secret)


def test_kills_at_random_moments_of_a_deletion_leave_no_trace(tmp_path):
    rnd = random.Random(20261207)
    finished = deleted = 0
    for run in range(10):
        data_dir, shared, secret = prepared(tmp_path, f"willekeurig-{run}", sessions=12)
        child = run_child(data_dir, secret, "geen")
        time.sleep(rnd.uniform(0, 0.8))
        finished += "gedaan" in kill(child)
        deleted += start_again_and_check(data_dir, shared, secret)
    assert finished < deleted  # kills landed after the commit, before the end
