"""Guests from other organisations in a session (a casegroep, a frisse blik in
actieleren): present in that session, never members of the team, gone with it."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPlainTextEdit

from leersessie.method.sessions import list_sessions, load_session, start_session
from leersessie.method.teams import create_team, get_team, people_by_team, set_participants
from leersessie.privacy.deletion import delete_session
from leersessie.reports.summary import write_summary


@pytest.fixture
def casegroep(db, catalogue):
    team = create_team(db, "Wijkteam Noord", ["Anna", "Bram"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 10, 1),
        facilitator="Coach",
        present=[team.people[0].id],
        guests=["Ilse  (school)", "", "Jan (huisarts)", "Ilse (school)"],
    )
    return team, session_id


def test_guests_are_present_in_their_session_but_not_in_the_team(db, casegroep, tmp_path):
    team, session_id = casegroep
    session = load_session(db, session_id)

    assert [p.label for p in session.present] == [
        "Anna",
        "Ilse (school) (gast)",
        "Jan (huisarts) (gast)",
    ]
    assert [p.name for p in get_team(db, team.id).people] == ["Anna", "Bram"]
    assert [p.name for _team, p in people_by_team(db, team.id)] == ["Anna", "Bram"]
    text = " ".join(pdf_text(write_summary(db, session_id, tmp_path / "v.pdf")).split())
    assert "Aanwezig Anna, Ilse (school) (gast), Jan (huisarts) (gast)" in text


def test_editing_the_team_leaves_the_guests_alone(db, casegroep):
    team, session_id = casegroep
    set_participants(db, team.id, ["Anna", "Bram", "Ilse (school)"])

    assert [p.name for p in get_team(db, team.id).people] == ["Anna", "Bram", "Ilse (school)"]
    guests = [p for p in load_session(db, session_id).present if p.guest]
    assert [p.name for p in guests] == ["Ilse (school)", "Jan (huisarts)"]


def test_a_deleted_session_takes_its_guests_names_along(db, casegroep):
    _team, session_id = casegroep
    delete_session(db, session_id)

    assert db.execute("SELECT count(*) FROM people WHERE guest = 1").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 2


def test_a_session_of_guests_only_starts(db, catalogue):
    team = create_team(db, "Reviewteam", ["Dewi"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("leerreview-kort"),
        on=date(2026, 10, 1),
        facilitator="Coach",
        present=[],
        guests=["Ilse (school)"],
    )
    assert [p.label for p in load_session(db, session_id).present] == ["Ilse (school) (gast)"]


@pytest.mark.gui
def test_the_new_session_form_takes_guests(qtbot, main_window, workspace):
    from gui_helpers import press_ok, when_modal_opens

    create_team(workspace.db, "Wijkteam Noord", ["Anna", "Bram"])
    main_window.home.refresh()

    def fill(dialog) -> None:
        templates = dialog.findChild(QListWidget, "sessionTemplate")
        row = next(
            i
            for i in range(templates.count())
            if templates.item(i).text() == "Leerreview: casegroep"
        )
        templates.setCurrentRow(row)
        dialog.findChild(QPlainTextEdit, "sessionGuests").setPlainText("Ilse (school)\n")
        press_ok(dialog)

    when_modal_opens(fill)
    qtbot.mouseClick(main_window.home.view.new_session_button, Qt.MouseButton.LeftButton)

    [info] = list_sessions(workspace.db)
    names = [p.label for p in load_session(workspace.db, info.id).present]
    assert names == ["Anna", "Bram", "Ilse (school) (gast)"]
