"""Safety, second pass (issue 12): the small things a user meets."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date, timedelta

import pytest

from leersessie.base.errors import describe_os_error, is_disk_full
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import pseudonymise_person
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace
from tests.conftest import team_session


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EACCES, "geen toestemming"),
        (errno.EPERM, "geen toestemming"),
        (errno.EROFS, "de schijf is alleen-lezen"),
        (errno.ENOENT, "het bestand of de map bestaat niet"),
        (errno.EBUSY, "het bestand is in gebruik door een ander programma"),
    ],
)
def test_os_errors_are_told_in_dutch(code, phrase):
    assert describe_os_error(OSError(code, os.strerror(code))) == phrase


def test_a_real_permission_error_reads_dutch(tmp_path):
    if os.geteuid() == 0:
        error = PermissionError(errno.EACCES, "Permission denied")  # root may read anything
    else:
        locked = tmp_path / "dicht"
        locked.write_text("x")
        locked.chmod(0)
        with pytest.raises(PermissionError) as caught:
            locked.read_text()
        error = caught.value
    assert describe_os_error(error) == "geen toestemming"
    assert "Permission" not in describe_os_error(error)


def test_disk_full_is_recognised_from_the_os_and_from_sqlite():
    import sqlite3

    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(sqlite3.OperationalError("database or disk is full"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_data_folder_at_0755_is_made_private(data_dir):
    open_workspace(data_dir).close()
    data_dir.chmod(0o755)
    open_workspace(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_folder_with_other_files_is_not_ours_to_tighten(tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    (shared / "iets-anders.txt").write_text("van iemand anders")
    open_workspace(shared).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_a_reader_that_stops_early_gets_no_traceback(data_dir):
    """'leersessie sessions | head -1': the pipe closes while we still write."""
    ws = open_workspace(data_dir)
    team = create_team(ws.db, "Team Pijp", ["Ans"])
    template = ws.catalogue.get("bordsessie")
    for day in range(900):  # more than a pipe holds (64 KiB)
        start_session(
            ws.db,
            team_id=team.id,
            template=template,
            on=date(2020, 1, 1) + timedelta(days=day),
            facilitator="C",
            present=[team.people[0].id],
        )
    ws.close()
    reader = subprocess.Popen(
        [sys.executable, "-m", "leersessie_ui", "--data-dir", str(data_dir), "sessions"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline()  # like head -1: one line, then the pipe closes
    reader.stdout.close()
    errors = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait() == 0
    assert errors == ""


# --- a full disk, for real: a small tmpfs ----------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB file system of its own (tmpfs; needs root), unmounted afterwards."""
    mount_point = tmp_path / "klein"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount_point
    if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)
        pytest.fail("a file on the full disk was left open")


def _fill(disk, leave: int) -> None:
    """Fill ``disk`` to the last byte, then give back ``leave`` bytes."""
    filler = disk / "opvulling"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(handle)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def _demo_folder(disk):
    from leersessie.demo import load_demo

    data_dir = disk / "data"
    ws = open_workspace(data_dir)
    load_demo(ws.db, ws.catalogue)
    ws.close()
    for backup in (data_dir / "reservekopieen").iterdir():
        backup.unlink()  # the daily backup is yet to be made
    return data_dir


def test_a_full_disk_gets_the_disk_full_message_and_the_file_stays(small_disk, capsys):
    from leersessie.cli import main

    data_dir = _demo_folder(small_disk)
    before = database_path(data_dir).read_bytes()
    _fill(small_disk, 0)
    assert main(["--data-dir", str(data_dir), "sessions"]) == 1
    err = capsys.readouterr().err
    assert "De schijf is vol" in err and "disk I/O error" not in err
    assert database_path(data_dir).read_bytes() == before


def test_reading_and_exporting_elsewhere_work_when_no_backup_fits(small_disk, tmp_path, capsys):
    from leersessie.cli import main

    data_dir = _demo_folder(small_disk)
    size = database_path(data_dir).stat().st_size
    _fill(small_disk, size // 2)  # room to open, not for a backup
    assert main(["--data-dir", str(data_dir), "sessions"]) == 0
    out, err = capsys.readouterr()
    assert "Wijkteam De Linde" in out
    assert "De schijf is vol" in err and "geen reservekopie gemaakt" in err
    session_id = out.split()[0]
    target = tmp_path / "verslag.pdf"  # on another disk
    assert main(["--data-dir", str(data_dir), "summary", session_id, "-o", str(target)]) == 0
    assert target.stat().st_size > 0
    assert "geen reservekopie gemaakt" in capsys.readouterr().err
    assert not [p for p in (data_dir / "reservekopieen").iterdir()]  # no half copy left


# --- pseudonyms: Unicode case and accents, hyphenated and multi-part names whole -------


@pytest.mark.parametrize(
    ("name", "note", "pseudonym", "after"),
    [
        (
            "Émile Ösün",
            "émile ösün terugbellen; EMILE OSUN kwam niet; Émile Ösün belde.",
            "Deelnemer A",
            "Deelnemer A terugbellen; Deelnemer A kwam niet; Deelnemer A belde.",
        ),
        (  # a hyphenated name is one name
            "Jan",
            "Jan-Willem en Jan bespraken het; jan-willem vroeg door.",
            "Deelnemer J",
            "Jan-Willem en Deelnemer J bespraken het; jan-willem vroeg door.",
        ),
        (  # a multi-part name is replaced whole, whatever the spaces and case
            "Jan Willem de Vries",
            "Jan  Willem DE VRIES bracht de casus in, de Vries niet.",
            "Deelnemer B",
            "Deelnemer B bracht de casus in, de Vries niet.",
        ),
    ],
)
def test_a_pseudonym_finds_every_spelling_of_a_name(workspace, name, note, pseudonym, after):
    team, session = team_session(
        workspace, "Team Namen", ("Émile Ösün", "Jan", "Jan Willem de Vries"), note
    )
    person = next(p for p in team.people if p.name == name)
    assert pseudonymise_person(workspace.db, person.id, pseudonym) == 1
    assert load_session(workspace.db, session).notes["inbreng"] == after


# --- CSV: no control characters, every formula start neutralised ----------------------


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('＝HYPERLINK("x")', '\'＝HYPERLINK("x")'),
        ("＋31 bellen", "'＋31 bellen"),
        ("－ bellen", "'－ bellen"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("﹢1", "'﹢1"),
        ("\t=1", "'=1"),  # an action is stored trimmed; the start is still caught
        ("\r=1", "'=1"),
        ("a\x00b\x07c\x1bd", "abcd"),
        ("regel 1\r\nregel 2", "regel 1\nregel 2"),
        ("gewoon - een streepje", "gewoon - een streepje"),
    ],
)
def test_csv_cells_are_text_a_spreadsheet_never_runs(workspace, tmp_path, typed, cell):
    import csv

    from leersessie.memory.actions import add_action
    from leersessie.memory.overview import ActionFilter, export_csv

    _team, session = team_session(workspace, "Team CSV")
    template = workspace.catalogue.get("actieleren")
    add_action(workspace.db, session, template.steps[-1].key, typed, None, None)
    target = tmp_path / "acties.csv"
    export_csv(workspace.db, ActionFilter(today=date(2026, 11, 23)), target)
    data = target.read_bytes()
    assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in data)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1][0] == cell


def test_a_bare_disk_io_error_on_a_full_disk_is_the_disk_full_message(small_disk):
    import sqlite3

    from leersessie.base.errors import explain_failure

    _fill(small_disk, 0)
    error = sqlite3.OperationalError("disk I/O error")
    assert explain_failure(error, small_disk).message.startswith("De schijf is vol")
    assert explain_failure(error, None) is None  # elsewhere it is not known to be full
