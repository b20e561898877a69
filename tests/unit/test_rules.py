"""Tests of the deadline rules (README.md, "Deadlines and duties").

Every expected value is written out by hand from a printed calendar, e.g.
``python -c 'import calendar; print(calendar.month(2026, 5))'``. Weekdays and
Japanese holidays used below:

- 2026-02: 28 Sat. 2026-03: 1 Sun, 2 Mon; Europe/Berlin to summer time on Sun 29 Mar.
- 2026-04: 3 Fri (Good Friday, DE/GB), 6 Mon (Easter Monday, DE), 29 Wed Showa Day.
- 2026-05: 2 Sat, 3 Sun Constitution Day, 4 Mon Greenery Day, 5 Tue Children's Day,
  6 Wed substitute holiday (for 3 May), 7 Thu.
- 2026-09: 19 Sat, 20 Sun, 21 Mon Respect for the Aged Day, 22 Tue citizens' holiday
  (between two holidays), 23 Wed Autumnal Equinox Day, 24 Thu.
- 2026-10: Europe/Berlin back to standard time on Sun 25 Oct.
- 2026-11: 1 Sun (America/Los_Angeles back to PST), 28 Sat, 29 Sun, 30 Mon.
- 2026-12: 28 Mon, 29 Tue, 30 Wed, 31 Thu. 2027-01: 1 Fri, 2 Sat, 3 Sun, 4 Mon.
- 2027-02: 28 Sun. 2027-03: 1 Mon, 21 Sun Vernal Equinox, 22 Mon substitute holiday.
- 2028: leap year, 29 Feb is a Tuesday; 1 Jan 2028 Sat, 3 Jan Mon, 4 Jan Tue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from privacydesk.domain import rules
from privacydesk.domain.rules import (
    DUE_SOON,
    OK,
    OVERDUE,
    PROVISION_BASES,
    add_months,
    deadline_status,
    dsr_due,
    gdpr_authority_due,
    incident_reportable,
    incident_triggers,
    is_closed_day,
    jst_date,
    next_due,
    next_open_day,
    ppc_final_due,
    ppc_preliminary_due,
    ppc_preliminary_soon_from,
    provision_record_required,
    provision_record_retain_until,
    training_expires_on,
)

D = date
TOKYO = ZoneInfo("Asia/Tokyo")
LA = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")


def _case(case_id: str, *values: object) -> object:
    return pytest.param(*values, id=case_id)


# --- add_months --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        _case("31-jan-plus-1-2026-clamps-to-28-feb", D(2026, 1, 31), 1, D(2026, 2, 28)),
        _case("31-jan-plus-1-leap-2028-clamps-to-29-feb", D(2028, 1, 31), 1, D(2028, 2, 29)),
        _case("29-feb-plus-12-lands-28-feb", D(2028, 2, 29), 12, D(2029, 2, 28)),
        _case("29-feb-plus-48-lands-29-feb", D(2028, 2, 29), 48, D(2032, 2, 29)),
        _case("31-may-plus-1-lands-30-jun", D(2026, 5, 31), 1, D(2026, 6, 30)),
        _case("31-dec-plus-2-crosses-year", D(2026, 12, 31), 2, D(2027, 2, 28)),
        _case("30-nov-plus-3", D(2026, 11, 30), 3, D(2027, 2, 28)),
        _case("15-jan-plus-0-same-day", D(2026, 1, 15), 0, D(2026, 1, 15)),
        _case("negative-31-mar-minus-1", D(2026, 3, 31), -1, D(2026, 2, 28)),
        _case("negative-leap-31-mar-minus-1", D(2024, 3, 31), -1, D(2024, 2, 29)),
        _case("negative-crosses-year", D(2026, 3, 15), -3, D(2025, 12, 15)),
        _case("negative-13-months", D(2026, 1, 15), -13, D(2024, 12, 15)),
        _case("negative-to-january", D(2026, 3, 10), -2, D(2026, 1, 10)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside the supported years"):
        add_months(D(9999, 12, 1), 1)


# --- is_closed_day / next_open_day ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "calendar", "year_end", "expected"),
    [
        _case("jp-fri-1-may-open", D(2026, 5, 1), "JP", False, False),
        _case("jp-sat-2-may", D(2026, 5, 2), "JP", False, True),
        _case("jp-sun-3-may-constitution", D(2026, 5, 3), "JP", False, True),
        _case("jp-mon-4-may-greenery", D(2026, 5, 4), "JP", False, True),
        _case("jp-tue-5-may-children", D(2026, 5, 5), "JP", False, True),
        _case("jp-wed-6-may-substitute", D(2026, 5, 6), "JP", False, True),
        _case("jp-thu-7-may-open", D(2026, 5, 7), "JP", False, False),
        _case("jp-mon-21-sep-respect-aged", D(2026, 9, 21), "JP", False, True),
        _case("jp-tue-22-sep-citizens-holiday", D(2026, 9, 22), "JP", False, True),
        _case("jp-wed-23-sep-equinox", D(2026, 9, 23), "JP", False, True),
        _case("jp-thu-24-sep-open", D(2026, 9, 24), "JP", False, False),
        _case("jp-mon-22-mar-2027-substitute", D(2027, 3, 22), "JP", False, True),
        _case("jp-mon-28-dec-open-even-year-end", D(2026, 12, 28), "JP", True, False),
        _case("jp-tue-29-dec-open-without-year-end", D(2026, 12, 29), "JP", False, False),
        _case("jp-tue-29-dec-closed-year-end", D(2026, 12, 29), "JP", True, True),
        _case("jp-thu-31-dec-closed-year-end", D(2026, 12, 31), "JP", True, True),
        _case("jp-fri-1-jan-new-year", D(2027, 1, 1), "JP", False, True),
        _case("jp-mon-4-jan-open-year-end", D(2027, 1, 4), "JP", True, False),
        _case("jp-mon-3-jan-2028-year-end", D(2028, 1, 3), "JP", True, True),
        _case("jp-mon-3-jan-2028-open", D(2028, 1, 3), "JP", False, False),
        _case("jp-lowercase-code", D(2026, 5, 6), "jp", False, True),
        _case("de-easter-monday", D(2026, 4, 6), "DE", False, True),
        _case("de-6-may-open", D(2026, 5, 6), "DE", False, False),
        _case("fr-14-jul", D(2026, 7, 14), "FR", False, True),
        _case("fr-8-may", D(2026, 5, 8), "FR", False, True),
        _case("gb-boxing-day-observed-28-dec", D(2026, 12, 28), "GB", False, True),
        _case("gb-good-friday", D(2026, 4, 3), "GB", False, True),
        _case("gb-29-apr-open", D(2026, 4, 29), "GB", False, False),
    ],
)
def test_is_closed_day(day: date, calendar: str, year_end: bool, expected: bool) -> None:
    assert is_closed_day(day, calendar, year_end=year_end) is expected


@pytest.mark.parametrize(
    ("day", "calendar", "year_end", "expected"),
    [
        _case("open-day-is-itself", D(2026, 5, 7), "JP", False, D(2026, 5, 7)),
        _case("golden-week-sat-to-thu", D(2026, 5, 2), "JP", False, D(2026, 5, 7)),
        _case("silver-week-sat-to-thu", D(2026, 9, 19), "JP", False, D(2026, 9, 24)),
        _case("new-year-fri-to-mon", D(2027, 1, 1), "JP", False, D(2027, 1, 4)),
        _case("29-dec-without-year-end", D(2026, 12, 29), "JP", False, D(2026, 12, 29)),
        _case("29-dec-with-year-end", D(2026, 12, 29), "JP", True, D(2027, 1, 4)),
        _case("de-good-friday-to-tue", D(2026, 4, 3), "DE", False, D(2026, 4, 7)),
        _case("gb-christmas-to-tue", D(2026, 12, 25), "GB", False, D(2026, 12, 29)),
    ],
)
def test_next_open_day(day: date, calendar: str, year_end: bool, expected: date) -> None:
    assert next_open_day(day, calendar, year_end=year_end) == expected


@pytest.mark.parametrize(
    ("func", "day", "calendar"),
    [
        _case("closed-unknown-code", is_closed_day, D(2026, 5, 7), "XX"),
        _case("closed-unknown-code-on-weekend", is_closed_day, D(2026, 5, 2), "XX"),
        _case("closed-empty-code", is_closed_day, D(2026, 5, 7), ""),
        _case("next-open-unknown-code", next_open_day, D(2026, 5, 7), "Japan"),
    ],
)
def test_unknown_calendar(func: Callable[..., object], day: date, calendar: str) -> None:
    with pytest.raises(ValueError, match="unknown holiday calendar"):
        func(day, calendar)


def test_holiday_objects_are_cached() -> None:
    is_closed_day(D(2026, 5, 6), "JP")
    is_closed_day(D(2027, 5, 6), "jp")
    assert rules._country_holidays("JP") is rules._country_holidays("JP")


# --- dsr_due ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law", "received", "kwargs", "expected"),
    [
        _case("appi-plus-14", "APPI", D(2026, 5, 1), {}, D(2026, 5, 15)),
        _case("appi-no-roll-on-substitute", "APPI", D(2026, 4, 22), {}, D(2026, 5, 6)),
        _case("appi-no-roll-on-sunday", "APPI", D(2026, 12, 20), {}, D(2027, 1, 3)),
        _case("appi-extended-ignored", "APPI", D(2026, 5, 1), {"extended": True}, D(2026, 5, 15)),
        _case("appi-custom-days", "APPI", D(2026, 5, 1), {"appi_days": 10}, D(2026, 5, 11)),
        _case("gdpr-open-day", "GDPR", D(2026, 3, 10), {}, D(2026, 4, 10)),
        _case("gdpr-sunday-to-monday", "GDPR", D(2026, 1, 15), {}, D(2026, 2, 16)),
        _case("gdpr-31-jan-to-sat-28-feb-to-mon", "GDPR", D(2026, 1, 31), {}, D(2026, 3, 2)),
        _case("gdpr-golden-week-sunday", "GDPR", D(2026, 4, 3), {}, D(2026, 5, 7)),
        _case("gdpr-substitute-holiday", "GDPR", D(2026, 4, 6), {}, D(2026, 5, 7)),
        _case("gdpr-citizens-holiday", "GDPR", D(2026, 8, 22), {}, D(2026, 9, 24)),
        _case("gdpr-jp-easter-monday-open", "GDPR", D(2026, 3, 6), {}, D(2026, 4, 6)),
        _case("gdpr-de-easter-monday", "GDPR", D(2026, 3, 6), {"calendar": "DE"}, D(2026, 4, 7)),
        _case("gdpr-extended-31-jan", "GDPR", D(2026, 1, 31), {"extended": True}, D(2026, 4, 30)),
        _case(
            "gdpr-extended-golden-week", "GDPR", D(2026, 2, 3), {"extended": True}, D(2026, 5, 7)
        ),
        _case("gdpr-extended-sunday", "GDPR", D(2026, 11, 30), {"extended": True}, D(2027, 3, 1)),
        _case("gdpr-custom-months", "GDPR", D(2026, 1, 10), {"gdpr_months": 2}, D(2026, 3, 10)),
    ],
)
def test_dsr_due(law: str, received: date, kwargs: dict, expected: date) -> None:
    assert dsr_due(law, received, **kwargs) == expected


@pytest.mark.parametrize(
    ("law", "kwargs", "match"),
    [
        _case("unknown-law", "CCPA", {}, "unknown law"),
        _case("law-codes-are-exact", "appi", {}, "unknown law"),
        _case("gdpr-unknown-calendar", "GDPR", {"calendar": "XX"}, "unknown holiday calendar"),
    ],
)
def test_dsr_due_errors(law: str, kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        dsr_due(law, D(2026, 5, 1), **kwargs)


# --- incidents --------------------------------------------------------------------------

_NONE = {"sensitive": False, "financial_risk": False, "wrongful_purpose": False}


@pytest.mark.parametrize(
    ("flags", "affected_max", "expected"),
    [
        _case("nothing", _NONE, 10, ()),
        _case("zero-people", _NONE, 0, ()),
        _case("exactly-1000-is-not", _NONE, 1000, ()),
        _case("1001-is", _NONE, 1001, ("over_1000",)),
        _case("sensitive-one-person", {**_NONE, "sensitive": True}, 1, ("sensitive",)),
        _case(
            "financial-and-wrongful",
            {**_NONE, "financial_risk": True, "wrongful_purpose": True},
            10,
            ("financial", "wrongful"),
        ),
        _case(
            "all-four",
            {"sensitive": True, "financial_risk": True, "wrongful_purpose": True},
            5000,
            ("sensitive", "financial", "wrongful", "over_1000"),
        ),
    ],
)
def test_incident_triggers(flags: dict, affected_max: int, expected: tuple) -> None:
    assert incident_triggers(**flags, affected_max=affected_max) == expected


def test_incident_triggers_negative_count() -> None:
    with pytest.raises(ValueError, match="affected_max"):
        incident_triggers(**_NONE, affected_max=-1)


@pytest.mark.parametrize(
    ("flags", "affected_max", "encrypted", "expected"),
    [
        _case("no-trigger", _NONE, 1000, False, False),
        _case("no-trigger-encrypted", _NONE, 10, True, False),
        _case("1001-people", _NONE, 1001, False, True),
        _case("1001-people-encrypted-exempt", _NONE, 1001, True, False),
        _case("sensitive", {**_NONE, "sensitive": True}, 1, False, True),
        _case("sensitive-encrypted-exempt", {**_NONE, "sensitive": True}, 1, True, False),
        _case("financial", {**_NONE, "financial_risk": True}, 1, False, True),
        _case("wrongful", {**_NONE, "wrongful_purpose": True}, 1, False, True),
        _case("wrongful-encrypted-exempt", {**_NONE, "wrongful_purpose": True}, 1, True, False),
    ],
)
def test_incident_reportable(
    flags: dict, affected_max: int, encrypted: bool, expected: bool
) -> None:
    result = incident_reportable(
        **flags, affected_max=affected_max, high_level_encryption=encrypted
    )
    assert result is expected


@pytest.mark.parametrize(
    ("known", "days", "expected"),
    [
        _case("thu-to-mon", D(2026, 11, 26), 5, D(2026, 11, 30)),
        _case("no-roll-golden-week", D(2026, 5, 1), 5, D(2026, 5, 5)),
        _case("no-roll-year-end", D(2026, 12, 30), 5, D(2027, 1, 3)),
        _case("three-days", D(2026, 11, 26), 3, D(2026, 11, 28)),
        _case("one-day-is-known-day", D(2026, 11, 26), 1, D(2026, 11, 26)),
    ],
)
def test_ppc_preliminary_due(known: date, days: int, expected: date) -> None:
    assert ppc_preliminary_due(known, days=days) == expected


def test_ppc_preliminary_due_default_days() -> None:
    assert ppc_preliminary_due(D(2026, 11, 26)) == D(2026, 11, 30)


def test_ppc_preliminary_due_zero_days() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ppc_preliminary_due(D(2026, 11, 26), days=0)


@pytest.mark.parametrize(
    ("known", "expected"),
    [
        _case("third-day", D(2026, 11, 26), D(2026, 11, 28)),
        _case("across-new-year", D(2026, 12, 30), D(2027, 1, 1)),
        _case("across-leap-day", D(2028, 2, 28), D(2028, 3, 1)),
    ],
)
def test_ppc_preliminary_soon_from(known: date, expected: date) -> None:
    assert ppc_preliminary_soon_from(known) == expected


@pytest.mark.parametrize(
    ("known", "kwargs", "expected"),
    [
        _case("day-30-open-monday", D(2026, 11, 1), {}, D(2026, 11, 30)),
        _case("day-30-is-30-dec-rolls-to-4-jan", D(2026, 12, 1), {}, D(2027, 1, 4)),
        _case("day-30-is-mon-28-dec-open", D(2026, 11, 29), {}, D(2026, 12, 28)),
        _case("day-30-is-30-dec-2027-rolls-to-4-jan", D(2027, 12, 1), {}, D(2028, 1, 4)),
        _case("day-30-sunday", D(2026, 10, 31), {}, D(2026, 11, 30)),
        _case("day-30-saturday", D(2026, 10, 30), {}, D(2026, 11, 30)),
        _case("day-30-golden-week-sunday", D(2026, 4, 4), {}, D(2026, 5, 7)),
        _case("day-30-substitute-holiday", D(2026, 4, 7), {}, D(2026, 5, 7)),
        _case("day-30-citizens-holiday", D(2026, 8, 24), {}, D(2026, 9, 24)),
        _case("wrongful-day-60-open", D(2026, 12, 1), {"wrongful_purpose": True}, D(2027, 1, 29)),
        _case("wrongful-day-60-30-dec", D(2026, 11, 1), {"wrongful_purpose": True}, D(2027, 1, 4)),
        _case("wrongful-day-60-29-dec", D(2026, 10, 31), {"wrongful_purpose": True}, D(2027, 1, 4)),
        _case("custom-10-days-saturday", D(2026, 11, 26), {"days": 10}, D(2026, 12, 7)),
    ],
)
def test_ppc_final_due(known: date, kwargs: dict, expected: date) -> None:
    kwargs = {"wrongful_purpose": False, **kwargs}
    assert ppc_final_due(known, **kwargs) == expected


def test_ppc_final_due_wrongful_wins_with_other_triggers() -> None:
    triggers = incident_triggers(
        sensitive=True, financial_risk=True, wrongful_purpose=True, affected_max=5000
    )
    due = ppc_final_due(D(2026, 12, 1), wrongful_purpose="wrongful" in triggers)
    assert due == D(2027, 1, 29)  # day 60, not day 30 (which would be 4 Jan 2027)


def test_ppc_final_due_zero_days() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ppc_final_due(D(2026, 11, 26), wrongful_purpose=False, days=0)


# --- gdpr_authority_due -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("aware_at", "hours", "expected_wall", "expected_utc"),
    [
        _case(
            "tokyo-evening",
            datetime(2026, 11, 26, 20, 0, tzinfo=TOKYO),
            72,
            datetime(2026, 11, 29, 20, 0, tzinfo=TOKYO),
            datetime(2026, 11, 29, 11, 0, tzinfo=UTC),
        ),
        _case(
            "los-angeles-same-wall-clock-17h-later",
            datetime(2026, 11, 26, 20, 0, tzinfo=LA),
            72,
            datetime(2026, 11, 29, 20, 0, tzinfo=LA),
            datetime(2026, 11, 30, 4, 0, tzinfo=UTC),
        ),
        _case(
            "berlin-spring-forward-wall-plus-1h",
            datetime(2026, 3, 27, 12, 0, tzinfo=BERLIN),
            72,
            datetime(2026, 3, 30, 13, 0, tzinfo=BERLIN),
            datetime(2026, 3, 30, 11, 0, tzinfo=UTC),
        ),
        _case(
            "berlin-fall-back-wall-minus-1h",
            datetime(2026, 10, 23, 12, 0, tzinfo=BERLIN),
            72,
            datetime(2026, 10, 26, 11, 0, tzinfo=BERLIN),
            datetime(2026, 10, 26, 10, 0, tzinfo=UTC),
        ),
        _case(
            "fixed-offset-across-new-year",
            datetime(2026, 12, 30, 23, 0, tzinfo=timezone(timedelta(hours=9))),
            72,
            datetime(2027, 1, 2, 23, 0, tzinfo=timezone(timedelta(hours=9))),
            datetime(2027, 1, 2, 14, 0, tzinfo=UTC),
        ),
        _case(
            "utc-custom-24h",
            datetime(2026, 2, 28, 6, 30, tzinfo=UTC),
            24,
            datetime(2026, 3, 1, 6, 30, tzinfo=UTC),
            datetime(2026, 3, 1, 6, 30, tzinfo=UTC),
        ),
    ],
)
def test_gdpr_authority_due(
    aware_at: datetime, hours: int, expected_wall: datetime, expected_utc: datetime
) -> None:
    due = gdpr_authority_due(aware_at, hours=hours)
    assert due.tzinfo is aware_at.tzinfo
    assert due.replace(tzinfo=None) == expected_wall.replace(tzinfo=None)
    assert due.astimezone(UTC) == expected_utc
    assert due.astimezone(UTC) - aware_at.astimezone(UTC) == timedelta(hours=hours)


def test_gdpr_authority_due_default_72h() -> None:
    due = gdpr_authority_due(datetime(2026, 11, 26, 20, 0, tzinfo=TOKYO))
    assert due == datetime(2026, 11, 29, 20, 0, tzinfo=TOKYO)


def test_gdpr_authority_due_naive() -> None:
    with pytest.raises(ValueError, match="must be timezone-aware"):
        gdpr_authority_due(datetime(2026, 11, 26, 20, 0))


# --- provision records ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "method", "expected"),
    [
        _case("contract-1-year", D(2026, 4, 1), "contract", D(2027, 4, 1)),
        _case("bulk-3-years", D(2026, 4, 1), "bulk", D(2029, 4, 1)),
        _case("each-3-years", D(2026, 4, 1), "each", D(2029, 4, 1)),
        _case("contract-from-leap-day", D(2028, 2, 29), "contract", D(2029, 2, 28)),
        _case("bulk-from-leap-day", D(2028, 2, 29), "bulk", D(2031, 2, 28)),
        _case("each-from-leap-day", D(2024, 2, 29), "each", D(2027, 2, 28)),
    ],
)
def test_provision_record_retain_until(last: date, method: str, expected: date) -> None:
    assert provision_record_retain_until(last, method) == expected


def test_provision_record_retain_until_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown record method"):
        provision_record_retain_until(D(2026, 4, 1), "monthly")


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        _case("consent", "consent", True),
        _case("art28-consent", "art28_consent", True),
        _case("opt-out", "opt_out", True),
        _case("exception-27-1", "exception_27_1", False),
        _case("entrustment-27-5-i", "entrustment", False),
        _case("succession-27-5-ii", "succession", False),
        _case("joint-use-27-5-iii", "joint_use", False),
    ],
)
def test_provision_record_required(basis: str, expected: bool) -> None:
    assert provision_record_required(basis) is expected


def test_provision_bases_are_exactly_the_codes() -> None:
    assert set(PROVISION_BASES) == {
        "consent",
        "art28_consent",
        "opt_out",
        "exception_27_1",
        "entrustment",
        "succession",
        "joint_use",
    }
    assert len(PROVISION_BASES) == 7


def test_provision_record_required_unknown_basis() -> None:
    with pytest.raises(ValueError, match="unknown provision basis"):
        provision_record_required("legitimate_interest")


# --- training and periodic reviews -----------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "months", "expected"),
    [
        _case("12-months-from-31-jan", D(2026, 1, 31), 12, D(2027, 1, 31)),
        _case("1-month-from-31-jan-clamps", D(2026, 1, 31), 1, D(2026, 2, 28)),
        _case("6-months-to-leap-day", D(2027, 8, 31), 6, D(2028, 2, 29)),
        _case("24-months", D(2026, 5, 6), 24, D(2028, 5, 6)),
    ],
)
def test_training_expires_on(completed: date, months: int, expected: date) -> None:
    assert training_expires_on(completed, months) == expected


@pytest.mark.parametrize(
    ("last", "cycle", "expected"),
    [
        _case("access-review-6-months-clamps", D(2026, 8, 31), 6, D(2027, 2, 28)),
        _case("audit-12-months", D(2026, 3, 31), 12, D(2027, 3, 31)),
        _case("2-months-across-year", D(2025, 12, 31), 2, D(2026, 2, 28)),
        _case("foreign-check-from-leap-day", D(2028, 2, 29), 12, D(2029, 2, 28)),
    ],
)
def test_next_due(last: date, cycle: int, expected: date) -> None:
    assert next_due(last, cycle) == expected


# --- deadline_status --------------------------------------------------------------------


def test_status_constants() -> None:
    assert (OK, DUE_SOON, OVERDUE) == ("ok", "due_soon", "overdue")


@pytest.mark.parametrize(
    ("due", "today", "kwargs", "expected"),
    [
        _case("8-days-ok", D(2026, 11, 30), D(2026, 11, 22), {}, OK),
        _case("exactly-7-days-due-soon", D(2026, 11, 30), D(2026, 11, 23), {}, DUE_SOON),
        _case("tomorrow-due-soon", D(2026, 11, 30), D(2026, 11, 29), {}, DUE_SOON),
        _case("due-today-due-soon", D(2026, 11, 30), D(2026, 11, 30), {}, DUE_SOON),
        _case("due-yesterday-overdue", D(2026, 11, 30), D(2026, 12, 1), {}, OVERDUE),
        _case("long-overdue", D(2026, 11, 30), D(2027, 3, 1), {}, OVERDUE),
        _case(
            "training-30-days-due-soon",
            D(2026, 12, 31),
            D(2026, 12, 1),
            {"soon_days": 30},
            DUE_SOON,
        ),
        _case("training-31-days-ok", D(2026, 12, 31), D(2026, 11, 30), {"soon_days": 30}, OK),
        _case("zero-soon-days-today", D(2026, 11, 30), D(2026, 11, 30), {"soon_days": 0}, DUE_SOON),
        _case("zero-soon-days-tomorrow", D(2026, 11, 30), D(2026, 11, 29), {"soon_days": 0}, OK),
        _case(
            "soon-from-day-1-ok",
            D(2026, 11, 30),
            D(2026, 11, 26),
            {"soon_from": D(2026, 11, 28)},
            OK,
        ),
        _case(
            "soon-from-day-2-ok",
            D(2026, 11, 30),
            D(2026, 11, 27),
            {"soon_from": D(2026, 11, 28)},
            OK,
        ),
        _case(
            "soon-from-day-3-due-soon",
            D(2026, 11, 30),
            D(2026, 11, 28),
            {"soon_from": D(2026, 11, 28)},
            DUE_SOON,
        ),
        _case(
            "soon-from-day-5-due-soon",
            D(2026, 11, 30),
            D(2026, 11, 30),
            {"soon_from": D(2026, 11, 28)},
            DUE_SOON,
        ),
        _case(
            "soon-from-day-6-overdue",
            D(2026, 11, 30),
            D(2026, 12, 1),
            {"soon_from": D(2026, 11, 28)},
            OVERDUE,
        ),
    ],
)
def test_deadline_status_dates(due: date, today: date, kwargs: dict, expected: str) -> None:
    assert deadline_status(due, today, **kwargs) == expected


_DUE_72H = datetime(2026, 11, 29, 20, 0, tzinfo=TOKYO)  # = 2026-11-29 11:00 UTC


@pytest.mark.parametrize(
    ("now", "kwargs", "expected"),
    [
        _case("one-minute-before", datetime(2026, 11, 29, 19, 59, tzinfo=TOKYO), {}, DUE_SOON),
        _case("at-the-instant", datetime(2026, 11, 29, 20, 0, tzinfo=TOKYO), {}, DUE_SOON),
        _case("one-minute-after", datetime(2026, 11, 29, 20, 1, tzinfo=TOKYO), {}, OVERDUE),
        _case("utc-before", datetime(2026, 11, 29, 10, 59, tzinfo=UTC), {}, DUE_SOON),
        _case("utc-after", datetime(2026, 11, 29, 11, 1, tzinfo=UTC), {}, OVERDUE),
        _case("la-earlier-wall-but-later", datetime(2026, 11, 29, 4, 0, tzinfo=LA), {}, OVERDUE),
        _case("la-previous-day-before", datetime(2026, 11, 28, 18, 0, tzinfo=LA), {}, DUE_SOON),
        _case("exactly-7-days", datetime(2026, 11, 22, 20, 0, tzinfo=TOKYO), {}, DUE_SOON),
        _case("7-days-and-a-minute", datetime(2026, 11, 22, 19, 59, tzinfo=TOKYO), {}, OK),
        _case(
            "hours-window-ok",
            datetime(2026, 11, 26, 20, 0, tzinfo=TOKYO),
            {"soon_days": 1},
            OK,
        ),
        _case(
            "hours-window-due-soon",
            datetime(2026, 11, 28, 20, 0, tzinfo=TOKYO),
            {"soon_days": 1},
            DUE_SOON,
        ),
    ],
)
def test_deadline_status_datetimes(now: datetime, kwargs: dict, expected: str) -> None:
    assert deadline_status(_DUE_72H, now, **kwargs) == expected


@pytest.mark.parametrize(
    ("due", "today", "kwargs", "error"),
    [
        _case("date-vs-datetime", D(2026, 11, 30), _DUE_72H, {}, TypeError),
        _case("datetime-vs-date", _DUE_72H, D(2026, 11, 30), {}, TypeError),
        _case("naive-today", _DUE_72H, datetime(2026, 11, 29, 20, 0), {}, ValueError),
        _case("naive-due", datetime(2026, 11, 29, 20, 0), _DUE_72H, {}, ValueError),
        _case(
            "soon-from-date-vs-datetime",
            _DUE_72H,
            datetime(2026, 11, 28, 20, 0, tzinfo=TOKYO),
            {"soon_from": D(2026, 11, 28)},
            TypeError,
        ),
    ],
)
def test_deadline_status_errors(
    due: date, today: date, kwargs: dict, error: type[Exception]
) -> None:
    with pytest.raises(error):
        deadline_status(due, today, **kwargs)


# --- jst_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        _case("utc-23-30-is-next-day", datetime(2026, 11, 26, 23, 30, tzinfo=UTC), D(2026, 11, 27)),
        _case("utc-14-59-same-day", datetime(2026, 11, 26, 14, 59, tzinfo=UTC), D(2026, 11, 26)),
        _case("utc-15-00-next-day", datetime(2026, 11, 26, 15, 0, tzinfo=UTC), D(2026, 11, 27)),
        _case("utc-new-year-eve", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), D(2027, 1, 1)),
        _case("la-evening", datetime(2026, 11, 26, 20, 0, tzinfo=LA), D(2026, 11, 27)),
        _case("tokyo-itself", datetime(2026, 11, 27, 8, 30, tzinfo=TOKYO), D(2026, 11, 27)),
        _case(
            "berlin-just-after-midnight",
            datetime(2026, 11, 27, 0, 30, tzinfo=BERLIN),
            D(2026, 11, 27),
        ),
    ],
)
def test_jst_date(moment: datetime, expected: date) -> None:
    assert jst_date(moment) == expected


def test_jst_date_naive() -> None:
    with pytest.raises(ValueError, match="must be timezone-aware"):
        jst_date(datetime(2026, 11, 26, 23, 30))


def test_is_closed_day_rejects_datetime() -> None:
    with pytest.raises(TypeError, match="takes a date"):
        is_closed_day(datetime(2026, 5, 6, 12, 0, tzinfo=TOKYO))
