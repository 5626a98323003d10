"""The ``leersessie`` command: the app without arguments, the command line with them."""

from __future__ import annotations

import sys

from leersessie import cli
from leersessie.encryption import folder_is_encrypted
from leersessie.paths import database_path, resolve_data_dir
from leersessie.storage import IntegrityCheck


def start_integrity_check(data_dir: str | None) -> IntegrityCheck | None:
    """The integrity check reads the whole database; it starts before Qt is even imported
    and runs beside the rest of the start (see storage.IntegrityCheck). An encrypted
    database is checked when it is opened, after the passphrase."""
    folder = resolve_data_dir(data_dir)
    if folder_is_encrypted(folder):
        return None
    return IntegrityCheck(database_path(folder))


def _launch_gui(data_dir: str | None) -> int:
    integrity = start_integrity_check(data_dir)
    from leersessie_ui.app import run_app  # Qt is imported only when the window is wanted

    return run_app(data_dir, integrity)


def main() -> int:
    return cli.main(sys.argv[1:], launch_gui=_launch_gui)


if __name__ == "__main__":
    sys.exit(main())
