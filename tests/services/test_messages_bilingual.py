"""Every refusal of the record rules carries its Japanese text, and the English is unchanged."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from privacydesk.domain.fields import Text
from privacydesk.services import records
from privacydesk.services import settings as settings_service
from privacydesk.services.records import ValidationError

TODAY = date(2026, 11, 26)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def refused(call, field: str) -> Text:
    """The one message on ``field`` of the ValidationError ``call`` raises."""
    with pytest.raises(ValidationError) as caught:
        call()
    messages = caught.value.for_field(field)
    assert len(messages) == 1, caught.value.errors
    message = messages[0]
    assert isinstance(message, Text), (field, message)
    assert message.ja != str(message) and _JAPANESE.search(message.ja), message.ja
    return message


def _gdpr(**kw):
    return {"kind": "gdpr_access", "law": "GDPR", **kw}


@pytest.mark.parametrize(("values", "field", "en", "ja_part"), [
    ({"kind": "gdpr_erasure", "law": "APPI"}, "law",
     "must be GDPR for a request of type 'gdpr_erasure'", "消去（GDPR 17条）"),
    ({"status": "decided"}, "decision", "is required once the status is 'decided'", "決定済"),
    ({"status": "decided", "decision": "refused"}, "refusal_ground",
     "is required for a refusal (APPI Art 33(2): state the ground)", "法33条2項"),
    ({"kind": "appi_correction", "status": "decided", "decision": "alternative"}, "decision",
     "an alternative measure is possible only for suspension of use / erasure or stop of "
     "third-party provision (APPI Art 35 provisos)", "35条ただし書"),
    ({"extended": True, "extension_reason": "x", "extension_notified_on": date(2026, 10, 2)},
     "extended", "APPI has no extension: respond without delay (Arts 32–35, 39)", "延長"),
    (_gdpr(extended=True, extension_notified_on=date(2026, 10, 2)), "extension_reason",
     "is required for an extension (GDPR Art 12(3))", "GDPR 12条3項"),
    (_gdpr(extended=True, extension_reason="x"), "extension_notified_on",
     "is required for an extension: the person must be told (GDPR Art 12(3))", "本人に通知"),
    (_gdpr(received_on=date(2026, 9, 13), extended=True, extension_reason="x",
           extension_notified_on=date(2026, 10, 14)), "extension_notified_on",
     "must be within the first month, by 2026-10-13 (GDPR Art 12(3))", "2026-10-13まで"),
    (_gdpr(extended=True, extension_reason="x", extension_notified_on=date(2026, 9, 30)),
     "extension_notified_on", "cannot precede the received date", "受付日"),
    ({"status": "responded", "decision": "full", "responded_on": date(2026, 10, 5)},
     "identity_override", "a reason is required to respond before the identity is verified "
     "(identity_verified_on)", "本人確認"),
    (_gdpr(identity_doubt=True, identity_proof_on=date(2026, 9, 30)), "identity_proof_on",
     "cannot precede the received date", "受付日"),
    ({"status": "closed", "decision": "full", "identity_verified_on": date(2026, 10, 2)},
     "responded_on", "is required once the status is 'closed'", "完了"),
    ({"responded_on": date(2026, 9, 30), "identity_verified_on": date(2026, 9, 30),
      "status": "responded", "decision": "full"},
     "responded_on", "cannot precede the received date", "受付日"),
])
def test_request_rules(make, values, field, en, ja_part):
    message = refused(lambda: make("request", **values), field)
    assert message == en
    assert ja_part in message.ja


def test_reason_explained_and_the_holiday_calendar(db, make):
    ground = records.page(db, "refusal_ground", limit=1, sort="code").rows[0]["id"]
    message = refused(lambda: make(
        "request", status="responded", decision="refused", refusal_ground=ground,
        responded_on=date(2026, 10, 5), identity_verified_on=date(2026, 10, 2)),
        "reason_explained")
    assert message.startswith("is required when responding with a refusal")
    assert "法36条" in message.ja
    org = records.page(db, "organization").rows[0]["id"]
    message = refused(lambda: records.update(db, "organization", org,
                                             {"holiday_calendar": "XX"}), "holiday_calendar")
    assert message == ("'XX' is not a known holiday calendar (a country code such as JP, DE, "
                       "FR or GB)")
    assert "国コード" in message.ja


def test_incident_rules(make):
    message = refused(lambda: make("incident", override_wrongful="yes"), "override_reason")
    assert message == "is required when a trigger is overridden (override_wrongful)"
    assert "事態(3) 不正の目的" in message.ja
    aware = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
    message = refused(lambda: make("incident", gdpr_applies=True, gdpr_aware_at=aware,
                                   authority_notified_at=datetime(2026, 11, 24, tzinfo=UTC)),
                      "delay_reason")
    assert message == ("is required: the authority was notified after the 72 hours "
                       "(GDPR Art 33(1))")
    assert "72時間" in message.ja


@pytest.mark.parametrize(("key", "value", "en", "ja_part"), [
    ("appi_request_days", 61, "must be at most 60", "60以下"),
    ("appi_request_days", 0, "must be at least 1", "1以上"),
    ("appi_request_days", True, "must be a whole number", "整数"),
    ("appi_request_days", "soon", "must be a whole number, not 'soon'", "'soon' は整数"),
    ("language", "fr", "must be one of: ja, en", "いずれか"),
    ("no_such_setting", 1, "is not a known setting", "設定項目"),
])
def test_setting_values(db, key, value, en, ja_part):
    message = refused(lambda: settings_service.put(db, key, value), key)
    assert message == en
    assert ja_part in message.ja


def test_a_setting_row_written_directly_is_checked_in_both_languages(db):
    message = refused(lambda: records.create(db, "setting", {"key": "due_soon_days",
                                                              "value": "soon"}), "value")
    assert message == "due_soon_days must be a whole number, not 'soon'"
    assert message.ja == "due_soon_days：整数で入力してください（'soon' は整数ではありません）"
