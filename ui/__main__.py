"""The ``leersessie`` command: the app without arguments, the command line with them."""

from __future__ import annotations

import sys
from pathlib import Path

from leersessie import cli


def _launch_gui(data_dir: str | None) -> int:
    from leersessie_ui.app import run_app  # Qt is imported only when the window is wanted

    return run_app(data_dir)


def _check_window(data_dir: Path) -> str:
    from leersessie_ui.selftest import check_window

    return check_window(data_dir)


def main() -> int:
    return cli.main(sys.argv[1:], launch_gui=_launch_gui, window_check=_check_window)


if __name__ == "__main__":
    sys.exit(main())
