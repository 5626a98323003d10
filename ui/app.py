"""Starting the app: one QApplication, a checked workspace, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from leersessie import APP_NAME, __version__
from leersessie.errors import UserFacingError
from leersessie.i18n import tr
from leersessie.workspace import Workspace, open_workspace


def make_application(argv: list[str] | None = None) -> QApplication:
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    return app  # type: ignore[return-value]


def open_or_explain(data_dir: str | None) -> Workspace | None:
    """Open the data folder, or tell the user in Dutch why not and what to do."""
    try:
        return open_workspace(data_dir)
    except UserFacingError as error:
        QMessageBox.critical(None, tr("Leersessie kan niet starten"), error.message)
        return None


def run_app(data_dir: str | None = None) -> int:
    app = make_application()
    workspace = open_or_explain(data_dir)
    if workspace is None:
        return 1
    from leersessie_ui.main_window import MainWindow

    window = MainWindow(workspace)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()
