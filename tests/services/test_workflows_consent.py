"""Withdrawal of consent, and the rules of a withdrawn consent however it is written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from _refusal import japanese, refused

from privacydesk.services import consent, demo, records
from privacydesk.store.audit import history
from privacydesk.store.database import create_database

CAPTURED = datetime(2026, 10, 1, 3, 0, tzinfo=UTC)  # the factory's; 12:00 in Japan
JST = timezone(timedelta(hours=9))


def test_withdraw_records_the_instant_and_the_channel(db, make):
    row_id = make("consent")
    at = datetime(2026, 11, 20, 18, 30, tzinfo=JST)
    row = consent.withdraw(db, row_id, at=at, channel="email")
    assert row["status"] == "withdrawn"
    assert row["withdrawn_at"] == at and row["withdrawn_at"].tzinfo is not None
    assert row["withdrawal_channel"] == "email"
    entries = history(db, "consent", row_id)
    assert [e["action"] for e in entries] == ["insert", "update"]
    assert entries[1]["before"]["status"] == "active"
    assert entries[1]["after"]["status"] == "withdrawn"
    assert entries[1]["after"]["withdrawn_at"] == "2026-11-20T09:30:00.000000Z"
    assert entries[1]["after"]["withdrawal_channel"] == "email"


def test_a_withdrawal_at_the_moment_of_capture_is_accepted(db, make):
    row_id = make("consent")
    assert consent.withdraw(db, row_id, at=CAPTURED, channel="web_form")["withdrawn_at"] \
        == CAPTURED


def test_withdraw_refusals(db, make):
    row_id = make("consent")
    error = refused(db, lambda: consent.withdraw(
        db, row_id, at=datetime(2026, 10, 1, 2, 59, tzinfo=UTC), channel="email"),
        "withdrawn_at",
        "cannot precede the time the consent was captured (2026-10-01 12:00 JST)", "consent")
    assert japanese(error, "withdrawn_at") == \
        "同意の取得日時（2026-10-01 12:00 JST）より前の日時は入力できません"
    refused(db, lambda: consent.withdraw(db, row_id, at=datetime(2026, 11, 20, 10, 0),
                                         channel="email"),
            "withdrawn_at", "needs a time zone (e.g. +09:00 or Z)")
    refused(db, lambda: consent.withdraw(db, row_id, at=datetime(2026, 11, 20, tzinfo=UTC),
                                         channel="fax"),
            "withdrawal_channel", "'fax' is not one of: web_form, email, post, phone, in_person")
    consent.withdraw(db, row_id, at=datetime(2026, 11, 20, tzinfo=UTC), channel="phone")
    refused(db, lambda: consent.withdraw(db, row_id, at=datetime(2026, 11, 21, tzinfo=UTC),
                                         channel="email"),
            "status", "the consent is already withdrawn (at 2026-11-20 09:00 JST)")
    assert records.get(db, "consent", row_id)["withdrawal_channel"] == "phone"
    old = make("consent", status="superseded")
    refused(db, lambda: consent.withdraw(db, old, at=datetime(2026, 11, 20, tzinfo=UTC),
                                         channel="email"),
            "status", "a superseded consent cannot be withdrawn: withdraw the consent that "
                      "replaced it")
    with pytest.raises(records.NotFound):
        consent.withdraw(db, 999_999, at=datetime(2026, 11, 20, tzinfo=UTC), channel="email")


def test_the_rules_hold_for_forms_and_imports(db, make):
    refused(db, lambda: make("consent", status="withdrawn"), "withdrawn_at",
            "is required for a withdrawn consent")
    error = refused(db, lambda: make("consent", withdrawn_at=datetime(2026, 11, 1, tzinfo=UTC),
                                     withdrawal_channel="email"),
                    "withdrawn_at", "applies only to a withdrawn consent")
    assert error.for_field("withdrawal_channel") == ["applies only to a withdrawn consent"]
    refused(db, lambda: make("consent", status="withdrawn",
                             withdrawn_at=datetime(2026, 9, 30, tzinfo=UTC)),
            "withdrawn_at",
            "cannot precede the time the consent was captured (2026-10-01 12:00 JST)")
    row_id = make("consent", status="withdrawn", withdrawn_at=datetime(2026, 11, 1, tzinfo=UTC))
    # reactivating a consent must clear the withdrawal
    refused(db, lambda: records.update(db, "consent", row_id, {"status": "active"}),
            "withdrawn_at", "applies only to a withdrawn consent")
    records.update(db, "consent", row_id, {"status": "active", "withdrawn_at": None})


def test_every_demo_consent_passes_the_rules(tmp_path):
    db = create_database(tmp_path / "demo.db", "correct horse battery")
    try:
        demo.fill(db, "small", seed=7, today=date(2026, 11, 26))
        rows = list(records.iterate(db, "consent"))
        withdrawn = [r for r in rows if r["status"] == "withdrawn"]
        assert len(withdrawn) > 50
        with db.read() as conn:
            ctx = records.context(db, conn)
            problems = [(r["id"], e) for r in rows for e in consent.check_consent(ctx, r, r)]
        assert problems == []
    finally:
        db.close()
