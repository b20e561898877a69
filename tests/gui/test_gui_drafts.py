"""An unsaved edit survives what rebuilds the window: an auto-lock, a change of language."""

from __future__ import annotations

from pathlib import Path

import desk
import pytest
from PySide6.QtCore import Qt

from privacydesk.services import records
from privacydesk.ui import fonts, i18n
from privacydesk.ui.app import Console
from privacydesk.ui.main_window import MainWindow


@pytest.fixture
def console(qtbot, filled_path: Path, tmp_path: Path, today):
    """The console on the database of 450 requests; it locks after a minute idle."""
    c = Console(filled_path, demo_path=tmp_path / "demo.db", lock_after_ms=60_000,
                today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    qtbot.waitExposed(c.unlock_window)
    yield c
    c.shutdown()
    fonts.apply(i18n.install("en"))


def unlock(qtbot, console: Console, passphrase: str) -> MainWindow:
    edit = console.unlock_window.passphrase_edit
    with qtbot.waitSignal(console.opened, timeout=desk.WAIT_MS):
        qtbot.keyClicks(edit, passphrase)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    window = console.main_window
    assert window is not None
    qtbot.waitExposed(window)
    desk.activate(qtbot, window)
    return window


def _drafts(qtbot, window: MainWindow, ids: dict) -> None:
    """An edit of a request and a new data asset, neither saved."""
    assets = desk.show(qtbot, window, "data_asset")
    desk.new_record(qtbot, window, assets)
    desk.fill(qtbot, assets, name="下書きの台帳", kind="Paper", owner_department="総務部")
    requests = desk.show(qtbot, window, "request")
    desk.select(qtbot, requests, ids["request"])
    desk.fill(qtbot, requests, identity_method="Passport", status="In progress")
    assert requests.form.is_dirty() and assets.form.is_dirty()


def _first_request(qtbot, window: MainWindow) -> dict:
    view = desk.show(qtbot, window, "request")
    return {"request": view.model.record_id(0)}


def test_an_auto_lock_keeps_the_unsaved_edits(qtbot, console, passphrase, filled_path):
    window = unlock(qtbot, console, passphrase)
    ids = _first_request(qtbot, window)
    _drafts(qtbot, window, ids)

    # nothing is typed from now on: the console locks by itself
    assert console.autolock is not None
    console.autolock.interval_ms = 200
    with qtbot.waitSignal(console.locked, timeout=desk.WAIT_MS):
        pass
    assert console.main_window is None and console.db is None
    assert console.unlock_window.isVisible()

    window = unlock(qtbot, console, passphrase)
    assert window.current_view() is window.view("request")  # the tab it was on
    requests = window.view("request")
    assert requests.form.record_id == ids["request"]
    assert requests.form.is_dirty()
    assert requests.form.editor("identity_method").text() == "Passport"
    assert requests.form.editor("status").currentText() == "In progress"
    assets = window.view("data_asset")
    assert assets.form.record_id is None and assets.form.is_dirty()
    assert assets.form.editor("name").text() == "下書きの台帳"
    assert assets.form.editor("kind").currentText() == "Paper"

    # and the edit is still one Ctrl+S away
    desk.save(qtbot, window, requests)
    assert records.get(console.db, "request", ids["request"])["identity_method"] == "Passport"
    desk.wait_for(qtbot, lambda: requests.list.current_record_id() == ids["request"])


def test_a_change_of_language_keeps_the_unsaved_edits(qtbot, console, passphrase):
    window = unlock(qtbot, console, passphrase)
    ids = _first_request(qtbot, window)
    _drafts(qtbot, window, ids)

    with qtbot.waitSignal(console.opened, timeout=desk.WAIT_MS):
        console.set_language("ja")
    window = console.main_window
    assert window is not None and window.lang == "ja"
    desk.activate(qtbot, window)
    requests = window.view("request")
    assert window.current_view() is requests
    assert requests.form.record_id == ids["request"]
    assert requests.form.is_dirty()
    assert requests.form.editor("identity_method").text() == "Passport"
    assert requests.form.editor("status").currentText() == "対応中"  # "In progress"
    model = requests.model
    assert model.headerData(model.column_of("received_on"), Qt.Orientation.Horizontal) == \
        "受付日"
    assets = window.view("data_asset")
    assert assets.form.editor("name").text() == "下書きの台帳"
    assert assets.form.editor("kind").currentText() == "紙"

    desk.save(qtbot, window, requests)
    assert records.get(console.db, "request", ids["request"])["status"] == "in_progress"
