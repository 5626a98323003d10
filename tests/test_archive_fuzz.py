"""Fuzzing the import with archives mutated from a valid one: whatever the change, the
import gives a clear message or imports correctly; never a traceback, never a change to
another team, and a refused archive leaves the database byte-identical and no backup."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import team_session
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from leersessie.base.errors import UserFacingError
from leersessie.demo import DEMO_TEAM, load_demo
from leersessie.method.teams import find_team
from leersessie.sharing.archive import MAX_TEXT, export_team, read_archive
from leersessie.sharing.merge import apply_import, plan_import
from leersessie.store.backup import list_backups
from leersessie.workspace import open_workspace

pytestmark = pytest.mark.slow

# Every table of team B's, by what selects its rows.
_OF_B = "session_id IN (SELECT id FROM sessions WHERE team_id = :team)"
B_TABLES = {
    "teams": "id = :team",
    "people": "team_id = :team",
    "sessions": "team_id = :team",
    "actions": "team_id = :team",
    "notes": _OF_B,
    "attendance": _OF_B,
    "action_reviews": _OF_B,
    "findings": _OF_B,
    "measures": _OF_B,
    "ratings": _OF_B,
    "questions": _OF_B,
}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, Any]:
    """A data folder with team B (the demo team) and team Z, and Z's archive."""
    root = tmp_path_factory.mktemp("fuzz")
    ws = open_workspace(root / "thuis")
    try:
        load_demo(ws.db, ws.catalogue)
        team_b = find_team(ws.db, DEMO_TEAM).id
        team_z, _session = team_session(ws, "Team Z", ("Zoë", "Zeno"), "Z's notitie")
        archive = export_team(ws.db, team_z.id, root / "z.leersessie")
        foreign = [
            team_b,
            *(
                row[0]
                for row in ws.db.execute("SELECT id FROM sessions WHERE team_id = ?", [team_b])
            ),
            *(row[0] for row in ws.db.execute("SELECT id FROM people WHERE team_id = ?", [team_b])),
        ]
    finally:
        ws.close()
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        data = json.loads(bundle.read("data.json"))
    return {
        "folder": root / "thuis",
        "manifest": manifest,
        "data": data,
        "team_b": team_b,
        "foreign": foreign[:6],
    }


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**65), 2**65)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["\ud800", "\x00", 2**64, float("inf")])
    | st.integers(MAX_TEXT, MAX_TEXT + 1).map(lambda length: "x" * length),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def mutate(draw: st.DrawFn, data: dict[str, Any], foreign: list[str]) -> None:
    """One change to the archive's data, drawn: a value, a column, a row, a section."""
    tables = data.get("tables")
    kind = draw(
        st.sampled_from(
            ["text", "text", "value", "foreign", "drop", "duplicate", "tombstone", "section"]
        )
    )
    if kind == "section" or not isinstance(tables, dict) or not tables:
        data[draw(st.sampled_from(["tables", "history", "tombstones", "extra"]))] = draw(
            json_values
        )
        return
    table = draw(st.sampled_from(sorted(tables)))
    rows = tables[table]
    if kind == "tombstone" and isinstance(data.get("tombstones"), list):
        data["tombstones"].append(
            {
                "id_hash": draw(st.sampled_from(["0" * 32, "zz", hashlib.md5(b"x").hexdigest()])),
                "table_name": draw(st.sampled_from([table, "teams", "onbekend"])),
                "team_id": draw(st.sampled_from([*foreign[:1], None, "x"])),
                "deleted_at": draw(st.text(max_size=5)),
            }
        )
        return
    if not isinstance(rows, list) or not rows:
        if kind != "text":
            tables[table] = draw(json_values)
        return
    index = draw(st.integers(0, len(rows) - 1))
    row = rows[index]
    if not isinstance(row, dict) or not row:
        rows[index] = draw(json_values)
        return
    if kind == "duplicate":
        rows.append(dict(row))
        return
    column = draw(st.sampled_from(sorted(row)))
    texts = sorted(key for key, value in row.items() if isinstance(value, str) and key != "id")
    if kind == "text" and texts:
        row[draw(st.sampled_from(texts))] = draw(st.text(min_size=1, max_size=30))
    elif kind == "drop":
        del row[column]
    elif kind == "foreign":
        row[column] = draw(st.sampled_from(foreign))
    else:
        row[column] = draw(json_values)


def team_b_rows(db: Any, team_b: str) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(
            tuple(str(value) for value in row)
            for row in db.execute(f"SELECT * FROM {table} WHERE {where}", {"team": team_b})
        )
        for table, where in B_TABLES.items()
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_a_mutated_archive_gets_a_message_or_a_correct_import(base, data):
    payload = json.loads(json.dumps(base["data"]))
    for _change in range(data.draw(st.integers(1, 3))):
        mutate(data.draw, payload, base["foreign"])
    work = Path(tempfile.mkdtemp(prefix="leersessie-fuzz-"))
    try:
        folder = work / "thuis"
        shutil.copytree(base["folder"], folder)
        (folder / ".leersessie.lock").unlink(missing_ok=True)
        archive = work / "z.leersessie"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("manifest.json", json.dumps(base["manifest"]))
            bundle.writestr("data.json", json.dumps(payload))
        before, backups = sha256(folder / "leersessie.db"), list_backups(folder)
        ws = open_workspace(folder)
        b_before = team_b_rows(ws.db, base["team_b"])
        try:
            apply_import(ws.db, plan_import(ws.db, read_archive(archive)), ws.data_dir)
        except UserFacingError as error:
            event("refused")
            assert error.message.strip()
            ws.close()
            assert sha256(folder / "leersessie.db") == before
            assert list_backups(folder) == backups
            return
        event("imported")
        try:
            assert team_b_rows(ws.db, base["team_b"]) == b_before
        finally:
            ws.close()
    finally:
        shutil.rmtree(work)
