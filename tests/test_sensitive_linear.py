"""The client-data check stays linear in its input and its hits (issue 11: 1 MB of dates
took 107 s because every hit was compared with every earlier one). Counted, not timed:
the Python calls and the characters the regular expressions are given, at 1x and 4x
the text; benchmarks/client_data_check.py gives the seconds."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from leersessie.privacy.client_data import scan

TODAY = date(2026, 11, 23)
UNITS = {
    "dates": "sinds 12-03-2015 en 1-1-2021, ",
    "birth dates": "geboren 12-03-2015, ",
    "phone numbers": "bel 06-12345678 of 020 - 123 45 67 ",
    "bsn and iban": "BSN 123 456 782 en NL84ABNA2113553970 ",
    "names": "moeder Fatima El Amrani en cliënt Jan-Willem, ",
    "addresses": "Kerkstraat 12, 1234 AB en mail j@x.nl ",
    # issue 27's kinds: found from the rare part (an age, an @ or its word, a relative)
    # and a short stretch before it, or by shape with a bounded number of words
    "addresses by shape": "woont op Hoge Akker 3-A, 3842 KL Harderwijk; Veldkamp nr. 9 b ",
    "spelled out": "jan punt jansen at gmail punt com, (010) 4567890, 3842 kl Zwolle ",
    "names and ages": "dhr. P. de Vries, de kinderen Noah (7) en Liam, (Sanne, 9), Daans moeder ",
    "words and relatives": "BSN vijf zes zeven vijf een drie negen een negen, zoon is van '14 ",
}


def _calls(text: str) -> int:
    """Python function calls and generator steps made while scanning ``text``."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        scan(text, ("Zoë de Boer",), TODAY)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", UNITS.values(), ids=list(UNITS))
def test_four_times_the_text_costs_four_times_the_calls(unit):
    base = unit * 250
    once, four_times = _calls(base), _calls(base * 4)
    # Fixed costs (compiling, the start of each finder) make the ratio a little under 4;
    # one comparison per pair of hits would make it about 16.
    assert 3.5 <= four_times / once <= 4.2, (once, four_times)


def test_every_hit_is_found_in_a_long_text():
    """Dense hits, all of them found: the units' hits times the repeats."""
    for unit, per_unit in ((UNITS["phone numbers"], 2), (UNITS["names"], 2), (UNITS["dates"], 0)):
        assert len(scan(unit * 2000, (), TODAY)) == 2000 * per_unit
