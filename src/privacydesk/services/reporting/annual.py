"""The annual privacy report: the year's key figures for management, from the services.

Two kinds of figure, and the report says which is which:

- of the period: what happened in it (requests received and answered, incidents known,
  reviews attested, checks made, complaints received, policy versions that took effect),
  counted by the same read-models as the request log, the incident register and the
  complaints log;
- now: where things stand today, exactly as on the dashboard (``services.duties``: open
  and overdue requests, training compliance, grants held by untrained or departed staff,
  and every overdue duty), read once for the whole report.

Large tables are counted in SQL (review decisions, checks); nothing reads a whole large
table into memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import duties, records
from privacydesk.services import training as training_service
from privacydesk.services.reporting import Period
from privacydesk.services.reporting import complaints as complaints_model
from privacydesk.services.reporting import incidents as incidents_model
from privacydesk.services.reporting import requests as requests_model
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

# What each kind of duty is, for a list of open risks.
DUTY_KINDS: dict[str, Text] = {
    "request_response": Text("Responses to requests", "開示等の請求への回答"),
    "ppc_preliminary": Text("PPC preliminary reports", "個人情報保護委員会への速報"),
    "ppc_final": Text("PPC final reports", "個人情報保護委員会への確報"),
    "individual_notice": Text("Notices to individuals", "本人への通知"),
    "gdpr_authority": Text("GDPR authority notices", "監督機関への通知（GDPR）"),
    "training": Text("Mandatory training", "必須研修の受講"),
    "access_review": Text("Access reviews", "アクセス権限の棚卸"),
    "entrustee_audit": Text("Entrustee audits", "委託先の監査"),
    "transfer_check": Text("Foreign recipient checks", "外国にある提供先の定期確認"),
    "measure_review": Text("Safety-measure reviews", "安全管理措置の見直し"),
    "record_deletion": Text("Records past their retention", "保存期間を過ぎた記録の消去"),
}
if set(DUTY_KINDS) != set(duties.KINDS):  # pragma: no cover
    raise AssertionError("the kinds of duty are out of step with services.duties")

MEASURE_STATUSES = ("implemented", "partial", "planned", "not_applicable")
TOP_PER_KIND = 3  # the oldest overdue duties listed for each kind


@dataclass(frozen=True)
class Department:
    name: str  # "" when the staff record names none
    handling: int  # staff handling personal data (as the dashboard counts them)
    trained: int  # of them, with every mandatory course in force

    @property
    def compliance(self) -> float:
        return 100.0 * self.trained / self.handling if self.handling else 100.0


@dataclass(frozen=True)
class MeasureLine:
    category: str  # A–G
    label: str
    statuses: dict[str, int]  # status -> measures
    reviews_overdue: int


@dataclass(frozen=True)
class RiskLine:
    kind: str
    label: str
    overdue: int
    due_soon: int
    oldest: list[duties.Duty]  # up to TOP_PER_KIND overdue duties, oldest first


@dataclass(frozen=True)
class Annual:
    requests: requests_model.Summary
    backlog: requests_model.Backlog
    incidents: incidents_model.Register
    now: dict[str, Any]  # duties.summary: the dashboard's figures
    training_overdue: int  # mandatory-course duties overdue now (staff × course)
    training_expiring: int  # … due soon (expiring within the setting's days)
    departments: list[Department]  # most staff first
    reviews_attested: int
    decisions: dict[str, int]  # review decisions of the period: keep / modify / revoke
    entrustee_checks: int
    entrustee_overdue: int
    transfer_checks: int
    transfer_overdue: int
    complaints: complaints_model.Summary
    complaints_open_now: int
    measures: list[MeasureLine]  # A–G, each category declared
    policies: list[dict[str, Any]]  # policy versions effective in the period, oldest first
    risks: list[RiskLine]  # the kinds with a duty overdue or due soon, in duty order

    @property
    def grants_reviewed(self) -> int:
        return sum(self.decisions.values())

    @property
    def overdue_now(self) -> int:
        return self.now["overdue_duties"]

    @property
    def quiet(self) -> bool:
        """Nothing at all happened in the period (the figures of today may still count)."""
        return not (self.requests.total.received or self.incidents.total
                    or self.reviews_attested or self.grants_reviewed or self.entrustee_checks
                    or self.transfer_checks or self.complaints.total or self.policies)


def _count_between(conn, table: str, column: str, period: Period, *where: Any) -> int:
    t = TABLES[table]
    return conn.execute(sa.select(sa.func.count()).select_from(t).where(
        t.c[column] >= period.start, t.c[column] <= period.end, *where)).scalar() or 0


def departments(db: Database, *, today: date | None = None) -> list[Department]:
    """Training compliance by department, with the dashboard's definitions (staff still
    employed, started, handling personal data; trained: every mandatory course in force)."""
    with db.read() as conn:
        ctx = records.context(db, conn, today)
        staff, reqs = training_service.requirements(ctx)
    untrained = {q.staff["id"] for q in reqs if not q.in_force}
    handling: Counter[str] = Counter()
    trained: Counter[str] = Counter()
    for s in staff:
        if s.get("handles_personal_data") and (s.get("started_on") is None
                                               or s["started_on"] <= ctx.today):
            dept = (s.get("department") or "").strip()
            handling[dept] += 1
            trained[dept] += s["id"] not in untrained
    return [Department(d, n, trained[d]) for d, n in
            sorted(handling.items(), key=lambda x: (-x[1], x[0]))]


def annual(db: Database, period: Period, lang: str, *, today: date | None = None) -> Annual:
    now, duty_list = duties.overview(db, today=today)
    by_kind_status = Counter((d.kind, d.status) for d in duty_list)
    overdue = rules.OVERDUE
    risks = []
    for kind in duties.KINDS:
        n, soon = by_kind_status[(kind, overdue)], by_kind_status[(kind, rules.DUE_SOON)]
        if n or soon:
            oldest = [d for d in duty_list if d.kind == kind and d.status == overdue]
            risks.append(RiskLine(kind, DUTY_KINDS[kind].in_lang(lang), n, soon,
                                  oldest[:TOP_PER_KIND]))
    with db.read() as conn:
        t = TABLES["review_decision"]
        decisions = dict(conn.execute(
            sa.select(t.c.decision, sa.func.count()).where(
                t.c.decided_on >= period.start, t.c.decided_on <= period.end)
            .group_by(t.c.decision)).all())
        reviews = _count_between(conn, "access_review", "attested_on", period)
        entrustee_checks = _count_between(conn, "entrustee_check", "checked_on", period)
        transfer_checks = _count_between(conn, "transfer_check", "checked_on", period)
        c = TABLES["complaint"]
        complaints_open = conn.execute(sa.select(sa.func.count()).select_from(c).where(
            c.c.resolved_on.is_(None))).scalar() or 0
    category = entity("safety_measure").field("category")
    statuses: dict[str, Counter[str]] = {ch.value: Counter() for ch in category.choices}
    reviews_overdue: Counter[str] = Counter()
    for m in records.iterate(db, "safety_measure", today=today):
        statuses.setdefault(m["category"], Counter())[m["status"]] += 1
        reviews_overdue[m["category"]] += m.get("deadline_status") == overdue
    measures = [MeasureLine(ch.value, ch.label(lang), dict(statuses[ch.value]),
                            reviews_overdue[ch.value]) for ch in category.choices]
    policies = list(records.iterate(db, "policy_version", query=period.query("effective_from"),
                                    sort="effective_from", today=today))
    return Annual(
        requests=requests_model.summary(db, period, lang, today=today),
        backlog=requests_model.backlog_of(now, duty_list),
        incidents=incidents_model.register(db, period, lang, today=today),
        now=now,
        training_overdue=by_kind_status[("training", overdue)],
        training_expiring=by_kind_status[("training", rules.DUE_SOON)],
        departments=departments(db, today=today),
        reviews_attested=reviews, decisions=decisions,
        entrustee_checks=entrustee_checks,
        entrustee_overdue=by_kind_status[("entrustee_audit", overdue)],
        transfer_checks=transfer_checks,
        transfer_overdue=by_kind_status[("transfer_check", overdue)],
        complaints=complaints_model.summary(db, period, lang),
        complaints_open_now=complaints_open,
        measures=measures, policies=policies, risks=risks)


def quarters(months: list[requests_model.MonthLine], lang: str
             ) -> list[tuple[str, dict[str, int]]]:
    """The months of the request summary added up by calendar quarter: (label, by family)."""
    out: dict[tuple[int, int], Counter[str]] = {}
    for m in months:
        out.setdefault((m.month.year, (m.month.month - 1) // 3 + 1), Counter()).update(
            m.by_family)
    return [((f"{y}年{3 * q - 2}〜{3 * q}月" if lang == "ja" else f"{y} Q{q}"), dict(c))
            for (y, q), c in out.items()]
