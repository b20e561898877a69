"""10. Foreign transfers and the external environment (APPI Art 28; policy item G): each
transfer's basis, the information given to the person, the periodic check and notes on
the foreign regime; the checks of the period; the countries where personal data is sent
or stored."""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import transfers

_BASIS_NOTE = {
    "consent": Text(
        "Art 28(1), (2): before consenting, the person is told the country, its system for "
        "protecting personal information and the recipient's measures.",
        "28条1項・2項：同意を得る前に、移転先の国名、その国の個人情報の保護に関する制度及び"
        "提供先が講ずる措置を本人に提供します。"),
    "equivalent_measures": Text(
        "Art 28(1), (3): the recipient's measures are checked at least once a year; the "
        "person is informed on request.",
        "28条1項・3項：提供先の相当措置の実施状況等を年1回以上確認し、本人の求めに応じて"
        "情報を提供します。"),
    "adequate_country": Text(
        "A country the PPC designates as having an equivalent regime (EU, UK): Art 28 does "
        "not apply; Art 27 applies as for a recipient in Japan.",
        "個人情報保護委員会が同等の水準にあると認める国（EU・英国）：28条は適用されず、"
        "国内の第三者と同様に27条が適用されます。"),
}


def build(r: Report) -> None:
    r.step(r.t("reading the foreign transfers", "外国への提供を読込み中"))
    rows = transfers.transfers(r.db, r.period, r.lang, r.today)
    countries = transfers.countries(r.db, rows, r.lang)
    checks = sum(len(t.checks) for t in rows)
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        "Personal data provided to a third party in a foreign country (APPI Art 28), and "
        "what the company knows of the countries where it sends or stores personal data "
        f"(policy item G). The register as of {r.today.isoformat()}; the checks made in "
        f"{r.period.text('en')}.",
        "外国にある第三者への個人データの提供（個人情報保護法28条）と、個人データを提供し"
        "又は保管する外国の制度等の把握（方針G 外的環境の把握）の状況です。提供の一覧は"
        f"{r.today.isoformat()}時点、確認の記録は{r.period.text('ja')}のものです。"))
    eq = [t for t in rows if t.basis == transfers.EQUIVALENT]
    r.facts([
        (r.t("Foreign transfers", "外国にある第三者への提供"), len(rows)),
        *((word, sum(1 for t in rows if t.basis_word == word))
          for word in dict.fromkeys(t.basis_word for t in rows)),
        (r.t("Periodic check overdue (equivalent measures)", "定期確認の期限超過（相当措置）"),
         sum(1 for t in eq if t.deadline_status == "overdue")),
        (r.t("Periodic check due soon", "定期確認の期限間近"),
         sum(1 for t in eq if t.deadline_status == "due_soon")),
        (r.t("Checks made in the period", "対象期間中の確認"), checks),
        (r.t("Of them finding obstacles", "うち支障が認められた確認"),
         sum(1 for t in rows for c in t.checks if c.obstacles)),
        (r.t("Transfers with points to act on", "要対応事項がある提供"),
         sum(1 for t in rows if t.points)),
        (r.t("Foreign countries where data assets are stored", "個人データを保管する外国"),
         sum(1 for c in countries if c.assets and c.code != transfers.HOME)),
    ], widths=(3, 1))
    if not checks:
        r.nothing(r.t("No transfer check was made in this period.",
                      "この期間に行った提供先の確認はありません。"))
    if rows:
        r.spacer()
        r.table([r.t("Recipient", "提供先"), r.t("Recipient country", "提供先の国"),
                 r.t("Server country", "サーバの所在国"), r.t("Basis", "根拠"),
                 r.t("Last check", "前回確認日"), r.t("Next check", "次回確認期限"),
                 r.t("To act on", "要対応")],
                ([t.recipient, transfers.country_name(t.recipient_country, r.lang),
                  transfers.country_name(t.server_country, r.lang), t.basis_word,
                  present.format_date(t.last_checked_on), _due(r, t),
                  Cell(f"{len(t.points)}", "alert" if t.points else None, "right")]
                 for t in rows), widths=(2.2, 1.5, 1.5, 2, 1.2, 1.6, 0.8))

    r.heading(r.t("Countries", "国別の状況"))
    r.paragraph(r.t(
        "Each country a transfer's recipient or server is in, or a data asset is stored in "
        "(its storage country), and whether notes on its regime are on record.",
        "提供先又はサーバが所在する国と、個人データ台帳の保管国ごとの件数、及びその国の制度"
        "に関する把握事項の記録の有無です。"), small=True)
    r.table([r.t("Country", "国"), r.t("Transfers to recipients there", "提供先の所在"),
             r.t("Transfers with servers there", "サーバの所在"),
             r.t("Data assets stored", "保管する個人データ"),
             r.t("People (estimate)", "本人の概数"), r.t("Regime notes", "制度の把握"),
             r.t("Data assets", "個人データの名称")],
            ([_country(r, c.code), c.recipients, c.servers, c.assets, c.people, _notes(r, c),
              r.t("(in Japan)", "（国内）") if c.code == transfers.HOME
              else present.joiner(r.lang).join(c.asset_names)] for c in countries),
            widths=(1.5, 0.9, 0.9, 0.9, 1.1, 0.8, 4.5))

    mark = len(r.story)  # each transfer's heading and facts on one page (the first's with
    r.heading(r.t("Each transfer", "提供ごとの状況"))  # this heading)
    if not rows:
        r.paragraph(r.t("No foreign transfer is recorded.",
                        "外国にある第三者への提供は登録されていません。"))
    for t in rows:
        r.step(r.t("laying out the transfers", "提供を組版中"))
        mark = mark if t is rows[0] else len(r.story)
        r.heading(f"{t.recipient}（{t.recipient_country}）" if r.lang == "ja"
                  else f"{t.recipient} ({t.recipient_country})", level=2)
        r.facts([
            (r.t("Recipient", "提供先"), t.recipient + (
                r.t(f"; equivalence: {t.equivalence_basis}",
                    f"　基準適合体制の根拠：{t.equivalence_basis}")
                if t.equivalence_basis else "")),
            (r.t("Recipient country", "提供先の国"),
             transfers.country_name(t.recipient_country, r.lang)),
            (r.t("Server country", "サーバの所在国"),
             transfers.country_name(t.server_country, r.lang)
             or r.t("Not recorded", "記録なし")),
            (r.t("Basis", "根拠"), f"{t.basis_word}\n{r.tr(_BASIS_NOTE.get(t.basis, ''))}"),
            (r.t("Person told the country", "移転先の国名を本人に情報提供"),
             present.yes_no(t.info_country, r.lang)),
            (r.t("Person told that country's regime", "外国の制度を本人に情報提供"),
             present.yes_no(t.info_regime, r.lang)),
            (r.t("Person told the recipient's measures", "提供先の講ずる措置を本人に情報提供"),
             present.yes_no(t.info_measures, r.lang)),
            (r.t("Check cycle", "確認周期"),
             r.t(f"{t.cycle_months} months", f"{t.cycle_months}か月") if t.cycle_months
             else r.t("No periodic check on this basis", "この根拠では定期確認は不要")),
            (r.t("Last check", "前回確認日"),
             present.format_date(t.last_checked_on) or r.t("None yet", "未実施")),
            (r.t("Next check due", "次回確認期限"), _due(r, t, with_date=True) or "—"),
            (r.t("Notes on the foreign regime (policy G)", "外国の制度に関する把握事項（方針G）"),
             t.regime_notes or Cell(r.t("None recorded", "記録なし"), "alert")),
            (r.t("Points to act on", "要対応事項"),
             Cell("\n".join(f"・{p}" for p in t.points), "alert") if t.points
             else r.t("None", "なし")),
        ], widths=(2, 3))
        r.spacer(2)
        block = r.story[mark:]
        del r.story[mark:]
        r.keep(*block)
        if not t.checks:
            r.paragraph(r.t("No check of this transfer was made in the period.",
                            "対象期間中にこの提供先の確認は行っていません。"), small=True)
            continue
        r.heading(r.t("Checks made in the period", "対象期間中の確認"), level=3)
        r.table([r.t("Checked on", "確認日"), r.t("Findings", "確認結果"),
                 r.t("Obstacles", "継続的実施の支障"), r.t("Actions", "対応")],
                ([present.format_date(c.checked_on), c.findings,
                  Cell(present.yes_no(c.obstacles, r.lang), "alert" if c.obstacles else None),
                  c.actions or "—"] for c in t.checks), widths=(1.2, 3.5, 1.2, 3.5))


def _due(r: Report, t: transfers.Transfer, *, with_date: bool = False) -> Cell | str:
    if t.deadline_status is None:
        return ""
    word = t.deadline_word
    if with_date and t.next_due:
        word = f"{t.next_due.isoformat()}（{word}）" if r.lang == "ja" \
            else f"{t.next_due.isoformat()} ({word})"
    elif t.next_due:
        word = t.next_due.isoformat()
    return r.status("deadline_status", t.deadline_status, word)


def _country(r: Report, code: str) -> str:
    return transfers.country_name(code, r.lang) or r.t("(not recorded)", "（未記録）")


def _notes(r: Report, c: transfers.Country) -> str | Cell:
    if c.code == transfers.HOME:
        return "—"
    if c.notes:
        return r.t("Yes", "あり")
    return Cell(r.t("None", "なし"), "alert")


register(ReportSpec(
    "transfers", Text("Foreign transfers and the external environment",
                      "外国にある第三者への提供と外的環境の把握"),
    Text("Each provision to a recipient abroad: basis, information given to the person, "
         "periodic checks and findings, notes on the foreign regime; the countries where "
         "data is sent or stored (APPI Art 28; policy item G).",
         "外国にある第三者への提供ごとの根拠、本人への情報提供、定期確認とその結果、外国の"
         "制度の把握、及び個人データの提供先・保管先の国（個人情報保護法28条、方針G）。"),
    build,
    reads=("counterparty", "data_asset", "foreign_transfer", "organization", "setting",
           "transfer_check")))
