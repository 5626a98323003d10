"""Shared fixtures: a real data folder with a real SQLite file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from leersessie.base.i18n import set_language
from leersessie.method.models import Team
from leersessie.method.templates import Step
from leersessie.reports.pdf import pdf_text  # noqa: F401  (the tests import it from here)
from leersessie.workspace import Workspace, open_workspace


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """No test touches the real user folder, and every test starts in Dutch."""
    monkeypatch.setenv("LEERSESSIE_DATA_DIR", str(tmp_path / "default-data"))
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir: Path):
    ws = open_workspace(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def db(workspace: Workspace):
    return workspace.db


@pytest.fixture
def catalogue(workspace: Workspace):
    return workspace.catalogue


@pytest.fixture
def today() -> date:
    return date(2026, 11, 23)


def coach_guidance(steps: Iterable[Step]) -> list[str]:
    """The coach's guidance of these steps: what must never reach the group, on the group
    screen or on the handout. An example question that the group text asks too ("Wat
    maakte dat het lukte?") is the group's as well, so it is left out."""
    steps = list(steps)
    prompts = [step.group_prompt for step in steps if step.group_prompt]
    return [
        text
        for step in steps
        for text in (step.purpose, *step.watch_for, *step.questions)
        if not any(text in prompt for prompt in prompts)
    ]


def guidance_shown(steps: Iterable[Step], shown: Iterable[str]) -> list[str]:
    """Each guidance text found in one of the ``shown`` texts (what the group reads)."""
    texts = list(shown)
    return [text for text in coach_guidance(steps) if any(text in seen for seen in texts)]


def pdf_page_count(path: Path) -> int:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture
def main_window(qtbot, workspace: Workspace, today: date):
    """The real main window on the test's database, shown, with a fixed 'today'."""
    from leersessie_ui.main_window import MainWindow

    window = MainWindow(workspace, today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    return window


def team_session(
    workspace: Workspace, team_name: str, people: tuple[str, ...] = ("Ans",), note: str = ""
) -> tuple[Team, str]:
    """A team with an actieleren session of 20 November 2026 where everyone was present;
    ``note`` goes into its first step ("inbreng")."""
    from leersessie.method.sessions import save_note, start_session
    from leersessie.method.teams import create_team

    team = create_team(workspace.db, team_name, list(people))
    session = start_session(
        workspace.db,
        team_id=team.id,
        template=workspace.catalogue.get("actieleren"),
        on=date(2026, 11, 20),
        facilitator="Coach",
        present=[person.id for person in team.people],
    )
    if note:
        save_note(workspace.db, session, "inbreng", note)
    return team, session
