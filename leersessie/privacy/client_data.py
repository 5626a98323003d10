"""The sensitive-data check: text that looks like client data in a session's notes.

It warns and never blocks: every hit says what kind it is and why it counts, comes
with its context, and the coach can replace it by a pseudonym in one step
(``replace_hit``). What counts as a hit:

- BSN: nine digits in any grouping (123456782, 1234.56.782, 12 34 56 782, 123-456-782)
  that pass the elfproef (9a+8b+7c+6d+5e+4f+3g+2h-1i divisible by 11); eight digits
  only right after a BSN word, when the leading zero was lost;
- IBAN: a country code, two check digits and the account, compact or in groups of
  four, with check digits that agree (mod 97);
- phone numbers: Dutch mobile, landline and service numbers (06-12345678,
  020 - 123 45 67, +31 (0)6 ..., 0800-1234) and foreign ones after + or 00;
- e-mail addresses, also written with [at], (at) or " at ";
- a postcode (1234 AB, 1234AB, 1234ab), with or without a house number;
- an address: a street name ending in a street word (Kerkstraat, Dorpsweg, ...) and
  a house number;
- a date of birth: a date (12-03-2015, 12 maart 2015, 2015-03-12), a year (2015) or
  a two-digit year ('15) shortly after a birth word (geboren, geb., geboortedatum,
  geboortejaar, DOB, GD). A date without a birth word is no hit, however old: notes
  are full of case dates and law dates;
- a name right after a word for a client or a relative (cliënt, mevrouw, meneer, mw.,
  dhr., moeder, vader, ...) when it is capitalised like a name ("moeder Fatima",
  "mevrouw De Vries"); a single letter ("cliënt A") is a pseudonym, no hit;
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
    # phone number).
    IBAN = "iban"
    PHONE = "telefoon"
    BSN = "bsn"
    EMAIL = "e-mail"
    POSTCODE = "postcode"
    ADDRESS = "adres"
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
    place whether such a word stands shortly before it (no digit or line in between)."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.text = text
        self.ends = [match.end() for match in pattern.finditer(text)]

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
_BSN_WORD = re.compile(r"(?i:\bbsn\b|burgerservicenummer|\bsofi)")


def elfproef(digits: str) -> bool:
    """The BSN check: 9a+8b+7c+6d+5e+4f+3g+2h-1i is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _bsn_hits(text: str) -> Iterator[Found]:
    bsn_word = _WordsBefore(_BSN_WORD, text)
    nine = tr("negen cijfers die de elfproef doorstaan")
    eight = tr("acht cijfers na 'BSN' die met een voorloopnul de elfproef doorstaan")
    for match in _BSN_RUN.finditer(text):
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
_GAP = r"[ \t]{0,2}[-./]?[ \t]{0,2}"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?P<foreign>(?:\+ ?|00)\d{{1,3}}(?: ?\(0\))?(?:{_GAP}\d){{6,12}})"
    rf"|0[89]0[069](?:{_GAP}\d){{4}}(?:(?:{_GAP}\d){{3}})?(?!\d)"
    rf"|0(?:{_GAP}\d){{9}}(?!\d))"
)
_SERVICE = ("0800", "0900", "0906", "0909")
_DATE_LIKE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}")


def _phone_kind(candidate: str, digits: str) -> str | None:
    """What kind of phone number these digits are ("nl", "service", "foreign"), or
    None. ``digits`` leave out an "(0)"."""
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


_PHONE_PUNCTUATION = str.maketrans("", "", " \t-./+")
_NON_DIGITS = re.compile(r"\D")


# --- e-mail ----------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+"
    r"(?P<at>@| ?\[at\] ?| ?\(at\) ?| at )"
    r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


def _email_hits(text: str) -> Iterator[Found]:
    plain, written_out = tr("e-mailadres"), tr("e-mailadres met 'at' in plaats van @")
    for match in _EMAIL.finditer(text):
        yield *match.span(), plain if match.group("at") == "@" else written_out


# --- postcode and address --------------------------------------------------------

# Postcodes have no SA, SD or SS. Capitals may stand apart ("1234 AB") or not; small
# letters attached ("1234ab"), or apart only before a house number and when they are
# no Dutch word ("in 2024 de 3 teams" is no address).
_HOUSE = r"\d{1,5}(?:[ -]?[a-zA-Z](?![a-zA-Z]))?"
_PC_CAPS = r"[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z])"
_PC_SMALL = r"[1-9]\d{3}(?!sa|sd|ss)[a-z]{2}(?![A-Za-z])"
_SMALL_WORDS = "de|en|in|op|of|om|te|is|na|al|nu|zo|ja|ze|we|je|ik|er|uw|an|ad|ex|et"
_PC_SMALL_APART = rf"[1-9]\d{{3}} (?!(?:sa|sd|ss|{_SMALL_WORDS})\b)[a-z]{{2}}(?=,? \d)"
_POSTCODE = re.compile(
    rf"(?<![\w])(?:(?P<before>{_HOUSE}),?\s)?(?:{_PC_CAPS}|{_PC_SMALL}|{_PC_SMALL_APART})"
    rf"(?:,?\s(?P<after>{_HOUSE})(?![\w]))?"
)
_STREET_WORDS = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "steeg",
    "dijk", "park", "plantsoen", "boulevard", "allee", "kanaal", "haven", "veld", "hoek",
    "burcht",
)  # fmt: skip
_NOT_STREETS = re.compile(
    r"(?i)(?:onder|halver|uit|om|over|zij|terug|hoofd|ge)weg|(?:wagen|speel|machine)park"
    r"|(?:kerst|werk|proef|speel|sport|voetbal|zorg|leer)veld|(?:gerechts|binnen)hof"
)
_ADDRESS = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’.-]* ){0,2}(?P<street>[^\W\d_][\w'’-]{3,})"
    r" {1,2}(?P<number>\d{1,5}(?:[ -]?[a-zA-Z](?![\w])|-\d{1,4})?)(?![\w]|[.,]\d)"
)


def _postcode_hits(text: str) -> Iterator[Found]:
    alone, with_number = tr("postcode: vier cijfers, twee letters"), tr("postcode met huisnummer")
    for match in _POSTCODE.finditer(text):
        numbered = match.group("before") or match.group("after")
        yield *match.span(), with_number if numbered else alone


def _address_hits(text: str) -> Iterator[Found]:
    why = tr("straatnaam met huisnummer")
    for match in _ADDRESS.finditer(text):
        street = match.group("street")
        if (
            not street.lower().endswith(_STREET_WORDS)
            or len(street) < 5
            or _NOT_STREETS.fullmatch(street)
        ):
            continue
        yield *match.span(), why


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
# A date (day-month-year, day monthname year, ISO), a four-digit year or a 'yy year.
_DATE = re.compile(
    rf"(?<![\d\w])(?:(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}|['’]?\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<mw>{_MONTH_WORDS})\.?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})"
    rf"|(?P<year>(?:19|20)\d{{2}})|(?P<short>['’‘]\d{{2}}))(?![\d])",
    re.IGNORECASE,
)
# A birth word shortly before the date ("geboren op", "geboortedatum:", "geb. in").
_BIRTH_WORD = re.compile(
    r"\b(?=[gGdD])(?:(?i:geb(?:oren|oorte(?:datum|dag|jaar))?|dob|g\.d|date of birth)|GD)\b\.?"
)


def _year(written: str, today: date) -> int:
    digits = written.lstrip("'’‘")
    full = int(digits)
    if len(digits) == 2:  # 15 -> 2015, 85 -> 1985: the century that is not in the future
        full += 2000 if full <= today.year % 100 else 1900
    return full


def _parse_date(match: re.Match[str], today: date) -> date | None:
    groups = match.groupdict()
    if groups["year"] or groups["short"]:
        return date(_year(groups["year"] or groups["short"], today), 1, 1)
    if groups["d"]:
        day, month, year = int(groups["d"]), int(groups["m"]), _year(groups["y"], today)
    elif groups["d2"]:
        day, month, year = int(groups["d2"]), _MONTHS[groups["mw"].lower()], int(groups["y2"])
    else:
        day, month, year = int(groups["id"]), int(groups["im"]), int(groups["iy"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date_hits(text: str, today: date) -> Iterator[Found]:
    birth_word = _WordsBefore(_BIRTH_WORD, text)
    why = tr("een datum of jaar direct na een woord als 'geboren'")
    for match in _DATE.finditer(text):
        found = _parse_date(match, today)
        if found is None or found > today or found.year <= today.year - 110:
            continue
        if birth_word.near(match.start()):
            yield *match.span(), why


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


# Words for a client or a relative, after which a capitalised word is a name.
_TITLES = re.compile(
    r"\b(?<![-])(?i:cli[eë]nte?|mevrouw|mevr\.|mw\.|meneer|mr\.|dhr\.|de heer|moeder|vader"
    r"|stiefmoeder|stiefvader|pleegmoeder|pleegvader|pleegkind|pleegzoon|pleegdochter"
    r"|zoon(?:tje)?|dochter(?:tje)?|broer(?:tje)?|zus(?:je)?|oma|opa|tante|oom|jongere"
    r"|jeugdige|meisje|jongen|kind|baby|partner|ex-partner|echtgeno(?:ot|te)"
    r"|vriend(?:in)?|buurvrouw|buurman)(?:[ \t]+van(?:[ \t]+(?:de|der|den))?)?[ \t]+"
)
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "da", "di", "le", "la"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_NOT_NAMES = {
    "De", "Het", "Een", "En", "Is", "Heeft", "Had", "Wil", "Was", "Zegt", "Gaat", "Kan",
    "Die", "Dat", "Deze", "Ik", "Wij", "Zij", "Hij", "Ze", "We", "Nog", "Ook", "Niet",
}  # fmt: skip


def _capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and any(char.islower() for char in word[1:])


def _client_name_hits(text: str) -> Iterator[Found]:
    why = tr("een woord met een hoofdletter direct na 'cliënt', 'moeder' of iets dergelijks")
    for title in _TITLES.finditer(text):
        start = end = title.end()
        position, words = start, 0
        # At most four words: a first name, particles (van der) and a surname.
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
        if end > start:
            yield start, end, why


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
    finders: list[tuple[HitKind, Iterable[Found]]] = [
        (HitKind.IBAN, _iban_hits(text)),
        (HitKind.PHONE, _phone_hits(text)),
        (HitKind.BSN, _bsn_hits(text)),
        (HitKind.EMAIL, _email_hits(text)),
        (HitKind.POSTCODE, _postcode_hits(text)),
        (HitKind.ADDRESS, _address_hits(text)),
        (HitKind.BIRTH_DATE, _birth_date_hits(text, today)),
        (HitKind.NAME, _name_hits(text, blocked_names)),
        (HitKind.CLIENT_NAME, _client_name_hits(text)),
    ]
    # One mark per character taken: checking a hit costs its own length, so the whole
    # scan stays linear however many hits there are.
    taken = bytearray(len(text))
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
