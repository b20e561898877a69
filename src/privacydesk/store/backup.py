"""Encrypted, verified backups and their restore.

A backup is a consistent copy of the database file under the same passphrase: its
encrypted bytes and its write-ahead log copied under one read transaction, the log then
folded in (`write_copy`), written to a temporary file beside the target, then opened
and verified like the original: the file, the encryption, the whole audit chain and
every row. Only then does it get its name, which it never
takes from another backup written at the same time. The copy holds the head of the
audit chain it contains (`audit_head`): `verify --against BACKUP` later confirms that
the database's trail still extends it.

A restore never touches the target until the backup has proved itself: it is copied
to a temporary file beside the target, opened with the passphrase (the key and the
schema), verified, and then renamed over the target in one step, keeping the target's
permissions. Without `force` an existing target is refused, and while another
PrivacyDesk has the target open the restore is refused (DatabaseInUse).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from privacydesk.store.database import (
    Database,
    DatabaseDamaged,
    DatabaseExists,
    DatabaseNotFound,
    NotADatabase,
    SchemaTooNew,
    StoreError,
    WrongPassphrase,
    _remove_with_sidecars,
    clean_leftovers,
    install_file,
    install_new,
    open_database,
    remove_sidecars,
    temp_beside,
    write_copy,
)
from privacydesk.store.lock import FileLock
from privacydesk.store.verify import VerifyReport, verify

Progress = Callable[[str, int, int], None]  # (phase, done, total), as verify


class BackupError(StoreError):
    """A backup or a restore whose copy failed verification; `problems` lists why."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


def backup(db: Database, out: str | os.PathLike, *, passphrase: str | None = None,
           progress: Progress | None = None) -> VerifyReport:
    """Write an encrypted copy of `db` to `out` (which must not exist) and verify it.

    The copy has the database's passphrase unless another one is given. Returns the
    report of the verification (`report.head` is the audit head the backup holds). If
    it found problems of the audit trail the copy is kept (it is a faithful copy of a
    database that has problems) and BackupError is raised; a damaged file (a page or a
    value that cannot be read) gives DatabaseDamaged and no backup.
    """
    out = Path(out)
    key = passphrase if passphrase is not None else db.passphrase
    if key is None:
        raise StoreError("The passphrase of the database is needed to write a backup.")
    if db.path is None:
        raise StoreError("Copies of a server database are made with the server's own tools.")
    if out.is_dir():
        raise DatabaseExists(f"{out} is a directory; name the backup file.")
    if out.exists():
        raise DatabaseExists(f"{out} already exists; choose another file.")
    say = progress or (lambda _phase, _done, _total: None)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out, ("part",), owner_gone=False)  # of backups killed half-way
    tmp = temp_beside(out, "part")
    try:
        phase = f"writing the copy to {out}"
        say(phase, 0, 1)
        write_copy(db, tmp, key, progress=lambda done, total: say(phase, done, total),
                   checked=False)  # verified below, every page and every row
        copy = open_database(tmp, key, migrate=False, lock=False)
        try:
            report = verify(copy, progress=progress)
        finally:
            copy.close()
        if report.damage:
            raise DatabaseDamaged(
                f"The database file {db.path} is damaged ({report.damage[0]}); run "
                "`privacydesk verify` and restore a backup. No backup was written.")
        remove_sidecars(tmp)
        install_new(tmp, out)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    if not report.ok:
        raise BackupError(
            f"The backup {out} was written but its verification found problems: "
            f"{report.problems[0]}", report.problems)
    return report


def restore(source: str | os.PathLike, target: str | os.PathLike, passphrase: str, *,
            force: bool = False, progress: Progress | None = None) -> VerifyReport:
    """Replace `target` by the backup `source`, after proving and verifying the backup.

    Raises DatabaseNotFound (no backup), DatabaseExists (target exists, no `force`),
    DatabaseInUse (another PrivacyDesk has the target open), WrongPassphrase,
    SchemaTooNew, DatabaseDamaged (the backup is damaged) or BackupError (the backup
    fails verification); in every one of these cases the target is untouched.
    """
    source, target = Path(source), Path(target)
    say = progress or (lambda _phase, _done, _total: None)
    if source.is_dir():
        raise DatabaseNotFound(f"{source} is a directory, not a backup file.")
    if not source.is_file():
        raise DatabaseNotFound(f"There is no backup at {source}.")
    if target.is_dir():
        raise DatabaseExists(f"{target} is a directory; name the database file.")
    if target.exists() and not force:
        raise DatabaseExists(
            f"{target} already exists; restore replaces it only when forced (--force).")
    if target.resolve() == source.resolve():
        raise DatabaseExists(f"{source} is the target itself; restore it to another file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(target)
    lock.exclusive("Nothing was restored.")
    try:
        clean_leftovers(target)  # ours to clean: no re-key or restore can be running
        return _restore(source, target, passphrase, say, progress)
    finally:
        lock.release()


def _restore(source: Path, target: Path, passphrase: str, say: Progress,
             progress: Progress | None) -> VerifyReport:
    tmp = temp_beside(target, "restore")
    try:
        say(f"copying {source}", 0, 1)
        shutil.copyfile(source, tmp)  # into the owner-only file
        try:
            copy = open_database(tmp, passphrase, migrate=False, lock=False)  # the key
        except WrongPassphrase:  # name the backup, not the temporary copy
            raise WrongPassphrase(
                f"Wrong passphrase for the backup {source}, or it is not a PrivacyDesk "
                "database.") from None
        except NotADatabase:
            raise NotADatabase(
                f"{source} is not a PrivacyDesk database (it has no schema version).") from None
        try:
            _check_schema(copy, source)
            report = verify(copy, progress=progress)
        finally:
            copy.close()
        if report.damage:
            raise DatabaseDamaged(
                f"The backup file {source} is damaged ({report.damage[0]}); nothing was "
                "restored. Run `privacydesk verify` on it and restore another backup.")
        if not report.ok:
            raise BackupError(
                f"The backup {source} fails verification and was not restored: "
                f"{report.problems[0]}", report.problems)
        install_file(tmp, target)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    say(f"restored {target}", 1, 1)
    return report


def _check_schema(db: Database, source: Path) -> None:
    """The backup's schema must be one this program knows; an older one is migrated (in
    the temporary copy: the backup file itself stays as it is)."""
    from privacydesk.store import migrations

    try:
        migrations.upgrade(db.engine, backup_of=None)
    except SchemaTooNew as exc:
        raise SchemaTooNew(f"The backup {source}: {exc}") from None
