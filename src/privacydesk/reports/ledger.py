"""Long ledgers: a table of tens of thousands of rows, laid out page by page.

`Report.table` suits the tables of a few hundred rows most reports print. A ledger of
ten thousand rows of eleven cells strains it three ways:

- every cell is a ReportLab Paragraph, which parses its text as markup and keeps its
  frags and lines: about 2.5 KB and a fraction of a millisecond per cell, hundreds of
  megabytes for such a ledger;
- a table split over pages measures all its remaining rows again at each page, so the
  rows are laid out in chunks of tables, and each chunk prints its header row again
  wherever it starts, in the middle of a page too.

Here a `PlainCell` holds only its text: it wraps it by width (at spaces, or between any
two Japanese characters, never before a closing mark) and draws each line with one
`drawString`; `plain(r, value)` makes one from a value as `Report.table` takes it (str,
int, Cell) with the same look (the table cells' font and size, a status word with its
coloured dot, numbers right-aligned with thousands separators). A `Ledger` is one
flowable for the whole table: on each page it measures only the rows that fit there and
lays them out as a table with the header row on top, so the header appears once per page
and every row is measured about once. `ledger(r, header, rows, widths)` adds one to a
report, as `Report.table` does a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from privacydesk.reports.base import GRID, HEAD_FILL, ZEBRA, Cell, Report, _x
from privacydesk.services import present

DOT = "●"
# a token: one CJK character (or full-width form), a run of other non-space
# characters, or a run of spaces
_TOKENS = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
                     r"|[^\s\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+")
_NO_LINE_START = frozenset("、。，．・：；！？）」』】〕》〉ー々ゝゞ々,.:;!?)]}%")


def split_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The lines of `text` set in `width` points (a word wider than a line is cut)."""
    out: list[str] = []
    for para in text.split("\n"):
        if stringWidth(para, font, size) <= width:
            out.append(para)
            continue
        line, used = "", 0.0
        for tok in _TOKENS.findall(para):
            w = stringWidth(tok, font, size)
            if used + w <= width or tok.isspace() or (tok in _NO_LINE_START and line):
                line, used = line + tok, used + w
                continue
            if line.strip():
                out.append(line.rstrip())
            line, used = "", 0.0
            while w > width and len(tok) > 1:  # a word longer than the line: cut it
                cut = len(tok) - 1
                while cut > 1 and stringWidth(tok[:cut], font, size) > width:
                    cut -= 1
                out.append(tok[:cut])
                tok = tok[cut:]
                w = stringWidth(tok, font, size)
            line, used = tok, w
        out.append(line.rstrip())
    return out


class PlainCell(Flowable):
    """A table cell of plain text (see the module docstring)."""

    # the attributes Flowable.__init__ would set on every instance, once for all
    width = height = 0
    wrapped = 0
    hAlign, vAlign = "LEFT", "BOTTOM"
    _traceInfo = _showBoundary = encoding = None

    def __init__(self, text: str, font: str, size: float, leading: float, *,
                 align: str = "left", dot: str | None = None) -> None:
        self.text = text
        self.font, self.size, self.leading = font, size, leading
        self.align = align
        self.dot = dot  # colour of a status dot before the text (hex), or None

    def _prefix(self) -> float:
        return stringWidth(DOT + " ", self.font, self.size) if self.dot else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.wrapped == avail_width:  # a table asks again for each page it is split on
            return self.width, self.height
        self.wrapped = self.width = avail_width
        self.lines = split_lines(self.text, self.font, self.size,
                                 max(avail_width - self._prefix(), self.size))
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(self.font, self.size)
        prefix = self._prefix()
        y = self.height - self.size - (self.leading - self.size) / 2 + 1
        if self.dot:
            canv.saveState()
            canv.setFillColor(colors.HexColor(self.dot))
            canv.drawString(0, y, DOT)
            canv.restoreState()
        for line in self.lines:
            if self.align == "right":
                canv.drawRightString(self.width, y, line)
            elif self.align == "center":
                canv.drawCentredString(self.width / 2, y, line)
            else:
                canv.drawString(prefix, y, line)
            y -= self.leading


def plain(r: Report, value: Any) -> PlainCell:
    """A value as `Report.table` takes it, as a PlainCell in the style of table cells."""
    s = r.s_cell
    if isinstance(value, Cell):
        colour = present.colour(value.tone) if value.text else None
        return PlainCell(value.text, s.fontName, s.fontSize, s.leading, align=value.align,
                         dot=colour)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return PlainCell(f"{value:,}", s.fontName, s.fontSize, s.leading, align="right")
    return PlainCell("" if value is None else str(value), s.fontName, s.fontSize, s.leading)


PAD_X, PAD_Y = 3, 2  # the cell padding of Report.table


class Ledger(Flowable):
    """A long table, laid out page by page (see the module docstring)."""

    hAlign, vAlign = "LEFT", "BOTTOM"
    _traceInfo = _showBoundary = encoding = None

    def __init__(self, r: Report, head: list[Flowable], rows: list[list[Flowable]],
                 col_widths: list[float], *, zebra: bool = True, start: int = 0) -> None:
        self.r, self.head, self.rows, self.col_widths = r, head, rows, col_widths
        self.zebra, self.start = zebra, start
        self.width = self.height = 0
        self._table: LongTable | None = None

    def _row_height(self, cells: Sequence[Flowable]) -> float:
        return max(c.wrap(w - 2 * PAD_X, 1e6)[1]
                   for c, w in zip(cells, self.col_widths, strict=True)) + 2 * PAD_Y

    def _fitting(self, avail_height: float) -> tuple[int, float]:
        """How many rows from `start` fit under the header, and their height."""
        used = self._row_height(self.head)
        n = 0
        for cells in self.rows[self.start:]:
            h = self._row_height(cells)
            if used + h > avail_height:
                return n, used + h  # more than fits: the frame will split
            used += h
            n += 1
        return n, used

    def _make(self, end: int) -> LongTable:
        r = self.r
        rows = self.rows[self.start:end]
        table = LongTable([self.head, *rows], colWidths=self.col_widths, repeatRows=1,
                          splitByRow=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), r.fonts.regular),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ]
        if self.zebra:
            style += [("BACKGROUND", (0, i), (-1, i), ZEBRA)
                      for i in range(2, len(rows) + 1, 2)]
        table.setStyle(TableStyle(style))
        return table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        n, height = self._fitting(avail_height)
        self.width, self.height = sum(self.col_widths), height
        if self.start + n == len(self.rows):  # the rest fits: lay it out now
            self._table = self._make(len(self.rows))
            self.width, self.height = self._table.wrap(avail_width, avail_height)
        else:
            self._table = None
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        n, _ = self._fitting(avail_height)
        if n == 0:
            return []  # not even one row here: on to the next page
        self.r.step(self.r.t("laying out tables", "表を組版中"), self.start + n,
                    len(self.rows))
        return [self._make(self.start + n),
                Ledger(self.r, self.head, self.rows, self.col_widths, zebra=self.zebra,
                       start=self.start + n)]

    def draw(self) -> None:
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)


def ledger(r: Report, header: Sequence[str], rows: Iterable[Sequence[object]], *,
           widths: Sequence[float] | None = None, zebra: bool = True) -> int:
    """A long table of plain cells (`plain`) added to the report: its header on top of
    each page, no row cut in two. `widths`: fractions of the usable width. Returns the
    number of rows."""
    cols = len(header)
    widths = list(widths) if widths is not None else [1.0] * cols
    total = sum(widths)
    col_widths = [r.width * w / total for w in widths]
    head: list[Flowable] = [Paragraph(_x(h), r.s_head) for h in header]
    body: list[list[Flowable]] = []
    for n, row in enumerate(rows, 1):
        body.append([v if isinstance(v, Flowable) else plain(r, v) for v in row])
        if n % 1000 == 0:
            r.step(r.t("reading the rows", "行を読込中"), n, 0)
    if not body:
        r.paragraph(r.t("(none)", "（該当なし）"), small=True)
        return 0
    r.story.append(Ledger(r, head, body, col_widths, zebra=zebra))
    return len(body)
