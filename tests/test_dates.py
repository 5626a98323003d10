"""Dates read as a reader of the chosen language expects; ISO in the database."""

from __future__ import annotations

from datetime import date, datetime

from leersessie.base.dates import day_from_iso, from_iso, moment, short, to_iso, written
from leersessie.base.i18n import decimal, set_language


def test_dates_read_as_a_dutch_reader_expects():
    assert short(date(2026, 3, 5)) == "05-03-2026"
    assert written(date(2026, 3, 5)) == "5 maart 2026"
    assert short(None) == ""


def test_english_dates_are_english_and_day_first():
    set_language("en")
    assert written(date(2026, 3, 5)) == "5 March 2026"
    assert short(date(2026, 3, 5)) == "05/03/2026"


def test_iso_round_trip_and_no_date():
    assert from_iso(to_iso(date(2026, 11, 23))) == date(2026, 11, 23)
    assert day_from_iso("2026-11-23") == date(2026, 11, 23)
    assert from_iso(None) is None and to_iso(None) is None


def test_times_and_numbers_follow_the_language():
    made = datetime(2026, 3, 5, 14, 30)
    assert moment(made) == "05-03-2026, 14:30"
    assert decimal(1.54) == "1,5"
    set_language("en")
    assert moment(made) == "05/03/2026, 14:30"
    assert decimal(1.54) == "1.5"
