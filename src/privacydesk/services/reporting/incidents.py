"""The incident register: every leak, loss or damage the company knew of in a period.

GDPR Art 33(5) asks for a record of every personal data breach, reportable or not; the
APPI asks for a report to the PPC (Art 26(1), PPC Rules Arts 7–8) of the reportable
ones and a notice to the individuals (Art 26(2), Rules Art 10). An incident belongs to
the period in which the company knew of it (``known_at``, the JST day). Its triggers,
reportability and due dates are those the incident computations give
(``services.incidents``); a report counts as filed once an incident report of its kind
is recorded:

- PPC preliminary report: filed on the day of the preliminary report, or of a final
  report filed without one (it stands for both, PPC General Guidelines 3-5-3-3);
- PPC final report: filed on the day of the final report;
- GDPR supervisory authority: notified at the recorded time, or on the day of a GDPR
  authority report; on time when by the 72 hours (a day alone: by the JST day they end);
- on time: filed on or before the due date.

For each reportable incident, the report prints what was filed with the PPC and drafts
the next report still owed (`draft_report`: a final report once a preliminary one was
filed, else a preliminary one), item by item in the order of PPC Rules Art 8(1).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import incidents as incident_service
from privacydesk.services import records
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database

# The nine items of a report to the PPC, in the order of PPC Rules Art 8(1), with the
# wording of the Rules (Japanese) and its English.
ITEMS: tuple[tuple[str, Text], ...] = (
    ("overview", Text("Overview", "概要")),
    ("data_items", Text("Items of the personal data leaked, or possibly leaked",
                        "漏えい等が発生し、又は発生したおそれがある個人データの項目")),
    ("people_count", Text("Number of the people whose personal data was leaked, or possibly "
                          "leaked",
                          "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数")),
    ("cause", Text("Cause", "原因")),
    ("secondary_damage", Text("Whether there is secondary damage or a risk of it, and what "
                              "it is", "二次被害又はそのおそれの有無及びその内容")),
    ("individuals_response", Text("Response to the individuals", "本人への対応の実施状況")),
    ("publication", Text("Publication", "公表の実施状況")),
    ("prevention", Text("Measures to prevent recurrence", "再発防止のための措置")),
    ("other", Text("Other matters for reference", "その他参考となる事項")),
)
if tuple(name for name, _ in ITEMS) != incident_service.REPORT_ITEMS:  # pragma: no cover
    raise AssertionError("the items of a PPC report are out of step with the services")

PPC_KINDS = ("ppc_preliminary", "ppc_final")
TRIGGERS = ("trigger_sensitive", "trigger_financial", "trigger_wrongful", "trigger_over_1000")


@dataclass(frozen=True)
class Filing:
    """One report an incident owes: when it is due and when it was filed."""

    kind: str  # ppc_preliminary | ppc_final | gdpr_authority
    due: date | datetime | None
    filed: date | datetime | None  # None: not yet
    reference: str = ""

    @property
    def on_time(self) -> bool | None:
        """Filed by the due date (None: not filed, or nothing due)."""
        if self.filed is None or self.due is None:
            return None
        if isinstance(self.due, datetime) and not isinstance(self.filed, datetime):
            return self.filed <= rules.jst_date(self.due)
        return self.filed <= self.due


@dataclass(frozen=True)
class Entry:
    number: int  # 1, 2, … in the order known
    row: dict[str, Any]  # the incident, computed
    reports: list[dict[str, Any]]  # the incident reports filed, oldest first
    preliminary: Filing | None  # None: not reportable
    final: Filing | None
    gdpr: Filing | None  # None: the GDPR does not apply

    @property
    def ppc_filings(self) -> list[Filing]:
        return [f for f in (self.preliminary, self.final) if f is not None]

    def filed(self, kind: str) -> dict[str, Any] | None:
        return next((r for r in self.reports if r["kind"] == kind), None)


@dataclass
class Register:
    entries: list[Entry]
    by_cause: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (cause, its label, reportable, not reportable), in the order of the causes

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def reportable(self) -> int:
        return sum(1 for e in self.entries if e.row["reportable"])

    def _ppc(self) -> list[Filing]:
        return [f for e in self.entries for f in e.ppc_filings]

    @property
    def ppc_filed(self) -> int:
        """PPC reports (preliminary and final) filed."""
        return sum(1 for f in self._ppc() if f.filed is not None)

    @property
    def ppc_on_time(self) -> int:
        return sum(1 for f in self._ppc() if f.on_time)

    @property
    def ppc_owed(self) -> int:
        """PPC reports not filed yet."""
        return sum(1 for f in self._ppc() if f.filed is None)

    def filed_of(self, kind: str) -> tuple[int, int, int]:
        """(filed, of them on time, owed) of one kind of PPC report."""
        fs = [f for e in self.entries for f in e.ppc_filings if f.kind == kind]
        return (sum(1 for f in fs if f.filed is not None), sum(1 for f in fs if f.on_time),
                sum(1 for f in fs if f.filed is None))

    @property
    def gdpr(self) -> tuple[int, int, int]:
        """(incidents the GDPR applies to, notified to the authority, of them in time)."""
        fs = [e.gdpr for e in self.entries if e.gdpr is not None]
        return (len(fs), sum(1 for f in fs if f.filed is not None),
                sum(1 for f in fs if f.on_time))

    @property
    def notified(self) -> int:
        """Reportable incidents whose individuals were notified, or an alternative
        measure was taken."""
        return sum(1 for e in self.entries if e.row["reportable"] and (
            e.row.get("individuals_notified_on") is not None
            or (e.row.get("alternative_measure") or "").strip()))

    @property
    def closed(self) -> int:
        return sum(1 for e in self.entries if e.row.get("closed_on") is not None)

    @property
    def awaiting_report(self) -> int:
        """Incidents with a report still owed (the list's "a report is owed" filter)."""
        return sum(1 for e in self.entries
                   if e.row.get("deadline_status") in (rules.OVERDUE, rules.DUE_SOON, rules.OK))


def register(db: Database, period: Period, lang: str, *, today: date | None = None
             ) -> Register:
    """The incidents known in the period, in the order known, with their reports."""
    rows = list(records.iterate(db, "incident", query=period.query("known_at"),
                                sort="known_at", today=today))
    reports: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for rep in records.iterate(db, "incident_report", today=today, query=records.Query(
                equals={"incident": [r["id"] for r in rows]}), sort="submitted_on"):
            reports.setdefault(rep["incident"], []).append(rep)
    entries = []
    for n, row in enumerate(rows, 1):
        filed = reports.get(row["id"], [])
        by_kind = {r["kind"]: r for r in reversed(filed)}  # the first of each kind
        prelim = final = gdpr = None
        if row["reportable"]:
            p = by_kind.get("ppc_preliminary") or by_kind.get("ppc_final")
            prelim = Filing("ppc_preliminary", row["ppc_preliminary_due"],
                            p["submitted_on"] if p else None, (p or {}).get("reference") or "")
            f = by_kind.get("ppc_final")
            final = Filing("ppc_final", row["ppc_final_due"], f["submitted_on"] if f else None,
                           (f or {}).get("reference") or "")
        if row.get("gdpr_applies"):
            g = by_kind.get("gdpr_authority")
            notified = row.get("authority_notified_at") or (g["submitted_on"] if g else None)
            gdpr = Filing("gdpr_authority", row["gdpr_authority_due"], notified,
                          (g or {}).get("reference") or "")
        entries.append(Entry(n, row, filed, prelim, final, gdpr))
    causes = Counter((e.row["cause"], bool(e.row["reportable"])) for e in entries)
    cause_field = entity("incident").field("cause")
    by_cause = [(c.value, c.label(lang), causes[(c.value, True)], causes[(c.value, False)])
                for c in cause_field.choices
                if causes[(c.value, True)] or causes[(c.value, False)]]
    return Register(entries, by_cause)


@dataclass(frozen=True)
class PpcReport:
    """A report to the PPC as the register prints it: filed, or a draft of the next."""

    kind: str  # ppc_preliminary | ppc_final
    draft: bool  # True: drafted from the record today, not filed
    submitted_on: date | None  # the day filed (a draft: None)
    reference: str
    items: list[tuple[str, Text, Any]]  # (item, its wording, the answer), Art 8(1) order


def ppc_reports(db: Database, entry: Entry, lang: str, *, today: date | None = None
                ) -> list[PpcReport]:
    """What the register prints for a reportable incident: each PPC report filed, then a
    draft of the next one still owed (none once the final report is filed)."""
    if not entry.row["reportable"]:
        return []
    out = []
    for kind in PPC_KINDS:
        rep = entry.filed(kind)
        if rep is not None:
            out.append(PpcReport(kind, False, rep["submitted_on"], rep.get("reference") or "",
                                 [(n, t, rep.get(n)) for n, t in ITEMS]))
    if entry.filed("ppc_final") is None:
        kind = "ppc_final" if entry.filed("ppc_preliminary") is not None else "ppc_preliminary"
        values = incident_service.draft_report(db, entry.row["id"], kind, lang=lang,
                                               today=today)
        out.append(PpcReport(kind, True, None, "", [(n, t, values.get(n)) for n, t in ITEMS]))
    return out
