"""Incidents: PPC triggers, reportability, report deadlines, GDPR 72 hours.

Calendar: 2026-11-20 Fri, 21 Sat, 25 Wed; 2026-12-20 Sun, 21 Mon; 2026-12-29 … 2027-01-03
year-end closure, 2027-01-04 Mon.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from privacydesk.services import records
from privacydesk.services.records import Query, ValidationError

TODAY = date(2026, 11, 26)
# 16:30 UTC on 20 Nov is 01:30 on Sat 21 Nov in Japan: day 1 is 21 Nov.
LATE_EVENING_UTC = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)


def _sensitive(db, code: str) -> int:
    return records.page(db, "sensitive_category", query=Query(equals={"code": code})).rows[0]["id"]


def _get(db, row_id, today=TODAY):
    return records.get(db, "incident", row_id, today=today)


@pytest.fixture
def cats(db, make):
    return {
        "medical": make("data_category", appi_sensitive=_sensitive(db, "APPI-MEDICAL-HISTORY")),
        # labour actions: sensitive under the policy (JIS), not under APPI
        "union": make("data_category", appi_sensitive=_sensitive(db, "POLICY-C")),
        "jis_only": make("data_category", jis_sensitive=_sensitive(db, "POLICY-A")),
        "card": make("data_category", financial_risk=True),
        "plain": make("data_category"),
    }


def test_no_trigger_not_reportable(db, make, cats):
    row = _get(db, make("incident", data_categories=[cats["plain"], cats["jis_only"]]))
    assert not any(row[f"trigger_{t}"] for t in ("sensitive", "financial", "wrongful",
                                                 "over_1000"))
    assert row["reportable"] is False
    assert row["ppc_preliminary_due"] is None and row["ppc_final_due"] is None
    assert row["deadline_status"] is None


def test_sensitive_trigger_from_categories(db, make, cats):
    row = _get(db, make("incident", data_categories=[cats["plain"], cats["medical"]]))
    assert row["trigger_sensitive"] is True and row["reportable"] is True
    row = _get(db, make("incident", data_categories=[cats["union"]]))
    assert row["trigger_sensitive"] is False and row["reportable"] is False


def test_financial_trigger(db, make, cats):
    row = _get(db, make("incident", data_categories=[cats["card"]]))
    assert row["trigger_financial"] is True and row["trigger_sensitive"] is False
    assert row["reportable"] is True


@pytest.mark.parametrize(("cause", "wrongful"), [
    ("unauthorized_access", True), ("ransomware", True), ("insider", True),
    ("misdelivery", False), ("lost_device", False), ("system_error", False), ("other", False),
])
def test_wrongful_trigger_from_cause(db, make, cause, wrongful):
    row = _get(db, make("incident", cause=cause))
    assert row["trigger_wrongful"] is wrongful
    assert row["reportable"] is wrongful


@pytest.mark.parametrize(("affected", "over"), [(999, False), (1000, False), (1001, True)])
def test_over_1000(db, make, affected, over):
    row = _get(db, make("incident", affected_max=affected))
    assert row["trigger_over_1000"] is over
    assert row["reportable"] is over


def test_high_level_encryption_exempts(db, make, cats):
    row = _get(db, make("incident", data_categories=[cats["medical"]], affected_max=5000,
                        cause="lost_device", high_level_encryption=True))
    assert row["trigger_sensitive"] and row["trigger_over_1000"]
    assert row["reportable"] is False
    assert row["ppc_preliminary_due"] is None and row["deadline_status"] is None


def test_override_needs_reason(db, make, cats):
    with pytest.raises(ValidationError) as exc:
        make("incident", override_wrongful="yes")
    assert exc.value.for_field("override_reason")
    row = _get(db, make("incident", override_wrongful="yes",
                        override_reason="不正アクセスの疑いを否定できない"))
    assert row["trigger_wrongful"] is True and row["reportable"] is True
    row = _get(db, make("incident", data_categories=[cats["medical"]],
                        override_sensitive="no", override_reason="病歴は含まれないと確認"))
    assert row["trigger_sensitive"] is False and row["reportable"] is False


def test_override_yes_of_financial(db, make):
    row = _get(db, make("incident", override_financial="yes", override_reason="口座番号を含む"))
    assert row["trigger_financial"] is True


def test_ppc_dates_from_jst_date_of_known_at(db, make):
    row = _get(db, make("incident", known_at=LATE_EVENING_UTC, affected_max=2000))
    assert row["ppc_preliminary_due"] == date(2026, 11, 25)  # 21 Nov + 4 (not 24 Nov)
    assert row["ppc_final_due"] == date(2026, 12, 21)  # 21 Nov + 29 = Sun 20 Dec -> Mon


def test_ppc_final_60_days_with_wrongful_purpose(db, make):
    row = _get(db, make("incident", known_at=LATE_EVENING_UTC, cause="ransomware",
                        affected_max=2000))
    assert row["ppc_final_due"] == date(2027, 1, 19)  # 21 Nov + 59, a Tuesday


def test_ppc_final_year_end_closure(db, make):
    # 1 Dec JST + 29 = Wed 30 Dec, in the closure: Mon 4 Jan
    row = _get(db, make("incident", known_at=datetime(2026, 11, 30, 15, 10, tzinfo=UTC),
                        affected_max=2000))
    assert row["ppc_preliminary_due"] == date(2026, 12, 5)
    assert row["ppc_final_due"] == date(2027, 1, 4)


def test_deadline_status_follows_open_reports(db, make):
    row_id = make("incident", known_at=LATE_EVENING_UTC, affected_max=2000)
    assert _get(db, row_id, date(2026, 11, 22))["deadline_status"] == "ok"  # day 2
    assert _get(db, row_id, date(2026, 11, 23))["deadline_status"] == "due_soon"  # day 3
    assert _get(db, row_id, date(2026, 11, 25))["deadline_status"] == "due_soon"  # day 5
    assert _get(db, row_id, TODAY)["deadline_status"] == "overdue"
    make("incident_report", incident=row_id, kind="ppc_preliminary",
         submitted_on=date(2026, 11, 24))
    assert _get(db, row_id)["deadline_status"] == "ok"  # final due 21 Dec
    assert _get(db, row_id, date(2026, 12, 15))["deadline_status"] == "due_soon"
    make("incident_report", incident=row_id, kind="ppc_final", submitted_on=date(2026, 12, 10))
    assert _get(db, row_id, date(2027, 1, 1))["deadline_status"] == "done"


def test_final_report_filed_early_counts_as_preliminary(db, make):
    row_id = make("incident", known_at=LATE_EVENING_UTC, affected_max=2000)
    make("incident_report", incident=row_id, kind="ppc_final", submitted_on=date(2026, 11, 24))
    assert _get(db, row_id)["deadline_status"] == "done"


def test_gdpr_72_hours(db, make):
    aware = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    row_id = make("incident", gdpr_applies=True, gdpr_aware_at=aware)
    row = _get(db, row_id, date(2026, 11, 24))
    assert row["gdpr_authority_due"] == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert row["reportable"] is False  # the APPI side has no trigger
    assert row["deadline_status"] == "due_soon"
    # 28 Nov 00:00 JST is 27 Nov 15:00 UTC, after the deadline
    assert _get(db, row_id, date(2026, 11, 27))["deadline_status"] == "due_soon"
    assert _get(db, row_id, date(2026, 11, 28))["deadline_status"] == "overdue"
    records.update(db, "incident", row_id,
                   {"authority_notified_at": datetime(2026, 11, 26, 9, 0, tzinfo=UTC)},
                   today=TODAY)
    assert _get(db, row_id, date(2026, 11, 28))["deadline_status"] == "done"


def test_gdpr_awareness_defaults_to_known_at(db, make):
    row = _get(db, make("incident", known_at=LATE_EVENING_UTC, gdpr_applies=True))
    assert row["gdpr_authority_due"] == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    assert _get(db, make("incident"))["gdpr_authority_due"] is None  # GDPR does not apply


def test_gdpr_late_notice_needs_reason(db, make):
    aware = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    late = datetime(2026, 11, 23, 10, 1, tzinfo=UTC)
    with pytest.raises(ValidationError) as exc:
        make("incident", gdpr_applies=True, gdpr_aware_at=aware, authority_notified_at=late)
    assert exc.value.for_field("delay_reason")
    make("incident", gdpr_applies=True, gdpr_aware_at=aware, authority_notified_at=late,
         delay_reason="調査に時間を要した")
    make("incident", gdpr_applies=True, gdpr_aware_at=aware,
         authority_notified_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
