"""Supervision checks of entrustees and periodic checks of foreign recipients.

Today is Thu 2026-11-26; both cycles are 12 months.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from _refusal import japanese, refused

from privacydesk.services import records, thirdparty
from privacydesk.store.audit import history

TODAY = date(2026, 11, 26)


def test_entrustee_check_moves_the_next_audit(db, make):
    entrustee = make("entrustee", selected_on=date(2025, 11, 20))
    row = records.get(db, "entrustee", entrustee, today=TODAY)
    assert (row["next_due"], row["deadline_status"]) == (date(2026, 11, 20), "overdue")
    check = thirdparty.record_entrustee_check(
        db, entrustee, checked_on=date(2026, 11, 25), method="on_site",
        findings="入退室記録の保管期間が契約より短い", corrective_actions="保管期間を1年に延長",
        today=TODAY)
    stored = records.get(db, "entrustee_check", check)
    assert (stored["entrustee"], stored["checked_on"], stored["method"], stored["findings"],
            stored["corrective_actions"]) == (entrustee, date(2026, 11, 25), "on_site",
                                              "入退室記録の保管期間が契約より短い",
                                              "保管期間を1年に延長")
    (entry,) = history(db, "entrustee_check", check)
    assert entry["action"] == "insert" and entry["after"]["checked_on"] == "2026-11-25"
    row = records.get(db, "entrustee", entrustee, today=TODAY)
    assert (row["last_checked_on"], row["next_due"], row["deadline_status"]) == \
        (date(2026, 11, 25), date(2027, 11, 25), "ok")


def test_entrustee_check_refusals(db, make):
    entrustee = make("entrustee")
    error = refused(db, lambda: thirdparty.record_entrustee_check(
        db, entrustee, checked_on=date(2026, 11, 27), method="documents", today=TODAY),
        "checked_on", "cannot be in the future (today is 2026-11-26)", "entrustee_check")
    assert japanese(error, "checked_on") == "未来の日付は入力できません（本日は2026-11-26）"
    refused(db, lambda: thirdparty.record_entrustee_check(
        db, entrustee, checked_on=TODAY, method="phone_call", today=TODAY),
        "method", "'phone_call' is not one of: on_site, questionnaire, documents, remote")
    with pytest.raises(records.NotFound):
        thirdparty.record_entrustee_check(db, 424_242, checked_on=TODAY, method="documents")
    # without ``today`` the clock decides (JST)
    tomorrow = records.today_jst() + timedelta(days=1)
    refused(db, lambda: thirdparty.record_entrustee_check(
        db, entrustee, checked_on=tomorrow, method="documents"),
        "checked_on", f"cannot be in the future (today is {records.today_jst().isoformat()})")


def test_transfer_check_moves_the_next_check(db, make):
    transfer = make("foreign_transfer", basis="equivalent_measures")
    check = thirdparty.record_transfer_check(
        db, transfer, checked_on=date(2026, 11, 2), findings="契約条項と外国の制度を確認",
        today=TODAY)
    stored = records.get(db, "transfer_check", check)
    assert (stored["transfer"], stored["checked_on"], stored["obstacles"], stored["actions"]) \
        == (transfer, date(2026, 11, 2), False, None)
    row = records.get(db, "foreign_transfer", transfer, today=TODAY)
    assert (row["last_checked_on"], row["next_due"], row["deadline_status"]) == \
        (date(2026, 11, 2), date(2027, 11, 2), "ok")
    with_obstacle = thirdparty.record_transfer_check(
        db, transfer, checked_on=date(2026, 11, 20), findings="政府によるアクセスを認める新法",
        obstacles=True, actions="提供先に追加措置を要請し、回答まで提供を停止", today=TODAY)
    assert history(db, "transfer_check", with_obstacle)[0]["after"]["obstacles"] is True
    assert records.get(db, "foreign_transfer", transfer, today=TODAY)["next_due"] == \
        date(2027, 11, 20)


def test_transfer_check_refusals(db, make):
    transfer = make("foreign_transfer", basis="equivalent_measures")
    error = refused(db, lambda: thirdparty.record_transfer_check(
        db, transfer, checked_on=date(2026, 11, 20), obstacles=True, actions=" ",
        today=TODAY),
        "actions", "is required when the check found obstacles: the measures taken, or the "
                   "stop of the provision (PPC Rules Art 18(1)(ii))", "transfer_check")
    assert "規則18条1項2号" in japanese(error, "actions")
    refused(db, lambda: thirdparty.record_transfer_check(
        db, transfer, checked_on=date(2026, 12, 1), today=TODAY),
        "checked_on", "cannot be in the future (today is 2026-11-26)")
    consent = make("foreign_transfer", basis="consent")
    error = refused(db, lambda: thirdparty.record_transfer_check(
        db, consent, checked_on=date(2026, 11, 20), today=TODAY),
        "transfer", "is not on the equivalent-measures basis: periodic checks apply only to "
                    "those transfers (APPI Art 28(3); PPC Rules Art 18(1)(i))")
    assert "法28条3項" in japanese(error, "transfer")
    with pytest.raises(records.NotFound):
        thirdparty.record_transfer_check(db, 424_242, checked_on=TODAY, today=TODAY)


def test_obstacles_need_actions_however_written(db, make):
    transfer = make("foreign_transfer")
    refused(db, lambda: make("transfer_check", transfer=transfer, obstacles=True),
            "actions", "is required when the check found obstacles: the measures taken, or the "
                       "stop of the provision (PPC Rules Art 18(1)(ii))")
    check = make("transfer_check", transfer=transfer, obstacles=True, actions="法務レビューを依頼")
    assert records.get(db, "transfer_check", check)["actions"] == "法務レビューを依頼"
