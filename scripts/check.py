"""Every check CI runs, in one command: lint, format, types, then the tests.

    .venv/bin/python scripts/check.py [pytest arguments]

Stops at the first check that fails. mypy needs the ui/ folder under its import name
(leersessie_ui, as the package installs it): a link in .mypy_cache gives it that name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ui_import_path() -> Path:
    """A folder in which ui/ appears as leersessie_ui, for mypy's search path."""
    folder = ROOT / ".mypy_cache" / "import-names"
    link = folder / "leersessie_ui"
    if not link.is_symlink():
        folder.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / "ui", target_is_directory=True)
    return folder


def _checks(pytest_args: list[str]) -> list[tuple[str, list[str], dict[str, str]]]:
    python = sys.executable
    sources = ["leersessie", "ui", "tests", "benchmarks", "scripts", "setup.py"]
    return [
        ("ruff check", [python, "-m", "ruff", "check", *sources], {}),
        ("ruff format", [python, "-m", "ruff", "format", "--check", *sources], {}),
        (
            "mypy",
            [python, "-m", "mypy", "-p", "leersessie", "-p", "leersessie_ui"],
            {"MYPYPATH": str(_ui_import_path())},
        ),
        ("pytest", [python, "-m", "pytest", *pytest_args], {"QT_QPA_PLATFORM": "offscreen"}),
    ]


def main(argv: list[str]) -> int:
    for name, command, extra_env in _checks(argv):
        print(f"== {name}", flush=True)
        env = {**os.environ, **extra_env}
        if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
            print(f"== {name} failed", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
