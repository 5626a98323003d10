"""The development radar as a reportlab Drawing: the latest session bold, earlier ones lighter.

The geometry is a pure function (``radar_polygon``) so a test can check the numbers
plotted rather than pixels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Shape, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from leersessie.base.dates import short
from leersessie.base.i18n import tr
from leersessie.method.development import RadarData, axis_direction
from leersessie.method.ratings import MAX_RATING, MIN_RATING
from leersessie.reports.pdf import ACCENT, BODY_FONT, BOLD_FONT, LINE, MUTED, register_fonts

# How many sessions before the latest are drawn; more would turn the chart into a tangle
# (the table beside it lists every session).
EARLIER_SHOWN = 4
_EARLIER_COLOURS = ("#7fa7b8", "#a3c0cc", "#c3d6de", "#dde7ec")  # newest to oldest


def radar_point(
    value: float, index: int, count: int, cx: float, cy: float, radius: float
) -> tuple[float, float]:
    """Where ``value`` (on the 0..5 scale, 5 at the rim) lies on axis ``index``."""
    distance = radius * value / MAX_RATING
    dx, dy = axis_direction(index, count)
    return cx + distance * dx, cy + distance * dy


def radar_polygon(
    values: Mapping[str, float],
    axes: Sequence[tuple[str, str]],
    cx: float,
    cy: float,
    radius: float,
) -> list[float]:
    """Flat [x1, y1, x2, y2, ...] of one session's values, in axis order. An axis the
    session did not rate is skipped, never drawn as a zero."""
    points: list[float] = []
    for index, (key, _title) in enumerate(axes):
        if key in values:
            points.extend(radar_point(values[key], index, len(axes), cx, cy, radius))
    return points


def radar_spread_lines(
    spread: Mapping[str, tuple[int, int]],
    axes: Sequence[tuple[str, str]],
    cx: float,
    cy: float,
    radius: float,
) -> list[tuple[float, float, float, float]]:
    """Per axis with personal scores: the segment from the lowest to the highest score."""
    lines = []
    for index, (key, _title) in enumerate(axes):
        if key in spread:
            low, high = spread[key]
            lines.append(
                (
                    *radar_point(low, index, len(axes), cx, cy, radius),
                    *radar_point(high, index, len(axes), cx, cy, radius),
                )
            )
    return lines


def _shape(
    points: list[float], colour: colors.Color, width: float, fill: colors.Color | None
) -> list[Shape]:
    """A closed polygon for three or more values; a line or a dot for fewer."""
    shapes: list[Shape] = []
    if len(points) >= 6:
        shapes.append(
            Polygon(points, strokeColor=colour, strokeWidth=width, fillColor=fill, strokeLineJoin=1)
        )
    elif len(points) == 4:
        shapes.append(PolyLine(points, strokeColor=colour, strokeWidth=width))
    for x, y in zip(points[::2], points[1::2], strict=True):
        shapes.append(Circle(x, y, width + 0.8, fillColor=colour, strokeColor=None))
    return shapes


def _median_rings(
    data: RadarData,
    session_id: str,
    values: dict[str, float],
    centre: tuple[float, float],
    radius: float,
) -> list[Shape]:
    """An open ring where a dimension had no team score and is drawn at the median of the
    personal scores (as the app's radar draws it)."""
    medians = data.medians.get(session_id, frozenset())
    cx, cy = centre
    count = len(data.axes)
    rings: list[Shape] = []
    for index, (key, _title) in enumerate(data.axes):
        if key in medians and key in values:
            x, y = radar_point(values[key], index, count, cx, cy, radius)
            rings.append(
                Circle(x, y, 4, fillColor=colors.white, strokeColor=ACCENT, strokeWidth=1.5)
            )
    return rings


def _frame(
    drawing: Drawing, axes: Sequence[tuple[str, str]], cx: float, cy: float, radius: float
) -> None:
    """Rings for 1..5, the axes and their Dutch titles, and the scale along the top axis."""
    count = len(axes)
    for level in range(MIN_RATING, MAX_RATING + 1):
        ring = [c for i in range(count) for c in radar_point(level, i, count, cx, cy, radius)]
        drawing.add(Polygon(ring, strokeColor=LINE, strokeWidth=0.5, fillColor=None))
        x, y = radar_point(level, 0, count, cx, cy, radius)
        drawing.add(
            String(x + 3, y - 3, str(level), fontName=BODY_FONT, fontSize=7, fillColor=MUTED)
        )
    for index, (_key, title) in enumerate(axes):
        x, y = radar_point(MAX_RATING, index, count, cx, cy, radius)
        drawing.add(Line(cx, cy, x, y, strokeColor=LINE, strokeWidth=0.6))
        cos, sin = axis_direction(index, count)
        anchor: Literal["start", "middle", "end"] = (
            "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        )
        lx, ly = radar_point(MAX_RATING + 0.35, index, count, cx, cy, radius)
        drawing.add(
            String(
                lx,
                ly - (9 if sin < -0.3 else 0) - (3 if abs(sin) <= 0.3 else 0),
                title,
                fontName=BOLD_FONT,
                fontSize=9,
                fillColor=colors.black,
                textAnchor=anchor,
            )
        )


RADAR_WIDTH, RADAR_HEIGHT = 170 * mm, 92 * mm


def radar_layout(height: float = RADAR_HEIGHT) -> tuple[float, float, float]:
    """Centre x, centre y and radius of the chart in a drawing of this height; room is
    left around it for the axis titles."""
    return 62 * mm, height / 2, height / 2 - 14 * mm


def radar_sessions_drawn(data: RadarData) -> list[tuple[str, date, dict[str, float]]]:
    """The points the chart draws: the latest session and up to EARLIER_SHOWN before it."""
    return list(data.points[-(EARLIER_SHOWN + 1) :])


def radar_drawing(
    data: RadarData, width: float = RADAR_WIDTH, height: float = RADAR_HEIGHT
) -> Drawing:
    """The chart with a legend of the sessions drawn (date, colour) on the right."""
    register_fonts()
    drawing = Drawing(width, height)
    cx, cy, radius = radar_layout(height)
    _frame(drawing, data.axes, cx, cy, radius)
    shown = radar_sessions_drawn(data)
    legend: list[tuple[str, colors.Color, float]] = []
    for age, (_sid, day, values) in enumerate(reversed(shown[:-1])):
        colour = colors.HexColor(_EARLIER_COLOURS[age])
        for shape in _shape(radar_polygon(values, data.axes, cx, cy, radius), colour, 1, None):
            drawing.add(shape)
        legend.append((short(day), colour, 1))
    if shown:
        sid, day, values = shown[-1]
        fill = colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.12)
        for shape in _shape(radar_polygon(values, data.axes, cx, cy, radius), ACCENT, 2.5, fill):
            drawing.add(shape)
        legend.insert(0, (tr("{date} (laatste)", date=short(day)), ACCENT, 2.5))
        band = colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.35)
        spread = radar_spread_lines(data.spreads.get(sid, {}), data.axes, cx, cy, radius)
        for x1, y1, x2, y2 in spread:
            drawing.add(Line(x1, y1, x2, y2, strokeColor=band, strokeWidth=7, strokeLineCap=1))
        if spread:
            legend.insert(1, (tr("spreiding: laagste tot hoogste persoonlijke score"), band, 7))
        medians = _median_rings(data, sid, values, (cx, cy), radius)
        for ring in medians:
            drawing.add(ring)
        if medians:
            legend.append((tr("open rondje: mediaan van de persoonlijke scores"), ACCENT, 1))
    _legend(drawing, legend, 128 * mm, height - 12 * mm)
    return drawing


def _legend(
    drawing: Drawing, entries: list[tuple[str, colors.Color, float]], x: float, top: float
) -> None:
    for row, (label, colour, width) in enumerate(entries):
        y = top - row * 6 * mm
        drawing.add(Line(x, y + 3, x + 8 * mm, y + 3, strokeColor=colour, strokeWidth=width))
        drawing.add(
            String(x + 10 * mm, y, label, fontName=BODY_FONT, fontSize=8.5, fillColor=colors.black)
        )
