"""The Training tab: completions, staff and courses, as the officer keeps them."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records


@pytest.fixture
def people(make):
    """Two staff members and two courses; the ids by name."""
    return {
        "suzuki": make("staff", name="鈴木 一郎", employee_no="E101", department="営業部"),
        "sato": make("staff", name="佐藤 花子", employee_no="E102", department="開発部",
                     employment_type="contract"),
        "basics": make("course", title_ja="個人情報保護の基礎", title_en="Privacy basics",
                       version="2026", refresher_months=12, pass_score=70),
        "gdpr": make("course", title_ja="GDPR入門", title_en="GDPR primer", version="1",
                     refresher_months=12),
    }


def test_a_completion_added_through_the_form_names_the_person_and_course(
        qtbot, window, db, people):
    view = desk.show(qtbot, window, "completion")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("staff"), "鈴木", "鈴木 一郎 (E101)")
    desk.pick(qtbot, view.form.editor("course"), "basics", "Privacy basics v2026")
    desk.fill(qtbot, view, completed_on="2026-11-01", score="85", evidence="LMS export")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "staff") == "鈴木 一郎 (E101)"
    assert desk.cell(view, row, "course") == "Privacy basics v2026"
    assert desk.cell(view, row, "training_status") == "Valid"
    assert desk.cell(view, row, "expires_on") == "2027-11-01"
    stored = records.get(db, "completion", new_id)
    assert (stored["staff"], stored["course"], stored["score"]) == (
        people["suzuki"], people["basics"], 85)


@pytest.mark.parametrize(("lang", "required", "at_most"), [
    ("en", "is required", "must be at most 100"),
    ("ja", "入力してください", "100以下にしてください"),
], ids=["en", "ja"])
def test_a_completion_without_a_person_or_with_a_score_over_100(
        qtbot, open_window, db, people, lang, required, at_most):
    window = open_window(lang)
    view = desk.show(qtbot, window, "completion")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("course"), "GDPR", "GDPR primer v1" if lang == "en"
              else "GDPR入門 v1")
    desk.type_into(qtbot, view.form.editor("score"), "abc")
    assert view.form.editor("score").text() == ""  # a score is a number
    desk.fill(qtbot, view, completed_on="2026-11-01", score="150")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "staff") == required
    assert desk.message(view, "score") == at_most
    assert desk.message(view, "course") == ""
    assert desk.count(db, "completion") == 0


def test_edit_a_completion_and_read_its_history(qtbot, window, db, make, people):
    done = make("completion", staff=people["sato"], course=people["basics"], score=90,
                completed_on=date(2026, 6, 1))
    view = desk.show(qtbot, window, "completion")
    desk.select(qtbot, view, done)
    desk.fill(qtbot, view, score="60")  # below the pass score of 70
    desk.save(qtbot, window, view)
    row = desk.row_of(view, done)
    assert desk.cell(view, row, "score") == "60"
    assert desk.cell(view, row, "training_status") == "Failed"
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {"Score": ("90", "60")}
    assert dialog.entries[-1].action_text == "Created"
    dialog.close()


def test_a_staff_member_with_records_cannot_be_deleted(qtbot, window, db, make, people):
    make("completion", staff=people["sato"], course=people["basics"])
    make("grant", staff=people["sato"], asset=make("data_asset", name="会員DB"))
    leaver = make("staff", name="高橋 三郎", employee_no="E103")
    view = desk.show(qtbot, window, "staff")
    desk.delete_with_key(qtbot, window, view, leaver)
    assert desk.count(db, "staff") == 2

    desk.delete_with_key(qtbot, window, view, people["sato"], refused=True)
    banner = view.form.banner.text()
    assert "Staff member" in banner and "cannot be deleted" in banner
    assert "• Training completion: 佐藤 花子 (E102) · Privacy basics v2026 · 2026-10-01" \
        in banner
    assert "• Access grant: 佐藤 花子 (E102) · 会員DB · Read" in banner
    assert desk.count(db, "staff") == 2


def test_staff_added_edited_found_and_filtered(qtbot, window, db, people):
    view = desk.show(qtbot, window, "staff")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, employee_no="E200", name="田中 美咲", name_latin="Tanaka Misaki",
              employment_type="Part-time", department="Support", started_on="2025-04-01",
              ended_on="2026-10-31")
    new_id = desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, new_id), "employment_type") == "Part-time"
    assert records.get(db, "staff", new_id)["name"] == "田中 美咲"

    desk.filter_check(qtbot, view, "current")  # she left on 2026-10-31
    assert desk.column(view, "employee_no") == ["E101", "E102"]
    assert desk.count_text(view) == "2 of 3"
    desk.filter_check(qtbot, view, "current")
    desk.search(qtbot, window, view, "契約社員")  # the label of "Contract employee"
    assert desk.column(view, "employee_no") == ["E102"]
    desk.search(qtbot, window, view, "tanaka")
    assert desk.column(view, "employee_no") == ["E200"]
    assert desk.count_text(view) == "1 of 3"


def test_completions_found_by_name_filtered_by_expiry_and_sorted(qtbot, window, make,
                                                                 people):
    make("completion", staff=people["suzuki"], course=people["basics"],
         completed_on=date(2026, 11, 1))  # valid
    make("completion", staff=people["sato"], course=people["basics"],
         completed_on=date(2025, 12, 10))  # expires 2026-12-10: expiring
    make("completion", staff=people["sato"], course=people["gdpr"],
         completed_on=date(2025, 6, 1))  # expired
    view = desk.show(qtbot, window, "completion")
    assert desk.count_text(view) == "3 records"

    desk.search(qtbot, window, view, "佐藤")
    assert desk.column(view, "course") == ["Privacy basics v2026", "GDPR primer v1"]
    assert desk.count_text(view) == "2 of 3"
    desk.search(qtbot, window, view, "GDPR")
    assert desk.column(view, "staff") == ["佐藤 花子 (E102)"]
    desk.search(qtbot, window, view, "")

    desk.filter_check(qtbot, view, "expiring")
    assert desk.column(view, "training_status") == ["Expiring", "Overdue"]
    desk.filter_check(qtbot, view, "expiring")
    desk.filter_dates(qtbot, view, "2026-01-01", "2026-12-31")
    assert desk.column(view, "completed_on") == ["2026-11-01"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "expires_on")
    assert desk.column(view, "expires_on") == ["2026-06-01", "2026-12-10", "2027-11-01"]
    desk.click_header(qtbot, view, "training_status")
    assert desk.column(view, "training_status") == ["Overdue", "Expiring", "Valid"]


@pytest.mark.parametrize(("lang", "at_least"), [("en", "must be at least 1"),
                                                ("ja", "1以上にしてください")],
                         ids=["en", "ja"])
def test_a_course_needs_a_refresher_of_a_month_or_more(qtbot, open_window, db, lang,
                                                       at_least):
    window = open_window(lang)
    view = desk.show(qtbot, window, "course")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, title_ja="標的型メール訓練", title_en="Phishing drill",
              version="2026", refresher_months="0")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "refresher_months") == at_least
    desk.fill(qtbot, view, refresher_months="6")
    new_id = desk.save(qtbot, window, view)
    title = "Phishing drill" if lang == "en" else "標的型メール訓練"
    assert desk.cell(view, desk.row_of(view, new_id), f"title_{lang}") == title
    assert desk.cell(view, desk.row_of(view, new_id), "refresher_months") == "6"
