"""Driving modal dialogs in GUI tests: act on the dialog as soon as it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def when_modal_opens(act: Callable[[QWidget], None], attempts: int = 200) -> None:
    """Schedule ``act(dialog)`` for the next modal window (polls until one is shown)."""

    def poll(remaining: int) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            act(modal)
        elif remaining:
            QTimer.singleShot(10, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def answer_yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def press_ok(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
