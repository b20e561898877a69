"""The Catalog tab: purposes, exceptions, refusal grounds, categories, policy versions,
the organization and the settings, as the officer keeps them."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records


def _id_of(db, entity_name: str, **equals) -> int:
    rows = records.page(db, entity_name, query=records.Query(equals=equals)).rows
    assert len(rows) == 1, (entity_name, equals)
    return rows[0]["id"]


def test_a_purpose_added_through_the_form(qtbot, window, db):
    view = desk.show(qtbot, window, "purpose")
    assert desk.count_text(view) == "9 records"  # A–I of the built-in catalog
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, code="J", text_ja="採用選考のため", text_en="Recruitment",
              consent_required=True, gdpr_basis="Contract (Art 6(1)(b))")
    desk.pick(qtbot, view.form.editor("introduced_in"), "2022", "2022-04-05")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "code") == "J"
    assert desk.cell(view, row, "text_en") == "Recruitment"
    assert desk.cell(view, row, "consent_required") == "✓"
    assert desk.cell(view, row, "gdpr_basis") == "Contract (Art 6(1)(b))"
    assert desk.count_text(view) == "10 records"
    stored = records.get(db, "purpose", new_id)
    assert stored["text_ja"] == "採用選考のため"
    assert stored["introduced_in"] == _id_of(db, "policy_version", version="2022-04-05")
    assert (stored["consent_required"], stored["gdpr_basis"]) == (True, "contract")
    # the form shows the record under its title
    assert view.form.title_label.text() == f"Purpose of use #{new_id} — J Recruitment"


@pytest.mark.parametrize(("lang", "used", "required"), [
    ("en", "'A' is already used by another record", "is required"),
    ("ja", "'A' は他の記録で使われています", "入力してください"),
], ids=["en", "ja"])
def test_a_purpose_code_taken_and_a_text_missing(qtbot, open_window, db, lang, used,
                                                 required):
    window = open_window(lang)
    view = desk.show(qtbot, window, "purpose")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, code="A", text_ja="重複")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "code") == used
    assert desk.message(view, "text_en") == required
    assert desk.count(db, "purpose") == 9
    # a code is at most eight characters: the ninth is not taken
    desk.fill(qtbot, view, code="ABCDEFGHIJ")
    assert view.form.editor("code").text() == "ABCDEFGH"


def test_a_purpose_in_use_cannot_be_deleted_and_says_by_what(qtbot, window, db, make):
    purpose_b = _id_of(db, "purpose", code="B")
    make("data_asset", name="会員DB", purposes=[purpose_b])
    spare = make("purpose", code="Z", text_en="Spare", text_ja="予備")
    view = desk.show(qtbot, window, "purpose")
    desk.delete_with_key(qtbot, window, view, purpose_b, refused=True)
    banner = view.form.banner.text()
    assert f"Purpose of use {purpose_b} cannot be deleted: 1 data asset record(s)" in banner
    assert "• Data asset: 会員DB" in banner
    assert desk.count(db, "purpose") == 10

    desk.delete_with_key(qtbot, window, view, spare)
    assert desk.count(db, "purpose") == 9
    assert desk.count_text(view) == "9 records"


def test_a_purpose_in_use_refusal_in_japanese(qtbot, open_window, db, make):
    purpose_b = _id_of(db, "purpose", code="B")
    make("data_asset", name="会員DB", purposes=[purpose_b])
    window = open_window("ja")
    view = desk.show(qtbot, window, "purpose")
    desk.select(qtbot, view, purpose_b)
    assert not view.form.delete_now()
    banner = view.form.banner.text()
    assert (f"利用目的（{purpose_b}）は削除できません。"
            "個人データ台帳 1件から参照されています") in banner
    assert "• 個人データ台帳: 会員DB" in banner


def test_edit_a_purpose_then_find_and_filter_it(qtbot, window, db):
    purpose_c = _id_of(db, "purpose", code="C")
    view = desk.show(qtbot, window, "purpose")
    desk.select(qtbot, view, purpose_c)
    desk.fill(qtbot, view, gdpr_basis="Legal obligation (Art 6(1)(c))",
              third_party_provision=False)
    desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, purpose_c), "gdpr_basis") == \
        "Legal obligation (Art 6(1)(c))"
    dialog = desk.history(qtbot, window, view)
    assert dialog.entries[0].action == "update"
    assert desk.changes_of(dialog) == {
        "GDPR lawful basis": ("Consent (Art 6(1)(a))", "Legal obligation (Art 6(1)(c))"),
        "Includes third-party provision": ("Yes", "No")}
    dialog.close()

    desk.search(qtbot, window, view, "obligation")
    assert desk.column(view, "code") == ["C"]
    assert desk.count_text(view) == "1 of 9"
    desk.search(qtbot, window, view, "法的義務")  # the same basis in Japanese
    assert desk.column(view, "code") == ["C"]
    desk.search(qtbot, window, view, "")
    desk.filter_choice(qtbot, view, "gdpr_basis", "GDPR lawful basis: Legitimate interests "
                                                  "(Art 6(1)(f))")
    assert desk.column(view, "code") == ["E", "H", "I"]
    assert desk.count_text(view) == "3 of 9"


def test_a_data_category_added_here_is_offered_in_the_inventory_form(qtbot, window, db):
    view = desk.show(qtbot, window, "data_category")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name_ja="購買履歴", examples="orders, payments", financial_risk=True)
    desk.pick(qtbot, view.form.editor("appi_sensitive"), "CREED", "APPI-CREED Creed")
    new_id = desk.save(qtbot, window, view)
    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "appi_sensitive") == "APPI-CREED Creed"
    assert desk.cell(view, row, "financial_risk") == "✓"

    inventory = desk.show(qtbot, window, "data_asset")
    desk.new_record(qtbot, window, inventory)
    desk.fill(qtbot, inventory, name="EC注文", kind="Database", owner_department="EC",
              acquisition="Directly from the person, otherwise", data_categories=["購買履歴"])
    asset = desk.save(qtbot, window, inventory)
    assert records.get(db, "data_asset", asset)["data_categories"] == [new_id]


NEW_ENTRIES = [
    ("provision_exception", {"code": "H", "text_ja": "例外", "text_en": "Audit by a regulator",
                             "basis": "Exception of Art 27(1)(i)–(vii)",
                             "needs_legal_review": True},
     {"code": "H", "text_en": "Audit by a regulator", "needs_legal_review": "✓"}),
    ("refusal_ground", {"code": "D", "text_ja": "事由", "text_en": "Trade secret",
                        "article": "Art 33(2)(ii)"},
     {"code": "D", "text_en": "Trade secret", "article": "Art 33(2)(ii)"}),
    ("sensitive_category", {"scheme": "Company policy A–E (JIS Q 15001)", "code": "POL-F",
                            "text_ja": "労働組合", "text_en": "Trade union"},
     {"scheme": "Company policy A–E (JIS Q 15001)", "code": "POL-F"}),
    ("subject_category", {"name_ja": "株主", "name_en": "Shareholders", "description": "register"},
     {"name_en": "Shareholders", "description": "register"}),
    ("policy_version", {"version": "2026-12", "effective_from": "2026-12-01",
                        "change_summary": "Cookies"},
     {"version": "2026-12", "effective_from": "2026-12-01", "change_summary": "Cookies"}),
    ("setting", {"key": "due_soon_days", "value": "10"},
     {"key": "due_soon_days", "value": "10"}),
]


def test_each_catalog_list_takes_a_new_entry(qtbot, window, db):
    for entity_name, values, shown in NEW_ENTRIES:
        view = desk.show(qtbot, window, entity_name)
        before = desk.count(db, entity_name)
        desk.new_record(qtbot, window, view)
        desk.fill(qtbot, view, **values)
        new_id = desk.save(qtbot, window, view)
        row = desk.row_of(view, new_id)
        assert {name: desk.cell(view, row, name) for name in shown} == shown, entity_name
        assert desk.count(db, entity_name) == before + 1, entity_name


def test_policy_versions_sort_by_date_and_a_bad_date_is_named(qtbot, window, db, make):
    make("policy_version", version="2024-01", effective_from=date(2024, 1, 1))
    make("policy_version", version="2025-07", effective_from=date(2025, 7, 1))
    view = desk.show(qtbot, window, "policy_version")
    assert desk.column(view, "version") == ["2025-07", "2024-01", "2022-04-05"]  # newest
    desk.click_header(qtbot, view, "effective_from")
    assert desk.column(view, "version") == ["2022-04-05", "2024-01", "2025-07"]
    desk.filter_dates(qtbot, view, "2024-01-01", "2024-12-31")
    assert desk.column(view, "version") == ["2024-01"]
    assert desk.count_text(view) == "1 of 3"

    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, version="2026-02", effective_from="2026-02-30")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "effective_from") == "Enter a date as YYYY-MM-DD."
    assert desk.count(db, "policy_version") == 3


@pytest.mark.parametrize(("lang", "one_only", "calendar"), [
    ("en", "there is already one Organization",
     "'XX' is not a known holiday calendar (a country code such as JP, DE, FR or GB)"),
    ("ja", "組織は1件だけ登録できます",
     "'XX' は休日カレンダーとして使えません（JP、DE、FR、GBなどの国コードを指定してください）"),
], ids=["en", "ja"])
def test_the_organization_is_one_and_its_calendar_is_checked(qtbot, open_window, db, lang,
                                                             one_only, calendar):
    window = open_window(lang)
    view = desk.show(qtbot, window, "organization")
    org = view.model.record_id(0)
    desk.select(qtbot, view, org)
    assert not view.form.delete_button.isEnabled()  # the one organization stays
    desk.fill(qtbot, view, holiday_calendar="XX")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "holiday_calendar") == calendar
    assert records.get(db, "organization", org)["holiday_calendar"] == "JP"

    desk.fill(qtbot, view, holiday_calendar="DE", representative="Mika Ito")
    desk.save(qtbot, window, view)
    assert desk.cell(view, 0, "holiday_calendar") == "DE"

    view.form.revert()
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name="Second Co.")
    desk.save_refused(qtbot, window, view)
    assert one_only in view.form.banner.text()
    assert desk.count(db, "organization") == 1


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "auto_lock_minutes must be at most 240"),
    ("ja", "auto_lock_minutes：240以下にしてください"),
], ids=["en", "ja"])
def test_a_setting_with_a_bad_value_is_refused(qtbot, open_window, db, lang, expected):
    window = open_window(lang)
    view = desk.show(qtbot, window, "setting")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, key="auto_lock_minutes", value="999")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "value") == expected
    assert desk.count(db, "setting") == 1
