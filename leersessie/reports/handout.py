"""Handouts: a blank A4 worksheet of a template, for participants to write on.

The worksheet is for the participants, so it carries what the group reads: the format's
purpose for the group, what to bring, what comes before the first step, and per step its
group text with room to write that fits the kind of step (ruled lines for notes, a 1-5
scale for ratings, numbered lines for findings, empty tables for actions and measures).
The coach's guidance (the summary, each step's purpose, what to watch for and the
example questions) never goes on it, as it never goes on the group screen.

Steps are numbered as the app numbers them: with a look back on open actions it is step
1 and the format's steps follow from 2. At its foot the sheet names, per step, where in
the source a reader finds it (or that the step is the app's own design).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from leersessie.base.i18n import tr
from leersessie.method.models import LOOKBACK_STEP
from leersessie.method.templates import RatingItem, Step, StepKind, Template
from leersessie.reports.pdf import (
    Cell,
    grid,
    heading,
    keep,
    key_values,
    para,
    write_pdf,
    writing_lines,
)

# Room to write grows with the minutes a notes step takes, within sensible bounds.
_MIN_LINES, _MAX_LINES, _MINUTES_PER_LINE = 4, 12, 2.5
_BLANK_ROWS = 4
_ROW_HEIGHT = 10 * mm


def note_lines(step: Step) -> int:
    """How many ruled lines a step gets: more for a long notes step, fewer beside a table."""
    lines = round(step.minutes / _MINUTES_PER_LINE)
    if step.kind is StepKind.NOTES:
        return max(_MIN_LINES, min(_MAX_LINES, lines))
    return max(3, min(5, lines // 2))


def _header(template: Template) -> list[Flowable]:
    rows = [
        (tr("Duur"), tr("{minutes} minuten", minutes=template.duration_minutes)),
        (tr("Groepsgrootte"), template.group_size),
        (tr("Voor wie"), template.audience),
    ]
    blanks = grid(
        [tr("Team"), tr("Datum"), tr("Naam")], [["", "", ""]], [None] * 3, row_height=9 * mm
    )
    # A template without a text for the group (an own one) gets none: its summary is
    # written for the coach.
    summary = [para(template.group_summary)] if template.group_summary else []
    story: list[Flowable] = [
        para(tr("Werkblad"), "small"),
        para(template.title, "title"),
        *summary,
        Spacer(1, 3 * mm),
        key_values(rows),
    ]
    if template.bring:
        story += [
            para(tr("Neem mee"), "h3"),
            *(para(f"• {thing}") for thing in template.bring),
        ]
    return [*story, Spacer(1, 3 * mm), blanks, Spacer(1, 2 * mm)]


def _source_line(template: Template) -> Flowable:
    source = template.source
    seed = tr(" (bron {seed})", seed=source.seed) if source.seed else ""
    return para(
        tr(
            "Bron: {document}, {section}{seed}. In eigen woorden bewerkt voor Leersessie.",
            document=source.document,
            section=source.section,
            seed=seed,
        ),
        "small",
    )


def _step_sources(template: Template, first: int) -> list[Flowable]:
    """Per step where its source is, so a participant can read the original."""
    lines = [
        para(f"{number}. {step.title}: {step.origin_text()}", "small")
        for number, step in enumerate(template.steps, start=first)
        if step.origin_text()
    ]
    return [para(tr("Bronnen per stap"), "h3"), *lines] if lines else []


def _rating_scale(items: tuple[RatingItem, ...]) -> Flowable:
    """Per item a row to tick a score from 1 to 5, with what it means and its behaviours
    beneath its title."""
    rows: list[list[Cell]] = []
    for item in items:
        cell: list[Flowable] = [
            para(item.title, "cellbold"),
            *([para(item.description, "cell")] if item.description else []),
            *(para(f"• {b}", "cell") for b in item.behaviours),
        ]
        rows.append([cell, "", "", "", "", ""])
    return grid([tr("Onderdeel"), "1", "2", "3", "4", "5"], rows, [None] + [12 * mm] * 5)


def _work_area(step: Step) -> list[Flowable]:
    """The room to write, shaped by the kind of step."""
    blank = [[""] * 4 for _ in range(_BLANK_ROWS)]
    if step.kind is StepKind.RATINGS:
        low, high = step.scale_words()
        return [
            para(
                tr(
                    "Kruis voor jezelf per onderdeel een score aan: 1 = {low}, 5 = {high}.",
                    low=low,
                    high=high,
                ),
                "small",
            ),
            _rating_scale(step.items),
            Spacer(1, 2 * mm),
            keep(para(tr("Voorbeelden en aantekeningen"), "h3"), writing_lines(note_lines(step))),
        ]
    if step.kind is StepKind.ACTIONS:
        return [
            writing_lines(note_lines(step)),
            Spacer(1, 3 * mm),
            keep(
                para(tr("Afgesproken acties"), "h3"),
                grid(
                    [tr("Wat"), tr("Wie"), tr("Wanneer")],
                    [r[:3] for r in blank],
                    [None, 40 * mm, 30 * mm],
                    row_height=_ROW_HEIGHT,
                ),
            ),
        ]
    if step.kind is StepKind.FINDINGS:
        return [keep(para(tr("Bevindingen"), "h3"), writing_lines(8, numbered=True))]
    if step.kind is StepKind.THEMES:
        return [
            grid(
                [tr("Thema"), tr("Bevindingen (casus en nummer)")],
                [r[:2] for r in blank],
                [None, 60 * mm],
                row_height=14 * mm,
            ),
            Spacer(1, 2 * mm),
            writing_lines(note_lines(step)),
        ]
    if step.kind is StepKind.MEASURES:
        return [
            grid(
                [
                    tr("Bevinding"),
                    tr("Maatregel"),
                    tr("Eigenaar"),
                    tr("Niveau"),
                    tr("Kwadrant"),
                    tr("Klaar op"),
                ],
                [[*r, "", ""] for r in blank],
                [24 * mm, None, 25 * mm, 21 * mm, 24 * mm, 20 * mm],
                row_height=14 * mm,
            ),
            para(
                tr(
                    "Bevinding: het nummer van de bevinding. Niveau: organisatie of systeem. "
                    "Kwadrant: individueel of collectief, binnenkant (bedoeling, cultuur) of "
                    "buitenkant (gedrag, regels en structuren)."
                ),
                "small",
            ),
            Spacer(1, 2 * mm),
            writing_lines(note_lines(step)),
        ]
    return [writing_lines(note_lines(step))]


def _step_block(number: int, step: Step) -> list[Flowable]:
    minutes = tr(" · {minutes} min", minutes=step.minutes) if step.minutes else ""
    top: list[Flowable] = [heading(f"{number}. {step.title}{minutes}")]
    if step.group_prompt:
        top.append(para(step.group_prompt))
    top.append(Spacer(1, 2 * mm))
    area = _work_area(step)
    # The step's text stays with the start of its room to write, never alone at a page foot.
    return [KeepTogether([*top, area[0]]), *area[1:]]


def _lookback_block(numbered: bool) -> Flowable:
    """A format that opens with a look back on the team's open actions has it as step 1 in
    a session that has such actions; the sheet numbers it the same way."""
    rows = [["", "", ""] for _ in range(3)]
    title = tr(LOOKBACK_STEP.title)
    return KeepTogether(
        [
            heading(f"1. {title}" if numbered else tr("Vooraf: {title}", title=title)),
            para(
                tr("Alleen als er nog acties van vorige keer openstaan.")
                + " "
                + tr(LOOKBACK_STEP.group_prompt)
            ),
            Spacer(1, 2 * mm),
            grid(
                [
                    tr("Actie"),
                    tr("Gedaan / loopt door / vervallen"),
                    tr("Wat hebben we geleerd?"),
                ],
                rows,
                [None, 45 * mm, 65 * mm],
                row_height=_ROW_HEIGHT,
            ),
        ]
    )


def _before_first_step(template: Template, with_lookback: bool) -> list[Flowable]:
    """What comes before the first step: what the format says comes first, then the look
    back on open actions where the format has one."""
    story: list[Flowable] = []
    if template.before:
        story += [heading(tr("Vooraf")), para(template.before), Spacer(1, 2 * mm)]
    if template.opens_with_lookback:
        story.append(_lookback_block(numbered=with_lookback))
    return story


def handout_story(template: Template, with_lookback: bool = False) -> list[Flowable]:
    """``with_lookback``: the session opens with a look back (the app calls it step 1)."""
    story = _header(template)
    story.extend(_before_first_step(template, with_lookback))
    first = 2 if with_lookback and template.opens_with_lookback else 1
    for number, step in enumerate(template.steps, start=first):
        story.extend(_step_block(number, step))
    story += [Spacer(1, 6 * mm), _source_line(template), *_step_sources(template, first)]
    return story


def write_handout(template: Template, target: Path, with_lookback: bool = False) -> Path:
    """Write the blank worksheet of ``template`` to ``target`` (A4 PDF), its steps numbered
    as in a session with or without a look back; raises UserFacingError when the file
    cannot be written, leaving no file behind."""
    return write_pdf(
        target,
        tr("Werkblad {title}", title=template.title),
        handout_story(template, with_lookback),
    )
