"""Dates as the user reads them, in the chosen language (Babel); ISO in the database."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_datetime

from leersessie.i18n import babel_locale


def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def day_from_iso(value: str) -> date:
    """A date from a column that always holds one (a session's date, a review's date)."""
    return date.fromisoformat(value)


def short(value: date | None) -> str:
    """05-03-2026 in Dutch, 05/03/2026 in English; empty for no date."""
    return format_date(value, "short", locale=_locale(babel_locale())) if value else ""


def written(value: date) -> str:
    """5 maart 2026 in Dutch, 5 March 2026 in English."""
    return format_date(value, "long", locale=_locale(babel_locale()))


def moment(value: datetime) -> str:
    """05-03-2026, 14:30 in Dutch, 05/03/2026, 14:30 in English (CLDR's short forms)."""
    return format_datetime(value, "short", locale=_locale(babel_locale()))


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)
