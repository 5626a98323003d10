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

from leersessie.dates import from_iso

# Control characters as snippet markers: they cannot be typed in a note, so splitting on
# them is unambiguous, and no HTML ever has to be parsed by the UI.
_START = "\x02"
_END = "\x03"
_SNIPPET_TOKENS = 16
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
    loose word also matches as a prefix, so results appear while typing.
    """
    terms: list[str] = []
    last_is_word = False
    for match in _TERMS.finditer(query):
        phrase, word = match.groups()
        text = phrase if phrase is not None else word
        if not _has_word(text):
            continue
        terms.append(_quoted(text))
        last_is_word = word is not None
    if not terms:
        return None
    if last_is_word:
        terms[-1] += " *"
    return " ".join(terms)


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


def search(db: Database, query: str, limit: int = 50,
           team_id: str | None = None) -> list[SearchHit]:
    """The best matches for ``query``: by relevance (bm25), then newest session first."""
    expression = match_expression(query)
    if expression is None:
        return []
    team_clause = "AND search_index.team_id = ?" if team_id else ""
    params: list[object] = [expression] + ([team_id] if team_id else []) + [int(limit)]
    # First the ranking without snippets (cheap), then snippets for the page only:
    # computing a snippet for every match of a common word would dominate the time.
    rows = list(db.query(
        f"""SELECT search_index.rowid AS rowid, search_index.kind, search_index.record_id,
                   search_index.session_id, search_index.step_key, s.team_id,
                   t.name AS team_name, s.date, v.title
            FROM search_index
            JOIN sessions s ON s.id = search_index.session_id
            JOIN teams t ON t.id = s.team_id
            JOIN template_versions v ON v.id = s.template_version_id
            WHERE search_index MATCH ? {team_clause}
            ORDER BY search_index.rank, s.date DESC, search_index.rowid
            LIMIT ?""", params))
    if not rows:
        return []
    marks = ", ".join("?" for _ in rows)
    snippets = {r["rowid"]: r["snippet"] for r in db.query(
        f"""SELECT rowid, snippet(search_index, 0, ?, ?, '…', {_SNIPPET_TOKENS}) AS snippet
            FROM search_index WHERE search_index MATCH ? AND rowid IN ({marks})""",
        [_START, _END, expression, *(r["rowid"] for r in rows)])}
    return [SearchHit(SearchKind(r["kind"]), r["record_id"], r["session_id"], r["step_key"],
                      r["team_id"], r["team_name"], from_iso(r["date"]), r["title"],
                      snippet_parts(snippets.get(r["rowid"], "")))
            for r in rows]


def purge_search_index(db: Database) -> None:
    """Merge the index so text of deleted records no longer lingers in old FTS segments.

    SQLite 3.40 has no FTS5 secure-delete: a deleted row's words stay in the index b-tree
    until its segments are merged. Called after deleting a session; VACUUM then clears the
    freed pages (secure_delete is on for the connection).
    """
    with db.atomic():
        db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
