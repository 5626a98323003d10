"""The coach's screen fits a 1024×768 projector at 100 and 150% (no sideways scrolling,
the window inside its screen) and no step name is cut, there or at 1920×1080 and 250%:
measured in a process with such a screen (tests/coach_fit.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
HERE = Path(__file__).parent


def measure(folder: Path, width: int, height: int, zooms: str) -> dict[str, dict[str, object]]:
    config = folder / "screen.json"
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "LEERSESSIE_DATA_DIR": str(folder / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.coach_fit", str(folder / "data"), zooms],
        cwd=HERE.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_the_coachs_screen_fits_1024_by_768_at_100_and_150_percent(tmp_path: Path):
    report = measure(tmp_path, 1024, 768, "100,150")
    assert len(report) >= 2 * 8  # every format that starts on its own, at both levels
    for name, seen in report.items():
        assert seen["sideways"] == [], name  # no step scrolls sideways
        assert seen["inside"], (name, seen["window"])
        assert seen["cut"] == [], name  # step names wrap; no word is cut


def test_no_step_name_is_cut_at_1920_by_1080_and_250_percent(tmp_path: Path):
    report = measure(tmp_path, 1920, 1080, "250")
    for name, seen in report.items():
        assert seen["cut"] == [], name
