"""What every command shares: the data folder it works on, a team by name or id, the
client-data check before an export, and asking before a change."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.store.paths import resolve_data_dir
from leersessie.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from leersessie.method.models import Team
    from leersessie.privacy.client_data import SessionHit


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The command's workspace; main() closes it (and its instance lock) afterwards."""
    from leersessie.store.conversion import unlock_from_terminal

    unlock_from_terminal(resolve_data_dir(args.data_dir))
    workspace = open_workspace(args.data_dir)
    args.workspace = workspace
    if workspace.backup_warning:
        print(workspace.backup_warning, file=sys.stderr)
    return workspace


CLIENT_DATA_FOUND = 3


def named_team(ws: Workspace, name_or_id: str) -> Team:
    """The team given on the command line, by name or id; an InputError names it when
    there is none (``main`` prints that and exits with 1)."""
    from leersessie.method.teams import find_team

    team = find_team(ws.db, name_or_id)
    if team is None:
        raise InputError(tr("Geen team gevonden met de naam of id '{name}'.", name=name_or_id))
    return team


def client_data_stops(found: Sequence[SessionHit], args: argparse.Namespace) -> bool:
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


def add_toch(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--toch",
        action="store_true",
        help=tr(
            "ook exporteren als de controle op cliëntgegevens iets vindt (wat gevonden is, "
            "staat dan toch op stderr); zonder --toch wordt er niets geschreven en is de "
            "afsluitcode 3"
        ),
    )


def confirm(question: str, yes: bool) -> bool:
    """--yes answers for scripts; without a terminal to ask, the answer is no."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(tr("{question} Geef --yes om zonder vragen door te gaan.", question=question))
        return False
    return input(f"{question} [j/N] ").strip().lower() in ("j", "ja", "y", "yes")


# What argparse's add_subparsers gives, to which each command module adds its own.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
