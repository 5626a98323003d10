"""The actions overview across teams: filter, page through, and export as CSV.

Built for lazy views: ``count_actions`` and ``list_actions(limit, offset)`` let a view
fetch 50 rows at a time from 50,000. The page is chosen on the narrow actions table
(with the indexes from migration m002) and only then joined with teams and sessions.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, from_iso, short, to_iso
from leersessie.base.i18n import N_, tr
from leersessie.memory.actions import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    action_from_row,
    review_from_row,
)
from leersessie.method.leerreview import Measure, measure_from_row
from leersessie.method.models import Action, ActionReview, ActionStatus, ReviewOutcome
from leersessie.store.paths import atomic_file, write_failed

# Spreadsheets run a cell that starts with one of these as a formula; a note such as
# "- bellen" or "=" typed by a user must stay text. Full-width and small forms ("＝",
# "﹢") count too: they are compared after NFKC, which makes them the plain sign.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\u2212")
# Control characters (NUL and the like) have no place in a cell; tab and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_EXPORT_PAGE = 500


def _today() -> date:
    return date.today()  # looked up when called, so a test can pin the day


@dataclass(frozen=True)
class ActionFilter:
    """What the overview shows; None means any. ``overdue_only`` means open actions past
    their due date on ``today`` (it overrides ``status``)."""

    team_id: str | None = None
    owner_id: str | None = None
    status: ActionStatus | None = None
    overdue_only: bool = False
    today: date = field(default_factory=_today)


@dataclass(frozen=True)
class ActionRow:
    """One line of the overview: the action and where it came from."""

    action: Action
    team_name: str
    origin_date: date
    template_title: str
    review_count: int
    overdue: bool


def _where(f: ActionFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if f.team_id:
        clauses.append("a.team_id = ?")
        params.append(f.team_id)
    if f.owner_id:
        clauses.append("a.owner_id = ?")
        params.append(f.owner_id)
    if f.status and not f.overdue_only:
        clauses.append("a.status = ?")
        params.append(f.status.value)
    return clauses, params


def _segments(f: ActionFilter) -> list[tuple[str, list[object], str]]:
    """The overview order as consecutive segments, each one an index-ordered query:
    overdue actions (oldest due date first), then the other dated actions by due date,
    then the actions without a due date in the order they were agreed.

    One ``ORDER BY (overdue) DESC, due_date`` over 50,000 rows sorts them all for every
    page; a segment reads only the rows of its page from an index.
    """
    clauses, params = _where(f)
    today = to_iso(f.today)
    segments = [("a.status = 'open' AND a.due_date < ?", [today], "a.due_date")]
    if not f.overdue_only:
        segments += [
            (
                "a.due_date >= ? OR (a.due_date IS NOT NULL AND a.status != 'open')",
                [today],
                "a.due_date",
            ),
            ("a.due_date IS NULL", [], "a.created_at"),
        ]
    if f.owner_id:
        # One person's actions are few: make SQLite use the owner index, not a range
        # over all open actions (a unary + keeps a column out of index choices).
        segments = [(_unindexed(condition), extra, order) for condition, extra, order in segments]
    queries = []
    for condition, extra, order in segments:
        where = " AND ".join([*clauses, f"({condition})"])
        queries.append((where, [*params, *extra], order))
    return queries


def _unindexed(condition: str) -> str:
    return condition.replace("a.status", "+a.status").replace("a.due_date", "+a.due_date")


def _segment_ids(where: str, order: str) -> str:
    return (
        f"SELECT a.id FROM actions a WHERE {where} ORDER BY {order}, a.created_at, a.position, a.id"
    )


def count_actions(db: Database, f: ActionFilter) -> int:
    clauses, params = _where(f)
    if f.overdue_only:
        clauses.append("a.status = 'open' AND a.due_date < ?")
        params.append(to_iso(f.today))
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    count: int = db.execute(f"SELECT count(*) FROM actions a {where}", params).fetchone()[0]
    return count


def _page_ids(db: Database, f: ActionFilter, limit: int, offset: int) -> list[str]:
    ids: list[str] = []
    for where, params, order in _segments(f):
        if len(ids) >= limit:
            break
        size = db.execute(f"SELECT count(*) FROM actions a WHERE {where}", params).fetchone()[0]
        if offset >= size:
            offset -= size
            continue
        ids += [
            row[0]
            for row in db.execute(
                f"{_segment_ids(where, order)} LIMIT ? OFFSET ?",
                [*params, limit - len(ids), offset],
            ).fetchall()
        ]
        offset = 0
    return ids


def list_actions(
    db: Database, f: ActionFilter, limit: int = 50, offset: int = 0
) -> list[ActionRow]:
    """One page of the overview: overdue first, then by due date (none last)."""
    return _rows_for(db, _page_ids(db, f, int(limit), int(offset)), f.today)


def _rows_for(db: Database, ids: Sequence[str], today: date) -> list[ActionRow]:
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = {
        r["id"]: r
        for r in db.query(
            f"""SELECT a.id, a.team_id, a.session_id, a.step_key, a.what, a.owner_id,
                   coalesce(p.name, '') AS owner_name, a.due_date, a.status,
                   t.name AS team_name, s.date AS origin_date, v.title,
                   (SELECT count(*) FROM action_reviews r WHERE r.action_id = a.id)
                       AS review_count
            FROM actions a
            JOIN teams t ON t.id = a.team_id
            JOIN sessions s ON s.id = a.session_id
            JOIN template_versions v ON v.id = s.template_version_id
            LEFT JOIN people p ON p.id = a.owner_id
            WHERE a.id IN ({marks})""",
            list(ids),
        )
    }
    return [_row(rows[action_id], today) for action_id in ids]


def iter_actions(db: Database, f: ActionFilter) -> Iterator[ActionRow]:
    """Every action of the filter in overview order, without OFFSET paging (an export
    of 50,000 actions would otherwise rescan the skipped rows for every batch)."""
    ids = [
        row[0]
        for where, params, order in _segments(f)
        for row in db.execute(_segment_ids(where, order), params).fetchall()
    ]
    for start in range(0, len(ids), _EXPORT_PAGE):
        yield from _rows_for(db, ids[start : start + _EXPORT_PAGE], f.today)


def _row(r: dict[str, Any], today: date) -> ActionRow:
    action = action_from_row(r)
    return ActionRow(
        action,
        r["team_name"],
        day_from_iso(r["origin_date"]),
        r["title"],
        r["review_count"],
        action.is_overdue(today),
    )


def _trails(db: Database, action_ids: Sequence[str]) -> dict[str, list[ActionReview]]:
    """The review trails of a page of actions in one query."""
    trails: dict[str, list[ActionReview]] = defaultdict(list)
    if not action_ids:
        return trails
    marks = ", ".join("?" for _ in action_ids)
    for r in db.query(
        f"SELECT r.*, s.date FROM action_reviews r JOIN sessions s ON s.id = r.session_id "
        f"WHERE r.action_id IN ({marks}) ORDER BY s.date, r.created_at",
        list(action_ids),
    ):
        trails[r["action_id"]].append(review_from_row(r))
    return trails


def trail_text(trail: Sequence[ActionReview]) -> str:
    """The plan-do-check-act trail as lines a person reads in one spreadsheet cell, in the
    words of the summary PDF: "05-10-2026: loopt door tot 02-11-2026 – what was learned"."""
    lines = []
    for review in trail:
        if review.outcome is ReviewOutcome.CONTINUED:
            outcome = tr("loopt door tot {date}", date=short(review.new_due_date))
        else:
            outcome = tr(OUTCOME_LABELS[review.outcome])
        learned = f" – {review.learned}" if review.learned else ""
        lines.append(f"{short(review.session_date)}: {outcome}{learned}")
    return "\n".join(lines)


def status_text(row: ActionRow) -> str:
    return _status_label(row.action.status, row.overdue)


def _status_label(status: ActionStatus, overdue: bool) -> str:
    label = tr(STATUS_LABELS[status])
    return label + tr(" (te laat)") if overdue else label


CSV_HEADERS = (
    N_("Actie"),
    N_("Eigenaar"),
    N_("Streefdatum"),
    N_("Status"),
    N_("Te laat"),
    N_("Team"),
    N_("Afgesproken op"),
    N_("Werkvorm"),
    N_("Aantal terugblikken"),
    N_("Terugblik"),
)


def without_control_characters(value: str) -> str:
    """``value`` with control characters (ESC, BEL, NUL and the like) taken out, for a
    file another program reads (a spreadsheet, a calendar); tab and line breaks stay."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _safe_cell(value: str) -> str:
    """The cell as text a spreadsheet shows and never runs: control characters out, and a
    formula start (also after spaces, also full-width) behind a quote."""
    cleaned = without_control_characters(value)
    first = cleaned.lstrip(" \n")[:1]
    if first and unicodedata.normalize("NFKC", first).startswith(_FORMULA_START):
        return "'" + cleaned
    return cleaned


def _csv_rows(db: Database, f: ActionFilter) -> Iterator[list[str]]:
    batch: list[ActionRow] = []
    for row in iter_actions(db, f):
        batch.append(row)
        if len(batch) == _EXPORT_PAGE:
            yield from _csv_batch(db, batch)
            batch = []
    yield from _csv_batch(db, batch)


def _csv_batch(db: Database, rows: Sequence[ActionRow]) -> Iterator[list[str]]:
    trails = _trails(db, [row.action.id for row in rows])
    for row in rows:
        a = row.action
        yield [
            _safe_cell(a.what),
            _safe_cell(a.owner_name),
            short(a.due_date),
            status_text(row),
            tr("ja") if row.overdue else tr("nee"),
            _safe_cell(row.team_name),
            short(row.origin_date),
            _safe_cell(row.template_title),
            str(row.review_count),
            _safe_cell(trail_text(trails.get(a.id, []))),
        ]


def write_csv(db: Database, f: ActionFilter, stream: TextIO) -> int:
    """Write the overview as CSV for a Dutch spreadsheet (``;`` between cells, dates as
    dd-mm-jjjj) to an open text stream; returns the number of actions. The caller opens the
    stream with encoding ``utf-8-sig`` (a BOM, so Excel reads UTF-8) and ``newline=''``.
    Where the filter has improvement measures, they follow after an empty line, under
    headers of their own."""
    writer = csv.writer(stream, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([tr(header) for header in CSV_HEADERS])
    count = 0
    for row in _csv_rows(db, f):
        writer.writerow(row)
        count += 1
    measures = list_measures(db, f)
    if measures:
        writer.writerow([])
        writer.writerow([tr(header) for header in MEASURE_CSV_HEADERS])
        writer.writerows(_measure_cells(row) for row in measures)
    return count


# --- improvement measures of a leerreview, tracked like actions ----------------


@dataclass(frozen=True)
class MeasureRow:
    """One improvement measure in the overview: the measure, its team and its finding (the
    finding is shown in the app, not exported: it may come from another team's casegroep)."""

    measure: Measure
    team_name: str
    origin_date: date | None  # a session always has a date; the type follows from_iso
    finding: str
    overdue: bool


def list_measures(db: Database, f: ActionFilter) -> list[MeasureRow]:
    """The reviewteams' measures under the overview's filter (team, status, overdue),
    overdue first, then by date. A measure's owner is a name or a function, not a team
    member: filtering on a person shows no measures."""
    if f.owner_id:
        return []
    clauses: list[str] = []
    params: list[object] = []
    if f.team_id:
        clauses.append("s.team_id = ?")
        params.append(f.team_id)
    if f.overdue_only:
        clauses.append("m.status = 'open' AND m.due_date < ?")
        params.append(to_iso(f.today))
    elif f.status:
        clauses.append("m.status = ?")
        params.append(f.status.value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    today = to_iso(f.today)
    rows = db.query(
        f"""SELECT m.*, t.name AS team_name, s.date AS origin, fi.text AS finding,
               (m.status = 'open' AND m.due_date < ?) AS overdue
        FROM measures m JOIN sessions s ON s.id = m.session_id
        JOIN teams t ON t.id = s.team_id JOIN findings fi ON fi.id = m.finding_id
        {where}
        ORDER BY overdue DESC, m.due_date IS NULL, m.due_date, s.date, m.position""",
        [today, *params],
    )
    return [
        MeasureRow(
            measure_from_row(r),
            r["team_name"],
            from_iso(r["origin"]),
            r["finding"],
            r["overdue"] == 1,
        )
        for r in rows
    ]


def measure_status_text(row: MeasureRow) -> str:
    return _status_label(row.measure.status, row.overdue)


MEASURE_CSV_HEADERS = (
    "Verbetermaatregel",
    "Eigenaar",
    "Klaar op",
    "Status",
    "Te laat",
    "Team",
    "Afgesproken op",
    "Niveau",
)


def _measure_cells(row: MeasureRow) -> list[str]:
    m = row.measure
    return [
        _safe_cell(m.what),
        _safe_cell(m.owner),
        short(m.due_date),
        measure_status_text(row),
        tr("ja") if row.overdue else tr("nee"),
        _safe_cell(row.team_name),
        short(row.origin_date),
        m.level.label,
    ]


def export_csv(db: Database, f: ActionFilter, target: Path) -> int:
    """Write the overview to ``target`` atomically, readable only by the user; returns the
    number of actions. A full disk or a folder without write rights raises a
    UserFacingError and leaves any existing file as it was."""
    target = Path(target)
    try:
        with (
            atomic_file(target, ".csv") as temp,
            temp.open("w", encoding="utf-8-sig", newline="") as stream,
        ):
            count = write_csv(db, f, stream)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return count
