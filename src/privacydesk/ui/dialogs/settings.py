"""The settings page, generated from the settings declared in the domain.

Each setting gets the editor of its type (text, a whole number within its range, a
check box, or a list of its choices), its label in the window's language and its
default as a hint. OK writes the changed settings through the services in one audited
transaction; a value the services refuse is named next to its field and none of the
settings is written. A setting someone else saved after the dialog was opened is not
overwritten: the dialog says who changed it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.settings import SETTINGS, Setting
from privacydesk.services import present, records, session
from privacydesk.services import settings as settings_service
from privacydesk.services.records import ValidationError
from privacydesk.services.session import Database

ERROR_STYLE = "color: #c62828;"
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
# calendars offered first (any country code the holidays library knows is accepted)
CALENDARS = ("JP", "DE", "FR", "GB", "IE", "NL", "IT", "ES", "SE", "BE", "AT", "US", "SG")


class SettingsDialog(QDialog):
    def __init__(self, db: Database, *, lang: str = "en", parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._db = db
        self.lang = lang
        with db.read() as conn:  # the values shown and the versions they are at
            self.values = settings_service.all_values(db, conn)
            self.versions = settings_service.stored_versions(db, conn)
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.changed: dict[str, Any] = {}
        self.language_changed_to: str | None = None
        self.auto_lock_minutes: int | None = None

        form = QFormLayout()
        for s in SETTINGS:
            editor = self._editor(s)
            editor.setObjectName(f"setting_{s.key}")
            message = QLabel(self)
            message.setStyleSheet(ERROR_STYLE)
            message.setWordWrap(True)
            message.hide()
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(editor)
            box.addWidget(message)
            label = QLabel(s.label(lang), self)
            label.setToolTip(self.tr("Default: {value}").format(value=self._shown(s, s.default)))
            form.addRow(label, holder)
            self.editors[s.key] = editor
            self.messages[s.key] = message
        # the organization's holiday calendar (GDPR deadlines roll past its holidays)
        org_entity = entity("organization")
        self.organization = records.page(db, "organization", limit=1).rows
        calendar_field = org_entity.field("holiday_calendar")
        self.calendar = QComboBox(self)
        self.calendar.setObjectName("setting_holiday_calendar")
        self.calendar.setEditable(True)
        for code in CALENDARS:
            self.calendar.addItem(code, code)
        current = self.organization[0]["holiday_calendar"] if self.organization else "JP"
        self.calendar.setCurrentText(current or "JP")
        self.calendar.setToolTip(calendar_field.help(lang))
        self.calendar_message = QLabel(self)
        self.calendar_message.setStyleSheet(ERROR_STYLE)
        self.calendar_message.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.calendar)
        box.addWidget(self.calendar_message)
        form.addRow(QLabel(calendar_field.label(lang), self), holder)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr(
            "Deadlines are computed from these settings; a change applies to every "
            "record at once and is kept in the audit trail."), self)
        note.setWordWrap(True)
        self.banner = QLabel(self)  # a refusal of the whole save (saved meanwhile, server)
        self.banner.setObjectName("settings_errors")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _refusal(self, exc: records.Stale | session.NotPermitted) -> str:
        if isinstance(exc, session.NotPermitted):  # the server refused this login
            return present.message(exc.args[0], self.lang)
        return self.tr("Not saved: {message}. Close Settings and open them again to see "
                       "the current values.").format(
            message=present.message(exc.message, self.lang))

    def _shown(self, s: Setting, value: Any) -> str:
        if s.key == "language":
            return LANGUAGE_NAMES.get(str(value), str(value))
        if s.type is bool:
            return self.tr("yes") if value else self.tr("no")
        return str(value) if value not in (None, "") else "—"

    def _editor(self, s: Setting) -> QWidget:
        value = self.values.get(s.key, s.default)
        if s.choices:
            combo = QComboBox(self)
            for choice in s.choices:
                combo.addItem(LANGUAGE_NAMES.get(choice, choice) if s.key == "language"
                              else choice, choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if s.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        if s.type is int:
            spin = QSpinBox(self)
            spin.setRange(s.min_value if s.min_value is not None else 0,
                          s.max_value if s.max_value is not None else 10_000)
            spin.setValue(int(value))
            spin.setEnabled(spin.minimum() != spin.maximum())  # fixed by law
            return spin
        edit = QLineEdit(self)
        edit.setText("" if value is None else str(value))
        return edit

    def value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def set_value(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def accept(self) -> None:
        changes = {s.key: self.value(s.key) for s in SETTINGS
                   if self.value(s.key) != self.values.get(s.key, s.default)}
        failed = False
        for message in self.messages.values():
            message.hide()
        self.banner.hide()
        refusals: list[str] = []
        if changes:
            try:
                written = settings_service.put_many(self._db, changes, versions=self.versions)
            except ValidationError as exc:
                failed = True
                for key in {e.field for e in exc.errors}:
                    message = self.messages[key]
                    message.setText("⚠ " + "; ".join(e.text(self.lang) for e in exc.errors
                                                     if e.field == key))
                    message.show()
            except (records.Stale, session.NotPermitted) as exc:
                failed = True
                refusals.append(self._refusal(exc))
            else:  # a second OK starts from what was just saved
                self.changed.update(changes)
                self.values.update(changes)
                self.versions.update(written)
        code = self.calendar.currentText().strip().upper()
        self.calendar_message.hide()
        org = self.organization[0] if self.organization else None
        if org is not None and code != (org["holiday_calendar"] or ""):
            try:
                records.update(self._db, "organization", org["id"],
                               {"holiday_calendar": code}, version=org["row_version"])
            except records.ValidationError as exc:
                failed = True
                self.calendar_message.setText(
                    "⚠ " + "; ".join(e.text(self.lang) for e in exc.errors))
                self.calendar_message.show()
            except (records.Stale, session.NotPermitted) as exc:
                failed = True
                refusals.append(self._refusal(exc))
            else:
                self.changed["holiday_calendar"] = code
                self.organization[0] = records.get(self._db, "organization", org["id"])
        if refusals:
            self.banner.setText("⚠ " + "\n".join(refusals))
            self.banner.show()
        if failed:
            return
        if "language" in self.changed:
            self.language_changed_to = self.changed["language"]
        if "auto_lock_minutes" in self.changed:
            self.auto_lock_minutes = int(self.changed["auto_lock_minutes"])
        super().accept()
