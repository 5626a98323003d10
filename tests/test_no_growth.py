"""Nothing grows with the steps visited: visiting a step again makes no new widgets and
leaves no Python wrappers of deleted ones behind (they piled up: 27 a visit to a
question-coach step with three questions)."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from leersessie.method.questions import add_question
from leersessie_ui.main_window import MainWindow
from tests.test_group_screen import go_to, open_on_group_screen, start

pytestmark = pytest.mark.gui


def settle() -> None:
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def wrappers() -> tuple[int, int]:
    """(wrappers of live widgets, wrappers of deleted ones) held in Python."""
    gc.collect()
    widgets = [o for o in gc.get_objects() if isinstance(o, QWidget)]
    dead = sum(not shiboken6.isValid(w) for w in widgets)
    return len(widgets) - dead, dead


@pytest.mark.parametrize(
    "template_id, step_key",
    [("actieleren", "verhelderen"), ("teamontwikkelruimte", "organiseren")],
)
def test_visiting_a_step_fifty_times_leaves_nothing_behind(
    main_window: MainWindow, template_id: str, step_key: str
):
    session_id = start(main_window, template_id)
    for text in ("Wat gebeurde er?", "Heb je het gevraagd?", "Moet je niet bellen?"):
        add_question(main_window.workspace.db, session_id, step_key, text)
    open_on_group_screen(main_window, session_id)
    go_to(main_window, step_key)
    if main_window.session.current_step.asks_questions:
        main_window.session.questions.view.on_group.setChecked(True)
    session = main_window.session.session
    assert session is not None
    first = session.steps[0].key

    def visit() -> None:  # the step, then the first and the last: every kind of panel
        for key in (step_key, first, session.steps[-1].key):
            go_to(main_window, key)
            settle()

    visit()  # every kind of step shown once: what it makes, it keeps
    before = wrappers()
    for _ in range(50):
        visit()
    after = wrappers()
    assert after[1] - before[1] <= 2, (before, after)  # no dead wrappers pile up
    assert after[0] - before[0] <= 2, (before, after)  # no widgets pile up
