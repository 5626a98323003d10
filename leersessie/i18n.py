"""One translation mechanism for core and UI.

Dutch is the source language: every user-facing string is written in Dutch and
wrapped in ``tr()``. For English, ``tr`` looks the Dutch text up in a catalogue;
a string without an English entry stays Dutch (method terms such as actieleren
stay Dutch on purpose).
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = {"nl": "Nederlands", "en": "English"}
_current = "nl"
_catalogues: dict[str, dict[str, str]] = {"en": {}}
_loaded: set[str] = set()  # languages whose shipped catalogue has been read


def set_language(code: str) -> None:
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    if code != "nl" and code not in _loaded:
        # Imported on first use, so a Dutch start never reads the English catalogue.
        from leersessie.translations import catalogue

        register(code, catalogue(code))
        _loaded.add(code)
    _current = code


def language() -> str:
    return _current


def register(code: str, entries: Mapping[str, str]) -> None:
    """Add translations of Dutch source strings for a language."""
    _catalogues.setdefault(code, {}).update(entries)


def tr(text: str, /, **params: object) -> str:
    translated = _catalogues.get(_current, {}).get(text, text) if _current != "nl" else text
    return translated.format(**params) if params else translated
