"""Layouts of the per-step panels below the notes (actions, and the format-specific ones)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.widgets.choice_box import ChoiceBox
from leersessie_ui.zoom import show_whole_text


def make_table(
    name: str, accessible: str, headers: Sequence[str], grow_with_rows: bool = False
) -> QTableWidget:
    """A read-only table of rows. ``grow_with_rows``: as tall as its rows, for tables on
    the scrolling step page; otherwise it keeps room for a few rows and scrolls itself
    (a dialog's list of hits or backups can be long)."""
    table = QTableWidget(0, len(headers), objectName=name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move within it
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents
        )
    if not grow_with_rows:
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setMinimumHeight(170)  # room for a few rows
        return table
    show_whole_text(table)
    # Never a scroll bar of its own: it narrowed the rows, which then grew taller than
    # the table, which grew and lost the bar again, and so on.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    _fit_rows(table)
    # Row heights follow the column widths and the font (zoom); refit once they settle.
    refit = QTimer(table, singleShot=True, interval=0)
    refit.timeout.connect(lambda: _fit_rows(table))
    table.verticalHeader().sectionResized.connect(refit.start)
    table.horizontalHeader().sectionResized.connect(refit.start)
    table.model().rowsInserted.connect(refit.start)
    table.model().rowsRemoved.connect(refit.start)
    table.verticalScrollBar().rangeChanged.connect(refit.start)  # rows outgrew the table
    return table


def step_table(name: str, accessible: str, headers: Sequence[str]) -> QTableWidget:
    """A table on the step page: as tall as its rows (the page scrolls as a whole)."""
    return make_table(name, accessible, headers, grow_with_rows=True)


def _fit_rows(table: QTableWidget, empty_rows: int = 2) -> None:
    """As tall as its rows (at least ``empty_rows`` rows of room): the step page scrolls
    as a whole, so a table with a scroll bar of its own only hid rows or took the notes'
    room (at 170 px, the notes under one action were one line high)."""
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    room = max(rows, table.verticalHeader().defaultSectionSize() * empty_rows)
    header = table.horizontalHeader().sizeHint().height()
    scroll_bar = table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(room + header + scroll_bar + 2 * table.frameWidth())


def wrapped(label: QLabel) -> QLabel:
    """A label that wraps rather than widening the window when zoomed in."""
    label.setWordWrap(True)
    return label


def passphrase_field(name: str) -> QLineEdit:
    """A field whose text is never shown: a passphrase typed, perhaps with the room watching."""
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


def tall_enough_for_its_text(window: QWidget) -> None:
    """Call when ``window`` is shown. Qt sizes a window by its layout's minimum, which
    leaves out how tall wrapped labels are at the window's width: at a large zoom level a
    dialog's text was cut off."""
    layout = window.layout()
    assert layout is not None
    needed = layout.totalHeightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), min(needed, window.screen().availableGeometry().height()))


def dialog_buttons(dialog: QDialog, ok: str | None, cancel: str) -> QDialogButtonBox:
    """A dialog's OK (when given) and cancel buttons, wired to accept and reject."""
    box = QDialogButtonBox()
    if ok:
        box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole).setObjectName("okButton")
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancelButton")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Replace the table's rows by ``rows``, a text per cell."""
    table.setRowCount(len(rows))
    with cells_at_once(table):
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
    table.resizeRowsToContents()


@contextmanager
def cells_at_once(table: QTableWidget) -> Iterator[None]:
    """The cells set inside reach the view as one change, not one each: rows and columns
    sized to their contents measured the whole table again for every cell (9 actions,
    36 cells: 8 ms, now 1). Set the row count before, so the view knows the rows."""
    model = table.model()
    model.blockSignals(True)
    try:
        yield
    finally:
        model.blockSignals(False)
    if table.rowCount() and table.columnCount():
        last = model.index(table.rowCount() - 1, table.columnCount() - 1)
        model.dataChanged.emit(model.index(0, 0), last)


def button(text: str, name: str, accessible: str | None = None) -> QPushButton:
    """A named button; a screen reader says ``accessible``, or the text without its
    shortcut mark and dots."""
    widget = QPushButton(text, objectName=name)
    widget.setAccessibleName(accessible or text.replace("&", "").replace("…", ""))
    return widget


def buttons_row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side, left-aligned."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    return row


def entry_row(*items: QWidget | tuple[QWidget, int]) -> QHBoxLayout:
    """Input fields and their buttons on one line; a (widget, stretch) pair widens a field."""
    row = QHBoxLayout()
    for item in items:
        widget, stretch = item if isinstance(item, tuple) else (item, 0)
        row.addWidget(widget, stretch)
    return row


def stack(owner: QWidget, *items: QWidget | QHBoxLayout) -> QVBoxLayout:
    """Lay ``items`` out top to bottom in ``owner``, without margins (panels sit inside the
    step page, which has its own)."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout


class ActionsPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>" + tr("Afgesproken acties") + "</b>")
        self.table = step_table(
            "actionsTable",
            tr("Afgesproken acties"),
            [tr("Actie"), tr("Eigenaar"), tr("Streefdatum"), tr("Status")],
        )
        self.add_button = button(tr("Actie toevoegen"), "addAction")
        self.edit_button = button(tr("Bewerken"), "editAction", tr("Actie bewerken"))
        self.remove_button = button(tr("Verwijderen"), "removeAction", tr("Actie verwijderen"))
        stack(
            self,
            self.heading,
            self.table,
            buttons_row(self.add_button, self.edit_button, self.remove_button),
        )


class FindingsPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.heading = QLabel("<b>" + tr("Bevindingen") + "</b>")
        self.table = step_table(
            "findingsTable", tr("Bevindingen"), [tr("Bevinding"), tr("Maatregelen")]
        )
        self.new_text = QLineEdit(objectName="newFinding")
        self.new_text.setAccessibleName(tr("Nieuwe bevinding"))
        self.new_text.setPlaceholderText(tr("Een bevinding, in één of twee zinnen"))
        self.add_button = button(tr("Toevoegen"), "addFinding", tr("Bevinding toevoegen"))
        self.edit_button = button(tr("Bewerken…"), "editFinding", tr("Bevinding bewerken"))
        self.remove_button = button(tr("Verwijderen"), "removeFinding", tr("Bevinding verwijderen"))
        stack(
            self,
            self.heading,
            self.table,
            entry_row((self.new_text, 1), self.add_button, self.edit_button, self.remove_button),
        )


class MeasuresPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QLabel(objectName="linkedSource")
        self.source.setWordWrap(True)
        self.findings = step_table(
            "linkedFindings",
            tr("Bevindingen uit de casegroep"),
            [tr("Bevinding uit de casegroep"), tr("Maatregelen")],
        )
        self.measures = step_table(
            "measuresTable",
            tr("Verbetermaatregelen"),
            [tr("Maatregel"), tr("Eigenaar"), tr("Niveau"), tr("Kwadrant"), tr("Klaar op")],
        )
        self.what = QLineEdit(objectName="measureWhat")
        self.what.setAccessibleName(tr("Verbetermaatregel"))
        self.what.setPlaceholderText(tr("Verbetermaatregel bij de gekozen bevinding"))
        self.owner = QLineEdit(objectName="measureOwner")
        self.owner.setAccessibleName(tr("Eigenaar van de maatregel"))
        self.owner.setPlaceholderText(tr("Eigenaar"))
        self.level = ChoiceBox(objectName="measureLevel")
        self.level.setAccessibleName(tr("Niveau van de maatregel"))
        # Where the measure lies in Wilber's quadrant, with the four explained beside it.
        self.quadrant = ChoiceBox(objectName="measureQuadrant")
        self.quadrant.setAccessibleName(tr("Kwadrant van de maatregel"))
        self.quadrant_label = QLabel(tr("&Kwadrant:"))
        self.quadrant_label.setBuddy(self.quadrant)
        self.quadrant_help = wrapped(QLabel(objectName="quadrantExplanation"))
        self.quadrant_help.setTextFormat(Qt.TextFormat.RichText)
        # The look back: what earlier reviewteams decided on the chosen finding.
        self.earlier_heading = QLabel(
            "<b>" + tr("Eerdere maatregelen bij deze bevinding: wat is ermee gebeurd?") + "</b>"
        )
        self.earlier = step_table(
            "earlierMeasures",
            tr("Eerdere maatregelen bij deze bevinding"),
            [tr("Maatregel"), tr("Eigenaar"), tr("Klaar op"), tr("Status"), tr("Nu")],
        )
        self.done_button = button(tr("Gedaan"), "measureDone", tr("Maatregel is gedaan"))
        self.continue_button = button(
            tr("Loopt door…"), "measureContinues", tr("Maatregel loopt door")
        )
        self.drop_button = button(tr("Vervallen"), "measureDropped", tr("Maatregel vervalt"))
        self.earlier_row = buttons_row(self.done_button, self.continue_button, self.drop_button)
        self.due = QDateEdit(objectName="measureDue", calendarPopup=True)
        self.due.setDisplayFormat("dd-MM-yyyy")
        self.due.setAccessibleName(tr("Datum waarop de maatregel klaar is"))
        self.due.setToolTip(tr("Klaar op"))
        self.add_button = button(tr("Toevoegen"), "addMeasure", tr("Maatregel toevoegen"))
        self.edit_button = button(tr("Bewerken…"), "editMeasure", tr("Maatregel bewerken"))
        self.remove_button = button(tr("Verwijderen"), "removeMeasure", tr("Maatregel verwijderen"))
        stack(
            self,
            self.source,
            self.findings,
            self.earlier_heading,
            self.earlier,
            self.earlier_row,
            wrapped(QLabel("<b>" + tr("Maatregelen bij de gekozen bevinding") + "</b>")),
            self.measures,
            entry_row((self.what, 3), (self.owner, 1), self.level, self.due, self.add_button),
            entry_row(self.quadrant_label, (self.quadrant, 1)),
            self.quadrant_help,
            buttons_row(self.edit_button, self.remove_button),
        )


class ThemesPanelView(QWidget):
    """Themes over the findings of several casegroep sessions: the findings to choose
    from (a check box each), the themes made, and a line to name a theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = step_table(
            "themeFindings",
            tr("Bevindingen van de casegroepen"),
            [tr("Bevinding"), tr("Casegroep")],
        )
        self.themes = step_table("themesTable", tr("Thema's"), [tr("Thema"), tr("Reikwijdte")])
        self.text = QLineEdit(objectName="themeText")
        self.text.setAccessibleName(tr("Thema"))
        self.text.setPlaceholderText(tr("Wat komt in de aangevinkte bevindingen terug?"))
        self.add_button = button(tr("Toevoegen"), "addTheme", tr("Thema toevoegen"))
        self.save_button = button(tr("Wijziging opslaan"), "saveTheme", tr("Thema wijzigen"))
        self.remove_button = button(tr("Verwijderen"), "removeTheme", tr("Thema verwijderen"))
        stack(
            self,
            wrapped(
                QLabel(
                    "<b>"
                    + tr("Bevindingen van deze en eerdere casegroepen")
                    + "</b> "
                    + tr("Vink de bevindingen aan die bij één thema horen.")
                )
            ),
            self.findings,
            entry_row((self.text, 1), self.add_button),
            wrapped(QLabel("<b>" + tr("Thema's") + "</b>")),
            self.themes,
            buttons_row(self.save_button, self.remove_button),
        )


class RatingsPanelView(QWidget):
    """One row per item: its title and behaviours, the team's 1-5 choice, and a row of
    digits for the scores of the people present, with their spread beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.scale = QLabel(objectName="ratingScale")  # the step's own words for 1 and 5
        self.scale.setWordWrap(True)
        self.rows.addWidget(self.scale)


class RatingRowView(QWidget):
    """One item: what it is, the team's score, and each person's score as a row of digits."""

    def __init__(self) -> None:
        """An empty row; ``show_item`` fills it (rows are kept and filled again for the
        next step, so a step change makes no widgets)."""
        super().__init__()
        self.item_key = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.choices = QHBoxLayout()
        self.choices.addWidget(self.label, 1)
        self.choices.addWidget(QLabel(tr("Team:")))
        self.people = QLineEdit()
        self.people.setPlaceholderText(tr("bijv. 34425"))
        self.people.setMaximumWidth(140)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        people_label = QLabel(tr("Ieder:"))
        people_label.setBuddy(self.people)
        per_person = QHBoxLayout()
        per_person.addSpacing(16)
        per_person.addWidget(people_label)
        per_person.addWidget(self.people)
        per_person.addWidget(self.spread, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(self.choices)
        layout.addLayout(per_person)

    def show_item(self, key: str, title_html: str, people_hint: str) -> None:
        self.item_key = key
        self.setObjectName(f"ratingRow_{key}")
        self.label.setText(title_html)
        self.people.setObjectName(f"peopleScores_{key}")
        self.people.setToolTip(people_hint)
        self.people.setAccessibleName(people_hint)
        self.spread.setObjectName(f"spread_{key}")


class LookbackPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>" + tr("Acties van vorige keer") + "</b>")
        self.table = step_table(
            "lookbackTable",
            tr("Acties van vorige keer"),
            [
                tr("Actie"),
                tr("Eigenaar"),
                tr("Streefdatum"),
                tr("Uitkomst"),
                tr("Wat hebben we geleerd"),
            ],
        )
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.done_button = button(tr("Gedaan…"), "reviewDone", tr("Actie is gedaan"))
        self.continue_button = button(tr("Loopt door…"), "reviewContinued", tr("Actie loopt door"))
        self.drop_button = button(tr("Vervalt…"), "reviewDropped", tr("Actie vervalt"))
        self.trail = QLabel(objectName="actionTrail")
        self.trail.setWordWrap(True)
        stack(
            self,
            self.heading,
            self.table,
            buttons_row(self.done_button, self.continue_button, self.drop_button),
            self.trail,
        )
