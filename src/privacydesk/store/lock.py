"""Who has a database file open: a lock file beside it.

Every PrivacyDesk process that opens a database file holds a *shared* lock on
`privacy.db.lock` for as long as the file is open. Replacing the file (a new passphrase,
a restore) takes the lock *exclusively*, which succeeds only when no other process has
the database open; otherwise it is refused with a message that names the other process
as far as the lock file tells (pid, host, program). SQLite's own locks cannot do this:
they guard transactions, not a file being swapped for another between two of them.

The locks are operating-system locks (`flock` on POSIX, `LockFileEx` on Windows, through
portalocker): a process that dies, even by kill -9, releases them. The lock file's text
names the last process that took the lock; it is a hint for the message, never trusted
for the decision.

A folder where no lock file can be made (read-only media) still opens: the handle then
holds no lock and says so (`FileLock.note`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
import time
from pathlib import Path

import portalocker

log = logging.getLogger(__name__)

SUFFIX = ".lock"
WAIT_SECONDS = 5.0  # how long opening waits for a file being replaced to be released


def _in_use_error(message: str) -> Exception:
    from privacydesk.store.database import DatabaseInUse  # the store's error classes

    return DatabaseInUse(message)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def _program() -> str:
    argv = [os.path.basename(sys.argv[0] or "python"), *sys.argv[1:2]]
    return " ".join(a for a in argv if a)


def _holder_text(kind: str) -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}, {_program()}, {kind}\n"


def _alive_line(line: str) -> bool:
    """False only for a line of a process of this host that is known to be gone."""
    parts = line.split()
    if len(parts) < 4 or parts[0] != "pid" or parts[2] != "on":
        return True
    if parts[3].rstrip(",") != socket.gethostname() or sys.platform == "win32":
        return True
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError):
        return True
    return True


class FileLock:
    """The lock of one database file, held by one open handle.

    `shared()` when the file is opened; `exclusive()` around a replacement (from a shared
    lock held by this handle, or from none); `release()` when the file is closed.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._file = None
        self.mode: str | None = None  # "shared", "exclusive" or None
        self._line: str | None = None  # this handle's line in the lock file
        self.note = ""  # why no lock is held, when none could be

    # -- the file ------------------------------------------------------------------------

    def _open_file(self) -> bool:
        if self._file is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            self._file = os.fdopen(fd, "r+b", buffering=0)
            return True
        except OSError:
            pass
        try:  # a lock file made by someone else, in a folder we cannot write
            self._file = open(self.path, "rb", buffering=0)  # noqa: SIM115 - kept open
            return True
        except OSError as exc:
            self.note = (f"no lock file can be made beside {self.db_path} "
                         f"({exc.strerror or exc}); other PrivacyDesk processes are not "
                         "kept from replacing it while it is open")
            log.warning("%s", self.note)
            return False

    def _write_holder(self, kind: str) -> None:
        """Add this handle's line to the lock file (one line per holder; a hint only)."""
        if self._file is None:
            return
        self._line = _holder_text(kind)
        with contextlib.suppress(OSError, ValueError):
            lines = [ln for ln in self._read_lines() if _alive_line(ln)]
            lines.append(self._line)
            self._rewrite(lines)

    def _forget_holder(self) -> None:
        line = self._line
        if self._file is None or line is None:
            return
        with contextlib.suppress(OSError, ValueError):
            lines = self._read_lines()
            if line in lines:
                lines.remove(line)
            self._rewrite(lines)
        self._line = None

    def _read_lines(self) -> list[str]:
        self._file.seek(0)
        text = self._file.read(64 * 1024).decode("utf-8", "replace")
        return [ln + "\n" for ln in text.splitlines() if ln.strip()]

    def _rewrite(self, lines: list[str]) -> None:
        self._file.seek(0)
        self._file.write("".join(lines).encode("utf-8"))
        self._file.truncate()

    def holders(self) -> list[str]:
        """The processes that hold the lock, as its lock file says (a hint)."""
        try:
            with open(self.path, "rb") as f:
                text = f.read(64 * 1024).decode("utf-8", "replace")
        except OSError:
            return []
        mine = self._line
        lines = [ln for ln in text.splitlines() if ln.strip() and _alive_line(ln)]
        others = [ln for ln in lines if ln + "\n" != mine]
        return others

    def holder(self) -> str:
        return "; ".join(self.holders())

    def _in_use(self, what: str) -> Exception:
        who = self.holder()
        return _in_use_error(
            f"The database is open in another PrivacyDesk ({who or 'another process'}); "
            f"close it first. {what}".strip())

    # -- the locks -----------------------------------------------------------------------

    def _try(self, flags) -> bool:
        """Take the lock without waiting. A lock file removed by its last holder
        meanwhile (see `release`) is left for the new one at the same name."""
        for _ in range(10):
            if not self._open_file():
                return False
            try:
                portalocker.lock(self._file, flags | portalocker.LockFlags.NON_BLOCKING)
            except (portalocker.exceptions.LockException, BlockingIOError):
                return False
            if self._same_file():
                return True
            with contextlib.suppress(Exception):
                portalocker.unlock(self._file)
            self.close_file()
        return False

    def _same_file(self) -> bool:
        try:
            return os.path.samestat(os.fstat(self._file.fileno()), os.stat(self.path))
        except OSError:
            return False

    def shared(self, *, wait: float = WAIT_SECONDS) -> None:
        """Hold a shared lock: others may open the file too, but none may replace it.
        Waits up to `wait` seconds while another process is replacing the file."""
        if self.mode == "shared":
            return
        if self.mode == "exclusive":
            self.downgrade()
            return
        if not self._open_file():
            return
        deadline = time.monotonic() + wait
        while not self._try(portalocker.LockFlags.SHARED):
            if time.monotonic() >= deadline:
                who = self.holder()
                self.close_file()
                raise _in_use_error(
                    f"{self.db_path} is being replaced by another PrivacyDesk "
                    f"({who or 'another process'}); try again when it has finished.")
            time.sleep(0.05)
        self.mode = "shared"
        self._write_holder("open")

    def exclusive(self, what: str = "") -> None:
        """Hold the lock alone, or raise DatabaseInUse (a StoreError) naming the other holder.

        From a shared lock of this handle the lock is converted; when the conversion is
        refused the shared lock is taken again before raising, so the handle keeps it.
        """
        if self.mode == "exclusive":
            return
        if not self._open_file():
            return
        had_shared = self.mode == "shared"
        if self.mode == "shared" and sys.platform == "win32":
            # Windows does not convert a lock in place: release it first
            with contextlib.suppress(Exception):
                portalocker.unlock(self._file)
            self.mode = None
        if self._try(portalocker.LockFlags.EXCLUSIVE):
            self.mode = "exclusive"
            self._forget_holder()
            self._write_holder("replacing the file")
            return
        error = self._in_use(what)
        if self.mode is None and not had_shared:
            self.close_file()
        elif self.mode == "shared" or had_shared:
            # a refused conversion may have dropped the shared lock (flock): take it again
            self._forget_holder()
            self.mode = None
            with contextlib.suppress(Exception):
                self.shared()
        raise error

    def downgrade(self) -> None:
        """From exclusive back to shared (the file stays open here)."""
        if self.mode != "exclusive":
            return
        if sys.platform != "win32" and self._try(portalocker.LockFlags.SHARED):
            self.mode = "shared"  # flock converts the lock of the same file in place
            self._forget_holder()
            self._write_holder("open")
            return
        with contextlib.suppress(Exception):
            portalocker.unlock(self._file)
        self._forget_holder()
        self.mode = None
        self.shared()

    def release(self) -> None:
        """Let go of the lock; the last holder removes the lock file (others that opened
        it meanwhile see that it is gone and make a new one)."""
        if self._file is None:
            return
        if self.mode is not None:
            self._forget_holder()
            last = self.mode == "exclusive" or (
                sys.platform != "win32" and self._try_convert_exclusive())
            if last:
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
            with contextlib.suppress(Exception):
                portalocker.unlock(self._file)
        self.mode = None
        self.close_file()

    def _try_convert_exclusive(self) -> bool:
        try:
            portalocker.lock(self._file, portalocker.LockFlags.EXCLUSIVE
                             | portalocker.LockFlags.NON_BLOCKING)
            return True
        except (portalocker.exceptions.LockException, BlockingIOError):
            return False

    def close_file(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self.mode is not None

    def __repr__(self) -> str:
        return f"FileLock({str(self.path)!r}, {self.mode})"
