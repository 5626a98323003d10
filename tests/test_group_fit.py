"""The group screen fits any screen from 1024×768 up, at every zoom level: measured in a
process with a 1024×768 projector and a 1920×1080 beamer (tests/group_fit.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("fit")
    config = folder / "screens.json"
    screens = [
        {"name": "projector", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96},
        {"name": "beamer", "x": 1024, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
    ]
    config.write_text(json.dumps({"screens": screens}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "LEERSESSIE_DATA_DIR": str(folder / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.group_fit", str(folder / "data")],
        cwd=HERE.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_every_screen_zoom_and_layout_was_measured(measured):
    # 1024×768 on its own screen and in the coach's window, 1920×1080 on the beamer; each
    # at 100, 150 and 250%, on the look back and on a step with 20 questions.
    assert len(measured) == 2 * 3 * 3


def test_the_content_keeps_at_least_half_the_screen_height(measured):
    for name, seen in measured.items():
        _width, height = seen["screen"]  # type: ignore[misc]
        assert seen["content"] >= height / 2, name  # type: ignore[operator]


def test_the_window_never_exceeds_its_screen(measured):
    for name, seen in measured.items():
        assert seen["window_inside"] and seen["window"] == seen["screen"], name


def test_no_word_of_the_title_prompt_or_timer_is_cut(measured):
    for name, seen in measured.items():
        assert seen["whole"], name


def test_the_timer_takes_only_the_room_it_needs(measured):
    for name, seen in measured.items():
        width, _height = seen["screen"]  # type: ignore[misc]
        assert seen["timer_width"] <= 0.3 * width, name  # type: ignore[operator]


def test_the_newest_question_and_the_share_stay_in_view(measured):
    for name, seen in measured.items():
        if name.startswith("questions"):
            assert seen["at_end"] and seen["share_visible"], name
