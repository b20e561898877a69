"""Auto-lock: lock after a period without key or mouse input anywhere in the application.

An event filter on each window of the application (input reaches a window before its
widgets) notes the time of the last input in plain Python, no Qt call per event; a
coarse timer compares it with the limit.
"""

from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

_INPUT = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})


class AutoLock(QObject):
    """Emits `timeout` once, `interval_ms` after the last input, while running."""

    timeout = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._last_input = time.monotonic()
        self._running = False
        self._watched: set[QWindow] = set()
        self._check = QTimer(self)
        # a lock at most a second late; finer for the short intervals of tests
        self._check.setInterval(max(20, min(1000, interval_ms // 4)))
        self._check.timeout.connect(self._tick)

    def start(self) -> None:
        app = QGuiApplication.instance()
        if not self._running and app is not None:
            for window in QGuiApplication.topLevelWindows():
                self._watch(window)
            app.focusWindowChanged.connect(self._watch)  # dialogs, new windows
            self._running = True
        self._last_input = time.monotonic()
        self._check.start()

    def _watch(self, window: QWindow | None) -> None:
        """Input reaches a window before its widgets: watching the windows sees every
        key and click, at a fraction of the cost of filtering every event of the
        application in Python."""
        if window is None or window in self._watched:
            return
        window.installEventFilter(self)
        self._watched.add(window)
        window.destroyed.connect(lambda _obj=None, w=window: self._watched.discard(w))
        self._last_input = time.monotonic()  # a window gaining focus is input too

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if self._running and app is not None:
            app.focusWindowChanged.disconnect(self._watch)
            for window in list(self._watched):
                with contextlib.suppress(RuntimeError):  # already destroyed
                    window.removeEventFilter(self)
            self._watched.clear()
        self._running = False
        self._check.stop()

    def remaining_ms(self) -> int:
        """Milliseconds until the lock (0 when stopped)."""
        if not self._running:
            return 0
        idle_ms = (time.monotonic() - self._last_input) * 1000
        return max(0, int(self.interval_ms - idle_ms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def _tick(self) -> None:
        if self._running and self.remaining_ms() == 0:
            self.stop()
            self.timeout.emit()
