"""Dates as a Dutch user types and reads them; ISO in the database."""

from __future__ import annotations

import re
from datetime import date

from leersessie.errors import InputError
from leersessie.i18n import tr

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")


def parse_date(text: str) -> date:
    """Accept 2026-11-23 and 23-11-2026 (also with / or .); refuse anything else clearly."""
    value = text.strip()
    try:
        match = _DUTCH.match(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            tr(
                "'{text}' is geen geldige datum. Schrijf de datum als dd-mm-jjjj, "
                "bijvoorbeeld 23-11-2026.",
                text=text,
            )
        ) from exc


def parse_typed_date(text: str, year: int) -> date:
    """What a user types in a date field: as ``parse_date``, and also a day and month
    without a year (12-12), which falls in ``year``."""
    match = _DAY_MONTH.match(text.strip())
    if match:
        day, month = (int(part) for part in match.groups())
        return parse_date(f"{day}-{month}-{year}")
    return parse_date(text)


def parse_optional_date(text: str | None) -> date | None:
    return parse_date(text) if text and text.strip() else None


def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def short(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def written(value: date) -> str:
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
