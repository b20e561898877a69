"""The console as a person uses it: unlock, look around, search, lock."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from privacydesk.services import settings
from privacydesk.store.database import open_database
from privacydesk.ui.app import Console
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.unlock import NewDatabaseDialog, UnlockWindow

CTRL = Qt.KeyboardModifier.ControlModifier
TAB_TITLES = ["Dashboard", "Data inventory", "Consent", "Inquiries", "Training", "Access",
              "Incidents", "Third parties", "Safety measures", "Catalog"]


@pytest.fixture
def console(qtbot, filled_path: Path, tmp_path: Path, today):
    c = Console(filled_path, demo_path=tmp_path / "demo" / "demo.db", today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    qtbot.waitExposed(c.unlock_window)
    yield c
    c.shutdown()


def type_passphrase(qtbot, console: Console, text: str) -> None:
    edit = console.unlock_window.passphrase_edit
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def unlock(qtbot, console: Console, passphrase: str) -> MainWindow:
    with qtbot.waitSignal(console.opened, timeout=10_000):
        type_passphrase(qtbot, console, passphrase)
    window = console.main_window
    assert window is not None
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_wrong_passphrase_shows_the_error_and_opens_nothing(qtbot, console):
    w = console.unlock_window
    assert w.error_label.isHidden()  # shown only after a failure
    with qtbot.assertNotEmitted(console.opened):
        type_passphrase(qtbot, console, "not the passphrase")
    assert w.error_label.isVisible()
    assert "Wrong passphrase. Try again." in w.error_label.text()
    assert w.passphrase_edit.text() == ""
    assert console.main_window is None and console.db is None
    assert not [x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow)]


def test_right_passphrase_opens_the_main_window(qtbot, console, passphrase):
    window = unlock(qtbot, console, passphrase)
    assert console.unlock_window.isHidden()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TAB_TITLES
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.loaded, timeout=10_000)
    model = dashboard.view.model()
    assert model.rowCount() > 0
    assert model.index(0, 0).data() == "Overdue"  # overdue first, in words
    assert model.index(0, 3).data().startswith("PPC preliminary report")
    assert model.index(0, 1).data() == "2026-11-21"
    assert dashboard.cards["overdue_duties"].value_label.text() != "–"
    qtbot.waitUntil(lambda: "overdue" in window.overdue_label.text())
    assert window.db_label.text() == "privacy.db"
    assert window.lock_label.text().startswith("Locks in")


def test_ctrl_l_locks_and_destroys_the_main_window(qtbot, console, passphrase):
    window = unlock(qtbot, console, passphrase)
    with qtbot.waitSignal(console.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert console.main_window is None and console.db is None
    assert console.unlock_window.isVisible()
    assert console.unlock_window.passphrase_edit.text() == ""
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    # and it unlocks again
    unlock(qtbot, console, passphrase)


def test_inactivity_locks(qtbot, filled_path, tmp_path, passphrase, today):
    c = Console(filled_path, demo_path=tmp_path / "demo.db", lock_after_ms=400, today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    try:
        window = unlock(qtbot, c, passphrase)
        with qtbot.waitSignal(c.locked, timeout=10_000):
            pass
        assert c.main_window is None
        qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    finally:
        c.shutdown()


def test_ctrl_digit_switches_tabs_and_search_filters(qtbot, console, passphrase, n_requests):
    window = unlock(qtbot, console, passphrase)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.tabs.currentIndex() == 3
    view = window.view("request")
    assert window.current_view() is view
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    assert view.model.total == n_requests
    assert view.model.rowCount() == 200  # one page, not the whole table
    assert view.list.count_label.text() == f"{n_requests} records"
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(lambda: view.list.search_box.hasFocus())
    qtbot.keyClicks(view.list.search_box, "needle")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    column = view.model.column_of("subject_ref")
    assert view.list.view.model().index(0, column).data() == "NEEDLE-7"
    assert view.list.count_label.text() == f"1 of {n_requests}"
    assert "1 of" in window.count_label.text()
    qtbot.keyClick(view.list.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.total == n_requests, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Catalog"


def test_header_click_sorts_any_column_due_dates_included(qtbot, console, passphrase):
    window = unlock(qtbot, console, passphrase)
    window.tabs.setCurrentIndex(3)
    view = window.view("request")
    table = view.list
    qtbot.waitUntil(lambda: table.model.loaded_once, timeout=10_000)
    header = table.view.horizontalHeader()

    def click(name: str) -> None:
        column = table.model.column_of(name)
        table.view.scrollTo(table.model.index(0, column))
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        with qtbot.waitSignal(table.model.loaded, timeout=10_000):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(x, header.height() // 2))

    assert table.model.sort_key == "-received_on"
    click("due_on")
    assert table.model.sort_key == "due_on"
    assert header.sortIndicatorSection() == table.model.column_of("due_on")
    dues = [table.model.record(r)["due_on"] for r in range(table.model.rowCount())
            if table.model.record(r)["due_on"] is not None]
    assert dues == sorted(dues)
    click("due_on")
    assert table.model.sort_key == "-due_on"
    click("subject_ref")
    assert table.model.sort_key == "subject_ref"


def test_japanese_setting_gives_japanese_columns(qtbot, filled_path, passphrase, tmp_path,
                                                 today):
    with open_database(filled_path, passphrase) as db:
        settings.put(db, "language", "ja")
    c = Console(filled_path, demo_path=tmp_path / "demo.db", today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    try:
        window = unlock(qtbot, c, passphrase)
        model = window.view("request").model
        column = model.column_of("received_on")
        assert model.headerData(column, Qt.Orientation.Horizontal) == "受付日"
        qtbot.waitUntil(lambda: window.dashboard.loaded, timeout=10_000)
        duty = window.dashboard.view.model().index(0, 3).data()
        assert duty.startswith("個人情報保護委員会への速報")
    finally:
        c.shutdown()


def test_missing_database_points_to_new_and_demo(qtbot, tmp_path):
    w = UnlockWindow(tmp_path / "nowhere.db", demo_path=tmp_path / "demo.db")
    qtbot.addWidget(w)
    w.show()
    assert w.error_label.isVisible()
    assert "No database at" in w.error_label.text()
    assert "New database" in w.error_label.text()
    assert not w.passphrase_edit.isEnabled() and not w.unlock_button.isEnabled()
    assert w.new_button.isEnabled() and w.demo_button.isEnabled()


def test_new_database_dialog_checks_and_creates(qtbot, tmp_path):
    path = tmp_path / "new.db"
    dialog = NewDatabaseDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.officer_edit.setText("山田 花子")  # QTest types ASCII only
    qtbot.keyClicks(dialog.passphrase_edit, "short")
    qtbot.keyClicks(dialog.repeat_edit, "short")
    dialog.accept()
    assert "at least 8 characters" in dialog.error_label.text()
    assert not path.exists()
    dialog.passphrase_edit.setText("long enough passphrase")
    dialog.repeat_edit.setText("long enough passphrase!")
    dialog.accept()
    assert "differ" in dialog.error_label.text()
    dialog.repeat_edit.setText("long enough passphrase")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    db = dialog.database
    try:
        assert path.is_file()
        assert db.officer == "山田 花子"
        assert settings.get(db, "language") == "en"
    finally:
        db.close()


def test_demo_database_opens_with_its_documented_passphrase(qtbot, tmp_path):
    pytest.importorskip("privacydesk.services.demo")
    from privacydesk.ui.unlock import DEMO_PASSPHRASE

    demo_path = tmp_path / "demo" / "demo.db"
    c = Console(tmp_path / "none.db", demo_path=demo_path)
    qtbot.addWidget(c.unlock_window)
    c.show()
    try:
        with qtbot.waitSignal(c.opened, timeout=60_000):
            assert c.unlock_window.open_demo()
        window = c.main_window
        assert window is not None
        view = window.show_entity("request")
        qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
        assert view.model.total > 0
        c.lock()
        assert c.unlock_window.path == demo_path
        with qtbot.waitSignal(c.opened, timeout=10_000):
            type_passphrase(qtbot, c, DEMO_PASSPHRASE)
    finally:
        c.shutdown()


def test_input_restarts_the_auto_lock_timer(qtbot):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from privacydesk.ui.autolock import AutoLock

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    lock = AutoLock(60_000)
    lock.start()
    try:
        qtbot.waitUntil(lambda: lock.remaining_ms() < 59_850)
        # as the platform delivers it: to the window, which passes it to the widget
        QTest.keyClick(edit.windowHandle(), Qt.Key.Key_A)
        assert edit.text() == "a"
        assert lock.remaining_ms() > 59_850
        qtbot.waitUntil(lambda: lock.remaining_ms() < 59_850)
        QTest.mouseMove(edit.windowHandle(), QPoint(5, 5))
        assert lock.remaining_ms() > 59_850
    finally:
        lock.stop()
    assert lock.remaining_ms() == 0


def test_main_starts_on_the_unlock_window_and_returns_when_closed(qtbot, filled_path):
    from PySide6.QtCore import QTimer

    from privacydesk.ui.app import main

    seen: list[UnlockWindow] = []

    def close_unlock_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, UnlockWindow) and widget.isVisible():
                seen.append(widget)
                widget.close()

    QTimer.singleShot(200, close_unlock_window)
    assert main(["--db", str(filled_path)]) == 0
    assert seen and seen[0].path == filled_path
    assert QApplication.applicationName() == "PrivacyDesk"
    assert QApplication.organizationName() == "PrivacyDesk"
