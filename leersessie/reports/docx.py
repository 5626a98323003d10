"""A report's content blocks as an editable Word file (python-docx): real headings and
tables, so an organisation's document system can index and edit it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt

from leersessie import APP_NAME
from leersessie.reports import content
from leersessie.store.paths import atomic_file, write_failed


def write_docx(target: Path, title: str, blocks: Sequence[content.Block]) -> Path:
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = APP_NAME
    _add(document, blocks)
    try:
        with atomic_file(target, ".docx") as temp:
            document.save(str(temp))
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return target


def _add(document: DocxDocument, blocks: Sequence[content.Block]) -> None:
    for block in blocks:
        if isinstance(block, content.Para):
            _paragraph(document, block)
        elif isinstance(block, content.Heading):
            document.add_heading(block.text, level=max(block.level - 1, 1))
        elif isinstance(block, content.Text):
            for line in block.text.splitlines():
                if line.strip():
                    document.add_paragraph(line)
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
        document.add_heading(block.text, level=3)
    else:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.style == "small":
            run.italic = True
            run.font.size = Pt(9)


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
