"""Translation through gettext catalogues: every Dutch text passed to tr()/ntr() (or marked
with N_()) has an English entry in leersessie/locale/en/LC_MESSAGES/leersessie.po that keeps
its placeholders and HTML tags, plural forms follow the count, and the CLI follows
LEERSESSIE_LANG.

The texts are extracted by Babel, as the translators' workflow does (scripts/translations.py);
an ast walk over the sources checks that the extractor misses no tr() literal (it cannot read
calls inside an f-string, for one).
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from leersessie import cli
from leersessie.base.i18n import compile_po, language, ntr, set_language, tr

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("leersessie", "ui")
PO = ROOT / "leersessie" / "locale" / "en" / "LC_MESSAGES" / "leersessie.po"
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402  (scripts/ is not a package)


def english() -> list[Message]:
    with PO.open("rb") as file:
        return [m for m in read_po(file) if m.id]


def extracted_ids() -> set[str | tuple[str, ...]]:
    return {message for _file, _line, message in translations.extracted()}


def tr_literals() -> dict[str, str]:
    """Literal first argument of every tr()/ntr() call -> the first place it occurs."""
    literals: dict[str, str] = {}
    for path in sorted(p for folder in SOURCE_DIRS for p in (ROOT / folder).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("tr", "ntr")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                literals.setdefault(node.args[0].value, f"{relative}:{node.lineno}")
    return literals


def forms(message: Message) -> Iterator[tuple[str, str]]:
    """(source, translation) pairs: the singular with msgstr[0], the plural with the rest."""
    if isinstance(message.id, str):
        yield message.id, str(message.string)
        return
    singular, plural = message.id[0], message.id[1]
    for index, translated in enumerate(message.string):
        yield (singular if index == 0 else plural), translated


def placeholders(text: str) -> set[str]:
    return {
        field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None
    }


def test_the_extractor_finds_every_tr_literal_in_core_and_ui() -> None:
    literals = tr_literals()
    assert literals["Geen acties gevonden."].startswith("leersessie/cli/records.py:")
    assert literals["&Bestand"].startswith("ui/main_window.py:")
    assert len(literals) > 400
    found = {m if isinstance(m, str) else m[0] for m in extracted_ids()}
    missed = [f"{place}: {text!r}" for text, place in literals.items() if text not in found]
    assert missed == [], "the extractor cannot read these (inside an f-string?):\n" + "\n".join(
        missed
    )


def test_texts_kept_in_constants_are_extracted_through_their_marker() -> None:
    found = extracted_ids()
    assert {"vervallen", "Dialoog voeren", "Aantal terugblikken", "Notitie"} <= found


def test_every_extracted_text_has_an_english_translation() -> None:
    entries = {m.id: m for m in english()}
    missing = [
        repr(text)
        for text in extracted_ids()
        if text not in entries
        or "fuzzy" in entries[text].flags
        or not all(translated for _source, translated in forms(entries[text]))
    ]
    assert missing == [], (
        "no English for these; run scripts/translations.py update and fill in the .po:\n"
        + "\n".join(sorted(missing))
    )


def test_no_stale_entries_in_the_catalogue() -> None:
    used = extracted_ids()
    stale = sorted(str(m.id) for m in english() if m.id not in used)
    assert stale == [], "entries no code uses any more: run scripts/translations.py update"


def test_every_translation_keeps_its_placeholders_exactly() -> None:
    wrong = [
        f"{source!r}: {placeholders(source)} -> {placeholders(translated)}"
        for message in english()
        for source, translated in forms(message)
        if placeholders(source) != placeholders(translated)
    ]
    assert wrong == []


def test_html_translations_keep_their_tags() -> None:
    def tags(text: str) -> list[str]:
        return re.findall(r"</?\w+[^>]*>", text)

    pairs = [pair for message in english() for pair in forms(message) if tags(pair[0])]
    assert pairs, "the welcome and about texts are HTML"
    assert [source for source, translated in pairs if tags(source) != tags(translated)] == []


def test_translations_are_english_and_keep_method_terms_dutch() -> None:
    pairs = [pair for message in english() for pair in forms(message)]
    for term in ("casusinbrenger", "casegroep", "reviewteam", "teamontwikkelruimte"):
        for source, translated in pairs:
            if term in source.lower():
                assert term in translated.lower(), (term, translated)


def test_a_broken_placeholder_in_a_catalogue_is_caught(tmp_path: Path) -> None:
    """The check above reads what a translator writes: a renamed placeholder shows."""
    broken = PO.read_text(encoding="utf-8").replace(
        'msgstr "Step {number} of {total}"', 'msgstr "Step {nummer} of {total}"'
    )
    assert broken != PO.read_text(encoding="utf-8")
    catalogue = read_po(io.BytesIO(broken.encode("utf-8")))
    assert any(
        placeholders(source) != placeholders(translated)
        for message in catalogue
        if message.id
        for source, translated in forms(message)
    )


def test_tr_speaks_english_once_chosen_and_formats_params() -> None:
    assert tr("Geen acties gevonden.") == "Geen acties gevonden."
    set_language("en")
    assert language() == "en"
    assert tr("Geen acties gevonden.") == "No actions found."
    assert tr("&Bestand") == "&File"
    assert tr("Stap {number} van {total}", number=2, total=7) == "Step 2 of 7"
    assert tr("Tekst die niet in de catalogus staat") == "Tekst die niet in de catalogus staat"
    set_language("nl")
    assert tr("Stap {number} van {total}", number=2, total=7) == "Stap 2 van 7"


def test_counts_take_the_right_form_in_each_language() -> None:
    backups = ("Ook verwijderd uit {n} reservekopie.", "Ook verwijderd uit {n} reservekopieën.")
    assert ntr(*backups, 1) == "Ook verwijderd uit 1 reservekopie."
    assert ntr(*backups, 3) == "Ook verwijderd uit 3 reservekopieën."
    set_language("en")
    assert ntr(*backups, 1) == "Also deleted from 1 backup."
    assert ntr(*backups, 0) == "Also deleted from 0 backups."
    assert ntr("{n} sjabloon geladen", "{n} sjablonen geladen", 1) == "1 template loaded"


def test_the_po_compiles_to_a_catalogue_gettext_reads() -> None:
    compiled = gettext.GNUTranslations(io.BytesIO(compile_po(PO.read_bytes())))
    assert compiled.gettext("&Bestand") == "&File"
    assert compiled.ngettext("{n} actie", "{n} acties", 2) == "{n} actions"


def test_legacy_dict_entries_are_taken_into_the_po(tmp_path: Path, monkeypatch) -> None:
    """After a merge, a branch's additions to the old en.py dict move into the .po."""
    locale = tmp_path / "locale"
    shutil.copytree(PO.parent.parent.parent, locale)
    monkeypatch.setattr(translations, "LOCALE_DIR", locale)
    legacy = tmp_path / "en.py"
    legacy.write_text(
        'CATALOGUE: dict[str, str] = {\n    "&Bestand": "&Archive",\n'
        '    "Niet meer in de code": "Gone",\n}\n',
        encoding="utf-8",
    )
    assert translations.main(["import-legacy", str(legacy)]) == 0
    with (locale / "en" / "LC_MESSAGES" / "leersessie.po").open("rb") as file:
        catalogue = read_po(file)
    assert catalogue.get("&Bestand").string == "&Archive"
    assert catalogue.get("Niet meer in de code") is None


def test_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        set_language("fr")


def test_dutch_start_does_not_read_the_english_catalogue() -> None:
    code = (
        "from leersessie import cli; from leersessie.base import i18n; "
        "i18n.set_language('nl'); cli.build_parser(); print(sorted(i18n._loaded)); "
        "i18n.set_language('en'); print(sorted(i18n._loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split("\n")[:2] == ["[]", "['en']"]


def test_cli_messages_follow_leersessie_lang(
    monkeypatch: pytest.MonkeyPatch, capsys, data_dir: Path
) -> None:
    monkeypatch.setenv("LEERSESSIE_LANG", "en")
    assert cli.main(["actions", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.strip() == "No actions found."
    assert cli.main(["sessions", "--team", "Onbekend", "--data-dir", str(data_dir)]) == 1
    assert "No team found with the name 'Onbekend'." in capsys.readouterr().err


def test_cli_help_is_english_with_leersessie_lang(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("LEERSESSIE_LANG", "en")
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "show actions of all teams, overdue first" in out
    assert "acties van alle teams" not in out


def test_cli_stays_dutch_and_says_so_for_an_unknown_language(
    monkeypatch: pytest.MonkeyPatch, capsys, data_dir: Path
) -> None:
    monkeypatch.setenv("LEERSESSIE_LANG", "fr")
    assert cli.main(["actions", "--data-dir", str(data_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "Geen acties gevonden."
    assert "LEERSESSIE_LANG=fr wordt niet ondersteund; kies nl of en." in captured.err
