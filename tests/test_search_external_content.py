"""m004: the search index reads its text from the records themselves. On a database of
the benchmark's mix at schema 3, the upgrade keeps every record, finds exactly what the
old index found (same hits, order and snippets), and gives the copy's space back."""

from __future__ import annotations

import functools
import sqlite3
import sys
from pathlib import Path

import pytest

import leersessie.migrations as schema
import leersessie.storage as storage
from leersessie.paths import database_path
from leersessie.search import search
from leersessie.sessions import save_note
from leersessie.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import corpus
import generate

SOURCE_TABLES = ("notes", "actions", "findings", "measures", "action_reviews", "search_rows")
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


def _apply_up_to_schema_3() -> functools.partial[None]:
    return functools.partial(
        type(schema.migrations).apply,
        schema.migrations,
        stop_before="m004_search_external_content",
    )


@pytest.fixture(scope="module")
def at_schema_3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data folder (80 sessions) as Leersessie with schema 3 left it.

    The generator writes through today's core, which needs today's schema: it fills a
    current database, whose records (the columns schema 3 had) are then inserted into a
    database migrated up to schema 3, where schema 3's own triggers index them."""
    current = tmp_path_factory.mktemp("current") / "data"
    generate.generate(current, sessions=80, teams=4, seed=7, big_team=30)
    folder = tmp_path_factory.mktemp("v3") / "data"
    folder.mkdir()
    old = storage.connect(database_path(folder))
    _apply_up_to_schema_3()(old)
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
