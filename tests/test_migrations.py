"""Every schema version has a fixture database; each upgrades to the current schema
with every record intact, and a backup of the old file is taken first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fixtures.helpers import fingerprint
from fixtures.make_fixtures import ROWS, SESSION, fixture_path

import leersessie.storage as storage
from leersessie.backup import BackupKind, list_backups
from leersessie.errors import DatabaseError
from leersessie.migrations import known_migrations, migrations
from leersessie.paths import database_path
from leersessie.sessions import load_session
from leersessie.workspace import open_workspace

# The versions with a fixture. A migration made on a branch comes without one (its fixture
# is made where the branches meet): the newest fixture then upgrades through it.
VERSIONS = range(
    1, 1 + max(v for v in range(1, len(known_migrations()) + 1) if fixture_path(v).exists())
)


def schema_version(db) -> int:
    return len(migrations.applied(db))


def test_there_is_a_fixture_for_every_schema_version_up_to_the_newest():
    assert [fixture_path(v).exists() for v in VERSIONS] == [True] * len(VERSIONS), (
        "run tests/fixtures/make_fixtures.py after adding a migration"
    )
    assert not fixture_path(len(known_migrations()) + 1).exists()


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
    import leersessie.backup as backup

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


def test_the_newest_fixture_upgrades_to_exactly_the_current_schema(data_dir, tmp_path):
    """Catches a migration edited after its fixture was made: regenerate the fixtures."""
    open_workspace(data_dir).close()
    upgraded = tmp_path / "upgraded"
    install(len(VERSIONS), upgraded)
    open_workspace(upgraded).close()
    assert schema_of(database_path(upgraded)) == schema_of(database_path(data_dir)), (
        "run tests/fixtures/make_fixtures.py"
    )
