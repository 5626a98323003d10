"""Safety in the app: the client-data hint of a long note is made off the GUI thread, and
every failure of a background job reaches the coach."""

from __future__ import annotations

import sqlite3
import sys
import threading
import traceback
from pathlib import Path

import pytest

from leersessie.privacy.client_data import scan, scan_session
from leersessie_ui.controllers import session_controller
from tests.conftest import team_session
from tests.gui_helpers import answer_in_turn, answer_yes


@pytest.fixture
def session_id(workspace):
    return team_session(workspace, "Team Lang", note="Korte notitie.")[1]


def test_a_long_note_is_checked_off_the_gui_thread(qtbot, main_window, session_id, monkeypatch):
    threads: list[bool] = []

    def recording_scan(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return scan(*args, **kwargs)

    monkeypatch.setattr(session_controller, "scan", recording_scan)
    main_window.show_session(session_id)
    view = main_window.session.view
    long_note = "Verslag van het gesprek met de school. " * 300 + "Vader: 06-87654321."
    assert len(long_note) > session_controller.PRIVACY_BACKGROUND_FROM
    view.notes.setPlainText(long_note)
    qtbot.waitUntil(lambda: view.privacy_hint.isVisibleTo(main_window), timeout=5000)
    assert "telefoonnummer" in view.privacy_hint.text()
    assert threads and not threads[-1]  # the long one ran on a worker
    view.notes.setPlainText("Kort en zonder nummer.")
    qtbot.waitUntil(lambda: not view.privacy_hint.isVisibleTo(main_window), timeout=5000)
    assert threads[-1]  # a short note is checked at once, on the GUI thread


def test_deleting_a_session_removes_its_summary_from_the_scratch_folder(
    qtbot, main_window, workspace, session_id, monkeypatch
):
    opened: list[str] = []
    monkeypatch.setattr(
        session_controller.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    main_window.show_session(session_id)
    main_window.session.open_summary()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert [p.parent for p in map(Path, opened)] == [workspace.scratch_dir]
    assert Path(opened[0]).exists()

    told = answer_in_turn(answer_yes, lambda box: box.accept())
    main_window.session._request_delete()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    main_window.runner.wait()
    assert "Verwijderd" in told[1]
    assert list(workspace.scratch_dir.iterdir()) == []


def _run_and_collect(qtbot, runner, work):
    done: list[object] = []
    failed: list[str] = []
    runner.run(work, done.append, failed.append)
    runner.wait()
    qtbot.waitUntil(lambda: bool(done or failed) or not runner._callbacks, timeout=5000)
    return done, failed


def test_a_background_job_that_meets_a_full_disk_tells_the_coach(qtbot, main_window):
    def fill_the_disk(_db):
        raise sqlite3.OperationalError("database or disk is full")

    done, failed = _run_and_collect(qtbot, main_window.runner, fill_the_disk)
    assert done == [] and len(failed) == 1
    assert failed[0].startswith("De schijf is vol") and "Maak ruimte vrij" in failed[0]


def test_a_background_job_that_meets_an_os_error_says_it_in_dutch(qtbot, main_window, tmp_path):
    def read_missing(_db):
        return (tmp_path / "weg.pdf").read_bytes()

    _done, failed = _run_and_collect(qtbot, main_window.runner, read_missing)
    assert failed == [
        f"Dit is niet gelukt: het bestand of de map bestaat niet ({tmp_path / 'weg.pdf'}). "
        "Controleer de map en probeer het opnieuw."
    ]


def test_a_programming_error_in_a_background_job_goes_to_the_excepthook(
    qtbot, main_window, monkeypatch
):
    seen: list[tuple[type, BaseException, object]] = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info))

    def buggy(_db):
        return {}["ontbreekt"]

    done, failed = _run_and_collect(qtbot, main_window.runner, buggy)
    assert done == [] and failed == []
    [(kind, _error, trace)] = seen
    assert kind is KeyError and trace is not None  # the full traceback, for the log
    assert "buggy" in "".join(traceback.format_tb(trace))


def test_the_apps_excepthook_shows_and_prints_a_background_error(qtbot, main_window, capsys):
    from leersessie_ui.app import report_uncaught

    shown = answer_in_turn(lambda box: box.accept())
    monkey_hook = sys.excepthook
    sys.excepthook = report_uncaught
    try:
        _run_and_collect(qtbot, main_window.runner, lambda _db: {}["Kevin slaapt bij oom"])
    finally:
        sys.excepthook = monkey_hook
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "KeyError" in shown[0] and "Traceback" in capsys.readouterr().err
    # A bug's message may quote a note; the dialog (perhaps on the projector) does not.
    assert "Kevin" not in shown[0]


def test_the_check_dialog_says_why_each_hit_counts(qtbot, main_window, workspace):
    _team, session = team_session(workspace, "Team Waarom", note="Bel vader op 06-12345678.")
    seen: list[tuple[str, str]] = []

    def read(dialog) -> None:
        kind = dialog.table.item(0, 1)
        seen.append((kind.text(), kind.toolTip()))
        dialog.reject()

    answer_in_turn(read)
    main_window.data.check_session(session)  # the scan runs on a pool thread
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [("telefoonnummer", "Nederlands telefoonnummer")]


def test_the_check_before_an_export_scans_off_the_gui_thread(
    qtbot, main_window, workspace, monkeypatch
):
    from leersessie_ui.controllers import data_controller

    threads: list[bool] = []

    def recording_scan(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return scan_session(*args, **kwargs)

    monkeypatch.setattr(data_controller, "scan_session", recording_scan)
    opened: list[str] = []
    monkeypatch.setattr(
        session_controller.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    _team, session = team_session(workspace, "Team Lang", note="Overleg. " * 2000)
    main_window.show_session(session)
    main_window.session.open_summary()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert threads == [False]
