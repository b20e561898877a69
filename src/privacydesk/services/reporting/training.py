"""Training compliance (APPI Art 24; PPC General Guidelines 10-4): who is trained now,
per mandatory course and per department, who is not, whose training expires soon, and
the completions recorded in a period.

"Trained" is the dashboard's word (`services.duties.trained_staff`, behind
`duties.summary`): of the staff who have started, not left and handle personal data,
those whose every mandatory course has a passing completion still in force (valid or
expiring; `services.training`). The share is the dashboard's `training_compliance_pct`,
rounded the same way; the rows by course and by department count the same people, so
their totals are the dashboard's figures.

Expiring: a completion in force whose expiry date is within 30 (or 31 to 60) days from
today, the expiry day counted. Not trained: a mandatory course whose latest passing
completion has expired, or that was never passed (due from the start date).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from privacydesk.services import duties, present, records
from privacydesk.services import training as training_service
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database

NEAR, FAR = 30, 60  # the two look-ahead windows of the expiring lists (days)


@dataclass(frozen=True)
class CourseRow:
    title: str
    required: int  # staff handling data who must hold it
    in_force: int  # of them, with a passing completion valid or expiring
    expiring_near: int  # in force, expiring within NEAR days
    expiring_far: int  # in force, expiring in NEAR+1 … FAR days
    expired: int  # latest passing completion expired
    never: int  # never passed


@dataclass(frozen=True)
class DepartmentRow:
    department: str
    handling: int
    trained: int

    @property
    def pct(self) -> float:
        return round(100.0 * self.trained / self.handling, 1) if self.handling else 100.0


@dataclass(frozen=True)
class PersonRow:
    """One person and one mandatory course."""

    staff: str  # "山田 太郎 (E00012)"
    department: str
    course: str
    state: str  # "expired" | "never" | "expiring"
    completed_on: date | None  # the latest passing completion
    due: date  # its expiry, or the start date when never passed
    days: int  # days until `due` (negative: overdue)


@dataclass(frozen=True)
class Compliance:
    today: date
    staff_handling_data: int  # the dashboard's figures
    staff_trained: int
    pct: float
    courses: list[CourseRow]
    departments: list[DepartmentRow]
    not_trained: list[PersonRow]  # by department, person, course
    expiring_near: list[PersonRow]  # by expiry date
    expiring_far: list[PersonRow]


@dataclass(frozen=True)
class PeriodRow:
    course: str
    mandatory: bool
    completions: int
    passed: int
    failed: int
    people: int


def compliance(db: Database, lang: str, today: date | None = None) -> Compliance:
    """Where training stands today (the staff and completion tables are read once)."""
    with db.read() as conn:
        ctx = records.context(db, conn, today)
        day = ctx.today
        staff, reqs = training_service.requirements(ctx)
        handling, trained = duties.trained_staff(ctx, staff, reqs)
    reqs = [q for q in reqs if q.staff["id"] in handling]
    title = "title_ja" if lang == "ja" else "title_en"
    no_dept = "（部署なし）" if lang == "ja" else "(no department)"
    names = present.titles(db, "staff", {q.staff["id"] for q in reqs}, lang)

    course_rows: dict[int, Counter[str]] = {}
    course_titles: dict[int, str] = {}
    untrained: set[int] = set()
    people: dict[int, str] = {}
    not_trained, near, far = [], [], []
    for q in reqs:
        sid, cid = q.staff["id"], q.course["id"]
        people[sid] = q.staff.get("department") or no_dept
        course_titles[cid] = q.course.get(title) or ""
        c = course_rows.setdefault(cid, Counter())
        c["required"] += 1
        current = q.current
        row = None
        if q.in_force:
            c["in_force"] += 1
            days = (current["expires_on"] - day).days
            if days <= FAR:
                row = PersonRow(names[sid], people[sid], course_titles[cid], "expiring",
                                current["completed_on"], current["expires_on"], days)
                if days <= NEAR:
                    c["near"] += 1
                    near.append(row)
                else:
                    c["far"] += 1
                    far.append(row)
            continue
        untrained.add(sid)
        if current is not None:
            c["expired"] += 1
            row = PersonRow(names[sid], people[sid], course_titles[cid], "expired",
                            current["completed_on"], current["expires_on"],
                            (current["expires_on"] - day).days)
        else:
            c["never"] += 1
            row = PersonRow(names[sid], people[sid], course_titles[cid], "never", None,
                            q.anchor, (q.anchor - day).days)
        not_trained.append(row)

    by_dept: dict[str, list[int]] = {}
    for sid, dept in people.items():
        by_dept.setdefault(dept, []).append(sid)
    departments = sorted(
        (DepartmentRow(d, len(ids), sum(1 for i in ids if i not in untrained))
         for d, ids in by_dept.items()), key=lambda d: d.department)
    courses = [CourseRow(course_titles[cid], c["required"], c["in_force"], c["near"], c["far"],
                         c["expired"], c["never"]) for cid, c in course_rows.items()]
    return Compliance(
        day, len(handling), len(trained),
        round(100.0 * len(trained) / len(handling), 1) if handling else 100.0,
        courses, departments,
        sorted(not_trained, key=lambda p: (p.department, p.staff, p.course)),
        sorted(near, key=lambda p: (p.due, p.staff)), sorted(far, key=lambda p: (p.due, p.staff)))


def completions(db: Database, period: Period, lang: str, today: date | None = None
                ) -> list[PeriodRow]:
    """The completions recorded with a completion date in the period, per course (every
    course, mandatory or not), most first."""
    per: dict[int, Counter[str]] = {}
    who: dict[int, set[int]] = {}
    for row in records.iterate(db, "completion", query=period.query("completed_on"),
                               today=today):
        c = per.setdefault(row["course"], Counter())
        c["all"] += 1
        c["failed" if row.get("training_status") == training_service.FAILED else "passed"] += 1
        who.setdefault(row["course"], set()).add(row["staff"])
    if not per:
        return []
    title = "title_ja" if lang == "ja" else "title_en"
    courses = {c["id"]: c for c in records.get_many(db, "course", sorted(per))}
    rows = [PeriodRow(courses[cid].get(title) or "" if cid in courses else f"#{cid}",
                      bool(courses.get(cid, {}).get("mandatory")), c["all"], c["passed"],
                      c["failed"], len(who[cid])) for cid, c in per.items()]
    return sorted(rows, key=lambda r: (-r.completions, r.course))


def state_label(state: str, lang: str) -> str:
    return {
        "expired": ("Expired", "期限切れ"),
        "never": ("Never completed", "未受講"),
        "expiring": ("Expiring", "期限間近"),
    }[state][1 if lang == "ja" else 0]


def state_tone(state: str) -> str:
    """The tone of a person's state, as the completion's training_status would have it."""
    status = {"expired": "overdue", "never": "overdue", "expiring": "expiring"}[state]
    return present.tone("training_status", status) or present.NEUTRAL

