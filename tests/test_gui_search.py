"""Searching the team memory from the app: accents ignored, highlights, opening a result."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.sessions import save_note, start_session
from leersessie.teams import create_team
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
    qtbot.waitUntil(lambda: search.view.results.count() == 1, timeout=DEBOUNCE_MS * 10)
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


def test_several_words_and_a_phrase(window):
    search = window.search
    search.view.field.setText("afspraak moeder")
    search.run()
    assert search.view.results.count() == 1
    search.view.field.setText('"de afspraak telkens"')
    search.run()
    assert search.view.results.count() == 1
    search.view.field.setText('"afspraak de telkens"')
    search.run()
    assert search.view.results.count() == 0
    assert search.view.state.text().startswith("Niets gevonden")


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
    qtbot.keyClicks(search.view.field, typed)
    search.run()
    assert search.view.state.text()  # a message, not an exception
    assert search.view.results.count() in (0, 1)


def test_enter_searches_at_once_and_returns_to_the_list(qtbot, window):
    from PySide6.QtCore import Qt

    search = window.search
    search.view.field.setText("huisarts")
    qtbot.keyClick(search.view.field, Qt.Key.Key_Return)
    assert search.view.results.count() == 1
    assert search.view.results.currentRow() == 0
