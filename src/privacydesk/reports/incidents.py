"""6. Incident register (APPI Art 26, PPC Rules Arts 7–10; GDPR Art 33(5)).

Every incident the company knew of in the period, reportable or not: what happened, the
four triggers of PPC Rules Art 7, the reports to the PPC and the GDPR authority with
their due dates, the notice to the individuals; a chart by cause; then, for each
reportable incident, the reports filed with the PPC and a draft of the next one, item by
item in the order of PPC Rules Art 8(1). The figures are those of
`services.reporting.incidents`.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports import charts
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import incidents as model

_E = entity("incident")
_REPORT = entity("incident_report")


def _count(r: Report, n: int) -> str:
    return r.t(f"{n:,}", f"{n:,}件")


def _filing(r: Report, f: model.Filing | None) -> Paragraph | str:
    """A cell: the due date, then the filing (date, on time or late) or "not filed"."""
    if f is None:
        return "—"
    due = escape(r.t("Due ", "期限 ") + present.format_date(f.due))
    if f.filed is None:
        day = rules.jst_date(f.due) if isinstance(f.due, datetime) else f.due
        tone = present.ALERT if day is not None and day < r.today else present.WARNING
        word = r.t("not filed", "未提出")
    else:
        tone = present.GOOD if f.on_time else present.ALERT
        word = (r.t("Filed ", "提出 ") + present.format_date(f.filed) + " "
                + (r.t("on time", "期限内") if f.on_time else r.t("late", "期限後")))
    colour = present.colour(tone)
    return Paragraph(f'{due}<br/><font color="{colour}">●</font> {escape(word)}', r.s_cell)


def _keep_with_next(r: Report, height_mm: float = 45) -> None:
    """A heading not alone at the foot of a page: a new page unless this much is left."""
    r.story.append(CondPageBreak(height_mm * mm))


def _facts(r: Report, reg: model.Register) -> None:
    pre = reg.filed_of("ppc_preliminary")
    fin = reg.filed_of("ppc_final")
    applies, notified, in_time = reg.gdpr

    def filed(f: tuple[int, int, int]) -> str:
        return r.t(f"{f[0]:,} filed ({f[1]:,} on time), {f[2]:,} not filed yet",
                   f"提出 {f[0]:,}件（うち期限内 {f[1]:,}件）、未提出 {f[2]:,}件")

    r.facts([
        (r.t("Incidents known in the period", "期間中に把握した事案"), _count(r, reg.total)),
        (r.t("Reportable to the PPC (PPC Rules Art 7)",
             "個人情報保護委員会への報告対象（規則7条）"), _count(r, reg.reportable)),
        (r.t("PPC preliminary reports (Rules Art 8(1))", "速報（規則8条1項）"), filed(pre)),
        (r.t("PPC final reports (Rules Art 8(2))", "確報（規則8条2項）"), filed(fin)),
        (r.t("GDPR: notified to the supervisory authority (Art 33(1))",
             "GDPR：監督機関への通知（33条1項）"),
         r.t(f"{notified:,} notified, of {applies:,} to which the GDPR applies "
             f"({in_time:,} within 72 hours)",
             f"GDPRが適用される{applies:,}件のうち{notified:,}件（うち72時間以内 {in_time:,}件）")),
        (r.t("Individuals notified, or an alternative measure taken (Art 26(2))",
             "本人への通知又は代替措置（法26条2項）"),
         r.t(f"{reg.notified:,} of {reg.reportable:,} reportable incidents",
             f"報告対象{reg.reportable:,}件のうち{reg.notified:,}件")),
        (r.t("A report still owed today", "本日時点で報告が未了"), _count(r, reg.awaiting_report)),
        (r.t("Closed / still open", "終結／未終結"),
         r.t(f"{reg.closed:,} closed, {reg.total - reg.closed:,} open",
             f"終結 {reg.closed:,}件、未終結 {reg.total - reg.closed:,}件")),
    ], widths=(2.2, 3))


def _chart(r: Report, reg: model.Register) -> None:
    labels = [label for _, label, _, _ in reg.by_cause]
    series = [(r.t("Reportable", "報告対象"), [n for _, _, n, _ in reg.by_cause]),
              (r.t("Not reportable", "報告対象外"), [n for _, _, _, n in reg.by_cause])]
    d = charts.bars(labels, series, font=r.fonts.regular, width=r.width, stacked=True,
                    title=r.t("Incidents by cause", "原因別の事案数"), height=60 * mm)
    chart = next(c for c in d.contents if hasattr(c, "valueAxis"))
    chart.barLabelFormat = lambda v: f"{v:,.0f}" if v else ""
    r.chart(d, r.t("Reportable: one of the four situations of PPC Rules Art 7 applies and "
                   "the data was not protected by high-level encryption.",
                   "報告対象：規則7条の4つの事態のいずれかに該当し、高度な暗号化等の措置が"
                   "講じられていないもの。"))


def _register_table(r: Report, reg: model.Register) -> None:
    r.heading(r.t("The register", "事案の一覧"), 1)
    legend = "  ".join(_E.field(t).label(r.lang) for t in model.TRIGGERS)
    r.paragraph(r.t(f"Triggers of PPC Rules Art 7: {legend}. Known: the moment the company "
                    "knew (JST), day 1 of the PPC periods.",
                    f"規則7条の事態：{legend}。把握日時：会社が事態を知った日時（日本時間）で、"
                    "個人情報保護委員会への報告期間の1日目。"), small=True)
    header = ["No.", r.t("Known (JST)", "把握日時"), _E.field("title").label(r.lang),
              _E.field("kind").label(r.lang), _E.field("cause").label(r.lang),
              r.t("People (max)", "本人の数（最大）"), "(1)", "(2)", "(3)", "(4)",
              r.t("Report?", "報告対象"), _E.field("closed_on").label(r.lang)]
    kind, cause = _E.field("kind"), _E.field("cause")
    rows = []
    for e in reg.entries:
        row = e.row
        rows.append([
            Cell(str(e.number), align="right"),
            present.format_datetime(row["known_at"]).replace(" ", "\n"),
            row["title"], kind.choice_label(row["kind"], r.lang),
            cause.choice_label(row["cause"], r.lang), row["affected_max"],
            *(Cell(present.CHECK if row[t] else "–", align="center") for t in model.TRIGGERS),
            present.yes_no(row["reportable"], r.lang),
            present.format_date(row.get("closed_on")) or "—"])
    title, cause_w = (2.75, 1.35) if r.lang == "ja" else (2.5, 1.6)
    r.table(header, rows, widths=(0.4, 1.25, title, 0.75, cause_w, 0.85, 0.35, 0.35, 0.35,
                                  0.35, 0.8, 1.25))


def _deadlines_table(r: Report, reg: model.Register) -> None:
    _keep_with_next(r)
    r.heading(r.t("Reports and notices", "報告と通知"), 2)
    r.paragraph(r.t("Due dates: PPC preliminary report by the 5th day counting the day known "
                    "as day 1 (target of “promptly”), final report within 30 days (60 with "
                    "a wrongful purpose); GDPR authority within 72 hours of awareness. "
                    "“—”: does not apply.",
                    "期限：速報は把握日を1日目として5日目（「速やかに」の目安）、確報は30日以内"
                    "（不正の目的によるものは60日以内）、GDPRの監督機関への通知は認識から72時間以内。"
                    "「—」は該当なし。"), small=True)
    header = ["No.", r.t("PPC preliminary report", "速報"), r.t("PPC final report", "確報"),
              r.t("GDPR authority notice", "GDPR監督機関への通知"),
              r.t("Notice to individuals", "本人への通知"),
              _E.field("deadline_status").label(r.lang)]
    status = _E.field("deadline_status")
    rows = []
    for e in reg.entries:
        row = e.row
        if row.get("individuals_notified_on") is not None:
            notice = present.format_date(row["individuals_notified_on"])
            if (row.get("notice_method") or "").strip():
                notice += " " + row["notice_method"].strip()
        elif (row.get("alternative_measure") or "").strip():
            notice = r.t("Alternative measure: ", "代替措置：") + row["alternative_measure"]
        else:
            notice = r.t("Not yet", "未実施") if row["reportable"] else "—"
        if row.get("alternative_measure") and row.get("individuals_notified_on") is not None:
            notice += r.t("; alternative measure: ", "。代替措置：") + row["alternative_measure"]
        value = row.get("deadline_status")
        rows.append([Cell(str(e.number), align="right"), _filing(r, e.preliminary),
                     _filing(r, e.final), _filing(r, e.gdpr), notice,
                     r.status("deadline_status", value, status.choice_label(value, r.lang))
                     if value else "—"])
    r.table(header, rows, widths=(0.4, 1.65, 1.65, 1.75, 2.55, 1.0))


def _drafts(r: Report, reg: model.Register) -> None:
    reportable = [e for e in reg.entries if e.row["reportable"]]
    r.heading(r.t("Reports to the PPC", "個人情報保護委員会への報告"), 1)
    if not reportable:
        r.paragraph(r.t("No incident of the period is reportable to the PPC.",
                        "期間中の事案に個人情報保護委員会への報告対象はありません。"))
        return
    r.paragraph(r.t(
        "For each reportable incident: the reports filed, as filed, and a draft of the next "
        "report still owed, prefilled from the incident record (a final report once the "
        "preliminary one was filed). Items marked “[To be completed]” are not known to "
        "the record; the items follow PPC Rules Art 8(1).",
        "報告対象の事案ごとに、提出済みの報告（提出した内容）と、次に提出すべき報告の案"
        "（事案の記録から作成。速報の提出後は確報の案）を示します。「【要記入】」の事項は記録に"
        "ないため記入が必要です。事項の順序は規則8条1項によります。"), small=True)
    kinds = _REPORT.field("kind")
    for e in reportable:
        r.step(r.t("drafting reports", "報告書を作成中"), e.number, reg.total)
        _keep_with_next(r, 70)
        r.heading(f"No. {e.number} " + present.clip(e.row["title"], 60), 2)
        for rep in model.ppc_reports(r.db, e, r.lang, today=r.today):
            what = kinds.choice_label(rep.kind, r.lang)
            if rep.draft:
                title = r.t(f"Draft {what.replace('PPC ', '')} (as of {r.today.isoformat()})",
                            f"{what.replace('個情委への', '')}（案、{r.today.isoformat()}時点）")
            else:
                ref = f", {rep.reference}" if rep.reference else ""
                ref_ja = f"、受付番号 {rep.reference}" if rep.reference else ""
                title = r.t(f"{what}: filed on {rep.submitted_on.isoformat()}{ref}",
                            f"{what.replace('個情委への', '')}：{rep.submitted_on.isoformat()}"
                            f"提出済{ref_ja}")
            _keep_with_next(r)
            # a sub-heading of its own: the contents list incidents, not each report
            r.story.append(Paragraph(escape(title), r.s_h3))
            rows = []
            for i, (name, wording, value) in enumerate(rep.items, 1):
                if name == "people_count" and value is not None:
                    value = r.t(f"{value:,} people (maximum estimate)",
                                f"{value:,}人（最大見込み）")
                rows.append([Cell(f"({i})", align="right"), r.tr(wording),
                             value if value not in (None, "") else "—"])
            r.table([r.t("No.", "番号"), r.t("Item (PPC Rules Art 8(1))", "報告事項（規則8条1項）"),
                     r.t("Answer", "内容")], rows, widths=(0.35, 1.9, 4.2), zebra=False)


def build(r: Report) -> None:
    r.step(r.t("reading incidents", "事案を読込中"))
    reg = model.register(r.db, r.period, r.lang, today=r.today)
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        "Every leak, loss or damage of personal data the company knew of in the period, "
        "reportable or not (GDPR Art 33(5) asks for a record of every breach).",
        "期間中に会社が把握した個人データの漏えい、滅失又は毀損の事案のすべて（報告対象外のものを含む。"
        "GDPR 33条5項はすべての侵害の記録を求めています）。"), small=True)
    _facts(r, reg)
    if reg.total == 0:
        r.nothing()
        return
    r.spacer()
    _chart(r, reg)
    _register_table(r, reg)
    _deadlines_table(r, reg)
    _drafts(r, reg)


register(ReportSpec(
    "incidents", Text("Incident register", "漏えい等事案の記録"),
    Text("Every incident known in the period, reportable or not: triggers, reports to the "
         "PPC and the GDPR authority, notices, and drafts of the PPC reports (APPI Art 26, "
         "PPC Rules Arts 7–10, GDPR Art 33).",
         "期間中に把握したすべての漏えい等事案：報告対象の判定、個人情報保護委員会・監督機関への報告、"
         "本人への通知、報告書の案（法26条、規則7〜10条、GDPR 33条）。"),
    build, contents=True,
    reads=("data_category", "incident", "incident_report", "organization",
           "sensitive_category", "setting")))
