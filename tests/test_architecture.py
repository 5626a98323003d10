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
        "         'tomllib', 'leersessie.sharing.archive',\n"
        "         'leersessie.reports.pdf', 'leersessie.reports.summary',\n"
        "         'leersessie.reports.docx', 'leersessie.reports.team_report',\n"
        "         'leersessie.privacy.client_data',\n"
        "         'leersessie_ui.controllers.session_controller',\n"
        "         'leersessie_ui.controllers.search_controller',\n"
        "         'leersessie_ui.controllers.overview_controller',\n"
        "         'leersessie_ui.controllers.data_controller',\n"
        "         'leersessie_ui.controllers.archive_controller',\n"
        "         'leersessie_ui.dialogs.records',\n"
        "         'leersessie_ui.dialogs.passphrase', 'leersessie_ui.dialogs.archive',\n"
        "         'leersessie_ui.dialogs.privacy', 'leersessie_ui.views.lock_view')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    rows, loaded = result.stdout.strip().splitlines()[-2:]
    assert int(rows) > 0  # the home screen shows the team's sessions
    assert loaded == "[]"


# The core's layers, lowest first: a module may import its own layer and those below,
# never one above. Written down here once; docs/architecture.md draws the same picture.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("leersessie", "leersessie.base", "leersessie.fonts"),
    ("leersessie.store",),
    ("leersessie.method",),
    ("leersessie.room",),
    ("leersessie.memory",),
    ("leersessie.privacy",),
    ("leersessie.sharing",),
    ("leersessie.reports",),
    ("leersessie.workspace", "leersessie.demo", "leersessie.selftest", "leersessie.cli"),
)


def core_modules() -> dict[str, Path]:
    """Every module of the core by its dotted name (a package by its own name)."""
    modules = {}
    for path in (ROOT / "leersessie").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def core_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The core modules ``name`` imports anywhere in its source, inside functions and
    type-checking blocks included: a deferred import is still an arrow."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = core_modules()
    return {name: core_imports(name, path, modules) for name, path in modules.items()}


def layer_of(module: str) -> int:
    """The layer of the longest prefix that names ``module`` (leersessie.base before
    leersessie itself)."""
    matches = [
        (len(prefix), index)
        for index, layer in enumerate(LAYERS)
        for prefix in layer
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert matches, f"{module} is in no layer: add it to LAYERS"
    return max(matches)[1]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), as sorted names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_core_has_no_import_cycle():
    assert import_cycles(import_graph()) == []


def test_the_cycle_check_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_a_layer_above_its_own():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert upward == []


def test_every_subpackage_says_what_it_holds():
    for init in (ROOT / "leersessie").glob("*/__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init
