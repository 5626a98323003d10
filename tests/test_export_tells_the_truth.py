"""Issue 27, small points: export-team says what happened when the archive was written
but the database could not note it (a full data disk, the file going elsewhere)."""

from __future__ import annotations

import sqlite3

import pytest

from leersessie.cli import main
from leersessie.method.teams import create_team
from leersessie.sharing import archive
from leersessie.sharing.archive import read_archive
from leersessie.workspace import open_workspace


@pytest.fixture
def team_folder(data_dir):
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Noord", ["Ans"])
    ws.close()
    return data_dir


def _export(data_dir, target):
    return main(["--data-dir", str(data_dir), "export-team", "Team Noord", "-o", str(target)])


def test_a_full_data_disk_after_writing_elsewhere_says_the_archive_is_there(
    team_folder, tmp_path, monkeypatch, capsys
):
    def disk_full(_db, _history):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(archive, "remember_versions", disk_full)
    target = tmp_path / "usb" / "noord.leersessie"
    target.parent.mkdir()
    assert _export(team_folder, target) == 0
    err = capsys.readouterr().err
    assert f"Teamarchief opgeslagen: {target}" in err and "schijf met de gegevensmap is vol" in err
    assert "niets gewijzigd" not in err
    assert [team["name"] for team in read_archive(target).manifest["teams"]] == ["Team Noord"]


def test_without_trouble_it_says_saved_and_nothing_more(team_folder, tmp_path, capsys):
    target = tmp_path / "noord.leersessie"
    assert _export(team_folder, target) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"Teamarchief opgeslagen: {target}" and captured.err == ""


def test_a_programming_error_while_noting_the_versions_is_not_hidden(
    team_folder, tmp_path, monkeypatch
):
    def broken(_db, _history):
        raise KeyError("record_id")

    monkeypatch.setattr(archive, "remember_versions", broken)
    with pytest.raises(KeyError):
        _export(team_folder, tmp_path / "noord.leersessie")
