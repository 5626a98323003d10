"""What the search index's prefix indexes cost in bytes and buy in speed.

    python benchmarks/search_prefixes.py DATA_DIR [--variants "3 4 5 6 7 8" none "3" "3 4 5"]

Copies DATA_DIR's database to a temporary folder, and for each variant rebuilds the
search index there with those prefix lengths (``none``: no prefix index). Prints, per
variant, the index's size (SQLite's ``dbstat``) and the time of the core search
(``leersessie.memory.search.search``: match, rank, snippets) over every prefix that typing
the benchmark's words produces (median, p95 and worst of 5 rounds, after a warm-up).
The app's index is the first variant (migration m003); the others are what dropping
prefix lengths would give.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from run import TYPED_WORDS, percentile, typed_prefixes  # noqa: E402

DEFAULT_VARIANTS = ("3 4 5 6 7 8", "3 4 5", "3", "none")
ROUNDS = 5


def _rebuild(path: Path, prefixes: str) -> int:
    option = "" if prefixes == "none" else f", prefix = '{prefixes}'"
    conn = sqlite3.connect(path)
    try:
        conn.executescript(f"""
            DROP TABLE search_index;
            CREATE VIRTUAL TABLE search_index USING fts5(
                body, kind UNINDEXED, record_id UNINDEXED, session_id UNINDEXED,
                step_key UNINDEXED, content = 'search_source', content_rowid = 'id',
                tokenize = 'unicode61 remove_diacritics 2'{option});
            INSERT INTO search_index (search_index) VALUES ('rebuild');
        """)
        size: int = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'"
        ).fetchone()[0]
        return size
    finally:
        conn.close()


def _times(path: Path) -> list[float]:
    from leersessie.memory.search import search
    from leersessie.store.storage import connect

    db = connect(path)
    try:
        prefixes = typed_prefixes()
        for query in prefixes:
            search(db, query)
        samples = []
        for _ in range(ROUNDS):
            for query in prefixes:
                start = time.perf_counter()
                search(db, query)
                samples.append(time.perf_counter() - start)
        return samples
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--variants", nargs="+", default=list(DEFAULT_VARIANTS))
    args = parser.parse_args()
    sessions = (
        sqlite3.connect(args.data_dir / "leersessie.db")
        .execute("SELECT count(*) FROM sessions")
        .fetchone()[0]
    )
    print(
        f"{sessions:,} sessions; typing every prefix of {', '.join(TYPED_WORDS)}; "
        f"{ROUNDS} rounds\n\n| prefix lengths | index | per session | search median | p95 | "
        "worst |\n|---|---|---|---|---|---|"
    )
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "leersessie.db"
        shutil.copy(args.data_dir / "leersessie.db", copy)
        for variant in args.variants:
            size = _rebuild(copy, variant)
            samples = _times(copy)
            print(
                f"| {variant} | {size / 2**20:.1f} MiB | {size / 1024 / sessions:.2f} KiB | "
                f"{statistics.median(samples) * 1000:.1f} ms | "
                f"{percentile(samples, 95) * 1000:.1f} ms | {max(samples) * 1000:.1f} ms |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
