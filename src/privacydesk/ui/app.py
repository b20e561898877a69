"""Start the desktop console: `privacydesk gui [--db PATH]` or `python -m privacydesk.ui`.

`Console` owns the open database and moves between the unlock window and the main
window: unlocking makes a main window, locking (Ctrl+L or inactivity) destroys it and
closes the database.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication

from privacydesk.services import session
from privacydesk.services.session import Database
from privacydesk.ui import i18n
from privacydesk.ui.autolock import AutoLock
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.unlock import UnlockWindow

log = logging.getLogger(__name__)

APP_NAME = "PrivacyDesk"


class Console(QObject):
    """The application's state: locked (unlock window) or open (main window)."""

    opened = Signal(object)  # the MainWindow
    locked = Signal()

    def __init__(self, path: Path | None = None, *, demo_path: Path | None = None,
                 lock_after_ms: int | None = None, today: date | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unlock_window = UnlockWindow(path or session.default_path(), demo_path=demo_path)
        self.unlock_window.unlocked.connect(self._open)
        self.main_window: MainWindow | None = None
        self.db: Database | None = None
        self.autolock: AutoLock | None = None
        self._lock_after_ms = lock_after_ms  # tests; otherwise the auto_lock_minutes setting
        self._today = today

    def show(self) -> None:
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()

    def _open(self, db: Database) -> None:
        from privacydesk.services import settings

        values = settings.all_values(db)
        lang = i18n.install("ja" if values.get("language") == "ja" else "en")
        minutes = int(values.get("auto_lock_minutes") or 10)
        self.db = db
        self.autolock = AutoLock(self._lock_after_ms or minutes * 60_000, self)
        self.autolock.timeout.connect(self.lock)
        self.autolock.start()
        try:
            window = MainWindow(db, lang=lang, autolock=self.autolock, today=self._today)
        except BaseException:
            self._close_database()
            raise
        window.lockRequested.connect(self.lock)
        window.closed.connect(self._main_closed)
        self.main_window = window
        window.show()
        self.unlock_window.hide()
        self.opened.emit(window)

    def lock(self) -> None:
        """Destroy the data views, close the database, ask for the passphrase again."""
        window, self.main_window = self.main_window, None
        self.unlock_window.reset()
        self.show()
        if window is not None:
            window.shutdown_for_lock()
            window.deleteLater()
        self._close_database()
        self.locked.emit()

    def _main_closed(self) -> None:
        """The user closed the main window or chose Quit: close the database."""
        window, self.main_window = self.main_window, None
        self._close_database()
        if window is not None:
            window.deleteLater()
        # the unlock window is hidden: Qt quits as the last window has closed

    def _close_database(self) -> None:
        if self.autolock is not None:
            self.autolock.stop()
            self.autolock.deleteLater()
            self.autolock = None
        if self.db is not None:
            db, self.db = self.db, None
            db.close()

    def shutdown(self) -> None:
        if self.main_window is not None:
            window, self.main_window = self.main_window, None
            window.shutdown_for_lock()
            window.deleteLater()
        self._close_database()
        self.unlock_window.close()


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (-platform, -style …)."""
    parser = argparse.ArgumentParser(prog="privacydesk gui",
                                     description="PrivacyDesk desktop console")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help=f"database file (default: {session.default_path()})")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the console until the user quits; returns the exit status."""
    args_in = sys.argv[1:] if argv is None else argv
    args, qt_args = parse_args(args_in)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setQuitOnLastWindowClosed(True)
    i18n.install(i18n.system_language())
    console = Console(args.db.expanduser() if args.db else None)
    console.show()
    try:
        return app.exec()
    finally:
        console.shutdown()
        # the event loop has ended: delete the windows now, before Python finalizes
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


if __name__ == "__main__":
    sys.exit(main())
