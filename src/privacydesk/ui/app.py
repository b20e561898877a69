"""Start the desktop console: `privacydesk gui [--db PATH | --url URL]` or
`python -m privacydesk.ui`.

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

from privacydesk.services import connection, session
from privacydesk.services.session import Database
from privacydesk.ui import fonts, i18n
from privacydesk.ui.autolock import AutoLock
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.unlock import UnlockWindow

log = logging.getLogger(__name__)

APP_NAME = "PrivacyDesk"


class Console(QObject):
    """The application's state: locked (unlock window) or open (main window).

    Locking destroys the main window and closes the database; what the officer was
    doing (tabs, lists, the record in each form and any unsaved edit) is kept in
    memory and given back when the same database is unlocked again. A change of
    language rebuilds the window the same way, without closing the database.
    """

    opened = Signal(object)  # the MainWindow
    locked = Signal()

    def __init__(self, path: Path | None = None, *, demo_path: Path | None = None,
                 lock_after_ms: int | None = None, today: date | None = None,
                 server: connection.Profile | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unlock_window = UnlockWindow(path or session.default_path(), demo_path=demo_path)
        if server is not None:  # `gui --url`: the unlock window asks for its password
            self.unlock_window.set_server(server)
        self.unlock_window.unlocked.connect(self._open)
        self.main_window: MainWindow | None = None
        self.db: Database | None = None
        self.autolock: AutoLock | None = None
        self.lang = i18n.current_language()
        self._lock_after_ms = lock_after_ms  # tests; otherwise the auto_lock_minutes setting
        self._today = today
        self._kept: tuple[str, dict] | None = None  # (database, window snapshot) while locked
        self.connect_dialog = None  # File → Connect to a team server…, while open

    def show(self) -> None:
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()

    def _open(self, db: Database) -> None:
        from privacydesk.services import settings

        values = settings.all_values(db)
        lang = _own_language(db) or values.get("language")
        self.lang = self._install_language("ja" if lang == "ja" else "en")
        minutes = int(values.get("auto_lock_minutes") or 10)
        self.db = db
        self.autolock = AutoLock(self._lock_after_ms or minutes * 60_000, self)
        self.autolock.timeout.connect(self.lock)
        self.autolock.start()
        kept, self._kept = self._kept, None
        snapshot = kept[1] if kept is not None and kept[0] == session.location(db) else None
        try:
            self._make_window(snapshot)
        except BaseException:
            self._close_database()
            raise
        self.unlock_window.hide()

    def _install_language(self, lang: str) -> str:
        lang = i18n.install(lang)
        fonts.apply(lang)
        return lang

    def _make_window(self, snapshot: dict | None) -> MainWindow:
        assert self.db is not None
        window = MainWindow(self.db, lang=self.lang, autolock=self.autolock, today=self._today)
        window.lockRequested.connect(self.lock)
        window.closed.connect(self._main_closed)
        window.languageRequested.connect(self.set_language)
        window.databaseReplaced.connect(self._database_replaced)
        window.connectRequested.connect(self.connect_server)
        self.main_window = window
        if snapshot is not None:
            window.restore(snapshot)
        window.show()
        self.opened.emit(window)
        return window

    def _rebuild(self) -> MainWindow:
        """A new main window in place of the current one, keeping what it showed."""
        old, self.main_window = self.main_window, None
        snapshot = old.snapshot() if old is not None else None
        geometry = old.saveGeometry() if old is not None else None
        if old is not None:
            old.shutdown_for_lock()
            old.deleteLater()
        window = self._make_window(snapshot)
        if geometry is not None:
            window.restoreGeometry(geometry)
        return window

    def set_language(self, lang: str) -> None:
        """Show the window in another language; unsaved edits stay."""
        from privacydesk.services import settings

        if self.db is None:
            return
        if connection.is_server(self.db):  # each member of the team reads their own
            _keep_own_language(self.db, lang)
        elif settings.get(self.db, "language") != lang:
            settings.put(self.db, "language", lang)
        self.lang = self._install_language(lang)
        self._rebuild()

    def _database_replaced(self, db: Database) -> None:
        """The database was reopened (a new passphrase): the window starts on the new
        handle, showing what it showed."""
        self.db = db
        self._rebuild()

    def lock(self) -> None:
        """Destroy the data views, close the database, ask for the passphrase again."""
        window, self.main_window = self.main_window, None
        if window is not None and self.db is not None:
            self._kept = (session.location(self.db), window.snapshot())
        if self.db is not None and connection.is_server(self.db):  # forget it; ask again
            self.unlock_window.set_server(connection.profile_of(self.db))
        self.unlock_window.reset()
        self.show()
        if window is not None:
            window.shutdown_for_lock()
            window.deleteLater()
        self._close_database()
        self.locked.emit()

    def connect_server(self) -> None:
        """*File → Connect to a team server…*: the window then shows the server's data
        instead of what was open."""
        from privacydesk.ui.dialogs.connect import ConnectDialog

        dialog = ConnectDialog(parent=self.main_window)
        self.connect_dialog = dialog

        def finished(result: int) -> None:
            self.connect_dialog = None
            dialog.deleteLater()
            if result == ConnectDialog.DialogCode.Accepted and dialog.database is not None:
                self._switch(dialog.database)

        dialog.finished.connect(finished)
        dialog.open()

    def _switch(self, db: Database) -> None:
        window, self.main_window = self.main_window, None
        self._kept = None
        if window is not None:
            window.shutdown_for_lock()
            window.deleteLater()
        self._close_database()
        self._open(db)

    def _main_closed(self) -> None:
        """The user closed the main window or chose Quit: close the database."""
        window, self.main_window = self.main_window, None
        self._kept = None
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
        self._kept = None
        self._close_database()
        self.unlock_window.shutdown()
        self.unlock_window.close()


def _language_key(db: Database) -> str:
    return f"team/language/{connection.profile_of(db).key()}"


def _own_language(db: Database) -> str | None:
    """On a team server, the language this person last chose for its window (the
    database's language setting is the team's default)."""
    if not connection.is_server(db):
        return None
    from privacydesk.ui.dialogs.connect import settings as user_settings

    value = user_settings().value(_language_key(db))
    return str(value) if value in ("ja", "en") else None


def _keep_own_language(db: Database, lang: str) -> None:
    from privacydesk.ui.dialogs.connect import settings as user_settings

    store = user_settings()
    store.setValue(_language_key(db), lang)
    store.sync()


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (-platform, -style …)."""
    parser = argparse.ArgumentParser(prog="privacydesk gui",
                                     description="PrivacyDesk desktop console")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, default=None, metavar="PATH",
                       help=f"database file (default: {session.default_path()})")
    where.add_argument("--url", default=None, metavar="URL",
                       help="team server: postgresql+psycopg://LOGIN@HOST:PORT/DB")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the console until the user quits; returns the exit status."""
    args_in = sys.argv[1:] if argv is None else argv
    args, qt_args = parse_args(args_in)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setQuitOnLastWindowClosed(True)
    fonts.apply(i18n.install(i18n.system_language()), app)
    server = connection.profile_from_url(args.url) if args.url else None
    console = Console(args.db.expanduser() if args.db else None, server=server)
    console.show()
    try:
        return app.exec()
    finally:
        console.shutdown()
        # the event loop has ended: delete the windows now, before Python finalizes
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


if __name__ == "__main__":
    sys.exit(main())
