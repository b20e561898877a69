"""The frame every report shares: A4 pages, cover, contents, header and footer, tables,
status words, the sign-off block and the audit anchor.

A report module fills a `Report` with headings, paragraphs, tables and charts; `build`
lays it out with ReportLab's platypus:

- A4 portrait, or landscape for wide ledgers; margins for binding and punching;
- a cover page (organization, title, period, prepared by, date of issue, the
  confidentiality label of the settings); a table of contents when asked for;
- on every later page a header (organization, title, confidentiality) and a footer
  ("page N of M", date of issue);
- tables repeat their header row on every page and never cut a row in two;
- a status is a word, with a coloured dot beside it: it reads printed in black and
  white;
- the last page carries the sign-off block and the audit anchor: the audit chain's
  sequence number and head hash when the report was made, which
  `privacydesk verify --anchor SEQ:HASH` checks against the database later.

Japanese text is set in an embedded TrueType font (see `fonts`). Text comes in through
`Report.t(en, ja)` or as `Text`; values are formatted by `services.present`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from privacydesk.domain.fields import Text, in_lang
from privacydesk.reports import fonts as report_fonts
from privacydesk.services import present, reporting
from privacydesk.services import settings as settings_service
from privacydesk.services.session import Cancelled, Database

JST = ZoneInfo("Asia/Tokyo")
GRID = colors.HexColor("#9e9e9e")
HEAD_FILL = colors.HexColor("#e8e8e8")
ZEBRA = colors.HexColor("#f6f6f6")

Progress = Callable[[str, int, int], None]  # (what, done, total)
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _x(text: Any) -> str:
    """Text for a Paragraph: markup characters escaped, line breaks kept."""
    return escape("" if text is None else str(text)).replace("\n", "<br/>")


@dataclass
class Cell:
    """A table cell with more than text: a status (tone), or right alignment."""

    text: str
    tone: str | None = None
    align: str = "left"  # left | right | center


@dataclass
class BuildResult:
    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)
    anchor: str = ""


class _Heading(Paragraph):
    """A heading that the table of contents lists and the PDF outline bookmarks."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.toc_text = text
        self.toc_key = key


class _Doc(BaseDocTemplate):
    def __init__(self, filename: str, report: Report, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self.report = report

    def afterFlowable(self, flowable: Flowable) -> None:
        self.report._after_flowable(self, flowable)


class Report:
    """One report being written: its story, styles and what the cover says."""

    def __init__(self, db: Database, *, name: str, title: Text, lang: str = "ja",
                 period: reporting.Period | None = None, today: date | None = None,
                 landscape_pages: bool = False, contents: bool = False,
                 subject: str | None = None, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, dated: bool = True) -> None:
        self.db = db
        self.name = name
        self.title_text = title
        self.lang = "ja" if lang == "ja" else "en"
        self.today = today or datetime.now(JST).date()
        self.period = period or reporting.Period.last_months(self.today)
        self.subject = subject
        self.dated = dated  # False: a report of the present state, "as of" its day of issue
        self.landscape = landscape_pages
        self.contents = contents
        self._progress = progress
        self._cancelled = cancelled
        self.warnings: list[str] = []
        values = settings_service.all_values(db)
        self.fonts = report_fonts.japanese(values.get("report_font") or "")
        if self.fonts.warning:
            self.warnings.append(self.fonts.warning)
        self.confidentiality = values.get("report_confidentiality") or ""
        self.organization = reporting.organization(db)
        self.officer = reporting.officer_name(db)
        self.story: list[Flowable] = []
        self._headings = 0
        self._styles()

    # --- words ------------------------------------------------------------------------

    def t(self, en: str, ja: str) -> str:
        return ja if self.lang == "ja" else en

    def tr(self, text: str) -> str:
        """A `Text` of the services (or any str) in the report's language."""
        return in_lang(text, self.lang)

    @property
    def title(self) -> str:
        return self.tr(self.title_text)

    # --- progress -----------------------------------------------------------------------

    def step(self, what: str, done: int = 0, total: int = 0) -> None:
        """Report progress; raise Cancelled when the user has cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("report cancelled")
        if self._progress is not None:
            self._progress(what, done, total)

    # --- styles -------------------------------------------------------------------------

    def _styles(self) -> None:
        f = self.fonts.regular
        base = dict(fontName=f, wordWrap="CJK", leading=13, fontSize=9.5)
        self.s_body = ParagraphStyle("body", **base, spaceAfter=4)
        self.s_small = ParagraphStyle("small", **{**base, "fontSize": 8, "leading": 10})
        self.s_cell = ParagraphStyle("cell", **{**base, "fontSize": 8, "leading": 10})
        self.s_cell_r = ParagraphStyle("cell_r", parent=self.s_cell, alignment=TA_RIGHT)
        self.s_cell_c = ParagraphStyle("cell_c", parent=self.s_cell, alignment=TA_CENTER)
        self.s_head = ParagraphStyle("head", **{**base, "fontSize": 8, "leading": 10})
        # text without Japanese wraps at spaces: CJK wrapping cuts an English word in two
        # in a narrow column ("Partly implemente|d")
        self._words = {id(st): ParagraphStyle(st.name + "_words", parent=st, wordWrap=None)
                       for st in (self.s_cell, self.s_cell_r, self.s_cell_c, self.s_head)}
        self.s_h1 = ParagraphStyle("h1", **{**base, "fontSize": 15, "leading": 20,
                                            "spaceBefore": 6, "spaceAfter": 8})
        self.s_h2 = ParagraphStyle("h2", **{**base, "fontSize": 12, "leading": 16,
                                            "spaceBefore": 8, "spaceAfter": 4})
        self.s_h3 = ParagraphStyle("h3", **{**base, "fontSize": 10.5, "leading": 14,
                                            "spaceBefore": 6, "spaceAfter": 3})
        self.s_title = ParagraphStyle("title", **{**base, "fontSize": 24, "leading": 32,
                                                  "alignment": TA_LEFT})
        self.s_cover = ParagraphStyle("cover", **{**base, "fontSize": 12, "leading": 18})
        self.s_label = ParagraphStyle("label", **{**base, "fontSize": 10, "leading": 14,
                                                  "textColor": colors.HexColor("#424242")})
        self.toc_styles = [
            ParagraphStyle("toc1", **{**base, "fontSize": 10.5, "leading": 15,
                                      "leftIndent": 0}),
            ParagraphStyle("toc2", **{**base, "fontSize": 9.5, "leading": 13,
                                      "leftIndent": 14}),
        ]

    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def width(self) -> float:
        """The width a table may take."""
        return self.page_size[0] - 40 * mm

    # --- content ------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        style = {1: self.s_h1, 2: self.s_h2}.get(level, self.s_h3)
        self._headings += 1
        key = f"h{self._headings}"
        if self.story:  # a heading starts a new page rather than end one alone
            self.story.append(CondPageBreak({1: 60, 2: 30}.get(level, 20) * mm))
        h = _Heading(_x(text), style, level, key)
        self.story.append(h)

    def paragraph(self, text: str, *, small: bool = False) -> None:
        self.story.append(Paragraph(_x(text), self.s_small if small else self.s_body))

    def markup(self, xml: str) -> None:
        """A paragraph of ReportLab markup (already escaped by the caller)."""
        self.story.append(Paragraph(xml, self.s_body))

    def spacer(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def nothing(self, what: str | None = None) -> None:
        """Say plainly that the period holds nothing of this."""
        self.paragraph(what or self.t("Nothing to report for this period.",
                                      "この期間に報告すべき事項はありません。"))

    def status(self, field_name: str, value: Any, word: str) -> Cell:
        """A status cell: its word, and a dot in its tone's colour."""
        return Cell(word, present.tone(field_name, value))

    def _para(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A cell's paragraph (`text` escaped): wrapped at spaces when it holds no CJK."""
        if _CJK.search(text) is None:
            style = self._words.get(id(style), style)
        return Paragraph(text, style)

    def _cell(self, value: Any) -> Flowable:
        if isinstance(value, Flowable):
            return value
        if isinstance(value, Cell):
            style = {"right": self.s_cell_r, "center": self.s_cell_c}.get(value.align,
                                                                       self.s_cell)
            text = _x(value.text)
            colour = present.colour(value.tone)
            if colour and value.text:
                text = f'<font color="{colour}">●</font> {text}'
            return self._para(text, style)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Paragraph(_x(f"{value:,}"), self.s_cell_r)
        return self._para(_x(value), self.s_cell)

    def _plain(self, value: Any, width: float) -> tuple[str, str] | None:
        """(text, alignment) of a cell that fits its column on one line and needs no
        markup (no status dot): the table draws it as a plain string, several times faster
        to lay out than a paragraph. None: the cell needs a paragraph."""
        align = "LEFT"
        if isinstance(value, Cell):
            if value.tone is not None and value.text:
                return None
            text, align = value.text, value.align.upper()
        elif isinstance(value, int | float) and not isinstance(value, bool):
            text, align = f"{value:,}", "RIGHT"
        elif isinstance(value, str):
            text = value
        else:
            return None
        if "\n" in text or "\r" in text or \
                stringWidth(text, self.fonts.regular, self.s_cell.fontSize) > width - 6.5:
            return None
        return text, align

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              widths: Sequence[float] | None = None, zebra: bool = True,
              chunk: int = 400) -> int:
        """A table that repeats its header on every page and keeps rows whole.

        `widths`: fractions of the usable width (they are scaled to it). Rows are laid
        out in chunks, so a long ledger never sits in memory as one huge table.
        Returns the number of rows.
        """
        cols = len(header)
        if widths is None:
            widths = [1 / cols] * cols
        total = sum(widths)
        col_widths = [self.width * w / total for w in widths]
        head = [self._para(_x(h), self.s_head) for h in header]
        n = 0
        batch: list[list[Flowable | str]] = []
        aligned: list[tuple[str, int, int]] = []  # plain cells not aligned left

        def flush() -> None:
            if not batch:
                return
            table = LongTable([head, *batch], colWidths=col_widths, repeatRows=1,
                              splitByRow=1)
            style = [
                ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                ("FONTSIZE", (0, 0), (-1, -1), self.s_cell.fontSize),
                ("LEADING", (0, 0), (-1, -1), self.s_cell.leading),
                *((("ALIGN", (c, r), (c, r), a)) for a, c, r in aligned),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
            if zebra:
                style += [("BACKGROUND", (0, r), (-1, r), ZEBRA)
                          for r in range(2, len(batch) + 1, 2)]
            table.setStyle(TableStyle(style))
            self.story.append(table)
            batch.clear()
            aligned.clear()

        for row in rows:
            cells: list[Flowable | str] = []
            for c, (value, width) in enumerate(zip(row, col_widths, strict=True)):
                plain = self._plain(value, width)
                if plain is None:
                    cells.append(self._cell(value))
                else:
                    cells.append(plain[0])
                    if plain[1] != "LEFT":
                        aligned.append((plain[1], c, len(batch) + 1))
            batch.append(cells)
            n += 1
            if len(batch) >= chunk:
                flush()
                self.step(self.t("laying out tables", "表を組版中"), n, 0)
        flush()
        if n == 0:
            self.story.append(Paragraph(_x(self.t("(none)", "（該当なし）")), self.s_small))
        return n

    def facts(self, pairs: Sequence[tuple[str, Any]], *, widths: Sequence[float] = (2, 3)
              ) -> None:
        """A two-column table of labels and values."""
        total = sum(widths)
        col_widths = [self.width * w / total for w in widths]
        data = [[self._para(_x(k), self.s_cell), self._cell(v)] for k, v in pairs]
        table = LongTable(data, colWidths=col_widths, splitByRow=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        self.story.append(table)

    def chart(self, drawing: Drawing, caption: str = "") -> None:
        parts: list[Flowable] = [drawing]
        if caption:
            parts.append(Paragraph(_x(caption), self.s_small))
        self.story.append(KeepTogether(parts))

    def keep(self, *flowables: Flowable) -> None:
        self.story.append(KeepTogether(list(flowables)))

    # --- fixed parts ----------------------------------------------------------------------

    def _cover(self, anchor_text: str) -> list[Flowable]:
        org = self.organization
        rows = [
            (self.t("Organization", "組織"), org.name),
            (self.t("Period", "対象期間"), self.period.text(self.lang)) if self.dated else
            (self.t("As of", "基準日"), self.today.isoformat()),
            (self.t("Prepared by", "作成者"), self.officer or "—"),
            (self.t("Personal Information Management Officer", "個人情報管理責任者"),
             org.officer or "—"),
            (self.t("Date of issue", "発行日"), self.today.isoformat()),
        ]
        if self.subject:
            rows.insert(2, (self.t("Data subject", "本人の識別子"), self.subject))
        tall = not self.landscape
        out: list[Flowable] = [Spacer(1, (40 if tall else 12) * mm),
                               Paragraph(_x(org.name), self.s_label),
                               Spacer(1, 4 * mm),
                               Paragraph(_x(self.title), self._title_style()),
                               Spacer(1, (14 if tall else 8) * mm)]
        for label, value in rows:
            out.append(Paragraph(f"{_x(label)}: {_x(value)}", self.s_cover))
        out += [Spacer(1, (18 if tall else 8) * mm),
                Paragraph(_x(self.confidentiality), self.s_h2),
                Spacer(1, (30 if tall else 8) * mm),
                Paragraph(_x(self.t(
                    f"Made with PrivacyDesk from its encrypted database. Audit anchor: "
                    f"{anchor_text} (see the last page).",
                    f"PrivacyDesk の暗号化データベースから作成。監査証跡のアンカー："
                    f"{anchor_text}（最終ページ参照）")), self.s_small),
                NextPageTemplate("body"), PageBreak()]
        return out

    def _title_style(self) -> ParagraphStyle:
        """The cover's title style, its size cut (down to 18 pt) so that the title fits
        on one line rather than leave a word or a character alone on a second."""
        room = self.page_size[0] - 50 * mm - 12
        size = self.s_title.fontSize
        while size > 18 and stringWidth(self.title, self.fonts.regular, size) > room:
            size -= 1
        return ParagraphStyle("title_fit", parent=self.s_title, fontSize=size,
                              leading=size * 4 / 3)

    def _contents(self) -> list[Flowable]:
        toc = TableOfContents()
        toc.levelStyles = self.toc_styles
        toc.dotsMinLevel = 0
        # the contents' own table names a font too: ours, or an unembedded Helvetica
        # joins every page of the document
        toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                                     ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        return [Paragraph(_x(self.t("Contents", "目次")), self.s_h1), toc, PageBreak()]

    def signoff(self) -> None:
        """Prepared by / approved by, with date and signature lines."""
        w = self.width
        widths = [w * 0.14, w * 0.22, w * 0.08, w * 0.16, w * 0.1, w * 0.30]
        score = stringWidth("_", self.fonts.regular, self.s_cell.fontSize)

        def line(col: int) -> str:  # a writing line as long as its column, on one line
            return "_" * int((widths[col] - 16) / score)  # the cell pads 6 + 6

        data = [
            [Paragraph(_x(self.t("Prepared by", "作成者")), self.s_cell),
             Paragraph(_x(self.officer or ""), self.s_cell),
             Paragraph(_x(self.t("Date", "日付")), self.s_cell),
             Paragraph(_x(self.today.isoformat()), self.s_cell),
             Paragraph(_x(self.t("Signature", "署名")), self.s_cell),
             Paragraph(line(5), self.s_cell)],
            [Paragraph(_x(self.t("Approved by", "承認者")), self.s_cell),
             Paragraph(line(1), self.s_cell),
             Paragraph(_x(self.t("Date", "日付")), self.s_cell),
             Paragraph(line(3), self.s_cell),
             Paragraph(_x(self.t("Signature", "署名")), self.s_cell),
             Paragraph(line(5), self.s_cell)],
        ]
        table = LongTable(data, colWidths=widths)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 12)]))
        self.story.append(KeepTogether([
            Paragraph(_x(self.t("Sign-off", "承認")), self.s_h2), table]))

    def _anchor_block(self, anchor: Any) -> list[Flowable]:
        at = present.format_datetime(anchor.at)
        text = self.t(
            f"Audit anchor: when this report was made ({at} JST) the audit trail ended at "
            f"entry {anchor.seq:,}, whose hash is:",
            f"監査証跡のアンカー：本帳票の作成時（{at} 日本時間）、監査証跡は第{anchor.seq:,}"
            "エントリで終わり、そのハッシュ値は次のとおりです。")
        check = self.t(
            "Anyone holding the database can later confirm that its history was not "
            "rewritten since: privacydesk verify --anchor " + str(anchor),
            "後日、データベースの履歴がこれ以降に書き換えられていないことを次のコマンドで"
            "確認できます：privacydesk verify --anchor " + str(anchor))
        mono = ParagraphStyle("anchor", parent=self.s_body, fontSize=8.5, leading=11)
        return [Spacer(1, 6 * mm), KeepTogether([  # the heading never alone at a page foot
                Paragraph(_x(self.t("Audit anchor", "監査証跡のアンカー")), self.s_h2),
                Paragraph(_x(text), self.s_small),
                Paragraph(f"{anchor.seq}:{anchor.hash}", mono),
                Paragraph(_x(check), self.s_small)])]

    # --- building ---------------------------------------------------------------------------

    def _after_flowable(self, doc: BaseDocTemplate, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading) and flowable.toc_level <= 2:  # level 3: neither
            key = flowable.toc_key
            doc.canv.bookmarkPage(key)
            doc.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level - 1,
                                     closed=flowable.toc_level > 1)
            doc.notify("TOCEntry", (flowable.toc_level - 1, flowable.toc_text, doc.page, key))
        self.step(self.t("laying out pages", "ページを組版中"), doc.page, 0)

    def _page(self, canv: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
        """Header of a body page (the footer with "N of M" is drawn at the end)."""
        w, h = self.page_size
        canv.saveState()
        canv.setFont(self.fonts.regular, 7.5)
        canv.setFillColor(colors.HexColor("#424242"))
        canv.drawString(20 * mm, h - 12 * mm, f"{self.organization.name} — {self.title}")
        canv.drawRightString(w - 20 * mm, h - 12 * mm, self.confidentiality)
        canv.setStrokeColor(GRID)
        canv.line(20 * mm, h - 13.5 * mm, w - 20 * mm, h - 13.5 * mm)
        canv.restoreState()

    def _canvas_maker(self) -> type[pdfcanvas.Canvas]:
        report = self

        class NumberedCanvas(pdfcanvas.Canvas):
            """Holds every page until the end, then writes "page N of M" on each."""

            def __init__(self, *args: Any, **kw: Any) -> None:
                # the page preamble names a font: ours, so no unembedded Helvetica appears
                kw["initialFontName"] = report.fonts.regular
                super().__init__(*args, **kw)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for number, state in enumerate(self._pages, start=1):
                    self.__dict__.update(state)
                    if number > 1:
                        report._footer(self, number, total)
                    super().showPage()
                report.pages = total
                super().save()

        return NumberedCanvas

    def _footer(self, canv: pdfcanvas.Canvas, number: int, total: int) -> None:
        w, _ = self.page_size
        canv.saveState()
        canv.setFont(self.fonts.regular, 7.5)
        canv.setFillColor(colors.HexColor("#424242"))
        canv.drawString(20 * mm, 10 * mm, self.t(f"Issued {self.today.isoformat()}",
                                                   f"発行日 {self.today.isoformat()}"))
        canv.drawRightString(w - 20 * mm, 10 * mm,
                             self.t(f"Page {number} of {total}", f"{number} / {total} ページ"))
        canv.restoreState()

    def build(self, out: str | os.PathLike, *, password: str | None = None) -> BuildResult:
        """Lay the report out into `out` (written whole, readable by its owner only)."""
        self.step(self.t("reading the audit anchor", "監査証跡を確認中"))
        anchor = reporting.anchor(self.db)
        self.signoff()
        story = [*self._cover(str(anchor)),
                 *(self._contents() if self.contents else []),
                 *self.story, *self._anchor_block(anchor)]
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                   dir=target.parent)
        os.close(fd)
        try:
            encrypt = None
            if password:
                from reportlab.lib.pdfencrypt import StandardEncryption

                encrypt = StandardEncryption(password, canPrint=1, canCopy=0)
            w, h = self.page_size
            frame = Frame(20 * mm, 16 * mm, w - 40 * mm, h - 34 * mm, id="body")
            cover = Frame(25 * mm, 20 * mm, w - 50 * mm, h - 40 * mm, id="cover")
            doc = _Doc(tmp, self, pagesize=self.page_size, title=self.title,
                       author=self.officer, subject=self.organization.name,
                       creator="PrivacyDesk", encrypt=encrypt,
                       pageTemplates=[PageTemplate("cover", [cover]),
                                      PageTemplate("body", [frame], onPage=self._page)])
            self.pages = 0
            if self.contents:
                doc.multiBuild(story, canvasmaker=self._canvas_maker())
            else:
                doc.build(story, canvasmaker=self._canvas_maker())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return BuildResult(target, self.pages, list(self.warnings), str(anchor))
