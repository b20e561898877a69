"""The database file, its WAL and temporary files never hold plaintext."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from privacydesk.services import records
from privacydesk.store.database import (
    DatabaseExists,
    DatabaseNotFound,
    WeakPassphrase,
    WrongPassphrase,
    change_passphrase,
    create_database,
    open_database,
)
from privacydesk.store.verify import verify

MARKER = "PLAINTEXT-MARKER-7f3a"
MARKER_JA = "秘匿マーカー山田"


def _all_bytes(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


def _fingerprint(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.parent.iterdir()) if p.is_file()}


def test_no_plaintext_in_file_wal_or_temporary_files(db, db_path, make):
    for i in range(300):
        make("staff", name=f"{MARKER_JA} {i}", employee_no=f"M{i:04d}",
             role=f"{MARKER} role {i}", department="x" * 200)
    # a large sort without an index spills to temporary storage when it can
    with db.read() as conn:
        conn.exec_driver_sql("PRAGMA cache_size = 10")
        rows = conn.exec_driver_sql(
            "SELECT role FROM staff ORDER BY department || role DESC").fetchall()
        assert len(rows) == 300
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        files = _all_bytes(db_path.parent)
    assert db_path.name + "-wal" in files and len(files[db_path.name + "-wal"]) > 0
    for name, content in files.items():
        assert MARKER.encode() not in content, name
        assert MARKER_JA.encode("utf-8") not in content, name
        assert MARKER.encode("utf-16-le") not in content, name
    db.close()
    content = db_path.read_bytes()
    assert not content.startswith(b"SQLite format 3")
    assert MARKER.encode() not in content


def test_wrong_passphrase_leaves_file_byte_identical(db, db_path, make):
    make("staff")
    db.close()
    before = _fingerprint(db_path)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        open_database(db_path, "not the passphrase")
    assert _fingerprint(db_path) == before


def test_passphrase_change_then_old_fails_and_new_works(db, db_path, make, passphrase):
    staff_id = make("staff", name="再鍵テスト")
    new = change_passphrase(db, "a brand new passphrase")
    assert records.get(new, "staff", staff_id)["name"] == "再鍵テスト"
    new.close()
    with pytest.raises(WrongPassphrase):
        open_database(db_path, passphrase)
    reopened = open_database(db_path, "a brand new passphrase")
    assert records.get(reopened, "staff", staff_id)["name"] == "再鍵テスト"
    assert verify(reopened).ok
    reopened.close()
    leftovers = sorted(p.name for p in db_path.parent.iterdir())
    assert leftovers == [db_path.name]


def test_passphrase_change_rejects_weak_passphrase_and_keeps_old(db, db_path, passphrase):
    with pytest.raises(WeakPassphrase):
        change_passphrase(db, "short")
    db.close()
    open_database(db_path, passphrase).close()


def test_interrupted_rekey_leaves_the_old_file(db, db_path, passphrase, monkeypatch):
    import privacydesk.store.database as database

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(database.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        change_passphrase(db, "a brand new passphrase")
    monkeypatch.undo()
    open_database(db_path, passphrase).close()


def test_key_derivation_is_not_repeated_per_query(db, make, monkeypatch):
    make("staff")
    connects = []
    real = sqlcipher3.connect
    monkeypatch.setattr(sqlcipher3, "connect", lambda *a, **k: connects.append(a) or real(*a, **k))
    for _ in range(20):
        records.page(db, "staff", limit=5)
    assert connects == []


def test_missing_file_and_existing_file(tmp_path, passphrase):
    with pytest.raises(DatabaseNotFound, match="no database"):
        open_database(tmp_path / "absent.db", passphrase)
    assert not (tmp_path / "absent.db").exists()
    path = tmp_path / "x.db"
    path.write_bytes(b"hello")
    with pytest.raises(DatabaseExists):
        create_database(path, passphrase)
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase)
    assert path.read_bytes() == b"hello"


def test_weak_passphrase_creates_nothing(tmp_path):
    with pytest.raises(WeakPassphrase, match="at least 8"):
        create_database(tmp_path / "new.db", "short")
    assert list(tmp_path.iterdir()) == []


def test_cipher_is_sqlcipher_4(db):
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
