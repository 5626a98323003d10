"""The cost of encryption at rest: the same figures on a plain and an encrypted copy.

    python benchmarks/encryption.py --source DIR [--sessions N] [--repeats N]

DIR is a generated data folder (benchmarks/generate.py, 10,000 sessions for the report);
--sessions generates one into DIR when it does not exist yet. The folder is copied twice,
one copy is encrypted (leersessie.store.conversion.convert_folder), and on both are measured:

- cold start: a fresh process from interpreter start to the first event-loop tick after
  the main window is shown (the passphrase check and the integrity check included), and
  the same without waiting for the integrity check (it keeps running beside the start);
- search: leersessie.memory.search.search over the fixed queries of benchmarks/corpus.py;
- opening a session: MainWindow.show_session plus one processEvents();
- saving a note: NoteAutosaver.note_changed then flush, the time the GUI thread blocks.

Prints a Markdown table to append to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sits next to this script)
import generate  # noqa: E402

PASSPHRASE = "benchmark passphrase, not a secret"

CHILD = """
import sys, time
start = float(sys.argv[2])
from pathlib import Path
from PySide6.QtCore import QTimer
from leersessie.store.encryption import folder_is_encrypted, unlock
from leersessie.store.paths import database_path
from leersessie.store.integrity import IntegrityCheck
data_dir = Path(sys.argv[1])
if folder_is_encrypted(data_dir):
    unlock(data_dir, sys.argv[3])  # what the start dialog does with the typed passphrase
from leersessie_ui.app import make_application, open_or_explain
from leersessie_ui.main_window import MainWindow
if sys.argv[4] == "nowait":  # the check keeps running, but the start does not wait for it
    from leersessie.workspace import Workspace
    Workspace.confirm_integrity = lambda self: None
app = make_application()
integrity = None if folder_is_encrypted(data_dir) else IntegrityCheck(database_path(data_dir))
workspace = open_or_explain(str(data_dir), integrity)
window = MainWindow(workspace)
window.show()
def first_tick():
    print(time.time() - start, flush=True)
    app.quit()
QTimer.singleShot(0, first_tick)
app.exec()
check = workspace.integrity or integrity
if check is not None:
    check.result()  # no thread may read the database while the interpreter exits
workspace.close()
"""


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def cold_starts(data_dir: Path, runs: int, wait: str = "wait") -> list[float]:
    def once() -> float:
        args = [sys.executable, "-c", CHILD, str(data_dir), repr(time.time()), PASSPHRASE, wait]
        done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=True)
        return float(done.stdout.strip().splitlines()[-1])

    once()  # warm-up: the file cache and the day's backup
    return [once() for _ in range(runs)]


def in_process(data_dir: Path, repeats: int) -> dict[str, list[float]]:
    from leersessie.memory.search import search
    from leersessie.store.encryption import folder_is_encrypted, forget_key, unlock
    from leersessie.workspace import open_workspace
    from leersessie_ui.app import make_application
    from leersessie_ui.main_window import MainWindow

    app = make_application()
    if folder_is_encrypted(data_dir):
        unlock(data_dir, PASSPHRASE)
    workspace = open_workspace(data_dir, daily_backup=False)
    db = workspace.db
    figures: dict[str, list[float]] = {"search": [], "open": [], "save": []}
    for query in corpus.SEARCH_QUERIES:
        search(db, query)  # warm-up
    for _ in range(repeats):
        for query in corpus.SEARCH_QUERIES:
            figures["search"].append(timed(lambda q=query: search(db, q)))
    window = MainWindow(workspace)
    window.show()
    app.processEvents()
    ids = [row[0] for row in db.execute("SELECT id FROM sessions ORDER BY id")]
    for session_id in random.Random(2026).sample(ids, min(40, len(ids))):

        def open_one(session_id: str = session_id) -> None:
            window.show_session(session_id)
            app.processEvents()

        figures["open"].append(timed(open_one))
    controller = window.session
    step_key = controller.current_step.key
    base = controller.session.notes.get(step_key, "") + "\nNieuwe notitie: "
    for n in range(50):
        controller.autosaver.note_changed(step_key, f"{base}{n}")
        figures["save"].append(timed(controller.autosaver.flush))
    window.close()
    workspace.close()
    forget_key(data_dir)
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args(argv)
    if generate.read_marker(args.source) is None:
        generate.generate(args.source, args.sessions, max(1, args.sessions // 50), 2026, 200)
    from leersessie.store.conversion import convert_folder

    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(dir=args.source.parent) as tmp:
        plain, encrypted = Path(tmp) / "plain", Path(tmp) / "encrypted"
        shutil.copytree(args.source, plain)
        shutil.copytree(args.source, encrypted)
        conversion = timed(lambda: convert_folder(encrypted, PASSPHRASE))
        size = {
            name: sum(p.stat().st_size for p in folder.rglob("*.db"))
            for name, folder in (("plain", plain), ("encrypted", encrypted))
        }
        for name, folder in (("plain", plain), ("encrypted", encrypted)):
            results[name] = in_process(folder, args.repeats)
            results[name]["start"] = cold_starts(folder, args.starts)
            results[name]["start-nowait"] = cold_starts(folder, args.starts, "nowait")
    sessions = generate.read_marker(args.source)["stats"]  # type: ignore[index]
    rows = [
        ("Cold start to the first tick", "start"),
        ("Cold start, integrity check not waited for", "start-nowait"),
        ("Full-text search", "search"),
        ("Opening a session", "open"),
        ("Note save, GUI thread blocked", "save"),
    ]
    print(f"Data folder: {sessions['sessions']} sessions, {sessions['notes']} notes")
    print(f"Conversion of the folder (database and backups): {conversion:.1f} s")
    print(
        f"Database and backups on disk: plain {size['plain'] / 2**20:.0f} MiB, "
        f"encrypted {size['encrypted'] / 2**20:.0f} MiB"
    )
    print()
    print("| figure | plain median | plain p95 | encrypted median | encrypted p95 | cost |")
    print("|---|---|---|---|---|---|")
    for label, key in rows:
        p, e = results["plain"][key], results["encrypted"][key]
        cost = statistics.median(e) / statistics.median(p)
        print(
            f"| {label} ({len(p)}×) | {ms(statistics.median(p))} | {ms(percentile(p, 95))} | "
            f"{ms(statistics.median(e))} | {ms(percentile(e, 95))} | {cost:.2f}× |"
        )
    print(
        json.dumps({k: {f: statistics.median(v) for f, v in r.items()} for k, r in results.items()})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
