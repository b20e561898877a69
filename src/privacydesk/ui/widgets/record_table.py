"""A generic list of one entity: a search box above a paged, SQL-sorted table.

The later console turns this into the left half of a master-detail tab; it already
exposes what that needs (the model, the current record, a `currentRecordChanged`
signal).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services.session import Database
from privacydesk.ui.models.record_model import PAGE_SIZE, RecordTableModel

SEARCH_DELAY_MS = 250
MAX_COLUMN_WIDTH = 320


class RecordTable(QWidget):
    """Search box + table of one entity."""

    totalChanged = Signal(int)
    currentRecordChanged = Signal(object)

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 page_size: int = PAGE_SIZE, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(db, entity_name, lang=lang, page_size=page_size,
                                      today=today, parent=self)
        self.model.totalChanged.connect(self.totalChanged)

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(self.tr("Search…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip(self.tr(
            "Finds records whose text contains these characters, or whose ID is this "
            "number ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Find).toString(
                    QKeySequence.SequenceFormat.NativeText)))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.apply_search)

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
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        # Sorting is ours, not QTableView's: only stored fields re-query in SQL.
        header.sectionClicked.connect(self._header_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._show_sort_indicator)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.view)

        self._show_sort_indicator()
        self._size_columns()

    # --- behaviour ------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())

    def reload(self) -> None:
        self.model.reload()

    def current_record_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            self.apply_search()
            return
        super().keyPressEvent(event)

    # --- internals ------------------------------------------------------------------

    def _header_clicked(self, column: int) -> None:
        if not self.model.is_sortable(column):
            self._show_sort_indicator()  # a computed column: keep the real indicator
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

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(
            self.model.record_id(current.row()) if current.isValid() else None)

    def _size_columns(self) -> None:
        """Fit the columns to the header and the first page, within a maximum."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionSize(column) > MAX_COLUMN_WIDTH:
                header.resizeSection(column, MAX_COLUMN_WIDTH)
