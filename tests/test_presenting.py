"""Presenting a session: running it from the group layout by keyboard, as with a
presentation clicker, and one model of time (the session clock and the step timers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from leersessie.method.session_times import read_times
from leersessie.method.sessions import start_session
from leersessie.reports.summary import write_summary
from leersessie_ui.dialogs.shortcuts import ShortcutsDialog, menu_shortcuts
from leersessie_ui.main_window import MainWindow
from tests.gui_helpers import answer_yes, when_modal_opens
from tests.test_group_screen import TODAY, shown, start

pytestmark = pytest.mark.gui


@pytest.fixture
def window(main_window: MainWindow) -> MainWindow:
    return main_window


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    assert window.group is not None
    qtbot.keyClick(window.group.view, key)


# --- presenting by keyboard -----------------------------------------------------------


def test_a_whole_actieleren_session_runs_by_keyboard_in_the_one_screen_group_layout(
    qtbot, window: MainWindow
):
    window.show_session(start(window, "actieleren"))
    session = window.session.session
    assert session is not None
    guidance = {
        text
        for step in session.steps
        for text in (step.purpose, *step.watch_for, *step.questions)
        if text
    }
    qtbot.keyClick(window.session.view.notes, Qt.Key.Key_F5)
    group = window.group
    assert group is not None and group.showing and not group.on_other_screen
    seen: list[str] = []
    for number in range(1, len(session.steps) + 1):
        assert window.session.step_index == number - 1
        seen.append(shown(window))
        press(qtbot, window, Qt.Key.Key_T)  # the step's time starts
        assert window.session.view.timebox.running
        qtbot.wait(20)
        remaining = window.session.view.timebox.remaining_seconds()
        press(qtbot, window, Qt.Key.Key_Plus)  # a minute more
        assert window.session.view.timebox.remaining_seconds() >= remaining + 59
        press(qtbot, window, Qt.Key.Key_B)  # a black screen: the group reads nothing
        assert group.view.is_blank and group.view.texts() == []
        press(qtbot, window, Qt.Key.Key_Period)  # the clicker's other black-screen key
        assert not group.view.is_blank
        press(qtbot, window, Qt.Key.Key_PageDown)  # the clicker's "next"
        # Leaving a step paused its timer: one runs at a time.
    assert window.session.step_index == len(session.steps) - 1
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.session.step_index == len(session.steps) - 2
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.session.step_index == len(session.steps) - 1
    assert group.showing  # never left the group layout
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not group.showing and window.centralWidget() is window.pages

    everything = "\n".join(seen)
    assert [text for text in guidance if text in everything] == []
    for key_word in ("Esc", "PgDown", "F5", "Page"):
        assert key_word not in everything  # nothing about keys on the group's screen
    assert all(session.steps[n].title in seen[n] for n in range(len(session.steps)))
    # Every step got some time, each in its own timer.
    assert all(window.session.step_ms(step) >= 20 for step in session.steps)


def test_f1_lists_the_presenters_keys_and_the_round_only_when_there_is_one(
    qtbot, window: MainWindow
):
    def rows(dialog: ShortcutsDialog) -> dict[str, str]:
        table = dialog.table
        return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}

    listed = rows(ShortcutsDialog(menu_shortcuts(window.menuBar()), window))
    assert "PgDown" in listed["Groepsscherm: volgende stap"]
    assert "PgUp" in listed["Groepsscherm: vorige stap"]
    assert "T" in listed["Groepsscherm: tijd van de stap starten of pauzeren"]
    assert "B" in listed["Groepsscherm: zwart scherm (nog eens: terug)"]
    assert "Ronde onthullen" not in listed
    with_round = rows(ShortcutsDialog(menu_shortcuts(window.menuBar()), window, True))
    assert with_round["Ronde onthullen"] == "R"


def test_r_reveals_a_round_only_when_the_session_has_one(qtbot, window: MainWindow):
    window.show_session(start(window, "actieleren"))
    window.toggle_group_screen()
    group = window.group
    assert group is not None
    revealed: list[bool] = []
    group.reveal_round = lambda: revealed.append(True)
    press(qtbot, window, Qt.Key.Key_R)
    assert revealed == []
    group.has_round = lambda: True
    press(qtbot, window, Qt.Key.Key_R)
    assert revealed == [True]


# --- one model of time ------------------------------------------------------------------


def test_the_session_clock_counts_from_the_start_without_any_timer(qtbot, window: MainWindow):
    window.show_session(start(window, "actieleren"))
    qtbot.wait(1100)
    assert not window.session.view.timebox.running
    assert window.session.session_elapsed_ms() >= 1000
    window.toggle_group_screen()
    assert window.group is not None
    assert "Sessie 00:01 van 90:00" in shown(window)


def test_the_session_clock_pauses_when_the_session_is_left_and_stops_when_finished(
    qtbot, window: MainWindow
):
    session_id = start(window, "actieleren")
    window.show_session(session_id)
    qtbot.wait(300)
    window.show_home()
    paused = window.session.session_elapsed_ms()
    qtbot.wait(300)
    assert window.session.session_elapsed_ms() == paused
    assert read_times(window.workspace.db, session_id).elapsed_ms == paused

    window.show_session(session_id)
    qtbot.wait(300)
    when_modal_opens(answer_yes)
    window.session.finish()
    assert window.session.session is not None and window.session.session.is_finished
    finished = window.session.session_elapsed_ms()
    assert finished >= paused + 250
    qtbot.wait(300)
    assert window.session.session_elapsed_ms() == finished  # stopped at "Sessie afronden"
    assert read_times(window.workspace.db, session_id).elapsed_ms == finished


def test_the_clock_and_the_steps_times_survive_a_restart(qtbot, window: MainWindow, workspace):
    session_id = start(window, "actieleren")
    window.show_session(session_id)
    window.session.view.timebox.set_minutes(15, spent_ms=4 * 60_000)
    window.session.go_to(1)
    qtbot.wait(200)
    window.close()
    stored = read_times(workspace.db, session_id)
    assert stored.step_ms["inbreng"] == 4 * 60_000 and stored.elapsed_ms >= 200

    again = MainWindow(workspace, today=lambda: TODAY)
    qtbot.addWidget(again)
    again.show()
    again.show_session(session_id)
    assert again.session.session_elapsed_ms() >= stored.elapsed_ms
    assert again.session.view.step_list.item(0).text().endswith("· 4 min")


def test_entering_a_step_starts_its_timer_when_chosen_and_leaving_pauses_it(
    qtbot, window: MainWindow
):
    window.show_session(start(window, "actieleren"))
    timebox = window.session.view.timebox
    assert not timebox.running  # off by default: the coach starts the time
    window.toggle_timer_with_step()  # Beeld > "Tijd loopt vanaf het begin van elke stap"
    window.session.go_to(1)
    assert timebox.running
    qtbot.wait(1100)
    window.session.go_to(2)
    assert timebox.running
    session = window.session.session
    assert session is not None
    left = window.session.step_ms(session.steps[1])
    assert left >= 1000
    qtbot.wait(300)
    assert window.session.step_ms(session.steps[1]) == left  # paused when left
    assert window.session.view.step_list.item(1).text() == f"2. {session.steps[1].title} · 0 min"


def test_the_summary_sets_planned_against_actual_minutes(window: MainWindow, tmp_path: Path):
    session_id = start(window, "actieleren")
    window.show_session(session_id)
    window.session.view.timebox.set_minutes(15, spent_ms=20 * 60_000)
    window.session.go_to(1)
    target = write_summary(window.workspace.db, session_id, tmp_path / "verslag.md", TODAY)
    text = target.read_text(encoding="utf-8")
    assert "Tijd per stap" in text
    first = next(line for line in text.splitlines() if line.startswith("| 1. "))
    assert "15 min" in first and "20 min" in first
    assert "Hele sessie" in text


# --- small points ---------------------------------------------------------------------------


def test_loopt_door_proposes_two_weeks_on_or_the_later_date_the_action_had(
    window: MainWindow,
):
    from leersessie.demo import DEMO_TEAM, load_demo
    from leersessie.memory.actions import actions_to_review
    from leersessie.method.teams import find_team
    from leersessie_ui.dialogs.records import ReviewDialog

    load_demo(window.workspace.db, window.workspace.catalogue, TODAY)
    team = find_team(window.workspace.db, DEMO_TEAM)
    assert team is not None
    session_id = start_session(
        window.workspace.db,
        team_id=team.id,
        template=window.workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    actions = {a.what: a for a in actions_to_review(window.workspace.db, session_id)}
    later = actions["Elk kwartaal samen de vier cijfers opnieuw geven"]
    earlier = actions["Werkafspraken met de huisarts op papier zetten"]
    assert later.due_date == date(2026, 12, 14) and earlier.due_date == date(2026, 11, 21)
    kept = ReviewDialog(later, "Loopt door", True, TODAY, window)
    assert kept.new_due_date() == date(2026, 12, 14)  # Enter no longer moves it back
    moved = ReviewDialog(earlier, "Loopt door", True, TODAY, window)
    assert moved.new_due_date() == date(2026, 12, 7)  # today + 14 days


def test_a_new_actions_owner_is_the_casusinbrenger_where_there_is_one(window: MainWindow):
    from leersessie.method.teams import find_team

    session_id = start(window, "teamontwikkelruimte")
    db = window.workspace.db
    team = find_team(db, "Team Noord")
    assert team is not None
    eva = next(p for p in team.people if p.name == "Eva")
    with_case = start(window, "actieleren", casusinbrenger_id=eva.id)
    for opened, owner in ((with_case, "Eva"), (session_id, "– nog niemand –")):
        window.show_session(opened)
        session = window.session.session
        assert session is not None
        kinds = [step.kind.value for step in session.steps]
        window.session.go_to(kinds.index("actions"))
        panel = window.session.panels_by_kind()["actions"]
        dialog = panel._dialog()
        assert dialog.owner.currentText() == owner
        dialog.deleteLater()


def test_a_running_sessions_times_are_stored_every_half_minute(qtbot, window: MainWindow):
    """A crash loses at most half a minute of the clock: each 30th second stores it."""
    from leersessie_ui.controllers.session_controller import STORE_EVERY

    session_id = start(window, "actieleren")
    window.show_session(session_id)
    qtbot.wait(50)
    assert read_times(window.workspace.db, session_id).elapsed_ms == 0  # not stored yet
    for _ in range(STORE_EVERY):
        window.session._list_tick.timeout.emit()  # the clock's seconds
    assert read_times(window.workspace.db, session_id).elapsed_ms >= 50
