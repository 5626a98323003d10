"""The integrity check that starts before Qt loads: the same refusal as at opening, the
file left byte for byte as it was, and no backup made of a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.helpers import fingerprint
from PySide6.QtWidgets import QMessageBox

from leersessie.backup import list_backups
from leersessie.paths import database_path
from leersessie.storage import DamagedDatabaseError, IntegrityCheck
from leersessie.teams import create_team
from leersessie.workspace import open_workspace
from tests.test_startup_checks import damage


@pytest.fixture
def closed_database(data_dir: Path) -> Path:
    workspace = open_workspace(data_dir, daily_backup=False)
    create_team(workspace.db, "Team Oost", ["Ans"])
    workspace.close()
    return database_path(data_dir)


def test_a_healthy_database_passes_the_early_check(data_dir, closed_database):
    check = IntegrityCheck(closed_database)
    workspace = open_workspace(data_dir, daily_backup=False, integrity=check)
    try:
        workspace.confirm_integrity()
        assert workspace.integrity is None
    finally:
        workspace.close()


def test_the_early_check_reports_damage_like_the_check_at_opening(closed_database):
    damage(closed_database)
    before = fingerprint(closed_database)
    check = IntegrityCheck(closed_database)
    with pytest.raises(DamagedDatabaseError) as info:
        check.result()
    assert "beschadigd" in info.value.message
    assert fingerprint(closed_database) == before


def test_no_early_check_is_needed_before_the_first_start(tmp_path):
    IntegrityCheck(tmp_path / "nog-niet" / "leersessie.db").result()  # nothing to check


def test_the_app_refuses_a_damaged_database_found_by_the_early_check(
    qtbot, data_dir, closed_database, monkeypatch
):
    from leersessie_ui.app import open_or_explain

    damage(closed_database)
    before = fingerprint(closed_database)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    assert open_or_explain(str(data_dir), IntegrityCheck(closed_database)) is None
    assert shown and "beschadigd" in shown[0] and "reservekopie" in shown[0]
    assert fingerprint(closed_database) == before
    assert list_backups(data_dir) == []  # a damaged file is never backed up over good ones
