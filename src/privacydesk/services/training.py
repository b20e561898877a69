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
from privacydesk.domain.fields import Text
from privacydesk.services import records
from privacydesk.services._clock import chunks, created_on, rows_in, setting
from privacydesk.services._workflow import refuse
from privacydesk.services.records import Context, FieldError
from privacydesk.store.audit import writing
from privacydesk.store.database import Database
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
    # every completion of the page's staff: the latest passing one supersedes (one query)
    others = rows_in(ctx.conn, TABLES["completion"], "staff", {r["staff"] for r in rows},
                     "id", "staff", "course", "completed_on", "score")
    _fill(ctx, rows, courses, others)


def _fill(ctx: Context, rows: list[dict[str, Any]], courses: dict[int, dict[str, Any]],
          others: list[dict[str, Any]]) -> None:
    """Expiry and status of ``rows``; ``others`` holds every completion of each of their
    (staff, course) pairs (it may hold more)."""
    pairs = {(r["staff"], r["course"]) for r in rows}
    # the latest passing completion of each (staff, course) of the page
    latest: dict[tuple[int, int], tuple[date, int]] = {}
    for other in others:
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


def employed(row: dict[str, Any], today: date) -> bool:
    """Still with the company: no end date, or one after today."""
    return row.get("ended_on") is None or row["ended_on"] > today


def requirements(ctx: Context, staff: list[dict[str, Any]] | None = None
                 ) -> tuple[list[dict[str, Any]], list[Requirement]]:
    """Staff still employed and, for each of them, every mandatory course.

    ``staff``: the staff rows to consider (a page of a list; those no longer employed
    are left out), or None for every member of staff still employed (see
    :func:`employed`). Reads the mandatory courses and, of the completions, only those
    of these staff and courses (the whole table at most tens of thousands of rows).
    Returns (staff rows, requirements).
    """
    conn = ctx.conn
    if staff is None:
        st = TABLES["staff"]
        stmt = sa.select(st).where(sa.or_(st.c.ended_on.is_(None), st.c.ended_on > ctx.today))
        staff = [dict(r) for r in conn.execute(stmt.order_by(st.c.id)).mappings()]
        whole = True
    else:
        staff = sorted((s for s in staff if employed(s, ctx.today)), key=lambda s: s["id"])
        whole = False
    ct = TABLES["course"]
    courses = [dict(r) for r in conn.execute(
        sa.select(ct).where(ct.c.mandatory.is_(True)).order_by(ct.c.id)).mappings()]
    if not staff or not courses:
        return staff, []
    cp = TABLES["completion"]
    course_ids = [c["id"] for c in courses]
    wanted = {s["id"] for s in staff}
    if whole:
        rows = [dict(r) for r in conn.execute(
            sa.select(cp).where(cp.c.course.in_(course_ids)).order_by(cp.c.id)).mappings()]
    else:
        rows = [dict(r) for part in chunks(wanted) for r in conn.execute(
            sa.select(cp).where(cp.c.course.in_(course_ids), cp.c.staff.in_(part))
            .order_by(cp.c.id)).mappings()]
    rows = [r for r in rows if r["staff"] in wanted]
    for f in entity("completion").computed:
        for r in rows:
            r.setdefault(f.name, None)
    # the rows are every completion of these staff and courses: nothing more to read
    _fill(ctx, rows, {c["id"]: c for c in courses}, rows)
    current: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        if r["training_status"] in (VALID, EXPIRING, OVERDUE):  # the latest passing one
            current[(r["staff"], r["course"])] = r
    out = [Requirement(s, c, current.get((s["id"], c["id"])),
                       s.get("started_on") or created_on(s) or ctx.today)
           for s in staff for c in courses]
    return staff, out


# --- recording completions ------------------------------------------------------------------


def record_completions(db: Database, *, course: int, staff: list[int], completed_on: date,
                       score: int | None = None, evidence: str = "") -> list[int]:
    """One completion of ``course`` for each of ``staff``, all in one audited transaction.

    All or none: every row is validated as :func:`records.create` would, against the
    open transaction, and the errors that concern one person name that person ("山田
    太郎 (E00012): …"); an error common to every row (the course, the date, the score)
    is given once. Refused: an empty list, a person listed twice, a person who already
    has a completion of the course on that day (a second entry of the same session; a
    retake on the same day is recorded one at a time). Returns the new ids, in ``staff``
    order.
    """
    e = entity("completion")
    if not staff:
        refuse(e.name, [FieldError("staff", Text(
            "choose at least one staff member", "受講者を1名以上選択してください"))])
    with writing(db) as w:
        ctx = records.context(db, w.conn)
        ids = [s for s in staff if isinstance(s, int) and not isinstance(s, bool)]
        people = {p["id"]: p for p in rows_in(w.conn, TABLES["staff"], "id", ids,
                                              "id", "name", "employee_no")}

        def who(person: Any) -> str:
            p = people.get(person)
            return f"{p['name']} ({p['employee_no']})" if p else str(person)

        def about(person: Any, message: str) -> FieldError:
            if person not in people:  # no such person: the message says so by its id
                return FieldError("staff", message)
            return FieldError("staff", Text("{who}: ", "{who}：").format(who=who(person))
                              + message)

        errors: list[FieldError] = []
        seen: set[Any] = set()
        for person in staff:
            if person in seen:
                errors.append(FieldError("staff", Text(
                    "{who} is listed twice", "{who}が2回選択されています").format(who=who(person))))
            seen.add(person)
        unique = list(dict.fromkeys(staff))
        if isinstance(course, int) and isinstance(completed_on, date):
            t = TABLES["completion"]
            done = {s for part in chunks(ids) for s in w.conn.execute(sa.select(t.c.staff).where(
                t.c.course == course, t.c.completed_on == completed_on,
                t.c.staff.in_(part))).scalars()}
            errors.extend(about(person, Text(
                "already has a completion of this course on {day}",
                "{day}にこのコースを受講した記録が既にあります").format(
                    day=completed_on.isoformat()))
                for person in unique if person in done)
        rows: list[dict[str, Any]] = []
        common: dict[tuple[str, str], list[tuple[Any, FieldError]]] = {}
        for person in unique:
            clean, row_errors = records.validate(ctx, e, {
                "staff": person, "course": course, "completed_on": completed_on,
                "score": score, "evidence": evidence})
            rows.append(clean)
            for err in row_errors:
                if err.field == "staff":
                    errors.append(about(person, err.message))
                else:
                    common.setdefault((err.field, str(err.message)), []).append((person, err))
        for items in common.values():
            if len(items) == len(unique):
                errors.append(items[0][1])
            else:
                errors.extend(FieldError(err.field, about(person, err.message).message)
                              for person, err in items)
        refuse(e.name, errors)
        return w.insert_many(e.name, rows)
