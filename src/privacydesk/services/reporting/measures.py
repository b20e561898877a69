"""Safety control measures A–G (APPI Art 23; PPC General Guidelines 10-1 … 10-7): where
each sub-item stands now.

A sub-item has a status of its own (implemented, partly implemented, planned, not
applicable: the officer's assessment) and a review clock (next review = last assessed +
the review cycle; see `services.measures`): a measure never assessed, or not applicable,
has no review due. The status is printed as a word with a tone — implemented good,
partly implemented warning, planned alert, not applicable neutral — so the page reads in
black and white. The counts per category and status are those of the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from privacydesk.domain.entities import MEASURE_CATEGORIES, entity
from privacydesk.services import present, records
from privacydesk.services.session import Database

# the measure's own status, in the order a table counts them, and its tone
STATUSES = ("implemented", "partial", "planned", "not_applicable")
STATUS_TONES = {"implemented": present.GOOD, "partial": present.WARNING,
                "planned": present.ALERT, "not_applicable": present.NEUTRAL}


@dataclass(frozen=True)
class Item:
    code: str
    title: str
    status: str  # one of STATUSES
    status_word: str
    owner: str  # the owner's title ("山田 太郎 (E00012)"), or ""
    evidence: str
    last_assessed_on: date | None
    next_due: date | None
    deadline_status: str | None  # ok | due_soon | overdue, None: no review due
    deadline_word: str

    @property
    def tone(self) -> str | None:
        return STATUS_TONES.get(self.status)


@dataclass
class Category:
    code: str  # A … G
    label: str  # "C 組織的安全管理措置"
    items: list[Item] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(i.status for i in self.items)


@dataclass(frozen=True)
class Overview:
    categories: list[Category]  # A … G, each with its sub-items by code (empty ones too)
    total: int
    by_status: Counter[str]
    reviews_overdue: int
    reviews_due_soon: int
    never_assessed: int  # sub-items with no assessment (not counting "not applicable")

    def status_label(self, status: str, lang: str) -> str:
        return present.choice_label(entity("safety_measure").field("status"), status, lang)


def overview(db: Database, lang: str, today: date | None = None) -> Overview:
    """Every sub-item, grouped by category A–G (the measures table is small)."""
    e = entity("safety_measure")
    rows = list(records.iterate(db, "safety_measure", today=today, sort="code"))
    owners = present.texts(db, "safety_measure", rows, lang, [e.field("owner")])
    status_f, deadline_f = e.field("status"), e.field("deadline_status")
    title = "title_ja" if lang == "ja" else "title_en"
    cats = {c.value: Category(c.value, c.label(lang)) for c in MEASURE_CATEGORIES}
    for row, names in zip(rows, owners, strict=True):
        item = Item(
            row["code"], row.get(title) or "", row["status"],
            present.choice_label(status_f, row["status"], lang), names["owner"],
            row.get("evidence") or "", row.get("last_assessed_on"), row.get("next_due"),
            row.get("deadline_status"),
            present.choice_label(deadline_f, row.get("deadline_status"), lang))
        cats.setdefault(row["category"], Category(row["category"], row["category"])
                        ).items.append(item)
    items = [i for c in cats.values() for i in c.items]
    deadlines = Counter(i.deadline_status for i in items)
    return Overview(
        list(cats.values()), len(items), Counter(i.status for i in items),
        deadlines["overdue"], deadlines["due_soon"],
        sum(1 for i in items if i.last_assessed_on is None and i.status != "not_applicable"))
