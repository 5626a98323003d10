"""A running timebox for one step: counts down its suggested minutes, then shows overtime."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from leersessie.i18n import tr


def format_remaining(seconds: int) -> str:
    sign = "+" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


class Timebox(QWidget):
    overrun = Signal()

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

    def set_minutes(self, minutes: int, spent_ms: int = 0, running: bool = False) -> None:
        """Show a step's timebox; ``spent_ms`` and ``running`` bring back where it was."""
        self._budget = minutes * 60
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

    def reset(self) -> None:
        self._tick.stop()
        self._spent_before = 0
        self._refresh()

    def _refresh(self) -> None:
        remaining = self.remaining_seconds()
        self.display.setText(format_remaining(remaining))
        over = remaining < 0
        if self.display.property("over") != over:
            self.display.setProperty("over", over)
            self.display.style().unpolish(self.display)
            self.display.style().polish(self.display)
            if over:
                self.overrun.emit()
        self.toggle.setText(tr("Pauze") if self.running else tr("Start"))
