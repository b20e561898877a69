"""A table model over any entity: pages read in the background, texts from the services.

Columns come from the entity's declared list columns; every cell's text (a reference's
title, a choice's label, a date) comes from `services.present`, the same code the PDF
reports use. Rows arrive a page at a time on a worker thread (`reload` for a new
search, filter or sort; `fetchMore` as the view scrolls), so a list of a million rows
costs one page of memory and never blocks the window. A result that arrives after a
newer query was asked for is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
from privacydesk.services import present, records
from privacydesk.services.session import Database
from privacydesk.ui.widgets.deadline import colour, dot_icon
from privacydesk.ui.workers import Jobs, Token

PAGE_SIZE = 200

ID_FIELD = Field("id", FieldType.INT, "ID", "ID")

RecordRole = Qt.ItemDataRole.UserRole + 1  # the whole row dict
ValueRole = Qt.ItemDataRole.UserRole + 2  # the raw value of a cell

_Index = QModelIndex | QPersistentModelIndex


def table_fields(e: Entity, lang: str = "en") -> list[Field]:
    """The columns of a list: the id, then the entity's declared list columns."""
    return [ID_FIELD, *e.list_columns(lang)]


@dataclass
class ListState:
    """What a list shows: its query and its sort. Kept across a lock or a language
    change, and set by the dashboard when a figure is opened."""

    search: str = ""
    equals: dict[str, Any] = field(default_factory=dict)
    filters: tuple[str, ...] = ()
    date_field: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    ids: tuple[int, ...] | None = None
    sort: str | None = None

    def query(self) -> records.Query | None:
        q = records.Query(equals=dict(self.equals), search=self.search,
                          date_field=self.date_field if (self.date_from or self.date_to)
                          else None, date_from=self.date_from, date_to=self.date_to,
                          filters=self.filters, ids=self.ids)
        empty = records.Query()
        return None if q.key() == empty.key() else q

    @property
    def narrowed(self) -> bool:
        return self.query() is not None


@dataclass
class _Loaded:
    generation: int
    offset: int
    rows: list[dict[str, Any]]
    texts: list[dict[str, str]]
    total: int
    exact: bool
    all_total: int | None


class RecordTableModel(QAbstractTableModel):
    """Rows of one entity, fetched a page at a time in the background."""

    loaded = Signal()  # the first page of the current query has arrived
    totalChanged = Signal(int)
    loadingChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, db: Database, entity_name: str, *, lang: str = "en",
                 jobs: Jobs | None = None, page_size: int = PAGE_SIZE,
                 today: date | None = None, state: ListState | None = None,
                 autoload: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.entity: Entity = entity(entity_name)
        self.lang = lang
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.page_size = page_size
        self._today = today
        self.fields: list[Field] = table_fields(self.entity, lang)
        self.state = state or ListState()
        self._rows: list[dict[str, Any]] = []
        self._texts: list[dict[str, str]] = []
        self._total = 0
        self._exact = True
        self._all_total: int | None = None
        self._generation = 0
        self._fetch_target = 0  # read on until this many rows are loaded (fetch_to)
        self._loading = False
        self._loaded_once = False
        self._error = ""
        if autoload:
            self.reload()

    # --- state ------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many rows match (at least this many when `exact` is False)."""
        return self._total

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def all_total(self) -> int | None:
        """How many rows the entity has in all (the M of "N of M")."""
        return self._all_total

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def loaded_once(self) -> bool:
        return self._loaded_once

    @property
    def error(self) -> str:
        return self._error

    @property
    def generation(self) -> int:
        """Changes with every new query: a result asked for an older one is stale."""
        return self._generation

    @property
    def sort_key(self) -> str:
        return self.state.sort or self.entity.order_by

    @property
    def search(self) -> str:
        return self.state.search

    def column_of(self, name: str) -> int:
        for i, f in enumerate(self.fields):
            if f.name == name:
                return i
        return -1

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.fields) and records.sortable(
            self.entity.name, self.fields[column].name)

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def record_id(self, row: int) -> int:
        return self._rows[row]["id"]

    def row_of(self, record_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r["id"] == record_id:
                return i
        return -1

    def texts(self, row: int) -> dict[str, str]:
        return self._texts[row]

    # --- queries ----------------------------------------------------------------------

    def set_state(self, state: ListState) -> None:
        self.state = state
        self.reload()

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self.state.search:
            self.state = replace(self.state, search=text)
            self.reload()

    def set_filters(self, **changes: Any) -> None:
        new = replace(self.state, **changes)
        if new != self.state:
            self.state = new
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query sorted by a column (by the services: computed columns included)."""
        if not self.is_sortable(column):
            return
        name = self.fields[column].name
        key = ("-" if order == Qt.SortOrder.DescendingOrder else "") + name
        if key != self.sort_key:
            self.state = replace(self.state, sort=key)
            self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        key = self.sort_key
        order = Qt.SortOrder.DescendingOrder if key.startswith("-") \
            else Qt.SortOrder.AscendingOrder
        return self.column_of(key.lstrip("-")), order

    def reload(self) -> None:
        """Ask for the first page of the current query (the old rows stay until it comes)."""
        self._generation += 1
        self._fetch_target = 0
        self._start(0)

    def _start(self, offset: int, limit: int | None = None) -> None:
        self._set_loading(True)
        self.jobs.start(self._load, self._generation, offset, limit or self.page_size,
                        self.state.query(), self.state.sort, self.state.narrowed,
                        on_done=self._arrived, on_error=self._load_failed,
                        name=f"list {self.entity.name}")

    def _load(self, token: Token, generation: int, offset: int, limit: int,
              query: records.Query | None, sort: str | None, narrowed: bool) -> _Loaded:
        """On a worker thread: one page, its texts, and (first page) the unfiltered total."""
        page = records.page(self._db, self.entity.name, offset=offset, limit=limit,
                            sort=sort, query=query, today=self._today)
        token.check()
        texts = present.texts(self._db, self.entity.name, page.rows, self.lang,
                              self.fields[1:])
        for t, r in zip(texts, page.rows, strict=True):
            t["id"] = str(r["id"])
        all_total = None
        if offset == 0:
            all_total = records.count(self._db, self.entity.name) if narrowed else page.total
        return _Loaded(generation, offset, page.rows, texts, page.total, page.exact, all_total)

    def _arrived(self, result: _Loaded) -> None:
        if result.generation != self._generation:
            return  # a newer query was asked for meanwhile
        self._error = ""
        if result.offset == 0:
            self.beginResetModel()
            self._rows, self._texts = result.rows, result.texts
            self._exact = result.exact
            self._all_total = result.all_total
            self._loaded_once = True
            self._total = result.total
            self._loading = False
            self.endResetModel()
            self.totalChanged.emit(result.total)
            self.loadingChanged.emit(False)
            self.loaded.emit()
            return
        if result.offset != len(self._rows):
            self._set_loading(False)
            self._fetch_on()
            return  # a page arrived for an older shape of the list
        new = result.rows
        # rows deleted elsewhere meanwhile: never promise rows that no longer exist
        total = max(result.total, len(self._rows) + len(new)) if new else len(self._rows)
        changed = total != self._total
        self._total = total
        self._loading = False  # before the rows arrive: a view may ask for more at once
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self._texts.extend(result.texts)
            self.endInsertRows()
        if changed:
            self.totalChanged.emit(total)
        self.loadingChanged.emit(False)
        self._fetch_on()

    def _load_failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        if isinstance(exc, records.ValidationError | ValueError | LookupError):
            self._error = str(exc)
        else:
            self._error = f"{type(exc).__name__}: {exc}"
        self.failed.emit(self._error)

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self.totalChanged.emit(total)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    # --- paging -----------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._loading and self._loaded_once
                and len(self._rows) < self._total)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(len(self._rows))

    def fetch_to(self, rows: int) -> None:
        """Read on until at least `rows` rows are loaded (a record deep in the list is to
        be shown), in one read beyond those loaded."""
        self._fetch_target = rows
        self._fetch_on()

    def _fetch_on(self) -> None:
        wanted = min(self._fetch_target, self._total)
        if self.canFetchMore() and len(self._rows) < wanted:
            self._start(len(self._rows), wanted - len(self._rows))

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()].get(f.name, "")
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            value = row.get(f.name)
            if f.type is FieldType.LONGTEXT and value:
                return str(value)
            text = self._texts[index.row()].get(f.name, "")
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if f.type is FieldType.INT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if f.type is FieldType.BOOL:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.DecorationRole and present.is_status(f):
            t = present.tone(f.name, row.get(f.name))
            return dot_icon(t) if t else None
        if role == Qt.ItemDataRole.ForegroundRole and present.is_status(f):
            t = present.tone(f.name, row.get(f.name))
            return colour(t) if t == present.ALERT else None
        if role == ValueRole:
            return row.get(f.name)
        if role == RecordRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Never `super().headerData(...)`: with PySide6 6.12 on Python 3.11 an empty
        # QVariant coming back from C++ as None loses a reference to None.
        if orientation != Qt.Orientation.Horizontal:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self.fields):
            return None
        f = self.fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.label(self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.help(self.lang) or f.label(self.lang)
        return None
