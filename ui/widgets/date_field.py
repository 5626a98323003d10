"""A date field that takes what the user types (12-12, 12-12-2026, 2026-12-12) and offers
a calendar beside it. Qt's QDateEdit edits one section at a time and ignored typing until
the day was double-clicked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QWidget,
    QWidgetAction,
)

from leersessie.base.dates import parse_typed_date
from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie_ui.style import ACCENT, MUTED


def _typed_form(value: dt.date) -> str:
    """How the field writes a date: as the coach types one (dd-mm-jjjj), in any language."""
    return value.strftime("%d-%m-%Y")


def _to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _calendar_icon() -> QIcon:
    """A small calendar sheet, drawn: Qt's standard icons have none."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(MUTED), 2))
    painter.drawRect(4, 6, 24, 22)
    painter.fillRect(4, 6, 24, 6, QColor(ACCENT))
    for row in range(2):
        for column in range(3):
            painter.fillRect(8 + 7 * column, 16 + 6 * row, 4, 3, QColor(MUTED))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """Speaks QDate like QDateEdit (``date``, ``setDate``, ``dateChanged``), so forms keep
    their code; ``value`` and ``problem`` say what was typed in plain Python terms."""

    dateChanged = Signal(QDate)

    def __init__(self, objectName: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(objectName)
        self._last = dt.date.today()  # the last valid date; its year completes "12-12"
        self.setPlaceholderText(tr("dd-mm-jjjj"))
        self.setToolTip(tr("Typ een datum, bijvoorbeeld 12-12 of 12-12-2026"))
        icon = QIcon.fromTheme("x-office-calendar", _calendar_icon())
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(tr("Kalender") + " (Alt+↓)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()  # as a combo box opens its list
            return
        super().keyPressEvent(event)

    def value(self) -> dt.date | None:
        """The date typed, or None while the text is not a date."""
        try:
            return parse_typed_date(self.text(), self._last.year)
        except InputError:
            return None

    def problem(self) -> str | None:
        """Why the text is not a date, in the user's words; None when it is one."""
        if not self.text().strip():
            return tr("Vul een datum in, bijvoorbeeld 12-12-2026.")
        try:
            parse_typed_date(self.text(), self._last.year)
        except InputError as error:
            return error.message
        return None

    def date(self) -> QDate:
        value = self.value()
        return _to_qdate(value) if value else QDate()

    def setDate(self, value: QDate | dt.date) -> None:  # QDateEdit's name and type
        day = (
            value
            if isinstance(value, dt.date)
            else dt.date(value.year(), value.month(), value.day())
        )
        self.setText(_typed_form(day))
        self._typed()

    def _typed(self) -> None:
        value = self.value()
        if value is not None:
            self._last = value
            self.dateChanged.emit(_to_qdate(value))

    def _tidy(self) -> None:
        """Show a typed date in full once the user leaves the field (12-12 -> 12-12-2026)."""
        value = self.value()
        if value is not None and self.text() != _typed_form(value):
            self.setText(_typed_form(value))

    def show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setObjectName("dateFieldCalendar")
        calendar.setSelectedDate(_to_qdate(self.value() or self._last))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def choose(chosen: QDate) -> None:
            self.setDate(chosen)
            menu.close()

        calendar.clicked.connect(choose)
        calendar.activated.connect(choose)
        calendar.setFocus()
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
        menu.deleteLater()
