"""English is available: every Dutch text passed to tr() has an English entry that keeps its
placeholders, tr() speaks English once chosen, and the CLI follows LEERSESSIE_LANG.

The tr() calls are found by reading the source (an ast walk over leersessie/ and ui/), so a new
Dutch string without a translation fails here, named with the file and line it came from.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from leersessie import cli
from leersessie.i18n import language, set_language, tr
from leersessie.translations.en import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("leersessie", "ui")


def _values(module: str, name: str) -> Callable[[], Iterable[str]]:
    """The Dutch texts a dict or tuple constant holds (dict: its values)."""

    def get() -> Iterable[str]:
        value = getattr(importlib.import_module(module), name)
        return value.values() if isinstance(value, dict) else value

    return get


def _session_text_kinds() -> Iterable[str]:
    from leersessie.sensitive import SESSION_TEXTS

    return [where for _table, _column, where in SESSION_TEXTS]


def _lookback_texts() -> Iterable[str]:
    from leersessie.models import LOOKBACK_STEP

    return [LOOKBACK_STEP.title, LOOKBACK_STEP.purpose]


# tr() calls whose argument is not a literal. Each one is allowed only with a reason, and the
# Dutch texts it can receive are collected from the constant that holds them, so those texts
# must be in the catalogue too. Keyed by file and the call as written (not by line number).
DYNAMIC_CALLS: dict[tuple[str, str], tuple[str, Callable[[], Iterable[str]]]] = {
    ("leersessie/actions.py", "tr(STATUS_LABELS[action.status])"): (
        "status label from a fixed dict",
        _values("leersessie.actions", "STATUS_LABELS"),
    ),
    ("leersessie/reports/summary.py", "tr(STATUS_LABELS[ActionStatus(review.outcome.value)])"): (
        "the same status labels",
        _values("leersessie.actions", "STATUS_LABELS"),
    ),
    ("leersessie/development.py", "tr(_AXIS_TITLES[key])"): (
        "radar axis titles from a fixed dict",
        _values("leersessie.development", "_AXIS_TITLES"),
    ),
    ("leersessie/overview.py", "tr(STATUS_LABELS[row.action.status])"): (
        "the same status labels",
        _values("leersessie.actions", "STATUS_LABELS"),
    ),
    ("leersessie/overview.py", "tr(OUTCOME_LABELS[review.outcome])"): (
        "look-back outcome from a fixed dict",
        _values("leersessie.actions", "OUTCOME_LABELS"),
    ),
    ("leersessie/step_content.py", "tr(OUTCOME_LABELS[r.outcome])"): (
        "the same look-back outcomes, on the group screen",
        _values("leersessie.actions", "OUTCOME_LABELS"),
    ),
    ("ui/views/overview_view.py", "tr(label)"): (
        "the status labels, as choices",
        _values("leersessie.actions", "STATUS_LABELS"),
    ),
    ("leersessie/overview.py", "tr(header)"): (
        "CSV column headers from a fixed tuple",
        _values("leersessie.overview", "CSV_HEADERS"),
    ),
    ("leersessie/reports/handout.py", "tr(LOOKBACK_STEP.title)"): (
        "the built-in look-back step (not from a template)",
        _lookback_texts,
    ),
    ("leersessie/reports/handout.py", "tr(LOOKBACK_STEP.purpose)"): (
        "the built-in look-back step (not from a template)",
        _lookback_texts,
    ),
    ("leersessie/sensitive.py", "tr(label)"): (
        "kind of text a hit was found in, from SESSION_TEXTS",
        _session_text_kinds,
    ),
    ("ui/controllers/search_controller.py", "tr(KIND_NL[hit.kind])"): (
        "kind of search hit from a fixed dict",
        _values("leersessie_ui.controllers.search_controller", "KIND_NL"),
    ),
    ("ui/controllers/step_panels.py", "tr(OUTCOME_LABELS[review.outcome])"): (
        "look-back outcome from a fixed dict",
        _values("leersessie.actions", "OUTCOME_LABELS"),
    ),
    ("ui/controllers/step_panels.py", "tr(OUTCOME_LABELS[r.outcome])"): (
        "look-back outcome from a fixed dict",
        _values("leersessie.actions", "OUTCOME_LABELS"),
    ),
    ("ui/controllers/step_panels.py", "tr(OUTCOME_LABELS[outcome])"): (
        "look-back outcome from a fixed dict",
        _values("leersessie.actions", "OUTCOME_LABELS"),
    ),
}


def _source_files() -> list[Path]:
    return sorted(path for folder in SOURCE_DIRS for path in (ROOT / folder).rglob("*.py"))


def tr_calls() -> tuple[dict[str, str], list[tuple[str, str, int]]]:
    """(literal Dutch text -> first place it occurs, [(file, call, line) of non-literal calls]).

    An implicitly concatenated literal is one ast Constant, so it arrives whole.
    """
    literals: dict[str, str] = {}
    dynamic: list[tuple[str, str, int]] = []
    for path in _source_files():
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
            ):
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literals.setdefault(first.value, f"{relative}:{node.lineno}")
            else:
                dynamic.append((relative, ast.unparse(node), node.lineno))
    return literals, dynamic


def dynamic_texts() -> set[str]:
    return {text for _reason, texts in DYNAMIC_CALLS.values() for text in texts()}


def placeholders(text: str) -> set[str]:
    return {
        field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None
    }


def test_the_walk_finds_tr_literals_from_core_and_ui() -> None:
    literals, _dynamic = tr_calls()
    # A few known ones, from both layers and one concatenated over several lines.
    assert literals["Geen acties gevonden."].startswith("leersessie/cli.py:")
    assert literals["&Bestand"].startswith("ui/main_window.py:")
    assert any(
        text.startswith("<h2>Welkom bij Leersessie</h2>") and text.endswith("</p>")
        for text in literals
    )
    assert len(literals) > 400


def test_every_literal_has_an_english_entry() -> None:
    literals, _dynamic = tr_calls()
    missing = [f"{place}: {text!r}" for text, place in literals.items() if text not in CATALOGUE]
    assert missing == [], "no English in leersessie/translations/en.py for:\n" + "\n".join(missing)


def test_every_text_behind_an_allowed_dynamic_call_has_an_english_entry() -> None:
    missing = sorted(text for text in dynamic_texts() if text not in CATALOGUE)
    assert missing == []


def test_tr_calls_without_a_literal_are_only_the_allowed_ones() -> None:
    _literals, dynamic = tr_calls()
    unexpected = [
        f"{file}:{line}: {call}"
        for file, call, line in dynamic
        if (file, call) not in DYNAMIC_CALLS
    ]
    assert unexpected == [], (
        "tr() needs a literal Dutch text (or an entry with a reason in "
        "DYNAMIC_CALLS):\n" + "\n".join(unexpected)
    )
    # An allowed entry whose call has gone is removed, so the list stays honest.
    present = {(file, call) for file, call, _line in dynamic}
    assert set(DYNAMIC_CALLS) - present == set()


def test_no_stale_entries_in_the_catalogue() -> None:
    literals, _dynamic = tr_calls()
    stale = sorted(set(CATALOGUE) - set(literals) - dynamic_texts())
    assert stale == [], "entries no tr() call uses any more (remove or fix them)"


def test_every_translation_keeps_its_placeholders_exactly() -> None:
    wrong = [
        f"{source!r}: {placeholders(source)} -> {placeholders(english)}"
        for source, english in CATALOGUE.items()
        if placeholders(source) != placeholders(english)
    ]
    assert wrong == []


def test_html_translations_keep_their_tags() -> None:
    def tags(text: str) -> list[str]:
        return re.findall(r"</?\w+[^>]*>", text)

    html = {source: english for source, english in CATALOGUE.items() if tags(source)}
    assert html, "the welcome and about texts are HTML"
    assert [source for source, english in html.items() if tags(source) != tags(english)] == []


def test_translations_are_english_and_keep_method_terms_dutch() -> None:
    assert all(english.strip() for english in CATALOGUE.values())
    # Method terms stay Dutch wherever the source uses them.
    for term in ("casusinbrenger", "casegroep", "reviewteam", "teamontwikkelruimte"):
        for source, english in CATALOGUE.items():
            if term in source.lower():
                assert term in english.lower(), (term, english)


def test_tr_speaks_english_once_chosen_and_formats_params() -> None:
    assert tr("Geen acties gevonden.") == "Geen acties gevonden."
    set_language("en")
    assert language() == "en"
    assert tr("Geen acties gevonden.") == "No actions found."
    assert tr("&Bestand") == "&File"
    assert tr("{count} acties bewaard in {path}", count=3, path="acties.csv") == (
        "3 actions saved in acties.csv"
    )
    assert tr("Stap {number} van {total}", number=2, total=7) == "Step 2 of 7"
    assert tr("Tekst die niet in de catalogus staat") == "Tekst die niet in de catalogus staat"
    set_language("nl")
    assert tr("Stap {number} van {total}", number=2, total=7) == "Stap 2 van 7"


def test_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        set_language("fr")


def test_dutch_start_does_not_load_the_english_catalogue() -> None:
    code = (
        "import sys; from leersessie import cli; from leersessie.i18n import set_language; "
        "set_language('nl'); cli.build_parser(); "
        "print('leersessie.translations.en' in sys.modules); "
        "set_language('en'); print('leersessie.translations.en' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["False", "True"]


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
