"""The session summary as Word and Markdown holds what the PDF holds; actions go to a
calendar file with one event per action. Read back with python-docx and icalendar."""

from __future__ import annotations

import re
import stat
from collections import Counter
from datetime import date

import pytest
from conftest import pdf_text
from docx import Document
from icalendar import Calendar

from leersessie.cli import main
from leersessie.demo import load_demo
from leersessie.memory.actions import add_action
from leersessie.memory.overview import ActionFilter
from leersessie.method.sessions import list_sessions, load_session, save_note
from leersessie.reports.calendar import write_ics
from leersessie.reports.summary import summary_title, write_summary

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(db, catalogue):
    load_demo(db, catalogue, TODAY)
    return db


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def docx_text(path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


@pytest.mark.parametrize("index", range(5))
def test_the_word_file_holds_the_same_text_as_the_pdf(demo, tmp_path, index):
    session = list_sessions(demo)[index]
    pdf, docx = tmp_path / "verslag.pdf", tmp_path / "verslag.docx"
    write_summary(demo, session.id, pdf, TODAY)
    write_summary(demo, session.id, docx, TODAY)
    in_pdf, in_docx = words(pdf_text(pdf)), words(docx_text(docx))
    assert in_docx and not in_docx - in_pdf
    # What the PDF has beyond it is its page footer: the title and "pagina 1 van 2".
    footer = set(words(summary_title(load_session(demo, session.id)))) | {
        "Leersessie",
        "pagina",
        "van",
    }
    assert {word for word in in_pdf - in_docx if not word.isdigit()} <= footer
    assert stat.S_IMODE(docx.stat().st_mode) == 0o600


def test_the_word_file_has_real_headings_and_tables(demo, tmp_path):
    session = next(s for s in list_sessions(demo) if s.template_title == "Actieleren")
    target = tmp_path / "verslag.docx"
    write_summary(demo, session.id, target, TODAY)
    document = Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Afgesproken acties" in headings and any(h.startswith("1. ") for h in headings)
    assert document.paragraphs[1].style.name == "Title"
    actions = document.tables[-1]
    assert [cell.text for cell in actions.rows[0].cells] == [
        "Actie",
        "Eigenaar",
        "Streefdatum",
        "Status",
    ]
    assert document.core_properties.title.startswith("Actieleren · ")


def test_markdown_has_headings_a_table_and_the_notes(demo, tmp_path):
    session = next(s for s in list_sessions(demo) if s.template_title == "Actieleren")
    save_note(demo, session.id, "inbreng", "Eerste regel met *sterretjes*\n- een punt")
    target = tmp_path / "verslag.md"
    write_summary(demo, session.id, target, TODAY)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("_Sessieverslag_\n\n# Actieleren\n")
    assert re.search(
        r"^## \d\. Voorwaarden, casus en eigen ontwikkelingsvraag$", text, re.MULTILINE
    )
    assert "## Afgesproken acties" in text
    assert "| Actie | Eigenaar | Streefdatum | Status |" in text
    # The coach's text stays text; a line starting with "- " stays a list item.
    assert "Eerste regel met \\*sterretjes\\*  \n- een punt" in text


def test_the_command_line_writes_word_and_markdown(demo, data_dir, tmp_path, capsys):
    session = list_sessions(demo)[0]
    for name in ("verslag.docx", "verslag.md"):
        target = tmp_path / name
        code = main(["summary", session.id, "-o", str(target), "--data-dir", str(data_dir)])
        assert code == 0 and target.stat().st_size > 0
    assert Document(str(tmp_path / "verslag.docx")).paragraphs


@pytest.mark.parametrize("name", ["verslag.txt", "verslag"])
def test_the_command_line_refuses_a_summary_name_it_cannot_write(
    demo, data_dir, tmp_path, capsys, name
):
    session = list_sessions(demo)[0]
    target = tmp_path / name
    code = main(["summary", session.id, "-o", str(target), "--data-dir", str(data_dir)])
    assert code == 1 and not target.exists()
    assert not list(tmp_path.rglob("*.pdf"))  # no PDF under another name either
    error = capsys.readouterr().err
    assert f"'{name}' is geen van die" in error and ".pdf, .docx, .md" in error


def test_one_calendar_event_per_action_with_its_date_owner_and_team(demo, tmp_path):
    target = tmp_path / "acties.ics"
    done = write_ics(demo, ActionFilter(today=TODAY), target)
    calendar = Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    dated = demo.execute("SELECT count(*) FROM actions WHERE due_date IS NOT NULL").fetchone()[0]
    assert len(events) == done.events == dated > 0
    row = demo.execute(
        "SELECT a.id, a.what, a.due_date, p.name, t.name FROM actions a "
        "JOIN people p ON p.id = a.owner_id JOIN teams t ON t.id = a.team_id "
        "WHERE a.due_date IS NOT NULL LIMIT 1"
    ).fetchone()
    event = next(e for e in events if str(e["uid"]) == f"{row[0]}@leersessie")
    assert str(event["summary"]) == row[1]
    assert event.decoded("dtstart") == date.fromisoformat(row[2])
    assert f"Eigenaar: {row[3]}" in str(event["description"]) and row[4] in str(
        event["description"]
    )


def test_an_action_without_a_due_date_is_left_out_and_counted(demo, tmp_path):
    session = list_sessions(demo)[0]
    add_action(demo, session.id, "actie", "Zonder datum", None, None)
    done = write_ics(demo, ActionFilter(today=TODAY), tmp_path / "acties.ics")
    assert done.without_date >= 1
    events = Calendar.from_ical((tmp_path / "acties.ics").read_bytes()).walk("VEVENT")
    assert "Zonder datum" not in [str(event["summary"]) for event in events]


def test_the_calendar_export_runs_the_client_data_check(demo, data_dir, tmp_path, capsys):
    session = list_sessions(demo)[0]
    add_action(demo, session.id, "actie", "Moeder bellen op 06-12345678", None, TODAY)
    target = tmp_path / "acties.ics"
    args = ["actions", "--ics", str(target), "--data-dir", str(data_dir)]
    assert main(args) == 3  # the client-data check's own exit code
    assert "06-12345678" in capsys.readouterr().err and not target.exists()
    assert main([*args, "--toch"]) == 0
    assert "Moeder bellen" in target.read_text(encoding="utf-8")


def test_the_calendar_holds_no_control_characters(demo, tmp_path):
    """Issue 27: ESC and BEL in an action went into the .ics as they were."""
    session = list_sessions(demo)[0]
    team_id = demo.execute("SELECT team_id FROM sessions WHERE id = ?", [session.id]).fetchone()[0]
    demo.execute("UPDATE teams SET name = ? WHERE id = ?", ["Team\x07 Oost", team_id])
    add_action(demo, session.id, "actie", "\x1b[31mRooster\x07 maken\x00 nu", None, TODAY)
    target = tmp_path / "acties.ics"
    write_ics(demo, ActionFilter(today=TODAY), target)
    raw = target.read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw.replace(b"\r\n", b""))
    events = Calendar.from_ical(raw).walk("VEVENT")
    [event] = [e for e in events if "Rooster" in str(e["summary"])]
    assert str(event["summary"]) == "[31mRooster maken nu"
    assert "Team: Team Oost" in str(event["description"])
