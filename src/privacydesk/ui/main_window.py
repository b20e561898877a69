"""The main window: the dashboard and one tab per area, menus, and the status bar.

Made fresh at each unlock (and at a change of language) and destroyed at each lock,
so no view outlives the open database. What the officer was doing — the tab, each
list's search, filters and sort, the record in each form and any unsaved edit — is
kept by `snapshot()` and given back by `restore()`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from privacydesk.services import about as app_info
from privacydesk.services import notices, present, session, team
from privacydesk.services.session import Database
from privacydesk.ui.autolock import AutoLock
from privacydesk.ui.dialogs import workflows  # noqa: F401  (registers the record actions)
from privacydesk.ui.models.record_model import ListState
from privacydesk.ui.tabs.areas import AREA_OF, AREAS, AreaTab, area_title
from privacydesk.ui.tabs.dashboard import DashboardTab
from privacydesk.ui.tabs.entity_view import EntityView
from privacydesk.ui.workers import Jobs


class MainWindow(QMainWindow):
    lockRequested = Signal()
    closed = Signal()
    languageRequested = Signal(str)  # "ja" | "en": the console rebuilds the window
    databaseReplaced = Signal(object)  # a new handle (after a change of passphrase)
    connectRequested = Signal()  # File → Connect to a team server…: the console asks
    changedElsewhere = Signal(object)  # entity names another user changed (team server)

    def __init__(self, db: Database, *, lang: str = "en", autolock: AutoLock | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.autolock = autolock
        self.today = today
        self._locking = False
        self.reports_dialog: QDialog | None = None
        self.setObjectName("main")
        self.jobs = Jobs(self)
        name = session.describe(db)
        self.setWindowTitle(self.tr("PrivacyDesk — {name}").format(name=name))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.dashboard = DashboardTab(db, lang=lang, jobs=self.jobs, today=today,
                                      parent=self.tabs)
        self.dashboard.dutyActivated.connect(self.open_duty)
        self.dashboard.openList.connect(self.open_list)
        self.dashboard.refreshed.connect(self._update_status)
        self.tabs.addTab(self.dashboard, area_title("dashboard"))
        self.areas: dict[str, AreaTab] = {}
        for area in AREAS:
            tab = AreaTab(db, area, lang=lang, jobs=self.jobs, today=today, parent=self.tabs)
            tab.setObjectName(f"area_{area.key}")
            tab.changed.connect(self.dashboard.refresh)
            self.areas[area.key] = tab
            index = self.tabs.addTab(tab, area_title(area.key))
            self.tabs.setTabVisible(index, tab.readable)  # nothing this login may read
            for view in tab.views.values():
                view.countChanged.connect(self._update_status)
                view.changed.connect(lambda v=view: self._written_in(v))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._update_status)

        self._make_menus()
        self._make_status_bar(name)
        self.resize(1280, 800)
        # on a team server, lists others changed are read again (LISTEN/NOTIFY)
        self.changedElsewhere.connect(self._changed_elsewhere)
        self.watcher = notices.watch(db, self.changedElsewhere.emit)

    # --- views ----------------------------------------------------------------------

    def view(self, entity_name: str) -> EntityView:
        return self.areas[AREA_OF[entity_name]].views[entity_name]

    def current_view(self) -> EntityView | None:
        widget = self.tabs.currentWidget()
        return widget.current_view() if isinstance(widget, AreaTab) else None

    def show_entity(self, entity_name: str) -> EntityView:
        tab = self.areas[AREA_OF[entity_name]]
        self.tabs.setCurrentWidget(tab)
        return tab.show_entity(entity_name)

    def open_record(self, entity_name: str, record_id: int) -> EntityView:
        view = self.show_entity(entity_name)
        view.open_record(record_id)
        return view

    def _written_in(self, source: EntityView) -> None:
        """A view saved or deleted a record: the other lists are read again when next
        shown (a decision moves a grant's review, a report an incident's deadline)."""
        for tab in self.areas.values():
            for view in tab.views.values():
                if view is not source:
                    view.mark_stale()

    def _changed_elsewhere(self, entities: set[str]) -> None:
        """Records of these entities were written (by anyone): their lists, and the
        dashboard, are read again now if shown, else when next shown; a form being
        edited keeps its edits."""
        for name in entities:
            if name in AREA_OF:
                self.view(name).mark_stale()
        self.dashboard.refresh()

    def _stop_watching(self) -> None:
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()

    def open_duty(self, duty: Any) -> None:
        if duty.entity in AREA_OF:
            self.open_record(duty.entity, duty.record_id)

    def open_list(self, entity_name: str, state: ListState) -> None:
        view = self.show_entity(entity_name)
        view.list.set_state(state)

    # --- menus ----------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.backup_action = self._action(self.tr("&Back up now…"), self.backup_now,
                                          tip=self.tr("Write an encrypted, verified copy"))
        self.passphrase_action = self._action(self.tr("Change &passphrase…"),
                                              self.change_passphrase)
        self.lock_action = self._action(
            self.tr("&Lock"), self.lockRequested.emit, "Ctrl+L",
            self.tr("Close the database and ask for the passphrase"))
        self.quit_action = self._action(self.tr("&Quit"), self.close,
                                         QKeySequence.StandardKey.Quit)
        self.export_all_action = self._action(
            self.tr("&Export every list to Excel…"), lambda: self.export_all_to_excel(),
            tip=self.tr("One workbook with a sheet for each list, every record in it"))
        self.connect_action = self._action(
            self.tr("&Connect to a team server…"), self.connectRequested.emit,
            tip=self.tr("Work on the team's PostgreSQL server instead"))
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_all_action)
        self.import_action = self._action(
            self.tr("&Import from a spreadsheet…"), lambda: self.import_sheet(), "Ctrl+I",
            self.tr("Bring an Excel or CSV file into the list shown"))
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        for a in (self.backup_action, self.passphrase_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        if self.db.path is None:
            self.passphrase_action.setEnabled(False)
            self.backup_action.setEnabled(False)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.new_action = self._action(self.tr("&New record"), self.new_record,
                                       QKeySequence.StandardKey.New)
        self.save_action = self._action(self.tr("&Save"), self.save,
                                        QKeySequence.StandardKey.Save)
        self.revert_action = self._action(self.tr("&Revert"), self.revert, "Esc")
        self.delete_action = self._action(self.tr("&Delete…"), self.delete,
                                          QKeySequence.StandardKey.Delete)
        self.find_action = self._action(self.tr("&Find…"), self.focus_search,
                                        QKeySequence.StandardKey.Find)
        for a in (self.new_action, self.save_action, self.revert_action, self.delete_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        records_menu = bar.addMenu(self.tr("&Records"))
        self.reload_action = self._action(self.tr("Re&load"), self.reload,
                                          QKeySequence.StandardKey.Refresh)
        self.history_action = self._action(self.tr("&History…"), self.history, "Ctrl+H")
        records_menu.addAction(self.reload_action)
        records_menu.addAction(self.history_action)
        records_menu.addSeparator()
        self.tab_actions: list[QAction] = []
        shown = [i for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]
        for n, index in enumerate(shown):  # Ctrl+1… number the tabs this login sees
            key = f"Ctrl+{(n + 1) % 10}" if n < 10 else None
            action = self._action(self.tabs.tabText(index),
                                  lambda _=False, i=index: self.tabs.setCurrentIndex(i), key)
            records_menu.addAction(action)
            self.tab_actions.append(action)

        reports_menu = bar.addMenu(self.tr("Re&ports"))
        self.reports_action = self._action(
            self.tr("&Reports…"), self.open_reports, "Ctrl+P",
            self.tr("Generate a PDF report, look at it, save or print it"))
        reports_menu.addAction(self.reports_action)

        tools_menu = bar.addMenu(self.tr("&Tools"))
        self.verify_action = self._action(self.tr("&Verify database…"), self.verify)
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings,
                                            "Ctrl+,")
        tools_menu.addAction(self.verify_action)
        tools_menu.addAction(self.settings_action)
        language_menu = tools_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("ja", "日本語"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About PrivacyDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        about_qt = QAction(self.tr("About &Qt"), self)
        about_qt.triggered.connect(QApplication.aboutQt)
        help_menu.addAction(about_qt)

    # --- commands -------------------------------------------------------------------

    def new_record(self) -> None:
        view = self.current_view()
        if view is not None:
            view.new_record()

    def save(self) -> None:
        view = self.current_view()
        if view is not None:
            view.save()

    def revert(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.objectName() == "search":
            focus.clear()
            parent = focus.parentWidget()
            if parent is not None and hasattr(parent, "apply_search"):
                parent.apply_search()
            return
        view = self.current_view()
        if view is not None and view.is_built and view.form.is_dirty():
            view.revert()

    def delete(self) -> None:
        view = self.current_view()
        if view is not None and view.form.record_id is not None:
            view.delete()

    def history(self) -> None:
        view = self.current_view()
        if view is not None:
            view.show_history()

    def focus_search(self) -> None:
        view = self.current_view()
        if view is not None:
            view.list.focus_search()

    def reload(self) -> None:
        self.dashboard.refresh()
        for tab in self.areas.values():
            for view in tab.views.values():
                if view._started:
                    view.reload()
        self._update_status()

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.languageRequested.emit(lang)

    def open_reports(self) -> None:
        """The reports dialog: one per window, kept with its choices while the window
        lives (it removes its generated files whenever it closes)."""
        if self.reports_dialog is None:
            from privacydesk.ui.dialogs.reports import ReportsDialog

            self.reports_dialog = ReportsDialog(self.db, self.jobs, lang=self.lang,
                                                today=self.today, parent=self)
        self.reports_dialog.show()
        self.reports_dialog.raise_()
        self.reports_dialog.activateWindow()

    def verify(self) -> None:
        from privacydesk.ui.dialogs.maintenance import VerifyDialog

        VerifyDialog(self.db, self.jobs, parent=self).open()

    def export_all_to_excel(self, path: str | None = None) -> None:
        """Every list (this login may read), one sheet each, in one workbook (what
        `export --all` writes): the
        entities in the order of their declaration, catalog first, so that a sheet refers
        to rows of its own or of the sheets before it."""
        from privacydesk.domain.entities import ENTITIES
        from privacydesk.ui.dialogs import workbook

        if path is None:
            path = workbook.ask_path(self, workbook.suggested_name("privacydesk", self.today))
            if path is None:
                return
        readable = [e.name for e in ENTITIES if team.may(self.db, e.name)]  # a manager's
        workbook.export_to_excel(self.db, self.jobs, readable, path,
                                 lang=self.lang, today=self.today, parent=self)

    def import_sheet(self, entity_name: str | None = None) -> QDialog | None:
        """The import wizard of the list shown, or of the list asked for (from the
        dashboard)."""
        view = self.show_entity(entity_name) if entity_name else self.current_view()
        if view is None:
            names = [name for area in AREAS for name in area.entities]
            labels = [present.entity_label(name, self.lang, plural=True) for name in names]
            label, ok = QInputDialog.getItem(self, self.tr("Import from a spreadsheet"),
                                             self.tr("Into which list?"), labels, 0, False)
            if not ok:
                return None
            view = self.show_entity(names[labels.index(label)])
        refused = team.read_only(self.db, view.entity_name, "create")
        if refused is not None:  # the server would refuse every row
            self.statusBar().showMessage(present.message(refused, self.lang), 10_000)
            return None
        return view.import_from_sheet()

    def backup_now(self) -> None:
        from privacydesk.ui.dialogs.maintenance import backup_now

        backup_now(self.db, self.jobs, parent=self)

    def change_passphrase(self) -> None:
        from privacydesk.ui.dialogs import maintenance

        dialog = maintenance.PassphraseDialog(self.db, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = dialog.new.text()
        self.jobs.shutdown()  # nothing may read the file while it is replaced
        maintenance.change_passphrase(self.db, new, parent=self,
                                      on_done=self._passphrase_changed)

    def _passphrase_changed(self, new_db: Database | None) -> None:
        if new_db is None:  # failed: the old file (and key) stays; start afresh on it
            self.jobs = Jobs(self)
            self.databaseReplaced.emit(self.db)
            return
        QMessageBox.information(self, self.tr("Change passphrase"), self.tr(
            "The passphrase is changed. Use the new one from now on."))
        self.databaseReplaced.emit(new_db)

    def open_settings(self) -> None:
        from privacydesk.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.db, lang=self.lang, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if dialog.language_changed_to is not None:
                self.languageRequested.emit(dialog.language_changed_to)
                return
            if dialog.changed:
                self.dashboard.refresh()
                if self.autolock is not None and dialog.auto_lock_minutes is not None:
                    self.autolock.interval_ms = dialog.auto_lock_minutes * 60_000

    def about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About PrivacyDesk"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(self.tr("PrivacyDesk {version}").format(version=app_info.version()))
        parts = app_info.components()
        listed = "\n".join(f"• {c.name} {c.version} — {c.licence}" for c in parts)
        box.setInformativeText(self.tr(
            "A console for the privacy officer: the personal-data inventory, consent, "
            "requests, training, access, incidents and third parties under the APPI and "
            "the GDPR.\n\nDatabase: {path}\nQt {qt}").format(
                path=session.location(self.db), qt=qVersion())
            + "\n\n" + self.tr("Components and their licences:") + "\n" + listed)
        box.open()  # not exec(): a lock may destroy the window while the box is up

    # --- status bar -----------------------------------------------------------------

    def _make_status_bar(self, name: str) -> None:
        status = self.statusBar()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("status_count")
        self.overdue_label = QLabel(self)
        self.lock_label = QLabel(self)
        self.db_label = QLabel(name, self)
        self.db_label.setToolTip(session.location(self.db))
        self.role_label = QLabel(self._role_text(), self)
        self.role_label.setObjectName("status_role")
        status.addWidget(self.count_label)
        status.addWidget(self.overdue_label)
        status.addPermanentWidget(self.lock_label)
        status.addPermanentWidget(self.role_label)
        status.addPermanentWidget(self.db_label)
        self.role_label.setVisible(bool(self.role_label.text()))
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._update_lock_label)
        self._ticker.start()
        self._update_status()

    def _role_text(self) -> str:
        """The login's role on a team server, as the status bar shows it."""
        role = team.role(self.db)
        if role == "officer":
            return self.tr("Officer")
        if role == "auditor":
            return self.tr("Auditor (read only)")
        if role == "manager":
            return self.tr("Manager of {departments}").format(
                departments=", ".join(team.my_departments(self.db)))
        return ""

    def _update_status(self, *_args) -> None:
        view = self.current_view()
        if view is None:
            n = self.dashboard.model.rowCount()
            self.count_label.setText(
                self.tr("1 duty") if n == 1 else self.tr("{n} duties").format(n=f"{n:,}"))
        else:
            self.count_label.setText(
                f"{view.entity.plural(self.lang)}: {view.list.count_text()}")
        if self.dashboard.loaded:
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

    # --- state ------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """What the officer was doing: the tab, each area's views, unsaved edits."""
        return {"tab": self.tabs.currentIndex(),
                "areas": {k: t.snapshot() for k, t in self.areas.items()}}

    def restore(self, snap: dict[str, Any]) -> None:
        for key, s in snap.get("areas", {}).items():
            if key in self.areas:
                self.areas[key].restore(s)
        self.tabs.setCurrentIndex(snap.get("tab", 0))

    def drafts(self) -> list[EntityView]:
        """The views that hold an unsaved edit."""
        return [v for t in self.areas.values() for v in t.views.values()
                if v.is_built and v.form.is_dirty()]

    # --- closing ----------------------------------------------------------------------

    def shutdown_for_lock(self) -> None:
        """Close without emitting `closed`: the console is locking, not quitting."""
        self._locking = True
        self._ticker.stop()
        self._stop_watching()
        self.jobs.shutdown()
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._locking:
            for view in self.drafts():
                self.open_record(view.entity_name, view.form.record_id) \
                    if view.form.record_id is not None else self.show_entity(view.entity_name)
                if not view.confirm_leave():
                    event.ignore()
                    return
            self.jobs.shutdown()
            if self.reports_dialog is not None:
                self.reports_dialog.reject()  # its generated files go
        self._ticker.stop()
        self._stop_watching()
        super().closeEvent(event)
        if not self._locking:
            self.closed.emit()
