"""4b. Receipt confirmation book (APPI Art 30): what the company confirmed and recorded
when it received personal data from a third party, and an extract per person."""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Report
from privacydesk.reports.books import Words, build_book
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services.reporting import books

WORDS = Words(
    about=Text(
        "APPI Art 30 and PPC Rules Arts 22–25: when the company receives personal data from "
        "a third party it confirms the provider's name, address and representative and how "
        "the provider acquired the data, and records these with the persons concerned, the "
        "items of personal data and the person's consent (for data provided by opt-out, the "
        "PPC's publication of it, and the date of receipt). A record is kept for three years "
        "from the receipt (a bulk record: from the last receipt), or for one year from the "
        "last receipt where a contract or similar document substitutes the record; after "
        "that it may be deleted.",
        "個人情報保護法30条及び個人情報保護委員会規則22条〜25条により、第三者から個人データの提供を"
        "受けるときは、提供者の氏名又は名称及び住所並びに法人にあっては代表者の氏名と、提供者による"
        "当該個人データの取得の経緯を確認し、本人の氏名等、個人データの項目及び本人の同意を得ている旨"
        "（オプトアウトによる提供の場合は個人情報保護委員会による公表がされている旨と受領年月日）と"
        "ともに記録します。記録は受領の日から3年間（一括して記録する場合は最後の受領の日から3年間、"
        "契約書等で代替する場合は最後の受領の日から1年間）保存し、保存期間の経過後は消去することが"
        "できます。"),
    records=Text("Records of receipt", "受領時の確認記録"),
    parties=Text("Providers: name, address and representative", "提供者の名称・住所・代表者"),
    parties_about=Text(
        "The name, address and representative of each provider named in the records "
        "above, as confirmed on receipt.",
        "上記の記録に記載した提供者について確認した氏名又は名称、住所及び代表者の氏名です。"),
    party_count=Text("Providers named", "提供者の数"),
    columns=books.RECEIPT_COLUMNS,
    widths=(1.3, 1.5, 1.6, 2.0, 1.35, 1.6, 1.5, 1.3, 1.1, 1.3),
)


def build(r: Report) -> None:
    build_book(r, books.RECEIPTS, WORDS)


register(ReportSpec(
    "receipts",
    Text("Receipt confirmation book (Art 30)", "第三者提供を受ける際の確認記録（30条）"),
    Text("The confirmation records of personal data received from third parties in the "
         "period, with the items the PPC Rules require and their retention; with a subject "
         "reference, the records naming that person.",
         "期間中に第三者から個人データの提供を受けた際の確認記録（記録事項と保存期限）。本人の識別子"
         "を指定すると、その本人に係る記録のみを抜き出します。"),
    build, subject="optional", landscape=True,
    reads=("counterparty", "organization", "receipt_record", "setting")))
