"""A round on screen: the coach's controls, the private entry card and the group's view.

The group sees only how many answered while a round is open (and, for a phone round, the
QR code and a short address); after the reveal every answer together: per score item the
distribution as dots per value with the median and the spread, texts as cards, choices as
counts. Texts are shown as plain text: markup a phone sends is never interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import decimal, ntr, tr
from leersessie.method.ratings import MAX_RATING, MIN_RATING
from leersessie.method.templates import RoundKind
from leersessie.room.rounds import TEXT_MAX, Asks, ItemResult, Round, RoundResult, RoundStatus
from leersessie_ui.style import ACCENT, MUTED

CARD_COLUMNS = 3  # text cards per row on the group screen
QR_EM = 10  # the QR code's side in base font sizes: 300 px on a 1080p projector
COUNT_EM = 2.2  # "4 van 6": read from the back of the room


def round_stylesheet(base: int) -> str:
    """The round's sizes on the group screen, from the group screen's base font size."""

    def em(factor: float) -> int:
        return max(1, round(base * factor))

    view = "QWidget#groupRound"  # under the group screen's rules, so these outrank them
    return f"""
{view} QLabel#groupRoundCount {{ font-size: {em(COUNT_EM)}px; font-weight: 600;
    color: {ACCENT}; }}
{view} QLabel#groupRoundQuestion {{ font-size: {em(1.2)}px; }}
{view} QLabel#groupRoundAddress {{ font-size: {em(0.9)}px; font-family: monospace; }}
{view} QLabel#groupRoundCard {{ font-size: {em(1.2)}px; background: #f2f6f8;
    border: 1px solid #c9d3d9; border-radius: {em(0.3)}px; padding: {em(0.4)}px; }}
{view} QLabel#groupRoundDots {{ font-size: {em(1.3)}px; color: {ACCENT}; }}
{view} QLabel#groupRoundOptionCount, {view} QLabel#groupRoundMedian {{ color: {MUTED}; }}
"""


@dataclass(frozen=True)
class RoundShown:
    """What the group screen shows of a step's round."""

    round: Round
    count: int
    result: RoundResult | None = None  # after the reveal
    address: str = ""  # a phone round: the page's address while it takes answers
    qr_png: bytes = b""


def count_text(count: int, expected: int) -> str:
    if expected:
        return tr("{count} van {expected} hebben geantwoord", count=count, expected=expected)
    return ntr("{n} antwoord", "{n} antwoorden", count)


def median_text(item: ItemResult) -> str:
    spread = item.spread
    if item.median is None or spread is None:
        return tr("nog geen antwoorden")
    return tr(
        "mediaan {median} · spreiding {low}–{high}",
        median=decimal(item.median) if item.median % 1 else str(int(item.median)),
        low=spread.lowest,
        high=spread.highest,
    )


def distribution_text(item: ItemResult) -> str:
    """The distribution in words, for a screen reader and for tests."""
    counts = ", ".join(f"{value}: {item.counts[value]}" for value in sorted(item.counts))
    return f"{item.title}: {counts}; {median_text(item)}"


class DotsChart(QWidget):
    """One item's distribution: a column of dots per value of the scale, the median marked."""

    def __init__(self, item: ItemResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("roundDots")
        self.setAccessibleName(distribution_text(item))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _dot(self) -> float:
        return max(8.0, self.fontMetrics().height() * 0.7)

    def sizeHint(self) -> Any:
        size = super().sizeHint()
        tallest = max(3, max(self.item.counts.values(), default=0))
        size.setHeight(int(self._dot() * 1.25 * tallest + self.fontMetrics().height() * 1.6))
        size.setWidth(int(self._dot() * 1.6 * 5 * 2))
        return size

    def minimumSizeHint(self) -> Any:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = self._dot()
        values = list(range(MIN_RATING, MAX_RATING + 1))
        label_height = self.fontMetrics().height() * 1.4
        bottom = self.height() - label_height
        slot = self.width() / len(values)
        for index, value in enumerate(values):
            centre = slot * (index + 0.5)
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(slot * index, bottom, slot, label_height),
                Qt.AlignmentFlag.AlignCenter,
                str(value),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ACCENT))
            for n in range(self.item.counts[value]):
                painter.drawEllipse(
                    QPointF(centre, bottom - dot * (1.25 * n + 0.7)), dot / 2, dot / 2
                )
        median = self.item.median
        if median is not None:
            x = slot * (median - MIN_RATING + 0.5)
            pen = painter.pen()
            painter.setPen(QColor("#e8a33d"))
            painter.drawLine(QPointF(x, 0), QPointF(x, bottom))
            painter.setPen(pen)


def _qlabel(name: str, text: str = "", plain: bool = False) -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    if plain:  # what a person typed: shown as typed, never as markup
        label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class RoundGroupView(QWidget):
    """On the group screen: the round's question, the count, the QR code, the reveal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupRound")
        self.question = _qlabel("groupRoundQuestion")
        self.count = _qlabel("groupRoundCount")
        self.count.setAccessibleName(tr("Aantal antwoorden"))
        self.qr = QLabel(objectName="groupRoundQr")
        self.qr.setAccessibleName(tr("QR-code van de ronde"))
        self.address = _qlabel("groupRoundAddress", plain=True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QWidget(objectName="groupRoundResults")
        self._results = QGridLayout(self.results)
        self._results.setContentsMargins(0, 0, 0, 0)
        self._result_texts: list[str] = []
        self._shown: RoundShown | None = None
        self.base_size = 20
        phone = QVBoxLayout()
        phone.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignLeft)
        phone.addWidget(self.address)
        self.phone = QWidget()
        self.phone.setLayout(phone)
        top = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.question)
        text.addWidget(self.count)
        text.addStretch()
        top.addLayout(text, 1)
        top.addWidget(self.phone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.results)
        self.hide()

    def set_base_size(self, pixels: int) -> None:
        self.base_size = pixels
        self.setStyleSheet(round_stylesheet(pixels))
        if self._shown is not None:
            shown, self._shown = self._shown, None
            self.show_round(shown)  # the QR code at its new size

    def show_round(self, shown: RoundShown | None) -> None:
        """Show a step's round, or nothing when it has none (or it was closed)."""
        if shown is not None and shown == self._shown_before(shown):
            self.count.setText(count_text(shown.count, shown.round.expected))
            return  # another answer: only the count changes
        self._shown = shown
        self._clear_results()
        if shown is None or shown.round.status is RoundStatus.CLOSED:
            self.hide()
            return
        self.question.setText(escape(shown.round.asks.question))
        self.count.setText(count_text(shown.count, shown.round.expected))
        taking_answers = shown.round.status is RoundStatus.OPEN
        self.phone.setVisible(taking_answers and bool(shown.address))
        if taking_answers and shown.address:
            pixmap = QPixmap()
            pixmap.loadFromData(shown.qr_png, "PNG")
            side = max(160, self.base_size * QR_EM)
            self.qr.setPixmap(
                pixmap.scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )
            self.address.setText(shown.address)
        if shown.result is not None:
            self._show_result(shown.result)
        self.show()

    def _shown_before(self, shown: RoundShown) -> RoundShown | None:
        """The round as shown last, with today's count: equal when only the count moved
        in an open round."""
        before = self._shown
        if before is None or before.round != shown.round or shown.result is not None:
            return None
        return RoundShown(before.round, shown.count, None, before.address, before.qr_png)

    def _clear_results(self) -> None:
        while self._results.count():
            item = self._results.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._result_texts = []

    def _add(self, widget: QWidget, row: int, column: int, span: int = 1) -> None:
        self._results.addWidget(widget, row, column, 1, span)
        widget.show()  # at once, not when the layout gets to it

    def _show_result(self, result: RoundResult) -> None:
        for row, item in enumerate(result.items):
            self._add(_qlabel("contentHeading", escape(item.title)), row, 0)
            self._add(DotsChart(item), row, 1)
            self._add(_qlabel("groupRoundMedian", median_text(item)), row, 2)
            self._result_texts.append(distribution_text(item))
        for index, text in enumerate(result.texts):
            card = _qlabel("groupRoundCard", text, plain=True)
            self._add(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
            self._result_texts.append(text)
        highest = max((dots for _, dots in result.choices), default=0)
        for index, (option, dots) in enumerate(result.choices):
            self._add(_qlabel("groupRoundOption", option, plain=True), index, 0)
            bar = _qlabel("groupRoundDots", "●" * dots)
            bar.setAccessibleName(ntr("{n} stip", "{n} stippen", dots))
            if dots and dots == highest:
                bold = QFont(bar.font())
                bold.setBold(True)
                bar.setFont(bold)
            self._add(bar, index, 1)
            self._add(_qlabel("groupRoundOptionCount", str(dots)), index, 2)
            self._result_texts.append(f"{option}: {dots}")
        if result.texts:
            for column in range(CARD_COLUMNS):
                self._results.setColumnStretch(column, 1)
        else:
            self._results.setColumnStretch(0, 0)
            self._results.setColumnStretch(1, 1)

    def texts(self) -> list[str]:
        """Every text the group can read of the round."""
        if not self.isVisibleTo(self.parentWidget() or self):
            return []
        shown = [self.question.text(), self.count.text()]
        if self.phone.isVisibleTo(self):
            shown.append(self.address.text())
        return shown + self._result_texts


class RoundBarView(QFrame):
    """On the coach's screen, in a step that can hold a round: open it, follow, reveal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideBox")
        self.heading = QLabel(objectName="roundHeading")
        self.heading.setWordWrap(True)
        self.state = _qlabel("roundState")
        self.laptop_button = QPushButton(tr("Ronde op de laptop"), objectName="roundLaptop")
        self.phone_button = QPushButton(tr("Ronde op telefoons"), objectName="roundPhone")
        self.enter_button = QPushButton(tr("Antwoorden invoeren"), objectName="roundEnter")
        self.reveal_button = QPushButton(tr("Onthullen"), objectName="roundReveal")
        self.reveal_button.setToolTip(tr("Toont alle antwoorden samen; op het groepsscherm: R"))
        self.close_button = QPushButton(tr("Ronde sluiten"), objectName="roundClose")
        self.share_result = QCheckBox(
            tr("Verdeling ook op de telefoons tonen"), objectName="roundShareResult"
        )
        buttons = QHBoxLayout()
        for button in (
            self.laptop_button,
            self.phone_button,
            self.enter_button,
            self.reveal_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.share_result)

    def show_state(self, question: str, round_: Round | None, count: int, address: str) -> None:
        self.heading.setText(tr("<b>Ronde</b>: {question}", question=escape(question)))
        status = round_.status if round_ else None
        is_open = status is RoundStatus.OPEN
        phone = round_ is not None and round_.way.value == "phone"
        if round_ is None:
            state = tr(
                "Ieder antwoordt eerst voor zich: op de laptop om de beurt, of op de eigen "
                "telefoon. De groep ziet alleen hoeveel er geantwoord hebben."
            )
        elif is_open:
            state = count_text(count, round_.expected)
            if phone and address:
                state += " · " + tr("adres: {address}", address=escape(address))
        elif status is RoundStatus.REVEALED:
            state = tr("Onthuld: {count}", count=count_text(count, round_.expected))
        else:
            state = tr("Gesloten: {count}", count=count_text(count, round_.expected))
        self.state.setText(state)
        self.laptop_button.setVisible(not is_open)
        self.phone_button.setVisible(not is_open)
        if round_ is not None and not is_open:
            self.laptop_button.setText(tr("Opnieuw op de laptop"))
            self.phone_button.setText(tr("Opnieuw op telefoons"))
        else:
            self.laptop_button.setText(tr("Ronde op de laptop"))
            self.phone_button.setText(tr("Ronde op telefoons"))
        self.enter_button.setVisible(is_open and not phone)
        self.reveal_button.setVisible(is_open)
        self.share_result.setVisible(is_open and phone)
        self.close_button.setVisible(status in (RoundStatus.OPEN, RoundStatus.REVEALED))


class RoundEntryCard(QDialog):
    """The private entry card: one person at a time answers on the coach's laptop; "Klaar"
    stores the answer and clears the card for the next. Nothing of an earlier answer is
    on it, and it covers the coach's window."""

    answered = Signal()  # Klaar: the answer on the card is ready
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundEntryCard")
        self.setWindowTitle(tr("Leersessie: ronde"))
        self.setModal(True)
        self.question = _qlabel("entryQuestion")
        self.question.setStyleSheet("font-size: 150%; font-weight: 600;")
        self.instruction = _qlabel("entryInstruction")
        self.inputs = QWidget(objectName="entryInputs")
        self._inputs = QVBoxLayout(self.inputs)
        self.message = _qlabel("entryMessage")
        self.count = _qlabel("entryCount")
        self.done_button = QPushButton(tr("Klaar"), objectName="primary")
        self.done_button.setDefault(True)
        self.stop_button = QPushButton(tr("Stoppen met invoeren"), objectName="entryStop")
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.question)
        layout.addWidget(self.instruction)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.groups: dict[str, QButtonGroup] = {}
        self.text: QLineEdit | None = None
        self.options: list[QAbstractButton] = []
        self.choice_group = QButtonGroup(self)
        self.asks: Asks | None = None
        self.done_button.clicked.connect(self.answered.emit)
        self.stop_button.clicked.connect(self.stop_requested.emit)

    def reject(self) -> None:  # Esc: stop entering, as the button does
        self.stop_requested.emit()

    def build(self, asks: Asks) -> None:
        """The inputs the round asks for, empty."""
        self.asks = asks
        while self._inputs.count():
            item = self._inputs.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.groups, self.text, self.options = {}, None, []
        self.question.setText(escape(asks.question))
        if asks.kind is RoundKind.SCORES:
            self._build_scores(asks)
        elif asks.kind is RoundKind.TEXT:
            self.instruction.setText(
                tr("Typ je antwoord (hooguit {maximum} tekens).", maximum=TEXT_MAX)
            )
            self.text = QLineEdit(objectName="entryText", maxLength=TEXT_MAX)
            self.text.setAccessibleName(asks.question)
            self._inputs.addWidget(self.text)
        else:
            self._build_choices(asks)
        self._inputs.addStretch()

    def _build_scores(self, asks: Asks) -> None:
        low, high = asks.scale
        self.instruction.setText(
            tr(
                "Kies per onderdeel een cijfer: {min} = {low}, {max} = {high}.",
                min=MIN_RATING,
                max=MAX_RATING,
                low=escape(low),
                high=escape(high),
            )
        )
        for item in asks.items:
            row = QHBoxLayout()
            row.addWidget(_qlabel("entryItem", escape(item.title)), 1)
            group = QButtonGroup(self.inputs)
            for score in range(MIN_RATING, MAX_RATING + 1):
                choice = QRadioButton(str(score), objectName=f"entry_{item.key}_{score}")
                choice.setAccessibleName(tr("{item}: {score} van 5", item=item.title, score=score))
                group.addButton(choice, score)
                row.addWidget(choice)
            self.groups[item.key] = group
            holder = QWidget()
            holder.setLayout(row)
            self._inputs.addWidget(holder)

    def _build_choices(self, asks: Asks) -> None:
        self.instruction.setText(ntr("Kies één optie.", "Kies hooguit {n} opties.", asks.dots))
        # Large buttons that stay pressed: a target a person hits without aiming.
        group = QButtonGroup(self.inputs)
        group.setExclusive(asks.dots == 1)
        for index, option in enumerate(asks.options):
            button = QPushButton(option, objectName=f"entryOption_{index}", checkable=True)
            button.setMinimumHeight(button.sizeHint().height() * 2)
            group.addButton(button, index)
            self.options.append(button)
            self._inputs.addWidget(button)
        self.choice_group = group

    def answer(self) -> Any:
        """The answer on the card as it would come from a phone: checked by the core."""
        if self.groups:
            return {
                key: group.checkedId()
                for key, group in self.groups.items()
                if group.checkedId() > 0
            }
        if self.text is not None:
            return self.text.text()
        return [index for index, button in enumerate(self.options) if button.isChecked()]

    def clear(self) -> None:
        """Empty for the next person: no earlier answer stays on the card."""
        for group in self.groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        if self.text is not None:
            self.text.clear()
        if self.options:
            exclusive = self.choice_group.exclusive()
            self.choice_group.setExclusive(False)
            for button in self.options:
                button.setChecked(False)
            self.choice_group.setExclusive(exclusive)
        first: QWidget | None = self.text or next(
            iter(self.inputs.findChildren(QAbstractButton)), None
        )
        if first is not None:
            first.setFocus()
