"""The named filters each list offers ("open only", "overdue only"), declared once.

A filter works in SQL where the fields are stored (`sql`), or on the computed row
(`row`: deadlines and statuses the services compute). The window shows them as check
boxes above a list; a dashboard figure opens a list with the filter that counts it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from privacydesk.domain.entities import ENTITIES
from privacydesk.domain.fields import Text
from privacydesk.domain.values import DUE_SOON, OK, OVERDUE
from privacydesk.services import requests, training
from privacydesk.services.records import Context, Filter, register_filter

OPEN = Text("Open only", "未完了のみ")
OVERDUE_ONLY = Text("Overdue only", "期限超過のみ")
DUE_ONLY = Text("Overdue or due soon", "期限超過・期限間近")


def _status_in(*values: str):
    wanted = frozenset(values)
    return lambda row: row.get("deadline_status") in wanted


for _e in ENTITIES:
    if _e.has("deadline_status"):
        register_filter(_e.name, Filter("overdue", OVERDUE_ONLY, row=_status_in(OVERDUE)))
        register_filter(_e.name, Filter("due", DUE_ONLY, row=_status_in(OVERDUE, DUE_SOON)))


def _open_request(t: sa.Table, ctx: Context) -> sa.ColumnElement:
    return sa.and_(t.c.status.not_in(requests.DONE_STATUSES), t.c.responded_on.is_(None))


register_filter("request", Filter("open", OPEN, sql=_open_request))
register_filter("incident", Filter("open", OPEN, sql=lambda t, ctx: t.c.closed_on.is_(None)))
register_filter("incident", Filter(
    "awaiting_report", Text("A report is owed", "報告が未了"),
    row=_status_in(OVERDUE, DUE_SOON, OK)))
register_filter("complaint", Filter("open", OPEN, sql=lambda t, ctx: t.c.resolved_on.is_(None)))
register_filter("access_review", Filter(
    "open", Text("Not attested", "未承認のみ"), sql=lambda t, ctx: t.c.attested_on.is_(None)))
register_filter("grant", Filter(
    "current", Text("Current grants only", "有効な権限のみ"),
    sql=lambda t, ctx: t.c.revoked_on.is_(None)))
register_filter("staff", Filter(
    "current", Text("Current staff only", "在籍者のみ"),
    sql=lambda t, ctx: sa.or_(t.c.ended_on.is_(None), t.c.ended_on > ctx.today)))
register_filter("consent", Filter(
    "active", Text("Active only", "有効のみ"), sql=lambda t, ctx: t.c.status == "active"))


def _training(row: dict[str, Any]) -> bool:
    return row.get("training_status") in ("expiring", "overdue")


register_filter("completion", Filter(
    "expiring", Text("Expiring or expired", "期限間近・期限切れ"), row=_training,
    fields=("training_status",)))


def _flagged_grant(t: sa.Table, ctx: Context) -> sa.ColumnElement:
    """Grants still held by someone who has left, or whose mandatory training is not in
    force: the same people the dashboard counts (duties.summary)."""
    staff, reqs = training.requirements(ctx)
    employed = {s["id"] for s in staff}
    untrained = {r.staff["id"] for r in reqs if not r.in_force}
    ok = employed - untrained
    return sa.and_(t.c.revoked_on.is_(None), t.c.staff.not_in(sorted(ok)) if ok else sa.true())


register_filter("grant", Filter(
    "flagged", Text("Held by untrained or departed staff", "未受講者・退職者の権限"),
    sql=_flagged_grant))
