"""What a report says, apart from how it looks: headings, paragraphs, tables.

The session summary is built once as these blocks; ``reports.pdf.flowables``,
``reports.docx`` and ``reports.markdown`` render the same blocks, so the PDF, the Word
file and the Markdown always hold the same content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# How a list item starts, in a coach's notes ("- punt") and in the reports ("– vraag").
_LIST_ITEM = re.compile(r"\s*[-–•*]\s+(?=\S)")


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body, small (a remark), title, h3 (a small heading)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Text:
    """A user's free text: its lines kept, empty lines as space."""

    text: str


@dataclass(frozen=True)
class KeyValues:
    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_mm: Sequence[float | None]  # None: the rest of the width


@dataclass(frozen=True)
class Space:
    mm: float


@dataclass(frozen=True)
class Group:
    """Blocks that belong together (kept on one page where they fit)."""

    blocks: Sequence[Block]


Block = Para | Heading | Text | KeyValues | Table | Space | Group


def plain_lines(blocks: Sequence[Block]) -> list[str]:
    """Every text of the blocks in reading order (for tests and for comparing formats)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Group):
            out += plain_lines(block.blocks)
        elif isinstance(block, Para | Heading):
            out.append(block.text)
        elif isinstance(block, Text):
            out += [line for line in block.text.splitlines() if line.strip()]
        elif isinstance(block, KeyValues):
            out += [f"{label} {value}" for label, value in block.rows]
        elif isinstance(block, Table):
            out += [" ".join(block.header), *(" ".join(row) for row in block.rows)]
    return out


def list_item(line: str) -> str | None:
    """The text of a list item ("- punt", "– vraag", "• punt", "* punt"), else None."""
    found = _LIST_ITEM.match(line)
    return line[found.end() :] if found else None
