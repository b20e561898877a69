"""The list half of a tab: search, filters, a count, and a paged table.

The search box finds words in text, choice labels and referenced names; the filter
bar offers the choice fields of the list's columns, the entity's named filters ("open
only", "overdue only") and a date range; the header sorts by any column, due dates
and statuses included. All of it runs as queries of the services on a worker: the
window never waits for a million rows.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QStackedLayout,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.fields import FieldType
from privacydesk.services import present, records
from privacydesk.services.session import Database
from privacydesk.ui.models.record_model import PAGE_SIZE, ListState, RecordTableModel
from privacydesk.ui.widgets.editors import DateEditor
from privacydesk.ui.widgets.flow import FlowLayout
from privacydesk.ui.workers import Jobs, Token

SEARCH_DELAY_MS = 300
MAX_COLUMN_WIDTH = 300
MAX_CHOICE_FILTERS = 3
MAX_READ_TO_SELECT = 5_000  # rows a list reads on to show a record deep in it


class RecordList(QWidget):
    """Search box, filter bar, count and table of one entity."""

    currentRecordChanged = Signal(object)  # id or None
    activated = Signal(int)  # double-click or Enter on a row
    contextMenuRequested = Signal(object, object)  # QMenu to fill, the record id or None
    countChanged = Signal()

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 jobs: Jobs | None = None, page_size: int = PAGE_SIZE,
                 today: date | None = None, state: ListState | None = None,
                 autoload: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.lang = lang
        self.jobs = jobs if jobs is not None else Jobs(self)
        self._today = today
        self.model = RecordTableModel(db, entity_name, lang=lang, jobs=self.jobs,
                                      page_size=page_size, today=today, state=state,
                                      autoload=autoload, parent=self)
        self.entity = self.model.entity
        self._select_when_loaded: int | None = None
        self._select_when_fetched: int | None = None
        self._shown_only = False  # the record to select is only shown: never clear the form

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(self.tr("Search…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setText(self.model.state.search)
        self.search_box.setToolTip(self.tr(
            "Finds records whose text, choices or linked records hold these words, or "
            "whose ID is this number ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Find).toString(
                    QKeySequence.SequenceFormat.NativeText)))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_search)

        self.filter_bar = FlowLayout(spacing=6)
        self.choice_filters: dict[str, QComboBox] = {}
        self.named_filters: dict[str, QCheckBox] = {}
        self._make_filters()

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.view = QTableView(self)
        self.view.setObjectName("records")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(50)  # columns sized to the first rows, not all
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(self.filter_bar)
        layout.addLayout(self.stack, 1)

        self.model.modelReset.connect(self._reset)
        self.model.rowsInserted.connect(self._rows_arrived)
        self.model.totalChanged.connect(lambda _n: self._update_count())
        self.model.loadingChanged.connect(lambda _b: self._update_count())
        self.model.failed.connect(lambda _m: self._update_count())
        self._update_count()
        self._show_sort_indicator()

    # --- filters ----------------------------------------------------------------------

    def _make_filters(self) -> None:
        state = self.model.state
        shown = 0
        for f in self.entity.list_columns(self.lang):
            if f.type is not FieldType.CHOICE or f.computed or shown >= MAX_CHOICE_FILTERS:
                continue
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{f.name}")
            combo.addItem(self.tr("{label}: all").format(label=f.label(self.lang)), None)
            for value, label in present.choice_items(f, self.lang):
                combo.addItem(f"{f.label(self.lang)}: {label}", value)
            if f.name in state.equals:
                combo.setCurrentIndex(max(0, combo.findData(state.equals[f.name])))
            combo.currentIndexChanged.connect(self._filters_changed)
            self.choice_filters[f.name] = combo
            self.filter_bar.addWidget(combo)
            shown += 1
        for flt in records.filters(self.entity.name):
            box = QCheckBox(present.message(flt.label, self.lang), self)
            box.setObjectName(f"filter_{flt.name}")
            box.setChecked(flt.name in state.filters)
            box.toggled.connect(self._filters_changed)
            self.named_filters[flt.name] = box
            self.filter_bar.addWidget(box)
        self.date_field = self._date_field()
        self.date_from = self.date_to = None
        if self.date_field is not None:
            label = QLabel(self.entity.field(self.date_field).label(self.lang), self)
            self.date_from = DateEditor(self.entity.field(self.date_field), self)
            self.date_from.setObjectName("filter_from")
            self.date_from.edit.setPlaceholderText(self.tr("from"))
            self.date_to = DateEditor(self.entity.field(self.date_field), self)
            self.date_to.setObjectName("filter_to")
            self.date_to.edit.setPlaceholderText(self.tr("to"))
            self.date_from.set_value(state.date_from)
            self.date_to.set_value(state.date_to)
            for w in (self.date_from, self.date_to):
                w.edit.setMaximumWidth(105)
                w.edit.setMinimumWidth(92)
                w.edit.editingFinished.connect(self._filters_changed)
                w.changed.connect(self._date_picked)
            dates = QWidget(self)
            row = QHBoxLayout(dates)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(label)
            row.addWidget(self.date_from)
            row.addWidget(QLabel("–", self))
            row.addWidget(self.date_to)
            self.filter_bar.addWidget(dates)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear_filters)
        self.filter_bar.addWidget(self.clear_button)

    def _date_field(self) -> str | None:
        name = self.entity.order_by.lstrip("-")
        if name != "id" and self.entity.field(name).type in (FieldType.DATE, FieldType.DATETIME):
            return name
        for f in self.entity.list_columns(self.lang):
            if f.type is FieldType.DATE and not f.computed:
                return f.name
        return None

    def _date_picked(self) -> None:
        # a day chosen from the calendar applies at once; typing applies on Enter/leave
        QTimer.singleShot(0, self, self._filters_changed)

    def _filters_changed(self, *_args) -> None:
        equals = {name: combo.currentData() for name, combo in self.choice_filters.items()
                  if combo.currentData() is not None}
        named = tuple(name for name, box in self.named_filters.items() if box.isChecked())
        start = end = None
        if self.date_from is not None and self.date_to is not None:
            a, b = self.date_from.value(), self.date_to.value()
            start = a if isinstance(a, date) else None
            end = b if isinstance(b, date) else None
        self.model.set_filters(equals=equals, filters=named, date_field=self.date_field,
                               date_from=start, date_to=end, ids=None)

    def set_state(self, state: ListState) -> None:
        """Show the list with this query (e.g. opened from a dashboard figure)."""
        for name, combo in self.choice_filters.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(state.equals.get(name))))
            combo.blockSignals(False)
        for name, box in self.named_filters.items():
            box.blockSignals(True)
            box.setChecked(name in state.filters)
            box.blockSignals(False)
        if self.date_from is not None and self.date_to is not None:
            self.date_from.set_value(state.date_from)
            self.date_to.set_value(state.date_to)
        self.search_box.setText(state.search)
        self.model.set_state(replace(state, date_field=self.date_field))

    def clear_filters(self) -> None:
        self.search_box.clear()
        self.set_state(ListState(sort=self.model.state.sort))

    # --- behaviour --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())

    def reload(self, select: int | None = None) -> None:
        """Read the list again; `select`: the record to select once it has arrived."""
        self._select_when_loaded = select if select is not None else self.current_record_id()
        self._shown_only = False
        self.model.reload()

    def current_record_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def select_record(self, record_id: int) -> bool:
        """Select a record that the list holds (a loaded row); False when it is not there."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def show_record(self, record_id: int) -> None:
        """Select a record wherever the list holds it: now when loaded, else once the
        list has read it (after the page being read, or reading on to it). A record the
        list does not hold (its filters exclude it) is left unselected, and the form that
        shows it is left alone."""
        if self.select_record(record_id):
            return
        self.clear_selection()
        if self.model.loading:  # the rows on their way may hold it
            self._select_when_loaded = record_id
            self._shown_only = True
        else:
            self._read_to(record_id, clear=False)

    def clear_selection(self) -> None:
        self.view.selectionModel().clearCurrentIndex()
        self.view.clearSelection()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search_box.hasFocus() \
                and self.search_box.text():
            self.search_box.clear()
            self.apply_search()
            return
        super().keyPressEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.record_id(index.row()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(
            self.model.record_id(current.row()) if current.isValid() else None)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        record_id = None
        if index.isValid():
            self.select_row(index.row())
            record_id = self.model.record_id(index.row())
        menu = QMenu(self)
        self.contextMenuRequested.emit(menu, record_id)
        menu.addSeparator()
        export = QAction(self.tr("Export this view to CSV…"), menu)
        export.triggered.connect(self.export_view)
        menu.addAction(export)
        excel = QAction(self.tr("Export this view to Excel…"), menu)
        excel.triggered.connect(lambda: self.export_view_to_excel())
        menu.addAction(excel)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _header_clicked(self, column: int) -> None:
        if not self.model.is_sortable(column):
            self._show_sort_indicator()
            return
        current, order = self.model.sort_column()
        if current == column:
            order = (Qt.SortOrder.DescendingOrder if order == Qt.SortOrder.AscendingOrder
                     else Qt.SortOrder.AscendingOrder)
        else:
            order = Qt.SortOrder.AscendingOrder
        self.model.sort(column, order)
        self._show_sort_indicator()

    def _show_sort_indicator(self) -> None:
        column, order = self.model.sort_column()
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _reset(self) -> None:
        self._show_sort_indicator()
        self._size_columns()
        self._update_count()
        wanted, self._select_when_loaded = self._select_when_loaded, None
        clear, self._shown_only = not self._shown_only, False
        self._select_when_fetched = None
        if wanted is not None and not self.select_record(wanted):
            self._read_to(wanted, clear=clear)

    def _read_to(self, record_id: int, *, clear: bool = True) -> None:
        """Select a record beyond the rows loaded (a record saved, or opened from the
        dashboard): ask where the list holds it and read on to there. A record the list
        does not hold leaves nothing selected (`clear`: and says so)."""
        m = self.model
        if not m.canFetchMore():
            if clear:
                self.currentRecordChanged.emit(None)
            return
        generation, state = m.generation, m.state

        def work(_token: Token) -> int | None:
            return records.position(self._db, self.entity.name, record_id, sort=state.sort,
                                    query=state.query(), today=self._today)

        def done(position: int | None) -> None:
            if m.generation != generation:
                return  # the list was asked for something else meanwhile
            if position is None:
                if clear:
                    self.currentRecordChanged.emit(None)
            elif position < MAX_READ_TO_SELECT:
                self._select_when_fetched = record_id
                m.fetch_to(position + 1)

        self.jobs.start(work, on_done=done, name=f"position {self.entity.name}")

    def _rows_arrived(self, *_args) -> None:
        wanted = self._select_when_fetched
        if wanted is not None and self.select_record(wanted):
            self._select_when_fetched = None

    def _size_columns(self) -> None:
        if not self.model.rowCount():
            return
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionSize(column) > MAX_COLUMN_WIDTH:
                header.resizeSection(column, MAX_COLUMN_WIDTH)

    def count_text(self) -> str:
        m = self.model
        if m.error:
            return self.tr("Could not read the list")
        if not m.loaded_once:
            return self.tr("Loading…")
        n = f"{m.total:,}" + ("" if m.exact else "+")
        if m.state.narrowed and m.all_total is not None:
            return self.tr("{n} of {m}").format(n=n, m=f"{m.all_total:,}")
        return self.tr("{n} records").format(n=n) if m.total != 1 else self.tr("1 record")

    def _update_count(self) -> None:
        m = self.model
        text = self.count_text()
        if m.loading and m.loaded_once:
            text += " …"
        self.count_label.setText(text)
        empty = m.loaded_once and m.rowCount() == 0
        if m.error:
            self.empty_label.setText(self.tr("The list could not be read: {error}").format(
                error=m.error))
            self.stack.setCurrentWidget(self.empty_label)
        elif empty:
            self.empty_label.setText(
                self.tr("Nothing matches. Clear the search or the filters to see every "
                        "record.") if m.state.narrowed else
                self.tr("No records yet. Press Ctrl+N to add the first one."))
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.view)
        self.countChanged.emit()

    # --- export of the view -----------------------------------------------------------

    def export_view(self, path: str | None = None) -> None:
        """Write what the list shows (every matching row, its columns, as text) to CSV."""
        if path is None:
            suggested = f"{self.entity.name}-{date.today().isoformat()}.csv"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export this view"), suggested, self.tr("CSV files (*.csv)"))
            if not path:
                return
        # a bar of the rows the list counted (a busy indicator when it only knows "more than")
        expected = self.model.total if self.model.exact else 0
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, expected, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        state = self.model.state
        fields = self.model.fields

        def work(token: Token) -> int:
            target = Path(path)
            part = target.with_name(target.name + ".part")
            n = 0
            try:
                with open(part, "w", encoding="utf-8-sig", newline="") as out:
                    writer = csv.writer(out)
                    writer.writerow([f.label(self.lang) for f in fields])
                    batch: list[dict] = []
                    rows = records.iterate(self._db, self.entity.name, query=state.query(),
                                           sort=state.sort or self.entity.order_by,
                                           today=self._today)
                    for row in rows:
                        batch.append(row)
                        if len(batch) >= 1000:
                            n += _write(writer, batch)
                            batch = []
                            token.progress(n, 0, "")
                    n += _write(writer, batch)
                part.replace(target)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return n

        def _write(writer, batch: list[dict]) -> int:
            if not batch:
                return 0
            texts = present.texts(self._db, self.entity.name, batch, self.lang, fields[1:])
            for row, t in zip(batch, texts, strict=True):
                writer.writerow([row["id"], *(_safe(t[f.name]) for f in fields[1:])])
            return len(batch)

        def done(n: int) -> None:
            progress.close()
            QMessageBox.information(self, self.tr("Export"), self.tr(
                "{n} records written to {path}.").format(n=f"{n:,}", path=path))

        def failed(exc: BaseException) -> None:
            progress.close()
            if not isinstance(exc, records.ValidationError) and type(exc).__name__ == \
                    "Cancelled":
                return
            QMessageBox.warning(self, self.tr("Export"), self.tr(
                "The view could not be exported: {error}").format(error=str(exc)))

        def _shown(n: int) -> None:
            progress.setLabelText(self.tr("Exporting… {n} records").format(n=f"{n:,}"))
            if expected:
                progress.setValue(min(n, expected))

        job = self.jobs.start(work, on_done=done, on_error=failed,
                              on_progress=lambda n, _t, _x: _shown(n),
                              name="export view")
        if job is not None:
            progress.canceled.connect(job.token.cancel)

    def export_view_to_excel(self, path: str | None = None) -> None:
        """Write what the list shows (every matching row, in its order, every field) to an
        Excel workbook, typed and labelled in the window's language."""
        from privacydesk.ui.dialogs import workbook

        if path is None:
            path = workbook.ask_path(self, workbook.suggested_name(self.entity.name,
                                                                   self._today))
            if path is None:
                return
        state = self.model.state
        workbook.export_to_excel(self._db, self.jobs, [self.entity.name], path,
                                 lang=self.lang, query=state.query(),
                                 sort=state.sort or self.entity.order_by, today=self._today,
                                 parent=self)


def _safe(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
