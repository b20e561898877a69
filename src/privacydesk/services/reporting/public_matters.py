"""The matters on retained personal data the business keeps where the person can know
them (APPI Art 32(1); Cabinet Order Art 10), generated from the records, and a check of
what the public text lacks.

What Art 32(1) and the Cabinet Order require, and where it comes from here:

- (i) the business operator's name, address and, for a corporation, its representative:
  the organization record;
- (ii) the purposes of use of all retained personal data: the purposes of the current
  policy version (the latest version in force today; a purpose belongs to it when it was
  introduced in that version or an earlier one and not retired by then);
- (iii) the procedures for requests (Arts 32(2), 33, 34, 35; Art 37) and the fee if one
  is charged (Art 38): the kinds of request, how to make one, how identity is verified
  (the methods on the request records), the fees on the request records, and when a
  request may be refused (the policy's grounds);
- Cabinet Order Art 10(i): the safety control measures taken: the publication texts of
  the safety measures A–G;
- Cabinet Order Art 10(ii): where to make a complaint: the complaints desk.

The check lists, as actions, what the public text lacks against the current policy
version: no current version; its text not on record, or different from the policy text
packaged with the catalog (`domain.catalog`: the policy of 2022-04-05); a purpose used by
data assets that the current version retired or does not contain; a data asset without
any purpose; a purpose without text in the language asked for, or (when the current
version is the packaged policy) worded otherwise than the published text, or missing from
it; a safety measure without a publication text; a measure category published as taken
whose sub-items are only planned; a fee charged for a request the Act lets no fee be
charged for (Art 38(1): only a notice of purpose and a disclosure), or charged at
different amounts; the name, address, representative or complaints desk not recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from privacydesk.domain import catalog
from privacydesk.domain.entities import MEASURE_CATEGORIES, REQUEST_KINDS, entity
from privacydesk.domain.fields import Text
from privacydesk.services import present, records
from privacydesk.services.reporting import Organization, organization
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

APPI_KINDS = tuple(c.value for c in REQUEST_KINDS if c.value.startswith("appi_"))
FEE_ALLOWED = frozenset({"appi_purpose", "appi_disclosure", "appi_records"})  # Art 38(1)


@dataclass(frozen=True)
class Policy:
    version: str
    effective_from: date
    document_hash: str
    packaged: bool  # its text is the policy packaged with the catalog


@dataclass(frozen=True)
class Purpose:
    code: str
    text: str  # in the language asked for ("" when it has none)
    other: str  # in the other language
    assets: int  # data assets using it


@dataclass(frozen=True)
class MeasureCategory:
    code: str
    label: str  # "C 組織的安全管理措置"
    texts: list[str]  # the distinct publication texts of its sub-items, in code order


@dataclass(frozen=True)
class Fee:
    value: str  # the request kind ("appi_disclosure")
    kind: str  # its label
    requests: int
    amounts: list[int]  # the distinct amounts charged (JPY), lowest first
    last_on: date | None  # the latest request charged


@dataclass
class Matters:
    today: date
    organization: Organization
    policy: Policy | None
    purposes: list[Purpose]  # of the current policy version, by code
    request_kinds: list[str]  # the APPI requests, as labels
    channels: list[str]  # the channels requests came in by, most used first
    identity_methods: list[str]  # the identity checks on record, most used first
    fees: list[Fee]
    refusal_grounds: list[tuple[str, str]]  # (code, text)
    measures: list[MeasureCategory]
    gaps: list[Text] = field(default_factory=list)
    no_purpose: list[tuple[str, str]] = field(default_factory=list)  # (asset, department)


def matters(db: Database, lang: str, today: date | None = None) -> Matters:
    ja = lang == "ja"
    with db.read() as conn:
        day = records.context(db, conn, today).today
    org = organization(db)
    versions = sorted(records.iterate(db, "policy_version"), key=lambda v: v["effective_from"])
    in_force = [v for v in versions if v["effective_from"] <= day]
    current = in_force[-1] if in_force else None
    effective = {v["id"]: v["effective_from"] for v in versions}
    policy = None if current is None else Policy(
        current["version"], current["effective_from"], current.get("document_hash") or "",
        (current.get("document_hash") or "") == catalog.policy_hash())

    # purposes, and the data assets that use them (the inventory is streamed)
    use: Counter[int] = Counter()
    users: dict[int, list[str]] = {}
    no_purpose: list[tuple[str, str]] = []
    for a in records.iterate(db, "data_asset", sort="name"):
        if not a.get("purposes"):
            no_purpose.append((a["name"], a.get("owner_department") or ""))
        for p in a.get("purposes") or []:
            use[p] += 1
            users.setdefault(p, []).append(a["name"])
    all_purposes = list(records.iterate(db, "purpose", sort="code"))

    def in_version(p: dict) -> bool:
        if current is None:
            return False
        since = effective.get(p.get("introduced_in"))
        until = effective.get(p.get("retired_in"))
        return (since is None or since <= current["effective_from"]) and \
            (until is None or until > current["effective_from"])

    text, other = ("text_ja", "text_en") if ja else ("text_en", "text_ja")
    purposes = [Purpose(p["code"], (p.get(text) or "").strip(), (p.get(other) or "").strip(),
                        use[p["id"]]) for p in all_purposes if in_version(p)]

    m = Matters(day, org, policy, purposes,
                [c.label(lang) for c in REQUEST_KINDS if c.value in APPI_KINDS],
                *_request_facts(db, lang), _grounds(db, lang), _measures(db, lang))
    gaps = m.gaps

    # --- the check -------------------------------------------------------------------
    for value, en, ja_ in ((org.name, "name", "名称"), (org.address, "address", "所在地"),
                           (org.representative, "representative", "代表者の氏名")):
        if not value.strip():
            gaps.append(Text(
                f"The business operator's {en} is not recorded (Art 32(1)(i)): enter it in "
                "the organization settings.",
                f"個人情報取扱事業者の{ja_}が登録されていません（32条1項1号）。組織の設定に入力して"
                "ください。"))
    if not org.complaints_desk.strip():
        gaps.append(Text(
            "No complaints desk contact is recorded (Cabinet Order Art 10(ii)): enter where "
            "complaints and requests are to be sent in the organization settings.",
            "苦情・相談窓口の連絡先が登録されていません（施行令10条2号）。苦情及び開示等の請求の"
            "申出先を組織の設定に入力してください。"))
    if current is None:
        gaps.append(Text(
            "No policy version is in force today: record the privacy policy in force, with "
            "its purposes of use.",
            "本日時点で施行されている方針の版がありません。現行のプライバシーポリシーを利用目的と"
            "ともに登録してください。"))
    elif not policy.document_hash:
        gaps.append(Text(
            f"The text of the current policy version {policy.version} is not on record (no "
            "SHA-256): record the digest of the published text.",
            f"現行の方針（{policy.version}版）の本文が記録されていません（SHA-256なし）。公表した"
            "本文のハッシュ値を記録してください。"))
    elif not policy.packaged:
        gaps.append(Text(
            f"The current policy version {policy.version} is not the policy text packaged with "
            f"PrivacyDesk ({catalog.POLICY.version}): confirm that the purposes and measures "
            "below are those of the published text.",
            f"現行の方針（{policy.version}版）はPrivacyDeskに収録された方針（"
            f"{catalog.POLICY.version}版）と本文が異なります。以下の利用目的及び安全管理措置が"
            "公表している本文と一致することを確認してください。"))
    current_ids = {p["id"] for p in all_purposes if in_version(p)}
    for p in all_purposes:
        if p["id"] in current_ids or not use[p["id"]] or current is None:
            continue
        names = present.joiner(lang).join(users[p["id"]])
        until = effective.get(p.get("retired_in"))
        n = use[p["id"]]
        if until is not None and until <= current["effective_from"]:
            retired = next(v["version"] for v in versions if v["id"] == p["retired_in"])
            gaps.append(Text(
                f"Purpose {p['code']} was retired in policy version {retired} but "
                f"{_n(n, 'data asset')} still {_verb(n, 'use')} it ({names}): stop that use, "
                "or publish the purpose again in a revised policy.",
                f"利用目的{p['code']}は{retired}版で廃止されていますが、{use[p['id']]:,}件の"
                f"個人データ（{names}）で利用されています。利用をやめるか、方針を改定して"
                "利用目的を公表してください。"))
        else:
            gaps.append(Text(
                f"Purpose {p['code']} is used by {_n(use[p['id']], 'data asset')} ({names}) but "
                f"is not among the purposes of the current policy version {current['version']}: "
                "publish it in a revised policy, or stop that use.",
                f"利用目的{p['code']}は{use[p['id']]:,}件の個人データ（{names}）で利用されて"
                f"いますが、現行の方針（{current['version']}版）の利用目的にありません。方針を"
                "改定して公表するか、利用をやめてください。"))
    m.no_purpose = no_purpose
    if no_purpose:
        gaps.append(Text(
            f"{_n(len(no_purpose), 'data asset')} {_verb(len(no_purpose), 'have', 'has')} no "
            "purpose of use recorded (listed below): record their purposes so that every "
            "retained data's purpose is published.",
            f"{len(no_purpose):,}件の個人データに利用目的が記録されていません（下表）。"
            "すべての保有個人データの利用目的を公表できるよう、利用目的を記録してください。"))
    for p in purposes:
        if not p.text:
            gaps.append(Text(
                f"Purpose {p.code} has no English text: the English public text cannot state "
                "it.",
                f"利用目的{p.code}の英語の本文がありません。英語の公表文に記載できません。")
                if not ja else Text(
                f"Purpose {p.code} has no Japanese text: the Japanese public text cannot state "
                "it.",
                f"利用目的{p.code}の日本語の本文がありません。日本語の公表文に記載できません。"))
    if policy is not None and policy.packaged:
        published = {c.code: c for c in catalog.PURPOSES}
        record = {p["code"]: p for p in all_purposes if p["id"] in current_ids}
        for code, p in record.items():
            if code not in published:
                gaps.append(Text(
                    f"Purpose {code} is recorded for the current policy version but the "
                    "published policy text does not state it: revise and publish the policy.",
                    f"利用目的{code}は現行の方針の版に記録されていますが、公表している方針の本文に"
                    "ありません。方針を改定して公表してください。"))
            elif " ".join((p.get("text_en") or "").split()) != \
                    " ".join(published[code].text_en.split()):
                gaps.append(Text(
                    f"The English text of purpose {code} differs from the published policy: "
                    "correct the record, or revise and publish the policy.",
                    f"利用目的{code}の英語の本文が公表している方針と異なります。記録を訂正するか、"
                    "方針を改定して公表してください。"))
        for code in published:
            if code not in record:
                gaps.append(Text(
                    f"The published policy states purpose {code}, but the records do not have "
                    "it in the current version: record it, or revise the published policy.",
                    f"公表している方針には利用目的{code}がありますが、現行の版の記録にありません。"
                    "記録するか、公表している方針を改定してください。"))
    gaps.extend(_measure_gaps(db, lang))
    for f in m.fees:
        kind = next(c for c in REQUEST_KINDS if c.value == f.value)
        if kind.value not in FEE_ALLOWED:
            gaps.append(Text(
                f"A fee was charged for {kind.label_en} ({_n(f.requests, 'request')}): the Act "
                "allows a fee only for a notice of the purpose of use and for a disclosure "
                "(Art 38(1)).",
                f"{kind.label_ja}の請求{f.requests:,}件で手数料を徴収しています。手数料を徴収できる"
                "のは利用目的の通知及び開示の請求に限られます（38条1項）。"))
        elif len(f.amounts) > 1:
            en = ", ".join(f"{a:,}" for a in f.amounts)
            ja_ = "、".join(f"{a:,}円" for a in f.amounts)
            gaps.append(Text(
                f"Different fees were charged for {kind.label_en} (JPY {en}): set one amount "
                "and publish it (Art 32(1)(iii), Art 38(2)).",
                f"{kind.label_ja}の手数料の額が請求により異なります（{ja_}）。額を定めて公表して"
                "ください（32条1項3号、38条2項）。"))
    return m


def _request_facts(db: Database, lang: str
                   ) -> tuple[list[str], list[str], list[Fee]]:
    """(channels, identity methods, fees) on the APPI request records (SQL aggregates;
    fees of every request)."""
    t = TABLES["request"]
    e = entity("request")
    with db.read() as conn:
        channels = [present.choice_label(e.field("channel"), c, lang) for c, _ in conn.execute(
            sa.select(t.c.channel, sa.func.count()).where(t.c.law == "APPI")
            .group_by(t.c.channel).order_by(sa.func.count().desc(), t.c.channel))]
        methods = [m for m, _ in conn.execute(
            sa.select(t.c.identity_method, sa.func.count())
            .where(t.c.law == "APPI", t.c.identity_method.is_not(None),
                   t.c.identity_method != "")
            .group_by(t.c.identity_method)
            .order_by(sa.func.count().desc(), t.c.identity_method))]
        fees: dict[str, dict] = {}
        for kind, fee, n, last in conn.execute(
                sa.select(t.c.kind, t.c.fee, sa.func.count(), sa.func.max(t.c.received_on))
                .where(t.c.fee.is_not(None), t.c.fee > 0).group_by(t.c.kind, t.c.fee)):
            f = fees.setdefault(kind, {"n": 0, "amounts": [], "last": None})
            f["n"] += n
            f["amounts"].append(fee)
            last = date.fromisoformat(last[:10]) if isinstance(last, str) else last
            f["last"] = max(d for d in (f["last"], last) if d is not None) if last else f["last"]
    order = {c.value: i for i, c in enumerate(REQUEST_KINDS)}
    return channels, methods, [
        Fee(k, present.choice_label(e.field("kind"), k, lang), f["n"], sorted(f["amounts"]),
            f["last"]) for k, f in sorted(fees.items(), key=lambda kv: order.get(kv[0], 99))]


def _grounds(db: Database, lang: str) -> list[tuple[str, str]]:
    """(code, text) of each refusal ground, the policy's A, B, C … first; the proviso of
    the alternative measure (Art 35) last, with no code ("")."""
    text = "text_ja" if lang == "ja" else "text_en"
    alt = catalog.ALTERNATIVE_MEASURE.code
    rows = sorted(records.iterate(db, "refusal_ground"),
                  key=lambda g: (g["code"] == alt, len(g["code"]), g["code"]))
    return [("" if g["code"] == alt else g["code"], g.get(text) or "") for g in rows]


def _measures(db: Database, lang: str) -> list[MeasureCategory]:
    text = "publication_ja" if lang == "ja" else "publication_en"
    texts: dict[str, list[str]] = {}
    for row in records.iterate(db, "safety_measure", sort="code"):
        if row["status"] == "not_applicable":
            continue
        t = (row.get(text) or "").strip()
        if t and t not in texts.setdefault(row["category"], []):
            texts[row["category"]].append(t)
    return [MeasureCategory(c.value, c.label(lang), texts.get(c.value, []))
            for c in MEASURE_CATEGORIES]


def _measure_gaps(db: Database, lang: str) -> list[Text]:
    text = "publication_ja" if lang == "ja" else "publication_en"
    out: list[Text] = []
    by_cat: dict[str, list[dict]] = {}
    for row in records.iterate(db, "safety_measure", sort="code"):
        by_cat.setdefault(row["category"], []).append(row)
    for c in MEASURE_CATEGORIES:
        rows = [r for r in by_cat.get(c.value, []) if r["status"] != "not_applicable"]
        if not rows:
            out.append(Text(
                f"Safety measures, {c.label_en}: no sub-item is recorded, so nothing can be "
                "published for this category (Cabinet Order Art 10(i)).",
                f"安全管理措置「{c.label_ja}」の小項目が登録されていないため、この区分の公表文が"
                "ありません（施行令10条1号）。"))
            continue
        missing = [r["code"] for r in rows if not (r.get(text) or "").strip()]
        if missing:
            codes = ", ".join(missing)
            en_lang, ja_lang = ("Japanese", "日本語") if lang == "ja" else ("English", "英語")
            out.append(Text(
                f"Safety measures {codes} ({c.label_en}) have no {en_lang} publication text: "
                "write the text to publish.",
                f"安全管理措置{'、'.join(missing)}（{c.label_ja}）に公表文（{ja_lang}）が"
                "ありません。公表する文を記載してください。"))
        if all(r["status"] == "planned" for r in rows) and \
                any((r.get(text) or "").strip() for r in rows):
            out.append(Text(
                f"Safety measures, {c.label_en}: published as taken, but every sub-item is only "
                "planned: implement them, or correct the public text.",
                f"安全管理措置「{c.label_ja}」は講じた措置として公表していますが、小項目はすべて"
                "計画中です。措置を実施するか、公表文を改めてください。"))
    return out


def _n(n: int, noun: str) -> str:
    """"1 data asset", "3 data assets" (English running text)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _verb(n: int, plural: str, singular: str | None = None) -> str:
    """The verb agreeing with n things: "use"/"uses", "have"/"has"."""
    return plural if n != 1 else (singular or plural + "s")
