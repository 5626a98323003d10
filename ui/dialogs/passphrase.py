"""Asking for the passphrase of the data (or of a backup) and choosing a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from leersessie.base.i18n import tr
from leersessie.store.encryption import loss_warning
from leersessie_ui.dialogs.records import FormDialog
from leersessie_ui.views.panels import passphrase_field, wrapped


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
        self.form.addRow(wrapped(QLabel(explanation)))
        self.passphrase = passphrase_field("passphrase")
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
        self.form.addRow(wrapped(QLabel(loss_warning(), objectName="warning")))
        self.passphrase = passphrase_field("newPassphrase")
        self.passphrase.setAccessibleName(tr("Nieuw wachtwoord"))
        self.again = passphrase_field("newPassphraseAgain")
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
            wrapped(
                QLabel(
                    tr(
                        "De database en de reservekopieën worden in één keer omgezet; dat kan even "
                        "duren. Leersessie sluit het venster daarvoor en opent het daarna weer."
                    )
                )
            )
        )
