"""Safety measures A–G: when each is next due for review.

APPI Art 23; PPC General Guidelines 10 (10-1 … 10-7) and, for the review itself, 10-3
(organisational measures: evaluating and improving the handling). Next due = last
assessed + the measure's review cycle (or the setting ``measure_review_months``,
default 12). A measure never assessed has no due date (the checklist's own status
says "planned"; the built-in catalog would otherwise flood the duty list), nor has a
measure marked "not applicable".
"""

from __future__ import annotations

from typing import Any

from privacydesk.domain import rules
from privacydesk.services import records
from privacydesk.services._clock import set_due, setting
from privacydesk.services.records import Context


def cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("review_cycle_months") or setting(ctx, "measure_review_months")


@records.computes("safety_measure", inputs=(
    "last_assessed_on", "status", "review_cycle_months"), fills=("next_due", "deadline_status"))
def compute_measure(ctx: Context, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        last = row.get("last_assessed_on")
        applies = last is not None and row.get("status") != "not_applicable"
        set_due(ctx, row, "next_due", rules.next_due(last, cycle(ctx, row)) if applies else None)
