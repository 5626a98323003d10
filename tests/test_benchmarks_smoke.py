"""The benchmark runner works end to end on a small database (no timings are checked:
figures live in BENCHMARKS.md, written by a full run), and --quick never touches the
real BENCHMARKS.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "benchmarks" / "run.py"
QUICK_REPORT = ROOT / "benchmarks" / "out" / "BENCHMARKS-quick.md"

SECTIONS = (
    "## The bars",
    "## Machine",
    "## Databases",
    "## Growth table",
    "## Verdicts",
    "## Details at 60 sessions",
    "## How each figure is measured",
)
FIGURES = (
    "Cold start ratio (app / bare)",
    "Cold start to the first paint",
    "Memory at idle after the start",
    "Search screen, 50 queries (query, list, paint)",
    "Search screen, typing",
    "Search query alone",
    "GUI thread busy per search",
    "Opening a session",
    "First summary PDF after a start",
    "Session summary PDF, after the first",
    "Team report PDF (20 sessions)",
    "Note save, GUI thread blocked",
    "Note save, typed until on disk",
    "Database size per session",
)


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@pytest.mark.slow
def test_quick_run_writes_every_section_elsewhere_than_benchmarks_md(tmp_path: Path) -> None:
    real = _bytes(ROOT / "BENCHMARKS.md")
    QUICK_REPORT.unlink(missing_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # --quick without --output writes its own file, never the real BENCHMARKS.md.
    assert _bytes(ROOT / "BENCHMARKS.md") == real
    report = QUICK_REPORT.read_text(encoding="utf-8")
    assert "Quick mode" in report
    for section in SECTIONS:
        assert section in report
    growth = report.split("## Growth table", 1)[1].split("\n## ", 1)[0]
    for figure in FIGURES:
        row = next((line for line in growth.splitlines() if line.startswith(f"| {figure}")), None)
        assert row is not None, figure
        assert any(unit in row for unit in ("ms", " s", "×", "MiB", "KiB")), row
    # Each figure beside its floor from the same run.
    for floor in ("bare PySide6 window", "plain FTS5 query", "one-page reportlab document"):
        assert f"floor, {floor}:" in report
    assert "| 60 | 6 |" in report  # the quick database: 60 sessions over 6 teams
    # The database lands in a folder keyed by its parameters and schema, for reuse.
    generated = list((tmp_path / "data").glob("s60-t6-seed2026-big20-schema*/benchmark-data.json"))
    assert len(generated) == 1


def test_a_rewrite_keeps_what_follows_the_hand_written_marker(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    output = tmp_path / "BENCHMARKS.md"
    output.write_text(
        f"# Old figures\n\n{run.HAND_WRITTEN}\n\n## Bundle\n\nBy hand.\n", encoding="utf-8"
    )
    rewritten = run.keep_hand_written("# Benchmarks\n\nNew figures.\n", output)
    assert rewritten.startswith("# Benchmarks\n\nNew figures.")
    assert "Old figures" not in rewritten
    assert rewritten.endswith(f"{run.HAND_WRITTEN}\n\n## Bundle\n\nBy hand.\n")
    fresh = run.keep_hand_written("# Benchmarks\n", tmp_path / "new.md")
    assert fresh.rstrip().endswith(run.HAND_WRITTEN)


def test_ids_written_after_generating_are_not_the_seeded_ones(tmp_path: Path) -> None:
    """The generator draws ids from a seeded sequence; the benchmark's own writes in the
    same process (the note saves) must not, or they collide with a database generated
    from that seed (it stopped the 50,000-session run)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import generate

    from leersessie.store.ids import new_id

    generate.generate(tmp_path / "a", sessions=4, teams=2, seed=7, big_team=2)
    after_first = new_id()
    generate.generate(tmp_path / "b", sessions=4, teams=2, seed=7, big_team=2)
    assert new_id() != after_first
