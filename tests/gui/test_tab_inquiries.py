"""The Inquiries tab: data-subject requests and complaints, as the officer handles them."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records


def test_a_request_added_through_the_form_gets_its_deadline(qtbot, window, db):
    view = desk.show(qtbot, window, "request")
    desk.new_record(qtbot, window, view)
    assert view.form.editor("law").currentText() == "APPI (Japan)"  # the declared default
    desk.fill(qtbot, view, kind="Disclosure (Art 33)", received_on="2026-11-20",
              channel="Web form", subject_ref="U12345678", response_method="Electronic")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "kind") == "Disclosure (Art 33)"
    assert desk.cell(view, row, "due_on") == "2026-12-04"  # received + 14 days (APPI)
    assert desk.cell(view, row, "deadline_status") == "On time"
    assert desk.cell(view, row, "status") == "Received"
    stored = records.get(db, "request", new_id)
    assert (stored["kind"], stored["law"], stored["requester"], stored["received_on"]) == (
        "appi_disclosure", "APPI", "self", date(2026, 11, 20))
    # the computed deadline shows in the form too, read-only
    assert view.form.rows["due_on"].widget.text() == "2026-12-04"


def test_fields_appear_when_they_apply(qtbot, window):
    view = desk.show(qtbot, window, "request")
    desk.new_record(qtbot, window, view)
    form = view.form
    assert not form.field_visible("refusal_ground")
    assert not form.field_visible("authority_proof")
    assert not form.field_visible("extended")
    desk.fill(qtbot, view, decision="Refused", requester="Proxy", law="GDPR (EU)")
    assert form.field_visible("refusal_ground")
    assert form.field_visible("reason_explained")
    assert form.field_visible("authority_proof")
    assert form.field_visible("extended")
    desk.fill(qtbot, view, decision="Granted in full")
    assert not form.field_visible("refusal_ground")


@pytest.mark.parametrize(("lang", "labels", "ground", "law"), [
    ("en", ("Access (GDPR Art 15)", "APPI (Japan)", "E-mail", "Decided", "Refused"),
     "is required for a refusal (APPI Art 33(2): state the ground)",
     "must be GDPR for a request of type 'gdpr_access'"),
    ("ja", ("アクセス（GDPR 15条）", "個人情報保護法", "電子メール", "決定済", "不対応（拒否）"),
     "不対応（拒否）とする場合は、その事由を選択してください（法33条2項）",
     "請求の種類が「アクセス（GDPR 15条）」の場合は、法令に「GDPR（EU）」を選択してください"),
], ids=["en", "ja"])
def test_a_refusal_without_a_ground_is_refused(qtbot, open_window, db, lang, labels, ground,
                                               law):
    window = open_window(lang)
    view = desk.show(qtbot, window, "request")
    desk.new_record(qtbot, window, view)
    kind, appi, email, decided, refused = labels
    desk.fill(qtbot, view, kind=kind, law=appi, received_on="2026-11-20", channel=email,
              subject_ref="U00000042", status=decided, decision=refused)
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "refusal_ground") == ground
    assert desk.message(view, "law") == law
    assert desk.count(db, "request") == 0
    # a date that does not exist is named under its field
    desk.fill(qtbot, view, received_on="2026-13-45")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "received_on")
    assert desk.count(db, "request") == 0


def test_a_refusal_with_its_ground_is_saved(qtbot, window, db):
    view = desk.show(qtbot, window, "request")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, kind="Disclosure (Art 33)", received_on="2026-11-20",
              channel="Post", subject_ref="U00000042", status="Decided", decision="Refused")
    desk.pick(qtbot, view.form.editor("refusal_ground"), "ALT",
              "ALT However, when changing, etc. the personal information i…")
    new_id = desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, new_id), "decision") == "Refused"
    assert records.get(db, "request", new_id)["refusal_ground"] is not None


def test_an_edit_shows_in_the_list_and_the_history(qtbot, window, db, make):
    req = make("request", subject_ref="U00000007", received_on=date(2026, 11, 20))
    view = desk.show(qtbot, window, "request")
    desk.select(qtbot, view, req)
    desk.fill(qtbot, view, status="In progress", identity_method="Driving licence")
    desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, req), "status") == "In progress"
    assert records.get(db, "request", req)["identity_method"] == "Driving licence"
    dialog = desk.history(qtbot, window, view)
    assert [e.action for e in dialog.entries] == ["update", "insert"]
    assert desk.changes_of(dialog) == {"Status": ("Received", "In progress"),
                                       "Identity check method": ("", "Driving licence")}
    dialog.close()


def test_delete_and_the_refusal_that_names_the_complaint(qtbot, window, db, make):
    spare = make("request", subject_ref="U00000001")
    linked = make("request", subject_ref="U00000002")
    make("complaint", request=linked, summary="回答が遅い", received_on=date(2026, 11, 1))
    view = desk.show(qtbot, window, "request")
    desk.delete_with_key(qtbot, window, view, spare)
    assert desk.count(db, "request") == 1
    assert desk.count_text(view) == "1 record"

    desk.delete_with_key(qtbot, window, view, linked, refused=True)
    banner = view.form.banner.text()
    assert f"Data-subject request {linked} cannot be deleted: 1 complaint record(s)" in banner
    assert "• Complaint: 2026-11-01 回答が遅い" in banner
    assert desk.count(db, "request") == 1


def test_search_by_type_in_either_language_filter_and_sort_by_due_date(qtbot, window, make):
    make("request", subject_ref="U1", kind="appi_disclosure", received_on=date(2026, 11, 20))
    make("request", subject_ref="U2", kind="appi_correction", received_on=date(2026, 11, 1))
    make("request", subject_ref="U3", kind="gdpr_access", law="GDPR",
         received_on=date(2026, 10, 1))
    make("request", subject_ref="U4", kind="appi_disclosure", received_on=date(2026, 9, 1),
         status="closed", decision="full", responded_on=date(2026, 9, 5),
         identity_verified_on=date(2026, 9, 2), closed_on=date(2026, 9, 6))
    view = desk.show(qtbot, window, "request")
    assert desk.column(view, "subject_ref") == ["U1", "U2", "U3", "U4"]  # newest first

    desk.search(qtbot, window, view, "disclosure")
    assert desk.column(view, "subject_ref") == ["U1", "U4"]
    assert desk.count_text(view) == "2 of 4"
    desk.search(qtbot, window, view, "訂正")  # correction, in Japanese
    assert desk.column(view, "subject_ref") == ["U2"]
    desk.search(qtbot, window, view, "")

    desk.filter_check(qtbot, view, "open")
    assert desk.column(view, "subject_ref") == ["U1", "U2", "U3"]
    assert desk.count_text(view) == "3 of 4"
    desk.filter_check(qtbot, view, "overdue")  # APPI: received + 14 days; GDPR: a month
    assert desk.column(view, "subject_ref") == ["U2", "U3"]
    desk.filter_choice(qtbot, view, "law", "Law: GDPR (EU)")
    assert desk.column(view, "subject_ref") == ["U3"]
    assert desk.count_text(view) == "1 of 4"
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()
    desk.filter_dates(qtbot, view, "2026-10-01", "2026-11-01")
    assert desk.column(view, "subject_ref") == ["U2", "U3"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "due_on")
    assert desk.column(view, "due_on") == ["2026-09-15", "2026-11-02", "2026-11-15",
                                           "2026-12-04"]
    desk.click_header(qtbot, view, "deadline_status")
    assert desk.column(view, "deadline_status") == ["Overdue", "Overdue", "On time", "Done"]
    assert desk.column(view, "subject_ref") == ["U3", "U2", "U1", "U4"]


def test_a_complaint_names_its_owner_and_request(qtbot, window, db, make):
    make("staff", name="佐藤 花子", employee_no="E100")
    make("staff", name="鈴木 一郎", employee_no="E101")
    req = make("request", subject_ref="U12345678", received_on=date(2026, 11, 20))
    view = desk.show(qtbot, window, "complaint")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, received_on="2026-11-22", channel="Telephone",
              category="Request handling", summary="開示の回答がまだ来ない")
    desk.pick(qtbot, view.form.editor("owner"), "佐藤", "佐藤 花子 (E100)")
    desk.pick(qtbot, view.form.editor("request"), "U1234",
              "U12345678 · Disclosure (Art 33) · 2026-11-20")
    new_id = desk.save(qtbot, window, view)
    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "owner") == "佐藤 花子 (E100)"
    assert desk.cell(view, row, "category") == "Request handling"
    assert records.get(db, "complaint", new_id)["request"] == req

    make("complaint", summary="DMが止まらない", resolved_on=date(2026, 11, 10))
    with desk.reloaded(qtbot, view):
        view.reload()
    desk.search(qtbot, window, view, "花子")
    assert desk.column(view, "summary") == ["開示の回答がまだ来ない"]
    assert desk.count_text(view) == "1 of 2"
    desk.search(qtbot, window, view, "")
    desk.filter_check(qtbot, view, "open")
    assert desk.column(view, "summary") == ["開示の回答がまだ来ない"]
    desk.filter_check(qtbot, view, "open")
    assert desk.count_text(view) == "2 records"
    desk.filter_choice(qtbot, view, "channel", "Channel: E-mail")
    assert desk.column(view, "summary") == ["DMが止まらない"]


def test_a_request_saved_deep_in_a_long_list_stays_in_the_form(qtbot, open_window,
                                                               filled_db, n_requests):
    window = open_window("en", filled_db)
    view = desk.show(qtbot, window, "request")
    assert view.model.rowCount() == 200  # the first page of 450
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, kind="Disclosure (Art 33)", received_on="2025-01-06",
              channel="Post", subject_ref="OLD-1")  # older than all: the last row
    new_id = desk.save(qtbot, window, view)
    assert view.form.record_id == new_id
    assert view.form.editor("subject_ref").text() == "OLD-1"
    # the list reads on to the record and selects it
    desk.wait_for(qtbot, lambda: view.list.current_record_id() == new_id)
    assert desk.row_of(view, new_id) == n_requests
    assert desk.cell(view, n_requests, "subject_ref") == "OLD-1"

    # an edit of it keeps it too
    desk.fill(qtbot, view, channel="Telephone")
    desk.save(qtbot, window, view)
    assert view.form.record_id == new_id
    desk.wait_for(qtbot, lambda: view.list.current_record_id() == new_id)
    assert desk.cell(view, desk.row_of(view, new_id), "channel") == "Telephone"
