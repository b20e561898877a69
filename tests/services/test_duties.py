"""The duty list and the dashboard counts on a small database with known dates.

Today is Thu 2026-11-26 (JST). Calendar: 2026-11-28 Sat, 30 Mon; 2026-12-13 Sun, 14 Mon;
2026-12-20 Sun, 21 Mon.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from privacydesk.services import records
from privacydesk.services.duties import Duty, list_duties, summary
from privacydesk.services.records import Query

TODAY = date(2026, 11, 26)


@pytest.fixture
def world(db, make):
    w: dict[str, int] = {}
    # requests
    w["R1"] = make("request", received_on=date(2026, 11, 20), subject_ref="U00012345")
    w["R2"] = make("request", received_on=date(2026, 11, 1))
    w["R3"] = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 10, 28))
    w["R4"] = make("request", kind="gdpr_erasure", law="GDPR", received_on=date(2026, 11, 10),
                   identity_doubt=True)
    w["R5"] = make("request", received_on=date(2026, 11, 2), status="responded",
                   decision="full", identity_verified_on=date(2026, 11, 3),
                   responded_on=date(2026, 11, 10))
    w["R6"] = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 9, 13),
                   extended=True, extension_reason="多数の請求",
                   extension_notified_on=date(2026, 10, 13))
    # incidents
    w["I1"] = make("incident", known_at=datetime(2026, 11, 20, 16, 30, tzinfo=UTC),
                   affected_max=2000)
    w["I2"] = make("incident", gdpr_applies=True,
                   gdpr_aware_at=datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    w["I3"] = make("incident", known_at=datetime(2026, 10, 1, 1, 0, tzinfo=UTC),
                   affected_max=2000, individuals_notified_on=date(2026, 10, 3))
    make("incident_report", incident=w["I3"], kind="ppc_preliminary",
         submitted_on=date(2026, 10, 3))
    make("incident_report", incident=w["I3"], kind="ppc_final", submitted_on=date(2026, 10, 20))
    # training
    course = make("course", title_en="Privacy basics", title_ja="個人情報保護の基礎",
                  refresher_months=12)
    optional = make("course", mandatory=False, refresher_months=12)
    for name in ("S1", "S2", "S3", "S4", "S5", "S6", "S7"):
        w[name] = make("staff", name_latin=f"Staff {name}")
    records.update(db, "staff", w["S3"], {"started_on": date(2026, 11, 1)}, today=TODAY)
    records.update(db, "staff", w["S4"], {"ended_on": date(2026, 10, 31)}, today=TODAY)
    records.update(db, "staff", w["S5"], {"handles_personal_data": False}, today=TODAY)
    records.update(db, "staff", w["S7"], {"started_on": date(2027, 2, 1)}, today=TODAY)
    w["C1"] = make("completion", staff=w["S1"], course=course, completed_on=date(2025, 12, 20))
    make("completion", staff=w["S2"], course=course, completed_on=date(2025, 6, 10))
    make("completion", staff=w["S2"], course=course, completed_on=date(2026, 6, 1))
    make("completion", staff=w["S4"], course=course, completed_on=date(2025, 1, 10))
    make("completion", staff=w["S6"], course=course, completed_on=date(2026, 3, 1))
    make("completion", staff=w["S6"], course=optional, completed_on=date(2024, 1, 1))
    # access grants
    asset = make("data_asset")
    grant = {"asset": asset, "level": "read", "justification": "業務上必要"}
    w["G1"] = make("grant", staff=w["S2"], granted_on=date(2026, 5, 1), **grant)
    w["G2"] = make("grant", staff=w["S2"], granted_on=date(2025, 1, 1),
                   last_reviewed_on=date(2026, 6, 1), **grant)
    w["G3"] = make("grant", staff=w["S1"], granted_on=date(2026, 1, 31), review_cycle_months=12,
                   **grant)
    w["G4"] = make("grant", staff=w["S2"], granted_on=date(2025, 1, 1),
                   revoked_on=date(2026, 1, 1), **grant)
    w["G5"] = make("grant", staff=w["S4"], granted_on=date(2026, 8, 1), **grant)
    w["G6"] = make("grant", staff=w["S3"], granted_on=date(2026, 10, 1), **grant)
    # entrustee, foreign transfers, safety measure
    w["E1"] = make("entrustee", selected_on=date(2025, 11, 20))
    w["F1"] = make("foreign_transfer", basis="equivalent_measures")
    make("transfer_check", transfer=w["F1"], checked_on=date(2025, 12, 1))
    make("foreign_transfer", basis="consent")
    w["M1"] = records.page(db, "safety_measure", query=Query(equals={"code": "C1"})).rows[0]["id"]
    records.update(db, "safety_measure", w["M1"], {"last_assessed_on": date(2025, 12, 10)},
                   today=TODAY)
    # third-party records
    w["P1"] = make("provision_record", method="each", provided_on=date(2023, 11, 20))
    make("provision_record", method="each", provided_on=date(2024, 1, 1))
    make("provision_record", method="each", provided_on=date(2020, 1, 1),
         basis="exception_27_1")
    w["RR1"] = make("receipt_record", method="contract", received_on=date(2024, 1, 1),
                    last_received_on=date(2025, 10, 1))
    return w


def _expected(w):
    d = date
    return [
        # overdue, by due date; same day: kind order (training before access review)
        ("record_deletion", "receipt_record", w["RR1"], d(2026, 10, 1), "overdue", -56),
        ("training", "staff", w["S3"], d(2026, 11, 1), "overdue", -25),
        ("access_review", "grant", w["G1"], d(2026, 11, 1), "overdue", -25),
        ("request_response", "request", w["R2"], d(2026, 11, 15), "overdue", -11),
        ("entrustee_audit", "entrustee", w["E1"], d(2026, 11, 20), "overdue", -6),
        ("record_deletion", "provision_record", w["P1"], d(2026, 11, 20), "overdue", -6),
        ("ppc_preliminary", "incident", w["I1"], d(2026, 11, 25), "overdue", -1),
        # due soon
        ("individual_notice", "incident", w["I1"], d(2026, 11, 25), "due_soon", -1),
        ("gdpr_authority", "incident", w["I2"], datetime(2026, 11, 28, 3, 0, tzinfo=UTC),
         "due_soon", 2),
        ("request_response", "request", w["R3"], d(2026, 11, 30), "due_soon", 4),
        ("access_review", "grant", w["G2"], d(2026, 12, 1), "due_soon", 5),
        ("transfer_check", "foreign_transfer", w["F1"], d(2026, 12, 1), "due_soon", 5),
        ("training", "completion", w["C1"], d(2026, 12, 20), "due_soon", 24),
        # ok
        ("request_response", "request", w["R1"], d(2026, 12, 4), "ok", 8),
        ("request_response", "request", w["R4"], d(2026, 12, 10), "ok", 14),  # identity awaited
        ("measure_review", "safety_measure", w["M1"], d(2026, 12, 10), "ok", 14),
        ("request_response", "request", w["R6"], d(2026, 12, 14), "ok", 18),  # extended
        ("ppc_final", "incident", w["I1"], d(2026, 12, 21), "ok", 25),
        ("access_review", "grant", w["G3"], d(2027, 1, 31), "ok", 66),
        ("access_review", "grant", w["G5"], d(2027, 2, 1), "ok", 67),
        ("access_review", "grant", w["G6"], d(2027, 4, 1), "ok", 126),
    ]


def _tuple(d: Duty):
    return (d.kind, d.entity, d.record_id, d.due, d.status, d.days_left)


def test_fresh_database_has_no_duties(db):
    assert list_duties(db, today=TODAY) == []


def test_every_duty_in_order(db, world):
    duties = list_duties(db, today=TODAY)
    assert [_tuple(d) for d in duties] == _expected(world)


def test_within_keeps_overdue_and_the_next_days(db, world):
    duties = list_duties(db, today=TODAY, within=7)
    assert [_tuple(d) for d in duties] == [
        t for t in _expected(world) if t[4] == "overdue" or t[5] <= 7]
    # within=0: the overdue ones and the individual notice (days_left -1, never overdue)
    assert [_tuple(d) for d in list_duties(db, today=TODAY, within=0)] == _expected(world)[:8]


def test_no_duty_for_done_revoked_superseded_departed(db, world):
    duties = list_duties(db, today=TODAY)
    ids = {(d.entity, d.record_id) for d in duties}
    assert ("request", world["R5"]) not in ids  # responded
    assert ("grant", world["G4"]) not in ids  # revoked
    assert ("incident", world["I3"]) not in ids  # every report filed, individuals notified
    staff_or_completion = {d.record_id for d in duties if d.kind == "training"}
    # S2's old completion is superseded, S4 left, S5 handles no personal data,
    # S6 is valid (an expired optional course does not count), S7 starts in 67 days
    assert staff_or_completion == {world["S3"], world["C1"]}


def test_titles_and_rules(db, world):
    duties = {(d.kind, d.entity, d.record_id): d for d in list_duties(db, today=TODAY)}
    r1 = duties[("request_response", "request", world["R1"])]
    assert r1.title_en == "Respond to disclosure request from U00012345"
    assert r1.title_ja == "U00012345からの開示請求への回答"
    assert r1.rule.startswith("APPI Art 39: internal target received + 14 days")
    assert "Art 12(6)" in duties[("request_response", "request", world["R4"])].rule
    assert "extended" in duties[("request_response", "request", world["R6"])].rule
    assert "PPC Rules Art 8(1)" in duties[("ppc_preliminary", "incident", world["I1"])].rule
    assert "within 30 days" in duties[("ppc_final", "incident", world["I1"])].rule
    assert "Art 33(1)" in duties[("gdpr_authority", "incident", world["I2"])].rule
    assert "Art 28(3)" in duties[("transfer_check", "foreign_transfer", world["F1"])].rule
    assert "PPC Rules Art 21" in duties[("record_deletion", "provision_record", world["P1"])].rule
    assert "PPC Rules Art 25" in duties[("record_deletion", "receipt_record", world["RR1"])].rule
    training = duties[("training", "completion", world["C1"])]
    assert training.title_en == "Refresher training: Privacy basics (Staff S1)"
    assert all(d.title_en and d.title_ja and d.rule for d in duties.values())


def test_gdpr_deadline_with_a_moment(db, world):
    late = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)  # an hour past the 72 hours
    gdpr = [d for d in list_duties(db, now=late) if d.kind == "gdpr_authority"]
    assert [(d.status, d.days_left) for d in gdpr] == [("overdue", -1)]


def test_filing_and_notifying_clear_incident_duties(db, make, world):
    make("incident_report", incident=world["I1"], kind="ppc_preliminary",
         submitted_on=date(2026, 11, 25))
    records.update(db, "incident", world["I1"], {"alternative_measure": "Webサイトで公表"},
                   today=TODAY)
    records.update(db, "incident", world["I2"],
                   {"authority_notified_at": datetime(2026, 11, 26, 1, 0, tzinfo=UTC)},
                   today=TODAY)
    kinds = [d.kind for d in list_duties(db, today=TODAY) if d.entity == "incident"]
    assert kinds == ["ppc_final"]


def test_responding_clears_the_request_duty(db, world):
    records.update(db, "request", world["R2"], {
        "status": "responded", "decision": "full", "identity_verified_on": date(2026, 11, 2),
        "responded_on": date(2026, 11, 20)}, today=TODAY)
    assert world["R2"] not in {d.record_id for d in list_duties(db, today=TODAY)
                               if d.kind == "request_response"}


def test_summary(db, world):
    assert summary(db, today=TODAY) == {
        "open_requests": 5,
        "overdue_duties": 7,
        "due_soon_duties": 6,
        "incidents_awaiting_report": 2,  # I1 (PPC), I2 (GDPR)
        "staff_handling_data": 4,  # S1, S2, S3, S6 (S4 left, S5 no data, S7 not started)
        "staff_trained": 3,  # S3 never passed
        "training_compliance_pct": 75.0,
        "access_reviews_due": 2,  # G1 overdue, G2 due soon
        "grants_untrained_or_departed": 2,  # G5 (S4 left), G6 (S3 untrained)
    }


def test_summary_of_fresh_database(db):
    counts = summary(db, today=TODAY)
    assert counts["training_compliance_pct"] == 100.0
    assert counts["overdue_duties"] == counts["open_requests"] == 0


def test_overview_is_summary_and_duties_from_one_read(db, world, monkeypatch):
    from privacydesk.services import duties as duty_service

    expected = (summary(db, today=TODAY), list_duties(db, today=TODAY, within=7))
    gathered = []
    real = duty_service._gather
    monkeypatch.setattr(duty_service, "_gather",
                        lambda ctx, *a: gathered.append(1) or real(ctx, *a))
    assert duty_service.overview(db, today=TODAY, within=7) == expected
    assert len(gathered) == 1
