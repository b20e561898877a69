"""11. Consent ledger: consents by purpose, policy version and scope, their withdrawals by
month and channel, the recipients consented to and the policy versions. Summary pages
only: the figures are SQL aggregates over the consent table (see
services.reporting.consents), never a list of its rows."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports import charts
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import consents

NUMBERS = (Text("Captured in the period", "期間中の取得"), Text("Active now", "現在有効"),
           Text("Withdrawn in the period", "期間中の撤回"), Text("Withdrawn (all)", "撤回（累計）"),
           Text("Superseded", "更新済"), Text("Recorded (all)", "記録（累計）"))


# the same, as column headers: short lines that a narrow column does not cut in a word
HEADS = (Text("Captured\n(period)", "期間中の\n取得"), Text("Active\nnow", "現在\n有効"),
         Text("Withdrawn\n(period)", "期間中の\n撤回"), Text("Withdrawn\n(all)", "撤回\n（累計）"),
         Text("Super-\nseded", "更新済"), Text("Recorded\n(all)", "記録\n（累計）"))


def _numbers(c: consents.Counts) -> list[int]:
    return [c.captured, c.active, c.withdrawn_in_period, c.withdrawn, c.superseded, c.total]


def build(r: Report) -> None:
    lang = r.lang
    e = entity("consent")
    r.step(r.t("counting consents", "同意記録を集計中"))
    ledger = consents.ledger(r.db, r.period)
    t = ledger.totals
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        "The consents recorded in the consent ledger (APPI Arts 20(2), 27(1), 28(1) and 31; "
        "GDPR Art 7(1): the company must be able to show that the person consented), "
        "counted by purpose of use, policy version and scope. \u201cCaptured\u201d and "
        "\u201cwithdrawn in the period\u201d count the consents given and withdrawn on a day "
        "of the period (Japan time); \u201cactive now\u201d, \u201cwithdrawn (all)\u201d and "
        "\u201csuperseded\u201d (replaced by a later consent) are the state of the ledger "
        f"when this report was made. The period: {r.period.text(lang)}.",
        "同意記録台帳に記録された本人の同意（個人情報保護法20条2項・27条1項・28条1項・31条、"
        "GDPR 7条1項：本人が同意したことを示せること）を、利用目的、プライバシーポリシーの版及び"
        "同意の範囲ごとに集計しています。「期間中の取得」「期間中の撤回」は対象期間の各日（日本時間）"
        "に取得・撤回された同意の数、「現在有効」「撤回（累計）」「更新済」（後の同意に置き換えられた"
        f"もの）は本帳票作成時点の状態です。対象期間：{r.period.text(lang)}。"), small=True)
    r.facts([(r.tr(label), n) for label, n in zip(NUMBERS, _numbers(t), strict=True)])
    if t.total == 0:
        r.spacer()
        r.nothing(r.t("No consent is recorded.", "同意記録はありません。"))
        return
    if t.captured == 0 and t.withdrawn_in_period == 0:
        r.spacer()
        r.nothing()

    r.heading(r.t("By purpose and policy version", "利用目的・方針の版別"))
    scope_field = e.field("scope")
    header = [r.t("Purpose of use", "利用目的"), scope_field.label(lang),
              *(r.tr(n) for n in HEADS)]
    widths = (2.6, 1.3, 1, 1, 1, 1, 1, 1)
    for v in ledger.versions:
        lines = [x for x in ledger.lines if x.policy_version == v.id]
        if not lines:
            continue
        r.heading(r.t(f"Policy version {v.version}", f"方針の版 {v.version}") + (
            r.t(f" (in force from {present.format_date(v.effective_from)})",
                f"（{present.format_date(v.effective_from)}施行）") if v.effective_from else ""),
            level=2)
        rows: list[list[object]] = [
            [consents.purpose_text(ledger, x.purpose, lang),
             present.choice_label(scope_field, x.scope, lang), *_numbers(x.counts)]
            for x in lines]
        rows.append([Cell(r.t("Total of this version", "この版の合計")), "",
                     *_numbers(v.counts)])
        r.table(header, rows, widths=widths)
    orphans = [x for x in ledger.lines if x.policy_version not in {v.id for v in ledger.versions}]
    if orphans:
        r.heading(r.t("Without a policy version", "方針の版の記録なし"), level=2)
        r.table(header, ([consents.purpose_text(ledger, x.purpose, lang),
                          present.choice_label(scope_field, x.scope, lang),
                          *_numbers(x.counts)] for x in orphans), widths=widths)

    _withdrawals(r, ledger)
    _recipients(r, ledger)
    _versions(r, ledger)


def _channel_label(r: Report, channel: str | None) -> str:
    if channel is None:
        return r.t("Not recorded", "記録なし")
    return present.choice_label(entity("consent").field("withdrawal_channel"), channel, r.lang)


def _withdrawals(r: Report, ledger: consents.Ledger) -> None:
    r.story.append(CondPageBreak(110 * mm))  # the heading stays with its chart
    r.heading(r.t("Withdrawals in the period", "期間中の撤回"))
    total = ledger.totals.withdrawn_in_period
    if total == 0:
        r.nothing(r.t("No consent was withdrawn in this period.",
                      "この期間に撤回された同意はありません。"))
        return
    r.paragraph(r.t(
        f"{total:,} consents were withdrawn in the period, counted by the calendar month of "
        "the withdrawal (Japan time) and the channel the person used.",
        f"対象期間中に撤回された同意は{total:,}件です。撤回の月（日本時間）と本人が用いた撤回の"
        "方法ごとに集計しています。"), small=True)
    per_month = [sum(ledger.withdrawals[m].values()) for m in ledger.months]
    r.chart(charts.bars(ledger.months, [(r.t("Withdrawals", "撤回"), per_month)],
                        font=r.fonts.regular, width=r.width,
                        title=r.t("Withdrawals per month", "月別の撤回件数")))
    channels = ledger.channels
    header = [r.t("Month", "月"), *(_channel_label(r, c) for c in channels),
              r.t("Total", "合計")]
    rows: list[list[object]] = [
        [m, *(ledger.withdrawals[m].get(c, 0) for c in channels), n]
        for m, n in zip(ledger.months, per_month, strict=True)]
    by_channel = ledger.withdrawn_by_channel
    rows.append([r.t("Total", "合計"), *(by_channel.get(c, 0) for c in channels), total])
    r.table(header, rows, widths=(1.2, *([1] * len(channels)), 1))


def _recipients(r: Report, ledger: consents.Ledger) -> None:
    e = entity("consent")
    r.heading(r.t("Recipients consented to", "同意に係る提供先"))
    r.paragraph(r.t(
        "Consents to provision to a third party (APPI Art 27(1)), to a third party in a "
        "foreign country (Art 28(1)) and to the provision of person-related information "
        "that the recipient will link to a person (Art 31), by recipient.",
        "第三者提供（27条1項）、外国にある第三者への提供（28条1項）及び提供先で個人データとして"
        "取得されることが想定される個人関連情報の提供（31条）についての同意を、提供先ごとに"
        "集計しています。"), small=True)
    if not ledger.recipients:
        r.nothing(r.t("No consent names a recipient.", "提供先を指定した同意はありません。"))
        return
    names = present.titles(r.db, "counterparty",
                           {x.recipient for x in ledger.recipients if x.recipient is not None},
                           r.lang)
    scope_field = e.field("scope")
    header = [scope_field.label(r.lang), e.field("recipient").label(r.lang),
              e.field("country").label(r.lang), *(r.tr(n) for n in HEADS)]
    r.table(header, ([present.choice_label(scope_field, x.scope, r.lang),
                      names.get(x.recipient, "—") if x.recipient is not None else "—",
                      x.country or "—", *_numbers(x.counts)] for x in ledger.recipients),
            widths=(1.3, 2.0, 0.85, 1, 1, 1, 1, 1, 1))


def _versions(r: Report, ledger: consents.Ledger) -> None:
    p = entity("policy_version")
    r.heading(r.t("Policy versions", "プライバシーポリシーの版"))
    header = [p.field("version").label(r.lang), p.field("effective_from").label(r.lang),
              p.field("change_summary").label(r.lang),
              r.t("Purposes introduced / retired", "追加・廃止した利用目的"),
              r.tr(HEADS[5]), r.tr(HEADS[1])]

    def purposes(v: consents.Version) -> str:
        parts = []
        if v.introduced:
            parts.append(r.t("introduced: ", "追加：") + ", ".join(v.introduced))
        if v.retired:
            parts.append(r.t("retired: ", "廃止：") + ", ".join(v.retired))
        return "\n".join(parts) or "—"

    r.table(header, ([v.version, present.format_date(v.effective_from),
                      _summary_text(v.change_summary, r.lang), purposes(v), v.counts.total,
                      v.counts.active] for v in ledger.versions),
            widths=(1.25, 1.25, 3.4, 1.6, 1, 1))


def _summary_text(text: str, lang: str) -> str:
    """The change summary in the report's language when it is written in both (a
    paragraph in Japanese and one in English), else as written."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if len(parts) == 2:
        ja = [p for p in parts if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
                                      for ch in p)]
        en = [p for p in parts if p not in ja]
        if len(ja) == 1 and len(en) == 1:
            return ja[0] if lang == "ja" else en[0]
    return text or "—"


register(ReportSpec(
    "consents", Text("Consent ledger", "同意記録台帳"),
    Text("Consents by purpose, policy version and scope: captured in the period, active, "
         "withdrawn and superseded; withdrawals per month and by channel; the recipients "
         "consented to; the policy versions.",
         "利用目的・方針の版・同意の範囲ごとの同意（期間中の取得、現在有効、撤回、更新済）、月別・"
         "方法別の撤回、同意に係る提供先、プライバシーポリシーの版。"),
    build, contents=True,
    reads=("consent", "counterparty", "organization", "policy_version", "purpose",
           "setting")))
