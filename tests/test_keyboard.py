"""Keyboard without traps: Tab always moves on, out of every table and text box, through
every page and dialog; Enter submits a form only from a single-line field; the selected
row of a focused list is readable (contrast at least 4.5:1)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.memory.actions import actions_to_review
from leersessie.method.leerreview import Measure, MeasureLevel
from leersessie.method.questions import add_question
from leersessie.method.sessions import start_session
from leersessie.method.teams import find_team
from leersessie_ui.controllers.step_panels import quadrant_choices
from leersessie_ui.dialogs.records import (
    ActionDialog,
    FindingDialog,
    FormDialog,
    MeasureDialog,
    MeasureReviewDialog,
    NewSessionDialog,
    ReviewDialog,
    TeamDialog,
)
from leersessie_ui.dialogs.shortcuts import ShortcutsDialog
from leersessie_ui.main_window import MainWindow
from tests.test_group_screen import go_to, start

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


def name_of(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return widget.objectName() or widget.accessibleName() or type(widget).__name__


def tab_through(qtbot, start: QWidget, presses: int, back: bool = False) -> list[QWidget]:
    """Press Tab (Shift+Tab) ``presses`` times from ``start``; every press must move the
    focus: a press that leaves it where it was is a trap."""
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    seen = [start]
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    modifier = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    for _ in range(presses):
        here = QApplication.focusWidget()
        assert here is not None
        qtbot.keyClick(here, key, modifier)
        moved = QApplication.focusWidget()
        assert moved is not here, f"{'Shift+' if back else ''}Tab stays in {name_of(here)}"
        seen.append(moved)  # type: ignore[arg-type]
    return seen


def focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


@pytest.fixture
def demo(main_window: MainWindow) -> str:
    """A teamontwikkelruimte of the example team: its look back has open actions."""
    db = main_window.workspace.db
    load_demo(db, main_window.workspace.catalogue, TODAY)
    team = find_team(db, DEMO_TEAM)
    assert team is not None
    return start_session(
        db,
        team_id=team.id,
        template=main_window.workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )


# --- pages -------------------------------------------------------------------------------


def test_tab_leaves_the_look_back_table_and_reaches_its_buttons(qtbot, main_window, demo):
    main_window.show_session(demo)
    panel = main_window.session.lookback.view
    panel.table.selectRow(0)
    seen = tab_through(qtbot, panel.table, 3)
    assert panel.done_button in seen[:4]  # Gedaan… right after the table
    seen = tab_through(qtbot, panel.table, 3, back=True)
    assert all(widget is not panel.table for widget in seen[1:])


def test_tab_walks_every_step_of_a_session_without_a_trap(qtbot, main_window, demo):
    main_window.show_session(demo)
    session = main_window.session.session
    assert session is not None
    for index in range(len(session.steps)):
        main_window.session.go_to(index)
        view = main_window.session.view
        tab_through(qtbot, view.step_list, len(focusable(view)) + 2)
        tab_through(qtbot, view.notes, len(focusable(view)) + 2, back=True)


def test_tab_leaves_the_questions_table(qtbot, main_window):
    session_id = start(main_window, "actieleren")
    for text in ("Wat gebeurde er?", "Heb je gebeld?", "Moet je niet bellen?"):
        add_question(main_window.workspace.db, session_id, "verhelderen", text)
    main_window.show_session(session_id)
    go_to(main_window, "verhelderen")
    table = main_window.session.questions.view.table
    table.setCurrentCell(0, 0)
    seen = tab_through(qtbot, table, 40)
    outside = [w for w in seen if w is not table and not table.isAncestorOf(w)]
    assert main_window.session.view.notes in outside


def test_tab_walks_the_home_page_and_the_actions_page(qtbot, main_window, demo):
    main_window.show_home()
    home = main_window.home.view
    tab_through(qtbot, home.team_list, len(focusable(home)) + 2)
    tab_through(qtbot, home.history, len(focusable(home)) + 2, back=True)
    main_window.show_actions()
    overview = main_window.overview.view
    tab_through(qtbot, overview.table, len(focusable(overview)) + 2)


# --- dialogs -------------------------------------------------------------------------------


def dialogs(window: MainWindow, session_id: str) -> list[FormDialog | ShortcutsDialog]:
    db = window.workspace.db
    team = find_team(db, DEMO_TEAM)
    assert team is not None
    action = actions_to_review(db, session_id)[0]
    measure = Measure("m", session_id, "f", "Een maatregel", "Eva", MeasureLevel.TEAM, None, 0)
    return [
        TeamDialog(window),
        NewSessionDialog([team], window.workspace.catalogue.sorted(), window),
        ActionDialog(team.people, TODAY, window),
        ReviewDialog(action, "Loopt door", True, TODAY, window),
        FindingDialog("", window),
        MeasureDialog(measure, [("Team", "team")], quadrant_choices(), TODAY, window),
        MeasureReviewDialog("Een maatregel", TODAY, window),
        ShortcutsDialog([], window),
    ]


def test_every_dialogs_fields_are_reached_by_tab_and_none_traps_it(qtbot, main_window, demo):
    for dialog in dialogs(main_window, demo):
        qtbot.addWidget(dialog)
        dialog.show()
        fields = focusable(dialog)
        seen = tab_through(qtbot, fields[0], len(fields) + 2)
        assert set(fields) <= set(seen), type(dialog).__name__
        tab_through(qtbot, fields[-1], len(fields) + 2, back=True)
        dialog.close()


def test_enter_submits_only_from_a_single_line_field(qtbot, main_window, demo):
    action = actions_to_review(main_window.workspace.db, demo)[0]
    dialog = ReviewDialog(action, "Loopt door", True, TODAY, main_window)
    qtbot.addWidget(dialog)
    submitted: list[bool] = []
    dialog.submit = lambda: submitted.append(True)
    dialog.show()
    qtbot.keyClick(dialog.learned, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.learned  # Tab is not typed in "Geleerd"
    assert dialog.learned.toPlainText() == ""
    qtbot.keyClick(dialog.learned, Qt.Key.Key_Return)
    assert submitted == [] and dialog.isVisible()  # a new line in "Geleerd", no submit
    qtbot.keyClick(dialog.new_due, Qt.Key.Key_Return)
    assert submitted == [True]

    team = find_team(main_window.workspace.db, DEMO_TEAM)
    assert team is not None
    new = NewSessionDialog([team], main_window.workspace.catalogue.sorted(), main_window)
    qtbot.addWidget(new)
    tried: list[bool] = []
    new.buttons.accepted.connect(lambda: tried.append(True))  # an attempt to submit
    new.show()
    new.template_list.setFocus()
    qtbot.keyClick(new.template_list, Qt.Key.Key_Return)  # choosing a werkvorm
    assert tried == [] and new.isVisible()
    qtbot.keyClick(new.facilitator, Qt.Key.Key_Return)
    assert tried == [True]


# --- the selected row is readable --------------------------------------------------------


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def selected_row_contrast(view: QAbstractItemView) -> float:
    """Contrast between the selected row's background (its commonest colour) and its text
    (the colour furthest from that background), as drawn on screen."""
    view.setFocus()
    QApplication.processEvents()
    index = view.selectionModel().selectedIndexes()[0]
    rect = view.visualRect(index).adjusted(3, 3, -3, -3)
    image: QImage = view.viewport().grab(rect).toImage()
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    background = QColor.fromRgb(max(counts, key=counts.__getitem__))
    return max(contrast(background, QColor.fromRgb(pixel)) for pixel in counts)


def test_the_selected_row_of_a_focused_list_is_readable(qtbot, main_window, demo):
    main_window.show_home()
    home = main_window.home.view
    home.team_list.setCurrentRow(0)
    assert selected_row_contrast(home.team_list) >= 4.5
    home.history.selectRow(0)
    assert selected_row_contrast(home.history) >= 4.5

    team = find_team(main_window.workspace.db, DEMO_TEAM)
    assert team is not None
    dialog = NewSessionDialog([team], main_window.workspace.catalogue.sorted(), main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.template_list.setCurrentRow(1)  # the werkvormen
    assert selected_row_contrast(dialog.template_list) >= 4.5

    main_window.show_session(demo)
    lookback = main_window.session.lookback.view.table
    lookback.selectRow(0)
    assert selected_row_contrast(lookback) >= 4.5
    assert selected_row_contrast(main_window.session.view.step_list) >= 4.5
