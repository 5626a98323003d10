"""Layout of the group screen: what the team reads on the projector.

Every size derives from one base font size (``set_base_size``), chosen for the screen it
is on, so the whole screen scales as one: a zoom factor multiplies the base size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from leersessie.base.i18n import tr
from leersessie_ui.style import ACCENT, MUTED, WARNING
from leersessie_ui.widgets.round_view import RoundGroupView
from leersessie_ui.widgets.step_content import StepContentView

# Sizes in "em": multiples of the base font size.
TITLE_EM = 1.9
PROMPT_EM = 1.35
TIMER_EM = 4.2  # at the base size a screen gets, the timer is over a tenth of its height
SMALL_EM = 0.8
RADAR_EM = 14  # the radar's smallest side


def group_stylesheet(base: int) -> str:
    def em(factor: float) -> int:
        return max(1, round(base * factor))

    view = "QWidget#groupView"  # every rule under the view, so they outrank its base size
    return f"""
{view} {{ background: white; }}
{view} QLabel, {view} QWidget {{ font-size: {base}px; }}
{view} QLabel#groupCounter, {view} QLabel#groupClock, {view} QLabel#groupHint,
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


class GroupView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(tr("Groepsscherm"))
        self.step_counter = _label("groupCounter")
        self.session_clock = _label("groupClock", wrap=False)
        self.step_title = _label("groupTitle")
        self.prompt = _label("groupPrompt")
        self.timer = _label("groupTimer", wrap=False)
        self.timer.setAccessibleName(tr("Resterende tijd van deze stap"))
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.content = StepContentView("groupContent")
        self.round = RoundGroupView()  # a step's round: the count, the QR code, the reveal
        self.hint = _label("groupHint", wrap=False)

        top = QHBoxLayout()
        top.addWidget(self.step_counter, 1)
        top.addWidget(self.session_clock)
        heading = QVBoxLayout()
        heading.addWidget(self.step_title)
        heading.addWidget(self.prompt)
        heading.addStretch()
        header = QHBoxLayout()
        header.addLayout(heading, 1)
        header.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)

        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content.setAutoFillBackground(False)
        scroll.viewport().setAutoFillBackground(False)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addLayout(header)
        self._layout.addWidget(self.round)
        self._layout.addWidget(scroll, 1)
        self._layout.addWidget(self.hint)
        self.base_size = 0
        self.set_base_size(20)

    def set_base_size(self, pixels: int) -> None:
        """Size everything from one base font size (pixels), margins included."""
        if pixels == self.base_size:
            return
        self.base_size = pixels
        self.setStyleSheet(group_stylesheet(pixels))
        margin = round(pixels * 1.2)
        self._layout.setContentsMargins(margin, round(margin * 0.6), margin, margin)
        self._layout.setSpacing(round(pixels * 0.6))
        self.content.radar.setMinimumSize(RADAR_EM * pixels, RADAR_EM * pixels)
        self.round.set_base_size(pixels)

    def texts(self) -> list[str]:
        """Every text the group can read on this screen."""
        labels = (
            self.step_counter,
            self.session_clock,
            self.step_title,
            self.prompt,
            self.timer,
            self.hint,
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
