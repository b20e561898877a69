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
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from privacydesk.store.lock import FileLock

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


class DatabaseInUse(StoreError):
    """Another PrivacyDesk process has the file open (or is replacing it)."""


class DatabaseDamaged(StoreError):
    """A page does not decrypt or a structure is broken: the file itself is damaged."""


def damaged(path: Path | str | None, detail: object = "") -> DatabaseDamaged:
    what = f" ({detail})" if detail else ""
    return DatabaseDamaged(
        f"The database file {path} is damaged{what}; run `privacydesk verify` and "
        "restore a backup.")


_DAMAGE = re.compile(r"malformed|corrupt|not a database|hmac|integrity", re.I)


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means another connection holds the write lock."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlcipher3.OperationalError) and (
        "locked" in str(orig) or "busy" in str(orig))


def writer_busy(db: Database) -> bool:
    """Whether another connection (another PrivacyDesk: a long import) holds the write
    lock of a database file right now. Asks without waiting: BEGIN IMMEDIATE with no
    busy timeout, rolled back at once. Always False for a server database."""
    if db.path is None:
        return False
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
            return False
        except sqlcipher3.OperationalError as exc:
            if is_busy(exc):
                return True
            raise
        finally:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def is_damage(exc: BaseException) -> bool:
    """Whether a database error means a damaged file (not a lock, a full disk, ...)."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlcipher3.DatabaseError) and bool(_DAMAGE.search(str(orig)))


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
    lock: FileLock | None = None  # held (shared) while the file is open
    notes: list[str] = field(default_factory=list)  # what the user should know of it
    # a server login's PrivacyDesk roles (officer, auditor, manager) and a manager's
    # departments; empty for a file and for the server database's owner
    roles: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()

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
        if self.lock is not None:
            self.lock.release()

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


def _attach(engine: Engine, path: Path | None, passphrase: str | None,
            lock: FileLock | None = None) -> Database:
    db = Database(engine=engine, path=path, os_user=_os_user(),
                  secret=Secret(passphrase) if passphrase is not None else None, lock=lock)
    if lock is not None and lock.note:
        db.notes.append(lock.note)
    from privacydesk.store import settings  # the settings live in the database

    db.officer = settings.read(db, "officer_name") or ""
    return db


def open_database(path: str | os.PathLike, passphrase: str, *, migrate: bool = True,
                  lock: FileLock | bool | None = True) -> Database:
    """Open an existing encrypted database, migrating it to the current schema.

    The handle holds a shared lock on the file (see `store.lock`) until it is closed;
    `lock` may hand over a lock this process holds already, or be False for a private
    copy no other process knows of. Leftovers of an interrupted re-key or restore beside
    the file are removed (or named in `notes`).

    Raises DatabaseNotFound, WrongPassphrase (the file is left byte-identical),
    NotADatabase (an encrypted file without a PrivacyDesk schema: left as it is),
    SchemaTooNew or DatabaseInUse (the file is being replaced by another process).
    """
    from privacydesk.store import migrations

    path = Path(path)
    if not path.is_file():
        raise DatabaseNotFound(f"There is no database at {path}.")
    held: FileLock | None
    if isinstance(lock, FileLock):
        held = lock
        held.shared()  # from exclusive (a swap just made) back to shared
    elif lock:
        held = FileLock(path)
        held.shared()
    else:
        held = None
    try:
        conn = _raw_connect(path, passphrase)  # fails here, before anything is written
    except BaseException:
        if held is not None:
            held.release()
        raise
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
        db = _attach(engine, path, passphrase, held)
        if held is not None and held.held:
            db.notes.extend(clean_leftovers(path))
        return db
    except BaseException:
        engine.dispose()
        if held is not None:
            held.release()
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
    lock = FileLock(path)
    lock.exclusive()  # nobody opens it half made
    try:
        create_private_file(path)  # owner-only; SQLite gives -wal and -shm its mode
    except FileExistsError:
        lock.release()
        raise DatabaseExists(f"{path} already exists; choose another file.") from None
    except BaseException:
        lock.release()
        raise
    engine = _sqlcipher_engine(path, passphrase)
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        try:
            conn.execute(f"PRAGMA key = {_quote(passphrase)}")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        migrations.upgrade(engine, backup_of=None)
        lock.downgrade()
        db = _attach(engine, path, passphrase, lock)
        db.officer = officer
        if seed:
            seeding.seed_catalog(db, officer=officer)
    except BaseException:
        engine.dispose()
        _remove_with_sidecars(path)
        lock.release()
        raise
    return db


class NoSchema(StoreError):
    """A server database without the PrivacyDesk schema (not set up yet)."""


def connect_url(url: str | sa.URL, *, require_schema: bool = False) -> Database:
    """A server database (PostgreSQL) by SQLAlchemy URL; migrated like a file.

    With `require_schema`, a database without the PrivacyDesk schema is refused
    (NoSchema) instead of being given one. On a server the audit trail records who by
    the server login (`current_user`), and the officer_name setting is the display name
    of officers only (an auditor or a line manager is not the officer). A refusal of
    the server (a role without the privilege, a row-level security policy) becomes
    `server.NotPermitted`, naming the login and its role.
    """
    from privacydesk.store import migrations, server

    engine = sa.create_engine(url)
    try:
        if require_schema and migrations.current_revision(engine) is None:
            raise NoSchema(engine.url.render_as_string(hide_password=True))
        login, roles, departments = "", [], []
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                login = server.login_of(conn)
                roles = server.roles_of(conn)
                departments = server.departments_of(conn, login) if "manager" in roles else []
            server.watch(engine, login, roles, departments)
        try:
            migrations.upgrade(engine, backup_of=None)
        except server.NotPermitted:
            raise server.NotPermitted(
                f"The schema of {engine.url.database} is older than this PrivacyDesk "
                f"(or missing), and {login} may not change it: the database owner runs "
                "`privacydesk server init` with this version first.") from None
        db = _attach(engine, None, None)
        if login:
            db.os_user = login
            db.roles, db.departments = tuple(roles), tuple(departments)
            if roles and "officer" not in roles:
                db.officer = ""
        return db
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


# --- files of the owner only, temporary copies and their leftovers --------------------

PRIVATE_MODE = 0o600
TEMP_KINDS = ("rekey", "part", "restore")  # the suffixes of the temporary copies


def create_private_file(path: Path) -> None:
    """Create `path` empty and readable by its owner only (FileExistsError if it exists).

    SQLite creates a database's -wal, -shm and -journal files with the mode of the
    database file, so they are owner-only too. On Windows the file inherits the
    folder's ACL; the user profile folders give access to their user only.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_MODE)
    os.close(fd)


def temp_beside(target: Path, kind: str) -> Path:
    """A new empty owner-only file beside `target` with a name no other run uses:
    `.privacy.db.<pid>.<random>.<kind>`; a leftover is recognised by that shape."""
    assert kind in TEMP_KINDS
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=f".{kind}",
                                dir=target.parent)
    os.close(fd)
    return Path(name)


def _temp_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[^.]+\.(" +
                      "|".join(TEMP_KINDS) + r")(-wal|-shm|-journal)?")


def leftovers(target: Path, kinds: tuple[str, ...] = TEMP_KINDS) -> list[tuple[Path, int]]:
    """Temporary copies of `target` left in its folder: (path, pid of the writer)."""
    pattern = _temp_pattern(target)
    found = []
    with contextlib.suppress(OSError):
        for p in target.parent.iterdir():
            m = pattern.fullmatch(p.name)
            if m and m.group(2) in kinds:
                found.append((p, int(m.group(1))))
    return sorted(found)


def _process_alive(pid: int) -> bool | None:
    """Whether a process of this machine is running (None: cannot tell here)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would end it
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


def clean_leftovers(target: Path, kinds: tuple[str, ...] = ("rekey", "restore"), *,
                    owner_gone: bool = True) -> list[str]:
    """Remove the temporary copies an interrupted run left beside `target`.

    With `owner_gone` the caller knows that no run can be writing them (it holds the
    database's lock, which a re-key or restore holds exclusively); otherwise only copies
    whose writing process is gone are removed. Returns notes naming what was removed or
    had to be left.
    """
    notes = []
    for p, pid in leftovers(target, kinds):
        alive = False if owner_gone else _process_alive(pid)
        if alive is False:
            try:
                p.unlink()
                log.info("removed %s, left by an interrupted run", p)
                notes.append(f"removed {p.name}, a temporary copy left by an interrupted run")
            except FileNotFoundError:
                pass
            except OSError as exc:
                notes.append(f"{p} is a temporary copy left by an interrupted run; "
                             f"it could not be removed ({exc.strerror or exc})")
        elif alive is None:
            notes.append(f"{p} looks like a temporary copy left by an interrupted run; "
                         "remove it if no PrivacyDesk is running")
    return notes


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # directories cannot be opened on Windows
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _flush(staged: Path) -> None:
    remove_sidecars(staged)
    with open(staged, "rb+") as f:
        os.fsync(f.fileno())


def install_file(staged: Path, target: Path) -> None:
    """Put a complete, closed database file in place of `target` in one rename.

    The staged file is flushed to disk first, and the target's stale WAL is removed so
    it can never be replayed into the new file. A crash leaves the old or the new file.
    The file keeps the target's permissions (owner-only for a new one).
    """
    _flush(staged)
    with contextlib.suppress(FileNotFoundError):
        os.chmod(staged, stat.S_IMODE(os.stat(target).st_mode))
    remove_sidecars(target)
    os.replace(staged, target)
    _fsync_dir(target.parent)


def install_new(staged: Path, target: Path) -> None:
    """Give a complete, closed file its final name `target`, which must not exist: of two
    runs writing the same target one wins and the other gets DatabaseExists, and the
    target is never a half-written file."""
    _flush(staged)
    try:
        if sys.platform == "win32":
            os.rename(staged, target)  # refuses an existing target
        else:
            try:
                os.link(staged, target)  # refuses an existing target, atomically
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links (FAT)
                if target.exists():
                    raise FileExistsError(target) from None
                os.replace(staged, target)
            else:
                staged.unlink()
    except FileExistsError:
        raise DatabaseExists(f"{target} already exists; choose another file.") from None
    _fsync_dir(target.parent)


# --- copies ---------------------------------------------------------------------------

def copy_file(db: Database, target: Path,
              progress: Callable[[int, int], None] | None = None) -> None:
    """Copy the database's encrypted bytes into the empty file `target`: no page is
    decrypted or encrypted again, so it costs what a file copy costs.

    The copy is of one moment although other processes may write meanwhile: a read
    transaction is held while the file and then its write-ahead log are copied. While
    it is held no checkpoint writes into the file a page that this snapshot does not
    also find in the log, and the log is not restarted, only appended to; the copied
    log is therefore a valid log of the copied file, ending at this snapshot or at a
    later commit (a frame cut short by the copy fails its checksum and is ignored).
    `settle_copy` then folds the log into the copy, and the copy is verified before it
    is used (a copy that were not sound would fail that, never pass unseen).
    """
    assert db.path is not None
    wal = db.path.with_name(db.path.name + "-wal")
    copied_wal = target.with_name(target.name + "-wal")
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute("BEGIN")
        try:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
            total = db.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
            done = _copy_bytes(db.path, target, 0, total, progress)
            if wal.exists():
                create_private_file(copied_wal)
                _copy_bytes(wal, copied_wal, done, total, progress)
        finally:
            raw.execute("ROLLBACK")


def _copy_bytes(source: Path, target: Path, done: int, total: int,
                progress: Callable[[int, int], None] | None) -> int:
    with open(source, "rb") as src, open(target, "r+b") as dst:
        dst.truncate(0)
        while chunk := src.read(16 << 20):
            dst.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        dst.flush()
    return done


def settle_copy(copy: Path, passphrase: str, source: Path | None) -> None:
    """Fold a copied write-ahead log into the copied file; the copy is then one file."""
    try:
        conn = _raw_connect(copy, passphrase)
    except WrongPassphrase:
        raise damaged(source, "the copy does not open") from None
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
    except sqlcipher3.DatabaseError as exc:
        if is_damage(exc):
            raise damaged(source, exc) from None
        raise
    finally:
        conn.close()
    remove_sidecars(copy)


def check_copy(path: Path, passphrase: str, what: Path) -> None:
    """A copy's pages all decrypt under `passphrase` and its structure is sound."""
    check = _raw_connect(path, passphrase)
    try:
        result = [r[0] for r in check.execute("PRAGMA quick_check")]
        hmac = [r[0] for r in check.execute("PRAGMA cipher_integrity_check")]
    except sqlcipher3.DatabaseError as exc:
        raise damaged(what, exc) from None
    finally:
        check.close()
    bad = [r for r in result if r != "ok"] + [r for r in hmac if r != "ok"]
    if bad:
        raise damaged(what, bad[0])


def export_copy(db: Database, out: Path, passphrase: str) -> None:
    """Write a consistent encrypted copy of `db` to `out` (which must not exist)."""
    if db.path is None:
        raise StoreError("Copies of a server database are made with the server's own tools.")
    if out.exists():
        raise DatabaseExists(f"{out} already exists; choose another file.")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(out, "part")
    try:
        write_copy(db, tmp, passphrase)
        install_new(tmp, out)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise


def write_copy(db: Database, tmp: Path, passphrase: str,
               progress: Callable[[int, int], None] | None = None, *,
               checked: bool = True) -> None:
    """Fill the empty file `tmp` with a copy of `db` under `passphrase`, checked (every
    page's HMAC and the structure) unless the caller verifies it anyway.

    Under the database's own key the encrypted pages are copied as they are
    (`copy_file`); under another key SQLCipher re-encrypts them (`sqlcipher_export`)."""
    if passphrase == db.passphrase:
        copy_file(db, tmp, progress)
        settle_copy(tmp, passphrase, db.path)
    else:
        try:
            with db.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                raw.execute("ATTACH DATABASE ? AS copy KEY ?", (str(tmp), passphrase))
                try:
                    raw.execute("SELECT sqlcipher_export('copy')")
                finally:
                    raw.execute("DETACH DATABASE copy")
        except sa.exc.DatabaseError as exc:
            if is_damage(exc):
                raise damaged(db.path, exc.orig) from None
            raise
        except sqlcipher3.DatabaseError as exc:
            if is_damage(exc):
                raise damaged(db.path, exc) from None
            raise
        conn2 = _raw_connect(tmp, passphrase)
        try:
            conn2.execute("PRAGMA journal_mode = WAL")
        finally:
            conn2.close()
    if checked:
        check_copy(tmp, passphrase, db.path)


def change_passphrase(db: Database, new_passphrase: str) -> Database:
    """Re-encrypt the database under a new passphrase, atomically.

    The handle's lock is taken exclusively first: while another PrivacyDesk has the file
    open this is refused (DatabaseInUse) and nothing changes. A complete copy is written
    under the new key and checked; then it replaces the file in one rename, keeping the
    file's permissions. A crash at any point leaves either the old file (old key) or the
    new one (new key), never a mixture. Returns the database reopened with the new key;
    `db` is closed. On an error `db` stays open and unchanged.
    """
    if db.path is None:
        raise StoreError("The passphrase protects local database files only.")
    check_passphrase_strength(new_passphrase)
    path = db.path
    lock = db.lock
    if lock is not None:
        lock.exclusive("The passphrase was not changed.")
    staged = temp_beside(path, "rekey")
    try:
        write_copy(db, staged, new_passphrase)
    except BaseException:
        _remove_with_sidecars(staged)
        if lock is not None:
            lock.downgrade()
        raise
    officer = db.officer
    db.lock = None  # handed over to the new handle
    db.close()
    try:
        install_file(staged, path)
    except BaseException:
        _remove_with_sidecars(staged)  # the old file stays, with the old key
        if lock is not None:
            lock.release()
        raise
    new = open_database(path, new_passphrase, migrate=False,
                        lock=lock if lock is not None else True)
    new.officer = officer or new.officer
    return new
