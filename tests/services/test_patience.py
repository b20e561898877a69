"""Writes wait for another process's write transaction instead of failing."""

from __future__ import annotations

import threading

import pytest
import sqlcipher3

from privacydesk.services import records, session


def _hold(path, passphrase):
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _release(conn):
    conn.execute("ROLLBACK")
    conn.close()


def test_a_write_waits_and_reports_while_another_process_writes(db, db_path, passphrase):
    other = _hold(db_path, passphrase)
    waited: list[float] = []
    timer = threading.Timer(0.8, _release, args=(other,))
    timer.start()
    try:
        new_id = session.patiently(
            db, lambda: records.create(db, "subject_category", {"name_ja": "patient"}),
            on_wait=waited.append)
    finally:
        timer.join()
    assert waited and waited == sorted(waited)
    assert records.get(db, "subject_category", new_id)["name_ja"] == "patient"


def test_patience_runs_out_and_nothing_is_written(db, db_path, passphrase):
    before = records.count(db, "subject_category")
    other = _hold(db_path, passphrase)
    try:
        with pytest.raises(session.Busy, match="still writing"):
            session.patiently(
                db, lambda: records.create(db, "subject_category", {"name_ja": "never"}),
                patience=0.3)
    finally:
        _release(other)
    assert records.count(db, "subject_category") == before


def test_a_cancel_stops_the_wait(db, db_path, passphrase):
    other = _hold(db_path, passphrase)
    try:
        with pytest.raises(session.Busy):
            session.patiently(db, lambda: None, cancelled=lambda: True)
    finally:
        _release(other)


def test_other_errors_are_not_retried(db):
    calls = []

    def fails():
        calls.append(1)
        raise records.ValidationError("subject_category", [])

    with pytest.raises(records.ValidationError):
        session.patiently(db, fails)
    assert calls == [1]
