"""Every shipped template runs through the GUI to completion on a temp database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from leersessie.memory.actions import add_action, session_actions
from leersessie.method.leerreview import session_findings, session_measures
from leersessie.method.models import ActionStatus
from leersessie.method.ratings import session_ratings
from leersessie.method.sessions import finish_session, load_session, start_session
from leersessie.method.teams import create_team
from leersessie.method.templates import StepKind, TemplateOrigin, builtin_template_files
from tests.gui_helpers import answer_yes, press_ok, when_modal_opens

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
SHIPPED = [name.removesuffix(".toml") for name, _ in builtin_template_files()]


@pytest.fixture
def window(main_window):
    return main_window


def _finished_casegroep(db, catalogue, team_id: str, people: list[str]) -> str:
    session_id = start_session(
        db,
        team_id=team_id,
        template=catalogue.get("leerreview-casegroep"),
        on=date(2026, 11, 2),
        facilitator="Coach",
        present=people,
    )
    from leersessie.method.leerreview import add_finding

    step = next(
        s for s in catalogue.get("leerreview-casegroep").steps if s.kind is StepKind.FINDINGS
    )
    add_finding(db, session_id, step.key, "Signalen van school kwamen niet bij het wijkteam")
    finish_session(db, session_id)
    return session_id


def _start_via_dialog(qtbot, window, template_title: str) -> None:
    def fill(dialog) -> None:
        templates = dialog.findChild(QListWidget, "sessionTemplate")
        row = next(
            i for i in range(templates.count()) if templates.item(i).text() == template_title
        )
        templates.setCurrentRow(row)
        dialog.facilitator.setText("Coach")
        if dialog.casusinbrenger.isVisibleTo(dialog):
            dialog.casusinbrenger.setCurrentIndex(1)
        press_ok(dialog)

    when_modal_opens(fill)
    qtbot.mouseClick(window.home.view.new_session_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("template_id", SHIPPED)
def test_every_shipped_template_runs_to_completion(qtbot, window, workspace, template_id):
    db, catalogue = workspace.db, workspace.catalogue
    template = catalogue.get(template_id)
    assert template.origin is TemplateOrigin.BUILTIN
    team = create_team(db, "Team Test", ["Anouk", "Bram", "Chaima"])
    people = [p.id for p in team.people]
    if template.links_to:
        _finished_casegroep(db, catalogue, team.id, people)
    window.home.refresh(team.id)
    _start_via_dialog(qtbot, window, template.title)
    controller = window.session
    session = controller.session
    assert session is not None and session.template.id == template_id
    panels = controller.panels_by_kind()

    for index, step in enumerate(session.steps):
        controller.view.step_list.setCurrentRow(index)
        assert controller.view.step_title.text() == step.title
        controller.view.notes.insertPlainText(f"notitie bij {step.title}")
        if step.kind is StepKind.ACTIONS:
            add_action(db, session.id, step.key, f"actie bij {step.key}", people[0], TODAY)
            panels["actions"].refresh()
            assert panels["actions"].view.table.rowCount() == 1
        elif step.kind is StepKind.FINDINGS:
            panels["findings"].view.new_text.setText("Niemand had het hele beeld")
            qtbot.mouseClick(panels["findings"].view.add_button, Qt.MouseButton.LeftButton)
        elif step.kind is StepKind.MEASURES:
            assert panels["measures"].view.findings.rowCount() == 1
            panels["measures"].view.what.setText("Vast overleg school en wijkteam")
            panels["measures"].view.owner.setText("Manager jeugd")
            qtbot.mouseClick(panels["measures"].view.add_button, Qt.MouseButton.LeftButton)
            assert (
                panels["measures"].view.measures.item(0, 0).text()
                == "Vast overleg school en wijkteam"
            )
        elif step.kind is StepKind.RATINGS:
            for item in step.items:
                panels["ratings"].groups[item.key].button(4).click()

    when_modal_opens(answer_yes)
    qtbot.mouseClick(controller.view.finish_button, Qt.MouseButton.LeftButton)
    stored = load_session(db, session.id)
    assert stored.is_finished
    assert all(stored.notes[step.key] == f"notitie bij {step.title}" for step in stored.steps)
    kinds = {step.kind for step in template.steps}
    if StepKind.FINDINGS in kinds:
        assert [f.text for f in session_findings(db, session.id)] == ["Niemand had het hele beeld"]
    if StepKind.MEASURES in kinds:
        assert [m.owner for m in session_measures(db, session.id)] == ["Manager jeugd"]
    if StepKind.RATINGS in kinds:
        rated = {item.key for step in template.steps for item in step.items}
        assert set(session_ratings(db, session.id).values()) == {4}
        assert {key for _step, key in session_ratings(db, session.id)} == rated


def test_the_next_session_opens_with_a_look_back_on_open_actions(qtbot, window, workspace):
    db, catalogue = workspace.db, workspace.catalogue
    team = create_team(db, "Team Terugblik", ["Anouk", "Bram"])
    people = [p.id for p in team.people]
    first = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 2),
        facilitator="Coach",
        present=people,
        casusinbrenger_id=people[0],
    )
    action = add_action(db, first, "actie", "Moeder bellen", people[1], date(2026, 11, 9))
    finish_session(db, first)
    window.home.refresh(team.id)
    _start_via_dialog(qtbot, window, "Bordsessie")
    controller = window.session
    assert controller.view.step_list.item(0).text() == "1. Terugblik op acties"
    lookback = controller.panels_by_kind()["lookback"]
    assert lookback.view.table.item(0, 0).text() == "Moeder bellen"
    assert lookback.view.table.item(0, 3).text() == "nog bespreken"
    lookback.view.table.selectRow(0)

    def fill(dialog) -> None:
        dialog.learned.setPlainText("Bellen werkte beter dan een brief")
        press_ok(dialog)

    when_modal_opens(fill)
    qtbot.mouseClick(lookback.view.done_button, Qt.MouseButton.LeftButton)
    assert lookback.view.table.item(0, 3).text() == "gedaan"
    assert session_actions(db, first)[0].status is ActionStatus.DONE
    assert action.id == session_actions(db, first)[0].id
