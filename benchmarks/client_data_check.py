"""The client-data check on 1 MB of text of several kinds: docs/design.md's bar is under 1 s
for any text, linear in its input and its hits.

    python benchmarks/client_data_check.py [--megabytes 1]

Prints, per kind of text, the hits and the CPU time (this process only: the machine is
shared) for 1/4, 1/2 and 1 of the size, so a cost that grows faster than the text shows as
a rising time per megabyte; beside it a floor from the same run, one pass of a regular
expression that finds every word of the megabyte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leersessie.privacy.client_data import scan

BAR_SECONDS = 1.0
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "client_data.txt"


def _repeat(make: Callable[[random.Random], str], size: int) -> str:
    rnd = random.Random(1)
    parts: list[str] = []
    length = 0
    while length < size:
        part = make(rnd)
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


def _corpus_lines(rnd: random.Random) -> str:
    lines = [
        line.split("\t", 1)[1].replace("⟦", "").replace("⟧", "")
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    return rnd.choice(lines) + "\n"


TEXTS: dict[str, Callable[[random.Random], str]] = {
    "dates": lambda r: f"{r.randint(1, 28)}-{r.randint(1, 12)}-{r.randint(1990, 2026)} ",
    "birth dates": lambda r: (
        f"geboren {r.randint(1, 28)}-{r.randint(1, 12)}-20{r.randint(10, 20)} "
    ),
    "phone-like": lambda r: f"06-{r.randint(10000000, 99999999)} ",
    "digits": lambda r: str(r.randint(0, 9)) + (" " if r.random() < 0.3 else ""),
    "names": lambda r: r.choice(["moeder ", "Mevrouw ", "cliënt "]) + "Fatima El Amrani, ",
    "issue 27 kinds": lambda r: r.choice(
        [
            "woont op Hoge Akker 3-A, 3842 KL Harderwijk; ",
            "jan punt jansen at gmail punt com, (010) 4567890, ",
            "dhr. P. de Vries, de kinderen Noah (7) en Liam, (Sanne, 9), Daans moeder, ",
            "BSN vijf zes zeven vijf een drie negen een negen, zoon is van '14 ",
        ]
    ),
    "mixed notes": _corpus_lines,
    "one long word": lambda r: "a" * 1000,
}


def _floor(text: str) -> float:
    """The least a check by regular expressions costs on this text in this run: one
    pass that finds every word (CPU seconds)."""
    started = time.process_time()
    sum(1 for _ in _WORD.finditer(text))
    return time.process_time() - started


_WORD = re.compile(r"\w+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.megabytes * 1_000_000)
    today = date(2026, 11, 23)
    worst = 0.0
    print(
        f"{'text':<15} {'hits':>7}  "
        + "  ".join(f"{f:>4} MB s" for f in ("1/4", "1/2", "1"))
        + "  floor 1 MB s"
    )
    for name, make in TEXTS.items():
        text = _repeat(make, size)
        timings = []
        hits = 0
        for fraction in (4, 2, 1):
            part = text[: size // fraction]
            started = time.process_time()
            hits = len(scan(part, ("Zoë de Boer",), today))
            timings.append(time.process_time() - started)
        worst = max(worst, timings[-1])
        print(
            f"{name:<15} {hits:>7}  "
            + "  ".join(f"{t:>9.3f}" for t in timings)
            + f"  {_floor(text):>12.3f}"
        )
    verdict = "ok" if worst < BAR_SECONDS * args.megabytes else "OVER THE BAR"
    print(f"slowest 1 MB: {worst:.3f} s (bar {BAR_SECONDS} s): {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
