"""3. Data inventory and record of processing: every data asset as it stands today, with
the items of the APPI personal-information ledger and the GDPR Art 30 record."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.utils import simpleSplit
from reportlab.platypus import LongTable, Paragraph, TableStyle

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports.base import GRID, ZEBRA, Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import inventory

SENSITIVE = Text("Sensitive data", "要配慮・機微情報あり")
NOT_REVIEWED = Text("Not reviewed in 12 months", "12か月以上見直しなし")
NEVER_REVIEWED = Text("Never reviewed", "見直しの記録なし")
ABROAD = Text("stored abroad", "外国で保管")
LABEL_SIZE = 8


def _flags(r: Report, a: inventory.Asset) -> list[Cell]:
    out = []
    if a.sensitive:
        out.append(Cell(r.tr(SENSITIVE), present.WARNING))
    if a.review_overdue:
        never = a.row.get("last_reviewed_on") is None
        out.append(Cell(r.tr(NEVER_REVIEWED if never else NOT_REVIEWED), present.ALERT))
    return out


def _flag_cell(r: Report, a: inventory.Asset) -> object:
    flags = _flags(r, a)
    if not flags:
        return ""
    if len(flags) == 1:
        return flags[0]
    # two flags in one cell: each a word with its dot, one per line
    dots = "<br/>".join(f'<font color="{present.colour(c.tone)}">●</font> {escape(c.text)}'
                        for c in flags)
    return Paragraph(dots, r.s_cell)


def build(r: Report) -> None:
    lang = r.lang
    e = entity("data_asset")
    label = lambda name: e.field(name).label(lang)  # noqa: E731
    r.step(r.t("reading the inventory", "個人データ台帳を集計中"))
    s = inventory.summary(r.db, r.today)
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        f"The personal data the company holds as of {r.today.isoformat()}, one entry per data "
        "asset (database, SaaS, file share, paper): the items of the personal-information "
        "ledger kept under APPI and the record of processing activities of GDPR Art 30(1). "
        "The ledger is reviewed at least once a year. \u201cSensitive data\u201d marks an asset "
        "holding an item that is special care-required under APPI (Art 2(3)), sensitive "
        "under the company policy (JIS Q 15001) or a special category under GDPR Art 9/10; "
        "\u201cNot reviewed in 12 months\u201d an asset whose last review is more than twelve "
        "months old, or that was never reviewed. Who may access an asset: its owner "
        "department, its responsible staff member and the access grants in force (not "
        "revoked).",
        f"{r.today.isoformat()}現在、当社が保有する個人データを台帳（データベース、SaaS、ファイル"
        "共有、紙）ごとに記載します。個人情報保護法に基づく個人情報の管理台帳の記載事項と、GDPR "
        "30条1項の処理活動の記録を兼ねています。台帳は少なくとも年1回見直します。「要配慮・機微情報"
        "あり」は、要配慮個人情報（法2条3項）、会社方針（JIS Q 15001）上の機微な個人情報又は"
        "GDPR 9条・10条の特別な種類の個人データに当たる項目を含む台帳、「12か月以上見直しなし」は"
        "前回の見直しから12か月を超えた台帳（見直しの記録がないものを含む）を示します。アクセス権を"
        "有する者は、管理部署、管理責任者及び有効な（削除されていない）アクセス権限で示します。"),
        small=True)
    r.facts([
        (r.t("Data assets", "個人データ台帳の数"), s.assets),
        (r.t("Holding sensitive data (any scheme)", "要配慮・機微情報を含む台帳"), s.sensitive),
        (r.t("of which APPI special care-required", "うち要配慮個人情報を含む台帳"),
         s.appi_sensitive),
        (r.t("Not reviewed within 12 months", "12か月以上見直していない台帳"), s.review_overdue),
        (r.t("of which never reviewed", "うち見直しの記録がない台帳"), s.never_reviewed),
        (r.t("Stored outside Japan", "外国で保管している台帳"), s.abroad),
        (r.t("Provided to third parties (recipients recorded)", "第三者提供先のある台帳"),
         s.with_recipients),
        (r.t("Handled by entrustees", "委託先のある台帳"), s.with_entrustees),
        (r.t("Access grants in force on these assets", "有効なアクセス権限の数"), s.grants),
    ], widths=(3, 2))
    if s.assets == 0:
        r.spacer()
        r.nothing(r.t("No data asset is recorded.", "個人データ台帳は登録されていません。"))
        return

    r.heading(r.t("The inventory", "個人データ台帳一覧"))
    header = ["No.", label("name"), label("kind"), label("owner_department"),
              label("purposes"), label("estimated_people"), label("storage_country"),
              label("retention_rule"), r.t("Grants in force", "有効な権限"),
              label("last_reviewed_on"), r.t("Attention", "注意事項")]
    r.table(header, ([a.number, a.text["name"], a.text["kind"], a.text["owner_department"],
                      a.purpose_codes or "—",
                      Cell(inventory.people_text(a.row.get("estimated_people"), lang),
                           align="right"),
                      a.text["storage_country"], a.text["retention_rule"], a.grants,
                      a.text["last_reviewed_on"] or "—", _flag_cell(r, a)]
                     for a in inventory.assets(r.db, lang, r.today)),
            widths=(0.45, 2.1, 0.95, 1.5, 0.85, 1.3, 0.75, 1.55, 0.8, 1.05, 1.7))

    r.page_break()
    r.heading(r.t("Each data asset", "台帳ごとの記載事項"))
    total = s.assets
    for a in inventory.assets(r.db, lang, r.today):
        r.step(r.t("writing the entries", "台帳を作成中"), a.number, total)
        _asset(r, a, label)


def _asset(r: Report, a: inventory.Asset, label) -> None:
    lang = r.lang
    t = a.text
    r.heading(f"{a.number}. {t['name']}", level=3)
    heading = r.story.pop()  # kept on the page of its entry (an entry fits on a page)
    lines, join = "\n", present.joiner(lang)
    country = t["storage_country"] or inventory.HOME_COUNTRY
    if a.abroad:
        country += f"（{r.tr(ABROAD)}）" if lang == "ja" else f" ({r.tr(ABROAD)})"
    derivation = t["derivation"] or "—"
    if t.get("derived_from"):
        derivation += lines + f"{label('derived_from')}{'：' if lang == 'ja' else ': '}" \
            f"{t['derived_from']}"
    grants = r.t(f"{a.grants:,} access grants in force", f"有効なアクセス権限 {a.grants:,}件")
    if t.get("access_holders"):
        grants += lines + t["access_holders"]
    categories = join.join(c.marks(lang) for c in a.categories)
    if a.sensitive:
        categories = [Cell(r.tr(SENSITIVE), present.WARNING), categories]
    reviewed: object = t["last_reviewed_on"] or r.t("never", "記録なし")
    if a.review_overdue:
        never = a.row.get("last_reviewed_on") is None
        reviewed = [Cell(r.tr(NEVER_REVIEWED if never else NOT_REVIEWED), present.ALERT),
                    "" if never else reviewed]
    rows: list = [
        ((label("data_categories"), categories),),
        ((label("purposes"), lines.join(a.purposes)),),
        ((label("subject_categories"), t["subject_categories"]),
         (label("estimated_people"), inventory.people_text(a.row.get("estimated_people"),
                                                           lang))),
        ((label("acquisition"), t["acquisition"]), (label("kind"), t["kind"])),
        ((label("storage_location"), t["storage_location"]),
         (label("storage_medium"), t["storage_medium"])),
        ((label("storage_country"), country), (label("period_of_use"), t["period_of_use"])),
        ((label("retention_rule"), t["retention_rule"]),),
        ((label("deletion_method"), t["deletion_method"]),
         (r.t("Who may access", "アクセス権を有する者"), grants)),
        ((label("owner_department"), t["owner_department"]),
         (label("responsible"), t["responsible"])),
        ((label("entrustees"), join.join(a.entrustees)),
         (label("recipients"), join.join(a.recipients))),
        ((label("derivation"), derivation),
         (label("last_reviewed_on"), reviewed)),
        ((label("gdpr_controller"), t["gdpr_controller"]),
         (label("gdpr_basis"), t["gdpr_basis"])),
        ((label("gdpr_transfers"), t["gdpr_transfers"]),),
        ((label("gdpr_security"), t["gdpr_security"]),),
        ((label("remarks"), t["remarks"]),),
    ]
    r.keep(heading, _grid(r, rows))


def _para(r: Report, value: object) -> Paragraph:
    """A cell of the entry: text (a dash when empty), or a list of status words (each
    with its dot) and texts, one per line."""
    if isinstance(value, list):
        parts = []
        for v in value:
            if isinstance(v, Cell):
                parts.append(f'<font color="{present.colour(v.tone)}">●</font> '
                             f'{escape(v.text)}')
            elif v:
                parts.append(escape(str(v)).replace("\n", "<br/>"))
        return Paragraph("<br/>".join(parts), r.s_cell)
    text = str(value) if value not in (None, "") else "—"
    return Paragraph(escape(text).replace("\n", "<br/>"), r.s_cell)


_LABELS: dict[tuple[str, str, float], str] = {}


def _label(r: Report, text: str, width: float) -> str:
    """A label as plain lines that fit the label column: the table draws it without
    laying out a paragraph (an inventory repeats the same labels for every asset)."""
    key = (text, r.fonts.regular, width)
    if key not in _LABELS:
        lines = simpleSplit(text, r.fonts.regular, LABEL_SIZE, width - 6)
        _LABELS[key] = "\n".join(lines)
    return _LABELS[key]


def _grid(r: Report, rows: list) -> LongTable:
    """An asset's entry: label / value pairs two to a line, long values across the line."""
    w = r.width
    widths = [w * 0.18, w * 0.32, w * 0.18, w * 0.32]
    data: list[list[object]] = []
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), r.fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), LABEL_SIZE),
        ("LEADING", (0, 0), (-1, -1), r.s_cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for i, row in enumerate(rows):
        cells: list[object] = []
        for name, value in row:
            cells += [_label(r, name, widths[0]), _para(r, value)]
        if len(row) == 1:
            cells += ["", ""]
            style.append(("SPAN", (1, i), (3, i)))
        data.append(cells)
        style.append(("BACKGROUND", (0, i), (0, i), ZEBRA))
        if len(row) == 2:
            style.append(("BACKGROUND", (2, i), (2, i), ZEBRA))
    table = LongTable(data, colWidths=widths, splitByRow=1)
    table.setStyle(TableStyle(style))
    return table


register(ReportSpec(
    "inventory", Text("Data inventory and record of processing",
                      "個人データ管理台帳・処理活動の記録"),
    Text("Every data asset as it stands today: the items of the APPI personal-information "
         "ledger and the GDPR Art 30 record of processing, with assets holding sensitive "
         "data and assets not reviewed within 12 months flagged.",
         "現在のすべての個人データ台帳：個人情報の管理台帳の記載事項とGDPR 30条の処理活動の記録。"
         "要配慮・機微情報を含む台帳と12か月以上見直していない台帳を明示します。"),
    build, landscape=True, contents=True, period=False,
    reads=("counterparty", "data_asset", "data_category", "grant", "organization",
           "purpose", "setting", "staff", "subject_category")))
