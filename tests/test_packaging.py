"""A wheel install must work, not only a checkout: the wheel holds templates and fonts."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_ships_templates_fonts_catalogues_and_the_ui_under_its_own_name(tmp_path):
    # Built from a clean copy: a build/ folder left in the checkout would fill gaps in
    # the package list from an earlier build and hide them.
    source = tmp_path / "bron"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "out"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("leersessie-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "session_templates").glob("*.toml")}
    assert {f"leersessie/session_templates/{name}" for name in shipped} <= names
    assert "leersessie/fonts/DejaVuSans.ttf" in names
    # The English catalogue, compiled by setup.py, and readable by gettext as shipped.
    mo = "leersessie/locale/en/LC_MESSAGES/leersessie.mo"
    assert mo in names
    shipped_catalogue = gettext.GNUTranslations(io.BytesIO(zipfile.ZipFile(wheel).read(mo)))
    assert shipped_catalogue.gettext("Geen acties gevonden.") == "No actions found."
    # Every module of the checkout is in the wheel: a subpackage missing from the
    # package list once broke the installed app while the editable one worked.
    modules = {
        f"leersessie/{p.relative_to(ROOT / 'leersessie')}"
        for p in (ROOT / "leersessie").rglob("*.py")
    }
    modules |= {f"leersessie_ui/{p.relative_to(ROOT / 'ui')}" for p in (ROOT / "ui").rglob("*.py")}
    assert sorted(modules - names) == []
    assert not any(name.startswith("ui/") for name in names)
