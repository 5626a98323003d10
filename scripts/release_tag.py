"""The release workflow's check that a tag is the version it publishes:

    python scripts/release_tag.py v0.1.0

Exits 1, saying both, when the tag is not "v" + leersessie.__version__ (the version the
app shows, the installers' names and the .deb carry) or pyproject.toml's version differs.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def app_version() -> str:
    text = (ROOT / "leersessie" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise SystemExit("leersessie/__init__.py has no __version__")
    return found.group(1)


def problems(tag: str) -> list[str]:
    version = app_version()
    with (ROOT / "pyproject.toml").open("rb") as file:
        project_version = tomllib.load(file)["project"]["version"]
    out = []
    if tag != f"v{version}":
        out.append(
            f"tag {tag} does not match leersessie.__version__ {version} (expected v{version})"
        )
    if project_version != version:
        out.append(f"pyproject.toml says {project_version}, leersessie.__version__ {version}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(argv[0])
    for problem in found:
        print(f"::error::{problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
