"""Encrypted, verified backups and their restore.

A backup is a consistent copy of the database file written by SQLCipher under the same
passphrase (`export_copy`), then opened and verified like the original: the file, the
encryption and the whole audit chain.

A restore never touches the target until the backup has proved itself: it is copied
to a temporary file beside the target, opened with the passphrase (the key and the
schema), verified, and then renamed over the target in one step. Without `force` an
existing target is refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from privacydesk.store.database import (
    Database,
    DatabaseExists,
    DatabaseNotFound,
    NotADatabase,
    SchemaTooNew,
    StoreError,
    WrongPassphrase,
    _remove_with_sidecars,
    export_copy,
    install_file,
    open_database,
    remove_sidecars,
)
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
    report of the verification; if it found problems the copy is kept (it is a faithful
    copy of a database that has problems) and BackupError is raised.
    """
    out = Path(out)
    key = passphrase if passphrase is not None else db.passphrase
    if key is None:
        raise StoreError("The passphrase of the database is needed to write a backup.")
    if out.is_dir():
        raise DatabaseExists(f"{out} is a directory; name the backup file.")
    say = progress or (lambda _phase, _done, _total: None)
    say(f"writing the copy to {out}", 0, 1)
    export_copy(db, out, key)
    copy = open_database(out, key, migrate=False)
    try:
        report = verify(copy, progress=progress)
    finally:
        copy.close()
    remove_sidecars(out)
    if not report.ok:
        raise BackupError(
            f"The backup {out} was written but its verification found problems: "
            f"{report.problems[0]}", report.problems)
    return report


def restore(source: str | os.PathLike, target: str | os.PathLike, passphrase: str, *,
            force: bool = False, progress: Progress | None = None) -> VerifyReport:
    """Replace `target` by the backup `source`, after proving and verifying the backup.

    Raises DatabaseNotFound (no backup), DatabaseExists (target exists, no `force`),
    WrongPassphrase, SchemaTooNew, or BackupError (the backup fails verification); in
    every one of these cases the target is untouched.
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
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".restore",
                                dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        say(f"copying {source}", 0, 1)
        shutil.copyfile(source, tmp)
        try:
            copy = open_database(tmp, passphrase, migrate=False)  # proves the key
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
