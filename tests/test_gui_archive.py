"""Bestand > Team exporteren… and Bestand > Importeren… through the real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from leersessie.base.changes import ChangeKind
from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team, find_team
from leersessie.sharing.archive import export_team, read_archive
from leersessie.workspace import open_workspace
from tests.gui_helpers import accept, answer_in_turn, answer_yes

pytestmark = pytest.mark.gui


def test_the_file_menu_offers_export_and_import(main_window):
    file_menu = main_window.menuBar().actions()[0].menu()
    texts = [action.text().replace("&", "") for action in file_menu.actions()]
    assert "Team exporteren…" in texts and "Importeren…" in texts


def test_a_team_is_exported_after_the_check_with_a_passphrase(
    qtbot, main_window, workspace, tmp_path, monkeypatch
):
    team = create_team(workspace.db, "Team Privé", ["Anouk", "Bram"])
    session = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=date(2026, 11, 20),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    save_note(workspace.db, session, "inbreng", "Moeder belde 06-12345678 terug.")
    target = tmp_path / "prive.leersessie"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    hits: list[str] = []

    def protect(dialog) -> None:
        dialog.protect.setChecked(True)
        dialog.passphrase.setText("geheime zin")
        dialog.repeat.setText("geheime zin")
        dialog.accept()

    def go_on(dialog) -> None:
        hits.append(dialog.table.item(0, 0).text())
        dialog.buttons.accepted.emit()

    told = answer_in_turn(protect, go_on, accept)
    main_window.archive.export_team(team.id)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "06-12345678" in hits[0]
    assert "Teamarchief opgeslagen" in told[0]
    assert read_archive(target, "geheime zin").manifest["sessions"] == 1


@pytest.fixture
def archive(tmp_path):
    """The demo team's archive, made in another data folder."""
    other = open_workspace(tmp_path / "other")
    try:
        load_demo(other.db, other.catalogue)
        team_id = find_team(other.db, DEMO_TEAM).id
        return export_team(other.db, team_id, tmp_path / "demo.leersessie")
    finally:
        other.close()


def test_import_shows_the_plan_then_merges_and_tells_every_view(
    qtbot, main_window, workspace, archive
):
    changes = []
    main_window.changes.changed.connect(changes.append)
    plans: list[str] = []

    def read_plan(dialog) -> None:
        plans.append(dialog.plan.toPlainText())
        dialog.accept()

    told = answer_in_turn(read_plan, accept)
    main_window.archive.import_archive(archive)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "Toevoegen: 1 teams" in plans[0] and "5 sessies" in plans[0]
    assert find_team(workspace.db, DEMO_TEAM) is not None
    assert [change.kind for change in changes] == [ChangeKind.DATA]
    assert "Geïmporteerd" in told[0]
    # The home screen reloaded: the team is there to choose.
    team_list = main_window.home.view.team_list
    assert DEMO_TEAM in [team_list.item(row).text() for row in range(team_list.count())]


def test_cancelling_the_plan_writes_nothing(qtbot, main_window, workspace, archive):
    closed: list[bool] = []

    def cancel(dialog) -> None:
        closed.append(True)
        dialog.reject()

    answer_in_turn(cancel)
    main_window.archive.import_archive(archive)
    assert closed and find_team(workspace.db, DEMO_TEAM) is None


def test_a_finished_session_goes_to_the_shared_folder(qtbot, main_window, workspace, tmp_path):
    from leersessie.sharing.shared_folder import set_sync_folder

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    set_sync_folder(workspace.db, shared)
    team = create_team(workspace.db, "Team Gedeeld", ["Anouk"])
    session = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=date(2026, 11, 20),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    main_window.show_session(session)
    answer_in_turn(answer_yes)
    main_window.session.finish()
    status = main_window.statusBar()
    qtbot.waitUntil(lambda: "Teamarchief gedeeld" in status.currentMessage(), timeout=10000)
    assert [path.suffix for path in shared.iterdir()] == [".leersessie"]
    written = next(shared.iterdir()).stat().st_mtime_ns

    main_window.session.go_to(1)  # moving through the finished session shares nothing more
    qtbot.wait(200)
    assert next(shared.iterdir()).stat().st_mtime_ns == written


def test_at_start_newer_shared_archives_are_offered_and_merged(
    qtbot, main_window, workspace, tmp_path
):
    from leersessie.sharing.merge import apply_import, plan_import
    from leersessie.sharing.shared_folder import (
        check_shared_folder,
        set_sync_folder,
        share_team,
    )

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    colleague = open_workspace(tmp_path / "collega")
    try:
        load_demo(colleague.db, colleague.catalogue)
        team_id = find_team(colleague.db, DEMO_TEAM).id
        first = export_team(colleague.db, team_id, tmp_path / "eerste.leersessie")
        apply_import(workspace.db, plan_import(workspace.db, read_archive(first)), None)
        set_sync_folder(colleague.db, shared)
        save_note(colleague.db, first_session(colleague.db), "inbreng", "Nieuw van collega")
        share_team(colleague.db, team_id)
    finally:
        colleague.close()
    set_sync_folder(workspace.db, shared)
    plans: list[str] = []

    def read_plan(dialog) -> None:
        plans.append(dialog.plan.toPlainText())
        dialog.accept()

    def yes(box) -> None:
        box.button(box.StandardButton.Yes).click()

    told = answer_in_turn(yes, read_plan, accept)
    main_window.archive.offer_newer_archives()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    assert DEMO_TEAM in told[0] and "1 notities" in plans[0]
    qtbot.waitUntil(lambda: check_shared_folder(workspace.db).offers == [], timeout=10000)


def first_session(db) -> str:
    from leersessie.method.sessions import list_sessions

    return list_sessions(db)[0].id


def test_the_plan_names_the_team_its_rename_deletions_and_client_data(
    qtbot, main_window, workspace, archive, tmp_path
):
    from leersessie.method.sessions import list_sessions
    from leersessie.method.teams import rename_team
    from leersessie.privacy.deletion import delete_session
    from leersessie.sharing.merge import apply_import, plan_import

    apply_import(workspace.db, plan_import(workspace.db, read_archive(archive)), None)
    other = open_workspace(tmp_path / "other")
    try:
        team_id = find_team(other.db, DEMO_TEAM).id
        rename_team(other.db, team_id, "Wijkteam De Eik")
        sessions = list_sessions(other.db)
        delete_session(other.db, sessions[0].id)
        save_note(other.db, sessions[1].id, "inbreng", "Moeder belde vanaf 06-12345678.")
        later = export_team(other.db, team_id, tmp_path / "later.leersessie")
    finally:
        other.close()
    plans: list[str] = []

    def read_plan(dialog) -> None:
        plans.append(dialog.plan.toPlainText())
        dialog.grab().save(str(tmp_path / "plan.png"))
        dialog.reject()

    answer_in_turn(read_plan)
    main_window.archive.import_archive(later)
    qtbot.waitUntil(lambda: bool(plans), timeout=10000)
    lines = plans[0].splitlines()
    assert lines[0] == "Team: “Wijkteam De Eik”"
    assert f"Hernoemen: team “{DEMO_TEAM}” heet voortaan “Wijkteam De Eik”." in lines
    deleting = next(line for line in lines if line.startswith("Verwijderen"))
    assert f"uit team “{DEMO_TEAM}”" in deleting and "andere computer" in deleting
    assert deleting.endswith(": 1 sessies")
    assert any(line.startswith("Controle op cliëntgegevens: 1") for line in lines)
    assert any("telefoonnummer" in line and "06-12345678" in line for line in lines)
    assert len(list_sessions(workspace.db)) == 5  # cancelled: nothing changed


def test_an_archive_with_another_teams_records_is_refused_before_any_plan(
    qtbot, main_window, workspace, archive, tmp_path
):
    import json
    import zipfile

    from leersessie.sharing.merge import apply_import, plan_import

    apply_import(workspace.db, plan_import(workspace.db, read_archive(archive)), None)
    other_team = create_team(workspace.db, "Team Ander", ["Wim"])
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        data = json.loads(bundle.read("data.json"))
    data["tables"]["sessions"][0]["team_id"] = other_team.id
    hostile = tmp_path / "kwaad.leersessie"
    with zipfile.ZipFile(hostile, "w") as bundle:
        bundle.writestr("manifest.json", json.dumps(manifest))
        bundle.writestr("data.json", json.dumps(data))
    before = workspace.db.execute("SELECT count(*), max(changed_at) FROM sessions").fetchone()
    told = answer_in_turn(lambda box: box.accept())
    main_window.archive.import_archive(hostile)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "ook gegevens van een ander team" in told[0] and "niets gewijzigd" in told[0]
    assert (
        workspace.db.execute("SELECT count(*), max(changed_at) FROM sessions").fetchone() == before
    )


def test_a_bad_file_in_the_shared_folder_is_named_once_and_the_start_goes_on(
    qtbot, main_window, workspace, tmp_path
):
    from leersessie.sharing.shared_folder import check_shared_folder, set_sync_folder

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    bad = shared / "team-kapot-collega1.leersessie"
    bad.write_bytes(b"PK\x05\x06" + bytes(18))
    set_sync_folder(workspace.db, shared)
    told = answer_in_turn(lambda box: box.accept())
    main_window.archive.offer_newer_archives()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "overgeslagen" in told[0] and bad.name in told[0]
    assert check_shared_folder(workspace.db).refused == []  # named once


def test_an_archive_written_when_the_database_cannot_note_it_is_reported_as_written(
    qtbot, main_window, workspace, tmp_path, monkeypatch
):
    """Issue 27: the archive was there, the coach read "Niet gelukt ... niets gewijzigd"."""
    import sqlite3

    from leersessie.sharing import archive as archive_module

    def disk_full(_db, _history):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(archive_module, "remember_versions", disk_full)
    team = create_team(workspace.db, "Team Oost", ["Anouk"])
    target = tmp_path / "oost.leersessie"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    told = answer_in_turn(accept, accept)
    main_window.archive.export_team(team.id)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10000)
    assert told[0].startswith(f"Teamarchief opgeslagen: {target}")
    assert "schijf met de gegevensmap is vol" in told[0] and "niets gewijzigd" not in told[0]
    assert read_archive(target).manifest["teams"][0]["name"] == "Team Oost"


def test_at_start_a_session_a_colleague_deleted_is_deleted_here_too(
    qtbot, main_window, workspace, tmp_path
):
    from leersessie.privacy.deletion import delete_session
    from leersessie.sharing.merge import apply_import, plan_import
    from leersessie.sharing.pending import finish_deletions
    from leersessie.sharing.shared_folder import set_sync_folder, share_team

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    colleague = open_workspace(tmp_path / "collega")
    try:
        load_demo(colleague.db, colleague.catalogue)
        team_id = find_team(colleague.db, DEMO_TEAM).id
        first = export_team(colleague.db, team_id, tmp_path / "eerste.leersessie")
        apply_import(workspace.db, plan_import(workspace.db, read_archive(first)), None)
        set_sync_folder(colleague.db, shared)
        share_team(colleague.db, team_id)
        gone = first_session(colleague.db)
        delete_session(colleague.db, gone)
        assert finish_deletions(colleague.db, colleague.data_dir).shared  # rewritten there
    finally:
        colleague.close()
    set_sync_folder(workspace.db, shared)
    changes: list[ChangeKind] = []
    main_window.changes.changed.connect(lambda change: changes.append(change.kind))

    def no(box) -> None:
        box.button(box.StandardButton.No).click()

    told = answer_in_turn(lambda box: box.accept(), no)
    main_window.archive.offer_newer_archives()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    assert "Verwijderd door een collega" not in told[0]  # the title; the text says what
    assert f"{DEMO_TEAM}: 1 onderdeel" in told[0] and "ook uit de reservekopieën" in told[0]
    assert ChangeKind.DATA in changes
    assert workspace.db.execute("SELECT 1 FROM sessions WHERE id = ?", [gone]).fetchone() is None


@pytest.mark.parametrize("percent", [100, 250])
def test_the_plan_shows_a_page_of_lines_and_fits_the_screen_at_every_zoom(
    qtbot, main_window, archive, percent
):
    main_window.zoom.set_percent(percent)
    seen: list[tuple[int, bool]] = []

    def measure(dialog) -> None:
        QApplication.processEvents()  # the plan's text laid out, as in the first frame seen
        plan = dialog.plan
        lines_in_view = plan.viewport().height() // plan.fontMetrics().lineSpacing()
        room = dialog.screen().availableGeometry()
        fits = dialog.width() <= room.width() and dialog.height() <= room.height()
        seen.append((lines_in_view, fits))
        dialog.reject()

    answer_in_turn(measure)
    main_window.archive.import_archive(archive)
    lines_in_view, fits = seen[-1]
    assert lines_in_view >= 10 and fits
