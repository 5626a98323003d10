"""The full integrity check off the window's path: the app opens with the cheap checks
(header, schema, version), checks every page once the window is up, and writes nothing
before that check passed. A damaged file is refused as at opening, left byte for byte
as it was, and never backed up over good backups. After an unclean exit the full check
runs at opening again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fixtures.helpers import fingerprint
from PySide6.QtWidgets import QMessageBox

from leersessie.method.teams import create_team, list_teams
from leersessie.store.backup import list_backups
from leersessie.store.integrity import DamagedDatabaseError, IntegrityCheck
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace


@pytest.fixture
def closed_database(data_dir: Path) -> Path:
    workspace = open_workspace(data_dir, daily_backup=False)
    for number in range(40):  # enough teams that they fill pages of their own
        create_team(workspace.db, f"Team {number:02d} " + "x" * 200, ["Ans"])
    workspace.close()
    return database_path(data_dir)


def damage_table(path: Path, table: str) -> None:
    """Overwrite the pages of one table: opening (which reads the schema and the list of
    migrations) does not notice, only a check of every page does."""
    conn = sqlite3.connect(path)
    pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", [table])]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * size
        data[start : start + size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def test_a_healthy_database_opens_before_the_check_and_the_first_write_waits_for_it(
    data_dir, closed_database
):
    workspace = open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    try:
        check = workspace.integrity
        assert check is not None and not check.done  # not on the window's path
        create_team(workspace.db, "Team Nieuw", ["Bo"])  # the write waited for the verdict
        assert check.done
        workspace.confirm_integrity()
        assert workspace.integrity is None
        assert "Team Nieuw" in [team.name for team in list_teams(workspace.db)]
    finally:
        workspace.close()


def test_no_write_reaches_a_damaged_file_and_the_check_says_what_to_do(data_dir, closed_database):
    damage_table(closed_database, "teams")
    before = fingerprint(closed_database)
    workspace = open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            create_team(workspace.db, "Team Nieuw", ["Bo"])
        with pytest.raises(DamagedDatabaseError) as info:
            workspace.confirm_integrity()
        assert "beschadigd" in info.value.message and "reservekopie" in info.value.message
    finally:
        workspace.close()
    assert fingerprint(closed_database) == before


def test_after_an_unclean_exit_the_full_check_runs_at_opening(data_dir, closed_database):
    workspace = open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    workspace.db.close()  # the app was killed: the workspace was never closed
    assert workspace.lock is not None
    workspace.lock.release()
    damage_table(closed_database, "teams")
    before = fingerprint(closed_database)
    with pytest.raises(DamagedDatabaseError) as info:
        open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    assert "beschadigd" in info.value.message
    assert fingerprint(closed_database) == before


def test_a_clean_close_leaves_the_next_start_its_quick_path(data_dir, closed_database):
    open_workspace(data_dir, daily_backup=False, defer_integrity=True).close()
    workspace = open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    try:
        assert workspace.integrity is not None
    finally:
        workspace.close()


def test_no_check_is_needed_before_the_first_start(tmp_path):
    IntegrityCheck(tmp_path / "nog-niet" / "leersessie.db").result()  # nothing to check


def _window_after_start(qtbot, data_dir):
    from leersessie_ui.app import check_then_back_up, open_or_explain, show_window_or_explain

    workspace = open_or_explain(str(data_dir))
    assert workspace is not None
    window = show_window_or_explain(workspace)
    if window is not None:
        qtbot.addWidget(window)
        check_then_back_up(window, workspace)
    return window, workspace


def test_the_app_checks_then_backs_up_once_the_window_is_up(qtbot, data_dir, closed_database):
    window, workspace = _window_after_start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: workspace.integrity is None, timeout=10_000)
        assert len(list_backups(data_dir)) == 1
        assert window.isVisible()
    finally:
        window.close()
        workspace.close()


def test_the_app_refuses_a_damaged_database_found_after_the_start(
    qtbot, data_dir, closed_database, monkeypatch
):
    damage_table(closed_database, "findings")  # nothing on the home screen reads it
    before = fingerprint(closed_database)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    window, workspace = _window_after_start(qtbot, data_dir)
    assert window is not None
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        assert "beschadigd" in shown[0] and "reservekopie" in shown[0]
        assert not window.isVisible()
    finally:
        workspace.close()
    assert fingerprint(closed_database) == before
    assert list_backups(data_dir) == []  # a damaged file is never backed up over good ones


def test_a_damaged_page_met_while_building_the_window_is_refused_like_at_opening(
    qtbot, data_dir, closed_database, monkeypatch
):
    damage_table(closed_database, "teams")  # the home screen lists the teams
    before = fingerprint(closed_database)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    window, workspace = _window_after_start(qtbot, data_dir)
    workspace.close()
    assert window is None
    assert shown and "beschadigd" in shown[0] and "reservekopie" in shown[0]
    assert fingerprint(closed_database) == before


def test_a_pool_job_writes_only_after_the_check_and_never_to_a_damaged_file(
    qtbot, data_dir, closed_database
):
    from leersessie_ui.background import BackgroundRunner

    damage_table(closed_database, "findings")
    before = fingerprint(closed_database)
    runner = BackgroundRunner(closed_database)
    runner.integrity = IntegrityCheck(closed_database, start=False)
    failed: list[str] = []
    done: list[object] = []
    runner.run(lambda db: create_team(db, "Team Nieuw", ["Bo"]), done.append, failed.append)
    qtbot.waitUntil(lambda: bool(failed or done), timeout=10_000)
    assert runner.integrity.done  # the write waited for the verdict
    assert done == [] and fingerprint(closed_database) == before
    assert len(failed) == 1 and "beschadigd" in failed[0]  # said, not lost in a thread
