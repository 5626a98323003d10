"""Render icons/leersessie.svg to the icon files each platform needs.

    python packaging/make_icons.py

Writes icons/leersessie-<size>.png (16 to 512), leersessie.ico (Windows) and
leersessie.icns (macOS). The results are committed, so a build needs no renderer;
run this again after changing the SVG. Uses Qt's SVG renderer (PySide6, already a
dependency) and Pillow (comes with reportlab) for the ICO and ICNS containers.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SOURCE = ICONS / "leersessie.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is geen geldige SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in PNG_SIZES}
    for size, image in images.items():
        image.save(ICONS / f"leersessie-{size}.png", optimize=True)
    # Each size rendered on its own (not scaled down from 512), so small ones stay sharp.
    images[256].save(
        ICONS / "leersessie.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[512].save(ICONS / "leersessie.icns")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
