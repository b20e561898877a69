"""Opening, creating and re-keying the encrypted database.

The database is one SQLCipher 4 file. SQLAlchemy reaches it through a `creator` that
opens a sqlcipher3 connection and sets the key; the pool keeps connections open, so the
key derivation (PBKDF2, about 0.1 s) runs once per connection and not once per query.
Temporary tables and indices stay in memory (`temp_store = MEMORY`); the WAL holds
encrypted pages only.

Everything SQLite-specific lives in this module. `Database` itself only holds an
engine, so the same services run on a PostgreSQL engine (see `connect_url`).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

APP_NAME = "PrivacyDesk"
DEFAULT_FILENAME = "privacy.db"
MIN_PASSPHRASE_LENGTH = 8
BUSY_TIMEOUT_MS = 10_000  # how long a connection waits for another writer


class StoreError(Exception):
    """An error the user can cause or fix; the message says what and where."""


class DatabaseNotFound(StoreError):
    pass


class DatabaseExists(StoreError):
    pass


class WrongPassphrase(StoreError):
    pass


class NotADatabase(StoreError):
    pass


class SchemaTooNew(StoreError):
    pass


class WeakPassphrase(StoreError):
    pass


def default_database_path() -> Path:
    """The default database: the user data directory of the platform."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILENAME


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            f"The passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters."
        )


def _raw_connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
    """Open a sqlcipher3 connection, set the key and prove it is the right one.

    Only a page that does not decrypt means a wrong passphrase; a file that is locked by
    another program or cannot be read (OperationalError) is reported as such.
    """
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlcipher3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}.") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # before the first read, so that proving the key waits for a busy file too
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute(f"PRAGMA key = {_quote(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages
    except sqlcipher3.OperationalError as exc:  # locked, unreadable: not the passphrase
        conn.close()
        raise StoreError(f"Cannot open {path}: {exc}.") from exc
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise WrongPassphrase(
            f"Wrong passphrase for {path}, or the file is not a PrivacyDesk database."
        ) from exc
    return conn


class Secret:
    """A passphrase that never shows itself in a repr, a log line or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self):  # never pickled into a file or another process
        raise TypeError("a passphrase cannot be pickled")


@dataclass(repr=False)
class Database:
    """An open database: an engine and who is working on it.

    Services receive a Database and never a global. `path` is None for a server
    database. The passphrase is kept (as a `Secret`) for backups and re-keying only.
    """

    engine: Engine
    path: Path | None = None
    officer: str = ""
    os_user: str = ""
    secret: Secret | None = None

    def __repr__(self) -> str:
        where = str(self.path) if self.path is not None else self.engine.url.render_as_string(
            hide_password=True)
        return f"Database({where!r}, officer={self.officer!r})"

    @property
    def passphrase(self) -> str | None:
        return self.secret.reveal() if self.secret is not None else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        if self.path is not None:
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlcipher_engine(
    path: Path, passphrase: str, first: sqlcipher3.Connection | None = None
) -> Engine:
    ready = [first] if first is not None else []

    def creator() -> sqlcipher3.Connection:
        # the connection that proved the passphrase is reused: one key derivation less
        return ready.pop() if ready else _raw_connect(path, passphrase)

    engine = sa.create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=creator,
        pool_size=4,
        max_overflow=4,
        poolclass=sa.pool.QueuePool,
    )

    # pysqlite's own transaction handling is off (isolation_level=None): SQLAlchemy
    # emits BEGIN itself, so transactions and savepoints behave as documented.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return os.environ.get("USERNAME", "unknown")


def _attach(engine: Engine, path: Path | None, passphrase: str | None) -> Database:
    db = Database(engine=engine, path=path, os_user=_os_user(),
                  secret=Secret(passphrase) if passphrase is not None else None)
    from privacydesk.store import settings  # the settings live in the database

    db.officer = settings.read(db, "officer_name") or ""
    return db


def open_database(path: str | os.PathLike, passphrase: str, *, migrate: bool = True) -> Database:
    """Open an existing encrypted database, migrating it to the current schema.

    Raises DatabaseNotFound, WrongPassphrase (the file is left byte-identical),
    NotADatabase (an encrypted file without a PrivacyDesk schema: left as it is) or
    SchemaTooNew.
    """
    from privacydesk.store import migrations

    path = Path(path)
    if not path.is_file():
        raise DatabaseNotFound(f"There is no database at {path}.")
    conn = _raw_connect(path, passphrase)  # fails here, before anything is written
    engine = _sqlcipher_engine(path, passphrase, first=conn)
    try:
        if migrations.current_revision(engine) is None:
            raise NotADatabase(f"{path} is not a PrivacyDesk database (it has no schema "
                               "version).")
        if migrate:
            try:
                migrations.upgrade(engine, backup_of=path)
            except SchemaTooNew as exc:
                raise SchemaTooNew(f"{path}: {exc}") from None
        return _attach(engine, path, passphrase)
    except BaseException:
        engine.dispose()
        raise


def create_database(
    path: str | os.PathLike, passphrase: str, *, seed: bool = True, officer: str = ""
) -> Database:
    """Create a new encrypted database with the current schema and the built-in catalog."""
    from privacydesk.store import migrations
    from privacydesk.store import seed as seeding

    path = Path(path)
    if path.exists():
        raise DatabaseExists(f"{path} already exists; choose another file.")
    check_passphrase_strength(passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _sqlcipher_engine(path, passphrase)
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        try:
            conn.execute(f"PRAGMA key = {_quote(passphrase)}")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        migrations.upgrade(engine, backup_of=None)
        db = _attach(engine, path, passphrase)
        db.officer = officer
        if seed:
            seeding.seed_catalog(db, officer=officer)
    except BaseException:
        engine.dispose()
        _remove_with_sidecars(path)
        raise
    return db


def connect_url(url: str) -> Database:
    """A server database (PostgreSQL) by SQLAlchemy URL; migrated like a file."""
    from privacydesk.store import migrations

    engine = sa.create_engine(url)
    try:
        migrations.upgrade(engine, backup_of=None)
        return _attach(engine, None, None)
    except BaseException:
        engine.dispose()
        raise


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def _remove_with_sidecars(path: Path) -> None:
    remove_sidecars(path)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_sidecars(path: Path) -> None:
    """Remove the -wal, -shm and -journal files of a closed database."""
    for p in _sidecars(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def install_file(staged: Path, target: Path) -> None:
    """Put a complete, closed database file in place of `target` in one rename.

    The staged file is flushed to disk first, and the target's stale WAL is removed so
    it can never be replayed into the new file. A crash leaves the old or the new file.
    """
    remove_sidecars(staged)
    with open(staged, "rb+") as f:
        os.fsync(f.fileno())
    remove_sidecars(target)
    os.replace(staged, target)
    with contextlib.suppress(OSError):  # directories cannot be opened on Windows
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def export_copy(db: Database, out: Path, passphrase: str) -> None:
    """Write a consistent encrypted copy of `db` to `out` (which must not exist)."""
    if db.path is None:
        raise StoreError("Copies of a server database are made with the server's own tools.")
    if out.exists():
        raise DatabaseExists(f"{out} already exists; choose another file.")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    _remove_with_sidecars(tmp)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            raw.execute("ATTACH DATABASE ? AS copy KEY ?", (str(tmp), passphrase))
            try:
                raw.execute("SELECT sqlcipher_export('copy')")
            finally:
                raw.execute("DETACH DATABASE copy")
        check = _raw_connect(tmp, passphrase)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
            check.execute("PRAGMA journal_mode = WAL")
        finally:
            check.close()
        if result != "ok":
            raise StoreError(f"The copy written to {tmp} failed its integrity check: {result}")
        install_file(tmp, out)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise


def change_passphrase(db: Database, new_passphrase: str) -> Database:
    """Re-encrypt the database under a new passphrase, atomically.

    A complete copy is written under the new key and verified; then it replaces the
    file in one rename. A crash at any point leaves either the old file (old key) or the
    new one (new key), never a mixture. Returns the database reopened with the new key;
    `db` is closed.
    """
    if db.path is None:
        raise StoreError("The passphrase protects local database files only.")
    check_passphrase_strength(new_passphrase)
    path = db.path
    staged = path.with_name(path.name + ".rekey")
    _remove_with_sidecars(staged)
    export_copy(db, staged, new_passphrase)
    officer = db.officer
    db.close()
    try:
        install_file(staged, path)
    except BaseException:
        _remove_with_sidecars(staged)  # the old file stays, with the old key
        raise
    new = open_database(path, new_passphrase, migrate=False)
    new.officer = officer or new.officer
    return new
