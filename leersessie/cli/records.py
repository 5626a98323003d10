"""Commands that list and print: templates, sessions, summaries, handouts, team reports
and the actions of every team."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from leersessie.base.dates import short
from leersessie.base.errors import TemplateError
from leersessie.base.i18n import tr
from leersessie.cli.common import (
    CLIENT_DATA_FOUND,
    Subparsers,
    add_toch,
    client_data_stops,
    named_team,
    workspace_of,
)
from leersessie.reports.formats import SUMMARY_FORMATS, format_for, suffixes_help
from leersessie.workspace import Workspace

if TYPE_CHECKING:
    from leersessie.memory.overview import ActionFilter


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
    ws = workspace_of(args)
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

    ws = workspace_of(args)
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
    ws = workspace_of(args)
    if not ws.db.table("sessions").count_where("id = ?", [args.session_id]):
        print(
            tr("Geen sessie met id {id}. 'leersessie sessions' toont de ids.", id=args.session_id),
            file=sys.stderr,
        )
        return 1
    if client_data_stops(scan_session(ws.db, args.session_id), args):
        return CLIENT_DATA_FOUND
    path = write_summary(ws.db, args.session_id, Path(args.output))
    print(tr("Verslag opgeslagen: {path}", path=path))
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from leersessie.reports.handout import write_handout

    ws = workspace_of(args)
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

    ws = workspace_of(args)
    team = named_team(ws, args.team)
    if client_data_stops(scan_team_report(ws.db, team.id), args):
        return CLIENT_DATA_FOUND
    path = write_team_report(ws.db, team.id, Path(args.output))
    print(tr("Teamverslag opgeslagen: {path}", path=path))
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    return _print_actions(workspace_of(args), args)


def _print_actions(ws: Workspace, args: argparse.Namespace) -> int:
    from leersessie.memory.overview import ActionFilter, iter_actions, status_text, write_csv
    from leersessie.method.models import ActionStatus

    team_id = named_team(ws, args.team).id if args.team else None
    selection = ActionFilter(
        team_id=team_id,
        status=ActionStatus(args.status) if args.status else None,
        overdue_only=args.overdue,
    )
    if args.ics:
        return _write_ics(ws, selection, Path(args.ics), args)
    if args.csv:
        from leersessie.privacy.client_data import scan_actions_export

        if client_data_stops(scan_actions_export(ws.db, team_id), args):
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

    if client_data_stops(scan_actions_export(ws.db, selection.team_id), args):
        return CLIENT_DATA_FOUND
    done = write_ics(ws.db, selection, target)
    print(tr("{count} acties in het agendabestand {path}", count=done.events, path=done.path))
    if done.without_date:
        print(tr("{count} acties zonder streefdatum staan er niet in.", count=done.without_date))
    return 0


def add_commands(sub: Subparsers, common: argparse.ArgumentParser) -> None:
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
    add_toch(summary)
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
    add_toch(team_report)
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
    add_toch(actions)
    actions.set_defaults(run=cmd_actions)
