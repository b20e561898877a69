"""The Consent tab: the consent ledger, from one record typed in to 200,000 read by page."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import desk
import pytest
import sqlalchemy as sa
from ledger import N_CONSENTS

from privacydesk.services import records
from privacydesk.store.database import Database, open_database
from privacydesk.ui.tabs.entity_view import EntityView

PURPOSE_B = "B Distribution and sending of communications, e-mail magazi…"


@pytest.fixture
def ledger(db, make):
    """A policy version, two purposes' ids, a counterparty and four consents."""
    ids = {p["code"]: p["id"] for p in records.page(db, "purpose").rows}
    policy = records.page(db, "policy_version").rows[0]["id"]
    partner = make("counterparty", name="Acme Marketing", role="third_party")
    at = datetime(2026, 11, 1, 1, 0, tzinfo=UTC)
    return {
        "policy": policy, "partner": partner, "purposes": ids,
        "u1": make("consent", subject_ref="U00000001", purpose=ids["A"], captured_at=at),
        "u2": make("consent", subject_ref="U00000002", purpose=ids["B"], channel="email",
                   captured_at=at + timedelta(days=5)),
        "u3": make("consent", subject_ref="U00000003", scope="third_party", purpose=None,
                   recipient=partner, captured_at=at + timedelta(days=10)),
        "u4": make("consent", subject_ref="U00000004", purpose=ids["B"], status="withdrawn",
                   withdrawn_at=at + timedelta(days=12), captured_at=at - timedelta(days=60)),
    }


def test_a_consent_added_through_the_form(qtbot, window, db, ledger):
    view = desk.show(qtbot, window, "consent")
    desk.new_record(qtbot, window, view)
    form = view.form
    assert not form.field_visible("purpose") and not form.field_visible("recipient")
    desk.fill(qtbot, view, subject_ref="U12345678", scope="Purpose of use")
    assert form.field_visible("purpose") and not form.field_visible("recipient")
    desk.pick(qtbot, form.editor("purpose"), "magazi", PURPOSE_B)
    desk.fill(qtbot, view, policy_version="2022-04-05", channel="Checkbox",
              captured_at="2026-11-20 10:30", evidence_ref="CL-000123")
    new_id = desk.save(qtbot, window, view)

    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "subject_ref") == "U12345678"
    assert desk.cell(view, row, "purpose") == PURPOSE_B
    assert desk.cell(view, row, "policy_version") == "2022-04-05"
    assert desk.cell(view, row, "captured_at") == "2026-11-20 10:30"
    assert desk.cell(view, row, "status") == "Active"
    stored = records.get(db, "consent", new_id)
    assert (stored["purpose"], stored["policy_version"]) == (ledger["purposes"]["B"],
                                                             ledger["policy"])
    assert stored["captured_at"] == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)

    # consent to a foreign provision names the recipient and its country
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, subject_ref="U12345679", scope="Provision to a foreign country")
    assert form.field_visible("recipient") and form.field_visible("country")
    assert not form.field_visible("purpose")
    desk.pick(qtbot, form.editor("recipient"), "acme", "Acme Marketing")
    desk.type_into(qtbot, form.editor("country"), "USA")
    assert form.editor("country").text() == "US"
    desk.fill(qtbot, view, policy_version="2022-04-05", channel="Button",
              captured_at="2026-11-21 09:00")
    second = desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, second), "recipient") == "Acme Marketing"


@pytest.mark.parametrize(("lang", "labels", "required"), [
    ("en", ("Purpose of use", "E-mail"), "is required"),
    ("ja", ("利用目的", "電子メール"), "入力してください"),
], ids=["en", "ja"])
def test_a_consent_missing_its_subject_and_policy_or_with_a_bad_moment(
        qtbot, open_window, db, ledger, lang, labels, required):
    window = open_window(lang)
    view = desk.show(qtbot, window, "consent")
    before = desk.count(db, "consent")
    desk.new_record(qtbot, window, view)
    scope, email = labels
    desk.fill(qtbot, view, scope=scope, channel=email, captured_at="2026-11-20 10:30")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "subject_ref") == required
    assert desk.message(view, "policy_version") == required
    assert desk.message(view, "channel") == ""
    desk.fill(qtbot, view, subject_ref="U99", policy_version="2022-04-05",
              captured_at="2026-11-20 25:61")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "captured_at")
    assert desk.message(view, "subject_ref") == ""
    assert desk.count(db, "consent") == before


def test_a_withdrawal_shows_in_the_list_and_the_history(qtbot, window, db, ledger):
    view = desk.show(qtbot, window, "consent")
    desk.select(qtbot, view, ledger["u1"])
    assert not view.form.field_visible("withdrawn_at")
    desk.fill(qtbot, view, status="Withdrawn")
    assert view.form.field_visible("withdrawn_at")
    desk.fill(qtbot, view, withdrawn_at="2026-11-25 18:00", withdrawal_channel="Telephone")
    desk.save(qtbot, window, view)
    row = desk.row_of(view, ledger["u1"])
    assert desk.cell(view, row, "status") == "Withdrawn"
    assert desk.cell(view, row, "withdrawn_at") == "2026-11-25 18:00"
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {"Status": ("Active", "Withdrawn"),
                                       "Withdrawn at": ("", "2026-11-25 18:00"),
                                       "Withdrawal channel": ("", "Telephone")}
    dialog.close()

    desk.delete_with_key(qtbot, window, view, ledger["u2"])
    assert desk.count(db, "consent") == 3
    assert desk.count_text(view) == "3 records"


def test_consents_found_filtered_and_sorted(qtbot, window, ledger):
    view = desk.show(qtbot, window, "consent")
    assert desk.column(view, "subject_ref") == ["U00000003", "U00000002", "U00000001",
                                                "U00000004"]  # latest capture first
    desk.search(qtbot, window, view, "U00000002")
    assert desk.column(view, "subject_ref") == ["U00000002"]
    assert desk.count_text(view) == "1 of 4"
    desk.search(qtbot, window, view, "magazine")  # the words of purpose B
    assert desk.column(view, "subject_ref") == ["U00000002", "U00000004"]
    desk.search(qtbot, window, view, "Acme")  # the recipient's name
    assert desk.column(view, "subject_ref") == ["U00000003"]
    desk.search(qtbot, window, view, "withdrawn")
    assert desk.column(view, "subject_ref") == ["U00000004"]
    desk.search(qtbot, window, view, "撤回")  # the same status in Japanese
    assert desk.column(view, "subject_ref") == ["U00000004"]
    desk.search(qtbot, window, view, "")

    desk.filter_choice(qtbot, view, "scope", "Scope: Third-party provision")
    assert desk.column(view, "subject_ref") == ["U00000003"]
    desk.filter_choice(qtbot, view, "scope", "Scope: all")
    desk.filter_choice(qtbot, view, "channel", "Channel: E-mail")
    assert desk.column(view, "subject_ref") == ["U00000002"]
    desk.filter_choice(qtbot, view, "channel", "Channel: all")
    desk.filter_check(qtbot, view, "active")
    assert desk.count_text(view) == "3 of 4"
    desk.filter_dates(qtbot, view, "2026-11-01", "2026-11-06")  # Japan days
    assert desk.column(view, "subject_ref") == ["U00000002", "U00000001"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()

    desk.click_header(qtbot, view, "captured_at")
    assert desk.column(view, "subject_ref") == ["U00000004", "U00000001", "U00000002",
                                                "U00000003"]
    desk.click_header(qtbot, view, "subject_ref")
    assert desk.column(view, "subject_ref") == ["U00000001", "U00000002", "U00000003",
                                                "U00000004"]


# --- a large ledger (tests/gui/ledger.py, built once per session) -------------------------

NEEDLE = "U00123456"


@contextmanager
def vm_steps(db: Database, every: int = 100) -> Iterator[itertools.count]:
    """Count the virtual-machine steps SQLite runs for every statement of `db` (on any
    thread) while the block runs: `next(counter) * every` is about the steps taken."""
    ticks = itertools.count()

    def tick() -> int:
        next(ticks)
        return 0  # go on

    def checkout(dbapi_conn, _record, _proxy) -> None:
        dbapi_conn.set_progress_handler(tick, every)

    def checkin(dbapi_conn, _record) -> None:
        dbapi_conn.set_progress_handler(None, every)

    sa.event.listen(db.engine, "checkout", checkout)
    sa.event.listen(db.engine, "checkin", checkin)
    try:
        yield ticks
    finally:
        sa.event.remove(db.engine, "checkout", checkout)
        sa.event.remove(db.engine, "checkin", checkin)


def _steps(ticks: itertools.count, every: int = 100) -> int:
    return next(ticks) * every


@pytest.mark.slow
def test_a_large_ledger_reads_a_page_and_a_subject_not_the_table(qtbot, large_ledger,
                                                                passphrase, today):
    db = open_database(large_ledger, passphrase)
    view = EntityView(db, "consent", today=today)
    try:
        assert records.count(db, "consent") >= N_CONSENTS
        # what reading every row costs, measured the same way: a search without an index
        with vm_steps(db) as ticks, db.read() as conn:
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM consent_record WHERE subject_ref LIKE ?",
                (f"%{NEEDLE}%",)).scalar() == 1
        full_scan = _steps(ticks)
        assert full_scan > N_CONSENTS

        view.resize(1200, 700)
        with vm_steps(db) as ticks:
            view.show()
            qtbot.waitExposed(view)
            qtbot.waitUntil(lambda: view.model.loaded_once and not view.model.loading,
                            timeout=desk.WAIT_MS)
        first_page = _steps(ticks)
        assert view.model.rowCount() == 200  # one page, not the ledger
        assert view.list.count_label.text() == f"{N_CONSENTS:,} records"
        assert first_page < full_scan // 100, (first_page, full_scan)

        box = view.list.search_box
        box.setFocus()
        qtbot.keyClicks(box, NEEDLE)
        with vm_steps(db) as ticks, desk.reloaded(qtbot, view):
            qtbot.keyClick(box, desk.Qt.Key.Key_Return)
        subject_search = _steps(ticks)
        assert desk.column(view, "subject_ref") == [NEEDLE]
        assert view.list.count_label.text() == f"1 of {N_CONSENTS:,}"
        assert subject_search < full_scan // 100, (subject_search, full_scan)
    finally:
        view.jobs.shutdown()
        view.close()
        view.deleteLater()
        db.close()
