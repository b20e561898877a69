"""The presentation layer: one way to show a value, for the window and the reports."""

from __future__ import annotations

from datetime import UTC, date, datetime

from privacydesk.domain.entities import entity
from privacydesk.services import present, records


def test_values_in_both_languages():
    req = entity("request")
    assert present.format_value(req.field("kind"), "appi_disclosure", "en") == \
        "Disclosure (Art 33)"
    assert present.format_value(req.field("kind"), "appi_disclosure", "ja") == "開示（33条）"
    assert present.format_value(req.field("received_on"), date(2026, 1, 2)) == "2026-01-02"
    known = entity("incident").field("known_at")
    assert present.format_value(known, datetime(2026, 1, 1, 15, 30, tzinfo=UTC)) == \
        "2026-01-02 00:30"  # Japan time
    assert present.format_value(entity("incident").field("affected_max"), 12480) == "12,480"
    flag = entity("incident").field("gdpr_applies")
    assert present.format_value(flag, True) == "✓"
    assert present.format_value(flag, True, "ja", cell=False) == "はい"
    org = entity("organization").field("jurisdictions")
    assert present.format_value(org, ["APPI", "GDPR"], "ja") == "個人情報保護法、GDPR（EU）"
    assert present.format_value(entity("grant").field("staff"), 5) == "#5"  # no title given


def test_status_tone_and_colour_are_decided_once():
    assert present.tone("deadline_status", "overdue") == present.ALERT
    assert present.tone("deadline_status", "due_soon") == present.WARNING
    assert present.tone("training_status", "expiring") == present.WARNING
    assert present.tone("deadline_status", None) is None
    assert present.colour(present.ALERT) == "#c62828"
    assert present.STATUS_ORDER["overdue"] < present.STATUS_ORDER["due_soon"] \
        < present.STATUS_ORDER["ok"] < present.STATUS_ORDER["done"]
    assert present.days_text(-2) == "2 days overdue"
    assert present.days_text(0, "ja") == "本日期限"
    assert present.days_text(3, "ja") == "残り3日"


def test_titles_follow_references_in_batches(db, make):
    staff = make("staff", name="山田 太郎", employee_no="E00012")
    asset = make("data_asset", name="会員DB")
    grant = make("grant", staff=staff, asset=asset, level="read")
    assert present.title(db, "grant", grant, "ja") == "山田 太郎 (E00012) · 会員DB · 参照"
    assert present.title(db, "grant", grant, "en") == "山田 太郎 (E00012) · 会員DB · Read"
    decision = make("review_decision", grant=grant, decision="revoke")
    assert present.title(db, "review_decision", decision, "en").endswith(": Revoke")
    rows = records.page(db, "grant").rows
    texts = present.texts(db, "grant", rows, "en")
    assert texts[0]["staff"] == "山田 太郎 (E00012)" and texts[0]["asset"] == "会員DB"
    long_name = make("staff", name="名" * 80, employee_no="E1")
    assert len(present.title(db, "staff", long_name)) == present.TITLE_MAX


def test_lookup_by_name_number_or_title(db, make):
    a = make("staff", name="佐藤 花子", employee_no="E00100")
    make("staff", name="佐藤 花子", employee_no="E00101")
    assert present.lookup(db, "staff", "E00100") == [a]
    assert present.lookup(db, "staff", "佐藤 花子 (E00100)") == [a]
    assert len(present.lookup(db, "staff", "佐藤 花子")) == 2  # ambiguous: both
    assert present.lookup(db, "staff", "nobody") == []
    assert present.lookup(db, "staff", f"#{a}") == [a]
    options = present.ref_options(db, "staff", "花子", lang="ja")
    assert {i for i, _ in options} >= {a}


def test_history_field_by_field_in_the_language_asked(db, make):
    staff = make("staff", name="山田 太郎")
    records.update(db, "staff", staff, {"department": "法務部", "ended_on": date(2026, 12, 1)})
    entries = present.history(db, "staff", staff, "ja")
    assert [e.action_text for e in entries] == ["変更", "作成"]  # newest first
    changed = {c.label: (c.before, c.after) for c in entries[0].changes}
    assert changed == {"部署": ("開発部", "法務部"), "離任日": ("", "2026-12-01")}
    assert entries[0].who.startswith("Test Officer")
    english = present.history(db, "staff", staff, "en")
    assert english[0].action_text == "Changed"
    assert {c.label for c in english[0].changes} == {"Department", "End"}
