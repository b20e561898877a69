"""Driving the main window as a person does: keys, clicks, typed text, chosen names.

Helpers for the per-tab tests (tests/gui/test_tab_*.py). Everything the window reads
runs on a worker thread, so every step that reloads a list waits for the list's
`loaded` signal; nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from privacydesk.services import records
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.tabs.entity_view import EntityView, HistoryDialog
from privacydesk.ui.widgets.editors import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    DateTimeEditor,
    MultiChoiceEditor,
    MultiRefEditor,
    RefEditor,
)

CTRL = Qt.KeyboardModifier.ControlModifier
WAIT_MS = 10_000


# --- the window ---------------------------------------------------------------------------


def activate(qtbot, window: QWidget) -> None:
    """Make the window the active one: its shortcuts (Ctrl+N, Ctrl+S …) then work."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def show(qtbot, window: MainWindow, entity_name: str) -> EntityView:
    """Open a tab (and sub-tab) and wait until its list has arrived."""
    view = window.show_entity(entity_name)
    qtbot.waitUntil(lambda: view.model.loaded_once and not view.model.loading,
                    timeout=WAIT_MS)
    return view


def key(qtbot, window: MainWindow, k: Qt.Key, modifier=CTRL) -> None:
    """A shortcut of the window, typed where the focus is."""
    activate(qtbot, window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, k, modifier)


def new_record(qtbot, window: MainWindow, view: EntityView) -> None:
    """Ctrl+N: an empty form for the current tab."""
    key(qtbot, window, Qt.Key.Key_N)
    assert view.form.record_id is None


def save(qtbot, window: MainWindow, view: EntityView) -> int:
    """Ctrl+S, and wait until the list shows what was written; the id written."""
    with qtbot.waitSignal(view.form.saved, timeout=WAIT_MS) as saved, \
            qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS):
        key(qtbot, window, Qt.Key.Key_S)
    return saved.args[0]


def save_refused(qtbot, window: MainWindow, view: EntityView) -> None:
    """Ctrl+S on a form the services refuse: the form says so, nothing is written."""
    with qtbot.assertNotEmitted(view.form.saved):
        key(qtbot, window, Qt.Key.Key_S)
    assert view.form.banner.isVisible(), "the form should say that it was not saved"


def count(db, entity_name: str) -> int:
    return records.count(db, entity_name)


# --- typing ----------------------------------------------------------------------------------


def ime(widget: QWidget, text: str) -> None:
    """Text committed by an input method, as Japanese is typed (QTest types ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _text_widget(editor: QWidget) -> QWidget:
    if isinstance(editor, DateEditor | DateTimeEditor):
        return editor.edit
    return editor


def clear(qtbot, editor: QWidget) -> None:
    """Select everything in a text editor and delete it, as with Ctrl+A, Delete."""
    target = _text_widget(editor)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(target, Qt.Key.Key_Delete)


def type_into(qtbot, editor: QWidget, text: str, *, replace: bool = False) -> None:
    """Type into an editor: keys for ASCII, an input-method commit for anything else."""
    target = _text_widget(editor)
    assert isinstance(target, QLineEdit | QPlainTextEdit), type(editor)
    target.setFocus()
    if replace:
        clear(qtbot, editor)
    if text.isascii():
        qtbot.keyClicks(target, text)
    else:
        ime(target, text)


def fill(qtbot, view: EntityView, **values: Any) -> None:
    """Fill a form field by field as a person would: text is typed, a choice is picked by
    its label, a check box is clicked, a reference is typed in full (looked up on save)."""
    form = view.form
    for name, value in values.items():
        editor = form.editor(name)
        if isinstance(editor, ChoiceEditor):
            choose(editor, value)
        elif isinstance(editor, BoolEditor):
            if editor.isChecked() != bool(value):
                qtbot.mouseClick(editor, Qt.MouseButton.LeftButton,
                                 pos=QPoint(8, editor.height() // 2))
            assert editor.isChecked() == bool(value), name
        elif isinstance(editor, MultiRefEditor):
            tick(editor, value)
        elif isinstance(editor, MultiChoiceEditor):
            for box in editor.boxes.values():
                if (box.text() in value) != box.isChecked():
                    qtbot.mouseClick(box, Qt.MouseButton.LeftButton,
                                     pos=QPoint(8, box.height() // 2))
            assert sorted(b.text() for b in editor.boxes.values() if b.isChecked()) == \
                sorted(value), name
        else:
            type_into(qtbot, editor, str(value), replace=True)


def choose(combo: QComboBox, label: str) -> None:
    """Pick an item of a drop-down by the label a person reads."""
    index = combo.findText(label)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert index >= 0, f"{label!r} is not offered: {offered}"
    combo.setCurrentIndex(index)


def tick(editor: MultiRefEditor, titles: list[str]) -> None:
    """Check the named rows of a short reference list."""
    assert editor.small, "a long list is chosen through its picker"
    offered = [editor.list.item(i) for i in range(editor.list.count())]
    for title in titles:
        items = [i for i in offered if i.text() == title]
        assert items, f"{title!r} is not offered: {[i.text() for i in offered]}"
        items[0].setCheckState(Qt.CheckState.Checked)


def pick(qtbot, editor: RefEditor, typed: str, title: str) -> None:
    """Type part of a name into a reference field and pick the row from the popup."""
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    clear(qtbot, editor)
    if typed.isascii():
        qtbot.keyClicks(editor, typed)
    else:
        ime(editor, typed)
    popup = editor.completer_.popup()
    model = editor.completer_.completionModel()

    def offered() -> list[str]:
        return [model.index(i, 0).data() for i in range(model.rowCount())]

    qtbot.waitUntil(lambda: popup.isVisible() and title in offered(), timeout=WAIT_MS)
    row = offered().index(title)
    popup.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.text() == title
    assert isinstance(editor.value(), int), "the picked name should name one row"


# --- the list ---------------------------------------------------------------------------------


def cell(view: EntityView, row: int, field: str) -> str:
    model = view.model
    return model.index(row, model.column_of(field)).data()


def column(view: EntityView, field: str) -> list[str]:
    """The texts of a column for the loaded rows."""
    return [cell(view, r, field) for r in range(view.model.rowCount())]


def row_of(view: EntityView, record_id: int) -> int:
    row = view.model.row_of(record_id)
    assert row >= 0, f"record {record_id} is not in the list"
    return row


@contextmanager
def reloaded(qtbot, view: EntityView):
    """Wait for the list to be read again after what the block does."""
    with qtbot.waitSignal(view.model.loaded, timeout=WAIT_MS):
        yield
    qtbot.waitUntil(lambda: not view.model.loading, timeout=WAIT_MS)


def search(qtbot, window: MainWindow, view: EntityView, text: str) -> None:
    """Ctrl+F, type the words, Enter; wait for the list."""
    box = view.list.search_box
    key(qtbot, window, Qt.Key.Key_F)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        ime(box, text)
    if text.strip() == view.model.search:
        qtbot.keyClick(box, Qt.Key.Key_Return)
        return
    with reloaded(qtbot, view):
        qtbot.keyClick(box, Qt.Key.Key_Return)


def count_text(view: EntityView) -> str:
    return view.list.count_label.text()


def filter_choice(qtbot, view: EntityView, field: str, label: str) -> None:
    """Pick a value in a choice filter of the filter bar ("Kind: Paper")."""
    combo = view.list.choice_filters[field]
    with reloaded(qtbot, view):
        choose(combo, label)


def filter_check(qtbot, view: EntityView, name: str) -> QCheckBox:
    """Click a named filter's check box ("Open only")."""
    box = view.list.named_filters[name]
    with reloaded(qtbot, view):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    return box


def filter_dates(qtbot, view: EntityView, start: str, end: str) -> None:
    """Type a date range into the filter bar (each applies on Enter)."""
    lst = view.list
    assert lst.date_from is not None and lst.date_to is not None
    for editor, text in ((lst.date_from, start), (lst.date_to, end)):
        edit = editor.edit
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        qtbot.keyClicks(edit, text)
        with reloaded(qtbot, view):
            qtbot.keyClick(edit, Qt.Key.Key_Return)


def click_header(qtbot, view: EntityView, field: str) -> None:
    """Click a column's header (sorts by it; a second click reverses)."""
    table = view.list
    header = table.view.horizontalHeader()
    col = table.model.column_of(field)
    assert col >= 0, field
    table.view.scrollTo(table.model.index(0, col))
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    with reloaded(qtbot, view):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))


def select(qtbot, view: EntityView, record_id: int) -> None:
    """Click a record's row in the list; its form shows it."""
    table = view.list.view
    row = row_of(view, record_id)
    table.scrollTo(view.model.index(row, 0))
    rect = table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.form.record_id == record_id


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    """A double click as the system delivers it: a click, then a second press that is the
    double click (QTest's double click alone leaves an item view without its press)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


# --- dialogs -------------------------------------------------------------------------------------


def answer_box(button_text: str, seen: list[str] | None = None) -> None:
    """Click a button of the message box about to be shown (it runs its own loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append(box.text())
        buttons = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        assert buttons, f"no {button_text!r} in {[b.text() for b in box.buttons()]}"
        buttons[0].click()

    QTimer.singleShot(0, click)


def delete_with_key(qtbot, window: MainWindow, view: EntityView, record_id: int,
                    *, refused: bool = False) -> list[str]:
    """Select the row, press Delete with the list focused and confirm; the questions
    asked. A refused delete leaves the list as it was."""
    select(qtbot, view, record_id)
    activate(qtbot, window)
    view.list.view.setFocus()
    qtbot.waitUntil(view.list.view.hasFocus)
    asked: list[str] = []
    answer_box("Delete", asked)
    if refused:
        with qtbot.assertNotEmitted(view.form.deleted):
            qtbot.keyClick(view.list.view, Qt.Key.Key_Delete)
    else:
        with qtbot.waitSignal(view.form.deleted, timeout=WAIT_MS), reloaded(qtbot, view):
            qtbot.keyClick(view.list.view, Qt.Key.Key_Delete)
    activate(qtbot, window)
    return asked


def history(qtbot, window: MainWindow, view: EntityView) -> HistoryDialog:
    """Ctrl+H: the History dialog of the record in the form."""
    key(qtbot, window, Qt.Key.Key_H)

    def shown() -> list[HistoryDialog]:
        return [d for d in view.findChildren(HistoryDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    dialog = shown()[-1]
    assert dialog.windowTitle().startswith("History of ")
    return dialog


def changes_of(dialog: HistoryDialog, index: int = 0) -> dict[str, tuple[str, str]]:
    """{field label: (before, after)} of one history entry (0: the newest)."""
    return {c.label: (c.before, c.after) for c in dialog.entries[index].changes}


def message(view: EntityView, field: str) -> str:
    """The validation message shown under a field ("" when none)."""
    form = view.form
    label = form.rows[field].message
    return label.text().removeprefix("⚠ ") if label.isVisible() else ""


def wait_for(qtbot, condition: Callable[[], Any]) -> None:
    qtbot.waitUntil(lambda: bool(condition()), timeout=WAIT_MS)
