"""One editor per field type, made from the field's declaration.

Every editor offers `value()` (what the services take), `set_value(v)`, a `changed`
signal and `problem()` (what is wrong with the input before the services are asked,
e.g. a date that cannot be read; None when nothing is). References are chosen by name:
typing narrows the choice through the services' search, and a name typed in full is
looked up when the record is saved.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QRectF, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from privacydesk.domain.fields import Field, FieldType
from privacydesk.services import present, records
from privacydesk.services.session import Database

JST = ZoneInfo("Asia/Tokyo")
SMALL_LIST = 40  # a reference list with at most this many rows is shown as check boxes
_DATE = re.compile(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*")
_DATETIME = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})\s*")


def parse_date(text: str) -> date | None:
    """A date as people type it: 2026-11-02, 2026/11/2, 2026年11月2日 (None: unreadable)."""
    m = _DATE.fullmatch(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """A date and time in Japan time: 2026-11-02 14:30 (None: unreadable)."""
    m = _DATETIME.fullmatch(text)
    if not m:
        return None
    try:
        return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                        int(m.group(4)), int(m.group(5)), tzinfo=JST)
    except ValueError:
        return None


class Unresolved(str):
    """A name typed into a reference field that has not been matched to a row yet."""


class _Editor:
    """What every editor offers (mixed into a QWidget subclass)."""

    field: Field

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        return None


class TextEditor(QLineEdit, _Editor):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        if f.max_length:
            self.setMaxLength(f.max_length)
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        return self.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))
        self.setCursorPosition(0)  # a long value shows from its beginning


class LongTextEditor(QPlainTextEdit, _Editor):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))


class IntEditor(QLineEdit, _Editor):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.setValidator(QRegularExpressionValidator(r"-?[0-9,]{0,20}", self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(160)
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.text().replace(",", "").strip()
        return int(text) if re.fullmatch(r"-?\d+", text) else (text or None)

    def set_value(self, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.setText(f"{value:,}")
        else:
            self.setText("" if value is None else str(value))

    def problem(self) -> str | None:
        v = self.value()
        if v is not None and not isinstance(v, int):
            return self.tr("Enter a whole number.")
        return None


class BoolEditor(QCheckBox, _Editor):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.toggled.connect(self.changed)

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


@cache
def calendar_icon() -> QIcon:
    """A small calendar page, drawn (no icon theme is needed)."""
    icon = QIcon()
    for scale in (1, 2):
        size = 16 * scale
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QColor("#555555")
        p.setPen(pen)
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(1.5 * scale, 2.5 * scale, 13 * scale, 12 * scale),
                          1.5 * scale, 1.5 * scale)
        p.fillRect(QRectF(2 * scale, 3 * scale, 12 * scale, 3 * scale), QColor("#c62828"))
        p.setBrush(QColor("#555555"))
        for row in range(2):
            for col in range(3):
                p.drawRect(QRectF((4 + 3.2 * col) * scale, (8 + 3 * row) * scale,
                                  1.6 * scale, 1.6 * scale))
        p.end()
        pix.setDevicePixelRatio(scale)
        icon.addPixmap(pix)
    return icon


class _CalendarButton(QToolButton):
    """A button that opens a calendar and reports the day chosen. The calendar is made
    on the first press: a window holds dozens of date fields."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(calendar_icon())
        self.setToolTip(self.tr("Choose from a calendar"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar: QCalendarWidget | None = None
        self._menu: QMenu | None = None
        self.clicked.connect(self._open)

    def _make(self) -> QCalendarWidget:
        if self.calendar is None:
            self._menu = QMenu(self)
            self.calendar = QCalendarWidget(self._menu)
            self.calendar.setGridVisible(True)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self.calendar)
            self._menu.addAction(action)
            self.calendar.clicked.connect(self._clicked)
            self.calendar.activated.connect(self._clicked)
        return self.calendar

    def show_day(self, day: date | None) -> None:
        d = day or date.today()
        self._make().setSelectedDate(QDate(d.year, d.month, d.day))

    def _open(self) -> None:
        self._make()
        assert self._menu is not None
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def _clicked(self, qdate: QDate) -> None:
        if self._menu is not None:
            self._menu.hide()
        self.picked.emit(date(qdate.year(), qdate.month(), qdate.day()))


class DateEditor(QWidget, _Editor):
    """YYYY-MM-DD, typed (slashes and 年月日 accepted) or chosen from a calendar."""

    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        width = self.edit.fontMetrics().horizontalAdvance("2026-12-31") + 24
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 30)
        self.button = _CalendarButton(self)
        self.button.picked.connect(self._picked)
        self.button.pressed.connect(lambda: self.button.show_day(self._parsed()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.changed)
        self.edit.editingFinished.connect(self._tidy)

    def _parsed(self) -> date | None:
        return parse_date(self.edit.text())

    def _picked(self, day: date) -> None:
        self.edit.setText(day.isoformat())

    def _tidy(self) -> None:
        d = self._parsed()
        if d is not None and self.edit.text() != d.isoformat():
            self.edit.setText(d.isoformat())

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        return self._parsed() or text

    def set_value(self, value: Any) -> None:
        self.edit.setText(value.isoformat() if isinstance(value, date) else (value or ""))

    def problem(self) -> str | None:
        if self.edit.text().strip() and self._parsed() is None:
            return self.tr("Enter a date as YYYY-MM-DD.")
        return None


class DateTimeEditor(QWidget, _Editor):
    """YYYY-MM-DD HH:MM in Japan time (the zone Japanese law counts in)."""

    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))
        self.edit.setToolTip(self.tr("Date and time in Japan time (JST)"))
        width = self.edit.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 24
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.button = _CalendarButton(self)
        self.button.picked.connect(self._picked)
        self.button.pressed.connect(lambda: self.button.show_day(
            self._parsed().date() if self._parsed() else None))
        self.zone = QToolButton(self)
        self.zone.setText("JST")
        self.zone.setEnabled(False)
        self.zone.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addWidget(self.zone)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.changed)

    def _parsed(self) -> datetime | None:
        return parse_datetime(self.edit.text())

    def _picked(self, day: date) -> None:
        current = self._parsed()
        at = current.timetz() if current else time(9, 0, tzinfo=JST)
        self.edit.setText(datetime.combine(day, at).strftime("%Y-%m-%d %H:%M"))

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        return self._parsed() or text

    def set_value(self, value: Any) -> None:
        if isinstance(value, datetime):
            self.edit.setText(present.format_datetime(value))
        else:
            self.edit.setText(value or "")

    def problem(self) -> str | None:
        if self.edit.text().strip() and self._parsed() is None:
            return self.tr("Enter a date and time as YYYY-MM-DD HH:MM (Japan time).")
        return None


class ChoiceEditor(QComboBox, _Editor):
    changed = Signal()

    def __init__(self, f: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.addItem("", None)  # nothing chosen yet (a new record picks nothing by itself)
        for value, label in present.choice_items(f, lang):
            self.addItem(label, value)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(12)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        if index < 0 and value is not None:  # a value no longer offered: keep it visible
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class MultiChoiceEditor(QWidget, _Editor):
    changed = Signal()

    def __init__(self, f: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        columns = 1 if len(f.choices) <= 3 else 2
        for i, (value, label) in enumerate(present.choice_items(f, lang)):
            box = QCheckBox(label, self)
            box.toggled.connect(self.changed)
            self.boxes[value] = box
            grid.addWidget(box, i // columns, i % columns)

    def value(self) -> Any:
        return [v for v, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for v, box in self.boxes.items():
            box.setChecked(v in chosen)


class RefEditor(QLineEdit, _Editor):
    """A reference chosen by name: typing offers the matching rows of the services."""

    changed = Signal()

    def __init__(self, f: Field, db: Database, lang: str, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self._db = db
        self._lang = lang
        self._today = today
        self._id: int | None = None
        self._title = ""
        self._offered: dict[str, int] = {}
        self.setPlaceholderText(self.tr("Type to search…"))
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self._offer)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self._id = None
        self._timer.start()
        self.changed.emit()

    def _offer(self) -> None:
        text = self.text().strip()
        options = present.ref_options(self._db, self.field.ref or "", text, limit=30,
                                      lang=self._lang, today=self._today)
        self._offered = {title: i for i, title in options}
        self._model.setStringList([title for _, title in options])
        if self.hasFocus() and options:
            self.completer_.complete()

    def show_options(self) -> None:
        """Offer the first rows (e.g. when the field is entered empty)."""
        self._offer()

    def _chosen(self, title: str) -> None:
        if title in self._offered:
            self._id = self._offered[title]
            self._title = title
            self.changed.emit()

    def value(self) -> Any:
        text = self.text().strip()
        if not text:
            return None
        if self._id is not None and text == self._title:
            return self._id
        return Unresolved(text)

    def set_value(self, value: Any, title: str | None = None) -> None:
        self._id = value if isinstance(value, int) else None
        if self._id is not None:
            self._title = title or present.title(self._db, self.field.ref or "", self._id,
                                                 self._lang)
            self.setText(self._title)
        else:
            self._title = ""
            self.setText(str(value) if value else "")
        self.setCursorPosition(0)

    def resolve(self) -> str | None:
        """Match a typed name to a row; a message when none or several match."""
        value = self.value()
        if not isinstance(value, Unresolved):
            return None
        found = present.lookup(self._db, self.field.ref or "", str(value))
        if len(found) == 1:
            self.set_value(found[0])
            return None
        if not found:
            return self.tr("No record is named “{text}”: choose one from the list.").format(
                text=str(value))
        return self.tr("Several records match “{text}”: choose one from the list.").format(
            text=str(value))

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if not self.text():
            QTimer.singleShot(0, self, self.show_options)


class MultiRefEditor(QWidget, _Editor):
    """Several references: check boxes for a short list, else chosen names and a picker."""

    changed = Signal()

    def __init__(self, f: Field, db: Database, lang: str, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self.field = f
        self._db = db
        self._lang = lang
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.list = QListWidget(self)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        total = records.count(db, f.ref or "")
        self.small = total <= SMALL_LIST
        self.picker: RefEditor | None = None
        if self.small:
            self._offer_rows()
            self.list.itemChanged.connect(lambda _item: self.changed.emit())
            rows = min(max(self.list.count(), 1), 6)
        else:
            self.picker = RefEditor(f, db, lang, self, today=today)
            self.picker.setPlaceholderText(self.tr("Type a name to add…"))
            self.picker.completer_.activated.connect(self._add_picked)
            self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            remove = QToolButton(self)
            remove.setText(self.tr("Remove"))
            remove.clicked.connect(self._remove_selected)
            row = QHBoxLayout()
            row.addWidget(self.picker, 1)
            row.addWidget(remove)
            layout.addLayout(row)
            rows = 4
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6
                                 if self.list.count() else self.fontMetrics().height() * rows + 8)
        layout.insertWidget(0, self.list)

    def _offer_rows(self) -> None:
        """Read the rows a short list offers as check boxes, keeping what is checked: a
        row added or renamed since (in another tab) is offered under its name."""
        options = present.ref_options(self._db, self.field.ref or "", limit=SMALL_LIST,
                                      lang=self._lang, today=self._today)
        items = [self.list.item(row) for row in range(self.list.count())]
        if [(item.data(Qt.ItemDataRole.UserRole), item.text()) for item in items] == options:
            return
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in items
                  if item.checkState() == Qt.CheckState.Checked}
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for i, title in options:
                item = QListWidgetItem(title, self.list)
                item.setData(Qt.ItemDataRole.UserRole, i)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if i in chosen
                                   else Qt.CheckState.Unchecked)
                item.setToolTip(title)
        finally:
            self.list.blockSignals(False)
        rows = min(max(self.list.count(), 1), 6)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6 if self.list.count()
                                 else self.fontMetrics().height() * rows + 8)

    def _add_picked(self, title: str) -> None:
        assert self.picker is not None
        i = self.picker._offered.get(title)
        if i is not None and i not in self.value():
            item = QListWidgetItem(title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.changed.emit()
        QTimer.singleShot(0, self.picker, self.picker.clear)

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def value(self) -> Any:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if self.small and item.checkState() != Qt.CheckState.Checked:
                continue
            out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_value(self, value: Any, titles: dict[int, str] | None = None) -> None:
        chosen = list(value or [])
        if self.small:
            self._offer_rows()
        self.list.blockSignals(True)
        try:
            if self.small:
                for row in range(self.list.count()):
                    item = self.list.item(row)
                    on = item.data(Qt.ItemDataRole.UserRole) in chosen
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                self.list.clear()
                names = titles or present.titles(self._db, self.field.ref or "", chosen,
                                                 self._lang)
                for i in chosen:
                    item = QListWidgetItem(names.get(i, f"#{i}"), self.list)
                    item.setData(Qt.ItemDataRole.UserRole, i)
        finally:
            self.list.blockSignals(False)


def make_editor(f: Field, db: Database, lang: str, parent: QWidget | None = None, *,
                today: date | None = None) -> QWidget:
    """The editor of a field's type."""
    match f.type:
        case FieldType.TEXT:
            return TextEditor(f, parent)
        case FieldType.LONGTEXT:
            return LongTextEditor(f, parent)
        case FieldType.INT:
            return IntEditor(f, parent)
        case FieldType.BOOL:
            return BoolEditor(f, parent)
        case FieldType.DATE:
            return DateEditor(f, parent)
        case FieldType.DATETIME:
            return DateTimeEditor(f, parent)
        case FieldType.CHOICE:
            return ChoiceEditor(f, lang, parent)
        case FieldType.MULTICHOICE:
            return MultiChoiceEditor(f, lang, parent)
        case FieldType.REF:
            return RefEditor(f, db, lang, parent, today=today)
        case FieldType.MULTIREF:
            return MultiRefEditor(f, db, lang, parent, today=today)
    raise AssertionError(f"no editor for {f.type}")

