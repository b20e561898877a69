"""Read-models of the PDF reports: what each report prints, computed by the services.

The reports (privacydesk.reports) lay pages out; every figure they print comes from
here or from the services the window uses (records, duties, present), so a report and
the screen never disagree. One module per subject; this one holds what every report
needs: the period, the organization and the audit anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from privacydesk.domain import rules
from privacydesk.services import records
from privacydesk.services import settings as settings_service
from privacydesk.services.session import Database
from privacydesk.store import audit


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included (Japan time)."""

    start: date
    end: date

    @classmethod
    def last_months(cls, today: date, months: int = 12) -> Period:
        """The twelve months up to today: from the day after the same date a year ago."""
        return cls(rules.add_months(today, -months) + timedelta(days=1), today)

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")

    def holds(self, day: date | datetime | None) -> bool:
        if day is None:
            return False
        d = rules.jst_date(day) if isinstance(day, datetime) else day
        return self.start <= d <= self.end

    def text(self, lang: str = "en") -> str:
        return (f"{self.start.isoformat()} 〜 {self.end.isoformat()}" if lang == "ja"
                else f"{self.start.isoformat()} – {self.end.isoformat()}")

    def query(self, field: str) -> records.Query:
        """A list query of the rows whose `field` falls in the period."""
        return records.Query(date_field=field, date_from=self.start, date_to=self.end)


@dataclass(frozen=True)
class Organization:
    name: str
    address: str
    representative: str
    officer: str  # the Personal Information Management Officer of the record
    complaints_desk: str


def organization(db: Database) -> Organization:
    rows = records.page(db, "organization", limit=1).rows
    row = rows[0] if rows else {}
    return Organization(row.get("name") or "", row.get("address") or "",
                        row.get("representative") or "", row.get("officer") or "",
                        row.get("complaints_desk") or "")


def officer_name(db: Database) -> str:
    """Who prepares the report: the officer's name of the settings."""
    return settings_service.get(db, "officer_name") or db.officer or ""


def anchor(db: Database) -> audit.Anchor:
    """The audit chain's head now: the report prints it on its last page."""
    return audit.anchor(db)
