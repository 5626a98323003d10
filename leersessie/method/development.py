"""A team's development over time: the data behind the development radar.

The radar shows Derksen's four dimensions of teamontwikkelruimte (seed 003, ch. 2,
"Figuur 7") as rated in the team's teamontwikkelruimte sessions. This module only
gathers the numbers; the PDF (reports/radar.py) and the app draw them, so both plot
exactly the same values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso
from leersessie.base.i18n import N_, tr

RADAR_TEMPLATE_ID = "teamontwikkelruimte"
# Item keys of the teamontwikkelruimte ratings steps, in the order of Figuur 7.
RADAR_AXIS_KEYS = ("dialoog", "reflecteren", "toekomst", "organiseren")
_AXIS_TITLES = {
    "dialoog": N_("Dialoog voeren"),
    "reflecteren": N_("Reflecteren"),
    "toekomst": N_("Toekomst creëren"),
    "organiseren": N_("Organiseren"),
}


def axis_direction(index: int, count: int) -> tuple[float, float]:
    """The unit vector of axis ``index`` of ``count``, with y upwards (a screen flips y):
    the first axis points straight up, the others follow clockwise."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    return math.cos(angle), math.sin(angle)


@dataclass(frozen=True)
class RadarData:
    """The four axes (key, Dutch title) in fixed order, and one point per rated session:
    (session id, date, value per axis key), oldest first. A dimension a session did not
    rate is absent from its dict, never a made-up zero."""

    axes: tuple[tuple[str, str], ...]
    points: tuple[tuple[str, date, dict[str, float]], ...]
    # Where people gave their own scores: session id -> axis key -> (lowest, highest).
    spreads: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def latest(self) -> tuple[str, date, dict[str, float]] | None:
        return self.points[-1] if self.points else None


def radar_axes() -> tuple[tuple[str, str], ...]:
    return tuple((key, tr(_AXIS_TITLES[key])) for key in RADAR_AXIS_KEYS)


def radar_series(db: Database, team_id: str) -> RadarData:
    """The team's teamontwikkelruimte ratings per session, in one query.

    Only the ratings table is read (no template parsing): the template stores each
    dimension's rating under the dimension's item key. Should a (user-edited) version
    rate the same dimension in two steps, the session's value is their mean. Sessions
    without any rating of the four dimensions are left out: they have nothing to plot.
    """
    marks = ", ".join("?" for _ in RADAR_AXIS_KEYS)
    rows = db.execute(
        f"""SELECT s.id, s.date, r.item_key, avg(r.value)
        FROM sessions s JOIN ratings r ON r.session_id = s.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.item_key IN ({marks})
        GROUP BY s.id, r.item_key
        ORDER BY s.date, s.created_at, s.id""",
        [team_id, RADAR_TEMPLATE_ID, *RADAR_AXIS_KEYS],
    ).fetchall()
    points: dict[str, tuple[str, date, dict[str, float]]] = {}
    for session_id, day, item_key, value in rows:
        point = points.setdefault(session_id, (session_id, day_from_iso(day), {}))
        point[2][item_key] = float(value)
    return RadarData(radar_axes(), tuple(points.values()), _spreads(db, team_id, set(points)))


def _spreads(
    db: Database, team_id: str, session_ids: set[str]
) -> dict[str, dict[str, tuple[int, int]]]:
    """The lowest and highest personal score per dimension of the sessions plotted: the
    scores the coach typed per person and those of a revealed round (no names there)."""
    marks = ", ".join("?" for _ in RADAR_AXIS_KEYS)
    spreads: dict[str, dict[str, tuple[int, int]]] = {}

    def widen(session_id: str, item_key: str, lowest: int, highest: int) -> None:
        if session_id in session_ids and item_key in RADAR_AXIS_KEYS:
            low, high = spreads.setdefault(session_id, {}).get(item_key, (lowest, highest))
            spreads[session_id][item_key] = (min(low, lowest), max(high, highest))

    for session_id, item_key, lowest, highest in db.execute(
        f"""SELECT s.id, r.item_key, min(r.value), max(r.value)
        FROM sessions s JOIN person_ratings r ON r.session_id = s.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.item_key IN ({marks})
        GROUP BY s.id, r.item_key""",
        [team_id, RADAR_TEMPLATE_ID, *RADAR_AXIS_KEYS],
    ).fetchall():
        widen(session_id, item_key, lowest, highest)
    for session_id, answer in db.execute(
        """SELECT s.id, a.answer FROM sessions s
        JOIN rounds r ON r.session_id = s.id JOIN round_answers a ON a.round_id = r.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.kind = 'scores'
        AND r.status != 'open'""",
        [team_id, RADAR_TEMPLATE_ID],
    ).fetchall():
        for item_key, value in json.loads(answer).items():
            widen(session_id, item_key, value, value)
    return spreads
