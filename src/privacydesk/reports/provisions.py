"""4a. Third-party provision record book (APPI Art 29): the records of the period, with
every item the PPC Rules require, and an extract per person (Art 33(5))."""

from __future__ import annotations

from privacydesk.domain.fields import Text
from privacydesk.reports.base import Report
from privacydesk.reports.books import Words, build_book
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services.reporting import books

WORDS = Words(
    about=Text(
        "APPI Art 29 and PPC Rules Arts 19–21: when the company provides personal data to a "
        "third party it records the recipient, the persons concerned, the items of personal "
        "data and, for a provision with the person's consent, that the consent was obtained "
        "(for an opt-out provision, also the date of provision). No record is required for "
        "a provision under an exception of Art 27(1) or to an entrustee, a successor or a "
        "joint user (Art 27(5)); such provisions are listed here too, marked so. A record "
        "is kept for three years from the provision (a bulk record: from the last "
        "provision), or for one year from the last provision where a contract or similar "
        "document substitutes the record; after that it may be deleted (Art 22).",
        "個人情報保護法29条及び個人情報保護委員会規則19条〜21条により、個人データを第三者に提供"
        "したときは、提供先、本人の氏名等、個人データの項目及び本人の同意を得ている旨（オプトアウト"
        "による提供の場合は提供年月日を含む）を記録します。27条1項各号に該当する提供と、委託・事業"
        "承継・共同利用に伴う提供（27条5項）は記録義務の対象外ですが、その旨を付して掲載しています。"
        "記録は提供の日から3年間（一括して記録する場合は最後の提供の日から3年間、契約書等で代替する"
        "場合は最後の提供の日から1年間）保存し、保存期間の経過後は消去することができます（22条）。"),
    records=Text("Records of provision", "提供の記録"),
    parties=Text("Recipients: name, address and representative", "提供先の名称・住所・代表者"),
    parties_about=Text(
        "What identifies each recipient named in the records above.",
        "上記の記録に記載した提供先（第三者）を特定する事項です。"),
    party_count=Text("Recipients named", "提供先の数"),
    columns=books.PROVISION_COLUMNS,
    widths=(1.3, 1.55, 2.05, 1.9, 1.95, 1.4, 1.05, 1.6),
)


def build(r: Report) -> None:
    build_book(r, books.PROVISIONS, WORDS)


register(ReportSpec(
    "provisions",
    Text("Third-party provision record book (Art 29)", "第三者提供に係る記録（29条）"),
    Text("The records of provision of personal data to third parties in the period, with the "
         "items the PPC Rules require and their retention; with a subject reference, the "
         "records naming that person (a disclosure of provision records, APPI Art 33(5)).",
         "期間中の第三者提供の記録（個人情報保護委員会規則で定める記録事項と保存期限）。本人の識別子"
         "を指定すると、その本人に係る記録のみを抜き出します（第三者提供記録の開示、33条5項）。"),
    build, subject="optional", landscape=True,
    reads=("counterparty", "organization", "provision_exception", "provision_record",
           "setting")))
