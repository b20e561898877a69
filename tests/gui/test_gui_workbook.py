"""Excel workbooks from the window: the current view, and every list."""

from __future__ import annotations

import threading

import openpyxl
from PySide6.QtWidgets import QMessageBox

from privacydesk.domain.entities import ENTITIES
from privacydesk.services import records
from privacydesk.ui.dialogs import workbook
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.workers import Jobs


def test_export_of_the_view_to_excel_writes_only_the_rows_it_shows(qtbot, filled_db, today,
                                                                   tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = MainWindow(filled_db, lang="ja", today=today)
    qtbot.addWidget(window)
    try:
        view = window.show_entity("request")
        qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
        with qtbot.waitSignal(view.model.loaded, timeout=10_000):
            view.list.model.set_filters(filters=("open",))
        out = tmp_path / "open.xlsx"
        view.list.export_view_to_excel(str(out))
        qtbot.waitUntil(lambda: bool(told), timeout=30_000)
        assert str(out) in told[0]
        sheet = openpyxl.load_workbook(out)["開示等の請求"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        assert header[0] == "ID" and "状況" in header  # labels in the window's language
        assert len(rows) - 1 == view.model.total == 12  # the open requests only
        assert {r[header.index("状況")] for r in rows[1:]} == {"受付"}  # labels, not codes
        ids = [r[0] for r in rows[1:]]
        shown = [view.model.record_id(i) for i in range(view.model.rowCount())]
        assert ids == shown  # in the order of the list
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.endswith(str(len(rows)))
    finally:
        window.shutdown_for_lock()


def test_export_of_every_list_to_one_workbook(qtbot, filled_db, today, tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = MainWindow(filled_db, lang="en", today=today)
    qtbot.addWidget(window)
    try:
        assert window.export_all_action.text() == "&Export every list to Excel…"
        out = tmp_path / "everything.xlsx"
        window.export_all_to_excel(str(out))
        qtbot.waitUntil(lambda: bool(told), timeout=60_000)
        assert f"{len(ENTITIES)} lists" in told[0]
        book = openpyxl.load_workbook(out, read_only=True)
        assert len(book.sheetnames) == len(ENTITIES) + 1
        assert book.sheetnames[-1] == "PrivacyDesk"
        requests = book["Requests"]
        assert sum(1 for _ in requests.iter_rows(min_row=2)) == records.count(filled_db, "request")
        book.close()
    finally:
        window.shutdown_for_lock()


def test_a_cancelled_export_writes_nothing_and_says_nothing(qtbot, filled_db, tmp_path,
                                                            monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append("information"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append("warning"))
    jobs = Jobs()
    gate = threading.Event()
    out = tmp_path / "cancelled.xlsx"
    original = workbook.export_workbook

    def held(*args, cancel, **kwargs):  # waits until the officer has pressed Cancel
        gate.wait(30)
        return original(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(workbook, "export_workbook", held)
    job = workbook.export_to_excel(filled_db, jobs, ["request"], str(out), lang="en")
    assert job is not None
    with qtbot.waitSignal(job.signals.failed, timeout=30_000):
        job.token.cancel()
        gate.set()
    assert [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == []  # nor a part
    assert said == []
