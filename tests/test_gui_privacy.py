"""The privacy features through the real widgets: the client-data check before a summary
leaves the app, deletion (also from backups), retention, and pseudonyms."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from leersessie.method.sessions import (
    finish_session,
    list_sessions,
    load_session,
    save_note,
    start_session,
)
from leersessie.method.teams import create_team, get_team
from leersessie.privacy.deletion import backups_containing, retention_months
from leersessie.store.backup import make_backup
from tests.conftest import pdf_text
from tests.gui_helpers import accept, answer_in_turn, answer_yes, when_modal_opens

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
VALID_BSN = "111222333"  # passes the elfproef


@pytest.fixture
def window(main_window):
    return main_window


@pytest.fixture
def session_id(workspace):
    db = workspace.db
    team = create_team(db, "Team Privé", ["Anouk", "Bram"])
    session = start_session(
        db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=date(2026, 11, 20),
        facilitator="Coach",
        present=[p.id for p in team.people],
        casusinbrenger_id=team.people[0].id,
    )
    save_note(db, session, "inbreng", f"Moeder (BSN {VALID_BSN}) belde 06-12345678 terug.")
    return session


def test_a_summary_is_checked_for_client_data_and_a_hit_replaced_in_one_step(
    qtbot, window, workspace, session_id, tmp_path, monkeypatch
):
    window.show_session(session_id)
    target = tmp_path / "verslag.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    found: list[list[str]] = []

    def replace_first_then_go_on(dialog) -> None:
        found.append([dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())])
        dialog.table.selectRow(0)
        dialog.pseudonym.setText("[bsn]")
        dialog.replace_button.click()
        found.append([dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())])
        dialog.buttons.accepted.emit()  # "Toch opslaan": a warning, never a block

    answer_in_turn(replace_first_then_go_on)
    window.session.save_summary_as()
    qtbot.waitUntil(target.exists, timeout=5000)
    window.runner.wait()
    assert found[0] == ["BSN", "telefoonnummer"]
    assert found[1] == ["telefoonnummer"]
    note = load_session(workspace.db, session_id).notes["inbreng"]
    assert VALID_BSN not in note and "[bsn]" in note
    text = pdf_text(target)
    assert VALID_BSN not in text and "06-12345678" in text
    assert "[bsn]" in window.session.view.notes.toPlainText()


def test_cancelling_the_check_leaves_no_file(qtbot, window, session_id, tmp_path, monkeypatch):
    window.show_session(session_id)
    target = tmp_path / "verslag.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    answer_in_turn(lambda dialog: dialog.reject())
    window.session.save_summary_as()
    window.runner.wait()
    assert not target.exists()


def test_deleting_a_session_also_purges_it_from_the_backups_that_hold_it(
    qtbot, window, workspace, session_id
):
    db = workspace.db
    finish_session(db, session_id)
    make_backup(workspace.data_dir, db)
    assert backups_containing(workspace.data_dir, session_id)
    window.show_session(session_id)
    told = answer_in_turn(answer_yes, lambda box: box.accept())
    window.session._request_delete()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    window.runner.wait()
    assert list_sessions(db) == []
    assert "ook uit de reservekopieën en de gedeelde map" in told[0]
    assert told[1] == (
        "Verwijderd. Er staat niets meer van in de database, in de reservekopieën of in de "
        "gedeelde map. Het is ook uit 1 reservekopie gehaald."
    )
    assert backups_containing(workspace.data_dir, session_id) == []
    assert db.execute("SELECT count(*) FROM pending_deletions").fetchone()[0] == 0
    assert window.pages.currentWidget() is window.home.view


def test_retention_shows_what_would_go_before_anything_goes(qtbot, window, workspace, session_id):
    db = workspace.db
    team = get_team(db, load_session(db, session_id).team.id)
    old = start_session(
        db,
        team_id=team.id,
        template=workspace.catalogue.get("bordsessie"),
        on=date(2020, 1, 6),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    previews: list[tuple[str, int]] = []

    def set_twelve_months(dialog) -> None:
        dialog.months.setValue(12)
        previews.append((dialog.explanation.text(), dialog.preview.rowCount()))
        assert load_session(db, old)  # nothing went yet
        accept(dialog)

    answer_in_turn(set_twelve_months)
    window.data.edit_retention()
    assert previews[0][1] == 1 and "1 sessie is ouder dan 12 maanden" in previews[0][0]
    assert retention_months(db) == 12
    assert {info.id for info in list_sessions(db)} == {old, session_id}

    told: list[str] = []

    def delete_now(dialog) -> None:
        def read_report(box) -> None:  # shown once the deletion reached everywhere
            if not isinstance(box, QMessageBox):  # the retention dialog, until the report
                QTimer.singleShot(10, lambda: when_modal_opens(read_report))
                return
            told.append(box.text())
            previews.append((dialog.explanation.text(), dialog.preview.rowCount()))
            box.accept()
            QTimer.singleShot(0, lambda: accept(dialog))

        answer_in_turn(answer_yes, read_report)
        dialog.delete_now.click()

    answer_in_turn(delete_now)
    window.data.offer_due_retention()  # at start: due sessions are shown, not deleted unasked
    assert previews[1][1] == 0
    assert told[0].startswith("Verwijderd. Er staat niets meer van in de database")
    assert {info.id for info in list_sessions(db)} == {session_id}


def test_a_participant_is_replaced_by_a_pseudonym_everywhere(qtbot, window, workspace, session_id):
    db = workspace.db
    save_note(db, session_id, "verhelderen", "Bram vertelt over zijn aanpak.")
    team = load_session(db, session_id).team

    def choose(dialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findText("Bram"))
        dialog.pseudonym.setText("Deelnemer B")
        accept(dialog)

    answer_in_turn(choose, lambda box: box.accept())
    window.data.pseudonymise(team)
    session = load_session(db, session_id)
    assert [p.name for p in session.team.people] == ["Anouk", "Deelnemer B"]
    assert session.notes["verhelderen"] == "Deelnemer B vertelt over zijn aanpak."


def test_the_data_menu_offers_backup_restore_retention_and_the_list(window):
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    entries = [a.text().replace("&", "") for a in menus["Gegevens"].actions() if a.text()]
    assert entries == [
        "Reservekopie maken…",
        "Reservekopie terugzetten…",
        "Lijst 'niet vastleggen'…",
        "Bewaartermijn…",
        "Gedeelde map…",
        "Wachtwoord instellen…",
        "Wachtwoord wijzigen…",
        "Wachtwoord uitzetten…",
        "Vergrendelen",
        "Automatisch vergrendelen…",
    ]


def test_restore_closes_the_window_and_puts_the_backup_back(qtbot, window, workspace, session_id):
    from leersessie_ui.app import restore

    db = workspace.db
    backup = make_backup(workspace.data_dir, db)
    save_note(db, session_id, "inbreng", "na de reservekopie geschreven")
    window.restore_and_reopen(backup)
    assert window.restore_file == backup and not window.isVisible()
    workspace.close()
    told = answer_in_turn(lambda box: box.accept())
    restore(workspace, backup)
    assert told and told[0].startswith("De reservekopie is teruggezet.")
    from leersessie.workspace import open_workspace

    reopened = open_workspace(workspace.data_dir)
    try:
        assert VALID_BSN in load_session(reopened.db, session_id).notes["inbreng"]
    finally:
        reopened.close()


def test_the_team_report_is_checked_before_it_is_saved(
    qtbot, window, workspace, session_id, tmp_path, monkeypatch
):
    from leersessie.memory.actions import add_action

    db = workspace.db
    session = load_session(db, session_id)
    add_action(db, session_id, "actie", "Moeder bellen op 06-12345678", None, None)
    target = tmp_path / "team.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    seen: list[list[str]] = []

    def go_on(dialog) -> None:
        seen.append([dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())])
        dialog.buttons.accepted.emit()

    answer_in_turn(go_on)
    window.save_team_report(session.team)
    qtbot.waitUntil(target.exists, timeout=10000)
    window.runner.wait()
    assert len(seen) == 1 and "06-12345678" in seen[0][0]  # the action text, not the notes
    assert "Team Privé" in pdf_text(target)


def test_the_actions_csv_is_checked_and_cancelling_writes_nothing(
    qtbot, window, workspace, session_id, tmp_path, monkeypatch
):
    from leersessie.memory.actions import add_action

    add_action(
        workspace.db, session_id, "actie", "Mail j.jansen@example.nl over de afspraak", None, None
    )
    target = tmp_path / "acties.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    cancelled: list[int] = []

    def cancel(dialog) -> None:
        cancelled.append(dialog.table.rowCount())
        dialog.reject()

    answer_in_turn(cancel)
    window.show_actions()
    window.overview.view.export_button.click()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=10000)
    window.runner.wait()
    assert cancelled == [1] and not target.exists()


def test_a_note_that_looks_like_client_data_gets_a_hint_when_typing_pauses(
    qtbot, window, session_id
):
    window.show_session(session_id)
    view = window.session.view
    window.session.go_to(1)  # a step without client data yet
    assert not view.privacy_hint.isVisibleTo(window)
    view.notes.insertPlainText("Vader belde vanaf 06-87654321.")
    qtbot.waitUntil(lambda: view.privacy_hint.isVisibleTo(window), timeout=3000)
    assert "telefoonnummer" in view.privacy_hint.text()
    view.notes.clear()
    qtbot.waitUntil(lambda: not view.privacy_hint.isVisibleTo(window), timeout=3000)
    window.session.go_to(0)  # the step with the BSN and phone number written at start
    assert "BSN" in view.privacy_hint.text() and view.privacy_hint.isVisibleTo(window)
