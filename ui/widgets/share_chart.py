"""A small bar chart of the share of open questions per session, oldest left: a group
sees itself learn to ask openly. The bar heights come from ``bar_heights`` so a test can
check them without looking at pixels."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.method.questions import SessionShare
from leersessie_ui.style import ACCENT, MUTED

SESSIONS_SHOWN = 12  # the latest ones; older sessions are in the team report


def bar_heights(shares: list[SessionShare], height: float) -> list[float]:
    return [share.share * height for share in shares[-SESSIONS_SHOWN:]]


class OpenShareChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openShareChart")
        self.shares: list[SessionShare] = []
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Aandeel open en reflectieve vragen per sessie"))

    def set_data(self, shares: list[SessionShare]) -> None:
        self.shares = shares
        self.setAccessibleDescription(
            "; ".join(
                tr(
                    "{date}: {percent}% open of reflectief",
                    date=short(s.date),
                    percent=round(s.share * 100),
                )
                for s in shares[-SESSIONS_SHOWN:]
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(2, 4, -2, -4)
        painter.setPen(QPen(QColor(MUTED), 1, Qt.PenStyle.DashLine))
        half = area.bottom() - area.height() / 2  # a guide at half of the questions open
        painter.drawLine(int(area.left()), int(half), int(area.right()), int(half))
        heights = bar_heights(self.shares, area.height())
        if not heights:
            return
        slot = area.width() / len(heights)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, height in enumerate(heights):
            latest = index == len(heights) - 1
            painter.setBrush(QColor(ACCENT) if latest else QColor(ACCENT).lighter(170))
            left = area.left() + index * slot + slot * 0.2
            painter.drawRect(QRectF(left, area.bottom() - height, slot * 0.6, height))
