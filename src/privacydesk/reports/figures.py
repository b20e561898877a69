"""Charts and numbers the key-figure reports share (the request log, the annual report):
percentages on a 0–100 axis, stacked counts in round steps, numbers as management reads
them ("80.0%", "9.5", "—" for none)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing

from privacydesk.reports import charts
from privacydesk.reports.base import Report


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}".removesuffix(".0")


def share_chart(r: Report, categories: Sequence[str], name: str,
                shares: Sequence[float | None], *, title: str,
                horizontal: bool = False, height: float | None = None) -> Drawing:
    """A bar chart of percentages on a 0–100 axis; a category without any value (None)
    has no bar at all rather than a misleading 0."""
    kw = {"height": height} if height else {}
    categories, shares = list(categories), list(shares)
    if horizontal:  # the first category on top, as a table reads
        categories.reverse()
        shares.reverse()
    d = charts.bars(categories, [(name, [s or 0 for s in shares])], font=r.fonts.regular,
                    width=r.width, title=title, value_format="{:.0f}%",
                    horizontal=horizontal, **kw)
    chart = next(c for c in d.contents if hasattr(c, "valueAxis"))
    chart.data = [shares]
    chart.valueAxis.valueMax = 112  # room for the label of a full bar; ticks stop at 100
    if horizontal:  # the label beside the bar's end, not across it
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.nudge = 3
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = "{:.0f}%".format
    return d


def stacked_chart(r: Report, categories: Sequence[str],
                  series: Sequence[tuple[str, Sequence[float]]], *, title: str) -> Drawing:
    """Stacked bars of counts; a segment of nought carries no label."""
    d = charts.bars(categories, series, font=r.fonts.regular, width=r.width, stacked=True,
                    title=title)
    chart = next(c for c in d.contents if hasattr(c, "valueAxis"))
    top = max((sum(v) for v in zip(*(v for _, v in series), strict=True)), default=0)
    # a label for each segment tall enough to carry one; the axis in round steps
    chart.barLabelFormat = lambda v: f"{v:,.0f}" if v and v >= top * 0.04 else ""
    chart.valueAxis.valueStep = round_step(top / 5)
    return d


def round_step(x: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50… that is at least x."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= x:
                return step * m
        step *= 10
