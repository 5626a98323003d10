"""The coach's screen in the room (issue 9, part B): zoom, keyboard and focus, forms, a
step opening at its top, a status that stays with its session, and a 1024x768 screen.
Everything through the real window on a real database with the demo team."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QTableView,
    QWidget,
)

from leersessie.base.dates import parse_typed_date
from leersessie.base.errors import InputError
from leersessie.demo import load_demo
from leersessie.memory.actions import session_actions
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import find_team
from leersessie.store import settings
from leersessie_ui.main_window import MainWindow
from leersessie_ui.zoom import ZOOM_LEVELS, WindowZoom
from tests.gui_helpers import when_modal_opens

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(workspace) -> str:
    """The demo team's history; returns its latest (finished) session."""
    session_id = load_demo(workspace.db, workspace.catalogue, TODAY)
    assert session_id
    return session_id


@pytest.fixture
def running(workspace, demo) -> str:
    """A new, unfinished actieleren session of the demo team, with a casusinbrenger."""
    team = find_team(workspace.db, "Wijkteam De Linde (voorbeeld)")
    assert team
    people = [person.id for person in team.people]
    return start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=TODAY,
        facilitator="Marieke",
        present=people,
        casusinbrenger_id=people[0],
    )


@pytest.fixture
def every_format(workspace, demo) -> list[str]:
    """One open session of every shipped format for the demo team (the reviewteam on a
    casegroep with a finding), so every kind of step is on screen somewhere."""
    from leersessie.method.leerreview import add_finding
    from leersessie.method.sessions import finish_session
    from leersessie.method.templates import StepKind, builtin_template_files

    db, catalogue = workspace.db, workspace.catalogue
    team = find_team(db, "Wijkteam De Linde (voorbeeld)")
    assert team
    people = [person.id for person in team.people]

    def start(template_id: str, linked: str | None = None) -> str:
        template = catalogue.get(template_id)
        return start_session(
            db,
            team_id=team.id,
            template=template,
            on=TODAY,
            facilitator="Marieke",
            present=people,
            casusinbrenger_id=people[0] if template.casusinbrenger else None,
            linked_session_id=linked,
        )

    casegroep = start("leerreview-casegroep")
    findings_step = next(
        step
        for step in catalogue.get("leerreview-casegroep").steps
        if step.kind is StepKind.FINDINGS
    )
    add_finding(db, casegroep, findings_step.key, "Signalen van school kwamen niet aan")
    finish_session(db, casegroep)
    sessions = [casegroep]
    for name, _source in builtin_template_files():
        template_id = name.removesuffix(".toml")
        if template_id != "leerreview-casegroep":
            links = catalogue.get(template_id).links_to
            sessions.append(start(template_id, casegroep if links else None))
    return sessions


@pytest.fixture
def window(qtbot, main_window: MainWindow) -> MainWindow:
    main_window.resize(1024, 768)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def _visible(page: QWidget, kind: type = QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(kind) if w.isVisible()]


def _font_sizes(page: QWidget) -> dict[int, float]:
    return {id(w): w.font().pointSizeF() for w in _visible(page)}


def _press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def _every_step(window: MainWindow):
    for index in range(len(window.session.session.steps)):
        window.session.go_to(index)
        _settle(window)
        yield index


def _settle(window: QWidget) -> None:
    """Let layouts and row heights settle (a table's rows follow its width, its height
    follows its rows): process events until sizes stay the same for a few passes."""
    unchanged, last = 0, None
    for _pass in range(200):
        QApplication.processEvents()
        sizes = [(w.width(), w.height()) for w in _visible(window, QAbstractItemView)]
        unchanged = unchanged + 1 if sizes == last else 0
        if unchanged == 3:
            return
        last = sizes
    raise AssertionError("the layout never settles")


# --- zoom -------------------------------------------------------------------------------


def test_each_ctrl_plus_makes_every_text_on_the_page_larger_and_ctrl_minus_smaller(
    qtbot, window, demo
):
    window.show_session(demo)
    view = window.session.view
    before = _font_sizes(view)
    assert view.step_title.font().pointSizeF() > view.step_purpose.font().pointSizeF()
    for _press_number in range(3):
        _press(qtbot, window, Qt.Key.Key_Plus)
        after = _font_sizes(view)
        common = before.keys() & after.keys()  # a scroll bar may come or go
        assert {id(view.step_title), id(view.timebox.display), id(view.notes)} <= common
        assert all(after[key] > before[key] for key in common), "some text did not grow"
        before = after
    _press(qtbot, window, Qt.Key.Key_Minus)
    after = _font_sizes(view)
    common = before.keys() & after.keys()
    assert len(common) > 30
    assert all(after[key] < before[key] for key in common), "some text did not shrink"
    assert window.zoom.percent == 120


def test_zoom_runs_from_80_to_250_percent_in_steps_of_about_ten_percent(qtbot, window):
    steps = [later / earlier for earlier, later in pairwise(ZOOM_LEVELS)]
    assert ZOOM_LEVELS[0] == 80 and ZOOM_LEVELS[-1] == 250
    assert all(1.05 <= step <= 1.15 for step in steps)
    for _press_number in range(20):
        _press(qtbot, window, Qt.Key.Key_Plus)
    assert window.zoom.percent == 250
    _press(qtbot, window, Qt.Key.Key_0)
    assert window.zoom.percent == 100
    for _press_number in range(20):
        _press(qtbot, window, Qt.Key.Key_Minus)
    assert window.zoom.percent == 80


def test_the_zoom_level_is_remembered_per_screen(qtbot, window, workspace, demo):
    _press(qtbot, window, Qt.Key.Key_Plus)
    _press(qtbot, window, Qt.Key.Key_Plus)
    window.show_session(demo)
    title_size = window.session.view.step_title.font().pointSizeF()
    other_screen = QWidget()
    qtbot.addWidget(other_screen)
    group_zoom = WindowZoom(other_screen, workspace.db, settings.GROUP_ZOOM, lambda _p: None)
    group_zoom.smaller()

    again = MainWindow(workspace, today=lambda: TODAY)
    qtbot.addWidget(again)
    again.show()
    again.show_session(demo)
    assert again.zoom.percent == 120
    assert again.session.view.step_title.font().pointSizeF() == title_size
    assert settings.read(workspace.db, settings.GROUP_ZOOM) == 90


def _whole_text_problems(page: QWidget) -> list[str]:
    """Labels that do not get the width of their text, lists and tables that shorten text
    with "…" or give a row less height than its text needs."""
    problems = []
    for label in _visible(page, QLabel):
        if not label.wordWrap() and label.width() < label.sizeHint().width():
            problems.append(f"label cut off: {label.text()[:40]!r}")
    for view in _visible(page, QAbstractItemView):
        if view.textElideMode() != Qt.TextElideMode.ElideNone:
            problems.append(f"{view.objectName()} shortens text with …")
        if isinstance(view, QTableView) and view.wordWrap():
            for row in range(view.model().rowCount()):
                if view.rowHeight(row) < view.sizeHintForRow(row):
                    problems.append(f"{view.objectName()} row {row} lower than its text")
        fixed = view.minimumHeight() == view.maximumHeight()
        if fixed and view.verticalScrollBar().maximum() > 0:
            problems.append(f"{view.objectName()} hides rows behind a scroll bar of its own")
    return problems


def test_nothing_is_cut_off_on_any_page_at_250_percent(
    qtbot, window, workspace, demo, every_format
):
    window.zoom.set_percent(250)
    window.home.refresh()
    problems = {"home": _whole_text_problems(window.home.view)}
    for session_id in (*[row[0] for row in workspace.db.execute("select id from sessions")],):
        window.show_session(session_id)
        template = window.session.session.template.id
        for index in _every_step(window):
            problems[f"{template} step {index + 1}"] = _whole_text_problems(window.session.view)
    window.show_actions()
    problems["actions"] = _whole_text_problems(window.overview.view)
    window.show_search()
    problems["search"] = _whole_text_problems(window.search.view)
    assert {page: found for page, found in problems.items() if found} == {}


# --- a small screen ------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [100, 150])
def test_every_page_fits_a_1024x768_screen_with_notes_of_four_lines(
    qtbot, window, workspace, demo, every_format, percent
):
    window.zoom.set_percent(percent)
    pages = {"home": window.home.view}
    too_wide, low_notes = [], []
    for session_id in [row[0] for row in workspace.db.execute("select id from sessions")]:
        window.show_session(session_id)
        notes = window.session.view.notes
        for index in _every_step(window):
            if window.minimumSizeHint().width() > 1024:
                too_wide.append(f"{window.session.session.template.id} step {index + 1}")
            if notes.height() < 4 * notes.fontMetrics().lineSpacing():
                low_notes.append(f"{window.session.session.template.id} step {index + 1}")
    window.show_actions()
    pages["actions"] = window.overview.view
    window.show_search()
    pages["search"] = window.search.view
    for name, page in pages.items():
        window.pages.setCurrentWidget(page)
        if window.minimumSizeHint().width() > 1024 or window.minimumSizeHint().height() > 768:
            too_wide.append(name)
    assert too_wide == []
    assert low_notes == []
    assert window.width() <= 1024


def test_the_radar_keeps_clear_of_its_caption_at_1024x768(qtbot, window, demo):
    window.home.refresh()
    QApplication.processEvents()
    view = window.home.view
    radar, caption = view.radar, view.radar_legend
    assert radar.height() >= radar.minimumHeight()
    bottom_of_radar = radar.mapTo(view, radar.rect().bottomLeft()).y()
    assert caption.mapTo(view, caption.rect().topLeft()).y() > bottom_of_radar


# --- keyboard and focus --------------------------------------------------------------------


def _tab_walk(qtbot, start: QWidget, presses: int) -> list[str]:
    start.setFocus()
    names = [start.objectName()]
    for _press_number in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        names.append(QApplication.focusWidget().objectName())
    return names


def test_tab_follows_the_session_page_from_top_to_bottom(qtbot, window, running):
    window.show_session(running)
    view = window.session.view
    window.session.go_to(1)  # the first step of the format: the ontwikkelvraag, no panel
    walked = _tab_walk(qtbot, view.back_button, 15)
    expected_start = [
        "backToHome",
        "handoutButton",
        "summaryButton",
        "sessionMore",
        "stepList",
        "timeboxToggle",
        "timeboxReset",
        "developmentQuestion",
        "roundLaptop",  # the step's round (the choice of problem): each answers first
        "roundPhone",
        "showNotes",
        "notesEditor",
        "previousStep",
        "nextStep",
        "finishSession",
    ]
    assert walked[: len(expected_start)] == expected_start

    window.session.go_to(2)  # open questions: the question coach comes before the notes
    walked = _tab_walk(qtbot, view.step_list, 14)
    assert walked[:8] == [
        "stepList",
        "timeboxToggle",
        "timeboxReset",
        "roundLaptop",  # the question round, before the question coach
        "roundPhone",
        "newQuestion",
        "questionAsker",
        "addQuestion",
    ]
    assert walked.index("addQuestion") < walked.index("showNotes") < walked.index("notesEditor")

    window.session.go_to(5)  # the actions table and its button (nothing to edit yet), notes
    walked = _tab_walk(qtbot, view.step_list, 8)
    assert walked == [
        "stepList",
        "timeboxToggle",
        "timeboxReset",
        "actionsTable",
        "addAction",
        "showNotes",
        "notesEditor",
        "previousStep",
        "finishSession",  # the last step: no next one
    ]


def test_tab_leaves_the_notes_without_changing_them_and_ctrl_tab_types_a_tab(
    qtbot, window, workspace, running
):
    window.show_session(running)
    notes = window.session.view.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Eerste gedachte")
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "Eerste gedachte"
    assert QApplication.focusWidget() is not notes
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is notes
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == "Eerste gedachte\t"
    assert window.session.flush()
    step = window.session.current_step.key
    assert load_session(workspace.db, running).notes[step] == "Eerste gedachte\t"


def _shows_focus_colour(widget: QWidget) -> bool:
    from leersessie_ui.style import FOCUS

    for _settle in range(3):
        QApplication.processEvents()
    image = widget.grab().toImage()
    edge = [image.pixelColor(x, image.height() // 2).name() for x in range(3)]
    edge += [image.pixelColor(image.width() // 2, y).name() for y in range(3)]
    return FOCUS in edge


def test_the_focused_control_and_only_that_one_shows_focus(qtbot, window, running):
    window.show_session(running)
    window.session.go_to(5)
    view = window.session.view
    controls = [
        view.step_list,
        view.timebox.toggle,
        window.session.panels_by_kind()["actions"].view.table,
        window.session.panels_by_kind()["actions"].view.add_button,
        view.notes,
        view.previous_button,
        view.finish_button,
    ]
    for control in controls:
        control.setFocus()
        assert _shows_focus_colour(control), control.objectName()
        others = [c.objectName() for c in controls if c is not control and _shows_focus_colour(c)]
        assert others == [], f"focus on {control.objectName()}, also shown on {others}"


def test_f1_lists_every_shortcut_of_the_menus_and_the_pages(qtbot, window):
    shown: list[str] = []
    cut_off: list[str] = []

    def read(dialog) -> None:
        for _settle in range(5):
            QApplication.processEvents()
        cut_off.extend(_whole_text_problems(dialog))
        table = dialog.table
        shown.extend(
            f"{table.item(row, 0).text()} = {table.item(row, 1).text()}"
            for row in range(table.rowCount())
        )
        dialog.reject()

    when_modal_opens(read)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    text = "\n".join(shown)
    assert cut_off == []
    for expected in ("Nieuwe sessie… = Ctrl+N", "Ctrl++", "Ctrl+0", "Sneltoetsen = F1", "Alt+→"):
        assert expected in text
    assert "Vorige stap (Alt+" in window.session.view.previous_button.toolTip()


# --- forms ----------------------------------------------------------------------------------


def _open_new_action(qtbot, window: MainWindow, act) -> None:
    window.session.go_to(5)
    when_modal_opens(act)
    panel = window.session.panels_by_kind()["actions"]
    qtbot.mouseClick(panel.view.add_button, Qt.MouseButton.LeftButton)


def test_a_new_action_form_starts_in_its_first_field_and_enter_only_submits_a_valid_form(
    qtbot, window, workspace, running
):
    window.show_session(running)
    seen: dict[str, object] = {}

    def act(dialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow)
        seen["focus"] = QApplication.focusWidget() is dialog.what
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # once submitted it empty
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        seen["open after empty Enter"] = dialog.isVisible()
        seen["message"] = dialog.error.text() if dialog.error.isVisible() else ""
        qtbot.keyClicks(dialog.what, "Moeder bellen")
        seen["message after typing"] = dialog.error.isVisible()
        qtbot.keyClick(dialog.what, Qt.Key.Key_Return)

    _open_new_action(qtbot, window, act)
    assert seen == {
        "focus": True,
        "open after empty Enter": True,
        "message": "Beschrijf de actie: wat gaat er gebeuren?",
        "message after typing": False,
    }
    assert [a.what for a in session_actions(workspace.db, running)] == ["Moeder bellen"]


def test_date_fields_take_typed_dates(qtbot, window, workspace, running):
    window.show_session(running)
    seen: dict[str, object] = {}

    def act(dialog) -> None:
        qtbot.keyClicks(dialog.what, "Gesprek plannen")
        dialog.due.setFocus()
        dialog.due.selectAll()
        qtbot.keyClicks(dialog.due, "31-02")
        qtbot.keyClick(dialog.due, Qt.Key.Key_Return)
        seen["refused"] = dialog.error.text() if dialog.error.isVisible() else ""
        dialog.due.selectAll()
        qtbot.keyClicks(dialog.due, "12-12")
        seen["message after fixing"] = dialog.error.isVisible()
        seen["due"] = dialog.due_date()
        dialog.due.selectAll()
        qtbot.keyClicks(dialog.due, "3-1-2027")
        qtbot.keyClick(dialog.due, Qt.Key.Key_Return)

    _open_new_action(qtbot, window, act)
    assert "geen geldige datum" in str(seen["refused"])
    assert seen["message after fixing"] is False
    assert seen["due"] == date(2026, 12, 12)
    actions = session_actions(workspace.db, running)
    assert [(a.what, a.due_date) for a in actions] == [("Gesprek plannen", date(2027, 1, 3))]


def test_typed_dates_without_a_year_fall_in_the_given_year():
    assert parse_typed_date("12-12", 2026) == date(2026, 12, 12)
    assert parse_typed_date(" 1/2 ", 2027) == date(2027, 2, 1)
    assert parse_typed_date("12-12-2030", 2026) == date(2030, 12, 12)
    with pytest.raises(InputError):
        parse_typed_date("30-2", 2026)


def test_every_form_starts_in_its_first_field(qtbot, workspace, today):
    from leersessie.method.teams import create_team, get_team
    from leersessie_ui.dialogs.records import ActionDialog, NewSessionDialog, TeamDialog

    team = get_team(workspace.db, create_team(workspace.db, "Team Oost", ["Ans"]).id)
    forms = [
        (TeamDialog(), "teamName"),
        (NewSessionDialog([team], workspace.catalogue.sorted()), "sessionTeam"),
        (ActionDialog(team.people, today), "actionWhat"),
    ]
    for form, first in forms:
        qtbot.addWidget(form)
        form.show()
        qtbot.waitUntil(form.isActiveWindow)
        assert QApplication.focusWidget().objectName() == first
        form.close()


# --- opening at the top, and a status that stays with its session -------------------------


def test_a_step_and_a_session_open_at_their_top(qtbot, window, demo, running):
    window.zoom.set_percent(150)
    window.show_session(demo)
    scroll = window.session.view.step_scroll.verticalScrollBar()
    window.session.go_to(1)
    QApplication.processEvents()
    assert scroll.maximum() > 0  # the step is taller than the screen
    scroll.setValue(scroll.maximum())
    window.session.go_to(2)
    QApplication.processEvents()
    assert scroll.value() == 0
    scroll.setValue(scroll.maximum())
    window.show_home()
    window.show_session(running)
    QApplication.processEvents()
    assert scroll.value() == 0


def test_a_report_message_stays_with_its_session(
    qtbot, window, demo, running, tmp_path: Path, monkeypatch
):
    target = tmp_path / "verslag.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    window.show_session(demo)
    window.session.save_summary_as()
    state = window.session.view.save_state
    qtbot.waitUntil(lambda: state.text().startswith("Verslag opgeslagen"), timeout=10_000)
    window.statusBar().showMessage("Verslag opgeslagen: elders")
    window.show_home()
    window.show_session(running)
    assert state.text() == ""
    assert window.statusBar().currentMessage() == ""


def test_search_results_grow_with_the_zoom(qtbot, window, demo):
    window.show_search()
    window.search.view.field.setText("moeder")
    window.search.run()
    results = window.search.view.results
    qtbot.waitUntil(lambda: results.model().rowCount() > 0)
    before = results.visualRect(results.model().index(0, 0)).height()
    window.zoom.set_percent(250)
    for _settle in range(5):
        QApplication.processEvents()
    # The rows grow with the text (two heading and two snippet lines at the new size).
    heights = {results.visualRect(results.model().index(row, 0)).height() for row in range(3)}
    assert len(heights) == 1 and heights.pop() > 2 * before


def test_a_message_goes_once_the_form_is_valid_and_a_refusal_stays(qtbot, workspace, today):
    from leersessie.method.teams import create_team, get_team
    from leersessie_ui.dialogs.records import NewSessionDialog

    team = get_team(workspace.db, create_team(workspace.db, "Team Oost", ["Ans"]).id)
    dialog = NewSessionDialog([team], workspace.catalogue.sorted())
    qtbot.addWidget(dialog)
    refusals: list[str] = []

    def submit() -> None:
        refusals.append("nee")
        raise InputError("De kern weigert.")

    dialog.submit = submit
    dialog.show()
    qtbot.keyClicks(dialog.facilitator, "Marieke")
    qtbot.keyClick(dialog.facilitator, Qt.Key.Key_Return)
    assert (dialog.isVisible(), dialog.error.text(), refusals) == (True, "Kies een werkvorm.", [])
    dialog.template_list.setCurrentRow(0)
    assert dialog.error.isHidden()
    dialog.date.selectAll()
    qtbot.keyClicks(dialog.date, "geen datum")
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert "geen geldige datum" in dialog.error.text()
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, "1-12")
    assert dialog.error.isHidden()
    qtbot.keyClick(dialog.facilitator, Qt.Key.Key_Return)
    assert (dialog.isVisible(), dialog.error.text(), refusals) == (
        True,
        "De kern weigert.",
        ["nee"],
    )
    qtbot.keyClicks(dialog.facilitator, " de Vries")
    assert dialog.error.isVisible()  # only trying again can tell whether the core agrees


def test_alt_down_opens_the_calendar_and_a_chosen_day_lands_in_the_field(qtbot, workspace, today):
    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QCalendarWidget

    from leersessie_ui.dialogs.records import ActionDialog

    dialog = ActionDialog([], today)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.due.setFocus()

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        assert popup is not None
        calendar = popup.findChild(QCalendarWidget, "dateFieldCalendar")
        calendar.clicked.emit(QDate(2027, 3, 4))

    QTimer.singleShot(0, choose)  # runs inside the calendar menu's own event loop
    qtbot.keyClick(dialog.due, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert dialog.due.text() == "04-03-2027"
    assert dialog.due_date() == date(2027, 3, 4)


def test_ctrl_plus_in_the_group_layout_zooms_the_group_screen_and_it_is_remembered(
    qtbot, window, workspace, running
):
    window.show_session(running)
    window.toggle_group_screen()  # one screen here: the main window shows the group layout
    group = window.group
    assert group is not None and group.showing and not group.on_other_screen
    view = group.view
    before = (view.base_size, view.content.open_share.font().pixelSize())
    _press(qtbot, window, Qt.Key.Key_Plus)
    after = (view.base_size, view.content.open_share.font().pixelSize())
    assert all(a > b for a, b in zip(after, before, strict=True))
    assert (window.zoom.percent, group.zoom_level.percent) == (100, 110)
    assert settings.read(workspace.db, settings.GROUP_ZOOM) == 110

    window.toggle_group_screen()  # back to the coach's layout: Ctrl++ is the coach's again
    _press(qtbot, window, Qt.Key.Key_Plus)
    assert (window.zoom.percent, group.zoom_level.percent) == (110, 110)

    again = MainWindow(workspace, today=lambda: TODAY)
    qtbot.addWidget(again)
    again.show()
    again.show_session(running)
    assert again.group is not None and again.group.zoom_level.percent == 110
    assert again.group.zoom == pytest.approx(1.1)


def test_the_window_opens_no_larger_than_its_screen(main_window):
    """A 1024x768 projector: the home page's text was cut off at the right edge."""
    room = main_window.screen().availableGeometry()
    assert main_window.width() <= min(1280, room.width())
    assert main_window.height() <= min(800, room.height())
