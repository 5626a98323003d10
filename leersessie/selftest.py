"""``leersessie --self-test``: proves that an installed or frozen Leersessie is complete.

Runs on a fresh temporary data folder, without a display server, and fails loudly (exit
code 1, a line naming what is missing) when a template, a font, a translation catalogue
or a part of Qt did not make it into the installation. The installers' smoke test.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

from leersessie.base.i18n import LANGUAGES, language, set_language, tr

# Starts the main window on a data folder and says what it showed; given by the UI
# layer (the core imports no Qt). Raises SelfTestFailure when Qt is incomplete.
WindowCheck = Callable[[Path], str]
PACKAGE = "leersessie"
SOURCE_LANGUAGE = "nl"


class SelfTestFailure(Exception):
    """A part of the installation is missing or broken; the message names it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shipped_data_files() -> list[str]:
    """Every file of the installed package that is not Python code (templates, fonts,
    translation catalogues), as the wheel's record lists them. Empty for an editable
    install: its record holds no package files, and its checkout has them all."""
    return sorted(
        str(file)
        for file in metadata.files(PACKAGE) or []
        if file.parts[0] == PACKAGE and file.suffix not in (".py", ".pyc")
    )


def check_shipped_files() -> str:
    listed = shipped_data_files()
    root = resources.files(PACKAGE)
    missing = [name for name in listed if not root.joinpath(*name.split("/")[1:]).is_file()]
    if missing:
        raise SelfTestFailure(
            tr(
                "deze bestanden ontbreken in de installatie: {files}. Installeer Leersessie "
                "opnieuw vanaf het installatiebestand.",
                files=", ".join(missing),
            )
        )
    from leersessie.reports.pdf import FONT_FILES

    fonts = resources.files("leersessie.fonts")
    missing = [name for name in FONT_FILES.values() if not fonts.joinpath(name).is_file()]
    if missing:
        raise SelfTestFailure(tr("lettertype ontbreekt: {files}", files=", ".join(missing)))
    if not listed:
        return tr("geen installatielijst (geïnstalleerd uit de broncode); lettertypen aanwezig")
    return tr("{count} bestanden volgens de installatielijst", count=len(listed))


def check_translations() -> str:
    """Each language besides Dutch must load its catalogue and actually translate."""
    previous = language()
    checked = []
    try:
        for code in LANGUAGES:
            if code == SOURCE_LANGUAGE:
                continue
            try:
                set_language(code)
            except (ImportError, OSError) as error:
                raise SelfTestFailure(
                    tr("de vertaling '{code}' ontbreekt ({error})", code=code, error=error)
                ) from error
            if tr("Zelftest geslaagd.") == "Zelftest geslaagd.":
                raise SelfTestFailure(tr("de vertaling '{code}' is leeg", code=code))
            _expect_written_date(code)
            checked.append(code)
    finally:
        set_language(previous)
    return ", ".join(checked)


def _expect_written_date(code: str) -> None:
    """Dates come from Babel's data for the language: missing data fails here, not in a
    coach's report."""
    from datetime import date

    from leersessie.base.dates import written

    try:
        text = written(date(2026, 3, 5))
    except Exception as error:  # Babel's data missing from the bundle: say which
        raise SelfTestFailure(
            tr("de datumnotatie voor '{code}' ontbreekt ({error})", code=code, error=error)
        ) from error
    if "2026" not in text or "5" not in text:
        raise SelfTestFailure(tr("de datumnotatie voor '{code}' klopt niet", code=code))


def check_templates() -> str:
    from leersessie.method.templates import load_catalogue

    catalogue = load_catalogue()
    if catalogue.errors:
        raise SelfTestFailure(
            "; ".join(tr("fout in sjabloon: {error}", error=e.message) for e in catalogue.errors)
        )
    if not catalogue.templates:
        raise SelfTestFailure(tr("er zijn geen ingebouwde sjablonen"))
    return tr("{count} ingebouwde sjablonen", count=len(catalogue.templates))


def _pdf_text(path: Path) -> str:
    from leersessie.reports.pdf import pdf_text

    return pdf_text(path)


def _expect_in_pdf(path: Path, expected: str) -> None:
    if expected not in _pdf_text(path):
        raise SelfTestFailure(
            tr("{file} is geschreven maar '{text}' staat er niet in", file=path.name, text=expected)
        )


def check_demo_and_reports(data_dir: Path) -> str:
    """The demo in a fresh data folder, its latest session as a summary PDF and its
    template as a handout, both read back as text."""
    from leersessie.demo import DEMO_TEAM, load_demo
    from leersessie.method.sessions import load_session
    from leersessie.reports.handout import write_handout
    from leersessie.reports.summary import write_summary
    from leersessie.workspace import open_workspace

    workspace = open_workspace(data_dir)
    try:
        session_id = load_demo(workspace.db, workspace.catalogue)
        if session_id is None:
            raise SelfTestFailure(tr("de gegevensmap van de zelftest was niet leeg"))
        summary = write_summary(workspace.db, session_id, data_dir / "zelftest-verslag.pdf")
        _expect_in_pdf(summary, DEMO_TEAM)
        template = load_session(workspace.db, session_id).template
        handout = write_handout(template, data_dir / "zelftest-werkblad.pdf")
        _expect_in_pdf(handout, template.title)
    finally:
        workspace.close()
    return tr("verslag en werkblad ({title}) gelezen", title=template.title)


def check_exports(data_dir: Path) -> str:
    """The other ways out, each through the library that writes it and read back: the
    summary as Word, the actions as calendar items, a team archive with a passphrase, and
    right-to-left text in a PDF."""
    import docx
    from icalendar import Calendar

    from leersessie.demo import DEMO_TEAM
    from leersessie.memory.overview import ActionFilter
    from leersessie.method.sessions import list_sessions
    from leersessie.method.teams import find_team
    from leersessie.reports.calendar import write_ics
    from leersessie.reports.pdf import para, write_pdf
    from leersessie.reports.summary import write_summary
    from leersessie.sharing.archive import export_team, read_archive
    from leersessie.workspace import open_workspace

    workspace = open_workspace(data_dir)
    try:
        db = workspace.db
        team = find_team(db, DEMO_TEAM)
        if team is None:
            raise SelfTestFailure(tr("het voorbeeldteam ontbreekt"))
        word = write_summary(db, list_sessions(db, team.id)[0].id, data_dir / "zelftest.docx")
        document = docx.Document(str(word))
        cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
        if not any(DEMO_TEAM in text for text in (*(p.text for p in document.paragraphs), *cells)):
            raise SelfTestFailure(tr("{file} is geschreven maar leeg", file=word.name))
        ics = data_dir / "zelftest.ics"
        write_ics(db, ActionFilter(team_id=team.id), ics)
        if not Calendar.from_ical(ics.read_bytes()).walk("VEVENT"):
            raise SelfTestFailure(tr("{file} is geschreven maar leeg", file=ics.name))
        archive = export_team(db, team.id, data_dir / "zelftest.leersessie", "zelftest")
        read_archive(archive, "zelftest")
        rtl = write_pdf(data_dir / "zelftest-rtl.pdf", "rtl", [para("مرحبا بالفريق שלום")])
        _expect_in_pdf(rtl, "םולש" if "םולש" in _pdf_text(rtl) else "שלום")
    finally:
        workspace.close()
    return tr("Word, agenda, teamarchief met wachtwoord en rechts-naar-links gelezen")


def run_self_test(window_check: WindowCheck) -> int:
    """Run every check in order, one line each; 0 when all pass, 1 at the first that fails."""
    with tempfile.TemporaryDirectory(prefix="leersessie-zelftest-") as folder:
        data_dir = Path(folder) / "gegevens"
        checks: list[tuple[str, Callable[[], str]]] = [
            (tr("bestanden"), check_shipped_files),
            (tr("vertalingen"), check_translations),
            (tr("sjablonen"), check_templates),
            (tr("venster"), lambda: window_check(data_dir)),
            (tr("voorbeeld en PDF's"), lambda: check_demo_and_reports(data_dir)),
            (tr("exports"), lambda: check_exports(data_dir)),
        ]
        for title, check in checks:
            try:
                detail = check()
            except SelfTestFailure as failure:
                reason = failure.message
                print(
                    tr("MISLUKT   {check}: {reason}", check=title, reason=reason), file=sys.stderr
                )
                print(tr("Zelftest mislukt."), file=sys.stderr)
                return 1
            print(tr("in orde   {check}: {detail}", check=title, detail=detail), flush=True)
    print(tr("Zelftest geslaagd."), flush=True)
    return 0
