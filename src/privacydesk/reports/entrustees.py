"""9. Entrustee supervision (APPI Art 25): each entrustee's selection check, contract
clauses, sub-entrustees, last and next check, the checks of the period, and the points a
manager has to act on."""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import entrustees


def build(r: Report) -> None:
    r.step(r.t("reading the entrustees", "委託先を読込み中"))
    rows = entrustees.entrustees(r.db, r.period, r.lang, r.today)
    checks = sum(len(x.checks) for x in rows)
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        "A business that entrusts the handling of personal data must supervise the "
        "entrustee (APPI Art 25): choose it with care, secure the handling by contract, and "
        f"check it periodically. The register as of {r.today.isoformat()}; the checks made "
        f"in {r.period.text('en')}.",
        "個人データの取扱いを委託する場合、委託先を適切に選定し、契約により取扱いを定め、"
        "定期的に取扱状況を確認するなど、委託先に対する必要かつ適切な監督を行わなければ"
        f"なりません（個人情報保護法25条）。委託先の一覧は{r.today.isoformat()}時点、確認の"
        f"記録は{r.period.text('ja')}のものです。"))
    if not rows:
        r.nothing(r.t("No entrustee is recorded.", "委託先が登録されていません。"))
        return
    r.facts([
        (r.t("Entrustees", "委託先"), len(rows)),
        (r.t("Periodic check overdue", "定期確認の期限超過"),
         sum(1 for x in rows if x.deadline_status == "overdue")),
        (r.t("Periodic check due soon", "定期確認の期限間近"),
         sum(1 for x in rows if x.deadline_status == "due_soon")),
        (r.t("With a contract clause missing", "契約条項に不足がある委託先"),
         sum(1 for x in rows if any(not c.present for c in x.clauses))),
        (r.t("With points to act on", "要対応事項がある委託先"),
         sum(1 for x in rows if x.points)),
        (r.t("Checks made in the period", "対象期間中の確認"), checks),
    ], widths=(3, 1))
    if not checks:
        r.nothing(r.t("No supervision check was made in this period.",
                      "この期間に行った委託先の確認はありません。"))
    r.spacer()
    r.table([r.t("Entrustee", "委託先"), r.t("Entrusted work", "委託業務"),
             r.t("Last check", "前回確認日"), r.t("Next due", "次回期限"),
             r.t("Status", "期限状況"), r.t("Checks in period", "期間中の確認"),
             r.t("Points to act on", "要対応事項")],
            ([x.counterparty, x.services, present.format_date(x.last_checked_on),
              present.format_date(x.next_due), _status(r, x), len(x.checks),
              Cell(f"{len(x.points)}", "alert" if x.points else None, "right")]
             for x in rows), widths=(2.2, 3, 1.3, 1.3, 1.2, 1, 1))

    mark = len(r.story)  # each entrustee's heading and facts on one page (the first's
    r.heading(r.t("Each entrustee", "委託先ごとの状況"))  # with this heading)
    for x in rows:
        r.step(r.t("laying out the entrustees", "委託先を組版中"))
        mark = mark if x is rows[0] else len(r.story)
        r.heading(f"{x.counterparty}：{x.services}" if r.lang == "ja"
                  else f"{x.counterparty}: {x.services}", level=2)
        party = x.counterparty + (f"（{x.country}）" if r.lang == "ja" and x.country
                                  else f" ({x.country})" if x.country else "")
        if x.certifications:
            party += r.t(f"; certifications: {x.certifications}",
                         f"　認証：{x.certifications}")
        cycle = r.t(f"{x.cycle_months} months", f"{x.cycle_months}か月") + (
            r.t(" (the default of the settings)", "（設定の既定値）") if x.cycle_default else "")
        r.facts([
            (r.t("Entrustee", "委託先"), party),
            (r.t("Entrusted work", "委託業務"), x.services),
            (r.t("Data assets entrusted", "取り扱わせる個人データ"),
             present.joiner(r.lang).join(x.assets) or "—"),
            (r.t("Selection checked on", "選定時の確認日"),
             present.format_date(x.selected_on) or Cell(r.t("Not recorded", "記録なし"),
                                                       "alert")),
            (r.t("Safety measures A–G confirmed at selection",
                 "選定時に確認した安全管理措置（A〜G）"), _measures(r, x)),
            *((c.label, c.words) for c in x.clauses),
            (r.t("Sub-entrustees", "再委託先"), x.sub_entrustees or r.t("None", "なし")),
            (r.t("Last check", "前回確認日"), present.format_date(x.last_checked_on)
             or r.t("None yet", "未実施")),
            (r.t("Next check due", "次回確認期限"),
             _status(r, x, with_date=True) if x.next_due else "—"),
            (r.t("Check cycle", "確認周期"), cycle),
            (r.t("Points to act on", "要対応事項"),
             Cell("\n".join(f"・{p}" for p in x.points), "alert") if x.points
             else r.t("None", "なし")),
        ], widths=(2, 3))
        r.spacer(2)
        block = r.story[mark:]
        del r.story[mark:]
        r.keep(*block)
        if not x.checks:
            r.paragraph(r.t("No check of this entrustee was made in the period.",
                            "対象期間中にこの委託先の確認は行っていません。"), small=True)
            continue
        r.heading(r.t("Checks made in the period", "対象期間中の確認"), level=3)
        r.table([r.t("Checked on", "確認日"), r.t("Method", "方法"),
                 r.t("Findings", "指摘事項"), r.t("Corrective actions", "是正措置")],
                ([present.format_date(c.checked_on), c.method, c.findings,
                  c.corrective_actions or "—"] for c in x.checks),
                widths=(1.2, 1.3, 3.5, 3.5))


def _status(r: Report, x: entrustees.Entrustee, *, with_date: bool = False) -> Cell | str:
    if x.deadline_status is None:
        return ""
    word = x.deadline_word
    if with_date and x.next_due:
        word = f"{x.next_due.isoformat()}（{word}）" if r.lang == "ja" \
            else f"{x.next_due.isoformat()} ({word})"
    return r.status("deadline_status", x.deadline_status, word)


def _measures(r: Report, x: entrustees.Entrustee) -> str | Cell:
    sep = present.joiner(r.lang)
    confirmed = sep.join(x.measures_confirmed) or r.t("none", "なし")
    if not x.measures_missing:
        return r.t(f"✓ All: {confirmed}", f"✓ すべて確認：{confirmed}")
    return Cell(r.t(f"Confirmed: {confirmed}; not confirmed: {sep.join(x.measures_missing)}",
                    f"確認済：{confirmed}　未確認：{sep.join(x.measures_missing)}"),
                "warning")


register(ReportSpec(
    "entrustees", Text("Entrustee supervision", "委託先の監督状況"),
    Text("Each entrustee: selection check against measures A–G, contract clauses, "
         "sub-entrustees, last and next check, and the checks of the period with findings "
         "and corrective actions (APPI Art 25).",
         "委託先ごとの選定時の確認（安全管理措置A〜G）、契約条項、再委託先、前回・次回の確認、"
         "期間中の確認の指摘事項と是正措置（個人情報保護法25条）。"),
    build,
    reads=("counterparty", "data_asset", "entrustee", "entrustee_check", "organization",
           "setting")))
