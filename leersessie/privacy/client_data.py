"""The sensitive-data check: text that looks like client data in a session's notes.

It warns and never blocks: every hit says what kind it is and why it counts, comes
with its context, and the coach can replace it by a pseudonym in one step
(``replace_hit``). What counts as a hit:

- BSN: nine digits in any grouping (123456782, 1234.56.782, 12 34 56 782, 123-456-782)
  that pass the elfproef (9a+8b+7c+6d+5e+4f+3g+2h-1i divisible by 11); right after a BSN
  word also nine digits that fail it, and eight that pass with the leading zero lost;
  nine digits read out in words ("vijf zes zeven ...");
- IBAN: a country code, two check digits and the account, compact or in groups of
  four, with check digits that agree (mod 97);
- phone numbers: Dutch mobile, landline and service numbers (06-12345678,
  020 - 123 45 67, (010) 4567890, +31 (0)6 ..., 0800-1234) and foreign ones after +,
  00 or (+32);
- e-mail addresses, also with spaces around the @, without a top-level domain after a
  real @, or spelled out ("jan punt jansen at gmail punt com", [at], apenstaartje);
- an address by its shape: a name of one or more capitalised words (or one word ending
  in a street word) and a house number with any suffix (12a, 3-A, 88bis, 64-3, 22 hs),
  with or without "nr."; it counts with a street word, a postcode after it, "nr.", or
  a word like "woont" or "adres" shortly before it, and takes the postcode and place
  after it along ("Stationsweg 7a, 3842 KL Harderwijk");
- a postcode (1234 AB, 1234AB, 1234ab, 1234 ab beside a number, a place or an address
  word), with or without a house number;
- a date of birth: a date (12-03-2015, 12 maart 2015, 3 juni '09, 2015-03-12), a year
  (2015) or a two-digit year ('15) shortly after a birth word (geboren, geb.,
  geboortedatum, DOB, GD, jarig, *, °), right after a child or sibling word and "van",
  "uit", "(" or a comma ("zoon is van 11-2-2014", "Meisje (2016)"), or a date right
  before "geboren". A date without such a word is no hit, however old: notes are full
  of case dates and law dates;
- a name right after a word for a client or a relative (cliënt, mevrouw, meneer, mw.,
  dhr., moeder, familie, gezin, ...) when it is capitalised like a name ("moeder Fatima",
  "mevrouw De Vries", "dhr. P. de Vries"); a list after "de kinderen" and the like
  ("Noah en Liam"); initials with a surname ("J. van Dam"); a name with an age or a role
  ("Noah (7)", "(Sanne, 9)", "Fatima (moeder)"); a name owning a relative ("Daans
  moeder"). A single letter ("cliënt A", "cliënt B.") is a pseudonym, no hit;
- names on the coach's personal "niet vastleggen" list: whole words (a hyphenated
  name is one word), ignoring case and accents (Zoë matches ZOE, Jan does not match
  Janssen or Jan-Willem).

The check is linear in its input: every pattern is matched once over the text and
each candidate is judged on a bounded stretch around it; overlaps between kinds are
settled with one mark per character, never by comparing hits with each other.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlite_utils import Database

from leersessie.base.errors import InputError
from leersessie.base.i18n import N_, tr
from leersessie.store import settings
from leersessie.store.ids import now_iso

CONTEXT_CHARS = 30
# How far before a number or date a BSN word or birth word may stand ("geboren op").
WORD_REACH = 30


class HitKind(StrEnum):
    # In this order a kind claims its characters. An IBAN first (its check digits are the
    # strongest proof; its account may look like a phone number), then a phone number
    # (+32 945 80 73 02 holds nine digits that may pass the elfproef; a BSN is never a
    # phone number). An address before a postcode: it takes the postcode and the place
    # with it, so that replacing it leaves nothing of the address.
    IBAN = "iban"
    PHONE = "telefoon"
    BSN = "bsn"
    EMAIL = "e-mail"
    ADDRESS = "adres"
    POSTCODE = "postcode"
    BIRTH_DATE = "geboortedatum"
    NAME = "naam"
    CLIENT_NAME = "naam-na-aanspreekvorm"

    @property
    def label(self) -> str:
        return {
            HitKind.BSN: tr("BSN"),
            HitKind.IBAN: tr("IBAN"),
            HitKind.PHONE: tr("telefoonnummer"),
            HitKind.EMAIL: tr("e-mailadres"),
            HitKind.POSTCODE: tr("postcode"),
            HitKind.ADDRESS: tr("adres"),
            HitKind.BIRTH_DATE: tr("mogelijk een geboortedatum"),
            HitKind.NAME: tr("naam van uw lijst 'niet vastleggen'"),
            HitKind.CLIENT_NAME: tr("mogelijk de naam van een cliënt of familielid"),
        }[self]


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    start: int
    end: int
    text: str  # the matched text, exactly as in the source
    context: str  # a snippet around it, on one line
    why: str = ""  # why it counts as this kind, in the user's language


# A finder yields (start, end, why) for one kind, in any order.
Found = tuple[int, int, str]


class _WordsBefore:
    """Where the words of ``pattern`` end in a text, found in one pass, to ask of any
    place whether such a word stands shortly before it (no digit or line in between).
    The pass is made at the first question: most texts never ask."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self.text = text
        self._ends: list[int] | None = None

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [match.end() for match in self.pattern.finditer(self.text)]
        return self._ends

    def near(self, start: int) -> bool:
        index = bisect_right(self.ends, start) - 1
        if index < 0 or start - self.ends[index] > WORD_REACH:
            return False
        return _NO_DIGIT_OR_LINE.fullmatch(self.text, self.ends[index], start) is not None


_NO_DIGIT_OR_LINE = re.compile(r"[^\n\d]*")


def _digit_cuts(candidate: str) -> list[tuple[int, str]]:
    """Each place a run of digit groups can end (after a digit, before a non-digit),
    longest first, with the digits up to there. The run may have taken the start of
    the next number ("06-12345678 0201..."), so shorter readings are tried too."""
    digits = ""
    cuts: list[tuple[int, str]] = []
    for group in _DIGITS.finditer(candidate):
        digits += group.group()
        cuts.append((group.end(), digits))
    cuts.reverse()
    return cuts


_DIGITS = re.compile(r"\d+")


# --- BSN -------------------------------------------------------------------------

_BSN_RUN = re.compile(r"(?<![\d.\-/,])\d{2,9}(?:[ .\-]\d{2,9}){0,4}")
_BSN_WORD = re.compile(
    r"(?=[bBsSpP])(?i:\bbsn\b|burgerservicen|\bsofi|\bpgn\b|persoonsgebonden nummer)"
)
# Digits as words, as a number is read out: "vijf zes zeven, vijf een drie ...".
_DIGIT_WORDS = {
    "nul": "0", "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5",
    "zes": "6", "zeven": "7", "acht": "8", "negen": "9",
}  # fmt: skip
_DIGIT_WORD = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
_DIGIT_WORD_RUN = re.compile(
    rf"\b(?=[nNeEéÉtTdDvVzZaA])(?<![-])(?i:{_DIGIT_WORD})"
    rf"(?:(?:[ \t]*[,-][ \t]*|[ \t]+)(?i:{_DIGIT_WORD}))+(?![\w-])"
)
_DIGIT_WORD_ONE = re.compile(rf"(?i:{_DIGIT_WORD})")


def elfproef(digits: str) -> bool:
    """The BSN check: 9a+8b+7c+6d+5e+4f+3g+2h-1i is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _bsn_hits(text: str, taken: bytearray) -> Iterator[Found]:
    """``taken`` marks the characters an earlier kind found (a phone number's digits):
    every reading of a run starts where the run starts, so a run starting there is
    skipped unread, as the scan would drop its hit."""
    bsn_word = _WordsBefore(_BSN_WORD, text)
    nine = tr("negen cijfers die de elfproef doorstaan")
    eight = tr("acht cijfers na 'BSN' die met een voorloopnul de elfproef doorstaan")
    named = tr("negen cijfers direct na 'BSN', ook al doorstaan ze de elfproef niet")
    for match in _BSN_RUN.finditer(text):
        if taken[match.start()]:
            continue
        for cut, digits in _digit_cuts(match.group()):
            end = match.start() + cut
            if _LONGER_NUMBER.match(text, end):
                continue  # part of a longer number or an amount (123.456.782,50)
            if len(digits) == 9 and elfproef(digits):
                yield match.start(), end, nine
                break
            if len(digits) == 8 and elfproef("0" + digits) and bsn_word.near(match.start()):
                yield match.start(), end, eight
                break
            if len(digits) == 9 and bsn_word.near(match.start()):
                yield match.start(), end, named
                break
    yield from _bsn_in_words(text, bsn_word)


def _bsn_in_words(text: str, bsn_word: _WordsBefore) -> Iterator[Found]:
    """Nine digits written as words that pass the elfproef, or follow 'BSN'. A longer
    run is tried at every start, so a BSN read out after other numbers is found too."""
    why = tr("negen cijfers in woorden die een BSN vormen")
    for run in _DIGIT_WORD_RUN.finditer(text):
        words = list(_DIGIT_WORD_ONE.finditer(run.group()))
        digits = "".join(_DIGIT_WORDS[word.group().lower()] for word in words)
        for first in range(len(words) - 8):
            nine = digits[first : first + 9]
            start = run.start() + words[first].start()
            if elfproef(nine) or (first == 0 and bsn_word.near(start)):
                yield start, run.start() + words[first + 8].end(), why
                break


_LONGER_NUMBER = re.compile(r"\d|[.,]\d")


# --- IBAN ------------------------------------------------------------------------

_IBAN = re.compile(
    r"(?<![\w])(?P<iban>[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7})"
    r"(?P<tail> ?[A-Za-z0-9]{1,3})?(?![\w])"
)
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24}


def iban_valid(candidate: str) -> bool:
    """Country code, check digits and account agree: the number, with the first four
    characters moved to the end and letters as 10..35, leaves 1 after division by 97."""
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha():
        return False
    if _IBAN_LENGTHS.get(compact[:2], len(compact)) != len(compact):
        return False
    number = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return int(number) % 97 == 1


def _iban_hits(text: str) -> Iterator[Found]:
    why = tr("rekeningnummer met kloppende controlecijfers")
    for match in _IBAN.finditer(text):
        # The last short group may be the account's end ("... 43 00") or the next word.
        for end in (match.end(), match.end("iban")):
            if iban_valid(text[match.start() : end]):
                yield match.start(), end, why
                break


# --- phone -----------------------------------------------------------------------

# A phone number's shape: a Dutch one has exactly ten digits (a service number 8 or 11)
# with spaces, dashes or dots between them, so a run never takes the start of the next
# number; a foreign one starts with + or 00 and a country code. The digits decide.
# Dashes as a word processor writes them (–, a non-breaking ‑) and non-breaking spaces too.
_GAP = r"[ \t\u00a0]{0,2}[-–‑./]?[ \t\u00a0]{0,2}"
# An area code in brackets, "(010) 4567890", "(0513) 45 67 89": ten digits in all.
_BRACKETED = "|".join(rf"\(0\d{{{area}}}\)(?:{_GAP}\d){{{9 - area}}}(?!\d)" for area in (1, 2, 3))
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?P<foreign>(?:\(\+\d{{1,3}}\)|(?:\+ ?|00)\d{{1,3}})(?: ?\(0\))?"
    rf"(?:{_GAP}\d){{6,12}})"
    rf"|0[89]0[069](?:{_GAP}\d){{4}}(?:(?:{_GAP}\d){{3}})?(?!\d)"
    rf"|0(?:{_GAP}\d){{9}}(?!\d)|{_BRACKETED})"
)
_SERVICE = ("0800", "0900", "0906", "0909")
_DATE_LIKE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}")


def _phone_kind(candidate: str, digits: str) -> str | None:
    """What kind of phone number these digits are ("nl", "service", "foreign"), or
    None. ``digits`` leave out an "(0)"."""
    candidate = candidate.removeprefix("(")  # "(+31) 6 ..."
    if candidate.startswith(("+", "00")):
        digits = digits[2:] if candidate.startswith("00") else digits
        if not digits.startswith("31"):
            return "foreign" if 9 <= len(digits) <= 13 else None
        digits = "0" + digits[2:]
    if digits.startswith(_SERVICE):
        return "service" if len(digits) in (8, 11) else None
    return "nl" if len(digits) == 10 and digits[1] != "0" else None


def _phone_hits(text: str) -> Iterator[Found]:
    reasons = {
        "nl": tr("Nederlands telefoonnummer"),
        "service": tr("Nederlands servicenummer"),
        "foreign": tr("buitenlands telefoonnummer"),
    }
    position: int | None = 0
    while position is not None:
        matches, position = _PHONE.finditer(text, position), None
        for match in matches:
            candidate = match.group()
            zero = candidate.find("(0)")
            if zero < 0:  # the usual case first: the whole run is one number
                kind = _phone_kind(candidate, candidate.translate(_PHONE_PUNCTUATION))
                if kind and not _DATE_LIKE.fullmatch(candidate):
                    yield *match.span(), reasons[kind]
                    continue
            if not match.group("foreign"):
                continue
            cut = _phone_cut(candidate, zero)
            if cut is not None:
                yield match.start(), match.start() + cut[0], reasons[cut[1]]
                if cut[0] < len(candidate):  # it took the start of the next number:
                    position = match.start() + cut[0]  # scan again from there
                    break


def _phone_cut(candidate: str, zero: int) -> tuple[int, str] | None:
    """The longest start of ``candidate`` that is a phone number: (its length, kind)."""
    for cut, digits in _digit_cuts(candidate):
        if zero >= 0 and cut > zero:  # "+31 (0)6": the 0 in brackets is not dialled
            skipped = len(_NON_DIGITS.sub("", candidate[:zero]))
            digits = digits[:skipped] + digits[skipped + 1 :]
        part = candidate[:cut]
        kind = _phone_kind(part, digits)
        if kind and not _DATE_LIKE.fullmatch(part.strip()):
            return cut, kind
    return None


_PHONE_PUNCTUATION = str.maketrans("", "", " \t\u00a0-–‑./+()")
_NON_DIGITS = re.compile(r"\D")


# --- e-mail ----------------------------------------------------------------------

# An address as written ("j.de.vries@example.nl") or spelled out as it is said or
# disguised: the @ as "at", "[at]", "(at)" or "apenstaartje", the dots as "punt" or "dot"
# (also in brackets), spaces around an @. Found from the @ or its word (rare in a text):
# the name before it in a short stretch, the domain after it; each part is bounded.
_MAIL_PART = r"[\w+-]+"
_MAIL_DOT = r"(?:\.| ?[\[(](?i:punt|dot)[\])] ?| (?i:punt|dot) )"
_MAIL_AT = re.compile(r" ?@ ?| ?[\[(](?i:at|a|apenstaartje)[\])] ?| (?i:at|ape?n?staartje) ")
_MAIL_NAME_BEFORE = re.compile(rf"(?<![\w.+-]){_MAIL_PART}(?:{_MAIL_DOT}{_MAIL_PART}){{0,5}}\Z")
_MAIL_DOMAIN = re.compile(
    rf"{_MAIL_PART}(?:{_MAIL_DOT}{_MAIL_PART}){{0,4}}{_MAIL_DOT}[A-Za-z]{{2,6}}(?![\w-])"
)
_MAIL_HOST = re.compile(r"[\w-]{2,}(?![\w@-])")
_MAIL_LOOK_BACK = 80


def _email_hits(text: str) -> Iterator[Found]:
    plain = tr("e-mailadres")
    written_out = tr("e-mailadres, uitgeschreven of met spaties ('at', 'punt')")
    position = 0
    while (at := _MAIL_AT.search(text, position)) is not None:
        position = at.end()
        name = _MAIL_NAME_BEFORE.search(text, max(0, at.start() - _MAIL_LOOK_BACK), at.start())
        domain = _MAIL_DOMAIN.match(text, at.end())
        if domain is None and at.group() == "@":  # "jan@gmail": an @ between words is proof
            domain = _MAIL_HOST.match(text, at.end())
        if name is None or domain is None:
            continue
        as_written = _PLAIN_EMAIL.fullmatch(text, name.start(), domain.end()) is not None
        yield name.start(), domain.end(), plain if as_written else written_out
        position = domain.end()


_PLAIN_EMAIL = re.compile(r"[\w.+-]+@[\w.-]+")


# --- postcode and address --------------------------------------------------------

# A postcode: four digits (not starting with 0), two letters, in any case and spacing.
# Capitals count wherever they stand ("1234 AB", "1234  AB"), and letters attached
# ("1234ab", "1234Ab") unless they are a unit in small letters ("1500ml"). Small letters apart
# ("1234 ab") are also a Dutch word or a unit as often ("in 2024 de 3 teams"), so they
# count only beside a house number, before a place name, or near a word for an address.
# No postcode has SA, SD or SS.
_HOUSE = r"\d{1,5}(?:[ -]?[a-zA-Z](?![a-zA-Z]))?"
_POSTCODE = re.compile(
    rf"(?<![\w])(?:(?P<before>{_HOUSE}),?\s)?"
    r"(?P<code>[1-9]\d{3}(?P<gap> {0,2})(?P<letters>[A-Za-z]{2}))(?![A-Za-z-])"
    rf"(?:,?\s(?P<after>{_HOUSE})(?![\w]))?"
)
_NO_POSTCODE_LETTERS = {"sa", "sd", "ss"}
_UNITS = {"km", "kg", "cm", "mm", "ml", "mg", "cl", "dl", "gb", "mb", "kb", "kw", "pk", "hz"}
_SMALL_WORDS = {
    "de", "en", "in", "op", "of", "om", "te", "is", "na", "al", "nu", "zo", "ja", "ze",
    "we", "je", "ik", "er", "uw", "an", "ad", "ex", "et", "nl", "eu", "pp", "vs", "bv",
}  # fmt: skip
_PLACE_AFTER = re.compile(r",? {1,2}(?:\d|(?:['’]s-)?[A-Z])")
_POSTCODE_WORD_AFTER = re.compile(r"[^\n\d]{0,20}?\bpostcode", re.IGNORECASE)
# A code of something else right before it ("productcode 4711 AB", "versie 2024 NL").
_OTHER_CODE_BEFORE = re.compile(
    r"(?i:(?<!post)code|nummer|nr\.?|versie|type|model|serie|artikel|art\.|kenteken)\W{0,2}$"
)
# Words near which a number is a house number or small letters a postcode.
# A stem found anywhere in a word ("Logeeradres", "huisbezoek"), up to the word's end.
_ADDRESS_WORD = re.compile(
    r"(?=[aAwWvVlLiIbBsSoOpP])(?i:adres|woon|wonen|woning|verhuis|verhuiz|logee|verblij"
    r"|ingeschreven|bezoek|slaapt|slapen|opgehaald|postcode)\w*"
)


def _postcode_counts(match: re.Match[str], text: str, address_word: _WordsBefore) -> bool:
    letters = match.group("letters")
    if letters.lower() in _NO_POSTCODE_LETTERS:
        return False
    if _OTHER_CODE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return False
    if letters.isupper():
        return True
    if letters.lower() in _UNITS:
        return False
    if not match.group("gap"):
        return True
    if letters.lower() in _SMALL_WORDS:
        return False
    return bool(
        match.group("after")
        or _PLACE_AFTER.match(text, match.end("code"))
        or address_word.near(match.start())
        or _POSTCODE_WORD_AFTER.match(text, match.end())
    )


def _postcode_hits(text: str, address_word: _WordsBefore) -> Iterator[Found]:
    alone, with_number = tr("postcode: vier cijfers, twee letters"), tr("postcode met huisnummer")
    for match in _POSTCODE.finditer(text):
        if _postcode_counts(match, text, address_word):
            numbered = match.group("before") or match.group("after")
            yield *match.span(), with_number if numbered else alone


# An address by its shape: a name of one or more words (capitalised, or one word ending
# in a street word), a house number with any suffix (12a, 3-A, 9 B, 88bis, 64-3, 22 hs,
# 2 3 hoog), "nr." or "nummer" between them or not, and a postcode with the place after
# it or not; the hit covers all of it, so replacing it leaves nothing of the address.
# Being shaped like one is not enough ("Stap 3a", "Groep 7"): the name must end in a
# street word, or a postcode follow, or "nr." stand before the number, or a word for an
# address or for living somewhere stand shortly before it.
_STREET_WORDS = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "steeg",
    "dijk", "park", "plantsoen", "boulevard", "allee", "kanaal", "haven", "veld", "hoek",
    "burcht", "markt", "akker", "weide", "burg", "brink", "erf", "oord", "hoven",
    "wetering", "vaart", "zoom",
)  # fmt: skip
_STREET_FIRST_WORDS = {"laan", "plein", "kade", "singel", "dreef", "markt", "gracht", "dijk"}
_NOT_STREETS = re.compile(
    r"(?i)(?:onder|halver|uit|om|over|zij|terug|werk|ge)weg|(?:wagen|speel|machine)park"
    r"|(?:kerst|werk|proef|speel|sport|voetbal|zorg|leer)veld|(?:gerechts|binnen)hof"
    r"|(?:mo|mid|voor|slot)?oord|(?:ge|ver|be|ont)?erf"
)
_PARTICLE = r"(?:van|de|der|den|het|'t|’t|ter|ten|te|op|aan|in|bij|la|le|du|des)"
_NAME_PART = rf"(?:[A-Z][\w'’-]*\.?|{_PARTICLE})"
_SUFFIX = r"(?:[ -]?(?:[a-zA-Z]|bis|hs|huis|bg|hg|boven)(?![\w])|-\d{1,4}| \d{1,2} ?hoog\b)"
_TOWN = (
    r"(?:['’]s-)?[A-Z][\w'’-]+"
    r"(?: (?:aan den|aan de|aan|op|in|de|den|bij|a/d) [A-Z][\w'’-]+| [A-Z][\w'’-]+)?"
)
# Found from the house number, a number right after a word or "nr." (rare in a text: a
# text full of numbers has few after a word), then the name in a short stretch before it.
_HOUSE_NUMBER = re.compile(
    r"(?P<number>\d(?:(?<=[^\W\d_] \d)|(?<=[^\W\d_]  \d)|(?<=[^\W\d_]\. \d)|(?<=[^\W\d_]\.\d))"
    rf"\d{{0,4}})(?P<suffix>{_SUFFIX})?(?![\w]|[.,]\d)"
    rf"(?P<tail>,? {{1,2}}[1-9]\d{{3}} ?[A-Za-z]{{2}}(?![\w])(?:,? {{1,2}}{_TOWN})?)?"
)
_STREET_BEFORE = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:\d{{1,2}}e |['’]t |['’]s-)?[A-Z][\w'’-]*\.?(?: {_NAME_PART}){{0,3}}"
    r"|[a-z][\w'’-]*)(?P<nr>,? {1,2}(?:nr\.?|nummer|huisnummer|no\.) ?| {1,2})\Z"
)
_STREET_LOOK_BACK = 80
_PARTICLES_OF_STREETS = re.compile(_PARTICLE)
# Numbered things that are no street, near a word like "woont" ("woont in Groep 7").
_NUMBERED_THINGS = {
    "Stap", "Fase", "Week", "Artikel", "Art.", "Hoofdstuk", "Bijlage", "Versie", "Punt",
    "Agendapunt", "Zaal", "Kamer", "Lokaal", "Klas", "Groep", "Team", "Teams", "Sessie",
    "Ronde", "Module", "Les", "Niveau", "Casus", "Dossier", "Pagina", "Blz.", "Lijn", "Bus",
    "Tram", "Spoor", "Perron", "Leerdoel", "Afdeling", "Score", "Vraag", "Deel", "Periode",
    # counted things, as in a heading "Acties (3)"
    "Acties", "Bevindingen", "Maatregelen", "Vragen", "Notities", "Sessies", "Deelnemers",
    "Aanwezigen", "Stappen", "Punten", "Casussen", "Scores", "Leervragen",
}  # fmt: skip
# A number that counts something is no house number ("woont 3 jaar in Zwolle").
_QUANTITY = re.compile(
    r"\s?(?:%|(?:jaar|jr|maanden|maand|weken|week|dagen|dag|uur|keer|x|minuten|min|procent"
    r"|euro|fte|kinderen|personen|mensen|stuks|punten|km|meter|sessies|casussen|gezinnen)\b)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSTCODE_LETTERS = re.compile(r" ?[A-Za-z]{2}(?![\w])")


_STREET_PREFIX = re.compile(r"\d{1,2}e$|['’]t$|['’]s-[A-Z]")


def _street_start(words: list[str]) -> int | None:
    """Which of the matched words the street's name starts at: the first capitalised one
    that is no word for an address ("Huisbezoek Veldkamp 9"), or a lone lower-case
    street ("vondelstraat 77"); None when there is none."""
    for index, word in enumerate(words):
        if _STREET_PREFIX.match(word):  # "2e Hugo de Grootstraat", "'t Zand", "'s-Gravenweg"
            return index
        if word[0].isupper() and (index == len(words) - 1 or not _ADDRESS_WORD.search(word)):
            return index
    last = words[-1].lower()
    return len(words) - 1 if last.endswith(_STREET_WORDS) and len(last) >= 5 else None


def _may_end_a_street(text: str, number: int) -> bool:
    """Whether the word right before a number can end a street's name: capitalised, a
    street word, or "nr."."""
    last = text[max(0, number - 30) : number].rstrip(" ,").rsplit(" ", 1)[-1]
    last = last.removeprefix("'s-").removeprefix("’s-")
    return (
        last[:1].isupper() or last.lower() in _NUMBER_WORDS or last.lower().endswith(_STREET_WORDS)
    )


_NUMBER_WORDS = {"nr", "nr.", "nummer", "huisnummer", "no."}


def _has_street_word(words: list[str]) -> bool:
    street = words[-1]
    return (
        street.lower().endswith(_STREET_WORDS)
        and len(street) >= 5
        and not _NOT_STREETS.fullmatch(street)
    ) or (len(words) > 1 and words[0].lower() in _STREET_FIRST_WORDS)


def _address_hits(text: str, address_word: _WordsBefore) -> Iterator[Found]:
    with_postcode = tr("adres: naam met huisnummer en postcode")
    street_word = tr("straatnaam met huisnummer")
    near_word = tr("naam met huisnummer, na 'woont', 'adres' of 'nr.'")
    for match in _HOUSE_NUMBER.finditer(text):
        if not _may_end_a_street(text, match.start()):
            continue  # "geboren 12-3-2015", "week 12": cheaper than looking for a name
        before = _STREET_BEFORE.search(
            text, max(0, match.start() - _STREET_LOOK_BACK), match.start()
        )
        if before is None:
            continue
        words = before.group("name").split(" ")
        first = _street_start(words)
        if first is None or _PARTICLES_OF_STREETS.fullmatch(words[-1]):
            continue
        words = words[first:]
        start = before.end("name") - len(" ".join(words))
        number, suffix = match.group("number"), match.group("suffix")
        if _QUANTITY.match(text, match.end("number")) and not suffix:
            continue
        if len(number) == 4 and not suffix and _POSTCODE_LETTERS.match(text, match.end("number")):
            continue  # the digits of a postcode ("Utrecht 3512 JK")
        if match.group("tail"):
            yield start, match.end(), with_postcode
        elif _YEAR.fullmatch(number) and not suffix:
            continue  # "Plein 1944", "Jeugdwet 2015"
        elif _has_street_word(words):
            yield start, match.end(), street_word
        elif (
            any(word[0].isupper() for word in words)
            and words[0] not in _NUMBERED_THINGS
            and (before.group("nr").strip(" ,") or address_word.near(start))
        ):
            yield start, match.end(), near_word


# --- dates of birth --------------------------------------------------------------

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR_WRITTEN = r"\d{4}|['’‘]\d{2}"
# A date (day-month-year, day monthname with or without a year, ISO, monthname year), a
# four-digit year or a 'yy year.
_DATE = re.compile(
    rf"(?<![\d\w])(?:(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}|['’]?\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})[\s-]+(?P<mw>{_MONTH_WORDS})\b\.?(?:[\s-]+(?P<y2>{_YEAR_WRITTEN}))?"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})"
    rf"|(?=[jfmasondJFMASOND])(?P<mw3>{_MONTH_WORDS})\.?\s+(?P<y3>{_YEAR_WRITTEN})"
    rf"|(?P<year>(?:19|20)\d{{2}})|(?P<short>['’‘]\d{{2}}))(?![\d])",
    re.IGNORECASE,
)
# A birth word shortly before the date ("geboren op", "geboortedatum:", "geb. in", "jarig
# op"), or a star or degree sign right before it ("*2017", "° 3-4-2015").
_BIRTH_WORD = re.compile(
    r"\b(?=[gGdDjJvV])(?:(?i:geb(?:oren|oorte(?:datum|dag|jaar))?|dob|g\.d|date of birth"
    r"|jarig|verjaardag)|GD)\b\.?|[*°](?<![\w*][*°]) ?(?=\d)"
)
# "geboren" (or "jarig", "geboortedatum") shortly after a whole date ("is op 4-7-2019
# geboren", "3 juni is ze jarig"); not after a year alone
# ("in 2019 werden er meer kinderen geboren").
_BORN_AFTER = re.compile(
    r"[^\n\d]{0,20}?\b(?:geboren|ter wereld gekomen|geboortedatum|geb|jarig|verjaardag)\b",
    re.IGNORECASE,
)
# A child or a sibling, then a date after "van", "uit", "(" or a comma: "zoon is van
# 11-2-2014", "dochter (2016)", "Daan, 14-10-2011". The first such word after the
# relation word ends the match, so "zoon is van school gewisseld in 2023" is no hit.
_RELATION_THEN_DATE = re.compile(
    r"\b(?=[zZdDkKbBtTjJoOmMpPsShHnN])"
    r"(?i:(?:zoon(?:tje)?|dochter(?:tje)?|kind(?:je|eren)?|baby|broer(?:tje)?|zus(?:je)?"
    r"|tweeling|jongste|oudste|middelste|meisje|jongen|pleeg(?:kind|zoon|dochter)"
    r"|klein(?:kind|zoon|dochter)|stief(?:zoon|dochter)|half(?:broer|zus)(?:je)?"
    r"|neef(?:je)?|nicht(?:je)?)\b)"
    r"[^\n\d.;]{0,30}?(?:\b(?i:van|uit)|[(,:])[ \t]?"
)


def _year(written: str, today: date) -> int:
    digits = written.lstrip("'’‘")
    full = int(digits)
    if len(digits) == 2:  # 15 -> 2015, 85 -> 1985: the century that is not in the future
        full += 2000 if full <= today.year % 100 else 1900
    return full


def _parse_date(match: re.Match[str], today: date) -> date | None:
    """The date written, or None when it is no date. A day and month without a year
    ("jarig op 12 maart") stand for that day in 2000, a month and year for its first day."""
    groups = match.groupdict()
    if groups["year"] or groups["short"]:
        return date(_year(groups["year"] or groups["short"], today), 1, 1)
    if groups["d"]:
        day, month, year = int(groups["d"]), int(groups["m"]), _year(groups["y"], today)
    elif groups["d2"]:
        day, month = int(groups["d2"]), _MONTHS[groups["mw"].lower()]
        year = _year(groups["y2"], today) if groups["y2"] else 2000
    elif groups["mw3"]:
        day, month, year = 1, _MONTHS[groups["mw3"].lower()], _year(groups["y3"], today)
    else:
        day, month, year = int(groups["id"]), int(groups["im"]), int(groups["iy"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date_hits(text: str, today: date) -> Iterator[Found]:
    birth_word = _WordsBefore(_BIRTH_WORD, text)
    after_relation = {match.end() for match in _RELATION_THEN_DATE.finditer(text)}
    after_word = tr("een datum of jaar direct na een woord als 'geboren'")
    before_word = tr("een datum direct voor 'geboren'")
    of_child = tr("een datum of jaar direct na 'zoon van', 'dochter (' of iets dergelijks")
    for match in _DATE.finditer(text):
        found = _parse_date(match, today)
        if found is None or found > today or found.year <= today.year - 110:
            continue
        if birth_word.near(match.start()):
            yield *match.span(), after_word
        elif match.start() in after_relation:
            yield *match.span(), of_child
        elif not (match.group("year") or match.group("short")) and _BORN_AFTER.match(
            text, match.end()
        ):
            yield *match.span(), before_word


# --- names -----------------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` without case and accents, for matching: "Émile ÖSÜN" -> "emile osun".
    Compatibility forms are split first (NFKD), so a ligature matches its letters."""
    split = unicodedata.normalize("NFKD", text)
    marks = {ord(char): None for char in set(split) if unicodedata.combining(char)}
    return split.translate(marks).casefold()


def _fold_mapped(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)`` and, for each folded character, its index in the original, so a
    match in the folded text maps back exactly to the original spelling. The map is
    None when every character folds to exactly one (the usual case): then the indexes
    are the same, and the text is folded in one pass per distinct character."""
    table = {ord(char): fold(char) for char in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        return text.translate(table), None
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(table[ord(char)]))
    return text.translate(table), origin


def name_spans(text: str, names: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Where each of ``names`` stands in ``text`` as a whole name: ignoring case and
    accents, words apart by any white space, and a hyphenated name taken whole (so
    "Jan" is not found in "Jan-Willem" or "Janssen")."""
    wanted = [words for words in (fold(name).split() for name in names) if words]
    if not wanted:
        return
    folded, origin = _fold_mapped(text)
    for words in wanted:
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])")
        for match in pattern.finditer(folded):
            if origin is None:
                yield match.span()
            else:
                yield origin[match.start()], origin[match.end() - 1] + 1


def _name_hits(text: str, names: Sequence[str]) -> Iterator[Found]:
    why = tr("staat op uw lijst 'niet vastleggen'")
    return ((start, end, why) for start, end in name_spans(text, names))


# Words for a client or a relative, after which a capitalised word is a name; after a
# form of address also initials ("dhr. P. de Vries"), after a word for several people a
# list of names ("de kinderen, Noah en Liam").
_FORMS_OF_ADDRESS = r"mevrouw|mevr\.?|mw\.?|meneer|mr\.|dhr\.?|de heer"
_GROUPS = (
    r"kinderen|kids|tweeling|broers|broertjes|zussen|zusjes|zonen|dochters|pleegkinderen"
    r"|kleinkinderen|jongens|meiden|meisjes|ouders"
)
_RELATIVES = (
    r"cli[eë]nte?|moeder|vader|stiefmoeder|stiefvader|pleegmoeder|pleegvader|pleegkind"
    r"|pleegzoon|pleegdochter|zoon(?:tje)?|dochter(?:tje)?|broer(?:tje)?|zus(?:je)?|oma|opa"
    r"|tante|oom|grootmoeder|grootvader|jongere|jeugdige|meisje|jongen|kind|baby|partner"
    r"|ex-(?:partner|man|vrouw|vriend(?:in)?)|echtgeno(?:ot|te)|vriend(?:in|je)?|buurvrouw"
    r"|buurman|neef(?:je)?|nicht(?:je)?|half(?:broer|zus)(?:je)?|stief(?:broer|zus|zoon|dochter)"
    r"|klein(?:zoon|dochter|kind)|schoon(?:moeder|vader|zus|broer)|leerling|bewoner"
    r"|deelnemer|pati[eë]nte?|familie|fam\.|gezin|huize|echtpaar|jongeman|jongedame"
    r"|verzorger|ouder|(?:roep|voor|achter|meisjes)?naam|genaamd"
)
_TITLES = re.compile(
    rf"\b(?=[^\W\d_])(?<![-])"
    rf"(?i:(?P<address>{_FORMS_OF_ADDRESS})|(?P<group>{_GROUPS})|{_RELATIVES})"
    r"(?:[ \t]+van(?:[ \t]+(?:de|der|den))?)?[ \t]*[,:]?[ \t]+"
)
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "da", "di", "le", "la"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_NOT_NAMES = {
    "De", "Het", "Een", "En", "Is", "Heeft", "Had", "Wil", "Was", "Zegt", "Gaat", "Kan",
    "Die", "Dat", "Deze", "Ik", "Wij", "Zij", "Hij", "Ze", "We", "Nog", "Ook", "Niet",
    "Er", "Dit", "Daarna", "Toen", "Dan", "Nu", "Maar", "Want", "Dus", "Of", "Om", "In",
    "Op", "Bij", "Met", "Na", "Voor", "Sinds", "Tot", "Als", "Wel", "Geen", "Alle", "Beide",
}  # fmt: skip
_INITIALS = re.compile(r"(?:[A-Z]\.[ \t]?){1,4}[ \t]*")
_GAP_IN_LIST = re.compile(
    r"(?:[ \t]*\([ \t]*\d{1,2}[^()\n]{0,6}\))?(?:[ \t]*,[ \t]*|[ \t]+(?:en|&)[ \t]+)"
)


def _capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and any(char.islower() for char in word[1:])


def _name_at(text: str, position: int) -> int | None:
    """Where a name starting at ``position`` ends: at most four words, a first name,
    particles (van der) and a surname; None when no capitalised word stands there."""
    end, words = None, 0
    while words < 4:
        word = _NAME_WORD.match(text, position)
        if word is None:
            break
        value = word.group()
        if value.lower() in _PARTICLES:
            pass  # "van der": counts only when a capitalised word follows
        elif _capitalised(value) and not (words == 0 and value in _NOT_NAMES):
            end = word.end()
        else:
            break
        words += 1
        position = word.end()
        gap = re.match(r"[ \t]+", text[position : position + 3])
        if gap is None:
            break
        position += gap.end()
    return end


def _names_after_titles(text: str) -> Iterator[Found]:
    why = tr("een woord met een hoofdletter direct na 'cliënt', 'moeder' of iets dergelijks")
    listed = tr("namen na een woord als 'de kinderen' of 'de tweeling'")
    for title in _TITLES.finditer(text):
        start = position = title.end()
        if title.group("address"):  # "dhr. P. de Vries": initials belong to the name
            initials = _INITIALS.match(text, position)
            position = initials.end() if initials else position
        end = _name_at(text, position)
        if end is None:
            continue
        names = 1
        while title.group("group") and names < 8:  # "Sem, Mila en Lotte"
            gap = _GAP_IN_LIST.match(text, end)
            following = _name_at(text, gap.end()) if gap else None
            if following is None:
                break
            end, names = following, names + 1
        yield start, end, listed if names > 1 else why


# Initials before a surname without a form of address: "J. van Dam", "A.B. Jansen". A
# single letter after a word is a label, not an initial ("casus C. Daarna", "cliënt B.
# Moeder is akkoord"), unless a particle follows it ("belde J. van Dam").
_INITIALS_NAME = re.compile(
    r"(?=[A-Z]\.)(?<![\w.])(?P<initials>(?:[A-Z]\.[ \t]?){1,4})[ \t]*"
    r"(?P<particle>(?:(?:van|de|der|den|ter|ten|el|al|da|di|le|la)[ \t]+){0,3})"
    r"(?P<surname>[^\W\d_][\w'’-]*)"
)
_WORD_RIGHT_BEFORE = re.compile(r"\w[ \t]$")


def _names_after_initials(text: str) -> Iterator[Found]:
    why = tr("voorletters met een achternaam")
    for match in _INITIALS_NAME.finditer(text):
        surname = match.group("surname")
        if not _capitalised(surname) or surname in _NOT_NAMES:
            continue
        single = match.group("initials").count(".") == 1
        after_word = _WORD_RIGHT_BEFORE.search(text, max(0, match.start() - 2), match.start())
        if single and after_word and not match.group("particle"):
            continue
        yield *match.span(), why


# A name with an age beside it: "Noah (7)", "(Sanne, 9)", "Lotte, 15 jaar". Found from
# the age (rare in a text) back to the word before it, never from every word.
_AGE_AFTER_NAME = re.compile(
    r"[ \t]*\([ \t]*\d{1,2}(?:[ \t]*(?:jaar|jr\.?|j\.?))?[ \t]*\)|,[ \t]*\d{1,2}[ \t]*(?:jaar|jr)\b"
)
_NAME_AND_AGE_IN_BRACKETS = re.compile(
    r"\((?P<name>[^\W\d_][\w'’-]+),[ \t]*\d{1,2}(?:[ \t]*(?:jaar|jr\.?|j\.?))?\)"
)
# "Team Noord (12)": a number beside the name of a team or a place is no age.
_UNIT_BEFORE = re.compile(r"(?i:team|groep|afdeling|regio|wijk|locatie|school|gemeente)[ \t]+\Z")
# The word right before a place, looked for in a short stretch before it.
_LAST_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]+\Z")
_LOOK_BACK = 40


def _word_before(text: str, place: int) -> tuple[int, str] | None:
    found = _LAST_WORD.search(text, max(0, place - _LOOK_BACK), place)
    return (found.start(), found.group()) if found else None


def _a_name(word: str) -> bool:
    return (
        _capitalised(word)
        and word not in _NOT_NAMES
        and word not in _NUMBERED_THINGS
        and not _RELATIVE_WORD.fullmatch(word)
    )


def _names_with_age(text: str) -> Iterator[Found]:
    why = tr("een naam met een leeftijd erbij")
    for age in _AGE_AFTER_NAME.finditer(text):
        before = _word_before(text, age.start())
        if (
            before
            and _a_name(before[1])
            and not _UNIT_BEFORE.search(text, max(0, before[0] - 20), before[0])
        ):
            yield before[0], age.start(), why
    for match in _NAME_AND_AGE_IN_BRACKETS.finditer(text):
        if _a_name(match.group("name")):
            yield *match.span("name"), why


def _names_with_role(text: str) -> Iterator[Found]:
    why = tr("een naam met 'moeder', 'cliënt' of iets dergelijks erachter tussen haakjes")
    for role in _ROLE_AFTER_NAME.finditer(text):
        before = _word_before(text, role.start())
        if before and _a_name(before[1]):
            yield before[0], role.start(), why


_RELATIVE_WORD = re.compile(rf"(?i:{_FORMS_OF_ADDRESS}|{_GROUPS}|{_RELATIVES})")
# "Fatima (moeder)", "Kevin (cliënt)": a name with its role in brackets after it.
_ROLE_AFTER_NAME = re.compile(rf"[ \t]*\((?i:{_GROUPS}|{_RELATIVES})\)")


# A name as the owner of a relative: "Daans moeder", "Fatima's zoon", "Daan zijn vader".
# Found from the relative back to the words before it.
_OWNED_RELATIVE = re.compile(
    r"\b(?=[mMvVzZdDbBoOkK])(?i:moeder|vader|zoon|dochter|broer|zus|oma|opa|kind|ouders)\b"
)
_OWNER_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<name>[^\W\d_][\w'’-]+)[ \t]+"
    r"(?P<pronoun>(?:en[ \t]+)?(?:zijn|haar)[ \t]+)?\Z"
)
_NO_OWNER = {
    "Als", "Ons", "Dus", "Volgens", "Tijdens", "Sinds", "Ondanks", "Eens", "Alles", "Iets",
    "Niets", "Was", "Is", "Des", "Plus", "Thuis", "Elders", "Anders", "Hoeveel",
}  # fmt: skip


def _names_before_relatives(text: str) -> Iterator[Found]:
    why = tr("een naam direct voor 'moeder', 'zoon' of iets dergelijks ('Daans moeder')")
    for relative in _OWNED_RELATIVE.finditer(text):
        owner = _OWNER_BEFORE.search(text, max(0, relative.start() - _LOOK_BACK), relative.start())
        if owner is None:
            continue
        name = owner.group("name")
        if not _a_name(name) or name in _NO_OWNER:
            continue
        if owner.group("pronoun") or name.endswith(("'s", "’s", "s")):
            yield *owner.span("name"), why


def _client_name_hits(text: str) -> Iterator[Found]:
    yield from _names_after_titles(text)
    yield from _names_after_initials(text)
    yield from _names_with_age(text)
    yield from _names_with_role(text)
    yield from _names_before_relatives(text)


# --- scanning --------------------------------------------------------------------


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    snippet = (
        ("…" if start > CONTEXT_CHARS else "")
        + before
        + text[start:end]
        + after
        + ("…" if end + CONTEXT_CHARS < len(text) else "")
    )
    return " ".join(snippet.split())


def scan(text: str, blocked_names: Sequence[str] = (), today: date | None = None) -> list[Hit]:
    """Everything in ``text`` that looks like client data, in text order. Where two
    kinds claim the same characters, the first kind in HitKind's order wins."""
    today = today or date.today()
    address_word = _WordsBefore(_ADDRESS_WORD, text)  # made when first asked, then shared
    # One mark per character taken: checking a hit costs its own length, so the whole
    # scan stays linear however many hits there are. The finders run one after the other.
    taken = bytearray(len(text))
    finders: list[tuple[HitKind, Iterable[Found]]] = [
        (HitKind.IBAN, _iban_hits(text)),
        (HitKind.PHONE, _phone_hits(text)),
        (HitKind.BSN, _bsn_hits(text, taken)),
        (HitKind.EMAIL, _email_hits(text)),
        (HitKind.ADDRESS, _address_hits(text, address_word)),
        (HitKind.POSTCODE, _postcode_hits(text, address_word)),
        (HitKind.BIRTH_DATE, _birth_date_hits(text, today)),
        (HitKind.NAME, _name_hits(text, blocked_names)),
        (HitKind.CLIENT_NAME, _client_name_hits(text)),
    ]
    hits = []
    for kind, found in finders:
        for start, end, why in found:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            hits.append(Hit(kind, start, end, text[start:end], _context(text, start, end), why))
    return sorted(hits, key=lambda hit: hit.start)


# --- in the database -------------------------------------------------------------

# The free texts of a session: (table, text column, label for the coach).
SESSION_TEXTS = (
    ("notes", "text", N_("notitie")),
    ("actions", "what", N_("actie")),
    ("findings", "text", N_("bevinding")),
    ("measures", "what", N_("maatregel")),
    ("measures", "owner", N_("eigenaar van een maatregel")),
    ("action_reviews", "learned", N_("terugblik")),
    ("development_questions", "question", N_("ontwikkelvraag")),
    ("questions", "text", N_("vraag")),
    ("themes", "text", N_("thema")),  # m013: a reviewteam's themes over several cases
)


@dataclass(frozen=True)
class SessionHit:
    """A hit inside one field of one record of a session."""

    table: str
    row_id: str
    column: str
    step_key: str  # the step the text belongs to ('' when it has none)
    where: str  # what the text is, in Dutch: notitie, actie...
    hit: Hit


# What leaves the app in the team report and in the actions CSV, besides summaries.
TEAM_REPORT_TEXTS = (
    ("actions", "what", "actie"),
    ("action_reviews", "learned", "terugblik"),
    ("development_questions", "question", "ontwikkelvraag"),
)
# The actions CSV also lists the reviewteams' measures (not their findings' text).
ACTIONS_EXPORT_TEXTS = (
    *TEAM_REPORT_TEXTS[:2],
    ("measures", "what", N_("maatregel")),
    ("measures", "owner", N_("eigenaar van een maatregel")),
)
_OF_TEAM = "session_id IN (SELECT id FROM sessions WHERE team_id = ?)"


def _scan_texts(
    db: Database,
    texts: Sequence[tuple[str, str, str]],
    where: str,
    params: Sequence[object],
    blocked_names: Sequence[str] | None,
    today: date | None,
) -> list[SessionHit]:
    """Scan the given text columns of the rows whose session matches ``where``."""
    names = blocked_names_of(db) if blocked_names is None else blocked_names
    found = []
    for table, column, label in texts:
        if not db[table].exists():
            continue
        step = "step_key" if "step_key" in db[table].columns_dict else "''"
        for row_id, step_key, text in db.execute(
            f"SELECT id, {step}, {column} FROM {table} WHERE {where} ORDER BY rowid", list(params)
        ).fetchall():
            found += [
                SessionHit(table, row_id, column, step_key, tr(label), hit)
                for hit in scan(text or "", names, today)
            ]
    return found


def scan_session(
    db: Database,
    session_id: str,
    blocked_names: Sequence[str] | None = None,
    today: date | None = None,
) -> list[SessionHit]:
    """Scan every free text of a session. ``blocked_names`` defaults to the stored list."""
    return _scan_texts(db, SESSION_TEXTS, "session_id = ?", [session_id], blocked_names, today)


def scan_team_report(
    db: Database,
    team_id: str,
    blocked_names: Sequence[str] | None = None,
    today: date | None = None,
) -> list[SessionHit]:
    """Scan what the team report prints: actions, what was learned, development questions."""
    return _scan_texts(db, TEAM_REPORT_TEXTS, _OF_TEAM, [team_id], blocked_names, today)


def scan_actions_export(
    db: Database,
    team_id: str | None,
    blocked_names: Sequence[str] | None = None,
    today: date | None = None,
) -> list[SessionHit]:
    """Scan what the actions CSV holds: the actions and their look-back texts, and the
    improvement measures, of one team or of all teams."""
    if team_id is None:
        return _scan_texts(db, ACTIONS_EXPORT_TEXTS, "1", [], blocked_names, today)
    return _scan_texts(db, ACTIONS_EXPORT_TEXTS, _OF_TEAM, [team_id], blocked_names, today)


def scan_team_archive(
    db: Database,
    team_id: str,
    blocked_names: Sequence[str] | None = None,
    today: date | None = None,
) -> list[SessionHit]:
    """Scan what a team archive holds: every free text of every session of the team."""
    return _scan_texts(db, SESSION_TEXTS, _OF_TEAM, [team_id], blocked_names, today)


def replace_hit(db: Database, found: SessionHit, pseudonym: str) -> str:
    """Replace one hit by ``pseudonym`` where it stands, in one transaction; returns the
    new text. Refused when the text changed since the scan (scan again)."""
    cleaned = " ".join(pseudonym.split())
    if not cleaned:
        raise InputError(tr("Geef een vervangende tekst op, bijvoorbeeld 'cliënt A'."))
    table, column, hit = found.table, found.column, found.hit
    with db.atomic():
        row = db.execute(f"SELECT {column} FROM {table} WHERE id = ?", [found.row_id]).fetchone()
        if row is None or row[0][hit.start : hit.end] != hit.text:
            raise InputError(
                tr("De tekst is gewijzigd sinds de controle. Controleer opnieuw en vervang dan.")
            )
        new = str(row[0][: hit.start] + cleaned + row[0][hit.end :])
        db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [new, found.row_id])
        if "updated_at" in db.table(table).columns_dict:
            db.execute(f"UPDATE {table} SET updated_at = ? WHERE id = ?", [now_iso(), found.row_id])
    return str(new)


def blocked_names_of(db: Database) -> list[str]:
    """The coach's personal "niet vastleggen" list."""
    return settings.read(db, settings.BLOCKED_NAMES)


def set_blocked_names(db: Database, names: Iterable[str]) -> list[str]:
    """Store the list: trimmed, empty lines and duplicates (ignoring case) left out."""
    cleaned: dict[str, str] = {}
    for name in names:
        tidy = " ".join(name.split())
        if tidy:
            cleaned.setdefault(fold(tidy), tidy)
    result = list(cleaned.values())
    settings.write(db, settings.BLOCKED_NAMES, result)
    return result


# The name the brief asks for; ``blocked_names_of`` reads better beside the parameter.
blocked_names = blocked_names_of
