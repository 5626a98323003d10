"""What a coach sees of a team's memory and of their own templates, through the widgets:
an action's whole plan-do-check-act trail, a broken own template named in the app while
the others keep working, and a printed summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QListWidget

from leersessie.demo import load_demo
from leersessie.memory.actions import action_trail
from leersessie.reports.summary import write_summary
from leersessie.workspace import open_workspace
from tests.conftest import pdf_page_count
from tests.gui_helpers import answer_in_turn

pytestmark = pytest.mark.gui


def test_the_look_back_shows_an_actions_whole_trail(qtbot, main_window, workspace, today):
    db = workspace.db
    load_demo(db, workspace.catalogue, today)
    trail_of = {
        row["id"]: action_trail(db, row["id"]) for row in db.query("SELECT id FROM actions")
    }
    action_id, trail = max(trail_of.items(), key=lambda item: len(item[1]))
    assert [review.outcome.value for review in trail] == ["continued", "continued", "done"]
    main_window.show_session(trail[-1].session_id)
    main_window.session.go_to(0)
    lookback = main_window.session.panels_by_kind()["lookback"]
    row = [a.id for a in lookback.actions].index(action_id)
    lookback.view.table.selectRow(row)
    shown = lookback.view.trail.text()
    assert shown.count("loopt door") == 2 and shown.count("gedaan") == 1
    for review in trail:
        assert review.session_date.strftime("%d-%m-%Y") in shown


def test_the_home_screen_is_built_and_shown_without_reading_the_templates(
    qtbot, workspace, today, monkeypatch
):
    import leersessie.workspace as workspace_module
    from leersessie_ui.main_window import MainWindow

    reads = []
    monkeypatch.setattr(workspace_module, "load_catalogue", lambda folder: reads.append(folder))
    window = MainWindow(workspace, today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert reads == []


def test_a_broken_own_template_is_named_and_the_others_still_work(qtbot, data_dir, today):
    own = data_dir / "sjablonen"
    own.mkdir(parents=True)
    (own / "onze-intervisie.toml").write_text(
        (Path(__file__).parents[1] / "session_templates" / "bordsessie.toml")
        .read_text(encoding="utf-8")
        .replace('title = "Bordsessie"', 'title = "Onze intervisie"'),
        encoding="utf-8",
    )
    (own / "kapot.toml").write_text(
        'format = 1\ntitle = "Kapot"\n[[steps]]\nkey = 3\n', encoding="utf-8"
    )
    workspace = open_workspace(data_dir)
    told = answer_in_turn(lambda box: box.accept())
    from leersessie_ui.main_window import MainWindow

    window = MainWindow(workspace, today=lambda: today)
    qtbot.addWidget(window)
    try:
        assert not told  # the templates are read after the first paint, with the other notices
        window.show_start_notices()
        assert told and "kapot.toml" in told[0] and "de andere werken gewoon" in told[0]
        from leersessie.method.teams import create_team

        create_team(workspace.db, "Team Oost", ["Ans"])
        window.home.refresh()
        titles: list[str] = []

        def look(dialog) -> None:
            picker = dialog.findChild(QListWidget, "sessionTemplate")
            titles.extend(picker.item(i).text() for i in range(picker.count()))
            dialog.reject()

        answer_in_turn(look)
        window.home.new_session()
        assert "Onze intervisie" in titles and "Actieleren" in titles and "Kapot" not in titles
    finally:
        window.close()
        workspace.close()


def test_printing_paints_every_page_of_the_summary_on_the_printer(
    workspace, today, tmp_path, qtbot
):
    from PySide6.QtPrintSupport import QPrinter

    from leersessie_ui.printing import paint_pdf

    session_id = load_demo(workspace.db, workspace.catalogue, today)
    summary = write_summary(workspace.db, session_id, tmp_path / "verslag.pdf", today)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afgedrukt.pdf"))
    assert paint_pdf(summary, printer) == pdf_page_count(summary)
    assert pdf_page_count(tmp_path / "afgedrukt.pdf") == pdf_page_count(summary)
