"""The question coach's classifier: how long one question takes, a typical one and a line of
5,000 characters (the issue's bar: under 10 ms), beside the floor of only splitting the same
text into words. Prints a Markdown table; run: .venv/bin/python benchmarks/questions.py"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from leersessie.method.questions import classify_question

CORPUS = Path(__file__).parent.parent / "tests" / "data" / "questions_corpus.tsv"
LONG = "Wat " + "maakt het lastig en " * 250 + "wat wil je?"


def timed(function: object, text: str, repeats: int = 200) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(text)  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    questions = [
        line.split("\t", 1)[1]
        for line in CORPUS.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    words = re.compile(r"[\w'’-]+")
    print("| what | median | p95 | floor (word split) median |")
    print("|---|---|---|---|")
    typical = [timed(classify_question, q, 20) for q in questions]
    floor = [timed(words.findall, q, 20) for q in questions]
    print(
        f"| a corpus question ({len(questions)}) | "
        f"{statistics.median(t[0] for t in typical):.3f} ms | "
        f"{statistics.median(t[1] for t in typical):.3f} ms | "
        f"{statistics.median(f[0] for f in floor):.3f} ms |"
    )
    long_median, long_p95 = timed(classify_question, LONG)
    print(
        f"| a line of {len(LONG):,} characters | {long_median:.3f} ms | {long_p95:.3f} ms | "
        f"{timed(words.findall, LONG)[0]:.3f} ms |"
    )


if __name__ == "__main__":
    main()
