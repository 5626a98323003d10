"""Driving modal dialogs in GUI tests: act on the dialog as soon as it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def when_modal_opens(act: Callable[[QWidget], None], attempts: int = 200) -> None:
    """Schedule ``act(dialog)`` for the next modal window (polls until one is shown).

    When ``act`` raises (a failed assert), the dialog is closed before the error goes on:
    otherwise its exec() would wait for a click that never comes and the test would hang
    instead of failing. pytest-qt then fails the test with the error."""

    def poll(remaining: int) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            try:
                act(modal)
            except BaseException:
                _close(modal)
                raise
        elif remaining:
            QTimer.singleShot(10, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def _close(modal: QWidget) -> None:
    """End a modal window's exec() without choosing anything in it."""
    if isinstance(modal, QDialog):
        modal.reject()
    else:
        modal.close()


def answer_yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def press_ok(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]


def answer_in_turn(*acts: Callable[[QWidget], None]) -> list[str]:
    """Answer a sequence of modal windows, each with its own act, in order; returns the
    texts of the message boxes met, so a test can assert on what the user was told."""
    seen: list[str] = []
    previous: list[QWidget] = []

    def run(index: int) -> None:
        def act(modal: QWidget) -> None:
            if previous and modal is previous[-1]:
                QTimer.singleShot(10, lambda: run(index))  # the last one is still closing
                return
            previous.append(modal)
            if isinstance(modal, QMessageBox):
                seen.append(modal.text())
            if index + 1 < len(acts):
                QTimer.singleShot(0, lambda: run(index + 1))
            acts[index](modal)

        when_modal_opens(act)

    run(0)
    return seen


def accept(modal: QWidget) -> None:
    assert isinstance(modal, QDialog)
    modal.accept()
