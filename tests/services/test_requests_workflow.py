"""Data-subject requests: workflow rules and response deadlines.

Calendar used below (Japan): 2026-10-12 Mon Sports Day; 2026-11-03 Tue Culture Day;
2026-11-23 Mon Labour Thanksgiving Day; 2026-11-01 Sun; 2026-11-28 Sat; 2026-11-30 Mon;
2026-12-13 Sun.
"""

from __future__ import annotations

from datetime import date

import pytest

from privacydesk.services import records
from privacydesk.services import settings as settings_service
from privacydesk.services.records import ValidationError

TODAY = date(2026, 11, 26)


def _errors(exc: pytest.ExceptionInfo[ValidationError], name: str) -> list[str]:
    return exc.value.for_field(name)


def _gdpr(**kw):
    return {"kind": "gdpr_access", "law": "GDPR", **kw}


# --- workflow rules ---------------------------------------------------------------------


def test_refusal_needs_a_ground(make):
    with pytest.raises(ValidationError) as exc:
        make("request", status="decided", decision="refused")
    assert _errors(exc, "refusal_ground")
    assert "refusal_ground" in str(exc.value)


def test_refusal_with_ground_passes_and_response_needs_the_explanation(db, make):
    ground = records.page(db, "refusal_ground", limit=1, sort="code").rows[0]["id"]
    row_id = make("request", status="decided", decision="refused", refusal_ground=ground)
    respond = {"status": "responded", "responded_on": date(2026, 10, 5),
               "identity_verified_on": date(2026, 10, 2)}
    with pytest.raises(ValidationError) as exc:
        records.update(db, "request", row_id, respond, today=TODAY)
    assert _errors(exc, "reason_explained")  # Art 36
    records.update(db, "request", row_id, {**respond, "reason_explained": "33条2項1号に該当"},
                   today=TODAY)
    assert records.get(db, "request", row_id, today=TODAY)["deadline_status"] == "done"


def test_decision_required_from_decided_on(make):
    with pytest.raises(ValidationError) as exc:
        make("request", status="decided")
    assert _errors(exc, "decision")


def test_alternative_measure_only_for_art_35_requests(make):
    with pytest.raises(ValidationError) as exc:
        make("request", kind="appi_correction", status="decided", decision="alternative")
    assert _errors(exc, "decision")
    make("request", kind="appi_suspension", status="decided", decision="alternative")


def test_gdpr_extension_needs_reason_and_notice(make):
    with pytest.raises(ValidationError) as exc:
        make("request", **_gdpr(received_on=date(2026, 9, 13), extended=True))
    assert _errors(exc, "extension_reason")
    assert _errors(exc, "extension_notified_on")


def test_gdpr_extension_notice_within_first_month(db, make):
    # received 13 Sep: the first month ends on Tue 13 Oct
    base = _gdpr(received_on=date(2026, 9, 13), extended=True, extension_reason="複雑な請求")
    with pytest.raises(ValidationError) as exc:
        make("request", **base, extension_notified_on=date(2026, 10, 14))
    assert _errors(exc, "extension_notified_on")
    row_id = make("request", **base, extension_notified_on=date(2026, 10, 13))
    # extended: three months from receipt, Sun 13 Dec -> Mon 14 Dec
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == date(2026, 12, 14)


def test_gdpr_extension_notice_month_runs_from_identity_proof(db, make):
    # received 1 Sep, proof 20 Sep: told on 19 Oct, within the month from the proof
    rid = make("request", **_gdpr(received_on=date(2026, 9, 1), identity_doubt=True,
                            identity_proof_on=date(2026, 9, 20), extended=True,
                            extension_reason="多数の請求",
                            extension_notified_on=date(2026, 10, 19)))
    row = records.get(db, "request", rid)
    assert row["extended"] and row["extension_notified_on"] == date(2026, 10, 19)


def test_appi_cannot_be_extended(make):
    with pytest.raises(ValidationError) as exc:
        make("request", extended=True, extension_reason="x",
             extension_notified_on=date(2026, 10, 2))
    assert _errors(exc, "extended")


def test_responding_before_identity_verified_needs_override(db, make):
    with pytest.raises(ValidationError) as exc:
        make("request", status="responded", decision="full", responded_on=date(2026, 10, 5))
    assert _errors(exc, "identity_override")
    # verified after the response counts as "before identity verified" too
    with pytest.raises(ValidationError) as exc:
        make("request", status="responded", decision="full", responded_on=date(2026, 10, 5),
             identity_verified_on=date(2026, 10, 6))
    assert _errors(exc, "identity_override")
    row_id = make("request", status="responded", decision="full",
                  responded_on=date(2026, 10, 5),
                  identity_override="利用目的の通知のみで本人確認不要と判断")
    assert records.get(db, "request", row_id, today=TODAY)["deadline_status"] == "done"
    make("request", status="responded", decision="full", responded_on=date(2026, 10, 5),
         identity_verified_on=date(2026, 10, 3))


def test_responded_on_alone_counts_as_responding(make):
    with pytest.raises(ValidationError) as exc:
        make("request", responded_on=date(2026, 10, 5))
    assert _errors(exc, "identity_override")


def test_closed_needs_responded_on(make):
    with pytest.raises(ValidationError) as exc:
        make("request", status="closed", decision="full",
             identity_verified_on=date(2026, 10, 2))
    assert _errors(exc, "responded_on")


def test_responded_on_not_before_received(make):
    with pytest.raises(ValidationError) as exc:
        make("request", received_on=date(2026, 10, 10), responded_on=date(2026, 10, 9),
             identity_verified_on=date(2026, 10, 9), status="responded", decision="full")
    assert _errors(exc, "responded_on")


@pytest.mark.parametrize(("kind", "law"), [("gdpr_erasure", "APPI"), ("appi_disclosure", "GDPR")])
def test_law_must_match_kind(make, kind, law):
    with pytest.raises(ValidationError) as exc:
        make("request", kind=kind, law=law)
    assert _errors(exc, "law")


def test_rules_apply_on_update(db, make):
    row_id = make("request")
    with pytest.raises(ValidationError) as exc:
        records.update(db, "request", row_id, {"status": "closed"}, today=TODAY)
    assert _errors(exc, "decision")
    assert _errors(exc, "responded_on")


# --- due dates --------------------------------------------------------------------------


def test_appi_due_and_status(db, make):
    row_id = make("request", received_on=date(2026, 11, 20))
    row = records.get(db, "request", row_id, today=TODAY)
    assert row["due_on"] == date(2026, 12, 4)  # + 14 calendar days, no rolling
    assert row["deadline_status"] == "ok"  # 8 days left: not yet within 7
    assert records.get(db, "request", row_id, today=date(2026, 11, 27))["deadline_status"] \
        == "due_soon"
    assert records.get(db, "request", row_id, today=date(2026, 12, 4))["deadline_status"] \
        == "due_soon"
    assert records.get(db, "request", row_id, today=date(2026, 12, 5))["deadline_status"] \
        == "overdue"


def test_appi_days_setting_changes_due_date(db, make):
    row_id = make("request", received_on=date(2026, 11, 20))
    settings_service.put(db, "appi_request_days", 10)
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == date(2026, 11, 30)


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 10, 20), date(2026, 11, 20)),  # Fri: as is
    (date(2026, 10, 28), date(2026, 11, 30)),  # Sat 28 Nov -> Mon 30 Nov
    (date(2026, 10, 1), date(2026, 11, 2)),  # Sun 1 Nov -> Mon 2 Nov
    (date(2026, 10, 3), date(2026, 11, 4)),  # Culture Day -> Wed 4 Nov
    (date(2026, 10, 23), date(2026, 11, 24)),  # Labour Thanksgiving Day -> Tue 24 Nov
    (date(2026, 10, 31), date(2026, 11, 30)),  # no 31 Nov: the month's last day
])
def test_gdpr_due_one_month_next_working_day(db, make, received, due):
    row_id = make("request", **_gdpr(received_on=received))
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == due


def test_gdpr_due_uses_the_organization_calendar(db, make):
    org = records.page(db, "organization").rows[0]["id"]
    records.update(db, "organization", org, {"holiday_calendar": "DE"}, today=TODAY)
    row_id = make("request", **_gdpr(received_on=date(2026, 10, 23)))
    # 23 Nov is a Japanese holiday, not a German one
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == date(2026, 11, 23)


def test_gdpr_identity_doubt_clock_starts_at_proof(db, make):
    row_id = make("request", **_gdpr(received_on=date(2026, 10, 1), identity_doubt=True))
    row = records.get(db, "request", row_id, today=TODAY)
    assert row["due_on"] is None and row["deadline_status"] is None  # proof awaited
    records.update(db, "request", row_id, {"identity_proof_on": date(2026, 10, 20)},
                   today=TODAY)
    row = records.get(db, "request", row_id, today=TODAY)
    assert row["due_on"] == date(2026, 11, 20)
    assert row["deadline_status"] == "overdue"


def test_gdpr_identity_proof_ignored_without_doubt(db, make):
    row_id = make("request", **_gdpr(received_on=date(2026, 10, 1),
                                     identity_proof_on=date(2026, 10, 20)))
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == date(2026, 11, 2)


def test_appi_ignores_identity_doubt(db, make):
    row_id = make("request", received_on=date(2026, 11, 20), identity_doubt=True)
    assert records.get(db, "request", row_id, today=TODAY)["due_on"] == date(2026, 12, 4)


def test_page_computes_every_row(db, make):
    a = make("request", received_on=date(2026, 11, 20))
    b = make("request", **_gdpr(received_on=date(2026, 10, 1)))
    rows = {r["id"]: r for r in records.page(db, "request", today=TODAY).rows}
    assert rows[a]["due_on"] == date(2026, 12, 4)
    assert rows[b]["due_on"] == date(2026, 11, 2)
    assert rows[b]["deadline_status"] == "overdue"


def test_unknown_holiday_calendar_is_refused(db):
    org = records.page(db, "organization").rows[0]["id"]
    with pytest.raises(ValidationError) as exc:
        records.update(db, "organization", org, {"holiday_calendar": "XX"}, today=TODAY)
    assert _errors(exc, "holiday_calendar")
