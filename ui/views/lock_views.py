"""What the coach sees of the passphrase: asking for it, choosing one, the locked screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie.store.encryption import loss_warning
from leersessie_ui.dialogs.records import FormDialog


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class PassphraseDialog(FormDialog):
    """Asks for an existing passphrase: at start, before turning encryption off, for a
    backup made with another one."""

    def __init__(
        self,
        title: str,
        explanation: str,
        parent: QWidget | None = None,
        offer_remember: bool = False,
    ) -> None:
        super().__init__(title, parent)
        self.form.addRow(_note(explanation))
        self.passphrase = _passphrase_field("passphrase")
        self.passphrase.setAccessibleName(tr("Wachtwoord"))
        self.form.addRow(tr("Wachtwoord:"), self.passphrase)
        self.remember = QCheckBox(
            tr("Onthouden op deze computer (in de sleutelhanger van het systeem)"),
            objectName="rememberPassphrase",
        )
        self.remember.setVisible(offer_remember)
        self.form.addRow(self.remember)


class NewPassphraseDialog(FormDialog):
    """Choosing a passphrase, with the plain truth about forgetting it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form.addRow(_note(loss_warning(), "warning"))
        self.passphrase = _passphrase_field("newPassphrase")
        self.passphrase.setAccessibleName(tr("Nieuw wachtwoord"))
        self.again = _passphrase_field("newPassphraseAgain")
        self.again.setAccessibleName(tr("Nieuw wachtwoord nogmaals"))
        self.form.addRow(tr("Nieuw wachtwoord:"), self.passphrase)
        self.form.addRow(tr("Nogmaals:"), self.again)
        self.remember = QCheckBox(
            tr("Onthouden op deze computer (in de sleutelhanger van het systeem)"),
            objectName="rememberPassphrase",
        )
        self.form.addRow(self.remember)
        self.sheet = QCheckBox(
            tr("Daarna een herstelblad met het wachtwoord opslaan om af te drukken"),
            objectName="recoverySheet",
        )
        self.sheet.setChecked(True)
        self.form.addRow(self.sheet)
        self.form.addRow(
            _note(
                tr(
                    "De database en de reservekopieën worden in één keer omgezet; dat kan even "
                    "duren. Leersessie sluit het venster daarvoor en opent het daarna weer."
                )
            )
        )


class LockView(QWidget):
    """What the coach's window shows while locked: nothing of the data."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockView")
        title = _note(tr("Leersessie is vergrendeld"), "pageTitle")
        explanation = _note(
            tr("Geef het wachtwoord van de gegevens om verder te werken. Er is niets verloren.")
        )
        self.passphrase = _passphrase_field("unlockPassphrase")
        self.passphrase.setAccessibleName(tr("Wachtwoord"))
        self.error = _note("", "warning")
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
