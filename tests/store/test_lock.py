"""One file, many processes: nobody replaces a database another PrivacyDesk has open.

The second process is a real one (a subprocess), because the locks are the operating
system's and a process that dies releases them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from privacydesk.services import records
from privacydesk.store import backup as store_backup
from privacydesk.store.database import (
    DatabaseInUse,
    change_passphrase,
    open_database,
)
from privacydesk.store.lock import FileLock, lock_path
from privacydesk.store.verify import verify

HOLDER = textwrap.dedent("""
    import sys
    from privacydesk.services import records
    from privacydesk.store.database import open_database

    db = open_database(sys.argv[1], sys.argv[2])
    records.create(db, "subject_category", {"name_ja": "written by the other process"})
    print("ready", flush=True)
    sys.stdin.readline()  # hold the database open until told
    records.create(db, "subject_category", {"name_ja": "written after the refusal"})
    db.close()
    print("closed", flush=True)
""")


class Holder:
    """Another PrivacyDesk process with the database open."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), passphrase],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"

    def finish(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "closed"
        assert self.proc.wait(timeout=60) == 0

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=60)
        self.proc.stdin.close()
        self.proc.stdout.close()


def _names(db) -> set[str]:
    return {r["name_ja"] for r in records.iterate(db, "subject_category")}


def test_passwd_is_refused_while_another_process_has_the_file_open(db_path, passphrase):
    holder = Holder(db_path, passphrase)
    try:
        db = open_database(db_path, passphrase)
        with pytest.raises(DatabaseInUse) as caught:
            change_passphrase(db, "a brand new passphrase")
        message = str(caught.value)
        assert "open in another PrivacyDesk" in message and "close it first" in message
        assert f"pid {holder.proc.pid}" in message
        # nothing changed: this handle still works, the old passphrase still opens
        records.create(db, "subject_category", {"name_ja": "written here"})
        db.close()
        holder.finish()
    finally:
        holder.kill()
    with open_database(db_path, passphrase) as db:  # every row of both processes is there
        assert {"written by the other process", "written after the refusal",
                "written here"} <= _names(db)
        assert verify(db).ok
        new = change_passphrase(db, "a brand new passphrase")  # alone now: allowed
    with new:
        assert "written after the refusal" in _names(new)
    assert not lock_path(db_path).exists()  # the last to close removes the lock file


def test_restore_force_is_refused_while_the_target_is_open(tmp_path, db, db_path, passphrase):
    out = tmp_path / "b.db"
    store_backup.backup(db, out)
    db.close()
    holder = Holder(db_path, passphrase)
    try:
        with pytest.raises(DatabaseInUse, match="open in another PrivacyDesk"):
            store_backup.restore(out, db_path, passphrase, force=True)
        holder.finish()
    finally:
        holder.kill()
    with open_database(db_path, passphrase) as db:
        assert "written after the refusal" in _names(db)
    store_backup.restore(out, db_path, passphrase, force=True)  # nobody has it open now
    with open_database(db_path, passphrase) as db:
        assert "written by the other process" not in _names(db)


def test_a_killed_process_releases_its_lock(db_path, passphrase):
    holder = Holder(db_path, passphrase)
    holder.kill()  # SIGKILL: no clean-up ran
    with open_database(db_path, passphrase) as db:
        new = change_passphrase(db, "a brand new passphrase")
    new.close()


def test_two_handles_of_one_process_count_as_two(db_path, passphrase):
    first = open_database(db_path, passphrase)
    second = open_database(db_path, passphrase)
    with pytest.raises(DatabaseInUse):
        change_passphrase(second, "a brand new passphrase")
    first.close()
    change_passphrase(second, "a brand new passphrase").close()


def test_a_folder_without_a_lock_file_still_opens_and_says_so(db_path, passphrase,
                                                              monkeypatch):
    real_open = os.open

    def refuse_lock_files(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock_files)
    with open_database(db_path, passphrase) as db:
        assert records.count(db, "purpose") > 0
        assert any("no lock file" in n for n in db.notes)
        assert db.lock is not None and not db.lock.held


def test_the_lock_file_names_its_holder(db_path, passphrase):
    with open_database(db_path, passphrase):
        lock = FileLock(db_path)
        assert f"pid {os.getpid()}" in lock.holder()
