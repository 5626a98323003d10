"""A report's content blocks as an editable Word file (python-docx): real headings,
lists and tables, so an organisation's document system can index and edit it.

Set up as a Dutch office expects a document: A4 with the PDF's margins, the document
language of the app's language (Word's spelling check then knows the text), page numbers
in the footer like the PDF's, headings in order (title, level 1, level 2), a coach's
"- " lines as a real bulleted list, and properties that say what it is and when it was
made (python-docx's template would say Letter, en-US and 2013).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from leersessie import APP_NAME
from leersessie.base.i18n import language_tag, tr
from leersessie.reports import content
from leersessie.store.paths import atomic_file, write_failed

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_MM = 18  # as the PDF (reports/pdf.py)
_FIELD = re.compile(r"\{(page|total)\}")
_WORD_FIELDS = {"page": "PAGE", "total": "NUMPAGES"}


def write_docx(target: Path, title: str, blocks: Sequence[content.Block]) -> Path:
    document = Document()
    _page_setup(document, title)
    _language(document, language_tag())
    _properties(document, title)
    _add(document, blocks)
    try:
        with atomic_file(target, ".docx") as temp:
            document.save(str(temp))
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return target


def _page_setup(document: DocxDocument, title: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(
        Mm(PAGE_WIDTH_MM - 2 * MARGIN_MM), WD_TAB_ALIGNMENT.RIGHT
    )
    footer.add_run(f"{APP_NAME} · {title}\t").font.size = Pt(8)
    # "pagina {page} van {total}" with Word's own fields in place of the numbers.
    parts = _FIELD.split(tr("pagina {page} van {total}"))
    for index, part in enumerate(parts):
        if index % 2:
            _field(footer, _WORD_FIELDS[part])
        elif part:
            footer.add_run(part).font.size = Pt(8)


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")  # half-points: 8 pt, as the rest of the footer
    properties.append(size)
    text = OxmlElement("w:t")
    text.text = "1"  # shown until Word or LibreOffice updates the field
    run.append(properties)
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _language(document: DocxDocument, tag: str) -> None:
    """The language of every style (the defaults they inherit) and of the theme fonts."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None  # python-docx's template has them
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
    for lang in document.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), tag)


def _properties(document: DocxDocument, title: str) -> None:
    properties = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    properties.title = title
    properties.author = properties.last_modified_by = APP_NAME
    properties.created = properties.modified = now
    properties.revision = 1
    properties.language = language_tag()
    properties.comments = ""
    properties.keywords = ""
    properties.subject = ""


def _add(document: DocxDocument, blocks: Sequence[content.Block]) -> None:
    for block in blocks:
        if isinstance(block, content.Para):
            _paragraph(document, block)
        elif isinstance(block, content.Heading):
            document.add_heading(block.text, level=max(block.level - 1, 1))
        elif isinstance(block, content.Text):
            for line in block.text.splitlines():
                if line.strip():
                    _line(document, line)
        elif isinstance(block, content.KeyValues):
            _key_values(document, block)
        elif isinstance(block, content.Table):
            _table(document, block)
        elif isinstance(block, content.Group):
            _add(document, block.blocks)
        # content.Space: Word's paragraph spacing does that


def _paragraph(document: DocxDocument, block: content.Para) -> None:
    if block.style == "title":
        document.add_heading(block.text, level=0)
    elif block.style == "h3":
        # Below the report's sections (level 1): the next level, never a skipped one.
        document.add_heading(block.text, level=2)
    elif block.style == "body":
        _line(document, block.text)
    else:
        run = document.add_paragraph().add_run(block.text)
        run.italic = True
        run.font.size = Pt(9)


def _line(document: DocxDocument, text: str) -> None:
    """A line of text; a list item ("- ", "– ", "* ", "• ") as Word's bulleted list."""
    item = content.list_item(text)
    if item is None:
        document.add_paragraph(text)
    else:
        document.add_paragraph(item, style="List Bullet")


def _key_values(document: DocxDocument, block: content.KeyValues) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value or "–"
        cells[0].paragraphs[0].runs[0].bold = True
        cells[0].width = Mm(40)


def _table(document: DocxDocument, block: content.Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in block.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for column, width in zip(table.columns, block.widths_mm, strict=True):
        if width is not None:
            for cell in column.cells:
                cell.width = Mm(width)
