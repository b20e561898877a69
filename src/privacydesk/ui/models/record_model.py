"""A table model over any entity, paged from services.records.

Columns and headers come from the entity's field declarations. Rows arrive a page at a
time (`canFetchMore` / `fetchMore`), so a table of a million rows costs one page of
memory until the user scrolls. Sorting and searching re-query in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Entity, Field, FieldType
from privacydesk.services import records
from privacydesk.services.session import Database
from privacydesk.ui.format import format_value
from privacydesk.ui.widgets.deadline import colour, dot_icon

PAGE_SIZE = 200

ID_FIELD = Field("id", FieldType.INT, "ID", "ID")

# Types whose stored form cannot be sorted meaningfully in SQL (JSON lists).
_UNSORTABLE_TYPES = (FieldType.MULTICHOICE, FieldType.MULTIREF)

RecordRole = Qt.ItemDataRole.UserRole + 1  # the whole row dict (first column)
ValueRole = Qt.ItemDataRole.UserRole + 2  # the raw value of a cell

_Index = QModelIndex | QPersistentModelIndex


def _is_deadline(f: Field) -> bool:
    return f.computed and (f.name == "deadline_status"
                           or f.type in (FieldType.DATE, FieldType.DATETIME))


def table_fields(e: Entity) -> list[Field]:
    """The columns of an entity's table, in declaration order with two changes.

    The deadline columns (the computed status and due dates) come first, after the id:
    what is due is what the officer looks for. Long texts are left to the detail form,
    except the field that names a row.
    """
    deadline = [f for f in e.fields if _is_deadline(f)]
    deadline.sort(key=lambda f: f.name != "deadline_status")
    rest = [f for f in e.fields if not _is_deadline(f)
            and (f.type is not FieldType.LONGTEXT or f.name == e.display)]
    return [ID_FIELD, *deadline, *rest]


class RecordTableModel(QAbstractTableModel):
    """Rows of one entity, fetched lazily a page at a time."""

    totalChanged = Signal(int)

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 page_size: int = PAGE_SIZE, today: date | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.entity: Entity = entity(entity_name)
        self.lang = lang
        self.page_size = page_size
        self._today = today
        self.fields: list[Field] = table_fields(self.entity)
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._sort: str = self.entity.order_by
        self._search = ""
        self._resetting = False
        self._load_first_page()

    # --- state ------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many rows match the current search (fetched or not)."""
        return self._total

    @property
    def sort_key(self) -> str:
        """The current SQL sort: a stored field name, "-" prefixed when descending."""
        return self._sort

    @property
    def search(self) -> str:
        return self._search

    def column_of(self, name: str) -> int:
        for i, f in enumerate(self.fields):
            if f.name == name:
                return i
        return -1

    def is_sortable(self, column: int) -> bool:
        if not 0 <= column < len(self.fields):
            return False
        f = self.fields[column]
        return not f.computed and f.type not in _UNSORTABLE_TYPES

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def record_id(self, row: int) -> int:
        return self._rows[row]["id"]

    # --- queries ----------------------------------------------------------------------

    def _query(self) -> records.Query | None:
        return records.Query(search=self._search) if self._search else None

    def _fetch(self, offset: int) -> records.Page:
        return records.page(self._db, self.entity.name, offset=offset, limit=self.page_size,
                            sort=self._sort, query=self._query(), today=self._today)

    def _load_first_page(self) -> None:
        page = self._fetch(0)
        self._rows = page.rows
        self._set_total(page.total)

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self.totalChanged.emit(total)

    def reload(self) -> None:
        """Re-run the query from the first page (after a search, a sort or a change)."""
        self.beginResetModel()
        try:
            self._load_first_page()
        finally:
            # no fetching from inside the reset notification: whoever reacts to
            # modelReset (a view, the model tester) fetches once the reset is over
            self._resetting = True
            try:
                self.endResetModel()
            finally:
                self._resetting = False

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self._search:
            self._search = text
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query sorted in SQL; computed and list columns are not sortable."""
        if not self.is_sortable(column):
            return
        name = self.fields[column].name
        key = ("-" if order == Qt.SortOrder.DescendingOrder else "") + name
        if key != self._sort:
            self._sort = key
            self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order of the current sort, for the header's indicator."""
        desc = self._sort.startswith("-")
        order = Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
        return self.column_of(self._sort.lstrip("-")), order

    # --- paging -----------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._resetting and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._fetch(len(self._rows))
        new = page.rows
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()
        # rows deleted elsewhere meanwhile: never promise rows that no longer exist
        self._set_total(max(page.total, len(self._rows)) if new else len(self._rows))

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        f = self.fields[index.column()]
        row = self._rows[index.row()]
        value = row.get(f.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(f, value, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = format_value(f, value, self.lang)
            if f.type is FieldType.LONGTEXT and value:
                return str(value)
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if f.type in (FieldType.INT, FieldType.REF):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if f.type is FieldType.BOOL:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.DecorationRole and f.name == "deadline_status":
            return dot_icon(value) if value else None
        if role == Qt.ItemDataRole.ForegroundRole and f.name == "deadline_status":
            return colour(value) if value == "overdue" else None
        if role == ValueRole:
            return value
        if role == RecordRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Never `super().headerData(...)`: with PySide6 6.12 on Python 3.11 an empty
        # QVariant coming back from C++ as None loses a reference to None, and the
        # header asks for many roles: the interpreter then aborts at exit.
        if orientation != Qt.Orientation.Horizontal:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self.fields):
            return None
        f = self.fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.label(self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            help_text = f.help_ja if self.lang == "ja" else f.help_en
            return help_text or f.label(self.lang)
        return None
