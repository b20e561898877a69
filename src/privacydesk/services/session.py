"""Opening a database: the one way in for the window and the command line.

Opening, creating, filling with demo data, backing up, verifying and re-keying a
database are use cases here. Each returns or takes the handle of an open database
(a `Database`), which the caller keeps and passes to the other services; nothing above
the services needs to know how the file is encrypted or where the engine comes from.

The passphrase is held by the handle as a `Secret`: it appears in no repr, log line or
exception text.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from privacydesk.store import backup as store_backup
from privacydesk.store import database as store
from privacydesk.store import verify as store_verify
from privacydesk.store.backup import BackupError
from privacydesk.store.database import (
    MIN_PASSPHRASE_LENGTH,
    Database,
    DatabaseDamaged,
    DatabaseExists,
    DatabaseInUse,
    DatabaseNotFound,
    NotADatabase,
    SchemaTooNew,
    StoreError,
    WeakPassphrase,
    WrongPassphrase,
)
from privacydesk.store.server import NotPermitted

__all__ = [
    "DEMO_OFFICER",
    "DEMO_PASSPHRASE",
    "MIN_PASSPHRASE_LENGTH",
    "BackupError",
    "Busy",
    "Cancelled",
    "Database",
    "DatabaseDamaged",
    "DatabaseExists",
    "DatabaseInUse",
    "DatabaseNotFound",
    "NotADatabase",
    "NotPermitted",
    "SchemaTooNew",
    "StoreError",
    "VerifyResult",
    "WeakPassphrase",
    "WrongPassphrase",
    "backup",
    "change_passphrase",
    "check_passphrase",
    "close",
    "create",
    "default_demo_path",
    "default_path",
    "describe",
    "fill_demo",
    "open",
    "open_demo",
    "patiently",
    "verify",
]

# The demo database holds invented records only; its passphrase is published (README,
# the unlock window), so the demo can be reopened after locking or another day.
DEMO_PASSPHRASE = "privacydesk-demo"
DEMO_OFFICER = "Demo Officer"

Progress = Callable[[str, int, int], None]  # (phase, done, total)


class Cancelled(Exception):
    """The user cancelled a long job; nothing of it was kept."""


class Busy(StoreError):
    """Another PrivacyDesk kept writing longer than the caller would wait."""


T = TypeVar("T")
WAITING = "waiting for another PrivacyDesk to finish writing…"


def patiently(db: Database, write: Callable[[], T], *,
              on_wait: Callable[[float], None] | None = None, patience: float = 600.0,
              cancelled: Callable[[], bool] | None = None, pause: float = 0.25) -> T:
    """Run `write` (one transaction of the services) once no other process is writing.

    While another PrivacyDesk holds the write lock (a long import), `on_wait(seconds
    waited)` is called every `pause` and the write waits, instead of failing after
    SQLite's busy timeout; a write refused as busy all the same (the other process
    began between the look and the write) is tried again. A write lands once or not
    at all: a refused transaction wrote nothing. Raises Busy after `patience` seconds
    or when `cancelled()` turns true.
    """
    start = time.monotonic()

    def wait() -> None:
        waited = time.monotonic() - start
        if waited >= patience or (cancelled is not None and cancelled()):
            raise Busy(f"Another PrivacyDesk is still writing to {describe(db)} after "
                       f"{waited:.0f} s; nothing was saved. Try again when it has finished.")
        if on_wait is not None:
            on_wait(waited)
        time.sleep(pause)

    while True:
        while store.writer_busy(db):
            wait()
        try:
            return write()
        except Exception as exc:
            if not store.is_busy(exc):
                raise
            wait()


def default_path() -> Path:
    """The default database of this user (created on first use by the window)."""
    return store.default_database_path()


def default_demo_path() -> Path:
    return default_path().parent / "demo" / "privacydesk-demo.db"


def check_passphrase(passphrase: str) -> None:
    """WeakPassphrase when a new passphrase is too short."""
    store.check_passphrase_strength(passphrase)


def open(path: str | os.PathLike, passphrase: str) -> Database:
    """Open (and migrate) an existing database. Raises DatabaseNotFound, WrongPassphrase
    (the file is left byte-identical), NotADatabase, SchemaTooNew or StoreError."""
    return store.open_database(Path(path).expanduser(), passphrase)


def create(path: str | os.PathLike, passphrase: str, *, officer: str = "",
           language: str | None = None) -> Database:
    """Create a new encrypted database with the built-in catalog; nothing is left behind
    when it fails."""
    from privacydesk.services import settings

    path = Path(path).expanduser()
    db = store.create_database(path, passphrase, officer=officer)
    try:  # the officer's name is seeded with the catalog
        if language is not None:
            settings.put(db, "language", language)
    except BaseException:
        _discard(db)
        raise
    return db


def fill_demo(db: Database, *, size: str = "small", seed: int = 1,
              progress: Progress | None = None) -> dict[str, int]:
    """Fill a database with the synthetic demo records; returns the rows per entity."""
    from privacydesk.services import demo

    return demo.fill(db, size=size, seed=seed, progress=progress)


def open_demo(path: str | os.PathLike | None = None, *, language: str | None = None,
              size: str = "small", progress: Progress | None = None) -> Database:
    """Open the demo database, creating and filling it first when it does not exist."""
    path = Path(path).expanduser() if path is not None else default_demo_path()
    if path.is_file():
        return open(path, DEMO_PASSPHRASE)
    db = create(path, DEMO_PASSPHRASE, officer=DEMO_OFFICER, language=language)
    try:
        fill_demo(db, size=size, seed=1, progress=progress)
    except BaseException:
        _discard(db)
        raise
    return db


def _discard(db: Database) -> None:
    """Close a database made moments ago and remove its files."""
    path = db.path
    db.close()
    if path is not None:
        for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


def close(db: Database) -> None:
    db.close()


def describe(db: Database) -> str:
    """What is open, for a title bar or a status line: the file name, or the server
    with the login (`officer@db.example.co.jp/privacydesk`)."""
    if db.path is not None:
        return db.path.name
    url = db.engine.url
    where = f"{url.host}/{url.database}" if url.host else str(url.database or "server")
    return f"{url.username}@{where}" if url.username else where


def location(db: Database) -> str:
    """The full path of a database file, or the server URL without its password."""
    if db.path is not None:
        return str(db.path)
    return db.engine.url.render_as_string(hide_password=True)


def change_passphrase(db: Database, new_passphrase: str) -> Database:
    """Re-encrypt under a new passphrase (atomically); returns the reopened handle.
    `db` is closed."""
    return store.change_passphrase(db, new_passphrase)


def backup(db: Database, out: str | os.PathLike, *,
           progress: Callable[[str], None] | None = None) -> store_verify.VerifyReport:
    """An encrypted, verified copy under the same passphrase; BackupError when it fails."""
    return store_backup.backup(db, out, progress=progress)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    problems: tuple[str, ...]
    entries: int
    rows: int


def verify(db: Database, *, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> VerifyResult:
    """File, encryption, the audit chain and every row against it.

    ``progress(phase, done, total)`` is called as the check advances; when
    ``cancelled()`` turns true the check stops with `Cancelled`.
    """
    def step(phase: str, done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("verification cancelled")
        if progress is not None:
            progress(phase, done, total)

    report = store_verify.verify(db, progress=step)
    return VerifyResult(report.ok, tuple(report.problems), report.entries, report.rows)


def check_pages(db: Database):
    """Start checking every page of a database file beside the work of a command (None
    for a server database); `finish()` raises DatabaseDamaged when a page fails,
    `stop()` gives up. Commands that read only some pages (export, due) report damage
    elsewhere in the file instead of passing over it."""
    return store_verify.check_pages(db)
