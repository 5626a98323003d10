"""Every schema version has a fixture database; each upgrades to the current schema
with every record intact, and a backup of the old file is taken first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fixtures.helpers import fingerprint
from fixtures.make_fixtures import ROWS, SESSION, fixture_path

import leersessie.store.storage as storage
from leersessie.base.errors import DatabaseError
from leersessie.method.leerreview import Quadrant, add_theme, get_measure, remove_theme
from leersessie.method.sessions import load_session
from leersessie.store.backup import BackupKind, list_backups
from leersessie.store.migrations import known_migrations, migrations
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

# A migration added on a branch comes without a fixture (the fixture is made when it is
# merged): the versions tested here are those with a fixture, and the migrations after the
# newest one are tested from it by their own tests.
FIXTURES = (
    next(v for v in range(1, len(known_migrations()) + 2) if not fixture_path(v).exists()) - 1
)
VERSIONS = range(1, FIXTURES + 1)


def schema_version(db) -> int:
    return len(migrations.applied(db))


def test_there_is_a_fixture_for_every_schema_version_up_to_the_newest():
    assert FIXTURES >= 8
    assert [fixture_path(v).exists() for v in VERSIONS] == [True] * len(VERSIONS), (
        "run tests/fixtures/make_fixtures.py after adding a migration"
    )
    assert not any(fixture_path(v).exists() for v in range(FIXTURES + 1, FIXTURES + 5))


def applied(path: Path) -> list[str]:
    # immutable: read without leaving -wal/-shm files beside it
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def install(version: int, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    target = database_path(data_dir)
    shutil.copyfile(fixture_path(version), target)
    return target


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_upgrades_with_every_record(version, data_dir):
    install(version, data_dir)
    assert len(applied(database_path(data_dir))) == version
    conn = sqlite3.connect(
        f"{fixture_path(version).resolve().as_uri()}?mode=ro&immutable=1", uri=True
    )
    had = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()

    ws = open_workspace(data_dir)
    try:
        assert schema_version(ws.db) == len(known_migrations())
        for table, rows in ROWS.items():
            if table not in had:
                continue  # a table a later migration added: no rows in this fixture
            for row in rows:
                key = {
                    k: row[k]
                    for k in ("id", "key", "id_hash", "record_id", "session_id", "person_id")
                    if k in row
                }
                if "id" in key or "key" in key:
                    key = {k: v for k, v in key.items() if k in ("id", "key")}
                for single in ("id_hash", "record_id"):
                    if single in key:
                        key = {single: key[single]}
                where = " AND ".join(f"{k} = ?" for k in key)
                found = ws.db.execute(
                    f"SELECT * FROM {table} WHERE {where}", list(key.values())
                ).fetchall()
                assert len(found) == 1, (table, key)
                columns = [
                    d[0] for d in ws.db.execute(f"SELECT * FROM {table} LIMIT 0").description
                ]
                record = dict(zip(columns, found[0], strict=True))
                assert {k: record[k] for k in row} == row, table
        # The app itself reads the upgraded session.
        session = load_session(ws.db, SESSION)
        assert session.notes["inbreng"].startswith("Fixturenotitie")
        if ws.db["search_index"].exists():  # old records are searchable after m002
            hits = ws.db.execute(
                "SELECT record_id FROM search_index WHERE search_index MATCH 'coordinatie'"
            ).fetchall()
            assert hits == [("note-0001",)]
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()

    before_upgrade = [b for b in list_backups(data_dir) if b.kind is BackupKind.MIGRATION]
    if version < len(known_migrations()):
        [backup] = before_upgrade
        assert len(applied(backup.path)) == version  # the file as it was before
        assert backup.path.stat().st_mode & 0o777 == 0o600
    else:
        assert before_upgrade == []


# From version 3 the only upgrade (m004) frees more pages than it needs: no full disk stops it.
@pytest.mark.parametrize("version", [v for v in VERSIONS[:-1] if v != 3])
def test_a_full_disk_during_an_upgrade_changes_nothing(version, data_dir, monkeypatch):
    db_file = install(version, data_dir)
    before = fingerprint(db_file)
    connect = storage.connect

    def full_disk(path):
        db = connect(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite: SQLITE_FULL beyond this
        return db

    monkeypatch.setattr(storage, "connect", full_disk)
    with pytest.raises(DatabaseError) as info:
        open_workspace(data_dir)
    assert "schijf is vol" in info.value.message
    assert fingerprint(db_file) == before
    assert len(applied(db_file)) == version
    monkeypatch.undo()
    ws = open_workspace(data_dir)  # space again: the upgrade goes through
    try:
        assert schema_version(ws.db) == len(known_migrations())
    finally:
        ws.close()


def test_a_failed_backup_before_an_upgrade_stops_the_upgrade(data_dir, monkeypatch):
    import leersessie.store.backup as backup

    db_file = install(1, data_dir)
    before = fingerprint(db_file)

    def cannot_write(path):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_connect_target", cannot_write)
    with pytest.raises(DatabaseError, match="schijf is vol"):
        open_workspace(data_dir)
    assert fingerprint(db_file) == before
    assert len(applied(db_file)) == 1


def schema_of(path: Path) -> set[tuple[str, str, str]]:
    # immutable: read without leaving -wal/-shm files beside it
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return set(conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master"))
    finally:
        conn.close()


def test_the_newest_fixture_has_exactly_the_schema_of_its_version(tmp_path):
    """Catches a migration edited after its fixture was made: regenerate the fixtures."""
    from sqlite_utils import Database

    fresh = tmp_path / "fresh.db"
    db = Database(fresh)
    newer = known_migrations()[FIXTURES:]
    migrations.apply(db, stop_before=newer[0] if newer else None)
    db.close()
    assert schema_of(fixture_path(FIXTURES)) == schema_of(fresh), (
        "run tests/fixtures/make_fixtures.py"
    )


def test_m013_from_schema_v8_places_no_old_measure_and_tracks_themes(data_dir):
    """The upgrade from the newest fixture: the old measure keeps everything and has no
    quadrant yet; a theme on it is a tracked record (change time, tombstone on delete)."""
    install(8, data_dir)
    ws = open_workspace(data_dir)
    try:
        measure = get_measure(ws.db, "measure-0001")
        assert (measure.what, measure.quadrant) == ("Fixturemaatregel", None)
        ws.db.execute(
            "UPDATE measures SET quadrant = 'individueel-binnen' WHERE id = 'measure-0001'"
        )
        assert get_measure(ws.db, "measure-0001").quadrant is Quadrant.INDIVIDUEEL_BINNEN
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.execute("UPDATE measures SET quadrant = 'midden' WHERE id = 'measure-0001'")

        ws.db.execute("UPDATE sessions SET status = 'finished' WHERE id = ?", [SESSION])
        reviewteam = ws.db.execute(
            "SELECT id FROM sessions WHERE linked_session_id = ?", [SESSION]
        ).fetchone()[0]
        theme = add_theme(ws.db, reviewteam, "thema", "Fixturethema", ["finding-0001"])
        changed = ws.db.execute(
            "SELECT changed_at FROM themes WHERE id = ?", [theme.id]
        ).fetchone()[0]
        assert changed
        remove_theme(ws.db, theme.id)
        tombstones = ws.db.execute(
            "SELECT table_name FROM tombstones WHERE table_name IN ('themes', 'theme_findings')"
        ).fetchall()
        assert sorted(t[0] for t in tombstones) == ["theme_findings", "themes"]
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()


def test_pending_deletions_come_with_the_upgrade_from_the_last_fixture(data_dir):
    """m009: the table a deletion writes what it still has to finish into."""
    install(8, data_dir)
    ws = open_workspace(data_dir)
    try:
        assert "m009_pending_deletions" in [m.name for m in migrations.applied(ws.db)]
        assert ws.db["pending_deletions"].columns_dict == {
            "id_hash": str,
            "table_name": str,
            "team_id": str,
            "requested_at": str,
        }
        assert ws.db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 0
    finally:
        ws.close()
