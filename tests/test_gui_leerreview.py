"""A leerreview in the room: findings and measures are edited after adding, a measure
gets the date the template asks for, and the levels are those of the source."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import press_ok, when_modal_opens
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from leersessie.changes import ChangeKind
from leersessie.leerreview import MeasureLevel, add_finding, session_findings, session_measures
from leersessie.sessions import finish_session, start_session
from leersessie.teams import create_team
from leersessie_ui.widgets.choice_box import ChoiceBox

pytestmark = pytest.mark.gui


@pytest.fixture
def review(qtbot, main_window, workspace, catalogue):
    db = workspace.db
    practitioners = create_team(db, "Casegroep Jeugd", ["Anna", "Bram"])
    casegroep = start_session(
        db,
        team_id=practitioners.id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 10, 1),
        facilitator="Coach",
        present=[p.id for p in practitioners.people],
    )
    finding = add_finding(db, casegroep, "bevindingen", "Niemand had het hele beeld")
    finish_session(db, casegroep)
    managers = create_team(db, "Reviewteam", ["Dewi", "Eef"])
    reviewteam = start_session(
        db,
        team_id=managers.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2026, 10, 15),
        facilitator="Coach",
        present=[p.id for p in managers.people],
        linked_session_id=casegroep,
    )
    changes: list = []
    main_window.changes.changed.connect(changes.append)
    return main_window, casegroep, reviewteam, finding, changes


def test_a_measure_gets_its_date_and_can_be_edited_after_adding(qtbot, review, workspace, today):
    window, _casegroep, reviewteam, finding, changes = review
    window.show_session_at(reviewteam, "maatregelen")
    panel = window.session.panels_by_kind()["measures"].view
    assert [panel.level.itemText(i) for i in range(panel.level.count())] == [
        "Organisatie",
        "Systeem",
    ]
    panel.what.setText("Vast overleg school en wijkteam")
    panel.owner.setText("Manager jeugd")
    panel.due.setDate(panel.due.date().addDays(3))  # a month ahead, plus three days
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    [measure] = session_measures(workspace.db, reviewteam)
    assert measure.due_date == date.fromordinal(today.toordinal() + 31)
    assert panel.measures.item(0, 3).text() == measure.due_date.strftime("%d-%m-%Y")

    def change(dialog) -> None:
        dialog.findChild(QLineEdit, "measureEditWhat").setText("Vast overleg, elke maand")
        dialog.findChild(ChoiceBox, "measureEditLevel").select("systeem")
        dialog.due.has_due.setChecked(False)
        press_ok(dialog)

    panel.measures.selectRow(0)
    when_modal_opens(change)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    [edited] = session_measures(workspace.db, reviewteam)
    assert (edited.what, edited.level, edited.due_date) == (
        "Vast overleg, elke maand",
        MeasureLevel.SYSTEEM,
        None,
    )
    assert edited.finding_id == finding.id
    assert panel.measures.item(0, 0).text() == "Vast overleg, elke maand"
    assert [c.kind for c in changes] == [ChangeKind.MEASURE, ChangeKind.MEASURE]


def test_a_finding_can_be_edited_after_adding_and_keeps_its_measures(
    qtbot, review, workspace, catalogue
):
    window, casegroep, _reviewteam, finding, changes = review
    from leersessie.sessions import reopen_session

    reopen_session(workspace.db, casegroep)
    window.show_session_at(casegroep, "bevindingen")
    panel = window.session.panels_by_kind()["findings"].view

    def reword(dialog) -> None:
        dialog.findChild(QLineEdit, "findingText").setText("Niemand had het overzicht")
        press_ok(dialog)

    panel.table.selectRow(0)
    when_modal_opens(reword)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    assert [f.text for f in session_findings(workspace.db, casegroep)] == [
        "Niemand had het overzicht"
    ]
    assert panel.table.item(0, 0).text() == "1. Niemand had het overzicht"
    assert [(c.kind, c.id) for c in changes] == [(ChangeKind.FINDING, finding.id)]


def test_an_empty_finding_is_refused_inside_the_form(qtbot, review, workspace):
    window, casegroep, _reviewteam, _finding, _ = review
    from leersessie.sessions import reopen_session

    reopen_session(workspace.db, casegroep)
    window.show_session_at(casegroep, "bevindingen")
    panel = window.session.panels_by_kind()["findings"].view
    seen: list[str] = []

    def empty_then_cancel(dialog) -> None:
        dialog.findChild(QLineEdit, "findingText").setText("   ")
        press_ok(dialog)
        seen.append(dialog.error.text())
        dialog.reject()

    panel.table.selectRow(0)
    when_modal_opens(empty_then_cancel)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)

    assert seen == ["Schrijf de bevinding op: wat heeft de casegroep gevonden?"]
    assert [f.text for f in session_findings(workspace.db, casegroep)] == [
        "Niemand had het hele beeld"
    ]
