"""The command line beside the GUI, for what people script.

Every command takes ``--data-dir``. Messages are for people; exit codes for scripts:
0 ok, 1 a problem the message explains, 2 wrong use, 3 an export that was not written
because the client-data check found something (``--toch`` writes it anyway).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from leersessie import __version__
from leersessie.base.errors import UserFacingError, explain_failure
from leersessie.base.i18n import LANGUAGES, set_language, tr
from leersessie.base.sqlite_errors import SQLITE_ERRORS
from leersessie.store.paths import resolve_data_dir

# What a command can meet that explain_failure puts in words (or shows as a bug).
_FAILURES: tuple[type[Exception], ...] = (OSError, *SQLITE_ERRORS)


def build_parser() -> argparse.ArgumentParser:
    # The command modules load with the parser: the app started without arguments needs
    # neither (it is on the way to the window's first paint).
    from leersessie.cli import data, records, sharing

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
    for commands in (records, data, sharing):
        commands.add_commands(sub, common)
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
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments and launch_gui is not None:
        return launch_gui(None)  # the app from a menu or a double click
    parser = build_parser()
    args = parser.parse_args(arguments)
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
