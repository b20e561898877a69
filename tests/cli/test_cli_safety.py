"""Damage, permissions, temporary files and backups as anchors, through the command line.

Each test reproduces a failure once seen: a traceback on a value that does not decode,
world-readable files, copies left behind by an interrupted run, two backups to one
name, a trail rewritten with the passphrase that verified by itself.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest
import sqlcipher3

from privacydesk import cli
from privacydesk.services import records
from privacydesk.store import backup as store_backup
from privacydesk.store.audit import dumps, entry_hash
from privacydesk.store.database import (
    DatabaseDamaged,
    DatabaseExists,
    change_passphrase,
    create_database,
    open_database,
    temp_beside,
)
from privacydesk.store.verify import verify

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def _passphrase_env(monkeypatch, passphrase):
    monkeypatch.setenv(cli.ENV_PASSPHRASE, passphrase)
    monkeypatch.setattr(cli, "_interactive", lambda: False)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def damage_staff_pages(db_path: Path, passphrase: str) -> None:
    """Write 100 long staff rows, then overwrite bytes of the file's last 8 pages."""
    with open_database(db_path, passphrase) as db:
        for i in range(100):
            records.create(db, "staff", {"employee_no": f"D{i}", "name": "x" * 500})
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    for page in range(pages - 8, pages):
        data[page * 4096 + 100:page * 4096 + 200] = bytes(100)
    db_path.write_bytes(bytes(data))


def raw_execute(path: Path, passphrase: str, *statements: str) -> None:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


DAMAGED = "is damaged"
ADVICE = "verify` and restore a backup"


# --- damage -------------------------------------------------------------------------------


def _bad_date(db_path: Path, passphrase: str) -> int:
    with open_database(db_path, passphrase) as db:
        pid = records.page(db, "policy_version", limit=1, sort="id").rows[0]["id"]
    raw_execute(db_path, passphrase,
                f"UPDATE policy_version SET effective_from = '2013-03-01garbage' WHERE id = {pid}")
    return pid


def test_a_value_that_does_not_decode_is_a_finding(capsys, db_path, passphrase, tmp_path):
    pid = _bad_date(db_path, passphrase)
    raw_execute(db_path, passphrase,  # an audit `after` cut short
                "UPDATE audit_log SET after = substr(after, 1, 20) WHERE seq = 3")
    code, out, err = run(capsys, "verify", "--db", db_path)
    assert code == 1 and out == ""
    assert f"policy_version {pid}, column effective_from" in err
    assert "'2013-03-01garbage'" in err
    assert "audit entry 3" in err and "column after" in err
    assert "the database file is damaged" in err
    # the other checks went on: the chain names the cut entry as altered too
    assert "audit entry 3 (organization 1, insert) was altered" in err

    for argv in (["backup", "--out", tmp_path / "b.db"],
                 ["export", "policy_version"]):
        code, out, err = run(capsys, *argv, "--db", db_path)
        assert code == 2 and DAMAGED in err and ADVICE in err, (argv, err)
    assert not (tmp_path / "b.db").exists()
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_a_damaged_page_stops_backup_passwd_restore_and_export(capsys, db_path, passphrase,
                                                               tmp_path):
    good = tmp_path / "good.db"
    assert run(capsys, "backup", "--db", db_path, "--out", good)[0] == 0
    damage_staff_pages(db_path, passphrase)
    before = db_path.read_bytes()

    code, _, err = run(capsys, "verify", "--db", db_path)
    assert code == 1 and "damaged page" in err
    assert "HMAC" in err or "hmac" in err
    # the chain and the other tables were checked all the same
    assert "the staff rows cannot be read" in err

    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n")
    for argv in (["backup", "--out", tmp_path / "b.db"],
                 ["passwd", "--new-passphrase-file", new],
                 ["export", "staff"]):
        code, _, err = run(capsys, *argv, "--db", db_path)
        assert code == 2 and DAMAGED in err and ADVICE in err, (argv, err)
    assert db_path.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []

    # restoring the damaged file elsewhere is refused; a good backup restores over it
    code, _, err = run(capsys, "restore", "--from", db_path, "--db", tmp_path / "r.db")
    assert code == 2 and DAMAGED in err, err
    code, _, err = run(capsys, "restore", "--from", good, "--db", db_path, "--force")
    assert code == 0, err
    assert run(capsys, "verify", "--db", db_path)[0] == 0


def test_store_damage_is_an_error_of_its_own(db_path, passphrase, tmp_path):
    _bad_date(db_path, passphrase)
    with open_database(db_path, passphrase) as db:
        report = verify(db)
        assert report.damage and not report.ok
        with pytest.raises(DatabaseDamaged):
            store_backup.backup(db, tmp_path / "b.db")


# --- owner-only files -----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_database_wal_shm_backup_and_restore_are_owner_only(tmp_path, passphrase):
    old = os.umask(0o022)  # the usual umask, which made them 0644
    try:
        path = tmp_path / "p.db"
        db = create_database(path, passphrase)
        records.create(db, "subject_category", {"name_ja": "x"})
        assert _mode(path) == 0o600
        for side in ("-wal", "-shm"):
            assert _mode(path.with_name(path.name + side)) == 0o600
        out = tmp_path / "b.db"
        store_backup.backup(db, out)
        assert _mode(out) == 0o600
        db.close()
        fresh = tmp_path / "fresh.db"
        store_backup.restore(out, fresh, passphrase)
        assert _mode(fresh) == 0o600
    finally:
        os.umask(old)


@posix_only
def test_passwd_and_restore_keep_the_file_mode(db_path, passphrase, tmp_path):
    os.chmod(db_path, 0o600)
    with open_database(db_path, passphrase) as db:
        change_passphrase(db, "a brand new passphrase").close()
    assert _mode(db_path) == 0o600
    os.chmod(db_path, 0o640)  # the owner chose to share it with the group
    with open_database(db_path, "a brand new passphrase") as db:
        out = tmp_path / "b.db"
        store_backup.backup(db, out)
    store_backup.restore(out, db_path, "a brand new passphrase", force=True)
    assert _mode(db_path) == 0o640


# --- temporary files ------------------------------------------------------------------------


def test_leftovers_of_an_interrupted_rekey_or_restore_are_removed_at_the_next_open(
        capsys, db_path, passphrase):
    rekey = temp_beside(db_path, "rekey")
    rekey.write_bytes(b"x" * 4096)
    restore = temp_beside(db_path, "restore")
    (restore.parent / (restore.name + "-wal")).write_bytes(b"x")
    unrelated = db_path.with_name("notes.txt")
    unrelated.write_text("mine")
    code, _, err = run(capsys, "verify", "--db", db_path)
    assert code == 0, err
    assert "removed" in err and rekey.name in err
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["notes.txt", "privacy.db"]


def test_temporary_names_are_unique_and_owner_only(db_path):
    a, b = temp_beside(db_path, "part"), temp_beside(db_path, "part")
    assert a != b and a.name.startswith(f".{db_path.name}.{os.getpid()}.")
    if sys.platform != "win32":
        assert _mode(a) == 0o600


def test_a_failed_rekey_leaves_no_copy(db, db_path, monkeypatch):
    from privacydesk.store import database

    def fail(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database, "check_copy", fail)
    with pytest.raises(OSError):
        change_passphrase(db, "a brand new passphrase")
    assert sorted(p.name for p in db_path.parent.iterdir()
                  if not p.name.endswith(("-wal", "-shm", ".lock"))) == ["privacy.db"]


def test_two_backups_to_one_name_one_wins_and_the_target_is_valid(db_path, passphrase,
                                                                  tmp_path):
    out = tmp_path / "backups" / "same.db"
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def one() -> None:
        db = open_database(db_path, passphrase)
        try:
            start.wait()
            outcomes.append(store_backup.backup(db, out).ok)
        except DatabaseExists as exc:
            outcomes.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(True) == 1, outcomes
    assert sum(isinstance(o, DatabaseExists) for o in outcomes) == 1
    with open_database(out, passphrase, migrate=False) as copy:
        assert verify(copy).ok
    assert sorted(p.name for p in out.parent.iterdir()) == ["same.db"]


# --- verify --against BACKUP ----------------------------------------------------------------


def _rewrite_chain(path: Path, passphrase: str, seq: int, officer: str) -> None:
    """What someone with the passphrase can do: change an entry and recompute every hash."""
    conn = sqlcipher3.connect(str(path))
    conn.row_factory = sqlcipher3.Row
    try:
        conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        conn.execute("UPDATE audit_log SET officer = ? WHERE seq = ?", (officer, seq))
        prev = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq - 1,)
                            ).fetchone()[0]
        for entry in conn.execute("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq",
                                  (seq,)).fetchall():
            entry = dict(entry)
            entry["prev_hash"] = prev
            h = entry_hash(prev, entry)
            conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                         (prev, h, entry["seq"]))
            prev = h
        conn.execute("UPDATE audit_head SET hash = ?", (prev,))
        conn.commit()
    finally:
        conn.close()


def test_verify_against_a_backup_finds_a_rewrite_and_a_rollback(capsys, db_path, passphrase,
                                                                  tmp_path):
    out = tmp_path / "b.db"
    code, _, err = run(capsys, "backup", "--db", db_path, "--out", out)
    assert code == 0 and "Its audit head:" in err
    head = err.split("Its audit head:")[1].split()[0]
    with open_database(db_path, passphrase) as db:  # life goes on after the backup
        records.create(db, "subject_category", {"name_ja": "later"})
    code, text, err = run(capsys, "verify", "--db", db_path, "--against", out)
    assert code == 0 and "extends the backup" in text, err
    code, _, err = run(capsys, "verify", "--db", db_path, "--anchor", head)
    assert code == 0, err

    rewritten = tmp_path / "rewritten.db"
    rewritten.write_bytes(db_path.read_bytes())
    _rewrite_chain(rewritten, passphrase, 4, "someone else")
    assert run(capsys, "verify", "--db", rewritten)[0] == 0  # consistent by itself
    code, _, err = run(capsys, "verify", "--db", rewritten, "--against", out)
    assert code == 1 and "audit entry 4 is not the one the backup b.db holds" in err
    assert "rewritten since the backup" in err

    rolled = tmp_path / "rolled.db"
    code, _, err = run(capsys, "backup", "--db", db_path, "--out", tmp_path / "b2.db")
    assert code == 0, err
    rolled.write_bytes(out.read_bytes())  # an older copy put back in place
    code, _, err = run(capsys, "verify", "--db", rolled, "--against", tmp_path / "b2.db")
    assert code == 1 and "rolled back" in err
    assert dumps  # the canonical JSON helper is what the hashes are made of


def test_a_backup_made_while_another_handle_writes_verifies(db_path, passphrase, tmp_path):
    """The copy is of one moment (or a later commit), never a mixture, although the
    database is written to all along."""
    writer = open_database(db_path, passphrase)
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        while not stop.is_set():
            written.append(records.create(writer, "subject_category",
                                          {"name_ja": f"during the backup {len(written)}"}))

    thread = threading.Thread(target=write)
    thread.start()
    try:
        with open_database(db_path, passphrase) as db:
            for i in range(3):
                report = store_backup.backup(db, tmp_path / f"b{i}.db")
                assert report.ok
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert written
    for i in range(3):
        with open_database(tmp_path / f"b{i}.db", passphrase, migrate=False) as copy:
            assert verify(copy).ok


def test_a_fault_of_the_program_is_not_called_damage(capsys, db_path, monkeypatch):
    """Only a value that fails to decode while a row is read means a damaged file; a
    ValueError anywhere else is a fault of the program and is not blamed on the file."""
    def broken(args):
        raise ValueError("a mistake in the program")
    monkeypatch.setattr(cli, "cmd_due", broken)
    with pytest.raises(ValueError, match="a mistake in the program"):
        cli.main(["due", "--db", str(db_path)])
    assert "damaged" not in capsys.readouterr().err


def test_export_due_and_import_say_so_when_a_page_they_do_not_read_is_damaged(
        capsys, db_path, passphrase, tmp_path):
    """Damage in the staff table: an export of purposes, the duty list and an import of
    subject categories read none of it, and still say the file is damaged."""
    damage_staff_pages(db_path, passphrase)
    before = db_path.read_bytes()
    file = tmp_path / "subjects.csv"
    file.write_text("name_ja\n株主\n", encoding="utf-8")
    for argv in (["export", "purpose", "--out", tmp_path / "purposes.csv"], ["due"],
                 ["import", "subject_category", file]):
        code, _, err = run(capsys, *argv, "--db", db_path)
        assert code == 2 and DAMAGED in err and ADVICE in err, (argv, err)
    assert db_path.read_bytes() == before
