"""The file formats a session summary is saved in, in one list: the app's menu and save
dialog and the command line all read it, so a new format is one entry and one writer here.

Every format writes the same content (``reports.content`` blocks); the writers import their
library when first used, so a start loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from leersessie.base.errors import InputError
from leersessie.base.i18n import N_, tr
from leersessie.reports.content import Block


def _pdf(target: Path, title: str, blocks: Sequence[Block]) -> Path:
    from leersessie.reports.pdf import flowables, write_pdf

    return write_pdf(target, title, flowables(blocks))


def _docx(target: Path, title: str, blocks: Sequence[Block]) -> Path:
    from leersessie.reports.docx import write_docx

    return write_docx(target, title, blocks)


def _markdown(target: Path, _title: str, blocks: Sequence[Block]) -> Path:
    from leersessie.reports.markdown import write_markdown

    return write_markdown(target, blocks)


@dataclass(frozen=True)
class OutputFormat:
    suffix: str  # ".pdf": what a file of this format is called
    name: str  # N_ marked: "PDF", "Word"...
    menu_text: str  # N_ marked: the summary menu's entry
    file_filter: str  # N_ marked: the save dialog's filter
    write: Callable[[Path, str, Sequence[Block]], Path]


SUMMARY_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat(".pdf", "PDF", N_("Opslaan als PDF…"), N_("PDF-bestanden (*.pdf)"), _pdf),
    OutputFormat(
        ".docx", "Word", N_("Opslaan als Word-bestand…"), N_("Word-bestanden (*.docx)"), _docx
    ),
    OutputFormat(
        ".md",
        "Markdown",
        N_("Opslaan als Markdown…"),
        N_("Markdown-bestanden (*.md)"),
        _markdown,
    ),
)


def format_for(target: Path) -> OutputFormat:
    """The format a file name asks for; an InputError names the ones there are (a .txt
    must not quietly become a PDF)."""
    suffix = target.suffix.lower()
    for output in SUMMARY_FORMATS:
        if output.suffix == suffix:
            return output
    raise InputError(
        tr(
            "Een verslag kan worden opgeslagen als {suffixes}; '{name}' is geen van die. "
            "Kies een bestandsnaam die daarop eindigt.",
            suffixes=", ".join(output.suffix for output in SUMMARY_FORMATS),
            name=target.name,
        )
    )


def suffixes_help() -> str:
    """For the command line's help: ".pdf|.docx|.md"."""
    return "|".join(output.suffix for output in SUMMARY_FORMATS)
