"""The Incidents tab: incidents with their PPC deadlines, and the reports filed."""

from __future__ import annotations

from datetime import UTC, datetime

import desk
import pytest

from privacydesk.services import records


def test_an_incident_added_through_the_form_gets_its_report_deadlines(qtbot, window, db):
    view = desk.show(qtbot, window, "incident")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, title="会員情報の誤送信", known_at="2026-11-20 10:00", kind="Leak",
              cause="Misdelivery / wrong address", affected_max="1500",
              description="メール一斉送信で宛先を誤った")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "title") == "会員情報の誤送信"
    assert desk.cell(view, row, "known_at") == "2026-11-20 10:00"  # Japan time
    assert desk.cell(view, row, "affected_max") == "1,500"
    assert desk.cell(view, row, "reportable") == "✓"  # more than 1,000 people
    assert desk.cell(view, row, "ppc_preliminary_due") == "2026-11-24"  # day 5
    assert desk.cell(view, row, "deadline_status") == "Overdue"
    stored = records.get(db, "incident", new_id)
    assert stored["known_at"] == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    assert desk.cell(view, row, "ppc_final_due") == stored["ppc_final_due"].isoformat()
    assert view.form.rows["trigger_over_1000"].widget.text() == "Yes"


@pytest.mark.parametrize(("lang", "labels", "reason"), [
    ("en", ("Leak", "Ransomware", "Yes (override)"),
     "is required when a trigger is overridden (override_sensitive)"),
    ("ja", ("漏えい", "ランサムウェア", "該当（上書き）"),
     "報告対象事態の判定を上書きする場合は、その理由を入力してください（事態(1) 要配慮個人情報）"),
], ids=["en", "ja"])
def test_an_override_without_a_reason_and_a_bad_moment(qtbot, open_window, db, lang, labels,
                                                       reason):
    window = open_window(lang)
    view = desk.show(qtbot, window, "incident")
    desk.new_record(qtbot, window, view)
    kind, cause, yes = labels
    assert not view.form.field_visible("override_reason")
    desk.fill(qtbot, view, title="不正アクセス", known_at="2026-11-25 09:00", kind=kind,
              cause=cause, override_sensitive=yes)
    assert view.form.field_visible("override_reason")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "override_reason") == reason
    assert desk.count(db, "incident") == 0

    desk.fill(qtbot, view, known_at="2026-11-31 09:00", override_reason="Health data")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "known_at")
    assert desk.message(view, "override_reason") == ""
    if lang == "en":
        assert desk.message(view, "known_at") == \
            "Enter a date and time as YYYY-MM-DD HH:MM (Japan time)."
    assert desk.count(db, "incident") == 0


def test_closing_an_incident_shows_in_the_list_and_the_history(qtbot, window, db, make):
    incident = make("incident", title="USBメモリ紛失", cause="lost_device", affected_max=20)
    view = desk.show(qtbot, window, "incident")
    desk.select(qtbot, view, incident)
    desk.fill(qtbot, view, closed_on="2026-11-25", notice_method="Letter")
    desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, incident), "closed_on") == "2026-11-25"
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {"Closed on": ("", "2026-11-25"),
                                       "Notice method": ("", "Letter")}
    dialog.close()
    desk.filter_check(qtbot, view, "open")
    assert desk.count_text(view) == "0 of 1"


def test_a_report_filed_names_its_incident_and_clears_its_deadline(qtbot, window, db, make):
    incident = make("incident", title="顧客リストの誤送信", affected_max=1500,
                    known_at=datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    incidents = desk.show(qtbot, window, "incident")
    assert desk.cell(incidents, 0, "deadline_status") == "Overdue"
    desk.filter_check(qtbot, incidents, "awaiting_report")
    assert desk.count_text(incidents) == "1 of 1"

    reports = desk.show(qtbot, window, "incident_report")
    desk.new_record(qtbot, window, reports)
    desk.pick(qtbot, reports.form.editor("incident"), "誤送信", "顧客リストの誤送信")
    desk.fill(qtbot, reports, kind="PPC preliminary report", submitted_on="2026-11-25",
              reference="PPC-2026-0001", people_count="1500")
    report = desk.save(qtbot, window, reports)
    row = desk.row_of(reports, report)
    assert desk.cell(reports, row, "incident") == "顧客リストの誤送信"
    assert desk.cell(reports, row, "kind") == "PPC preliminary report"
    assert records.get(db, "incident_report", report)["incident"] == incident

    # back on the incidents: only the final report is owed now
    incidents = desk.show(qtbot, window, "incident")
    desk.wait_for(qtbot, lambda: desk.cell(incidents, 0, "deadline_status") == "On time")

    desk.delete_with_key(qtbot, window, incidents, incident, refused=True)
    banner = incidents.form.banner.text()
    assert "1 incident report record(s)" in banner
    assert "• Incident report: 顧客リストの誤送信: PPC preliminary report 2026-11-25" in banner
    assert desk.count(db, "incident") == 1

    reports = desk.show(qtbot, window, "incident_report")
    desk.search(qtbot, window, reports, "顧客リスト")
    assert desk.count_text(reports) == "1 of 1"
    desk.delete_with_key(qtbot, window, reports, report)
    incidents = desk.show(qtbot, window, "incident")
    desk.delete_with_key(qtbot, window, incidents, incident)
    assert desk.count(db, "incident") == 0


def test_incidents_found_by_cause_filtered_and_sorted_by_deadline(qtbot, window, make):
    make("incident", title="ランサム被害", cause="ransomware", affected_max=10,
         known_at=datetime(2026, 11, 24, 1, 0, tzinfo=UTC))
    make("incident", title="誤送信", cause="misdelivery", affected_max=1200,
         known_at=datetime(2026, 11, 10, 1, 0, tzinfo=UTC))
    make("incident", title="紛失", kind="loss", cause="lost_device", affected_max=3,
         known_at=datetime(2026, 10, 1, 1, 0, tzinfo=UTC))  # not reportable
    view = desk.show(qtbot, window, "incident")
    assert desk.column(view, "title") == ["ランサム被害", "誤送信", "紛失"]  # newest first

    desk.search(qtbot, window, view, "ransomware")
    assert desk.column(view, "title") == ["ランサム被害"]
    assert desk.count_text(view) == "1 of 3"
    desk.search(qtbot, window, view, "紛失・置き忘れ")  # "Lost device" in Japanese
    assert desk.column(view, "title") == ["紛失"]
    desk.search(qtbot, window, view, "")

    desk.filter_choice(qtbot, view, "kind", "Kind: Loss")
    assert desk.column(view, "title") == ["紛失"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()
    desk.filter_check(qtbot, view, "awaiting_report")
    assert desk.column(view, "title") == ["ランサム被害", "誤送信"]
    desk.filter_check(qtbot, view, "awaiting_report")
    desk.filter_dates(qtbot, view, "2026-11-01", "2026-11-30")
    assert desk.column(view, "title") == ["ランサム被害", "誤送信"]
    assert desk.count_text(view) == "2 of 3"
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "ppc_preliminary_due")
    assert desk.column(view, "title") == ["誤送信", "ランサム被害", "紛失"]
    assert desk.column(view, "ppc_preliminary_due")[-1] == ""  # none: last
    desk.click_header(qtbot, view, "deadline_status")
    assert desk.column(view, "deadline_status") == ["Overdue", "Due soon", ""]
