"""The request workflow: each step, what it records, the audit trail, and every refusal.

Calendar (Japan): 2026-11-20 Fri; 2026-11-26 Thu (today); 2026-12-04 Fri; 2026-10-01 Thu;
2026-11-02 Mon; 2027-01-01 Fri (New Year's Day); 2027-01-04 Mon.
"""

from __future__ import annotations

from datetime import date

import pytest
from _refusal import japanese, refused

from privacydesk.services import duties, records
from privacydesk.services import requests as wf
from privacydesk.store.audit import history

TODAY = date(2026, 11, 26)
RECEIVED = date(2026, 11, 20)


@pytest.fixture
def appi(make):
    return make("request", received_on=RECEIVED, subject_ref="U00000042")


@pytest.fixture
def gdpr(make):
    return make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 10, 1))


def _ground(db, code="A"):
    return next(r["id"] for r in records.iterate(db, "refusal_ground") if r["code"] == code)


def _steps(db, row_id):
    """(action, status after) of each audit entry of a request."""
    return [(e["action"], e["after"]["status"]) for e in history(db, "request", row_id)]


# --- allowed moves ------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "expected"), [
    ("received", ("verifying", "in_progress", "decided", "responded", "withdrawn")),
    ("verifying", ("in_progress", "decided", "responded", "withdrawn")),
    ("in_progress", ("decided", "responded", "withdrawn")),
    ("decided", ("responded", "withdrawn")),
    ("responded", ("closed",)),
    ("withdrawn", ("closed",)),
    ("closed", ()),
])
def test_allowed_next(status, expected):
    assert wf.allowed_next({"status": status}) == expected


# --- the whole way, APPI ------------------------------------------------------------------


def test_appi_request_from_receipt_to_closing(db, appi):
    row = records.get(db, "request", appi, today=TODAY)
    assert (row["status"], row["due_on"], row["deadline_status"]) == \
        ("received", date(2026, 12, 4), "ok")

    row = wf.set_status(db, appi, "verifying", today=TODAY)
    assert row["status"] == "verifying"
    assert row["deadline_status"] == "ok"

    row = wf.verify_identity(db, appi, method="運転免許証の写し", verified_on=date(2026, 11, 21),
                             verified_by="佐藤", today=TODAY)
    assert row["status"] == "in_progress"
    assert (row["identity_method"], row["identity_verified_on"], row["identity_verified_by"]) \
        == ("運転免許証の写し", date(2026, 11, 21), "佐藤")
    assert (row["due_on"], row["deadline_status"]) == (date(2026, 12, 4), "ok")
    # seen on 28 Nov the same request is due soon (6 days left)
    assert records.get(db, "request", appi, today=date(2026, 11, 28))["deadline_status"] \
        == "due_soon"

    row = wf.decide(db, appi, decision="full", today=TODAY)
    assert (row["status"], row["decision"], row["refusal_ground"]) == ("decided", "full", None)
    assert row["deadline_status"] == "ok"

    row = wf.respond(db, appi, responded_on=date(2026, 11, 25), fee=1000,
                     systems_actioned="会員DB", today=TODAY)
    assert (row["status"], row["responded_on"], row["fee"], row["systems_actioned"]) == \
        ("responded", date(2026, 11, 25), 1000, "会員DB")
    assert (row["due_on"], row["deadline_status"]) == (date(2026, 12, 4), "done")

    row = wf.close(db, appi, on=date(2026, 11, 26), today=TODAY)
    assert (row["status"], row["closed_on"], row["deadline_status"]) == \
        ("closed", date(2026, 11, 26), "done")

    assert _steps(db, appi) == [("insert", "received"), ("update", "verifying"),
                                ("update", "in_progress"), ("update", "decided"),
                                ("update", "responded"), ("update", "closed")]
    entries = history(db, "request", appi)
    assert entries[2]["before"]["identity_verified_on"] is None
    assert entries[2]["after"]["identity_verified_on"] == "2026-11-21"
    assert entries[4]["after"]["responded_on"] == "2026-11-25"
    assert entries[5]["after"]["closed_on"] == "2026-11-26"


def test_identity_recorded_later_keeps_the_status(db, appi):
    wf.decide(db, appi, decision="no_data", today=TODAY)
    row = wf.verify_identity(db, appi, method="来所・マイナンバーカード",
                             verified_on=date(2026, 11, 24), verified_by="鈴木", today=TODAY)
    assert row["status"] == "decided"
    assert row["identity_verified_on"] == date(2026, 11, 24)


def test_respond_keeps_what_is_not_given(db, appi):
    records.update(db, "request", appi, {"fee": 500}, today=TODAY)
    wf.verify_identity(db, appi, method="m", verified_on=RECEIVED, verified_by="x", today=TODAY)
    wf.decide(db, appi, decision="full", today=TODAY)
    row = wf.respond(db, appi, responded_on=date(2026, 11, 22), today=TODAY)
    assert row["fee"] == 500


# --- GDPR: identity in doubt, extension ---------------------------------------------------


def test_gdpr_proof_of_identity_starts_the_clock(db, make):
    row_id = make("request", kind="gdpr_erasure", law="GDPR", received_on=date(2026, 10, 1),
                  identity_doubt=True)
    row = records.get(db, "request", row_id, today=TODAY)
    assert row["due_on"] is None and row["deadline_status"] is None
    row = wf.verify_identity(db, row_id, method="Passport copy", verified_on=date(2026, 10, 5),
                             verified_by="Sato", proof_on=date(2026, 10, 2), today=TODAY)
    assert row["identity_proof_on"] == date(2026, 10, 2)
    assert row["status"] == "in_progress"
    # one month from the proof: 2 Nov (Mon), passed by today
    assert (row["due_on"], row["deadline_status"]) == (date(2026, 11, 2), "overdue")


def test_gdpr_extension(db, make):
    row_id = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 11, 1))
    row = records.get(db, "request", row_id, today=TODAY)
    assert (row["due_on"], row["deadline_status"]) == (date(2026, 12, 1), "due_soon")
    row = wf.extend(db, row_id, notified_on=date(2026, 11, 20), reason="多数の請求",
                    today=TODAY)
    assert (row["extended"], row["extension_notified_on"], row["extension_reason"]) == \
        (True, date(2026, 11, 20), "多数の請求")
    # three months: 1 Feb 2027 (Mon)
    assert (row["due_on"], row["deadline_status"]) == (date(2027, 2, 1), "ok")
    assert history(db, "request", row_id)[-1]["after"]["extended"] is True


# --- withdrawal -------------------------------------------------------------------------


def test_withdrawn_request_is_done_and_owes_nothing(db, appi, make):
    other = make("request", received_on=RECEIVED)
    before = duties.summary(db, today=TODAY)["open_requests"]
    row = wf.withdraw(db, appi, on=date(2026, 11, 23), today=TODAY)
    assert (row["status"], row["withdrawn_on"]) == ("withdrawn", date(2026, 11, 23))
    assert (row["due_on"], row["deadline_status"]) == (date(2026, 12, 4), "done")
    assert wf.is_done(row)
    assert row["decision"] is None and row["responded_on"] is None
    listed = {d.record_id for d in duties.list_duties(db, today=TODAY)
              if d.kind == "request_response"}
    assert appi not in listed and other in listed
    assert duties.summary(db, today=TODAY)["open_requests"] == before - 1
    # closed afterwards without a decision nor a response
    row = wf.close(db, appi, on=date(2026, 11, 24), today=TODAY)
    assert (row["status"], row["closed_on"], row["deadline_status"]) == \
        ("closed", date(2026, 11, 24), "done")
    assert _steps(db, appi) == [("insert", "received"), ("update", "withdrawn"),
                                ("update", "closed")]
    assert history(db, "request", appi)[1]["after"]["withdrawn_on"] == "2026-11-23"


def test_a_decided_request_can_be_withdrawn(db, appi):
    wf.decide(db, appi, decision="refused", refusal_ground=_ground(db), today=TODAY)
    row = wf.withdraw(db, appi, on=date(2026, 11, 25), today=TODAY)
    assert (row["status"], row["decision"], row["deadline_status"]) == \
        ("withdrawn", "refused", "done")


# --- refusals -----------------------------------------------------------------------------


def test_a_move_not_allowed_is_refused_on_status(db, appi):
    wf.set_status(db, appi, "in_progress", today=TODAY)
    error = refused(db, lambda: wf.set_status(db, appi, "verifying", today=TODAY), "status",
                    "cannot move from In progress to Verifying identity; allowed next: "
                    "Decided, Responded, Withdrawn by the person", "request")
    assert japanese(error, "status") == ("「対応中」から「本人確認中」には進められません"
                                         "（次に進められる状況：決定済、回答済、本人が取下げ）")
    refused(db, lambda: wf.close(db, appi, on=TODAY, today=TODAY), "status",
            "cannot move from In progress to Closed; allowed next: Decided, Responded, "
            "Withdrawn by the person")


def test_nothing_follows_closed(db, appi):
    wf.withdraw(db, appi, on=RECEIVED, today=TODAY)
    wf.close(db, appi, on=RECEIVED, today=TODAY)
    error = refused(db, lambda: wf.set_status(db, appi, "in_progress", today=TODAY), "status",
                    "cannot move from Closed to In progress; allowed next: none")
    assert "なし" in japanese(error, "status")
    refused(db, lambda: wf.withdraw(db, appi, on=RECEIVED, today=TODAY), "status",
            "cannot move from Closed to Withdrawn by the person; allowed next: none")


def test_set_status_needs_the_fields_of_the_status(db, appi):
    refused(db, lambda: wf.set_status(db, appi, "decided", today=TODAY), "decision",
            "is required once the status is 'decided'")
    refused(db, lambda: wf.set_status(db, appi, "withdrawn", today=TODAY), "withdrawn_on",
            "is required once the status is 'withdrawn'")
    row = wf.set_status(db, appi, "decided", decision="no_data", today=TODAY)
    assert (row["status"], row["decision"]) == ("decided", "no_data")


def test_verify_identity_refusals(db, appi, make):
    error = refused(db, lambda: wf.verify_identity(
        db, appi, method=" ", verified_on=RECEIVED, verified_by="", today=TODAY),
        "identity_method", "is required")
    assert error.for_field("identity_verified_by") == ["is required"]
    refused(db, lambda: wf.verify_identity(
        db, appi, method="m", verified_on=date(2026, 11, 19), verified_by="x", today=TODAY),
        "identity_verified_on", "cannot precede the received date")
    error = refused(db, lambda: wf.verify_identity(
        db, appi, method="m", verified_on=date(2026, 11, 27), verified_by="x", today=TODAY),
        "identity_verified_on", "cannot be in the future (today is 2026-11-26)")
    assert japanese(error, "identity_verified_on") == \
        "未来の日付は入力できません（本日は2026-11-26）"
    refused(db, lambda: wf.verify_identity(
        db, appi, method="m", verified_on=RECEIVED, verified_by="x", proof_on=RECEIVED,
        today=TODAY), "identity_proof_on",
        "applies only to a GDPR request whose identity is in doubt (GDPR Art 12(6))")
    doubt = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 10, 1),
                 identity_doubt=True)
    refused(db, lambda: wf.verify_identity(
        db, doubt, method="m", verified_on=date(2026, 10, 5), verified_by="x", today=TODAY),
        "identity_proof_on", "is required: the identity was in doubt, and the response period "
        "runs from the day the proof arrived (GDPR Art 12(6))")
    refused(db, lambda: wf.verify_identity(
        db, doubt, method="m", verified_on=date(2026, 10, 5), verified_by="x",
        proof_on=date(2026, 10, 6), today=TODAY),
        "identity_proof_on", "cannot be after the identity was verified (2026-10-05)")
    wf.withdraw(db, appi, on=RECEIVED, today=TODAY)
    refused(db, lambda: wf.verify_identity(
        db, appi, method="m", verified_on=RECEIVED, verified_by="x", today=TODAY),
        "status", "the identity check cannot be recorded on a request that is Withdrawn by "
        "the person")
    assert records.get(db, "request", doubt)["identity_verified_on"] is None


def test_extend_refusals(db, appi, gdpr):
    error = refused(db, lambda: wf.extend(db, appi, notified_on=date(2026, 11, 21),
                                          reason="x", today=TODAY),
                    "extended", "APPI has no extension: respond without delay (Arts 32–35, 39)")
    assert "延長はありません" in japanese(error, "extended")
    # received 1 Oct: the first month ended on Mon 2 Nov
    refused(db, lambda: wf.extend(db, gdpr, notified_on=date(2026, 11, 3), reason="x",
                                  today=TODAY),
            "extension_notified_on", "must be within the first month, by 2026-11-02 "
            "(GDPR Art 12(3))")
    refused(db, lambda: wf.extend(db, gdpr, notified_on=date(2026, 10, 20), reason=" ",
                                  today=TODAY),
            "extension_reason", "is required for an extension (GDPR Art 12(3))")
    refused(db, lambda: wf.extend(db, gdpr, notified_on=date(2026, 11, 27), reason="x",
                                  today=date(2026, 10, 30)),
            "extension_notified_on", "cannot be in the future (today is 2026-10-30)")
    wf.extend(db, gdpr, notified_on=date(2026, 10, 20), reason="多数の請求", today=TODAY)
    refused(db, lambda: wf.extend(db, gdpr, notified_on=date(2026, 10, 21), reason="x",
                                  today=TODAY),
            "extended", "the request is already extended (the person was told on 2026-10-20)")
    wf.decide(db, gdpr, decision="full", today=TODAY)
    wf.respond(db, gdpr, responded_on=date(2026, 11, 20), identity_override="本人確認済の会員",
               today=TODAY)
    refused(db, lambda: wf.extend(db, gdpr, notified_on=date(2026, 10, 21), reason="x",
                                  today=TODAY),
            "status", "a request that is Responded can no longer be extended")


def test_decide_refusals(db, appi, make):
    error = refused(db, lambda: wf.decide(db, appi, decision="refused", today=TODAY),
                    "refusal_ground",
                    "is required for a refusal (APPI Art 33(2): state the ground)")
    assert "法33条2項" in japanese(error, "refusal_ground")
    refused(db, lambda: wf.decide(db, appi, decision="full", refusal_ground=_ground(db),
                                  today=TODAY),
            "refusal_ground",
            "applies only to a refusal, a partial response or an alternative measure")
    refused(db, lambda: wf.decide(db, appi, decision="alternative", today=TODAY), "decision",
            "an alternative measure is possible only for suspension of use / erasure or stop "
            "of third-party provision (APPI Art 35 provisos)")
    refused(db, lambda: wf.decide(db, appi, decision="maybe", today=TODAY), "decision",
            "'maybe' is not one of: full, partial, refused, no_data, alternative")
    # decided again before the response: the ground goes with the refusal
    wf.decide(db, appi, decision="refused", refusal_ground=_ground(db), today=TODAY)
    row = wf.decide(db, appi, decision="full", today=TODAY)
    assert (row["decision"], row["refusal_ground"]) == ("full", None)
    suspension = make("request", kind="appi_suspension", received_on=RECEIVED)
    row = wf.decide(db, suspension, decision="alternative", refusal_ground=_ground(db, "ALT"),
                    reason_explained="多額の費用を要するため、利用停止に代わる措置をとります",
                    today=TODAY)
    assert row["decision"] == "alternative"
    wf.verify_identity(db, appi, method="m", verified_on=RECEIVED, verified_by="x", today=TODAY)
    wf.respond(db, appi, responded_on=RECEIVED, today=TODAY)
    refused(db, lambda: wf.decide(db, appi, decision="partial", today=TODAY), "status",
            "the decision cannot change on a request that is Responded")


def test_respond_refusals(db, appi):
    refused(db, lambda: wf.respond(db, appi, responded_on=RECEIVED, today=TODAY), "decision",
            "is required once the status is 'responded'")
    wf.decide(db, appi, decision="partial", today=TODAY)
    error = refused(db, lambda: wf.respond(db, appi, responded_on=date(2026, 11, 22),
                                           today=TODAY),
                    "identity_override", "a reason is required to respond before the identity "
                    "is verified (identity_verified_on)")
    assert error.for_field("reason_explained") == [
        "is required when responding with a refusal, a partial or an alternative measure "
        "(APPI Art 36: explain the reason to the person)"]
    refused(db, lambda: wf.respond(db, appi, responded_on=date(2026, 11, 19),
                                   identity_override="x", today=TODAY),
            "responded_on", "cannot precede the received date")
    refused(db, lambda: wf.respond(db, appi, responded_on=date(2026, 11, 30),
                                   identity_override="x", today=TODAY),
            "responded_on", "cannot be in the future (today is 2026-11-26)")
    refused(db, lambda: wf.respond(db, appi, responded_on=date(2026, 11, 22),
                                   identity_override="x", fee=-1, today=TODAY),
            "fee", "must be at least 0")
    records.update(db, "request", appi, {"reason_explained": "一部は33条2項2号に該当"},
                   today=TODAY)
    row = wf.respond(db, appi, responded_on=date(2026, 11, 22),
                     identity_override="電話で登録情報と照合済み", today=TODAY)
    assert (row["status"], row["identity_override"]) == ("responded", "電話で登録情報と照合済み")


def test_withdraw_and_close_refusals(db, appi):
    refused(db, lambda: wf.withdraw(db, appi, on=date(2026, 11, 19), today=TODAY),
            "withdrawn_on", "cannot precede the received date")
    refused(db, lambda: wf.withdraw(db, appi, on=date(2026, 11, 27), today=TODAY),
            "withdrawn_on", "cannot be in the future (today is 2026-11-26)")
    wf.withdraw(db, appi, on=date(2026, 11, 23), today=TODAY)
    error = refused(db, lambda: wf.close(db, appi, on=date(2026, 11, 22), today=TODAY),
                    "closed_on", "cannot precede the withdrawal (2026-11-23)")
    assert japanese(error, "closed_on") == "取下げ日（2026-11-23）より前の日付は入力できません"
    refused(db, lambda: wf.withdraw(db, appi, on=date(2026, 11, 23), today=TODAY), "status",
            "cannot move from Withdrawn by the person to Withdrawn by the person; "
            "allowed next: Closed")


def test_close_after_response_refusals(db, appi):
    wf.verify_identity(db, appi, method="m", verified_on=RECEIVED, verified_by="x", today=TODAY)
    wf.decide(db, appi, decision="full", today=TODAY)
    wf.respond(db, appi, responded_on=date(2026, 11, 24), today=TODAY)
    refused(db, lambda: wf.close(db, appi, on=date(2026, 11, 23), today=TODAY), "closed_on",
            "cannot precede the response (2026-11-24)")
    refused(db, lambda: wf.close(db, appi, on=date(2026, 11, 27), today=TODAY), "closed_on",
            "cannot be in the future (today is 2026-11-26)")
    refused(db, lambda: wf.withdraw(db, appi, on=date(2026, 11, 25), today=TODAY), "status",
            "cannot move from Responded to Withdrawn by the person; allowed next: Closed")


# --- the record rules of withdrawal and closing (forms and imports too) -------------------


def test_withdrawal_fields_are_checked_however_written(db, make):
    refused(db, lambda: make("request", withdrawn_on=RECEIVED), "withdrawn_on",
            "applies only to a request the person withdrew")
    refused(db, lambda: make("request", status="responded", decision="full",
                             identity_verified_on=date(2026, 10, 2),
                             responded_on=date(2026, 10, 3), withdrawn_on=date(2026, 10, 4)),
            "withdrawn_on", "applies only to a request the person withdrew")
    refused(db, lambda: make("request", status="closed", decision="full",
                             identity_verified_on=date(2026, 10, 2),
                             responded_on=date(2026, 10, 3), withdrawn_on=date(2026, 10, 4),
                             closed_on=date(2026, 10, 5)),
            "withdrawn_on", "a request already responded to cannot be withdrawn "
                            "(responded on 2026-10-03)")
    refused(db, lambda: make("request", status="closed", decision="full",
                             identity_verified_on=date(2026, 10, 2),
                             responded_on=date(2026, 10, 3)),
            "closed_on", "is required once the status is 'closed'")
    row_id = make("request", status="closed", withdrawn_on=date(2026, 10, 2),
                  closed_on=date(2026, 10, 2))
    assert records.get(db, "request", row_id, today=TODAY)["deadline_status"] == "done"
