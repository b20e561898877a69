"""Access grants: when each grant is next due for review.

APPI Art 23 and PPC General Guidelines 10-6 (technical safety measures: access
control). Review due = last review + the grant's review cycle (or the setting
``access_review_months``, default 6). The last review is the later of the grant's
``last_reviewed_on`` and the latest decision on it in an access review; a grant never
reviewed counts from the day it was granted. A revoked grant has nothing due: its
status is "done".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.services import records
from privacydesk.services._clock import DONE, latest, set_due, setting
from privacydesk.services.records import Context
from privacydesk.store.models import TABLES


def cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("review_cycle_months") or setting(ctx, "access_review_months")


def last_review(row: dict[str, Any], decided: dict[int, date]) -> date | None:
    dates = [d for d in (row.get("last_reviewed_on"), decided.get(row.get("id"))) if d]
    return max(dates) if dates else row.get("granted_on")


@records.computes("grant", inputs=(
    "granted_on", "last_reviewed_on", "review_cycle_months", "revoked_on"))
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
