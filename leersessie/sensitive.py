"""The sensitive-data check: text that looks like client data in a session's notes.

It warns and never blocks: every hit comes with its context, and the coach can
replace it by a pseudonym in one step (``replace_hit``). What counts as a hit:

- BSN: nine digits (also written 1234.56.782 or 123 456 782) that pass the elfproef
  (9a+8b+7c+6d+5e+4f+3g+2h-1i divisible by 11), and not 000000000;
- Dutch phone numbers: mobile (06-12345678, +31 6 1234 5678, 0031 6...), landlines
  with a 2- or 3-digit area code (020-1234567, 010 123 4567, 0111-123456) and
  0800/0900/0906/0909 service numbers;
- e-mail addresses;
- a postcode with a house number (1234 AB 12, 1234AB 12a, or 12, 1234 AB);
- dates of birth. A date is a hit when (a) a birth word stands shortly before it
  (geboren, geb., geboortedatum, geboortedag, GD, DOB) or (b) it is a full date at
  least ``BIRTH_YEARS`` years before today: notes about a meeting are about this year
  or the last two, while a date that many years back is most likely someone's birth
  date (youth care clients are 3 and older when a team discusses them). So
  "op 12-03-2026 spraken we af" does not hit and "12-03-2015" does;
- names on the coach's personal "niet vastleggen" list: whole words, ignoring case
  and accents (Zoë matches ZOE, Jan does not match Janssen).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlite_utils import Database

from leersessie import settings
from leersessie.errors import InputError
from leersessie.i18n import N_, tr
from leersessie.storage import now_iso

BIRTH_YEARS = 3
CONTEXT_CHARS = 30


class HitKind(StrEnum):
    BSN = "bsn"
    PHONE = "telefoon"
    EMAIL = "e-mail"
    POSTCODE = "postcode"
    BIRTH_DATE = "geboortedatum"
    NAME = "naam"

    @property
    def label(self) -> str:
        return {
            HitKind.BSN: tr("BSN"),
            HitKind.PHONE: tr("telefoonnummer"),
            HitKind.EMAIL: tr("e-mailadres"),
            HitKind.POSTCODE: tr("postcode met huisnummer"),
            HitKind.BIRTH_DATE: tr("mogelijk een geboortedatum"),
            HitKind.NAME: tr("naam van uw lijst 'niet vastleggen'"),
        }[self]


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    start: int
    end: int
    text: str  # the matched text, exactly as in the source
    context: str  # a snippet around it, on one line


# --- BSN -------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\d.\-/])(?:\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})"
    r"(?![\d\-/]|[.,]\d)"
)


def elfproef(digits: str) -> bool:
    """The BSN check: 9a+8b+7c+6d+5e+4f+3g+2h-1i is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _bsn_hits(text: str) -> Iterable[tuple[int, int]]:
    for match in _BSN.finditer(text):
        if elfproef(re.sub(r"\D", "", match.group())):
            yield match.span()


# --- phone -----------------------------------------------------------------------

# A run that starts like a Dutch number: +31, 0031 or 0, then digits with single
# spaces, dashes, dots or an "(0)" between them. Whether it is one is decided on the digits.
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:\s?\(0\))?(?:[\s\-./]?\d){7,10}(?![\d])")
_SERVICE = ("0800", "0900", "0906", "0909")


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and candidate.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    if digits.startswith(_SERVICE):
        return len(digits) in (8, 11)
    return len(digits) == 10 and digits[1] != "0"


def _phone_hits(text: str) -> Iterable[tuple[int, int]]:
    for match in _PHONE.finditer(text):
        candidate = match.group()
        # The run may have taken the start of the next number ("06-12345678 0201..."):
        # also try it cut back at each separator, never in the middle of digits.
        cuts = [len(candidate)] + [
            i for i in range(len(candidate) - 1, 0, -1) if candidate[i] in " -./\t"
        ]
        for cut in cuts:
            part = candidate[:cut].rstrip(" -./\t")
            if _is_phone(part) and not _looks_like_date(part):
                yield match.start(), match.start() + len(part)
                break


def _looks_like_date(candidate: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}", candidate.strip()))


# --- e-mail and postcode ---------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Postcodes have no SA, SD or SS. Letters in capitals when spaced ("in 2024 de 3
# teams" is no address); attached letters may be small ("1234ab 12").
_PC = r"[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})"
_HOUSE = r"\d{1,5}(?:[ -]?[a-zA-Z](?![a-zA-Z]))?"
_POSTCODE = re.compile(rf"(?<![\w])(?:{_PC},?\s{_HOUSE}|{_HOUSE},?\s{_PC})(?![\w])")


def _pattern_hits(pattern: re.Pattern[str], text: str) -> Iterable[tuple[int, int]]:
    return (match.span() for match in pattern.finditer(text))


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
_DATE = re.compile(
    rf"(?<![\d\w])(?:(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}|\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<mw>{_MONTH_WORDS})\.?\s+(?P<y2>\d{{4}}))(?![\d])",
    re.IGNORECASE,
)
# A birth word shortly before the date (up to 25 characters, e.g. "geboren op").
_BIRTH_WORD = re.compile(
    r"(?:\bgeboren\b|\bgeb\b\.?|\bgeboortedatum\b|\bgeboortedag\b"
    r"|\bDOB\b|(?-i:\bGD\b)|\bg\.d\.)[^\n]{0,25}$",
    re.IGNORECASE,
)


def _parse_date(match: re.Match[str], today: date) -> date | None:
    if match.group("d"):
        day, month, year = int(match.group("d")), int(match.group("m")), match.group("y")
    else:
        day, month = int(match.group("d2")), _MONTHS[match.group("mw").lower()]
        year = match.group("y2")
    full_year = int(year)
    if len(year) == 2:  # 15 -> 2015, 85 -> 1985: the century that is not in the future
        full_year += 2000 if full_year <= today.year % 100 else 1900
    try:
        return date(full_year, month, day)
    except ValueError:
        return None


def _birth_date_hits(text: str, today: date) -> Iterable[tuple[int, int]]:
    for match in _DATE.finditer(text):
        found = _parse_date(match, today)
        if found is None or found > today:
            continue
        near_word = _BIRTH_WORD.search(text[max(0, match.start() - 40) : match.start()])
        old_enough = found.year <= today.year - BIRTH_YEARS and found.year > today.year - 110
        if near_word or old_enough:
            yield match.span()


# --- names -----------------------------------------------------------------------


def _fold(text: str) -> tuple[str, list[int]]:
    """Text without accents and case, with for each folded character its index in
    the original, so a match in the folded text maps back exactly."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        ).casefold()
        folded.append(base)
        origin.extend([index] * len(base))
    return "".join(folded), origin


def _name_hits(text: str, names: Sequence[str]) -> Iterable[tuple[int, int]]:
    folded, origin = _fold(text)
    for name in names:
        words = _fold(name)[0].split()
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        for match in pattern.finditer(folded):
            yield origin[match.start()], origin[match.end() - 1] + 1


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
    spans: list[tuple[HitKind, tuple[int, int]]] = []
    spans += [(HitKind.BSN, span) for span in _bsn_hits(text)]
    spans += [(HitKind.PHONE, span) for span in _phone_hits(text)]
    spans += [(HitKind.EMAIL, span) for span in _pattern_hits(_EMAIL, text)]
    spans += [(HitKind.POSTCODE, span) for span in _pattern_hits(_POSTCODE, text)]
    spans += [(HitKind.BIRTH_DATE, span) for span in _birth_date_hits(text, today)]
    spans += [(HitKind.NAME, span) for span in _name_hits(text, blocked_names)]
    taken: list[tuple[int, int]] = []
    hits = []
    for kind, (start, end) in spans:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        hits.append(Hit(kind, start, end, text[start:end], _context(text, start, end)))
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
ACTIONS_EXPORT_TEXTS = TEAM_REPORT_TEXTS[:2]
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
    """Scan what the actions CSV holds: the actions and their look-back texts, of one team
    or of all teams."""
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
        new = row[0][: hit.start] + cleaned + row[0][hit.end :]
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
            cleaned.setdefault(_fold(tidy)[0], tidy)
    result = list(cleaned.values())
    settings.write(db, settings.BLOCKED_NAMES, result)
    return result


# The name the brief asks for; ``blocked_names_of`` reads better beside the parameter.
blocked_names = blocked_names_of
