"""A running timebox for one step: counts down its suggested minutes, then shows overtime."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from leersessie.base.i18n import tr

FLASHES = 3  # a short, calm signal: three soft pulses, then the colour stays
FLASH_MS = 350


def set_style_state(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the stylesheet selects on, and restyle the widget."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def calm_flash(widget: QWidget) -> None:
    """Pulse the widget's ``flash`` style a few times (the time is up)."""
    for pulse in range(2 * FLASHES):
        QTimer.singleShot(
            pulse * FLASH_MS,
            widget,
            lambda on=pulse % 2 == 0: set_style_state(widget, "flash", on),
        )


def format_remaining(seconds: int) -> str:
    sign = "+" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


class Timebox(QWidget):
    overrun = Signal()
    running_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._budget = 0
        self._spent_before = 0  # ms spent in earlier runs of this step
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self._refresh)
        self.display = QLabel(objectName="timebox")
        self.display.setAccessibleName(tr("Resterende tijd van deze stap"))
        self.toggle = QPushButton(tr("Start"), objectName="timeboxToggle")
        self.toggle.setAccessibleName(tr("Timebox starten of pauzeren"))
        self.reset_button = QPushButton(tr("Opnieuw"), objectName="timeboxReset")
        self.reset_button.setAccessibleName(tr("Timebox opnieuw beginnen"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.display, self.toggle, self.reset_button):
            layout.addWidget(widget)
        self.toggle.clicked.connect(self.toggle_running)
        self.reset_button.clicked.connect(self.reset)

    def set_minutes(
        self, minutes: int, spent_ms: int = 0, running: bool = False, extra_seconds: int = 0
    ) -> None:
        """Show a step's timebox; ``spent_ms`` and ``running`` bring back where it was,
        ``extra_seconds`` the time the coach added."""
        self._budget = minutes * 60 + extra_seconds
        self.reset()
        self._spent_before = spent_ms
        if running:
            self.toggle_running()
        self._refresh()
        self.setVisible(minutes > 0)

    def snapshot(self) -> tuple[int, bool]:
        """Milliseconds spent so far, and whether the clock runs."""
        running_ms = self._clock.elapsed() if self.running else 0
        return self._spent_before + running_ms, self.running

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed_seconds(self) -> int:
        running_ms = self._clock.elapsed() if self.running else 0
        return (self._spent_before + running_ms) // 1000

    def remaining_seconds(self) -> int:
        return self._budget - self.elapsed_seconds()

    def toggle_running(self) -> None:
        if self.running:
            self._spent_before += self._clock.elapsed()
            self._tick.stop()
        else:
            self._clock.start()
            self._tick.start()
        self._refresh()
        self.running_changed.emit(self.running)

    def add_seconds(self, seconds: int) -> None:
        self._budget += seconds
        self._refresh()

    def reset(self) -> None:
        was_running = self.running
        self._tick.stop()
        self._spent_before = 0
        self._refresh()
        if was_running:
            self.running_changed.emit(False)

    def _refresh(self) -> None:
        remaining = self.remaining_seconds()
        self.display.setText(format_remaining(remaining))
        over = remaining < 0
        if self.display.property("over") != over:
            set_style_state(self.display, "over", over)
            if over:
                calm_flash(self.display)
                self.overrun.emit()
        self.toggle.setText(tr("Pauze") if self.running else tr("Start"))
