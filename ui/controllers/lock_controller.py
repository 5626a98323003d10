"""The passphrase in the app: asked at start, set, changed or turned off, and the lock.

Locking (Ctrl+L, or after some idle minutes) saves what was typed, then takes every
window's content out of sight (the coach's window, the group screen and any open
dialog) until the passphrase is given again. The database stays open meanwhile: the
lock keeps eyes off the screen, the encryption keeps a lost laptop's disk unreadable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from leersessie.base.errors import InputError, UserFacingError
from leersessie.base.i18n import tr
from leersessie.store import keychain
from leersessie.store.conversion import (
    backups_under_previous_passphrase,
    convert_folder,
    finish_passphrase_change,
    previous_passphrase_needed,
)
from leersessie.store.encryption import (
    WrongPassphraseError,
    folder_is_encrypted,
    unlock,
    validate_passphrase,
)
from leersessie.store.settings import IDLE_LOCK_MINUTES, read, write

if TYPE_CHECKING:
    from leersessie_ui.main_window import MainWindow
    from leersessie_ui.views.lock_view import LockView

START_TRIES = 3
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def unlock_at_start(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Before the database is opened: the passphrase from the keychain when the coach
    chose that, else asked, at most three times. Nothing is written either way."""
    remembered = keychain.recall(data_dir)
    if remembered is not None:
        try:
            unlock(data_dir, remembered)
            return True
        except WrongPassphraseError:
            keychain.forget(data_dir)  # changed elsewhere: ask, and keep the new one if wished
    from leersessie_ui.dialogs.passphrase import PassphraseDialog  # dialogs: not at every start

    message = ""
    for attempt in range(START_TRIES):
        dialog = PassphraseDialog(
            tr("Leersessie: wachtwoord"),
            tr("De gegevens in {path} zijn versleuteld. Geef het wachtwoord.", path=data_dir),
            parent,
            offer_remember=True,
        )
        if message:
            dialog.show_error(message)
        passphrase = dialog.passphrase
        remember = dialog.remember
        if not dialog.run():
            return False
        try:
            unlock(data_dir, passphrase.text())
        except WrongPassphraseError as error:
            left = START_TRIES - attempt - 1
            message = error.message + " " + tr("Nog {count} keer proberen.", count=left)
            continue
        if remember.isChecked():
            _remember(data_dir, passphrase.text(), parent)
        return True
    QMessageBox.critical(
        parent,
        tr("Leersessie kan niet starten"),
        tr(
            "Drie keer een wachtwoord dat niet klopt. Leersessie stopt; de gegevens zijn niet "
            "gewijzigd. Start de app opnieuw om het nog eens te proberen."
        ),
    )
    return False


def finish_change_at_start(data_dir: Path, parent: QWidget | None = None) -> None:
    """A passphrase change a crash interrupted left backups under the previous passphrase,
    and the current one cannot recover it (the change was to no passphrase): ask for it.
    The coach may skip this; the backups wait and it is asked again at the next start."""
    if not previous_passphrase_needed(data_dir):
        return
    from leersessie_ui.dialogs.passphrase import PassphraseDialog

    message = ""
    for _attempt in range(START_TRIES):
        dialog = PassphraseDialog(
            tr("Vorige wachtwoord"),
            tr(
                "Een wachtwoordwijziging is niet afgemaakt: {count} reservekopieën zijn nog met "
                "het vorige wachtwoord versleuteld. Geef het vorige wachtwoord om ze om te "
                "zetten, of annuleer: dan wordt het bij de volgende start weer gevraagd.",
                count=len(backups_under_previous_passphrase(data_dir)),
            ),
            parent,
        )
        if message:
            dialog.show_error(message)
        passphrase = dialog.passphrase
        if not dialog.run():
            return
        try:
            finish_passphrase_change(data_dir, passphrase.text())
            return
        except WrongPassphraseError as error:
            message = error.message
        except UserFacingError as error:
            QMessageBox.warning(parent, tr("Niet omgezet"), error.message)
            return


def ask_backup_passphrase(message: str, parent: QWidget | None = None) -> str | None:
    from leersessie_ui.dialogs.passphrase import PassphraseDialog

    dialog = PassphraseDialog(tr("Wachtwoord van de reservekopie"), message, parent)
    passphrase = dialog.passphrase
    return passphrase.text() if dialog.run() else None


def _remember(data_dir: Path, passphrase: str, parent: QWidget | None) -> None:
    try:
        keychain.remember(data_dir, passphrase)
    except keychain.KeychainUnavailable as error:
        QMessageBox.warning(parent, tr("Niet onthouden"), error.message)


def convert_with_window_closed(
    data_dir: Path, passphrase: str | None, remember: bool, sheet: bool, today: date
) -> None:
    """Run between two windows (see run_app): no connection to the database is open."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        convert_folder(data_dir, passphrase)
    except UserFacingError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(None, tr("Niet omgezet"), error.message)
        return
    QApplication.restoreOverrideCursor()
    keychain.forget(data_dir)  # a passphrase kept before is no longer the right one
    if passphrase is None:
        QMessageBox.information(
            None,
            tr("Wachtwoord uitgezet"),
            tr("De gegevens en de reservekopieën zijn niet meer versleuteld."),
        )
        return
    if remember:
        _remember(data_dir, passphrase, None)
    QMessageBox.information(
        None,
        tr("Gegevens versleuteld"),
        tr(
            "De gegevens en de reservekopieën zijn versleuteld. Bij elke start vraagt "
            "Leersessie nu het wachtwoord."
        ),
    )
    if sheet:
        save_recovery_sheet(data_dir, passphrase, today)


def save_recovery_sheet(data_dir: Path, passphrase: str, today: date) -> None:
    from leersessie.reports.recovery_sheet import write_recovery_sheet  # reportlab: not at start

    start = str(Path.home() / tr("Herstelblad Leersessie.pdf"))
    while True:
        name, _ = QFileDialog.getSaveFileName(
            None, tr("Herstelblad opslaan"), start, tr("PDF-bestanden (*.pdf)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        try:
            write_recovery_sheet(target, data_dir, passphrase, today)
        except UserFacingError as error:
            QMessageBox.warning(None, tr("Herstelblad niet opgeslagen"), error.message)
            continue
        QMessageBox.information(
            None,
            tr("Herstelblad opgeslagen"),
            tr(
                "Het herstelblad staat in {path}. Druk het af, bewaar het papier op een veilige "
                "plek en gooi het bestand daarna weg.",
                path=target,
            ),
        )
        return


class LockController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.locked = False
        self._view: LockView | None = None
        self._content: QWidget | None = None
        self._bars_visible = (True, True)
        self._hidden: list[QWidget] = []
        self.idle = QTimer(self, singleShot=True)
        self.idle.timeout.connect(self.lock)
        self._watching = False  # the app's every event passes this filter only while idle locking
        self.apply_idle_setting()

    @property
    def encrypted(self) -> bool:
        return folder_is_encrypted(self.workspace.data_dir)

    # --- the menu ----------------------------------------------------------------

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        self._set = self._add(menu, tr("Wachtwoord &instellen…"), self.set_passphrase)
        self._change = self._add(menu, tr("Wachtwoord &wijzigen…"), self.change_passphrase)
        self._off = self._add(menu, tr("Wachtwoord &uitzetten…"), self.turn_off)
        self._lock = self._add(menu, tr("&Vergrendelen"), self.lock, "Ctrl+L")
        self._add(menu, tr("&Automatisch vergrendelen…"), self.edit_idle_lock)
        menu.aboutToShow.connect(self._update_menu)
        self._update_menu()

    def _add(
        self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = ""
    ) -> object:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _update_menu(self) -> None:
        encrypted = self.encrypted
        self._set.setEnabled(not encrypted)  # type: ignore[attr-defined]
        self._change.setEnabled(encrypted)  # type: ignore[attr-defined]
        self._off.setEnabled(encrypted)  # type: ignore[attr-defined]

    # --- set, change, turn off -------------------------------------------------------

    def set_passphrase(self) -> None:
        self._choose_new(tr("Wachtwoord instellen"))

    def change_passphrase(self) -> None:
        if self._confirm_current(tr("Wachtwoord wijzigen")):
            self._choose_new(tr("Wachtwoord wijzigen"))

    def turn_off(self) -> None:
        if not self._confirm_current(
            tr("Wachtwoord uitzetten"),
            tr(
                "Zonder wachtwoord staan de gegevens en reservekopieën weer leesbaar op de "
                "schijf, voor iedereen die de laptop in handen krijgt. Geef het huidige "
                "wachtwoord om de versleuteling uit te zetten."
            ),
        ):
            return
        self._convert_and_reopen(None, False, False)

    def _confirm_current(self, title: str, explanation: str = "") -> bool:
        from leersessie_ui.dialogs.passphrase import PassphraseDialog

        dialog = PassphraseDialog(
            title, explanation or tr("Geef eerst het huidige wachtwoord."), self.window
        )
        field = dialog.passphrase

        def check() -> None:
            try:
                unlock(self.workspace.data_dir, field.text())
            except WrongPassphraseError as error:
                raise InputError(error.message) from error

        dialog.submit = check
        return bool(dialog.run())

    def _choose_new(self, title: str) -> None:
        from leersessie_ui.dialogs.passphrase import NewPassphraseDialog

        dialog = NewPassphraseDialog(title, self.window)
        first, again = dialog.passphrase, dialog.again
        remember, sheet = dialog.remember, dialog.sheet

        def check() -> None:
            validate_passphrase(first.text())
            if first.text() != again.text():
                raise InputError(tr("De twee wachtwoorden verschillen."))

        dialog.submit = check
        if dialog.run():
            self._convert_and_reopen(first.text(), remember.isChecked(), sheet.isChecked())

    def _convert_and_reopen(self, passphrase: str | None, remember: bool, sheet: bool) -> None:
        """Converting replaces the database file: the window closes first, run_app
        converts and opens a new window (as a restore does)."""
        folder, today = self.workspace.data_dir, self.window.today()
        self.window.reopen_with = lambda: convert_with_window_closed(
            folder, passphrase, remember, sheet, today
        )
        self.window.close()

    # --- locking ----------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        if not self.encrypted:
            self.window.statusBar().showMessage(
                tr(
                    "Vergrendelen kan als de gegevens een wachtwoord hebben "
                    "(Gegevens > Wachtwoord instellen…)."
                ),
                8000,
            )
            return
        self.window.flush_notes()  # what was typed is on disk before the screen goes
        self.window.end_rounds()  # a locked laptop listens to no phone
        self.locked = True
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                for child in widget.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
                ):
                    if child.isVisible():
                        child.hide()
                        self._hidden.append(child)
        window = self.window
        self._bars_visible = (window.menuBar().isVisible(), window.statusBar().isVisible())
        window.menuBar().hide()
        window.statusBar().hide()
        self._content = window.takeCentralWidget()
        window.setCentralWidget(self.view)
        self.view.show()
        self.view.reset()

    @property
    def view(self) -> LockView:
        if self._view is None:
            from leersessie_ui.views.lock_view import LockView

            self._view = LockView()
            self._view.unlock_requested.connect(self.unlock)
        return self._view

    def unlock(self, passphrase: str) -> None:
        try:
            unlock(self.workspace.data_dir, passphrase)
        except WrongPassphraseError as error:
            self.view.show_error(error.message)
            return
        window = self.window
        window.takeCentralWidget()  # the lock view, kept for the next time
        assert self._content is not None
        window.setCentralWidget(self._content)
        self._content = None
        menu_bar, status_bar = self._bars_visible
        window.menuBar().setVisible(menu_bar)
        window.statusBar().setVisible(status_bar)
        for child in self._hidden:
            child.show()
        self._hidden.clear()
        self.locked = False
        self.apply_idle_setting()

    # --- the idle lock -------------------------------------------------------------

    def idle_minutes(self) -> int:
        return max(0, read(self.workspace.db, IDLE_LOCK_MINUTES))

    def apply_idle_setting(self) -> None:
        minutes = self.idle_minutes()
        if minutes and self.encrypted and not self.locked:
            self.idle.start(minutes * 60_000)
        else:
            self.idle.stop()
        self._watch_input(self.idle.isActive())

    def _watch_input(self, watch: bool) -> None:
        """Every event of the app goes through a Python filter while it watches for use:
        only while an idle lock is counting down, not on every start."""
        if watch == self._watching:
            return
        app = QApplication.instance()
        assert app is not None
        if watch:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = watch

    def edit_idle_lock(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self.window,
            tr("Automatisch vergrendelen"),
            tr(
                "Vergrendel Leersessie na zoveel minuten zonder muis of toetsenbord "
                "(0 = nooit). Werkt als de gegevens een wachtwoord hebben."
            ),
            self.idle_minutes(),
            0,
            240,
        )
        if ok:
            write(self.workspace.db, IDLE_LOCK_MINUTES, minutes)
            self.apply_idle_setting()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.idle.isActive():
            self.idle.start()  # any use restarts the idle time
        return False
