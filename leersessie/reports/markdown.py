"""A report's content blocks as Markdown, to paste into an intranet page or a mail."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from leersessie.reports import content
from leersessie.store.paths import atomic_file, write_failed

# What Markdown would read as inline markup in a user's text. A line the coach starts
# with "- " stays a list item: that is what the coach meant.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def markdown(blocks: Sequence[content.Block]) -> str:
    return "\n\n".join(part for part in _parts(blocks) if part) + "\n"


def _parts(blocks: Sequence[content.Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, content.Para):
            out.append(_para(block))
        elif isinstance(block, content.Heading):
            out.append(f"{'#' * block.level} {escape(block.text)}")
        elif isinstance(block, content.Text):
            lines = [escape(line) for line in block.text.splitlines()]
            out.append("  \n".join(lines))  # a hard break keeps the coach's lines
        elif isinstance(block, content.KeyValues):
            out.append("\n".join(f"- **{escape(k)}:** {escape(v) or '–'}" for k, v in block.rows))
        elif isinstance(block, content.Table):
            out.append(_table(block))
        elif isinstance(block, content.Group):
            out += _parts(block.blocks)
    return out


def _para(block: content.Para) -> str:
    text = escape(block.text)
    return {"title": f"# {text}", "h3": f"### {text}", "small": f"_{text}_"}.get(block.style, text)


def _table(block: content.Table) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(escape(cell).replace("\n", " ") for cell in cells) + " |"

    lines = [row(block.header), "|" + "---|" * len(block.header)]
    lines += [row(cells) for cells in block.rows]
    return "\n".join(lines)


def write_markdown(target: Path, blocks: Sequence[content.Block]) -> Path:
    try:
        with atomic_file(target, ".md") as temp:
            temp.write_text(markdown(blocks), encoding="utf-8")
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return target
