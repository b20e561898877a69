"""Every entity of the domain (DOMAIN.md §4), declared once with its fields.

Order matters: an entity appears after every entity it refers to (except the
self-reference of data assets), so imports and demo data can follow this order.
"""

from __future__ import annotations

from privacydesk.domain.fields import Entity, Field, choices
from privacydesk.domain.fields import FieldType as T
from privacydesk.domain.values import (
    CHANNELS,
    COUNTRY_HELP,
    DEADLINE_STATUS,
    GDPR_BASES,
    LAWS,
    MEASURE_CATEGORIES,
    PROVISION_BASIS,
    RECORD_METHODS,
    REQUEST_DECISIONS,
    REQUEST_KINDS,
    REQUEST_STATUSES,
    SENSITIVE_SCHEMES,
    TRI_STATE,
)

__all__ = [
    "BY_NAME", "CHANNELS", "COUNTRY_HELP", "DEADLINE_STATUS", "ENTITIES", "GDPR_BASES",
    "LAWS", "MEASURE_CATEGORIES", "PROVISION_BASIS", "RECORD_METHODS", "REQUEST_DECISIONS",
    "REQUEST_KINDS", "REQUEST_STATUSES", "SENSITIVE_SCHEMES", "TRI_STATE", "entity",
]


def _f(name, type_, en, ja, **kw) -> Field:
    return Field(name, type_, en, ja, **kw)


def _origin() -> Field:
    return _f(
        "origin", T.TEXT, "Origin", "出典",
        help_en="Where a built-in entry comes from; empty for entries the officer added",
        help_ja="組込み項目の出典。担当者が追加した項目では空欄",
    )


def _due(name: str = "due_on", en: str = "Due", ja: str = "期限") -> Field:
    return _f(name, T.DATE, en, ja, computed=True)


def _deadline_status() -> Field:
    return _f("deadline_status", T.CHOICE, "Deadline status", "期限状況",
              choices=DEADLINE_STATUS, computed=True)


# --- entities ------------------------------------------------------------------------

SETTING = Entity("setting", "setting", "Setting", "設定", (
    _f("key", T.TEXT, "Key", "キー", required=True, unique=True),
    _f("value", T.TEXT, "Value", "値"),
), display="key", order_by="key")

ORGANIZATION = Entity("organization", "organization", "Organization", "組織", (
    _f("name", T.TEXT, "Name", "名称", required=True),
    _f("address", T.TEXT, "Address", "所在地"),
    _f("representative", T.TEXT, "Representative", "代表者"),
    _f("officer", T.TEXT, "Personal Information Management Officer", "個人情報管理責任者"),
    _f("complaints_desk", T.TEXT, "Complaints desk contact", "苦情・相談窓口"),
    _f("jurisdictions", T.MULTICHOICE, "Jurisdictions", "適用法令", choices=LAWS,
       default=["APPI"]),
    _f("holiday_calendar", T.TEXT, "Holiday calendar", "休日カレンダー", required=True,
       default="JP", max_length=2,
       help_en="Country whose public holidays close a GDPR deadline day (ISO code)",
       help_ja="GDPRの期限日の休日判定に使う国（ISOコード）"),
    _f("small_business", T.BOOL, "Small business", "中小規模事業者", default=False),
), display="name", single=True)

POLICY_VERSION = Entity("policy_version", "policy_version", "Policy version", "方針の版", (
    _f("version", T.TEXT, "Version", "版", required=True, unique=True),
    _f("effective_from", T.DATE, "Effective from", "施行日", required=True),
    _f("document_hash", T.TEXT, "Document SHA-256", "文書のSHA-256"),
    _f("change_summary", T.LONGTEXT, "Change summary", "改定概要"),
), display="version", order_by="-effective_from")

PURPOSE = Entity("purpose", "purpose", "Purpose of use", "利用目的", (
    _f("code", T.TEXT, "Code", "記号", required=True, unique=True, max_length=8),
    _f("text_ja", T.LONGTEXT, "Text (Japanese)", "本文（日本語）", required=True),
    _f("text_en", T.LONGTEXT, "Text (English)", "本文（英語）", required=True),
    _f("third_party_provision", T.BOOL, "Includes third-party provision",
       "第三者提供を含む", default=False),
    _f("consent_required", T.BOOL, "Consent required", "同意が必要", default=False),
    _f("gdpr_basis", T.CHOICE, "GDPR lawful basis", "GDPR上の適法根拠", choices=GDPR_BASES),
    _f("introduced_in", T.REF, "Introduced in policy version", "導入した版", ref="policy_version"),
    _f("retired_in", T.REF, "Retired in policy version", "廃止した版", ref="policy_version"),
    _origin(),
), display="code", order_by="code")

PROVISION_EXCEPTION = Entity(
    "provision_exception", "provision_exception", "Provision exception", "第三者提供の例外", (
        _f("code", T.TEXT, "Code", "記号", required=True, unique=True, max_length=8),
        _f("text_ja", T.LONGTEXT, "Text (Japanese)", "本文（日本語）", required=True),
        _f("text_en", T.LONGTEXT, "Text (English)", "本文（英語）", required=True),
        _f("legal_basis", T.TEXT, "Legal basis", "法的根拠"),
        _f("basis", T.CHOICE, "Provision basis", "提供の根拠", choices=PROVISION_BASIS),
        _f("needs_legal_review", T.BOOL, "Needs legal review", "法務確認が必要", default=False),
        _origin(),
    ), display="code", order_by="code")

REFUSAL_GROUND = Entity("refusal_ground", "refusal_ground", "Refusal ground", "不開示等の事由", (
    _f("code", T.TEXT, "Code", "記号", required=True, unique=True, max_length=8),
    _f("text_ja", T.LONGTEXT, "Text (Japanese)", "本文（日本語）", required=True),
    _f("text_en", T.LONGTEXT, "Text (English)", "本文（英語）", required=True),
    _f("article", T.TEXT, "Article", "条項"),
    _origin(),
), display="code", order_by="code")

SENSITIVE_CATEGORY = Entity(
    "sensitive_category", "sensitive_category", "Sensitive category", "機微情報の区分", (
        _f("scheme", T.CHOICE, "Scheme", "区分体系", required=True, choices=SENSITIVE_SCHEMES),
        _f("code", T.TEXT, "Code", "記号", required=True, unique=True),
        _f("text_ja", T.TEXT, "Text (Japanese)", "本文（日本語）", required=True),
        _f("text_en", T.TEXT, "Text (English)", "本文（英語）", required=True),
        _f("appi_sensitive", T.BOOL, "APPI special care-required", "要配慮個人情報に該当",
           default=False),
        _origin(),
    ), display="code", order_by="code")

SAFETY_MEASURE = Entity("safety_measure", "safety_measure", "Safety measure", "安全管理措置", (
    _f("category", T.CHOICE, "Category", "区分", required=True, choices=MEASURE_CATEGORIES),
    _f("code", T.TEXT, "Sub-item", "項目", required=True, unique=True, max_length=8),
    _f("title_ja", T.TEXT, "Title (Japanese)", "名称（日本語）", required=True),
    _f("title_en", T.TEXT, "Title (English)", "名称（英語）", required=True),
    _f("publication_ja", T.LONGTEXT, "Published description (Japanese)", "公表文（日本語）"),
    _f("publication_en", T.LONGTEXT, "Published description (English)", "公表文（英語）"),
    _f("status", T.CHOICE, "Status", "実施状況", required=True, default="planned",
       choices=choices(("implemented", "Implemented", "実施済"),
                       ("partial", "Partly implemented", "一部実施"),
                       ("planned", "Planned", "計画中"),
                       ("not_applicable", "Not applicable", "対象外"))),
    _f("owner", T.REF, "Owner", "責任者", ref="staff"),
    _f("evidence", T.LONGTEXT, "Evidence", "証跡"),
    _f("last_assessed_on", T.DATE, "Last assessed", "前回評価日"),
    _f("review_cycle_months", T.INT, "Review cycle (months)", "見直し周期（月）",
       min_value=1, max_value=60,
       help_en="Empty: the default of the settings (12)", help_ja="空欄の場合は設定の既定値（12）"),
    _origin(),
    _due("next_due", "Next review due", "次回見直し期限"),
    _deadline_status(),
), display="code", order_by="code")

DATA_CATEGORY = Entity("data_category", "data_category", "Data category", "個人データの項目", (
    _f("name", T.TEXT, "Name", "名称", required=True, unique=True),
    _f("examples", T.TEXT, "Examples", "例"),
    _f("appi_sensitive", T.REF, "APPI sensitive type", "要配慮個人情報の種類",
       ref="sensitive_category"),
    _f("jis_sensitive", T.REF, "Policy (JIS) sensitive type", "機微情報の種類（方針・JIS）",
       ref="sensitive_category"),
    _f("gdpr_special", T.REF, "GDPR Art 9/10 category", "GDPR 9条・10条の区分",
       ref="sensitive_category"),
    _f("financial_risk", T.BOOL, "Risk of financial damage if leaked", "漏えい時に財産的被害のおそれ",
       default=False),
    _f("person_related", T.BOOL, "Person-related information (cookies etc.)",
       "個人関連情報（Cookie等）", default=False),
), display="name", order_by="name")

SUBJECT_CATEGORY = Entity("subject_category", "subject_category", "Data subject category",
                          "本人の区分", (
    _f("name", T.TEXT, "Name", "名称", required=True, unique=True),
    _f("description", T.TEXT, "Description", "説明"),
), display="name", order_by="name")

STAFF = Entity("staff", "staff", "Staff member", "従業者", (
    _f("employee_no", T.TEXT, "Employee number", "社員番号", required=True, unique=True),
    _f("name", T.TEXT, "Name", "氏名", required=True, index=True),
    _f("name_latin", T.TEXT, "Name (Latin)", "氏名（ローマ字）"),
    _f("employment_type", T.CHOICE, "Employment type", "雇用形態", required=True,
       default="regular",
       choices=choices(("regular", "Regular employee", "正社員"),
                       ("director", "Director", "役員"),
                       ("contract", "Contract employee", "契約社員"),
                       ("part_time", "Part-time", "パート・アルバイト"),
                       ("dispatched", "Dispatched worker", "派遣社員"))),
    _f("department", T.TEXT, "Department", "部署", index=True),
    _f("role", T.TEXT, "Role", "役職・役割"),
    _f("email", T.TEXT, "E-mail", "メールアドレス"),
    _f("handles_personal_data", T.BOOL, "Handles personal data", "個人データを取り扱う",
       default=True),
    _f("confidentiality_ack_on", T.DATE, "Confidentiality acknowledged", "秘密保持誓約日"),
    _f("started_on", T.DATE, "Start", "着任日"),
    _f("ended_on", T.DATE, "End", "離任日"),
), display="name", order_by="employee_no")

COUNTERPARTY = Entity("counterparty", "counterparty", "Counterparty", "提供先・委託先等", (
    _f("name", T.TEXT, "Name", "名称", required=True, index=True),
    _f("address", T.TEXT, "Address", "住所"),
    _f("representative", T.TEXT, "Representative", "代表者"),
    _f("country", T.TEXT, "Country", "国", required=True, default="JP", max_length=2,
       help_en=COUNTRY_HELP[0], help_ja=COUNTRY_HELP[1]),
    _f("role", T.CHOICE, "Role", "区分", required=True,
       choices=choices(("third_party", "Third party", "第三者"),
                       ("entrustee", "Entrustee", "委託先"),
                       ("joint_user", "Joint user", "共同利用者"),
                       ("successor", "Successor", "事業承継先"),
                       ("authority", "Authority", "公的機関"))),
    _f("certifications", T.TEXT, "Certifications", "認証（Pマーク・ISMS等）"),
    _f("equivalence_basis", T.CHOICE, "Equivalence basis", "基準適合体制の根拠", default="none",
       choices=choices(("adequacy", "EU/UK adequacy", "EU・英国の十分性認定"),
                       ("contract", "Contract (equivalent measures)", "契約等（相当措置）"),
                       ("apec_cbpr", "APEC CBPR", "APEC CBPR"),
                       ("none", "None", "なし"))),
), display="name", order_by="name")

DATA_ASSET = Entity("data_asset", "data_asset", "Data asset", "個人データ台帳", (
    _f("name", T.TEXT, "Name", "名称", required=True, unique=True),
    _f("kind", T.CHOICE, "Kind", "種別", required=True,
       choices=choices(("database", "Database", "データベース"), ("saas", "SaaS", "SaaS"),
                       ("file_share", "File share", "ファイル共有"), ("paper", "Paper", "紙"),
                       ("other", "Other", "その他"))),
    _f("owner_department", T.TEXT, "Owner department", "管理部署", required=True),
    _f("responsible", T.REF, "Responsible staff", "管理責任者", ref="staff"),
    _f("purposes", T.MULTIREF, "Purposes", "利用目的", ref="purpose"),
    _f("data_categories", T.MULTIREF, "Data categories", "取り扱う項目", ref="data_category"),
    _f("subject_categories", T.MULTIREF, "Data subjects", "本人の区分", ref="subject_category"),
    _f("acquisition", T.CHOICE, "Acquisition method", "取得方法", required=True,
       choices=choices(
           ("direct_web_form", "Directly from the person in writing / web form (Art 21(2))",
            "本人から書面・Webフォームで直接（21条2項）"),
           ("direct_other", "Directly from the person, otherwise", "本人から直接（その他）"),
           ("third_party", "From a third party", "第三者から"),
           ("public", "Public source", "公開情報から"),
           ("generated", "Generated in the service (logs, cookies)", "サービス内で生成（ログ・Cookie）"))),
    _f("estimated_people", T.INT, "Estimated number of people", "本人の概数", min_value=0),
    _f("storage_country", T.TEXT, "Storage country", "保管国", default="JP", max_length=2,
       help_en=COUNTRY_HELP[0], help_ja=COUNTRY_HELP[1]),
    _f("retention_rule", T.TEXT, "Retention rule", "保存期間"),
    _f("deletion_method", T.TEXT, "Deletion method", "削除・廃棄方法"),
    _f("entrustees", T.MULTIREF, "Entrustees", "委託先", ref="counterparty"),
    _f("recipients", T.MULTIREF, "Recipients", "提供先", ref="counterparty"),
    _f("derivation", T.CHOICE, "Derivation", "加工の種類", default="none",
       choices=choices(("none", "None", "なし"),
                       ("statistical", "Statistical data", "統計情報"),
                       ("pseudonymised", "Pseudonymously processed (Arts 41–42)",
                        "仮名加工情報（41・42条）"),
                       ("anonymised", "Anonymously processed (Arts 43–44)",
                        "匿名加工情報（43・44条）"))),
    _f("derived_from", T.REF, "Derived from", "加工元", ref="data_asset"),
    _f("gdpr_controller", T.TEXT, "GDPR controller / joint controllers", "GDPR管理者・共同管理者"),
    _f("gdpr_basis", T.CHOICE, "GDPR lawful basis", "GDPR上の適法根拠", choices=GDPR_BASES),
    _f("gdpr_transfers", T.TEXT, "GDPR transfers and safeguards", "GDPR第三国移転と保護措置"),
    _f("gdpr_security", T.LONGTEXT, "GDPR security measures (Art 32)", "GDPR安全管理措置（32条）"),
    _f("last_reviewed_on", T.DATE, "Last reviewed", "前回見直し日"),
), display="name", order_by="name")

CONSENT = Entity("consent", "consent_record", "Consent record", "同意記録", (
    _f("subject_ref", T.TEXT, "Subject reference", "本人の識別子", required=True, index=True,
       help_en="A user or member number, not the name", help_ja="会員番号等（氏名ではなく）"),
    _f("scope", T.CHOICE, "Scope", "同意の範囲", required=True, index=True,
       choices=choices(("purpose", "Purpose of use", "利用目的"),
                       ("third_party", "Third-party provision", "第三者提供"),
                       ("foreign", "Provision to a foreign country", "外国にある第三者への提供"),
                       ("sensitive", "Acquisition of sensitive data", "要配慮個人情報の取得"),
                       ("cookie_linkage", "Cookie linkage (Art 31)", "個人関連情報の第三者提供（31条）"))),
    _f("purpose", T.REF, "Purpose", "利用目的", ref="purpose", index=True),
    _f("recipient", T.REF, "Recipient", "提供先", ref="counterparty"),
    _f("country", T.TEXT, "Country", "国", max_length=2,
       help_en=COUNTRY_HELP[0], help_ja=COUNTRY_HELP[1]),
    _f("policy_version", T.REF, "Policy version", "方針の版", required=True, ref="policy_version",
       index=True),
    _f("notice_hash", T.TEXT, "Notice text SHA-256", "通知文のSHA-256"),
    _f("channel", T.CHOICE, "Channel", "取得方法", required=True,
       choices=choices(("checkbox", "Checkbox", "チェックボックス"), ("button", "Button", "ボタン"),
                       ("email", "E-mail", "電子メール"), ("oral", "Oral", "口頭"),
                       ("paper", "Paper", "書面"))),
    _f("captured_at", T.DATETIME, "Captured at", "取得日時", required=True, index=True),
    _f("evidence_ref", T.TEXT, "Evidence reference", "証跡の参照"),
    _f("guardian", T.TEXT, "Guardian (minor)", "法定代理人（未成年）"),
    _f("status", T.CHOICE, "Status", "状態", required=True, default="active", index=True,
       choices=choices(("active", "Active", "有効"), ("withdrawn", "Withdrawn", "撤回"),
                       ("superseded", "Superseded", "更新済"))),
    _f("withdrawn_at", T.DATETIME, "Withdrawn at", "撤回日時"),
    _f("withdrawal_channel", T.CHOICE, "Withdrawal channel", "撤回の方法", choices=CHANNELS),
), display="subject_ref", order_by="-captured_at",
   indexes=(("policy_version", "purpose", "status"),))

PROVISION_RECORD = Entity("provision_record", "provision_record", "Provision record (Art 29)",
                          "第三者提供記録（29条）", (
    _f("recipient", T.REF, "Recipient", "提供先", required=True, ref="counterparty", index=True),
    _f("basis", T.CHOICE, "Basis", "提供の根拠", required=True, choices=PROVISION_BASIS),
    _f("exception", T.REF, "Policy exception", "方針上の例外", ref="provision_exception"),
    _f("consent_ref", T.TEXT, "Consent reference", "同意の参照"),
    _f("subjects", T.TEXT, "Persons concerned", "本人の氏名等", required=True),
    _f("data_items", T.TEXT, "Data items", "個人データの項目", required=True),
    _f("provided_on", T.DATE, "Provided on (or period start)", "提供日（期間の始期）", required=True),
    _f("period_end", T.DATE, "Period end", "期間の終期"),
    _f("method", T.CHOICE, "Record method", "記録の方法", required=True, default="each",
       choices=RECORD_METHODS),
    _f("last_provided_on", T.DATE, "Last provision", "最終提供日"),
    _f("record_required", T.BOOL, "Record required", "記録義務", computed=True),
    _f("retain_until", T.DATE, "Retain until", "保存期限", computed=True),
    _deadline_status(),
), display="subjects", order_by="-provided_on")

RECEIPT_RECORD = Entity("receipt_record", "receipt_record", "Receipt confirmation (Art 30)",
                        "第三者提供を受ける際の確認記録（30条）", (
    _f("provider", T.REF, "Provider", "提供元", required=True, ref="counterparty", index=True),
    _f("provider_identity_check", T.TEXT, "How the provider's identity was confirmed",
       "提供者の氏名等の確認方法", required=True),
    _f("provider_acquisition", T.TEXT, "How the provider acquired the data",
       "提供者による取得の経緯", required=True),
    _f("acquisition_evidence", T.TEXT, "Evidence of the acquisition", "取得の経緯の証跡"),
    _f("consent_or_opt_out", T.TEXT, "Consent or opt-out publication", "同意又はオプトアウトの公表"),
    _f("received_on", T.DATE, "Received on (or period start)", "受領日（期間の始期）", required=True),
    _f("period_end", T.DATE, "Period end", "期間の終期"),
    _f("subjects", T.TEXT, "Persons concerned", "本人の氏名等", required=True),
    _f("data_items", T.TEXT, "Data items", "個人データの項目", required=True),
    _f("method", T.CHOICE, "Record method", "記録の方法", required=True, default="each",
       choices=RECORD_METHODS),
    _f("last_received_on", T.DATE, "Last receipt", "最終受領日"),
    _f("retain_until", T.DATE, "Retain until", "保存期限", computed=True),
    _deadline_status(),
), display="subjects", order_by="-received_on")

ENTRUSTEE = Entity("entrustee", "entrustee", "Entrustee supervision", "委託先の監督", (
    _f("counterparty", T.REF, "Entrustee", "委託先", required=True, ref="counterparty"),
    _f("services", T.TEXT, "Entrusted work", "委託業務", required=True),
    _f("assets", T.MULTIREF, "Data assets", "取り扱わせる個人データ", ref="data_asset"),
    _f("selected_on", T.DATE, "Selection checked on", "選定時の確認日"),
    _f("selection_measures", T.MULTICHOICE, "Measures A–G confirmed at selection",
       "選定時に確認した安全管理措置", choices=MEASURE_CATEGORIES),
    _f("clause_security", T.BOOL, "Contract: security measures", "契約：安全管理措置", default=False),
    _f("clause_audit", T.BOOL, "Contract: audit right", "契約：監査権", default=False),
    _f("clause_subcontract", T.BOOL, "Contract: sub-entrustment needs approval",
       "契約：再委託の事前承認", default=False),
    _f("breach_notice_hours", T.INT, "Contract: breach notice within (hours)",
       "契約：事故報告の期限（時間）", min_value=0),
    _f("clause_return", T.BOOL, "Contract: return / deletion at end", "契約：終了時の返却・削除",
       default=False),
    _f("sub_entrustees", T.TEXT, "Sub-entrustees", "再委託先"),
    _f("audit_cycle_months", T.INT, "Audit cycle (months)", "監査周期（月）", min_value=1,
       max_value=60, help_en="Empty: the default of the settings (12)",
       help_ja="空欄の場合は設定の既定値（12）"),
    _f("last_checked_on", T.DATE, "Last check", "前回確認日", computed=True),
    _due("next_due", "Next audit due", "次回監査期限"),
    _deadline_status(),
), display="services", order_by="id")

ENTRUSTEE_CHECK = Entity("entrustee_check", "entrustee_check", "Supervision check",
                         "委託先の監査・確認", (
    _f("entrustee", T.REF, "Entrustee supervision", "委託先の監督", required=True, ref="entrustee",
       index=True),
    _f("checked_on", T.DATE, "Checked on", "確認日", required=True),
    _f("method", T.CHOICE, "Method", "方法", required=True,
       choices=choices(("on_site", "On-site audit", "立入監査"),
                       ("questionnaire", "Questionnaire", "チェックシート"),
                       ("documents", "Document review", "書面確認"),
                       ("remote", "Remote audit", "リモート監査"))),
    _f("findings", T.LONGTEXT, "Findings", "指摘事項"),
    _f("corrective_actions", T.LONGTEXT, "Corrective actions", "是正措置"),
), display="checked_on", order_by="-checked_on")

FOREIGN_TRANSFER = Entity("foreign_transfer", "foreign_transfer", "Foreign transfer",
                          "外国にある第三者への提供", (
    _f("counterparty", T.REF, "Recipient", "提供先", required=True, ref="counterparty"),
    _f("recipient_country", T.TEXT, "Recipient country", "提供先の国", required=True,
       max_length=2, help_en=COUNTRY_HELP[0], help_ja=COUNTRY_HELP[1]),
    _f("server_country", T.TEXT, "Server country", "サーバの所在国", max_length=2,
       help_en=COUNTRY_HELP[0], help_ja=COUNTRY_HELP[1]),
    _f("basis", T.CHOICE, "Basis", "根拠", required=True,
       choices=choices(("consent", "Consent (Art 28(1))", "本人の同意（28条1項）"),
                       ("equivalent_measures", "Equivalent measures (Art 28(1), 28(3))",
                        "基準適合体制（相当措置、28条3項）"),
                       ("adequate_country", "Country with an equivalent regime (EU/UK)",
                        "同等の水準にある国（EU・英国）"))),
    _f("info_country", T.BOOL, "Person told the country", "移転先の国名を情報提供", default=False),
    _f("info_regime", T.BOOL, "Person told that country's regime", "外国の制度を情報提供",
       default=False),
    _f("info_measures", T.BOOL, "Person told the recipient's measures",
       "提供先の講ずる措置を情報提供", default=False),
    _f("regime_notes", T.LONGTEXT, "Notes on the foreign regime (policy G)",
       "外国の制度に関する把握事項（方針G）"),
    _f("check_cycle_months", T.INT, "Check cycle (months)", "確認周期（月）", min_value=1,
       max_value=12, help_en="Empty: the default of the settings (12)",
       help_ja="空欄の場合は設定の既定値（12）"),
    _f("last_checked_on", T.DATE, "Last check", "前回確認日", computed=True),
    _due("next_due", "Next check due", "次回確認期限"),
    _deadline_status(),
), display="recipient_country", order_by="id")

TRANSFER_CHECK = Entity("transfer_check", "transfer_check", "Transfer check", "移転先の定期確認", (
    _f("transfer", T.REF, "Foreign transfer", "外国への提供", required=True,
       ref="foreign_transfer", index=True),
    _f("checked_on", T.DATE, "Checked on", "確認日", required=True),
    _f("findings", T.LONGTEXT, "Findings", "確認結果"),
    _f("obstacles", T.BOOL, "Obstacles to continued measures", "継続的実施の支障", default=False),
    _f("actions", T.LONGTEXT, "Actions", "対応"),
), display="checked_on", order_by="-checked_on")

REQUEST = Entity("request", "data_subject_request", "Data-subject request", "開示等の請求", (
    _f("kind", T.CHOICE, "Type", "種類", required=True, choices=REQUEST_KINDS),
    _f("law", T.CHOICE, "Law", "法令", required=True, default="APPI", choices=LAWS, index=True),
    _f("received_on", T.DATE, "Received", "受付日", required=True, index=True),
    _f("channel", T.CHOICE, "Channel", "受付方法", required=True, choices=CHANNELS),
    _f("subject_ref", T.TEXT, "Subject reference", "本人の識別子", required=True),
    _f("requester", T.CHOICE, "Requester", "請求者", required=True, default="self",
       choices=choices(("self", "The person", "本人"),
                       ("legal_representative", "Legal representative", "法定代理人"),
                       ("proxy", "Proxy", "任意代理人"))),
    _f("authority_proof", T.TEXT, "Proof of authority", "代理権の確認書類"),
    _f("identity_method", T.TEXT, "Identity check method", "本人確認の方法"),
    _f("identity_verified_on", T.DATE, "Identity verified on", "本人確認日"),
    _f("identity_verified_by", T.TEXT, "Identity verified by", "本人確認者"),
    _f("identity_doubt", T.BOOL, "Identity in doubt (GDPR Art 12(6))", "本人確認に疑義（GDPR 12条6項）",
       default=False),
    _f("identity_proof_on", T.DATE, "Identity proof received", "本人確認書類の受領日",
       help_en="With a doubt on identity, the GDPR clock runs from this date",
       help_ja="本人確認に疑義がある場合、GDPRの期限はこの日から起算"),
    _f("response_method", T.CHOICE, "Requested response method", "希望する回答方法",
       choices=choices(("electronic", "Electronic", "電磁的方法"), ("paper", "Paper", "書面"),
                       ("other", "Other", "その他"))),
    _f("extended", T.BOOL, "Extended (GDPR Art 12(3))", "期限延長（GDPR 12条3項）", default=False),
    _f("extension_notified_on", T.DATE, "Extension notified on", "延長の通知日"),
    _f("extension_reason", T.TEXT, "Extension reason", "延長の理由"),
    _f("status", T.CHOICE, "Status", "状況", required=True, default="received",
       choices=REQUEST_STATUSES, index=True),
    _f("decision", T.CHOICE, "Decision", "決定", choices=REQUEST_DECISIONS),
    _f("refusal_ground", T.REF, "Refusal ground", "不対応の事由", ref="refusal_ground"),
    _f("reason_explained", T.LONGTEXT, "Reason explained to the person (Art 36)",
       "本人への理由の説明（36条）"),
    _f("identity_override", T.TEXT, "Responded before identity verified: reason",
       "本人確認前の回答の理由"),
    _f("responded_on", T.DATE, "Responded on", "回答日"),
    _f("fee", T.INT, "Fee (JPY)", "手数料（円）", min_value=0),
    _f("systems_actioned", T.TEXT, "Systems actioned", "対応したシステム"),
    _f("recipients_notified", T.TEXT, "Recipients notified", "通知した提供先"),
    _f("closed_on", T.DATE, "Closed on", "完了日"),
    _due("due_on", "Due", "回答期限"),
    _deadline_status(),
), display="subject_ref", order_by="-received_on")

INCIDENT = Entity("incident", "incident", "Incident", "漏えい等事案", (
    _f("title", T.TEXT, "Title", "件名", required=True),
    _f("detected_at", T.DATETIME, "Detected at", "発覚日時"),
    _f("known_at", T.DATETIME, "Known to the company at", "会社が知った日時", required=True,
       help_en="Day 1 of the PPC report periods (JST)", help_ja="個情委報告の期間の初日（日本時間）"),
    _f("kind", T.CHOICE, "Kind", "種類", required=True,
       choices=choices(("leak", "Leak", "漏えい"), ("loss", "Loss", "滅失"),
                       ("damage", "Damage", "毀損"))),
    _f("cause", T.CHOICE, "Cause", "原因", required=True,
       choices=choices(("unauthorized_access", "Unauthorised access", "不正アクセス"),
                       ("ransomware", "Ransomware", "ランサムウェア"),
                       ("insider", "Insider theft", "従業者による持出し"),
                       ("misdelivery", "Misdelivery / wrong address", "誤送付・誤送信"),
                       ("lost_device", "Lost device or papers", "紛失・置き忘れ"),
                       ("system_error", "System error", "システムの不具合"),
                       ("other", "Other", "その他"))),
    _f("description", T.LONGTEXT, "Description", "概要"),
    _f("assets", T.MULTIREF, "Data assets", "対象の個人データ", ref="data_asset"),
    _f("data_categories", T.MULTIREF, "Data categories", "項目", ref="data_category"),
    _f("affected_max", T.INT, "People affected (maximum estimate)", "本人の数（最大見込み）",
       required=True, default=0, min_value=0),
    _f("high_level_encryption", T.BOOL, "Protected by high-level encryption, key not leaked",
       "高度な暗号化等の措置あり（鍵の漏えいなし）", default=False),
    _f("override_sensitive", T.CHOICE, "Trigger (1) sensitive data", "事態(1) 要配慮個人情報",
       default="auto", choices=TRI_STATE),
    _f("override_financial", T.CHOICE, "Trigger (2) financial damage", "事態(2) 財産的被害",
       default="auto", choices=TRI_STATE),
    _f("override_wrongful", T.CHOICE, "Trigger (3) wrongful purpose", "事態(3) 不正の目的",
       default="auto", choices=TRI_STATE),
    _f("override_reason", T.TEXT, "Reason for overriding a trigger", "上書きの理由"),
    _f("individuals_notified_on", T.DATE, "Individuals notified on", "本人への通知日"),
    _f("notice_method", T.TEXT, "Notice method", "通知の方法"),
    _f("alternative_measure", T.TEXT, "Alternative measure (publication etc.)",
       "代替措置（公表等）"),
    _f("gdpr_applies", T.BOOL, "GDPR applies", "GDPRの適用あり", default=False),
    _f("gdpr_aware_at", T.DATETIME, "GDPR: aware at", "GDPR：認識日時"),
    _f("authority_notified_at", T.DATETIME, "GDPR: authority notified at", "GDPR：監督機関への通知日時"),
    _f("delay_reason", T.TEXT, "GDPR: reason for delay", "GDPR：遅延の理由"),
    _f("closed_on", T.DATE, "Closed on", "終結日"),
    _f("trigger_sensitive", T.BOOL, "(1) Sensitive data", "(1) 要配慮個人情報", computed=True),
    _f("trigger_financial", T.BOOL, "(2) Financial damage", "(2) 財産的被害", computed=True),
    _f("trigger_wrongful", T.BOOL, "(3) Wrongful purpose", "(3) 不正の目的", computed=True),
    _f("trigger_over_1000", T.BOOL, "(4) Over 1,000 people", "(4) 1,000人超", computed=True),
    _f("reportable", T.BOOL, "Reportable to the PPC", "個情委への報告義務", computed=True),
    _due("ppc_preliminary_due", "PPC preliminary report due", "速報の期限"),
    _due("ppc_final_due", "PPC final report due", "確報の期限"),
    _f("gdpr_authority_due", T.DATETIME, "GDPR authority notice due", "GDPR通知期限",
       computed=True),
    _deadline_status(),
), display="title", order_by="-known_at")

INCIDENT_REPORT = Entity("incident_report", "incident_report", "Incident report", "事案の報告", (
    _f("incident", T.REF, "Incident", "事案", required=True, ref="incident", index=True),
    _f("kind", T.CHOICE, "Kind", "種類", required=True,
       choices=choices(("ppc_preliminary", "PPC preliminary report", "個情委への速報"),
                       ("ppc_final", "PPC final report", "個情委への確報"),
                       ("gdpr_authority", "GDPR supervisory authority", "GDPR監督機関"))),
    _f("submitted_on", T.DATE, "Submitted on", "提出日", required=True),
    _f("reference", T.TEXT, "Reference number", "受付番号"),
    _f("overview", T.LONGTEXT, "(1) Overview", "(1) 概要"),
    _f("data_items", T.LONGTEXT, "(2) Personal data items", "(2) 漏えい等の項目"),
    _f("people_count", T.INT, "(3) Number of people", "(3) 本人の数", min_value=0),
    _f("cause", T.LONGTEXT, "(4) Cause", "(4) 原因"),
    _f("secondary_damage", T.LONGTEXT, "(5) Secondary damage", "(5) 二次被害"),
    _f("individuals_response", T.LONGTEXT, "(6) Response to individuals", "(6) 本人への対応"),
    _f("publication", T.LONGTEXT, "(7) Publication", "(7) 公表"),
    _f("prevention", T.LONGTEXT, "(8) Prevention of recurrence", "(8) 再発防止策"),
    _f("other", T.LONGTEXT, "(9) Other", "(9) その他"),
), display="kind", order_by="-submitted_on")

COMPLAINT = Entity("complaint", "complaint", "Complaint", "苦情", (
    _f("received_on", T.DATE, "Received", "受付日", required=True),
    _f("channel", T.CHOICE, "Channel", "受付方法", required=True, choices=CHANNELS),
    _f("category", T.CHOICE, "Category", "分類", required=True,
       choices=choices(("handling", "Handling of data", "取扱い"),
                       ("request", "Request handling", "開示等の対応"),
                       ("security", "Security / incident", "安全管理・事案"),
                       ("marketing", "Marketing / advertising", "広告・マーケティング"),
                       ("other", "Other", "その他"))),
    _f("summary", T.LONGTEXT, "Summary", "内容", required=True),
    _f("request", T.REF, "Linked request", "関連する請求", ref="request"),
    _f("incident", T.REF, "Linked incident", "関連する事案", ref="incident"),
    _f("owner", T.REF, "Owner", "担当者", ref="staff"),
    _f("actions", T.LONGTEXT, "Actions", "対応"),
    _f("resolved_on", T.DATE, "Resolved", "解決日"),
    _f("outcome", T.TEXT, "Outcome", "結果"),
), display="summary", order_by="-received_on")

COURSE = Entity("course", "training_course", "Training course", "研修コース", (
    _f("title_ja", T.TEXT, "Title (Japanese)", "名称（日本語）", required=True),
    _f("title_en", T.TEXT, "Title (English)", "名称（英語）", required=True),
    _f("version", T.TEXT, "Version", "版", required=True),
    _f("audience", T.TEXT, "Audience", "対象者"),
    _f("mandatory", T.BOOL, "Mandatory", "必須", default=True),
    _f("refresher_months", T.INT, "Refresher (months)", "再受講の周期（月）", required=True,
       default=12, min_value=1, max_value=120),
    _f("pass_score", T.INT, "Pass score", "合格点", min_value=0, max_value=100),
), display="title_en", order_by="title_en")

COMPLETION = Entity("completion", "training_completion", "Training completion", "研修の受講記録", (
    _f("staff", T.REF, "Staff member", "従業者", required=True, ref="staff", index=True),
    _f("course", T.REF, "Course", "コース", required=True, ref="course", index=True),
    _f("completed_on", T.DATE, "Completed on", "受講日", required=True),
    _f("score", T.INT, "Score", "得点", min_value=0, max_value=100),
    _f("evidence", T.TEXT, "Evidence", "証跡"),
    _f("expires_on", T.DATE, "Expires on", "有効期限", computed=True),
    _f("training_status", T.CHOICE, "Status", "状態", computed=True,
       choices=choices(("valid", "Valid", "有効"), ("expiring", "Expiring", "期限間近"),
                       ("overdue", "Overdue", "期限切れ"), ("failed", "Failed", "不合格"),
                       ("superseded", "Superseded", "更新済"))),
), display="completed_on", order_by="-completed_on")

GRANT = Entity("grant", "access_grant", "Access grant", "アクセス権限", (
    _f("staff", T.REF, "Staff member", "従業者", required=True, ref="staff", index=True),
    _f("asset", T.REF, "Data asset", "個人データ", required=True, ref="data_asset", index=True),
    _f("level", T.CHOICE, "Level", "権限", required=True,
       choices=choices(("read", "Read", "参照"), ("write", "Write", "更新"),
                       ("export", "Export", "出力"), ("admin", "Administer", "管理"))),
    _f("justification", T.TEXT, "Justification", "付与の理由", required=True),
    _f("granted_by", T.TEXT, "Granted by", "承認者"),
    _f("granted_on", T.DATE, "Granted on", "付与日", required=True),
    _f("last_reviewed_on", T.DATE, "Last reviewed", "前回棚卸日"),
    _f("review_cycle_months", T.INT, "Review cycle (months)", "棚卸周期（月）", min_value=1,
       max_value=24, help_en="Empty: the default of the settings (6)",
       help_ja="空欄の場合は設定の既定値（6）"),
    _f("revoked_on", T.DATE, "Revoked on", "削除日"),
    _due("review_due", "Review due", "棚卸期限"),
    _deadline_status(),
), display="justification", order_by="id")

ACCESS_REVIEW = Entity("access_review", "access_review", "Access review", "アクセス権限の棚卸", (
    _f("scope", T.TEXT, "Scope", "対象範囲", required=True),
    _f("reviewer", T.TEXT, "Reviewer", "確認者", required=True),
    _f("started_on", T.DATE, "Started", "開始日", required=True),
    _f("attested_on", T.DATE, "Attested", "承認日"),
    _f("notes", T.LONGTEXT, "Notes", "備考"),
), display="scope", order_by="-started_on")

REVIEW_DECISION = Entity("review_decision", "review_decision", "Review decision", "棚卸の判定", (
    _f("review", T.REF, "Access review", "棚卸", required=True, ref="access_review", index=True),
    _f("grant", T.REF, "Access grant", "アクセス権限", required=True, ref="grant", index=True),
    _f("decision", T.CHOICE, "Decision", "判定", required=True,
       choices=choices(("keep", "Keep", "維持"), ("modify", "Modify", "変更"),
                       ("revoke", "Revoke", "削除"))),
    _f("decided_on", T.DATE, "Decided on", "判定日", required=True),
    _f("note", T.TEXT, "Note", "備考"),
), display="decision", order_by="id")

ENTITIES: tuple[Entity, ...] = (
    SETTING, ORGANIZATION, POLICY_VERSION, PURPOSE, PROVISION_EXCEPTION, REFUSAL_GROUND,
    SENSITIVE_CATEGORY, STAFF, SAFETY_MEASURE, DATA_CATEGORY, SUBJECT_CATEGORY, COUNTERPARTY,
    DATA_ASSET, CONSENT, PROVISION_RECORD, RECEIPT_RECORD, ENTRUSTEE, ENTRUSTEE_CHECK,
    FOREIGN_TRANSFER, TRANSFER_CHECK, REQUEST, INCIDENT, INCIDENT_REPORT, COMPLAINT, COURSE,
    COMPLETION, GRANT, ACCESS_REVIEW, REVIEW_DECISION,
)

BY_NAME: dict[str, Entity] = {e.name: e for e in ENTITIES}


def entity(name: str) -> Entity:
    try:
        return BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(BY_NAME))
        raise KeyError(f"unknown entity {name!r}; known entities: {known}") from None


def _check_order() -> None:
    seen: set[str] = set()
    for e in ENTITIES:
        for f in e.fields:
            if f.ref and f.ref not in seen and f.ref != e.name:
                raise ValueError(f"{e.name}.{f.name} refers to {f.ref}, declared later")
        seen.add(e.name)


_check_order()
