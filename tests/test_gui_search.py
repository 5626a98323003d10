"""Searching the team memory from the app: accents ignored, highlights, opening a result."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team
from leersessie_ui.controllers.search_controller import DEBOUNCE_MS

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


@pytest.fixture
def session_id(db, catalogue):
    team = create_team(db, "Wijkteam Oost", ["Anouk", "Bram"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 10, 5),
        facilitator="Marieke",
        present=[p.id for p in team.people],
        casusinbrenger_id=team.people[1].id,
    )
    save_note(db, session_id, "inbreng", "Moeder zegt de afspraak telkens af.")
    save_note(db, session_id, "richtingen", "Betere coördinatie met de huisarts <b>nu</b> & school")
    return session_id


@pytest.fixture
def window(main_window, session_id):
    main_window.show_search()
    return main_window


def test_typing_without_accents_finds_the_note_and_opens_it_at_its_step(qtbot, window, session_id):
    search = window.search
    assert window.pages.currentWidget() is search.view
    qtbot.keyClicks(search.view.field, "coordinatie")
    # Search as you type: the results come after the short pause, without Enter.
    qtbot.waitUntil(lambda: search.view.result_count() == 1, timeout=DEBOUNCE_MS * 10)
    text = search.view.result_text(0)
    assert "Notitie · Wijkteam Oost · 05-10-2026 · Actieleren" in text
    # The matched word (with its accent, as written) is marked; the note's own markup is
    # shown as text, never interpreted.
    assert '<b style="background-color:#ffe58a">coördinatie</b>' in text
    assert "&lt;b&gt;nu&lt;/b&gt; &amp; school" in text
    assert search.view.state.text() == "1 resultaat"

    search.open_row(0)
    assert window.pages.currentWidget() is window.session.view
    assert window.session.session.id == session_id
    assert window.session.view.step_title.text() == "Richtingen, ideeën en oplossingen"
    assert "coördinatie" in window.session.view.notes.toPlainText()


def searched(qtbot, search, text: str) -> int:
    """Search at once for ``text``; the number of results, once they are shown."""
    search.view.field.setText(text)
    with qtbot.waitSignal(search.results_shown, timeout=5000):
        search.run()
    return search.view.result_count()


def test_the_list_draws_the_matched_words_marked(qtbot, window):
    from PySide6.QtGui import QColor

    from leersessie_ui.views.search_view import HIGHLIGHT

    assert searched(qtbot, window.search, "huisarts") == 1
    image = window.search.view.results.viewport().grab().toImage()
    marked = QColor(HIGHLIGHT).rgb()
    assert any(
        image.pixel(x, y) == marked
        for y in range(0, min(image.height(), 80))
        for x in range(0, image.width(), 2)
    )


def test_several_words_and_a_phrase(qtbot, window):
    search = window.search
    assert searched(qtbot, search, "afspraak moeder") == 1
    assert searched(qtbot, search, '"de afspraak telkens"') == 1
    assert searched(qtbot, search, '"afspraak de telkens"') == 0
    assert search.view.state.text().startswith("Niets gevonden")


def test_one_or_two_letters_say_from_how_many_letters_words_that_start_so_are_found(qtbot, window):
    search = window.search
    assert searched(qtbot, search, "hu") == 0
    assert "vanaf 3 letters" in search.view.state.text()
    assert searched(qtbot, search, "hui") == 1


def test_the_query_runs_off_the_gui_thread_and_only_the_newest_answer_is_shown(qtbot, window):
    search = window.search
    search.view.field.setText("huisarts")
    search.run()
    # The answer comes back through the event loop, never inside run() itself.
    assert search.view.result_count() == 0
    search.view.field.setText("moeder")
    with qtbot.waitSignal(search.results_shown, timeout=5000):
        search.run()
    qtbot.wait(50)  # an answer to "huisarts" still on its way would land here
    assert search.view.result_count() == 1
    assert "zegt de afspraak" in search.view.result_text(0)
    assert "huisarts" not in search.view.result_text(0)


def test_a_slow_answer_to_an_older_request_is_dropped(qtbot, db, workspace):
    import threading

    from leersessie_ui.background import LatestOnlyWorker

    worker = LatestOnlyWorker(workspace.db_path)
    release = threading.Event()
    shown: list[str] = []
    worker.submit(lambda _db: release.wait(5) and "oud", shown.append)
    worker.submit(lambda _db: "overgeslagen", shown.append)  # waits behind the slow one
    worker.submit(lambda _db: "nieuw", shown.append)
    release.set()
    qtbot.waitUntil(lambda: shown == ["nieuw"], timeout=5000)
    qtbot.wait(50)
    assert shown == ["nieuw"]
    worker.stop()


def test_emptying_the_field_drops_an_answer_on_its_way(qtbot, window):
    search = window.search
    search.view.field.setText("huisarts")
    search.run()
    search.view.field.setText("")
    search.run()
    qtbot.wait(200)
    assert search.view.result_count() == 0
    assert search.view.state.text().startswith("Accenten maken niet uit")


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "-",
        "AND",
        "coordinatie AND",
        'huis"arts',
        "NEAR(",
        "-huisarts",
        "(",
        "^",
        "a:b",
        "   ",
    ],
)
def test_fts_syntax_typed_in_the_field_does_not_crash(qtbot, window, typed):
    search = window.search
    assert searched(qtbot, search, typed) in (0, 1)
    assert search.view.state.text()  # a message, not an exception


def test_enter_searches_at_once_and_returns_to_the_list(qtbot, window):
    from PySide6.QtCore import Qt

    search = window.search
    search.view.field.setText("huisarts")
    with qtbot.waitSignal(search.results_shown, timeout=5000):
        qtbot.keyClick(search.view.field, Qt.Key.Key_Return)
    assert search.view.result_count() == 1
    assert search.view.current_row() == 0
    assert search.view.results.hasFocus()
