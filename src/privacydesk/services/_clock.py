"""Shared helpers of the regulatory clock: "now", settings, batched look-ups.

The area modules (requests, incidents, training, access, thirdparty, measures) fill
computed columns for a page of rows at a time. They look related rows up with one
query per related table for the whole page (``WHERE key IN (...)``, in chunks that
stay below SQLite's limit on bound parameters), never one query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain import rules
from privacydesk.domain.settings import BY_KEY
from privacydesk.services.records import Context

JST = ZoneInfo("Asia/Tokyo")
CHUNK = 900  # ids per IN (...) list
WHOLE_TABLE = 5 * CHUNK  # beyond this many ids, read the whole (grouped) table instead

DONE = "done"


def setting(ctx: Context, key: str) -> Any:
    """A typed setting, or its declared default."""
    if key in ctx.settings:
        return ctx.settings[key]
    return BY_KEY[key].default


def set_due(ctx: Context, row: dict[str, Any], field: str, due: date | None) -> None:
    """Fill ``row[field]`` with ``due`` and ``deadline_status`` with its status as of today.

    Both None when there is no due date. "due_soon" within the ``due_soon_days`` setting.
    """
    row[field] = due
    row["deadline_status"] = None if due is None else rules.deadline_status(
        due, ctx.today, soon_days=setting(ctx, "due_soon_days"))


def moment(ctx: Context) -> datetime:
    """The instant hour-based deadlines (GDPR Art 33's 72 hours) are measured against.

    The clock's reading when the context read the clock; when ``today`` was given
    instead (tests, reports "as of" a date), the start of that day in Japan.
    """
    if ctx.now is not None:
        return ctx.now
    return datetime.combine(ctx.today, time(0), tzinfo=JST).astimezone(UTC)


def days_left(due: date | datetime, today: date, now: datetime) -> int:
    """Whole days until ``due``; negative when it has passed (floor for datetimes)."""
    if isinstance(due, datetime):
        return (due - now) // timedelta(days=1)
    return (due - today).days


def created_on(row: dict[str, Any]) -> date | None:
    """The JST date a record was entered (the fallback anchor of a periodic check)."""
    at = row.get("created_at")
    if at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(JST).date()


def chunks(ids: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    unique = sorted({i for i in ids if i is not None})
    for start in range(0, len(unique), size):
        yield unique[start:start + size]


def rows_in(conn: Connection, table: sa.Table, column: str, ids: Iterable[Any],
            *columns: str) -> list[dict[str, Any]]:
    """Rows of ``table`` whose ``column`` is one of ``ids`` (only ``columns``, or all)."""
    cols = [table.c[c] for c in columns] if columns else [table]
    out: list[dict[str, Any]] = []
    for part in chunks(ids):
        out.extend(dict(r) for r in conn.execute(
            sa.select(*cols).where(table.c[column].in_(part))).mappings())
    return out


def latest(conn: Connection, table: sa.Table, key: str, when: str,
           ids: Iterable[Any]) -> dict[Any, Any]:
    """``{key value: max(when)}`` over the rows of ``table`` whose ``key`` is in ``ids``.

    A page asks with ``IN (...)``; a whole table (the duty list) is grouped in one
    statement and filtered here.
    """
    wanted = {i for i in ids if i is not None}
    out: dict[Any, Any] = {}
    if not wanted:
        return out
    grouped = sa.select(table.c[key], sa.func.max(table.c[when])).group_by(table.c[key])
    if len(wanted) > WHOLE_TABLE:
        for k, v in conn.execute(grouped):
            if k in wanted:
                out[k] = _as_date(v)
        return out
    for part in chunks(wanted):
        for k, v in conn.execute(grouped.where(table.c[key].in_(part))):
            out[k] = _as_date(v)
    return out


def _as_date(v: Any) -> Any:
    # SQLite returns max() of a DATE column as text: the type is lost in an aggregate.
    if isinstance(v, str):
        return date.fromisoformat(v[:10])
    return v
