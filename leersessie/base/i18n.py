"""One translation mechanism for core and UI: gettext catalogues.

Dutch is the source language: every user-facing string is written in Dutch and
wrapped in ``tr()`` (or ``ntr()`` where a count decides the form). For another
language the text is looked up in ``locale/<code>/LC_MESSAGES/leersessie.po``;
a string without a translation stays Dutch (method terms such as actieleren stay
Dutch on purpose). Texts kept in constants and translated later are marked with
``N_()`` so the extractor finds them. docs/translating.md has the workflow.

A wheel ships the compiled ``.mo`` (built by setup.py); a checkout or editable
install has only the ``.po``, compiled in memory on first use, so a developer
never runs on a stale ``.mo``.
"""

from __future__ import annotations

import gettext
import io
from importlib import resources

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DOMAIN = "leersessie"
# The Babel locale for dates and numbers: British English writes 5 March 2026, day first.
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_current = "nl"
_translations: gettext.NullTranslations = gettext.NullTranslations()
_loaded: dict[str, gettext.NullTranslations] = {}


def set_language(code: str) -> None:
    global _current, _translations
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    if code != "nl" and code not in _loaded:
        _loaded[code] = _catalogue(code)  # read on first use: a Dutch start reads none
    _translations = _loaded.get(code, gettext.NullTranslations())
    _current = code


def language() -> str:
    return _current


def babel_locale() -> str:
    """The locale Babel formats dates and numbers in, for the current language."""
    return _LOCALES[_current]


def language_tag() -> str:
    """The current language as a document's language tag (nl-NL, en-GB): PDF and Word."""
    return babel_locale().replace("_", "-")


def tr(text: str, /, **params: object) -> str:
    translated = _translations.gettext(text)
    return translated.format(**params) if params else translated


def ntr(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The form for ``n`` (1 reservekopie, 2 reservekopieën); ``{n}`` in the text is ``n``."""
    return _translations.ngettext(singular, plural, n).format(n=n, **params)


def decimal(value: float, digits: int = 1) -> str:
    """A number as the language writes it: 1,5 in Dutch, 1.5 in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0." + "0" * digits, locale=babel_locale())


def N_(text: str) -> str:
    """Marks a Dutch text in a constant for extraction; ``tr()`` translates it where shown."""
    return text


def _catalogue(code: str) -> gettext.NullTranslations:
    folder = resources.files("leersessie") / "locale" / code / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        return gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
    return gettext.GNUTranslations(io.BytesIO(compile_po((folder / f"{DOMAIN}.po").read_bytes())))


def compile_po(po: bytes) -> bytes:
    """The .mo bytes of a .po file (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po)))
    return out.getvalue()
