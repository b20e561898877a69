"""The main window: the dashboard and one tab per area, menus, and the status bar.

Made fresh at each unlock and destroyed at each lock, so no view outlives the open
database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

import privacydesk
from privacydesk.services.session import Database
from privacydesk.ui.autolock import AutoLock
from privacydesk.ui.tabs.dashboard import DashboardTab
from privacydesk.ui.widgets.record_table import RecordTable

# The read-only area tabs of this version: (entity, tab title). The title is
# translated in `MainWindow._areas` so that lupdate sees the literal strings.
AREA_ENTITIES = ("data_asset", "consent", "request", "completion", "grant", "incident",
                 "counterparty")


class MainWindow(QMainWindow):
    lockRequested = Signal()
    closed = Signal()

    def __init__(self, db: Database, *, lang: str = "en", autolock: AutoLock | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.autolock = autolock
        self._locking = False
        self.setObjectName("main")
        name = db.path.name if db.path is not None else self.tr("server database")
        self.setWindowTitle(self.tr("PrivacyDesk — {name}").format(name=name))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.dashboard = DashboardTab(db, lang=lang, today=today, parent=self.tabs)
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tables: dict[str, RecordTable] = {}
        for entity_name, title in self._areas():
            table = RecordTable(db, entity_name, lang=lang, today=today, parent=self.tabs)
            table.totalChanged.connect(self._update_status)
            table.model.modelReset.connect(self._update_status)  # a search of equal count
            self.tables[entity_name] = table
            self.tabs.addTab(table, title)
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._update_status)

        self._make_menus()
        self._make_status_bar(name)
        self.resize(1200, 760)

    def _areas(self) -> list[tuple[str, str]]:
        titles = {
            "data_asset": self.tr("Data inventory"),
            "consent": self.tr("Consent"),
            "request": self.tr("Inquiries"),
            "completion": self.tr("Training"),
            "grant": self.tr("Access"),
            "incident": self.tr("Incidents"),
            "counterparty": self.tr("Third parties"),
        }
        return [(e, titles[e]) for e in AREA_ENTITIES]

    # --- menus ----------------------------------------------------------------------

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setStatusTip(self.tr("Close the database and ask for the passphrase"))
        self.lock_action.triggered.connect(self.lockRequested)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        records_menu = bar.addMenu(self.tr("&Records"))
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        records_menu.addAction(self.find_action)
        self.reload_action = QAction(self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)
        records_menu.addAction(self.reload_action)
        records_menu.addSeparator()
        self.tab_actions: list[QAction] = []
        for index in range(min(9, self.tabs.count())):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            records_menu.addAction(action)
            self.tab_actions.append(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About PrivacyDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        about_qt = QAction(self.tr("About &Qt"), self)
        about_qt.triggered.connect(QApplication.aboutQt)
        help_menu.addAction(about_qt)

    # --- status bar -----------------------------------------------------------------

    def _make_status_bar(self, name: str) -> None:
        status = self.statusBar()
        self.count_label = QLabel(self)
        self.overdue_label = QLabel(self)
        self.lock_label = QLabel(self)
        self.db_label = QLabel(name, self)
        if self.db.path is not None:
            self.db_label.setToolTip(str(self.db.path))
        status.addWidget(self.count_label)
        status.addWidget(self.overdue_label)
        status.addPermanentWidget(self.lock_label)
        status.addPermanentWidget(self.db_label)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._update_lock_label)
        self._ticker.start()
        self._update_status()

    def _update_status(self, *_args) -> None:
        table = self.current_table()
        if table is None:
            n = self.dashboard.model.rowCount()
            self.count_label.setText(
                self.tr("1 duty") if n == 1 else self.tr("{n} duties").format(n=f"{n:,}"))
        else:
            n = table.model.total
            if table.model.search:
                text = (self.tr("1 matching record") if n == 1
                        else self.tr("{n} matching records").format(n=f"{n:,}"))
            else:
                text = (self.tr("1 record") if n == 1
                        else self.tr("{n} records").format(n=f"{n:,}"))
            self.count_label.setText(text)
        overdue = self.dashboard.overdue_count()
        self.overdue_label.setText(self.tr("{n} overdue").format(n=f"{overdue:,}"))
        self.overdue_label.setStyleSheet("color: #c62828;" if overdue else "")
        self._update_lock_label()

    def _update_lock_label(self) -> None:
        text = ""
        if self.autolock is not None:
            seconds = (self.autolock.remaining_ms() + 999) // 1000
            if seconds > 60:
                text = self.tr("Locks in {n} min").format(n=(seconds + 59) // 60)
            else:
                text = self.tr("Locks in {n} s").format(n=seconds)
        if text != self.lock_label.text():  # ticks every second; redraw on change only
            self.lock_label.setText(text)

    # --- behaviour ------------------------------------------------------------------

    def current_table(self) -> RecordTable | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, RecordTable) else None

    def focus_search(self) -> None:
        table = self.current_table()
        if table is not None:
            table.focus_search()

    def reload(self) -> None:
        self.dashboard.refresh()
        for table in self.tables.values():
            table.reload()
        self._update_status()

    def about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About PrivacyDesk"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(self.tr("PrivacyDesk {version}").format(version=privacydesk.__version__))
        box.setInformativeText(self.tr(
            "A console for the privacy officer: the personal-data inventory, consent, "
            "requests, training, access, incidents and third parties under the APPI and "
            "the GDPR.\n\nDatabase: {path}\nQt {qt}").format(
                path=self.db.path or "", qt=qVersion()))
        box.open()  # not exec(): a lock may destroy the window while the box is up

    def shutdown_for_lock(self) -> None:
        """Close without emitting `closed`: the console is locking, not quitting."""
        self._locking = True
        self._ticker.stop()
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        super().closeEvent(event)
        if not self._locking:
            self.closed.emit()
