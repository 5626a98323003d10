"""The parts that make the bundle small, checked without building it: Qt's ICU data cut
to Dutch and English still sorts, upper-cases and finds word boundaries as the full data
does; the Symbola subset still has every emoji and symbol DejaVu Sans lacks; the .deb's
copyright file and desktop entry are what Debian and the menus expect."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "leersessie" / "fonts"
_spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "packaging" / "trim_icu.py")
assert _spec is not None and _spec.loader is not None
trim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trim_icu)


@pytest.mark.parametrize(
    ("name", "size", "kept"),
    [
        ("icudt73l/nl.res", 9000, True),
        ("icudt73l/en_GB.res", 9000, True),
        ("icudt73l/root.res", 9000, True),
        ("icudt73l/res_index.res", 9000, True),
        ("icudt73l/coll/nl.res", 9000, True),
        ("icudt73l/coll/ucadata.icu", 200_000, True),
        ("icudt73l/supplementalData.res", 200_000, True),
        ("icudt73l/uprops.icu", 140_000, True),
        ("icudt73l/brkitr/line.brk", 60_000, True),
        ("icudt73l/ibm-5348_P100-1997.cnv", 1_000, True),  # Windows-1252
        ("icudt73l/ja.res", 9000, False),
        ("icudt73l/zh_Hant_HK.res", 9000, False),
        ("icudt73l/coll/zh.res", 500_000, False),
        ("icudt73l/lang/de.res", 9000, False),
        ("icudt73l/brkitr/cjdict.dict", 2_000_000, False),
        ("icudt73l/translit/Latin_ASCII.res", 9000, False),
        ("icudt73l/ibm-943_P15A-2003.cnv", 300_000, False),  # Shift-JIS
    ],
)
def test_the_icu_data_keeps_dutch_english_and_what_no_language_owns(name, size, kept):
    assert trim_icu.keep(name, size) is kept


def _qt_icu_data() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted(Path(PySide6.__file__).parent.glob("Qt/lib/libicudata.so.*"))
    return found[0] if found else None


_PROBE = """
from PySide6.QtCore import QCollator, QLocale, QTextBoundaryFinder
collator = QCollator(QLocale("nl_NL"))
collator.setNumericMode(True)
print(sorted(["zebra", "Ölbaum", "appel", "IJsland", "ijzer", "Éclair", "10 acties",
              "2 acties"], key=collator.sortKey))
english = QCollator(QLocale("en_GB"))
print(sorted(["résumé", "Zulu", "resume", "apple"], key=english.sortKey))
print(QLocale("nl_NL").toUpper("ijsje straße"), QLocale("en_GB").toLower("ÉÉN"))
finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word, "Dit is één zin. En nog.")
print(sum(1 for _ in iter(finder.toNextBoundary, -1)))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ld") is None,
    reason="the Linux bundle's ICU library, made with binutils",
)
def test_qt_on_the_trimmed_icu_data_sorts_and_cases_dutch_and_english_as_with_all(tmp_path):
    full = _qt_icu_data()
    if full is None:
        pytest.skip("this PySide6 carries no ICU library")
    trimmed = tmp_path / full.name
    trim_icu.build(full, trimmed)
    assert trimmed.stat().st_size < full.stat().st_size / 4

    def probe(preload: str | None) -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if preload:  # same soname: the dynamic loader takes this one for Qt's ICU
            env["LD_PRELOAD"] = preload
        result = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True
        )
        return result.stdout

    with_all, with_trimmed = probe(None), probe(str(trimmed))
    assert "['2 acties', '10 acties', 'appel', 'Éclair'" in with_all
    assert with_trimmed == with_all


def test_the_symbola_subset_has_what_dejavu_sans_lacks_and_little_else():
    symbola = set(TTFont("Symbola", str(FONTS / "Symbola.ttf")).face.charToGlyph)
    dejavu = set(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")).face.charToGlyph)
    # Emoji, symbols and pictographs coaches type, that only Symbola draws.
    for text in "😀👍🙂❤✅✔⚠★☐➡🔥💡📌🎯🤝👩‍💻":
        assert ord(text) in symbola | dejavu, text
    for emoji in "👍🔥💡📌🎯🤝":
        assert ord(emoji) in symbola
    assert len(symbola & dejavu) < 50  # joiners and marks only, not DejaVu's letters
    assert (FONTS / "Symbola.ttf").stat().st_size < 2_000_000
    assert "subset" in (FONTS / "LICENSE-Symbola.txt").read_text(encoding="utf-8")


def test_the_deb_copyright_file_is_machine_readable_and_names_the_licences():
    text = (ROOT / "packaging" / "linux" / "copyright").read_text(encoding="utf-8")
    assert text.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    )
    for licence in ("EUPL-1.2", "LGPL-3", "PSF-2.0", "Apache-2.0", "Bitstream-Vera"):
        assert f"License: {licence}" in text


# The main categories of the freedesktop.org menu specification.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def test_the_desktop_entry_has_one_main_category():
    entry = (ROOT / "packaging" / "leersessie.desktop").read_text(encoding="utf-8")
    categories = re.search(r"^Categories=(.*)$", entry, re.MULTILINE)
    assert categories is not None
    names = [name for name in categories.group(1).split(";") if name]
    assert [name for name in names if name in MAIN_CATEGORIES] == ["Education"]
