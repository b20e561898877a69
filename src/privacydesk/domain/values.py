"""Value lists used in more than one place, declared once.

Each list is a tuple of `Choice` (stored value, English and Japanese labels, and for
some a short noun for running text). Entities, the deadline rules, the catalog and the
presentation layer all refer to these; nothing re-declares their values.
"""

from __future__ import annotations

from privacydesk.domain.fields import choices, values

LAWS = choices(("APPI", "APPI (Japan)", "個人情報保護法"), ("GDPR", "GDPR (EU)", "GDPR（EU）"))

def _article(point: str) -> tuple[str, ...]:
    """How a GDPR Art 6(1) point is written in registers: 6(1)(a), Art 6(1)(a), …"""
    return (f"6(1)({point})", f"Art 6(1)({point})", f"Art. 6(1)({point})",
            f"Article 6(1)({point})", f"6条1項{point}", f"6条1項({point})")


GDPR_BASES = choices(
    ("consent", "Consent (Art 6(1)(a))", "同意（6条1項a）", _article("a")),
    ("contract", "Contract (Art 6(1)(b))", "契約の履行（6条1項b）",
     ("Performance of a contract", "契約", *_article("b"))),
    ("legal_obligation", "Legal obligation (Art 6(1)(c))", "法的義務（6条1項c）",
     ("法令上の義務", *_article("c"))),
    ("vital_interests", "Vital interests (Art 6(1)(d))", "生命に関する利益（6条1項d）",
     ("生命の保護", *_article("d"))),
    ("public_task", "Public task (Art 6(1)(e))", "公共の任務（6条1項e）",
     ("Public interest", *_article("e"))),
    ("legitimate_interests", "Legitimate interests (Art 6(1)(f))", "正当な利益（6条1項f）",
     ("Legitimate interest", *_article("f"))),
)

SENSITIVE_SCHEMES = choices(
    ("policy", "Company policy A–E (JIS Q 15001)", "会社方針A〜E（JIS Q 15001）"),
    ("appi", "APPI Art 2(3) requiring care", "個人情報保護法2条3項 要配慮個人情報"),
    ("gdpr", "GDPR Art 9 / Art 10", "GDPR 9条・10条"),
)

PROVISION_BASIS = choices(
    ("consent", "Consent of the person (Art 27(1))", "本人の同意（27条1項）"),
    ("exception_27_1", "Exception of Art 27(1)(i)–(vii)", "27条1項各号の例外"),
    ("entrustment", "Entrustment (Art 27(5)(i))", "委託（27条5項1号）"),
    ("succession", "Business succession (Art 27(5)(ii))", "事業承継（27条5項2号）"),
    ("joint_use", "Joint use (Art 27(5)(iii))", "共同利用（27条5項3号）"),
    ("art28_consent", "Consent to foreign provision (Art 28)", "外国第三者提供の同意（28条）"),
    ("opt_out", "Opt-out (Art 27(2))", "オプトアウト（27条2項）"),
)

RECORD_METHODS = choices(
    ("each", "Record for each provision", "提供の都度の記録"),
    ("bulk", "Bulk / continuous record", "一括・継続的な記録"),
    ("contract", "Contract substitutes the record", "契約書等による代替"),
)

COUNTRY_HELP = ("ISO 3166 two-letter code, e.g. JP, US, DE", "ISO 3166の2文字コード（例：JP、US、DE）")

REQUEST_KINDS = choices(
    ("appi_purpose", "Notice of purpose of use (Art 32)", "利用目的の通知（32条）",
     "purpose-notice", "利用目的の通知"),
    ("appi_disclosure", "Disclosure (Art 33)", "開示（33条）",
     "disclosure", "開示"),
    ("appi_records", "Disclosure of provision records (Art 33(5))", "第三者提供記録の開示（33条5項）",
     "provision-record disclosure", "第三者提供記録の開示"),
    ("appi_correction", "Correction / addition / deletion (Art 34)", "訂正・追加・削除（34条）",
     "correction", "訂正等"),
    ("appi_suspension", "Suspension of use or erasure (Art 35(1))", "利用停止・消去（35条1項）",
     "suspension-of-use", "利用停止等"),
    ("appi_stop_provision", "Stop of third-party provision (Art 35(3))", "第三者提供の停止（35条3項）",
     "stop-of-provision", "第三者提供の停止"),
    ("gdpr_access", "Access (GDPR Art 15)", "アクセス（GDPR 15条）",
     "GDPR access", "GDPRアクセス"),
    ("gdpr_rectification", "Rectification (GDPR Art 16)", "訂正（GDPR 16条）",
     "GDPR rectification", "GDPR訂正"),
    ("gdpr_erasure", "Erasure (GDPR Art 17)", "消去（GDPR 17条）",
     "GDPR erasure", "GDPR消去"),
    ("gdpr_restriction", "Restriction (GDPR Art 18)", "処理の制限（GDPR 18条）",
     "GDPR restriction", "GDPR処理制限"),
    ("gdpr_portability", "Portability (GDPR Art 20)", "データポータビリティ（GDPR 20条）",
     "GDPR portability", "GDPRデータポータビリティ"),
    ("gdpr_objection", "Objection (GDPR Art 21)", "異議（GDPR 21条）",
     "GDPR objection", "GDPR異議"),
    ("gdpr_automated", "Automated decisions (GDPR Art 22)", "自動化された決定（GDPR 22条）",
     "GDPR automated-decision", "GDPR自動化された決定"),
)

REQUEST_STATUSES = choices(
    ("received", "Received", "受付"),
    ("verifying", "Verifying identity", "本人確認中"),
    ("in_progress", "In progress", "対応中"),
    ("decided", "Decided", "決定済"),
    ("responded", "Responded", "回答済"),
    ("closed", "Closed", "完了"),
    ("withdrawn", "Withdrawn by the person", "本人が取下げ"),
)

REQUEST_DECISIONS = choices(
    ("full", "Granted in full", "全部対応"),
    ("partial", "Granted in part", "一部対応"),
    ("refused", "Refused", "不対応（拒否）"),
    ("no_data", "No data held", "該当データなし"),
    ("alternative", "Alternative measure (Art 35 proviso)", "代替措置（35条ただし書）"),
)

CHANNELS = choices(
    ("web_form", "Web form", "Webフォーム"),
    ("email", "E-mail", "電子メール"),
    ("post", "Post", "郵送"),
    ("phone", "Telephone", "電話"),
    ("in_person", "In person", "窓口"),
)

DEADLINE_STATUS = choices(
    ("ok", "On time", "期限内"),
    ("due_soon", "Due soon", "期限間近"),
    ("overdue", "Overdue", "期限超過"),
    ("done", "Done", "完了"),
)

TRI_STATE = choices(
    ("auto", "As computed", "自動判定"),
    ("yes", "Yes (override)", "該当（上書き）"),
    ("no", "No (override)", "非該当（上書き）"),
)

MEASURE_CATEGORIES = choices(
    ("A", "A Basic policy", "A 基本方針の策定"),
    ("B", "B Handling rules", "B 取扱規程等の整備"),
    ("C", "C Organisational measures", "C 組織的安全管理措置"),
    ("D", "D Personnel measures", "D 人的安全管理措置"),
    ("E", "E Physical measures", "E 物理的安全管理措置"),
    ("F", "F Technical measures", "F 技術的安全管理措置"),
    ("G", "G Understanding the external environment", "G 外的環境の把握"),
)



# Deadline states, most urgent first: the order lists, the dashboard and the reports
# sort by. "done" is a deadline met; no value at all means no deadline applies.
OK, DUE_SOON, OVERDUE, DONE = "ok", "due_soon", "overdue", "done"
STATUS_RANK: dict[str, int] = {OVERDUE: 0, DUE_SOON: 1, OK: 2, DONE: 3}
NO_STATUS_RANK = len(STATUS_RANK)  # rows without a deadline sort after every status

# What a deadline state means to a person: the tone decides the colour of a dot and the
# word next to it (never the colour alone). Green, amber, red, grey.
STATUS_TONE: dict[str, str] = {OK: "good", DUE_SOON: "warning", OVERDUE: "alert", DONE: "neutral"}

PROVISION_BASIS_VALUES: tuple[str, ...] = values(PROVISION_BASIS)
GDPR_BASIS_VALUES: tuple[str, ...] = values(GDPR_BASES)
SENSITIVE_SCHEME_VALUES: tuple[str, ...] = values(SENSITIVE_SCHEMES)
