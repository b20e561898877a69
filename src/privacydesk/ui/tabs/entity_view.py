"""Master–detail view of one entity: the list on the left, the record's form beside it.

Selecting a row shows its record; New starts an empty form; Save writes through the
services and selects what was written; Delete asks first and says which records still
refer to the one to delete. Leaving a record with unsaved changes asks whether to save
them. Workflows of the entity (a request's statuses, a consent's withdrawal, …) are
actions on the record, in its context menu and as buttons above the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import present, team
from privacydesk.services.session import Database
from privacydesk.ui.models.record_model import ListState
from privacydesk.ui.widgets.record_form import RecordForm
from privacydesk.ui.widgets.record_list import RecordList
from privacydesk.ui.workers import Jobs


@dataclass(frozen=True)
class RecordAction:
    """A workflow on one record: a label, when it applies, and what it does.

    `run(view, row)` opens the workflow's dialog; `applies(row)` decides whether the
    action is offered for a record (None: always).
    """

    key: str
    label: Text
    run: Callable[[EntityView, dict[str, Any]], None]
    applies: Callable[[dict[str, Any]], bool] | None = None
    new_record: bool = False  # offered without a selected record (e.g. "Record for many…")


# entity name -> its workflow actions (registered by ui.dialogs.workflows)
ACTIONS: dict[str, list[RecordAction]] = {}


def register_action(entity_name: str, action: RecordAction) -> None:
    ACTIONS.setdefault(entity_name, []).append(action)


class HistoryDialog(QDialog):
    """Who changed a record, when, and what: field by field, newest first."""

    def __init__(self, db: Database, entity_name: str, record_id: int, *, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = present.title(db, entity_name, record_id, lang)
        self.setWindowTitle(self.tr("History of {what}").format(what=title))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("history")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("When (JST)"), self.tr("Who / field"),
                                   self.tr("Before"), self.tr("After")])
        self.entries = present.history(db, entity_name, record_id, lang)
        for entry in self.entries:
            top = QTreeWidgetItem(self.tree, [entry.at_text, f"{entry.action_text} — "
                                              f"{entry.who}", "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFont(1, font)
            for change in entry.changes:
                child = QTreeWidgetItem(top, ["", change.label, change.before, change.after])
                for column in (2, 3):
                    child.setToolTip(column, child.text(column))
            top.setExpanded(True)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(860, 520)


class EntityView(QWidget):
    """List and form of one entity, side by side."""

    changed = Signal()  # a record was saved or deleted here (the dashboard may update)
    countChanged = Signal()  # the list's count changed
    built = Signal()

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 jobs: Jobs | None = None, today: date | None = None,
                 state: ListState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.lang = lang
        self._today = today
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.entity_name = entity_name
        self.entity = entity(entity_name)
        self._state = state
        self._list: RecordList | None = None
        self._form: RecordForm | None = None
        self._following = True  # the form follows the list's selection
        self._started = False
        self._stale = False  # a record was written elsewhere while this view was hidden
        self.action_buttons: dict[str, QPushButton] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    # --- building (on first use: the window opens without building 29 forms) -----------

    def _build(self) -> None:
        if self._list is not None:
            return
        self._list = RecordList(self._db, self.entity_name, lang=self.lang, jobs=self.jobs,
                                today=self._today, state=self._state, autoload=False,
                                parent=self)
        self._form = RecordForm(self._db, self.entity_name, lang=self.lang, today=self._today,
                                parent=self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._list)
        splitter.addWidget(self._form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._layout.addWidget(splitter)

        for action in ACTIONS.get(self.entity_name, []):
            button = QPushButton(present.message(action.label, self.lang) + "…", self._form)
            button.setObjectName(f"action_{action.key}")
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self._form.actions_bar.addWidget(button)
            self.action_buttons[action.key] = button

        self._list.currentRecordChanged.connect(self._selected)
        self._list.activated.connect(lambda _id: self.form.setFocus())
        self._list.contextMenuRequested.connect(self._fill_menu)
        self._list.countChanged.connect(self.countChanged)
        self._form.saved.connect(self._saved)
        self._form.deleted.connect(self._deleted)
        self._form.historyRequested.connect(self.show_history)
        self._update_actions()
        self.built.emit()

    @property
    def list(self) -> RecordList:
        self._build()
        assert self._list is not None
        return self._list

    @property
    def form(self) -> RecordForm:
        self._build()
        assert self._form is not None
        return self._form

    @property
    def is_built(self) -> bool:
        return self._list is not None

    # --- loading ----------------------------------------------------------------------

    def start(self) -> None:
        """Read the list the first time the view is shown."""
        if not self._started:
            self._started = True
            self.list.model.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.start()
        if self._stale:
            self._stale = False
            self.reload()

    def mark_stale(self) -> None:
        """Another view wrote a record: what this list computes from it (a due date, a
        last check, a status) may have changed. Read again now if shown, else when shown."""
        if not self._started:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    @property
    def model(self):
        return self.list.model

    # --- selection ----------------------------------------------------------------------

    def _selected(self, record_id: int | None) -> None:
        if not self._following:
            return
        if record_id == self.form.record_id:
            return
        if record_id is None:
            if self.form.record_id is not None and not self.form.is_dirty():
                self.form.new()
            self._update_actions()
            return
        if not self.confirm_leave():
            self._following = False
            try:
                if self.form.record_id is not None:
                    self.list.select_record(self.form.record_id)
                else:
                    self.list.clear_selection()
            finally:
                self._following = True
            return
        self.form.load(record_id)
        self._update_actions()

    def confirm_leave(self) -> bool:
        """With unsaved changes: save, discard or stay. True when it is fine to leave."""
        if not self.form.is_dirty():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Save the changes to this record?"))
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return self.form.save()
        return clicked is discard

    def open_record(self, record_id: int) -> None:
        """Show a record in the form, and select it in the list when it is loaded there."""
        if not self.confirm_leave():
            return
        self._following = False
        try:
            self.list.show_record(record_id)
        finally:
            self._following = True
        self.form.load(record_id)
        self._update_actions()

    # --- commands -------------------------------------------------------------------------

    def new_record(self, values: dict[str, Any] | None = None) -> None:
        if not self.confirm_leave():
            return
        self._following = False
        try:
            self.list.clear_selection()
        finally:
            self._following = True
        self.form.new(values)
        self._update_actions()
        first = next(iter(self.form.editors.values()), None)
        if first is not None:
            first.setFocus()

    def import_from_sheet(self) -> QDialog:
        """The import wizard for this list; the list is read again after an import."""
        from privacydesk.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self._db, self.entity_name, self.jobs, lang=self.lang,
                              today=self._today, parent=self)
        wizard.imported.connect(lambda _result: self._imported())
        wizard.open()
        return wizard

    def _imported(self) -> None:
        self.list.reload()
        self.changed.emit()

    def save(self) -> bool:
        return self.form.save()

    def revert(self) -> None:
        self.form.revert()

    def delete(self) -> bool:
        return self.form.delete()

    def show_history(self, record_id: int | None = None) -> None:
        rid = record_id if record_id is not None else self.form.record_id
        if rid is None:
            return
        dialog = HistoryDialog(self._db, self.entity_name, rid, lang=self.lang, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def reload(self) -> None:
        self.list.reload()
        if self.form.record_id is not None and not self.form.is_dirty():
            self.form.load(self.form.record_id)

    def _saved(self, record_id: int) -> None:
        self.list.reload(select=record_id)
        self._update_actions()
        self.changed.emit()

    def _deleted(self, _record_id: int) -> None:
        self.list.reload()
        self._update_actions()
        self.changed.emit()

    def record_changed(self, record_id: int | None = None) -> None:
        """A workflow wrote the record: show it again and update the list."""
        rid = record_id if record_id is not None else self.form.record_id
        if rid is not None:
            self.form.load(rid)
        self.list.reload(select=rid)
        self._update_actions()
        self.changed.emit()

    # --- workflow actions -------------------------------------------------------------------

    def actions(self) -> list[RecordAction]:
        return ACTIONS.get(self.entity_name, [])

    def run_action(self, action: RecordAction) -> None:
        row = self.form.record
        if not action.new_record:
            if row is None:
                return
            if not self.confirm_leave():
                return
            row = self.form.record
        action.run(self, row or {})

    def _may_run(self, action: RecordAction) -> bool:
        """A workflow is offered only to a login that may write what it writes: a new
        record of this list, or this record (the server would refuse the rest)."""
        return team.may(self._db, self.entity_name,
                        "create" if action.new_record else "update")

    def _update_actions(self) -> None:
        if self._form is None:
            return
        row = self._form.record
        for action in self.actions():
            button = self.action_buttons.get(action.key)
            if button is None:
                continue
            ok = action.new_record or (row is not None and (action.applies is None
                                                            or action.applies(row)))
            button.setEnabled(ok)
            button.setVisible((action.new_record or row is not None) and self._may_run(action))

    def _fill_menu(self, menu: QMenu, record_id: int | None) -> None:
        if team.may(self._db, self.entity_name, "create"):
            new = QAction(self.tr("New record"), menu)
            new.setShortcut("Ctrl+N")
            new.triggered.connect(lambda: self.new_record())
            menu.addAction(new)
            sheet = QAction(self.tr("Import from a spreadsheet…"), menu)
            sheet.setShortcut("Ctrl+I")
            sheet.triggered.connect(lambda: self.import_from_sheet())
            menu.addAction(sheet)
        if record_id is None:
            return
        history = QAction(self.tr("History…"), menu)
        history.triggered.connect(lambda: self.show_history(record_id))
        menu.addAction(history)
        if team.may(self._db, self.entity_name, "delete"):
            delete = QAction(self.tr("Delete…"), menu)
            delete.triggered.connect(self.delete)
            menu.addAction(delete)
        row = self.form.record if self.form.record_id == record_id else None
        acts = [a for a in self.actions() if self._may_run(a) and (a.new_record or (
            row is not None and (a.applies is None or a.applies(row))))]
        if acts:
            menu.addSeparator()
            for a in acts:
                item = QAction(present.message(a.label, self.lang) + "…", menu)
                item.triggered.connect(lambda _=False, act=a: self.run_action(act))
                menu.addAction(item)

    # --- state across a lock or a change of language ----------------------------------------

    def snapshot(self) -> dict[str, Any]:
        if not self.is_built:
            return {"started": False}
        return {"state": self.list.model.state, "record": self.form.record_id,
                "draft": self.form.draft(), "started": self._started}

    def restore(self, snap: dict[str, Any]) -> None:
        state = snap.get("state")
        if state is not None:
            self.list.set_state(state)
            self._started = True
        draft = snap.get("draft")
        if draft is not None:
            self.form.restore_draft(draft)
        elif snap.get("record") is not None:
            self.form.load(snap["record"])
        self.list._select_when_loaded = self.form.record_id
        self._update_actions()
