"""Symbola, cut to what the PDFs can use of it (needs fontTools, not the app):

    python packaging/subset_symbola.py FULL_Symbola.ttf leersessie/fonts/Symbola.ttf

The PDFs draw in DejaVu Sans and switch to Symbola only for a character DejaVu Sans lacks
(reports/pdf.py): emoji, pictographs, arrows, dingbats, math and music symbols, old
scripts. So the subset keeps every character of Symbola that DejaVu Sans does not have,
plus the joiners and modifiers that keep an emoji sequence in one font; it leaves out what
DejaVu Sans draws anyway, the private-use glyphs and the hinting (a PDF embeds outlines).
3.2 MB becomes 1.4 MB. The full font: Symbola 9.17 (Debian's fonts-symbola), in git
history before this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

BODY_FONT = Path(__file__).resolve().parents[1] / "leersessie" / "fonts" / "DejaVuSans.ttf"
# Zero-width joiner, text/emoji variation selectors, the keycap and the skin tones.
SEQUENCE_PARTS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400)}


def _private_use(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def kept_characters(symbola: TTFont, body: TTFont) -> set[int]:
    have, body_has = set(symbola.getBestCmap()), set(body.getBestCmap())
    return {c for c in have - body_has if not _private_use(c)} | (SEQUENCE_PARTS & have)


def main(source: Path, target: Path) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the font's copyright and licence notices stay
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=kept_characters(font, TTFont(BODY_FONT)))
    subsetter.subset(font)
    font.save(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
