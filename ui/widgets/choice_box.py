"""A combo box of choices that carry an id, where "no choice" is a choice too.

One way for every picker (owner, team, casusinbrenger, level): ``add_choice``,
``value`` and ``select`` speak in ids, with None for "nobody" or "all". Inside the
widget "no value" is an empty string, so Qt never holds a None: an empty QVariant and
None are easily confused, and Qt's findData cannot look None up reliably.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

_NO_VALUE = ""


class ChoiceBox(QComboBox):
    def add_choice(self, label: str, value: str | None) -> None:
        self.addItem(label, _NO_VALUE if value is None else value)

    def value(self) -> str | None:
        if self.currentIndex() < 0:
            return None
        value = self.currentData()
        return None if value == _NO_VALUE else value

    def select(self, value: str | None) -> None:
        """Choose the item with this value; the first item when there is none."""
        self.setCurrentIndex(max(self.findData(_NO_VALUE if value is None else value), 0))
