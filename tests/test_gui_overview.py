"""The actions overview across teams, through the real widgets on a real database."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFileDialog

from leersessie.memory.actions import add_action, get_action, set_action_status
from leersessie.method.models import ActionStatus
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie_ui.style import WARNING

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


@pytest.fixture
def seeded(db, catalogue):
    """Two teams; Oost has a late, a coming, a done and a dropped action."""
    oost = create_team(db, "Wijkteam Oost", ["Anouk", "Bram"])
    west = create_team(db, "Wijkteam West", ["Chaima"])
    template = catalogue.get("actieleren")
    ids = {}
    for team in (oost, west):
        ids[team.name] = start_session(
            db,
            team_id=team.id,
            template=template,
            on=date(2026, 10, 1),
            facilitator="Marieke",
            present=[p.id for p in team.people],
        )
    anouk, bram = oost.people
    oost_session = ids["Wijkteam Oost"]
    actions = {
        "late": add_action(db, oost_session, "actie", "Moeder bellen", anouk.id, date(2026, 11, 1)),
        "coming": add_action(
            db, oost_session, "actie", "Overleg met school", bram.id, date(2026, 12, 7)
        ),
        "done": add_action(
            db, oost_session, "actie", "=Dossier bijwerken", anouk.id, date(2026, 10, 15)
        ),
        "dropped": add_action(db, oost_session, "actie", "Huisbezoek; samen", bram.id, None),
        "west": add_action(
            db,
            ids["Wijkteam West"],
            "actie",
            "Coördinatie met de huisarts",
            west.people[0].id,
            date(2026, 11, 20),
        ),
    }
    set_action_status(db, actions["done"].id, ActionStatus.DONE)
    set_action_status(db, actions["dropped"].id, ActionStatus.DROPPED)
    return {"oost": oost, "west": west, "actions": actions}


@pytest.fixture
def window(main_window, seeded):
    main_window.show_actions()
    return main_window


def _column(model, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_filters_and_overdue_rows_stand_out(window):
    view, model = window.overview.view, window.overview.model
    assert window.pages.currentWidget() is view
    # Overdue first, in red; then by due date; no due date last.
    assert _column(model, 0) == [
        "Moeder bellen",
        "Coördinatie met de huisarts",
        "=Dossier bijwerken",
        "Overleg met school",
        "Huisbezoek; samen",
    ]
    assert _column(model, 3) == ["open (te laat)", "open (te laat)", "gedaan", "open", "vervallen"]
    assert view.count.text() == "5 acties"
    red = QColor(WARNING)
    colours = [
        model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
        for row in range(model.rowCount())
    ]
    assert colours == [red, red, None, None, None]

    _choose(view.team, "Wijkteam Oost")
    assert len(_column(model, 0)) == 4
    assert set(_column(model, 4)) == {"Wijkteam Oost"}
    owners = [view.owner.itemText(i) for i in range(view.owner.count())]
    assert owners == ["Iedereen", "Anouk", "Bram"]
    _choose(view.owner, "Bram")
    assert _column(model, 0) == ["Overleg met school", "Huisbezoek; samen"]
    _choose(view.owner, "Iedereen")
    _choose(view.status, "gedaan")
    assert _column(model, 0) == ["=Dossier bijwerken"]
    view.overdue.setChecked(True)
    assert not view.status.isEnabled()
    assert _column(model, 0) == ["Moeder bellen"]
    assert view.count.text() == "1 actie"
    _choose(view.team, "Alle teams")
    assert _column(model, 0) == ["Moeder bellen", "Coördinatie met de huisarts"]
    # Across teams, an owner's name carries the team.
    assert "Chaima (Wijkteam West)" in [view.owner.itemText(i) for i in range(view.owner.count())]


def test_status_changed_in_place_is_stored(qtbot, window, workspace, seeded):
    view, model = window.overview.view, window.overview.model
    table = view.table
    index = model.index(0, 3)
    assert model.data(index) == "open (te laat)"
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.findChild(QComboBox, "statusEditor")
    assert editor is not None and editor.currentData() == ActionStatus.OPEN
    editor.setCurrentIndex(editor.findText("gedaan"))
    editor.activated.emit(editor.currentIndex())

    late = seeded["actions"]["late"]
    assert get_action(workspace.db, late.id).status is ActionStatus.DONE
    # The row stays in place, no longer red, with its new status.
    assert model.data(model.index(0, 0)) == "Moeder bellen"
    assert model.data(model.index(0, 3)) == "gedaan"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    # Only the status column can be edited.
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable

    window.overview.set_status(1, ActionStatus.DROPPED)
    assert get_action(workspace.db, seeded["actions"]["west"].id).status is ActionStatus.DROPPED
    # The team page counts follow.
    window.show_home()
    window.home.show_team(seeded["oost"].id)
    assert window.home.view.action_counts.text().startswith("1 open, 3 afgerond")


def test_csv_export_opens_in_a_dutch_spreadsheet(qtbot, window, tmp_path, monkeypatch):
    view = window.overview.view
    _choose(view.team, "Wijkteam Oost")
    target = tmp_path / "acties"  # no extension typed: .csv is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    view.export_button.click()
    qtbot.waitUntil(lambda: "bewaard" in view.export_state.text(), timeout=5000)

    written = tmp_path / "acties.csv"
    assert written.exists()
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    with written.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0][:5] == ["Actie", "Eigenaar", "Streefdatum", "Status", "Te laat"]
    assert [row[0] for row in rows[1:]] == [
        "Moeder bellen",
        "'=Dossier bijwerken",
        "Overleg met school",
        "Huisbezoek; samen",
    ]
    assert rows[1][1:5] == ["Anouk", "01-11-2026", "open (te laat)", "ja"]
    assert "4 acties bewaard" in view.export_state.text()


def test_a_failed_export_says_so_and_leaves_nothing(qtbot, window, tmp_path, monkeypatch):
    from tests.gui_helpers import when_modal_opens

    target = tmp_path / "bestaat-niet" / "acties.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    messages: list[str] = []

    def read_and_close(box) -> None:
        messages.append(box.text())
        box.accept()

    when_modal_opens(read_and_close)
    window.overview.view.export_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages and "kon niet worden geschreven" in messages[0]
    assert not target.exists()
