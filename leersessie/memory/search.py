"""Full-text search over a team's history: notes, actions, findings, measures and the
"what did we learn" of reviews (SQLite FTS5, kept in step by triggers from migration m002).

People type plain text, never FTS syntax: every word is quoted before it reaches FTS5,
so a stray quote, ``*``, ``-``, ``AND`` or a parenthesis is searched for as text (or
ignored) and can never cause an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso

# Control characters as snippet markers: they cannot be typed in a note, so splitting on
# them is unambiguous, and no HTML ever has to be parsed by the UI.
_START = "\x02"
_END = "\x03"
_SNIPPET_TOKENS = 16
RANK_CANDIDATES = 500
# The shortest prefix the index keeps (m003's prefix = '3 ...'): a shorter one makes FTS5
# merge the lists of every word that starts so, 80 to 380 ms for one typed letter.
PREFIX_MIN_LENGTH = 3
# A "phrase in quotes" or a run of anything that is not whitespace.
_TERMS = re.compile(r'"([^"]*)"|(\S+)')


class SearchKind(StrEnum):
    NOTE = "note"
    ACTION = "action"
    FINDING = "finding"
    MEASURE = "measure"
    REVIEW = "review"


@dataclass(frozen=True)
class SearchHit:
    kind: SearchKind
    record_id: str
    session_id: str
    step_key: str
    team_id: str
    team_name: str
    session_date: date
    template_title: str
    # The snippet as (text, highlighted) pieces: highlighted pieces are matched words.
    snippet_parts: tuple[tuple[str, bool], ...]

    @property
    def snippet(self) -> str:
        return "".join(text for text, _ in self.snippet_parts)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def match_expression(query: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query, or None when nothing is searchable.

    All words must match; "words in double quotes" must appear as a phrase; the last
    loose word of at least PREFIX_MIN_LENGTH characters also matches as a prefix, so
    results appear while typing.
    """
    terms: list[str] = []
    last_is_word = False
    last_text = ""
    for match in _TERMS.finditer(query):
        phrase, word = match.groups()
        text = phrase if phrase is not None else word
        if not _has_word(text):
            continue
        terms.append(_quoted(text))
        last_is_word = word is not None
        last_text = text
    if not terms:
        return None
    if last_is_word and len(last_text) >= PREFIX_MIN_LENGTH:
        terms[-1] += " *"
    return " ".join(terms)


def last_word_too_short_for_prefix(query: str) -> bool:
    """True when the last word typed is searched whole only, being too short for a prefix."""
    expression = match_expression(query)
    last = query.split()[-1] if query.split() else ""
    return expression is not None and not expression.endswith("*") and not last.endswith('"')


def snippet_parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split a marked snippet into (text, highlighted) pieces, dropping empty ones."""
    parts: list[tuple[str, bool]] = []
    for chunk_index, chunk in enumerate(snippet.split(_START)):
        if chunk_index == 0:
            pieces = [(chunk, False)]
        else:
            marked, _, rest = chunk.partition(_END)
            pieces = [(marked, True), (rest, False)]
        parts.extend(piece for piece in pieces if piece[0])
    return tuple(parts)


def search(db: Database, query: str, limit: int = 50) -> list[SearchHit]:
    """The best matches for ``query``: by relevance (bm25), then newest session first.

    Relevance is computed over the most recently written ``RANK_CANDIDATES`` matches only:
    bm25 over every match of a common word (50,000 in a big database) costs far more than
    the 20 ms a search may take, and for such a word the recent matches matter most.
    """
    expression = match_expression(query)
    if expression is None:
        return []
    oldest = db.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [expression, max(RANK_CANDIDATES, limit) - 1],
    ).fetchone()
    # FTS5 sorts by rank itself and makes snippets only for the rows it returns.
    matches = db.execute(
        f"""SELECT kind, record_id, session_id, step_key, rank,
                   snippet(search_index, 0, ?, ?, '…', {_SNIPPET_TOKENS})
            FROM search_index WHERE search_index MATCH ? AND rowid >= ?
            ORDER BY rank LIMIT ?""",
        [_START, _END, expression, oldest[0] if oldest else 0, int(limit)],
    ).fetchall()
    if not matches:
        return []
    session_ids = sorted({m[2] for m in matches})
    marks = ", ".join("?" for _ in session_ids)
    sessions = {
        r[0]: r[1:]
        for r in db.execute(
            f"""SELECT s.id, s.team_id, t.name, s.date, v.title FROM sessions s
            JOIN teams t ON t.id = s.team_id
            JOIN template_versions v ON v.id = s.template_version_id
            WHERE s.id IN ({marks})""",
            session_ids,
        ).fetchall()
    }
    ranked = []
    for kind, record_id, session_id, step_key, rank, snippet in matches:
        team, team_name, day, title = sessions[session_id]
        ranked.append(
            (
                rank,
                SearchHit(
                    SearchKind(kind),
                    record_id,
                    session_id,
                    step_key,
                    team,
                    team_name,
                    day_from_iso(day),
                    title,
                    snippet_parts(snippet),
                ),
            )
        )
    # bm25 first (lower is better), then the newest session among equally good matches.
    ranked.sort(key=lambda pair: (pair[0], -pair[1].session_date.toordinal()))
    return [hit for _, hit in ranked]
