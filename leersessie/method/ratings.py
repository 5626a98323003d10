"""Ratings from 1 to 5 per item of a "ratings" step (teamontwikkelruimte, leervoorkeuren).

The team's score is stored as a plain number per (session, step, item), so a chart can
compare sessions. Where the format asks each person for a score, the coach can also enter
one per person present; ``session_item_scores`` gives per item the team's score, the
people's scores and their spread, for every screen and report.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from sqlite_utils import Database

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.store.ids import new_id

MIN_RATING = 1
MAX_RATING = 5


def _check_value(value: int) -> int:
    # bool is an int in Python; a checkbox value is never a rating.
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_RATING <= value <= MAX_RATING
    ):
        raise InputError(
            tr(
                "Een score is een geheel getal van {low} tot en met {high}; "
                "'{value}' kan niet. Kies een score van {low} tot {high}.",
                low=MIN_RATING,
                high=MAX_RATING,
                value=value,
            )
        )
    return value


def set_rating(db: Database, session_id: str, step_key: str, item_key: str, value: int) -> None:
    """Give an item its score; giving it again replaces the earlier score."""
    checked = _check_value(value)
    with db.atomic():
        db.execute(
            "INSERT INTO ratings (id, session_id, step_key, item_key, value) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, step_key, item_key) "
            "DO UPDATE SET value = excluded.value",
            [new_id(), session_id, step_key, item_key, checked],
        )


def session_ratings(db: Database, session_id: str) -> dict[tuple[str, str], int]:
    """All scores of a session, keyed by (step key, item key)."""
    return {
        (row["step_key"], row["item_key"]): row["value"]
        for row in db.query(
            "SELECT step_key, item_key, value FROM ratings WHERE session_id = ? "
            "ORDER BY step_key, item_key",
            [session_id],
        )
    }


def set_person_rating(
    db: Database, session_id: str, step_key: str, item_key: str, person_id: str, value: int
) -> None:
    """Give one person's score for an item; giving it again replaces the earlier one."""
    checked = _check_value(value)
    with db.atomic():
        db.execute(
            "INSERT INTO person_ratings (id, session_id, step_key, item_key, person_id, value) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, step_key, item_key, person_id) "
            "DO UPDATE SET value = excluded.value",
            [new_id(), session_id, step_key, item_key, person_id, checked],
        )


def clear_person_rating(
    db: Database, session_id: str, step_key: str, item_key: str, person_id: str
) -> None:
    with db.atomic():
        db.execute(
            "DELETE FROM person_ratings WHERE session_id = ? AND step_key = ? AND item_key = ? "
            "AND person_id = ?",
            [session_id, step_key, item_key, person_id],
        )


def set_people_ratings(
    db: Database,
    session_id: str,
    step_key: str,
    item_key: str,
    scores: dict[str, int | None],
) -> None:
    """Set the scores of several people at once (person id -> score, None clears it)."""
    for value in scores.values():
        if value is not None:
            _check_value(value)
    with db.atomic():
        for person_id, value in scores.items():
            if value is None:
                clear_person_rating(db, session_id, step_key, item_key, person_id)
            else:
                set_person_rating(db, session_id, step_key, item_key, person_id, value)


@dataclass(frozen=True)
class Spread:
    """How the people's scores for one item lie: lowest, highest, how many gave each."""

    counts: dict[int, int]  # score -> how many people gave it; only scores given

    @property
    def lowest(self) -> int:
        return min(self.counts)

    @property
    def highest(self) -> int:
        return max(self.counts)

    @property
    def people(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """One line a coach reads aloud: '5 personen, laagste 2, hoogste 5 (1× 2, 3× 3, 1× 5)'."""
        counts = ", ".join(
            tr("{count}× {score}", count=count, score=score)
            for score, count in sorted(self.counts.items())
        )
        return tr(
            "{people} personen, laagste {low}, hoogste {high} ({counts})",
            people=self.people,
            low=self.lowest,
            high=self.highest,
            counts=counts,
        )


@dataclass(frozen=True)
class ItemScores:
    """Everything scored for one item of a session: the team's score and each person's."""

    team: int | None
    people: dict[str, int] = field(default_factory=dict)  # person id -> score
    # Scores from a revealed round (leersessie/room/rounds.py): nobody's in particular.
    anonymous: tuple[int, ...] = ()

    @property
    def spread(self) -> Spread | None:
        given = [*self.people.values(), *self.anonymous]
        if not given:
            return None
        return Spread(dict(sorted(Counter(given).items())))

    @property
    def median(self) -> float | None:
        """The median of the people's scores: what stands for the team where no team score
        was set (marked as such wherever it shows)."""
        return float(median(self.people.values())) if self.people else None


def session_item_scores(db: Database, session_id: str) -> dict[tuple[str, str], ItemScores]:
    """Per (step key, item key) of a session: the team's score, the people's scores and
    their spread. Items without any score are left out."""
    teams = session_ratings(db, session_id)
    people: dict[tuple[str, str], dict[str, int]] = {}
    for row in db.query(
        "SELECT step_key, item_key, person_id, value FROM person_ratings "
        "WHERE session_id = ? ORDER BY step_key, item_key",
        [session_id],
    ):
        people.setdefault((row["step_key"], row["item_key"]), {})[row["person_id"]] = row["value"]
    anonymous = round_scores(db, session_id)
    return {
        key: ItemScores(teams.get(key), people.get(key, {}), tuple(anonymous.get(key, ())))
        for key in sorted(set(teams) | set(people) | set(anonymous))
    }


def round_scores(db: Database, session_id: str) -> dict[tuple[str, str], list[int]]:
    """Per (step key, item key): the scores given in the session's revealed score rounds
    (``leersessie.room.rounds``), without who gave them, for the spread beside the team score."""
    scores: dict[tuple[str, str], list[int]] = {}
    for step_key, answer in db.execute(
        "SELECT r.step_key, a.answer FROM rounds r JOIN round_answers a ON a.round_id = r.id "
        "WHERE r.session_id = ? AND r.kind = 'scores' AND r.status != 'open'",
        [session_id],
    ).fetchall():
        for item_key, value in json.loads(answer).items():
            scores.setdefault((step_key, item_key), []).append(value)
    return {key: sorted(values) for key, values in scores.items()}
