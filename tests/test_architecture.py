"""The border between core and UI, checked on the source and on a real import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "shiboken6", "leersessie_ui", "ui")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_source_never_imports_qt_or_the_ui():
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_modules(path) & set(QT_MODULES))
        for path in (ROOT / "leersessie").rglob("*.py")
    }
    assert {file: names for file, names in offenders.items() if names} == {}


def test_importing_the_whole_core_loads_no_qt():
    script = (
        "import importlib, pkgutil, sys, leersessie\n"
        "for m in pkgutil.walk_packages(leersessie.__path__, 'leersessie.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_ui_is_installed_under_its_own_name_not_as_top_level_ui():
    import leersessie_ui

    assert Path(leersessie_ui.__file__).parent.name == "ui"
    assert (
        subprocess.run([sys.executable, "-c", "import ui"], capture_output=True, cwd="/").returncode
        != 0
    )


def test_cli_commands_do_not_load_qt():
    script = (
        "import sys\n"
        "sys.argv = ['leersessie', '--version']\n"
        "from leersessie_ui.__main__ import main\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_the_window_starts_without_loading_pdf_libraries_or_other_pages(tmp_path):
    """Cold start is measured in benchmarks/; this keeps its wins from regressing: what
    only later pages, dialogs, reports, archives or templates need is not loaded by the
    time the home screen (here with a team and its sessions) is on screen."""
    from leersessie.demo import load_demo
    from leersessie.workspace import open_workspace

    workspace = open_workspace(tmp_path)
    load_demo(workspace.db, workspace.catalogue)
    workspace.close()
    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from leersessie_ui.app import make_application, open_or_explain, show_window_or_explain\n"
        "app = make_application()\n"
        f"window = show_window_or_explain(open_or_explain({str(tmp_path)!r}))\n"
        "app.processEvents()\n"
        "print(window.home.history.rowCount())\n"
        "heavy = ('reportlab', 'pypdfium2', 'cryptography', 'keyring', 'docx', 'icalendar',\n"
        "         'tomllib', 'leersessie.reports', 'leersessie.sharing.archive',\n"
        "         'leersessie.privacy.client_data',\n"
        "         'leersessie_ui.controllers.session_controller',\n"
        "         'leersessie_ui.controllers.search_controller',\n"
        "         'leersessie_ui.controllers.overview_controller',\n"
        "         'leersessie_ui.controllers.data_controller',\n"
        "         'leersessie_ui.controllers.archive_controller',\n"
        "         'leersessie_ui.dialogs', 'leersessie_ui.views.lock_views')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    rows, loaded = result.stdout.strip().splitlines()[-2:]
    assert int(rows) > 0  # the home screen shows the team's sessions
    assert loaded == "[]"
