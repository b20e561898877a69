"""2. Public matters on retained personal data (APPI Art 32(1); Cabinet Order Art 10):
the text the company keeps where the person can know it, generated from the records,
preceded by a check of what it lacks against the current policy version."""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import public_matters


def build(r: Report) -> None:
    r.step(r.t("reading the catalog and the organization", "方針と組織の情報を読込み中"))
    m = public_matters.matters(r.db, r.lang, r.today)
    org = m.organization
    r.paragraph(r.t(
        "The matters a business handling personal information must keep where the person "
        "can know them (APPI Art 32(1), Cabinet Order Art 10), as the records of "
        f"PrivacyDesk give them on {m.today.isoformat()}. The check comes first: what the "
        "public text lacks, each with what to do. Sections 1 to 5 are the text to publish.",
        "個人情報取扱事業者が本人の知り得る状態に置かなければならない保有個人データに関する"
        f"事項（個人情報保護法32条1項、施行令10条）を、{m.today.isoformat()}時点のPrivacyDesk"
        "の記録から作成したものです。はじめに公表内容の不足とその対応を示し、1〜5に公表する"
        "内容を示します。"))

    r.heading(r.t("Check against the current policy", "公表内容の点検（現行の方針との照合）"))
    p = m.policy
    r.facts([
        (r.t("Current policy version", "現行の方針の版"),
         p.version if p else Cell(r.t("None in force", "施行中の版なし"), "alert")),
        (r.t("Effective from", "施行日"), p.effective_from.isoformat() if p else "—"),
        (r.t("Document SHA-256", "文書のSHA-256"),
         (p.document_hash or Cell(r.t("Not recorded", "記録なし"), "alert")) if p else "—"),
        (r.t("Same text as the policy packaged with PrivacyDesk",
             "PrivacyDeskに収録された方針と同一の本文"),
         present.yes_no(p.packaged, r.lang) if p else "—"),
        (r.t("Items missing or to correct", "不足・要修正の事項"),
         Cell(f"{len(m.gaps):,}", "alert" if m.gaps else "good", "right")),
    ], widths=(3, 2))
    r.spacer(2)
    if m.gaps:
        r.paragraph(r.t(f"The public text lacks the following ({len(m.gaps):,}):",
                        f"公表内容について、次の{len(m.gaps):,}件の対応が必要です。"))
        r.table([r.t("No.", "番号"),
                 r.t("What is missing, and what to do", "不足している事項と対応")],
                ([Cell(f"{i}", "alert", "right"), r.tr(g)] for i, g in enumerate(m.gaps, 1)),
                widths=(0.6, 9))
        if m.no_purpose:
            r.heading(r.t("Data assets with no purpose of use recorded",
                          "利用目的が記録されていない個人データ"), level=3)
            r.table([r.t("Data asset", "個人データ"), r.t("Owner department", "管理部署")],
                    m.no_purpose, widths=(3, 2))
    else:
        r.paragraph(r.t("Nothing is missing: the public text below states every matter "
                        "the Act requires, consistently with the current policy version.",
                        "不足している事項はありません。以下の公表内容は、法が求める事項を現行の"
                        "方針の版と整合して記載しています。"))

    r.heading(r.t("1. The business operator (Art 32(1)(i))",
                  "1. 個人情報取扱事業者の名称、住所及び代表者の氏名（32条1項1号）"))
    missing = Cell(r.t("Not recorded", "未登録"), "alert")
    r.facts([
        (r.t("Name", "名称"), org.name or missing),
        (r.t("Address", "住所"), org.address or missing),
        (r.t("Representative", "代表者"), org.representative or missing),
    ], widths=(1, 3))

    r.heading(r.t("2. Purposes of use of retained personal data (Art 32(1)(ii))",
                  "2. 全ての保有個人データの利用目的（32条1項2号）"))
    if not m.purposes:
        r.paragraph(r.t("No purpose of use is recorded for the current policy version.",
                        "現行の方針の版に利用目的が記録されていません。"))
    else:
        r.paragraph(r.t("We use the personal data we retain for the following purposes.",
                        "当社は、保有個人データを次の目的のために利用します。"))
        for purpose in m.purposes:
            if purpose.text:
                r.paragraph(f"{purpose.code}. {purpose.text}")
            else:
                r.paragraph(f"{purpose.code}. " + r.t(
                    f"[no English text; in Japanese:] {purpose.other}",
                    f"［日本語の本文なし。英語：］{purpose.other}"))

    r.heading(r.t("3. Procedures for requests (Art 32(1)(iii); Arts 32–35, 37, 38)",
                  "3. 開示等の請求等に応じる手続（32条1項3号、32〜35条・37条・38条）"))
    r.heading(r.t("What may be requested", "請求できる事項"), level=3)
    r.paragraph("\n".join(f"・{k}" for k in m.request_kinds))
    r.heading(r.t("Where and how to make a request", "請求の申出先と方法"), level=3)
    desk = org.complaints_desk or r.t("(no desk recorded)", "（窓口が未登録）")
    r.paragraph(r.t(f"Please make a request to the personal information desk: {desk}.",
                    f"請求は、個人情報に関するお問い合わせ窓口（{desk}）までお申し出ください。"))
    if m.channels:
        r.paragraph(r.t("Requests received so far came by: ", "これまでの受付方法：")
                    + present.joiner(r.lang).join(m.channels) + r.t(".", "。"), small=True)
    r.heading(r.t("How we verify identity", "本人確認の方法"), level=3)
    if m.identity_methods:
        r.paragraph(r.t("We verify that the request comes from the person (or a lawful "
                        "representative) by one of the following:",
                        "請求がご本人（又はその代理人）からのものであることを、次のいずれかの方法で"
                        "確認します。"))
        r.paragraph("\n".join(f"・{x}" for x in m.identity_methods))
    else:
        r.paragraph(r.t("No identity check is on the request records yet: state the "
                        "methods used.",
                        "請求の記録に本人確認の方法がありません。確認の方法を定めて記載してください。"))
    r.heading(r.t("Fees (Art 38)", "手数料（38条）"), level=3)
    if m.fees:
        r.table([r.t("Request", "請求の種類"), r.t("Fee (JPY)", "手数料（円）"),
                 r.t("Requests charged", "徴収した請求"), r.t("Latest", "直近の受付日")],
                ([f.kind, " / ".join(f"{a:,}" for a in f.amounts), f.requests,
                  present.format_date(f.last_on)] for f in m.fees), widths=(4, 1.5, 1.5, 1.5))
        r.paragraph(r.t("From the request records.", "請求の記録による。"), small=True)
    else:
        r.paragraph(r.t("No fee is charged (no request record shows one).",
                        "手数料は徴収していません（手数料を記録した請求はありません）。"))
    r.heading(r.t("When we may not comply", "請求に応じられない場合"), level=3)
    for code, text in m.refusal_grounds:
        r.paragraph(f"{code}. {text}" if code else text)

    r.heading(r.t("4. Safety control measures taken (Cabinet Order Art 10(i))",
                  "4. 保有個人データの安全管理のために講じた措置（施行令10条1号）"))
    for c in m.measures:
        r.heading(c.label, level=3)
        if c.texts:
            for text in c.texts:
                r.paragraph(text)
        else:
            r.paragraph(r.t("(no publication text)", "（公表文なし）"))

    r.heading(r.t("5. Where to make a complaint (Cabinet Order Art 10(ii))",
                  "5. 苦情の申出先（施行令10条2号）"))
    r.facts([
        (r.t("Complaints and inquiries desk", "苦情・相談窓口"),
         org.complaints_desk or missing),
        (r.t("Personal Information Management Officer", "個人情報管理責任者"),
         org.officer or "—"),
        (r.t("Address", "住所"), org.address or missing),
    ], widths=(1, 3))


register(ReportSpec(
    "public_matters", Text("Public matters (APPI Art 32)",
                           "保有個人データに関する事項の公表（32条）"),
    Text("The matters on retained personal data to keep available to the person (operator, "
         "purposes, request procedures and fees, safety measures, complaints desk), made "
         "from the records, with a check of what is missing against the current policy.",
         "本人の知り得る状態に置く保有個人データに関する事項（事業者、利用目的、開示等の手続と"
         "手数料、安全管理措置、苦情の申出先）を記録から作成し、現行の方針と照合して不足を"
         "示します。"),
    build, period=False,
    reads=("data_asset", "grant", "organization", "policy_version", "purpose",
           "refusal_ground", "request", "safety_measure", "setting", "staff")))
