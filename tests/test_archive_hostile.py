"""A team archive is untrusted input: hostile archives through the real command line,
each against a data folder whose database's sha256 is taken before.

The data folder holds two teams: the demo team ("B", a colleague's team that must stay
untouched) and team Z, whose archive each test tampers with."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import team_session

from leersessie.cli import main
from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.method.sessions import save_note
from leersessie.method.teams import find_team
from leersessie.privacy.client_data import set_blocked_names
from leersessie.privacy.pseudonyms import remember_replacement
from leersessie.sharing import archive as archive_module
from leersessie.sharing.archive import ArchiveError, export_team, read_archive, read_manifest
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.sharing.shared_folder import check_shared_folder, mark_merged, set_sync_folder
from leersessie.store.backup import list_backups
from leersessie.store.migrations import id_hash
from leersessie.workspace import open_workspace


@pytest.fixture
def home(tmp_path) -> dict[str, Any]:
    """Team B (the demo team) and team Z in one data folder, and Z's archive."""
    folder = tmp_path / "thuis"
    ws = open_workspace(folder)
    try:
        load_demo(ws.db, ws.catalogue)
        team_b = find_team(ws.db, DEMO_TEAM)
        team_z, session_z = team_session(ws, "Team Z", ("Zoë", "Zeno"), "Z's eigen notitie")
        archive = export_team(ws.db, team_z.id, tmp_path / "z.leersessie")
        b_session, b_note = ws.db.execute(
            "SELECT s.id, n.id FROM sessions s JOIN notes n ON n.session_id = s.id "
            "WHERE s.team_id = ? LIMIT 1",
            [team_b.id],
        ).fetchone()
        b_rows = {
            table: [
                dict(row)
                for row in ws.db.query(f"SELECT * FROM {table} WHERE {where}", [team_b.id])
            ]
            for table, where in (
                ("sessions", "team_id = ?"),
                ("people", "team_id = ?"),
                ("notes", "session_id IN (SELECT id FROM sessions WHERE team_id = ?)"),
            )
        }
    finally:
        ws.close()
    return {
        "folder": folder,
        "archive": archive,
        "team_b": team_b.id,
        "team_z": team_z.id,
        "session_z": session_z,
        "b_session": b_session,
        "b_note": b_note,
        "b_rows": b_rows,
    }


def payload(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as bundle:
        return json.loads(bundle.read("data.json"))


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as bundle:
        return json.loads(bundle.read("manifest.json"))


def write_zip(target: Path, members: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in members:
                bundle.writestr(name, data)
    return target


def tampered(home: dict[str, Any], data: Any = None, manifest: Any = None) -> Path:
    """Z's archive with its data and/or manifest replaced."""
    source = home["archive"]
    manifest = manifest_of(source) if manifest is None else manifest
    data = payload(source) if data is None else data
    return write_zip(
        source.with_name("kwaad.leersessie"),
        [
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", data if isinstance(data, bytes) else json.dumps(data).encode()),
        ],
    )


def db_sha256(folder: Path) -> str:
    return hashlib.sha256((folder / "leersessie.db").read_bytes()).hexdigest()


def refused(capsys, home: dict[str, Any], path: Path, *expected: str) -> str:
    """Import ``path``: it must be refused with a message, the database byte-identical
    and no import backup left."""
    folder = home["folder"]
    before, backups = db_sha256(folder), list_backups(folder)
    code = main(["import", str(path), "--yes", "--data-dir", str(folder)])
    out = capsys.readouterr()
    assert code == 1, out.out
    assert "Traceback" not in out.err and "niets gewijzigd" in out.err
    for text in expected:
        assert text in out.err
    assert db_sha256(folder) == before
    assert list_backups(folder) == backups
    return out.err


def test_the_untampered_archive_imports(capsys, home):
    code = main(["import", str(home["archive"]), "--yes", "--data-dir", str(home["folder"])])
    assert code == 0 and "Team: “Team Z”" in capsys.readouterr().out


# --- another team's records ----------------------------------------------------------


def test_another_teams_session_is_refused(capsys, home):
    data = payload(home["archive"])
    data["tables"]["sessions"].append(home["b_rows"]["sessions"][0])
    refused(capsys, home, tampered(home, data), "ander team", "sessies")


def test_moving_another_teams_session_into_this_team_is_refused(capsys, home):
    data = payload(home["archive"])
    moved = dict(home["b_rows"]["sessions"][0], team_id=home["team_z"])
    data["tables"]["sessions"].append(moved)
    refused(capsys, home, tampered(home, data), "hier bij team “Wijkteam")


def test_overwriting_another_teams_note_is_refused(capsys, home):
    data = payload(home["archive"])
    note = dict(home["b_rows"]["notes"][0], text="Overschreven door Z")
    data["tables"]["notes"].append(note)  # its session is B's: not in the archive
    refused(capsys, home, tampered(home, data), "notities")
    # The same note under one of Z's sessions: the id is B's note here.
    data = payload(home["archive"])
    data["tables"]["notes"].append(dict(note, session_id=home["session_z"], step_key="x"))
    refused(capsys, home, tampered(home, data), "notities: 1 die hier bij team")


def test_adding_people_to_another_team_is_refused(capsys, home):
    data = payload(home["archive"])
    stranger = dict(data["tables"]["people"][0], id="person-smuggled", team_id=home["team_b"])
    data["tables"]["people"].append(stranger)
    refused(capsys, home, tampered(home, data), "deelnemers")
    # Nor marking one of B's people present in Z's session.
    data = payload(home["archive"])
    b_person = home["b_rows"]["people"][0]["id"]
    data["tables"]["attendance"].append({"session_id": home["session_z"], "person_id": b_person})
    refused(capsys, home, tampered(home, data), "deelnemers: 1 die hier bij team")


def test_renaming_another_team_is_refused(capsys, home):
    data = payload(home["archive"])
    data["tables"]["teams"].append(
        dict(data["tables"]["teams"][0], id=home["team_b"], name="Gekaapt")
    )
    refused(capsys, home, tampered(home, data), "ander team dan in het manifest")
    data = payload(home["archive"])
    data["tables"]["teams"][0].update(id=home["team_b"], name="Gekaapt")
    refused(capsys, home, tampered(home, data), "ander team")


def test_a_rename_of_the_own_team_shows_in_the_plan(capsys, home):
    data = payload(home["archive"])
    data["tables"]["teams"][0].update(name="Team Zuid", changed_at="2099-01-01T00:00:00.000Z")
    code = main(["import", str(tampered(home, data)), "--yes", "--data-dir", str(home["folder"])])
    out = capsys.readouterr().out
    assert code == 0
    assert "Hernoemen: team “Team Z” heet voortaan “Team Zuid”." in out


def test_a_foreign_tombstone_deletes_nothing_and_does_not_travel(capsys, home):
    data = payload(home["archive"])
    smuggled = {
        "id_hash": id_hash(home["b_session"]),
        "table_name": "sessions",
        "team_id": home["team_z"],
        "deleted_at": "2026-12-01T00:00:00+00:00",
    }
    data["tables"]["notes"][0]["text"] = "Een gewone wijziging"
    data["tombstones"].append(smuggled)
    code = main(["import", str(tampered(home, data)), "--yes", "--data-dir", str(home["folder"])])
    out = capsys.readouterr().out
    assert code == 0 and "Verwijderen" not in out
    ws = open_workspace(home["folder"])
    try:
        assert ws.db.execute("SELECT 1 FROM sessions WHERE id = ?", [home["b_session"]]).fetchone()
        stored = ws.db.execute("SELECT id_hash FROM tombstones").fetchall()
        assert (smuggled["id_hash"],) not in stored  # it never travels with an export
    finally:
        ws.close()
    # Marked as the other team's, the whole archive is refused.
    data["tombstones"][-1]["team_id"] = home["team_b"]
    refused(capsys, home, tampered(home, data), "verwijderingen van een ander team")


def test_a_deletion_lists_the_team_and_what_goes_with_it(capsys, home, tmp_path):
    ws = open_workspace(home["folder"])
    try:
        from leersessie.privacy.deletion import delete_session

        delete_session(ws.db, home["session_z"])
        tombstones = [
            dict(zip(("id_hash", "table_name", "team_id", "deleted_at"), row, strict=True))
            for row in ws.db.execute("SELECT * FROM tombstones WHERE team_id = ?", [home["team_z"]])
        ]
    finally:
        ws.close()
    other = tmp_path / "ander"
    other.mkdir()
    assert main(["import", str(home["archive"]), "--yes", "--data-dir", str(other)]) == 0
    data = payload(home["archive"])
    data["tombstones"] = tombstones
    for table in data["tables"]:
        if table not in ("teams", "people", "template_versions"):
            data["tables"][table] = []
    capsys.readouterr()
    assert main(["import", str(tampered(home, data)), "--data-dir", str(other)]) == 1  # no
    out = capsys.readouterr().out
    assert (
        "Verwijderen uit team “Team Z”, omdat het archief meldt dat het op een andere "
        "computer is verwijderd: 1 sessies"
    ) in out
    assert "met alles daarin: 1 notities" in out


# --- limits ----------------------------------------------------------------------------


def refused_within(memory: int, read: Callable[[], object]) -> str:
    """The refusal's message from ``read``, which may allocate at most ``memory`` bytes."""
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveError) as refusal:
            read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < memory
    return refusal.value.message.split(": ", 1)[1].split(". Er is")[0]


def test_a_data_bomb_is_refused_in_constant_memory(capsys, home):
    bomb = b'{"tables":{"notes":[{"id":"a","text":"' + b"a" * 60_000_000 + b'"}]}}'
    path = tampered(home, bomb)
    assert path.stat().st_size < 200_000
    assert refused_within(5_000_000, lambda: read_archive(path)).endswith("keer)")
    refused(capsys, home, path, "data.json pakt uit tot")


def test_data_over_the_size_limit_is_refused(capsys, home, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_DATA_BYTES", 10_000)
    refused(capsys, home, home["archive"], "data.json is uitgepakt")


def test_a_manifest_bomb_is_refused_in_constant_memory(capsys, home):
    manifest = manifest_of(home["archive"])
    manifest["app_version"] = "x" * 50_000_000
    path = tampered(home, manifest=manifest)
    assert "manifest.json is uitgepakt" in refused_within(5_000_000, lambda: read_manifest(path))
    refused(capsys, home, path, "manifest.json is uitgepakt")


def test_a_file_over_the_size_limit_is_refused(capsys, home, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_ARCHIVE_BYTES", 1000)
    refused(capsys, home, home["archive"], "groter dan")


@pytest.mark.parametrize(
    "members",
    [
        ["manifest.json", "data.json", "data.json"],
        ["manifest.json", "manifest.json", "data.json"],
        ["manifest.json", "data.json", "extra.txt"],
        ["manifest.json"],
        ["manifest.json", "data.json.enc"],
    ],
)
def test_members_other_than_one_manifest_and_one_data_are_refused(capsys, home, members):
    source = {
        "manifest.json": json.dumps(manifest_of(home["archive"])).encode(),
        "data.json": json.dumps(payload(home["archive"])).encode(),
    }
    path = write_zip(
        home["archive"].with_name("leden.leersessie"),
        [(name, source.get(name, b"{}")) for name in members],
    )
    refused(capsys, home, path)


@pytest.mark.parametrize(
    ("key", "value"), [("n", 2**20), ("r", 64), ("p", 16), ("n", "32768"), ("kdf", "pbkdf2")]
)
def test_key_derivation_settings_out_of_range_are_refused_before_deriving(
    capsys, home, monkeypatch, key, value
):
    manifest = manifest_of(home["archive"])
    manifest["encryption"] = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": 2**15,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(bytes(16)).decode(),
        "nonce": base64.b64encode(bytes(12)).decode(),
        "compression": "zlib",
        key: value,
    }
    path = write_zip(
        home["archive"].with_name("scrypt.leersessie"),
        [("manifest.json", json.dumps(manifest).encode()), ("data.json.enc", bytes(64))],
    )

    def no_key(*_args: object) -> bytes:
        raise AssertionError("a key was derived")

    monkeypatch.setattr(archive_module, "_key", no_key)
    with pytest.raises(ArchiveError, match="versleuteling gebruikt andere instellingen"):
        read_archive(path, "wachtwoord")
    refused(capsys, home, path, "versleuteling")


# --- malformed data --------------------------------------------------------------------


def test_deeply_nested_json_is_refused(capsys, home):
    refused(capsys, home, tampered(home, b"[" * 100_000 + b"]" * 100_000), "dieper genest")
    data = payload(home["archive"])
    data["tables"]["notes"][0]["text"] = json.loads("[" * 50 + "]" * 50)
    refused(capsys, home, tampered(home, data), "dieper genest")


def note_with(home: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = payload(home["archive"])
    data["tables"]["notes"][0].update(changes)
    return data


def without(home: dict[str, Any], table: str, column: str) -> dict[str, Any]:
    data = payload(home["archive"])
    del data["tables"][table][0][column]
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda home: note_with(home, text={"a": 1}), "text"),
        (lambda home: note_with(home, text=["a"]), "text"),
        (lambda home: note_with(home, text=12), "text"),
        (lambda home: note_with(home, step_key=None), "step_key"),
        (lambda home: without(home, "notes", "step_key"), "step_key"),
        (lambda home: without(home, "notes", "id"), "geen geldige id"),
        (lambda home: note_with(home, id=7), "geen geldige id"),
        (lambda home: note_with(home, **{"text; DROP TABLE notes": "x"}), "onbekende vorm"),
        (lambda home: note_with(home, text="x" * 300_000), "onbekende vorm"),
        (lambda home: {**payload(home["archive"]), "tables": []}, "onbekende vorm"),
        (lambda home: {"tables": {}, "history": {}}, "onderdeel"),
        (lambda home: {**payload(home["archive"]), "tombstones": [{"id_hash": "ab"}]}, ""),
        (lambda home: {**payload(home["archive"]), "history": {"x": "abc"}}, ""),
    ],
)
def test_wrong_types_and_missing_fields_get_a_message(capsys, home, change, expected):
    refused(capsys, home, tampered(home, change(home)), expected)


def test_a_tombstone_without_its_table_is_refused(capsys, home):
    data = payload(home["archive"])
    data["tombstones"].append({"id_hash": "0" * 32, "team_id": home["team_z"], "deleted_at": "x"})
    refused(capsys, home, tampered(home, data), "verwijdering")


@pytest.mark.parametrize("version", ["1", None, 1.5, True])
def test_a_format_version_of_another_type_gets_a_message(capsys, home, version):
    manifest = manifest_of(home["archive"])
    manifest["format_version"] = version
    refused(capsys, home, tampered(home, manifest=manifest), "manifest")


def test_duplicate_ids_are_refused(capsys, home):
    data = payload(home["archive"])
    data["tables"]["notes"].append(dict(data["tables"]["notes"][0]))
    refused(capsys, home, tampered(home, data), "twee keer in notes")


def test_a_value_the_database_refuses_leaves_no_backup(capsys, home):
    data = payload(home["archive"])
    data["tables"]["sessions"][0].update(status="kwijt", changed_at="2099-01-01T00:00:00Z")
    refused(capsys, home, tampered(home, data), "past niet in deze database")


# --- what comes in is cleaned and checked ------------------------------------------------


def test_incoming_text_gets_the_replacements_and_the_check(capsys, home, tmp_path):
    ws = open_workspace(home["folder"])
    try:
        remember_replacement(ws.db, "Fatima el Amrani", "cliënt A")
        set_blocked_names(ws.db, ["Kevin"])
    finally:
        ws.close()
    data = note_with(
        home,
        text="Gesprek met Fatima el Amrani (moeder), Kevin belt 06-12345678.",
        changed_at="2099-01-01T00:00:00.000Z",
    )
    folder = home["folder"]
    code = main(["import", str(tampered(home, data)), "--yes", "--data-dir", str(folder)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Vervangen in wat binnenkomt: 2 keer" in out
    assert "Controle op cliëntgegevens: 1 mogelijke cliëntgegevens" in out
    assert "notitie, telefoonnummer" in out
    ws = open_workspace(folder)
    try:
        text = ws.db.execute(
            "SELECT text FROM notes WHERE session_id = ? AND step_key = 'inbreng'",
            [home["session_z"]],
        ).fetchone()[0]
    finally:
        ws.close()
    assert "Fatima" not in text and "Kevin" not in text
    assert "Gesprek met cliënt A (moeder), [verwijderd] belt" in text
    assert b"Fatima el Amrani" not in (folder / "leersessie.db").read_bytes()


# --- the shared folder -----------------------------------------------------------------


def test_one_bad_file_in_the_shared_folder_is_named_once_and_skipped(home, tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    good = shared / "team-z-collega1.leersessie"
    good.write_bytes(home["archive"].read_bytes())
    manifest = manifest_of(home["archive"])
    manifest["app_version"] = "x" * 1_000_000
    bomb = tampered(home, manifest=manifest)
    (shared / "team-z-collega2.leersessie").write_bytes(bomb.read_bytes())
    ws = open_workspace(home["folder"])
    try:
        set_sync_folder(ws.db, shared)
        first = check_shared_folder(ws.db)
        assert [offer.path for offer in first.offers] == [good]
        assert len(first.refused) == 1 and "team-z-collega2" in first.refused[0]
        second = check_shared_folder(ws.db)
        assert [offer.path for offer in second.offers] == [good] and second.refused == []
    finally:
        ws.close()


def test_the_version_marked_merged_is_the_one_read(home, tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    file = shared / "team-z-collega1.leersessie"
    file.write_bytes(home["archive"].read_bytes())
    ws = open_workspace(home["folder"])
    try:
        set_sync_folder(ws.db, shared)
        read = read_archive(file)
        apply_import(ws.db, plan_import(ws.db, read), ws.data_dir)
        # The colleague replaces the file between the merge and the mark.
        save_note(ws.db, home["session_z"], "inbreng", "Nieuwer van de collega")
        export_team(ws.db, home["team_z"], file)
        mark_merged(ws.db, file, read)
        assert [offer.path for offer in check_shared_folder(ws.db).offers] == [file]
        mark_merged(ws.db, file, read_archive(file))
        assert check_shared_folder(ws.db).offers == []
    finally:
        ws.close()


def test_an_encrypted_archive_is_packed(home, tmp_path):
    ws = open_workspace(home["folder"])
    try:
        team = home["team_b"]
        plain = export_team(ws.db, team, tmp_path / "open.leersessie")
        locked = export_team(ws.db, team, tmp_path / "dicht.leersessie", passphrase="zin")
    finally:
        ws.close()
    assert locked.stat().st_size < plain.stat().st_size * 1.2
    assert manifest_of(locked)["encryption"]["compression"] == "zlib"
    assert read_archive(locked, "zin").tables == read_archive(plain).tables


def test_a_zip_with_a_forged_entry_count_is_refused(capsys, home):
    raw = bytearray(home["archive"].read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    raw[end + 8 : end + 12] = (60000).to_bytes(2, "little") * 2  # entries on disk, in all
    path = home["archive"].with_name("telling.leersessie")
    path.write_bytes(bytes(raw))
    refused(capsys, home, path, "60000 onderdelen")


def test_not_a_zip_in_memory(capsys, home):
    path = home["archive"].with_name("leeg.leersessie")
    path.write_bytes(io.BytesIO(b"PK\x05\x06" + bytes(18)).getvalue())
    refused(capsys, home, path)


@pytest.mark.parametrize(
    ("table", "change"),
    [
        ("notes", {"text": "\ud800 een losse helft van een teken"}),
        ("notes", {"text": "nul\x00teken"}),
        ("people", {"position": 2**64}),
    ],
)
def test_values_sqlite_cannot_take_are_refused(capsys, home, table, change):
    data = payload(home["archive"])
    data["tables"][table][0].update(change)
    refused(capsys, home, tampered(home, data), "onbekende vorm")


def test_a_template_that_cannot_be_read_is_refused(capsys, home):
    data = payload(home["archive"])
    broken = "[template\nid = 'kapot"
    data["tables"]["template_versions"][0].update(
        source_text=broken, sha256=hashlib.sha256(broken.encode()).hexdigest()
    )
    refused(capsys, home, tampered(home, data), "niet te lezen")
    data["tables"]["template_versions"][0]["sha256"] = "0" * 64
    refused(capsys, home, tampered(home, data), "controlegetal")


def test_an_action_of_this_team_in_another_teams_session_is_refused(capsys, home):
    data = payload(home["archive"])
    data["tables"]["actions"].append(
        {
            "id": "action-smuggled",
            "team_id": home["team_z"],
            "session_id": home["b_session"],
            "step_key": "inbreng",
            "what": "Iets in de sessie van B",
            "status": "open",
            "position": 0,
            "created_at": "2026-12-01T00:00:00+00:00",
            "updated_at": "2026-12-01T00:00:00+00:00",
        }
    )
    refused(capsys, home, tampered(home, data), "acties: 1 van een ander team of van een sessie")
