"""The schema and its migrations (sqlite-utils ``Migrations``), with the triggers they
create: the search index (m002-m004) and the archive's change times and tombstones (m006).

A migration keeps every record; ``storage.open_database`` backs the file up before one
runs. Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import cache

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "leersessie"
migrations = Migrations(MIGRATION_SET)


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


# m006_archive: what a team archive needs to merge (leersessie/sharing/archive.py, docs/archive.md).
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
# The tables whose deleted rows leave a tombstone (and can be pending deletions, m009).
TOMBSTONED_TABLES = tuple(table for table, _parent, _team in _TRACKED)
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
            {_updated_trigger(table)}
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


def _updated_trigger(table: str, unless: str = "") -> str:
    """A change to a record moves its change time, unless the change set it itself (an
    import) or is one the record does not travel with (``unless``)."""
    return f"""CREATE TRIGGER archive_{table}_updated AFTER UPDATE ON {table}
            WHEN new.changed_at IS old.changed_at AND new.changed_at IS NOT {_NOW_MS}{unless} BEGIN
                UPDATE {table} SET changed_at = {_NOW_MS} WHERE id = new.id;
            END;"""


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


# m008: each searchable record keeps its own row number in the search index.
_NEXT_SEARCH_ID = (
    "(SELECT coalesce(max(highest), 0) + 1 FROM ("
    + " UNION ALL ".join(f"SELECT max(search_id) AS highest FROM {t}" for t, *_ in _SEARCHABLE)
    + "))"
)


def _numbered_search_arm(table: str, kind: str, text: str, step: str, session: str) -> str:
    step = step.replace("new.", "t.")
    return f"""
        SELECT t.search_id AS id, t.{text} AS body, '{kind}' AS kind, t.id AS record_id,
               t.{session} AS session_id, {step} AS step_key
        FROM {table} t WHERE t.search_id IS NOT NULL"""


def _numbered_search_triggers(table: str, text: str) -> str:
    """A record with words gets the next free number (over all searchable tables, as they
    share one index) and keeps it while it has words; the number never leaves this file."""
    number = f"""
        UPDATE {table} SET search_id = NULL
            WHERE rowid = new.rowid AND trim(new.{text}) = '' AND search_id IS NOT NULL;
        UPDATE {table} SET search_id = {_NEXT_SEARCH_ID}
            WHERE rowid = new.rowid AND trim(new.{text}) != '' AND search_id IS NULL;
        INSERT INTO search_index (rowid, body)
            SELECT search_id, new.{text} FROM {table}
            WHERE rowid = new.rowid AND search_id IS NOT NULL;"""
    forget = f"""
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', old.search_id, old.{text} WHERE old.search_id IS NOT NULL;"""
    return f"""
        CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {number} END;
        CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {forget} END;
        CREATE TRIGGER search_{table}_update AFTER UPDATE OF {text} ON {table}
        BEGIN {forget} {number} END;
    """


@migrations()
def m008_compact_search_numbers(db: Database) -> None:
    """A smaller file, with the same search: the search index's row number of a record is
    kept in the record itself (``search_id``), instead of in search_rows, which held every
    record's UUID a second and third time (17.5 of 187 MiB at 10,000 sessions). The index
    keeps its numbers, so it is not rebuilt. A new number is one past the highest in use.

    ``search_id`` is local: an archive leaves it out (``archive.LOCAL_COLUMNS``) and
    setting it is no change to the record (the archive's change time ignores it). Two
    indexes that a wider one already covered are dropped (6.5 MiB there).
    """
    script = ""
    for table, kind, *_ in _SEARCHABLE:
        script += f"""
            DROP TRIGGER search_{table}_insert;
            DROP TRIGGER search_{table}_delete;
            DROP TRIGGER search_{table}_update;
            DROP TRIGGER archive_{table}_updated;
            ALTER TABLE {table} ADD COLUMN search_id INTEGER;
            {_updated_trigger(table, " AND new.search_id IS old.search_id")}
            UPDATE {table} SET search_id = r.id FROM search_rows r
                WHERE r.record_id = {table}.id AND r.kind = '{kind}';
            CREATE UNIQUE INDEX {table}_search ON {table}(search_id);
        """
    arms = " UNION ALL ".join(_numbered_search_arm(*searchable) for searchable in _SEARCHABLE)
    script += f"""
        DROP VIEW search_source;
        CREATE VIEW search_source AS {arms};
        DROP TABLE search_rows;
        DROP INDEX action_reviews_action;  -- UNIQUE (action_id, session_id) leads with it
        DROP INDEX actions_team_status;  -- actions_team_status_due leads with both
    """
    script += "".join(
        _numbered_search_triggers(table, text) for table, _, text, _, _ in _SEARCHABLE
    )
    db.executescript(script)


@migrations()
def m009_pending_deletions(db: Database) -> None:
    """What a deletion still has to finish, written in the transaction that deletes
    (leersessie/privacy/deletion.py): the scrub of this file, the purge of every backup and the
    archive in the shared folder. The next start finishes what a crash left. Like a
    tombstone it keeps a hash of the id, never the id; ``team_id`` names the team whose
    archive is rewritten (NULL when the team itself was deleted)."""
    db.executescript(
        """
        CREATE TABLE pending_deletions (
            id_hash TEXT PRIMARY KEY,
            table_name TEXT NOT NULL,
            team_id TEXT,
            requested_at TEXT NOT NULL
        );
    """
    )


@migrations()
def m010_session_times(db: Database) -> None:
    """The session clock and the time each step took (``leersessie.method.session_times``).

    Local to this database, like ``search_id``: no archive carries them, so they need no
    change times or tombstones; deleting a session takes them along (foreign-key cascade).
    """
    db.executescript(
        """
        CREATE TABLE session_clock (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (elapsed_ms >= 0)
        );
        CREATE TABLE step_times (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            spent_ms INTEGER NOT NULL DEFAULT 0 CHECK (spent_ms >= 0),
            PRIMARY KEY (session_id, step_key)
        );
    """
    )


@migrations()
def m011_rounds(db: Database) -> None:
    """Rounds: each person answers a step's question on their own, the group looks at the
    answers together (leersessie/room/rounds.py).

    A round keeps a copy of what it asks (question, items, scale words, options as JSON),
    so what a phone is sent is exactly this row. An answer is stored WITHOUT who gave it:
    no person, no phone, no time, no position; its id is random and the table has no rowid,
    so even the order on disk says nothing about the order people answered in. Rounds stay
    in this file: what they give flows into ratings, questions and notes, which travel in
    an archive."""
    db.executescript(
        """
        CREATE TABLE rounds (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('scores', 'text', 'choice')),
            way TEXT NOT NULL CHECK (way IN ('laptop', 'phone')),
            asks TEXT NOT NULL,
            expected INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'revealed', 'closed')),
            share_result INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (session_id, step_key)
        );
        CREATE TABLE round_answers (
            id TEXT PRIMARY KEY,
            round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            answer TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX round_answers_round ON round_answers(round_id);
    """
    )


@migrations()
def m012_two_waarom_kinds(db: Database) -> None:
    """Issue 23: the question coach's one waarom kind ("why") becomes two, why_reflective
    (a good question, as seed 003 asks for them) and why_justify (asks to account for what
    was done). A coach's correction to "why" meant "a waarom to avoid": it becomes
    why_justify; every other correction stays. SQLite cannot change a CHECK, so the table
    is rebuilt from its own definition (columns a later version added come along) with
    its indexes and triggers; change times stay, as no one edited anything.
    """
    table_sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'questions'"
    ).fetchone()[0]
    old_kinds = "('open', 'closed', 'advice', 'why', 'none')"
    new_kinds = "('open', 'why_reflective', 'closed', 'advice', 'why_justify', 'none')"
    assert old_kinds in table_sql, "m007 defined the kinds"
    rebuilt = table_sql.replace(old_kinds, new_kinds).replace(
        "CREATE TABLE questions", "CREATE TABLE questions_m012", 1
    )
    kept = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'questions' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    columns = [column.name for column in db["questions"].columns]
    selected = [
        "CASE corrected_kind WHEN 'why' THEN 'why_justify' ELSE corrected_kind END"
        if column == "corrected_kind"
        else column
        for column in columns
    ]
    # DROP TABLE's implicit delete fires no trigger: no tombstones for the rebuild.
    db.executescript(
        f"""
        {rebuilt};
        INSERT INTO questions_m012 ({", ".join(columns)})
            SELECT {", ".join(selected)} FROM questions;
        DROP TABLE questions;
        ALTER TABLE questions_m012 RENAME TO questions;
        {";".join(kept)};
        """
    )


@migrations()
def m013_reviewteam_tools(db: Database) -> None:
    """What a reviewteam needs (seed 004): where a measure lies in Wilber's quadrant
    (``leerreview.Quadrant``; NULL: not placed, as every measure made before), and the
    themes it finds over the findings of several casegroep sessions (from N=1 to N=veel),
    each theme with the findings it groups. A theme and its links belong to the
    reviewteam's session: they travel in its team's archive (m006's change times and
    tombstones) and go when the session goes; a finding that goes takes its links along."""
    db.executescript(
        """
        ALTER TABLE measures ADD COLUMN quadrant TEXT CHECK (quadrant IN
            ('individueel-binnen', 'individueel-buiten', 'collectief-binnen',
             'collectief-buiten'));
        CREATE TABLE themes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX themes_session ON themes(session_id, position);
        CREATE TABLE theme_findings (
            id TEXT PRIMARY KEY,
            theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
            finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            UNIQUE (theme_id, finding_id)
        );
        CREATE INDEX theme_findings_finding ON theme_findings(finding_id);
        CREATE INDEX theme_findings_session ON theme_findings(session_id);
    """
        + _tracking_script(db, "themes", "session_id:sessions", "")
        + _tracking_script(db, "theme_findings", "session_id:sessions", "")
    )


@cache
def known_migrations() -> tuple[str, ...]:
    # execute_plugins=False: loading sqlite-utils plugins scans every installed package.
    return tuple(m.name for m in migrations.pending(Database(memory=True, execute_plugins=False)))
