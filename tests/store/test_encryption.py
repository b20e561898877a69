"""The database file, its WAL and temporary files never hold plaintext."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from privacydesk.services import records
from privacydesk.store import backup
from privacydesk.store.database import (
    DatabaseExists,
    DatabaseNotFound,
    NotADatabase,
    StoreError,
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


def test_rekey_that_cannot_replace_the_file_leaves_no_copy(db, db_path, passphrase,
                                                           monkeypatch):
    import privacydesk.store.database as database

    real = database.os.replace

    def replace(src, dst):
        if Path(dst) == db_path:  # the new copy is written; putting it in place fails
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(database.os, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        change_passphrase(db, "a brand new passphrase")
    monkeypatch.undo()
    open_database(db_path, passphrase).close()
    assert not [p.name for p in db_path.parent.iterdir() if ".rekey" in p.name]


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


def test_a_locked_file_is_not_called_a_wrong_passphrase(db, db_path, passphrase, monkeypatch):
    import privacydesk.store.database as database

    db.close()
    holder = sqlcipher3.connect(str(db_path), isolation_level=None)
    try:
        holder.execute(f"PRAGMA key = '{passphrase}'")
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
        with pytest.raises(StoreError, match="locked") as caught:
            open_database(db_path, passphrase)
        assert not isinstance(caught.value, WrongPassphrase)
        assert str(db_path) in str(caught.value)
    finally:
        holder.close()


def test_an_encrypted_file_without_our_schema_is_refused_untouched(tmp_path, passphrase):
    other = tmp_path / "other.db"
    conn = sqlcipher3.connect(str(other))
    conn.execute(f"PRAGMA key = '{passphrase}'")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = _fingerprint(other)
    with pytest.raises(NotADatabase, match="not a PrivacyDesk database") as caught:
        open_database(other, passphrase)  # would otherwise add our schema to it
    assert str(other) in str(caught.value)
    assert _fingerprint(other) == before
    with pytest.raises(NotADatabase) as caught:
        backup.restore(other, tmp_path / "restored.db", passphrase)
    assert str(other) in str(caught.value)  # the backup is named, not a temporary copy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
