"""Background jobs: database work off the GUI thread, with progress and cancel.

A `Jobs` object (one per main window) runs plain Python callables on Qt's global
thread pool. The callable receives a `Token`: `token.progress(done, total, text)`
reports progress (delivered to the GUI thread as a signal), `token.cancelled` says
whether the user has cancelled; a cancelled job raises `Cancelled` or returns early.

The result, or the exception, comes back to the GUI thread through the job's
signals; a result that arrives after its owner was destroyed or the job was
superseded is dropped. The services are thread-safe per call: each call checks a
connection out of the engine's pool, and SQLite in WAL mode lets readers work beside
a writer.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from privacydesk.services.session import Cancelled

log = logging.getLogger(__name__)

__all__ = ["Cancelled", "Job", "Jobs", "Token"]


class Token:
    """What a running job may look at and report through."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise `Cancelled` when the user has cancelled."""
        if self._cancel.is_set():
            raise Cancelled("cancelled")

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self._job.signals.progress.emit(int(done), int(total), str(text))


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, text
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception (Cancelled when cancelled)


class Job(QRunnable):
    """One call of `fn(token, *args)` on a pool thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Jobs keeps it until its signals are delivered
        self.fn = fn
        self.args = args
        self.name = name or getattr(fn, "__name__", "job")
        self.signals = _Signals()
        self.token = Token(self)
        self.done = threading.Event()

    def run(self) -> None:
        try:
            result = self.fn(self.token, *self.args)
        except Cancelled as exc:
            self._deliver(self.signals.failed, exc)
        except BaseException as exc:  # delivered to the window, which shows it
            log.error("job %s failed:\n%s", self.name, traceback.format_exc())
            self._deliver(self.signals.failed, exc)
        else:
            if self.token.cancelled:
                self._deliver(self.signals.failed, Cancelled("cancelled"))
            else:
                self._deliver(self.signals.finished, result)
        finally:
            self.done.set()

    @staticmethod
    def _deliver(signal, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the receiver is gone (window closed)
            signal.emit(value)


class Jobs(QObject):
    """The jobs of one window: started here, cancelled and awaited all at once."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()
        self._closed = False

    def start(self, fn: Callable[..., Any], *args: Any,
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None,
              name: str = "") -> Job | None:
        """Run `fn(token, *args)`; the callbacks run on the GUI thread. Returns None
        once the window has closed (nothing starts after that)."""
        if self._closed:
            return None
        job = Job(fn, *args, name=name)
        if on_progress is not None:
            job.signals.progress.connect(on_progress)

        def finished(result: Any) -> None:
            self._forget(job)
            if on_done is not None and not self._closed:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._forget(job)
            if self._closed:
                return
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                log.error("unhandled failure of job %s: %s", job.name, exc)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        self._running.add(job)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        self.pool.start(job)
        return job

    def _forget(self, job: Job) -> None:
        if job in self._running:
            self._running.discard(job)
            if not self._running:
                self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.token.cancel()

    def shutdown(self, timeout_s: float = 30.0) -> None:
        """Cancel every job and wait until none uses the database any more."""
        self._closed = True
        jobs = list(self._running)
        for job in jobs:
            job.token.cancel()
        for job in jobs:
            if not self.pool.tryTake(job):  # not started yet: removed from the queue
                job.done.wait(timeout_s)
        self._running.clear()
