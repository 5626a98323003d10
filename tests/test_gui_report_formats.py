"""The Verslag menu's Word and Markdown entries and the overview's calendar button,
through the real widgets."""

from __future__ import annotations

import pytest
from docx import Document
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog

from leersessie.demo import load_demo
from leersessie.method.sessions import list_sessions

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(workspace, today):
    load_demo(workspace.db, workspace.catalogue, today)
    return workspace.db


def save_to(monkeypatch, target) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )


def test_the_summary_menu_saves_a_word_file(qtbot, main_window, demo, tmp_path, monkeypatch):
    session = list_sessions(demo)[0]
    main_window.show_session(session.id)
    menu = main_window.session.view.summary_button.menu()
    entries = {action.text(): action for action in menu.actions()}
    assert {"Opslaan als Word-bestand…", "Opslaan als Markdown…"} <= set(entries)
    target = tmp_path / "verslag"  # the suffix is added
    save_to(monkeypatch, target)
    entries["Opslaan als Word-bestand…"].trigger()
    written = tmp_path / "verslag.docx"
    qtbot.waitUntil(written.exists, timeout=10000)
    main_window.runner.wait()
    assert any(p.text == "Afgesproken acties" for p in Document(str(written)).paragraphs)


def test_the_overview_saves_the_shown_actions_as_calendar_items(
    qtbot, main_window, demo, tmp_path, monkeypatch
):
    target = tmp_path / "acties.ics"
    save_to(monkeypatch, target)
    main_window.show_actions()
    view = main_window.overview.view
    assert view.calendar_button.isEnabled()
    view.calendar_button.click()
    qtbot.waitUntil(lambda: "agenda-items bewaard" in view.export_state.text(), timeout=10000)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    dated = demo.execute("SELECT count(*) FROM actions WHERE due_date IS NOT NULL").fetchone()[0]
    assert len(events) == dated and view.export_state.text().startswith(f"{dated} agenda-items")
