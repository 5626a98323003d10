"""A leerreview in the room: findings and measures are edited after adding, a measure
gets the date the template asks for, and the levels are those of the source."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import accept, answer_in_turn, press_ok, when_modal_opens
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLineEdit

from leersessie.base.changes import ChangeKind
from leersessie.method.leerreview import (
    MeasureLevel,
    Quadrant,
    add_finding,
    quadrant_text,
    session_findings,
    session_measures,
    session_themes,
)
from leersessie.method.sessions import finish_session, load_session, start_session
from leersessie.method.teams import create_team
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
    assert panel.measures.item(0, 4).text() == measure.due_date.strftime("%d-%m-%Y")

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
    edits = [c.kind for c in changes if c.kind is not ChangeKind.SESSION]  # not step moves
    assert edits == [ChangeKind.MEASURE, ChangeKind.MEASURE]


def test_a_finding_can_be_edited_after_adding_and_keeps_its_measures(
    qtbot, review, workspace, catalogue
):
    window, casegroep, _reviewteam, finding, changes = review
    from leersessie.method.sessions import reopen_session

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
    edits = [(c.kind, c.id) for c in changes if c.kind is not ChangeKind.SESSION]
    assert edits == [(ChangeKind.FINDING, finding.id)]


def test_an_empty_finding_is_refused_inside_the_form(qtbot, review, workspace):
    window, casegroep, _reviewteam, _finding, _ = review
    from leersessie.method.sessions import reopen_session

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


def test_the_next_reviewteam_looks_back_on_the_earlier_measures_of_a_finding(
    qtbot, review, workspace, catalogue, today
):
    """Measures are tracked like actions: a later reviewteam on the same casegroep sees the
    earlier measures of each finding and marks what became of them."""
    from leersessie.method.leerreview import add_measure, get_measure
    from leersessie.method.models import ActionStatus

    window, casegroep, reviewteam, finding, changes = review
    db = workspace.db
    earlier = add_measure(
        db, reviewteam, finding.id, "Eén regiehouder", "Manager", "organisatie", date(2026, 12, 1)
    )
    finish_session(db, reviewteam)
    managers = load_session(db, reviewteam).team
    later = start_session(
        db,
        team_id=managers.id,
        template=catalogue.get("leerreview-reviewteam"),
        on=date(2027, 1, 15),
        facilitator="Coach",
        present=[p.id for p in managers.people],
        linked_session_id=casegroep,
    )
    window.show_session_at(later, "maatregelen")
    panel = window.session.panels_by_kind()["measures"].view
    assert panel.earlier.isVisible() and panel.earlier.rowCount() == 1
    assert [panel.earlier.item(0, c).text() for c in range(5)] == [
        "Eén regiehouder",
        "Manager",
        "01-12-2026",
        "open",
        "nog bespreken",
    ]

    def new_date(dialog) -> None:
        dialog.new_due.setDate(dialog.new_due.date().addDays(2))
        press_ok(dialog)

    panel.earlier.selectRow(0)
    when_modal_opens(new_date)
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)

    measure = get_measure(db, earlier.id)
    assert measure.status is ActionStatus.OPEN
    assert measure.due_date == date.fromordinal(today.toordinal() + 30)
    assert panel.earlier.item(0, 4).text() == "loopt door"

    panel.earlier.selectRow(0)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert get_measure(db, earlier.id).status is ActionStatus.DONE
    assert [panel.earlier.item(0, c).text() for c in (3, 4)] == ["gedaan", "gedaan"]
    assert [c.id for c in changes][-2:] == [earlier.id, earlier.id]


def test_the_coach_places_a_measure_in_the_quadrant_explained_beside_it(qtbot, review, workspace):
    """The four quadrants with a meaning and an example each, where the measure is made;
    the chosen quadrant is stored, shown in the table and changed in the edit form."""
    window, _casegroep, reviewteam, _finding, _changes = review
    window.show_session_at(reviewteam, "maatregelen")
    panel = window.session.panels_by_kind()["measures"].view
    assert panel.quadrant_help.isVisible()
    explained = QTextDocumentFragment.fromHtml(panel.quadrant_help.text()).toPlainText()
    assert "de eerste reactie op een calamiteit ligt vaak rechts" in explained
    for quadrant in Quadrant:
        text = quadrant_text(quadrant)
        assert f"{text.label} ({text.place}): {text.meaning}" in explained
        assert "Bijvoorbeeld: " + text.example in explained
    assert [panel.quadrant.itemText(i) for i in range(panel.quadrant.count())] == [
        "nog niet gekozen",
        "Individueel, binnenkant",
        "Individueel, buitenkant",
        "Collectief, binnenkant",
        "Collectief, buitenkant",
    ]

    panel.what.setText("Intervisie over twijfel na een calamiteit")
    panel.owner.setText("Teamleider")
    panel.quadrant.select("individueel-binnen")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    [measure] = session_measures(workspace.db, reviewteam)
    assert measure.quadrant is Quadrant.INDIVIDUEEL_BINNEN
    assert panel.measures.item(0, 3).text() == "Individueel, binnenkant"
    assert panel.quadrant.value() is None  # the next measure is placed afresh

    def move(dialog) -> None:
        dialog.findChild(ChoiceBox, "measureEditQuadrant").select("collectief-binnen")
        press_ok(dialog)

    panel.measures.selectRow(0)
    when_modal_opens(move)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    [moved] = session_measures(workspace.db, reviewteam)
    assert moved.quadrant is Quadrant.COLLECTIEF_BINNEN
    assert panel.measures.item(0, 3).text() == "Collectief, binnenkant"


def test_themes_cluster_findings_of_several_casegroep_sessions(qtbot, review, workspace, catalogue):
    """From N=1 to N=veel: the findings of this review's casegroep and of an earlier one
    are offered; ticked and named, they become a theme the table and the database keep."""
    window, casegroep, reviewteam, finding, changes = review
    db = workspace.db
    team = load_session(db, casegroep).team
    earlier = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 6, 1),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    other = add_finding(db, earlier, "bevindingen", "De huisarts hoorde het als laatste")
    finish_session(db, earlier)

    window.show_session_at(reviewteam, "thema")
    panel = window.session.panels_by_kind()["themes"].view
    rows = [
        (panel.findings.item(r, 0).text(), panel.findings.item(r, 1).text())
        for r in range(panel.findings.rowCount())
    ]
    assert rows == [
        ("1. Niemand had het hele beeld", "Casegroep Jeugd, 01-10-2026 (deze review)"),
        ("1. De huisarts hoorde het als laatste", "Casegroep Jeugd, 01-06-2026"),
    ]
    for row in range(2):
        panel.findings.item(row, 0).setCheckState(Qt.CheckState.Checked)
    panel.text.setText("Niemand overziet het hele gezin")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    [theme] = session_themes(db, reviewteam)
    assert (theme.text, set(theme.finding_ids)) == (
        "Niemand overziet het hele gezin",
        {finding.id, other.id},
    )
    assert panel.themes.item(0, 0).text() == "1. Niemand overziet het hele gezin"
    assert panel.themes.item(0, 1).text() == "2 bevindingen uit 2 casussen"
    assert panel.text.text() == ""
    assert panel.findings.item(0, 0).checkState() == Qt.CheckState.Unchecked

    # Choosing the theme ticks its findings again; one less and saved, it narrows.
    panel.themes.selectRow(0)
    assert panel.text.text() == "Niemand overziet het hele gezin"
    assert panel.findings.item(1, 0).checkState() == Qt.CheckState.Checked
    panel.findings.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert session_themes(db, reviewteam)[0].finding_ids == (finding.id,)
    assert panel.themes.item(0, 1).text() == "1 bevinding uit 1 casus"
    assert ChangeKind.THEME in [c.kind for c in changes]

    # Without a ticked finding a theme is refused with what to do.
    panel.themes.clearSelection()
    panel.findings.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    panel.text.setText("Los thema")
    messages = answer_in_turn(accept)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert messages == ["Kies de bevindingen die bij dit thema horen."]
    assert len(session_themes(db, reviewteam)) == 1
