"""8. Access review attestation (APPI Art 23; PPC General Guidelines 10-6, 10-4): the
reviews of the period with their decisions and the grants they modified or revoked; as
of today, the grants overdue for review and those held by staff who have left or lack
a mandatory course (the dashboard's figure); an attestation statement for sign-off."""

from __future__ import annotations

from itertools import groupby

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import access


def build(r: Report) -> None:
    r.step(r.t("reading the access reviews", "アクセス権限の棚卸を読込み中"))
    reviews = access.reviews(r.db, r.period)
    r.step(r.t("reading the grants", "アクセス権限を読込み中"))
    now = access.now(r.db, r.lang, r.today)
    decided = {d: sum(v.decided[d] for v in reviews) for d in access.DECISIONS}

    r.heading(r.t("Summary", "概要"))
    r.facts([
        (r.t("Access reviews started or attested in the period",
             "対象期間中に開始又は承認した棚卸"), len(reviews)),
        (r.t("Of them attested", "うち承認済"),
         sum(1 for v in reviews if v.attested_on is not None)),
        (r.t("Grants in their scope", "対象範囲の権限"), sum(v.in_scope for v in reviews)),
        (r.t("Kept", "維持"), decided["keep"]),
        (r.t("Modified", "変更"), decided["modify"]),
        (r.t("Revoked", "削除"), decided["revoke"]),
        (r.t("Not yet decided", "未判定"), sum(v.undecided for v in reviews)),
        (r.t(f"Grants overdue for review as of {now.today.isoformat()}",
             f"{now.today.isoformat()}時点で棚卸期限を超過した権限"), now.overdue_grants),
        (r.t(f"Grants held by untrained or departed staff as of {now.today.isoformat()}",
             f"{now.today.isoformat()}時点で未受講者・退職者が保有する権限"),
         now.flagged_grants),
    ], widths=(3, 1))

    r.heading(r.t("Reviews of the period", "対象期間の棚卸"))
    if not reviews:
        r.nothing(r.t("No access review was started or attested in this period.",
                      "この期間に開始又は承認した棚卸はありません。"))
    else:
        r.table([r.t("Scope", "対象範囲"), r.t("Reviewer", "確認者"), r.t("Started", "開始日"),
                 r.t("Attested", "承認日"), r.t("In scope", "対象権限"), r.t("Kept", "維持"),
                 r.t("Modified", "変更"), r.t("Revoked", "削除"), r.t("Undecided", "未判定")],
                ([v.scope, v.reviewer, present.format_date(v.started_on), _attested(r, v),
                  v.in_scope, v.decided["keep"], v.decided["modify"], v.decided["revoke"],
                  v.undecided] for v in reviews),
                widths=(4, 1.4, 1.1, 1.2, 1, 0.9, 0.9, 0.9, 0.9))
    for v in reviews:
        r.step(r.t("laying out the decisions", "判定を組版中"))
        r.heading(f"{v.scope}（{v.started_on.isoformat()}）" if r.lang == "ja"
                  else f"{v.scope} ({v.started_on.isoformat()})", level=2)
        r.facts([
            (r.t("Data asset in scope", "対象の個人データ"),
             v.scope_asset or r.t("Every data asset", "すべての個人データ")),
            (r.t("Department in scope", "対象部署"),
             v.scope_department or r.t("Every department", "すべての部署")),
            (r.t("Reviewer", "確認者"), v.reviewer),
            (r.t("Started", "開始日"), v.started_on.isoformat()),
            (r.t("Attested", "承認日"), _attested(r, v)),
            (r.t("Grants in scope", "対象範囲の権限"), f"{v.in_scope:,}"),
            (r.t("Kept / modified / revoked", "維持／変更／削除"),
             f"{v.decided['keep']:,} / {v.decided['modify']:,} / {v.decided['revoke']:,}"),
            (r.t("Not yet decided", "未判定"), _undecided(r, v)),
            (r.t("Notes", "備考"), v.notes),
        ], widths=(1, 3))
        r.spacer(2)
        if v.decided["modify"] + v.decided["revoke"] == 0:
            r.paragraph(r.t("This review modified or revoked no grant.",
                            "この棚卸で変更又は削除した権限はありません。"))
            continue
        header = [r.t("Staff member", "従業者"), r.t("Data asset", "個人データ"),
                  r.t("Level", "権限"), r.t("Decision", "判定"), r.t("Decided on", "判定日"),
                  r.t("Note", "備考")]
        for dept, changes in groupby(access.changes(r.db, v.id, r.lang),
                                     key=lambda c: c.department):
            dept = dept or r.t("(no department)", "（部署なし）")
            r.heading(r.t(f"Grants modified or revoked: {dept}", f"変更・削除した権限：{dept}"),
                      level=3)
            r.table(header, ([c.staff, c.asset, c.level, c.decision_word,
                              c.decided_on.isoformat(), c.note] for c in changes),
                    widths=(1.6, 4, 0.8, 0.8, 0.9, 2.2))

    r.heading(r.t(f"Grants overdue for review as of {now.today.isoformat()}",
                  f"{now.today.isoformat()}時点で棚卸期限を超過した権限"))
    r.paragraph(r.t(
        f"{now.overdue_grants:,} grants in force have passed their review date (last review, "
        "or grant, + the review cycle), by data asset. The console lists each of them: "
        "Access grants, “Overdue only”.",
        f"有効な権限のうち{now.overdue_grants:,}件が棚卸期限（前回棚卸日又は付与日＋棚卸周期）"
        "を過ぎています。個人データ別に示します。個々の権限は画面の「アクセス権限」で"
        "「期限超過のみ」を選ぶと一覧できます。"))
    r.table([r.t("Data asset", "個人データ"), r.t("Owner department", "管理部署"),
             r.t("Grants overdue", "期限超過の権限"), r.t("Oldest review due", "最も古い棚卸期限"),
             r.t("Overdue by", "超過日数")],
            ([a.asset, a.owner_department, a.grants, present.format_date(a.oldest_due),
              Cell(present.days_text((a.oldest_due - now.today).days, r.lang), "alert")
              if a.oldest_due else ""] for a in now.overdue_by_asset),
            widths=(3, 2.5, 1.2, 1.4, 1.2))

    r.heading(r.t(f"Grants held by untrained or departed staff as of {now.today.isoformat()}",
                  f"{now.today.isoformat()}時点で未受講者・退職者が保有する権限"))
    r.paragraph(r.t(
        f"{now.flagged_grants:,} grants in force (the dashboard's figure) are held by "
        f"{len(now.holders):,} people who have left the company or lack a valid mandatory "
        "course: revoke them, or train the holder. The console lists each grant: Access "
        "grants, “Held by untrained or departed staff”.",
        f"有効な権限のうち{now.flagged_grants:,}件（ダッシュボードと同じ件数）を、退職・離任した"
        f"者又は必須研修が有効でない者{len(now.holders):,}名が保有しています。権限を削除するか、"
        "研修を受講させてください。個々の権限は画面の「アクセス権限」で「未受講者・退職者の権限」"
        "を選ぶと一覧できます。"))
    r.table([r.t("Staff member", "従業者"), r.t("Department", "部署"),
             r.t("Holder", "保有者の状況"), r.t("Grants", "権限数"),
             r.t("Grants by level", "権限の内訳")],
            ([h.staff, h.department, r.status("holder_status", h.status, h.status_word),
              h.grants, access.levels_text(h.levels, r.lang)] for h in now.holders),
            widths=(2, 2.4, 2.4, 0.8, 3))

    r.heading(r.t("Attestation", "棚卸結果の確認"))
    r.paragraph(_statement(r, reviews, now))


def _attested(r: Report, v: access.Review) -> str | Cell:
    if v.attested_on is not None:
        return v.attested_on.isoformat()
    return Cell(r.t("Not attested", "未承認"), "warning")


def _undecided(r: Report, v: access.Review) -> str | Cell:
    if not v.undecided:
        return "0"
    if v.attested_on is not None:  # grants in its recorded scope that it did not decide
        return Cell(r.t(f"{v.undecided:,} — the review was attested without deciding them; "
                        "check its recorded scope",
                        f"{v.undecided:,}件（判定のないまま承認されています。記録上の対象範囲を"
                        "確認してください）"), "alert")
    return Cell(f"{v.undecided:,}", "warning")


def _statement(r: Report, reviews: list[access.Review], now: access.Now) -> str:
    day = now.today.isoformat()
    attested = [v for v in reviews if v.attested_on is not None]
    open_ = [v for v in reviews if v.attested_on is None]
    gaps = [v for v in attested if v.undecided]
    if r.lang == "ja":
        parts = [f"対象期間（{r.period.text('ja')}）に開始又は承認したアクセス権限の棚卸は"
                 f"{len(reviews)}件で、うち{len(attested)}件が承認済みです。"]
        if reviews:
            parts.append("棚卸は上記の確認者が実施し、「削除」と判定した権限は判定日に削除し、"
                         "「変更」と判定した権限は備考のとおり変更しました。")
        if open_:
            parts.append(f"未承認の棚卸{len(open_)}件には未判定の権限が"
                         f"{sum(v.undecided for v in open_):,}件あり、すべて判定した上で"
                         "承認します。")
        if gaps:
            parts.append(f"承認済みの棚卸のうち{len(gaps)}件は、記録上の対象範囲に判定のない権限"
                         f"（計{sum(v.undecided for v in gaps):,}件）が残っています。")
        parts.append(f"{day}時点で、棚卸期限を超過した権限は{now.overdue_grants:,}件、"
                     f"退職者又は必須研修が有効でない従業者が保有する権限は"
                     f"{now.flagged_grants:,}件であり、上記のとおり対応します。"
                     f"以上が{day}時点のPrivacyDeskの記録に基づくことを確認します。")
        return "".join(parts)
    parts = [f"{_n(len(reviews), 'access review')} started or attested in the period "
             f"({r.period.text('en')}): {len(attested)} attested."]
    if reviews:
        parts.append("The reviewers named above carried them out; grants decided “revoke” "
                     "were removed on the day of the decision, and grants decided “modify” "
                     "were changed as noted.")
    if open_:
        parts.append(f"Not yet attested: {_n(len(open_), 'review')}, with "
                     f"{_n(sum(v.undecided for v in open_), 'grant')} to decide before "
                     "attestation.")
    if gaps:
        parts.append(f"{_n(len(gaps), 'attested review')} leave "
                     f"{_n(sum(v.undecided for v in gaps), 'grant')} of their recorded scope "
                     "without a decision.")
    parts.append(f"As of {day}, {_n(now.overdue_grants, 'grant')} are overdue for review and "
                 f"{_n(now.flagged_grants, 'grant')} are held by staff who have left or lack "
                 "a valid mandatory course; they are to be dealt with as listed above. We "
                 f"confirm that this report reflects the records of PrivacyDesk as of {day}.")
    return " ".join(parts)


def _n(n: int, noun: str) -> str:
    """"1 grant", "2 grants" (English running text)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


register(ReportSpec(
    "access", Text("Access review attestation", "アクセス権限の棚卸結果"),
    Text("The access reviews of the period (scope, reviewer, decisions, grants modified or "
         "revoked), grants overdue for review and grants held by untrained or departed staff "
         "now, with an attestation for sign-off (APPI Art 23).",
         "期間中の棚卸（対象範囲・確認者・判定・変更又は削除した権限）、現時点で棚卸期限を"
         "超過した権限と未受講者・退職者が保有する権限、及び承認欄（個人情報保護法23条）。"),
    build, landscape=True,
    reads=("access_review", "completion", "course", "data_asset", "grant", "organization",
           "review_decision", "setting", "staff")))
