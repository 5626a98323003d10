"""Measure the quality bars of DESIGN.md on a large database and write BENCHMARKS.md.

    python benchmarks/run.py [--quick] [--data-dir benchmarks/out] [--output BENCHMARKS.md]

The database is generated once per set of parameters (sessions, teams, seed, size of the
big team) under --data-dir and reused by later runs. --quick uses a small database and
few repetitions: it checks that the runner works, its figures mean little.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sits next to this script)
import generate  # noqa: E402

NOTES_FILE = HERE / "NOTES.md"


@dataclass(frozen=True)
class Profile:
    sessions: int
    teams: int
    seed: int
    big_team: int
    startup_runs: int  # cold starts of each kind, after one discarded warm-up of each
    search_repeats: int
    sessions_opened: int
    summaries: int
    team_reports: int
    saves: int
    saves_to_disk: int

    @property
    def key(self) -> str:
        return (
            f"s{self.sessions}-t{self.teams}-seed{self.seed}-big{self.big_team}-"
            f"schema{schema_fingerprint()}"
        )


def schema_fingerprint() -> str:
    """A short hash of the schema the migrations build today, so a database generated
    before a schema change (a new index, even one added to an existing migration) is
    not reused."""
    import hashlib

    from sqlite_utils import Database

    from leersessie.storage import migrations

    db = Database(memory=True)
    migrations.apply(db)
    schema = "\n".join(
        r[0]
        for r in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    )
    return hashlib.sha256(schema.encode()).hexdigest()[:8]


FULL = Profile(
    10_000,
    200,
    2026,
    200,
    startup_runs=7,
    search_repeats=5,
    sessions_opened=60,
    summaries=30,
    team_reports=5,
    saves=50,
    saves_to_disk=10,
)
QUICK = Profile(
    60,
    6,
    2026,
    20,
    startup_runs=2,
    search_repeats=1,
    sessions_opened=5,
    summaries=3,
    team_reports=1,
    saves=5,
    saves_to_disk=2,
)


@dataclass
class Figure:
    name: str
    samples: list[float]  # seconds
    bar: str
    passed: bool | None  # None: DESIGN.md sets no bar for this figure
    unit: str = "ms"
    detail: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was really measured."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- the database ---------------------------------------------------------------


def prepare_database(root: Path, profile: Profile) -> tuple[Path, dict]:
    """Reuse the database of these parameters, or generate it (minutes for the full one)."""
    folder = root / profile.key
    marker = generate.read_marker(folder)
    if marker is None:
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit(f"{folder} holds an unfinished generation; remove it and rerun")
        print(f"Database genereren in {folder} ...", file=sys.stderr)
        generate.generate(
            folder, profile.sessions, profile.teams, profile.seed, profile.big_team, progress=True
        )
        marker = generate.read_marker(folder)
    assert marker is not None
    return folder, marker


# --- machine --------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> list[tuple[str, str]]:
    import PySide6
    from PySide6.QtCore import qVersion

    return [
        ("CPU", cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("PySide6 / Qt", f"{PySide6.__version__} / {qVersion()}"),
        ("SQLite", sqlite3.sqlite_version),
        ("Qt platform", os.environ.get("QT_QPA_PLATFORM", "")),
        ("Code measured", _git_version()),
    ]


def _git_version() -> str:
    """The commit measured; "dirty" when the checkout held uncommitted changes to anything
    but BENCHMARKS.md itself (which the previous run rewrote)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except OSError:
        return "unknown"
    if not commit:
        return "unknown"
    return f"{commit}-dirty" if changes else commit


# --- cold start -------------------------------------------------------------------


def _child(mode: str, data_dir: Path) -> dict:
    import json

    extra = [str(data_dir)] if mode == "app" else []
    # The parent's clock, read just before the process starts.
    args = [sys.executable, str(HERE / "startup_child.py"), mode, repr(time.time()), *extra]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"{mode} start failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_start(data_dir: Path, runs: int) -> tuple[Figure, Figure, Figure, Figure]:
    """Alternating app and bare-window starts, each in a fresh process."""
    _child("app", data_dir)  # warm-up: the OS file cache, and today's daily backup
    _child("bare", data_dir)
    app, bare, ratios, memory = [], [], [], []
    for _ in range(runs):
        first = _child("app", data_dir)
        second = _child("bare", data_dir)
        app.append(first["seconds"])
        bare.append(second["seconds"])
        ratios.append(first["seconds"] / second["seconds"])
        memory.append((first["maxrss_kb"], second["maxrss_kb"]))
    ratio = statistics.median(app) / statistics.median(bare)
    start = Figure("Cold start: Leersessie", app, "", None)
    start_bare = Figure("Cold start: bare PySide6 window", bare, "", None)
    verdict = Figure(
        "Cold start ratio (app / bare)",
        ratios,
        "≤ 1.5×",
        ratio <= 1.5,
        unit="×",
        detail=[f"ratio of the medians: {ratio:.2f}×"],
    )
    app_mem = [m[0] / 1024 for m in memory]
    bare_mem = [m[1] / 1024 for m in memory]
    mem = Figure(
        "Peak memory, home screen open",
        app_mem,
        "no bar in DESIGN.md",
        None,
        unit="MiB",
        detail=[f"bare PySide6 window: median {statistics.median(bare_mem):.0f} MiB"],
    )
    return start, start_bare, verdict, mem


# --- in-process measurements --------------------------------------------------------


def search_figure(db: object, repeats: int) -> Figure:
    from leersessie.search import search

    timings: dict[str, list[float]] = {q: [] for q in corpus.SEARCH_QUERIES}
    hits = {q: len(search(db, q)) for q in corpus.SEARCH_QUERIES}  # warm-up  # type: ignore[arg-type]
    for _ in range(repeats):
        for query in corpus.SEARCH_QUERIES:
            timings[query].append(timed(lambda q=query: search(db, q)))  # type: ignore[arg-type]
    samples = [t for values in timings.values() for t in values]
    slowest = sorted(timings, key=lambda q: -max(timings[q]))[:5]
    figure = Figure(
        f"Full-text search ({len(timings)} queries × {repeats})",
        samples,
        "p95 < 20 ms",
        percentile(samples, 95) < 0.020,
    )
    figure.detail = [
        f"slowest: “{q}” {ms(max(timings[q]))} ({hits[q]} hits shown)" for q in slowest
    ]
    return figure


def _sample_sessions(db: object, count: int, seed: int) -> list[str]:
    ids = [r[0] for r in db.execute("SELECT id FROM sessions ORDER BY id")]  # type: ignore[attr-defined]
    return random.Random(seed).sample(ids, min(count, len(ids)))


def open_session_figure(window: object, app: object, ids: list[str]) -> Figure:
    """SessionController.open through the main window, until the first step is painted."""

    def open_one(session_id: str) -> None:
        window.show_session(session_id)  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]

    open_one(ids[0])  # warm-up
    samples = [timed(lambda s=sid: open_one(s)) for sid in ids]
    window.show_home()  # type: ignore[attr-defined]
    return Figure(
        f"Opening a session ({len(ids)} sessions)",
        samples,
        "< 50 ms",
        percentile(samples, 95) < 0.050,
    )


def summary_figure(db: object, ids: list[str], folder: Path) -> Figure:
    from leersessie.reports.summary import write_summary

    write_summary(db, ids[0], folder / "warm.pdf", date(2026, 10, 30))  # type: ignore[arg-type]
    samples = [
        timed(
            lambda n=n, s=sid: write_summary(
                db,
                s,
                folder / f"s{n}.pdf",  # type: ignore[arg-type]
                date(2026, 10, 30),
            )
        )
        for n, sid in enumerate(ids)
    ]
    return Figure(
        f"Session summary PDF ({len(ids)} sessions)",
        samples,
        "< 150 ms",
        percentile(samples, 95) < 0.150,
    )


def team_report_figure(db: object, team_id: str, runs: int, folder: Path) -> Figure:
    from leersessie.reports.team_report import write_team_report

    count = db.execute(
        "SELECT count(*) FROM sessions WHERE team_id = ?",  # type: ignore[attr-defined]
        [team_id],
    ).fetchone()[0]
    samples = [
        timed(
            lambda n=n: write_team_report(
                db,
                team_id,
                folder / f"team{n}.pdf",  # type: ignore[arg-type]
                date(2026, 10, 30),
            )
        )
        for n in range(runs)
    ]
    pages = _pages(folder / "team0.pdf")
    return Figure(
        f"Team report PDF ({count} sessions)",
        samples,
        "< 3 s",
        percentile(samples, 95) < 3.0,
        unit="s",
        detail=[f"{pages} pages" if pages else ""],
    )


def _pages(path: Path) -> int:
    try:
        import pypdfium2
    except ImportError:
        return 0
    return len(pypdfium2.PdfDocument(str(path)))


def _read_note(path: Path, session_id: str, step_key: str) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute(
            "SELECT text FROM notes WHERE session_id = ? AND step_key = ?", [session_id, step_key]
        ).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def save_figures(
    window: object, app: object, db_path: Path, session_id: str, saves: int, to_disk: int
) -> tuple[Figure, Figure]:
    """The real save path of the session screen: NoteAutosaver.note_changed, then flush
    (what its timer calls). Blocked = the flush on the GUI thread; on disk = from the
    keystroke until a second connection reads the text, with the autosave timer running."""
    window.show_session(session_id)  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    controller = window.session  # type: ignore[attr-defined]
    step_key = controller.current_step.key
    autosaver = controller.autosaver
    base = controller.session.notes.get(step_key, "") + "\nNieuwe notitie tijdens de sessie: "
    blocked = []
    for n in range(saves):
        autosaver.note_changed(step_key, f"{base}{n} coördinatie")
        blocked.append(timed(autosaver.flush))
    assert _read_note(db_path, session_id, step_key) == f"{base}{saves - 1} coördinatie"
    on_disk = []
    for n in range(to_disk):
        text = f"{base}{n} op schijf"
        start = time.perf_counter()
        autosaver.note_changed(step_key, text)
        while _read_note(db_path, session_id, step_key) != text:
            app.processEvents()  # type: ignore[attr-defined]
            time.sleep(0.005)
            if time.perf_counter() - start > 10:
                raise RuntimeError("note not on disk after 10 s")
        on_disk.append(time.perf_counter() - start)
    window.show_home()  # type: ignore[attr-defined]
    return (
        Figure(
            f"Note save, GUI thread blocked ({saves} saves)",
            blocked,
            "< 8 ms",
            percentile(blocked, 95) < 0.008,
        ),
        Figure(
            f"Note save, typed until on disk ({to_disk} saves)",
            on_disk,
            "< 1 s",
            max(on_disk) < 1.0,
            detail=["includes the autosave delay of 500 ms"],
        ),
    )


def in_process(data_dir: Path, marker: dict, profile: Profile) -> list[Figure]:
    from leersessie.workspace import open_workspace
    from leersessie_ui.app import make_application
    from leersessie_ui.main_window import MainWindow

    app = make_application()
    workspace = open_workspace(data_dir)
    figures = []
    try:
        db = workspace.db
        figures.append(search_figure(db, profile.search_repeats))
        window = MainWindow(workspace, today=lambda: date(2026, 10, 30))
        window.show()
        app.processEvents()
        ids = _sample_sessions(db, profile.sessions_opened, profile.seed)
        figures.append(open_session_figure(window, app, ids))
        with tempfile.TemporaryDirectory() as tmp:
            summary_ids = _sample_sessions(db, profile.summaries, profile.seed + 1)
            figures.append(summary_figure(db, summary_ids, Path(tmp)))
            figures.append(
                team_report_figure(
                    db, marker["stats"]["big_team_id"], profile.team_reports, Path(tmp)
                )
            )
        open_session = db.execute(
            "SELECT id FROM sessions WHERE team_id = ? AND status = 'open' LIMIT 1",
            [marker["stats"]["big_team_id"]],
        ).fetchone()[0]
        figures.extend(
            save_figures(
                window, app, workspace.db_path, open_session, profile.saves, profile.saves_to_disk
            )
        )
        window.close()
    finally:
        workspace.close()
    return figures


# --- the report --------------------------------------------------------------------------


def _value(figure: Figure, seconds: float) -> str:
    if figure.unit == "ms":
        return ms(seconds)
    if figure.unit == "s":
        return f"{seconds:.2f} s"
    if figure.unit == "×":
        return f"{seconds:.2f}×"
    return f"{seconds:.0f} {figure.unit}"


def _verdict(figure: Figure) -> str:
    return "–" if figure.passed is None else ("**pass**" if figure.passed else "**FAIL**")


SECTIONS = (
    ("Cold start", ("Cold start",)),
    ("Search", ("Full-text search",)),
    ("Opening a session", ("Opening a session",)),
    ("PDFs", ("Session summary", "Team report")),
    ("Saving a note", ("Note save",)),
    ("Memory", ("Peak memory",)),
)


def render(
    profile: Profile,
    quick: bool,
    marker: dict,
    db_size: int,
    figures: list[Figure],
    seconds: float,
    load: tuple[float, float],
) -> str:
    stats = marker["stats"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run.py`"
        + (" --quick" if quick else "")
        + f" on {time.strftime('%Y-%m-%d %H:%M')}; the bars are those of DESIGN.md "
        '"Quality bars". Median and p95 (nearest rank) over the repeated runs. '
        "Do not edit by hand: notes on fixes and misses live in `benchmarks/NOTES.md`.",
        "",
    ]
    if quick:
        lines += [
            "**Quick mode: a small database and few runs; these figures only show that "
            "the runner works.**",
            "",
        ]
    lines += ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine()]
    # Other work on the machine (parallel test runs) shows in the spread of the figures.
    lines.append(f"| Load average (1 min), start / end of run | {load[0]:.2f} / {load[1]:.2f} |")
    lines += [
        "",
        "## Database",
        "",
        f"Generated by `benchmarks/generate.py --sessions {profile.sessions} --teams "
        f"{profile.teams} --seed {profile.seed} --big-team {profile.big_team}` "
        f"in {stats['seconds']:.0f} s through the core API; file size "
        f"{db_size / 1024 / 1024:.0f} MiB.",
        "",
        "| sessions | teams | notes | actions | reviews | findings | measures | ratings |",
        "|---|---|---|---|---|---|---|---|",
        f"| {stats['sessions']} | {stats['teams']} | {stats['notes']} | "
        f"{stats['actions']} | {stats['reviews']} | {stats['findings']} | "
        f"{stats['measures']} | {stats['ratings']} |",
        "",
        "Formats: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["formats"].items())),
        "",
        "## Results",
        "",
        "| figure | median | p95 | bar | verdict |",
        "|---|---|---|---|---|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.name} | {_value(figure, figure.median)} | "
            f"{_value(figure, figure.p95)} | {figure.bar or '–'} | "
            f"{_verdict(figure)} |"
        )
    for title, prefixes in SECTIONS:
        lines += ["", f"## {title}", ""]
        for figure in figures:
            if figure.name.startswith(prefixes):
                lines.append(
                    f"- {figure.name}: median {_value(figure, figure.median)}, "
                    f"p95 {_value(figure, figure.p95)}, worst "
                    f"{_value(figure, max(figure.samples))} "
                    f"(n = {len(figure.samples)})"
                )
                lines += [f"  - {d}" for d in figure.detail if d]
    lines += ["", "## Misses", ""]
    missed = [f for f in figures if f.passed is False]
    lines += [
        f"- {f.name}: p95 {_value(f, f.p95)} (median {_value(f, f.median)}"
        + "".join(f"; {d}" for d in f.detail if d)
        + f") against the bar {f.bar}"
        for f in missed
    ] or ["Every bar is met in this run."]
    lines += ["", "## Notes", ""]
    lines += [
        NOTES_FILE.read_text(encoding="utf-8").strip() if NOTES_FILE.exists() else "No notes."
    ]
    lines += ["", f"_Benchmark run took {seconds:.0f} s._", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small database, few runs: checks the runner, not the app",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=HERE / "out",
        help="folder for the generated databases (one per parameter set)",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    profile = QUICK if args.quick else FULL
    data_dir, marker = prepare_database(args.data_dir, profile)
    from leersessie.paths import database_path

    print("Koude start meten ...", file=sys.stderr)
    start, start_bare, ratio, memory = cold_start(data_dir, profile.startup_runs)
    print("Zoeken, sessies, PDF's en opslaan meten ...", file=sys.stderr)
    figures = [ratio, start, start_bare, *in_process(data_dir, marker, profile), memory]
    report = render(
        profile,
        args.quick,
        marker,
        database_path(data_dir).stat().st_size,
        figures,
        time.perf_counter() - started,
        (load_before, os.getloadavg()[0]),
    )
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
