"""The SQLite store: opening it safely, its schema and its migrations.

Opening never changes a file it should not: a damaged file, a file that is not a
database, or a database from a newer Leersessie is refused before anything is
written, so the file stays byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leersessie.encryption import (
    MARKER_NAME,
    SQLITE_DATABASE_ERRORS,
    SQLITE_ERRORS,
    SQLITE_HEADER,
    SQLITE_OPERATIONAL_ERRORS,
    PassphraseRequired,
    is_encrypted_file,
    key_for,
    open_sqlite,
)
from leersessie.errors import DatabaseError, held_by_another_program, is_disk_full
from leersessie.i18n import tr
from leersessie.paths import make_private

MIGRATION_SET = "leersessie"
# How long a write waits for another program's lock before the user is told.
BUSY_SECONDS = 4  # the user hears within 5 s, start-up included
migrations = Migrations(MIGRATION_SET)


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@migrations()
def m001_initial_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX people_team ON people(team_id);

        -- Every template text a session ran with, so an edited file never
        -- changes how an old session displays.
        CREATE TABLE template_versions (
            id TEXT PRIMARY KEY,
            template_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            source_text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            template_version_id TEXT NOT NULL REFERENCES template_versions(id),
            template_id TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            date TEXT NOT NULL,
            facilitator TEXT NOT NULL DEFAULT '',
            casusinbrenger_id TEXT REFERENCES people(id) ON DELETE SET NULL,
            linked_session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
            current_step TEXT NOT NULL DEFAULT '',
            -- 1 when the session opened with a look back on the team's open actions
            has_lookback INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX sessions_team_date ON sessions(team_id, date);
        CREATE INDEX sessions_linked ON sessions(linked_session_id);

        CREATE TABLE attendance (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (session_id, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX attendance_person ON attendance(person_id);

        CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, step_key)
        );

        CREATE TABLE actions (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            what TEXT NOT NULL CHECK (length(trim(what)) > 0),
            owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
            due_date TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX actions_team_status ON actions(team_id, status);
        CREATE INDEX actions_session ON actions(session_id);
        CREATE INDEX actions_owner ON actions(owner_id);

        -- Plan-do-check-act: each look back on an action in a later session.
        CREATE TABLE action_reviews (
            id TEXT PRIMARY KEY,
            action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'continued', 'dropped')),
            learned TEXT NOT NULL DEFAULT '',
            new_due_date TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (action_id, session_id)
        );
        CREATE INDEX action_reviews_session ON action_reviews(session_id);

        CREATE TABLE findings (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX findings_session ON findings(session_id);

        CREATE TABLE measures (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
            what TEXT NOT NULL CHECK (length(trim(what)) > 0),
            owner TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL CHECK (level IN ('team', 'organisatie', 'systeem')),
            due_date TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX measures_session ON measures(session_id);
        CREATE INDEX measures_finding ON measures(finding_id);

        CREATE TABLE ratings (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            item_key TEXT NOT NULL,
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            UNIQUE (session_id, step_key, item_key)
        );

        -- The development question a casusinbrenger brings stays with that person.
        CREATE TABLE development_questions (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (session_id, person_id)
        );
        CREATE INDEX development_questions_person ON development_questions(person_id);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


# What each searchable table contributes to the search index: its kind, the text, the
# step it belongs to and how to find its team (the session id column of that table).
_SEARCHABLE = (
    # table, kind, text column, step key expression, session id column
    ("notes", "note", "text", "new.step_key", "session_id"),
    ("actions", "action", "what", "new.step_key", "session_id"),
    ("findings", "finding", "text", "new.step_key", "session_id"),
    (
        "measures",
        "measure",
        "what",
        "(SELECT step_key FROM findings WHERE id = new.finding_id)",
        "session_id",
    ),
    ("action_reviews", "review", "learned", "'terugblik'", "session_id"),
)


def _search_triggers(table: str, kind: str, text: str, step: str, session: str) -> str:
    """Triggers that keep ``search_index`` in step with one table.

    The FTS rows are found again through ``search_rows`` (an ordinary table with an index)
    because deleting from an FTS5 table by an UNINDEXED column scans the whole index,
    far too slow for the typing path that saves a note every second.
    """
    insert = f"""
        INSERT INTO search_rows (kind, record_id) SELECT '{kind}', new.id
            WHERE trim(new.{text}) != '';
        INSERT INTO search_index (rowid, body, kind, record_id, session_id, step_key, team_id)
            SELECT r.id, new.{text}, '{kind}', new.id, new.{session}, {step},
                   (SELECT team_id FROM sessions WHERE id = new.{session})
            FROM search_rows r WHERE r.record_id = new.id AND r.kind = '{kind}';"""
    delete = f"""
        DELETE FROM search_index WHERE rowid =
            (SELECT id FROM search_rows WHERE record_id = old.id AND kind = '{kind}');
        DELETE FROM search_rows WHERE record_id = old.id AND kind = '{kind}';"""
    return f"""
        CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert} END;
        CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END;
        CREATE TRIGGER search_{table}_update AFTER UPDATE OF {text} ON {table}
        BEGIN {delete.replace("old.id", "new.id")} {insert} END;
    """


@migrations()
def m002_search_index(db: Database) -> None:
    """Full-text search over notes, actions, findings, measures and reviews, plus the
    indexes the actions overview and the team page page through.

    A regular FTS5 table (not external content): the source tables have TEXT ids and
    implicit rowids that VACUUM may renumber, so the index keeps its own copy of the text.
    ``remove_diacritics 2`` lets "coordinatie" find "coördinatie" and the other way round.
    """
    script = """
        CREATE VIRTUAL TABLE search_index USING fts5(
            body, kind UNINDEXED, record_id UNINDEXED, session_id UNINDEXED,
            step_key UNINDEXED, team_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE search_rows (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            UNIQUE (record_id, kind)
        );
        -- The actions overview: overdue first, then by due date, per status or team.
        CREATE INDEX actions_status_due ON actions(status, due_date);
        CREATE INDEX actions_due ON actions(due_date, created_at);
        CREATE INDEX actions_team_status_due ON actions(team_id, status, due_date);
        CREATE INDEX action_reviews_action ON action_reviews(action_id);
        CREATE INDEX sessions_team_template ON sessions(team_id, template_id);
    """
    for table, kind, text, step, session in _SEARCHABLE:
        script += _search_triggers(table, kind, text, step, session)
        # Fill the index from what is already there, through the same trigger logic.
        script += f"""
            INSERT INTO search_rows (kind, record_id)
                SELECT '{kind}', id FROM {table} WHERE trim({text}) != '';
            INSERT INTO search_index (rowid, body, kind, record_id, session_id, step_key,
                                      team_id)
                SELECT r.id, new.{text}, '{kind}', new.id, new.{session}, {step},
                       (SELECT team_id FROM sessions WHERE id = new.{session})
                FROM {table} new JOIN search_rows r ON r.record_id = new.id
                                                   AND r.kind = '{kind}';
        """
    db.executescript(script)


@migrations()
def m003_search_prefix_index(db: Database) -> None:
    """Prefix indexes (3 to 8 letters) for the search index.

    Search as you type matches the last word as a prefix ("gezin" also finds
    "gezinnen"); without a prefix index FTS5 merges the lists of every word that starts
    so, which made a common word take 20 to 30 ms on 10,000 sessions (the bar is 20).
    The index grows about fourfold (11 to 43 MB there); saving a note stays under a
    millisecond. The rows keep their rowids, so search_rows still points at them.
    """
    db.execute("""
        CREATE VIRTUAL TABLE search_index_prefixed USING fts5(
            body, kind UNINDEXED, record_id UNINDEXED, session_id UNINDEXED,
            step_key UNINDEXED, team_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8')""")
    db.execute("""
        INSERT INTO search_index_prefixed (rowid, body, kind, record_id, session_id, step_key,
                                           team_id)
        SELECT rowid, body, kind, record_id, session_id, step_key, team_id FROM search_index""")
    db.execute("DROP TABLE search_index")
    # The triggers name search_index and resolve it when they run; a modern RENAME would
    # try to rewrite them and fail on the table that is gone for a moment.
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE search_index_prefixed RENAME TO search_index")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")


# m004: what the search index reads its text and columns from, one arm per searchable
# table, by the row number search_rows gives each record.
def _search_source_arm(table: str, kind: str, text: str, step: str, session: str) -> str:
    step = step.replace("new.", "t.")
    return f"""
        SELECT r.id AS id, t.{text} AS body, '{kind}' AS kind, t.id AS record_id,
               t.{session} AS session_id, {step} AS step_key
        FROM search_rows r JOIN {table} t ON t.id = r.record_id WHERE r.kind = '{kind}'"""


def _external_search_triggers(table: str, kind: str, text: str) -> str:
    """Triggers for an external-content index: it keeps no text of its own, so a row is
    taken out with the 'delete' command and the exact text it was indexed with."""
    insert = f"""
        INSERT INTO search_rows (kind, record_id) SELECT '{kind}', new.id
            WHERE trim(new.{text}) != '';
        INSERT INTO search_index (rowid, body)
            SELECT r.id, new.{text} FROM search_rows r
            WHERE r.record_id = new.id AND r.kind = '{kind}';"""
    delete = f"""
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', r.id, old.{text} FROM search_rows r
            WHERE r.record_id = old.id AND r.kind = '{kind}';
        DELETE FROM search_rows WHERE record_id = old.id AND kind = '{kind}';"""
    return f"""
        CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert} END;
        CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete} END;
        CREATE TRIGGER search_{table}_update AFTER UPDATE OF {text} ON {table}
        BEGIN {delete} {insert} END;
    """


@migrations()
def m004_search_external_content(db: Database) -> None:
    """The search index without a second copy of every text: an external-content FTS5
    table that reads its text from the notes, actions, findings, measures and reviews
    themselves (through the view search_source), about a fifth of the database.

    The index and its prefix indexes are rebuilt from the same texts, so every search
    finds what it found before; search_rows keeps numbering the records. Deleting a
    record still removes its words (the triggers pass the old text to 'delete').
    The team column is gone: search finds the team through the session, and reading it
    through the view for every hit made a search a fifth slower.
    """
    script = "".join(
        f"DROP TRIGGER search_{table}_{event};"
        for table, *_ in _SEARCHABLE
        for event in ("insert", "delete", "update")
    )
    script += "DROP TABLE search_index;"
    arms = " UNION ALL ".join(_search_source_arm(*searchable) for searchable in _SEARCHABLE)
    script += f"CREATE VIEW search_source AS {arms};"
    script += """
        CREATE VIRTUAL TABLE search_index USING fts5(
            body, kind UNINDEXED, record_id UNINDEXED, session_id UNINDEXED,
            step_key UNINDEXED, content = 'search_source', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8');
        INSERT INTO search_index (search_index) VALUES ('rebuild');
    """
    script += "".join(
        _external_search_triggers(table, kind, text) for table, kind, text, _, _ in _SEARCHABLE
    )
    db.executescript(script)


@migrations()
def m005_method(db: Database) -> None:
    """Scores per person beside the team's score (teamontwikkelruimte, leervoorkeuren ask
    each person for one), so the spread can be shown; a removed person takes their scores
    along. Measures are tracked like actions: a status, and a look back per later
    reviewteam session (outcome and a new date; what was learned goes in the notes, which
    the client-data check reads). Guests of a session are people outside the team."""
    db.executescript("""
        CREATE TABLE person_ratings (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            item_key TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            UNIQUE (session_id, step_key, item_key, person_id)
        );
        CREATE INDEX person_ratings_person ON person_ratings(person_id);

        ALTER TABLE measures ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'done', 'dropped'));
        CREATE TABLE measure_reviews (
            id TEXT PRIMARY KEY,
            measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'continued', 'dropped')),
            new_due_date TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (measure_id, session_id)
        );
        CREATE INDEX measure_reviews_session ON measure_reviews(session_id);

        -- A guest from another organisation takes part in one session (a casegroep, a
        -- frisse blik in actieleren) without becoming a member of the team.
        ALTER TABLE people ADD COLUMN guest INTEGER NOT NULL DEFAULT 0;
    """)


# m006_archive: what a team archive needs to merge (leersessie/archive.py, docs/archive.md).
# (table, the column whose row must still exist for a deletion to be a record's own,
#  how to find the team of a deleted row). A row deleted along with its session or team
# needs no tombstone of its own: the session's or team's tombstone covers it.
_TRACKED = (
    ("teams", "", "NULL"),  # a team's id must not outlive it, not even as a team_id
    ("people", "team_id:teams", "old.team_id"),
    ("sessions", "team_id:teams", "old.team_id"),
    ("notes", "session_id:sessions", ""),
    ("actions", "session_id:sessions", "old.team_id"),
    ("action_reviews", "session_id:sessions", ""),
    ("findings", "session_id:sessions", ""),
    ("measures", "session_id:sessions", ""),
    ("ratings", "session_id:sessions", ""),
    ("development_questions", "session_id:sessions", ""),
    ("person_ratings", "session_id:sessions", ""),  # m005_method
    ("measure_reviews", "session_id:sessions", ""),
)
# Milliseconds, UTC, sortable as text: which of two changes was the later one.
_NOW_MS = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


ID_HASH_FUNCTION = "leersessie_id_hash"


def id_hash(record_id: str) -> str:
    """What a tombstone keeps of a deleted record's id: enough to know the record again
    when an archive brings it, nothing to find it by in the file."""
    return hashlib.sha256(f"leersessie:{record_id}".encode()).hexdigest()[:32]


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the triggers call; every connection that writes needs them."""
    conn.create_function(ID_HASH_FUNCTION, 1, id_hash, deterministic=True)


@migrations()
def m006_archive(db: Database) -> None:
    """Per-record change times, tombstones and the versions seen at an exchange, so a
    team archive can merge by UUID (see docs/archive.md).

    ``changed_at`` is kept by triggers, so every way of writing (the app, the command line,
    a pseudonym) counts as a change without each of them knowing. An import sets it itself:
    the trigger leaves an explicitly changed value alone (and, as sqlite-utils turns on
    recursive triggers, the time it has just set). A deletion leaves a tombstone (a hash
    of the id and the time, no text), so a deleted session never comes back from an old
    archive, while no byte of its id stays in the file (``ID_HASH_FUNCTION``).
    """
    script = """
        CREATE TABLE tombstones (
            id_hash TEXT PRIMARY KEY,
            table_name TEXT NOT NULL,
            team_id TEXT,
            deleted_at TEXT NOT NULL
        );
        CREATE INDEX tombstones_team ON tombstones(team_id);
        -- Content hashes of the versions a record had when it left or entered this
        -- database in an archive: a version seen before is no news.
        CREATE TABLE sync_history (
            record_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (record_id, hash)
        ) WITHOUT ROWID;
    """
    for table, parent, team in _TRACKED:
        script += _tracking_script(db, table, parent, team)
    script += """
        CREATE TRIGGER archive_team_gone AFTER DELETE ON teams BEGIN
            UPDATE tombstones SET team_id = NULL WHERE team_id = old.id;
        END;
    """
    # Who was present is part of the session: a change there changes the session.
    for event, row in (("INSERT", "new"), ("DELETE", "old")):
        script += f"""
            CREATE TRIGGER archive_attendance_{event.lower()} AFTER {event} ON attendance
            BEGIN
                UPDATE sessions SET changed_at = {_NOW_MS} WHERE id = {row}.session_id;
            END;
        """
    db.executescript(script)


def _tracking_script(db: Database, table: str, parent: str, team: str) -> str:
    """Change time, tombstone and sync history of one archived table, kept by triggers."""
    return f"""
            ALTER TABLE {table} ADD COLUMN changed_at TEXT;
            UPDATE {table} SET changed_at = {_change_time_of(db, table)};
            CREATE TRIGGER archive_{table}_inserted AFTER INSERT ON {table}
            WHEN new.changed_at IS NULL BEGIN
                UPDATE {table} SET changed_at = {_NOW_MS} WHERE id = new.id;
            END;
            CREATE TRIGGER archive_{table}_updated AFTER UPDATE ON {table}
            WHEN new.changed_at IS old.changed_at AND new.changed_at IS NOT {_NOW_MS} BEGIN
                UPDATE {table} SET changed_at = {_NOW_MS} WHERE id = new.id;
            END;
            CREATE TRIGGER archive_{table}_deleted AFTER DELETE ON {table}
            {_own_deletion(parent)} BEGIN
                INSERT OR REPLACE INTO tombstones (id_hash, table_name, team_id, deleted_at)
                VALUES ({ID_HASH_FUNCTION}(old.id), '{table}', {team or _team_of_session()},
                        {_NOW_MS});
            END;
            CREATE TRIGGER archive_{table}_forgotten AFTER DELETE ON {table} BEGIN
                DELETE FROM sync_history WHERE record_id = old.id;
            END;
        """


def _change_time_of(db: Database, table: str) -> str:
    """The best guess at an existing record's last change: its own times, else now."""
    columns = db[table].columns_dict
    known = [
        f"strftime('%Y-%m-%dT%H:%M:%fZ', {column})"
        for column in ("updated_at", "created_at")
        if column in columns
    ]
    return f"coalesce({', '.join(known)}, {_NOW_MS})" if known else _NOW_MS


def _own_deletion(parent: str) -> str:
    """Only a row deleted while its parent stays gets its own tombstone (a cascade has
    already removed the parent when the child's trigger runs)."""
    if not parent:
        return ""
    column, table = parent.split(":")
    return f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = old.{column})"


def _team_of_session() -> str:
    return "(SELECT team_id FROM sessions WHERE id = old.session_id)"


@migrations()
def m007_questions(db: Database) -> None:
    """The questions a group asked in a step, for the question coach.

    Only the text, who asked (optional) and a coach's correction of the kind are kept: the
    kind itself comes from the rules each time, so a correction is the one thing that
    overrides them. ``question_coach`` on a session: NULL follows the app's setting.
    Questions travel in a team archive like notes: m006_archive's change times and
    tombstones cover them too.
    """
    db.executescript(
        """
        CREATE TABLE questions (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            asker_id TEXT REFERENCES people(id) ON DELETE SET NULL,
            corrected_kind TEXT CHECK (corrected_kind IN
                ('open', 'closed', 'advice', 'why', 'none')),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX questions_session ON questions(session_id, position);
        ALTER TABLE sessions ADD COLUMN question_coach INTEGER;
    """
        + _tracking_script(db, "questions", "session_id:sessions", "")
    )


@cache
def known_migrations() -> tuple[str, ...]:
    # execute_plugins=False: loading sqlite-utils plugins scans every installed package.
    return tuple(m.name for m in migrations.pending(Database(memory=True, execute_plugins=False)))


class DamagedDatabaseError(DatabaseError):
    """The file is damaged or no database at all: restoring a backup is the way out."""


def _refuse_read_only(path: Path) -> None:
    """SQLite opens a read-only file and fails only at the first save: say it at start."""
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseError(
            tr(
                "De database {path} of de map waarin die staat is alleen-lezen, dus Leersessie kan "
                "niets opslaan. Het bestand is niet gewijzigd. Geef uzelf schrijfrechten op de map "
                "en het bestand, of kies met --data-dir een map waarin u mag schrijven.",
                path=path,
            )
        )


def _refuse_non_database(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER and key_for(path) is None:
        if (path.parent / MARKER_NAME).exists():
            raise PassphraseRequired(
                tr("De gegevens zijn versleuteld. Geef het wachtwoord om ze te openen."), path
            )
        raise DamagedDatabaseError(
            tr(
                "Het bestand {path} is geen Leersessie-database. Het is niet gewijzigd. "
                "Zet een reservekopie terug of kies een andere gegevensmap.",
                path=path,
            )
        )


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte to a database it may yet refuse."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if not Path(f"{path}-wal").exists():
        # Without a WAL to read, "immutable" keeps even a read-only connection from
        # creating -wal and -shm files beside a database it may refuse.
        uri += "&immutable=1"
    try:
        return open_sqlite(uri, uri=True, timeout=0.5)
    except SQLITE_ERRORS as exc:
        raise _unreadable(path, exc) from exc


def check_integrity(path: Path) -> None:
    """PRAGMA quick_check without writing; raises DamagedDatabaseError with what to do."""
    if not path.exists() or path.stat().st_size == 0:
        return
    _refuse_non_database(path)
    conn = _read_only(path)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except SQLITE_DATABASE_ERRORS as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()
    if verdict != "ok":
        raise DamagedDatabaseError(
            tr(
                "De database {path} is beschadigd ({detail}). Het bestand is niet gewijzigd. "
                "Zet de laatste reservekopie terug (Bestand > Reservekopie terugzetten, of "
                "'leersessie restore').",
                path=path,
                detail=verdict,
            )
        )


# Statement kinds that change the file: a write waits for the integrity check.
_WRITES = frozenset(
    {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
    | {sqlite3.SQLITE_ALTER_TABLE, sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE}
    | {
        getattr(sqlite3, n)
        for n in dir(sqlite3)
        if n.startswith(("SQLITE_CREATE_", "SQLITE_DROP_"))
    }
)


class IntegrityCheck:
    """The full integrity check on a thread of its own, off the window's path.

    quick_check reads every page: a quarter of a second at 10,000 sessions, more than a
    second at 50,000, so the app starts it once the window is up. ``result()`` waits
    for it (starting it if need be) and raises what the check at opening would raise.
    ``guard(conn)`` makes the first write on a connection wait for the verdict, and
    refuses it on a damaged file, so nothing is written before the check passed.
    """

    def __init__(self, path: Path, *, start: bool = True) -> None:
        self.path = path
        self._error: DatabaseError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._start_lock = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        with self._start_lock:
            if not self._thread.is_alive() and self._thread.ident is None:
                self._thread.start()

    def _run(self) -> None:
        try:
            check_integrity(self.path)
        except DatabaseError as error:
            self._error = error

    @property
    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def result(self) -> None:
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def refusal(self) -> DatabaseError | None:
        """What the check found wrong, once it ran; None while it runs or when it passed."""
        return self._error if self.done else None

    def guard(self, conn: sqlite3.Connection) -> None:
        """Until ``conn.set_authorizer(None)``: a write first waits for the verdict, and
        on a damaged file SQLite refuses it ("not authorized")."""

        def authorize(action: int, *_details: object) -> int:
            if action not in _WRITES:
                return sqlite3.SQLITE_OK
            try:
                self.result()
            except DatabaseError:
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK

        conn.set_authorizer(authorize)


def _applied_migrations(path: Path) -> list[str]:
    """The migrations an existing database has had, read without writing."""
    conn = _read_only(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", [Migrations.migrations_table]
        ).fetchone()
        if not has_table:
            return []
        return [
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {Migrations.migrations_table} WHERE migration_set = ? "
                "ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
    except SQLITE_DATABASE_ERRORS as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()


def _unreadable(path: Path, exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            tr(
                "De database {path} is in gebruik door een ander programma of een ander venster "
                "van Leersessie. Sluit dat eerst en probeer het opnieuw.",
                path=path,
            )
        )
    if is_encrypted_file(path) and ("not a database" in text or "malformed" in text):
        # The passphrase was checked against the folder's marker before: the file is damaged.
        return DamagedDatabaseError(
            tr(
                "De versleutelde database {path} is beschadigd: het wachtwoord klopt, maar het "
                "bestand kan niet worden gelezen. Het bestand is niet gewijzigd. Zet de laatste "
                "reservekopie terug.",
                path=path,
            )
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedDatabaseError(
            tr(
                "De database {path} is beschadigd en kan niet worden geopend. Het bestand is niet "
                "gewijzigd. Zet de laatste reservekopie terug.",
                path=path,
            )
        )
    if "full" in text or is_disk_full(exc, path):
        return DatabaseError(
            tr(
                "De schijf is vol, dus Leersessie kan de database {path} niet openen. Het bestand "
                "is niet gewijzigd. Maak ruimte vrij op de schijf en start Leersessie opnieuw.",
                path=path,
            )
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            tr(
                "De database {path} is alleen-lezen, dus Leersessie kan niets opslaan. Het bestand "
                "is niet gewijzigd. Geef uzelf schrijfrechten op de map en het bestand.",
                path=path,
            )
        )
    return DatabaseError(
        tr(
            "De database {path} kan niet worden geopend ({reason}). Het bestand is niet gewijzigd.",
            path=path,
            reason=exc,
        )
    )


def damage_found_in_use(path: Path, exc: sqlite3.DatabaseError) -> DamagedDatabaseError | None:
    """A read that met a damaged page (possible before the full check has run): the
    refusal opening would give; None for any other error, which is not to be hidden."""
    explained = _unreadable(path, exc)
    return explained if isinstance(explained, DamagedDatabaseError) else None


def explain_write_error(exc: Exception) -> DatabaseError:
    """A Dutch explanation for a write that failed for a reason the user can fix."""
    text = str(exc).lower()
    if "full" in text:
        return DatabaseError(
            tr(
                "De schijf is vol: uw laatste wijziging is nog niet opgeslagen. Maak ruimte vrij; "
                "Leersessie probeert het daarna vanzelf opnieuw. Sluit de app niet af."
            )
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            tr(
                "De database is alleen-lezen: uw laatste wijziging is nog niet opgeslagen. "
                "Controleer de schrijfrechten van de gegevensmap."
            )
        )
    if "locked" in text or "busy" in text:
        return DatabaseError(
            tr(
                "De database is even bezet door een ander programma; Leersessie probeert het zo "
                "opnieuw. Uw tekst blijft bewaard."
            )
        )
    return DatabaseError(
        tr(
            "Opslaan is mislukt ({reason}). Leersessie probeert het opnieuw; "
            "uw tekst blijft bewaard.",
            reason=exc,
        )
    )


def _refuse_newer(path: Path, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        raise DatabaseError(
            tr(
                "De database {path} is gemaakt met een nieuwere versie van Leersessie. Installeer "
                "die nieuwere versie om deze gegevens te openen; het bestand is niet gewijzigd.",
                path=path,
            )
        )


def connect(path: Path) -> Database:
    """A connection with the pragmas every part of the app relies on."""
    conn = open_sqlite(path, timeout=BUSY_SECONDS)
    register_functions(conn)
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL survives a crash or kill of the app; only a power cut can
        # lose the last commits, never the database's integrity.
        db.execute("PRAGMA synchronous = NORMAL")
    except SQLITE_ERRORS:
        conn.close()  # a full disk fails WAL: leave no open file behind
        raise
    return db


def refuse_when_held(db: Database, path: Path) -> None:
    """Take and release the write lock, waiting up to BUSY_SECONDS: a database another
    program holds is refused with a message before anything is written."""
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except SQLITE_OPERATIONAL_ERRORS as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseError(held_by_another_program(path)) from exc
        raise


def open_database(
    path: Path,
    before_migration: Callable[[Path], object] | None = None,
    integrity: IntegrityCheck | None = None,
) -> Database:
    """Open (or create) the database at ``path``, checked, private and migrated.

    ``before_migration`` is called with the path before an existing database is
    upgraded, so a backup exists first. With ``integrity`` (a check already running)
    the caller must wait for its result before writing; an upgrade waits for it here.
    """
    _refuse_read_only(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _refuse_non_database(path)
        if integrity is None:
            check_integrity(path)
        applied = _applied_migrations(path)
        _refuse_newer(path, applied)
        if len(applied) < len(known_migrations()):
            if integrity is not None:
                integrity.result()
            if before_migration:
                before_migration(path)
    else:
        path.touch(mode=0o600, exist_ok=True)
    make_private(path)  # SQLite gives the -wal and -shm files the same mode
    db = None
    had_wal = Path(f"{path}-wal").exists()
    try:
        db = connect(path)
        pending = {migration.name for migration in migrations.pending(db)}
        migrations.apply(db)
        if existed and "m004_search_external_content" in pending:
            # The copy of every text the old index kept is free space now: give it back.
            db.execute("VACUUM")
    except SQLITE_OPERATIONAL_ERRORS as exc:
        if db is not None:
            db.close()  # the failed upgrade rolled back; leave no connection behind
        _remove_empty_wal(path, had_wal)
        raise _unreadable(path, exc) from exc
    return db


def _remove_empty_wal(path: Path, had_wal: bool) -> None:
    """A failed upgrade (a full disk) leaves an empty -wal behind; with no connection
    open it holds nothing, so remove it and leave the folder as it was found."""
    wal = Path(f"{path}-wal")
    if not had_wal and wal.exists() and wal.stat().st_size == 0:
        wal.unlink()
        Path(f"{path}-shm").unlink(missing_ok=True)
