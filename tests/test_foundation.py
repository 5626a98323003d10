"""The foundation end to end: the installed command, the data folder, storage and the
rules a session keeps, on a real SQLite file in a temp folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from leersessie import __version__
from leersessie.base.errors import DataDirError, InputError
from leersessie.method.sessions import load_session, save_note, start_session
from leersessie.method.teams import create_team, get_team, people_by_team, set_participants
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace
from tests.conftest import pdf_text

# The command of the environment these tests run in, never another one first on PATH (an
# installed .deb put /usr/bin/leersessie there once, and the tests tested that instead).
COMMAND = str(Path(sys.executable).with_name("leersessie"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_the_installed_command_from_demo_to_summary(tmp_path):
    data = tmp_path / "via-omgeving"
    env = {"LEERSESSIE_DATA_DIR": str(data)}
    assert run("--version", env=env).stdout.strip() == f"Leersessie {__version__}"
    assert run("demo", env=env).returncode == 0
    listed = run("sessions", env=env)
    assert listed.returncode == 0 and "Actieleren" in listed.stdout
    session_id = listed.stdout.split()[0]
    uuid.UUID(session_id)  # records have stable UUIDs
    target = tmp_path / "verslag.pdf"
    made = run("summary", session_id, "-o", str(target), env=env)
    assert made.returncode == 0, made.stderr
    assert "Wijkteam De Linde (voorbeeld)" in pdf_text(target)
    assert database_path(data).exists()


def test_data_dir_option_wins_over_the_environment(tmp_path):
    option, environment = tmp_path / "optie", tmp_path / "omgeving"
    assert (
        run(
            "demo", "--data-dir", str(option), env={"LEERSESSIE_DATA_DIR": str(environment)}
        ).returncode
        == 0
    )
    assert database_path(option).exists()
    assert not environment.exists()


def test_a_data_folder_that_cannot_be_made_gets_a_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    result = run("sessions", "--data-dir", str(blocker / "data"))
    assert result.returncode == 1
    assert "De gegevensmap" in result.stderr and "kan niet worden gebruikt" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(DataDirError):
        open_workspace(blocker / "data")


def test_the_app_explains_an_unusable_data_folder(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import open_or_explain

    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    assert open_or_explain(str(blocker / "data")) is None
    assert shown and "kan niet worden gebruikt" in shown[0]


def test_the_database_is_wal_with_foreign_keys_and_uuid_keys(workspace):
    db = workspace.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    team = create_team(db, "Team Oost", ["Ans"])
    uuid.UUID(team.id)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO people (id, team_id, name, created_at) VALUES ('x', 'nergens', "
            "'Iemand', '2026-11-23')"
        )


@pytest.fixture
def team(db):
    return create_team(db, "Team Oost", ["Ans", "Bob", "Cas"])


def test_a_session_needs_people_present_and_a_casusinbrenger_among_them(db, catalogue, team):
    actieleren = catalogue.get("actieleren")
    ans, bob, cas = (p.id for p in team.people)
    with pytest.raises(InputError, match="aanwezig"):
        start_session(
            db,
            team_id=team.id,
            template=actieleren,
            on=date(2026, 11, 23),
            facilitator="Coach",
            present=[],
        )
    with pytest.raises(InputError, match="casusinbrenger"):
        start_session(
            db,
            team_id=team.id,
            template=actieleren,
            on=date(2026, 11, 23),
            facilitator="Coach",
            present=[ans, bob],
            casusinbrenger_id=cas,
        )


def test_a_megabyte_note_with_emoji_and_diacritics_is_stored_intact(db, catalogue, team):
    session_id = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    note = ("Coördinatie, ë ï é € 🙂 " * 45_000)[:1_100_000]
    save_note(db, session_id, "inbreng", note)
    save_note(db, session_id, "inbreng", note + "!")  # a save replaces, never appends
    assert load_session(db, session_id).notes["inbreng"] == note + "!"
    assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 1


def test_a_session_records_the_template_version_it_ran_with(db, catalogue, team):
    template = catalogue.get("bordsessie")
    session_id = start_session(
        db,
        team_id=team.id,
        template=template,
        on=date(2026, 11, 23),
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    row = db["sessions"].get(session_id)
    assert (row["template_id"], row["template_version"]) == ("bordsessie", template.version)
    assert load_session(db, session_id).template.steps == template.steps


def test_people_by_team_lists_everyone_with_their_team_in_order(db):
    create_team(db, "Team West", ["Wim", "Anna"])
    create_team(db, "Team Oost", ["Ans"])
    everyone = [(team, person.name) for team, person in people_by_team(db)]
    assert everyone == [("Team Oost", "Ans"), ("Team West", "Wim"), ("Team West", "Anna")]
    oost_id = next(p.team_id for t, p in people_by_team(db) if t == "Team Oost")
    assert [p.name for _t, p in people_by_team(db, oost_id)] == ["Ans"]


def test_a_failed_write_escaping_a_click_is_explained_in_dutch(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import report_uncaught

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda _parent, title, text: shown.append((title, text))),
    )
    error = sqlite3.OperationalError("database or disk is full")
    report_uncaught(type(error), error, None)
    assert shown == [("Niet opgeslagen", shown[0][1])] and "De schijf is vol" in shown[0][1]


def test_a_programming_error_is_shown_and_printed_not_swallowed(qtbot, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from leersessie_ui.app import report_uncaught

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    try:
        raise KeyError("stap")
    except KeyError as error:
        report_uncaught(KeyError, error, error.__traceback__)
    assert "KeyError" in shown[0] and "opnieuw" in shown[0]
    assert "Traceback" in capsys.readouterr().err


def test_editing_the_participants_keeps_who_left_in_the_history(db):
    team = create_team(db, "Team Oost", ["Ans", "Bob"])
    set_participants(db, team.id, ["Ans", "  Cas  "])
    people = {p.name: p.active for p in get_team(db, team.id).people}
    assert people == {"Ans": True, "Bob": False, "Cas": True}
    set_participants(db, team.id, ["Ans", "Bob", "Cas"])
    assert all(p.active for p in get_team(db, team.id).people)
    assert len(get_team(db, team.id).people) == 3  # Bob came back, not twice
