"""The request log with service levels: what came in during a period and how fast it
was answered.

A request belongs to the period in which it was received (``received_on``). Its due date
and deadline status are the ones the request computations give (``services.requests``:
the APPI internal target, the GDPR month with its extension and identity rules), so
the log and the request list never disagree. The figures:

- answered: a response date is recorded (``responded_on``); a request the person
  withdrew was never answered and owes nothing;
- on time: answered on or before its due date; late: answered after it, or still open
  and past it today (an open request already overdue counts as late, whatever happens
  next); an open request not yet due, and one whose GDPR identity proof is awaited (the
  clock has not started, Art 12(6)), are not judged yet;
- on-time share = on time / (on time + late), of the judged requests;
- days to respond: from the received date to the response date, calendar days; the
  median over the answered requests;
- extensions: GDPR requests extended by two further months (Art 12(3)); APPI has none;
- refusals by ground: the refusal ground recorded with a refusal (APPI Art 33(2), Art 35
  provisos), a partial response or an alternative measure;
- fees: the fees recorded on the requests (APPI Art 38), in yen.

"Open now" and "overdue now" count every request of any period as of today, exactly as
the dashboard does (``services.duties``): open = not responded, closed nor withdrawn;
overdue = the request duties past their date, the follow-up of an awaited identity
proof included.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.domain.values import REQUEST_KINDS
from privacydesk.services import duties, records
from privacydesk.services import requests as request_service
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database

# How each request stands for service levels (see the module docstring).
ON_TIME, LATE, OVERDUE, DUE_SOON, OPEN, AWAITING_ID, WITHDRAWN, NO_DUE = (
    "on_time", "late", "overdue", "due_soon", "open", "awaiting_identity", "withdrawn",
    "no_due")
JUDGED = frozenset({ON_TIME, LATE, OVERDUE})

TIMELINESS: dict[str, Text] = {
    ON_TIME: Text("On time", "期限内に回答"),
    LATE: Text("Late", "期限後に回答"),
    OVERDUE: Text("Overdue", "期限超過"),
    DUE_SOON: Text("Due soon", "期限間近"),
    OPEN: Text("Open", "未回答"),
    AWAITING_ID: Text("Awaiting ID proof", "本人確認待ち"),
    WITHDRAWN: Text("Withdrawn", "取下げ"),
    NO_DUE: Text("No due date", "期限なし"),
}

# The families the charts group the thirteen kinds of request into.
FAMILIES: tuple[tuple[str, Text], ...] = (
    ("disclosure", Text("Disclosure (Arts 32–33)", "開示等（32・33条）")),
    ("correction", Text("Correction (Art 34)", "訂正等（34条）")),
    ("suspension", Text("Suspension (Art 35)", "利用停止等（35条）")),
    ("gdpr", Text("GDPR (Arts 15–22)", "GDPR（15〜22条）")),
)
_FAMILY = {"appi_purpose": "disclosure", "appi_disclosure": "disclosure",
           "appi_records": "disclosure", "appi_correction": "correction",
           "appi_suspension": "suspension", "appi_stop_provision": "suspension"}


def family(kind: str) -> str:
    return _FAMILY.get(kind, "gdpr" if kind.startswith("gdpr_") else "disclosure")


def timeliness(row: dict[str, Any]) -> str:
    """How a computed request row stands (one of the constants above)."""
    due, responded = row.get("due_on"), row.get("responded_on")
    if responded is not None:
        if due is None:
            return NO_DUE
        return ON_TIME if responded <= due else LATE
    if row.get("status") == "withdrawn" or row.get("withdrawn_on") is not None:
        return WITHDRAWN
    status = row.get("deadline_status")
    if status == rules.OVERDUE:
        return OVERDUE
    if status == rules.DUE_SOON:
        return DUE_SOON
    if status == rules.OK:
        return OPEN
    if request_service.awaiting_identity(row):
        return AWAITING_ID
    return NO_DUE


def days_to_respond(row: dict[str, Any]) -> int | None:
    if row.get("responded_on") is None or row.get("received_on") is None:
        return None
    return (row["responded_on"] - row["received_on"]).days


@dataclass
class Tally:
    """Counts of one group of requests (a kind, a month, the whole period)."""

    received: int = 0
    answered: int = 0
    open: int = 0
    withdrawn: int = 0
    on_time: int = 0
    late: int = 0  # answered late, or open and overdue
    overdue: int = 0  # of `late`: open and past the due date today
    awaiting_identity: int = 0
    days: list[int] = field(default_factory=list, repr=False)

    def add(self, row: dict[str, Any], how: str) -> None:
        self.received += 1
        if row.get("responded_on") is not None:
            self.answered += 1
            self.days.append(days_to_respond(row))  # type: ignore[arg-type]
        elif how == WITHDRAWN:
            self.withdrawn += 1
        else:
            self.open += 1
        if how == ON_TIME:
            self.on_time += 1
        elif how in (LATE, OVERDUE):
            self.late += 1
            self.overdue += how == OVERDUE
        elif how == AWAITING_ID:
            self.awaiting_identity += 1

    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_share(self) -> float | None:
        """Per cent of the judged requests answered on time (None: none judged)."""
        return 100.0 * self.on_time / self.judged if self.judged else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    law: str  # the law's label
    tally: Tally


@dataclass(frozen=True)
class GroundLine:
    ground: int
    code: str
    text: str
    article: str
    decisions: dict[str, int]  # decision value -> requests

    @property
    def total(self) -> int:
        return sum(self.decisions.values())


@dataclass(frozen=True)
class MonthLine:
    month: date  # the first day of the month
    by_family: dict[str, int]
    tally: Tally

    @property
    def label(self) -> str:
        return f"{self.month.year}-{self.month.month:02d}"


@dataclass(frozen=True)
class Summary:
    total: Tally
    kinds: list[KindLine]  # in the order of the kinds, those received only
    decisions: list[tuple[str, str, int]]  # (value, label, requests), declared order
    grounds: list[GroundLine]  # most used first
    months: list[MonthLine]  # every month of the period, oldest first
    gdpr: int  # GDPR requests received
    extended: int  # of them, extended (Art 12(3))
    fees_total: int  # yen
    fees_count: int  # requests that charged a fee

    @property
    def refused(self) -> int:
        return next((n for v, _, n in self.decisions if v == "refused"), 0)


def months_of(period: Period) -> list[date]:
    """The first day of every calendar month the period touches."""
    out = []
    d = date(period.start.year, period.start.month, 1)
    while d <= period.end:
        out.append(d)
        d = rules.add_months(d, 1)
    return out


def summary(db: Database, period: Period, lang: str, *, today: date | None = None
            ) -> Summary:
    """Service levels of the requests received in the period (one pass over them)."""
    e = entity("request")
    total = Tally()
    by_kind: dict[str, Tally] = {}
    months = {m: (Counter(), Tally()) for m in months_of(period)}
    decisions: Counter[str] = Counter()
    grounds: dict[int, Counter[str]] = {}
    gdpr = extended = fees_total = fees_count = 0
    for row in records.iterate(db, "request", query=period.query("received_on"),
                               today=today):
        how = timeliness(row)
        total.add(row, how)
        by_kind.setdefault(row["kind"], Tally()).add(row, how)
        month = months[date(row["received_on"].year, row["received_on"].month, 1)]
        month[0][family(row["kind"])] += 1
        month[1].add(row, how)
        if row.get("decision"):
            decisions[row["decision"]] += 1
            if row.get("refusal_ground") is not None:
                grounds.setdefault(row["refusal_ground"], Counter())[row["decision"]] += 1
        if row.get("law") == "GDPR":
            gdpr += 1
            extended += bool(row.get("extended"))
        if row.get("fee"):
            fees_total += row["fee"]
            fees_count += 1
    law_f, decision_f = e.field("law"), e.field("decision")
    kinds = [KindLine(c.value, c.label(lang),
                      law_f.choice_label("GDPR" if c.value.startswith("gdpr_") else "APPI",
                                         lang), by_kind[c.value])
             for c in REQUEST_KINDS if c.value in by_kind]
    ground_rows = {g["id"]: g for g in records.iterate(
        db, "refusal_ground", query=records.Query(ids=tuple(grounds)))} if grounds else {}
    ground_lines = sorted(
        (GroundLine(gid, (ground_rows.get(gid) or {}).get("code") or f"#{gid}",
                    (ground_rows.get(gid) or {}).get("text_ja" if lang == "ja" else "text_en")
                    or "", (ground_rows.get(gid) or {}).get("article") or "", dict(counts))
         for gid, counts in grounds.items()),
        key=lambda g: (-g.total, g.code))
    return Summary(
        total=total, kinds=kinds,
        decisions=[(c.value, c.label(lang), decisions[c.value]) for c in decision_f.choices
                   if decisions[c.value]],
        grounds=ground_lines,
        months=[MonthLine(m, dict(c), t) for m, (c, t) in months.items()],
        gdpr=gdpr, extended=extended, fees_total=fees_total, fees_count=fees_count)


@dataclass(frozen=True)
class Backlog:
    """Requests of any period, as of today, as the dashboard counts them."""

    open: int  # duties.summary()["open_requests"]
    overdue: int  # request duties overdue on the dashboard's duty list


def backlog_of(counts: dict[str, Any], duty_list: list[duties.Duty]) -> Backlog:
    """The backlog from what `duties.overview` returned (a report that reads it anyway)."""
    return Backlog(counts["open_requests"], sum(
        1 for d in duty_list if d.kind == "request_response" and d.status == rules.OVERDUE))


def backlog(db: Database, *, today: date | None = None) -> Backlog:
    counts, duty_list = duties.overview(db, today=today)
    return backlog_of(counts, duty_list)


# --- the log ------------------------------------------------------------------------------

LOG_COLUMNS = ("received_on", "kind", "law", "subject_ref", "status", "decision",
               "refusal_ground", "due_on", "responded_on")


@dataclass(frozen=True)
class LogLine:
    texts: dict[str, str]  # the texts of LOG_COLUMNS (the refusal ground by its code)
    timeliness: str  # see `timeliness`
    days: int | None  # days to respond


def log(db: Database, period: Period, lang: str, *, today: date | None = None
        ) -> Iterator[LogLine]:
    """Every request of the period in the order received (then as entered), streamed."""
    e = entity("request")
    fields = {n: e.field(n) for n in LOG_COLUMNS if n != "refusal_ground"}
    labels = {n: {c.value: c.label(lang) for c in f.choices}
              for n, f in fields.items() if f.choices}
    codes = {g["id"]: g["code"] for g in records.iterate(db, "refusal_ground")}
    for row in records.iterate(db, "request", query=period.query("received_on"),
                               sort="received_on", today=today):
        texts = {}
        for n in LOG_COLUMNS:
            v = row.get(n)
            if v is None:
                texts[n] = ""
            elif n == "refusal_ground":
                texts[n] = codes.get(v, f"#{v}")
            elif n in labels:
                texts[n] = labels[n].get(v, str(v))
            elif isinstance(v, date):
                texts[n] = v.isoformat()
            else:
                texts[n] = str(v)
        yield LogLine(texts, timeliness(row), days_to_respond(row))
