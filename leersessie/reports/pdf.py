"""The shared PDF machinery: embedded fonts, styles, page frame and safe writing.

Every PDF of Leersessie goes through ``write_pdf`` so all share one look, embedded
Unicode fonts (DejaVu Sans, Symbola for emoji), A4, page numbers, and a write that
never leaves a half-written file behind.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import ParaLines
from reportlab.platypus.paraparser import ParaFrag

from leersessie import APP_NAME
from leersessie.base.i18n import language_tag, tr
from leersessie.reports import content
from leersessie.store.paths import atomic_file, write_failed

BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
FALLBACK_FONT = "Symbola"
# Font name -> file in leersessie.fonts (the self-test checks an installation has them all).
FONT_FILES = {
    BODY_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    FALLBACK_FONT: "Symbola.ttf",
}
MARGIN = 18 * mm
ACCENT = colors.HexColor("#1f5f7a")
MUTED = colors.HexColor("#5b6770")
LINE = colors.HexColor("#c9d3d9")
# Very long lines are cut into pieces so reportlab never wraps a megabyte at once.
_MAX_PARAGRAPH = 3000


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode map writes code points above U+FFFF as five hex digits, so
    text extractors (and copy-paste) read an emoji as a wrong character. The PDF spec wants
    UTF-16BE there: a surrogate pair. Same map otherwise."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def register_fonts() -> frozenset[int]:
    """Register the embedded fonts once; returns the code points the body font covers."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    folder = resources.files("leersessie.fonts")
    for name, file in FONT_FILES.items():
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        BODY_FONT, normal=BODY_FONT, bold=BOLD_FONT, italic=BODY_FONT, boldItalic=BOLD_FONT
    )
    body = pdfmetrics.getFont(BODY_FONT)
    assert isinstance(body, TTFont)
    return frozenset(body.face.charToGlyph)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=BODY_FONT, fontSize=10, leading=14, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=18,
            leading=23,
            textColor=ACCENT,
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,  # a step's heading never stands alone at the foot of a page
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
        "cellbold": ParagraphStyle(
            "cellbold", parent=body, fontName=BOLD_FONT, fontSize=9, leading=12
        ),
        "cellhead": ParagraphStyle(
            "cellhead",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=9,
            leading=12,
            textColor=colors.white,
        ),
    }


def body_font_covers(text: str) -> bool:
    return register_fonts().issuperset(map(ord, text))


# What joins or modifies the emoji before it (zero-width joiner, variation selectors,
# skin tones, keycap, tags): drawn in the emoji's font, so "👩‍💻" is never split in two.
_JOINS_EMOJI = re.compile("[\u200d\ufe00-\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def markup(text: str) -> str:
    """Escape text for a Paragraph, switching to the fallback font for what DejaVu lacks."""
    if body_font_covers(text):  # nearly always: one set operation instead of a loop
        return escape(text)
    covered = register_fonts()
    out: list[str] = []
    run: list[str] = []
    in_fallback = False

    def flush() -> None:
        chunk = escape("".join(run))
        out.append(f'<font name="{FALLBACK_FONT}">{chunk}</font>' if in_fallback else chunk)
        run.clear()

    for char in text:
        needs_fallback = ord(char) not in covered and not char.isspace()
        if _JOINS_EMOJI.match(char):
            needs_fallback = in_fallback  # an emoji sequence stays in one font, whole
        if needs_fallback != in_fallback and run:
            flush()
        in_fallback = needs_fallback
        run.append(char)
    if run:
        flush()
    return "".join(out)


# Letters of right-to-left scripts: Hebrew, Arabic (and its supplements and forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG = re.compile("[^\\W\\d_]")


# A base character with what joins or modifies it (zero-width joiner, variation
# selectors, skin tones, keycap, tags): one unit for the bidi algorithm, never reversed.
_EMOJI_CLUSTER = re.compile(
    "[^\\s\u200d](?:[\ufe00-\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
    "|\u200d[^\\s\u200d])+|.",
    re.DOTALL,
)
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")
_NEUTRAL_STAND_IN = "\u2580"  # a block element: neutral to bidi, never mirrored


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def _base_is_rtl(text: str) -> bool:
    """The paragraph direction, as the bidi algorithm sets it: its first strong letter."""
    first = _STRONG.search(text)
    return first is not None and _RTL.match(first.group()) is not None


def _joined(text: str) -> str:
    """Arabic letters in the forms that join them (initial, medial, final), still in
    typing order: reportlab draws one glyph per character and does no shaping itself."""
    import arabic_reshaper  # type: ignore[import-untyped]  # on first right-to-left text only

    # Word by word: given whole lines, the reshaper also drops zero-width joiners, which
    # would split an emoji sequence.
    return _ARABIC_WORD.sub(lambda word: str(arabic_reshaper.reshape(word.group())), text)


def _drawing_order(text: str, rtl_base: bool) -> list[tuple[int, str]]:
    """Where each piece of ``text`` goes when drawn, by the Unicode bidi algorithm
    (python-bidi): (index in ``text``, piece) from left to right. A piece is a character
    (a bracket mirrored in a right-to-left run) or a whole emoji sequence, kept in order."""
    from bidi import algorithm  # type: ignore[import-untyped]  # on first right-to-left text only

    units = [(match.start(), match.group()) for match in _EMOJI_CLUSTER.finditer(text)]
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    stand_ins = "".join(unit if len(unit) == 1 else _NEUTRAL_STAND_IN for _, unit in units)
    algorithm.get_embedding_levels(stand_ins, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["unit"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    order = []
    for char in storage["chars"]:  # formatting characters (a lone ZWJ) are dropped
        start, unit = units[char["unit"]]
        order.append((start, unit if len(unit) > 1 else char["ch"]))
    return order


def visual(text: str, rtl_base: bool | None = None) -> str:
    """One line in the order it is drawn: right-to-left runs reversed, Arabic joined,
    emoji sequences whole. Left-to-right text comes back as it was."""
    if not has_rtl(text):
        return text
    base = _base_is_rtl(text) if rtl_base is None else rtl_base
    return "".join(piece for _start, piece in _drawing_order(_joined(text), base))


def _visual_frags(frags: list[ABag], rtl_base: bool) -> list[ABag]:
    """A line of pieces in several fonts (an emoji in its own) in drawing order: the
    characters reordered, then regrouped into pieces of one font each."""
    owners: list[int] = []
    for number, frag in enumerate(frags):
        owners += [number] * len(frag.text)
    pieces: list[tuple[int, str]] = []
    for start, piece in _drawing_order("".join(frag.text for frag in frags), rtl_base):
        owner = owners[start]
        if pieces and pieces[-1][0] == owner:
            pieces[-1] = (owner, pieces[-1][1] + piece)
        else:
            pieces.append((owner, piece))
    return [frags[owner].clone(text=piece) for owner, piece in pieces]


class LaidOutParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width.

    A table measures every cell to find its row heights and then wraps each cell again
    to draw it, and again for every page a long table is split over; the lines only
    depend on the width, so the second and later wraps reuse the first.
    """

    _laid_out_for: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() drops blPara when it moves the whole paragraph on: then lay out anew.
        if (
            self._laid_out_for is not None
            and self._laid_out_for[0] == availWidth
            and hasattr(self, "blPara")
        ):
            return self._laid_out_for[1], self._laid_out_for[2]
        width, height = super().wrap(availWidth, availHeight)
        self._laid_out_for = (availWidth, width, height)
        return width, height


class BidiParagraph(LaidOutParagraph):
    """A paragraph with right-to-left text: lines are broken in typing order, then each
    line is put in drawing order, so a long Arabic or Hebrew note reads from the top
    right down. Its direction follows its first letter; a right-to-left one is aligned
    to the right."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        self.rtl_base = _base_is_rtl(text)
        if self.rtl_base:
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        super().__init__(markup(_joined(text)), style)

    def breakLines(  # reportlab's name
        self, width: float | list[float] | tuple[float, ...]
    ) -> ParaLines | ParaFrag:
        lines = super().breakLines(width)
        if lines.kind == 0:  # one font throughout: each line is a list of words
            lines.lines = [
                (extra, visual(" ".join(words), self.rtl_base).split(" "))
                for extra, words in lines.lines
            ]
        else:  # several fonts: each line holds pieces of text, each in one font
            for line in lines.lines:
                line.words = _visual_frags(line.words, self.rtl_base)
        return lines


def para(text: str, style: str = "body") -> Paragraph:
    if has_rtl(text):
        return BidiParagraph(text, styles()[style])
    return LaidOutParagraph(markup(text), styles()[style])


def text_block(text: str, style: str = "body") -> Iterator[Flowable]:
    """A user's free text: one Paragraph per line, empty lines kept as space."""
    for line in text.splitlines() or [""]:
        if not line.strip():
            yield Spacer(1, 5)
            continue
        for start in range(0, len(line), _MAX_PARAGRAPH):
            yield para(line[start : start + _MAX_PARAGRAPH], style)


def heading(text: str, level: int = 2) -> Paragraph:
    return para(text, f"h{level}")


def key_values(rows: Sequence[tuple[str, str]]) -> Table:
    """A two-column block of labels and values (team, date, facilitator...)."""
    data = [[para(label, "h3"), para(value or "–")] for label, value in rows]
    table = Table(data, colWidths=[40 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


_CELL_PADDING = 12  # reportlab's default left + right cell padding


def _cell(text: str, plain: bool, width: float | None) -> str | Paragraph:
    """A Paragraph wraps and can switch fonts, but costs far more than a plain string.
    In a plain column a value is drawn as a plain string when it fits on one line of
    the column and the body font has every character; otherwise it still wraps."""
    if plain and "\n" not in text and body_font_covers(text) and not has_rtl(text):
        style = styles()["cell"]
        if (
            width is None
            or pdfmetrics.stringWidth(text, BODY_FONT, style.fontSize) <= width - _CELL_PADDING
        ):
            return text
    return para(text, "cell")


Cell = str | Flowable | list[Flowable]
"""What a grid cell holds: text, or ready flowables."""


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float | None],
    row_height: float | None = None,
    plain_columns: Collection[int] = (),
) -> Table:
    """A table with a coloured header row that repeats on every page. A cell is text or
    ready flowables. ``row_height`` fixes the body rows' height, for blank tables on a
    handout to write in. ``plain_columns`` hold short values (dates, counts, names) that
    are drawn without a Paragraph when they fit: for tables of hundreds of rows."""
    data: list[list[Cell]] = [[para(h, "cellhead") for h in header]]
    data += [
        [
            _cell(cell, index in plain_columns, widths[index]) if isinstance(cell, str) else cell
            for index, cell in enumerate(row)
        ]
        for row in rows
    ]
    heights = [None] + [row_height] * len(rows) if row_height else None
    table = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=1, hAlign="LEFT")
    cell_style = styles()["cell"]
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, LINE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f6f8")]),
                # Plain strings look like the Paragraph cells beside them.
                ("FONT", (0, 1), (-1, -1), BODY_FONT, cell_style.fontSize, cell_style.leading),
            ]
        )
    )
    return table


class _RuledLines(Flowable):
    """Ruled lines across the whole available width (a Table with a None column
    width would shrink to its empty content)."""

    def __init__(self, count: int, numbered: bool, pitch: float = 8 * mm) -> None:
        super().__init__()
        self.count, self.numbered, self.pitch = count, numbered, pitch
        self.width = 0.0

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.pitch

    def draw(self) -> None:
        canvas = self.canv
        indent = 7 * mm if self.numbered else 0
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.setFont(BODY_FONT, 8.5)
        canvas.setFillColor(MUTED)
        for index in range(self.count):
            y = (self.count - index - 1) * self.pitch
            canvas.line(indent, y, self.width, y)
            if self.numbered:
                canvas.drawString(0, y + 1.5, f"{index + 1}.")


def writing_lines(count: int, numbered: bool = False) -> Flowable:
    """Ruled lines to write on, for handouts; ``numbered`` puts 1., 2., ... before them."""
    return _RuledLines(count, numbered)


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def _numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas that knows the page count, for 'pagina 2 van 5'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setFont(BODY_FONT, 8)
            self.setFillColor(MUTED)
            width, _ = A4
            self.drawString(MARGIN, 10 * mm, visual(footer_left))
            self.drawRightString(
                width - MARGIN,
                10 * mm,
                tr("pagina {page} van {total}", page=self.getPageNumber(), total=total),
            )
            self.restoreState()

    return NumberedCanvas


def write_pdf(target: Path, title: str, story: list[Flowable], footer: str = "") -> Path:
    """Build the PDF in a temporary file beside ``target`` and move it into place only
    when complete, so a full disk or an error never leaves a broken or half-replaced file."""
    register_fonts()
    target = Path(target)
    try:
        with atomic_file(target, ".pdf") as temp:
            document = SimpleDocTemplate(
                str(temp),
                pagesize=A4,
                leftMargin=MARGIN,
                rightMargin=MARGIN,
                topMargin=MARGIN,
                bottomMargin=MARGIN + 4 * mm,
                title=title,
                author=APP_NAME,
                creator=APP_NAME,
                lang=language_tag(),
            )
            document.build(story, canvasmaker=_numbered_canvas(footer or f"{APP_NAME} · {title}"))
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return target


def flowables(blocks: Sequence[content.Block]) -> list[Flowable]:
    """The report's content blocks as reportlab flowables."""
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, content.Para):
            out.append(para(block.text, block.style))
        elif isinstance(block, content.Heading):
            out.append(heading(block.text, block.level))
        elif isinstance(block, content.Text):
            out.extend(text_block(block.text))
        elif isinstance(block, content.KeyValues):
            out.append(key_values(block.rows))
        elif isinstance(block, content.Table):
            widths = [None if w is None else w * mm for w in block.widths_mm]
            out.append(grid(block.header, block.rows, widths))
        elif isinstance(block, content.Space):
            out.append(Spacer(1, block.mm * mm))
        else:
            out.append(keep(*flowables(block.blocks)))
    return out


def warm_up() -> None:
    """Pay reportlab's first-use costs ahead: the font files parsed, its lazy imports,
    the first layout of paragraphs, tables and page frame. Without it the first PDF after
    a start takes two to three times as long as the next; the app calls this on a pool
    thread once the window is up."""
    story: list[Flowable] = [
        para("Leersessie", "title"),
        key_values([("Team", "Coördinatie ✓")]),
        keep(heading("Acties"), grid(["Wat", "Wie"], [["Bellen", "Ans"]], [None, 40 * mm])),
        *text_block("Een notitie\nover twee regels."),
    ]
    document = SimpleDocTemplate(io.BytesIO(), pagesize=A4, title=APP_NAME, author=APP_NAME)
    document.build(story, canvasmaker=_numbered_canvas(APP_NAME))


def pdf_text(path: Path) -> str:
    """All text of a PDF as a text extractor reads it, pages joined: how the self-test
    (and the tests) read a written PDF back."""
    import pypdfium2  # only when a PDF is read back

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
