"""The test helpers themselves: a failing check inside a modal dialog's callback fails its
test instead of leaving the dialog open and the test waiting forever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FAILING_CALLBACK = """
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.gui_helpers import answer_in_turn


def test_asks(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def wrong(box):
        assert "iets anders" in box.text(), "de vraag was niet wat de test verwachtte"

    answer_in_turn(wrong)
    QMessageBox.question(parent, "Vraag", "Wilt u doorgaan?")
"""


@pytest.mark.gui
def test_a_failing_assert_in_a_dialog_callback_fails_the_test_without_hanging(tmp_path):
    test_file = tmp_path / "test_dialog.py"
    test_file.write_text(FAILING_CALLBACK, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            str(test_file),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,  # before the fix it hung here, in the dialog's exec()
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert "de vraag was niet wat de test verwachtte" in result.stdout
