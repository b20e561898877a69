"""The Data inventory tab as the officer uses it: add, check, edit, delete, find, filter."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records

PURPOSE_A = "A User authentication and provision of the Service to users"


def test_a_data_asset_added_through_the_form_is_listed_with_names(qtbot, window, db, make):
    make("staff", name="佐藤 花子", employee_no="E100")
    make("staff", name="佐藤 次郎", employee_no="E101")
    view = desk.show(qtbot, window, "data_asset")
    assert desk.count_text(view) == "0 records"
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name="会員データベース", kind="SaaS", owner_department="Sales",
              acquisition="From a third party", estimated_people="1200",
              last_reviewed_on="2026/11/2", purposes=[PURPOSE_A])
    desk.pick(qtbot, view.form.editor("responsible"), "E10", "佐藤 花子 (E100)")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "name") == "会員データベース"
    assert desk.cell(view, row, "kind") == "SaaS"
    assert desk.cell(view, row, "responsible") == "佐藤 花子 (E100)"
    assert desk.cell(view, row, "purposes") == PURPOSE_A
    assert desk.cell(view, row, "estimated_people") == "1,200"
    assert desk.cell(view, row, "last_reviewed_on") == "2026-11-02"
    assert desk.count_text(view) == "1 record"
    assert view.list.current_record_id() == new_id  # the saved record stays selected
    stored = records.get(db, "data_asset", new_id)
    purpose_a = records.page(db, "purpose", query=records.Query(equals={"code": "A"})).rows
    assert stored["responsible"] == records.page(
        db, "staff", query=records.Query(equals={"employee_no": "E100"})).rows[0]["id"]
    assert stored["purposes"] == [purpose_a[0]["id"]]
    assert (stored["kind"], stored["acquisition"], stored["estimated_people"]) == (
        "saas", "third_party", 1200)

    # a name typed in full, not picked, is looked up when the record is saved
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name="Payroll", kind="Paper", owner_department="HR",
              acquisition="Public source", responsible="佐藤 次郎 (E101)")
    second = desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, second), "responsible") == "佐藤 次郎 (E101)"
    assert records.get(db, "data_asset", second)["responsible"] == records.page(
        db, "staff", query=records.Query(equals={"employee_no": "E101"})).rows[0]["id"]


@pytest.mark.parametrize(("lang", "kind", "acquisition", "required", "at_least", "unknown"), [
    ("en", "Database", "Public source", "is required", "must be at least 0",
     "No record is named “nobody”: choose one from the list."),
    ("ja", "データベース", "公開情報から", "入力してください", "0以上にしてください", None),
])
def test_missing_and_bad_fields_are_named_and_nothing_is_written(
        qtbot, open_window, db, lang, kind, acquisition, required, at_least, unknown):
    window = open_window(lang)
    view = desk.show(qtbot, window, "data_asset")
    before = desk.count(db, "data_asset")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name="顧客台帳", kind=kind, acquisition=acquisition)
    # letters cannot be typed into a number
    desk.type_into(qtbot, view.form.editor("estimated_people"), "abc")
    assert view.form.editor("estimated_people").text() == ""
    desk.type_into(qtbot, view.form.editor("estimated_people"), "-5")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "owner_department") == required
    assert desk.message(view, "estimated_people") == at_least
    assert desk.message(view, "name") == ""
    assert desk.count(db, "data_asset") == before

    # a date that does not exist is named before the services are asked
    desk.fill(qtbot, view, owner_department="Sales", estimated_people="5",
              last_reviewed_on="2026-13-45")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "last_reviewed_on")
    assert desk.message(view, "owner_department") == ""
    if lang == "en":
        assert desk.message(view, "last_reviewed_on") == "Enter a date as YYYY-MM-DD."
    # a staff member nobody is
    desk.fill(qtbot, view, last_reviewed_on="2026-11-02", responsible="nobody")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "responsible")
    if unknown is not None:
        assert desk.message(view, "responsible") == unknown
    assert desk.count(db, "data_asset") == before


def test_an_edit_shows_in_the_list_and_in_the_history(qtbot, window, db, make):
    asset = make("data_asset", name="会員DB", owner_department="開発部")
    view = desk.show(qtbot, window, "data_asset")
    desk.select(qtbot, view, asset)
    desk.fill(qtbot, view, owner_department="Customer support", kind="File share")
    desk.save(qtbot, window, view)
    row = desk.row_of(view, asset)
    assert desk.cell(view, row, "owner_department") == "Customer support"
    assert desk.cell(view, row, "kind") == "File share"
    assert records.get(db, "data_asset", asset)["owner_department"] == "Customer support"

    dialog = desk.history(qtbot, window, view)
    assert [e.action_text for e in dialog.entries] == ["Changed", "Created"]
    assert desk.changes_of(dialog) == {"Kind": ("Database", "File share"),
                                       "Owner department": ("開発部", "Customer support")}
    assert dialog.entries[0].who.startswith("Test Officer")
    dialog.close()


def test_delete_and_the_refusal_that_names_the_grant(qtbot, window, db, make):
    staff = make("staff", name="佐藤 花子", employee_no="E100")
    spare = make("data_asset", name="旧台帳")
    held = make("data_asset", name="会員DB")
    make("grant", staff=staff, asset=held, level="export")
    view = desk.show(qtbot, window, "data_asset")

    asked = desk.delete_with_key(qtbot, window, view, spare)
    assert asked == [f"Delete Data asset #{spare}?"]
    assert view.model.row_of(spare) < 0
    assert desk.count_text(view) == "1 record"
    with pytest.raises(records.NotFound):
        records.get(db, "data_asset", spare)

    desk.delete_with_key(qtbot, window, view, held, refused=True)
    banner = view.form.banner.text()
    assert "cannot be deleted" in banner
    assert "Access grant: 佐藤 花子 (E100) · 会員DB · Export" in banner
    assert records.get(db, "data_asset", held)["name"] == "会員DB"
    assert view.model.row_of(held) >= 0


def test_search_by_a_staff_name_and_by_a_kind_in_either_language(qtbot, window, make):
    sato = make("staff", name="佐藤 花子", employee_no="E100")
    suzuki = make("staff", name="鈴木 一郎", employee_no="E101")
    make("data_asset", name="会員DB", kind="database", responsible=sato)
    make("data_asset", name="申込書", kind="paper", responsible=suzuki)
    make("data_asset", name="CRM", kind="saas", responsible=sato)
    view = desk.show(qtbot, window, "data_asset")
    assert desk.count_text(view) == "3 records"

    desk.search(qtbot, window, view, "佐藤")
    assert sorted(desk.column(view, "name")) == ["CRM", "会員DB"]
    assert desk.count_text(view) == "2 of 3"
    desk.search(qtbot, window, view, "paper")
    assert desk.column(view, "name") == ["申込書"]
    assert desk.count_text(view) == "1 of 3"
    desk.search(qtbot, window, view, "紙")  # the Japanese label of "Paper"
    assert desk.column(view, "name") == ["申込書"]
    desk.search(qtbot, window, view, "")
    assert desk.count_text(view) == "3 records"


def test_filter_by_kind_and_review_dates_and_sort_by_a_header(qtbot, window, make):
    make("data_asset", name="A-DB", kind="database", estimated_people=30,
         last_reviewed_on=date(2026, 1, 10))
    make("data_asset", name="B-paper", kind="paper", estimated_people=10,
         last_reviewed_on=date(2026, 6, 1))
    make("data_asset", name="C-DB", kind="database", estimated_people=20,
         last_reviewed_on=date(2025, 3, 1))
    view = desk.show(qtbot, window, "data_asset")
    assert desk.column(view, "name") == ["A-DB", "B-paper", "C-DB"]  # by name

    desk.filter_choice(qtbot, view, "kind", "Kind: Database")
    assert desk.column(view, "name") == ["A-DB", "C-DB"]
    assert desk.count_text(view) == "2 of 3"
    desk.filter_dates(qtbot, view, "2026-01-01", "2026-12-31")
    assert desk.column(view, "name") == ["A-DB"]
    assert desk.count_text(view) == "1 of 3"
    with desk.reloaded(qtbot, view):
        qtbot.mouseClick(view.list.clear_button, desk.Qt.MouseButton.LeftButton)
    assert desk.count_text(view) == "3 records"

    desk.click_header(qtbot, view, "estimated_people")
    assert desk.column(view, "estimated_people") == ["10", "20", "30"]
    desk.click_header(qtbot, view, "estimated_people")
    assert desk.column(view, "estimated_people") == ["30", "20", "10"]
    assert view.model.sort_key == "-estimated_people"
