"""Every export of the command line runs the client-data check: what it finds is listed on
stderr and nothing is written (exit code 3), unless --toch."""

from __future__ import annotations

import io
import sys

import pytest

from leersessie.cli import build_parser, main
from leersessie.cli.common import CLIENT_DATA_FOUND
from leersessie.memory.actions import add_action
from leersessie.workspace import open_workspace
from tests.conftest import pdf_text, team_session

BSN = "111222333"
PHONE = "06-12345678"


@pytest.fixture
def exported(data_dir):
    """A team whose session note holds a BSN and whose action holds a phone number."""
    ws = open_workspace(data_dir)
    _team, session = team_session(ws, "Team Export", note=f"Moeder gaf BSN {BSN} door.")
    template = ws.catalogue.get("actieleren")
    add_action(ws.db, session, template.steps[-1].key, f"Terugbellen op {PHONE}", None, None)
    ws.close()
    return session


def _run(data_dir, *argv):
    return main(["--data-dir", str(data_dir), *argv])


@pytest.mark.parametrize("kind", ["summary", "team-report"])
def test_a_pdf_export_with_client_data_is_refused_with_the_findings(
    kind, data_dir, exported, tmp_path, capsys
):
    target = tmp_path / "uit.pdf"
    subject = exported if kind == "summary" else "Team Export"
    assert _run(data_dir, kind, subject, "-o", str(target)) == CLIENT_DATA_FOUND
    err = capsys.readouterr().err
    assert PHONE in err and "telefoonnummer" in err
    if kind == "summary":
        assert BSN in err and "elfproef" in err  # what it found and why
    assert "--toch" in err and "Niets geëxporteerd" in err
    assert not target.exists()

    assert _run(data_dir, kind, subject, "-o", str(target), "--toch") == 0
    assert PHONE in capsys.readouterr().err  # still told, and written
    assert PHONE in pdf_text(target)


def test_the_actions_csv_is_checked_too(data_dir, exported, capsysbinary, monkeypatch):
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8"))
    assert _run(data_dir, "actions", "--csv") == CLIENT_DATA_FOUND
    sys.stdout.flush()
    assert out.getvalue() == b""  # nothing written
    assert _run(data_dir, "actions", "--csv", "--toch") == 0
    sys.stdout.flush()
    assert PHONE.encode() in out.getvalue()


def test_an_export_without_client_data_is_written_without_a_word(data_dir, tmp_path, capsys):
    ws = open_workspace(data_dir)
    _team, session = team_session(ws, "Team Schoon", note="Over samenwerken met school.")
    ws.close()
    assert _run(data_dir, "summary", session, "-o", str(tmp_path / "v.pdf")) == 0
    assert capsys.readouterr().err == ""


def test_toch_is_documented_in_help():
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in ("summary", "team-report", "actions"):
        assert "--toch" in sub[command].format_help()
        assert "afsluitcode 3" in " ".join(sub[command].format_help().split())
