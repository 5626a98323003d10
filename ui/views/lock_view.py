"""The locked screen: what the coach's window shows while the data is locked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.views.panels import passphrase_field, wrapped


class LockView(QWidget):
    """What the coach's window shows while locked: nothing of the data."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockView")
        title = wrapped(QLabel(tr("Leersessie is vergrendeld"), objectName="pageTitle"))
        explanation = wrapped(
            QLabel(
                tr("Geef het wachtwoord van de gegevens om verder te werken. Er is niets verloren.")
            )
        )
        self.passphrase = passphrase_field("unlockPassphrase")
        self.passphrase.setAccessibleName(tr("Wachtwoord"))
        self.error = wrapped(QLabel(objectName="warning"))
        self.error.hide()
        button = QPushButton(tr("&Ontgrendelen"))
        button.setObjectName("unlockButton")
        button.setDefault(True)
        button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        box = QWidget()
        box.setFixedWidth(460)  # a fixed width lets the wrapped texts take their height
        inner = QVBoxLayout(box)
        for widget in (title, explanation, self.passphrase, self.error, button):
            inner.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(box)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addLayout(row)
        layout.addStretch()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.passphrase.text())

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.hide()
        self.passphrase.setFocus()

    def show_error(self, message: str) -> None:
        self.passphrase.clear()
        self.error.setText(message)
        self.error.show()
