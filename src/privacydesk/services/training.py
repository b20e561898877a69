"""Training: expiry and status of completions, and who is trained.

APPI Art 24 (supervision of employees) and PPC General Guidelines 10-4 (human safety
measures: education). A completion expires on the completion date + the course's
refresher months (month-end rule of ``rules.add_months``). Its status:

- "superseded": a later *passing* completion of the same staff member and course
  exists (a later failed attempt does not replace a valid completion);
- "failed": the score is below the course's pass score (no expiry date; an empty score
  counts as attendance and passes);
- otherwise "overdue" after the expiry date, "expiring" within
  ``training_expiring_days`` of it (the expiry day itself included), else "valid".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.services import records
from privacydesk.services._clock import created_on, rows_in, setting
from privacydesk.services.records import Context
from privacydesk.store.models import TABLES

VALID, EXPIRING, OVERDUE, FAILED, SUPERSEDED = (
    "valid", "expiring", "overdue", "failed", "superseded")
IN_FORCE = frozenset({VALID, EXPIRING})


def _passed(row: dict[str, Any], course: dict[str, Any] | None) -> bool:
    score = row.get("score")
    pass_score = course.get("pass_score") if course else None
    return score is None or pass_score is None or score >= pass_score


def _key(row: dict[str, Any]) -> tuple[date, int]:
    return (row["completed_on"], row["id"])


def _courses(ctx: Context, ids: set[int]) -> dict[int, dict[str, Any]]:
    return {c["id"]: c for c in rows_in(ctx.conn, TABLES["course"], "id", ids)}


@records.computes("completion")
def compute_completion(ctx: Context, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    courses = _courses(ctx, {r["course"] for r in rows})
    pairs = {(r["staff"], r["course"]) for r in rows}
    # the latest passing completion of each (staff, course) of the page: one query
    latest: dict[tuple[int, int], tuple[date, int]] = {}
    for other in rows_in(ctx.conn, TABLES["completion"], "staff", {p[0] for p in pairs},
                         "id", "staff", "course", "completed_on", "score"):
        pair = (other["staff"], other["course"])
        if pair in pairs and _passed(other, courses.get(other["course"])):
            latest[pair] = max(latest.get(pair, _key(other)), _key(other))
    expiring_days = setting(ctx, "training_expiring_days")
    for row in rows:
        course = courses.get(row["course"])
        passed = _passed(row, course)
        row["expires_on"] = (rules.training_expires_on(row["completed_on"],
                                                       course["refresher_months"])
                             if passed and course else None)
        newest = latest.get((row["staff"], row["course"]))
        if newest is not None and newest > _key(row):
            row["training_status"] = SUPERSEDED
        elif not passed:
            row["training_status"] = FAILED
        elif row["expires_on"] is None:
            row["training_status"] = None
        else:
            row["training_status"] = {
                rules.OK: VALID, rules.DUE_SOON: EXPIRING, rules.OVERDUE: OVERDUE,
            }[rules.deadline_status(row["expires_on"], ctx.today, soon_days=expiring_days)]


# --- who is trained ---------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """One mandatory course for one staff member, and where it stands."""

    staff: dict[str, Any]
    course: dict[str, Any]
    current: dict[str, Any] | None  # the latest passing completion (computed), if any
    anchor: date  # due date when never passed: the start date (or the day entered)

    @property
    def in_force(self) -> bool:
        return self.current is not None and self.current["training_status"] in IN_FORCE


def requirements(ctx: Context) -> tuple[list[dict[str, Any]], list[Requirement]]:
    """Staff still employed and, for each of them, every mandatory course.

    Still employed: no end date, or one after today. Reads the staff, course and
    completion tables once each (tens of thousands of rows at most). Returns (staff
    rows, requirements).
    """
    conn = ctx.conn
    st = TABLES["staff"]
    stmt = sa.select(st).where(sa.or_(st.c.ended_on.is_(None), st.c.ended_on > ctx.today))
    staff = [dict(r) for r in conn.execute(stmt.order_by(st.c.id)).mappings()]
    ct = TABLES["course"]
    courses = [dict(r) for r in conn.execute(
        sa.select(ct).where(ct.c.mandatory.is_(True)).order_by(ct.c.id)).mappings()]
    if not staff or not courses:
        return staff, []
    cp = TABLES["completion"]
    course_ids = [c["id"] for c in courses]
    rows = [dict(r) for r in conn.execute(
        sa.select(cp).where(cp.c.course.in_(course_ids)).order_by(cp.c.id)).mappings()]
    wanted = {s["id"] for s in staff}
    rows = [r for r in rows if r["staff"] in wanted]
    for f in entity("completion").computed:
        for r in rows:
            r.setdefault(f.name, None)
    compute_completion(ctx, rows)
    current: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        if r["training_status"] in (VALID, EXPIRING, OVERDUE):  # the latest passing one
            current[(r["staff"], r["course"])] = r
    out = [Requirement(s, c, current.get((s["id"], c["id"])),
                       s.get("started_on") or created_on(s) or ctx.today)
           for s in staff for c in courses]
    return staff, out
