"""Verify, back up, change the passphrase and export a view, from the window."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from privacydesk.services import session
from privacydesk.ui.app import Console
from privacydesk.ui.dialogs import maintenance
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.workers import Jobs


def test_verify_shows_progress_and_the_result(qtbot, filled_db):
    jobs = Jobs()
    dialog = maintenance.VerifyDialog(filled_db, jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.result.ok
    assert dialog.bar.isHidden()
    assert "intact" in dialog.phase.text()
    assert f"{dialog.result.entries:,}" in dialog.phase.text()


def test_verify_names_a_record_changed_behind_the_apps_back(qtbot, filled_db):
    with filled_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE data_subject_request SET subject_ref = 'X' WHERE id = 3")
    dialog = maintenance.VerifyDialog(filled_db, Jobs())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert not dialog.result.ok
    assert "request 3 differs" in dialog.report.toPlainText()
    assert dialog.phase.text().startswith("⚠")


def test_cancelling_a_verify_stops_it(qtbot, filled_db):
    jobs = Jobs()
    dialog = maintenance.VerifyDialog(filled_db, jobs)
    qtbot.addWidget(dialog)
    dialog.reject()  # the user presses Cancel at once
    qtbot.waitUntil(lambda: not jobs.busy, timeout=30_000)
    assert dialog.result is None


def test_back_up_now_writes_a_verified_copy(qtbot, filled_db, passphrase, tmp_path,
                                            monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    out = tmp_path / "copy.db"
    jobs = Jobs()
    maintenance.backup_now(filled_db, jobs, path=str(out))
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert "verified" in shown[0]
    copy = session.open(out, passphrase)
    try:
        assert session.verify(copy).ok
    finally:
        copy.close()


def test_changing_the_passphrase_from_the_window(qtbot, filled_path, passphrase, tmp_path,
                                                today, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    c = Console(filled_path, demo_path=tmp_path / "demo.db", today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    try:
        c.unlock_window.passphrase_edit.setText(passphrase)
        with qtbot.waitSignal(c.opened, timeout=10_000):
            c.unlock_window.unlock()
        window = c.main_window
        dialog = maintenance.PassphraseDialog(window.db, parent=window)
        dialog.current.setText("wrong one")
        dialog.new.setText("a brand new passphrase")
        dialog.repeat.setText("a brand new passphrase")
        dialog.accept()
        assert "not right" in dialog.error.text()
        dialog.current.setText(passphrase)
        dialog.repeat.setText("a different one")
        dialog.accept()
        assert "differ" in dialog.error.text()
        dialog.repeat.setText("a brand new passphrase")
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted
        # what the window does after the dialog: stop its jobs, re-encrypt on a worker
        window.jobs.shutdown()
        with qtbot.waitSignal(c.opened, timeout=60_000):
            maintenance.change_passphrase(window.db, dialog.new.text(), parent=window,
                                          on_done=window._passphrase_changed)
        assert c.main_window is not window  # rebuilt on the reopened database
    finally:
        c.shutdown()
    with pytest.raises(session.WrongPassphrase):
        session.open(filled_path, passphrase)
    session.open(filled_path, "a brand new passphrase").close()


def test_export_of_the_current_view(qtbot, filled_db, today, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window = MainWindow(filled_db, lang="ja", today=today)
    qtbot.addWidget(window)
    try:
        view = window.show_entity("request")
        qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
        with qtbot.waitSignal(view.model.loaded, timeout=10_000):
            view.list.model.set_filters(filters=("open",))
        out = tmp_path / "open.csv"
        view.list.export_view(str(out))
        qtbot.waitUntil(out.exists, timeout=30_000)
        with Path(out).open(encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        assert rows[0][:3] == ["ID", "期限状況", "回答期限"]  # the columns, as labels
        assert len(rows) - 1 == view.model.total == 12  # the open requests only
        assert {r[rows[0].index("状況")] for r in rows[1:]} == {"受付"}  # labels, not codes
    finally:
        window.shutdown_for_lock()
