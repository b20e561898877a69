"""13. Complaints log (APPI Art 40): every complaint of the period, and how it ended."""

from __future__ import annotations

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports import charts
from privacydesk.reports.base import Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services.reporting import complaints


def build(r: Report) -> None:
    lang = r.lang
    r.step(r.t("counting complaints", "苦情を集計中"))
    s = complaints.summary(r.db, r.period, lang)
    r.heading(r.t("Summary", "概要"))
    r.facts([
        (r.t("Complaints received", "受け付けた苦情"), s.total),
        (r.t("Resolved", "解決済"), s.resolved),
        (r.t("Still open", "未解決"), s.open),
        (r.t("Median days to resolve", "解決までの日数（中央値）"),
         "—" if s.median_days_to_resolve is None else f"{s.median_days_to_resolve:g}"),
    ])
    if s.total == 0:
        r.nothing()
        return
    r.spacer()
    r.chart(charts.bars([c for c, _ in s.by_category],
                        [(r.t("Complaints", "件数"), [n for _, n in s.by_category])],
                        font=r.fonts.regular, width=r.width,
                        title=r.t("Complaints by category", "分類別の件数")))
    r.heading(r.t("The log", "苦情の記録"))
    e = entity("complaint")
    header = [e.field(n).label(lang) for n in complaints.COLUMNS]
    r.table(header, ([t[n] for n in complaints.COLUMNS]
                     for t in complaints.rows(r.db, r.period, lang)),
            widths=(1.25, 0.9, 1, 2.8, 1.2, 1.3, 1.3, 2.1, 1.25, 1.4))


register(ReportSpec(
    "complaints", Text("Complaints log", "苦情処理記録"),
    Text("Every complaint received in the period, its handling and outcome (APPI Art 40).",
         "期間中に受け付けた苦情とその処理・結果（個人情報保護法40条）。"),
    build, landscape=True,
    reads=("complaint", "incident", "organization", "request", "setting", "staff")))
