"""Disclosure pack for one person: what the privacy records hold about one data subject,
written to go with the answer to a request for disclosure (APPI Art 33, Art 33(5) for
the records of provision; GDPR Art 15). Nothing about anyone else is printed (see
services.reporting.disclosure)."""

from __future__ import annotations

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports.base import Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services.reporting import books, disclosure

NONE = Text("We hold no such record about you.", "該当する記録はありません。")


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def build(r: Report) -> None:
    lang = r.lang
    ref = (r.subject or "").strip()
    # sent to the person with the answer: not the internal label of the other reports
    r.confidentiality = r.t("For the person concerned — personal data",
                            "ご本人様用（個人情報を含みます）")
    r.step(r.t("gathering the records of the person", "本人の記録を収集中"))
    p = disclosure.pack(r.db, ref, lang, today=r.today)
    org = r.organization
    desk = org.complaints_desk or org.name
    r.heading(r.t("About this document", "本書について"))
    r.paragraph(r.t(
        f"This document answers your request for disclosure under Article 33 of the Act on "
        f"the Protection of Personal Information. It sets out what {org.name} holds in its "
        f"records on the handling of personal data about you, the person with the reference "
        f"{ref}, as of {r.today.isoformat()}: the consents you gave us (and any you "
        "withdrew), the requests you made to us and our answers, the records of provision of "
        "your personal data to third parties and of its receipt from third parties, which "
        "Article 33(5) entitles you to see, and complaints linked to your requests. Where a "
        "record also concerns other people, only what concerns you is shown. If anything "
        "here is wrong, you may ask us to correct it (Article 34). Questions: "
        f"{desk}.",
        f"本書は、個人情報の保護に関する法律第33条に基づく開示のご請求にお答えするものです。"
        f"{org.name}が個人データの取扱いに関する記録として保有している、識別子「{ref}」のご本人"
        f"に関する情報を、{r.today.isoformat()}現在で記載しています。内容は、ご本人からいただいた"
        "同意（撤回されたものを含みます）、ご本人からのご請求と当社の回答、ご本人の個人データを"
        "第三者に提供した記録及び第三者から提供を受けた際の記録（同条第5項に基づき開示の対象と"
        "なるもの）並びにご請求に関連する苦情の記録です。他の方にも関わる記録については、ご本人"
        "に関する部分のみを記載しています。内容に誤りがある場合は、訂正等をご請求いただけます"
        f"（同法第34条）。お問い合わせ先：{desk}"))
    r.facts([
        (r.t("Consents", "同意の記録"), len(p.consents)),
        (r.t("Your requests", "ご請求"), len(p.requests)),
        (r.t("Records of provision to third parties (Art 29)", "第三者提供の記録（29条）"),
         len(p.provisions)),
        (r.t("Records of receipt from third parties (Art 30)", "第三者からの受領の記録（30条）"),
         len(p.receipts)),
        (r.t("Complaints linked to your requests", "ご請求に関連する苦情"), len(p.complaints)),
    ], widths=(3, 1))
    if p.empty:
        r.spacer()
        r.paragraph(r.t(f"We hold no record about the person with the reference {ref}.",
                        f"識別子「{ref}」のご本人に関する記録は保有していません。"))
        return
    _consents(r, p)
    _requests(r, p)
    _books(r, p)
    _complaints(r, p)


def _consents(r: Report, p: disclosure.Pack) -> None:
    lang = r.lang
    e = entity("consent")
    label = lambda n: e.field(n).label(lang)  # noqa: E731
    r.heading(r.t("Your consents", "同意の記録"))
    r.paragraph(r.t("The consents you gave us, oldest first, with the version of our privacy "
                    "policy you were shown and, for a consent you withdrew, when and how.",
                    "ご本人からいただいた同意を古い順に記載しています。同意の際に示したプライバシー"
                    "ポリシーの版と、撤回された同意についてはその日時と方法を含みます。"),
                small=True)
    if not p.consents:
        r.nothing(r.tr(NONE))
        return
    colon = "：" if lang == "ja" else ": "

    def what(c: dict[str, str]) -> str:
        recipient = c["recipient"] + (f" ({c['country']})" if c["country"] else "") \
            if c["recipient"] else ""
        return _lines(c["scope"], c["purpose"] and label("purpose") + colon + c["purpose"],
                      recipient and label("recipient") + colon + recipient)

    def status(c: dict[str, str]) -> str:
        if not c["withdrawn_at"]:
            return c["status"]
        how = f"（{c['withdrawal_channel']}）" if lang == "ja" else \
            f" ({c['withdrawal_channel']})"
        return _lines(c["status"], c["withdrawn_at"] + (how if c["withdrawal_channel"] else ""))

    def channel(c: dict[str, str]) -> str:
        by_guardian = c["guardian"] == r.t("Yes", "はい")
        return _lines(c["channel"], r.t("given by a legal guardian", "法定代理人による同意")
                      if by_guardian else "")

    header = [label("captured_at"), r.t("What you consented to", "同意の内容"),
              label("policy_version"), label("channel"), label("evidence_ref"),
              label("status")]
    r.table(header, ([c["captured_at"], what(c), c["policy_version"], channel(c),
                      c["evidence_ref"], status(c)] for c in p.consents),
            widths=(1.4, 2.75, 1.15, 1.1, 1.4, 1.25))


def _requests(r: Report, p: disclosure.Pack) -> None:
    lang = r.lang
    e = entity("request")
    label = lambda n: e.field(n).label(lang)  # noqa: E731
    colon = "：" if lang == "ja" else ": "
    r.heading(r.t("Your requests and our answers", "ご請求と当社の回答"))
    if not p.requests:
        r.nothing(r.tr(NONE))
        return

    def decision(q: dict[str, str]) -> str:
        return _lines(q["decision"] or "—",
                      q["refusal_ground"] and label("refusal_ground") + colon
                      + q["refusal_ground"],
                      q["reason_explained"] and r.t("Reason", "理由") + colon
                      + q["reason_explained"])

    def answered(q: dict[str, str]) -> str:
        if q["responded_on"]:
            return q["responded_on"]
        if q["withdrawn_on"]:
            return label("withdrawn_on") + colon + q["withdrawn_on"]
        return r.t("not yet answered", "未回答") + (
            _lines("", label("due_on") + colon + q["due_on"]) if q["due_on"] else "")

    header = [label("received_on"), label("kind"), label("status"), label("decision"),
              label("responded_on")]
    r.table(header, ([q["received_on"], q["kind"], q["status"], decision(q), answered(q)]
                     for q in p.requests),
            widths=(1.2, 2.2, 1.1, 3.3, 1.3))


def _books(r: Report, p: disclosure.Pack) -> None:
    lang = r.lang
    note = r.t("The records we keep under Article 29 of the Act when we provide personal data "
               "to a third party, where they name you. Where a record also concerns other "
               "people, only your reference is shown as the person concerned. Provisions the "
               "Act exempts from record-keeping (for example to a contractor processing data "
               "on our behalf) have no such record.",
               "当社が個人データを第三者に提供した際に同法第29条に基づき作成した記録のうち、"
               "ご本人が記載されているものを掲載しています。他の方にも関わる記録については、"
               "「本人の氏名等」欄にご本人の識別子のみを表示しています。なお、記録の作成が義務付け"
               "られていない提供（業務の委託に伴う提供等）については、この記録はありません。")
    pe, re_ = entity("provision_record"), entity("receipt_record")
    r.heading(r.t("Provision of your personal data to third parties (Art 29 records)",
                  "第三者への提供の記録（29条）"))
    r.paragraph(note, small=True)
    if p.provisions:
        r.table([pe.field(n).label(lang) for n in
                 ("provided_on", "recipient", "basis", "subjects", "data_items")],
                ([c["provided_on"], c["recipient"], c["basis"], c["subjects"],
                  c["data_items"]] for c in p.provisions),
                widths=(1.25, 1.8, 2.2, 1.2, 2.2))
    else:
        r.nothing(r.tr(NONE))
    r.heading(r.t("Receipt of your personal data from third parties (Art 30 records)",
                  "第三者からの提供の受領の記録（30条）"))
    if p.receipts:
        r.table([re_.field(n).label(lang) for n in
                 ("received_on", "provider", "provider_acquisition", "subjects",
                  "data_items")],
                ([c["received_on"], c["provider"], c["provider_acquisition"], c["subjects"],
                  c["data_items"]] for c in p.receipts),
                widths=(1.25, 1.8, 2.4, 1.2, 2))
    else:
        r.nothing(r.tr(NONE))
    parties = _parties(r, p)
    if parties:
        c = entity("counterparty")
        r.heading(r.t("The third parties named above", "上記の提供先・提供者"), level=2)
        r.table([c.field(n).label(lang) for n in ("name", "address", "representative",
                                                   "country")],
                ([x["name"], x["address"], x["representative"], x["country"]]
                 for x in parties), widths=(2.6, 3, 1.8, 0.6))


def _parties(r: Report, p: disclosure.Pack) -> list[dict[str, str]]:
    return books.counterparties(r.db, {c["party_id"] for c in (*p.provisions, *p.receipts)},
                                r.lang)


def _complaints(r: Report, p: disclosure.Pack) -> None:
    lang = r.lang
    e = entity("complaint")
    r.heading(r.t("Complaints linked to your requests", "ご請求に関連する苦情"))
    if not p.complaints:
        r.nothing(r.tr(NONE))
        return
    names = ("received_on", "category", "summary", "actions", "resolved_on", "outcome")
    r.table([e.field(n).label(lang) for n in names],
            ([c[n] for n in names] for c in p.complaints),
            widths=(1.2, 1.1, 2.4, 2.3, 1.2, 1.4))


register(ReportSpec(
    "disclosure", Text("Disclosure pack for one person", "保有個人データ開示資料（本人別）"),
    Text("Everything the privacy records hold about one person (consents, requests and "
         "answers, provision and receipt records, linked complaints), to send with the "
         "answer to a request for disclosure (APPI Art 33).",
         "本人ごとに、同意、開示等の請求と回答、第三者提供・受領の記録、関連する苦情など保有する"
         "記録をまとめた、開示請求への回答に添える資料（個人情報保護法33条）。"),
    build, subject="required", period=False,
    reads=("complaint", "consent", "organization", "policy_version", "provision_record",
           "purpose", "receipt_record", "request", "setting")))
