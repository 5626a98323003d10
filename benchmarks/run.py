"""Measure the quality bars on databases of growing size and write BENCHMARKS.md.

    python benchmarks/run.py [--sizes 1000,10000[,50000]] [--quick] [--output FILE]
                             [--data-dir benchmarks/out]

Every figure at each size (1,000 and 10,000 sessions by default), beside its floor
measured in the same run: a bare PySide6 window for the start, a plain FTS5 query for
the search, a one-page reportlab document for the summary. Each database is generated
once per set of parameters under --data-dir and reused. --quick uses a small database
and few repetitions, and writes benchmarks/out/BENCHMARKS-quick.md unless --output says
otherwise: it checks that the runner works, its figures mean little.

BENCHMARKS.md is rewritten up to the line ``<!-- hand-written sections below -->``;
whatever follows that line is kept as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The coach's laptop and a projector: the group screen opens full-screen on the second.
SCREENS = HERE / "out" / "screens.json"
if "QT_QPA_PLATFORM" not in os.environ:
    SCREENS.parent.mkdir(parents=True, exist_ok=True)
    SCREENS.write_text(
        '{"screens": ['
        '{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96}, '
        '{"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, '
        '"logicalDpi": 96}]}'
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sits next to this script)
import generate  # noqa: E402

HAND_WRITTEN = "<!-- hand-written sections below -->"
DEFAULT_SIZES = (1_000, 10_000)
QUICK_SIZES = (60,)
BAR_SIZE = 10_000  # docs/design.md sets its bars on a database of 10,000 sessions
# Words typed letter by letter: every prefix is searched, as typing produces them.
TYPED_WORDS = ("gezin", "coördinatie", "afspraken", "huisarts", "veiligheid", "jongere")


@dataclass(frozen=True)
class Profile:
    sessions: int
    teams: int
    seed: int
    big_team: int
    startup_runs: int  # cold starts of each kind, after one discarded warm-up of each
    search_repeats: int
    sessions_opened: int
    step_sessions: int  # sessions whose every step is visited, for the step changes
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


def profile_for(sessions: int, quick: bool) -> Profile:
    """50 sessions a team, one team of 200 sessions (the team report's), seed 2026."""
    if quick:
        return Profile(
            sessions, max(1, sessions // 10), 2026, min(20, sessions), 2, 1, 5, 2, 3, 1, 5, 2
        )
    return Profile(sessions, max(1, sessions // 50), 2026, 200, 15, 5, 60, 10, 30, 5, 50, 10)


def schema_fingerprint() -> str:
    """A short hash of the schema the migrations build today, so a database generated
    before a schema change (a new index, even one added to an existing migration) is
    not reused."""
    import hashlib

    from sqlite_utils import Database

    from leersessie.store.migrations import migrations

    db = Database(memory=True)
    migrations.apply(db)
    schema = "\n".join(
        r[0]
        for r in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    )
    return hashlib.sha256(schema.encode()).hexdigest()[:8]


@dataclass
class Figure:
    name: str
    samples: list[float]  # seconds (or the figure's unit)
    bar: str = ""
    passed: bool | None = None  # None: no bar for this figure (at this size)
    unit: str = "ms"
    detail: list[str] = field(default_factory=list)
    floor: Figure | None = None  # the same work without Leersessie, same run
    ratio_of_medians: float | None = None  # what a ratio's verdict uses

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)


def percentile(samples: Sequence[float], pct: float) -> float:
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


def settle(app: object) -> None:
    """What one turn of the app's event loop does with the events an action posted: the
    layout and paint, and the widgets it replaced deleted (``processEvents`` alone leaves
    those, so they would pile up in the layouts and slow every next step down)."""
    from PySide6.QtCore import QEvent

    app.processEvents()  # type: ignore[attr-defined]
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # type: ignore[attr-defined]


# --- the database ---------------------------------------------------------------


def prepare_database(root: Path, profile: Profile) -> tuple[Path, dict]:
    """Reuse the database of these parameters, or generate it (minutes for 10,000)."""
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


def working_copy(folder: Path) -> Path:
    """A fresh copy of a generated data folder beside it, replacing the last run's."""
    copy = folder.parent / "werkkopieen" / folder.name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    return copy


def database_parts(path: Path) -> dict[str, int]:
    """Bytes of the file per part: the search index, the indexes of the records' numbers
    in it (``*_search``, m008), the rest."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        parts = {"search index": 0, "search numbers": 0, "records and their indexes": 0}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            if name.startswith("search_index"):
                parts["search index"] += size
            elif name.endswith("_search"):
                parts["search numbers"] += size
            else:
                parts["records and their indexes"] += size
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        parts["free pages"] = conn.execute("PRAGMA freelist_count").fetchone()[0] * page_size
        return parts
    finally:
        conn.close()


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


def _child(mode: str, data_dir: Path, session_id: str = "") -> dict:
    extra = [str(data_dir), session_id] if mode == "app" else []
    # The parent's clock, read just before the process starts.
    args = [sys.executable, str(HERE / "startup_child.py"), mode, repr(time.time()), *extra]
    # An installed Leersessie starts from compiled bytecode (pip compiles it when it
    # installs, the bundle ships it): the children may write it, the warm-up start does.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = env["QT_QPA_PLATFORM"].split(":")[0]  # one screen, as the bare
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{mode} start failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_starts(databases: dict[int, tuple[Path, list[str]]], runs: int) -> dict[int, list[Figure]]:
    """Fresh processes, interleaved: each round starts the app on every size, then a bare
    window, so the machine's other work weighs on every size alike. Each app start then
    waits until it is idle, reads its memory and writes its first summary PDF."""
    for data_dir, ids in databases.values():
        _child("app", data_dir, ids[0])  # warm-up: the OS file cache, today's daily backup
    _child("bare", Path())
    app: dict[int, list[dict]] = {size: [] for size in databases}
    bare: list[dict] = []
    for run in range(runs):
        for size, (data_dir, ids) in databases.items():
            app[size].append(_child("app", data_dir, ids[(run + 1) % len(ids)]))
        bare.append(_child("bare", Path()))
    return {size: _start_figures(app[size], bare) for size in databases}


def _start_figures(app: list[dict], bare: list[dict]) -> list[Figure]:
    app_s = [a["seconds"] for a in app]
    bare_s = [b["seconds"] for b in bare]
    ratio = statistics.median(app_s) / statistics.median(bare_s)
    start = Figure(
        "Cold start to the first paint",
        app_s,
        floor=Figure("bare PySide6 window with a label", bare_s),
        detail=[
            f"ratio of the medians: {ratio:.2f}× a bare window",
            "the full integrity check still unstarted at the first paint in "
            f"{sum(not a['checked_before_paint'] for a in app)} of {len(app)} starts",
            f"idle (integrity check, daily backup and report warm-up done) after "
            f"median {ms(statistics.median(a['idle_after'] for a in app))}",
        ],
    )
    ratio_figure = Figure(
        "Cold start ratio (app / bare)",
        [a / b for a, b in zip(app_s, bare_s, strict=True)],
        unit="×",
        detail=[f"ratio of the medians: {ratio:.2f}×"],
    )
    ratio_figure.ratio_of_medians = ratio
    memory = Figure(
        "Memory at idle after the start (resident)",
        [a["rss_kb"] / 1024 for a in app],
        unit="MiB",
        floor=Figure("bare PySide6 window", [b["rss_kb"] / 1024 for b in bare], unit="MiB"),
        detail=[f"peak: median {statistics.median(a['maxrss_kb'] for a in app) / 1024:.0f} MiB"],
    )
    first_pdf = Figure(
        "First summary PDF after a start",
        [a["first_pdf"] for a in app],
        "< 150 ms",
        detail=[
            "its module imported on first use, as the app does; the app warms reportlab "
            "up on a pool thread after the first paint"
        ],
    )
    first_pdf.passed = first_pdf.p95 < 0.150
    return [ratio_figure, start, memory, first_pdf]


# --- search ---------------------------------------------------------------------------


def typed_prefixes() -> list[str]:
    return [word[:n] for word in TYPED_WORDS for n in range(1, len(word) + 1)]


def plain_fts(db: object, query: str) -> list[object]:
    """The floor: the same match, straight from FTS5, 50 rowids, no ranking or snippets."""
    from leersessie.memory.search import match_expression

    expression = match_expression(query)
    if expression is None:
        return []
    return db.execute(  # type: ignore[attr-defined]
        "SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 50", [expression]
    ).fetchall()


def search_figures(
    db: object, window: object, app: object, repeats: int, limit_s: float
) -> list[Figure]:
    """The query alone, its FTS5 floor, and the search screen as the coach sees it: from
    the query's start until the list is painted (worker thread, delivery, model, paint)."""
    from leersessie.memory.search import search

    queries = list(corpus.SEARCH_QUERIES)
    prefixes = typed_prefixes()
    everything = list(dict.fromkeys(queries + prefixes))  # a typed word may be a query too
    hits = {q: len(search(db, q)) for q in everything}  # type: ignore[arg-type]  # warm-up
    query_t: dict[str, list[float]] = {q: [] for q in everything}
    floor_t: list[float] = []
    for _ in range(repeats):
        for q in everything:
            query_t[q].append(timed(lambda q=q: search(db, q)))  # type: ignore[arg-type]
            floor_t.append(timed(lambda q=q: plain_fts(db, q)))
    screen, blocked, blocked_cpu = _search_screen(window, app, everything, repeats)
    word_screen = [t for q in queries for t in screen[q]]
    prefix_screen = [t for q in prefixes for t in screen[q]]

    def slowest(among: list[str]) -> list[str]:
        ranked = sorted(dict.fromkeys(among), key=lambda q: -max(screen[q]))[:5]
        return [f"slowest: “{q}” {ms(max(screen[q]))} ({hits[q]} hits)" for q in ranked]

    query_samples = [t for values in query_t.values() for t in values]
    figures = [
        Figure(
            f"Search screen, {len(queries)} queries (query, list, paint)",
            word_screen,
            f"p95 < {limit_s * 1000:.0f} ms",
            percentile(word_screen, 95) < limit_s,
            floor=Figure("plain FTS5 query", floor_t),
            detail=slowest(queries),
        ),
        Figure(
            f"Search screen, typing ({len(prefixes)} prefixes of {len(TYPED_WORDS)} words)",
            prefix_screen,
            f"p95 < {limit_s * 1000:.0f} ms",
            percentile(prefix_screen, 95) < limit_s,
            detail=[
                "every prefix from the first letter; one or two letters are searched as "
                "whole words (the prefix index starts at three)",
                *slowest(prefixes),
            ],
        ),
        Figure(
            "Search query alone (core, ranked, snippets)",
            query_samples,
            floor=Figure("plain FTS5 query", floor_t),
        ),
        Figure(
            "GUI thread busy per search (its CPU time: request, then list and paint)",
            blocked_cpu,
            "worst < 16 ms",
            max(blocked_cpu) < 0.016,
            detail=[
                f"worst {ms(max(blocked_cpu))}; the query itself runs on the search worker's "
                "thread",
                "on the wall clock, with the machine's other work: median "
                f"{ms(statistics.median(blocked))}, p95 {ms(percentile(blocked, 95))}, "
                f"worst {ms(max(blocked))}",
            ],
        ),
    ]
    return figures


def _search_screen(
    window: object, app: object, queries: list[str], repeats: int
) -> tuple[dict[str, list[float]], list[float], list[float]]:
    """Per query: from the request until the list is painted. Per search: the time the
    GUI thread was busy (making the request, then taking the results in and painting)."""
    from PySide6.QtCore import QEventLoop

    window.show_search()  # type: ignore[attr-defined]
    controller = window.search  # type: ignore[attr-defined]
    view = controller.view
    show = controller._show  # what the delivery of results runs
    delivered: list[tuple[float, float, float]] = []  # (busy, busy on the CPU, done)

    def timed_show(query: str, hits: list[object]) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        show(query, hits)
        view.results.viewport().repaint()  # the paint the next tick would do, now
        done = time.perf_counter()
        delivered.append((done - start, time.thread_time() - cpu, done))

    controller._show = timed_show
    waiting = QEventLoop()
    controller.results_shown.connect(waiting.quit)
    screen: dict[str, list[float]] = {q: [] for q in queries}
    blocked: list[float] = []
    blocked_cpu: list[float] = []
    try:
        for round_ in range(repeats + 1):  # the first round warms the worker's connection
            for query in queries:
                view.field.setText(query)
                delivered.clear()
                start, cpu = time.perf_counter(), time.thread_time()
                controller.run()
                requested, requested_cpu = time.perf_counter(), time.thread_time()
                if not delivered:
                    # Idle in the event loop as the app is (polling would hold the GIL
                    # the worker needs).
                    waiting.exec()
                if round_:
                    busy, busy_cpu, done = delivered[0]
                    screen[query].append(done - start)
                    blocked.append(requested - start + busy)
                    blocked_cpu.append(requested_cpu - cpu + busy_cpu)
    finally:
        del controller._show
        controller.results_shown.disconnect(waiting.quit)
    window.show_home()  # type: ignore[attr-defined]
    return screen, blocked, blocked_cpu


# --- in-process measurements --------------------------------------------------------


def _sample_sessions(db: object, count: int, seed: int) -> list[str]:
    ids = [r[0] for r in db.execute("SELECT id FROM sessions ORDER BY id")]  # type: ignore[attr-defined]
    return random.Random(seed).sample(ids, min(count, len(ids)))


def open_session_figure(window: object, app: object, ids: list[str]) -> Figure:
    """SessionController.open through the main window, until the first step is painted."""

    def open_one(session_id: str) -> None:
        window.show_session(session_id)  # type: ignore[attr-defined]
        settle(app)

    open_one(ids[0])  # warm-up
    samples = [timed(lambda s=sid: open_one(s)) for sid in ids]
    window.show_home()  # type: ignore[attr-defined]
    return Figure(
        f"Opening a session ({len(ids)} sessions)",
        samples,
        "< 50 ms",
        percentile(samples, 95) < 0.050,
    )


def step_change_figures(window: object, app: object, db: object, sessions: int) -> list[Figure]:
    """Going from step to step through every step of sessions whose steps ask for scores
    (teamontwikkelruimte), until both screens are painted: first with only the coach's
    window, then with the group screen open on the projector."""

    def walk(session_id: str) -> list[float]:
        window.show_session(session_id)  # type: ignore[attr-defined]
        settle(app)
        controller = window.session  # type: ignore[attr-defined]
        return [
            timed(lambda i=i: step_to(controller, i))
            for i in range(1, len(controller.session.steps))
        ]

    def step_to(controller: object, index: int) -> None:
        controller.go_to(index)  # type: ignore[attr-defined]
        settle(app)

    def repaints(windows: list[object]) -> Figure:
        """The floor: painting the same windows again, nothing changed, once per step."""
        samples = [
            timed(lambda: [w.repaint() for w in windows])  # type: ignore[attr-defined]
            for _ in range(len(alone))
        ]
        return Figure("repainting the unchanged windows", samples)

    ids = [
        row[0]
        for row in db.execute(  # type: ignore[attr-defined]
            "SELECT id FROM sessions WHERE template_id = 'teamontwikkelruimte' ORDER BY id LIMIT ?",
            [sessions + 1],
        )
    ]
    walk(ids[0])  # warm-up
    alone = [t for sid in ids[1:] for t in walk(sid)]
    alone_floor = repaints([window])
    window.toggle_group_screen()  # type: ignore[attr-defined]
    settle(app)
    group = window.group  # type: ignore[attr-defined]
    where = "on the projector" if group.on_other_screen else "in the main window (one screen)"
    walk(ids[0])
    together = [t for sid in ids[1:] for t in walk(sid)]
    screens = [window, group.view.window()] if group.on_other_screen else [window]
    together_floor = repaints(screens)
    window.toggle_group_screen()  # type: ignore[attr-defined]
    window.show_home()  # type: ignore[attr-defined]
    steps = f"{len(alone)} step changes in {len(ids) - 1} sessions"
    return [
        Figure(
            f"Changing step, coach's window ({steps})",
            alone,
            "< 16 ms",
            percentile(alone, 95) < 0.016,
            detail=["go_to, then the events it posts (layout, paint, deletions) processed"],
            floor=alone_floor,
        ),
        Figure(
            f"Changing step, with the group screen ({steps})",
            together,
            "< 16 ms",
            percentile(together, 95) < 0.016,
            detail=[f"the group screen {where}, 1920×1080"],
            floor=together_floor,
        ),
    ]


def team_history_figures(
    window: object, app: object, db: object, big_team_id: str, repeats: int
) -> list[Figure]:
    """Going home from a session, and a zoom step on the home page, for a team of 5
    sessions (made here, deleted after) and for the team with the most sessions: both
    should cost the same whatever the team's history."""
    from leersessie.method.sessions import finish_session, start_session
    from leersessie.method.teams import create_team
    from leersessie.privacy.deletion import delete_team

    small = create_team(db, "Benchmark: team van 5 sessies", ["Ans", "Bob", "Cas"])  # type: ignore[arg-type]
    template = window.workspace.catalogue.get("actieleren")  # type: ignore[attr-defined]
    for day in range(1, 6):
        session_id = start_session(
            db,  # type: ignore[arg-type]
            team_id=small.id,
            template=template,
            on=date(2026, 10, day),
            facilitator="Benchmark",
            present=[p.id for p in small.people],
        )
        finish_session(db, session_id)  # type: ignore[arg-type]
    figures: list[Figure] = []
    try:
        for team_id, which in ((small.id, "a team of"), (big_team_id, "the team of")):
            count, latest = db.execute(  # type: ignore[attr-defined]
                "SELECT count(*), max(id) FROM sessions WHERE team_id = ?", [team_id]
            ).fetchone()
            window.home.refresh(team_id)  # type: ignore[attr-defined]
            home = []
            for _ in range(repeats):
                window.show_session(latest)  # type: ignore[attr-defined]
                settle(app)
                home.append(timed(lambda: (window._go_home(), settle(app))))  # type: ignore[attr-defined]
            zoom = window.zoom  # type: ignore[attr-defined]
            steps = [zoom.larger if i % 2 == 0 else zoom.smaller for i in range(repeats)]
            zooming = [timed(lambda step=step: (step(), settle(app))) for step in steps]
            zoom.reset()
            settle(app)
            # The floor: painting the home page again, nothing changed.
            floor = Figure(
                "repainting the unchanged window",
                [timed(window.repaint) for _ in range(repeats)],  # type: ignore[attr-defined]
            )
            figures += [
                Figure(
                    f"Going home from a session, {which} {count} sessions",
                    home,
                    "< 16 ms",
                    percentile(home, 95) < 0.016,
                    detail=["Ctrl+Home from an open session, until the home page is painted"],
                    floor=floor,
                ),
                Figure(
                    f"A zoom step on the home page, {which} {count} sessions",
                    zooming,
                    "< 50 ms",
                    percentile(zooming, 95) < 0.050,
                    detail=["Ctrl++ and Ctrl+- in turn, until the window is painted"],
                    floor=floor,
                ),
            ]
    finally:
        delete_team(db, small.id)  # type: ignore[arg-type]
        window.home.refresh()  # type: ignore[attr-defined]
    return figures


def summary_figure(db: object, ids: list[str], folder: Path) -> Figure:
    """Summaries after the first (that one is measured at the start, in its own process),
    beside a one-page reportlab document with the same fonts and page frame."""
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
    floor = [timed(lambda n=n: one_page_pdf(folder / f"floor{n}.pdf")) for n in range(len(ids))]
    return Figure(
        f"Session summary PDF, after the first ({len(ids)} sessions)",
        samples,
        "< 150 ms",
        percentile(samples, 95) < 0.150,
        floor=Figure("one-page reportlab document", floor),
    )


def one_page_pdf(target: Path) -> None:
    from reportlab.platypus import Paragraph

    from leersessie.reports.pdf import styles, write_pdf

    text = styles()
    write_pdf(target, "Vloer", [Paragraph("Eén pagina met coördinatie.", text["body"])])


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
    settle(app)
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
    workspace = open_workspace(data_dir, daily_backup=False)
    figures: list[Figure] = []
    try:
        db = workspace.db
        window = MainWindow(workspace, today=lambda: date(2026, 10, 30))
        window.show()
        settle(app)
        limit = 0.040 if profile.sessions > BAR_SIZE else 0.020
        figures += search_figures(db, window, app, profile.search_repeats, limit)
        ids = _sample_sessions(db, profile.sessions_opened, profile.seed)
        figures.append(open_session_figure(window, app, ids))
        figures += step_change_figures(window, app, db, profile.step_sessions)
        figures += team_history_figures(
            window, app, db, marker["stats"]["big_team_id"], max(6, 2 * profile.step_sessions)
        )
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


def size_figure(path: Path, sessions: int) -> Figure:
    per_session = path.stat().st_size / 1024 / sessions
    parts = database_parts(path)
    return Figure(
        "Database size per session",
        [per_session],
        "≤ 17 KiB",
        per_session <= 17,
        unit="KiB",
        detail=[
            f"file {path.stat().st_size / 1024 / 1024:.0f} MiB: "
            + ", ".join(f"{name} {size / 1024 / 1024:.1f} MiB" for name, size in parts.items())
        ],
    )


# --- the report --------------------------------------------------------------------------

BARS = """\
From docs/design.md, "Quality bars" (measured on a database of 10,000 sessions).

- Cold start to the first paint of an interactive main window within 2.5× a bare PySide6
  window that shows a label (so that it loads its fonts too), on the same machine, ratio
  from one run, at 10,000 sessions; and flat in the size of the database: 50,000 sessions
  within 15% of 1,000.
- No interaction blocks the GUI thread longer than 16 ms.
- Full-text search over all notes and actions, as the search screen shows it (query,
  list, paint): p95 under 20 ms at 10,000 sessions, under 40 ms at 50,000, for whole
  words and for the prefixes typing produces.
- The database at most 17 KiB per session at the benchmark's mix, with text UUIDs and the
  prefix indexes that keep typing fast.
- The client-data check linear in its input: 1 MB under 1 s (not measured here).
- A team archive of 200 sessions exported and imported in under 2 s each (not measured
  here).
- Opening any session: under 50 ms; a session summary PDF under 150 ms, the first one
  after a start included; a team report of 200 sessions under 3 s.
- Typing never waits on the disk: a save blocks the GUI under 8 ms, and what was typed
  is on disk within a second."""

METHOD = """\
- **Cold start**: `benchmarks/startup_child.py` in a fresh process, Leersessie and a bare
  `QMainWindow` alternated, one discarded warm-up of each first (file cache, the day's
  backup). The parent passes its `time.time()` just before starting the child, so
  interpreter start-up and every import count. The clock stops at the first event-loop
  tick after the first paint (of the home screen; of the bare window). Both start from
  compiled bytecode, as an installed app does (the warm-up writes it). The app child
  imports what the `leersessie` command imports, in its order (the command's module and
  the core first, Qt when the window is wanted), and runs
  what `leersessie_ui.app.run_app` runs: `open_or_explain`, `show_window_or_explain`,
  `start_after_first_paint` (the full integrity check and the daily backup, the report
  warm-up and the start-up notices, all after the first paint). The verdict uses the
  ratio of the medians.
- **Memory**: the resident set of the app child once it is idle after the start (the
  integrity check, the backup and the warm-up done), beside the bare window's at its
  first paint.
- **First summary PDF after a start**: in the same app child, once idle: the summary
  module imported and one session's summary written, as the first click on "Verslag"
  does. The later summaries are measured in the benchmark's own process, beside a
  one-page reportlab document through the same `write_pdf` (fonts, page frame).
- **Search screen**: the real search page of the main window: the text set in the
  field, `SearchController.run()` (the query goes to the search worker's thread), and
  the clock stops when the results are in the list and it is painted (a synchronous
  repaint of the list). Whole words and phrases: the 50 fixed queries of
  `benchmarks/corpus.py`; typing: every prefix, from one letter, of a few common words.
  The first round of each is a warm-up. "GUI thread busy" is the CPU time of the GUI
  thread for one search (making the request, then taking the results in and painting;
  on a shared machine the wall clock adds other processes' turns, given beside it).
- **Search query alone**: `leersessie.memory.search.search` (50 hits, ranked, snippets), beside
  the floor: the same FTS5 match returning 50 rowids, unranked.
- **Opening a session**: `MainWindow.show_session(id)` plus one turn of the events it
  posted (`settle`: `processEvents()` and the deferred deletions the event loop does) so the
  step is painted; random sessions of all formats.
- **Changing step**: every step of teamontwikkelruimte sessions (scores per person, the
  radar, actions), one `go_to` each plus one `settle` (layout, paint, deletions), in
  the coach's window alone and then with the group screen open; the floor is painting
  the same windows again with nothing changed. The benchmark's process
  has two offscreen screens, a 1280×800 laptop and a 1920×1080 projector, so the group
  screen opens full-screen on the second (the start children keep one screen).
- **Going home and a zoom step, whatever the history**: for a team of 5 sessions (made
  for the run, deleted after) and for the team with the most: from an open session of
  the team, `_go_home` (Ctrl+Home) plus one `settle` until the home page is painted; on
  that home page, `zoom.larger` and `zoom.smaller` in turn, each plus one `settle`.
- **Team report**: `write_team_report` for the team of 200 sessions, on the benchmark's
  own thread (the app runs it on a pool thread).
- **Saving a note**: on the session screen of an open session, `autosaver.note_changed`
  then `autosaver.flush()`: the time blocked on the GUI thread. "Typed until on disk":
  from `note_changed` with the real 500 ms autosave timer until a second, read-only
  connection reads the new text back.
- **Database size**: the file as generated through the core API, per session; its parts
  from SQLite's `dbstat`."""


def _value(figure: Figure, value: float) -> str:
    if figure.unit == "ms":
        return ms(value)
    if figure.unit == "s":
        return f"{value:.2f} s"
    if figure.unit == "×":
        return f"{value:.2f}×"
    if figure.unit == "KiB":
        return f"{value:.1f} KiB"
    return f"{value:.0f} {figure.unit}"


def _cell(figure: Figure | None) -> str:
    if figure is None:
        return "–"
    if figure.ratio_of_medians is not None:
        text = f"{figure.ratio_of_medians:.2f}× (per start: {_value(figure, figure.median)} / "
        text += f"{_value(figure, figure.p95)})"
    elif len(figure.samples) == 1:
        text = _value(figure, figure.samples[0])
    else:
        text = f"{_value(figure, figure.median)} / {_value(figure, figure.p95)}"
    if figure.floor is not None:
        floor = figure.floor
        text += f" (floor {_value(floor, floor.median)} / {_value(floor, floor.p95)})"
    if figure.passed is not None:
        text += " **pass**" if figure.passed else " **FAIL**"
    return text


def _find(figures: list[Figure], name: str) -> Figure | None:
    return next((f for f in figures if f.name.startswith(name)), None)


def start_verdicts(results: dict[int, list[Figure]]) -> list[str]:
    """The two start bars: the ratio at 10,000 sessions, and flatness from the smallest
    to the largest size measured."""
    lines = []
    sizes = sorted(results)
    for size in sizes:
        ratio = _find(results[size], "Cold start ratio")
        if ratio is not None:
            value = ratio.ratio_of_medians or ratio.median
            ratio.passed = value <= 2.5 if size == BAR_SIZE else None
            ratio.bar = "≤ 2.5× at 10,000" if size == BAR_SIZE else ""
    if len(sizes) > 1:
        first = _find(results[sizes[0]], "Cold start to the first paint")
        last = _find(results[sizes[-1]], "Cold start to the first paint")
        assert first is not None and last is not None
        growth = last.median / first.median - 1
        verdict = "pass" if growth <= 0.15 else "FAIL"
        lines.append(
            f"- Start at {sizes[-1]:,} sessions against {sizes[0]:,}: median "
            f"{ms(last.median)} against {ms(first.median)}, {growth:+.0%} (bar: within 15% "
            f"from 1,000 to 50,000): **{verdict}**"
            + ("" if sizes[-1] >= 50_000 else " (50,000 not measured in this run)")
        )
    return lines


ROWS = (
    ("Cold start ratio", "ratio of the medians, app / bare"),
    ("Cold start to the first paint", ""),
    ("Memory at idle", ""),
    ("Search screen, 50 queries", ""),
    ("Search screen, typing", ""),
    ("Search query alone", ""),
    ("GUI thread busy per search", ""),
    ("Opening a session", ""),
    ("Changing step, coach's window", ""),
    ("Changing step, with the group screen", ""),
    ("Going home from a session, a team of", ""),
    ("Going home from a session, the team of", ""),
    ("A zoom step on the home page, a team of", ""),
    ("A zoom step on the home page, the team of", ""),
    ("First summary PDF after a start", ""),
    ("Session summary PDF, after the first", ""),
    ("Team report PDF", ""),
    ("Note save, GUI thread blocked", ""),
    ("Note save, typed until on disk", ""),
    ("Database size per session", ""),
)


def render(
    sizes: list[int],
    quick: bool,
    markers: dict[int, dict],
    results: dict[int, list[Figure]],
    seconds: float,
    load: tuple[float, float],
    command: str,
) -> str:
    start_lines = start_verdicts(results)
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}` on {time.strftime('%Y-%m-%d %H:%M')}. Each cell: median / "
        "p95 (nearest rank) over the repeated runs, with the floor measured in the same "
        "run beside it; **pass** or **FAIL** where a bar applies at that size. "
        "Generated: edit `benchmarks/run.py`, not this file, except below the marker "
        "at the end.",
        "",
    ]
    if quick:
        lines += [
            "**Quick mode: small databases and few runs; these figures only show "
            "that the runner works.**",
            "",
        ]
    lines += ["## The bars", "", BARS, "", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine()]
    # Other work on the machine (parallel test runs) shows in the spread of the figures.
    lines.append(f"| Load average (1 min), start / end of run | {load[0]:.2f} / {load[1]:.2f} |")
    lines += [
        "",
        "## Databases",
        "",
        "Generated by `benchmarks/generate.py` through the core API (seed 2026, 50 sessions "
        "a team, one team of 200 sessions for the team report).",
        "",
        "| sessions | teams | notes | actions | reviews | findings | measures | ratings "
        "| generated in |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        st = markers[size]["stats"]
        lines.append(
            f"| {st['sessions']} | {st['teams']} | {st['notes']} | {st['actions']} | "
            f"{st['reviews']} | {st['findings']} | {st['measures']} | {st['ratings']} | "
            f"{st['seconds']:.0f} s |"
        )
    header = " | ".join(f"{size:,} sessions" for size in sizes)
    lines += [
        "",
        "## Growth table",
        "",
        f"| figure | bar | {header} |",
        "|---|---|" + "---|" * len(sizes),
    ]
    for name, _ in ROWS:
        per_size = [_find(results[size], name) for size in sizes]
        shown = next((f for f in per_size if f is not None), None)
        if shown is None:
            continue
        bar = next((f.bar for f in per_size if f is not None and f.bar), "–")
        lines.append(f"| {shown.name} | {bar} | " + " | ".join(_cell(f) for f in per_size) + " |")
    lines += ["", "## Verdicts", ""]
    lines += start_lines
    for size in sizes:
        for figure in results[size]:
            if figure.passed is not None:
                verdict = "pass" if figure.passed else "FAIL"
                value = figure.samples[0] if len(figure.samples) == 1 else figure.p95
                if figure.bar.startswith("worst"):
                    value = max(figure.samples)
                if figure.ratio_of_medians is not None:
                    value = figure.ratio_of_medians
                lines.append(
                    f"- {figure.name} at {size:,}: {_value(figure, value)} against "
                    f"{figure.bar}: **{verdict}**"
                )
    for size in sizes:
        lines += ["", f"## Details at {size:,} sessions", ""]
        for figure in results[size]:
            lines.append(
                f"- {figure.name}: median {_value(figure, figure.median)}, "
                f"p95 {_value(figure, figure.p95)}, worst "
                f"{_value(figure, max(figure.samples))} (n = {len(figure.samples)})"
            )
            if figure.floor is not None:
                floor = figure.floor
                lines.append(
                    f"  - floor, {floor.name}: median {_value(floor, floor.median)}, "
                    f"p95 {_value(floor, floor.p95)} (n = {len(floor.samples)})"
                )
            lines += [f"  - {d}" for d in figure.detail if d]
    lines += [
        "",
        "## How each figure is measured",
        "",
        METHOD,
        "",
        f"_Benchmark run took {seconds:.0f} s._",
        "",
    ]
    return "\n".join(lines)


def keep_hand_written(report: str, output: Path) -> str:
    """The report, then the marker and whatever followed it in the file it replaces."""
    kept = ""
    if output.exists():
        old = output.read_text(encoding="utf-8")
        if HAND_WRITTEN in old:
            kept = old.split(HAND_WRITTEN, 1)[1]
    return f"{report}\n{HAND_WRITTEN}{kept if kept else chr(10)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small database, few runs: checks the runner, not the app",
    )
    parser.add_argument(
        "--sizes",
        help="sessions per database, comma-separated (default 1000,10000; quick: 60)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=HERE / "out",
        help="folder for the generated databases (one per parameter set)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="default: BENCHMARKS.md, or benchmarks/out/BENCHMARKS-quick.md with --quick",
    )
    args = parser.parse_args(argv)
    sizes = (
        [int(size) for size in args.sizes.split(",")]
        if args.sizes
        else list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    )
    output = args.output or (
        HERE / "out" / "BENCHMARKS-quick.md" if args.quick else ROOT / "BENCHMARKS.md"
    )
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    from leersessie.store.paths import database_path

    markers: dict[int, dict] = {}
    folders: dict[int, tuple[Path, list[str]]] = {}
    sizes_measured: dict[int, Figure] = {}
    for size in sizes:
        profile = profile_for(size, args.quick)
        data_dir, markers[size] = prepare_database(args.data_dir, profile)
        # The mix as generated; the starts and the in-process figures (which add and delete
        # records) work on a copy, so a reused database stays as generated.
        sizes_measured[size] = size_figure(database_path(data_dir), size)
        data_dir = working_copy(data_dir)
        conn = sqlite3.connect(f"{database_path(data_dir).resolve().as_uri()}?mode=ro", uri=True)
        ids = [r[0] for r in conn.execute("SELECT id FROM sessions ORDER BY id")]
        conn.close()
        folders[size] = (data_dir, random.Random(profile.seed + 2).sample(ids, min(len(ids), 10)))
    print("Koude start meten ...", file=sys.stderr)
    results = cold_starts(folders, profile_for(sizes[0], args.quick).startup_runs)
    for size in sizes:
        print(f"{size} sessies: zoeken, sessies, PDF's en opslaan meten ...", file=sys.stderr)
        data_dir = folders[size][0]
        results[size] += in_process(data_dir, markers[size], profile_for(size, args.quick))
        results[size].append(sizes_measured[size])
    shutil.rmtree(args.data_dir / "werkkopieen", ignore_errors=True)  # up to 1 GB at 50,000
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    if args.sizes:
        command += f" --sizes {args.sizes}"
    report = render(
        sizes,
        args.quick,
        markers,
        results,
        time.perf_counter() - started,
        (load_before, os.getloadavg()[0]),
        command,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(keep_hand_written(report, output), encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
