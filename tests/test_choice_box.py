"""Pickers speak in ids, with None for "nobody" or "all"; and the Qt binding in use keeps
Python alive through a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

from leersessie_ui.widgets.choice_box import ChoiceBox


def test_no_choice_round_trips_as_none(qtbot):
    box = ChoiceBox()
    qtbot.addWidget(box)
    box.add_choice("Iedereen", None)
    box.add_choice("Anouk", "id-anouk")
    box.select("id-anouk")
    assert box.value() == "id-anouk"
    box.select(None)
    assert box.currentIndex() == 0 and box.value() is None


def test_an_empty_box_has_no_value_and_an_unknown_value_selects_the_first(qtbot):
    box = ChoiceBox()
    qtbot.addWidget(box)
    assert box.value() is None
    box.add_choice("Alle teams", None)
    box.add_choice("Team Oost", "oost")
    box.select("bestaat-niet")
    assert box.currentIndex() == 0 and box.value() is None


def test_the_qt_binding_does_not_lose_references_to_none(qtbot):
    """PySide6 6.12.0 lost a reference to None on every call returning nothing; a coach
    typing for an hour makes far more than the 18,000 calls after which Python crashed.
    pyproject.toml excludes that release; this catches any release like it."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for count in range(5000):
        label.setText(str(count))
    assert sys.getrefcount(None) > before - 100
