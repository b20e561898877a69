"""Built-in catalog: what the company privacy policy (revised 2022-04-05) says, mapped to the law.

Pure data, no Qt and no SQL: frozen dataclasses and module-level tuples of them, plus
tiny lookup helpers. Every entry carries Japanese and English text and a ``source``
saying where it comes from. English policy wording is quoted verbatim from the
packaged policy text (``privacydesk.resources``, ``policy/company-privacy-policy.txt``);
the Japanese is a rendering in the wording a Japanese privacy policy would use.

Article numbers are those of the Act on the Protection of Personal Information (APPI)
as renumbered in 2022 unless marked GDPR. "PPC General Guidelines" = the Personal
Information Protection Commission's Guidelines (General Rules Edition).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Protocol, TypeVar

from privacydesk.domain.values import GDPR_BASIS_VALUES, SENSITIVE_SCHEME_VALUES

__all__ = [
    "ALL_REFUSAL_GROUNDS",
    "ALTERNATIVE_MEASURE",
    "GDPR_LAWFUL_BASES",
    "POLICY",
    "POLICY_RESOURCE",
    "PROVISION_BASIS_CODES",
    "PROVISION_EXCEPTIONS",
    "PURPOSES",
    "REFUSAL_GROUNDS",
    "SAFETY_MEASURES",
    "SAFETY_MEASURE_ITEMS",
    "SENSITIVE_CATEGORIES",
    "SENSITIVE_SCHEMES",
    "PolicyVersion",
    "ProvisionException",
    "Purpose",
    "RefusalGround",
    "SafetyMeasureCategory",
    "SafetyMeasureItem",
    "SensitiveCategory",
    "by_code",
    "policy_hash",
    "policy_text",
    "purpose",
    "safety_measure_items",
    "sensitive_categories",
]

GDPR_LAWFUL_BASES: tuple[str, ...] = GDPR_BASIS_VALUES  # GDPR Art 6(1)(a)-(f)

# Basis of a policy exception to the consent rule; "none" = no clear statutory basis.
PROVISION_BASIS_CODES: tuple[str, ...] = ("exception_27_1", "consent", "succession", "none")

SENSITIVE_SCHEMES: tuple[str, ...] = SENSITIVE_SCHEME_VALUES

POLICY_RESOURCE = "policy/company-privacy-policy.txt"


# --- dataclasses -------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyVersion:
    version: str
    established: str
    effective_from: date
    title_ja: str
    title_en: str
    change_summary_ja: str
    change_summary_en: str
    source: str
    resource: str = POLICY_RESOURCE


@dataclass(frozen=True)
class Purpose:
    code: str
    text_ja: str
    text_en: str
    source: str
    includes_third_party_provision: bool
    consent_required: bool
    gdpr_lawful_basis: str
    note_ja: str = ""
    note_en: str = ""
    policy_version: str = "2022-04-05"

    def __post_init__(self) -> None:
        if self.gdpr_lawful_basis not in GDPR_LAWFUL_BASES:
            raise ValueError(
                f"purpose {self.code}: unknown GDPR lawful basis {self.gdpr_lawful_basis!r}"
            )


@dataclass(frozen=True)
class ProvisionException:
    code: str
    text_ja: str
    text_en: str
    source: str
    legal_basis: str
    basis_code: str
    needs_legal_review: bool
    note_ja: str = ""
    note_en: str = ""

    def __post_init__(self) -> None:
        if self.basis_code not in PROVISION_BASIS_CODES:
            raise ValueError(f"exception {self.code}: unknown basis code {self.basis_code!r}")


@dataclass(frozen=True)
class RefusalGround:
    code: str
    text_ja: str
    text_en: str
    source: str
    article: str
    note_ja: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class SensitiveCategory:
    scheme: str
    code: str
    text_ja: str
    text_en: str
    source: str
    appi_sensitive: bool
    note_ja: str = ""
    note_en: str = ""

    def __post_init__(self) -> None:
        if self.scheme not in SENSITIVE_SCHEMES:
            raise ValueError(f"sensitive category {self.code}: unknown scheme {self.scheme!r}")


@dataclass(frozen=True)
class SafetyMeasureItem:
    category: str
    code: str
    title_ja: str
    title_en: str
    text_ja: str  # what the measure requires (checklist wording)
    text_en: str
    source: str
    publication_text_ja: str  # the policy's own public description of the category
    publication_text_en: str


@dataclass(frozen=True)
class SafetyMeasureCategory:
    code: str
    title_ja: str
    title_en: str  # the policy's heading, verbatim
    text_ja: str  # the policy's description of the category (Japanese rendering)
    text_en: str  # the policy's description of the category, verbatim
    source: str
    policy_source: str
    items: tuple[SafetyMeasureItem, ...] = field(default=())


# --- 1. the policy -------------------------------------------------------------------

POLICY = PolicyVersion(
    version="2022-04-05",
    established="2018-03-30",
    effective_from=date(2022, 4, 5),
    title_ja="プライバシーポリシー",
    title_en="Privacy policy",
    change_summary_ja=(
        "2022年4月1日に全面施行された改正個人情報保護法（令和2年改正）に対応するための改定"
        "（2022年4月5日改定）。改定後の本文は、個人データの安全管理のために講じた措置の主な"
        "内容（基本方針の策定から外国における外的環境の把握までのA～G）を公表し、ログイン後に"
        "行動履歴等を本人と結び付けて利用する場合の取扱いと停止の申出先を記載している。"
    ),
    change_summary_en=(
        "Revision of 5 April 2022 for the amended Act on the Protection of Personal "
        "Information (2020 amendment, fully in force from 1 April 2022). The revised text "
        "publishes the main safety control measures for personal data (A to G, from the "
        "basic policy to understanding the external environment when data is handled in a "
        "foreign country) and describes the use of behavioural history linked to the "
        "individual after login, with the desk to contact to stop it."
    ),
    source="Policy §Supplementary Provisions",
)


def _policy_bytes() -> bytes:
    return resources.files("privacydesk.resources").joinpath(POLICY_RESOURCE).read_bytes()


def policy_text() -> str:
    """The packaged English policy text, exactly as stored (UTF-8, no newline translation)."""
    return _policy_bytes().decode("utf-8")


def policy_hash() -> str:
    """SHA-256 hex digest of the packaged policy text's UTF-8 bytes."""
    return hashlib.sha256(_policy_bytes()).hexdigest()


# --- 2. purposes of use (Art 17, Art 21) ---------------------------------------------

_P = "Policy §Purpose of use "

PURPOSES: tuple[Purpose, ...] = (
    Purpose(
        code="A",
        text_ja="ユーザー認証および本サービスのユーザーへの提供",
        text_en="User authentication and provision of the Service to users",
        source=_P + "A",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="contract",
    ),
    Purpose(
        code="B",
        text_ja="本サービスのご利用に伴う連絡、メールマガジン、DM、各種お知らせ等の配信・送付",
        text_en=(
            "Distribution and sending of communications, e-mail magazines, direct mail, "
            "various notices, etc., associated with the use of the Service"
        ),
        source=_P + "B",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="consent",
        note_ja=(
            "サービス上の連絡・お知らせだけなら契約の履行または正当な利益でも足りるが、"
            "メールマガジン・DM（ダイレクトマーケティング）を含むため、GDPR上は同意とする。"
        ),
        note_en=(
            "Service communications alone could rest on contract or legitimate interests; "
            "because the purpose includes e-mail magazines and direct mail (direct "
            "marketing), consent is chosen for GDPR users."
        ),
    ),
    Purpose(
        code="C",
        text_ja="ユーザーの同意・申込みに基づく、本サービス利用企業等への個人情報の提供",
        text_en=(
            "Provision of personal information to companies using the Service, etc., "
            "based on the user’s consent or application"
        ),
        source=_P + "C",
        includes_third_party_provision=True,
        consent_required=True,
        gdpr_lawful_basis="consent",
        note_ja=(
            "利用企業等への提供は第三者提供（27条1項）。提供先ごとに本人の同意を記録し、"
            "29条の提供記録を作成する。"
        ),
        note_en=(
            "Provision to user companies is provision to a third party (Art 27(1)): record "
            "the person's consent per recipient and keep the Art 29 provision record."
        ),
    ),
    Purpose(
        code="D",
        text_ja=(
            "属性情報、端末情報、位置情報、行動履歴等に基づく広告・コンテンツ等の配信・表示、"
            "本サービスの提供"
        ),
        text_en=(
            "Distribution and display of advertisements, content, etc., based on attribute "
            "information, device information, location information, behavioral history, "
            "etc., and provision of the Service"
        ),
        source=_P + "D",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="consent",
        note_ja=(
            "Cookie等の行動履歴は個人関連情報（2条7項）。ログイン後に当社が本人と結び付けると"
            "個人情報となり、この利用目的の範囲で利用する（方針上は事前同意ではなく、問合せ窓口"
            "への申出による停止と行動ターゲティング広告のオプトアウト）。提供先が個人データとして"
            "取得することが想定される場合は31条の同意確認が必要。GDPRの対象者については、"
            "Cookie・行動ターゲティングに同意（eプライバシー指令）が必要なため同意とする。"
        ),
        note_en=(
            "Cookies and behavioural history are person-related information (Art 2(7)). "
            "Once linked to the individual after login they become personal information used "
            "within this purpose; the policy offers stopping on request to the inquiry desk "
            "and an ad opt-out, not prior consent. Art 31 consent is needed when a recipient "
            "is expected to link the data to personal data. For GDPR users, non-essential "
            "cookies and behavioural targeting need consent (ePrivacy), hence 'consent'."
        ),
    ),
    Purpose(
        code="E",
        text_ja="本サービスの改善、新規サービスの開発およびマーケティング",
        text_en="Improvement of the Service, development of new services, and marketing",
        source=_P + "E",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="legitimate_interests",
        note_ja="分析に非必須Cookieを用いる場合、GDPRの対象者についてはCookieの同意が別途必要。",
        note_en="Where analytics rely on non-essential cookies, GDPR users' cookie consent "
        "is needed in addition.",
    ),
    Purpose(
        code="F",
        text_ja="キャンペーン、アンケート、モニター、取材等の実施",
        text_en="Implementation of campaigns, surveys, monitors, interviews, etc.",
        source=_P + "F",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="consent",
    ),
    Purpose(
        code="G",
        text_ja="空メール送信者に対するURL情報の配信",
        text_en="Distribution of URL information to senders of blank e-mails",
        source=_P + "G",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="contract",
        note_ja="本人の求め（空メールの送信）に応じて行う契約前の措置。",
        note_en="A step taken at the person's request (sending the blank e-mail) before "
        "entering into a contract.",
    ),
    Purpose(
        code="H",
        text_ja="本サービスに関するご意見、お問い合わせ、クチコミ投稿内容の確認・回答",
        text_en=(
            "Confirmation and response to opinions, inquiries, and review posts regarding "
            "the Service"
        ),
        source=_P + "H",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="legitimate_interests",
    ),
    Purpose(
        code="I",
        text_ja=(
            "利用規約等で禁止している商用・転用目的での各種申込み、各種多重申込み、権利譲渡、"
            "虚偽情報登録等の調査、およびその結果に基づく当該申込内容の詳細確認"
        ),
        text_en=(
            "Investigation of various applications for commercial or diversion purposes, "
            "various multiple applications, transfer of rights, registration of false "
            "information, etc., which are prohibited by the Terms of Use, etc., and "
            "confirmation of the details of the application based on the results"
        ),
        source=_P + "I",
        includes_third_party_provision=False,
        consent_required=False,
        gdpr_lawful_basis="legitimate_interests",
        note_ja="不正防止はGDPR前文47項で正当な利益の例として挙げられている。",
        note_en="Fraud prevention is named as a legitimate interest in GDPR Recital 47.",
    ),
)


# --- 3. exceptions to consent for third-party provision (Art 27) -------------------

_X = "Policy §Provision to third parties "

PROVISION_EXCEPTIONS: tuple[ProvisionException, ...] = (
    ProvisionException(
        code="A",
        text_ja="ユーザーが第三者に不利益を及ぼすと判断される場合",
        text_en="When the user determines that the information will cause disadvantage "
        "to a third party.",
        source=_X + "A",
        legal_basis="",
        basis_code="none",
        needs_legal_review=True,
        note_ja=(
            "明確な法的根拠がない。人の生命・身体・財産の保護に必要で本人の同意を得ることが困難な"
            "場合（27条1項2号）に当たるときに限り同意なく提供できる。英文は文意が曖昧。"
        ),
        note_en=(
            "No clear statutory basis. Provision without consent is possible only where it "
            "falls under Art 27(1)(ii) (protection of life, body or property when consent is "
            "difficult to obtain). The English wording is ambiguous."
        ),
    ),
    ProvisionException(
        code="B",
        text_ja=(
            "公衆衛生の向上または児童の健全な育成の推進のために特に必要がある場合であって、"
            "ユーザーの同意を得ることが困難であるとき"
        ),
        text_en=(
            "When it is particularly necessary for the improvement of public health or the "
            "promotion of healthy child development, and it is difficult to obtain the "
            "user’s consent."
        ),
        source=_X + "B",
        legal_basis="APPI Art 27(1)(iii)",
        basis_code="exception_27_1",
        needs_legal_review=False,
    ),
    ProvisionException(
        code="C",
        text_ja=(
            "国の機関もしくは地方公共団体またはその委託を受けた者が法令の定める事務を遂行する"
            "ことに対して協力する必要がある場合であって、ユーザーの同意を得ることにより当該事務"
            "の遂行に支障を及ぼすおそれがあるとき"
        ),
        text_en=(
            "When it is necessary to cooperate with a national or local government agency "
            "or a person commissioned by them in carrying out duties prescribed by law, and "
            "obtaining the user’s consent may hinder the performance of those duties."
        ),
        source=_X + "C",
        legal_basis="APPI Art 27(1)(iv)",
        basis_code="exception_27_1",
        needs_legal_review=False,
    ),
    ProvisionException(
        code="D",
        text_ja=(
            "裁判所、検察庁、警察またはこれらに準じた権限を有する機関から、個人情報の開示を"
            "求められた場合"
        ),
        text_en=(
            "When a court, public prosecutor’s office, police, or an agency with equivalent "
            "authority requests the disclosure of personal information."
        ),
        source=_X + "D",
        legal_basis="APPI Art 27(1)(i) — only when the request itself is based on law",
        basis_code="exception_27_1",
        needs_legal_review=True,
        note_ja=(
            "令状や法令に基づく照会（刑事訴訟法197条2項等）のときに限り法令に基づく提供となる。"
            "法令に基づかない任意の依頼は本人の同意が必要。"
        ),
        note_en=(
            "A provision 'based on laws' only when the request itself rests on law (a "
            "warrant, an inquiry under Code of Criminal Procedure Art 197(2), etc.); an "
            "informal request needs the person's consent."
        ),
    ),
    ProvisionException(
        code="E",
        text_ja="ユーザーから明示的に第三者への開示または提供を求められた場合",
        text_en="When the user explicitly requests the disclosure or provision to a third party.",
        source=_X + "E",
        legal_basis="consent (the person's own request)",
        basis_code="consent",
        needs_legal_review=False,
    ),
    ProvisionException(
        code="F",
        text_ja="法令により開示または提供が許容されている場合",
        text_en="When disclosure or provision is permitted by law.",
        source=_X + "F",
        legal_basis="APPI Art 27(1)(i)",
        basis_code="exception_27_1",
        needs_legal_review=False,
    ),
    ProvisionException(
        code="G",
        text_ja=(
            "合併その他の事由による事業の承継に伴って個人情報が提供される場合であって、"
            "承継前の利用目的の範囲内で取り扱われるとき"
        ),
        text_en=(
            "When personal information is provided in connection with business succession "
            "due to a merger or other reason, and is handled within the scope of the purpose "
            "of use prior to the succession."
        ),
        source=_X + "G",
        legal_basis="APPI Art 27(5)(ii)",
        basis_code="succession",
        needs_legal_review=False,
        note_ja="承継先は第三者に当たらない。承継後も承継前の利用目的に拘束される（18条2項）。",
        note_en="The successor is not a 'third party'; it remains bound by the purposes "
        "before the succession (Art 18(2)).",
    ),
)


# --- 4. grounds for not complying with requests (Art 33(2), Art 35 provisos) ----------

_R = "Policy §Changes to personal information, etc. "

REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        code="A",
        text_ja="ユーザー本人または第三者の生命、身体、財産その他の権利利益を害するおそれがある場合",
        text_en=(
            "When there is a risk of harm to the life, body, property, or other rights and "
            "interests of the user himself/herself or a third party"
        ),
        source=_R + "A",
        article="APPI Art 33(2)(i)",
    ),
    RefusalGround(
        code="B",
        text_ja="本サービスの適正な実施に著しい支障を及ぼすおそれがある場合",
        text_en="When there is a risk of significant interference with the proper "
        "implementation of this service",
        source=_R + "B",
        article="APPI Art 33(2)(ii)",
        note_ja="法律上は「当該個人情報取扱事業者の業務の適正な実施」。",
        note_en="The Act says 'the proper implementation of the business' of the handler.",
    ),
    RefusalGround(
        code="C",
        text_ja="他の法令に違反することとなる場合",
        text_en="When it would violate other laws and regulations",
        source=_R + "C",
        article="APPI Art 33(2)(iii)",
    ),
)

ALTERNATIVE_MEASURE = RefusalGround(
    code="ALT",
    text_ja=(
        "ただし、当該個人情報の変更等に多額の費用を要する場合その他の変更等を行うことが困難な"
        "場合であって、ユーザーの権利利益を保護するため必要なこれに代わるべき措置をとるときは、"
        "個人情報の変更等に応じない場合があります。"
    ),
    text_en=(
        "However, when changing, etc. the personal information in question would require a "
        "large amount of expenses, or when it is difficult to change, etc. the personal "
        "information, and we take alternative measures necessary to protect the rights and "
        "interests of the user, we may not comply with changes, etc. to personal information."
    ),
    source="Policy §Changes to personal information, etc. (proviso); APPI Art 35 provisos",
    article="APPI Art 35(2), (4), (6) provisos",
    note_ja=(
        "法律上のただし書は利用停止・消去（35条2項）、第三者提供の停止（35条4項）、"
        "35条5項の利用停止等・第三者提供の停止（35条6項）にある。訂正等（34条）には同旨の"
        "ただし書がない。代替措置をとったことを記録する。"
    ),
    note_en=(
        "In the Act the proviso exists for suspension of use or erasure (Art 35(2)), stop of "
        "third-party provision (Art 35(4)) and the Art 35(5) requests (Art 35(6)); correction "
        "etc. under Art 34 has no such proviso. Record the alternative measure taken."
    ),
)

ALL_REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (*REFUSAL_GROUNDS, ALTERNATIVE_MEASURE)


# --- 5. sensitive information (policy / JIS Q 15001, APPI Art 2(3), GDPR Arts 9-10) ---

_S = "Policy §Sensitive personal information "
_APPI = "APPI Art 2(3)"
_ORDER = "APPI Art 2(3); Cabinet Order Art 2"

SENSITIVE_CATEGORIES: tuple[SensitiveCategory, ...] = (
    # The policy's list (JIS Q 15001), wider than APPI.
    SensitiveCategory(
        scheme="policy",
        code="POLICY-A",
        text_ja="思想、信条または宗教に関する事項",
        text_en="Matters related to ideas, beliefs and religion",
        source=_S + "A (JIS Q 15001)",
        appi_sensitive=True,
        note_ja="要配慮個人情報の「信条」（思想と信仰の双方を含む）に当たる。",
        note_en="APPI 'creed' (covers both thought and religion).",
    ),
    SensitiveCategory(
        scheme="policy",
        code="POLICY-B",
        text_ja=(
            "人種、民族、門地、本籍地（所在都道府県に関する情報を除く。）、身体・精神障害、"
            "犯罪歴その他社会的差別の原因となるおそれのある事項"
        ),
        text_en=(
            "Race, ethnicity, family origin, registered domicile (excluding information about "
            "the prefecture of residence), physical or mental disabilities, criminal history, "
            "and other matters that may be the cause of social discrimination"
        ),
        source=_S + "B (JIS Q 15001)",
        appi_sensitive=True,
        note_ja=(
            "人種・民族、障害、犯罪の経歴は要配慮個人情報。門地・本籍地はそれだけでは該当せず、"
            "社会的身分に当たる場合に限る（一部のみ該当）。"
        ),
        note_en=(
            "Race/ethnicity, disability and criminal record are APPI-sensitive; family origin "
            "and registered domicile only where they amount to 'social status' (partly APPI)."
        ),
    ),
    SensitiveCategory(
        scheme="policy",
        code="POLICY-C",
        text_ja="勤労者の団結権、団体交渉その他団体行動の行為に関する事項",
        text_en=(
            "Matters related to workers’ right to organize, collective bargaining, and other "
            "collective actions"
        ),
        source=_S + "C (JIS Q 15001)",
        appi_sensitive=False,
        note_ja="要配慮個人情報ではない（JIS・方針上の機微情報）。",
        note_en="Not APPI-sensitive (sensitive under JIS and the policy only).",
    ),
    SensitiveCategory(
        scheme="policy",
        code="POLICY-D",
        text_ja="集団示威行為への参加、請願権の行使その他の政治的権利の行使に関する事項",
        text_en=(
            "Matters related to participation in collective demonstrations, exercise of the "
            "right to petition, and exercise of other political rights"
        ),
        source=_S + "D (JIS Q 15001)",
        appi_sensitive=False,
        note_ja="要配慮個人情報ではない（JIS・方針上の機微情報）。",
        note_en="Not APPI-sensitive (sensitive under JIS and the policy only).",
    ),
    SensitiveCategory(
        scheme="policy",
        code="POLICY-E",
        text_ja="保健医療および性生活",
        text_en="Health care and sex life",
        source=_S + "E (JIS Q 15001)",
        appi_sensitive=True,
        note_ja=(
            "保健医療（病歴、健康診断等の結果、診療等）は要配慮個人情報。性生活は該当しない"
            "（一部のみ該当）。"
        ),
        note_en=(
            "Health care (medical history, health check results, treatment) is APPI-sensitive; "
            "sex life is not (partly APPI)."
        ),
    ),
    # APPI Art 2(3) and Cabinet Order Art 2.
    SensitiveCategory("appi", "APPI-RACE", "人種", "Race", _APPI, True,
                      "世系、民族的・種族的出身を含む。国籍・肌の色のみは含まない。",
                      "Includes descent and ethnic or tribal origin; nationality or skin "
                      "colour alone is not race."),
    SensitiveCategory("appi", "APPI-CREED", "信条", "Creed", _APPI, True,
                      "思想と信仰の双方を含む。", "Covers both thought and religion."),
    SensitiveCategory("appi", "APPI-SOCIAL-STATUS", "社会的身分", "Social status", _APPI, True,
                      "自力で脱し得ない地位。単なる職業的地位や学歴は含まない。",
                      "A position one cannot leave by one's own effort; mere occupation or "
                      "education is not included."),
    SensitiveCategory("appi", "APPI-MEDICAL-HISTORY", "病歴", "Medical history", _APPI, True),
    SensitiveCategory("appi", "APPI-CRIMINAL-RECORD", "犯罪の経歴", "Criminal record",
                      _APPI, True),
    SensitiveCategory("appi", "APPI-CRIME-VICTIM", "犯罪により害を被った事実",
                      "Having been harmed by a crime", _APPI, True),
    SensitiveCategory(
        "appi", "APPI-DISABILITY",
        "身体障害、知的障害、精神障害（発達障害を含む。）その他の心身の機能の障害があること",
        "Having a physical, intellectual or mental disability (including developmental "
        "disability) or another disability of physical or mental functions",
        _ORDER + "(i)", True,
    ),
    SensitiveCategory(
        "appi", "APPI-HEALTH-CHECK",
        "医師等により行われた疾病の予防および早期発見のための健康診断その他の検査の結果",
        "Results of medical check-ups and other tests for the prevention and early detection "
        "of diseases carried out by a physician or other medical professional",
        _ORDER + "(ii)", True,
        "遺伝子検査の結果を含む（個人情報保護委員会ガイドライン通則編2-3）。",
        "Includes genetic test results (PPC General Guidelines §2-3).",
    ),
    SensitiveCategory(
        "appi", "APPI-MEDICAL-GUIDANCE",
        "健康診断等の結果に基づき、または疾病、負傷その他の心身の変化を理由として、医師等により"
        "心身の状態の改善のための指導または診療もしくは調剤が行われたこと",
        "Having received guidance for improving one's physical or mental condition, medical "
        "treatment or dispensing of medicine by a physician or other medical professional, "
        "based on check-up results or because of illness, injury or another change",
        _ORDER + "(iii)", True,
    ),
    SensitiveCategory(
        "appi", "APPI-CRIMINAL-PROCEDURE",
        "本人を被疑者または被告人として、逮捕、捜索、差押え、勾留、公訴の提起その他の刑事事件に"
        "関する手続が行われたこと",
        "Arrest, search, seizure, detention, prosecution or other criminal procedure having "
        "been carried out against the person as a suspect or defendant",
        _ORDER + "(iv)", True,
    ),
    SensitiveCategory(
        "appi", "APPI-JUVENILE-PROCEDURE",
        "本人を少年またはその疑いのある者として、調査、観護の措置、審判、保護処分その他の少年の"
        "保護事件に関する手続が行われたこと",
        "Investigation, protective custody, hearing, protective measures or other juvenile "
        "protection procedure having been carried out against the person as a juvenile or "
        "suspected juvenile",
        _ORDER + "(v)", True,
    ),
    # GDPR Art 9(1) special categories and Art 10 criminal data.
    SensitiveCategory("gdpr", "GDPR9-RACE", "人種的または民族的出自", "Racial or ethnic origin",
                      "GDPR Art 9(1)", True, "APPIの「人種」に当たる。", "APPI 'race'."),
    SensitiveCategory("gdpr", "GDPR9-POLITICAL", "政治的意見", "Political opinions",
                      "GDPR Art 9(1)", True,
                      "本人の考え方を示す限りでAPPIの「信条」に当たる。政治活動への参加の事実のみ"
                      "（方針D）は該当しない。",
                      "APPI 'creed' insofar as it reveals the person's views; the mere fact of "
                      "political activity (policy D) is not APPI-sensitive."),
    SensitiveCategory("gdpr", "GDPR9-BELIEF", "宗教的または思想的信条",
                      "Religious or philosophical beliefs", "GDPR Art 9(1)", True,
                      "APPIの「信条」に当たる。", "APPI 'creed'."),
    SensitiveCategory("gdpr", "GDPR9-UNION", "労働組合への加入", "Trade union membership",
                      "GDPR Art 9(1)", False,
                      "要配慮個人情報ではない（方針Cに相当）。",
                      "Not APPI-sensitive (compare policy C)."),
    SensitiveCategory("gdpr", "GDPR9-GENETIC", "遺伝データ", "Genetic data", "GDPR Art 9(1)",
                      False,
                      "ゲノムデータは個人識別符号（2条2項）であり、それだけでは要配慮個人情報ではない。"
                      "医師等による遺伝子検査の結果は要配慮個人情報（一部のみ該当）。",
                      "Genome data is an individual identification code (Art 2(2)), not "
                      "sensitive in itself; genetic test results by medical professionals are "
                      "APPI-sensitive (partly APPI)."),
    SensitiveCategory("gdpr", "GDPR9-BIOMETRIC", "自然人を一意に識別することを目的とする生体データ",
                      "Biometric data for the purpose of uniquely identifying a natural person",
                      "GDPR Art 9(1)", False,
                      "顔・指紋等の特徴データは個人識別符号（2条2項）であり、要配慮個人情報ではない。",
                      "Face or fingerprint templates are individual identification codes "
                      "(Art 2(2)), not APPI-sensitive."),
    SensitiveCategory("gdpr", "GDPR9-HEALTH", "健康に関するデータ", "Data concerning health",
                      "GDPR Art 9(1)", True,
                      "病歴、健康診断等の結果、診療等は要配慮個人情報。医療関係者が関与しない健康データ"
                      "（歩数等）は該当しない場合がある。",
                      "Medical history, check-up results and treatment are APPI-sensitive; "
                      "health data without a medical professional (step counts etc.) may not be."),
    SensitiveCategory("gdpr", "GDPR9-SEX", "自然人の性生活または性的指向に関するデータ",
                      "Data concerning a natural person's sex life or sexual orientation",
                      "GDPR Art 9(1)", False,
                      "要配慮個人情報ではない（方針Eの性生活に相当）。",
                      "Not APPI-sensitive (compare 'sex life' in policy E)."),
    SensitiveCategory("gdpr", "GDPR10",
                      "有罪判決および犯罪または関連する保安処分に関する個人データ",
                      "Personal data relating to criminal convictions and offences or related "
                      "security measures", "GDPR Art 10", True,
                      "APPIの「犯罪の経歴」および刑事事件に関する手続に当たる。",
                      "APPI 'criminal record' and criminal procedure."),
)


# --- 7. safety control measures (PPC General Guidelines §10) --------------------------

_GL = "PPC General Guidelines §"
_M = "Policy §Management of personal data "

# The policy's description of each category: (heading ja, heading en, text ja, text en).
_MEASURE_TEXT: dict[str, tuple[str, str, str, str]] = {
    "A": (
        "基本方針の策定",
        "Formulation of basic policy",
        "個人データの適正な取扱いの確保のため、「関係法令・ガイドライン等の遵守」、"
        "「質問及び苦情処理の窓口」等についての基本方針を策定しています。",
        "In order to ensure the proper handling of personal data, we have formulated basic "
        "policies regarding “compliance with relevant laws and regulations, guidelines, etc.” "
        "and “contact point for handling questions and complaints.”",
    ),
    "B": (
        "個人データの取扱いに係る規律の整備",
        "Establishment of rules regarding the handling of personal data",
        "個人データの取得、利用、保存等について、基本的な取扱方法を整備しています。",
        "We have established basic handling methods for obtaining, using, storing, etc. of "
        "personal data.",
    ),
    "C": (
        "組織的安全管理措置",
        "Organizational safety management measures",
        "責任者は、整備した取扱方法に従って個人データが取り扱われていることを確認しています。"
        "また、従業者から責任者への報告連絡体制を整備しています。",
        "The person in charge confirms that personal data is handled in accordance with the "
        "established handling methods. In addition, we have established a reporting and "
        "contact system from employees to the person in charge.",
    ),
    "D": (
        "人的安全管理措置",
        "Personnel Safety Control Measures",
        "個人データの取扱いに関する留意事項について、従業者に定期的な研修を実施しています。"
        "また、個人データについての秘密保持に関する事項を就業規則に記載しています。",
        "We provide regular training to employees on matters to be noted regarding the "
        "handling of personal data. In addition, matters regarding confidentiality of personal "
        "data are stated in the work rules.",
    ),
    "E": (
        "物理的安全管理措置",
        "Physical Safety Control Measures",
        "個人データを取り扱うことのできる従業者および本人以外が容易に個人データを閲覧できない"
        "ような措置を実施しています。また、個人データを取り扱う機器、電子媒体および書類等の盗難"
        "または紛失等を防止するための措置を講じるとともに、事業所内の移動を含め、当該機器、"
        "電子媒体等を持ち運ぶ場合、容易に個人データが判明しないよう措置を実施しています。",
        "We implement measures to prevent personal data from being easily viewed by anyone "
        "other than employees who can handle personal data and the person himself/herself. In "
        "addition, we take measures to prevent theft or loss of devices, electronic media, "
        "documents, etc. that handle personal data, and we implement measures to prevent "
        "personal data from being easily identified when carrying such devices, electronic "
        "media, etc., including moving within the workplace.",
    ),
    "F": (
        "技術的安全管理措置",
        "Technical Safety Control Measures",
        "個人データを取り扱うことのできる機器および当該機器を取り扱う従業者を明確化し、個人"
        "データへの不要なアクセスを防止するための措置を実施しています。また、個人データを取り"
        "扱う機器を外部からの不正アクセスまたは不正ソフトウェアから保護する仕組みを導入して"
        "います。",
        "We clarify the devices that can handle personal data and the employees who handle "
        "them, and implement measures to prevent unnecessary access to personal data. We have "
        "introduced a system to protect devices that handle personal data from unauthorized "
        "access from outside or malicious software.",
    ),
    "G": (
        "外的環境の把握",
        "Understanding the external environment",
        "外国において個人データを取り扱う場合、当該外国の個人情報の保護に関する制度等を把握した"
        "上で安全管理措置を実施しています。",
        "When handling personal data in a foreign country, we implement safety control "
        "measures after understanding the systems, etc. regarding the protection of personal "
        "data in that foreign country.",
    ),
}

_MEASURE_SECTION = {"A": "10-1", "B": "10-2", "C": "10-3", "D": "10-4", "E": "10-5",
                    "F": "10-6", "G": "10-7"}


def _item(category: str, code: str, title_ja: str, title_en: str, text_ja: str, text_en: str,
          source: str) -> SafetyMeasureItem:
    _, _, pub_ja, pub_en = _MEASURE_TEXT[category]
    return SafetyMeasureItem(category, code, title_ja, title_en, text_ja, text_en, source,
                             publication_text_ja=pub_ja, publication_text_en=pub_en)


SAFETY_MEASURE_ITEMS: tuple[SafetyMeasureItem, ...] = (
    _item("A", "A1", "基本方針の策定", "Basic policy",
          "個人データの適正な取扱いの確保のため、事業者の名称、関係法令・ガイドライン等の遵守、"
          "安全管理措置に関する事項、質問及び苦情処理の窓口等について基本方針を策定する。",
          "Formulate a basic policy for the proper handling of personal data: business name, "
          "compliance with laws and guidelines, safety control measures, contact point for "
          "questions and complaints.",
          _GL + "10-1"),
    _item("B", "B1", "個人データの取扱規程の策定", "Handling rules",
          "取得、利用、保存、提供、削除・廃棄等の段階ごとに、取扱方法、責任者・担当者及びその"
          "任務等について個人データの取扱規程を策定する。",
          "Set rules for each stage (acquisition, use, storage, provision, deletion and "
          "disposal): handling methods, responsible persons, staff and their duties.",
          _GL + "10-2"),
    _item("C", "C1", "組織体制の整備", "Organisational structure",
          "責任者の設置、個人データを取り扱う従業者とその役割・責任の明確化、従業者から責任者"
          "への報告連絡体制等、安全管理措置を講ずるための組織体制を整備する。",
          "Set up the structure for safety control: a responsible person, clear roles and "
          "responsibilities of the staff handling personal data, reporting lines from staff "
          "to the responsible person.",
          _GL + "10-3(1)"),
    _item("C", "C2", "取扱規程に従った運用", "Operation in accordance with the handling rules",
          "取扱規程に従って個人データを取り扱い、その運用状況を確認するため、システムログや"
          "利用実績を記録する。",
          "Handle personal data according to the rules and record system logs and usage so "
          "that the operation can be checked.",
          _GL + "10-3(2)"),
    _item("C", "C3", "個人データの取扱状況を確認する手段の整備",
          "Means to check the handling status (inventory)",
          "個人情報データベース等の種類・名称、個人データの項目、責任者・取扱部署、利用目的、"
          "アクセス権を有する者等を記載した台帳等により、取扱状況を確認する手段を整備する。",
          "Keep an inventory (ledger) to check the handling status: databases, data items, "
          "responsible person and department, purposes, who has access.",
          _GL + "10-3(3)"),
    _item("C", "C4", "漏えい等事案に対応する体制の整備", "Incident response structure",
          "漏えい等事案の発生またはその兆候を把握した場合の報告連絡、事実関係の調査、原因の"
          "究明、影響範囲の特定、再発防止策の検討・実施、個人情報保護委員会への報告および本人"
          "への通知等を適切かつ迅速に行う体制を整備する。",
          "Set up the response to leaks, loss or damage (actual or suspected): reporting, "
          "fact-finding, cause, scope, recurrence prevention, report to the PPC and notice to "
          "the individuals.",
          _GL + "10-3(4)"),
    _item("C", "C5", "取扱状況の把握および安全管理措置の見直し",
          "Audit and review of the handling",
          "個人データの取扱状況を把握し、自己点検・監査により安全管理措置の評価、見直しおよび"
          "改善に取り組む。",
          "Monitor the handling of personal data and evaluate, review and improve the safety "
          "measures through self-inspection and audits.",
          _GL + "10-3(5)"),
    _item("D", "D1", "従業者の教育", "Training of staff",
          "個人データの取扱いに関する留意事項について、従業者に定期的な研修等を行う。",
          "Train staff regularly on the points to note in handling personal data.",
          _GL + "10-4"),
    _item("D", "D2", "就業規則における秘密保持", "Confidentiality in the work rules",
          "個人データについての秘密保持に関する事項を就業規則等に盛り込む。",
          "State the confidentiality of personal data in the work rules.",
          _M + "D; " + _GL + "10-4"),
    _item("E", "E1", "個人データを取り扱う区域の管理", "Controlled areas",
          "個人データを取り扱う区域を管理し、入退室管理、持込機器の制限、従業者および本人以外"
          "からののぞき込み防止等の措置を講ずる。",
          "Control the areas where personal data is handled: entry control, restriction of "
          "devices brought in, preventing viewing by anyone other than authorised staff and "
          "the person.",
          _GL + "10-5(1)"),
    _item("E", "E2", "機器および電子媒体等の盗難等の防止", "Prevention of theft or loss",
          "個人データを取り扱う機器、電子媒体および書類等の盗難または紛失等を防止するため、"
          "施錠保管、セキュリティワイヤーによる固定等の措置を講ずる。",
          "Prevent theft or loss of devices, electronic media and documents holding personal "
          "data: locked storage, security wires, etc.",
          _GL + "10-5(2)"),
    _item("E", "E3", "電子媒体等を持ち運ぶ場合の漏えい等の防止", "Carrying devices and media",
          "事業所内の移動を含め、個人データが記録された電子媒体等を持ち運ぶ場合、暗号化、"
          "パスワードによる保護、封緘等により容易に個人データが判明しないようにする。",
          "When carrying devices or media with personal data, including within the workplace, "
          "make the data hard to identify: encryption, passwords, sealed envelopes.",
          _GL + "10-5(3)"),
    _item("E", "E4", "個人データの削除および機器、電子媒体等の廃棄", "Deletion and disposal",
          "個人データを削除し、または個人データが記録された機器、電子媒体等を廃棄する場合、"
          "復元不可能な手段で行い、削除・廃棄の記録を残す。",
          "Delete personal data and dispose of devices and media by means that prevent "
          "recovery, and keep a record of the deletion or disposal.",
          _GL + "10-5(4)"),
    _item("F", "F1", "アクセス制御", "Access control",
          "担当者および取り扱う個人情報データベース等の範囲を限定するため、適切なアクセス制御"
          "を行う。",
          "Limit who may access which personal information databases by appropriate access "
          "control.",
          _GL + "10-6(1)"),
    _item("F", "F2", "アクセス者の識別と認証", "Identification and authentication of users",
          "個人データを取り扱う情報システムを使用する従業者が正当なアクセス権を有する者である"
          "ことを、識別した結果に基づき認証する。",
          "Identify the staff using systems that handle personal data and authenticate that "
          "they have legitimate access rights.",
          _GL + "10-6(2)"),
    _item("F", "F3", "外部からの不正アクセス等の防止", "Protection from intrusion and malware",
          "個人データを取り扱う情報システムを外部からの不正アクセスまたは不正ソフトウェアから"
          "保護する仕組み（ファイアウォール、ウイルス対策ソフトウェア、更新の適用等）を導入し、"
          "適切に運用する。",
          "Protect systems that handle personal data from unauthorised access and malicious "
          "software (firewalls, anti-malware, timely updates) and operate the protection "
          "properly.",
          _GL + "10-6(3)"),
    _item("F", "F4", "情報システムの使用に伴う漏えい等の防止", "Leak prevention",
          "情報システムの使用に伴う個人データの漏えい等を防止するための措置（通信経路や保存"
          "データの暗号化、脆弱性への対応等）を講じ、適切に運用する。",
          "Prevent leaks caused by using information systems (encryption in transit and at "
          "rest, handling of vulnerabilities) and operate the measures properly.",
          _GL + "10-6(4)"),
    _item("G", "G1", "外国の制度の把握", "Understanding the foreign regime",
          "外国において個人データを取り扱う場合（外国の事業者への委託、外国にあるサーバーの"
          "利用を含む。）、当該外国の個人情報の保護に関する制度等を把握した上で安全管理措置を"
          "講ずる。",
          "When personal data is handled in a foreign country (including entrustment to a "
          "foreign business or servers located abroad), understand that country's regime for "
          "the protection of personal information and take safety measures accordingly.",
          _GL + "10-7"),
)

SAFETY_MEASURES: tuple[SafetyMeasureCategory, ...] = tuple(
    SafetyMeasureCategory(
        code=code,
        title_ja=title_ja,
        title_en=title_en,
        text_ja=text_ja,
        text_en=text_en,
        source=_GL + _MEASURE_SECTION[code],
        policy_source=_M + code,
        items=tuple(i for i in SAFETY_MEASURE_ITEMS if i.category == code),
    )
    for code, (title_ja, title_en, text_ja, text_en) in _MEASURE_TEXT.items()
)


# --- 8. lookup helpers ---------------------------------------------------------------


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_E = TypeVar("_E", bound=_Coded)


def by_code(entries: Iterable[_E], code: str) -> _E:
    """The entry with this code; KeyError naming the code and the codes available."""
    entries = tuple(entries)
    for entry in entries:
        if entry.code == code:
            return entry
    kind = type(entries[0]).__name__ if entries else "entry"
    available = ", ".join(e.code for e in entries) or "none"
    raise KeyError(f"no {kind} with code {code!r} (available: {available})")


def purpose(code: str) -> Purpose:
    """The purpose of use with this code (A–I)."""
    return by_code(PURPOSES, code)


def sensitive_categories(scheme: str) -> tuple[SensitiveCategory, ...]:
    """The sensitive categories of one scheme: "policy", "appi" or "gdpr"."""
    if scheme not in SENSITIVE_SCHEMES:
        available = ", ".join(SENSITIVE_SCHEMES)
        raise KeyError(f"no sensitive scheme {scheme!r} (available: {available})")
    return tuple(c for c in SENSITIVE_CATEGORIES if c.scheme == scheme)


def safety_measure_items(category: str) -> tuple[SafetyMeasureItem, ...]:
    """The sub-items of one safety-measure category (A–G)."""
    return by_code(SAFETY_MEASURES, category).items
