"""The command line beside the GUI, for what people script.

Every command takes ``--data-dir``. Messages are for people; exit codes for scripts:
0 ok, 1 a problem the message explains, 2 wrong use, 3 an export that was not written
because the client-data check found something (``--toch`` writes it anyway).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from leersessie import __version__
from leersessie.base.dates import short
from leersessie.base.errors import InputError, TemplateError, UserFacingError, explain_failure
from leersessie.base.i18n import LANGUAGES, set_language, tr
from leersessie.base.sqlite_errors import SQLITE_ERRORS
from leersessie.reports.formats import SUMMARY_FORMATS, format_for, suffixes_help
from leersessie.store.encryption import read_passphrase
from leersessie.store.paths import database_path, resolve_data_dir
from leersessie.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from leersessie.memory.overview import ActionFilter
    from leersessie.method.models import Team
    from leersessie.privacy.client_data import SessionHit


# What a command can meet that explain_failure puts in words (or shows as a bug).
_FAILURES: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)


def _workspace(args: argparse.Namespace) -> Workspace:
    """The command's workspace; main() closes it (and its instance lock) afterwards."""
    from leersessie.store.conversion import unlock_from_terminal

    unlock_from_terminal(resolve_data_dir(args.data_dir))
    workspace = open_workspace(args.data_dir)
    args.workspace = workspace
    if workspace.backup_warning:
        print(workspace.backup_warning, file=sys.stderr)
    return workspace


CLIENT_DATA_FOUND = 3


def _named_team(ws: Workspace, name_or_id: str) -> Team:
    """The team given on the command line, by name or id; an InputError names it when
    there is none (``main`` prints that and exits with 1)."""
    from leersessie.method.teams import find_team

    team = find_team(ws.db, name_or_id)
    if team is None:
        raise InputError(tr("Geen team gevonden met de naam of id '{name}'.", name=name_or_id))
    return team


def _client_data_stops(found: Sequence[SessionHit], args: argparse.Namespace) -> bool:
    """List on stderr what the client-data check found in an export; True when the export
    must not be written (found something, and no --toch)."""
    if not found:
        return False
    print(
        tr("Mogelijk cliëntgegevens in wat u exporteert ({count}):", count=len(found)),
        file=sys.stderr,
    )
    for item in found:
        print(
            f"  {item.where}: {item.hit.kind.label} '{item.hit.text}' ({item.hit.why}): "
            f"{item.hit.context}",
            file=sys.stderr,
        )
    if args.toch:
        print(tr("Toch geëxporteerd (--toch)."), file=sys.stderr)
        return False
    print(
        tr(
            "Niets geëxporteerd. Vervang deze gegevens in de app (Meer > Controle op "
            "cliëntgegevens), of exporteer toch met --toch."
        ),
        file=sys.stderr,
    )
    return True


def cmd_templates(args: argparse.Namespace) -> int:
    from leersessie.method.templates import TemplateOrigin, load_template_file

    if args.check:
        try:
            template = load_template_file(Path(args.check))
        except TemplateError as error:
            print(tr("Fout in sjabloon: {error}", error=error.message), file=sys.stderr)
            return 1
        print(
            tr(
                "In orde: {id} ({title}, versie {version}, {steps} stappen)",
                id=template.id,
                title=template.title,
                version=template.version,
                steps=len(template.steps),
            )
        )
        return 0
    ws = _workspace(args)
    catalogue = ws.catalogue
    for template in catalogue.sorted():
        origin = "" if template.origin is TemplateOrigin.BUILTIN else tr(" [eigen]")
        print(f"{template.id:<28} {template.title} (v{template.version}){origin}")
    for problem in catalogue.errors:
        print(tr("Fout in sjabloon: {error}", error=problem.message), file=sys.stderr)
    return 1 if catalogue.errors else 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from leersessie.method.sessions import list_sessions
    from leersessie.method.teams import find_team

    ws = _workspace(args)
    team_id = None
    if args.team:
        team = find_team(ws.db, args.team)
        if team is None:
            print(tr("Geen team gevonden met de naam '{name}'.", name=args.team), file=sys.stderr)
            return 1
        team_id = team.id
    for info in list_sessions(ws.db, team_id):
        status = tr("afgerond") if info.status == "finished" else tr("open")
        print(f"{info.id}  {short(info.date)}  {info.team_name}  {info.template_title}  [{status}]")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from leersessie.privacy.client_data import scan_session
    from leersessie.reports.summary import write_summary

    format_for(Path(args.output))  # an unknown suffix is refused before anything is read
    ws = _workspace(args)
    if not ws.db.table("sessions").count_where("id = ?", [args.session_id]):
        print(
            tr("Geen sessie met id {id}. 'leersessie sessions' toont de ids.", id=args.session_id),
            file=sys.stderr,
        )
        return 1
    if _client_data_stops(scan_session(ws.db, args.session_id), args):
        return CLIENT_DATA_FOUND
    path = write_summary(ws.db, args.session_id, Path(args.output))
    print(tr("Verslag opgeslagen: {path}", path=path))
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from leersessie.reports.handout import write_handout

    ws = _workspace(args)
    template = ws.catalogue.templates.get(args.template_id)
    if template is None:
        known = ", ".join(sorted(ws.catalogue.templates))
        print(
            tr(
                "Geen sjabloon met id '{id}'. Bekende sjablonen: {known}. "
                "'leersessie templates' toont ze met hun titel.",
                id=args.template_id,
                known=known,
            ),
            file=sys.stderr,
        )
        return 1
    path = write_handout(template, Path(args.output))
    print(tr("Werkblad opgeslagen: {path}", path=path))
    return 0


def cmd_team_report(args: argparse.Namespace) -> int:
    from leersessie.privacy.client_data import scan_team_report
    from leersessie.reports.team_report import write_team_report

    ws = _workspace(args)
    team = _named_team(ws, args.team)
    if _client_data_stops(scan_team_report(ws.db, team.id), args):
        return CLIENT_DATA_FOUND
    path = write_team_report(ws.db, team.id, Path(args.output))
    print(tr("Teamverslag opgeslagen: {path}", path=path))
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    return _print_actions(_workspace(args), args)


def _print_actions(ws: Workspace, args: argparse.Namespace) -> int:
    from leersessie.memory.overview import ActionFilter, iter_actions, status_text, write_csv
    from leersessie.method.models import ActionStatus

    team_id = _named_team(ws, args.team).id if args.team else None
    selection = ActionFilter(
        team_id=team_id,
        status=ActionStatus(args.status) if args.status else None,
        overdue_only=args.overdue,
    )
    if args.ics:
        return _write_ics(ws, selection, Path(args.ics), args)
    if args.csv:
        from leersessie.privacy.client_data import scan_actions_export

        if _client_data_stops(scan_actions_export(ws.db, team_id), args):
            return CLIENT_DATA_FOUND
        sys.stdout.flush()
        # A BOM and ';' so that 'leersessie actions --csv > acties.csv' opens in Excel.
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig", newline="")
        try:
            write_csv(ws.db, selection, stream)
        finally:
            stream.flush()
            stream.detach()
        return 0
    found = False
    for row in iter_actions(ws.db, selection):
        found = True
        action = row.action
        print(
            f"{short(action.due_date) or '–':<10}  {status_text(row):<15}  "
            f"{row.team_name}  {action.owner_name or '–'}  {action.what}"
        )
    if not found:
        print(tr("Geen acties gevonden."))
    return 0


def _write_ics(
    ws: Workspace, selection: ActionFilter, target: Path, args: argparse.Namespace
) -> int:
    from leersessie.privacy.client_data import scan_actions_export
    from leersessie.reports.calendar import write_ics

    if _client_data_stops(scan_actions_export(ws.db, selection.team_id), args):
        return CLIENT_DATA_FOUND
    done = write_ics(ws.db, selection, target)
    print(tr("{count} acties in het agendabestand {path}", count=done.events, path=done.path))
    if done.without_date:
        print(tr("{count} acties zonder streefdatum staan er niet in.", count=done.without_date))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from leersessie.demo import load_demo

    ws = _workspace(args)
    session_id = load_demo(ws.db, ws.catalogue)
    if session_id is None:
        print(tr("De voorbeeldgegevens staan er al."))
    else:
        print(
            tr(
                "Voorbeeldteam met vijf afgeronde sessies toegevoegd: acties die zijn "
                "teruggeblikt, doorgeschoven en afgerond (laatste sessie {id}).",
                id=session_id,
            )
        )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from leersessie.store.backup import BackupKind, export_backup, make_backup

    ws = _workspace(args)
    if args.output:
        path = export_backup(ws.db, Path(args.output))
    else:
        path = make_backup(ws.data_dir, ws.db, BackupKind.MANUAL)
    print(tr("Reservekopie gemaakt: {path}", path=path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from leersessie.store.backup import restore_backup
    from leersessie.store.conversion import unlock_from_terminal
    from leersessie.store.encryption import PassphraseRequired, read_passphrase
    from leersessie.store.paths import prepare_data_dir

    folder = prepare_data_dir(resolve_data_dir(args.data_dir))
    unlock_from_terminal(folder)
    try:
        kept = restore_backup(folder, Path(args.file))
    except PassphraseRequired as needed:
        print(needed.message, file=sys.stderr)
        passphrase = read_passphrase(tr("Wachtwoord van de reservekopie: "))
        kept = restore_backup(folder, Path(args.file), passphrase)
    print(tr("Reservekopie {file} teruggezet.", file=args.file))
    if kept is not None:
        print(tr("De database van voor het terugzetten is bewaard als {path}.", path=kept))
    return 0


# An archive has a passphrase of its own, apart from the data folder's: a script names a
# file holding it (never the passphrase itself: other users can read the environment).
ARCHIVE_PASSPHRASE_FILE_ENV = "LEERSESSIE_ARCHIVE_PASSPHRASE_FILE"


def _confirm(question: str, yes: bool) -> bool:
    """--yes answers for scripts; without a terminal to ask, the answer is no."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(tr("{question} Geef --yes om zonder vragen door te gaan.", question=question))
        return False
    return input(f"{question} [j/N] ").strip().lower() in ("j", "ja", "y", "yes")


def cmd_export_team(args: argparse.Namespace) -> int:
    from leersessie.privacy.client_data import scan_team_archive
    from leersessie.sharing.archive import SUFFIX, VersionsNotRemembered, export_team

    ws = _workspace(args)
    team = _named_team(ws, args.team)
    if _client_data_stops(scan_team_archive(ws.db, team.id), args):
        return CLIENT_DATA_FOUND
    passphrase = (
        read_passphrase(
            tr("Wachtwoord voor het archief: "), confirm=True, env=ARCHIVE_PASSPHRASE_FILE_ENV
        )
        if args.encrypt
        else None
    )
    target = Path(args.output)
    if not target.suffix:
        target = target.with_suffix(SUFFIX)
    try:
        export_team(ws.db, team.id, target, passphrase, args.session or None)
    except VersionsNotRemembered as written:  # the file is there: say so, and succeed
        print(written.message, file=sys.stderr)
        return 0
    print(tr("Teamarchief opgeslagen: {path}", path=target))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from leersessie.sharing.archive import PassphraseNeeded, read_archive
    from leersessie.sharing.merge import apply_import, plan_import
    from leersessie.sharing.pending import finish_deletions

    folder = resolve_data_dir(args.data_dir)
    if not folder.is_dir():
        # A mistyped --data-dir would otherwise start a new, empty installation.
        raise InputError(
            tr(
                "De gegevensmap {path} bestaat niet; er is niets geïmporteerd en niets "
                "aangemaakt. Geef de map van uw gegevens op met --data-dir (of maak de map "
                "eerst aan om in een nieuwe, lege map te importeren).",
                path=folder,
            )
        )
    ws = _workspace(args)
    try:
        archive = read_archive(Path(args.file))
    except PassphraseNeeded:
        archive = read_archive(
            Path(args.file),
            read_passphrase(tr("Wachtwoord van het archief: "), env=ARCHIVE_PASSPHRASE_FILE_ENV),
        )
    plan = plan_import(ws.db, archive)
    print("\n".join(plan.lines()))
    if not plan.changes_anything:
        apply_import(ws.db, plan, ws.data_dir)
        return 0
    if not _confirm(tr("Zo importeren?"), args.yes):
        print(tr("Niet geïmporteerd; er is niets gewijzigd."))
        return 1
    result = apply_import(ws.db, plan, ws.data_dir)
    finish_deletions(ws.db, ws.data_dir)  # what the archive deleted leaves the backups too
    print(tr("Geïmporteerd. Reservekopie van daarvoor: {path}", path=result.backup))
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from leersessie.store.conversion import convert_folder
    from leersessie.store.encryption import (
        NEW_PASSPHRASE_FILE_ENV,
        PASSPHRASE_FILE_ENV,
        folder_is_encrypted,
        loss_warning,
        read_passphrase,
    )

    ws = _workspace(args)  # unlocks, checks and upgrades the database first
    _close_when_free(args, ws)
    changing = folder_is_encrypted(ws.data_dir)
    env = NEW_PASSPHRASE_FILE_ENV if changing else PASSPHRASE_FILE_ENV
    print(loss_warning(), file=sys.stderr)
    passphrase = read_passphrase(tr("Nieuw wachtwoord: "), confirm=True, env=env)
    convert_folder(ws.data_dir, passphrase)
    if changing:
        print(tr("Het wachtwoord is gewijzigd; ook de reservekopieën gebruiken het nieuwe."))
    else:
        print(tr("De gegevens en de reservekopieën zijn nu versleuteld."))
    return 0


def _close_when_free(args: argparse.Namespace, ws: Workspace) -> None:
    """Say within BUSY_SECONDS that another program holds the database, before a
    passphrase is asked for (converting would wait on its lock longer), then close the
    workspace: converting takes the folder with no connection open."""
    from leersessie.store.storage import refuse_when_held

    refuse_when_held(ws.db, database_path(ws.data_dir))
    ws.close()
    args.workspace = None


def cmd_decrypt(args: argparse.Namespace) -> int:
    from leersessie.store.conversion import convert_folder

    ws = _workspace(args)  # asks for the current passphrase
    _close_when_free(args, ws)
    convert_folder(ws.data_dir, None)
    print(
        tr("De versleuteling is uit: de gegevens en de reservekopieën zijn niet meer versleuteld.")
    )
    return 0


def _add_toch(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--toch",
        action="store_true",
        help=tr(
            "ook exporteren als de controle op cliëntgegevens iets vindt (wat gevonden is, "
            "staat dan toch op stderr); zonder --toch wordt er niets geschreven en is de "
            "afsluitcode 3"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="MAP",
        help=tr(
            "map met de gegevens (anders LEERSESSIE_DATA_DIR of de standaardmap van de gebruiker)"
        ),
    )
    parser = argparse.ArgumentParser(
        prog="leersessie",
        parents=[common],
        description=tr("Leersessie: reflectiesessies begeleiden. Zonder opdracht start de app."),
    )
    parser.add_argument("--version", action="version", version=f"Leersessie {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=tr("controleren of de installatie compleet is en werkt (ook zonder beeldscherm)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")

    templates = sub.add_parser(
        "templates", parents=[common], help=tr("sjablonen tonen of een sjabloonbestand controleren")
    )
    templates.add_argument("--check", metavar="PAD", help=tr("controleer dit sjabloonbestand"))
    templates.set_defaults(run=cmd_templates)

    sessions = sub.add_parser("sessions", parents=[common], help=tr("sessies tonen met hun id"))
    sessions.add_argument("--team", help=tr("alleen de sessies van dit team"))
    sessions.set_defaults(run=cmd_sessions)

    summary = sub.add_parser(
        "summary",
        parents=[common],
        help=tr(
            "het verslag van een sessie opslaan als {formats}",
            formats=", ".join(f"{f.name} ({f.suffix})" for f in SUMMARY_FORMATS),
        ),
    )
    summary.add_argument("session_id", metavar="SESSIE_ID")
    summary.add_argument("-o", "--output", required=True, metavar=f"BESTAND{suffixes_help()}")
    _add_toch(summary)
    summary.set_defaults(run=cmd_summary)

    handout = sub.add_parser(
        "handout", parents=[common], help=tr("een leeg werkblad van een sjabloon als PDF opslaan")
    )
    handout.add_argument("template_id", metavar="SJABLOON_ID")
    handout.add_argument("-o", "--output", required=True, metavar="BESTAND.pdf")
    handout.set_defaults(run=cmd_handout)

    team_report = sub.add_parser(
        "team-report",
        parents=[common],
        help=tr("het verslag van een team over de tijd als PDF opslaan"),
    )
    team_report.add_argument("team", metavar="TEAM", help=tr("naam of id van het team"))
    team_report.add_argument("-o", "--output", required=True, metavar="BESTAND.pdf")
    _add_toch(team_report)
    team_report.set_defaults(run=cmd_team_report)

    actions = sub.add_parser(
        "actions", parents=[common], help=tr("acties van alle teams tonen, te late eerst")
    )
    actions.add_argument("--team", help=tr("alleen de acties van dit team (naam of id)"))
    actions.add_argument(
        "--status",
        choices=["open", "done", "dropped"],
        help=tr("alleen open, gedane (done) of vervallen (dropped) acties"),
    )
    actions.add_argument(
        "--overdue",
        action="store_true",
        help=tr("alleen open acties waarvan de streefdatum voorbij is"),
    )
    actions.add_argument(
        "--csv",
        action="store_true",
        help=tr("als CSV voor Excel of LibreOffice (puntkomma's, UTF-8)"),
    )
    actions.add_argument(
        "--ics",
        metavar="BESTAND.ics",
        help=tr("de acties met een streefdatum als agenda-items opslaan (Outlook, agenda)"),
    )
    _add_toch(actions)
    actions.set_defaults(run=cmd_actions)

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=tr("een fictief voorbeeldteam met vijf afgeronde sessies toevoegen"),
    )
    demo.set_defaults(run=cmd_demo)

    backup = sub.add_parser(
        "backup", parents=[common], help=tr("een reservekopie van de database maken")
    )
    backup.add_argument(
        "-o",
        "--output",
        metavar="BESTAND",
        help=tr("hierheen schrijven in plaats van naar de map reservekopieen"),
    )
    backup.set_defaults(run=cmd_backup)

    restore = sub.add_parser(
        "restore",
        parents=[common],
        help=tr("een reservekopie terugzetten (de huidige database wordt eerst bewaard)"),
    )
    restore.add_argument("file", metavar="BESTAND")
    restore.set_defaults(run=cmd_restore)

    export_team = sub.add_parser(
        "export-team",
        parents=[common],
        help=tr("de hele geschiedenis van een team in één archiefbestand opslaan"),
    )
    export_team.add_argument("team", metavar="TEAM", help=tr("naam of id van het team"))
    export_team.add_argument("-o", "--output", required=True, metavar="BESTAND.leersessie")
    export_team.add_argument(
        "--session",
        action="append",
        metavar="SESSIE_ID",
        help=tr("alleen deze sessie (mag vaker); anders alle sessies van het team"),
    )
    export_team.add_argument(
        "--encrypt",
        action="store_true",
        help=tr(
            "met een wachtwoord beveiligen (gevraagd op de terminal, of uit het bestand dat "
            "LEERSESSIE_ARCHIVE_PASSPHRASE_FILE noemt)"
        ),
    )
    _add_toch(export_team)
    export_team.set_defaults(run=cmd_export_team)

    import_ = sub.add_parser(
        "import",
        parents=[common],
        help=tr("een teamarchief samenvoegen met de gegevens (toont eerst wat er verandert)"),
    )
    import_.add_argument("file", metavar="BESTAND")
    import_.add_argument("--yes", action="store_true", help=tr("niet vragen, meteen importeren"))
    import_.set_defaults(run=cmd_import)

    encrypt = sub.add_parser(
        "encrypt",
        parents=[common],
        help=tr(
            "de gegevens versleutelen met een wachtwoord, of het wachtwoord wijzigen "
            "(typen in de terminal, of via LEERSESSIE_PASSPHRASE_FILE)"
        ),
    )
    encrypt.set_defaults(run=cmd_encrypt)
    decrypt = sub.add_parser(
        "decrypt", parents=[common], help=tr("de versleuteling weer uitzetten")
    )
    decrypt.set_defaults(run=cmd_decrypt)
    return parser


def _quiet_stdout() -> None:
    """The reader of our output went away: point stdout at nothing, so the flush at exit
    does not print a second BrokenPipeError."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _language_from_environment() -> None:
    """LEERSESSIE_LANG=en|nl chooses the language of the messages; unset means Dutch."""
    code = os.environ.get("LEERSESSIE_LANG", "").strip().lower()
    if code in LANGUAGES:
        set_language(code)
    elif code:
        print(
            tr(
                "LEERSESSIE_LANG={value} wordt niet ondersteund; kies nl of en. Leersessie "
                "gaat verder in het Nederlands.",
                value=code,
            ),
            file=sys.stderr,
        )


def main(
    argv: Sequence[str] | None = None,
    launch_gui: Callable[[str | None], int] | None = None,
    window_check: Callable[[Path], str] | None = None,
) -> int:
    """Run one command and return its exit code. Without a command, ``launch_gui`` (given
    by the GUI's entry point, so the core never imports Qt) opens the app; ``--self-test``
    needs the GUI's ``window_check`` (see leersessie.selftest)."""
    _language_from_environment()  # before the parser: its help texts are translated
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    if args.self_test:
        if window_check is None:
            parser.error(tr("--self-test werkt alleen vanuit de app zelf"))
        from leersessie.selftest import run_self_test

        return run_self_test(window_check)
    if not getattr(args, "run", None):
        if launch_gui is None:
            parser.print_help()
            return 2
        return launch_gui(args.data_dir)
    try:
        code: int = args.run(args)
        return code
    except UserFacingError as error:
        print(error.message, file=sys.stderr)
        return 1
    except _FAILURES as error:
        if isinstance(error, BrokenPipeError):  # 'leersessie sessions | head -1'
            _quiet_stdout()
            return 0
        explained = explain_failure(error, resolve_data_dir(args.data_dir))
        if explained is None:
            raise  # a programming error: shown in full
        print(explained.message, file=sys.stderr)
        return 1
    finally:
        if getattr(args, "workspace", None) is not None:
            args.workspace.close()
