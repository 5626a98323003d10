"""Dates as the user reads them, in the chosen language (Babel); ISO in the database.

Babel is imported on the first date shown, not when the core loads: its import and locale
data cost some 50 ms, which a command that shows no date should not pay.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from leersessie.base.errors import InputError
from leersessie.base.i18n import babel_locale, tr

if TYPE_CHECKING:
    from babel import Locale


_TYPED = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?$")


def parse_typed_date(text: str, year: int) -> date:
    """What a user types in a date field: 12-12-2026 (also with / or .), 2026-12-12, or a
    day and month without a year (12-12), which falls in ``year``."""
    value = text.strip()
    try:
        match = _TYPED.match(value)
        if match:
            day, month, typed_year = match.groups()
            return date(int(typed_year or year), int(month), int(day))
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            tr(
                "'{text}' is geen geldige datum. Schrijf de datum als dd-mm-jjjj, "
                "bijvoorbeeld 23-11-2026.",
                text=text,
            )
        ) from exc


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
