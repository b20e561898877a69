"""Deadline and duty rules (README.md, "Deadlines and duties").

Pure functions: no Qt, no SQL, and the clock is never read here. "Today" or "now"
is always a parameter. Every default below is configurable through the keyword
arguments. Article numbers are those of the Act on the Protection of Personal
Information (APPI) as renumbered in 2022, unless marked GDPR. "PPC Rules" means the
Enforcement Rules for the APPI. The period rules of the Civil Code (Arts 140–143)
govern how APPI periods are counted.
"""

from __future__ import annotations

import calendar as _calendar
import threading
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from privacydesk.domain.values import DUE_SOON, OK, OVERDUE, PROVISION_BASIS_VALUES

__all__ = [
    "DUE_SOON",
    "OK",
    "OVERDUE",
    "PROVISION_BASES",
    "add_months",
    "deadline_status",
    "dsr_due",
    "gdpr_authority_due",
    "incident_reportable",
    "incident_triggers",
    "is_closed_day",
    "jst_date",
    "next_due",
    "next_open_day",
    "ppc_final_due",
    "ppc_preliminary_due",
    "ppc_preliminary_soon_from",
    "provision_record_required",
    "provision_record_retain_until",
    "training_expires_on",
]


_JST = ZoneInfo("Asia/Tokyo")

# Legal basis of a provision to a third party (Art 27, Art 28), as stored on a provision
# (declared with its labels in domain.values): consent (27(1)), art28_consent (28(1)),
# opt_out (27(2)), exception_27_1 (27(1)(i)-(vii)), entrustment (27(5)(i): not a
# "third party"), succession (27(5)(ii)), joint_use (27(5)(iii)).
PROVISION_BASES: tuple[str, ...] = PROVISION_BASIS_VALUES

# Bases for which Art 29(1) / Art 30(1) provisos exempt the record.
_RECORD_EXEMPT_BASES = frozenset({"exception_27_1", "entrustment", "succession", "joint_use"})

_TRIGGERS: tuple[str, ...] = ("sensitive", "financial", "wrongful", "over_1000")

# Retention of Art 29/30 records in months, by how the record is kept.
_RETENTION_MONTHS = {"contract": 12, "bulk": 36, "each": 36}

_holidays_lock = threading.Lock()


# --- calendar arithmetic ---------------------------------------------------------------


def add_months(d: date, n: int) -> date:
    """The same day ``n`` months later (``n`` may be negative).

    When the target month has no such day, the month's last day: 31 Jan + 1 month
    = 28 Feb (29 Feb in a leap year). This is the Civil Code Art 143(2) rule for
    periods counted in months, and GDPR's Regulation (EEC, Euratom) 1182/71
    Art 3(2)(c).
    """
    months = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(months, 12)
    month = month0 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"{d.isoformat()} + {n} months is outside the supported years")
    return date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


@cache
def _country_holidays(code: str) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(code)
    except NotImplementedError:
        raise ValueError(
            f"unknown holiday calendar {code!r}: expected a country code of the "
            "holidays library, such as 'JP', 'DE', 'FR' or 'GB'"
        ) from None


def _is_holiday(d: date, calendar: str) -> bool:
    code = calendar.strip().upper() if isinstance(calendar, str) else ""
    if not code:
        raise ValueError(f"unknown holiday calendar {calendar!r}")
    # The holidays object fills in years lazily on lookup; worker threads share it.
    with _holidays_lock:
        return d in _country_holidays(code)


def _is_year_end(d: date) -> bool:
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


def is_closed_day(d: date, calendar: str = "JP", *, year_end: bool = False) -> bool:
    """Whether ``d`` is a Saturday, Sunday or public holiday of ``calendar``.

    ``calendar`` is a country code of the ``holidays`` library ("JP", "DE", "FR",
    "GB", ...). The Japanese calendar is that of the National Holidays Act, with
    substitute holidays (Art 3(2)) and citizens' holidays (Art 3(3)). With
    ``year_end=True`` 29 December–3 January is closed too (the government's
    year-end closure, Act on Holidays of Administrative Organs Art 1(1)(iii)),
    as used for the PPC final report (PPC Rules Art 8(2)). Civil Code Art 142 is
    the rule that a period ending on such a day runs to the next open day.

    Raises ValueError for an unknown calendar code.
    """
    if isinstance(d, datetime):
        raise TypeError("is_closed_day takes a date, not a datetime")
    holiday = _is_holiday(d, calendar)  # validates the calendar code on every call
    return d.weekday() >= 5 or holiday or (year_end and _is_year_end(d))


def next_open_day(d: date, calendar: str = "JP", *, year_end: bool = False) -> date:
    """``d`` itself if it is open, else the next day that is not closed.

    "Closed" as in :func:`is_closed_day`. Rolling a deadline forward: Civil Code
    Art 142; GDPR Regulation 1182/71 Art 3(4).
    """
    while is_closed_day(d, calendar, year_end=year_end):
        d += timedelta(days=1)
    return d


# --- data-subject requests -------------------------------------------------------------


def dsr_due(
    law: str,
    received_on: date,
    *,
    extended: bool = False,
    calendar: str = "JP",
    appi_days: int = 14,
    gdpr_months: int = 1,
    gdpr_extended_months: int = 3,
) -> date:
    """Due date of a data-subject request.

    "APPI": the Act says "without delay" (Arts 32–35); the internal target is the
    received date + ``appi_days`` calendar days, because under Art 39(1) the
    person may sue two weeks after the request arrived. No holiday rolling;
    ``extended`` and ``calendar`` do not apply (the Act has no extension).

    "GDPR": Art 12(3): one month from receipt (``add_months``), or three months in
    total when ``extended`` (two further months; the person must be told within
    the first month). A deadline that falls on a Saturday, Sunday or public
    holiday of ``calendar`` moves to the next working day (Regulation 1182/71
    Art 3(4)). When identity is in doubt, pass the day the proof arrived as
    ``received_on`` (Art 12(6)).

    Raises ValueError for an unknown law.
    """
    if law == "APPI":
        return received_on + timedelta(days=appi_days)
    if law == "GDPR":
        due = add_months(received_on, gdpr_extended_months if extended else gdpr_months)
        return next_open_day(due, calendar)
    raise ValueError(f"unknown law {law!r}: expected 'APPI' or 'GDPR'")


# --- incidents -------------------------------------------------------------------------


def incident_triggers(
    *, sensitive: bool, financial_risk: bool, wrongful_purpose: bool, affected_max: int
) -> tuple[str, ...]:
    """Which reporting triggers of PPC Rules Art 7 apply, in the order of that article.

    "sensitive" = item (i), sensitive personal information (Art 2(3));
    "financial" = item (ii), risk of financial damage by unauthorised use;
    "wrongful" = item (iii), suspected wrongful purpose (unauthorised access,
    ransomware, insider theft); "over_1000" = item (iv), more than 1,000 people
    (1,000 exactly is not; ``affected_max`` is the maximum estimate). Suspected
    cases count (Art 26(1): "leak ... or the possibility of such").
    """
    if affected_max < 0:
        raise ValueError(f"affected_max must not be negative, got {affected_max}")
    flags = (sensitive, financial_risk, wrongful_purpose, affected_max > 1000)
    return tuple(name for name, on in zip(_TRIGGERS, flags, strict=True) if on)


def incident_reportable(
    *,
    sensitive: bool,
    financial_risk: bool,
    wrongful_purpose: bool,
    affected_max: int,
    high_level_encryption: bool,
) -> bool:
    """Whether an incident must be reported to the PPC (Art 26(1), PPC Rules Art 7).

    Reportable when any trigger of :func:`incident_triggers` applies, unless the
    personal data was protected by high-level encryption or an equivalent measure
    (the exclusion in the opening words of PPC Rules Art 7; pass ``False`` when
    the key leaked too).
    """
    triggers = incident_triggers(
        sensitive=sensitive,
        financial_risk=financial_risk,
        wrongful_purpose=wrongful_purpose,
        affected_max=affected_max,
    )
    return bool(triggers) and not high_level_encryption


def ppc_preliminary_due(known_on: date, *, days: int = 5) -> date:
    """Target date of the PPC preliminary report (PPC Rules Art 8(1): "promptly").

    PPC General Guidelines 3-5-3-3: about 3–5 days. The day the company knew
    (``known_on``, a JST date, see :func:`jst_date`) is day 1, so the target is
    ``known_on + (days - 1)``. No holiday rolling.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    return known_on + timedelta(days=days - 1)


def ppc_preliminary_soon_from(known_on: date) -> date:
    """The day the PPC preliminary report becomes "due soon": the 3rd day (``known_on + 2``).

    PPC Rules Art 8(1); PPC General Guidelines 3-5-3-3 (about 3–5 days).
    """
    return known_on + timedelta(days=2)


def ppc_final_due(
    known_on: date, *, wrongful_purpose: bool, days: int = 30, wrongful_days: int = 60
) -> date:
    """Due date of the PPC final report (PPC Rules Art 8(2)).

    30 days, or 60 days when trigger (iii) (wrongful purpose) applies, even together
    with other triggers. The day the company knew is day 1 (PPC General Guidelines
    3-5-3-4), so the last day is ``known_on + 29`` (or ``+ 59``). If that day is a
    Saturday, Sunday, Japanese national holiday (incl. substitute and citizens'
    holidays) or falls in 29 Dec–3 Jan, it moves to the next day that is none of
    these (Civil Code Art 142; Act on Holidays of Administrative Organs Art 1).
    """
    count = wrongful_days if wrongful_purpose else days
    if count < 1:
        raise ValueError(f"the report period must be at least 1 day, got {count}")
    return next_open_day(known_on + timedelta(days=count - 1), "JP", year_end=True)


def gdpr_authority_due(aware_at: datetime, *, hours: int = 72) -> datetime:
    """Deadline to notify the supervisory authority: GDPR Art 33(1), 72 hours from awareness.

    ``aware_at`` must be timezone-aware. The hours are real elapsed time (across a
    DST change the wall-clock result differs by an hour); the result is expressed
    in ``aware_at``'s tzinfo.
    """
    _require_aware(aware_at, "aware_at")
    tz = aware_at.tzinfo
    return (aware_at.astimezone(UTC) + timedelta(hours=hours)).astimezone(tz)


# --- records, training, periodic reviews ------------------------------------------------


def provision_record_retain_until(last_provided_on: date, method: str) -> date:
    """Retention end of an Art 29 (provider) / Art 30 (recipient) record.

    PPC Rules Art 21 (provider) and Art 25 (recipient); Arts 14 and 18 in the
    rules as numbered before the 2022 amendment:
    "contract" — the record is substituted by a contract etc.: 1 year from the last
    provision; "bulk" — continuous/bulk record: 3 years from the last provision;
    "each" — a record for each provision: 3 years from that provision (pass that
    provision's date). Computed with :func:`add_months` (12 or 36 months).
    """
    try:
        months = _RETENTION_MONTHS[method]
    except KeyError:
        raise ValueError(
            f"unknown record method {method!r}: expected one of {tuple(_RETENTION_MONTHS)}"
        ) from None
    return add_months(last_provided_on, months)


def provision_record_required(basis: str) -> bool:
    """Whether an Art 29 / Art 30 record is required for a provision with this basis.

    Not required when the provision falls under an exception of Art 27(1)
    ("exception_27_1") or Art 27(5) ("entrustment", "succession", "joint_use"),
    per the provisos of Art 29(1) and Art 30(1); required for "consent",
    "art28_consent" (Art 28(1)) and "opt_out" (Art 27(2)). Accepted codes:
    :data:`PROVISION_BASES`.
    """
    if basis not in PROVISION_BASES:
        raise ValueError(f"unknown provision basis {basis!r}: expected one of {PROVISION_BASES}")
    return basis not in _RECORD_EXEMPT_BASES


def training_expires_on(completed_on: date, refresher_months: int) -> date:
    """Expiry of a training completion: completion date + the course's refresher months.

    Supervision of employees, Art 24; PPC General Guidelines 10-4 (human safety
    measures: education). Month arithmetic as :func:`add_months`.
    """
    return add_months(completed_on, refresher_months)


def next_due(last: date, cycle_months: int) -> date:
    """Next periodic check: ``last`` + ``cycle_months`` (as :func:`add_months`).

    Used for access-grant reviews (Art 23; PPC General Guidelines 10-6),
    entrustee audits (Art 25), foreign-transfer checks on the equivalent-measures
    basis (Art 28(3), PPC Rules Art 18(1): at least yearly) and safety-measure
    reviews (Art 23; PPC General Guidelines 10-3).
    """
    return add_months(last, cycle_months)


# --- status and time zones --------------------------------------------------------------


def _require_aware(dt: datetime, name: str) -> None:
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {dt.isoformat()}")


def _same_kind(a: date, b: date, a_name: str, b_name: str) -> None:
    """Dates compare with dates, aware datetimes with aware datetimes."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        _require_aware(a, a_name)
        _require_aware(b, b_name)
    elif isinstance(a, datetime) or isinstance(b, datetime):
        raise TypeError(
            f"{a_name} and {b_name} must both be dates or both be datetimes "
            "(for a date deadline pass jst_date(now) or the calendar date as today)"
        )


def deadline_status(
    due: date | datetime,
    today: date | datetime,
    *,
    soon_days: int = 7,
    soon_from: date | datetime | None = None,
) -> str:
    """Status of a deadline as of ``today``: :data:`OK`, :data:`DUE_SOON` or :data:`OVERDUE`.

    "overdue" when ``today`` is after ``due``; a deadline falling today is still
    "due_soon". Otherwise "due_soon" when ``due - today`` is at most ``soon_days``
    days or, when ``soon_from`` is given, when ``today >= soon_from`` (it replaces
    the day count, e.g. the 3rd day for the PPC preliminary report, PPC Rules
    Art 8(1)). Dates compare with dates; datetimes (e.g. the GDPR Art 33 72-hour
    deadline) must be timezone-aware and compare as instants.
    """
    _same_kind(due, today, "due", "today")
    if today > due:
        return OVERDUE
    if soon_from is not None:
        _same_kind(soon_from, today, "soon_from", "today")
        return DUE_SOON if today >= soon_from else OK
    return DUE_SOON if due - today <= timedelta(days=soon_days) else OK


def jst_date(dt: datetime) -> date:
    """The calendar date in Japan (Asia/Tokyo) of an aware datetime.

    Periods of Japanese law (Civil Code Arts 138–143, and so every APPI deadline)
    are counted in Japan time, whatever the workstation's time zone.
    """
    _require_aware(dt, "dt")
    return dt.astimezone(_JST).date()
