"""m004: the search index reads its text from the records themselves; m008: each record
keeps its own number in that index. On a database of the benchmark's mix at schema 3 and
at schema 7, the upgrade keeps every record, finds exactly what the old index found (same
hits, order and snippets), and gives the freed space back."""

from __future__ import annotations

import functools
import sqlite3
import sys
from pathlib import Path

import pytest

import leersessie.store.migrations as schema
import leersessie.store.storage as storage
from leersessie.memory.search import search
from leersessie.method.sessions import save_note
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import corpus
import generate

SOURCE_TABLES = ("notes", "actions", "findings", "measures", "action_reviews")
# What typing produces on the way to a word, beside the benchmark's own queries.
TYPED = ("ge", "gez", "gezi", "gezin", "coor", "coördi", "afspraak mo", '"plan van')


def _results(db: object) -> dict[str, list[tuple[object, ...]]]:
    return {
        query: [(h.kind, h.record_id, h.step_key, h.snippet_parts) for h in search(db, query)]  # type: ignore[arg-type]
        for query in (*corpus.SEARCH_QUERIES, *TYPED)
    }


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SOURCE_TABLES}
    finally:
        conn.close()


def _apply_before(migration: str) -> functools.partial[None]:
    return functools.partial(
        type(schema.migrations).apply, schema.migrations, stop_before=migration
    )


def _apply_up_to_schema_3() -> functools.partial[None]:
    return _apply_before("m004_search_external_content")


def _data_folder_before(migration: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data folder (80 sessions) as Leersessie left it before ``migration``.

    The generator writes through today's core, which needs today's schema: it fills a
    current database, whose records (the columns the old schema had) are then inserted into
    a database migrated up to that schema, where its own triggers index them."""
    current = tmp_path_factory.mktemp("current") / "data"
    generate.generate(current, sessions=80, teams=4, seed=7, big_team=30)
    folder = tmp_path_factory.mktemp("old") / "data"
    folder.mkdir()
    old = storage.connect(database_path(folder))
    _apply_before(migration)(old)
    old.execute("PRAGMA foreign_keys = OFF")
    old.execute("ATTACH DATABASE ? AS current", [str(database_path(current))])
    tables = [
        name
        for (name,) in old.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL%' AND name NOT LIKE 'search_%' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    with old.conn:
        for table in tables:
            columns = ", ".join(old[table].columns_dict)
            old.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}"
            )
    old.execute("DETACH DATABASE current")
    old.close()
    return folder


@pytest.fixture(scope="module")
def at_schema_3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data_folder_before("m004_search_external_content", tmp_path_factory)


@pytest.fixture(scope="module")
def at_schema_7(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data_folder_before("m008_compact_search_numbers", tmp_path_factory)


def test_the_upgrade_keeps_every_record_and_every_search_result(at_schema_3, tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(at_schema_3, folder)
    db_file = database_path(folder)
    counts, size_before = _counts(db_file), db_file.stat().st_size
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema.migrations, "apply", _apply_up_to_schema_3())
        ws = open_workspace(folder, daily_backup=False)
        assert "search_index_content" in ws.db.table_names()
        before = _results(ws.db)
        ws.close()
    assert sum(len(hits) for hits in before.values()) > 300  # the queries do find things

    ws = open_workspace(folder, daily_backup=False)
    try:
        assert len(schema.migrations.applied(ws.db)) == len(schema.known_migrations())
        assert "search_index_content" not in ws.db.table_names()  # no second copy
        assert _results(ws.db) == before
        ws.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    finally:
        ws.close()
    assert _counts(db_file) == counts
    assert db_file.stat().st_size < size_before * 0.85  # the freed pages were given back


def test_edits_after_the_upgrade_follow_the_records(at_schema_3, tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(at_schema_3, folder)
    ws = open_workspace(folder, daily_backup=False)
    try:
        db = ws.db
        session_id, step = db.execute("SELECT session_id, step_key FROM notes LIMIT 1").fetchone()
        save_note(db, session_id, step, "Een zeldzaam woord: zwaluwstaart")
        assert [h.session_id for h in search(db, "zwaluwst")] == [session_id]
        save_note(db, session_id, step, "Anders verwoord: merel")
        assert search(db, "zwaluwstaart") == []
        assert [h.snippet for h in search(db, "merel")] == ["Anders verwoord: merel"]
        db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    finally:
        ws.close()


def _change_times(db: object) -> dict[str, list[tuple[str, str]]]:
    return {
        table: db.execute(f"SELECT id, changed_at FROM {table} ORDER BY id").fetchall()  # type: ignore[attr-defined]
        for table in ("sessions", *SOURCE_TABLES)
    }


def test_numbering_the_records_keeps_every_record_search_result_and_change_time(
    at_schema_7, tmp_path
):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(at_schema_7, folder)
    db_file = database_path(folder)
    counts, size_before = _counts(db_file), db_file.stat().st_size
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema.migrations, "apply", _apply_before("m008_compact_search_numbers"))
        ws = open_workspace(folder, daily_backup=False)
        assert "search_rows" in ws.db.table_names()
        before, changed_before = _results(ws.db), _change_times(ws.db)
        ws.close()
    assert sum(len(hits) for hits in before.values()) > 300

    with pytest.MonkeyPatch.context() as patch:
        # Only m008, so the size below is its own: later migrations add tables.
        patch.setattr(schema.migrations, "apply", _apply_before("m009_pending_deletions"))
        ws = open_workspace(folder, daily_backup=False)
    try:
        assert schema.migrations.applied(ws.db)[-1].name == "m008_compact_search_numbers"
        assert "search_rows" not in ws.db.table_names()
        assert _results(ws.db) == before
        # Numbering a record is no change to it: an archive would not see news.
        assert _change_times(ws.db) == changed_before
        ws.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    finally:
        ws.close()
    assert _counts(db_file) == counts
    assert db_file.stat().st_size < size_before * 0.95  # the row table's pages given back


def test_a_new_record_gets_a_number_no_other_record_has(at_schema_7, tmp_path):
    import shutil

    from leersessie.memory.actions import add_action

    folder = tmp_path / "data"
    shutil.copytree(at_schema_7, folder)
    ws = open_workspace(folder, daily_backup=False)
    try:
        db = ws.db
        session_id = db.execute("SELECT id FROM sessions LIMIT 1").fetchone()[0]
        action = add_action(db, session_id, "actie", "Een zeldzaam woord: zwaluwstaart", None, None)
        save_note(db, session_id, "nieuwe-stap", "Nog een: ijsvogel")
        numbers = [
            number
            for table in SOURCE_TABLES
            for (number,) in db.execute(
                f"SELECT search_id FROM {table} WHERE search_id IS NOT NULL"
            )
        ]
        assert len(numbers) == len(set(numbers))
        assert [h.record_id for h in search(db, "zwaluwstaart")] == [action.id]
        assert [h.step_key for h in search(db, "ijsvogel")] == ["nieuwe-stap"]
        db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
    finally:
        ws.close()
