"""12. Safety control measures A–G: each sub-item's status, owner, evidence and review.

The present state (no period): APPI Art 23 and PPC General Guidelines 10-1 … 10-7
(A basic policy … G understanding the external environment). Counts per category and
status come first, with a chart; then one table per category.
"""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports import charts
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import measures


def build(r: Report) -> None:
    r.step(r.t("reading the safety measures", "安全管理措置を読込み中"))
    o = measures.overview(r.db, r.lang, r.today)
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        f"The safety control measures for personal data (APPI Art 23; PPC General "
        f"Guidelines 10-1 to 10-7) as of {r.today.isoformat()}: each sub-item's status as "
        "assessed by its owner, the evidence, and when it is next due for review.",
        f"{r.today.isoformat()}時点の個人データの安全管理措置（個人情報保護法23条、"
        "ガイドライン（通則編）10-1〜10-7）の実施状況です。小項目ごとに、責任者による評価、"
        "証跡及び次回見直し期限を示します。"))
    if o.total == 0:
        r.nothing(r.t("No safety measure is recorded.", "安全管理措置が登録されていません。"))
        return
    r.facts([
        (r.t("Sub-items", "小項目の数"), o.total),
        (r.t("Reviews overdue", "見直し期限超過"), o.reviews_overdue),
        (r.t("Reviews due soon", "見直し期限間近"), o.reviews_due_soon),
        (r.t("Never assessed (excluding not applicable)", "未評価（対象外を除く）"),
         o.never_assessed),
    ])
    r.spacer()
    header = [r.t("Category", "区分"), *(o.status_label(s, r.lang) for s in measures.STATUSES),
              r.t("Total", "計")]
    rows = [[c.label, *(c.counts[s] for s in measures.STATUSES), len(c.items)]
            for c in o.categories]
    rows.append([r.t("Total", "合計"), *(o.by_status[s] for s in measures.STATUSES), o.total])
    r.table(header, rows, widths=(4, 1, 1, 1, 1, 1))

    r.spacer()
    r.chart(charts.bars(
        [c.code for c in o.categories],
        [(o.status_label(s, r.lang), [c.counts[s] for c in o.categories])
         for s in measures.STATUSES],
        font=r.fonts.regular, width=r.width, stacked=True,
        title=r.t("Sub-items by category and status", "区分別・実施状況別の小項目数")),
        r.t("A to G as in the table above.", "A〜Gの区分名は上表のとおり。"))

    r.heading(r.t("Sub-items by category", "区分別の小項目"))
    header = [r.t("Sub-item", "項目"), r.t("Title", "名称"), r.t("Status", "実施状況"),
              r.t("Owner", "責任者"), r.t("Evidence", "証跡"),
              r.t("Last assessed", "前回評価日"), r.t("Next review due", "次回見直し期限"),
              r.t("Review", "見直し状況")]
    for c in o.categories:
        r.step(r.t("laying out the measures", "措置を組版中"))
        r.heading(c.label, level=2)
        if not c.items:
            r.paragraph(r.t("No sub-item is recorded for this category.",
                            "この区分の小項目は登録されていません。"))
            continue
        r.table(header, ([
            i.code, i.title, Cell(i.status_word, i.tone), i.owner, i.evidence,
            present.format_date(i.last_assessed_on), present.format_date(i.next_due),
            _review(r, i)] for i in c.items), widths=(0.7, 2.2, 1.5, 1.6, 3.4, 1.1, 1.1, 1.2))


def _review(r: Report, i: measures.Item) -> Cell | str:
    if i.deadline_status is not None:
        return r.status("deadline_status", i.deadline_status, i.deadline_word)
    if i.status == "not_applicable":
        return "—"
    return r.t("Not yet assessed", "未評価")


register(ReportSpec(
    "measures", Text("Safety control measures A–G", "安全管理措置（A〜G）の実施状況"),
    Text("Each sub-item of the safety control measures A–G: status, owner, evidence, last "
         "assessment and next review (APPI Art 23; PPC General Guidelines 10).",
         "安全管理措置A〜Gの小項目ごとの実施状況・責任者・証跡・評価日・次回見直し期限"
         "（個人情報保護法23条、ガイドライン（通則編）10）。"),
    build, landscape=True, period=False,
    reads=("organization", "safety_measure", "setting", "staff")))
