"""The consent ledger: consents by purpose, policy version and scope, with withdrawals.

The consent table is the largest of the database (a million rows on a large
installation), so the ledger is never read row by row: one SQL statement groups it by
policy version, purpose, scope, recipient, country, status, withdrawal channel and the
month of the withdrawal, and counts each group and the consents of each group captured
in the period. Everything the ledger prints is folded from those few hundred groups.

- captured in the period: ``captured_at`` on a day of the period (Japan time);
- active: status "active" now; superseded: replaced by a later consent (a new policy
  version, a renewed notice);
- withdrawn: status "withdrawn", in all and with ``withdrawn_at`` in the period;
  withdrawals of the period are counted by calendar month (Japan time) and by the
  channel the person used.

The days of the period are Japan days: their bounds are the instants of JST midnight.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from privacydesk.domain.entities import entity
from privacydesk.services import present, records
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

JST = ZoneInfo("Asia/Tokyo")
RECIPIENT_SCOPES = ("third_party", "foreign", "cookie_linkage")


def jst_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=JST).astimezone(UTC)


def months(period: Period) -> list[tuple[str, date, date]]:
    """The calendar months the period touches: ("YYYY-MM", first day, last day), each
    cut to the period."""
    out = []
    day = period.start
    while day <= period.end:
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = min(nxt - timedelta(days=1), period.end)
        out.append((f"{day.year:04d}-{day.month:02d}", day, last))
        day = nxt
    return out


@dataclass
class Counts:
    captured: int = 0  # captured in the period
    active: int = 0
    withdrawn_in_period: int = 0
    withdrawn: int = 0  # withdrawn, whenever
    superseded: int = 0
    total: int = 0

    def add(self, other: Counts) -> None:
        for name in ("captured", "active", "withdrawn_in_period", "withdrawn", "superseded",
                     "total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Line:
    """One purpose and scope under one policy version."""

    policy_version: int | None
    purpose: int | None
    scope: str
    counts: Counts


@dataclass
class RecipientLine:
    scope: str
    recipient: int | None
    country: str  # the consent's country (foreign provision), else the recipient's
    counts: Counts


@dataclass
class Version:
    id: int
    version: str
    effective_from: date | None
    change_summary: str
    introduced: list[str]  # codes of the purposes introduced in this version
    retired: list[str]
    counts: Counts


@dataclass
class Ledger:
    period: Period
    totals: Counts
    lines: list[Line]  # by policy version (newest first), purpose code, scope
    recipients: list[RecipientLine]
    months: list[str]  # "YYYY-MM" of the period
    withdrawals: dict[str, dict[str | None, int]]  # month -> channel -> withdrawals
    channels: list[str | None]  # channels with withdrawals in the period, declared order
    versions: list[Version]  # every policy version, newest first
    purposes: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id -> code, en, ja

    @property
    def withdrawn_by_channel(self) -> dict[str | None, int]:
        out: dict[str | None, int] = defaultdict(int)
        for per in self.withdrawals.values():
            for channel, n in per.items():
                out[channel] += n
        return dict(out)


def _groups(db: Database, period: Period) -> list[dict[str, Any]]:
    t = TABLES["consent"]
    start, end = jst_midnight(period.start), jst_midnight(period.end + timedelta(days=1))
    spans = months(period)
    bucket = sa.case(*[(sa.and_(t.c.withdrawn_at >= jst_midnight(first),
                                t.c.withdrawn_at < jst_midnight(last + timedelta(days=1))),
                        i) for i, (_, first, last) in enumerate(spans)], else_=None)
    captured = sa.case((sa.and_(t.c.captured_at >= start, t.c.captured_at < end), 1),
                       else_=0)
    # Country first: no index begins with it, so SQLite reads the table once in storage
    # order and sorts the groups. Led by policy version and purpose, the plan walks the
    # composite index and fetches each row by id (a million random reads: 15 s, not 3 s).
    names = ("country", "recipient", "withdrawal_channel", "scope", "status", "purpose",
             "policy_version")
    # the month and the "captured in the period" mark are worked out in a subquery, so
    # the grouping names plain columns (PostgreSQL does not match parameterised
    # expressions between the select list and GROUP BY)
    inner = sa.select(*(t.c[n] for n in names), bucket.label("month"),
                      captured.label("in_period")).subquery()
    keys = [inner.c[n] for n in (*names, "month")]
    stmt = sa.select(*keys, sa.func.count().label("n"),
                     sa.func.sum(inner.c.in_period).label("captured")).group_by(*keys)
    with db.read() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def ledger(db: Database, period: Period) -> Ledger:
    groups = _groups(db, period)
    spans = [m for m, _, _ in months(period)]
    totals = Counts()
    lines: dict[tuple, Counts] = defaultdict(Counts)
    by_recipient: dict[tuple, Counts] = defaultdict(Counts)
    by_version: dict[int | None, Counts] = defaultdict(Counts)
    withdrawals: dict[str, dict[str | None, int]] = {m: defaultdict(int) for m in spans}
    for g in groups:
        c = Counts(captured=g["captured"] or 0, total=g["n"])
        status = g["status"]
        if status == "active":
            c.active = g["n"]
        elif status == "superseded":
            c.superseded = g["n"]
        elif status == "withdrawn":
            c.withdrawn = g["n"]
            if g["month"] is not None:
                c.withdrawn_in_period = g["n"]
                withdrawals[spans[g["month"]]][g["withdrawal_channel"]] += g["n"]
        totals.add(c)
        lines[(g["policy_version"], g["purpose"], g["scope"])].add(c)
        by_version[g["policy_version"]].add(c)
        if g["scope"] in RECIPIENT_SCOPES:
            by_recipient[(g["scope"], g["recipient"], g["country"])].add(c)

    purposes = {r["id"]: (r["code"], r["text_en"], r["text_ja"])
                for r in records.iterate(db, "purpose")}
    versions = [v for v in records.iterate(db, "policy_version", sort="-effective_from")]
    order = {v["id"]: i for i, v in enumerate(versions)}
    scopes = entity("consent").field("scope").choice_values()

    def scope_rank(scope: str) -> int:
        return scopes.index(scope) if scope in scopes else len(scopes)

    def line_key(item: tuple[tuple, Counts]) -> tuple:
        (version, purpose, scope), _ = item
        code = purposes.get(purpose, ("",))[0] if purpose is not None else "\uffff"
        return (order.get(version, len(order)), code, scope_rank(scope))

    countries = {r["id"]: r.get("country") or "" for r in records.iterate(db, "counterparty")}
    recipient_lines = [RecipientLine(scope, recipient, country or countries.get(recipient, ""),
                                     c)
                       for (scope, recipient, country), c in by_recipient.items()]
    names = present.titles(db, "counterparty",
                           {x.recipient for x in recipient_lines if x.recipient is not None})
    recipient_lines.sort(key=lambda x: (scope_rank(x.scope),
                                        names.get(x.recipient, "").casefold(), x.country))

    channel_values = entity("consent").field("withdrawal_channel").choice_values()
    seen = {ch for per in withdrawals.values() for ch, n in per.items() if n}
    channels: list[str | None] = [c for c in channel_values if c in seen]
    channels += sorted(c for c in seen if c is not None and c not in channel_values)
    if None in seen:
        channels.append(None)

    introduced: dict[int, list[str]] = defaultdict(list)
    retired: dict[int, list[str]] = defaultdict(list)
    for r in records.iterate(db, "purpose", sort="code"):
        if r.get("introduced_in") is not None:
            introduced[r["introduced_in"]].append(r["code"])
        if r.get("retired_in") is not None:
            retired[r["retired_in"]].append(r["code"])
    version_rows = [Version(v["id"], v["version"], v.get("effective_from"),
                            v.get("change_summary") or "", introduced[v["id"]],
                            retired[v["id"]], by_version.get(v["id"], Counts()))
                    for v in versions]
    return Ledger(period, totals,
                  [Line(v, p, s, c) for (v, p, s), c in sorted(lines.items(), key=line_key)],
                  recipient_lines, spans,
                  {m: dict(per) for m, per in withdrawals.items()}, channels, version_rows,
                  purposes)


def purpose_text(ledger: Ledger, purpose: int | None, lang: str, limit: int = 80) -> str:
    """"C Provision of personal information to …" (cut to `limit` characters)."""
    if purpose is None:
        return "—"
    code, en, ja = ledger.purposes.get(purpose, (f"#{purpose}", "", ""))
    return present.clip(f"{code} {ja if lang == 'ja' else en}".strip(), limit)
