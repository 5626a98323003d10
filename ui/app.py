"""Starting the app: one QApplication, a checked workspace, the main window."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from leersessie import APP_NAME, __version__, logbook, settings
from leersessie.backup import auto_backup, restore_backup
from leersessie.encryption import (
    SQLITE_OPERATIONAL_ERRORS,
    PassphraseRequired,
    folder_is_encrypted,
    folder_key,
)
from leersessie.errors import UserFacingError
from leersessie.i18n import LANGUAGES, language, set_language, tr
from leersessie.paths import database_path, resolve_data_dir
from leersessie.storage import IntegrityCheck, explain_write_error, refuse_when_held
from leersessie.workspace import Workspace, open_workspace


def make_application(argv: list[str] | None = None) -> QApplication:
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    use_language(language())
    return app  # type: ignore[return-value]


_QT_LOCALES = {
    "nl": QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_qt_translator: QTranslator | None = None


def use_language(code: str) -> None:
    """Our texts and Qt's own (Ja/Nee in a question, the print dialog) in one language."""
    global _qt_translator
    set_language(code)
    QLocale.setDefault(_QT_LOCALES[code])
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
    translator = QTranslator(app)
    if translator.load(
        f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        _qt_translator = None


def report_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """What an exception that escapes a click becomes: a failed write (full disk, locked
    or read-only database) gets its Dutch explanation; anything else, a programming
    error, is shown as what it is and printed in full, never swallowed."""
    if isinstance(error, SQLITE_OPERATIONAL_ERRORS):
        logbook.logger.warning("Niet opgeslagen", exc_info=(kind, error, trace))
        QMessageBox.warning(None, tr("Niet opgeslagen"), explain_write_error(error).message)
        return
    logbook.log_uncaught(kind, error, trace)
    traceback.print_exception(kind, error, trace)
    QMessageBox.critical(None, tr("Fout in Leersessie"), logbook.unexpected_error_message(error))


def open_or_explain(
    data_dir: str | None, integrity: IntegrityCheck | None = None
) -> Workspace | None:
    """Open the data folder, or tell the user in Dutch why not and what to do.

    The daily backup is left to a background thread: on years of sessions it takes
    about a second, which the start of the app must not wait for.
    """
    from leersessie_ui.controllers.lock_controller import unlock_at_start

    workspace = None
    folder = resolve_data_dir(data_dir)
    if folder_is_encrypted(folder):
        if folder_key(folder) is None and not unlock_at_start(folder):
            return None
        if integrity is None:  # now it can read the file: beside the start, as for a plain one
            integrity = IntegrityCheck(database_path(folder))
    try:
        workspace = open_workspace(data_dir, daily_backup=False, integrity=integrity)
        logbook.start_logging(workspace.data_dir)
        workspace.confirm_integrity()
        refuse_when_held(workspace.db, workspace.db_path)
    except UserFacingError as error:
        if workspace is not None:
            workspace.close()  # nothing was written: the file stays as it was
        QMessageBox.critical(None, tr("Leersessie kan niet starten"), error.message)
        return None
    return workspace


def apply_language(workspace: Workspace) -> None:
    """The language chosen in Beeld > Taal is stored with the data and counts from the start:
    the window is built with it, so every text is in one language."""
    code = settings.read(workspace.db, settings.LANGUAGE)
    if code in LANGUAGES:
        use_language(code)


def restore(workspace: Workspace, backup: Path) -> None:
    """With the workspace closed: put the backup back, and say how it went."""
    from leersessie_ui.controllers.lock_controller import ask_backup_passphrase

    try:
        try:
            kept = restore_backup(workspace.data_dir, backup)
        except PassphraseRequired as needed:
            passphrase = ask_backup_passphrase(needed.message)
            if passphrase is None:
                return
            kept = restore_backup(workspace.data_dir, backup, passphrase)
    except UserFacingError as error:
        QMessageBox.warning(None, tr("Reservekopie niet teruggezet"), error.message)
        return
    QMessageBox.information(
        None,
        tr("Reservekopie teruggezet"),
        tr(
            "De reservekopie is teruggezet. De gegevens van daarvoor zijn bewaard in {path}.",
            path=kept,
        )
        if kept
        else tr("De reservekopie is teruggezet."),
    )


def _backup_job(folder: Path) -> Callable[[Database], object]:
    """The daily backup of this data folder, as work for the background runner."""
    return lambda _db: auto_backup(folder)


def run_app(data_dir: str | None = None, integrity: IntegrityCheck | None = None) -> int:
    app = make_application()
    sys.excepthook = report_uncaught
    from leersessie_ui.main_window import MainWindow

    while True:  # a restore closes the window and opens a new one on the restored data
        workspace = open_or_explain(data_dir, integrity)
        integrity = None  # after a restore the check runs again, at opening
        if workspace is None:
            return 1
        apply_language(workspace)
        window = MainWindow(workspace)
        window.show()
        window.runner.run(
            _backup_job(workspace.data_dir),
            lambda _path: None,
            window.statusBar().showMessage,
        )
        QTimer.singleShot(0, window.show_start_notices)
        try:
            code = app.exec()
        finally:
            window.runner.wait()
            workspace.close()
        if window.reopen_with is not None:
            window.reopen_with()
            continue
        if window.restore_file is None:
            return code
        restore(workspace, window.restore_file)
