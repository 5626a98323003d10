"""The sensitive-data check on a table of true and false cases, and in a real session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import leersessie
from leersessie.base.errors import InputError
from leersessie.method.sessions import load_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.client_data import (
    HitKind,
    blocked_names,
    elfproef,
    replace_hit,
    scan,
    scan_session,
    set_blocked_names,
)

TODAY = date(2026, 11, 23)


def kinds(text: str, names: tuple[str, ...] = ()) -> list[tuple[HitKind, str]]:
    return [(hit.kind, hit.text) for hit in scan(text, names, TODAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # BSN: valid numbers in every way they are written
        ("BSN 111222333 bekend", [(HitKind.BSN, "111222333")]),
        ("bsn: 1234.56.782", [(HitKind.BSN, "1234.56.782")]),
        ("nummer 123 456 782.", [(HitKind.BSN, "123 456 782")]),
        ("123456782", [(HitKind.BSN, "123456782")]),
        # not a BSN: fails the elfproef, all zeros, ten digits, part of an amount
        ("dossier 123456789", []),
        ("000000000", []),
        ("1234567820", []),
        ("€ 1.234,56", []),
        # mobile numbers
        ("bel 06-12345678 even", [(HitKind.PHONE, "06-12345678")]),
        ("0612345678", [(HitKind.PHONE, "0612345678")]),
        ("06 1234 5678", [(HitKind.PHONE, "06 1234 5678")]),
        ("06 12 34 56 78", [(HitKind.PHONE, "06 12 34 56 78")]),
        ("+31 6 1234 5678", [(HitKind.PHONE, "+31 6 1234 5678")]),
        ("+31612345678", [(HitKind.PHONE, "+31612345678")]),
        ("+31 (0)6 12345678", [(HitKind.PHONE, "+31 (0)6 12345678")]),
        ("0031 6 12345678", [(HitKind.PHONE, "0031 6 12345678")]),
        # landlines and service numbers
        ("020-1234567", [(HitKind.PHONE, "020-1234567")]),
        ("tel. 010 123 4567.", [(HitKind.PHONE, "010 123 4567")]),
        ("0111-123456", [(HitKind.PHONE, "0111-123456")]),
        ("0900-1234", [(HitKind.PHONE, "0900-1234")]),
        ("0800 0123", [(HitKind.PHONE, "0800 0123")]),
        ("06-12345678 0201234567", [(HitKind.PHONE, "06-12345678"), (HitKind.PHONE, "0201234567")]),
        # a foreign number whose last nine digits pass the elfproef is a phone number
        ("+32 945 80 73 02", [(HitKind.PHONE, "+32 945 80 73 02")]),
        ("0032 945 80 73 02", [(HitKind.PHONE, "0032 945 80 73 02")]),
        # not phone numbers: too short, too long, a date, a time, a year range
        ("06-1234567", []),
        ("061234567890", []),
        ("om 09.30 uur", []),
        ("van 2020-2024", []),
        ("01-02-2026 overleg", []),
        # e-mail
        (
            "mail naar j.de.vries+school@example.nl.",
            [(HitKind.EMAIL, "j.de.vries+school@example.nl")],
        ),
        ("een @ teken", []),
        # postcode with house number
        ("1234 AB 12", [(HitKind.POSTCODE, "1234 AB 12")]),
        ("woont op 1234AB 12a", [(HitKind.POSTCODE, "1234AB 12a")]),
        # an address with its postcode and place is one hit: replacing it leaves nothing
        ("Kerkstraat 12, 1234 AB Utrecht", [(HitKind.ADDRESS, "Kerkstraat 12, 1234 AB Utrecht")]),
        ("postcode 1234ab 7", [(HitKind.POSTCODE, "1234ab 7")]),
        ("in 2024 de 3 teams", []),
        ("1234 AB zonder nummer", [(HitKind.POSTCODE, "1234 AB")]),
        ("1234 SS 12", []),
        # dates: a birth word makes any date a birth date
        ("geboren op 12-03-2024", [(HitKind.BIRTH_DATE, "12-03-2024")]),
        ("geb. 3-4-2025", [(HitKind.BIRTH_DATE, "3-4-2025")]),
        ("geboortedatum: 12 maart 2016", [(HitKind.BIRTH_DATE, "12 maart 2016")]),
        ("GD 01/02/2019", [(HitKind.BIRTH_DATE, "01/02/2019")]),
        ("geb 12-03-15", [(HitKind.BIRTH_DATE, "12-03-15")]),
        # a date without a birth word is not one, however old; meeting dates are not
        ("dossier (12-03-2015) overgedragen", []),
        ("sinds 5 mei 1987", []),
        ("op 12-03-2026 spraken we af", []),
        ("evaluatie 14-11-2025 en 3 februari 2026", []),
        ("volgende keer 15-01-2027", []),
        ("in 2015 begonnen", []),
        ("31-02-2010", []),
        ("gd 01/02/2026 is geen afkorting", []),
    ],
)
def test_true_and_false_cases(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gesprek met Zoë de Boer", [(HitKind.NAME, "Zoë")]),
        ("ZOE kwam niet", [(HitKind.NAME, "ZOE")]),
        ("zoe", [(HitKind.NAME, "zoe")]),
        ("Zoëlla en Zoetermeer", []),
        ("Jan Jansen belde", [(HitKind.NAME, "Jan Jansen")]),
        ("jan  jansen", [(HitKind.NAME, "jan  jansen")]),
        ("Jansen", []),
        ("in januari met Janneke", []),
        ("Müller en muller", [(HitKind.NAME, "Müller"), (HitKind.NAME, "muller")]),
    ],
)
def test_blocked_names_whole_word_ignoring_case_and_accents(text, expected):
    assert kinds(text, ("Zoe", "Jan Jansen", "Muller")) == expected


def test_elfproef():
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert not elfproef("000000000")
    assert not elfproef("12345678")


def test_a_hit_carries_its_place_and_context():
    text = (
        "Vandaag sprak ik de moeder; zij gaf haar nummer 06-12345678 en vroeg om hulp bij "
        "de aanvraag."
    )
    [hit] = scan(text, (), TODAY)
    assert text[hit.start : hit.end] == "06-12345678"
    assert "nummer 06-12345678 en vroeg" in hit.context
    assert hit.context.startswith("…") and hit.context.endswith("…")


def _session(db, catalogue):
    team = create_team(db, "Team Noord", ["Ans", "Bart"])
    template = catalogue.get("actieleren")
    return start_session(
        db,
        team_id=team.id,
        template=template,
        on=TODAY,
        facilitator="Coach",
        present=[p.id for p in team.people],
    ), template


def test_scan_session_and_replace_one_hit_in_place(db, catalogue):
    session_id, template = _session(db, catalogue)
    step = template.steps[0].key
    save_note(db, session_id, step, "Moeder van Zoë belt op 06-12345678. Zoë is bang.")
    set_blocked_names(db, ["Zoe", " ", "zoë"])
    assert blocked_names(db) == ["Zoe"]

    hits = scan_session(db, session_id, today=TODAY)
    assert [(h.hit.kind, h.hit.text) for h in hits] == [
        (HitKind.NAME, "Zoë"),
        (HitKind.PHONE, "06-12345678"),
        (HitKind.NAME, "Zoë"),
    ]
    assert {(h.table, h.step_key, h.where) for h in hits} == {("notes", step, "notitie")}

    replace_hit(db, hits[1], "[telefoon]")
    assert (
        load_session(db, session_id).notes[step]
        == "Moeder van Zoë belt op [telefoon]. Zoë is bang."
    )
    # The other hits moved; a stale hit is refused, a fresh scan replaces it.
    with pytest.raises(InputError, match="gewijzigd"):
        replace_hit(db, hits[2], "cliënt A")
    for found in reversed(scan_session(db, session_id, today=TODAY)):
        replace_hit(db, found, "cliënt A")
    assert (
        load_session(db, session_id).notes[step]
        == "Moeder van cliënt A belt op [telefoon]. cliënt A is bang."
    )
    assert scan_session(db, session_id, today=TODAY) == []


def test_scan_covers_actions(db, catalogue):
    from leersessie.memory.actions import add_action

    session_id, template = _session(db, catalogue)
    add_action(
        db, session_id, template.steps[-1].key, "Mail sturen naar ouder@example.nl", None, None
    )
    [found] = scan_session(db, session_id, [], TODAY)
    assert (found.table, found.where, found.hit.kind) == ("actions", "actie", HitKind.EMAIL)
    replace_hit(db, found, "de ouder")
    assert db.execute("SELECT what FROM actions").fetchone()[0] == "Mail sturen naar de ouder"


def test_replacing_needs_a_text(db, catalogue):
    session_id, template = _session(db, catalogue)
    save_note(db, session_id, template.steps[0].key, "BSN 111222333")
    [found] = scan_session(db, session_id, [], TODAY)
    with pytest.raises(InputError):
        replace_hit(db, found, "  ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an area code in brackets, a dash as a word processor writes it
        ("oma: (010) 4567890, zij", [(HitKind.PHONE, "(010) 4567890")]),
        ("werk (0513) 45 67 89 op", [(HitKind.PHONE, "(0513) 45 67 89")]),
        ("bel 06–24681357 morgen", [(HitKind.PHONE, "06–24681357")]),
        ("het algemene nummer (088) is afgeschaft", []),
        # an address by its shape: the hit covers all of it, postcode and place included
        ("bij Oranjeplein 9 thuis", [(HitKind.ADDRESS, "Oranjeplein 9")]),
        ("op de Hoofdweg 3a", [(HitKind.ADDRESS, "Hoofdweg 3a")]),
        ("aan de Dijkweg nr. 41.", [(HitKind.ADDRESS, "Dijkweg nr. 41")]),
        ("woont op Hoge Akker 3-A nu", [(HitKind.ADDRESS, "Hoge Akker 3-A")]),
        ("Huisbezoek Veldkamp 9 b: rommel", [(HitKind.ADDRESS, "Veldkamp 9 b")]),
        (
            "adres Stationsweg 7a, 3842 KL Harderwijk, sleutel",
            [(HitKind.ADDRESS, "Stationsweg 7a, 3842 KL Harderwijk")],
        ),
        ("Stap 3a van het plan", []),
        ("Groep 7 en Klas 2b", []),
        ("woont al 3 jaar in Zwolle 2 keer verhuisd", []),
        ("samen op Plein 1944 in Nijmegen", []),
        # postcodes in any case and spacing; small letters apart only with a reason
        ("woont in 3842 kl Harderwijk", [(HitKind.POSTCODE, "3842 kl")]),
        ("naar 9712  HN Groningen", [(HitKind.POSTCODE, "9712  HN")]),
        ("in 5211Nb 's-Hertogenbosch", [(HitKind.POSTCODE, "5211Nb")]),
        ("van 1500 ab naar 1800", []),
        ("Productcode 4711 AB", []),
        ("In 2023 VT-meldingen", []),
        # birth dates: a two-digit year, after a relation word, before 'geboren'
        ("geb. 3 juni '09 in", [(HitKind.BIRTH_DATE, "3 juni '09")]),
        ("zoon is van 11-2-2014 en", [(HitKind.BIRTH_DATE, "11-2-2014")]),
        ("Meisje (2016) gaat", [(HitKind.BIRTH_DATE, "2016")]),
        ("is op 4-7-2019 geboren", [(HitKind.BIRTH_DATE, "4-7-2019")]),
        ("De zoon is van school gewisseld in 2023.", []),
        ("Dochter is sinds 2021 in beeld.", []),
        ("In 2019 werden in de wijk meer kinderen geboren.", []),
        # names: after initials, family words, listed after a word for children, with an age
        ("met dhr. P. de Vries over", [(HitKind.CLIENT_NAME, "P. de Vries")]),
        ("J. van Dam belde", [(HitKind.CLIENT_NAME, "J. van Dam")]),
        ("Familie De Boer is", [(HitKind.CLIENT_NAME, "De Boer")]),
        ("de kinderen, Noah en Liam, gaan", [(HitKind.CLIENT_NAME, "Noah en Liam")]),
        ("Oudste kind (Sanne, 9) wil", [(HitKind.CLIENT_NAME, "Sanne")]),
        ("Daans moeder belde", [(HitKind.CLIENT_NAME, "Daans")]),
        ("Cliënt B. Moeder is akkoord.", []),
        ("Casus C. Daarna de vervolgstappen.", []),
        ("Team Noord (12) en Acties (3)", []),
        ("Volgens moeder is het goed.", []),
        # e-mail spelled out; a BSN in words
        (
            "adres: jan punt jansen at gmail punt com.",
            [(HitKind.EMAIL, "jan punt jansen at gmail punt com")],
        ),
        ("secretariaat at the office", []),
        (
            "BSN voor: vijf zes zeven vijf een drie negen een negen.",
            [(HitKind.BSN, "vijf zes zeven vijf een drie negen een negen")],
        ),
        ("een twee drie vier: de stappen", []),
    ],
)
def test_third_pass_kinds(text, expected):
    assert kinds(text) == expected


def test_every_new_finding_says_why_in_dutch():
    """Each reason is one of the app's Dutch texts, translated in the English catalogue."""
    text = (
        "(010) 4567890, Hoge Akker 3-A, 3842 kl Harderwijk, geb. 3 juni '09, dhr. P. de Vries, "
        "de kinderen Noah en Liam, (Sanne, 9), Daans moeder, jan punt jansen at gmail punt com, "
        "BSN vijf zes zeven vijf een drie negen een negen, zoon is van 11-2-2014"
    )
    whys = {hit.why for hit in scan(text, (), TODAY)}
    assert len(whys) >= 10
    po = Path(leersessie.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "leersessie.po"
    with po.open("rb") as file:
        translated = {message.id for message in read_po(file) if message.string}
    assert whys <= translated, whys - translated


def test_replacing_an_address_leaves_nothing_of_it(db, catalogue):
    session_id, template = _session(db, catalogue)
    step = template.steps[0].key
    save_note(db, session_id, step, "Huisbezoek op Stationsweg 7a, 3842 KL Harderwijk gedaan.")
    [found] = scan_session(db, session_id, [], TODAY)
    replace_hit(db, found, "[adres]")
    assert load_session(db, session_id).notes[step] == "Huisbezoek op [adres] gedaan."
