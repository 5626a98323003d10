"""The coach's replacements (a client's name replaced by "cliënt A"), remembered so an
import cannot bring the replaced text back.

A colleague's later edit of a note still holds the name the coach replaced here; the
merge would put it back. So every replacement is remembered, and text coming in by
import gets the same replacements, and the names on the "niet vastleggen" list (which
are replaced by ``BLOCKED_NAME``).

What is remembered is never the replaced text itself (it is what the coach wanted out
of every file): a SHA-256 of it, folded (no case or accents) and with its words joined
by one space, beside the number of words and the pseudonym. Incoming text is matched
by hashing each run of that many words. A hash of a name can be guessed back from a
list of names; it keeps the name out of a plain look at the file, not out of such a
search.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from leersessie.base.i18n import tr
from leersessie.privacy.client_data import blocked_names_of, fold, name_spans
from leersessie.store import settings

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>.,;:!?"


def blocked_name_replacement() -> str:
    """What a name on the "niet vastleggen" list becomes in text that comes in."""
    return tr("[verwijderd]")


def _digest(words: Sequence[str]) -> str:
    joined = " ".join(fold(word) for word in words)
    return hashlib.sha256(f"leersessie-vervangen:{joined}".encode()).hexdigest()


def _trimmed(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION)


def remember_replacement(db: Database, original: str, pseudonym: str) -> None:
    """Remember that ``original`` was replaced by ``pseudonym`` (its hash only)."""
    words = [_trimmed(word) for word in original.split()]
    words = [word for word in words if word]
    cleaned = " ".join(pseudonym.split())
    if not words or not cleaned or fold(" ".join(words)) == fold(cleaned):
        return
    remembered = settings.read(db, settings.REPLACEMENTS)
    remembered[f"{len(words)}:{_digest(words)}"] = cleaned
    settings.write(db, settings.REPLACEMENTS, remembered)


@dataclass(frozen=True)
class Cleaner:
    """The installation's replacements and "niet vastleggen" names, applied to a text."""

    replacements: dict[str, str]  # "<words>:<hash>" -> pseudonym
    blocked: Sequence[str]

    @property
    def active(self) -> bool:
        return bool(self.replacements or self.blocked)

    def clean(self, text: str) -> tuple[str, int]:
        """``text`` with every remembered text and blocked name replaced, and how many
        replacements that made."""
        if not self.active or not text:
            return text, 0
        text, count = self._replace_remembered(text)
        spans = sorted(name_spans(text, self.blocked), reverse=True)
        for start, end in spans:
            text = text[:start] + blocked_name_replacement() + text[end:]
        return text, count + len(spans)

    def _replace_remembered(self, text: str) -> tuple[str, int]:
        lengths = sorted({int(key.split(":", 1)[0]) for key in self.replacements}, reverse=True)
        if not lengths:
            return text, 0
        words = list(_WORD.finditer(text))
        found: list[tuple[int, int, str]] = []
        index = 0
        while index < len(words):
            for length in lengths:
                run = words[index : index + length]
                if len(run) < length:
                    continue
                trimmed = [_trimmed(match.group()) for match in run]
                pseudonym = self.replacements.get(f"{length}:{_digest(trimmed)}")
                if pseudonym is not None:
                    found.append((*_span_without_edges(run[0], run[-1]), pseudonym))
                    index += length - 1
                    break
            index += 1
        for start, end, pseudonym in reversed(found):
            text = text[:start] + pseudonym + text[end:]
        return text, len(found)


def _span_without_edges(first: re.Match[str], last: re.Match[str]) -> tuple[int, int]:
    """The words' span without the punctuation around them ("(Jan," -> "Jan")."""
    leading = len(first.group()) - len(first.group().lstrip(_EDGE_PUNCTUATION))
    trailing = len(last.group()) - len(last.group().rstrip(_EDGE_PUNCTUATION))
    return first.start() + leading, last.end() - trailing


def cleaner_of(db: Database) -> Cleaner:
    return Cleaner(settings.read(db, settings.REPLACEMENTS), blocked_names_of(db))
