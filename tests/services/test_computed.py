"""Computed columns: training, access grants, third-party records, entrustees, transfers,
safety measures. Today is Thu 2026-11-26 throughout."""

from __future__ import annotations

import contextlib
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from privacydesk.domain.rules import add_months
from privacydesk.services import records
from privacydesk.services import settings as settings_service

TODAY = date(2026, 11, 26)


def _get(db, entity, row_id, today=TODAY):
    return records.get(db, entity, row_id, today=today)


# --- training ---------------------------------------------------------------------------


@pytest.fixture
def course(make):
    return make("course", refresher_months=12, pass_score=70)


def test_completion_expiry_and_status(db, make, course):
    a, b, c = make("staff"), make("staff"), make("staff")
    old = make("completion", staff=a, course=course, completed_on=date(2025, 6, 10), score=90)
    current = make("completion", staff=a, course=course, completed_on=date(2025, 12, 20),
                   score=80)
    failed = make("completion", staff=a, course=course, completed_on=date(2026, 11, 20),
                  score=50)
    valid = make("completion", staff=b, course=course, completed_on=date(2026, 3, 31))
    overdue = make("completion", staff=c, course=course, completed_on=date(2025, 11, 25),
                   score=70)
    rows = {r["id"]: r for r in records.page(db, "completion", today=TODAY).rows}
    assert rows[old]["training_status"] == "superseded"
    assert rows[old]["expires_on"] == date(2026, 6, 10)
    assert rows[current]["expires_on"] == date(2026, 12, 20)
    assert rows[current]["training_status"] == "expiring"  # 24 days, within 30
    # a failed attempt neither expires nor replaces the valid completion
    assert rows[failed]["training_status"] == "failed"
    assert rows[failed]["expires_on"] is None
    assert rows[valid]["training_status"] == "valid"  # no score: attendance passes
    assert rows[valid]["expires_on"] == date(2027, 3, 31)
    assert rows[overdue]["expires_on"] == date(2026, 11, 25)
    assert rows[overdue]["training_status"] == "overdue"
    assert _get(db, "completion", overdue, date(2026, 11, 25))["training_status"] == "expiring"


def test_completion_month_end_and_same_day(db, make):
    monthly = make("course", refresher_months=1)
    s = make("staff")
    first = make("completion", staff=s, course=monthly, completed_on=date(2026, 10, 31))
    second = make("completion", staff=s, course=monthly, completed_on=date(2026, 10, 31))
    assert _get(db, "completion", first)["training_status"] == "superseded"
    row = _get(db, "completion", second)
    assert row["expires_on"] == date(2026, 11, 30)  # no 31 Nov
    assert row["training_status"] == "expiring"


def test_other_course_or_staff_does_not_supersede(db, make, course):
    other_course = make("course", refresher_months=12)
    s, t = make("staff"), make("staff")
    mine = make("completion", staff=s, course=course, completed_on=date(2026, 1, 10))
    make("completion", staff=s, course=other_course, completed_on=date(2026, 5, 1))
    make("completion", staff=t, course=course, completed_on=date(2026, 5, 1))
    assert _get(db, "completion", mine)["training_status"] == "valid"


def test_training_expiring_days_setting(db, make, course):
    row_id = make("completion", staff=make("staff"), course=course,
                  completed_on=date(2025, 12, 20))
    assert _get(db, "completion", row_id)["training_status"] == "expiring"
    settings_service.put(db, "training_expiring_days", 20)
    assert _get(db, "completion", row_id)["training_status"] == "valid"


# --- access grants ----------------------------------------------------------------------


def test_grant_review_due(db, make):
    never = make("grant", granted_on=date(2026, 5, 1))
    reviewed = make("grant", granted_on=date(2025, 1, 10), last_reviewed_on=date(2026, 6, 1))
    yearly = make("grant", granted_on=date(2026, 1, 31), review_cycle_months=12)
    month_end = make("grant", granted_on=date(2025, 8, 31))
    revoked = make("grant", granted_on=date(2025, 1, 1), revoked_on=date(2026, 3, 1))
    rows = {r["id"]: r for r in records.page(db, "grant", today=TODAY).rows}
    assert (rows[never]["review_due"], rows[never]["deadline_status"]) == \
        (date(2026, 11, 1), "overdue")
    assert (rows[reviewed]["review_due"], rows[reviewed]["deadline_status"]) == \
        (date(2026, 12, 1), "due_soon")
    assert (rows[yearly]["review_due"], rows[yearly]["deadline_status"]) == \
        (date(2027, 1, 31), "ok")
    assert rows[month_end]["review_due"] == date(2026, 2, 28)
    assert (rows[revoked]["review_due"], rows[revoked]["deadline_status"]) == (None, "done")


def test_grant_review_decision_counts_as_review(db, make):
    grant = make("grant", granted_on=date(2026, 5, 1))
    make("review_decision", grant=grant, decision="keep", decided_on=date(2026, 10, 1))
    row = _get(db, "grant", grant)
    assert (row["review_due"], row["deadline_status"]) == (date(2027, 4, 1), "ok")


def test_access_review_months_setting(db, make):
    grant = make("grant", granted_on=date(2026, 5, 1))
    settings_service.put(db, "access_review_months", 12)
    assert _get(db, "grant", grant)["review_due"] == date(2027, 5, 1)


# --- provision and receipt records ------------------------------------------------------


@pytest.mark.parametrize(("values", "required", "until", "status"), [
    ({"method": "each", "provided_on": date(2023, 11, 20)}, True, date(2026, 11, 20), "overdue"),
    ({"method": "each", "provided_on": date(2023, 11, 30)}, True, date(2026, 11, 30),
     "due_soon"),
    # an "each" record counts from its own provision, whatever else is filled in
    ({"method": "each", "provided_on": date(2023, 11, 20),
      "last_provided_on": date(2024, 5, 1)}, True, date(2026, 11, 20), "overdue"),
    ({"method": "bulk", "provided_on": date(2020, 1, 1), "last_provided_on": date(2024, 1, 1)},
     True, date(2027, 1, 1), "ok"),
    # the later of the last provision and the period end
    ({"method": "bulk", "provided_on": date(2022, 1, 1), "period_end": date(2023, 6, 30),
      "last_provided_on": date(2023, 5, 10)}, True, date(2026, 6, 30), "overdue"),
    # still ongoing: no retention end
    ({"method": "bulk", "provided_on": date(2015, 1, 1)}, True, None, None),
    ({"method": "contract", "provided_on": date(2024, 4, 1),
      "last_provided_on": date(2025, 11, 25)}, True, date(2026, 11, 25), "overdue"),
    ({"method": "contract", "provided_on": date(2024, 4, 1), "period_end": date(2026, 2, 28)},
     True, date(2027, 2, 28), "ok"),
    ({"method": "each", "provided_on": date(2020, 1, 1), "basis": "exception_27_1"},
     False, None, None),
    ({"method": "each", "provided_on": date(2020, 1, 1), "basis": "entrustment"},
     False, None, None),
    ({"method": "each", "provided_on": date(2020, 1, 1), "basis": "opt_out"},
     True, date(2023, 1, 1), "overdue"),
])
def test_provision_record_retention(db, make, values, required, until, status):
    row = _get(db, "provision_record", make("provision_record", **values))
    assert row["record_required"] is required
    assert row["retain_until"] == until
    assert row["deadline_status"] == status


def test_receipt_record_retention(db, make):
    each = make("receipt_record", method="each", received_on=date(2023, 11, 20))
    contract = make("receipt_record", method="contract", received_on=date(2025, 1, 5),
                    last_received_on=date(2026, 1, 31))
    ongoing = make("receipt_record", method="bulk", received_on=date(2019, 1, 5))
    assert (_get(db, "receipt_record", each)["retain_until"],
            _get(db, "receipt_record", each)["deadline_status"]) == (date(2026, 11, 20), "overdue")
    assert _get(db, "receipt_record", contract)["retain_until"] == date(2027, 1, 31)
    assert _get(db, "receipt_record", ongoing)["retain_until"] is None


# --- entrustees and foreign transfers ---------------------------------------------------


def _created_jst(db, entity, row_id) -> date:
    created = records.get(db, entity, row_id, today=TODAY)["created_at"]
    return created.astimezone(ZoneInfo("Asia/Tokyo")).date()


def test_entrustee_next_audit(db, make):
    selected = make("entrustee", selected_on=date(2025, 11, 20))
    checked = make("entrustee", selected_on=date(2024, 1, 1))
    make("entrustee_check", entrustee=checked, checked_on=date(2025, 12, 1))
    make("entrustee_check", entrustee=checked, checked_on=date(2026, 3, 10))
    half = make("entrustee", audit_cycle_months=6)
    make("entrustee_check", entrustee=half, checked_on=date(2026, 6, 1))
    bare = make("entrustee")
    rows = {r["id"]: r for r in records.page(db, "entrustee", today=TODAY).rows}
    assert rows[selected]["last_checked_on"] is None
    assert (rows[selected]["next_due"], rows[selected]["deadline_status"]) == \
        (date(2026, 11, 20), "overdue")
    assert rows[checked]["last_checked_on"] == date(2026, 3, 10)
    assert (rows[checked]["next_due"], rows[checked]["deadline_status"]) == \
        (date(2027, 3, 10), "ok")
    assert (rows[half]["next_due"], rows[half]["deadline_status"]) == \
        (date(2026, 12, 1), "due_soon")
    # never selected nor checked: a year from the day it was entered
    assert rows[bare]["next_due"] == add_months(_created_jst(db, "entrustee", bare), 12)


def test_foreign_transfer_next_check(db, make):
    equivalent = make("foreign_transfer", basis="equivalent_measures")
    make("transfer_check", transfer=equivalent, checked_on=date(2025, 10, 1))
    make("transfer_check", transfer=equivalent, checked_on=date(2025, 11, 1))
    consent = make("foreign_transfer", basis="consent")
    make("transfer_check", transfer=consent, checked_on=date(2025, 1, 1))
    half = make("foreign_transfer", basis="equivalent_measures", check_cycle_months=6)
    make("transfer_check", transfer=half, checked_on=date(2026, 6, 1))
    adequate = make("foreign_transfer", basis="adequate_country")
    rows = {r["id"]: r for r in records.page(db, "foreign_transfer", today=TODAY).rows}
    assert rows[equivalent]["last_checked_on"] == date(2025, 11, 1)
    assert (rows[equivalent]["next_due"], rows[equivalent]["deadline_status"]) == \
        (date(2026, 11, 1), "overdue")
    assert rows[consent]["last_checked_on"] == date(2025, 1, 1)
    assert (rows[consent]["next_due"], rows[consent]["deadline_status"]) == (None, None)
    assert (rows[half]["next_due"], rows[half]["deadline_status"]) == \
        (date(2026, 12, 1), "due_soon")
    assert rows[adequate]["next_due"] is None


def test_unchecked_transfer_counts_from_entry(db, make):
    row_id = make("foreign_transfer", basis="equivalent_measures")
    assert _get(db, "foreign_transfer", row_id)["next_due"] == \
        add_months(_created_jst(db, "foreign_transfer", row_id), 12)


# --- safety measures --------------------------------------------------------------------


def test_safety_measure_next_review(db, make):
    assessed = make("safety_measure", last_assessed_on=date(2025, 12, 1), status="implemented")
    half = make("safety_measure", last_assessed_on=date(2026, 5, 26), review_cycle_months=6)
    never = make("safety_measure")
    not_applicable = make("safety_measure", last_assessed_on=date(2020, 1, 1),
                          status="not_applicable")
    assert (_get(db, "safety_measure", assessed)["next_due"],
            _get(db, "safety_measure", assessed)["deadline_status"]) == \
        (date(2026, 12, 1), "due_soon")
    assert (_get(db, "safety_measure", half)["next_due"],
            _get(db, "safety_measure", half)["deadline_status"]) == \
        (date(2026, 11, 26), "due_soon")
    assert _get(db, "safety_measure", half, date(2026, 11, 27))["deadline_status"] == "overdue"
    assert _get(db, "safety_measure", never)["next_due"] is None
    assert _get(db, "safety_measure", not_applicable)["deadline_status"] is None


# --- batching: one query per related table, whatever the page size ----------------------


@contextlib.contextmanager
def _count_queries(db):
    seen: list[str] = []

    def before(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


@pytest.mark.parametrize(("entity", "extra"), [
    ("grant", "review_decision"), ("completion", None), ("entrustee", "entrustee_check"),
    ("foreign_transfer", "transfer_check"), ("incident", "incident_report"),
])
def test_page_queries_do_not_grow_with_rows(db, make, entity, extra):
    def page_queries() -> int:
        with _count_queries(db) as seen:
            records.page(db, entity, today=TODAY)
        return len(seen)

    for _ in range(2):
        row_id = make(entity)
        if extra:
            make(extra, **{_ref(extra): row_id})
    small = page_queries()
    for _ in range(10):
        row_id = make(entity)
        if extra:
            make(extra, **{_ref(extra): row_id})
    assert page_queries() == small


def _ref(extra: str) -> str:
    return {"review_decision": "grant", "entrustee_check": "entrustee",
            "transfer_check": "transfer", "incident_report": "incident"}[extra]

