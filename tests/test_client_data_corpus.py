"""The client-data check measured on two corpora of realistic note lines, recall and
false alarms per kind printed for both and held to docs/design.md's bar (at least 95% found,
at most 3% false alarms):

- the tuning part (tests/corpus/client_data.txt), which the rules were written against:
  a line counts as found when a hit of the right kind covers its marked client data;
- the held-out part (tests/corpus/client_data_heldout.txt), written by someone who knew
  only the kinds, never the rules (issue 27), and never used to tune them: a marked
  stretch counts as found when any hit overlaps it. Only counts are printed for it, never
  its lines, so running this test does not show anyone which lines were missed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from leersessie.privacy.client_data import Hit, HitKind, scan

TUNING = Path(__file__).parent / "corpus" / "client_data.txt"
HELD_OUT = Path(__file__).parent / "corpus" / "client_data_heldout.txt"
TODAY = date(2026, 12, 7)  # the day the held-out part was written
MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.03
# The held-out part says "naam" for any name; the check has two kinds of name.
KINDS_OF_LABEL = {"naam": {HitKind.NAME, HitKind.CLIENT_NAME}}


@dataclass(frozen=True)
class Span:
    label: str  # the kind the marked stretch is
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    label: str  # "geen": a line without client data
    text: str
    spans: tuple[Span, ...]


def load_corpus(path: Path = TUNING) -> list[Case]:
    """Every line of a corpus: a label, a tab, the text with each stretch of client data
    between ⟦ and ⟧ (a line may mark more than one)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, marked = line.split("\t", 1)
        text, spans, position = "", [], 0
        for match in re.finditer("⟦(.*?)⟧", marked):
            text += marked[position : match.start()]
            spans.append(
                Span(_label_of(label, match.group(1)), len(text), len(text) + len(match.group(1)))
            )
            text += match.group(1)
            position = match.end()
        text += marked[position:]
        assert (label == "geen") == (not spans), line
        cases.append(Case(label, text, tuple(spans)))
    return cases


def _label_of(line_label: str, marked: str) -> str:
    # The held-out writer's note: one "naam" line also marks a phone number (no letters).
    if line_label == "naam" and not re.search(r"[^\W\d_]", marked):
        return "telefoon"
    return line_label


def covered_by_right_kind(span: Span, hits: Sequence[Hit]) -> bool:
    """A hit of the span's kind covers all of it (one character of slack at the end)."""
    kinds = KINDS_OF_LABEL.get(span.label, {HitKind(span.label)})
    return any(
        hit.kind in kinds and hit.start <= span.start and span.end <= hit.end + 1 for hit in hits
    )


def overlapped(span: Span, hits: Sequence[Hit]) -> bool:
    """Any hit shares a character with the span."""
    return any(hit.start < span.end and span.start < hit.end for hit in hits)


@dataclass
class Figures:
    found: Counter[str]
    total: Counter[str]
    alarms: Counter[str]  # "geen" lines with a hit of this kind
    alarm_lines: int
    negatives: int
    # The lines themselves, kept only for the tuning part (repr=False: an assertion's
    # message must not show held-out lines either).
    missed: list[str] = field(default_factory=list, repr=False)
    false_alarms: list[str] = field(default_factory=list, repr=False)

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / sum(self.total.values())

    @property
    def alarm_rate(self) -> float:
        return self.alarm_lines / self.negatives

    def table(self, title: str) -> str:
        rows = [title]
        for label in sorted(self.total):
            found, total = self.found[label], self.total[label]
            rows.append(f"  {label:<22} {found:>3}/{total:<3} recall {found / total:6.1%}")
        for kind, count in sorted(self.alarms.items()):
            rows.append(f"  false alarms of {kind:<13} {count:>3}/{self.negatives}")
        rows.append(
            f"  {'overall':<22} {sum(self.found.values()):>3}/{sum(self.total.values()):<3} "
            f"recall {self.recall:6.1%}   false alarms {self.alarm_lines}/{self.negatives} "
            f"({self.alarm_rate:.1%})"
        )
        return "\n".join(rows)


def measure(
    cases: Sequence[Case], found: Callable[[Span, Sequence[Hit]], bool], keep_lines: bool
) -> Figures:
    figures = Figures(Counter(), Counter(), Counter(), 0, 0)
    for case in cases:
        hits = scan(case.text, (), TODAY)
        if not case.spans:
            figures.negatives += 1
            figures.alarm_lines += bool(hits)
            figures.alarms.update({hit.kind.value for hit in hits})
            if keep_lines:
                figures.false_alarms += [f"({hit.kind.value}) {case.text}" for hit in hits]
            continue
        for span in case.spans:
            figures.total[span.label] += 1
            if found(span, hits):
                figures.found[span.label] += 1
            elif keep_lines:
                figures.missed.append(f"({span.label}) {case.text}")
    return figures


def test_the_corpora_are_big_and_cover_every_kind():
    tuning = Counter(case.label for case in load_corpus())
    assert sum(tuning.values()) >= 300
    for kind in set(HitKind) - {HitKind.NAME}:  # the personal list is the coach's own
        assert tuning[kind.value] >= 10, kind
    assert tuning["geen"] >= 100
    held_out = Counter(case.label for case in load_corpus(HELD_OUT))
    assert held_out["geen"] == 100 and sum(held_out.values()) == 200


def test_recall_and_false_alarms_per_kind_on_the_tuning_part():
    figures = measure(load_corpus(), covered_by_right_kind, keep_lines=True)
    print("\n" + figures.table("tuning part (a hit of the right kind covers the stretch)"))
    for line in figures.missed:
        print("missed:", line)
    for line in figures.false_alarms:
        print("false alarm:", line)
    recall, alarm_rate = figures.recall, figures.alarm_rate
    assert recall >= MIN_RECALL
    assert alarm_rate <= MAX_FALSE_ALARMS


def test_recall_and_false_alarms_per_kind_on_the_held_out_part():
    cases = load_corpus(HELD_OUT)
    overlapping = measure(cases, overlapped, keep_lines=False)
    covering = measure(cases, covered_by_right_kind, keep_lines=False)
    print("\n" + overlapping.table("held-out part (any hit overlaps the stretch)"))
    print(covering.table("held-out part, stricter (a hit of the right kind covers it)"))
    recall, alarm_rate = overlapping.recall, overlapping.alarm_rate
    assert recall >= MIN_RECALL, f"held-out recall {recall:.1%}"
    assert alarm_rate <= MAX_FALSE_ALARMS, f"held-out false alarms {alarm_rate:.1%}"


@pytest.mark.parametrize("case", [case for case in load_corpus() if case.spans])
def test_every_hit_says_its_kind_and_why(case):
    hits = scan(case.text, (), TODAY)
    assert hits and all(hit.why and hit.kind.label for hit in hits)
