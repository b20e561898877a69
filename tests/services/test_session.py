"""Opening a database through the session service; the passphrase never shows."""

from __future__ import annotations

import logging
import pickle
import traceback

import pytest

from privacydesk.services import session, settings


def test_the_passphrase_is_in_no_repr_log_or_exception(db_path, passphrase, caplog):
    caplog.set_level(logging.DEBUG)
    db = session.open(db_path, passphrase)
    try:
        assert passphrase not in repr(db)
        assert passphrase not in str(db.__dict__)
        assert passphrase not in repr(db.secret)
        with pytest.raises(TypeError):
            pickle.dumps(db.secret)
        assert db.passphrase == passphrase  # still there for backups and re-keying
    finally:
        db.close()
    with pytest.raises(session.WrongPassphrase) as caught:
        session.open(db_path, "not " + passphrase)
    text = "".join(traceback.format_exception(caught.value))
    assert "not " + passphrase not in text
    assert passphrase not in caplog.text


def test_create_open_and_demo(tmp_path):
    path = tmp_path / "new.db"
    with pytest.raises(session.WeakPassphrase):
        session.create(path, "short")
    assert not path.exists()
    db = session.create(path, "a long enough passphrase", officer="佐藤", language="en")
    try:
        assert settings.get(db, "language") == "en"
        assert db.officer == "佐藤"
        assert session.describe(db) == "new.db"
        assert session.location(db) == str(path)
    finally:
        db.close()
    with pytest.raises(session.DatabaseExists):
        session.create(path, "a long enough passphrase")
    demo = session.open_demo(tmp_path / "demo" / "demo.db", language="ja")
    try:
        assert settings.get(demo, "language") == "ja"
    finally:
        demo.close()
    again = session.open(tmp_path / "demo" / "demo.db", session.DEMO_PASSPHRASE)
    again.close()


def test_verify_reports_progress_and_can_be_cancelled(db):
    seen: list[tuple[str, int, int]] = []
    result = session.verify(db, progress=lambda *a: seen.append(a))
    assert result.ok and result.entries > 0
    assert seen[-1][1] == seen[-1][2]  # done == total at the end
    assert all(done <= total for _p, done, total in seen)
    with pytest.raises(session.Cancelled):
        session.verify(db, cancelled=lambda: True)
