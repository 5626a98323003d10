"""The ``leersessie`` command: the app without arguments, the command line with them."""

from __future__ import annotations

import sys

from leersessie import cli
from leersessie.paths import database_path, resolve_data_dir
from leersessie.storage import IntegrityCheck


def _launch_gui(data_dir: str | None) -> int:
    # The integrity check reads the whole database; it starts before Qt is even imported
    # and runs beside the rest of the start (see storage.IntegrityCheck).
    integrity = IntegrityCheck(database_path(resolve_data_dir(data_dir)))
    from leersessie_ui.app import run_app  # Qt is imported only when the window is wanted

    return run_app(data_dir, integrity)


def main() -> int:
    return cli.main(sys.argv[1:], launch_gui=_launch_gui)


if __name__ == "__main__":
    sys.exit(main())
