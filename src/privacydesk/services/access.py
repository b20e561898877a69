"""Access grants: when each grant is next due for review, who holds it, and the review.

APPI Art 23 and PPC General Guidelines 10-6 (technical safety measures: access
control). Review due = last review + the grant's review cycle (or the setting
``access_review_months``, default 6). The last review is the later of the grant's
``last_reviewed_on`` and the latest decision on it in an access review; a grant never
reviewed counts from the day it was granted. A revoked grant has nothing due: its
status is "done".

Holder (``holder_status``, Art 24 supervision of employees, PPC General Guidelines
10-4): "departed" when the holder's end date is on or before today; "untrained" when
the holder handles personal data and lacks a valid (or expiring) passing completion of
a mandatory course (the rules of :mod:`training`); else "ok". Revoked grants: none.
Holding access to a data asset is handling personal data, whatever the staff record's
"handles personal data" box says; the dashboard's count of grants held by untrained or
departed staff (``duties.summary``) counts the same grants.

An access review (:func:`start_review`) covers the grants in force at its start — granted
on or before the start day and not revoked before it — of its data asset and/or of the
staff of its department (neither: every grant). Each grant gets one decision
(:func:`decide`): "keep" and "modify" mark the grant reviewed on that day, "revoke" ends
it the same day; the review is attested (:func:`attest`) once every grant has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import records
from privacydesk.services import training as training_service
from privacydesk.services._clock import DONE, latest, rows_in, set_due, setting
from privacydesk.services._workflow import empty, refuse
from privacydesk.services.records import Context, FieldError, not_stale, update_from
from privacydesk.store.audit import Writer, writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

HOLDER_OK, UNTRAINED, DEPARTED = "ok", "untrained", "departed"


def cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("review_cycle_months") or setting(ctx, "access_review_months")


def last_review(row: dict[str, Any], decided: dict[int, date]) -> date | None:
    dates = [d for d in (row.get("last_reviewed_on"), decided.get(row.get("id"))) if d]
    return max(dates) if dates else row.get("granted_on")


@records.computes("grant", inputs=(
    "granted_on", "last_reviewed_on", "review_cycle_months", "revoked_on"),
    fills=("review_due", "deadline_status"))
def compute_grant(ctx: Context, rows: list[dict[str, Any]]) -> None:
    open_rows = [r for r in rows if r.get("revoked_on") is None]
    decided = latest(ctx.conn, TABLES["review_decision"], "grant", "decided_on",
                     [r["id"] for r in open_rows])
    for row in rows:
        if row.get("revoked_on") is not None:
            row["review_due"], row["deadline_status"] = None, DONE
            continue
        anchor = last_review(row, decided)
        set_due(ctx, row, "review_due",
                rules.next_due(anchor, cycle(ctx, row)) if anchor is not None else None)


# --- who holds the grant ------------------------------------------------------------------


def departed(row: dict[str, Any], today: date) -> bool:
    """Left the company: an end date on or before today."""
    return not training_service.employed(row, today)


def _untrained(requirements: Iterable[training_service.Requirement],
               holders: set[int] | None = None) -> set[int]:
    """Staff lacking a mandatory course in force, of those who handle personal data: by
    their staff record, or (all of ``holders``, None: everybody) by holding access."""
    return {q.staff["id"] for q in requirements if not q.in_force and (
        q.staff.get("handles_personal_data") or holders is None or q.staff["id"] in holders)}


def holder_statuses(ctx: Context, staff_ids: Iterable[int]) -> dict[int, str]:
    """{staff id: "ok" | "untrained" | "departed"} of the holders of grants, reading only
    these staff and their completions of the mandatory courses."""
    people = rows_in(ctx.conn, TABLES["staff"], "id", staff_ids)
    gone = {p["id"] for p in people if departed(p, ctx.today)}
    _, reqs = training_service.requirements(ctx, [p for p in people if p["id"] not in gone])
    untrained = _untrained(reqs)
    return {p["id"]: DEPARTED if p["id"] in gone else UNTRAINED if p["id"] in untrained
            else HOLDER_OK for p in people}


@records.computes("grant", inputs=("staff", "revoked_on"), fills=("holder_status",))
def compute_holder(ctx: Context, rows: list[dict[str, Any]]) -> None:
    holders = holder_statuses(ctx, {r["staff"] for r in rows if r.get("revoked_on") is None})
    for row in rows:
        row["holder_status"] = None if row.get("revoked_on") is not None \
            else holders.get(row["staff"])


@records.computes("data_asset", inputs=(), fills=("access_holders",))
def compute_access_holders(ctx: Context, rows: list[dict[str, Any]]) -> None:
    """Who may access each asset, from the grants in force: the holders' departments,
    each with its number of holders ("開発部 (12); 営業部 (3)", most first); a holder
    without a department by name."""
    g, st = TABLES["grant"], TABLES["staff"]
    ids = [r["id"] for r in rows]
    counts: dict[int, dict[str, int]] = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        query = (sa.select(g.c.asset, sa.func.coalesce(st.c.department, st.c.name),
                           sa.func.count(sa.distinct(g.c.staff)))
                 .join(st, st.c.id == g.c.staff)
                 .where(g.c.asset.in_(part), g.c.revoked_on.is_(None),
                        g.c.granted_on <= ctx.today)
                 .group_by(g.c.asset, sa.func.coalesce(st.c.department, st.c.name)))
        for asset, who, n in ctx.conn.execute(query):
            counts.setdefault(asset, {})[who] = n
    for row in rows:
        mine = counts.get(row["id"])
        row["access_holders"] = "; ".join(
            f"{who} ({n})" for who, n in sorted(mine.items(), key=lambda kv: (-kv[1], kv[0]))
        ) if mine else None


def flagged_staff(db: Database, today: date | None = None) -> set[int]:
    """Ids of the staff who have left or are untrained (as ``holder_status``), for a
    filter of the grants list."""
    with db.read() as conn:
        ctx = records.context(db, conn, today)
        st = TABLES["staff"]
        gone = set(conn.execute(sa.select(st.c.id).where(st.c.ended_on <= ctx.today)).scalars())
        g = TABLES["grant"]
        holders = set(conn.execute(sa.select(g.c.staff).where(g.c.revoked_on.is_(None))
                                   .distinct()).scalars())
        _, reqs = training_service.requirements(ctx)
        return gone | _untrained(reqs, holders)


# --- access reviews -----------------------------------------------------------------------

_NOT_IN_SCOPE = Text("is not in the scope of this review", "この棚卸の対象範囲に含まれない権限です")
_BEFORE_START = Text("cannot precede the start of the review ({date})",
                     "棚卸の開始日（{date}）より前の日付は入力できません")


def _review(w_or_conn: Writer | Connection, review_id: int) -> dict[str, Any]:
    conn = w_or_conn.conn if isinstance(w_or_conn, Writer) else w_or_conn
    t = TABLES["access_review"]
    row = conn.execute(sa.select(t).where(t.c.id == review_id)).mappings().first()
    if row is None:
        raise records.NotFound(entity("access_review"), review_id)
    return dict(row)


def _scope(review: dict[str, Any]):
    """The condition on grants of a review's scope (see the module docstring)."""
    g, st = TABLES["grant"], TABLES["staff"]
    start = review["started_on"]
    conds = [g.c.granted_on <= start, sa.or_(g.c.revoked_on.is_(None), g.c.revoked_on >= start)]
    if review.get("scope_asset") is not None:
        conds.append(g.c.asset == review["scope_asset"])
    if review.get("scope_department"):
        conds.append(g.c.staff.in_(sa.select(st.c.id).where(
            st.c.department == review["scope_department"])))
    return sa.and_(*conds)


def _decisions(conn: Connection, review_id: int) -> dict[int, dict[str, Any]]:
    t = TABLES["review_decision"]
    return {d["grant"]: dict(d) for d in conn.execute(
        sa.select(t).where(t.c.review == review_id).order_by(t.c.id)).mappings()}


def _undecided(conn: Connection, review: dict[str, Any]) -> int:
    g, d = TABLES["grant"], TABLES["review_decision"]
    return conn.execute(sa.select(sa.func.count()).select_from(g).where(
        _scope(review), g.c.id.not_in(sa.select(d.c.grant).where(d.c.review == review["id"]))
    )).scalar()


def grants_in_scope(db: Database, review_id: int, *, today: date | None = None
                    ) -> list[dict[str, Any]]:
    """The grants a review covers, in id order, with their computed fields and the
    review's decision on each (``review_decision``: the decision row, or None)."""
    e = entity("grant")
    with db.read() as conn:
        review = _review(conn, review_id)
        g = TABLES["grant"]
        rows = [dict(r) for r in conn.execute(
            sa.select(g).where(_scope(review)).order_by(g.c.id)).mappings()]
        ctx = records.context(db, conn, today)
        for f in e.computed:
            for r in rows:
                r[f.name] = None
        compute_grant(ctx, rows)
        compute_holder(ctx, rows)
        decisions = _decisions(conn, review_id)
    for r in rows:
        r["review_decision"] = decisions.get(r["id"])
    return rows


def start_review(db: Database, *, scope: str, reviewer: str, started_on: date,
                 asset: int | None = None, department: str | None = None) -> int:
    """A new access review of the grants of ``asset`` and/or of the staff of
    ``department`` (neither: every grant). A department no member of staff belongs to
    is refused: the review would cover nothing."""
    e = entity("access_review")
    department = department.strip() if isinstance(department, str) else department
    with writing(db) as w:
        ctx = records.context(db, w.conn)
        clean, errors = records.validate(ctx, e, {
            "scope": scope, "reviewer": reviewer, "started_on": started_on,
            "scope_asset": asset, "scope_department": department or None})
        if department and "scope_department" in clean:
            st = TABLES["staff"]
            if w.conn.execute(sa.select(st.c.id).where(st.c.department == department)
                              .limit(1)).first() is None:
                errors.append(FieldError("scope_department", Text(
                    "no staff member belongs to {dept!r}",
                    "「{dept}」に所属する従業者はいません").format(dept=department)))
        refuse(e.name, errors)
        return w.insert(e.name, clean)


def decide(db: Database, review_id: int, grant_id: int, decision: str, *, decided_on: date,
           note: str = "", version: int | None = None) -> int:
    """Record the review's decision on one grant (a second decision on the same grant
    replaces the first); returns the id of the decision.

    "keep" and "modify" (which needs a note saying what changes) set the grant's
    ``last_reviewed_on``; "revoke" ends the grant on ``decided_on`` in the same
    transaction. Refused: a grant outside the review's scope, a review already
    attested, a date before the review started, keeping a grant that has been revoked,
    and undoing this review's revocation (grant the access again instead). With
    ``version``, the grant's version as it was shown, a grant saved by someone else
    since is refused with `records.Stale` and nothing is written.
    """
    de = entity("review_decision")
    with writing(db) as w:
        review = _review(w, review_id)
        if review.get("attested_on") is not None:
            refuse(de.name, [FieldError("review", Text(
                "the review was attested on {date}; its decisions can no longer change",
                "この棚卸は{date}に承認済みのため、判定を変更できません").format(
                    date=review["attested_on"].isoformat()))])
        ctx = records.context(db, w.conn)
        g, d = TABLES["grant"], TABLES["review_decision"]
        grant = w.get("grant", grant_id) if isinstance(grant_id, int) else None
        if grant is not None:
            not_stale(entity("grant"), grant_id, grant, version)
        found = w.conn.execute(sa.select(d).where(d.c.review == review_id,
                                                  d.c.grant == grant_id)).mappings().first()
        existing = dict(found) if found is not None else None
        values = {"review": review_id, "grant": grant_id, "decision": decision,
                  "decided_on": decided_on, "note": note}
        clean, errors = records.validate(ctx, de, values, old=existing,
                                         row_id=existing["id"] if existing else None)
        new = {**(existing or {}), **clean}
        day, choice = new.get("decided_on"), new.get("decision")
        own: list[FieldError] = []
        if grant is not None and w.conn.execute(sa.select(g.c.id).where(
                g.c.id == grant_id, _scope(review))).first() is None:
            own.append(FieldError("grant", _NOT_IN_SCOPE))
        if isinstance(day, date) and day < review["started_on"]:
            own.append(FieldError("decided_on", _BEFORE_START.format(
                date=review["started_on"].isoformat())))
        if choice == "modify" and empty(new.get("note")):
            own.append(FieldError("note", Text(
                "is required for a modification: say what changes",
                "「変更」とする場合は、変更の内容を入力してください")))
        if existing is not None and existing["decision"] == "revoke" and choice != "revoke":
            own.append(FieldError("decision", Text(
                "this review revoked the grant on {date}; grant the access again instead of "
                "changing the decision",
                "この棚卸で{date}に削除した権限です。判定を変更せず、改めて権限を付与してください"
            ).format(date=existing["decided_on"].isoformat())))
        elif grant is not None and choice in ("keep", "modify") \
                and grant.get("revoked_on") is not None and isinstance(day, date) \
                and grant["revoked_on"] <= day:
            own.append(FieldError("decision", Text(
                "the grant was revoked on {date}; only “revoke” can be recorded",
                "この権限は{date}に削除されているため、「削除」以外の判定はできません").format(
                    date=grant["revoked_on"].isoformat())))
        refuse(de.name, own + errors)
        changes, grant_errors = records.validate(
            ctx, entity("grant"), _grant_changes(grant, existing, choice, day), old=grant,
            row_id=grant_id)
        refuse("grant", grant_errors)
        if existing is None:
            decision_id = w.insert(de.name, clean)
        else:
            decision_id = existing["id"]
            w.update(de.name, decision_id, clean)
        update_from(w, entity("grant"), grant_id, changes, version)
    return decision_id


def _grant_changes(grant: dict[str, Any], previous: dict[str, Any] | None, decision: str,
                   day: date) -> dict[str, Any]:
    if decision == "revoke":
        revoked = grant.get("revoked_on")
        if revoked is None or (previous is not None and previous["decision"] == "revoke"
                               and revoked == previous["decided_on"]):
            return {"revoked_on": day}  # this review ends it (or moves its own date)
        return {}
    last = grant.get("last_reviewed_on")
    return {"last_reviewed_on": day} if last is None or last < day else {}


@records.checks("access_review")
def check_review(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                 ) -> list[FieldError]:
    attested, started = row.get("attested_on"), row.get("started_on")
    if attested is not None and started is not None and attested < started:
        return [FieldError("attested_on", _BEFORE_START.format(date=started.isoformat()))]
    return []


def attest(db: Database, review_id: int, *, on: date, version: int | None = None
           ) -> dict[str, Any]:
    """Attest the review on ``on``: refused, with how many grants are undecided, until
    every grant in its scope has a decision; with ``version``, refused with
    `records.Stale` if someone saved the review since. Returns the updated review."""
    e = entity("access_review")
    with writing(db) as w:
        review = _review(w, review_id)
        not_stale(e, review_id, review, version)
        if review.get("attested_on") is not None:
            refuse(e.name, [FieldError("attested_on", Text(
                "the review was already attested on {date}",
                "この棚卸は{date}に承認済みです").format(
                    date=review["attested_on"].isoformat()))])
        ctx = records.context(db, w.conn)
        clean, errors = records.validate(ctx, e, {"attested_on": on}, old=review,
                                         row_id=review_id)
        undecided = _undecided(w.conn, review)
        if undecided:
            errors.append(FieldError("attested_on", Text(
                "{n} grant(s) in scope have no decision yet",
                "対象範囲の権限のうち{n}件が未判定です").format(n=undecided)))
        d = TABLES["review_decision"]
        last = w.conn.execute(sa.select(sa.func.max(d.c.decided_on))
                              .where(d.c.review == review_id)).scalar()
        last = date.fromisoformat(last[:10]) if isinstance(last, str) else last
        if last is not None and isinstance(clean.get("attested_on"), date) \
                and clean["attested_on"] < last:
            errors.append(FieldError("attested_on", Text(
                "cannot precede the last decision ({date})",
                "最後の判定日（{date}）より前の日付は入力できません").format(
                    date=last.isoformat())))
        refuse(e.name, errors)
        update_from(w, e, review_id, clean, version)
    return records.get(db, e.name, review_id)
