"""Demo data: a realistic, consistent synthetic company for demos, tests and benchmarks.

`fill(db, "small")` writes a few thousand rows (demos and tests, about a second);
`fill(db, "large")` writes 1,000,000 consent records, 20,000 requests, 2,000 staff
with their training, 50,000 access grants and 500 data assets (benchmarks).

Everything comes from one `random.Random(seed)` and from `today`, which anchors every
date: the same seed and the same day give the same rows, and whatever the day, the
demo has overdue and upcoming items (requests, reviews, audits, checks, training).

Rows go through the audited writer (`Writer.insert_many`, `Writer.update`), so each has
its audit entry and `store.verify` passes. The built-in catalog of a new database
(purposes A–I, exceptions, refusal grounds, sensitive categories, safety measures,
subject categories, the policy version) is looked up, never duplicated. The whole fill
is one transaction: it lands completely or not at all.

Conventions of the demo company: bilingual labels are written "English / 日本語"
(as the seeded subject categories), staff names are kanji "family given" with a Latin
"Family Given", subjects are user numbers "U00012345". Counterparties and addresses
are fictional.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import ENTITIES
from privacydesk.services.records import JST, today_jst
from privacydesk.store.audit import Writer, writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

__all__ = ["CATALOG_ENTITIES", "DEMO_ENTITIES", "SIZES", "Progress", "Size", "fill"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Size:
    staff: int
    assets: int
    consents: int
    requests: int
    grants: int
    extra_clients: int  # client companies (third parties) beyond the core list
    extra_foreign: int  # foreign entrustees beyond the core list
    provisions: int
    receipts: int
    complaints: int
    extra_incidents: int
    large_courses: bool
    consent_batch: int = 50_000


SIZES: dict[str, Size] = {
    "small": Size(staff=40, assets=12, consents=2_000, requests=60, grants=150,
                  extra_clients=0, extra_foreign=0, provisions=16, receipts=6, complaints=10,
                  extra_incidents=2, large_courses=False),
    "large": Size(staff=2_000, assets=500, consents=1_000_000, requests=20_000, grants=50_000,
                  extra_clients=28, extra_foreign=12, provisions=1_500, receipts=300,
                  complaints=1_500, extra_incidents=36, large_courses=True),
}

# Entities a new database is seeded with; the demo looks them up (and updates the
# organization and the safety measures) but inserts none.
CATALOG_ENTITIES = frozenset({
    "setting", "organization", "policy_version", "purpose", "provision_exception",
    "refusal_ground", "sensitive_category", "safety_measure", "subject_category",
})
DEMO_ENTITIES = tuple(e.name for e in ENTITIES if e.name not in CATALOG_ENTITIES)

# --- people ----------------------------------------------------------------------------

FAMILY = (
    ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"),
    ("伊藤", "Ito"), ("渡辺", "Watanabe"), ("山本", "Yamamoto"), ("中村", "Nakamura"),
    ("小林", "Kobayashi"), ("加藤", "Kato"), ("吉田", "Yoshida"), ("山田", "Yamada"),
    ("佐々木", "Sasaki"), ("山口", "Yamaguchi"), ("松本", "Matsumoto"), ("井上", "Inoue"),
    ("木村", "Kimura"), ("林", "Hayashi"), ("斎藤", "Saito"), ("清水", "Shimizu"),
    ("山崎", "Yamazaki"), ("森", "Mori"), ("池田", "Ikeda"), ("橋本", "Hashimoto"),
    ("阿部", "Abe"), ("石川", "Ishikawa"), ("山下", "Yamashita"), ("中島", "Nakajima"),
    ("石井", "Ishii"), ("小川", "Ogawa"), ("前田", "Maeda"), ("岡田", "Okada"),
    ("長谷川", "Hasegawa"), ("藤田", "Fujita"), ("後藤", "Goto"), ("近藤", "Kondo"),
    ("村上", "Murakami"), ("遠藤", "Endo"), ("青木", "Aoki"), ("坂本", "Sakamoto"),
    ("斉藤", "Saito"), ("福田", "Fukuda"), ("太田", "Ota"), ("西村", "Nishimura"),
    ("藤井", "Fujii"), ("岡本", "Okamoto"), ("松田", "Matsuda"), ("中川", "Nakagawa"),
)
GIVEN_F = (
    ("花子", "Hanako"), ("陽菜", "Hina"), ("結衣", "Yui"), ("美咲", "Misaki"),
    ("さくら", "Sakura"), ("葵", "Aoi"), ("愛", "Ai"), ("真由美", "Mayumi"), ("恵", "Megumi"),
    ("優子", "Yuko"), ("直美", "Naomi"), ("千尋", "Chihiro"), ("明日香", "Asuka"),
    ("彩", "Aya"), ("由美", "Yumi"), ("舞", "Mai"), ("香織", "Kaori"), ("智子", "Tomoko"),
)
GIVEN_M = (
    ("太郎", "Taro"), ("翔", "Sho"), ("大輔", "Daisuke"), ("健太", "Kenta"), ("拓也", "Takuya"),
    ("直樹", "Naoki"), ("誠", "Makoto"), ("浩", "Hiroshi"), ("隆", "Takashi"), ("蓮", "Ren"),
    ("悠斗", "Yuto"), ("大樹", "Daiki"), ("健一", "Kenichi"), ("亮", "Ryo"), ("雄太", "Yuta"),
    ("和也", "Kazuya"), ("剛", "Tsuyoshi"), ("修", "Osamu"),
)
EUROPEAN = (
    ("Emma", "Schmidt"), ("Lukas", "Weber"), ("Sophie", "Martin"), ("Lucas", "Bernard"),
    ("Julia", "de Vries"), ("Daan", "Jansen"), ("Chiara", "Rossi"), ("Marco", "Bianchi"),
    ("Aoife", "Murphy"), ("Sean", "Kelly"), ("Elena", "Garcia"), ("Pablo", "Lopez"),
)

# key, label, share of staff, role of a member
DEPARTMENTS = (
    ("exec", "Executive Office / 経営企画室", 2, "Corporate planning / 経営企画担当"),
    ("eng", "Engineering / 開発部", 28, "Engineer / エンジニア"),
    ("infra", "Infrastructure / インフラ部", 7, "Site reliability engineer / インフラエンジニア"),
    ("support", "Customer Support / カスタマーサポート部", 18, "Support agent / サポート担当"),
    ("sales", "Sales / 営業部", 15, "Account manager / 営業担当"),
    ("marketing", "Marketing / マーケティング部", 9, "Marketer / マーケティング担当"),
    ("hr", "Human Resources / 人事部", 5, "HR officer / 人事担当"),
    ("finance", "Finance / 経理部", 4, "Accountant / 経理担当"),
    ("legal", "Legal & Compliance / 法務・コンプライアンス部", 3, "Legal counsel / 法務担当"),
    ("security", "Information Security / 情報セキュリティ室", 3,
     "Security engineer / セキュリティ担当"),
    ("eu", "EU Office / 欧州拠点", 5, "Customer success (EU) / 欧州担当"),
)
DEPT_LABEL = {k: label for k, label, _, _ in DEPARTMENTS}
DEPT_MEMBER_ROLE = {k: role for k, _, _, role in DEPARTMENTS}

HEAD_ROLES = {
    "eng": "General Manager, Engineering / 開発部長",
    "infra": "General Manager, Infrastructure / インフラ部長",
    "support": "General Manager, Customer Support / カスタマーサポート部長",
    "sales": "General Manager, Sales / 営業部長",
    "marketing": "General Manager, Marketing / マーケティング部長",
    "hr": "General Manager, Human Resources / 人事部長",
    "finance": "General Manager, Finance / 経理部長",
    "legal": "General Manager, Legal & Compliance / 法務・コンプライアンス部長",
    "security": "Head of Information Security, Personal Information Protection Manager"
                " / 情報セキュリティ室長・個人情報保護管理者",
    "eu": "Head of EU Office, GDPR contact / 欧州拠点長・GDPR窓口",
}

# employment type weights (regular, contract, part_time, dispatched) by department
EMPLOYMENT = {
    "support": (55, 10, 18, 17),
    "eng": (76, 10, 2, 12),
    "infra": (80, 8, 0, 12),
    "eu": (80, 20, 0, 0),
}
EMPLOYMENT_DEFAULT = (82, 9, 5, 4)
EMPLOYMENT_TYPES = ("regular", "contract", "part_time", "dispatched")

# --- training ----------------------------------------------------------------------------

# key, title ja, title en, audience, mandatory, refresher months, pass score.
# "Mandatory" means every employed staff member (services.training); courses for one
# audience only (the EU team, managers) are recorded as not mandatory.
COURSES = (
    ("basics", "個人情報保護基礎研修", "Personal information protection basics",
     "All staff / 全従業者", True, 12, 80),
    ("security", "情報セキュリティ研修", "Information security training",
     "All staff / 全従業者", True, 12, 70),
    ("gdpr", "GDPR研修", "GDPR training",
     "EU Office, Legal, Information Security and the EU support desk"
     " / 欧州拠点・法務・情報セキュリティ・EU窓口担当", False, 24, 80),
)
LARGE_COURSES = (
    ("phishing", "標的型メール訓練", "Phishing awareness drill",
     "All staff / 全従業者", False, 6, None),
    ("managers", "管理職向け個人情報管理研修", "Privacy management for managers",
     "Directors and managers / 役員・管理職", False, 36, 70),
)

# --- data categories ------------------------------------------------------------------------

# key, English / Japanese name, examples, APPI sensitive code, policy (JIS) code, GDPR code,
# financial, person-related
CATEGORIES = (
    ("name", "Full name / 氏名", "山田 太郎, Yamada Taro", None, None, None, False, False),
    ("email", "E-mail address / メールアドレス", "taro.yamada@example.jp",
     None, None, None, False, False),
    ("phone", "Phone number / 電話番号", "03-1234-5678, 090-1234-5678",
     None, None, None, False, False),
    ("address", "Postal address / 住所", "東京都渋谷区神宮前3-1-30",
     None, None, None, False, False),
    ("dob", "Date of birth / 生年月日", "1990-04-01", None, None, None, False, False),
    ("gender", "Gender / 性別", "female, male, not stated", None, None, None, False, False),
    ("login", "Login ID and password hash / ログインID・パスワード（ハッシュ）",
     "login e-mail, bcrypt hash", None, None, None, False, False),
    ("payment", "Payment card information / 決済情報（クレジットカード）",
     "card token, last four digits, expiry", None, None, None, True, False),
    ("bank", "Bank account / 銀行口座", "bank, branch, account number",
     None, None, None, False, False),
    ("purchase", "Purchase history / 購買履歴", "plan, amount, date",
     None, None, None, False, False),
    ("cookie", "Cookie ID / クッキーID", "first-party cookie _pd_uid",
     None, None, None, False, True),
    ("ad_id", "Advertising ID / 広告ID", "IDFA, AAID", None, None, None, False, True),
    ("ip", "IP address / IPアドレス", "203.0.113.7", None, None, None, False, True),
    ("location", "Location data / 位置情報", "approximate area from GPS or IP",
     None, None, None, False, True),
    ("browsing", "Browsing history / 閲覧履歴", "pages viewed, search terms, clicks",
     None, None, None, False, True),
    ("inquiry", "Inquiry content / 問い合わせ内容", "free text, attachments",
     None, None, None, False, False),
    ("company", "Company name and job title / 勤務先・役職", "株式会社さくら不動産 営業課長",
     None, None, None, False, False),
    ("employee_no", "Employee number / 社員番号", "E00012", None, None, None, False, False),
    ("resume", "Résumé and career history / 履歴書・職務経歴", "education, employers, skills",
     None, None, None, False, False),
    ("salary", "Salary and tax / 給与・税額", "monthly salary, withholding tax",
     None, None, None, False, False),
    ("my_number", "Individual Number / 個人番号（マイナンバー）", "12-digit number",
     None, None, None, False, False),
    ("id_document", "Identity document image / 本人確認書類の画像",
     "driver's licence, My Number card (front only)", None, None, None, False, False),
    ("health", "Health check results / 健康診断結果", "annual check-up results, findings",
     "APPI-HEALTH-CHECK", "POLICY-E", "GDPR9-HEALTH", False, False),
    ("criminal", "Criminal record / 犯罪歴", "declared convictions (background screening)",
     "APPI-CRIMINAL-RECORD", "POLICY-B", "GDPR10", False, False),
    ("disability", "Disability status / 障害の有無", "disability certificate for accommodation",
     "APPI-DISABILITY", "POLICY-B", "GDPR9-HEALTH", False, False),
    ("union", "Trade union membership / 労働組合への加入状況", "union dues deduction",
     None, "POLICY-C", "GDPR9-UNION", False, False),
)

# --- counterparties -------------------------------------------------------------------------

# key, name, address, representative, country, role, certifications, equivalence basis
COUNTERPARTIES = (
    ("cloud", "Northwind Cloud Services, Inc.", "1200 Harbor Blvd, Seattle, WA 98101, USA",
     "Jordan Lee, CEO", "US", "entrustee", "ISO/IEC 27001, SOC 2 Type II", "contract"),
    ("helpdesk", "Clearwater Helpdesk Ltd.", "15 Grand Canal Quay, Dublin 2, Ireland",
     "Siobhan Walsh, Managing Director", "IE", "entrustee", "ISO/IEC 27001", "adequacy"),
    ("callcentre", "Hikari Contact Center Co., Ltd. / 株式会社ひかりコンタクトセンター",
     "大阪府大阪市北区梅田2-4-9", "代表取締役 西田 誠", "JP", "entrustee",
     "PrivacyMark / プライバシーマーク", "none"),
    ("mail", "MailWave Co., Ltd. / 株式会社メールウェーブ", "東京都港区芝浦3-4-1",
     "代表取締役 小野 亮", "JP", "entrustee", "ISMS (ISO/IEC 27001)", "none"),
    ("payment", "PayGate Japan K.K. / ペイゲート・ジャパン株式会社", "東京都千代田区丸の内1-6-5",
     "代表取締役 森 健一", "JP", "entrustee", "PCI DSS v4.0", "none"),
    ("ats", "TalentLink Co., Ltd. / 株式会社タレントリンク", "東京都新宿区西新宿2-8-1",
     "代表取締役 原田 由美", "JP", "entrustee", "PrivacyMark / プライバシーマーク", "none"),
    ("payroll", "Payroll Support Co., Ltd. / 株式会社ペイロールサポート", "東京都中央区日本橋2-7-1",
     "代表取締役 今井 浩", "JP", "entrustee", "PrivacyMark / プライバシーマーク", "none"),
    ("disposal", "Secure Shred Co., Ltd. / 株式会社セキュアシュレッド", "埼玉県川口市領家5-14-1",
     "代表取締役 野口 剛", "JP", "entrustee", "NAID AAA", "none"),
    ("offshore", "Bengaluru Code Works Pvt. Ltd.",
     "42 Residency Road, Bengaluru 560025, India", "Anil Rao, Director", "IN", "entrustee",
     "ISO/IEC 27001", "contract"),
    ("adnet", "AdReach Asia Pte. Ltd.", "8 Marina View, Singapore 018960",
     "Wei Ling Tan, CEO", "SG", "third_party", "APEC CBPR", "apec_cbpr"),
    ("client_sakura", "Sakura Real Estate Co., Ltd. / 株式会社さくら不動産",
     "東京都世田谷区三軒茶屋2-11-22", "代表取締役 桜井 修", "JP", "third_party",
     "PrivacyMark / プライバシーマーク", "none"),
    ("client_mirai", "Mirai Staffing Inc. / 株式会社みらい人材サービス",
     "神奈川県横浜市西区みなとみらい2-2-1", "代表取締役 三浦 恵", "JP", "third_party", "", "none"),
    ("client_aoba", "Aoba Insurance Services Co., Ltd. / あおば保険サービス株式会社",
     "宮城県仙台市青葉区中央1-3-1", "代表取締役 青山 隆", "JP", "third_party",
     "ISMS (ISO/IEC 27001)", "none"),
    ("eu_partner", "EuroMarkt Analytics GmbH", "Friedrichstraße 68, 10117 Berlin, Germany",
     "Dr. Katrin Vogel, Geschäftsführerin", "DE", "third_party", "ISO/IEC 27001", "adequacy"),
    ("group", "Mixtend Labs Co., Ltd. / 株式会社ミクステンド・ラボ", "東京都渋谷区神宮前3-1-30",
     "代表取締役 北野 智弘", "JP", "joint_user", "", "none"),
    ("successor", "NextStage Careers Co., Ltd. / 株式会社ネクストステージ・キャリア",
     "東京都品川区大崎1-11-2", "代表取締役 工藤 直樹", "JP", "successor", "", "none"),
    ("police", "Tokyo Metropolitan Police Department / 警視庁", "東京都千代田区霞が関2-1-1",
     "", "JP", "authority", "", "none"),
    ("tax", "Shibuya Tax Office / 渋谷税務署", "東京都渋谷区宇田川町1-3", "", "JP", "authority",
     "", "none"),
    ("leads", "Lead Partners Co., Ltd. / 株式会社リードパートナーズ", "東京都豊島区東池袋3-1-1",
     "代表取締役 川口 彩", "JP", "third_party", "PrivacyMark / プライバシーマーク", "none"),
    ("panel", "Survey Panel Japan Co., Ltd. / 株式会社サーベイパネル・ジャパン",
     "大阪府大阪市中央区本町4-1-13", "代表取締役 村田 翔", "JP", "third_party", "", "none"),
)
CLIENT_KEYS = ("client_sakura", "client_mirai", "client_aoba")

CLIENT_PREFIX = (
    ("ひかり", "Hikari"), ("みらい", "Mirai"), ("あおば", "Aoba"), ("ひまわり", "Himawari"),
    ("大和", "Yamato"), ("東邦", "Toho"), ("北斗", "Hokuto"), ("若葉", "Wakaba"),
    ("富士", "Fuji"), ("港", "Minato"), ("銀河", "Ginga"), ("朝日", "Asahi"),
)
CLIENT_SUFFIX = (
    ("不動産", "Real Estate"), ("人材サービス", "Staffing"), ("保険サービス", "Insurance Services"),
    ("商事", "Trading"), ("教育", "Education"), ("トラベル", "Travel"), ("ホーム", "Home"),
)
PREFECTURES = ("東京都港区", "東京都新宿区", "大阪府大阪市北区", "愛知県名古屋市中村区",
               "福岡県福岡市博多区", "北海道札幌市中央区", "神奈川県横浜市中区",
               "京都府京都市下京区")

# name, address, representative, country, certifications, equivalence basis, services
FOREIGN_ENTRUSTEES = (
    ("Pacific Data Services Inc.", "500 Mission St, San Francisco, CA 94105, USA",
     "Chris Park, CEO", "US", "SOC 2 Type II", "contract", "Data warehouse hosting"),
    ("Mumbai Software Labs Pvt. Ltd.", "Bandra Kurla Complex, Mumbai 400051, India",
     "Priya Shah, Director", "IN", "ISO/IEC 27001", "contract", "Application maintenance"),
    ("Manila CX Solutions Inc.", "6750 Ayala Ave, Makati City 1226, Philippines",
     "Maria Santos, President", "PH", "ISO/IEC 27001, APEC CBPR", "apec_cbpr",
     "English-language support desk"),
    ("Hanoi Dev Center JSC", "72 Tran Duy Hung, Cau Giay, Hanoi, Vietnam",
     "Nguyen Van An, General Director", "VN", "ISO/IEC 27001", "contract", "QA and testing"),
    ("Seoul Cloud Co., Ltd.", "152 Teheran-ro, Gangnam-gu, Seoul, Korea",
     "Kim Min-jun, CEO", "KR", "ISMS-P, APEC CBPR", "apec_cbpr", "Backup storage"),
    ("Taipei Analytics Corp.", "7 Xinyi Rd Sec 5, Taipei 110, Taiwan",
     "Lin Mei-hua, President", "TW", "ISO/IEC 27701", "apec_cbpr", "Marketing analytics"),
    ("Berlin Data GmbH", "Alexanderplatz 1, 10178 Berlin, Germany",
     "Jonas Becker, Geschäftsführer", "DE", "ISO/IEC 27001", "adequacy", "EU e-mail delivery"),
    ("London Insight Ltd.", "1 Canada Square, London E14 5AB, United Kingdom",
     "Oliver Hughes, Managing Director", "GB", "Cyber Essentials Plus", "adequacy",
     "Customer research panels"),
    ("Toronto Mail Inc.", "100 King St W, Toronto, ON M5X 1A9, Canada",
     "Emily Tremblay, CEO", "CA", "SOC 2 Type II", "contract", "Transactional e-mail"),
    ("Sydney Logistics Pty Ltd", "1 Macquarie Pl, Sydney NSW 2000, Australia",
     "Jack Wilson, Director", "AU", "ISO/IEC 27001, APEC CBPR", "apec_cbpr",
     "Merchandise fulfilment"),
    ("Austin Support LLC", "600 Congress Ave, Austin, TX 78701, USA",
     "Taylor Brooks, Managing Member", "US", "SOC 2 Type II", "contract",
     "Night-shift support desk"),
    ("Amsterdam Cloud B.V.", "Herengracht 500, 1017 CB Amsterdam, Netherlands",
     "Sanne de Boer, Directeur", "NL", "ISO/IEC 27001", "adequacy", "EU hosting"),
)

REGIME_NOTES = {
    "US": "No comprehensive federal privacy law; sectoral laws and state laws (e.g. CCPA/CPRA). "
          "Government access under FISA 702 and the CLOUD Act. / 連邦レベルの包括的な個人情報保護法"
          "はなく、分野別法と州法（CCPA/CPRA等）で規律。FISA702条・CLOUD法による政府アクセスの可能性。",
    "IE": "EU member state: GDPR applies; equivalent regime designated by the PPC (Art 28(1))."
          " / EU加盟国：GDPRが適用され、個人情報保護委員会が指定する同等の水準にある国。",
    "DE": "EU member state: GDPR and the BDSG apply. / EU加盟国：GDPR及び連邦データ保護法が適用。",
    "NL": "EU member state: GDPR applies. / EU加盟国：GDPRが適用。",
    "GB": "UK GDPR and the Data Protection Act 2018; designated as equivalent by the PPC."
          " / 英国GDPR及び2018年データ保護法。個人情報保護委員会が同等の水準にある国として指定。",
    "IN": "Digital Personal Data Protection Act 2023, rules being phased in; government "
          "exemptions are broad. / 2023年デジタル個人データ保護法（規則は段階施行）。"
          "政府機関の適用除外が広い。",
    "SG": "Personal Data Protection Act 2012 (PDPA); APEC CBPR participant. / 2012年個人情報保護法"
          "（PDPA）。APEC CBPR参加国。",
    "PH": "Data Privacy Act of 2012; National Privacy Commission; APEC CBPR participant."
          " / 2012年データプライバシー法。国家プライバシー委員会。APEC CBPR参加国。",
    "VN": "Decree 13/2023 on personal data protection; data localisation duties may apply."
          " / 個人データ保護に関する政令13/2023。データローカライゼーション義務の可能性。",
    "KR": "Personal Information Protection Act (PIPA); PIPC supervision. / 個人情報保護法（PIPA）。"
          "個人情報保護委員会（PIPC）が監督。",
    "TW": "Personal Data Protection Act; a new independent authority is being set up."
          " / 個人資料保護法。独立監督機関を設置中。",
    "CA": "PIPEDA and provincial laws (Quebec Law 25). / PIPEDA及び州法（ケベック州法25号）。",
    "AU": "Privacy Act 1988 and the Australian Privacy Principles; APEC CBPR participant."
          " / 1988年プライバシー法及びオーストラリア・プライバシー原則。APEC CBPR参加国。",
}

# --- data assets ------------------------------------------------------------------------------

# key, name, kind, dept, purposes, categories, subjects, acquisition, people, storage,
# entrustees, recipients, derivation, derived from, GDPR basis, retention, deletion
CORE_ASSETS: tuple[dict[str, Any], ...] = (
    dict(key="member_db", name="Member database / 会員DB", kind="database", dept="eng",
         purposes="ABDEGHI", cats=("name", "email", "phone", "address", "dob", "gender", "login",
                                   "purchase", "cookie"),
         subjects=("Users",), acq="direct_web_form", people=850_000, storage="US",
         entrustees=("cloud", "offshore"), recipients=(), gdpr="contract",
         retention="Until 3 years after account closure / 退会後3年間",
         deletion="Automated purge job; backups expire after 35 days"
                  " / 自動削除バッチ（バックアップは35日で失効）"),
    dict(key="inquiry", name="Inquiry management SaaS / 問い合わせ管理SaaS", kind="saas",
         dept="support", purposes="H", cats=("name", "email", "phone", "inquiry"),
         subjects=("Users", "Inquirers", "Client-company staff"), acq="direct_web_form",
         people=120_000, storage="IE", entrustees=("helpdesk", "callcentre"), recipients=(),
         gdpr="legitimate_interests",
         retention="5 years after the inquiry is closed / 対応完了後5年",
         deletion="Deletion by the SaaS retention policy / SaaSの保存期間設定による自動削除"),
    dict(key="access_logs", name="Access logs / アクセスログ", kind="database", dept="infra",
         purposes="AEI", cats=("ip", "cookie", "browsing", "location"), subjects=("Users",),
         acq="generated", people=2_000_000, storage="US", entrustees=("cloud",), recipients=(),
         gdpr="legitimate_interests", retention="13 months / 13か月",
         deletion="Log rotation and object expiry / ログローテーションと自動失効"),
    dict(key="ad_link", name="Ad ID linkage / 広告配信ID連携", kind="database", dept="marketing",
         purposes="D", cats=("cookie", "ad_id", "browsing", "location"), subjects=("Users",),
         acq="generated", people=600_000, storage="JP", entrustees=(), recipients=("adnet",),
         gdpr="consent", retention="Until consent is withdrawn, at most 2 years"
                                   " / 同意撤回まで（最長2年）",
         deletion="Daily deletion of withdrawn IDs / 撤回IDの日次削除"),
    dict(key="recruiting", name="Recruitment management / 採用管理", kind="saas", dept="hr",
         purposes="", cats=("name", "email", "phone", "address", "dob", "resume", "criminal"),
         subjects=("Applicants",), acq="direct_web_form", people=4_200, storage="JP",
         entrustees=("ats",), recipients=(), gdpr=None,
         retention="1 year after the selection ends / 選考終了後1年",
         deletion="Deletion in the ATS, confirmed by export / 採用管理SaaS上で削除"),
    dict(key="payroll", name="Payroll system / 給与システム", kind="saas", dept="finance",
         purposes="", cats=("name", "address", "dob", "bank", "salary", "my_number",
                            "employee_no", "union"),
         subjects=("Employees",), acq="direct_other", people=None, storage="JP",
         entrustees=("payroll",), recipients=("tax",), gdpr="legal_obligation",
         retention="7 years (tax law) / 7年（税法）",
         deletion="Annual deletion run by the payroll vendor / 委託先による年次削除"),
    dict(key="health", name="Health check records / 健康診断記録", kind="file_share", dept="hr",
         purposes="", cats=("name", "employee_no", "health", "disability"),
         subjects=("Employees",), acq="direct_other", people=None, storage="JP",
         entrustees=(), recipients=(), gdpr=None,
         retention="5 years (Industrial Safety and Health Act) / 5年（労働安全衛生法）",
         deletion="Secure deletion from the restricted share / 限定共有フォルダから完全削除"),
    dict(key="newsletter", name="E-mail newsletter list / メール配信リスト", kind="saas",
         dept="marketing", purposes="BF", cats=("name", "email"), subjects=("Users",),
         acq="direct_web_form", people=420_000, storage="JP", entrustees=("mail",),
         recipients=(), gdpr="consent", retention="Until unsubscribed / 配信停止まで",
         deletion="Removed from the list on unsubscribe / 配信停止時にリストから削除"),
    dict(key="payments", name="Payment data / 決済データ", kind="database", dept="finance",
         purposes="A", cats=("name", "payment", "purchase"), subjects=("Users",),
         acq="direct_web_form", people=150_000, storage="JP", entrustees=("payment",),
         recipients=(), gdpr="contract", retention="7 years (tax law) / 7年（税法）",
         deletion="Tokens revoked at the processor, records purged"
                  " / 決済代行でトークン失効後に削除"),
    dict(key="client_leads", name="Leads provided to client companies / 利用企業向け提供データ",
         kind="database", dept="sales", purposes="C",
         cats=("name", "email", "phone", "company"), subjects=("Users",),
         acq="direct_web_form", people=95_000, storage="JP", entrustees=(),
         recipients=(*CLIENT_KEYS, "eu_partner"), gdpr="consent",
         retention="3 years after the last provision (Art 29 records)"
                   " / 最終提供から3年（29条記録）",
         deletion="Purge job / 削除バッチ"),
    dict(key="stats", name="Usage statistics / 利用統計レポート", kind="file_share",
         dept="marketing", purposes="E", cats=(), subjects=(), acq="generated", people=None,
         storage="JP", entrustees=(), recipients=(), gdpr=None, derivation="statistical",
         derived_from="member_db", retention="Kept indefinitely (not personal data)"
                                          " / 無期限（個人情報に該当しない）",
         deletion=""),
    dict(key="paper_forms", name="Paper application forms / 紙の申込書", kind="paper",
         dept="support", purposes="AH", cats=("name", "address", "phone", "dob"),
         subjects=("Users",), acq="direct_web_form", people=8_000, storage="JP",
         entrustees=("disposal",), recipients=(), gdpr=None,
         retention="5 years in a locked cabinet / 施錠保管で5年",
         deletion="Dissolution by a certified disposal contractor / 専門業者による溶解処理"),
)

# services for generated assets: ja, en, dept, purposes, categories, subjects, acquisition
ASSET_SERVICES = (
    ("会員", "Member", "eng", "A", ("name", "email", "login"), ("Users",), "direct_web_form"),
    ("注文", "Order", "eng", "A", ("name", "address", "purchase"), ("Users",), "direct_web_form"),
    ("ポイント", "Points", "eng", "AB", ("name", "email", "purchase"), ("Users",), "generated"),
    ("キャンペーン", "Campaign", "marketing", "F", ("name", "email", "address"), ("Users",),
     "direct_web_form"),
    ("アンケート", "Survey", "marketing", "EF", ("email", "gender", "dob"), ("Users",),
     "direct_web_form"),
    ("クチコミ", "Review", "support", "H", ("name", "email", "inquiry"), ("Users",),
     "direct_web_form"),
    ("問い合わせ", "Inquiry", "support", "H", ("name", "email", "phone", "inquiry"),
     ("Users", "Inquirers"), "direct_web_form"),
    ("配送", "Shipping", "support", "A", ("name", "address", "phone"), ("Users",),
     "direct_web_form"),
    ("請求", "Billing", "finance", "A", ("name", "address", "payment", "purchase"),
     ("Users", "Client-company staff"), "direct_web_form"),
    ("解約", "Cancellation", "support", "AH", ("name", "email", "inquiry"), ("Users",),
     "direct_web_form"),
    ("ログイン", "Login", "security", "AI", ("email", "login", "ip"), ("Users",), "generated"),
    ("通知", "Notification", "eng", "BG", ("email", "cookie"), ("Users",), "generated"),
    ("広告", "Advertising", "marketing", "D", ("cookie", "ad_id", "browsing"), ("Users",),
     "generated"),
    ("行動分析", "Behaviour analytics", "marketing", "DE", ("cookie", "browsing", "location"),
     ("Users",), "generated"),
    ("不正検知", "Fraud detection", "security", "I", ("email", "ip", "login", "purchase"),
     ("Users",), "generated"),
    ("利用企業", "Client company", "sales", "C", ("name", "email", "company"),
     ("Client-company staff",), "direct_other"),
    ("商談", "Sales pipeline", "sales", "C", ("name", "email", "phone", "company"),
     ("Client-company staff",), "direct_other"),
    ("採用", "Recruitment", "hr", "", ("name", "email", "resume"), ("Applicants",),
     "direct_web_form"),
    ("勤怠", "Attendance", "hr", "", ("name", "employee_no"), ("Employees",), "generated"),
    ("人事評価", "Performance review", "hr", "", ("name", "employee_no"), ("Employees",),
     "direct_other"),
    ("研修", "Training", "hr", "", ("name", "employee_no", "email"), ("Employees",),
     "generated"),
    ("経費", "Expenses", "finance", "", ("name", "employee_no", "bank"), ("Employees",),
     "direct_other"),
    ("本人確認", "Identity check", "support", "AI", ("name", "dob", "address", "id_document"),
     ("Users",), "direct_web_form"),
    ("欧州会員", "EU member", "eu", "ABH", ("name", "email", "address"), ("Users",),
     "direct_web_form"),
    ("監視", "Monitoring", "infra", "A", ("ip", "cookie"), ("Users",), "generated"),
)
# ja, en, kind, retention, deletion
# where each kind of asset is kept, on what medium, and for how long it is used
STORAGE_BY_KIND = {
    "database": ("Production database, cloud region {country}"
                 " / 本番DB（クラウド・{country}リージョン）", ["electronic"]),
    "saas": ("The provider's cloud service ({country}) / 提供事業者のクラウド（{country}）",
             ["electronic"]),
    "file_share": ("Company file server, access-controlled folder"
                   " / 社内ファイルサーバ（アクセス制限フォルダ）", ["electronic"]),
    "paper": ("Locked cabinet, head office 3F / 本社3階 施錠キャビネット", ["paper"]),
    "other": ("Transfer server, cloud region {country}"
              " / 連携サーバ（クラウド・{country}リージョン）", ["electronic"]),
}
PERIOD_OF_USE = "Until the purposes of use are achieved / 利用目的の達成まで"

ASSET_KINDS = (
    ("DB", "database", "database", "3 years after last use / 最終利用から3年",
     "Purge job / 削除バッチ"),
    ("管理SaaS", "management SaaS", "saas", "5 years / 5年",
     "Deletion in the SaaS / SaaS上で削除"),
    ("バックアップ", "backup", "database", "35 days / 35日", "Automatic expiry / 自動失効"),
    ("ログ", "logs", "database", "13 months / 13か月", "Log rotation / ログローテーション"),
    ("共有フォルダ", "shared folder", "file_share", "3 years / 3年",
     "Secure deletion / 完全削除"),
    ("集計表", "spreadsheet", "file_share", "1 year / 1年", "Secure deletion / 完全削除"),
    ("台帳（紙）", "paper ledger", "paper", "5 years / 5年", "Shredding / 裁断"),
    ("API連携", "API feed", "other", "30 days / 30日", "Automatic expiry / 自動失効"),
    ("データマート", "data mart", "database", "2 years / 2年", "Purge job / 削除バッチ"),
    ("CSV出力", "CSV exports", "file_share", "90 days / 90日", "Secure deletion / 完全削除"),
)
ASSET_ENVS = (("", ""), ("（検証環境）", " (staging)"))

# --- requests, incidents, complaints ----------------------------------------------------------

APPI_KINDS = (("appi_disclosure", 34), ("appi_suspension", 24), ("appi_correction", 14),
              ("appi_stop_provision", 16), ("appi_purpose", 6), ("appi_records", 6))
GDPR_KINDS = (("gdpr_access", 34), ("gdpr_erasure", 30), ("gdpr_rectification", 10),
              ("gdpr_objection", 10), ("gdpr_portability", 8), ("gdpr_restriction", 6),
              ("gdpr_automated", 2))
DISCLOSURE_KINDS = frozenset({"appi_disclosure", "appi_records", "appi_purpose", "gdpr_access",
                              "gdpr_portability"})
ACTION_KINDS = frozenset({"appi_correction", "appi_suspension", "appi_stop_provision",
                          "gdpr_erasure", "gdpr_rectification", "gdpr_restriction",
                          "gdpr_objection"})
NOTIFY_KINDS = frozenset({"appi_stop_provision", "gdpr_erasure", "gdpr_rectification",
                          "gdpr_restriction"})
APPI_ID_METHODS = (
    "Request from the logged-in account and code sent to the registered e-mail"
    " / ログイン状態での申請と登録メールアドレスへの確認コード",
    "Copy of driver's licence / 運転免許証の写し",
    "Copy of My Number card (front only) / マイナンバーカード（表面のみ）の写し",
    "Copy of health insurance card (symbols masked) / 健康保険証の写し（記号番号マスキング）",
    "Call-back to the registered phone number / 登録電話番号への折り返し確認",
)
GDPR_ID_METHODS = (
    "Logged-in account and e-mail confirmation / ログイン状態での申請とメール確認",
    "Copy of passport (photo page) / パスポートの写し",
    "Copy of national identity card / 身分証明書の写し",
)
EXTENSION_REASONS = (
    "Complex request covering several systems / 複数システムにまたがる複雑な請求のため",
    "Large number of requests received from the person / 同一人からの多数の請求のため",
    "Data held by several entrustees must be collected / 複数の委託先からの回収が必要なため",
)
REASONS = {
    "partial": "Part of the records include other users' information and were withheld"
               " / 他の利用者の情報を含む部分は開示を控えました",
    "no_data": "No personal data about the person was found in any system"
               " / いずれのシステムにも該当する個人データはありませんでした",
    "refused": "Disclosure refused under the ground stated, explained in writing (Art 36)"
               " / 記載の事由により不開示とし、書面で理由を説明しました（36条）",
    "alternative": "Deletion from archived backups would need a large expense; the data is "
                   "excluded from all use instead"
                   " / バックアップからの削除に多額の費用を要するため、"
                   "利用停止の代替措置をとりました",
}
COMPLAINTS = (
    ("handling", "Received a sales call from a client company I never applied to"
                 " / 申し込んでいない利用企業から営業電話があった"),
    ("marketing", "Still receiving the newsletter after unsubscribing"
                  " / 配信停止後もメールマガジンが届く"),
    ("request", "The answer to my disclosure request took too long / 開示請求への回答が遅い"),
    ("request", "Asked for too many identity documents / 本人確認書類の要求が過剰"),
    ("security", "Worried about the unauthorised access to the member database"
                 " / 会員DBへの不正アクセスについて不安がある"),
    ("marketing", "Ads based on my browsing history appear on other sites"
                  " / 閲覧履歴に基づく広告が他サイトに表示される"),
    ("handling", "Wants to know which companies received my data"
                 " / 自分の情報の提供先を知りたい"),
    ("other", "The account deletion procedure is hard to find / 退会手続きが分かりにくい"),
    ("security", "Received a suspicious e-mail impersonating the service"
                 " / サービスを装った不審なメールが届いた"),
    ("handling", "My address was shown on a delivery slip to another user"
                 " / 他の利用者宛の伝票に自分の住所が記載されていた"),
)
NOTES = {"revoke": "No longer needed / 不要", "modify": "Reduced to read / 参照のみに変更"}
OUTCOMES = (
    "Explained and apologised / 説明・謝罪",
    "Unsubscribed from all lists / 全配信停止",
    "Consent withdrawn and recipients notified / 同意撤回・提供先へ連絡",
    "Procedure improved / 手続きを改善",
    "Explained the published policy / 公表事項を案内",
)

# --- safety measures ---------------------------------------------------------------------------

# code: status, owner department, evidence, months since last assessed (None: never)
MEASURES = {
    "A1": ("implemented", "legal", "Basic policy on personal data, board approval 2022-04-01"
           " / 個人データ取扱基本方針（2022-04-01取締役会承認）", 3),
    "B1": ("implemented", "legal", "Personal data handling rules v4.1, intranet"
           " / 個人データ取扱規程 第4.1版（イントラネット掲載）", 5),
    "C1": ("implemented", "security", "Organisation chart with the Personal Information "
           "Protection Manager and desk / 個人情報保護管理者・窓口を定めた体制図", 8),
    "C2": ("implemented", "security", "Handling records in the inventory, quarterly spot checks"
           " / 台帳への取扱記録と四半期ごとの抜き取り確認", 14),
    "C3": ("implemented", "security", "Data inventory in PrivacyDesk / PrivacyDeskの個人データ台帳",
           2),
    "C4": ("implemented", "security", "Incident response procedure and contact tree, drill held"
           " / 漏えい等対応手順・連絡網、訓練実施", 6),
    "C5": ("partial", "legal", "Internal audit plan; audit of two departments still open"
           " / 内部監査計画（2部署の監査が未了）", 17),
    "D1": ("implemented", "hr", "Annual training records in PrivacyDesk / 年次研修の受講記録",
           4),
    "D2": ("implemented", "hr", "Confidentiality clause in the work rules and pledges"
           " / 就業規則の秘密保持条項と誓約書", 9),
    "E1": ("implemented", "security", "Card-key access log of the office and server room"
           " / 事務所・サーバ室の入退室ログ", 7),
    "E2": ("implemented", "security", "Cable locks, clear-desk checks"
           " / ワイヤーロック、クリアデスク点検", 10),
    "E3": ("partial", "infra", "Full-disk encryption on laptops; USB control being rolled out"
           " / ノートPCの全ディスク暗号化（USB制御は導入中）", 13),
    "E4": ("implemented", "security", "Disposal certificates from the shredding contractor"
           " / 廃棄業者の溶解証明書", 5),
    "F1": ("implemented", "infra", "Role-based access, semi-annual access review"
           " / 役割ベースのアクセス制御と半期ごとの棚卸", 3),
    "F2": ("implemented", "infra", "SSO with MFA for all staff / 全従業者のSSO・多要素認証", 4),
    "F3": ("implemented", "infra", "EDR, WAF and monthly patching / EDR、WAF、月次パッチ適用", 1),
    "F4": ("planned", "security", "DLP for e-mail planned for next fiscal year"
           " / メールDLPを来年度導入予定", None),
    "G1": ("partial", "legal", "Foreign regime notes for US, IE, IN, SG in PrivacyDesk"
           " / 米・愛・印・星の外国制度の把握（PrivacyDesk）", 16),
}


# ---------------------------------------------------------------------------------------------


def fill(
    db: Database,
    size: str = "small",
    seed: int = 1,
    progress: Progress | None = None,
    today: date | None = None,
) -> dict[str, int]:
    """Fill a newly created (seeded) database with demo data.

    Returns the number of rows written per entity: inserted rows, plus the updated
    rows of "organization" (jurisdictions) and "safety_measure" (status, owner, evidence,
    last assessment). Raises ValueError for an unknown size, a database without the
    built-in catalog, or one that already holds demo or staff data.
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}: expected one of {', '.join(SIZES)}")
    anchor = today or today_jst()
    with writing(db) as w:
        demo = _Demo(w, SIZES[size], random.Random(seed), anchor, progress)
        demo.run()
    return dict(demo.counts)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cum(weights: list[float] | tuple[float, ...]) -> list[float]:
    out, total = [], 0.0
    for wt in weights:
        total += wt
        out.append(total)
    return out


class _Demo:
    def __init__(self, w: Writer, size: Size, rng: random.Random, today: date,
                 progress: Progress | None) -> None:
        self.w = w
        self.size = size
        self.rng = rng
        self.today = today
        self.say: Progress = progress or (lambda _phase, _done, _total: None)
        self.counts: dict[str, int] = {}
        self.next_id: dict[str, int] = {}
        # end of "today" in Japan: the latest instant the demo may use
        self.now = datetime.combine(today, time(18, 0), JST).astimezone(UTC)
        self.users = max(10, int(size.consents * 0.7))  # user numbers U00000001 ...

    # -- helpers ---------------------------------------------------------------------------

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, d: date, hour: int, minute: int = 0) -> datetime:
        """A Japan-time wall clock on day d, as an aware UTC datetime."""
        return datetime.combine(d, time(hour, minute), JST).astimezone(UTC)

    def ids(self, entity: str, n: int) -> range:
        start = self.next_id[entity]
        self.next_id[entity] = start + n
        return range(start, start + n)

    def insert(self, entity: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.w.insert_many(entity, rows)
            self.counts[entity] = self.counts.get(entity, 0) + len(rows)

    def phase(self, name: str, fn: Callable[[], Any]) -> None:
        self.say(name, 0, 1)
        fn()
        self.say(name, 1, 1)

    def weighted(self, pairs: tuple[tuple[Any, float], ...]) -> Any:
        values = [v for v, _ in pairs]
        return self.rng.choices(values, [wt for _, wt in pairs])[0]

    # -- the run ---------------------------------------------------------------------------

    def run(self) -> None:
        self._check_empty()
        self._load_catalog()
        self.phase("organization", self._organization)
        self.phase("staff", self._staff)
        self.phase("training", self._training)
        self.phase("data categories", self._data_categories)
        self.phase("counterparties", self._counterparties)
        self.phase("data assets", self._data_assets)
        self._consents()
        self.phase("provision records", self._provisions)
        self.phase("receipt records", self._receipts)
        self.phase("entrustees", self._entrustees)
        self.phase("foreign transfers", self._foreign_transfers)
        self.phase("requests", self._requests)
        self.phase("incidents", self._incidents)
        self.phase("complaints", self._complaints)
        self.phase("access grants", self._grants)
        self.phase("safety measures", self._measures)

    def _check_empty(self) -> None:
        conn = self.w.conn
        found = []
        for name in DEMO_ENTITIES:
            t = TABLES[name]
            if conn.execute(sa.select(t.c.id).limit(1)).first() is not None:
                found.append(name)
            self.next_id[name] = (conn.execute(sa.select(sa.func.max(t.c.id))).scalar() or 0) + 1
        if found:
            raise ValueError(
                "This database already holds data (" + ", ".join(found[:5])
                + (", ..." if len(found) > 5 else "") + "); demo data can only be added to a "
                "newly created database. Create a new database for the demo."
            )

    def _load_catalog(self) -> None:
        conn = self.w.conn

        def by(entity: str, key: str) -> dict[str, int]:
            t = TABLES[entity]
            return {k: i for i, k in conn.execute(sa.select(t.c.id, t.c[key]))}

        self.purpose = by("purpose", "code")
        self.exception = by("provision_exception", "code")
        self.ground = by("refusal_ground", "code")
        self.sensitive = by("sensitive_category", "code")
        self.measure = by("safety_measure", "code")
        self.subject = by("subject_category", "name_en")
        pv = TABLES["policy_version"]
        self.policy_version = conn.execute(
            sa.select(pv.c.id).order_by(pv.c.effective_from.desc(), pv.c.id.desc()).limit(1)
        ).scalar()
        org = TABLES["organization"]
        self.organization = conn.execute(sa.select(org.c.id).limit(1)).scalar()
        missing = [what for what, ok in (
            ("purposes A–I", all(c in self.purpose for c in "ABCDEFGHI")),
            ("provision exceptions", all(c in self.exception for c in "DFG")),
            ("refusal grounds", all(c in self.ground for c in ("A", "B", "C", "ALT"))),
            ("sensitive categories", all(c[3] is None or c[3] in self.sensitive
                                         for c in CATEGORIES)),
            ("subject categories", all(s in self.subject for s in (
                "Users", "Client-company staff", "Inquirers", "Employees", "Applicants"))),
            ("policy version", self.policy_version is not None),
            ("organization", self.organization is not None),
        ) if not ok]
        if missing:
            raise ValueError(
                "The database lacks the built-in catalog (" + ", ".join(missing) + "); "
                "demo data needs a database created by PrivacyDesk with its catalog."
            )

    # -- organization ------------------------------------------------------------------------

    def _organization(self) -> None:
        if self.w.update("organization", self.organization, {"jurisdictions": ["APPI", "GDPR"]}):
            self.counts["organization"] = 1

    # -- staff ---------------------------------------------------------------------------------

    def _staff(self) -> None:
        rng, n = self.rng, self.size.staff
        depts = [k for k, _, _, _ in DEPARTMENTS]
        dept_weights = [wt for _, _, wt, _ in DEPARTMENTS]
        fixed: list[tuple[str, str, str, tuple[str, str] | None]] = [
            ("exec", "director", "President and CEO / 代表取締役社長",
             ("北野 智弘", "Kitano Tomohiro")),
            ("eng", "director", "Director and CTO / 取締役CTO", None),
            ("exec", "director", "Director and CFO / 取締役CFO", None),
        ]
        fixed += [(k, "regular", HEAD_ROLES[k], None) for k in HEAD_ROLES]
        extra_directors = max(0, n // 400 - 1)
        fixed += [("exec", "director", "Director / 取締役", None)] * extra_directors
        plan = list(fixed[:n])
        for _ in range(n - len(plan)):
            dept = rng.choices(depts, dept_weights)[0]
            etype = rng.choices(EMPLOYMENT_TYPES, EMPLOYMENT.get(dept, EMPLOYMENT_DEFAULT))[0]
            r = rng.random()
            if etype in ("part_time", "dispatched"):
                role = DEPT_MEMBER_ROLE[dept]
            elif r < 0.07:
                role = "Manager / 課長"
            elif r < 0.20:
                role = "Team lead / 主任"
            else:
                role = DEPT_MEMBER_ROLE[dept]
            plan.append((dept, etype, role, None))

        n_fixed = min(len(fixed), n)
        leavers = sorted(rng.sample(range(n_fixed, n), k=min(n - n_fixed,
                                                             max(3, round(0.06 * n)))))
        leaver_rank = {idx: rank for rank, idx in enumerate(leavers)}
        seen_emails: dict[str, int] = {}
        rows: list[dict[str, Any]] = []
        self.staff: list[dict[str, Any]] = []
        self.heads: dict[str, dict[str, Any]] = {}
        self.recent_leaver = leavers[0] if leavers else None
        for idx, (sid, (dept, etype, role, fixed_name)) in enumerate(
                zip(self.ids("staff", n), plan, strict=True)):
            if fixed_name:
                name, latin = fixed_name
                given_l, family_l = latin.split(" ")[1], latin.split(" ")[0]
            elif dept == "eu" and rng.random() < 0.8:
                given_l, family_l = rng.choice(EUROPEAN)
                name = latin = f"{given_l} {family_l}"
            else:
                fam = rng.choice(FAMILY)
                giv = rng.choice(GIVEN_F if rng.random() < 0.45 else GIVEN_M)
                name, latin = f"{fam[0]} {giv[0]}", f"{fam[1]} {giv[1]}"
                given_l, family_l = giv[1], fam[1]
            local = f"{given_l}.{family_l}".lower().replace(" ", "")
            k = seen_emails.get(local, 0)
            seen_emails[local] = k + 1
            email = f"{local}{k + 1 if k else ''}@example.co.jp"
            if etype == "director":
                started = self.day(rng.randint(8 * 365, 18 * 365))
            elif idx < n_fixed:
                started = self.day(rng.randint(4 * 365, 15 * 365))
            elif etype in ("part_time", "dispatched"):
                started = self.day(rng.randint(10, 4 * 365))
            else:
                started = self.day(rng.randint(15, 14 * 365))
            ended = None
            if idx in leaver_rank:
                # the first leaver left a few weeks ago: the grant KPI has hits
                ended = self.day(rng.randint(7, 30) if leaver_rank[idx] == 0
                                 else rng.randint(5, 400))
                if started > ended - timedelta(days=60):
                    started = ended - timedelta(days=rng.randint(60, 900))
            ack: date | None = started
            if (etype == "dispatched" and rng.random() < 0.25) or rng.random() < 0.02:
                ack = None
            handles = dept in ("support", "hr", "eu") or rng.random() < 0.92
            manager = etype == "director" or idx < n_fixed or role.startswith(("Manager", "Team"))
            row = {
                "id": sid, "employee_no": f"E{sid:05d}", "name": name, "name_latin": latin,
                "employment_type": etype, "department": DEPT_LABEL[dept], "role": role,
                "email": email, "handles_personal_data": handles,
                "confidentiality_ack_on": ack, "started_on": started, "ended_on": ended,
            }
            rows.append(row)
            info = {"id": sid, "dept": dept, "name": name, "type": etype, "started": started,
                    "ended": ended, "handles": handles, "manager": manager}
            self.staff.append(info)
            if idx < n_fixed and dept not in self.heads:
                self.heads[dept] = info
        for dept in depts:  # tiny sizes: every department needs someone in charge
            self.heads.setdefault(dept, self.staff[0])
        self.insert("staff", rows)
        self.by_dept: dict[str, list[dict[str, Any]]] = {}
        for s in self.staff:
            self.by_dept.setdefault(s["dept"], []).append(s)

    def _head(self, dept: str) -> dict[str, Any]:
        return self.heads.get(dept) or self.staff[0]

    # -- training -------------------------------------------------------------------------------

    def _training(self) -> None:
        rng, today = self.rng, self.today
        fy = today.year if today.month >= 4 else today.year - 1
        specs = COURSES + (LARGE_COURSES if self.size.large_courses else ())
        courses, course_rows = [], []
        for cid, (key, ja, en, audience, mandatory, months, pass_score) in zip(
                self.ids("course", len(specs)), specs, strict=True):
            course_rows.append({
                "id": cid, "title_ja": ja, "title_en": en, "version": f"FY{fy}",
                "audience": audience, "mandatory": mandatory, "refresher_months": months,
                "pass_score": pass_score,
            })
            courses.append((key, cid, months, pass_score))
        self.insert("course", course_rows)

        rows: list[dict[str, Any]] = []

        def add(staff_id: int, course_id: int, done: date, score: int | None) -> None:
            rows.append({"staff": staff_id, "course": course_id, "completed_on": done,
                         "score": score, "evidence": None})

        for s in self.staff:
            for key, cid, months, pass_score in courses:
                if not self._takes(s, key):
                    continue
                last_day = s["ended"] or today
                r = rng.random()
                recent = (today - s["started"]).days < 90
                if s["ended"] is None and r < (0.6 if recent else 0.01):
                    continue  # never trained, mostly new joiners: the compliance gap
                if s["ended"] is not None:
                    done = last_day - timedelta(days=rng.randint(10, 300))
                elif r < 0.13:  # expired
                    done = rules.add_months(today - timedelta(days=rng.randint(1, 200)), -months)
                elif r < 0.21:  # expiring within 30 days
                    done = rules.add_months(today + timedelta(days=rng.randint(1, 29)), -months)
                else:  # valid
                    span = (rules.add_months(today, months) - today).days - 1
                    done = rules.add_months(
                        today + timedelta(days=rng.randint(31, max(31, span))), -months)
                if done < s["started"]:
                    done = s["started"] + timedelta(days=rng.randint(3, 20))
                    if done > last_day:
                        continue  # joined too recently
                score = None if pass_score is None else rng.randint(pass_score, 100)
                if pass_score is not None and rng.random() < 0.04:  # failed first attempt
                    failed_on = done - timedelta(days=rng.randint(5, 14))
                    if failed_on >= s["started"]:
                        add(s["id"], cid, failed_on, rng.randint(max(0, pass_score - 30),
                                                                 pass_score - 1))
                add(s["id"], cid, done, score)
                previous = rules.add_months(done, -months) - timedelta(days=rng.randint(0, 20))
                if previous >= s["started"] and rng.random() < 0.5:
                    add(s["id"], cid, previous,
                        None if pass_score is None else rng.randint(pass_score, 100))
        rows.sort(key=lambda r: (r["completed_on"], r["staff"], r["course"]))
        for cid, r in zip(self.ids("completion", len(rows)), rows, strict=True):
            r["id"] = cid
            r["evidence"] = f"LMS-{r['completed_on'].year}-{cid:06d}"
        self.insert("completion", rows)

    def _takes(self, s: dict[str, Any], course: str) -> bool:
        if course in ("basics", "security"):
            return True
        if course == "gdpr":
            return s["dept"] in ("eu", "legal", "security") or (
                s["dept"] == "support" and s["id"] % 5 == 0)
        if course == "phishing":
            return s["id"] % 4 != 0
        if course == "managers":
            return s["manager"]
        raise AssertionError(course)

    # -- catalog-like demo rows -------------------------------------------------------------

    def _data_categories(self) -> None:
        rows, self.category = [], {}
        for cid, (key, name, examples, appi, jis, gdpr, fin, person) in zip(
                self.ids("data_category", len(CATEGORIES)), CATEGORIES, strict=True):
            rows.append({
                "id": cid, "name_en": name.split(" / ")[0], "name_ja": name.split(" / ")[1],
                "examples": examples,
                "appi_sensitive": self.sensitive[appi] if appi else None,
                "jis_sensitive": self.sensitive[jis] if jis else None,
                "gdpr_special": self.sensitive[gdpr] if gdpr else None,
                "financial_risk": fin, "person_related": person,
            })
            self.category[key] = cid
        self.category_row = {r["id"]: r for r in rows}
        self.insert("data_category", rows)

    def _counterparties(self) -> None:
        rng = self.rng
        specs: list[dict[str, Any]] = [
            dict(key=k, name=nm, address=a, representative=rep, country=c, role=role,
                 certifications=cert, equivalence_basis=eq)
            for k, nm, a, rep, c, role, cert, eq in COUNTERPARTIES
        ]
        combos = [(p, s) for p in CLIENT_PREFIX for s in CLIENT_SUFFIX]
        rng.shuffle(combos)
        taken = {"Sakura", "Mirai", "Aoba"}
        extra_clients = [(p, s) for p, s in combos if p[1] not in taken or s[1] not in (
            "Real Estate", "Staffing", "Insurance Services")][:self.size.extra_clients]
        for i, ((pja, pen), (sja, sen)) in enumerate(extra_clients):
            specs.append(dict(
                key=f"client_{i}", name=f"{pen} {sen} Co., Ltd. / 株式会社{pja}{sja}",
                address=f"{rng.choice(PREFECTURES)}{rng.randint(1, 5)}-{rng.randint(1, 20)}-"
                        f"{rng.randint(1, 30)}",
                representative=f"代表取締役 {rng.choice(FAMILY)[0]} {rng.choice(GIVEN_M)[0]}",
                country="JP", role="third_party",
                certifications=rng.choice(("PrivacyMark / プライバシーマーク", "", "ISMS")),
                equivalence_basis="none"))
        self.foreign_services: dict[str, str] = {}
        for i, (nm, a, rep, c, cert, eq, services) in enumerate(
                FOREIGN_ENTRUSTEES[:self.size.extra_foreign]):
            specs.append(dict(key=f"foreign_{i}", name=nm, address=a, representative=rep,
                              country=c, role="entrustee", certifications=cert,
                              equivalence_basis=eq))
            self.foreign_services[f"foreign_{i}"] = services
        rows, self.cp, self.cp_row = [], {}, {}
        for cid, spec in zip(self.ids("counterparty", len(specs)), specs, strict=True):
            key = spec.pop("key")
            row = {"id": cid, **spec}
            row["certifications"] = row["certifications"] or None
            row["representative"] = row["representative"] or None
            rows.append(row)
            self.cp[key] = cid
            self.cp_row[key] = row
        self.clients = [k for k in self.cp if k.startswith("client_")]
        self.insert("counterparty", rows)

    # -- data assets ---------------------------------------------------------------------------

    def _data_assets(self) -> None:
        rng = self.rng
        specs = [dict(s) for s in CORE_ASSETS[:self.size.assets]]
        extra = self.size.assets - len(specs)
        if extra > 0:
            names = {s["name"] for s in specs}
            combos = [(s, k, e) for s in ASSET_SERVICES for k in ASSET_KINDS for e in ASSET_ENVS
                      if f"{s[1]} {k[1]}{e[1]} / {s[0]}{k[0]}{e[0]}" not in names]
            if len(combos) < extra:
                raise ValueError(f"at most {len(combos) + len(specs)} demo data assets")
            rng.shuffle(combos)
            entrustee_keys = ["cloud", "offshore", *self.foreign_services]
            for i, (svc, kind, env) in enumerate(combos[:extra]):
                sja, sen, dept, purposes, cats, subjects, acq = svc
                kja, ken, kind_code, retention, deletion = kind
                storage = "JP"
                entrustees: tuple[str, ...] = ()
                if kind_code in ("database", "saas") and rng.random() < 0.35:
                    ent = rng.choice(entrustee_keys)
                    entrustees = (ent,)
                    storage = self.cp_row[ent]["country"]
                recipients: tuple[str, ...] = ()
                if "C" in purposes and self.clients:
                    recipients = tuple(rng.sample(self.clients, k=min(3, len(self.clients))))
                derivation, derived = "none", None
                if ken == "data mart" and rng.random() < 0.4:
                    derivation, derived = "pseudonymised", "member_db"
                specs.append(dict(
                    key=f"asset_{i}", name=f"{sen} {ken}{env[1]} / {sja}{kja}{env[0]}",
                    kind=kind_code, dept=dept, purposes=purposes, cats=cats, subjects=subjects,
                    acq=acq, people=rng.choice((1_200, 8_500, 40_000, 120_000, 600_000)),
                    storage=storage, entrustees=entrustees, recipients=recipients,
                    gdpr=None if dept in ("hr", "finance") else "contract",
                    derivation=derivation, derived_from=derived,
                    retention=retention, deletion=deletion))
        rows: list[dict[str, Any]] = []
        self.asset: dict[str, int] = {}
        self.asset_info: list[dict[str, Any]] = []
        staff_count = sum(1 for s in self.staff if s["ended"] is None)
        for aid, spec in zip(self.ids("data_asset", len(specs)), specs, strict=True):
            self.asset[spec["key"]] = aid
            people = spec["people"]
            if people is None and "Employees" in spec["subjects"]:
                people = staff_count
            eu = spec["storage"] not in ("JP",) or spec["dept"] == "eu" or \
                spec["key"] in ("member_db", "inquiry", "newsletter", "ad_link")
            reviewed = rng.randint(20, 330) if rng.random() < 0.8 else rng.randint(370, 700)
            rows.append({
                "id": aid, "name": spec["name"], "kind": spec["kind"],
                "owner_department": DEPT_LABEL[spec["dept"]],
                "responsible": self._head(spec["dept"])["id"],
                "purposes": [self.purpose[c] for c in spec["purposes"]],
                "data_categories": [self.category[c] for c in spec["cats"]],
                "subject_categories": [self.subject[c] for c in spec["subjects"]],
                "acquisition": spec["acq"], "estimated_people": people,
                "storage_country": spec["storage"], "retention_rule": spec["retention"],
                "storage_location": STORAGE_BY_KIND[spec["kind"]][0].format(
                    country=spec["storage"]),
                "storage_medium": list(STORAGE_BY_KIND[spec["kind"]][1]),
                "period_of_use": PERIOD_OF_USE,
                "deletion_method": spec["deletion"] or None,
                "entrustees": [self.cp[k] for k in spec["entrustees"]],
                "recipients": [self.cp[k] for k in spec["recipients"]],
                "derivation": spec.get("derivation", "none"),
                "derived_from": self.asset.get(spec.get("derived_from") or ""),
                "gdpr_controller": "Mixtend Co., Ltd. (controller)" if eu and spec["gdpr"]
                else None,
                "gdpr_basis": spec["gdpr"] if eu else None,
                "gdpr_transfers": (
                    f"{spec['storage']}: " + ("EU adequacy / 十分性認定"
                                              if spec["storage"] in ("IE", "DE", "NL", "GB")
                                              else "Standard contractual clauses / 標準契約条項")
                    if eu and spec["gdpr"] and spec["storage"] != "JP"
                    else ("JP: EU adequacy decision 2019/419 / 日本：十分性認定"
                          if eu and spec["gdpr"] else None)),
                "gdpr_security": "Encryption at rest and in transit, MFA, access review every "
                                 "6 months / 保存時・通信時の暗号化、多要素認証、半期ごとの権限棚卸"
                if eu and spec["gdpr"] else None,
                "last_reviewed_on": self.day(reviewed),
            })
            self.asset_info.append({"id": aid, "key": spec["key"], "dept": spec["dept"],
                                    "name": spec["name"], "kind": spec["kind"],
                                    "entrustees": spec["entrustees"],
                                    "users": "Users" in spec["subjects"]})
        self.insert("data_asset", rows)
        self.assets_by_dept: dict[str, list[int]] = {}
        for a in self.asset_info:
            self.assets_by_dept.setdefault(a["dept"], []).append(a["id"])

    # -- consent records (the big one) ---------------------------------------------------------

    def _consent_templates(self) -> list[tuple[tuple[Any, ...], float]]:
        """(scope, purpose id, recipient id, country, current hash, old hash), weight."""
        p = self.purpose

        def t(scope: str, code: str, recipient: str | None, country: str | None,
              weight: float) -> tuple[tuple[Any, ...], float]:
            key = f"{scope}:{code}:{recipient or '-'}"
            rid = self.cp[recipient] if recipient else None
            return ((scope, p[code], rid, country, _sha(f"notice v2 {key}"),
                     _sha(f"notice v1 {key}")), weight)

        templates = [
            t("purpose", "B", None, None, 30), t("purpose", "D", None, None, 22),
            t("purpose", "F", None, None, 7), t("purpose", "E", None, None, 6),
            t("sensitive", "F", None, None, 0.5),
            t("foreign", "C", "eu_partner", "DE", 3), t("foreign", "D", "adnet", "SG", 2),
            t("cookie_linkage", "D", "adnet", "SG", 11.5),
        ]
        share = 14 / len(self.clients)
        templates += [t("third_party", "C", k, "JP", share) for k in self.clients]
        return templates

    def _consents(self) -> None:
        rng, total, batch = self.rng, self.size.consents, self.size.consent_batch
        templates = self._consent_templates()
        tpl_values = [v for v, _ in templates]
        tpl_cum = _cum([wt for _, wt in templates])
        channels = ("checkbox", "button", "email", "paper", "oral")
        ch_cum = _cum((70, 18, 5, 4, 3))
        wchannels = ("web_form", "email", "phone", "post", "in_person")
        wch_cum = _cum((60, 25, 10, 3, 2))
        pv = self.policy_version
        users = self.users
        now_ts = int(self.now.timestamp())
        span = 3 * 365 * 86400
        fromts = datetime.fromtimestamp
        random_ = rng.random
        next_id = self.next_id["consent"]
        done = 0
        self.say("consent records", 0, total)
        while done < total:
            n = min(batch, total - done)
            tpls = rng.choices(tpl_values, cum_weights=tpl_cum, k=n)
            chans = rng.choices(channels, cum_weights=ch_cum, k=n)
            rows: list[dict[str, Any]] = []
            append = rows.append
            i = 0
            while len(rows) < n:
                scope, purpose, recipient, country, h_new, h_old = tpls[i]
                channel = chans[i]
                i += 1
                subject = f"U{int(random_() * users) + 1:08d}"
                captured = now_ts - int(random_() * span)
                r = random_()
                guardian = "Parent / 親権者" if random_() < 0.01 else None
                if r < 0.05 and len(rows) + 2 <= n:
                    # superseded by a new consent to the revised notice
                    old = now_ts - span + int(random_() * span * 0.5)
                    append({"id": next_id, "subject_ref": subject, "scope": scope,
                            "purpose": purpose, "recipient": recipient, "country": country,
                            "policy_version": pv, "notice_hash": h_old, "channel": channel,
                            "captured_at": fromts(old, UTC), "evidence_ref": f"CL-{next_id:09d}",
                            "guardian": guardian, "status": "superseded",
                            "withdrawn_at": None, "withdrawal_channel": None})
                    next_id += 1
                    captured = old + int(random_() * (now_ts - old)) + 60
                    status, withdrawn, wchannel = "active", None, None
                elif r < 0.13:
                    status = "withdrawn"
                    withdrawn = fromts(
                        captured + 60 + int(random_() * max(0, now_ts - captured - 60)), UTC)
                    wchannel = rng.choices(wchannels, cum_weights=wch_cum)[0]
                else:
                    status, withdrawn, wchannel = "active", None, None
                append({"id": next_id, "subject_ref": subject, "scope": scope,
                        "purpose": purpose, "recipient": recipient, "country": country,
                        "policy_version": pv, "notice_hash": h_new, "channel": channel,
                        "captured_at": fromts(min(captured, now_ts), UTC),
                        "evidence_ref": f"CL-{next_id:09d}", "guardian": guardian,
                        "status": status, "withdrawn_at": withdrawn,
                        "withdrawal_channel": wchannel})
                next_id += 1
            self.next_id["consent"] = next_id
            self.insert("consent", rows)
            done += len(rows)
            self.say("consent records", done, total)

    # -- third-party provision and receipt records --------------------------------------------

    def _provisions(self) -> None:
        rng, n = self.rng, self.size.provisions
        items_client = "Full name, e-mail, phone, company / 氏名、メールアドレス、電話番号、勤務先"
        kinds = (
            ("client", 62), ("foreign", 8), ("police", 8), ("successor", 3), ("joint", 6),
            ("entrust", 8), ("tax", 5),
        )
        plan = ["client", "client", "police", "successor", "joint", "foreign", "entrust", "tax"]
        while len(plan) < n:
            plan.append(self.weighted(kinds))
        rows = []
        for pid, kind in zip(self.ids("provision_record", n), plan[:n], strict=True):
            age = rng.randint(3, 4 * 365)
            provided = self.day(age)
            row: dict[str, Any] = {"id": pid, "exception": None, "consent_ref": None,
                                   "period_end": None, "last_provided_on": None}
            if kind == "client":
                client = rng.choice(self.clients)
                method = self.weighted((("bulk", 50), ("each", 30), ("contract", 20)))
                people = rng.randint(20, 4_000)
                row.update(recipient=self.cp[client], basis="consent",
                           consent_ref=f"Consent ledger: third-party provision to "
                                       f"{self.cp_row[client]['name'].split(' / ')[0]}"
                                       " / 同意記録（第三者提供）",
                           subjects=f"Users who applied via the service ({people:,} people)"
                                    f" / 本サービス経由の申込者 {people:,}名",
                           data_items=items_client, method=method)
                if method in ("bulk", "contract"):
                    length = rng.randint(30, min(age, 540)) if age > 30 else age
                    row["period_end"] = provided + timedelta(days=length)
                    row["last_provided_on"] = row["period_end"]
            elif kind == "foreign":
                row.update(recipient=self.cp["eu_partner"], basis="art28_consent",
                           consent_ref="Consent ledger: foreign provision (DE)"
                                       " / 同意記録（外国第三者提供）",
                           subjects=f"EU users who opted in ({rng.randint(50, 900)} people)"
                                    " / 同意したEU利用者",
                           data_items="Name, e-mail, purchase history"
                                      " / 氏名、メールアドレス、購買履歴",
                           method="each")
            elif kind == "police":
                row.update(recipient=self.cp["police"], basis="exception_27_1",
                           exception=self.exception["D"],
                           subjects=f"U{rng.randint(1, self.users):08d} (1 person) / 1名",
                           data_items="Name, address, login history / 氏名、住所、ログイン履歴",
                           method="each")
            elif kind == "tax":
                row.update(recipient=self.cp["tax"], basis="exception_27_1",
                           exception=self.exception["F"],
                           subjects="Payees of fees / 報酬の支払先",
                           data_items="Name, address, amount paid / 氏名、住所、支払金額",
                           method="each")
            elif kind == "successor":
                row.update(recipient=self.cp["successor"], basis="succession",
                           exception=self.exception["G"],
                           subjects="Members of the job board service transferred to the successor"
                                    " / 事業譲渡した求人サービスの会員",
                           data_items="Name, e-mail, résumé / 氏名、メールアドレス、職務経歴",
                           method="contract")
            elif kind == "joint":
                row.update(recipient=self.cp["group"], basis="joint_use",
                           subjects="Members using group services / グループサービス利用会員",
                           data_items="Member ID, name, e-mail / 会員ID、氏名、メールアドレス",
                           method="bulk", period_end=provided + timedelta(days=min(age, 365)))
                row["last_provided_on"] = row["period_end"]
            else:  # entrust
                row.update(recipient=self.cp["callcentre"], basis="entrustment",
                           subjects="Inquirers handled by the call centre"
                                    " / コールセンター対応の問合せ者",
                           data_items="Name, phone, inquiry / 氏名、電話番号、問い合わせ内容",
                           method="bulk", period_end=provided + timedelta(days=min(age, 180)))
                row["last_provided_on"] = row["period_end"]
            row["provided_on"] = provided
            rows.append(row)
        self.insert("provision_record", rows)

    def _receipts(self) -> None:
        rng, n = self.rng, self.size.receipts
        providers = ["leads", "panel", *self.clients[:3]]
        rows = []
        for rid, i in zip(self.ids("receipt_record", n), range(n), strict=True):
            key = providers[i % len(providers)]
            age = rng.randint(10, 4 * 365)
            received = self.day(age)
            method = self.weighted((("each", 45), ("bulk", 35), ("contract", 20)))
            period_end = last = None
            if method != "each":
                period_end = received + timedelta(days=min(age, rng.randint(30, 365)))
                last = period_end
            people = rng.randint(30, 6_000)
            lead = key in ("leads", "panel")
            rows.append({
                "id": rid, "provider": self.cp[key],
                "provider_identity_check": "Certificate of registered matters: name, address "
                                           "and representative"
                                           " / 登記事項証明書で名称・住所・代表者を確認",
                "provider_acquisition": (
                    "Collected by the provider's web campaign with consent to provision to us"
                    " / 提供元のWebキャンペーンで当社への提供について本人同意を取得"
                    if lead else
                    "Client's own customers who asked to be introduced"
                    " / 利用企業の顧客で紹介を希望した者"),
                "acquisition_evidence": f"Consent screen capture and terms ({received:%Y-%m})"
                                        " / 同意画面の写しと規約",
                "consent_or_opt_out": "Consent of the person / 本人の同意",
                "received_on": received, "period_end": period_end,
                "subjects": f"{people:,} people / {people:,}名",
                "data_items": "Name, e-mail, phone / 氏名、メールアドレス、電話番号",
                "method": method, "last_received_on": last,
            })
        self.insert("receipt_record", rows)

    # -- entrustees and foreign transfers ------------------------------------------------------

    def _check_history(self, start: date, cycle: int, state: str) -> list[date]:
        """Dates of periodic checks since `start`: "ok" (last one recent), "overdue"
        (the last is more than a cycle ago) or "none"."""
        rng, today = self.rng, self.today
        if state == "none":
            return []
        dates = []
        d = rules.add_months(start, cycle) + timedelta(days=rng.randint(-20, 10))
        while d <= today:
            dates.append(d)
            d = rules.add_months(d, cycle) + timedelta(days=rng.randint(-20, 10))
        if state == "overdue":
            limit = rules.add_months(today, -cycle) - timedelta(days=rng.randint(15, 90))
            dates = [x for x in dates if x <= limit]
            if not dates and start <= limit:
                dates = [limit]
        if state == "ok" and not dates:
            dates = [today - timedelta(days=rng.randint(10, 60))]
        return [x for x in dates if x >= start]

    def _entrustees(self) -> None:
        rng = self.rng
        services = {
            "cloud": "Hosting of the service (IaaS) / サービス基盤のホスティング（IaaS）",
            "helpdesk": "Inquiry management SaaS / 問い合わせ管理SaaSの提供",
            "callcentre": "Telephone and e-mail support / 電話・メールでの問い合わせ対応",
            "mail": "E-mail newsletter delivery / メールマガジンの配信",
            "payment": "Card payment processing / クレジットカード決済代行",
            "ats": "Recruitment management SaaS / 採用管理SaaSの提供",
            "payroll": "Payroll calculation / 給与計算業務",
            "disposal": "Disposal of paper records / 紙文書の溶解処理",
            "offshore": "Maintenance of the member database / 会員DBの保守開発",
        }
        services.update({k: f"{v} / 業務委託" for k, v in self.foreign_services.items()})
        keys = [k for k in services if k in self.cp]
        states = ["ok", "overdue", "ok", "ok", "none", "ok", "overdue", "ok", "ok"]
        rows, checks = [], []
        self.entrustee_ids: dict[str, int] = {}
        for i, (eid, key) in enumerate(zip(self.ids("entrustee", len(keys)), keys,
                                            strict=True)):
            state = states[i % len(states)]
            selected = self.day(rng.randint(120, 300) if state == "none"
                                else rng.randint(400, 2_500))
            cycle = 24 if key == "disposal" else None
            assets = [a["id"] for a in self.asset_info if key in a["entrustees"]]
            measures = list("ABCDEFG") if rng.random() < 0.7 else list("ABCDEF")
            if self.cp_row[key]["country"] == "JP" and "G" in measures and rng.random() < 0.5:
                measures.remove("G")
            rows.append({
                "id": eid, "counterparty": self.cp[key], "services": services[key],
                "assets": assets, "selected_on": selected, "selection_measures": measures,
                "clause_security": True, "clause_audit": key != "payment",
                "clause_subcontract": True,
                "breach_notice_hours": rng.choice((24, 24, 48, 72)),
                "clause_return": key != "cloud" or rng.random() < 0.5,
                "sub_entrustees": ("Northwind Cloud Services, Inc. (US) — hosting"
                                   if key in ("helpdesk", "offshore") else None),
                "audit_cycle_months": cycle,
            })
            self.entrustee_ids[key] = eid
            for d in self._check_history(selected, cycle or 12, state):
                finding = rng.random() < 0.3
                checks.append({
                    "entrustee": eid, "checked_on": d,
                    "method": self.weighted((("questionnaire", 45), ("documents", 25),
                                             ("remote", 20), ("on_site", 10))),
                    "findings": ("Access log review not documented / アクセスログ確認の記録なし"
                                 if finding else "No findings / 指摘事項なし"),
                    "corrective_actions": ("Monthly log review record introduced"
                                           " / 月次ログ確認記録を導入" if finding else None),
                })
        self.insert("entrustee", rows)
        checks.sort(key=lambda r: (r["checked_on"], r["entrustee"]))
        for cid, r in zip(self.ids("entrustee_check", len(checks)), checks, strict=True):
            r["id"] = cid
        self.insert("entrustee_check", checks)

    def _foreign_transfers(self) -> None:
        rng = self.rng
        basis_of = {"contract": "equivalent_measures", "apec_cbpr": "equivalent_measures",
                    "adequacy": "adequate_country"}
        keys = [k for k, row in self.cp_row.items()
                if row["country"] != "JP" and row["role"] in ("entrustee", "third_party")]
        # the Art 28(3) periodic check concerns the equivalent-measures basis
        states = ["ok", "overdue", "ok", "none", "ok", "ok", "overdue"]
        n_equivalent = 0
        rows, checks = [], []
        for tid, key in zip(self.ids("foreign_transfer", len(keys)), keys, strict=True):
            cp = self.cp_row[key]
            country = cp["country"]
            basis = "consent" if key == "adnet" else basis_of.get(cp["equivalence_basis"],
                                                                  "consent")
            informed = basis == "consent"
            server = {"helpdesk": "DE", "offshore": "US"}.get(key, country)
            rows.append({
                "id": tid, "counterparty": self.cp[key], "recipient_country": country,
                "server_country": server, "basis": basis,
                "info_country": informed or rng.random() < 0.6, "info_regime": informed,
                "info_measures": informed,
                "regime_notes": REGIME_NOTES.get(country), "check_cycle_months": None,
            })
            if basis == "equivalent_measures":
                state = states[n_equivalent % len(states)]
                n_equivalent += 1
            else:
                state = "ok" if rng.random() < 0.5 else "none"
            start = self.day(rng.randint(400, 1_800) if state != "none"
                             else rng.randint(60, 300))
            for d in self._check_history(start, 12, state):
                obstacle = rng.random() < 0.1
                checks.append({
                    "transfer": tid, "checked_on": d,
                    "findings": "Contract clauses and certification confirmed; no change in the "
                                "foreign regime / 契約条項と認証を確認、外国制度に変更なし"
                    if not obstacle else
                    "New government access law under review / 新たな政府アクセス法を確認中",
                    "obstacles": obstacle,
                    "actions": "Legal review requested / 法務レビューを依頼" if obstacle else None,
                })
        self.insert("foreign_transfer", rows)
        checks.sort(key=lambda r: (r["checked_on"], r["transfer"]))
        for cid, r in zip(self.ids("transfer_check", len(checks)), checks, strict=True):
            r["id"] = cid
        self.insert("transfer_check", checks)

    # -- data-subject requests --------------------------------------------------------------------

    def _requests(self) -> None:
        rng, n = self.rng, self.size.requests
        handlers = [s["name"] for s in self.by_dept.get("support", []) + self.by_dept.get("eu", [])
                    if s["ended"] is None] or [self.staff[0]["name"]]
        core_systems = [a["name"] for a in self.asset_info[:12] if a["users"]]
        client_names = [self.cp_row[k]["name"] for k in self.clients]
        users = self.users
        # fixed opening rows guarantee the mix on any seed: overdue, on time, extended ...
        forced: list[dict[str, Any]] = [
            dict(law="APPI", kind="appi_disclosure", status="in_progress", age=24),
            dict(law="APPI", kind="appi_suspension", status="received", age=1),
            dict(law="GDPR", kind="gdpr_access", status="in_progress", age=45, extended=True),
            dict(law="GDPR", kind="gdpr_erasure", status="verifying", age=6, doubt=True),
            dict(law="APPI", kind="appi_disclosure", status="closed", age=200,
                 decision="refused"),
            dict(law="APPI", kind="appi_suspension", status="closed", age=150,
                 decision="alternative"),
            dict(law="APPI", kind="appi_stop_provision", status="decided", age=9),
            dict(law="GDPR", kind="gdpr_erasure", status="responded", age=20),
            dict(law="APPI", kind="appi_correction", status="verifying", age=3),
        ]
        specs: list[dict[str, Any]] = []
        for i in range(n):
            spec = dict(forced[i]) if i < len(forced) else {}
            law = spec.setdefault("law", "GDPR" if rng.random() < 0.15 else "APPI")
            if "kind" not in spec:
                spec["kind"] = self.weighted(APPI_KINDS if law == "APPI" else GDPR_KINDS)
            if "status" not in spec:
                if rng.random() < 0.12:
                    spec["status"] = self.weighted((("received", 18), ("verifying", 20),
                                                    ("in_progress", 40), ("decided", 12),
                                                    ("responded", 10)))
                else:
                    spec["status"] = self.weighted((("closed", 85), ("responded", 15)))
            specs.append(spec)
        rows = []
        for rid, spec in zip(self.ids("request", n), specs, strict=True):
            rows.append(self._request(rid, spec, handlers, core_systems, client_names, users))
        self.requests = [(r["id"], r["received_on"]) for r in rows]
        self.insert("request", rows)

    def _request(self, rid: int, spec: dict[str, Any], handlers: list[str],
                 core_systems: list[str], client_names: list[str], users: int) -> dict[str, Any]:
        rng, today = self.rng, self.today
        law, kind, status = spec["law"], spec["kind"], spec["status"]
        age = spec.get("age")
        if age is None:
            if status == "received":
                age = rng.randint(0, 4) if rng.random() < 0.8 else rng.randint(15, 25)
            elif status == "verifying":
                age = rng.randint(1, 20)
            elif status in ("in_progress", "decided"):
                age = rng.randint(2, 35 if law == "APPI" else 70)
            elif status == "responded":
                age = rng.randint(5, 60)
            else:
                age = rng.randint(20, 730)
        received = today - timedelta(days=age)
        doubt = bool(spec.get("doubt")) or (law == "GDPR" and rng.random() < 0.08)
        extended = bool(spec.get("extended")) or (
            law == "GDPR" and status not in ("received", "verifying") and age >= 25
            and rng.random() < 0.15)
        requester = self.weighted((("self", 92), ("legal_representative", 4), ("proxy", 4)))
        row: dict[str, Any] = {
            "id": rid, "kind": kind, "law": law, "received_on": received,
            "channel": self.weighted((("web_form", 55), ("email", 25), ("post", 12),
                                      ("phone", 5), ("in_person", 3))),
            "subject_ref": f"U{rng.randint(1, users):08d}", "requester": requester,
            "authority_proof": {
                "legal_representative": "Certified copy of the family register / 戸籍謄本",
                "proxy": "Power of attorney with registered seal certificate"
                         " / 委任状及び印鑑登録証明書",
            }.get(requester),
            "identity_method": None, "identity_verified_on": None, "identity_verified_by": None,
            "identity_doubt": doubt, "identity_proof_on": None,
            "response_method": self.weighted((("electronic", 70), ("paper", 25),
                                              ("other", 5))),
            "extended": extended, "extension_notified_on": None, "extension_reason": None,
            "status": status, "decision": None, "refusal_ground": None,
            "reason_explained": None, "identity_override": None, "responded_on": None,
            "fee": None, "systems_actioned": None, "recipients_notified": None,
            "closed_on": None,
        }
        start = received
        if status != "received":
            row["identity_method"] = rng.choice(APPI_ID_METHODS if law == "APPI"
                                                else GDPR_ID_METHODS)
        if doubt:
            proof_after = rng.randint(2, 12)
            if status == "verifying" or proof_after > age:
                proof_after = None
            if status == "received":
                proof_after = None
            if proof_after is not None:
                row["identity_proof_on"] = received + timedelta(days=proof_after)
                start = row["identity_proof_on"]
        verified = None
        if status not in ("received", "verifying"):
            verified = (row["identity_proof_on"] or received) + timedelta(
                days=rng.randint(0, 3))
            verified = min(verified, today)
        if law == "APPI" and kind == "appi_purpose" and status in ("responded", "closed") \
                and rng.random() < 0.3:
            verified = None
            row["identity_override"] = ("Only pointed to the published purposes; no personal "
                                        "data disclosed"
                                        " / 公表済みの利用目的を案内したのみで個人データの開示なし")
        if verified is not None:
            row["identity_verified_on"] = verified
            row["identity_verified_by"] = rng.choice(handlers)
        if extended:
            first_month = rules.add_months(start, 1)
            latest = min((first_month - start).days - 1, (today - start).days)
            row["extension_notified_on"] = start + timedelta(days=rng.randint(
                min(7, latest), max(min(7, latest), min(25, latest))))
            row["extension_reason"] = rng.choice(EXTENSION_REASONS)
        if status in ("decided", "responded", "closed"):
            decision = spec.get("decision") or self._decision(law, kind)
            row["decision"] = decision
            if decision == "refused":
                row["refusal_ground"] = self.ground[self.weighted((("A", 30), ("B", 50),
                                                                   ("C", 20)))]
            elif decision == "alternative":
                row["refusal_ground"] = self.ground["ALT"]
            row["reason_explained"] = REASONS.get(decision)
            if decision in ("full", "partial", "alternative") and kind in ACTION_KINDS:
                row["systems_actioned"] = "; ".join(rng.sample(core_systems,
                                                               k=min(2, len(core_systems))))
                if kind in NOTIFY_KINDS and client_names:
                    row["recipients_notified"] = "; ".join(
                        rng.sample(client_names, k=min(2, len(client_names))))
            if kind in ("appi_disclosure", "appi_records") and \
                    row["response_method"] == "paper" and rng.random() < 0.7:
                row["fee"] = 1_000
        if status in ("responded", "closed"):
            due = rules.dsr_due(law, start, extended=extended)
            allowed = max(1, (due - start).days)
            if rng.random() < 0.88:
                days = rng.randint(min(2, allowed), allowed)
            else:
                days = allowed + rng.randint(1, 20)
            responded = min(start + timedelta(days=days), today)
            if row["identity_verified_on"] and responded < row["identity_verified_on"]:
                responded = row["identity_verified_on"]
            if row["extension_notified_on"] and responded < row["extension_notified_on"]:
                responded = row["extension_notified_on"]
            row["responded_on"] = responded
            if status == "closed":
                row["closed_on"] = min(responded + timedelta(days=rng.randint(0, 10)), today)
        return row

    def _decision(self, law: str, kind: str) -> str:
        pairs: list[tuple[str, float]] = [("full", 62), ("partial", 12), ("no_data", 14)]
        if law == "APPI" and kind in ("appi_disclosure", "appi_records"):
            pairs.append(("refused", 10))
        if kind in ("appi_suspension", "appi_stop_provision"):  # Art 35 provisos only
            pairs.append(("alternative", 4))
        return self.weighted(tuple(pairs))

    # -- incidents ---------------------------------------------------------------------------------

    def _incidents(self) -> None:
        rng = self.rng
        cat = self.category
        asset = self.asset
        t = self.day
        specs: list[dict[str, Any]] = [
            dict(title="Leak from the member database by unauthorised access (12,480 people)"
                       " / 会員DBへの不正アクセスによる漏えい（12,480名）",
                 known=t(150), kind="leak", cause="unauthorized_access", affected=12_480,
                 assets=("member_db",), cats=("name", "email", "phone", "dob", "login"),
                 description="An attacker used a vulnerable admin plug-in to query the member "
                             "database."
                             " / 管理画面プラグインの脆弱性を突かれ、会員DBが不正に照会された。",
                 gdpr=True, notified=10, closed=120,
                 reports=("ppc_preliminary", "ppc_final", "gdpr_authority")),
            dict(title="Invoice e-mails sent to the wrong recipients (3 people)"
                       " / 請求書メールの誤送信（3名）",
                 known=t(40), kind="leak", cause="misdelivery", affected=3,
                 assets=("payments",), cats=("name", "email", "company"),
                 description="A template error put three invoices into the wrong mails."
                             " / テンプレートの誤りで3名分の請求書が別の宛先に送信された。",
                 notified=1, closed=7, reports=()),
            dict(title="Loss of an encrypted laptop / 暗号化されたノートPCの紛失",
                 known=t(75), kind="leak", cause="lost_device", affected=2_300,
                 assets=("inquiry",), cats=("name", "email", "phone", "inquiry"),
                 encrypted=True,
                 description="A laptop with an inquiry export was lost on a train; full-disk "
                             "encryption, key not leaked."
                             " / 問い合わせデータを保存したノートPCを電車内で紛失"
                             "（全ディスク暗号化済み、鍵の漏えいなし）。",
                 notified=None, closed=14, reports=(),
                 alternative="Not reportable: high-level encryption"
                             " / 高度な暗号化のため報告対象外"),
            dict(title="Health check results e-mailed to the wrong clinic (18 employees)"
                       " / 健康診断結果の医療機関宛メール誤送信（18名）",
                 known=t(2), kind="leak", cause="misdelivery", affected=18,
                 assets=("health",), cats=("name", "employee_no", "health"),
                 description="A spreadsheet of check-up results was sent to a clinic other than "
                             "the contracted one."
                             " / 健康診断結果の一覧表が契約外の医療機関に送信された。",
                 notified=None, closed=None, reports=()),
        ]
        if self.size.extra_incidents >= 1:
            specs.append(dict(
                title="Newsletter sent with all recipients in CC (420 people)"
                      " / メールマガジンのCC誤送信（420名）",
                known=t(230), kind="leak", cause="misdelivery", affected=420,
                assets=("newsletter",), cats=("email",),
                description="A manual send put addresses in CC instead of BCC."
                            " / 手動送信時にBCCではなくCCに宛先を入力した。",
                notified=2, closed=30, reports=()))
        if self.size.extra_incidents >= 2:
            specs.append(dict(
                title="Support agent account taken over by phishing (35 people)"
                      " / フィッシングによるサポート担当者アカウントの乗っ取り（35名）",
                known=t(20), kind="leak", cause="unauthorized_access", affected=35,
                assets=("inquiry",), cats=("name", "email", "inquiry"),
                description="Credentials entered on a phishing page were used to read tickets."
                            " / フィッシングサイトで入力された認証情報で問い合わせが閲覧された。",
                notified=6, closed=None, reports=("ppc_preliminary",)))
        causes = (("unauthorized_access", 12), ("ransomware", 4), ("insider", 4),
                  ("misdelivery", 40), ("lost_device", 20), ("system_error", 15), ("other", 5))
        cat_keys = [k for k in cat if k not in ("health", "criminal", "disability", "union")]
        for _ in range(max(0, self.size.extra_incidents - 2)):
            cause = self.weighted(causes)
            known_age = rng.randint(5, 3 * 365)
            a = rng.choice(self.asset_info)
            cats = tuple(rng.sample(cat_keys, k=3))
            if rng.random() < 0.08:
                cats += ("health",)
            affected = rng.choice((1, 2, 5, 12, 60, 300, 1_000, 1_500, 8_000))
            specs.append(dict(
                title=f"{cause.replace('_', ' ').capitalize()}: {a['name'].split(' / ')[0]} "
                      f"({affected:,} people)"
                      f" / {a['name'].split(' / ')[-1]}の事案（{affected:,}名）",
                known=t(known_age), kind="loss" if cause == "system_error" and
                rng.random() < 0.3 else "leak", cause=cause, affected=affected,
                asset_ids=(a["id"],), cats=cats, description=None,
                encrypted=cause == "lost_device" and rng.random() < 0.6,
                gdpr=rng.random() < 0.1, notified=rng.randint(1, 10),
                closed=rng.randint(10, 60) if known_age > 70 else None, reports=None))
        specs.sort(key=lambda s: s["known"])
        rows, reports = [], []
        self.incident_dates: list[tuple[int, date]] = []
        for iid, s in zip(self.ids("incident", len(specs)), specs, strict=True):
            known: date = s["known"]
            known_at = self.at(known, rng.randint(9, 19), rng.randint(0, 59))
            detected_at = known_at - timedelta(hours=rng.randint(0, 30))
            cats = [cat[k] for k in s["cats"]]
            sensitive = any(self.category_row[c]["appi_sensitive"] for c in cats)
            financial = any(self.category_row[c]["financial_risk"] for c in cats)
            wrongful = s["cause"] in ("unauthorized_access", "ransomware", "insider")
            encrypted = bool(s.get("encrypted"))
            reportable = rules.incident_reportable(
                sensitive=sensitive, financial_risk=financial, wrongful_purpose=wrongful,
                affected_max=s["affected"], high_level_encryption=encrypted)
            age = (self.today - known).days
            notified = s["notified"]
            closed = s["closed"]
            gdpr = bool(s.get("gdpr"))
            aware = known_at + timedelta(hours=6) if gdpr else None
            kinds = s["reports"]
            if kinds is None:  # generated incidents: file what is due by now
                kinds = []
                if reportable and age >= 3:
                    kinds.append("ppc_preliminary")
                if reportable and age >= 40:
                    kinds.append("ppc_final")
                if gdpr and age >= 3:
                    kinds.append("gdpr_authority")
            notified_at = None
            if "gdpr_authority" in kinds and aware is not None:
                notified_at = aware + timedelta(hours=rng.randint(20, 70))
            rows.append({
                "id": iid, "title": s["title"], "detected_at": detected_at, "known_at": known_at,
                "kind": s["kind"], "cause": s["cause"], "description": s["description"],
                "assets": list(s.get("asset_ids") or [asset[k] for k in s["assets"]]),
                "data_categories": cats, "affected_max": s["affected"],
                "high_level_encryption": encrypted, "override_sensitive": "auto",
                "override_financial": "auto", "override_wrongful": "auto",
                "override_reason": None,
                "individuals_notified_on": (known + timedelta(days=notified)
                                            if notified is not None and notified <= age
                                            else None),
                "notice_method": ("E-mail to each person and notice on the website"
                                  " / 個別のメール通知及びWebサイトでの公表"
                                  if notified is not None and notified <= age else None),
                "alternative_measure": s.get("alternative"),
                "gdpr_applies": gdpr, "gdpr_aware_at": aware,
                "authority_notified_at": notified_at, "delay_reason": None,
                "closed_on": known + timedelta(days=closed)
                if closed is not None and closed <= age else None,
            })
            self.incident_dates.append((iid, known))
            for k in kinds:
                if k == "ppc_preliminary":
                    sub = known + timedelta(days=rng.randint(1, 4))
                elif k == "ppc_final":
                    sub = known + timedelta(days=rng.randint(20, 55 if wrongful else 28))
                else:
                    sub = (notified_at or known_at).astimezone(JST).date()
                if sub > self.today:
                    continue
                reports.append(self._report(iid, k, sub, s))
        self.insert("incident", rows)
        reports.sort(key=lambda r: (r["submitted_on"], r["incident"]))
        for rid, r in zip(self.ids("incident_report", len(reports)), reports, strict=True):
            r["id"] = rid
        self.insert("incident_report", reports)

    def _report(self, incident_id: int, kind: str, submitted: date,
                s: dict[str, Any]) -> dict[str, Any]:
        title = s["title"]
        final = kind == "ppc_final"
        prefix = {"ppc_preliminary": "PPC", "ppc_final": "PPC", "gdpr_authority": "DPC"}[kind]
        names = ", ".join(self.category_row[self.category[k]]["name_en"]
                          for k in s["cats"])
        return {
            "incident": incident_id, "kind": kind, "submitted_on": submitted,
            "reference": f"{prefix}-{submitted:%Y%m%d}-{incident_id:04d}",
            "overview": f"{title}. {s['description'] or ''}".strip(),
            "data_items": names,
            "people_count": s["affected"],
            "cause": {"unauthorized_access": "Unauthorised access / 不正アクセス",
                      "ransomware": "Ransomware / ランサムウェア",
                      "insider": "Insider theft / 従業者による持出し",
                      "misdelivery": "Human error in sending / 送信時の人為的ミス",
                      "lost_device": "Loss of a device / 端末の紛失",
                      "system_error": "System error / システムの不具合",
                      "other": "Other / その他"}[s["cause"]],
            "secondary_damage": "None confirmed so far / 現時点で二次被害は確認されていない",
            "individuals_response": "Individual notices by e-mail; a dedicated desk set up"
                                    " / 個別のメール通知、専用窓口の設置",
            "publication": "Notice on the website / Webサイトでの公表" if s["affected"] > 1_000
            else "Not published (all persons notified) / 全員に通知済みのため公表なし",
            "prevention": ("Vulnerability fixed, WAF rules added, MFA for admin screens"
                           " / 脆弱性修正、WAFルール追加、管理画面の多要素認証化")
            if final else "Under investigation / 調査中",
            "other": None,
        }

    # -- complaints ----------------------------------------------------------------------------

    def _complaints(self) -> None:
        rng, n = self.rng, self.size.complaints
        owners = [s["id"] for s in self.by_dept.get("support", []) + self.by_dept.get(
            "legal", []) if s["ended"] is None] or [self.staff[0]["id"]]
        requests = self.requests
        incidents = self.incident_dates
        rows = []
        for cid, i in zip(self.ids("complaint", n), range(n), strict=True):
            category, summary = COMPLAINTS[i % len(COMPLAINTS)] if i < len(COMPLAINTS) \
                else rng.choice(COMPLAINTS)
            age = rng.randint(0, 700)
            request_id = incident_id = None
            if category == "request" and requests:
                req_id, req_day = rng.choice(requests)
                request_id = req_id
                age = min(age, (self.today - req_day).days)
                age = max(0, age - rng.randint(0, 10))
            if category == "security" and i % 2 == 0 and incidents:
                inc_id, inc_day = rng.choice(incidents)
                incident_id = inc_id
                age = max(0, (self.today - inc_day).days - rng.randint(0, 20))
            received = self.day(age)
            resolved = None  # recent complaints may still be open
            if age > 60 or (age > 5 and rng.random() < 0.6):
                resolved = received + timedelta(days=rng.randint(1, min(30, age)))
            rows.append({
                "id": cid, "received_on": received,
                "channel": self.weighted((("email", 40), ("phone", 30), ("web_form", 25),
                                          ("post", 5))),
                "category": category, "summary": summary,
                "request": request_id, "incident": incident_id, "owner": rng.choice(owners),
                "actions": "Called back, checked the records and explained"
                           " / 折り返し連絡し、記録を確認のうえ説明",
                "resolved_on": resolved,
                "outcome": rng.choice(OUTCOMES) if resolved else None,
            })
        self.insert("complaint", rows)

    # -- access grants and reviews -----------------------------------------------------------------

    def _grants(self) -> None:
        rng, n, today = self.rng, self.size.grants, self.today
        staff = self.staff
        weights = [3.0 if s["dept"] in ("support", "eng", "infra") else
                   0.4 if s["type"] == "director" else 1.5 for s in staff]
        owners = rng.choices(range(len(staff)), weights, k=n)
        if self.recent_leaver is not None and n:
            # someone who left a few weeks ago still holds a grant: the "grants held by
            # departed staff" KPI has a hit
            owners[0] = self.recent_leaver
        all_assets = [a["id"] for a in self.asset_info]
        shared = [self.asset[k] for k in ("inquiry", "member_db") if k in self.asset]
        held: dict[int, set[int]] = {}
        levels = ("read", "write", "export", "admin")
        justification = {
            "exec": "Management reporting / 経営報告",
            "eng": "Development and maintenance / 開発・保守",
            "infra": "Operations and incident response / 運用・障害対応",
            "support": "Customer inquiries / 問い合わせ対応",
            "sales": "Client account work / 利用企業対応",
            "marketing": "Campaigns and analysis / キャンペーン・分析",
            "hr": "Personnel administration / 人事労務",
            "finance": "Billing and payroll / 請求・給与",
            "legal": "Requests and audits / 開示等請求・監査",
            "security": "Security monitoring / セキュリティ監視",
            "eu": "EU customer support / 欧州顧客対応",
        }
        rows: list[dict[str, Any]] = []
        grant_staff: list[dict[str, Any]] = []
        for gid, idx in zip(self.ids("grant", n), owners, strict=True):
            s = staff[idx]
            mine = held.setdefault(s["id"], set())
            pool = self.assets_by_dept.get(s["dept"], []) + shared
            asset_id = None
            for _ in range(6):
                cand = rng.choice(pool) if pool and rng.random() < 0.8 else rng.choice(all_assets)
                if cand not in mine:
                    asset_id = cand
                    break
            if asset_id is None:
                asset_id = rng.choice(all_assets)
            mine.add(asset_id)
            level = rng.choices(levels, (55, 25, 10, 3 if s["dept"] not in ("infra", "security")
                                         else 30))[0]
            first = max(s["started"], today - timedelta(days=5 * 365))
            last = s["ended"] or today
            granted = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
            cycle = 3 if level == "admin" else (12 if level == "read" and rng.random() < 0.2
                                                 else None)
            revoked = None
            if s["ended"] is not None:
                # most grants are removed when people leave; some are forgotten
                if rng.random() < 0.55 and (today - s["ended"]).days > 3:
                    revoked = s["ended"] + timedelta(days=rng.randint(0, min(10, (
                        today - s["ended"]).days)))
            elif rng.random() < 0.05 and (today - granted).days > 10:
                revoked = granted + timedelta(days=rng.randint(10, (today - granted).days))
            head = self._head(s["dept"])
            rows.append({
                "id": gid, "staff": s["id"], "asset": asset_id, "level": level,
                "justification": justification[s["dept"]],
                "granted_by": head["name"] if head["id"] != s["id"] else self.staff[0]["name"],
                "granted_on": granted, "last_reviewed_on": None,
                "review_cycle_months": cycle, "revoked_on": revoked,
            })
            grant_staff.append(s)
        if self.recent_leaver is not None and rows:
            rows[0]["revoked_on"] = None

        security = self._head("security")
        reviews = [
            dict(scope="All data assets, first-half review / 全個人データ（上期棚卸）",
                 started=self.day(290), attested=self.day(272), depts=None, share=1.0),
            dict(scope="All departments except Sales and Finance, second-half review"
                       " / 営業部・経理部を除く全部署（下期棚卸）",
                 started=self.day(110), attested=self.day(95),
                 depts={"sales", "finance"}, share=1.0),
            dict(scope="Human Resources and payroll systems / 人事・給与システム",
                 started=self.day(6), attested=None, depts="hr", share=0.5),
        ]
        hr_assets = set(self.assets_by_dept.get("hr", [])) | set(
            self.assets_by_dept.get("finance", []))
        review_rows, decisions = [], []
        for rev_id, rev in zip(self.ids("access_review", len(reviews)), reviews, strict=True):
            review_rows.append({
                "id": rev_id, "scope": rev["scope"], "reviewer": security["name"],
                "started_on": rev["started"], "attested_on": rev["attested"],
                "notes": "Department heads confirmed each grant / 各部長が権限ごとに確認"
                if rev["attested"] else "In progress / 実施中",
            })
            start: date = rev["started"]
            end: date = rev["attested"] or today
            for i, (row, s) in enumerate(zip(rows, grant_staff, strict=True)):
                if row["granted_on"] >= start or (i == 0 and self.recent_leaver is not None):
                    continue
                if rev["depts"] == "hr":
                    if row["asset"] not in hr_assets or rng.random() > rev["share"]:
                        continue
                elif rev["depts"] is not None and s["dept"] in rev["depts"]:
                    continue
                decided = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
                if row["revoked_on"] and row["revoked_on"] <= decided:
                    continue
                if s["ended"] is not None and s["ended"] <= start:
                    decision = "revoke"
                else:
                    decision = self.weighted((("keep", 92), ("modify", 4), ("revoke", 4)))
                decisions.append({"review": rev_id, "grant": row["id"], "decision": decision,
                                  "decided_on": decided,
                                  "note": NOTES.get(decision)})
                if decision == "revoke":
                    row["revoked_on"] = decided
                else:
                    row["last_reviewed_on"] = decided
                    if decision == "modify":
                        row["level"] = "read"
                        row["review_cycle_months"] = None
        self.insert("grant", rows)
        self.insert("access_review", review_rows)
        for did, d in zip(self.ids("review_decision", len(decisions)), decisions, strict=True):
            d["id"] = did
        self.insert("review_decision", decisions)

    # -- safety measures ---------------------------------------------------------------------------

    def _measures(self) -> None:
        rng = self.rng
        n = 0
        for code, mid in sorted(self.measure.items()):
            spec = MEASURES.get(code)
            if spec is None:
                continue
            status, dept, evidence, months = spec
            assessed = None
            if months is not None:
                assessed = rules.add_months(self.today, -months) - timedelta(
                    days=rng.randint(0, 20))
            changes = {"status": status, "owner": self._head(dept)["id"], "evidence": evidence,
                       "last_assessed_on": assessed,
                       "review_cycle_months": 6 if code in ("C5", "G1") else None}
            if self.w.update("safety_measure", mid, changes):
                n += 1
        if n:
            self.counts["safety_measure"] = n

