"""Help > Sneltoetsen: every shortcut of the app in one table."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.zoom import show_whole_text

# The presenter's keys while the group screen shows (a clicker sends PageDown/PageUp,
# B or ".", F5 and Esc). Listed under F1 (presenter_shortcuts).
PRESENTER_KEYS: dict[str, tuple[str, ...]] = {
    "next": ("PgDown", "Right", "Space", "N"),
    "previous": ("PgUp", "Left", "Backspace", "P"),
    "timer": ("T", "S"),
    "minute": ("+", "M"),
    "blank": ("B", "."),
    "round": ("R",),
    "scroll_down": ("Down",),
    "scroll_up": ("Up",),
}
# What a presentation clicker sends (besides F5 and Esc): these also work in the coach's
# window while the group screen is on another screen.
CLICKER_KEYS = ("PgDown", "PgUp", "B", ".")


def keys_text(keys: list[QKeySequence]) -> str:
    """Shortcuts as the user reads them, e.g. "Ctrl++ / Ctrl+="."""
    return " / ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(what, keys) of every menu item that has a shortcut, in menu order; read from the
    menus themselves so a new menu shortcut is listed without anyone updating a list."""
    rows = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            name = action.text().replace("&", "")
            if action.menu():
                walk(action.menu(), f"{path} > {name}")  # type: ignore[arg-type]
            elif action.shortcuts():
                rows.append((f"{path} > {name}", keys_text(action.shortcuts())))

    for action in menu_bar.actions():
        if action.menu():
            walk(action.menu(), action.text().replace("&", ""))  # type: ignore[arg-type]
    return rows


def page_shortcuts() -> list[tuple[str, str]]:
    """Keys that belong to a page or a field rather than a menu."""
    return [
        (tr("Sessie: vorige stap"), "Alt+←"),
        (tr("Sessie: volgende stap"), "Alt+→"),
        (tr("Naar het volgende veld (ook uit de notities)"), "Tab"),
        (tr("Naar het vorige veld"), "Shift+Tab"),
        (tr("Een tab typen in de notities"), "Ctrl+Tab"),
        (tr("Naar het veld bij een onderstreepte letter"), "Alt+letter"),
        (tr("Kalender openen in een datumveld"), "Alt+↓"),
        (tr("Formulier bevestigen"), "Enter"),
        (tr("Formulier sluiten zonder op te slaan"), "Esc"),
    ]


def presenter_shortcuts(with_round: bool = False) -> list[tuple[str, str]]:
    """The keys while the group screen shows (F5), as on a presentation clicker. Only here,
    on the coach's screen: the group screen says nothing about keys."""

    def keys(name: str) -> str:
        return keys_text([QKeySequence(key) for key in PRESENTER_KEYS[name]])

    rows = [
        (tr("Groepsscherm: volgende stap"), keys("next")),
        (tr("Groepsscherm: vorige stap"), keys("previous")),
        (tr("Groepsscherm: tijd van de stap starten of pauzeren"), keys("timer")),
        (tr("Groepsscherm: een minuut erbij"), keys("minute")),
        (tr("Groepsscherm: zwart scherm (nog eens: terug)"), keys("blank")),
        (tr("Groepsscherm: verder lezen of terug"), f"{keys('scroll_down')} / {keys('scroll_up')}"),
        (tr("Groepsscherm: terug naar het scherm van de leercoach"), "Esc / F5"),
        (
            tr("Groepsscherm op een ander scherm: deze toetsen van de presenter werken ook hier"),
            keys_text([QKeySequence(key) for key in CLICKER_KEYS]),
        ),
    ]
    if with_round:
        rows.insert(5, (tr("Ronde onthullen"), keys("round")))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(
        self,
        menu_rows: list[tuple[str, str]],
        parent: QWidget | None = None,
        with_round: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Sneltoetsen"))
        rows = menu_rows + page_shortcuts() + presenter_shortcuts(with_round)
        self.table = QTableWidget(len(rows), 2)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(tr("Sneltoetsen"))
        self.table.setHorizontalHeaderLabels([tr("Wat"), tr("Toetsen")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        show_whole_text(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Sluiten"))
        close.setObjectName("closeButton")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(640, 560)
