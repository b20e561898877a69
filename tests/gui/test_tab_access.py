"""The Access tab: grants, access reviews and their decisions."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records


@pytest.fixture
def base(make):
    """Two staff members (one has left) and two data assets; the ids by name."""
    return {
        "sato": make("staff", name="佐藤 花子", employee_no="E100"),
        "tanaka": make("staff", name="田中 次郎", employee_no="E101",
                       ended_on=date(2026, 9, 30)),
        "members": make("data_asset", name="会員DB"),
        "payroll": make("data_asset", name="給与ファイル"),
    }


def test_a_grant_added_through_the_form_names_the_person_and_asset(qtbot, window, db, base):
    view = desk.show(qtbot, window, "grant")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("staff"), "E100", "佐藤 花子 (E100)")
    desk.pick(qtbot, view.form.editor("asset"), "会員", "会員DB")
    desk.fill(qtbot, view, level="Export", justification="月次の集計",
              granted_on="2026-06-01", granted_by="CISO")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "staff") == "佐藤 花子 (E100)"
    assert desk.cell(view, row, "asset") == "会員DB"
    assert desk.cell(view, row, "level") == "Export"
    assert desk.cell(view, row, "review_due") == "2026-12-01"  # six months after
    assert desk.cell(view, row, "deadline_status") == "Due soon"
    stored = records.get(db, "grant", new_id)
    assert (stored["staff"], stored["asset"], stored["level"]) == (
        base["sato"], base["members"], "export")


@pytest.mark.parametrize(("lang", "required", "at_most"), [
    ("en", "is required", "must be at most 24"),
    ("ja", "入力してください", "24以下にしてください"),
], ids=["en", "ja"])
def test_a_grant_without_a_reason_or_with_a_long_cycle(qtbot, open_window, db, base, lang,
                                                       required, at_most):
    window = open_window(lang)
    view = desk.show(qtbot, window, "grant")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, staff="佐藤 花子 (E100)", asset="会員DB",
              level="Read" if lang == "en" else "参照", granted_on="2026-06-01",
              review_cycle_months="25")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "justification") == required
    assert desk.message(view, "review_cycle_months") == at_most
    assert desk.count(db, "grant") == 0


def test_revoking_a_grant_shows_in_the_list_and_the_history(qtbot, window, db, make, base):
    grant = make("grant", staff=base["tanaka"], asset=base["payroll"],
                 granted_on=date(2026, 1, 5))
    view = desk.show(qtbot, window, "grant")
    assert desk.cell(view, 0, "deadline_status") == "Overdue"
    desk.select(qtbot, view, grant)
    desk.fill(qtbot, view, revoked_on="2026-11-25")
    desk.save(qtbot, window, view)
    row = desk.row_of(view, grant)
    assert desk.cell(view, row, "revoked_on") == "2026-11-25"
    assert desk.cell(view, row, "deadline_status") == "Done"
    assert desk.cell(view, row, "review_due") == ""
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {"Revoked on": ("", "2026-11-25")}
    dialog.close()


def test_a_grant_with_a_decision_cannot_be_deleted(qtbot, window, db, make, base):
    spare = make("grant", staff=base["sato"], asset=base["payroll"])
    decided = make("grant", staff=base["sato"], asset=base["members"], level="admin")
    make("review_decision", grant=decided, decision="keep",
         review=make("access_review", scope="会員DB", started_on=date(2026, 11, 1)))
    view = desk.show(qtbot, window, "grant")
    desk.delete_with_key(qtbot, window, view, spare)
    assert desk.count(db, "grant") == 1

    desk.delete_with_key(qtbot, window, view, decided, refused=True)
    banner = view.form.banner.text()
    assert f"Access grant {decided} cannot be deleted: 1 review decision record(s)" in banner
    assert "• Review decision: 佐藤 花子 (E100) · 会員DB · Administer: Keep" in banner


def test_grants_found_by_name_and_level_filtered_and_sorted_by_review(
        qtbot, window, make, base):
    make("grant", staff=base["sato"], asset=base["members"], level="read",
         granted_on=date(2026, 10, 1))  # review due 2027-04-01
    make("grant", staff=base["sato"], asset=base["payroll"], level="export",
         granted_on=date(2026, 1, 10))  # review due 2026-07-10: overdue
    make("grant", staff=base["tanaka"], asset=base["members"], level="admin",
         granted_on=date(2026, 6, 20))  # review due 2026-12-20, held by a leaver
    make("grant", staff=base["tanaka"], asset=base["payroll"], level="read",
         granted_on=date(2025, 4, 1), revoked_on=date(2026, 9, 30))
    view = desk.show(qtbot, window, "grant")
    assert desk.count_text(view) == "4 records"

    desk.search(qtbot, window, view, "田中")
    assert desk.count_text(view) == "2 of 4"
    assert set(desk.column(view, "staff")) == {"田中 次郎 (E101)"}
    desk.search(qtbot, window, view, "出力")  # "Export" in Japanese
    assert desk.column(view, "level") == ["Export"]
    desk.search(qtbot, window, view, "給与ファイル")
    assert desk.column(view, "asset") == ["給与ファイル", "給与ファイル"]
    desk.search(qtbot, window, view, "")

    desk.filter_check(qtbot, view, "current")
    assert desk.count_text(view) == "3 of 4"
    desk.filter_check(qtbot, view, "current")
    desk.filter_check(qtbot, view, "flagged")  # held by someone who left (or untrained)
    assert desk.column(view, "level") == ["Administer"]
    assert desk.count_text(view) == "1 of 4"
    desk.filter_check(qtbot, view, "flagged")
    desk.filter_choice(qtbot, view, "level", "Level: Read")
    assert desk.column(view, "staff") == ["佐藤 花子 (E100)", "田中 次郎 (E101)"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()
    desk.filter_check(qtbot, view, "overdue")
    assert desk.column(view, "review_due") == ["2026-07-10"]
    desk.filter_check(qtbot, view, "overdue")
    desk.filter_dates(qtbot, view, "2026-06-01", "2026-12-31")
    assert desk.column(view, "granted_on") == ["2026-10-01", "2026-06-20"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "review_due")
    assert desk.column(view, "review_due") == ["2026-07-10", "2026-12-20", "2027-04-01", ""]
    desk.click_header(qtbot, view, "deadline_status")
    assert desk.column(view, "deadline_status") == ["Overdue", "On time", "On time", "Done"]


def test_a_review_and_its_decision_move_the_grants_next_review(qtbot, window, db, make,
                                                               base):
    grant = make("grant", staff=base["sato"], asset=base["members"],
                 granted_on=date(2026, 1, 10))
    grants = desk.show(qtbot, window, "grant")
    assert desk.cell(grants, desk.row_of(grants, grant), "review_due") == "2026-07-10"

    reviews = desk.show(qtbot, window, "access_review")
    desk.new_record(qtbot, window, reviews)
    desk.fill(qtbot, reviews, scope="会員DB 2026下期", reviewer="情報システム部長",
              started_on="2026-11-20")
    review = desk.save(qtbot, window, reviews)
    desk.filter_check(qtbot, reviews, "open")
    assert desk.column(reviews, "scope") == ["会員DB 2026下期"]

    decisions = desk.show(qtbot, window, "review_decision")
    desk.new_record(qtbot, window, decisions)
    desk.pick(qtbot, decisions.form.editor("review"), "2026", "会員DB 2026下期 (2026-11-20)")
    desk.pick(qtbot, decisions.form.editor("grant"), "E100", "佐藤 花子 (E100) · 会員DB · Read")
    desk.fill(qtbot, decisions, decision="Keep", decided_on="2026-11-24")
    decision = desk.save(qtbot, window, decisions)
    row = desk.row_of(decisions, decision)
    assert desk.cell(decisions, row, "grant") == "佐藤 花子 (E100) · 会員DB · Read"
    assert desk.cell(decisions, row, "review") == "会員DB 2026下期 (2026-11-20)"
    assert records.get(db, "review_decision", decision)["review"] == review
    desk.search(qtbot, window, decisions, "花子")  # the staff member in the grant's title
    assert desk.count_text(decisions) == "1 of 1"
    desk.search(qtbot, window, decisions, "維持")  # "Keep" in Japanese
    assert desk.count_text(decisions) == "1 of 1"

    # back on the grants, the decision counts as the last review
    grants = desk.show(qtbot, window, "grant")
    desk.wait_for(qtbot, lambda: desk.cell(grants, desk.row_of(grants, grant),
                                           "review_due") == "2027-05-24")
    assert desk.cell(grants, desk.row_of(grants, grant), "deadline_status") == "On time"
