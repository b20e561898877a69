"""A save while another PrivacyDesk writes (a long import) waits, and says so.

The other writer is a second connection holding SQLite's write lock, released after a
moment from another thread; before, the save failed after the busy timeout.
"""

from __future__ import annotations

import threading

import desk
import sqlcipher3

from privacydesk.services import records


def _hold_the_write_lock(path, passphrase: str) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _release(conn: sqlcipher3.Connection) -> None:
    conn.execute("ROLLBACK")
    conn.close()


def test_a_save_waits_for_another_writer_with_a_message(qtbot, window, db, db_path,
                                                        passphrase):
    view = desk.show(qtbot, window, "subject_category")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name_ja="待っていた区分")
    other = _hold_the_write_lock(db_path, passphrase)
    shown: list[str] = []
    view.form.waiting.connect(shown.append)
    timer = threading.Timer(1.0, _release, args=(other,))
    timer.start()
    try:
        new_id = desk.save(qtbot, window, view)
    finally:
        timer.join()
    assert shown and shown[0].startswith("Waiting for another PrivacyDesk to finish writing")
    assert shown[-1] == ""  # cleared once saved
    assert window.statusBar().currentMessage() == ""
    assert records.get(db, "subject_category", new_id)["name_ja"] == "待っていた区分"
    assert not view.form.banner.isVisible()


def test_a_writer_that_never_finishes_is_named_and_nothing_is_saved(qtbot, window, db,
                                                                    db_path, passphrase,
                                                                    monkeypatch):
    from privacydesk.services import session

    real = session.patiently
    monkeypatch.setattr(session, "patiently",
                        lambda *a, **k: real(*a, **{**k, "patience": 0.5}))
    view = desk.show(qtbot, window, "subject_category")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name_ja="保存されない区分")
    before = records.count(db, "subject_category")
    other = _hold_the_write_lock(db_path, passphrase)
    try:
        desk.save_refused(qtbot, window, view)
    finally:
        _release(other)
    assert "still writing" in view.form.banner.text()
    assert records.count(db, "subject_category") == before


def test_the_window_names_another_process_and_a_damaged_file(qtbot, filled_db,
                                                             filled_path, passphrase,
                                                             tmp_path, monkeypatch):
    """passwd while another PrivacyDesk has the file open, and a backup of a damaged
    file: the window shows the messages of the command line, and the database stays."""
    from PySide6.QtWidgets import QMessageBox

    from privacydesk.services import session
    from privacydesk.ui.dialogs import maintenance
    from privacydesk.ui.workers import Jobs

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    other = session.open(filled_path, passphrase)  # as another process would hold it
    results: list = []
    try:
        maintenance.change_passphrase(filled_db, "a brand new passphrase",
                                      on_done=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    finally:
        other.close()
    assert results == [None]
    assert "open in another PrivacyDesk" in warnings[0] and "close it first" in warnings[0]
    assert records.count(filled_db, "request") > 0  # the handle still works

    with filled_db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE data_subject_request SET received_on = '2013-03-01garbage' WHERE id = 3")
    maintenance.backup_now(filled_db, Jobs(), path=str(tmp_path / "b.db"))
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=60_000)
    assert "is damaged" in warnings[1] and "restore a backup" in warnings[1]
    assert not (tmp_path / "b.db").exists()
