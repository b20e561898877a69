"""The Dashboard tab: a duty opens its record in its tab, a figure opens its list."""

from __future__ import annotations

import desk
import pytest
from PySide6.QtCore import QPoint, Qt

from privacydesk.services import records
from privacydesk.ui.main_window import MainWindow


@pytest.fixture
def filled_window(qtbot, open_window, filled_db) -> MainWindow:
    """The window on the database of 450 requests and one overdue incident."""
    window = open_window("en", filled_db)
    qtbot.waitUntil(lambda: window.dashboard.loaded, timeout=desk.WAIT_MS)
    return window


def _duty_row(window: MainWindow, entity_name: str) -> int:
    model = window.dashboard.model
    rows = [r for r in range(model.rowCount()) if model.duty(r).entity == entity_name]
    assert rows, f"no duty of {entity_name}"
    return rows[0]


def test_enter_on_a_duty_opens_its_record_in_its_tab(qtbot, filled_window):
    window = filled_window
    table = window.dashboard.view
    row = _duty_row(window, "incident")
    duty = window.dashboard.model.duty(row)
    table.setFocus()
    table.setCurrentIndex(window.dashboard.model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)

    assert window.tabs.currentWidget() is window.areas["incidents"]
    view = window.view("incident")
    assert window.current_view() is view
    assert view.form.record_id == duty.record_id
    assert view.form.editor("title").text() == "顧客リストの誤送信"
    desk.wait_for(qtbot, lambda: view.list.current_record_id() == duty.record_id)


def test_a_double_click_opens_a_request_deep_in_a_sorted_list(qtbot, filled_window):
    window = filled_window
    requests = desk.show(qtbot, window, "request")
    desk.click_header(qtbot, requests, "received_on")  # oldest first: open ones at the end
    desk.key(qtbot, window, Qt.Key.Key_1)  # back to the dashboard
    assert window.tabs.currentWidget() is window.dashboard

    table = window.dashboard.view
    row = _duty_row(window, "request")
    duty = window.dashboard.model.duty(row)
    table.scrollTo(window.dashboard.model.index(row, 0))
    rect = table.visualRect(window.dashboard.model.index(row, 3))
    desk.double_click(qtbot, table.viewport(), rect.center())

    assert window.current_view() is requests
    assert requests.form.record_id == duty.record_id
    # the list reads on to the record and selects it
    desk.wait_for(qtbot, lambda: requests.list.current_record_id() == duty.record_id)
    assert requests.model.row_of(duty.record_id) >= 200


def test_a_figure_opens_its_list_filtered(qtbot, filled_window, n_requests):
    window = filled_window
    dashboard = window.dashboard
    assert dashboard.cards["open_requests"].value_label.text() == "12"
    view = window.view("request")
    with desk.reloaded(qtbot, view):
        qtbot.mouseClick(dashboard.cards["open_requests"], Qt.MouseButton.LeftButton,
                         pos=QPoint(10, 10))
    assert window.current_view() is view
    assert view.list.named_filters["open"].isChecked()
    assert desk.count_text(view) == f"12 of {n_requests}"
    assert set(desk.column(view, "status")) == {"Received"}

    desk.key(qtbot, window, Qt.Key.Key_1)
    incidents = window.view("incident")
    card = dashboard.cards["incidents_awaiting_report"]
    assert card.value_label.text() == "1"
    card.setFocus()
    with desk.reloaded(qtbot, incidents):
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.current_view() is incidents
    assert incidents.list.named_filters["awaiting_report"].isChecked()
    assert desk.column(incidents, "title") == ["顧客リストの誤送信"]

    desk.key(qtbot, window, Qt.Key.Key_1)
    qtbot.mouseClick(dashboard.cards["overdue_duties"], Qt.MouseButton.LeftButton,
                     pos=QPoint(10, 10))
    assert window.tabs.currentWidget() is dashboard
    assert dashboard.overdue_only.isChecked()
    statuses = {dashboard.model.duty(r).status for r in range(dashboard.model.rowCount())}
    assert statuses == {"overdue"}


def test_a_duty_outside_the_filtered_list_still_opens_in_the_form(qtbot, filled_window,
                                                                  filled_db):
    window = filled_window
    requests = desk.show(qtbot, window, "request")
    desk.filter_choice(qtbot, requests, "law", "Law: APPI (Japan)")  # 300 of 450: 2 pages
    assert requests.model.canFetchMore()
    desk.key(qtbot, window, Qt.Key.Key_1)

    model = window.dashboard.model
    rows = [r for r in range(model.rowCount()) if model.duty(r).entity == "request"
            and records.get(filled_db, "request", model.duty(r).record_id)["law"] == "GDPR"]
    duty = model.duty(rows[0])
    table = window.dashboard.view
    table.setFocus()
    table.setCurrentIndex(model.index(rows[0], 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert requests.form.record_id == duty.record_id
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=desk.WAIT_MS)
    # the list does not hold it: nothing is selected, and the form keeps the record
    assert requests.list.current_record_id() is None
    assert requests.form.record_id == duty.record_id
    assert requests.form.editor("law").currentText() == "GDPR (EU)"
