"""1. Annual privacy report (APPI Art 23 supervision by management; PPC General Guidelines
10-3: evaluating and improving the handling of personal data).

For management: the key figures of the period and of today, a paragraph per area that
states them in words, charts where a picture reads better, the safety measures A–G,
the policy changes of the period and the open risks (the overdue duties). Every figure
comes from `services.reporting.annual`, which counts as the dashboard, the request log,
the incident register and the complaints log do.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.figures import number, percent, share_chart, stacked_chart
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import annual as model
from privacydesk.services.reporting import requests as requests_model


def _n(r: Report, n: int, unit_en: str = "", unit_ja: str = "件") -> str:
    return r.t(f"{n:,}{' ' + unit_en if unit_en else ''}", f"{n:,}{unit_ja}")


def _kpis(r: Report, a: model.Annual) -> None:
    q = a.requests.total
    inc = a.incidents
    ppc_filed = inc.ppc_filed
    now = a.now
    period_word = r.t("period", "期間")
    now_word = r.t("today", "本日")
    rows = [
        (r.t("Requests", "開示等の請求"), r.t("Received", "受付"), period_word,
         _n(r, q.received)),
        ("", r.t("Answered", "回答"), period_word, _n(r, q.answered)),
        ("", r.t("Answered on time (of those due)", "期限内の回答率（期限到来分）"), period_word,
         f"{percent(q.on_time_share)} ({q.on_time:,}/{q.judged:,})"),
        ("", r.t("Open", "未回答"), now_word, _n(r, a.backlog.open)),
        ("", r.t("Overdue", "期限超過"), now_word, _n(r, a.backlog.overdue)),
        (r.t("Incidents", "漏えい等事案"), r.t("Known", "把握"), period_word,
         _n(r, inc.total)),
        ("", r.t("Reportable to the PPC", "個人情報保護委員会への報告対象"), period_word,
         _n(r, inc.reportable)),
        ("", r.t("PPC reports filed on time", "期限内に提出した報告（速報・確報）"), period_word,
         f"{inc.ppc_on_time:,}/{ppc_filed:,}"),
        (r.t("Training", "教育研修"), r.t("Compliance (staff trained / handling data)",
                                        "受講率（受講済／取扱者）"), now_word,
         f"{now['training_compliance_pct']:.1f}% "
         f"({now['staff_trained']:,}/{now['staff_handling_data']:,})"),
        ("", r.t("Mandatory courses overdue", "必須研修の期限切れ・未受講"), now_word,
         _n(r, a.training_overdue)),
        ("", r.t("Expiring soon", "期限間近"), now_word, _n(r, a.training_expiring)),
        (r.t("Access", "アクセス権限"), r.t("Reviews attested", "承認された棚卸"), period_word,
         _n(r, a.reviews_attested)),
        ("", r.t("Grants reviewed / revoked", "棚卸した権限／削除した権限"), period_word,
         f"{a.grants_reviewed:,} / {a.decisions.get('revoke', 0):,}"),
        ("", r.t("Grants held by untrained or departed staff",
                 "未受講者・退職者が保有する権限"), now_word,
         _n(r, now["grants_untrained_or_departed"])),
        (r.t("Entrustees", "委託先"), r.t("Supervision checks", "監査・確認の実施"), period_word,
         _n(r, a.entrustee_checks)),
        ("", r.t("Audits overdue", "監査の期限超過"), now_word, _n(r, a.entrustee_overdue)),
        (r.t("Foreign transfers", "外国への提供"), r.t("Recipient checks", "提供先の定期確認"),
         period_word, _n(r, a.transfer_checks)),
        ("", r.t("Checks overdue", "確認の期限超過"), now_word, _n(r, a.transfer_overdue)),
        (r.t("Complaints", "苦情"), r.t("Received / of them open", "受付／うち未解決"),
         period_word, f"{a.complaints.total:,} / {a.complaints.open:,}"),
        ("", r.t("Open, of any period", "未解決（全期間）"), now_word,
         _n(r, a.complaints_open_now)),
        (r.t("All duties", "すべての義務"), r.t("Overdue", "期限超過"), now_word,
         _n(r, a.overdue_now)),
    ]
    r.table([r.t("Area", "分野"), r.t("Indicator", "指標"), r.t("As of", "時点"),
             r.t("Value", "値")],
            ([area, what, when, Cell(value, align="right")] for area, what, when, value
             in rows), widths=(1.3, 3.2, 0.7, 1.5))
    r.paragraph(r.t(f"“Period”: {r.period.text('en')}; “today”: {r.today.isoformat()}, as on "
                    "the dashboard.",
                    f"「期間」は{r.period.text('ja')}、「本日」は{r.today.isoformat()}時点"
                    "（ダッシュボードと同じ）。"), small=True)


def _requests(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Requests from individuals", "開示等の請求"), 2)
    q = a.requests.total
    median = number(q.median_days)
    r.paragraph(r.t(
        f"{q.received:,} requests were received in the period and {q.answered:,} answered; "
        f"of the {q.judged:,} whose due date has come, {q.on_time:,} "
        f"({percent(q.on_time_share)}) were answered on time, in a median of {median} days. "
        f"{a.requests.extended:,} GDPR requests were extended and {a.requests.refused:,} "
        f"requests refused. Today {a.backlog.open:,} requests are open, "
        f"{a.backlog.overdue:,} of them overdue.",
        f"期間中に{q.received:,}件の請求を受け付け、{q.answered:,}件に回答しました。"
        f"期限を迎えた{q.judged:,}件のうち{q.on_time:,}件（{percent(q.on_time_share)}）は期限内に"
        f"回答し、回答までの日数の中央値は{median}日です。GDPRの請求の期限延長は"
        f"{a.requests.extended:,}件、不対応（拒否）は{a.requests.refused:,}件でした。本日時点の"
        f"未回答は{a.backlog.open:,}件で、うち{a.backlog.overdue:,}件が期限を超過しています。"))
    if not q.received:
        return
    quarters = model.quarters(a.requests.months, r.lang)
    series = [(r.tr(label), [c.get(key, 0) for _, c in quarters])
              for key, label in requests_model.FAMILIES]
    r.chart(stacked_chart(r, [label for label, _ in quarters],
                          [s for s in series if any(s[1])],
                          title=r.t("Requests received per quarter, by type",
                                    "四半期別の受付件数（種類別）")),
            r.t("The first and last quarters may hold part of the period only.",
                "最初と最後の四半期は期間の一部のみを含む場合があります。"))


def _incidents(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Incidents", "漏えい等事案"), 2)
    inc = a.incidents
    applies, notified, _ = inc.gdpr
    r.paragraph(r.t(
        f"The company knew of {inc.total:,} incidents in the period, {inc.reportable:,} of "
        f"them reportable to the PPC. {inc.ppc_filed:,} PPC reports were filed, "
        f"{inc.ppc_on_time:,} of them on time; {inc.ppc_owed:,} are not filed yet. The GDPR "
        f"applied to {applies:,}, and the supervisory authority was notified of "
        f"{notified:,}. {inc.closed:,} incidents are closed.",
        f"期間中に把握した漏えい等事案は{inc.total:,}件で、うち{inc.reportable:,}件が個人情報保護"
        f"委員会への報告対象でした。報告（速報・確報）は{inc.ppc_filed:,}件を提出し、うち"
        f"{inc.ppc_on_time:,}件は期限内、未提出は{inc.ppc_owed:,}件です。GDPRが適用される事案は"
        f"{applies:,}件で、監督機関への通知は{notified:,}件です。終結した事案は{inc.closed:,}件"
        "です。"))


def _training(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Training", "教育研修"), 2)
    now = a.now
    r.paragraph(r.t(
        f"Today {now['staff_trained']:,} of the {now['staff_handling_data']:,} staff who "
        f"handle personal data have every mandatory course in force "
        f"({now['training_compliance_pct']:.1f}%). {a.training_overdue:,} mandatory courses "
        f"are overdue or never taken and {a.training_expiring:,} expire soon.",
        f"本日時点で、個人データを取り扱う従業者{now['staff_handling_data']:,}名のうち"
        f"{now['staff_trained']:,}名が必須研修をすべて有効な状態で修了しています"
        f"（受講率{now['training_compliance_pct']:.1f}%）。期限切れ又は未受講の必須研修は"
        f"{a.training_overdue:,}件、期限間近は{a.training_expiring:,}件です。"))
    depts = a.departments
    if len(depts) < 2:
        return
    shown = depts[:15]
    labels = [d.name or r.t("(no department)", "（部署なし）") for d in shown]
    height = max(50, 12 + 7 * len(shown)) * mm
    r.chart(share_chart(r, labels, r.t("Compliance", "受講率"),
                        [d.compliance for d in shown], horizontal=True, height=height,
                        title=r.t("Training compliance by department, today",
                                  "部署別の受講率（本日時点）")),
            r.t("Staff handling personal data with every mandatory course in force."
                + (" The 15 largest departments." if len(depts) > 15 else ""),
                "個人データを取り扱う従業者のうち、必須研修をすべて有効な状態で修了している者の割合。"
                + ("人数の多い15部署。" if len(depts) > 15 else "")))


def _access(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Access control", "アクセス権限の管理"), 2)
    revoked = a.decisions.get("revoke", 0)
    r.paragraph(r.t(
        f"{a.reviews_attested:,} access reviews were attested in the period; "
        f"{a.grants_reviewed:,} grants were reviewed and {revoked:,} of them revoked. Today "
        f"{a.now['grants_untrained_or_departed']:,} grants are held by staff who have left "
        f"or lack a mandatory course, and {a.now['access_reviews_due']:,} grants are due or "
        "overdue for review.",
        f"期間中に承認されたアクセス権限の棚卸は{a.reviews_attested:,}件で、{a.grants_reviewed:,}件"
        f"の権限を確認し、うち{revoked:,}件を削除しました。本日時点で、退職者又は必須研修の"
        f"未受講者が保有する権限は{a.now['grants_untrained_or_departed']:,}件、棚卸の期限超過・"
        f"期限間近の権限は{a.now['access_reviews_due']:,}件です。"))


def _third_parties(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Entrustees and foreign transfers", "委託先の監督と外国への提供"), 2)
    r.paragraph(r.t(
        f"{a.entrustee_checks:,} supervision checks of entrustees were made in the period "
        f"(APPI Art 25); {a.entrustee_overdue:,} entrustee audits are overdue today. "
        f"{a.transfer_checks:,} periodic checks of foreign recipients were made (Art 28(3)); "
        f"{a.transfer_overdue:,} are overdue today.",
        f"期間中に委託先の監査・確認を{a.entrustee_checks:,}件実施しました（法25条）。本日時点で"
        f"期限を超過している委託先の監査は{a.entrustee_overdue:,}件です。外国にある提供先の定期確認は"
        f"{a.transfer_checks:,}件実施し（法28条3項）、期限超過は{a.transfer_overdue:,}件です。"))


def _complaints(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Complaints", "苦情"), 2)
    c = a.complaints
    median = number(c.median_days_to_resolve)
    r.paragraph(r.t(
        f"{c.total:,} complaints were received in the period (APPI Art 40); {c.resolved:,} "
        f"are resolved, in a median of {median} days, and {c.open:,} still open. Today "
        f"{a.complaints_open_now:,} complaints of any period are open.",
        f"期間中に受け付けた苦情は{c.total:,}件で（法40条）、{c.resolved:,}件が解決（解決までの日数の"
        f"中央値{median}日）、{c.open:,}件が未解決です。本日時点の全期間の未解決の苦情は"
        f"{a.complaints_open_now:,}件です。"))


def _measures(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Safety measures A–G", "安全管理措置（A〜G）"))
    status = entity("safety_measure").field("status")
    total = {s: sum(m.statuses.get(s, 0) for m in a.measures) for s in model.MEASURE_STATUSES}
    overdue = sum(m.reviews_overdue for m in a.measures)
    r.paragraph(r.t(
        f"Of the safety measures of the checklist, {total['implemented']:,} are implemented, "
        f"{total['partial']:,} partly, {total['planned']:,} planned and "
        f"{total['not_applicable']:,} not applicable; {overdue:,} reviews are overdue "
        "(PPC General Guidelines 10).",
        f"安全管理措置のうち、実施済{total['implemented']:,}件、一部実施{total['partial']:,}件、"
        f"計画中{total['planned']:,}件、対象外{total['not_applicable']:,}件で、見直しの期限超過は"
        f"{overdue:,}件です（通則ガイドライン10）。"))
    header = [r.t("Category", "区分"),
              *(status.choice_label(s, r.lang) for s in model.MEASURE_STATUSES),
              r.t("Reviews overdue", "見直し期限超過")]
    rows = [[m.label, *(m.statuses.get(s, 0) for s in model.MEASURE_STATUSES),
             m.reviews_overdue] for m in a.measures]
    rows.append([r.t("Total", "合計"), *(total[s] for s in model.MEASURE_STATUSES), overdue])
    r.table(header, rows, widths=(2.6, 1.1, 1.1, 1.1, 1.1, 1.2))


def _policies(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Policy changes", "方針の改定"))
    if not a.policies:
        r.paragraph(r.t("No new version of the privacy policy took effect in the period.",
                        "期間中に施行された個人情報保護方針の新しい版はありません。"))
        return
    r.paragraph(r.t(f"{len(a.policies)} version(s) of the privacy policy took effect in the "
                    "period.",
                    f"期間中に個人情報保護方針の{len(a.policies)}つの版が施行されました。"))
    r.table([r.t("Version", "版"), r.t("Effective from", "施行日"),
             r.t("Change summary", "改定概要")],
            ([p["version"], present.format_date(p["effective_from"]),
              p.get("change_summary") or "—"] for p in a.policies), widths=(1, 1.1, 5))


def _risks(r: Report, a: model.Annual) -> None:
    r.heading(r.t("Open risks", "未対応のリスク"))
    r.paragraph(r.t(
        f"Today {a.overdue_now:,} duties are overdue and {a.now['due_soon_duties']:,} due "
        "soon, as on the dashboard. By kind, with the oldest overdue ones of each:",
        f"本日時点で期限超過の義務は{a.overdue_now:,}件、期限間近は{a.now['due_soon_duties']:,}件です"
        "（ダッシュボードと同じ）。種類別の件数と、種類ごとに最も古い期限超過の義務は次のとおりです。"))
    if not a.risks:
        r.nothing(r.t("No duty is overdue or due soon.", "期限超過・期限間近の義務はありません。"))
        return
    r.table([r.t("Kind of duty", "義務の種類"), r.t("Overdue", "期限超過"),
             r.t("Due soon", "期限間近")],
            ([x.label, Cell(f"{x.overdue:,}", present.ALERT if x.overdue else None,
                            align="right"), x.due_soon] for x in a.risks),
            widths=(4, 1, 1))
    rows = []
    for x in a.risks:
        for d in x.oldest:
            rows.append([x.label, d.title_ja if r.lang == "ja" else d.title_en,
                         present.format_date(d.due),
                         Cell(present.days_text(d.days_left, r.lang), present.ALERT)])
    if rows:
        r.spacer(3)
        r.table([r.t("Kind of duty", "義務の種類"), r.t("Duty", "義務"), r.t("Due", "期限"),
                 r.t("Overdue by", "超過")], rows, widths=(1.5, 3.5, 1.1, 1.5))


def build(r: Report) -> None:
    r.step(r.t("reading the year's figures", "年次の数値を集計中"))
    a = model.annual(r.db, r.period, r.lang, today=r.today)
    r.heading(r.t("Key figures", "主要指標"))
    if a.quiet:
        r.nothing()
        r.paragraph(r.t("Where things stand today:", "本日時点の状況は次のとおりです。"))
    _kpis(r, a)
    r.heading(r.t("The period by area", "分野別の状況"))
    for part in (_requests, _incidents, _training, _access, _third_parties, _complaints):
        part(r, a)
    _measures(r, a)
    _policies(r, a)
    _risks(r, a)


register(ReportSpec(
    "annual", Text("Annual privacy report", "個人情報保護に関する年次報告"),
    Text("Key figures of the period for management: requests, incidents, training, access "
         "reviews, entrustees, foreign transfers, complaints, safety measures A–G, policy "
         "changes and open risks.",
         "経営層向けの期間の主要指標：開示等の請求、漏えい等事案、教育研修、アクセス権限の棚卸、"
         "委託先、外国への提供、苦情、安全管理措置A〜G、方針の改定、未対応のリスク。"),
    build, contents=True,
    reads=("access_review", "complaint", "completion", "counterparty", "course",
           "data_asset", "data_category", "entrustee", "entrustee_check",
           "foreign_transfer", "grant", "incident", "incident_report", "organization",
           "policy_version", "provision_record", "receipt_record", "refusal_ground",
           "request", "review_decision", "safety_measure", "sensitive_category", "setting",
           "staff", "transfer_check")))
