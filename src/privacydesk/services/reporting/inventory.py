"""The data inventory and record of processing, as it stands today.

One entry per data asset (a database, a SaaS, a file share, a paper file), with the
items a personal-information ledger keeps under APPI (PPC General Guidelines 10-3
"handling status can be checked"; JIS Q 15001 A.3.3.1): the items of personal data
(its data categories), purposes of use, storage medium and country, retention and
deletion, who may access it (the owner department, the responsible staff member and
the access grants in force), how it was acquired, entrustees and recipients, the
estimated number of people, derived data and the last review; and the GDPR Art 30(1)
record of processing (controller, lawful basis, transfers and their safeguards,
security measures).

Two flags draw the reader's eye: an asset holding a data category that is sensitive
under any of the three schemes (APPI special care-required, the company policy / JIS,
GDPR Art 9 or 10), and an asset not reviewed within the last twelve months (the ledger
is to be reviewed at least once a year; never reviewed counts as not reviewed).

A grant is in force when it has not been revoked, as the access review and the
dashboard count it (`services.access`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import present, records
from privacydesk.services.session import Database
from privacydesk.store.models import TABLES

HOME_COUNTRY = "JP"

SCHEMES: tuple[tuple[str, Text], ...] = (
    ("appi_sensitive", Text("APPI special care-required", "要配慮個人情報")),
    ("jis_sensitive", Text("sensitive under the policy (JIS)", "機微情報（方針・JIS）")),
    ("gdpr_special", Text("GDPR Art 9/10", "GDPR 9条・10条")),
)


def review_cutoff(today: date) -> date:
    """The earliest last review that still counts as within twelve months."""
    return rules.add_months(today, -12)


def review_overdue(row: dict[str, Any], today: date) -> bool:
    last = row.get("last_reviewed_on")
    return last is None or last < review_cutoff(today)


@dataclass(frozen=True)
class Category:
    name: str
    schemes: tuple[str, ...]  # the sensitive schemes it falls under (field names)

    def marks(self, lang: str) -> str:
        """The category's name, with the schemes it is sensitive under."""
        if not self.schemes:
            return self.name
        labels = dict(SCHEMES)
        inner = present.joiner(lang).join(labels[s].in_lang(lang) for s in self.schemes)
        return f"{self.name}［{inner}］" if lang == "ja" else f"{self.name} [{inner}]"


@dataclass
class Asset:
    number: int  # 1, 2, … in the order of the inventory (by name)
    row: dict[str, Any]
    text: dict[str, str]  # every stored field as a person reads it
    grants: int  # access grants in force
    categories: list[Category]
    review_overdue: bool
    abroad: bool
    purpose_codes: str
    purposes: list[str] = field(default_factory=list)  # "A text of the purpose", by code
    recipients: list[str] = field(default_factory=list)  # "name (country)"
    entrustees: list[str] = field(default_factory=list)

    @property
    def sensitive(self) -> list[Category]:
        return [c for c in self.categories if c.schemes]


@dataclass(frozen=True)
class Summary:
    assets: int
    sensitive: int  # with a category sensitive under any scheme
    appi_sensitive: int  # with an APPI special care-required category
    review_overdue: int  # not reviewed within twelve months (or never)
    never_reviewed: int
    abroad: int  # stored outside Japan
    with_recipients: int  # provided to third parties
    with_entrustees: int
    grants: int  # access grants in force on the listed assets


def current_grants(db: Database) -> dict[int, int]:
    """{asset id: number of grants in force}."""
    g = TABLES["grant"]
    with db.read() as conn:
        return dict(conn.execute(sa.select(g.c.asset, sa.func.count())
                                 .where(g.c.revoked_on.is_(None)).group_by(g.c.asset)).all())


def _categories(db: Database, lang: str = "en") -> dict[int, Category]:
    rows = list(records.iterate(db, "data_category"))
    names = present.titles(db, "data_category", [r["id"] for r in rows], lang)
    return {r["id"]: Category(names[r["id"]], tuple(n for n, _ in SCHEMES
                                                    if r.get(n) is not None))
            for r in rows}


def _counterparties(db: Database) -> dict[int, tuple[str, str]]:
    return {r["id"]: (r["name"], r.get("country") or "")
            for r in records.iterate(db, "counterparty")}


def summary(db: Database, today: date) -> Summary:
    cats = _categories(db)
    grants = current_grants(db)
    n = sens = appi = overdue = never = abroad = recip = entr = held = 0
    for row in records.iterate(db, "data_asset", today=today):
        n += 1
        mine = [cats[c] for c in row.get("data_categories") or [] if c in cats]
        sens += any(c.schemes for c in mine)
        appi += any("appi_sensitive" in c.schemes for c in mine)
        overdue += review_overdue(row, today)
        never += row.get("last_reviewed_on") is None
        abroad += (row.get("storage_country") or HOME_COUNTRY) != HOME_COUNTRY
        recip += bool(row.get("recipients"))
        entr += bool(row.get("entrustees"))
        held += grants.get(row["id"], 0)
    return Summary(n, sens, appi, overdue, never, abroad, recip, entr, held)


def assets(db: Database, lang: str, today: date, *, batch: int = 200) -> Iterator[Asset]:
    """Every data asset, by name, with what the inventory prints of it."""
    e = entity("data_asset")
    cats = _categories(db, lang)
    grants = current_grants(db)
    parties = _counterparties(db)
    purposes = {r["id"]: (r["code"], r["text_ja"] if lang == "ja" else r["text_en"])
                for r in records.iterate(db, "purpose")}
    shown = [f for f in e.fields if not f.computed or f.name == "access_holders"]
    number = 0
    chunk: list[dict[str, Any]] = []

    def flush() -> Iterator[Asset]:
        nonlocal number
        for row, text in zip(chunk, present.texts(db, "data_asset", chunk, lang, shown,
                                                  cell=False), strict=True):
            number += 1

            def named(ids: list[int] | None) -> list[str]:
                out = []
                for i in ids or []:
                    name, country = parties.get(i, (f"#{i}", ""))
                    out.append(f"{name} ({country})" if country else name)
                return out

            mine = sorted(purposes.get(p, (f"#{p}", "")) for p in row.get("purposes") or [])
            yield Asset(
                number, row, text, grants.get(row["id"], 0),
                [cats[c] for c in row.get("data_categories") or [] if c in cats],
                review_overdue(row, today),
                (row.get("storage_country") or HOME_COUNTRY) != HOME_COUNTRY,
                present.joiner(lang).join(code for code, _ in mine),
                [f"{code} {text}".strip() for code, text in mine],
                named(row.get("recipients")), named(row.get("entrustees")))
        chunk.clear()

    for row in records.iterate(db, "data_asset", sort="name", today=today):
        chunk.append(row)
        if len(chunk) >= batch:
            yield from flush()
    yield from flush()


def people_text(n: int | None, lang: str) -> str:
    """An estimated number of people as ledgers write it: "約120,000人"."""
    if n is None:
        return "未把握" if lang == "ja" else "not estimated"
    return f"約{n:,}人" if lang == "ja" else f"about {n:,}"
