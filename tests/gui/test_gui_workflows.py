"""Each workflow end to end through the window: its button, its dialog, the refusal of
the rule shown in the dialog, and the record as the services left it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QDialog

from privacydesk.services import access, records
from privacydesk.store.database import open_database
from privacydesk.ui.dialogs import workflows
from privacydesk.ui.main_window import MainWindow

TODAY = date(2026, 11, 26)


@pytest.fixture
def window(qtbot, db):
    w = MainWindow(db, lang="en", today=TODAY)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown_for_lock()


def _view(qtbot, window: MainWindow, name: str, record_id: int):
    view = window.open_record(name, record_id)
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    assert view.form.record_id == record_id
    return view


def _click(qtbot, view, key: str):
    """Press a workflow button; returns the dialog it opened."""
    button = view.action_buttons[key]
    assert button.isEnabled(), key
    before = set(view.findChildren(QDialog))
    button.click()
    opened = [d for d in view.findChildren(QDialog) if d not in before and d.isVisible()]
    assert opened, f"{key} opened no dialog"
    return opened[-1]


def _set(dialog, **values) -> None:
    for name, value in values.items():
        dialog.editors[name].set_value(value)


def _accept(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        dialog.accept()


def _message(dialog, name: str) -> str:
    label = dialog.messages[name]
    return label.text() if label.isVisible() else ""


def test_a_request_through_its_statuses(qtbot, window, make, db):
    ground = records.page(db, "refusal_ground", limit=1).rows[0]
    rid = make("request", received_on=date(2026, 11, 20))
    view = _view(qtbot, window, "request", rid)
    assert view.action_buttons["verify_identity"].isEnabled()
    assert not view.action_buttons["respond"].isEnabled()  # decided first
    dialog = _click(qtbot, view, "verify_identity")
    _set(dialog, method="Driver's licence", verified_by="Sato")
    dialog.editors["verified_on"].set_value("2026-13-45")
    dialog.accept()
    assert dialog.isVisible()
    assert "YYYY-MM-DD" in _message(dialog, "verified_on")
    _set(dialog, verified_on=date(2026, 11, 21))
    _accept(qtbot, dialog)
    row = records.get(db, "request", rid, today=TODAY)
    assert row["status"] == "in_progress" and row["identity_method"] == "Driver's licence"
    assert view.form.record["status"] == "in_progress"  # the form shows it at once

    dialog = _click(qtbot, view, "decide")
    _set(dialog, decision="refused")
    assert dialog.form.isRowVisible(dialog._labels["refusal_ground"])
    dialog.accept()  # a refusal without its ground: refused, next to the field
    assert dialog.isVisible()
    assert "Art 33(2)" in _message(dialog, "refusal_ground")
    assert records.get(db, "request", rid)["decision"] is None  # nothing written
    _set(dialog, refusal_ground=ground["id"],
         reason_explained="The records contain a third party's personal data.")
    _accept(qtbot, dialog)
    assert records.get(db, "request", rid)["status"] == "decided"

    dialog = _click(qtbot, view, "respond")
    _set(dialog, responded_on=date(2026, 11, 25))
    _accept(qtbot, dialog)
    dialog = _click(qtbot, view, "close")
    _set(dialog, on=date(2026, 11, 26))
    _accept(qtbot, dialog)
    row = records.get(db, "request", rid, today=TODAY)
    assert (row["status"], row["deadline_status"]) == ("closed", "done")
    assert not view.action_buttons["close"].isEnabled()


def test_gdpr_extension_and_withdrawal_by_the_person(qtbot, window, make, db):
    rid = make("request", kind="gdpr_access", law="GDPR", received_on=date(2026, 11, 2))
    view = _view(qtbot, window, "request", rid)
    dialog = _click(qtbot, view, "extend")
    _set(dialog, notified_on=date(2026, 11, 20))
    dialog.accept()
    assert "required" in _message(dialog, "reason")
    _set(dialog, reason="Complex request covering several systems")
    _accept(qtbot, dialog)
    row = records.get(db, "request", rid, today=TODAY)
    assert row["extended"] and row["due_on"] == date(2027, 2, 2)
    dialog = _click(qtbot, view, "withdraw")
    _set(dialog, on=date(2026, 11, 24))
    _accept(qtbot, dialog)
    assert records.get(db, "request", rid, today=TODAY)["deadline_status"] == "done"


def test_withdrawing_a_consent(qtbot, window, make, db):
    cid = make("consent")
    view = _view(qtbot, window, "consent", cid)
    dialog = _click(qtbot, view, "withdraw")
    dialog.editors["at"].set_value("2026-09-30 10:00")  # before it was captured
    _set(dialog, channel="email")
    dialog.accept()
    assert dialog.isVisible()
    assert _message(dialog, "at")  # the rule says why, next to the field
    dialog.editors["at"].set_value("2026-11-20 10:00")
    _accept(qtbot, dialog)
    row = records.get(db, "consent", cid)
    assert row["status"] == "withdrawn"
    assert row["withdrawn_at"] == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 10:00 JST
    assert not view.action_buttons["withdraw"].isEnabled()


def test_recording_a_training_for_twenty_people(qtbot, window, make, db):
    course = make("course", title_en="Privacy basics", title_ja="個人情報保護の基礎")
    staff = [make("staff", employee_no=f"T{i:03d}", department="営業部") for i in range(20)]
    make("staff", employee_no="X001", department="開発部")
    view = window.show_entity("completion")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    dialog = _click(qtbot, view, "bulk")
    assert isinstance(dialog, workflows.BulkCompletionDialog)
    dialog.course.set_value(course)
    dialog.filter.setText("営業部")
    dialog._check_shown(True)
    assert sorted(dialog.chosen()) == sorted(staff)
    assert "20" in dialog.count.text()
    dialog.score.set_value("abc")
    dialog.accept()
    assert dialog.isVisible() and "whole number" in dialog.errors.text()
    dialog.score.set_value(90)
    _accept(qtbot, dialog)
    assert len(dialog.created) == 20
    done = records.page(db, "completion", query=records.Query(equals={"course": course}),
                        limit=50, today=TODAY)
    assert done.total == 20
    assert {r["staff"] for r in done.rows} == set(staff)
    assert {r["training_status"] for r in done.rows} == {"valid"}


def test_an_access_review_from_start_to_attestation(qtbot, window, make, db):
    asset = make("data_asset", name="会員DB")
    other = make("data_asset", name="人事DB")
    grants = [make("grant", asset=asset, staff=make("staff", employee_no=f"A{i}"))
              for i in range(3)]
    make("grant", asset=other)
    view = window.show_entity("access_review")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    dialog = _click(qtbot, view, "start")
    _set(dialog, scope="会員DB 下期棚卸", reviewer="Sato", started_on=TODAY)
    dialog.editors["asset"].set_value(asset)
    before = set(view.findChildren(QDialog))
    _accept(qtbot, dialog)
    review = [d for d in view.findChildren(QDialog)
              if d not in before and isinstance(d, workflows.AccessReviewDialog)][-1]
    assert [g["id"] for g in review.grants] == grants  # the scope: this asset only
    assert not review.attest()  # nothing decided yet: refused, and says how many
    assert "3 grant(s)" in review.errors.text()
    decisions = {grants[0]: "keep", grants[1]: "modify", grants[2]: "revoke"}
    for row, grant in enumerate(review.grants):
        review.combos[row].setCurrentIndex(review.combos[row].findData(decisions[grant["id"]]))
    assert not review.decide(1)  # modify needs a note
    assert review.errors.isVisible()
    review.notes[1].setText("Read only from now on")
    for row in range(3):
        review.combos[row].setCurrentIndex(
            review.combos[row].findData(decisions[review.grants[row]["id"]]))
        assert review.decide(row), review.errors.text()
    assert review.attest(), review.errors.text()
    assert "attested" in review.summary.text()
    assert records.get(db, "grant", grants[2])["revoked_on"] == TODAY
    assert records.get(db, "grant", grants[0])["last_reviewed_on"] == TODAY
    assert records.get(db, "access_review", review.review["id"])["attested_on"] == TODAY


def test_an_incident_and_its_ppc_reports(qtbot, window, make, db):
    iid = make("incident", title="顧客リストの誤送信", affected_max=1500,
               known_at=datetime(2026, 11, 20, 1, 0, tzinfo=UTC),
               description="Sent to the wrong address.")
    view = _view(qtbot, window, "incident", iid)
    assert view.form.record["reportable"]
    dialog = workflows.report_items(view, view.form.record, "ppc_preliminary")
    assert dialog.editors["people_count"].value() == 1500  # drafted from the incident
    assert "wrong address" in (dialog.editors["overview"].value() or "")
    dialog.editors["submitted_on"].set_value(date(2026, 11, 19))  # before it was known
    dialog.accept()
    assert dialog.isVisible() and _message(dialog, "submitted_on")
    _set(dialog, submitted_on=date(2026, 11, 24), reference="PPC-1")
    _accept(qtbot, dialog)
    reports = records.page(db, "incident_report",
                           query=records.Query(equals={"incident": iid})).rows
    assert [(r["kind"], r["people_count"]) for r in reports] == [("ppc_preliminary", 1500)]
    dialog = _click(qtbot, view, "notice")
    _set(dialog, notified_on=date(2026, 11, 25), method="E-mail to each person")
    _accept(qtbot, dialog)
    assert records.get(db, "incident", iid)["individuals_notified_on"] == date(2026, 11, 25)


def test_entrustee_and_transfer_checks(qtbot, window, make, db):
    eid = make("entrustee")
    view = _view(qtbot, window, "entrustee", eid)
    dialog = _click(qtbot, view, "check")
    _set(dialog, checked_on=date(2026, 11, 10), method="on_site", findings="No findings")
    _accept(qtbot, dialog)
    row = records.get(db, "entrustee", eid, today=TODAY)
    assert row["last_checked_on"] == date(2026, 11, 10)
    assert row["next_due"] == date(2027, 11, 10)
    tid = make("foreign_transfer")
    view = _view(qtbot, window, "foreign_transfer", tid)
    dialog = _click(qtbot, view, "check")
    _set(dialog, checked_on=date(2026, 11, 10), obstacles=True)
    dialog.accept()
    assert dialog.isVisible() and _message(dialog, "actions")  # obstacles need actions
    _set(dialog, actions="Asked the recipient for its new encryption policy")
    _accept(qtbot, dialog)
    assert records.get(db, "foreign_transfer", tid, today=TODAY)["last_checked_on"] \
        == date(2026, 11, 10)


@pytest.fixture
def colleague(db_path, passphrase):
    """Another desk on the same database, saving while our dialog is open."""
    other = open_database(db_path, passphrase)
    other.officer = "Tanaka Jiro"
    yield other
    other.close()


def test_a_step_over_a_colleagues_save_is_refused_in_the_dialog(qtbot, window, make, db,
                                                                 colleague):
    rid = make("request", received_on=date(2026, 11, 20))
    view = _view(qtbot, window, "request", rid)
    dialog = _click(qtbot, view, "decide")
    _set(dialog, decision="full")
    records.update(colleague, "request", rid, {"subject_ref": "U-CHANGED"}, version=1)
    dialog.accept()
    assert dialog.isVisible()  # stays open, says why
    banner = dialog.banner.text()
    assert f"Data-subject request {rid} was changed by Tanaka Jiro" in banner
    assert "since you opened it" in banner and "open it again" in banner
    row = records.get(db, "request", rid)
    assert (row["status"], row["decision"], row["subject_ref"], row["row_version"]) == \
        ("received", None, "U-CHANGED", 2)
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        dialog.reject()
    assert view.form.record["subject_ref"] == "U-CHANGED"  # the record shown as saved now
    dialog = _click(qtbot, view, "decide")  # opened again: from the current version
    _set(dialog, decision="full")
    _accept(qtbot, dialog)
    row = records.get(db, "request", rid)
    assert (row["status"], row["decision"], row["subject_ref"]) == \
        ("decided", "full", "U-CHANGED")


def test_a_grant_saved_meanwhile_is_shown_again_in_the_review(qtbot, window, make, db,
                                                              colleague):
    asset = make("data_asset")
    grant = make("grant", asset=asset, granted_on=date(2026, 5, 1))
    review_id = access.start_review(db, scope="Members", reviewer="Sato",
                                    started_on=date(2026, 11, 1), asset=asset)
    view = _view(qtbot, window, "access_review", review_id)
    review = workflows.review_grants(view, view.form.record)
    records.update(colleague, "grant", grant, {"level": "write"}, version=1)
    review.combos[0].setCurrentIndex(review.combos[0].findData("keep"))
    assert not review.decide(0)
    assert f"Access grant {grant} was changed by Tanaka Jiro" in review.errors.text()
    assert review.grants[0]["row_version"] == 2  # read again: the level as saved now
    assert "try again" in review.errors.text()
    row = records.get(db, "grant", grant)
    assert (row["level"], row["last_reviewed_on"]) == ("write", None)
    assert review.combos[0].currentData() == "keep"  # the choice is still there
    assert review.decide(0), review.errors.text()
    assert records.get(db, "grant", grant)["last_reviewed_on"] == TODAY
    records.update(colleague, "access_review", review_id, {"reviewer": "Suzuki"}, version=1)
    assert not review.attest()
    assert "was changed by Tanaka Jiro" in review.errors.text()
    assert records.get(db, "access_review", review_id)["attested_on"] is None
    assert review.attest(), review.errors.text()  # the review was read again
    assert records.get(db, "access_review", review_id)["attested_on"] == TODAY
    review.reject()


def test_workflow_messages_appear_in_japanese(qtbot, db, make):
    w = MainWindow(db, lang="ja", today=TODAY)
    qtbot.addWidget(w)
    try:
        rid = make("request", received_on=date(2026, 11, 20))
        view = _view(qtbot, w, "request", rid)
        assert view.action_buttons["decide"].text() == "決定…"
        dialog = _click(qtbot, view, "decide")
        _set(dialog, decision="refused")
        dialog.accept()
        assert "33条2項" in _message(dialog, "refusal_ground")
        dialog.reject()
    finally:
        w.shutdown_for_lock()
