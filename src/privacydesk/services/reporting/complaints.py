"""The complaints log (APPI Art 40): what came in during a period and what became of it."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from privacydesk.domain.entities import entity
from privacydesk.services import present, records
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database

COLUMNS = ("received_on", "channel", "category", "summary", "owner", "request", "incident",
           "actions", "resolved_on", "outcome")


@dataclass(frozen=True)
class Summary:
    total: int
    resolved: int
    open: int
    by_category: list[tuple[str, int]]  # (label, count), most first
    median_days_to_resolve: float | None


def summary(db: Database, period: Period, lang: str) -> Summary:
    e = entity("complaint")
    categories: Counter[str] = Counter()
    days: list[int] = []
    total = resolved = 0
    for row in records.iterate(db, "complaint", query=period.query("received_on")):
        total += 1
        categories[row["category"]] += 1
        if row.get("resolved_on") is not None:
            resolved += 1
            days.append((row["resolved_on"] - row["received_on"]).days)
    field = e.field("category")
    by_category = [(present.choice_label(field, v, lang), n)
                   for v, n in categories.most_common()]
    return Summary(total, resolved, total - resolved, by_category,
                   statistics.median(days) if days else None)


def rows(db: Database, period: Period, lang: str, batch: int = 500
         ) -> Iterator[dict[str, str]]:
    """The complaints of the period, oldest first, as the texts a list shows."""
    e = entity("complaint")
    fields = [e.field(n) for n in COLUMNS]
    chunk: list[dict[str, Any]] = []
    for row in records.iterate(db, "complaint", query=period.query("received_on"),
                               sort="received_on"):
        chunk.append(row)
        if len(chunk) >= batch:
            yield from present.texts(db, "complaint", chunk, lang, fields, cell=False)
            chunk = []
    if chunk:
        yield from present.texts(db, "complaint", chunk, lang, fields, cell=False)
