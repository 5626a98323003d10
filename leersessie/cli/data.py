"""Commands for the data folder itself: demo data, backups, restoring one, and encryption."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leersessie.base.i18n import tr
from leersessie.cli.common import (
    Subparsers,
    workspace_of,
)
from leersessie.store.encryption import read_passphrase
from leersessie.store.paths import database_path, resolve_data_dir
from leersessie.workspace import Workspace


def cmd_demo(args: argparse.Namespace) -> int:
    from leersessie.demo import load_demo

    ws = workspace_of(args)
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

    ws = workspace_of(args)
    if args.output:
        path = export_backup(ws.db, Path(args.output))
    else:
        path = make_backup(ws.data_dir, ws.db, BackupKind.MANUAL)
    print(tr("Reservekopie gemaakt: {path}", path=path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from leersessie.store.backup import restore_backup
    from leersessie.store.conversion import unlock_from_terminal
    from leersessie.store.encryption import PassphraseRequired
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


def cmd_encrypt(args: argparse.Namespace) -> int:
    from leersessie.store.conversion import convert_folder
    from leersessie.store.encryption import (
        NEW_PASSPHRASE_FILE_ENV,
        PASSPHRASE_FILE_ENV,
        folder_is_encrypted,
        loss_warning,
    )

    ws = workspace_of(args)  # unlocks, checks and upgrades the database first
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

    ws = workspace_of(args)  # asks for the current passphrase
    _close_when_free(args, ws)
    convert_folder(ws.data_dir, None)
    print(
        tr("De versleuteling is uit: de gegevens en de reservekopieën zijn niet meer versleuteld.")
    )
    return 0


def add_commands(sub: Subparsers, common: argparse.ArgumentParser) -> None:
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
