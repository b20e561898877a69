"""The form of one record, generated from the entity's field declarations.

Sections come from the declared groups, labels and help from the fields (in the
language of the window), editors from the field types (see `editors`). Fields declared
`when` another field holds certain values appear only then. Computed fields (due
dates, statuses) show read-only and are read again after each save. A save goes to the
services, whose validation messages appear under the field they concern; nothing is
written unless every field is right.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Entity, Field, FieldType
from privacydesk.services import present, records, session, team
from privacydesk.services.session import Database
from privacydesk.ui.widgets.editors import MultiRefEditor, RefEditor, make_editor
from privacydesk.ui.widgets.flow import FlowLayout

ERROR_STYLE = "color: #c62828;"
LABEL_WIDTH = 165


class _Row:
    """One field of the form: its label, its editor (or read-only text), its message."""

    def __init__(self, f: Field, label: QLabel, widget: QWidget, message: QLabel,
                 layout: QFormLayout) -> None:
        self.field = f
        self.label = label
        self.widget = widget
        self.message = message
        self.layout = layout

    def show_message(self, text: str | None) -> None:
        self.message.setText(("⚠ " + text) if text else "")
        self.message.setVisible(bool(text))

    def set_visible(self, visible: bool) -> None:
        self.layout.setRowVisible(self.label, visible)


class RecordForm(QWidget):
    """Edit one record of an entity (or a new one)."""

    saved = Signal(int)  # the id of the record written
    deleted = Signal(int)
    dirtyChanged = Signal(bool)
    historyRequested = Signal(int)
    waiting = Signal(str)  # the message while a save waits for another writer, or ""

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.entity: Entity = entity(entity_name)
        self.lang = lang
        self._today = today
        self.record_id: int | None = None
        self.record: dict[str, Any] | None = None
        self._initial: dict[str, Any] = {}
        self._wait_shown = False
        self._dirty = False
        self._loading = False
        self.rows: dict[str, _Row] = {}
        self.editors: dict[str, QWidget] = {}
        self.sections: dict[str, QGroupBox] = {}
        # what this login may do here (on a team server, as its role allows)
        self.may = {a: team.may(db, self.entity.name, a) for a in ("create", "update",
                                                                    "delete")}
        self.read_only_label = QLabel(self)
        self.read_only_label.setObjectName("readOnly")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet("color: palette(placeholder-text);")
        self.read_only_label.hide()

        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel(self)
        self.banner.setObjectName("formErrors")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        # a save refused because someone else saved the record meanwhile
        self._stale: records.Stale | None = None
        self.stale_bar = QFrame(self)
        self.stale_bar.setObjectName("staleBar")
        self.stale_label = QLabel(self.stale_bar)
        self.stale_label.setObjectName("staleMessage")
        self.stale_label.setStyleSheet(ERROR_STYLE)
        self.stale_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"), self.stale_bar)
        self.reload_button.setObjectName("staleReload")
        self.reload_button.setToolTip(self.tr(
            "Show the record as it was saved; your edits are dropped"))
        self.reload_button.clicked.connect(self.reload)
        self.compare_button = QPushButton(self.tr("Compare…"), self.stale_bar)
        self.compare_button.setObjectName("staleCompare")
        self.compare_button.setToolTip(self.tr(
            "Your edits beside the saved record, field by field"))
        self.compare_button.clicked.connect(self.compare)
        stale_layout = QHBoxLayout(self.stale_bar)
        stale_layout.setContentsMargins(0, 0, 0, 0)
        stale_layout.addWidget(self.stale_label, 1)
        stale_layout.addWidget(self.reload_button)
        stale_layout.addWidget(self.compare_button)
        self.stale_bar.hide()
        self.compare_dialog: QDialog | None = None

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        for group in self.entity.groups:
            fields = self.entity.fields_of(group)
            if not fields:
                continue
            box = QGroupBox(group.label(lang), body)
            box.setObjectName(f"section_{group.key}")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            for f in fields:
                self._add_row(f, box, form)
            body_layout.addWidget(box)
            self.sections[group.key] = box
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setToolTip(self.tr("Undo the changes not yet saved (Esc)"))
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(self.tr("Delete this record (Delete)"))
        self.delete_button.clicked.connect(self.delete)
        self.history_button = QPushButton(self.tr("History…"), self)
        self.history_button.setToolTip(self.tr("Who changed this record, when and how"))
        self.history_button.clicked.connect(
            lambda: self.record_id is not None and self.historyRequested.emit(self.record_id))
        self.actions_bar = FlowLayout(spacing=4)  # workflow buttons, added by the view
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.read_only_label)
        layout.addLayout(self.actions_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.stale_bar)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.new()

    # --- building ---------------------------------------------------------------------

    def _add_row(self, f: Field, parent: QWidget, form: QFormLayout) -> None:
        label = QLabel(f.label(self.lang) + ("*" if f.required and f.editable else ""), parent)
        # a fixed label column; a long label wraps and its row grows to hold every line
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)
        label.setMinimumHeight(label.heightForWidth(LABEL_WIDTH))
        help_text = f.help(self.lang)
        if help_text:
            label.setToolTip(help_text)
        holder = QWidget(parent)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        if f.editable:
            editor = make_editor(f, self._db, self.lang, holder, today=self._today)
            editor.setObjectName(f"field_{f.name}")
            if help_text:
                editor.setToolTip(help_text)
            editor.changed.connect(self._changed)  # type: ignore[attr-defined]
            self.editors[f.name] = editor
            label.setBuddy(editor)
            widget: QWidget = editor
        else:
            widget = QLabel(holder)
            widget.setObjectName(f"field_{f.name}")
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # one line (a form row does not grow for a wrapped label); long text wraps
            widget.setWordWrap(f.type is FieldType.LONGTEXT)
        message = QLabel(holder)
        message.setObjectName(f"message_{f.name}")
        message.setStyleSheet(ERROR_STYLE)
        message.setWordWrap(True)
        message.hide()
        message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        box.addWidget(widget)
        box.addWidget(message)
        form.addRow(label, holder)
        self.rows[f.name] = _Row(f, label, widget, message, form)

    # --- loading ----------------------------------------------------------------------

    def new(self, values: dict[str, Any] | None = None) -> None:
        """An empty form for a new record (declared defaults, then `values`)."""
        defaults = {f.name: (list(f.default) if isinstance(f.default, list) else f.default)
                    for f in self.entity.fields if f.editable}
        self._fill(None, {**defaults, **(values or {})})

    def load(self, record_id: int | None) -> bool:
        """Show a record (None: a new one). False when it no longer exists."""
        if record_id is None:
            self.new()
            return True
        try:
            row = records.get(self._db, self.entity.name, record_id, today=self._today)
        except records.NotFound:
            self.new()
            return False
        self._fill(record_id, row)
        return True

    def _fill(self, record_id: int | None, row: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.record_id = record_id
            self.record = row if record_id is not None else None
            titles = present.texts(self._db, self.entity.name, [row], self.lang,
                                   cell=False)[0]
            with_titles = self._ref_titles(row)
            for name, editor in self.editors.items():
                value = row.get(name)
                if isinstance(editor, RefEditor):
                    editor.set_value(value, with_titles.get(name, {}).get(value))
                elif isinstance(editor, MultiRefEditor):
                    editor.set_value(value, with_titles.get(name))
                else:
                    editor.set_value(value)  # type: ignore[attr-defined]
            for name, r in self.rows.items():
                if name in self.editors:
                    continue
                text = titles.get(name, "")
                label: QLabel = r.widget  # type: ignore[assignment]
                if present.is_status(r.field) and row.get(name) is not None:
                    t = present.tone(name, row.get(name))
                    label.setText(f"● {text}" if t else text)
                    label.setStyleSheet(f"color: {present.colour(t)};" if t else "")
                else:
                    label.setText(text or "—")
                    label.setStyleSheet("")
            for r in self.rows.values():
                r.show_message(None)
            self.banner.hide()
            self.stale_bar.hide()
            self._stale = None
            self._initial = self.values()
        finally:
            self._loading = False
        self._update_title()
        self._update_visibility()
        self._set_dirty(False)
        self.delete_button.setEnabled(record_id is not None and not self.entity.single)
        self.delete_button.setVisible(self.may["delete"])
        self.history_button.setEnabled(record_id is not None)
        self._show_writable()

    def writable(self) -> bool:
        """Whether this login may save the form as shown (a new record: create)."""
        return self.may["update"] if self.record_id is not None else self.may["create"]

    def _show_writable(self) -> None:
        """Editors, Save and Revert only where this login may write; else a note."""
        can = self.writable()
        for editor in self.editors.values():
            editor.setEnabled(can)
        self.save_button.setVisible(self.may["create"] or self.may["update"])
        self.revert_button.setVisible(self.may["create"] or self.may["update"])
        note = team.read_only(self._db, self.entity.name,
                              "update" if self.record_id is not None else "create")
        self.read_only_label.setText(present.message(note, self.lang) if note else "")
        self.read_only_label.setVisible(note is not None)

    def _ref_titles(self, row: dict[str, Any]) -> dict[str, dict[int, str]]:
        with self._db.read() as conn:
            return present.Titles(conn, self.lang).for_rows(self.entity, [row])

    def _update_title(self) -> None:
        if self.record_id is None and not self.may["create"]:  # a login that only reads
            self.title_label.setText(self.tr("Choose a record in the list"))
        elif self.record_id is None:
            self.title_label.setText(self.tr("New {what}").format(
                what=self.entity.label(self.lang)))
        else:
            self.title_label.setText(f"{self.entity.label(self.lang)} #{self.record_id} — "
                                     + present.title(self._db, self.entity.name,
                                                     self.record_id, self.lang))

    # --- state ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The editable fields as the editors hold them now."""
        return {name: editor.value() for name, editor in self.editors.items()}  # type: ignore

    def changes(self) -> dict[str, Any]:
        current = self.values()
        return {k: v for k, v in current.items() if v != self._initial.get(k)}

    def is_dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self._loading:
            return
        self._update_visibility()
        self._set_dirty(bool(self.changes()))

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled((dirty or self.record_id is None) and self.writable())
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _update_visibility(self) -> None:
        current = {**(self.record or {}), **self.values()}
        for r in self.rows.values():
            r.set_visible(r.field.shown(current))
        for key, box in self.sections.items():
            box.setVisible(any(r.field.shown(current) for r in self.rows.values()
                               if r.field.group == key))

    def draft(self) -> dict[str, Any] | None:
        """The unsaved edit, to be restored after a lock or a change of language."""
        if not self._dirty:
            return None
        return {"id": self.record_id, "changes": self.changes()}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.load(draft.get("id"))
        self._loading = True
        try:
            for name, value in draft.get("changes", {}).items():
                editor = self.editors.get(name)
                if editor is not None:
                    editor.set_value(value)  # type: ignore[attr-defined]
        finally:
            self._loading = False
        self._changed()

    # --- actions ----------------------------------------------------------------------

    def revert(self) -> None:
        if self.record_id is None:
            self.new()
        else:
            self.load(self.record_id)

    def _local_problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        current = {**(self.record or {}), **self.values()}
        for name, editor in self.editors.items():
            if not self.rows[name].field.shown(current):
                continue
            problem = editor.problem()  # type: ignore[attr-defined]
            if problem is None and isinstance(editor, RefEditor):
                problem = editor.resolve()
            if problem:
                problems[name] = problem
        return problems

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        """Messages under their fields; those of no (visible) field in the banner."""
        general: list[str] = []
        current = {**(self.record or {}), **self.values()}
        for name, r in self.rows.items():
            messages = errors.get(name)
            r.show_message("\n".join(messages) if messages else None)
        for name, messages in errors.items():
            r = self.rows.get(name)
            if r is None or not r.field.shown(current):
                label = r.field.label(self.lang) + ": " if r is not None else ""
                general.extend(label + m for m in messages)
        if errors:
            n = sum(len(m) for m in errors.values())
            head = (self.tr("Not saved: 1 problem.") if n == 1
                    else self.tr("Not saved: {n} problems.").format(n=n))
            self.banner.setText("⚠ " + head + ("\n" + "\n".join(general) if general else ""))
            self.banner.show()
            first = next((self.editors[n] for n in self.editors if n in errors), None)
            if first is not None:
                self.scroll.ensureWidgetVisible(first)
                first.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.banner.hide()

    def save(self) -> bool:
        """Write the record through the services; True when it was written."""
        if not self.writable():  # Ctrl+S on a form this login may only read
            return False
        problems = self._local_problems()
        if problems:
            self.show_errors({k: [v] for k, v in problems.items()})
            return False
        def write() -> int:
            if self.record_id is None:
                values = {k: v for k, v in self.values().items() if v not in (None, [])}
                return records.create(self._db, self.entity.name, values, today=self._today)
            changes = self.changes()
            if changes:  # from the version loaded: never over someone else's save
                records.update(self._db, self.entity.name, self.record_id, changes,
                               today=self._today, version=(self.record or {}).get(
                                   "row_version"))
            return self.record_id

        try:
            new_id = session.patiently(self._db, write, on_wait=self._waiting)
        except session.Busy as exc:
            self._waiting(None)
            self.show_errors({"": [str(exc)]})
            return False
        except records.ValidationError as exc:
            errors: dict[str, list[str]] = {}
            for err in exc.errors:
                errors.setdefault(err.field, []).append(err.text(self.lang))
            self.show_errors(errors)
            return False
        except records.NotFound as exc:
            self.show_errors({"": [present.message(exc.message, self.lang)]})
            return False
        except session.NotPermitted as exc:  # the server refused this login the change
            self.show_errors({"": [present.message(exc.args[0], self.lang)]})
            return False
        except records.Stale as exc:
            self._show_stale(exc)
            return False
        finally:
            self._waiting(None)
        self.load(new_id)
        self.saved.emit(new_id)
        return True

    def _show_stale(self, exc: records.Stale) -> None:
        """The refusal, with Reload and Compare; the edits stay in the form."""
        self._stale = exc
        self.banner.hide()
        self.stale_label.setText("⚠ " + self.tr("Not saved: {message}.").format(
            message=present.message(exc.message, self.lang)) + "\n" + self.tr(
            "Reload shows the record as saved (your edits are dropped); Compare shows "
            "both side by side."))
        self.stale_bar.show()

    def reload(self) -> None:
        """Drop the edits and show the record as it is now."""
        if self.record_id is not None:
            self.load(self.record_id)

    def compare(self) -> QDialog | None:
        """Open (not modal) the dialog of the fields that differ: mine | theirs."""
        from privacydesk.ui.dialogs.compare import CompareDialog

        if self.record_id is None:
            return None
        try:
            theirs = records.get(self._db, self.entity.name, self.record_id,
                                 today=self._today)
        except records.NotFound as exc:
            self.show_errors({"": [present.message(exc.message, self.lang)]})
            return None
        mine = {**theirs, **(self.record or {}), **self.values()}
        headline = present.message(self._stale.message, self.lang) if self._stale else ""
        self.compare_dialog = CompareDialog(self._db, self.entity.name, mine, theirs,
                                            headline, lang=self.lang, parent=self)
        self.compare_dialog.open()
        return self.compare_dialog

    def _waiting(self, seconds: float | None) -> None:
        """While another PrivacyDesk writes (a long import), say so and keep the window
        painted; the save goes on by itself once the other process has finished."""
        if seconds is None:
            if self._wait_shown:
                self._wait_shown = False
                self.waiting.emit("")
                window = self.window()
                if hasattr(window, "statusBar"):
                    window.statusBar().clearMessage()
            return
        self._wait_shown = True
        text = self.tr("Waiting for another PrivacyDesk to finish writing… ({s} s)").format(
            s=int(seconds))
        self.waiting.emit(text)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text)
        QApplication.processEvents()

    def delete(self) -> bool:
        if self.record_id is None or not self.may["delete"]:
            return False
        what = f"{self.entity.label(self.lang)} #{self.record_id}"
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete record"))
        box.setText(self.tr("Delete {what}?").format(what=what))
        box.setInformativeText(self.tr(
            "The record is removed from the lists. The audit trail keeps what it held "
            "and who deleted it."))
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return False
        return self.delete_now()

    def delete_now(self) -> bool:
        """Delete without asking (the caller asked); a refusal is shown in the banner."""
        if self.record_id is None:
            return False
        record_id = self.record_id
        try:
            records.delete(self._db, self.entity.name, record_id)
        except records.InUse as exc:
            lines = [present.message(exc.message, self.lang)]
            for name, ids in exc.refs:
                names = present.titles(self._db, name, ids[:5], self.lang)
                more = len(ids) - 5
                listed = present.joiner(self.lang).join(names[i] for i in ids[:5])
                if more > 0:
                    listed += (f" 他{more}件" if self.lang == "ja" else f" and {more} more")
                lines.append(f"• {present.entity_label(name, self.lang)}: {listed}")
            self.banner.setText("⚠ " + "\n".join(lines))
            self.banner.show()
            return False
        except records.NotFound:
            pass
        except session.NotPermitted as exc:
            self.banner.setText("⚠ " + present.message(exc.args[0], self.lang))
            self.banner.show()
            return False
        self.new()
        self.deleted.emit(record_id)
        return True

    def editor(self, name: str) -> QWidget:
        return self.editors[name]

    def message(self, name: str) -> str:
        """The message shown under a field ("" when none)."""
        r = self.rows[name]
        return r.message.text().removeprefix("⚠ ") if r.message.isVisible() or \
            r.message.text() else ""

    def field_visible(self, name: str) -> bool:
        r = self.rows[name]
        return r.layout.isRowVisible(r.label)

