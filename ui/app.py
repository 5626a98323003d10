"""Starting the app: one QApplication, a checked workspace, the main window."""

from __future__ import annotations

import functools
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from leersessie import APP_NAME, __version__
from leersessie.base.errors import DatabaseError, UserFacingError
from leersessie.base.i18n import LANGUAGES, language, set_language, tr
from leersessie.base.sqlite_errors import SQLITE_OPERATIONAL_ERRORS
from leersessie.store import logbook, settings
from leersessie.store.backup import auto_backup, restore_backup
from leersessie.store.encryption import PassphraseRequired, folder_is_encrypted, folder_key
from leersessie.store.paths import resolve_data_dir
from leersessie.store.storage import explain_write_error, refuse_when_held
from leersessie.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from leersessie_ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    # Wayland matches the window to leersessie.desktop by this name: its icon in the dock.
    QGuiApplication.setDesktopFileName("leersessie")
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


def open_or_explain(data_dir: str | None) -> Workspace | None:
    """Open the data folder, or tell the user in Dutch why not and what to do.

    The full integrity check and the daily backup are left for after the window is up
    (see check_then_back_up): on years of sessions they take a second or more, which
    the start of the app must not wait for.
    """
    from leersessie_ui.controllers.lock_controller import finish_change_at_start, unlock_at_start

    folder = resolve_data_dir(data_dir)
    # An encrypted folder asks for its passphrase before anything opens it.
    if folder_is_encrypted(folder) and folder_key(folder) is None and not unlock_at_start(folder):
        return None
    finish_change_at_start(folder)  # backups a crash left under the previous passphrase
    try:
        workspace = open_workspace(data_dir, daily_backup=False, defer_integrity=True)
    except UserFacingError as error:
        QMessageBox.critical(None, tr("Leersessie kan niet starten"), error.message)
        return None
    logbook.start_logging(workspace.data_dir)
    try:
        refuse_when_held(workspace.db, workspace.db_path)  # another program writes in it
    except UserFacingError as error:
        workspace.close()
        QMessageBox.critical(None, tr("Leersessie kan niet starten"), error.message)
        return None
    return workspace


def check_then_back_up(
    window: MainWindow, workspace: Workspace, on_refused: Callable[[], None] = lambda: None
) -> None:
    """After the first paint: the full integrity check, then the daily backup (never a
    backup of a damaged file over good ones), both on a pool thread. A damaged file is
    refused as at opening: the message with the latest backup, and the window closes
    before anything was written."""
    check = workspace.integrity
    if check is not None:
        check.start()

    def work(_db: object) -> None:
        if check is not None:
            try:
                check.result()
            except DatabaseError:
                return  # refused below, on the GUI thread, with the latest backup named
        auto_backup(workspace.data_dir)

    def done(_result: object) -> None:
        try:
            workspace.confirm_integrity()
            window.runner.integrity = None
        except UserFacingError as error:
            QMessageBox.critical(window, tr("Leersessie kan niet verder"), error.message)
            on_refused()
            window.close()

    window.runner.run(work, done, window.statusBar().showMessage)


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


def warm_up_reports(window: MainWindow) -> None:
    """After the first paint, on a pool thread: import the summary and pay reportlab's
    first-use costs, so the first summary after a start is as quick as the next."""

    def work(_db: object) -> None:
        import leersessie.reports.summary  # noqa: F401  what the first summary imports
        from leersessie.reports.pdf import warm_up

        warm_up()

    window.runner.run(work, lambda _result: None, window.statusBar().showMessage)


def show_window_or_explain(workspace: Workspace) -> MainWindow | None:
    """The main window on the opened workspace; a damaged page met while building it
    (the full check comes after the start) is refused like a damaged file at opening."""
    from leersessie_ui.main_window import MainWindow

    try:
        apply_language(workspace)
        window = MainWindow(workspace)
    except sqlite3.DatabaseError as exc:
        refusal = workspace.refusal_for(exc)
        if refusal is None:
            raise
        QMessageBox.critical(None, tr("Leersessie kan niet starten"), refusal.message)
        return None
    window.runner.integrity = workspace.integrity  # pool jobs write only after the check
    window.show()
    return window


class _AfterFirstPaint(QObject):
    """Calls ``then`` at the first event-loop tick after the watched widget's first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def start_after_first_paint(
    window: MainWindow, workspace: Workspace, on_refused: Callable[[], None] = lambda: None
) -> None:
    """What the start leaves for after the home screen is on screen: the integrity check
    and the daily backup, the report warm-up, and the start-up notices. Started earlier,
    they would compete with building and painting the window."""

    def start() -> None:
        check_then_back_up(window, workspace, on_refused)
        warm_up_reports(window)
        window.show_start_notices()

    _AfterFirstPaint(window.home.view, start)


def run_app(data_dir: str | None = None) -> int:
    app = make_application()
    sys.excepthook = report_uncaught
    while True:  # a restore closes the window and opens a new one on the restored data
        workspace = open_or_explain(data_dir)
        if workspace is None:
            return 1
        window = show_window_or_explain(workspace)
        if window is None:
            workspace.close()
            return 1
        refused: list[bool] = []  # a damaged file found after the start
        start_after_first_paint(window, workspace, functools.partial(refused.append, True))
        try:
            code = app.exec()
        finally:
            window.runner.wait()
            workspace.close()
        if refused:
            return 1
        if window.reopen_with is not None:
            window.reopen_with()
            continue
        if window.restore_file is None:
            return code
        restore(workspace, window.restore_file)
