"""Dates as the user reads them, in the chosen language (Babel); ISO in the database.

Babel is imported on the first date shown, not when the core loads: its import and locale
data cost some 50 ms, which a command that shows no date should not pay.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from leersessie.i18n import babel_locale

if TYPE_CHECKING:
    from babel import Locale


def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def day_from_iso(value: str) -> date:
    """A date from a column that always holds one (a session's date, a review's date)."""
    return date.fromisoformat(value)


def short(value: date | None) -> str:
    """05-03-2026 in Dutch, 05/03/2026 in English; empty for no date."""
    if not value:
        return ""
    from babel.dates import format_date

    return format_date(value, "short", locale=_locale(babel_locale()))


def written(value: date) -> str:
    """5 maart 2026 in Dutch, 5 March 2026 in English."""
    from babel.dates import format_date

    return format_date(value, "long", locale=_locale(babel_locale()))


def moment(value: datetime) -> str:
    """05-03-2026, 14:30 in Dutch, 05/03/2026, 14:30 in English (CLDR's short forms)."""
    from babel.dates import format_datetime

    return format_datetime(value, "short", locale=_locale(babel_locale()))


@cache
def _locale(code: str) -> Locale:
    from babel import Locale

    return Locale.parse(code)
