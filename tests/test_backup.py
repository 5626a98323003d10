"""Backups: made through SQLite's backup API at start (once a day), on demand and before
a restore; rotated; restored from the CLI and the core."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fixtures.helpers import hold_lock_in_subprocess

from leersessie.base.errors import DatabaseError, InputError
from leersessie.cli import main
from leersessie.method.teams import create_team, list_teams
from leersessie.store.backup import (
    BackupKind,
    backup_dir,
    list_backups,
    make_backup,
    restore_backup,
    rotate_backups,
)
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace


def team_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM teams ORDER BY name")]
    finally:
        conn.close()


def test_start_makes_one_daily_backup_a_day(data_dir):
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Oost")
    ws.close()
    ws = open_workspace(data_dir)
    ws.close()
    [daily] = list_backups(data_dir)
    assert daily.kind is BackupKind.DAILY
    assert daily.made.date() == datetime.now().date()
    assert daily.path.parent == data_dir / "reservekopieen"
    with sqlite3.connect(daily.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(str(daily.path) + "-wal").exists()


def test_backup_is_a_consistent_copy_while_the_app_writes(workspace, db):
    create_team(db, "Team Oost")
    path = make_backup(workspace.data_dir, db)
    create_team(db, "Team West")  # after the backup: not in it
    assert team_names(path) == ["Team Oost"]
    assert path.name.startswith("leersessie-") and path.name.endswith("-handmatig.db")


def test_two_backups_in_one_second_never_overwrite(workspace, db):
    moment = datetime(2026, 11, 23, 9, 30)
    first = make_backup(workspace.data_dir, db, now=moment)
    second = make_backup(workspace.data_dir, db, now=moment)
    assert first != second and first.exists() and second.exists()


def _fake(folder: Path, kind: BackupKind, made: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"leersessie-{made:%Y%m%d-%H%M%S}-{kind.value}.db"
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_7_daily_4_weekly_and_90_days_of_the_rest(tmp_path):
    folder = backup_dir(tmp_path)
    today = datetime(2026, 11, 23, 8, 0)  # a Monday
    daily = [_fake(folder, BackupKind.DAILY, today - timedelta(days=n)) for n in range(40)]
    extra_same_day = _fake(folder, BackupKind.DAILY, today - timedelta(hours=1))
    old_migration = _fake(folder, BackupKind.MIGRATION, today - timedelta(days=91))
    recent_migration = _fake(folder, BackupKind.MIGRATION, today - timedelta(days=89))
    manual = _fake(folder, BackupKind.MANUAL, today - timedelta(days=30))
    (folder / "notities.txt").write_text("niet van ons")

    removed = set(rotate_backups(tmp_path, today.date()))

    kept = {info.path for info in list_backups(tmp_path)}
    # 7 days: today .. 6 days back; the 4 newest weeks: this week's is today, then the
    # Sundays of the three weeks before (days 1, 8, 15 back).
    expected_daily = {daily[n] for n in (0, 1, 2, 3, 4, 5, 6, 8, 15)}
    assert kept == expected_daily | {recent_migration, manual}
    assert extra_same_day in removed and old_migration in removed
    assert (folder / "notities.txt").exists()


def test_restore_keeps_the_current_database_first(data_dir):
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Oost")
    old = make_backup(data_dir, ws.db)
    create_team(ws.db, "Team Later")
    ws.close()

    kept = restore_backup(data_dir, old)

    assert kept is not None and "terugzetten" in kept.name
    assert team_names(kept) == ["Team Later", "Team Oost"]
    ws = open_workspace(data_dir)
    try:
        assert [t.name for t in list_teams(ws.db)] == ["Team Oost"]
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        ws.close()


def test_restore_a_file_with_another_page_size(data_dir, tmp_path):
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Oost")
    ws.close()
    other = tmp_path / "ander.db"
    source = sqlite3.connect(database_path(data_dir))
    target = sqlite3.connect(other)
    source.backup(target)
    target.execute("PRAGMA journal_mode = DELETE")  # a WAL file cannot change page size
    target.execute("PRAGMA page_size = 8192")
    target.execute("VACUUM")
    assert target.execute("PRAGMA page_size").fetchone()[0] == 8192
    target.execute("UPDATE teams SET name = 'Team Groot'")
    target.commit()
    source.close()
    target.close()

    restore_backup(data_dir, other)

    assert team_names(database_path(data_dir)) == ["Team Groot"]


@pytest.mark.parametrize("content", [b"", b"geen database", b"SQLite format 3\x00" + b"\x07" * 600])
def test_restore_refuses_what_is_no_intact_leersessie_database(data_dir, tmp_path, content):
    ws = open_workspace(data_dir)
    ws.close()
    before = database_path(data_dir).read_bytes()
    bad = tmp_path / "kapot.db"
    bad.write_bytes(content)
    with pytest.raises(InputError, match="niets teruggezet"):
        restore_backup(data_dir, bad)
    assert database_path(data_dir).read_bytes() == before


def test_restore_refuses_a_database_of_another_program(data_dir, tmp_path):
    other = tmp_path / "ander.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE x (y)")
    with pytest.raises(InputError, match="geen Leersessie-database"):
        restore_backup(data_dir, other)


def test_restore_refuses_a_newer_database(data_dir, tmp_path):
    ws = open_workspace(data_dir)
    newer = make_backup(data_dir, ws.db)
    ws.close()
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('leersessie', 'm999_from_the_future', '2030-01-01')"
        )
    with pytest.raises(InputError, match="nieuwere versie"):
        restore_backup(data_dir, newer)


def test_restore_is_refused_while_another_instance_runs(data_dir, tmp_path):
    ws = open_workspace(data_dir)
    backup = make_backup(data_dir, ws.db)
    ws.close()
    before = database_path(data_dir).read_bytes()
    with hold_lock_in_subprocess(data_dir), pytest.raises(DatabaseError, match="al geopend"):
        restore_backup(data_dir, backup)
    assert database_path(data_dir).read_bytes() == before


def test_cli_backup_and_restore(data_dir, tmp_path, capsys):
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Oost")
    ws.close()
    target = tmp_path / "mijn-kopie.db"

    assert main(["backup", "--data-dir", str(data_dir), "-o", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    assert target.stat().st_mode & 0o777 == 0o600
    # Never over an existing file.
    assert main(["backup", "--data-dir", str(data_dir), "-o", str(target)]) == 1
    assert "bestaat al" in capsys.readouterr().err

    assert main(["backup", "--data-dir", str(data_dir)]) == 0
    assert "reservekopieen" in capsys.readouterr().out

    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Later")
    ws.close()
    assert main(["restore", "--data-dir", str(data_dir), str(target)]) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "terugzetten" in out
    assert team_names(database_path(data_dir)) == ["Team Oost"]

    assert main(["restore", "--data-dir", str(data_dir), str(tmp_path / "weg.db")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_the_daily_backup_can_run_beside_the_app_in_a_thread(data_dir):
    import threading

    from leersessie.store.backup import auto_backup

    ws = open_workspace(data_dir, daily_backup=False)
    try:
        assert list_backups(data_dir) == []
        create_team(ws.db, "Team Oost")
        made: list[Path | None] = []
        worker = threading.Thread(target=lambda: made.append(auto_backup(data_dir)))
        worker.start()
        create_team(ws.db, "Team West")  # the app keeps writing meanwhile
        worker.join()
        [path] = made
        assert path is not None and "Team Oost" in team_names(path)
        assert auto_backup(data_dir) is None  # once a day
    finally:
        ws.close()
