"""A workflow step prepared from a row as it was shown (its dialog's row) is refused when
someone else saved the row since: nothing is written and the refusal names who."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from _refusal import audit_entries

from privacydesk.domain.entities import entity
from privacydesk.services import access, consent, incidents, records
from privacydesk.services import requests as wf
from privacydesk.store.audit import writing
from privacydesk.store.database import open_database

TODAY = date(2026, 11, 26)
JST = timezone(timedelta(hours=9))
THEM = "田中 次郎"


@pytest.fixture
def other(db, db_path, passphrase):
    """A second session on the same database: a colleague at another desk."""
    db.officer = "佐藤 花子"
    session = open_database(db_path, passphrase)
    session.officer = THEM
    yield session
    session.close()


def _stale(db, call, entity_name, row_id):
    """``call()`` is refused as Stale naming the colleague, and writes nothing."""
    before = audit_entries(db)
    with pytest.raises(records.Stale) as caught:
        call()
    refusal = caught.value
    assert (refusal.entity, refusal.row_id) == (entity_name, row_id)
    assert THEM in refusal.who and refusal.version == 2
    assert f"was changed by {THEM}" in str(refusal.message)
    assert THEM in refusal.message.ja and "開いた後に" in refusal.message.ja
    assert audit_entries(db) == before
    return refusal


# --- requests -------------------------------------------------------------------------------

STEPS = {
    "set_status": lambda db, rid, v: wf.set_status(db, rid, "verifying", today=TODAY,
                                                  version=v),
    "verify_identity": lambda db, rid, v: wf.verify_identity(
        db, rid, method="運転免許証", verified_on=date(2026, 11, 20), verified_by="佐藤",
        today=TODAY, version=v),
    "extend": lambda db, rid, v: wf.extend(db, rid, notified_on=date(2026, 11, 20),
                                           reason="多数の請求", today=TODAY, version=v),
    "decide": lambda db, rid, v: wf.decide(db, rid, decision="full", today=TODAY, version=v),
    "respond": lambda db, rid, v: wf.respond(db, rid, responded_on=date(2026, 11, 24),
                                             today=TODAY, version=v),
    "withdraw": lambda db, rid, v: wf.withdraw(db, rid, on=date(2026, 11, 24), today=TODAY,
                                               version=v),
    "close": lambda db, rid, v: wf.close(db, rid, on=date(2026, 11, 24), today=TODAY,
                                         version=v),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_every_request_step_is_refused_over_a_newer_save(db, make, other, step):
    rid = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 11, 2))
    shown = records.get(db, "request", rid)
    assert shown["row_version"] == 1
    records.update(other, "request", rid, {"subject_ref": "U77777777"}, version=1)
    # refused before any rule of the step is weighed (closing a received request, say)
    _stale(db, lambda: STEPS[step](db, rid, shown["row_version"]), "request", rid)
    row = records.get(db, "request", rid)
    assert (row["status"], row["subject_ref"], row["decision"], row["extended"],
            row["identity_verified_on"], row["row_version"]) == \
        ("received", "U77777777", None, False, None, 2)


def test_a_request_step_from_the_current_version_goes_through(db, make, other):
    rid = make("request", received_on=date(2026, 11, 20))
    records.update(other, "request", rid, {"subject_ref": "U77777777"}, version=1)
    row = wf.decide(db, rid, decision="full", today=TODAY, version=2)
    assert (row["status"], row["decision"], row["subject_ref"], row["row_version"]) == \
        ("decided", "full", "U77777777", 3)
    # without a version the step applies to the row as it is (the command line)
    row = wf.respond(db, rid, responded_on=date(2026, 11, 24),
                     identity_override="窓口で確認済み", today=TODAY)
    assert (row["status"], row["row_version"]) == ("responded", 4)


# --- incidents ------------------------------------------------------------------------------


def test_a_notice_over_a_newer_save_is_refused(db, make, other):
    iid = make("incident")
    records.update(other, "incident", iid, {"affected_max": 40}, version=1)

    def notice(version):
        return incidents.record_notice(db, iid, notified_on=date(2026, 11, 24),
                                       method="電子メール", alternative_measure=None,
                                       today=TODAY, version=version)

    _stale(db, lambda: notice(1), "incident", iid)
    row = records.get(db, "incident", iid)
    assert (row["individuals_notified_on"], row["notice_method"], row["affected_max"],
            row["row_version"]) == (None, None, 40, 2)
    row = notice(2)
    assert (row["individuals_notified_on"], row["notice_method"], row["affected_max"],
            row["row_version"]) == (date(2026, 11, 24), "電子メール", 40, 3)


# --- consent --------------------------------------------------------------------------------


def test_a_withdrawal_over_a_newer_save_is_refused(db, make, other):
    cid = make("consent")
    records.update(other, "consent", cid, {"channel": "paper"}, version=1)
    at = datetime(2026, 11, 20, 18, 30, tzinfo=JST)
    _stale(db, lambda: consent.withdraw(db, cid, at=at, channel="email", version=1),
           "consent", cid)
    row = records.get(db, "consent", cid)
    assert (row["status"], row["withdrawn_at"], row["withdrawal_channel"], row["channel"],
            row["row_version"]) == ("active", None, None, "paper", 2)
    row = consent.withdraw(db, cid, at=at, channel="email", version=2)
    assert (row["status"], row["withdrawn_at"], row["withdrawal_channel"],
            row["row_version"]) == ("withdrawn", at, "email", 3)


# --- access reviews -------------------------------------------------------------------------

START = date(2026, 11, 1)


@pytest.fixture
def review(db, make):
    asset = make("data_asset")
    grant = make("grant", asset=asset, granted_on=date(2026, 5, 1))
    review = access.start_review(db, scope="会員DB", reviewer="佐藤", started_on=START,
                                 asset=asset)
    return review, grant


def test_a_decision_on_a_grant_saved_meanwhile_is_refused(db, other, review):
    review_id, grant = review
    shown = access.grants_in_scope(db, review_id)
    assert [(g["id"], g["row_version"]) for g in shown] == [(grant, 1)]
    records.update(other, "grant", grant, {"justification": "監査対応"}, version=1)
    _stale(db, lambda: access.decide(db, review_id, grant, "keep",
                                     decided_on=date(2026, 11, 10), version=1),
           "grant", grant)
    row = records.get(db, "grant", grant)
    assert (row["last_reviewed_on"], row["justification"], row["row_version"]) == \
        (None, "監査対応", 2)
    assert records.count(db, "review_decision") == 0  # the decision was not written either
    decision = access.decide(db, review_id, grant, "keep", decided_on=date(2026, 11, 10),
                             version=2)
    assert records.get(db, "review_decision", decision)["decision"] == "keep"
    row = records.get(db, "grant", grant)
    assert (row["last_reviewed_on"], row["row_version"]) == (date(2026, 11, 10), 3)


def test_an_attestation_of_a_review_saved_meanwhile_is_refused(db, other, review):
    review_id, grant = review
    access.decide(db, review_id, grant, "keep", decided_on=date(2026, 11, 10), version=1)
    shown = records.get(db, "access_review", review_id)
    assert shown["row_version"] == 1  # a decision does not change the review's row
    records.update(other, "access_review", review_id, {"reviewer": "鈴木"}, version=1)
    _stale(db, lambda: access.attest(db, review_id, on=date(2026, 11, 20), version=1),
           "access_review", review_id)
    row = records.get(db, "access_review", review_id)
    assert (row["attested_on"], row["reviewer"], row["row_version"]) == (None, "鈴木", 2)
    row = access.attest(db, review_id, on=date(2026, 11, 20), version=2)
    assert (row["attested_on"], row["reviewer"], row["row_version"]) == \
        (date(2026, 11, 20), "鈴木", 3)


# --- the write itself ------------------------------------------------------------------------


def test_a_save_between_the_read_and_the_write_is_refused_as_stale(db, make):
    """The write names the version it was prepared from, so a writer who came between
    the step's read and its write is refused the same way (here: the version moved on
    inside the same transaction, as another writer would have)."""
    from privacydesk.services.records import update_from

    sid = make("staff")
    e = entity("staff")
    with pytest.raises(records.Stale) as caught, writing(db) as w:
        w.update("staff", sid, {"role": "人事"})  # now at version 2
        update_from(w, e, sid, {"role": "総務"}, 1)
    assert caught.value.version == 2
    row = records.get(db, "staff", sid)
    assert (row["role"], row["row_version"]) == (None, 1)  # the whole transaction rolled back


# --- settings -------------------------------------------------------------------------------


def test_settings_saved_meanwhile_are_not_overwritten(db, other):
    from privacydesk.services import settings

    settings.put(db, "due_soon_days", 7)
    shown = settings.stored_versions(db)
    assert "appi_request_days" not in shown  # never set: the default
    settings.put(other, "due_soon_days", 3)
    before = audit_entries(db)
    with pytest.raises(records.Stale) as caught:
        settings.put_many(db, {"appi_request_days": 10, "due_soon_days": 5}, versions=shown)
    assert THEM in caught.value.who
    assert audit_entries(db) == before  # neither written
    assert (settings.get(db, "due_soon_days"), settings.get(db, "appi_request_days")) == (3, 14)
    # a setting first set by someone else meanwhile counts as saved since
    settings.put(other, "appi_request_days", 12)
    with pytest.raises(records.Stale):
        settings.put_many(db, {"appi_request_days": 10}, versions=shown)
    assert settings.get(db, "appi_request_days") == 12
    # settings nobody touched go through, and say their versions for the next save
    written = settings.put_many(db, {"officer_name": "佐藤 花子"}, versions=shown)
    assert written == {"officer_name": settings.stored_versions(db)["officer_name"]}
    assert db.officer == "佐藤 花子"
    # from the current versions; without versions, as they are
    settings.put_many(db, {"due_soon_days": 5}, versions=settings.stored_versions(db))
    settings.put_many(db, {"appi_request_days": 10})
    assert (settings.get(db, "due_soon_days"), settings.get(db, "appi_request_days")) == (5, 10)


def test_settings_are_written_all_or_none(db):
    from privacydesk.services import settings

    before = audit_entries(db)
    with pytest.raises(records.ValidationError) as caught:
        settings.put_many(db, {"due_soon_days": 5, "appi_request_days": 61,
                               "gdpr_request_months": "soon"})
    assert sorted(e.field for e in caught.value.errors) == \
        ["appi_request_days", "gdpr_request_months"]
    assert audit_entries(db) == before
    assert settings.get(db, "due_soon_days") == 7
