"""Commands for a team's history between laptops: exporting a team archive and importing one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.cli.common import (
    CLIENT_DATA_FOUND,
    Subparsers,
    add_toch,
    client_data_stops,
    confirm,
    named_team,
    workspace_of,
)
from leersessie.store.encryption import read_passphrase
from leersessie.store.paths import resolve_data_dir

# An archive has a passphrase of its own, apart from the data folder's: a script names a
# file holding it (never the passphrase itself: other users can read the environment).
ARCHIVE_PASSPHRASE_FILE_ENV = "LEERSESSIE_ARCHIVE_PASSPHRASE_FILE"


def cmd_export_team(args: argparse.Namespace) -> int:
    from leersessie.privacy.client_data import scan_team_archive
    from leersessie.sharing.archive import SUFFIX, VersionsNotRemembered, export_team

    ws = workspace_of(args)
    team = named_team(ws, args.team)
    if client_data_stops(scan_team_archive(ws.db, team.id), args):
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
    ws = workspace_of(args)
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
    if not confirm(tr("Zo importeren?"), args.yes):
        print(tr("Niet geïmporteerd; er is niets gewijzigd."))
        return 1
    result = apply_import(ws.db, plan, ws.data_dir)
    finish_deletions(ws.db, ws.data_dir)  # what the archive deleted leaves the backups too
    print(tr("Geïmporteerd. Reservekopie van daarvoor: {path}", path=result.backup))
    return 0


def add_commands(sub: Subparsers, common: argparse.ArgumentParser) -> None:
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
    add_toch(export_team)
    export_team.set_defaults(run=cmd_export_team)
    import_ = sub.add_parser(
        "import",
        parents=[common],
        help=tr("een teamarchief samenvoegen met de gegevens (toont eerst wat er verandert)"),
    )
    import_.add_argument("file", metavar="BESTAND")
    import_.add_argument("--yes", action="store_true", help=tr("niet vragen, meteen importeren"))
    import_.set_defaults(run=cmd_import)
