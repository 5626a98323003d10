"""A wheel install must work, not only a checkout: the wheel holds templates and fonts."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_ships_templates_fonts_and_the_ui_under_its_own_name(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("leersessie-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "session_templates").glob("*.toml")}
    assert {f"leersessie/session_templates/{name}" for name in shipped} <= names
    assert "leersessie/fonts/DejaVuSans.ttf" in names
    assert "leersessie_ui/main_window.py" in names
    assert not any(name.startswith("ui/") for name in names)
