"""Ratings from 1 to 5 per item of a "ratings" step (teamontwikkelruimte, leervoorkeuren).

Stored as plain numbers per (session, step, item), so a chart can compare sessions.
"""

from __future__ import annotations

from sqlite_utils import Database

from leersessie.errors import InputError
from leersessie.i18n import tr
from leersessie.storage import new_id

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
