"""Right-to-left scripts and emoji sequences in PDFs, read back as a reader sees them:
where each letter is drawn on the page (pypdfium2), and the text a viewer copies."""

from __future__ import annotations

import subprocess
import unicodedata

import pypdfium2
import pytest

from leersessie.reports.pdf import FALLBACK_FONT, para, visual
from leersessie.reports.summary import write_summary
from tests.conftest import pdf_text, team_session

ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"


@pytest.fixture
def summary(workspace, tmp_path):
    def make(note: str):
        _team, session = team_session(workspace, "Team Schrift", note=note)
        return write_summary(workspace.db, session, tmp_path / "verslag.pdf")

    return make


def _letters(path) -> list[tuple[str, float]]:
    """Every letter on the first page with the left edge of its box, as pypdfium2 reads
    it (Arabic in its base letters)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[0].get_textpage()
        return [
            (page.get_text_range(index, 1), page.get_charbox(index)[0])
            for index in range(page.count_chars())
        ]
    finally:
        document.close()


def _x_of(letters, wanted: str) -> list[float]:
    return [x for char, x in letters if char in wanted]


def test_hebrew_runs_from_right_to_left(summary):
    path = summary(f"Zij zei {HEBREW} tegen ons.")
    letters = _letters(path)
    text = "".join(char for char, _x in letters)
    letters = letters[text.index("Zij") : text.index("ons.")]  # that line only
    hebrew = _x_of(letters, HEBREW.replace(" ", ""))
    [shin] = _x_of(letters, "ש")  # the first letter typed
    assert shin == max(hebrew)  # drawn at the right end, where Hebrew is read from
    [zij] = _x_of(letters, "Z")
    [tegen] = _x_of(letters, "t")
    assert zij < min(hebrew) and max(hebrew) < tegen  # the Dutch around it as it was


def test_arabic_is_joined_and_runs_from_right_to_left(summary):
    path = summary(f"Moeder zei: {ARABIC}")
    letters = _letters(path)
    text = "".join(char for char, _x in letters)
    letters = letters[text.index("Moeder") :][: len("Moeder zei: ") + len(ARABIC)]
    marhaba, alam = ARABIC.split()
    # The first word typed stands to the right of the second, its first letter rightmost.
    assert min(_x_of(letters, "ح")) > max(_x_of(letters, "ع"))
    assert max(_x_of(letters, "م")) == max(_x_of(letters, ARABIC.replace(" ", "")))
    # Joined: drawn in contextual forms (initial, medial, final), as poppler reads them.
    shown = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    forms = [char for char in shown if "\ufe70" <= char <= "\ufefc"]
    assert len(forms) == len(marhaba + alam)
    assert unicodedata.normalize("NFKC", "".join(forms)) in (marhaba + alam, alam + marhaba)


def test_a_long_right_to_left_note_reads_from_the_top_right_down(summary):
    words = [f"كلمة{index}" for index in range(80)]  # several lines
    path = summary(" ".join(words))
    text = pdf_text(path)
    lines = [line for line in text.splitlines() if "كلمة" in line]
    assert len(lines) > 1
    assert "كلمة0" in lines[0] and "كلمة79" in lines[-1]


def test_emoji_sequences_stay_whole(summary):
    path = summary("Team 👩\u200d💻 en 👨\u200d👩\u200d👧 waren er 👍🏽.")
    text = pdf_text(path)
    assert "👩\u200d💻" in text and "👨\u200d👩\u200d👧" in text and "👍🏽" in text


def test_an_emoji_sequence_in_right_to_left_text_is_drawn_whole():
    paragraph = para(f"{ARABIC} 👩\u200d💻 {HEBREW}")
    paragraph.wrap(400, 1000)
    [line] = paragraph.blPara.lines
    drawn = [(frag.text, frag.fontName) for frag in line.words]
    assert ("👩\u200d💻", FALLBACK_FONT) in drawn  # not split, not reversed
    assert drawn[0][0].startswith(HEBREW.split()[1][::-1])  # the last words typed leftmost


def test_visual_order_keeps_left_to_right_text_as_it_is():
    assert visual("Gewoon Nederlands, 12-03-2026.") == "Gewoon Nederlands, 12-03-2026."
    assert visual(f"a {HEBREW} b") == "a " + HEBREW[::-1] + " b"
    assert visual(f"{HEBREW} (ja)") == "(ja) " + HEBREW[::-1]
    assert visual("שלום (עולם)") == "(םלוע) םולש"  # brackets mirrored in a right-to-left run
