"""Printing our PDFs through the platform's print dialog.

The PDF is rendered page by page (pypdfium2) at the printer's resolution and painted on
the printer, so what is printed is exactly the PDF the coach can also save.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from leersessie.base.i18n import tr

MAX_DPI = 300


def print_pdf_with_dialog(pdf: Path, parent: QWidget | None = None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf.stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Afdrukken"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pdf(pdf, printer)
    return True


def paint_pdf(pdf: Path, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` on ``printer``; returns the number of pages."""
    document = pypdfium2.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            return 0
        dpi = min(printer.resolution(), MAX_DPI)
        for index, page in enumerate(document):
            if index:
                printer.newPage()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBA8888,
            )
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()
