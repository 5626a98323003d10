"""The team report: a team's history on paper.

Team, participants and their development questions, the period, the sessions per
format and in order, open and closed actions with their plan-do-check-act trail, and
the development radar over the teamontwikkelruimte sessions.

Built from a handful of queries over the whole team (no per-session loading or
template parsing), so a team with 200 sessions prints in well under the 3 s budget.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, short
from leersessie.base.i18n import ntr, tr
from leersessie.memory.actions import action_from_row, action_status_label, review_from_row
from leersessie.method.development import RadarData, radar_series
from leersessie.method.models import Action, ActionReview, ActionStatus, Team
from leersessie.method.teams import get_team
from leersessie.reports.pdf import (
    Cell,
    LaidOutParagraph,
    grid,
    heading,
    keep,
    key_values,
    markup,
    para,
    styles,
    write_pdf,
)
from leersessie.reports.radar import EARLIER_SHOWN, radar_drawing
from leersessie.reports.summary import trail_rows

CLOSED_SHOWN_DAYS = 365  # closed actions older than this are counted, not listed


@dataclass(frozen=True)
class _SessionRow:
    id: str
    date: date
    template_id: str
    title: str
    finished: bool
    actions: int


def _sessions(db: Database, team_id: str) -> list[_SessionRow]:
    return [
        _SessionRow(
            r["id"],
            day_from_iso(r["date"]),
            r["template_id"],
            r["title"],
            r["status"] == "finished",
            r["actions"],
        )
        for r in db.query(
            """SELECT s.id, s.date, s.template_id, v.title, s.status,
                      (SELECT count(*) FROM actions a WHERE a.session_id = s.id) AS actions
            FROM sessions s JOIN template_versions v ON v.id = s.template_version_id
            WHERE s.team_id = ? ORDER BY s.date, s.created_at""",
            [team_id],
        )
    ]


def _actions(db: Database, team_id: str) -> list[tuple[Action, date]]:
    """Every action of the team with the date it was agreed, oldest first."""
    return [
        (
            action_from_row(r),
            day_from_iso(r["agreed_on"]),
        )
        for r in db.query(
            """SELECT a.id, a.team_id, a.session_id, a.step_key, a.what, a.owner_id,
                      coalesce(p.name, '') AS owner_name, a.due_date, a.status,
                      s.date AS agreed_on
            FROM actions a JOIN sessions s ON s.id = a.session_id
            LEFT JOIN people p ON p.id = a.owner_id
            WHERE a.team_id = ? ORDER BY s.date, s.created_at, a.position""",
            [team_id],
        )
    ]


def _trails(db: Database, team_id: str) -> dict[str, list[ActionReview]]:
    """Every look back on the team's actions in one query, per action, oldest first."""
    trails: dict[str, list[ActionReview]] = defaultdict(list)
    for r in db.query(
        """SELECT r.id, r.action_id, r.session_id, s.date, r.outcome, r.learned,
                      r.new_due_date
            FROM action_reviews r JOIN actions a ON a.id = r.action_id
            JOIN sessions s ON s.id = r.session_id
            WHERE a.team_id = ? ORDER BY s.date, r.created_at""",
        [team_id],
    ):
        trails[r["action_id"]].append(review_from_row(r))
    return trails


def _development_questions(db: Database, team_id: str) -> list[tuple[str, date, str]]:
    return [
        (r["name"], day_from_iso(r["date"]), r["question"])
        for r in db.query(
            """SELECT p.name, s.date, d.question FROM development_questions d
        JOIN people p ON p.id = d.person_id JOIN sessions s ON s.id = d.session_id
        WHERE p.team_id = ? AND trim(d.question) != ''
        ORDER BY p.position, p.name, s.date""",
            [team_id],
        )
    ]


# --- the parts of the report ---------------------------------------------------


def _header(team: Team, sessions: list[_SessionRow]) -> list[Flowable]:
    people = ", ".join(
        p.name if p.active else tr("{name} (niet meer actief)", name=p.name) for p in team.people
    )
    period = (
        tr("{first} t/m {last}", first=short(sessions[0].date), last=short(sessions[-1].date))
        if sessions
        else tr("nog geen sessies")
    )
    return [
        para(tr("Teamverslag"), "small"),
        para(team.name, "title"),
        key_values(
            [
                (tr("Deelnemers"), people),
                (tr("Periode"), period),
                (tr("Sessies"), str(len(sessions))),
            ]
        ),
        Spacer(1, 3 * mm),
    ]


def _formats(sessions: list[_SessionRow]) -> list[Flowable]:
    if not sessions:
        return []
    counts = Counter(s.template_id for s in sessions)
    # The title a format had in its latest session names it.
    titles = {s.template_id: s.title for s in sessions}
    rows = [
        (titles[t], str(n))
        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], titles[kv[0]]))
    ]
    return [
        heading(tr("Sessies per werkvorm")),
        grid([tr("Werkvorm"), tr("Aantal")], rows, [None, 25 * mm]),
    ]


def _questions(questions: list[tuple[str, date, str]]) -> list[Flowable]:
    if not questions:
        return []
    rows = [(name, short(day), question) for name, day, question in questions]
    return [
        heading(tr("Ontwikkelvragen")),
        grid([tr("Deelnemer"), tr("Datum"), tr("Ontwikkelvraag")], rows, [35 * mm, 24 * mm, None]),
    ]


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _with_spread(value: float | None, spread: tuple[int, int] | None) -> str:
    if spread is None:
        return _number(value)
    return f"{_number(value)} ({spread[0]}–{spread[1]})"


def _radar(data: RadarData) -> list[Flowable]:
    title = heading(tr("Ontwikkelradar: teamontwikkelruimte"))
    if not data.points:
        return [
            title,
            para(
                tr(
                    "Er zijn nog geen teamontwikkelruimte-sessies met scores. "
                    "Na zo'n sessie toont dit verslag hier de radar."
                ),
                "small",
            ),
        ]
    earlier = min(EARLIER_SHOWN, len(data.points) - 1)
    drawn = (
        tr("De laatste sessie is dik getekend.")
        if earlier == 0
        else ntr(
            "De laatste sessie is dik getekend, de sessie daarvoor lichter.",
            "De laatste sessie is dik getekend, de {n} sessies daarvoor lichter.",
            earlier,
        )
    )
    table_note = tr(
        "De tabel noemt alle sessies met scores; een streepje betekent dat die "
        "dimensie in die sessie geen score kreeg."
    )
    if data.spreads:
        table_note += " " + tr(
            "Tussen haakjes: de laagste en de hoogste persoonlijke score, waar ieder een "
            "eigen score gaf; op de radar als brede band bij de laatste sessie."
        )
    explanation = para(
        " ".join((tr("Scores van 1 tot 5 per dimensie (Derksen, 2012)."), drawn, table_note)),
        "small",
    )
    rows = [
        (
            short(day),
            *(
                _with_spread(values.get(key), data.spreads.get(sid, {}).get(key))
                for key, _ in data.axes
            ),
        )
        for sid, day, values in data.points
    ]
    table = grid(
        [tr("Datum"), *(axis for _, axis in data.axes)],
        rows,
        [30 * mm, *([None] * len(data.axes))],
        plain_columns=range(len(data.axes) + 1),
    )
    return [keep(title, explanation, radar_drawing(data)), Spacer(1, 2 * mm), table]


def _session_table(sessions: list[_SessionRow]) -> list[Flowable]:
    if not sessions:
        return []
    rows = [
        (short(s.date), s.title, tr("afgerond") if s.finished else tr("open"), str(s.actions))
        for s in sessions
    ]
    return [
        heading(tr("Sessies")),
        grid(
            [tr("Datum"), tr("Werkvorm"), tr("Status"), tr("Acties")],
            rows,
            [26 * mm, None, 26 * mm, 18 * mm],
            plain_columns=(0, 2, 3),
        ),
    ]


def _trail_cell(agreed_on: date, trail: list[ActionReview]) -> Flowable:
    """One paragraph, a line per step of the trail: hundreds of actions stay quick."""
    lines = []
    for day, what, learned in trail_rows(agreed_on, trail):
        text = f"{day}: {what}" + (f". {learned}" if learned and learned != "–" else "")
        lines.append(markup(text))
    return LaidOutParagraph("<br/>".join(lines), styles()["cell"])


def _closed_on(agreed_on: date, trail: list[ActionReview]) -> date:
    return trail[-1].session_date if trail else agreed_on


def _action_tables(
    actions: list[tuple[Action, date]], trails: dict[str, list[ActionReview]], today: date
) -> list[Flowable]:
    """Open actions in full; closed ones of the last year in full, older ones counted.

    A team of 200 sessions closed a thousand actions over the years: printing every one
    with its trail made a report of 140 pages that nobody reads (and took seconds). The
    actions overview and its CSV export keep all of them.
    """
    out: list[Flowable] = []
    since = today - timedelta(days=CLOSED_SHOWN_DAYS)
    open_rows: list[Sequence[Cell]] = []
    closed_rows: list[Sequence[Cell]] = []
    older = 0
    for action, agreed_on in actions:
        trail = trails[action.id]
        if action.status is not ActionStatus.OPEN and _closed_on(agreed_on, trail) < since:
            older += 1
            continue
        row = (
            action.what,
            action.owner_name or "–",
            short(action.due_date) or "–",
            action_status_label(action, today),
            _trail_cell(agreed_on, trail),
        )
        (open_rows if action.status is ActionStatus.OPEN else closed_rows).append(row)
    header = [tr("Actie"), tr("Eigenaar"), tr("Streefdatum"), tr("Status"), tr("Verloop")]
    widths = [None, 25 * mm, 27 * mm, 22 * mm, 52 * mm]
    for title, rows, empty in (
        (tr("Open acties"), open_rows, tr("Er staan geen acties open.")),
        (
            tr("Afgeronde acties van het afgelopen jaar"),
            closed_rows,
            tr("Het afgelopen jaar zijn geen acties afgerond."),
        ),
    ):
        out.append(heading(title))
        out.append(
            grid(header, rows, widths, plain_columns=(1, 2, 3)) if rows else para(empty, "small")
        )
    if older:
        out.append(
            para(
                ntr(
                    "Daarvoor is nog {n} actie afgerond. Alle acties met hun "
                    "verloop staan in het actie-overzicht en de CSV-export daarvan.",
                    "Daarvoor zijn nog {n} acties afgerond. Alle acties met hun "
                    "verloop staan in het actie-overzicht en de CSV-export daarvan.",
                    older,
                ),
                "small",
            )
        )
    return out


def team_report_story(db: Database, team_id: str, today: date) -> list[Flowable]:
    team = get_team(db, team_id)
    sessions = _sessions(db, team_id)
    story = _header(team, sessions)
    story += _formats(sessions)
    story += _radar(radar_series(db, team_id))
    story += _session_table(sessions)
    story += _action_tables(_actions(db, team_id), _trails(db, team_id), today)
    story += _questions(_development_questions(db, team_id))
    return story


def write_team_report(db: Database, team_id: str, target: Path, today: date | None = None) -> Path:
    """Write the team's report to ``target`` (A4 PDF); raises UserFacingError when the
    file cannot be written, leaving no file behind."""
    name = get_team(db, team_id).name
    return write_pdf(
        target,
        tr("Teamverslag {team}", team=name),
        team_report_story(db, team_id, today or date.today()),
    )
