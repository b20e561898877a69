"""The Safety measures tab: the checklist A–G with owners and review dates."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records

SEEDED = 18  # the built-in checklist of a new database


def _measure(db, code: str) -> int:
    rows = records.page(db, "safety_measure", query=records.Query(equals={"code": code})).rows
    return rows[0]["id"]


def test_a_measure_added_through_the_form_names_its_owner(qtbot, window, db, make):
    owner = make("staff", name="山本 健", employee_no="E300")
    view = desk.show(qtbot, window, "safety_measure")
    assert desk.count_text(view) == f"{SEEDED} records"
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, category="F Technical measures", code="F9",
              title_ja="多要素認証の導入", title_en="Multi-factor authentication",
              status="Implemented", last_assessed_on="2026-05-01", review_cycle_months="6",
              evidence="MFA rollout report")
    desk.pick(qtbot, view.form.editor("owner"), "山本", "山本 健 (E300)")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "owner") == "山本 健 (E300)"
    assert desk.cell(view, row, "title_en") == "Multi-factor authentication"
    assert desk.cell(view, row, "next_due") == "2026-11-01"  # six months after
    assert desk.cell(view, row, "deadline_status") == "Overdue"
    assert desk.count_text(view) == f"{SEEDED + 1} records"
    stored = records.get(db, "safety_measure", new_id)
    assert (stored["owner"], stored["category"], stored["status"]) == (owner, "F",
                                                                       "implemented")


@pytest.mark.parametrize(("lang", "used", "at_most"), [
    ("en", "'A1' is already used by another record", "must be at most 60"),
    ("ja", "'A1' は他の記録で使われています", "60以下にしてください"),
], ids=["en", "ja"])
def test_a_sub_item_taken_and_a_cycle_too_long(qtbot, open_window, db, lang, used, at_most):
    window = open_window(lang)
    view = desk.show(qtbot, window, "safety_measure")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, category="A Basic policy" if lang == "en" else "A 基本方針の策定",
              code="A1", title_ja="方針", title_en="Policy", review_cycle_months="61")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "code") == used
    assert desk.message(view, "review_cycle_months") == at_most
    desk.fill(qtbot, view, code="A2", review_cycle_months="12", last_assessed_on="2026/13/1")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "last_assessed_on")
    assert desk.message(view, "code") == ""
    assert desk.count(db, "safety_measure") == SEEDED


def test_assessing_a_measure_shows_in_the_list_and_the_history(qtbot, window, db):
    a1 = _measure(db, "A1")
    view = desk.show(qtbot, window, "safety_measure")
    desk.select(qtbot, view, a1)
    assert desk.cell(view, desk.row_of(view, a1), "next_due") == ""  # never assessed
    desk.fill(qtbot, view, status="Implemented", last_assessed_on="2026-11-20")
    desk.save(qtbot, window, view)
    row = desk.row_of(view, a1)
    assert desk.cell(view, row, "status") == "Implemented"
    assert desk.cell(view, row, "next_due") == "2027-11-20"  # the default cycle: a year
    assert desk.cell(view, row, "deadline_status") == "On time"
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {"Status": ("Planned", "Implemented"),
                                       "Last assessed": ("", "2026-11-20")}
    assert dialog.entries[-1].action_text == "Created"  # the built-in entry
    dialog.close()


def test_measures_found_filtered_sorted_and_deleted(qtbot, window, db, make):
    owner = make("staff", name="山本 健", employee_no="E300")
    records.update(db, "safety_measure", _measure(db, "D1"), {
        "owner": owner, "status": "implemented", "last_assessed_on": date(2025, 10, 1)})
    records.update(db, "safety_measure", _measure(db, "E1"), {
        "owner": owner, "status": "partial", "last_assessed_on": date(2026, 6, 1)})
    extra = make("safety_measure", category="G", code="G9", title_ja="外的環境",
                 title_en="Foreign regimes")
    view = desk.show(qtbot, window, "safety_measure")

    desk.search(qtbot, window, view, "山本")
    assert desk.column(view, "code") == ["D1", "E1"]
    assert desk.count_text(view) == f"2 of {SEEDED + 1}"
    desk.search(qtbot, window, view, "一部実施")  # "Partly implemented" in Japanese
    assert desk.column(view, "code") == ["E1"]
    desk.search(qtbot, window, view, "")

    desk.filter_choice(qtbot, view, "category", "Category: G Understanding the external "
                                                "environment")
    assert "G9" in desk.column(view, "code")
    assert set(desk.column(view, "category")) == {"G Understanding the external environment"}
    desk.filter_choice(qtbot, view, "category", "Category: all")
    desk.filter_choice(qtbot, view, "status", "Status: Implemented")
    assert desk.column(view, "code") == ["D1"]
    desk.filter_choice(qtbot, view, "status", "Status: all")
    desk.filter_check(qtbot, view, "overdue")
    assert desk.column(view, "code") == ["D1"]  # assessed over a year ago
    desk.filter_check(qtbot, view, "overdue")
    desk.filter_dates(qtbot, view, "2026-01-01", "2026-12-31")
    assert desk.column(view, "code") == ["E1"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "next_due")
    assert desk.column(view, "next_due")[:3] == ["2026-10-01", "2027-06-01", ""]
    desk.click_header(qtbot, view, "next_due")
    assert desk.column(view, "next_due")[:2] == ["2027-06-01", "2026-10-01"]

    desk.delete_with_key(qtbot, window, view, extra)
    assert desk.count(db, "safety_measure") == SEEDED
    assert view.model.row_of(extra) < 0
