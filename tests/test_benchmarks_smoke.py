"""The benchmark runner works end to end on a small database (no timings are checked:
figures live in BENCHMARKS.md, written by a full run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "benchmarks" / "run.py"

SECTIONS = (
    "## Machine",
    "## Database",
    "## Results",
    "## Cold start",
    "## Search",
    "## Opening a session",
    "## PDFs",
    "## Saving a note",
    "## Memory",
    "## Misses",
    "## Notes",
)
FIGURES = (
    "Cold start ratio (app / bare)",
    "Cold start: Leersessie",
    "Cold start: bare PySide6 window",
    "Full-text search (50 queries",
    "Opening a session",
    "Session summary PDF",
    "Team report PDF (20 sessions)",
    "Note save, GUI thread blocked",
    "Note save, typed until on disk",
    "Peak memory, home screen open",
)


@pytest.mark.slow
def test_quick_run_writes_every_section(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    real = (ROOT / "BENCHMARKS.md").read_bytes() if (ROOT / "BENCHMARKS.md").exists() else None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(RUNNER),
            "--quick",
            "--data-dir",
            str(tmp_path / "data"),
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = output.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in report
    results = report.split("## Results", 1)[1].split("\n## ", 1)[0]
    for figure in FIGURES:
        row = next((line for line in results.splitlines() if line.startswith(f"| {figure}")), None)
        assert row is not None, figure
        assert "ms" in row or " s " in row or "×" in row or "MiB" in row
    assert results.count("**pass**") + results.count("**FAIL**") == 7  # every bar judged
    assert "| 60 | 6 |" in report  # the quick database: 60 sessions over 6 teams
    # The database lands in a folder keyed by its parameters and schema, for reuse.
    generated = list((tmp_path / "data").glob("s60-t6-seed2026-big20-schema*/benchmark-data.json"))
    assert len(generated) == 1
    # The real BENCHMARKS.md is never touched by the quick run.
    after = (ROOT / "BENCHMARKS.md").read_bytes() if (ROOT / "BENCHMARKS.md").exists() else None
    assert after == real
