"""The Qt half of ``leersessie --self-test`` (leersessie.selftest): Qt's own parts of the
installation, then the main window on the home screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from leersessie.base.i18n import tr
from leersessie.selftest import SelfTestFailure

# The plug-ins a window and printing need, per platform. Windows and macOS print without
# a plug-in; Linux prints through CUPS.
_NEEDED_PLUGINS = {
    "linux": [
        ("platforms", "qxcb"),
        ("platforms", "qoffscreen"),
        ("printsupport", "cupsprintersupport"),
    ],
    "win32": [("platforms", "qwindows"), ("platforms", "qoffscreen")],
    "darwin": [("platforms", "qcocoa"), ("platforms", "qoffscreen")],
}
_PLUGIN_FILE = {"linux": "lib{}.so", "win32": "{}.dll", "darwin": "lib{}.dylib"}
QT_TRANSLATION = "qtbase_nl.qm"


def _without_display() -> bool:
    linux = sys.platform.startswith("linux")
    return linux and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_qt_files() -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not QTranslator().load(QT_TRANSLATION, str(translations)):
        raise SelfTestFailure(
            tr(
                "Qt's vertaling {file} ontbreekt in {folder}",
                file=QT_TRANSLATION,
                folder=translations,
            )
        )
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    missing = [
        f"{kind}/{name}"
        for kind, name in _NEEDED_PLUGINS.get(platform, [])
        if not (plugins / kind / _PLUGIN_FILE[platform].format(name)).is_file()
    ]
    if missing:
        raise SelfTestFailure(
            tr(
                "Qt-plug-in ontbreekt in {folder}: {names}",
                folder=plugins,
                names=", ".join(missing),
            )
        )


def check_window(data_dir: Path) -> str:
    """Qt's files, then the main window opened on the home screen."""
    if _without_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    check_qt_files()
    from PySide6.QtGui import QGuiApplication

    from leersessie.workspace import open_workspace
    from leersessie_ui.app import make_application
    from leersessie_ui.main_window import MainWindow

    app = make_application()
    workspace = open_workspace(data_dir, daily_backup=False)
    try:
        window = MainWindow(workspace)
        window.show()
        app.processEvents()
        on_home = window.isVisible() and window.pages.currentWidget() is window.home.view
        window.close()
        app.processEvents()
    finally:
        workspace.close()
    if not on_home:
        raise SelfTestFailure(tr("het hoofdvenster toont het startscherm niet"))
    return tr("startscherm getoond (Qt-platform {name})", name=QGuiApplication.platformName())
