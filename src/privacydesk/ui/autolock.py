"""Auto-lock: lock after a period without key or mouse input anywhere in the application.

An application-wide event filter notes the time of the last input (plain Python, no Qt
call per event: input events are many); a coarse timer compares it with the limit.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

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
        self._check = QTimer(self)
        # a lock at most a second late; finer for the short intervals of tests
        self._check.setInterval(max(20, min(1000, interval_ms // 4)))
        self._check.timeout.connect(self._tick)

    def start(self) -> None:
        app = QCoreApplication.instance()
        if not self._running and app is not None:
            app.installEventFilter(self)
            self._running = True
        self._last_input = time.monotonic()
        self._check.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if self._running and app is not None:
            app.removeEventFilter(self)
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
