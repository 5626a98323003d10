"""The development radar: the four teamontwikkelruimte dimensions as a radar chart.

The geometry lives in pure functions (``axis_end``, ``radar_shapes``) so a test can
check the plotted numbers against the stored ratings without looking at pixels; the
widget only paints what they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.method.development import RadarData, axis_direction
from leersessie.method.ratings import MAX_RATING
from leersessie_ui.style import ACCENT, MUTED

Point = tuple[float, float]


@dataclass(frozen=True)
class RadarShape:
    """One rated session as it is drawn: a point per axis relative to the centre
    (x to the right, y downwards as on screen), None where the axis was not rated."""

    session_id: str
    day: date
    latest: bool
    values: tuple[float | None, ...]
    points: tuple[Point | None, ...]
    # Per axis where people gave their own scores: the lowest and the highest as points.
    spread: tuple[tuple[Point, Point] | None, ...] = ()
    # Per axis: drawn at the median of the personal scores (no team score), as a ring.
    medians: tuple[bool, ...] = ()


def axis_end(index: int, count: int, radius: float) -> Point:
    """The rim end of an axis, relative to the centre, y downwards as on screen."""
    dx, dy = axis_direction(index, count)
    return (radius * dx, -radius * dy)


def radar_shapes(data: RadarData, radius: float) -> tuple[RadarShape, ...]:
    """Every rated session, oldest first: a rating of ``MAX_RATING`` lies on the rim."""
    keys = [key for key, _title in data.axes]
    shapes = []
    for position, (session_id, day, ratings) in enumerate(data.points):
        values = tuple(ratings.get(key) for key in keys)
        points = tuple(
            None
            if value is None
            else _scaled(axis_end(index, len(keys), radius), value / MAX_RATING)
            for index, value in enumerate(values)
        )
        spreads = data.spreads.get(session_id, {})
        spread = tuple(
            (
                _scaled(axis_end(index, len(keys), radius), spreads[key][0] / MAX_RATING),
                _scaled(axis_end(index, len(keys), radius), spreads[key][1] / MAX_RATING),
            )
            if key in spreads
            else None
            for index, key in enumerate(keys)
        )
        latest = position == len(data.points) - 1
        from_people = data.medians.get(session_id, frozenset())
        medians = tuple(key in from_people for key in keys)
        shapes.append(RadarShape(session_id, day, latest, values, points, spread, medians))
    return tuple(shapes)


def _scaled(point: Point, factor: float) -> Point:
    return (point[0] * factor, point[1] * factor)


def describe(data: RadarData) -> str:
    """The chart in words, for screen readers and the tooltip."""
    if not data.latest:
        return tr("Nog geen scores voor teamontwikkelruimte.")
    session_id, day, ratings = data.latest
    spreads = data.spreads.get(session_id, {})
    medians = data.medians.get(session_id, frozenset())
    parts = [
        f"{title} {ratings[key]:g}"
        + (" " + tr("(mediaan)") if key in medians else "")
        + (" ({}–{})".format(*spreads[key]) if key in spreads else "")
        for key, title in data.axes
        if key in ratings
    ]
    text = tr("Laatste scores ({date}): {scores}", date=short(day), scores=", ".join(parts))
    if medians:
        text += ". " + tr("Mediaan: zonder teamscore, de middelste van de persoonlijke scores.")
    return text


class RadarWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("developmentRadar")
        self.setAccessibleName(tr("Ontwikkelradar"))
        self.data = RadarData((), ())
        self.setMinimumSize(300, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, data: RadarData) -> None:
        self.data = data
        text = describe(data)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def shapes(self) -> tuple[RadarShape, ...]:
        return radar_shapes(self.data, self._radius())

    def _radius(self) -> float:
        # Room around the chart for the axis labels, left and right of the side axes.
        metrics = self.fontMetrics()
        count = len(self.data.axes)
        # Only labels beside the chart take width; those above and below are centred.
        label = (
            max(
                (
                    metrics.horizontalAdvance(title)
                    for index, (_key, title) in enumerate(self.data.axes)
                    if abs(axis_end(index, count, 1.0)[0]) > 0.01
                ),
                default=0,
            )
            + 16
        )
        return max(
            20.0, min(self.width() - 2 * label, self.height() - 2 * metrics.height() - 16) / 2
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.data.axes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(self.width() / 2, self.height() / 2)
        radius = self._radius()
        self._paint_grid(painter, radius)
        for shape in self.shapes():
            self._paint_shape(painter, shape)
        painter.end()

    def _paint_grid(self, painter: QPainter, radius: float) -> None:
        count = len(self.data.axes)
        painter.setPen(QPen(QColor("#c9d3d9"), 1))
        for ring in range(1, MAX_RATING + 1):
            corners = [_scaled(axis_end(i, count, radius), ring / MAX_RATING) for i in range(count)]
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in corners]))
        painter.setPen(QPen(QColor(MUTED), 1))
        metrics = painter.fontMetrics()
        for index, (_key, title) in enumerate(self.data.axes):
            x, y = axis_end(index, count, radius)
            painter.drawLine(QPointF(0, 0), QPointF(x, y))
            lx, ly = axis_end(index, count, radius + 8)
            width = metrics.horizontalAdvance(title) + 4
            height = metrics.height()
            left = lx - width / 2 if abs(lx) < 1 else (lx if lx > 0 else lx - width)
            top = ly - height if ly < -1 else (ly if ly > 1 else ly - height / 2)
            painter.drawText(
                QRectF(left, top, width, height), int(Qt.AlignmentFlag.AlignCenter), title
            )

    def _paint_shape(self, painter: QPainter, shape: RadarShape) -> None:
        if shape.latest:
            self._paint_spread(painter, shape)
        colour = QColor(ACCENT)
        if not shape.latest:
            colour.setAlpha(90)  # earlier sessions lighter, so the latest stands out
        painter.setPen(QPen(colour, 3 if shape.latest else 1.5))
        fill = QColor(colour)
        fill.setAlpha(50 if shape.latest else 0)
        painter.setBrush(fill)
        present = [QPointF(x, y) for point in shape.points if point for x, y in [point]]
        if len(present) >= 3:
            painter.drawPolygon(QPolygonF(present))
        elif len(present) == 2:
            painter.drawLine(present[0], present[1])
        medians = shape.medians or (False,) * len(shape.points)
        for point, median in zip(shape.points, medians, strict=True):
            if point is None:
                continue
            # A median of the personal scores is an open ring; a team score a dot.
            painter.setBrush(QColor("white") if median else colour)
            painter.drawEllipse(QPointF(*point), 6 if median else 3, 6 if median else 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_spread(self, painter: QPainter, shape: RadarShape) -> None:
        """The latest session's personal scores: a broad band from lowest to highest."""
        band = QColor(ACCENT)
        band.setAlpha(80)
        pen = QPen(band, 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for segment in shape.spread:
            if segment:
                (x1, y1), (x2, y2) = segment
                painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
