"""Dates as a Dutch user types them; a bad date gets a clear Dutch message."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.dates import parse_date, parse_optional_date, short, written
from leersessie.errors import InputError


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("23-11-2026", date(2026, 11, 23)),
        ("1/2/2027", date(2027, 2, 1)),
        ("05.03.2026", date(2026, 3, 5)),
        ("2026-11-23", date(2026, 11, 23)),
        (" 23-11-2026 ", date(2026, 11, 23)),
    ],
)
def test_dutch_and_iso_dates_are_understood(typed, meant):
    assert parse_date(typed) == meant


@pytest.mark.parametrize("typed", ["31-02-2026", "23-13-2026", "morgen", "2026/11/23", "", "23-11"])
def test_a_bad_date_says_what_to_type(typed):
    with pytest.raises(InputError) as info:
        parse_date(typed)
    assert f"'{typed}' is geen geldige datum" in info.value.message
    assert "dd-mm-jjjj" in info.value.message


def test_no_date_is_allowed_where_a_date_is_optional():
    assert parse_optional_date("  ") is None and parse_optional_date(None) is None


def test_dates_read_as_a_dutch_reader_expects():
    assert short(date(2026, 3, 5)) == "05-03-2026"
    assert written(date(2026, 3, 5)) == "5 maart 2026"
