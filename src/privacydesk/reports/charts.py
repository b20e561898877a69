"""Charts of the reports, drawn with reportlab.graphics so they print sharp.

Bars carry their values as labels and series differ by shade of grey as well as by
colour, so a chart reads printed in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

# dark to light: distinguishable in grey as well as in colour
SHADES = (colors.HexColor("#37474f"), colors.HexColor("#90a4ae"), colors.HexColor("#cfd8dc"),
          colors.HexColor("#607d8b"), colors.HexColor("#b0bec5"), colors.HexColor("#263238"))
_DARK = (SHADES[0], SHADES[3], SHADES[5])  # shades a black label would not read on


def bars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
         font: str, width: float, height: float = 70 * mm, title: str = "",
         stacked: bool = False, value_format: str = "{:,.0f}",
         horizontal: bool = False) -> Drawing:
    """A bar chart of `series` (name, values per category) over `categories`."""
    STATE_DEFAULTS["fontName"] = font  # no standard (unembedded) font in the drawing
    d = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    legend_h = 12 if len(series) > 1 else 0
    title_h = 14 if title else 0
    left = 34
    if horizontal:  # room for the longest category name, up to 40 % of the width
        room = width * 0.4
        widest = max((stringWidth(c, font, 6.5) for c in categories), default=0)
        left = max(40, min(room, widest + 10))
        categories = [_fit(c, font, 6.5, left - 10) for c in categories]
    chart.x, chart.y = left, 28 + legend_h
    chart.width = width - left - 12
    chart.height = height - chart.y - title_h - 8
    chart.data = [list(v) for _, v in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5
    if not horizontal:
        chart.categoryAxis.labels.angle = 30 if len(categories) > 8 else 0
        chart.categoryAxis.labels.dy = -8 if len(categories) > 8 else -2
        chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 8 else "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    top = max((max(v) if len(v) else 0) for _, v in series) if series else 0
    if stacked and series:
        top = max(sum(vals) for vals in zip(*(v for _, v in series), strict=True)) \
            if categories else 0
        chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMax = max(1, top * 1.15)
    if value_format == "{:,.0f}":  # counts: whole-number ticks
        chart.valueAxis.valueStep = max(1, math.ceil(top / 5))
    chart.barLabelFormat = value_format.format
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    if horizontal and not stacked:  # the value starts just after the bar's end
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.nudge = 3
    if stacked:  # each segment's value inside it (none on an empty segment)
        chart.barLabelFormat = lambda v: value_format.format(v) if v else ""
        chart.barLabels.boxTarget = "mid"
        chart.barLabels.nudge = 0
    for i in range(max(1, len(series))):
        chart.bars[i].fillColor = SHADES[i % len(SHADES)]
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.3
        if stacked and SHADES[i % len(SHADES)] in _DARK:
            chart.barLabels[i].fillColor = colors.white
    d.add(chart)
    if title:
        d.add(String(0, height - 10, title, fontName=font, fontSize=9))
    if len(series) > 1:
        legend = Legend()
        legend.fontName = font
        legend.fontSize = 7
        legend.x, legend.y = left, 10
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = max(60, (width - left) / max(len(series), 1))
        legend.colorNamePairs = [(SHADES[i % len(SHADES)], name)
                                 for i, (name, _) in enumerate(series)]
        d.add(legend)
    return d


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with "…" to fit `width` points (a category name beside a bar)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
