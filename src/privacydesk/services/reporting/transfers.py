"""Provision to third parties in foreign countries (APPI Art 28) and the external
environment (policy item G; PPC General Guidelines 10-7): each foreign transfer, the
checks of a period, and the countries where personal data is sent or stored.

A transfer rests on one basis:

- the person's consent (Art 28(1)): before consenting, the person must be told the
  country, its system for protecting personal information and the recipient's measures
  (Art 28(2); PPC Rules Art 17) — recorded as three yes/no facts;
- equivalent measures taken by the recipient (Art 28(1), (3); PPC Rules Art 18): the
  recipient is checked at least once a year (next check = the last check, else the day
  the transfer was entered, + the cycle; `services.thirdparty`), and the person is
  informed on request;
- a country the PPC designates as having an equivalent regime (EU member states, the
  UK): Art 28 does not apply; Art 27 applies as for a recipient in Japan.

Points to act on, read from the record: a periodic check overdue or due soon; the last
check found obstacles; a consent-based transfer without all three pieces of
information recorded; no notes on the foreign regime (policy G). Per country: the
transfers whose recipient or server is there, the data assets stored there
(``data_asset.storage_country``, counted in SQL), and whether notes on its regime are
on record (any transfer to or through it with notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from privacydesk.domain.entities import entity
from privacydesk.services import present, records, thirdparty
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

HOME = "JP"
EQUIVALENT = "equivalent_measures"

# ISO 3166 codes a report prints with the country's name (others print the code alone)
COUNTRIES: dict[str, tuple[str, str]] = {
    "JP": ("Japan", "日本"), "US": ("United States", "米国"), "GB": ("United Kingdom", "英国"),
    "IE": ("Ireland", "アイルランド"), "DE": ("Germany", "ドイツ"), "FR": ("France", "フランス"),
    "NL": ("Netherlands", "オランダ"), "BE": ("Belgium", "ベルギー"), "LU": ("Luxembourg",
    "ルクセンブルク"), "IT": ("Italy", "イタリア"), "ES": ("Spain", "スペイン"),
    "SE": ("Sweden", "スウェーデン"), "FI": ("Finland", "フィンランド"),
    "DK": ("Denmark", "デンマーク"), "PL": ("Poland", "ポーランド"),
    "AT": ("Austria", "オーストリア"), "CH": ("Switzerland", "スイス"),
    "CA": ("Canada", "カナダ"), "AU": ("Australia", "オーストラリア"),
    "NZ": ("New Zealand", "ニュージーランド"), "SG": ("Singapore", "シンガポール"),
    "KR": ("South Korea", "韓国"), "TW": ("Taiwan", "台湾"), "CN": ("China", "中国"),
    "HK": ("Hong Kong", "香港"), "IN": ("India", "インド"), "VN": ("Viet Nam", "ベトナム"),
    "PH": ("Philippines", "フィリピン"), "TH": ("Thailand", "タイ"),
    "MY": ("Malaysia", "マレーシア"), "ID": ("Indonesia", "インドネシア"),
    "BR": ("Brazil", "ブラジル"), "MX": ("Mexico", "メキシコ"), "IL": ("Israel", "イスラエル"),
    "AE": ("United Arab Emirates", "アラブ首長国連邦"), "ZA": ("South Africa", "南アフリカ"),
}


def country_name(code: str | None, lang: str) -> str:
    """"US (United States)", "US（米国）"; the code alone when it is not known here."""
    if not code:
        return ""
    names = COUNTRIES.get(code.upper())
    if names is None:
        return code
    return f"{code}（{names[1]}）" if lang == "ja" else f"{code} ({names[0]})"


@dataclass(frozen=True)
class Check:
    checked_on: date
    findings: str
    obstacles: bool
    actions: str


@dataclass(frozen=True)
class Transfer:
    id: int
    recipient: str
    recipient_country: str
    server_country: str
    basis: str
    basis_word: str
    equivalence_basis: str  # the recipient's, as recorded on the counterparty ("" if none)
    info_country: bool
    info_regime: bool
    info_measures: bool
    cycle_months: int | None  # only on the equivalent-measures basis
    last_checked_on: date | None
    next_due: date | None
    deadline_status: str | None
    deadline_word: str
    regime_notes: str
    checks: list[Check]  # those of the period, oldest first
    points: list[str] = field(default_factory=list)


@dataclass
class Country:
    code: str
    recipients: int = 0  # transfers whose recipient is in the country
    servers: int = 0  # transfers whose server is there
    assets: int = 0  # data assets stored there
    people: int = 0  # their estimated number of people
    asset_names: list[str] = field(default_factory=list)
    notes: bool = False  # notes on the regime on record


def transfers(db: Database, period: Period, lang: str, today: date | None = None
              ) -> list[Transfer]:
    """Every foreign transfer (a register of tens), most urgent check first."""
    e = entity("foreign_transfer")
    rows = list(records.iterate(db, "foreign_transfer", today=today))
    parties = {c["id"]: c for c in records.get_many(
        db, "counterparty", sorted({r["counterparty"] for r in rows}))}
    names = present.titles(db, "counterparty", set(parties), lang)
    with db.read() as conn:
        ctx = records.context(db, conn, today)
        cycles = {r["id"]: thirdparty.transfer_cycle(ctx, r) for r in rows}
    checks: dict[int, list[Check]] = {}
    for c in records.iterate(db, "transfer_check", query=period.query("checked_on"),
                             sort="checked_on"):
        checks.setdefault(c["transfer"], []).append(Check(
            c["checked_on"], c.get("findings") or "", bool(c.get("obstacles")),
            c.get("actions") or ""))
    last_obstacles = _last_obstacles(db, [r["id"] for r in rows])
    eq_f = entity("counterparty").field("equivalence_basis")
    out = []
    for r in rows:
        party = parties.get(r["counterparty"], {})
        equivalence = party.get("equivalence_basis")
        t = Transfer(
            r["id"], names.get(r["counterparty"], ""), r["recipient_country"] or "",
            r.get("server_country") or "", r["basis"],
            present.choice_label(e.field("basis"), r["basis"], lang),
            present.choice_label(eq_f, equivalence, lang)
            if equivalence and equivalence != "none" else "",
            bool(r.get("info_country")), bool(r.get("info_regime")),
            bool(r.get("info_measures")),
            cycles[r["id"]] if r["basis"] == EQUIVALENT else None, r.get("last_checked_on"),
            r.get("next_due"), r.get("deadline_status"),
            present.choice_label(e.field("deadline_status"), r.get("deadline_status"), lang),
            r.get("regime_notes") or "", checks.get(r["id"], []))
        t.points.extend(_points(t, last_obstacles.get(r["id"]), lang))
        out.append(t)
    return sorted(out, key=lambda x: (present.STATUS_ORDER.get(x.deadline_status or "", 9),
                                      x.next_due or date.max, x.recipient, x.id))


def _last_obstacles(db: Database, ids: list[int]) -> dict[int, tuple[date, bool]]:
    """{transfer id: (date, obstacles found)} of each transfer's latest check."""
    t = TABLES["transfer_check"]
    out: dict[int, tuple[date, bool]] = {}
    with db.read() as conn:
        for row in conn.execute(sa.select(t.c.transfer, t.c.checked_on, t.c.obstacles)
                                .where(t.c.transfer.in_(ids)).order_by(t.c.checked_on,
                                                                       t.c.id)):
            day = row.checked_on
            out[row.transfer] = (date.fromisoformat(day[:10]) if isinstance(day, str)
                                 else day, bool(row.obstacles))
    return out


def _points(t: Transfer, last: tuple[date, bool] | None, lang: str) -> list[str]:
    ja = lang == "ja"
    out = []
    if t.deadline_status == "overdue":
        out.append(f"定期確認の期限（{t.next_due}）を超過しています" if ja
                   else f"The periodic check was due on {t.next_due}")
    elif t.deadline_status == "due_soon":
        out.append(f"定期確認の期限（{t.next_due}）が近づいています" if ja
                   else f"The periodic check is due on {t.next_due}")
    if last is not None and last[1]:
        out.append(f"前回の確認（{last[0]}）で相当措置の継続的な実施に支障が認められています。"
                   "講じた措置を確認してください" if ja else
                   f"The last check ({last[0]}) found obstacles to the recipient's measures: "
                   "follow the actions up")
    if t.basis == "consent":
        missing = [w for ok, w in ((t.info_country, ("the country", "移転先の国名")),
                                   (t.info_regime, ("its regime", "外国の制度")),
                                   (t.info_measures, ("the recipient's measures",
                                                      "提供先の講ずる措置")))
                   if not ok]
        if missing:
            words = "、".join(w[1] for w in missing) if ja else \
                ", ".join(w[0] for w in missing)
            out.append(f"同意の取得に当たり本人に提供した記録がない情報：{words}（28条2項）" if ja
                       else f"Consent without a record that the person was told {words} "
                       "(Art 28(2))")
    if not t.regime_notes.strip():
        out.append("外国の制度に関する把握事項が記録されていません（方針G）" if ja
                   else "No notes on the foreign regime (policy G)")
    return out


def countries(db: Database, rows: list[Transfer], lang: str) -> list[Country]:
    """The countries of the transfers and of the data assets' storage, Japan first, then
    by the number of data assets and transfers."""
    out: dict[str, Country] = {}
    for t in rows:
        if t.recipient_country:
            c = out.setdefault(t.recipient_country, Country(t.recipient_country))
            c.recipients += 1
            c.notes = c.notes or bool(t.regime_notes.strip())
        if t.server_country:
            c = out.setdefault(t.server_country, Country(t.server_country))
            c.servers += 1
            c.notes = c.notes or bool(t.regime_notes.strip())
    a = TABLES["data_asset"]
    with db.read() as conn:
        for code, n, people in conn.execute(
                sa.select(a.c.storage_country, sa.func.count(),
                          sa.func.coalesce(sa.func.sum(a.c.estimated_people), 0))
                .group_by(a.c.storage_country)):
            c = out.setdefault(code or "", Country(code or ""))
            c.assets, c.people = n, people
        for code, name in conn.execute(
                sa.select(a.c.storage_country, a.c.name)
                .where(sa.or_(a.c.storage_country.is_(None), a.c.storage_country != HOME))
                .order_by(a.c.name)):
            out[code or ""].asset_names.append(name)
    return sorted(out.values(), key=lambda c: (c.code != HOME, -c.assets,
                                               -(c.recipients + c.servers), c.code))
