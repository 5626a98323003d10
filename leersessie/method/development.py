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
from statistics import median

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
    # Dimensions drawn at the median of the personal scores (no team score): session id ->
    # those axis keys.
    medians: dict[str, frozenset[str]] = field(default_factory=dict)

    def narrowed(self, points: tuple[tuple[str, date, dict[str, float]], ...]) -> RadarData:
        """The same data for fewer sessions."""
        return RadarData(self.axes, points, self.spreads, self.medians)

    @property
    def latest(self) -> tuple[str, date, dict[str, float]] | None:
        return self.points[-1] if self.points else None


def radar_axes() -> tuple[tuple[str, str], ...]:
    return tuple((key, tr(_AXIS_TITLES[key])) for key in RADAR_AXIS_KEYS)


def radar_series(db: Database, team_id: str) -> RadarData:
    """The team's teamontwikkelruimte ratings per session, in three queries.

    Only the ratings tables are read (no template parsing): the template stores each
    dimension's rating under the dimension's item key. Should a (user-edited) version
    rate the same dimension in two steps, the session's value is their mean. A dimension
    without a team score but with personal scores is drawn at their median, marked as
    such (``medians``). Sessions without any score of the four dimensions are left out.
    """
    marks = ", ".join("?" for _ in RADAR_AXIS_KEYS)
    arguments = [team_id, RADAR_TEMPLATE_ID, *RADAR_AXIS_KEYS]
    team_rows = db.execute(
        f"""SELECT s.id, s.date, s.created_at, r.item_key, avg(r.value)
        FROM sessions s JOIN ratings r ON r.session_id = s.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.item_key IN ({marks})
        GROUP BY s.id, r.item_key""",
        arguments,
    ).fetchall()
    people_rows = db.execute(
        f"""SELECT s.id, s.date, s.created_at, r.item_key, group_concat(r.value)
        FROM sessions s JOIN person_ratings r ON r.session_id = s.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.item_key IN ({marks})
        GROUP BY s.id, r.item_key""",
        arguments,
    ).fetchall()
    order: dict[str, tuple[str, str, str]] = {}
    values: dict[str, dict[str, float]] = {}
    for session_id, day, created, item_key, value in team_rows:
        order[session_id] = (day, created, session_id)
        values.setdefault(session_id, {})[item_key] = float(value)
    spreads: dict[str, dict[str, tuple[int, int]]] = {}
    medians: dict[str, frozenset[str]] = {}
    for session_id, day, created, item_key, joined in people_rows:
        scores = sorted(int(score) for score in str(joined).split(","))
        spreads.setdefault(session_id, {})[item_key] = (scores[0], scores[-1])
        own = values.setdefault(session_id, {})
        if item_key not in own:
            order[session_id] = (day, created, session_id)
            own[item_key] = float(median(scores))
            medians[session_id] = medians.get(session_id, frozenset()) | {item_key}
    _widen_with_rounds(db, team_id, spreads)
    points = tuple(
        (session_id, day_from_iso(order[session_id][0]), values[session_id])
        for session_id in sorted(order, key=order.__getitem__)
    )
    return RadarData(radar_axes(), points, spreads, medians)


def _widen_with_rounds(
    db: Database, team_id: str, spreads: dict[str, dict[str, tuple[int, int]]]
) -> None:
    """A revealed round's scores (stored without names) count in the spread too."""
    for session_id, answer in db.execute(
        """SELECT s.id, a.answer FROM sessions s
        JOIN rounds r ON r.session_id = s.id JOIN round_answers a ON a.round_id = r.id
        WHERE s.team_id = ? AND s.template_id = ? AND r.kind = 'scores'
        AND r.status != 'open'""",
        [team_id, RADAR_TEMPLATE_ID],
    ).fetchall():
        for item_key, value in json.loads(answer).items():
            if item_key in RADAR_AXIS_KEYS:
                low, high = spreads.setdefault(session_id, {}).get(item_key, (value, value))
                spreads[session_id][item_key] = (min(low, value), max(high, value))
