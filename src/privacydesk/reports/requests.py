"""5. Request log with service levels (APPI Arts 32–39, GDPR Arts 12–22).

For the requests received in the period: volume by type and law, how fast they were
answered (median days, share on time), extensions, decisions and refusal grounds, fees;
two charts by month; then every request in the order received. The definitions are
those of `services.reporting.requests` (an open request already past its due date
counts as late).
"""

from __future__ import annotations

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.figures import number, percent, share_chart, stacked_chart
from privacydesk.reports.ledger import ledger
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import requests as model

TONES = {model.ON_TIME: present.GOOD, model.LATE: present.ALERT,
         model.OVERDUE: present.ALERT, model.DUE_SOON: present.WARNING,
         model.OPEN: present.GOOD, model.AWAITING_ID: present.NEUTRAL,
         model.WITHDRAWN: present.NEUTRAL, model.NO_DUE: present.NEUTRAL}


def count(r: Report, n: int) -> str:
    """A number of requests in running text: "12" / 「12件」."""
    return r.t(f"{n:,}", f"{n:,}件")


def _facts(r: Report, s: model.Summary, backlog: model.Backlog) -> None:
    t = s.total
    rows: list[tuple[str, object]] = [
        (r.t("Requests received in the period", "期間中に受け付けた請求"), count(r, t.received)),
        (r.t("Answered", "回答済"), count(r, t.answered)),
        (r.t("Still open", "未回答"),
         r.t(f"{t.open:,} (of them {t.overdue:,} overdue)",
             f"{t.open:,}件（うち期限超過 {t.overdue:,}件）")),
        (r.t("Withdrawn by the person", "本人による取下げ"), count(r, t.withdrawn)),
    ]
    if t.awaiting_identity:
        rows.append((r.t("Awaiting identity proof (GDPR Art 12(6): no due date yet)",
                         "本人確認書類の受領待ち（GDPR 12条6項：回答期限は未起算）"),
                     count(r, t.awaiting_identity)))
    rows += [
        (r.t("Answered on time", "期限内の回答率"),
         r.t(f"{percent(t.on_time_share)} ({t.on_time:,} of {t.judged:,} requests due; "
             "an open request past its due date counts as late)",
             f"{percent(t.on_time_share)}（期限を迎えた{t.judged:,}件のうち{t.on_time:,}件。"
             "期限を過ぎた未回答の請求は期限後として計上）")),
        (r.t("Median days to respond (received → responded)",
             "回答までの日数の中央値（受付日→回答日）"),
         "—" if t.median_days is None else r.t(f"{number(t.median_days)} days",
                                                f"{number(t.median_days)}日")),
        (r.t("Extensions (GDPR Art 12(3))", "期限の延長（GDPR 12条3項）"),
         r.t(f"{s.extended:,} of {s.gdpr:,} GDPR requests",
             f"GDPRの請求{s.gdpr:,}件のうち{s.extended:,}件")),
        (r.t("Refused", "不対応（拒否）"), count(r, s.refused)),
        (r.t("Fees collected (APPI Art 38)", "手数料の徴収（法38条）"),
         r.t(f"¥{s.fees_total:,} ({s.fees_count:,} request{'' if s.fees_count == 1 else 's'})",
             f"{s.fees_total:,}円（{s.fees_count:,}件）")),
        (r.t("Today, requests of any period: open / overdue (as on the dashboard)",
             "本日時点の全期間の請求：未回答／期限超過（ダッシュボードと同じ）"),
         r.t(f"{backlog.open:,} open, {backlog.overdue:,} overdue",
             f"未回答 {backlog.open:,}件、期限超過 {backlog.overdue:,}件")),
    ]
    r.facts(rows, widths=(2.2, 3))


def _by_kind(r: Report, s: model.Summary) -> None:
    r.heading(r.t("By type of request", "請求の種類別"), 2)
    header = [r.t("Type", "種類"), r.t("Law", "法令"), r.t("Received", "受付"),
              r.t("Answered", "回答済"), r.t("Open", "未回答"),
              r.t("On time", "期限内"), r.t("Late", "期限後・超過"),
              r.t("On-time share", "期限内の割合"), r.t("Median days", "日数の中央値")]

    def line(label: str, law: str, t: model.Tally) -> list:
        return [label, law, t.received, t.answered, t.open, t.on_time, t.late,
                Cell(percent(t.on_time_share), align="right"),
                Cell(number(t.median_days), align="right")]

    rows = [line(k.label, k.law, k.tally) for k in s.kinds]
    rows.append(line(r.t("Total", "合計"), "", s.total))
    r.table(header, rows, widths=(3.4, 1.4, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.1))


def _decisions(r: Report, s: model.Summary) -> None:
    r.heading(r.t("Decisions and refusal grounds", "決定と不対応等の事由"), 2)
    r.table([r.t("Decision", "決定"), r.t("Requests", "件数")],
            ([label, n] for _, label, n in s.decisions), widths=(3, 1))
    r.spacer(3)
    if not s.grounds:
        r.paragraph(r.t("No refusal ground was recorded on the requests of the period.",
                        "期間中の請求に不対応等の事由の記録はありません。"), small=True)
        return
    decision = entity("request").field("decision")
    kinds = ("refused", "partial", "alternative")
    header = [r.t("Code", "記号"), r.t("Refusal ground", "不対応等の事由"),
              r.t("Article", "根拠条項"),
              *(decision.choice_label(k, r.lang) for k in kinds), r.t("Total", "合計")]
    r.table(header, ([g.code, g.text, g.article, *(g.decisions.get(k, 0) for k in kinds),
                      g.total] for g in s.grounds),
            widths=(0.6, 5.2, 1.8, 0.9, 0.9, 1.2, 0.7))


def _charts(r: Report, s: model.Summary) -> None:
    r.heading(r.t("By month", "月別の推移"), 2)
    months = [m.label for m in s.months]
    series = [(r.tr(label), [m.by_family.get(key, 0) for m in s.months])
              for key, label in model.FAMILIES]
    series = [x for x in series if any(x[1])]
    partial = r.t(" The first and last months may be partial: the period runs from "
                  f"{r.period.start.isoformat()} to {r.period.end.isoformat()}.",
                  f"期間は{r.period.start.isoformat()}から{r.period.end.isoformat()}までのため、"
                  "最初と最後の月は一部の日のみです。")
    r.chart(stacked_chart(r, months, series,
                          title=r.t("Requests received per month, by type",
                                    "月別の受付件数（種類別）")),
            r.t("Disclosure: purpose notice, disclosure and disclosure of provision records "
                "(APPI Arts 32–33); correction, addition or deletion (Art 34); suspension "
                "of use, erasure or stop of third-party provision (Art 35); GDPR: the "
                "rights of Arts 15–22.",
                "開示等：利用目的の通知・開示・第三者提供記録の開示（法32・33条）、訂正等：訂正・追加・"
                "削除（法34条）、利用停止等：利用停止・消去・第三者提供の停止（法35条）、"
                "GDPR：15〜22条の権利。") + partial)
    r.spacer(3)
    r.chart(share_chart(r, months, r.t("On time", "期限内"),
                        [m.tally.on_time_share for m in s.months],
                        title=r.t("Share answered on time, by month received",
                                  "期限内に回答した割合（受付月別）")),
            r.t("Of the requests received in each month whose due date has come: answered "
                "by it. An open request past its due date counts as late; a month without "
                "such requests has no bar.",
                "各月に受け付けた請求のうち期限を迎えたものについて、期限内に回答した割合。期限を過ぎた"
                "未回答の請求は期限後として計上し、該当する請求がない月は棒を表示しません。"))


def _log(r: Report) -> None:
    r.heading(r.t("The log", "処理記録"), 1)
    r.paragraph(r.t("Every request received in the period, in the order received. "
                    "The refusal ground is given by its code (see the table of grounds); "
                    "days: from received to responded, calendar days.",
                    "期間中に受け付けたすべての請求（受付順）。不対応等の事由は記号で示します"
                    "（事由の表を参照）。日数は受付日から回答日までの暦日数です。"), small=True)
    e = entity("request")
    short = {"subject_ref": r.t("Subject ref.", "本人の識別子"),
             "refusal_ground": r.t("Ground", "事由")}
    header = [short.get(n) or e.field(n).label(r.lang) for n in model.LOG_COLUMNS]
    header += [r.t("On time?", "期限内か"), r.t("Days", "日数")]
    words = {k: r.tr(v) for k, v in model.TIMELINESS.items()}

    def rows():
        for n, line in enumerate(model.log(r.db, r.period, r.lang, today=r.today), 1):
            if n % 500 == 0:
                r.step(r.t("reading the log", "処理記録を読込中"), n, 0)
            how = line.timeliness
            yield [*(line.texts[c] for c in model.LOG_COLUMNS), Cell(words[how], TONES[how]),
                   "" if line.days is None else line.days]

    law = 1.1 if r.lang == "ja" else 0.9
    ledger(r, header, rows(), widths=(1.0, 2.8, law, 1.1, 1.0, 1.3, 0.6, 1.0, 1.0, 1.2, 0.5))


def build(r: Report) -> None:
    r.step(r.t("counting requests", "請求を集計中"))
    s = model.summary(r.db, r.period, r.lang, today=r.today)
    backlog = model.backlog(r.db, today=r.today)
    r.heading(r.t("Summary", "概要"))
    _facts(r, s, backlog)
    if s.total.received == 0:
        r.nothing()
        return
    r.spacer()
    _by_kind(r, s)
    _decisions(r, s)
    _charts(r, s)
    _log(r)


register(ReportSpec(
    "requests", Text("Request log with service levels", "開示等の請求の処理記録（サービス水準）"),
    Text("Requests received in the period: volume by type, days to respond, share on time, "
         "extensions, refusals by ground, fees, and the log (APPI Arts 32–39, GDPR Art 12).",
         "期間中に受け付けた開示等の請求：種類別の件数、回答までの日数、期限内の割合、延長、"
         "事由別の不対応、手数料と処理記録（個人情報保護法32〜39条、GDPR 12条）。"),
    build, landscape=True,
    reads=("completion", "counterparty", "course", "data_asset", "data_category",
           "entrustee", "entrustee_check", "foreign_transfer", "grant", "incident",
           "incident_report", "organization", "provision_record", "receipt_record",
           "refusal_ground", "request", "review_decision", "safety_measure",
           "sensitive_category", "setting", "staff", "transfer_check")))
