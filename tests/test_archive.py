"""Team archives between two data folders: a round trip, and each merge case, through the
real command line and real SQLite files."""

from __future__ import annotations

import json
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from conftest import pdf_text

from leersessie.cli import main
from leersessie.demo import DEMO_TEAM
from leersessie.memory.search import search
from leersessie.method.sessions import list_sessions, save_note
from leersessie.method.teams import list_teams
from leersessie.privacy.deletion import delete_session
from leersessie.sharing.archive import (
    ArchiveError,
    PassphraseNeeded,
    WrongPassphrase,
    export_team,
    read_archive,
)
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.store.backup import BackupKind, list_backups
from leersessie.store.migrations import id_hash
from leersessie.workspace import open_workspace

TEAM = DEMO_TEAM


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def laptop_a(tmp_path, capsys) -> Path:
    folder = tmp_path / "a"
    assert run(capsys, "demo", "--data-dir", str(folder))[0] == 0
    return folder


@pytest.fixture
def laptop_b(tmp_path, capsys, laptop_a) -> tuple[Path, Path]:
    """A second data folder with laptop A's team imported, and the archive it came in."""
    b, first = tmp_path / "b", tmp_path / "1.leersessie"
    export(capsys, laptop_a, first)
    import_(capsys, b, first)
    return b, first


def team_name(folder: Path) -> str:
    ws = open_workspace(folder)
    try:
        return list_teams(ws.db)[0].name
    finally:
        ws.close()


def export(capsys, folder: Path, target: Path, *extra: str) -> None:
    code, _out, err = run(
        capsys, "export-team", team_name(folder), "-o", str(target), "--data-dir", str(folder),
        "--toch", *extra,
    )  # fmt: skip
    assert code == 0, err


def import_(capsys, folder: Path, file: Path) -> str:
    folder.mkdir(exist_ok=True)  # import refuses a data folder that does not exist
    code, out, err = run(capsys, "import", str(file), "--yes", "--data-dir", str(folder))
    assert code == 0, err
    return out


def dump(folder: Path) -> dict[str, list[tuple]]:
    """Every row of every table the archive carries, read without writing."""
    conn = sqlite3.connect(f"{(folder / 'leersessie.db').as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("teams", "people", "sessions", "attendance", "notes", "actions",
                          "action_reviews", "ratings", "development_questions", "tombstones")
        }  # fmt: skip
    finally:
        conn.close()


def note(folder: Path, step: str = "inbreng") -> tuple[str, str]:
    """(session id, text) of the newest session's note for ``step``."""
    ws = open_workspace(folder)
    try:
        session = list_sessions(ws.db)[0]
        row = ws.db.execute(
            "SELECT text FROM notes WHERE session_id = ? AND step_key = ?", [session.id, step]
        ).fetchone()
        return session.id, row[0] if row else ""
    finally:
        ws.close()


# Two change times a second apart, as the triggers write them (UTC, milliseconds).
EARLIER, LATER = "2026-12-07T09:00:00.000Z", "2026-12-07T09:00:01.000Z"


def write_note(
    folder: Path, session_id: str, text: str, step: str = "inbreng", at: str | None = None
) -> None:
    """Edit a note; ``at`` sets its change time, so which edit is later does not depend on
    the clock (the trigger leaves an explicitly set change time alone)."""
    ws = open_workspace(folder)
    try:
        save_note(ws.db, session_id, step, text)
        if at is not None:
            ws.db.execute(
                "UPDATE notes SET changed_at = ? WHERE session_id = ? AND step_key = ?",
                [at, session_id, step],
            )
    finally:
        ws.close()


def test_round_trip_into_an_empty_folder(tmp_path, capsys, laptop_a):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    b = tmp_path / "b"
    out = import_(capsys, b, archive)
    assert "Toevoegen: 1 teams" in out and "5 sessies" in out

    for command in (["sessions"], ["actions"], ["actions", "--csv"]):
        listings = [run(capsys, *command, "--data-dir", str(f))[1] for f in (laptop_a, b)]
        assert listings[0] == listings[1] and listings[0].strip()
    session_id = run(capsys, "sessions", "--data-dir", str(b))[1].split()[0]
    pdfs = []
    for folder in (laptop_a, b):
        target = tmp_path / f"{folder.name}.pdf"
        run(capsys, "summary", session_id, "-o", str(target), "--data-dir", str(folder))
        pdfs.append(pdf_text(target))
    assert pdfs[0] == pdfs[1] and "Sessieverslag" in pdfs[0]


def test_the_archive_is_a_zip_with_a_readable_manifest(tmp_path, capsys, laptop_a):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        data = json.loads(bundle.read("data.json"))
    assert manifest["format"] == "leersessie-team-archive" and manifest["format_version"] == 1
    assert manifest["teams"][0]["name"] == TEAM and manifest["sessions"] == 5
    assert "m006_archive" in manifest["migrations"]
    # The template text each session ran with travels along.
    assert all(row["source_text"] for row in data["tables"]["template_versions"])


def test_search_numbers_stay_home_and_an_import_numbers_its_records_anew(
    tmp_path, capsys, laptop_a
):
    session_id, _ = note(laptop_a)
    write_note(laptop_a, session_id, "Alleen hier: zwaluwstaart")
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    with zipfile.ZipFile(archive) as bundle:
        data = json.loads(bundle.read("data.json"))
    assert not [table for table, rows in data["tables"].items() if rows and "search_id" in rows[0]]
    # B has records of its own under the same numbers A's records have.
    b = tmp_path / "b"
    assert run(capsys, "demo", "--data-dir", str(b))[0] == 0
    import_(capsys, b, archive)
    ws = open_workspace(b)
    try:
        numbers = [
            number
            for table in ("notes", "actions", "findings", "measures", "action_reviews")
            for (number,) in ws.db.execute(f"SELECT search_id FROM {table}")
            if number is not None
        ]
        assert len(numbers) == len(set(numbers)) > 0
        assert [h.session_id for h in search(ws.db, "zwaluwstaart")] == [session_id]
        ws.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    finally:
        ws.close()


def test_importing_twice_changes_nothing(tmp_path, capsys, laptop_a):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    b = tmp_path / "b"
    import_(capsys, b, archive)
    before = dump(b)
    out = import_(capsys, b, archive)
    assert "Niets te doen" in out
    assert dump(b) == before
    # The other way round as well: A receives its own history back unchanged.
    assert "Niets te doen" in import_(capsys, laptop_a, archive)


def test_an_edit_on_one_side_takes_that_side(tmp_path, capsys, laptop_a, laptop_b):
    b, first = laptop_b
    session_id, _ = note(b)
    write_note(b, session_id, "Aangevuld op laptop B")
    back = tmp_path / "2.leersessie"
    export(capsys, b, back)
    out = import_(capsys, laptop_a, back)
    assert "1 notities" in out and "Conflict" not in out
    assert note(laptop_a) == (session_id, "Aangevuld op laptop B")
    # A's older archive does not undo B's edit: B has seen that version already.
    assert "Niets te doen" in import_(capsys, b, first)
    assert note(b)[1] == "Aangevuld op laptop B"


def test_edits_on_both_sides_keep_the_later_and_the_other_findable(
    tmp_path, capsys, laptop_a, laptop_b
):
    b, _first = laptop_b
    session_id, _ = note(b)
    write_note(laptop_a, session_id, "Versie van coach A", at=EARLIER)
    write_note(b, session_id, "Versie van coach B", at=LATER)
    from_b = tmp_path / "b.leersessie"
    export(capsys, b, from_b)

    ws = open_workspace(laptop_a)
    try:
        plan = plan_import(ws.db, read_archive(from_b))
        report = "\n".join(plan.lines())
        assert "Conflicten: 1" in report and "Versie van coach A" in report
        apply_import(ws.db, plan, ws.data_dir)
    finally:
        ws.close()
    kept = note(laptop_a)[1]
    assert kept.startswith("Versie van coach B")
    assert "Versie van coach A" in kept and "op twee computers gewijzigd" in kept
    # A's merged result goes back to B as a one-sided change: both end up the same.
    to_b = tmp_path / "a.leersessie"
    export(capsys, laptop_a, to_b)
    assert "Conflict" not in import_(capsys, b, to_b)
    assert note(b)[1] == kept


def test_a_deletion_travels_and_an_old_archive_never_brings_it_back(tmp_path, capsys, laptop_a):
    b = tmp_path / "b"
    old = tmp_path / "old.leersessie"
    export(capsys, laptop_a, old)
    import_(capsys, b, old)
    session_id, _ = note(laptop_a)
    write_note(b, session_id, "Nog iets toegevoegd op B na de verwijdering")
    ws = open_workspace(laptop_a)
    try:
        delete_session(ws.db, session_id)
        tombstone = ws.db.execute(
            "SELECT table_name FROM tombstones WHERE id_hash = ?", [id_hash(session_id)]
        ).fetchone()
        assert tombstone == ("sessions",)
        # Its notes went with it by cascade: the session's tombstone covers them.
        assert ws.db.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 1
    finally:
        ws.close()
    new = tmp_path / "new.leersessie"
    export(capsys, laptop_a, new)
    out = import_(capsys, b, new)
    deleting = next(line for line in out.splitlines() if line.startswith("Verwijderen"))
    assert f"team “{team_name(b)}”" in deleting and "op een andere computer" in deleting
    assert deleting.endswith(": 1 sessies")
    assert session_id not in run(capsys, "sessions", "--data-dir", str(b))[1]
    # B's archive from before still holds the session: it stays deleted on A and B.
    for folder in (laptop_a, b):
        out = import_(capsys, folder, old)
        assert session_id not in run(capsys, "sessions", "--data-dir", str(folder))[1]
    assert "Blijft verwijderd" in out


def test_an_archive_from_a_newer_app_is_refused(tmp_path, capsys, laptop_a):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    newer = tmp_path / "newer.leersessie"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["migrations"].append("m999_from_the_future")
        manifest["app_version"] = "9.0"
        target.writestr("manifest.json", json.dumps(manifest))
        target.writestr("data.json", source.read("data.json"))
    b = tmp_path / "b"
    run(capsys, "sessions", "--data-dir", str(b))
    before = dump(b)
    code, _out, err = run(capsys, "import", str(newer), "--yes", "--data-dir", str(b))
    assert code == 1
    assert "nieuwere versie van Leersessie (9.0)" in err and "niets gewijzigd" in err
    assert dump(b) == before


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not a zip"])
def test_a_damaged_archive_gets_a_clear_message_and_nothing_is_written(
    tmp_path, capsys, laptop_a, damage
):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    data = archive.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        middle = len(data) // 3  # inside the compressed data: the CRC catches it
        data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
    else:
        data = b"just some text"
    archive.write_bytes(data)
    before = dump(laptop_a)
    code, _out, err = run(capsys, "import", str(archive), "--yes", "--data-dir", str(laptop_a))
    assert code == 1
    assert "beschadigd, onvolledig" in err and "niets gewijzigd" in err
    assert dump(laptop_a) == before
    assert not [b for b in list_backups(laptop_a) if b.kind is BackupKind.BEFORE_IMPORT]


def test_a_passphrase_protects_the_archive(tmp_path, capsys, laptop_a, monkeypatch):
    archive = tmp_path / "noord.leersessie"
    right, wrong = tmp_path / "goed.txt", tmp_path / "fout.txt"
    right.write_text("lange zin met veel woorden\n", encoding="utf-8")
    wrong.write_text("verkeerd\n", encoding="utf-8")
    monkeypatch.setenv("LEERSESSIE_ARCHIVE_PASSPHRASE_FILE", str(right))
    export(capsys, laptop_a, archive, "--encrypt")
    raw = archive.read_bytes()
    assert TEAM.encode() not in raw and b"Bram" not in raw  # neither in the manifest
    with pytest.raises(PassphraseNeeded):
        read_archive(archive)
    with pytest.raises(WrongPassphrase, match="wachtwoord klopt niet"):
        read_archive(archive, "verkeerd")
    b = tmp_path / "b"
    b.mkdir()
    monkeypatch.setenv("LEERSESSIE_ARCHIVE_PASSPHRASE_FILE", str(wrong))
    code, _out, err = run(capsys, "import", str(archive), "--yes", "--data-dir", str(b))
    assert code == 1 and "wachtwoord klopt niet" in err
    assert dump(b)["sessions"] == []
    monkeypatch.setenv("LEERSESSIE_ARCHIVE_PASSPHRASE_FILE", str(right))
    assert "5 sessies" in import_(capsys, b, archive)


def test_an_import_the_database_refuses_is_all_or_nothing_and_leaves_no_backup(
    tmp_path, capsys, laptop_a
):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    b = tmp_path / "b"
    ws = open_workspace(b)
    try:
        plan = plan_import(ws.db, read_archive(archive))
        plan.operations[-1].row["session_id"] = "no-such-session"  # a broken reference
        with pytest.raises(ArchiveError, match="past niet in deze database"):
            apply_import(ws.db, plan, ws.data_dir)
        assert ws.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        assert BackupKind.BEFORE_IMPORT not in [backup.kind for backup in list_backups(b)]
    finally:
        ws.close()


def test_export_runs_the_client_data_check(tmp_path, capsys, laptop_a):
    session_id, _ = note(laptop_a)
    write_note(laptop_a, session_id, "Moeder belde vanaf 06-12345678.")
    target = tmp_path / "noord.leersessie"
    code, _out, err = run(
        capsys, "export-team", TEAM, "-o", str(target), "--data-dir", str(laptop_a)
    )
    assert code == 3  # the client-data check's own exit code, as for every export
    assert "Mogelijk cliëntgegevens" in err and "06-12345678" in err
    assert not target.exists()


def test_only_the_chosen_sessions(tmp_path, capsys, laptop_a):
    session_id, _ = note(laptop_a)
    archive = tmp_path / "een.leersessie"
    export(capsys, laptop_a, archive, "--session", session_id)
    data = read_archive(archive)
    assert [row["id"] for row in data.tables["sessions"]] == [session_id]
    b = tmp_path / "b"
    import_(capsys, b, archive)
    assert run(capsys, "sessions", "--data-dir", str(b))[1].split()[0] == session_id


def test_an_upgraded_database_knows_when_each_record_changed(tmp_path):
    from fixtures.make_fixtures import fixture_path

    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "leersessie.db").write_bytes(fixture_path(3).read_bytes())
    ws = open_workspace(folder)
    try:
        changed = ws.db.execute("SELECT changed_at FROM notes WHERE id = 'note-0001'").fetchone()
        updated = ws.db.execute("SELECT updated_at FROM notes WHERE id = 'note-0001'").fetchone()
        assert changed[0].startswith(updated[0][:19]) and changed[0].endswith("Z")
        ws.db.execute("UPDATE notes SET text = 'nieuw' WHERE id = 'note-0001'")
        later = ws.db.execute("SELECT changed_at FROM notes WHERE id = 'note-0001'").fetchone()
        assert later[0] > changed[0]
    finally:
        ws.close()


def test_export_of_a_missing_team_is_refused(tmp_path, capsys, laptop_a):
    ws = open_workspace(laptop_a)
    try:
        with pytest.raises(ArchiveError):
            export_team(ws.db, "no-such-team", tmp_path / "x.leersessie")
    finally:
        ws.close()
    assert not (tmp_path / "x.leersessie").exists()


def test_crossed_merges_of_a_conflict_end_the_same_on_both_sides(
    tmp_path, capsys, laptop_a, laptop_b
):
    """Both coaches edit, then each merges the other's file before seeing the other's
    merge (the shared folder's usual case): they end with the same note, and the next
    exchange finds nothing to do."""
    b, _first = laptop_b
    session_id, _ = note(b)
    write_note(laptop_a, session_id, "Versie van coach A", at=EARLIER)
    write_note(b, session_id, "Versie van coach B", at=LATER)
    from_a, from_b = tmp_path / "a.leersessie", tmp_path / "b.leersessie"
    export(capsys, laptop_a, from_a)
    export(capsys, b, from_b)
    assert "Conflicten: 1" in import_(capsys, laptop_a, from_b)
    assert "Conflicten: 1" in import_(capsys, b, from_a)
    assert note(laptop_a) == note(b)
    assert note(b)[1].count("Versie van coach A") == 1
    again_a, again_b = tmp_path / "a2.leersessie", tmp_path / "b2.leersessie"
    export(capsys, laptop_a, again_a)
    export(capsys, b, again_b)
    assert "Niets te doen" in import_(capsys, b, again_a)
    assert "Niets te doen" in import_(capsys, laptop_a, again_b)


def test_a_deleted_team_leaves_no_id_and_never_comes_back(tmp_path, capsys, laptop_a):
    from leersessie.privacy.deletion import delete_team

    old = tmp_path / "old.leersessie"
    export(capsys, laptop_a, old)
    ws = open_workspace(laptop_a)
    try:
        team_id = list_teams(ws.db)[0].id
        delete_team(ws.db, team_id)
    finally:
        ws.close()
    assert team_id.encode() not in (laptop_a / "leersessie.db").read_bytes()
    out = import_(capsys, laptop_a, old)
    assert "Niets te doen" in out and "Blijft verwijderd: 1" in out
    assert run(capsys, "sessions", "--data-dir", str(laptop_a))[1] == ""


def test_import_into_a_data_folder_that_does_not_exist_creates_nothing(tmp_path, capsys, laptop_a):
    archive = tmp_path / "noord.leersessie"
    export(capsys, laptop_a, archive)
    missing = tmp_path / "getypt-verkeerd"
    code, _out, err = run(capsys, "import", str(archive), "--yes", "--data-dir", str(missing))
    assert code == 1
    assert "bestaat niet" in err and "niets aangemaakt" in err
    assert not missing.exists()


def test_a_conflict_on_a_session_reads_as_the_session_of_its_date():
    from leersessie.sharing.merge import Conflict, conflict_texts

    label = conflict_texts()["sessions"][1]
    line = Conflict("sessions", "s1", "s1", True, "", label, "3 mrt. 2026").describe()
    assert line.startswith("De sessie van 3 mrt. 2026: op beide computers gewijzigd")
    note = Conflict("notes", "n1", "s1", False, "", conflict_texts()["notes"][1], "3 mrt. 2026")
    assert note.describe().startswith("Notitie in de sessie van 3 mrt. 2026:")


def test_a_reviewteams_quadrants_and_themes_travel_with_its_team(tmp_path, capsys):
    """m013's records go in the team archive and come back whole on the other laptop."""
    from datetime import date

    from leersessie.method.leerreview import (
        Quadrant,
        add_finding,
        add_measure,
        add_theme,
        session_measures,
        session_themes,
    )
    from leersessie.method.sessions import finish_session, start_session
    from leersessie.method.teams import create_team

    a = tmp_path / "a"
    ws = open_workspace(a)
    try:
        team = create_team(ws.db, "Review Jeugd", ["Dewi", "Eef"])
        present = [p.id for p in team.people]
        case = start_session(
            ws.db, team_id=team.id, template=ws.catalogue.get("leerreview-casegroep"),
            on=date(2026, 5, 1), facilitator="Coach", present=present,
        )  # fmt: skip
        finding = add_finding(ws.db, case, "bevindingen", "Niemand had de regie")
        finish_session(ws.db, case)
        review = start_session(
            ws.db, team_id=team.id, template=ws.catalogue.get("leerreview-reviewteam"),
            on=date(2026, 6, 1), facilitator="Coach", present=present, linked_session_id=case,
        )  # fmt: skip
        add_measure(
            ws.db, review, finding.id, "Casusregie vastleggen", "Manager", "systeem", None,
            Quadrant.COLLECTIEF_BUITEN,
        )  # fmt: skip
        add_theme(ws.db, review, "thema", "Regie tussen organisaties", [finding.id])
    finally:
        ws.close()
    archive = tmp_path / "review.leersessie"
    export(capsys, a, archive)
    b = tmp_path / "b"
    import_(capsys, b, archive)

    ws = open_workspace(b)
    try:
        [measure] = session_measures(ws.db, review)
        assert measure.quadrant is Quadrant.COLLECTIEF_BUITEN
        [theme] = session_themes(ws.db, review)
        assert (theme.text, theme.finding_ids) == ("Regie tussen organisaties", (finding.id,))
    finally:
        ws.close()
