"""The reports PrivacyDesk makes: each declared once, with its title and what it needs.

`build()` is what the command line and the window call: it makes the `Report`, runs
the report's builder on it and lays it out.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from privacydesk.domain.fields import Text
from privacydesk.reports.base import BuildResult, Progress, Report
from privacydesk.services import reporting, team
from privacydesk.services.session import Database


@dataclass(frozen=True)
class ReportSpec:
    name: str  # the command line's name: "annual", "requests", …
    title: Text
    description: Text
    builder: Callable[[Report], None]
    subject: str = "none"  # "none" | "optional" (cut to one person) | "required"
    landscape: bool = False
    contents: bool = False  # a table of contents after the cover
    period: bool = True  # False: a report of the present state (no period on it)
    # the entities the report reads (a test compares them with what it does read): a
    # team login that may not read one of them is not offered the report
    reads: tuple[str, ...] = ()


REPORTS: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> ReportSpec:
    if spec.name in REPORTS:
        raise ValueError(f"report {spec.name!r} is declared twice")
    REPORTS[spec.name] = spec
    return spec


def reports() -> list[ReportSpec]:
    """Every report, in the catalog's order."""
    from privacydesk.reports import catalog

    _load()
    rank = {name: i for i, name in enumerate(catalog.ORDER)}
    return sorted(REPORTS.values(), key=lambda s: rank.get(s.name, len(rank)))


def may_make(db: Database, s: ReportSpec) -> bool:
    """Whether this login may read everything the report reads (always, on a file)."""
    return all(team.may(db, name) for name in s.reads)


def available(db: Database) -> list[ReportSpec]:
    """The reports this login may make, in the catalog's order (a line manager on a
    team server: the inventory, training and access reports)."""
    return [s for s in reports() if may_make(db, s)]


def spec(name: str) -> ReportSpec:
    _load()
    try:
        return REPORTS[name]
    except KeyError:
        known = ", ".join(REPORTS)
        raise KeyError(f"there is no report {name!r}; the reports are: {known}") from None


class SubjectRequired(ValueError):
    pass


def build(db: Database, name: str, out: str | os.PathLike, *, lang: str = "ja",
          start: date | None = None, end: date | None = None, subject: str | None = None,
          today: date | None = None, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None,
          password: str | None = None) -> BuildResult:
    """Make report `name` for the period (default: the last twelve months up to today)."""
    s = spec(name)
    for entity_name in s.reads:  # refused before a page is laid out
        team.require(db, entity_name)
    if s.subject == "required" and not (subject or "").strip():
        raise SubjectRequired(f"the report {name!r} is about one person: give the data "
                              "subject's reference (--subject)")
    if s.subject == "none" and subject:
        raise SubjectRequired(f"the report {name!r} cannot be cut to one person")
    report = Report(db, name=name, title=s.title, lang=lang, today=today,
                    landscape_pages=s.landscape, contents=s.contents,
                    subject=(subject or "").strip() or None, progress=progress,
                    cancelled=cancelled, dated=s.period)
    if start is not None or end is not None:
        default = reporting.Period.last_months(report.today)
        report.period = reporting.Period(start or default.start, end or default.end)
    s.builder(report)
    return report.build(out, password=password)


def _load() -> None:
    """Import the report modules (each registers itself)."""
    from privacydesk.reports import catalog

    catalog.load()
