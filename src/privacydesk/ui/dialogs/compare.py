"""Compare: the officer's unsaved edits beside the record as someone else saved it.

Shown when a save is refused because the record changed since the form was opened
(`records.Stale`): one line per field that differs, with the text of each value as the
lists show it (`services.present`). Nothing is written from here; *Reload* in the
form takes their version, closing keeps the officer's edits in the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.entities import entity
from privacydesk.services import present
from privacydesk.services.session import Database


def differing(entity_name: str, mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The editable fields whose values differ between the two rows."""
    e = entity(entity_name)
    return [f.name for f in e.fields if f.editable and mine.get(f.name) != theirs.get(f.name)]


class CompareDialog(QDialog):
    """Field | mine | theirs, for the fields that differ."""

    def __init__(self, db: Database, entity_name: str, mine: dict[str, Any],
                 theirs: dict[str, Any], headline: str, *, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        e = entity(entity_name)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare with the saved record"))
        self.names = differing(entity_name, mine, theirs)
        fields = [e.field(n) for n in self.names]
        texts = present.texts(db, entity_name, [mine, theirs], lang, fields) if fields \
            else [{}, {}]
        heading = QLabel(headline, self)
        heading.setWordWrap(True)
        self.table = QTableWidget(len(fields), 3, self)
        self.table.setObjectName("compareTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your edit"), self.tr("Saved by them")])
        for row, f in enumerate(fields):
            for col, text in enumerate((f.label(lang), texts[0].get(f.name, ""),
                                        texts[1].get(f.name, ""))):
                item = QTableWidgetItem(text or "—")
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a list to read, no cell current
        note = QLabel(self.tr(
            "Close keeps your edits in the form; Reload in the form shows their version "
            "and drops your edits."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def rows(self) -> list[tuple[str, str, str]]:
        """The lines shown: (field, mine, theirs)."""
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]
