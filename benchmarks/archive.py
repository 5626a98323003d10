"""Team archive benchmark: export and import of the 200-session team (bar: under 2 s each).

    python benchmarks/archive.py [--data-dir benchmarks/out/groot] [--runs 5]

Without --data-dir a database of 2,000 sessions over 20 teams (the first one with 200
sessions) is generated in a temporary folder; with it, an existing benchmark database
(benchmarks/generate.py) is copied first, so it is never changed. Measured, median and
worst of the runs:
- export: the big team to a .leersessie file, plain and with a passphrase;
- import into an empty data folder (already opened): reading, planning and applying,
  the backup before it included;
- import of the same file again into the source database: the idempotent case, where
  every record is compared.
Each beside its floor from the same run: for an export, writing the archive's bytes to a
new file (the disk's share); for an import, reading the archive (unzip, parse, check),
the part an import cannot do without.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from leersessie.sharing.archive import export_team, read_archive
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace


def timed(runs: int, work: Callable[[int], object]) -> tuple[float, float]:
    seconds = []
    for run in range(runs):
        started = time.perf_counter()
        work(run)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        source = root / "bron"
        if args.data_dir:
            source.mkdir()
            shutil.copyfile(database_path(args.data_dir), database_path(source))
            big_team = generate.read_marker(args.data_dir)["stats"]["big_team_id"]
        else:
            big_team = generate.generate(source, sessions=2000, teams=20, big_team=200).big_team_id
        ws = open_workspace(source)
        sessions = ws.db.execute(
            "SELECT count(*) FROM sessions WHERE team_id = ?", [big_team]
        ).fetchone()[0]
        total = ws.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        file = root / "team.leersessie"
        plain = timed(args.runs, lambda _run: export_team(ws.db, big_team, file))
        locked = root / "team-met-wachtwoord.leersessie"
        encrypted = timed(args.runs, lambda _run: export_team(ws.db, big_team, locked, "zin"))
        size = file.stat().st_size
        copy = root / "kopie.leersessie"
        write_floor = timed(args.runs, lambda _run: shutil.copyfile(file, copy))
        read_floor = timed(args.runs, lambda _run: read_archive(file))

        # Opened beforehand: creating a data folder is the app's start, not the import.
        empties = [open_workspace(root / f"leeg-{run}") for run in range(args.runs)]

        def into_empty(run: int) -> None:
            target = empties[run]
            apply_import(target.db, plan_import(target.db, read_archive(file)), target.data_dir)

        empty = timed(args.runs, into_empty)
        for target in empties:
            target.close()
        again = timed(
            args.runs,
            lambda _run: apply_import(ws.db, plan_import(ws.db, read_archive(file)), ws.data_dir),
        )
        ws.close()
    finally:
        shutil.rmtree(root)
    print(f"Team of {sessions} sessions in a database of {total}; archive {size / 1e6:.2f} MB")
    print(f"| | median | worst | floor median ({args.runs} runs) |")
    print("|---|---|---|---|")
    for label, (median, worst), floor in (
        ("export", plain, write_floor),
        ("export with a passphrase", encrypted, write_floor),
        ("import into an empty data folder", empty, read_floor),
        ("import again (nothing changes)", again, read_floor),
    ):
        print(f"| {label} | {median:.2f} s | {worst:.2f} s | {floor[0]:.3f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
