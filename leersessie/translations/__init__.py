"""Shipped catalogues: one module per language, mapping Dutch source text to a translation.

``leersessie.i18n.set_language`` loads a catalogue the first time its language is chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping


def catalogue(code: str) -> Mapping[str, str]:
    """The shipped translations for a language code such as ``"en"``."""
    module = importlib.import_module(f"leersessie.translations.{code}")
    entries: Mapping[str, str] = module.CATALOGUE
    return entries
