"""The group screen through the real main window, on a real database.

In this process Qt has one (offscreen) screen, so F5 turns the main window into the group
layout; the two-screen behaviour (full screen on the beamer, swapping, a screen unplugged
and plugged in) runs in a subprocess with two virtual screens: tests/two_screens.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import guidance_shown
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QRadioButton

from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.memory.lookback import set_development_question
from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team, find_team
from leersessie_ui.main_window import MainWindow
from tests.gui_helpers import answer_in_turn, answer_yes, press_ok, when_modal_opens

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
HERE = Path(__file__).parent


def group_labels(window: MainWindow) -> list[str]:
    """The plain text of every label of the group screen, shown or not."""
    assert window.group is not None
    return [
        QTextDocumentFragment.fromHtml(label.text()).toPlainText()
        for label in window.group.view.findChildren(QLabel)
    ]


def shown(window: MainWindow) -> str:
    """What the group can read now."""
    assert window.group is not None
    return "\n".join(
        QTextDocumentFragment.fromHtml(text).toPlainText() for text in window.group.view.texts()
    )


def start(window: MainWindow, template_id: str, **extra: object) -> str:
    db = window.workspace.db
    team = find_team(db, "Team Noord") or create_team(db, "Team Noord", ["Anouk", "Bram", "Eva"])
    return start_session(
        db,
        team_id=team.id,
        template=window.workspace.catalogue.get(template_id),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
        **extra,  # type: ignore[arg-type]
    )


def go_to(window: MainWindow, step_key: str) -> None:
    session = window.session.session
    assert session is not None
    window.session.go_to([s.key for s in session.steps].index(step_key))


def open_on_group_screen(window: MainWindow, session_id: str) -> None:
    window.show_session(session_id)
    window.toggle_group_screen()
    assert window.group is not None and window.group.showing


@pytest.fixture
def window(main_window: MainWindow) -> MainWindow:
    return main_window


@pytest.fixture
def demo_session(window: MainWindow) -> str:
    """A new teamontwikkelruimte of the example team: it opens with the look back on the
    two actions the example left open, and has an earlier session to compare with."""
    db = window.workspace.db
    load_demo(db, window.workspace.catalogue, TODAY)
    team = find_team(db, DEMO_TEAM)
    assert team is not None
    return start_session(
        db,
        team_id=team.id,
        template=window.workspace.catalogue.get("teamontwikkelruimte"),
        on=TODAY,
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )


# --- where it shows -----------------------------------------------------------------


def test_f5_with_one_screen_turns_the_window_into_the_group_layout_and_esc_goes_back(
    qtbot, window: MainWindow
):
    window.show_session(start(window, "actieleren"))
    assert window.group is not None
    assert "Groepsscherm uit" in window.group.state.text()

    qtbot.keyClick(window.session.view.notes, Qt.Key.Key_F5)
    assert window.centralWidget() is window.group.view
    # The coach's menus and status messages stay off the group's screen, and so does any
    # word about keys: F1 on the coach's screen lists them.
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert "Esc" not in shown(window)

    qtbot.keyClick(window.group.view, Qt.Key.Key_Escape)
    assert not window.group.showing
    assert window.centralWidget() is window.pages
    assert window.pages.currentWidget() is window.session.view
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert "Groepsscherm uit" in window.group.state.text()
    assert window.session.view.notes.toPlainText() == ""  # F5 typed nothing

    window.toggle_group_screen()
    qtbot.keyClick(window.group.view, Qt.Key.Key_F5)  # F5 goes back too
    assert not window.group.showing


def test_a_zoom_factor_scales_the_whole_group_screen(window: MainWindow):
    open_on_group_screen(window, start(window, "actieleren"))
    assert window.group is not None
    view = window.group.view
    before = (view.base_size, view.content.open_share.font().pixelSize())
    window.group.set_zoom(1.5)
    after = (view.base_size, view.content.open_share.font().pixelSize())
    # The content's text grows; the heading grows as far as the content keeps half the
    # screen (tests/test_group_fit.py).
    assert all(a > b for a, b in zip(after, before, strict=True))


def test_going_to_another_page_from_the_group_layout_gives_the_window_back(window):
    open_on_group_screen(window, start(window, "actieleren"))
    window.show_home()  # as Ctrl+Home does
    assert window.group is not None and not window.group.showing
    assert window.pages.currentWidget() is window.home.view
    assert window.menuBar().isVisible() and window.statusBar().isVisible()


def test_f5_off_a_session_says_what_to_do(window: MainWindow):
    window.session  # noqa: B018 - the session page exists, but the home page shows
    window.toggle_group_screen()
    assert window.group is not None and not window.group.showing
    assert "Open eerst een sessie" in window.statusBar().currentMessage()


def test_the_timer_takes_at_least_a_tenth_of_the_screen_height(qtbot, window: MainWindow):
    open_on_group_screen(window, start(window, "actieleren"))
    assert window.group is not None
    qtbot.waitUntil(lambda: window.group.view.timer.height() > 0)
    screen_height = window.screen().geometry().height()
    assert window.group.view.timer.height() >= screen_height / 10
    minutes = window.session.current_step.minutes
    assert window.group.view.timer.text() == f"{minutes:02d}:00"


# --- what it shows, and what it never shows -------------------------------------------


def test_no_coach_guidance_ever_reaches_the_group_screen(window: MainWindow):
    db = window.workspace.db
    session_id = start(window, "actieleren", casusinbrenger_id=None)
    team = find_team(db, "Team Noord")
    assert team is not None
    bram = next(p for p in team.people if p.name == "Bram")
    case = start(window, "actieleren", casusinbrenger_id=bram.id)
    set_development_question(db, case, bram.id, "Hoe blijf ik rustig bij boosheid?")
    for sid in (session_id, case, start(window, "teamontwikkelruimte")):
        open_on_group_screen(window, sid)
        session = window.session.session
        assert session is not None
        for index in range(len(session.steps)):
            window.session.go_to(index)
            labels = group_labels(window)
            assert guidance_shown(session.steps, labels) == []
            assert not any("Hoe blijf ik rustig" in label for label in labels)
        window.group.stop()  # type: ignore[union-attr]


def test_notes_stay_off_until_the_coach_shows_them_for_that_step(window: MainWindow):
    open_on_group_screen(window, start(window, "actieleren"))
    go_to(window, "verhelderen")
    window.session.view.notes.setPlainText("Bram twijfelt of hij de moeder moet bellen.")
    assert window.session.flush()
    assert "Bram twijfelt" not in shown(window)

    window.session.view.show_notes.setChecked(True)
    assert "Bram twijfelt of hij de moeder moet bellen." in shown(window)
    window.session.view.notes.setPlainText("Bram belt de moeder morgen.")
    assert window.session.flush()  # the saved note is announced and followed
    assert "Bram belt de moeder morgen." in shown(window)

    go_to(window, "richtingen")  # another step: off again, its own choice
    assert not window.session.view.show_notes.isChecked()
    assert "Notities" not in shown(window)
    go_to(window, "verhelderen")
    assert window.session.view.show_notes.isChecked()


def test_the_group_screen_follows_each_kind_of_edit(qtbot, window: MainWindow, demo_session):
    open_on_group_screen(window, demo_session)
    lookback = window.session.lookback
    assert "nog bespreken" in shown(window)

    # A look-back outcome, marked in the coach's look back.
    lookback.view.table.selectRow(0)
    what = lookback.actions[0].what

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.learned.setPlainText("Het overleg gaf rust.")
        press_ok(dialog)

    when_modal_opens(fill)
    lookback.view.done_button.click()
    assert f"{what}" in shown(window)
    assert "gedaan: Het overleg gaf rust." in shown(window)

    # A score given.
    go_to(window, "dialoog")
    assert "Dialoog voeren: –" in shown(window)
    window.session.view.findChild(QRadioButton, "rating_dialoog_4").click()
    assert "Dialoog voeren: 4" in shown(window)

    # An action agreed, on the closing step, which also shows the four scores.
    go_to(window, "verbetering")
    assert "Dialoog voeren: 4" in shown(window) and "Reflecteren: –" in shown(window)

    def agree(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.what.setText("Elke maandag een vraag van de week")
        dialog.owner.setCurrentIndex(dialog.owner.findText("Femke"))
        press_ok(dialog)

    when_modal_opens(agree)
    window.session.panels_by_kind()["actions"].view.add_button.click()
    assert "Elke maandag een vraag van de week (Femke" in shown(window)


def test_a_finding_added_shows_on_the_group_screen_and_in_the_reviewteam(window: MainWindow):
    casegroep = start(window, "leerreview-casegroep")
    open_on_group_screen(window, casegroep)
    step = next(s for s in window.session.session.steps if s.kind == "findings")  # type: ignore[union-attr]
    go_to(window, step.key)
    panel = window.session.panels_by_kind()["findings"]
    panel.view.new_text.setText("Niemand wist wie de regie had.")
    panel.view.add_button.click()
    assert "1. Niemand wist wie de regie had." in shown(window)

    # The reviewteam step that shows the casegroep's findings, on both screens.
    reviewteam = start(window, "leerreview-reviewteam", linked_session_id=casegroep)
    window.show_session(reviewteam)
    go_to(window, "bevindingen")
    assert "1. Niemand wist wie de regie had." in shown(window)
    coach = "\n".join(window.session.view.shown_content.texts())
    assert "Niemand wist wie de regie had." in coach


def test_every_kind_of_edit_says_saved_like_the_notes(window: MainWindow):
    window.show_session(start(window, "teamontwikkelruimte"))
    go_to(window, "dialoog")
    state = window.session.view.save_state
    state.setText("")
    window.session.view.findChild(QRadioButton, "rating_dialoog_3").click()
    assert state.text().startswith("Opgeslagen om")

    go_to(window, "verbetering")
    state.setText("")

    def agree(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.what.setText("Samen de cijfers bespreken")
        press_ok(dialog)

    when_modal_opens(agree)
    window.session.panels_by_kind()["actions"].view.add_button.click()
    assert state.text().startswith("Opgeslagen om")


# --- time ---------------------------------------------------------------------------


def test_running_over_time_shows_on_both_screens(window: MainWindow):
    open_on_group_screen(window, start(window, "actieleren"))
    timebox = window.session.view.timebox
    assert window.group is not None
    timebox.set_minutes(10, spent_ms=10 * 60_000 + 65_000)  # as if it ran 1:05 over
    window.group._update_time()
    assert timebox.display.text() == "+01:05" and timebox.display.property("over")
    assert window.group.view.timer.text() == "+01:05"
    assert window.group.view.timer.property("over")
    # The session clock counts the session's own time, not the sum of the step timers.
    assert "Sessie 00:0" in shown(window)


# --- one change notification -----------------------------------------------------------


def test_a_deleted_team_refreshes_the_home_list_exactly_once(
    qtbot, window: MainWindow, monkeypatch
):
    create_team(window.workspace.db, "Team Zuid", ["Ilse"])
    window.home.refresh()
    refreshes: list[object] = []
    original = window.home.refresh
    monkeypatch.setattr(
        window.home, "refresh", lambda *args: (refreshes.append(args), original(*args))
    )
    team = window.home.team
    assert team is not None
    seen = answer_in_turn(answer_yes, lambda box: box.accept())
    window.data.delete_team(team)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert len(refreshes) == 1
    assert window.home.view.team_list.count() == 0


def test_the_client_data_check_does_not_reload_the_session_under_the_open_dialog(
    qtbot, window: MainWindow, monkeypatch
):
    window.show_session(start(window, "actieleren"))
    go_to(window, "verhelderen")
    window.session.view.notes.setPlainText("Moeder belt op 0612345678 na schooltijd.")
    reloads: list[bool] = []  # whether a dialog was open at each reload
    original = window.session.reload
    monkeypatch.setattr(
        window.session,
        "reload",
        lambda: (reloads.append(QGuiApplication.modalWindow() is not None), original()),
    )

    def replace(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.table.selectRow(0)
        dialog.pseudonym.setText("[telefoon]")
        dialog.replace_button.click()
        dialog.accept()

    when_modal_opens(replace)
    window.session._request_check()  # the scan runs on a pool thread, then the dialog
    qtbot.waitUntil(lambda: bool(reloads), timeout=10000)
    assert reloads == [False]
    assert window.session.view.notes.toPlainText() == "Moeder belt op [telefoon] na schooltijd."


# --- two screens ------------------------------------------------------------------------


def test_with_two_screens_it_opens_full_screen_on_the_other_and_survives_unplugging(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1280,
                        "height": 800,
                        "logicalDpi": 96,
                    },
                    {
                        "name": "beamer",
                        "x": 1280,
                        "y": 0,
                        "width": 1920,
                        "height": 1080,
                        "logicalDpi": 96,
                    },
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "LEERSESSIE_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, str(HERE / "two_screens.py"), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=HERE.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screens"] == ["beamer", "laptop"] and report["coach_on"] == "laptop"
    assert report["opened"] == {"screen": "beamer", "full_screen": True, "coach_page": "session"}
    assert report["timer_height"] >= 1080 / 10
    # PageDown in the coach's window steps on, in the notes it stays theirs; B blanks.
    assert report["clicker"] == [0, 1, 1, 0] and report["blank"]
    assert "Groepsscherm aan op beamer (1920×1080)" in report["state"]
    assert report["swapped"] == "laptop"
    assert report["unplugged"] == {"mode": "in_main", "session_kept": True, "note": "Blijft staan."}
    assert report["plugged_in"] == {"mode": "screen", "screen": "beamer"}
