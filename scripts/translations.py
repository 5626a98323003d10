"""The translation catalogues, kept up to date in one command (docs/translating.md).

    .venv/bin/python scripts/translations.py update
        extract every tr()/ntr()/N_() text from leersessie/ and ui/ and merge it into each
        language's .po: new texts arrive untranslated, texts no code uses any more go.
    .venv/bin/python scripts/translations.py import-legacy FILE [--language en]
        take the translations of a legacy dict (a module with CATALOGUE = {dutch: english},
        as leersessie/translations/en.py was) into the .po; run update first.

The same as ``pybabel extract -F babel.cfg -k tr -k ntr:1,2 -k N_ ...`` and
``pybabel update``, with the options this project keeps (no line numbers, sorted entries:
branches that add texts rarely touch the same lines).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "leersessie" / "locale"
DOMAIN = "leersessie"
KEYWORDS: dict[str, tuple[int, ...] | None] = {"tr": None, "ntr": (1, 2), "N_": None}


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extracted() -> Iterator[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) of every translatable text in the sources."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=()
    ):
        yield filename, lineno, message


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Leersessie", fuzzy=False)
    for filename, lineno, message in extracted():
        catalog.add(message, locations=[(filename, lineno)])
    return catalog


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def write(catalog: Catalog, code: str) -> None:
    path = po_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(
            file,
            catalog,
            width=100,
            sort_output=True,
            include_lineno=False,
            ignore_obsolete=True,
            omit_header=False,
        )


def update() -> int:
    source = template()
    for code in languages():
        catalog = read(code)
        created = catalog.creation_date  # kept: a header that changes each run is a conflict
        catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
        catalog.creation_date = created
        write(catalog, code)
        missing = [m.id for m in catalog if m.id and not _translated(m.string)]
        print(f"{code}: {len(catalog)} texts, {len(missing)} without a translation")
    return 0


def import_legacy(file: Path, code: str) -> int:
    """Fill the .po with the translations of a legacy {dutch: translation} dict."""
    entries = legacy_entries(file.read_text(encoding="utf-8"))
    catalog = read(code)
    taken = unknown = 0
    for source, translation in entries.items():
        message = catalog.get(source)
        if message is None:
            unknown += 1
            print(f"not in the sources (run update first?): {source!r}", file=sys.stderr)
            continue
        if not isinstance(message.id, str):
            continue  # a plural text: the legacy dict had no plural forms
        message.string = translation
        taken += 1
    write(catalog, code)
    print(f"{code}: {taken} translations taken, {unknown} unknown")
    return 0


def legacy_entries(source: str) -> dict[str, str]:
    """The CATALOGUE dict literal of a legacy module, read without running it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "CATALOGUE" for t in targets):
                assert node.value is not None
                value = ast.literal_eval(node.value)
                assert isinstance(value, dict)
                return {str(k): str(v) for k, v in value.items()}
    raise SystemExit("no CATALOGUE = {...} in that file")


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update")
    legacy = commands.add_parser("import-legacy")
    legacy.add_argument("file", type=Path)
    legacy.add_argument("--language", default="en")
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    return import_legacy(args.file, args.language)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
