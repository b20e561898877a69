"""Access review attestation (APPI Art 23; PPC General Guidelines 10-6 access control,
10-4 supervision of staff): the reviews of a period and, as of today, the grants whose
review is overdue and those held by staff who have left or lack a mandatory course.

A review belongs to a period when it started or was attested in it. Its scope is the
grants in force when it started (`services.access`: granted on or before the start day,
not revoked before it, of its data asset and/or department); each grant has at most one
decision (keep, modify, revoke); undecided = in scope without a decision. A review is
attested only once none is undecided.

Now: a grant is overdue for review when its computed ``deadline_status`` is "overdue"
(last review or grant + the cycle; the dashboard's access-review duties). A grant is
held by untrained or departed staff when the list filter "flagged" holds — the grants
whose computed ``holder_status`` is "untrained" or "departed", the very grants the
dashboard's ``grants_untrained_or_departed`` counts. Both lists are read through
`records.iterate` a batch at a time and folded here: per data asset (overdue) and per
holder with the number of grants per level (flagged), so tens of thousands of grants
print as a few pages; the console lists each grant (filters "overdue", "flagged").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from privacydesk.domain.entities import entity
from privacydesk.services import access, present, records
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

DECISIONS = ("keep", "modify", "revoke")


@dataclass(frozen=True)
class Review:
    id: int
    scope: str
    scope_asset: str  # the data asset's name, "" for every asset
    scope_department: str  # "" for every department
    reviewer: str
    started_on: date
    attested_on: date | None
    notes: str
    in_scope: int
    decided: dict[str, int]  # keep / modify / revoke → number of grants
    undecided: int


@dataclass(frozen=True)
class Change:
    """A grant a review modified or revoked."""

    staff: str  # "山田 太郎 (E00012)"
    department: str
    asset: str
    level: str
    decision: str  # "modify" | "revoke"
    decision_word: str
    decided_on: date
    note: str


@dataclass
class OverdueAsset:
    """The grants of one data asset whose review is overdue."""

    asset: str
    owner_department: str
    grants: int = 0
    oldest_due: date | None = None


@dataclass
class Holder:
    """A person who has left or lacks a mandatory course, and the grants still held."""

    staff: str
    department: str
    status: str  # "untrained" | "departed"
    status_word: str
    levels: Counter[str] = field(default_factory=Counter)  # grants per level (read …)

    @property
    def grants(self) -> int:
        return sum(self.levels.values())


@dataclass(frozen=True)
class Now:
    today: date
    overdue_grants: int
    overdue_by_asset: list[OverdueAsset]  # most overdue grants first
    flagged_grants: int  # = duties.summary()["grants_untrained_or_departed"]
    holders: list[Holder]  # departed first, then untrained; by department and name


def reviews(db: Database, period: Period) -> list[Review]:
    """The reviews started or attested in the period, oldest first (a handful a year)."""
    out = []
    rt, dt = TABLES["access_review"], TABLES["review_decision"]
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(sa.select(rt).where(sa.or_(
            rt.c.started_on.between(period.start, period.end),
            rt.c.attested_on.between(period.start, period.end))).order_by(
                rt.c.started_on, rt.c.id)).mappings()]
        assets = present.Titles(conn).get("data_asset",
                                          {r["scope_asset"] for r in rows} - {None})
        for r in rows:
            g = TABLES["grant"]
            in_scope = conn.execute(sa.select(sa.func.count()).select_from(g).where(
                access._scope(r))).scalar()
            decided = dict.fromkeys(DECISIONS, 0)
            for decision, n in conn.execute(
                    sa.select(dt.c.decision, sa.func.count()).where(dt.c.review == r["id"])
                    .group_by(dt.c.decision)):
                decided[decision] = n
            out.append(Review(
                r["id"], r["scope"], assets.get(r["scope_asset"], "") if r["scope_asset"]
                else "", r.get("scope_department") or "", r["reviewer"], r["started_on"],
                r.get("attested_on"), r.get("notes") or "", in_scope, decided,
                access._undecided(conn, r)))
    return out


def changes(db: Database, review_id: int, lang: str, batch: int = 1000
            ) -> Iterator[Change]:
    """The grants the review modified or revoked, by department; in each, the
    modifications first, then the revocations, by person."""
    d, g, st, a = (TABLES[n] for n in ("review_decision", "grant", "staff", "data_asset"))
    level_f = entity("grant").field("level")
    decision_f = entity("review_decision").field("decision")
    stmt = (sa.select(d.c.id, d.c.decision, d.c.decided_on, d.c.note, g.c.staff, g.c.level,
                      st.c.department, a.c.name)
            .select_from(d.join(g, g.c.id == d.c.grant).join(st, st.c.id == g.c.staff)
                         .join(a, a.c.id == g.c.asset))
            .where(d.c.review == review_id, d.c.decision.in_(("modify", "revoke")))
            .order_by(st.c.department, d.c.decision, st.c.employee_no, a.c.name, d.c.id))
    with db.read() as conn:
        result = conn.execution_options(yield_per=batch).execute(stmt).mappings()
        for rows in result.partitions(batch):
            names = present.Titles(conn, lang).get("staff", {r["staff"] for r in rows})
            for r in rows:
                yield Change(names[r["staff"]], r["department"] or "", r["name"],
                             present.choice_label(level_f, r["level"], lang), r["decision"],
                             present.choice_label(decision_f, r["decision"], lang),
                             _day(r["decided_on"]), r["note"] or "")

def now(db: Database, lang: str, today: date | None = None) -> Now:
    """The grants overdue for review and those held by untrained or departed staff."""
    holder_f = entity("grant").field("holder_status")
    with db.read() as conn:
        day = records.context(db, conn, today).today
    assets: dict[int, OverdueAsset] = {}
    overdue = 0
    for row in records.iterate(db, "grant", query=records.Query(filters=("overdue",)),
                               today=today):
        overdue += 1
        a = assets.setdefault(row["asset"], OverdueAsset("", ""))
        a.grants += 1
        if a.oldest_due is None or row["review_due"] < a.oldest_due:
            a.oldest_due = row["review_due"]
    with db.read() as conn:
        at = TABLES["data_asset"]
        for r in conn.execute(sa.select(at.c.id, at.c.name, at.c.owner_department).where(
                at.c.id.in_(sorted(assets)))):
            assets[r.id].asset, assets[r.id].owner_department = r.name, r.owner_department
    holders: dict[int, Holder] = {}
    flagged = 0
    chunk: list[dict] = []

    def fold() -> None:
        with db.read() as conn:
            people = present.Titles(conn, lang).get(
                "staff", {r["staff"] for r in chunk if r["staff"] not in holders})
            st = TABLES["staff"]
            new = sorted({r["staff"] for r in chunk if r["staff"] not in holders})
            depts = dict(conn.execute(sa.select(st.c.id, st.c.department).where(
                st.c.id.in_(new))).all()) if new else {}
        for r in chunk:
            h = holders.get(r["staff"])
            if h is None:
                h = holders[r["staff"]] = Holder(
                    people[r["staff"]], depts.get(r["staff"]) or "", r["holder_status"],
                    present.choice_label(holder_f, r["holder_status"], lang))
            h.levels[r["level"]] += 1
        chunk.clear()

    for row in records.iterate(db, "grant", query=records.Query(filters=("flagged",)),
                               today=today):
        flagged += 1
        chunk.append(row)
        if len(chunk) >= 2000:
            fold()
    if chunk:
        fold()
    return Now(
        day, overdue,
        sorted(assets.values(), key=lambda a: (-a.grants, a.oldest_due or day, a.asset)),
        flagged,
        sorted(holders.values(), key=lambda h: (h.status != access.DEPARTED, h.department,
                                                h.staff)))


def _day(value) -> date:
    # a DATE read through a join comes back as text on SQLite
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def levels_text(levels: Counter[str], lang: str) -> str:
    """"Administer 2, Export 5, Read 10": the grants of a holder per level, highest first."""
    f = entity("grant").field("level")
    order = [c.value for c in reversed(f.choices)]
    return present.joiner(lang).join(
        f"{present.choice_label(f, v, lang)} {levels[v]:,}" for v in order if levels[v])
