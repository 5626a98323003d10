"""Layout of the group screen: what the team reads on the projector.

Every size derives from one base font size (``set_base_size``), chosen for the screen it
is on, so the whole screen scales as one: a zoom factor multiplies the base size.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.style import ACCENT, MUTED, WARNING
from leersessie_ui.widgets.round_view import RoundGroupView
from leersessie_ui.widgets.step_content import StepContentView

# Sizes in "em": multiples of the base font size.
TITLE_EM = 1.9
PROMPT_EM = 1.35
TIMER_EM = 4.2  # at the base size a screen gets, the timer is over a tenth of its height
SMALL_EM = 0.8
RADAR_EM = 14  # the radar's side where the screen has room for it
TIMER_SHARE = 0.3  # of the width, at most: the heading beside it keeps the rest
CONTENT_SHARE = 0.5  # of the height, at least, whatever the screen and zoom
SMALLEST_PX = 14  # no text of the group screen is smaller


def group_stylesheet(base: int) -> str:
    def em(factor: float) -> int:
        return max(1, round(base * factor))

    view = "QWidget#groupView"  # every rule under the view, so they outrank its base size
    return f"""
{view} {{ background: white; }}
{view} QLabel, {view} QWidget {{ font-size: {base}px; }}
{view} QLabel#groupCounter, {view} QLabel#groupClock,
{view} QLabel#contentCaption {{ font-size: {em(SMALL_EM)}px; color: {MUTED}; }}
{view} QLabel#groupClock[over="true"] {{ color: {WARNING}; }}
{view} QLabel#groupTitle {{ font-size: {em(TITLE_EM)}px; font-weight: 600; color: {ACCENT}; }}
{view} QLabel#groupPrompt {{ font-size: {em(PROMPT_EM)}px; }}
{view} QLabel#groupTimer {{ font-size: {em(TIMER_EM)}px; font-family: monospace;
    font-weight: 600; padding: 0 {em(0.3)}px; border-radius: {em(0.3)}px; }}
{view} QLabel#groupTimer[over="true"] {{ color: {WARNING}; }}
{view} QLabel#groupTimer[flash="true"] {{ background: #fde3e0; }}
{view} QLabel#contentHeading {{ font-weight: 600; color: {ACCENT}; margin-top: {em(0.5)}px; }}
{view} QProgressBar#groupOpenShare {{ font-size: {em(SMALL_EM)}px; min-height: {em(1.1)}px;
    border: 1px solid #c9d3d9; border-radius: {em(0.25)}px; background: #f2f6f8;
    text-align: center; color: {MUTED}; }}
{view} QProgressBar#groupOpenShare::chunk {{ background: #a9c6d3; border-radius: {em(0.25)}px; }}
"""


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(wrap)
    return label


def wrapped_height(font: QFont, width: int, text: str) -> int:
    """The height ``text`` takes in ``font`` wrapped at ``width`` pixels."""
    if not text:
        return 0
    room = QRect(0, 0, max(1, width), 100_000)
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetrics(font).boundingRect(room, flags, text).height()


def widest_word(font: QFont, text: str) -> int:
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def sized(font: QFont, pixels: int) -> QFont:
    copy = QFont(font)
    copy.setPixelSize(max(1, pixels))
    return copy


def set_pixel_size(label: QLabel, pixels: int) -> None:
    """A label's own font size (its own style sheet outranks the view's)."""
    rule = f"font-size: {pixels}px;"
    if label.styleSheet() != rule:
        label.setStyleSheet(rule)
        label.setFont(sized(label.font(), pixels))  # now, not when it is next polished


class GroupView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(tr("Groepsscherm"))
        self.step_counter = _label("groupCounter", wrap=False)
        self.session_clock = _label("groupClock", wrap=False)
        self.step_title = _label("groupTitle")
        self.prompt = _label("groupPrompt")
        self.timer = _label("groupTimer", wrap=False)
        self.timer.setAccessibleName(tr("Resterende tijd van deze stap"))
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # The timer takes the room its digits need, the heading the rest of the width.
        self.timer.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for label in (self.step_counter, self.session_clock):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.session_clock.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.content = StepContentView("groupContent")
        self.round = RoundGroupView()  # a step's round: the count, the QR code, the reveal

        top = QHBoxLayout()
        top.addWidget(self.step_counter, 2)
        top.addWidget(self.session_clock, 1)
        heading = QVBoxLayout()
        heading.addWidget(self.step_title)
        heading.addWidget(self.prompt)
        heading.addStretch()
        header = QHBoxLayout()
        header.addLayout(heading, 1)
        header.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)

        self.scroll_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll_area.setObjectName("groupScroll")
        # A round (its count, QR code, reveal) above the step's content, in the same
        # scrolled half of the screen that the fit keeps for what the group works with.
        body = QWidget(objectName="groupBody")
        body.setAutoFillBackground(False)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.round)
        column.addWidget(self.content, 1)
        self.scroll_area.setWidget(body)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the presenter's
        self.content.setAutoFillBackground(False)
        self.scroll_area.viewport().setAutoFillBackground(False)
        # Set before new content shows: the list follows what was just added.
        self.follow_newest = False
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._range_changed)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addLayout(header)
        self._layout.addWidget(self.scroll_area, 1)
        # A black screen (B or "." as on a presentation clicker): the group sees nothing.
        self.blank = QWidget(self, objectName="groupBlank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.setStyleSheet("background: black;")
        self.blank.hide()
        self.base_size = 0
        self.set_base_size(20)

    def set_base_size(self, pixels: int) -> None:
        """Size everything from one base font size (pixels), margins included."""
        if pixels == self.base_size:
            return
        self.base_size = pixels
        self.setStyleSheet(group_stylesheet(pixels))
        self.round.set_base_size(pixels)
        self.fit()

    # --- fitting its screen -----------------------------------------------------------

    def fit(self) -> None:
        """Fit the frame around the content to the view's size: margins, the small top
        line, the heading and the timer shrink (never below readable) until the content
        keeps at least CONTENT_SHARE of the height and no word of the heading is cut."""
        width, height, base = self.width(), self.height(), self.base_size
        if width < 200 or height < 200:
            return
        margin = min(round(base * 1.2), round(height * 0.03))
        spacing = min(round(base * 0.6), round(height * 0.015))
        self._layout.setContentsMargins(margin, round(margin * 0.6), margin, margin)
        self._layout.setSpacing(spacing)
        small = max(SMALLEST_PX, min(round(base * SMALL_EM), round(height / 36)))
        for label in (self.step_counter, self.session_clock):
            set_pixel_size(label, small)
        top = QFontMetrics(sized(self.step_counter.font(), small)).height()
        inner = width - 2 * margin
        budget = height * (1 - CONTENT_SHARE) - round(margin * 1.6) - 2 * spacing - top - 2
        timer_px = self._timer_size(round(inner * TIMER_SHARE))
        scale = 1.0
        while True:
            sizes = self._heading_sizes(scale, timer_px)
            if self._heading_fits(sizes, inner, spacing, budget) or min(sizes) <= SMALLEST_PX:
                break
            scale *= 0.9
        title, prompt, timer = sizes
        set_pixel_size(self.step_title, title)
        set_pixel_size(self.prompt, prompt)
        set_pixel_size(self.timer, timer)
        # The radar as large as its column and the content's half of the screen allow.
        side = max(150, min(RADAR_EM * base, round(inner * 0.45), round(height * CONTENT_SHARE)))
        self.content.radar.setMinimumSize(min(side, 300), side)

    def _timer_size(self, widest: int) -> int:
        """The timer's font size: TIMER_EM, or less where its digits would be wider."""
        timer_px = round(self.base_size * TIMER_EM)
        return min(timer_px, round(timer_px * widest / self._timer_extent(timer_px)[0]))

    def _timer_extent(self, timer_px: int) -> tuple[int, int]:
        """The timer label's width and height at a font size, for its widest text."""
        metrics = QFontMetrics(sized(self.timer.font(), timer_px))
        width = metrics.horizontalAdvance("+00:00") + round(timer_px * 0.6)  # its padding
        # The label's own height (padding, the monospace font's leading) at this size.
        shown_px = max(1, self.timer.font().pixelSize())
        return width, round(self.timer.sizeHint().height() * timer_px / shown_px)

    def _heading_sizes(self, scale: float, timer_px: int) -> tuple[int, int, int]:
        base = self.base_size
        return (
            max(SMALLEST_PX, round(base * TITLE_EM * scale)),
            max(SMALLEST_PX, round(base * PROMPT_EM * scale)),
            max(SMALLEST_PX, round(timer_px * scale)),
        )

    def _heading_fits(
        self, sizes: tuple[int, int, int], inner: int, spacing: int, budget: float
    ) -> bool:
        title_px, prompt_px, timer_px = sizes
        timer_shown = self.timer.isVisibleTo(self)
        timer_width, timer_height = self._timer_extent(timer_px) if timer_shown else (0, 0)
        room = inner - (timer_width + spacing if timer_shown else 0)
        title_font = sized(self.step_title.font(), title_px)
        prompt_font = sized(self.prompt.font(), prompt_px)
        title, prompt = self.step_title.text(), self.prompt.text()
        shown_prompt = prompt if self.prompt.isVisibleTo(self) else ""
        text_height = wrapped_height(title_font, room, title) + (
            spacing + wrapped_height(prompt_font, room, shown_prompt) if shown_prompt else 0
        )
        words = max(widest_word(title_font, title), widest_word(prompt_font, shown_prompt))
        return max(text_height, timer_height) <= budget and words <= room

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self.fit()

    # --- presenting -------------------------------------------------------------------

    def set_blank(self, blank: bool) -> None:
        self.blank.setGeometry(self.rect())
        self.blank.setVisible(blank)
        if blank:
            self.blank.raise_()

    @property
    def is_blank(self) -> bool:
        return self.blank.isVisibleTo(self)

    def scroll_by(self, lines: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.value() + lines * max(1, self.base_size) * 2)

    def _range_changed(self, _low: int, high: int) -> None:
        if self.follow_newest:
            self.scroll_area.verticalScrollBar().setValue(high)

    def texts(self) -> list[str]:
        """Every text the group can read on this screen."""
        if self.is_blank:
            return []
        labels = (
            self.step_counter,
            self.session_clock,
            self.step_title,
            self.prompt,
            self.timer,
        )
        shown = [label.text() for label in labels if label.isVisibleTo(self)]
        return shown + self.round.texts() + self.content.texts()


class GroupWindow(QWidget):
    """The top-level window that carries the group view onto another screen."""

    escape_pressed = Signal()
    closed = Signal()  # closed from outside the app (window manager, Alt+F4)

    def __init__(self, view: GroupView) -> None:
        super().__init__()
        self.setObjectName("groupWindow")
        self.setWindowTitle(tr("Leersessie: groepsscherm"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
