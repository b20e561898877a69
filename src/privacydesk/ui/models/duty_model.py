"""The duty list of the dashboard: what is due, when, and under which rule.

Rows are `services.duties.Duty` objects (any object with the same attributes will do),
shown overdue first, then due soon, then on time; earliest deadline first within each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from privacydesk.domain.entities import BY_NAME
from privacydesk.services import present
from privacydesk.services.present import JST, format_date
from privacydesk.ui.widgets.deadline import colour, deadline_tone, dot_icon, status_text

DutyRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

STATUS, DUE, DAYS_LEFT, WHAT, RECORD, RULE = range(6)


def _due_date(due: date | datetime | None) -> date:
    if due is None:
        return date.max
    return due.astimezone(JST).date() if isinstance(due, datetime) else due


def overdue_first(duties: Iterable[Any]) -> list[Any]:
    """Overdue, due soon, on time; earliest first. Stable: ties keep the service's order."""
    return sorted(duties, key=lambda d: (present.STATUS_ORDER.get(d.status, 9),
                                         _due_date(d.due)))


class DutyTableModel(QAbstractTableModel):
    def __init__(self, duties: Iterable[Any] = (), *, lang: str = "en",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._duties: list[Any] = overdue_first(duties)

    def set_duties(self, duties: Iterable[Any]) -> None:
        self.beginResetModel()
        self._duties = overdue_first(duties)
        self.endResetModel()

    def duty(self, row: int) -> Any:
        return self._duties[row]

    def count(self, status: str) -> int:
        return sum(1 for d in self._duties if d.status == status)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._duties)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _text(self, d: Any, column: int) -> str:
        match column:
            case 0:
                return status_text(d.status, self.lang)
            case 1:
                return format_date(d.due)
            case 2:
                return "" if d.days_left is None else str(d.days_left)
            case 3:
                return (d.title_ja if self.lang == "ja" else d.title_en) or d.title_en or ""
            case 4:
                e = BY_NAME.get(d.entity)
                label = e.label(self.lang) if e else str(d.entity)
                return f"{label} #{d.record_id}"
            case 5:
                return present.message(d.rule, self.lang) if d.rule else ""
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._duties):
            return None
        d = self._duties[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(d, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (WHAT, RULE):
            text = self._text(d, column)
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return dot_icon(deadline_tone(d.status))
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, DAYS_LEFT):
            return colour(deadline_tone(d.status)) if d.status == "overdue" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DutyRole:
            return d
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation != Qt.Orientation.Horizontal:  # no super(): see RecordTableModel
            return section + 1
        # spelled out in full: lupdate does not see through an alias of translate()
        headers = (QCoreApplication.translate("DutyTableModel", "Status"),
                   QCoreApplication.translate("DutyTableModel", "Due"),
                   QCoreApplication.translate("DutyTableModel", "Days left"),
                   QCoreApplication.translate("DutyTableModel", "What"),
                   QCoreApplication.translate("DutyTableModel", "Record"),
                   QCoreApplication.translate("DutyTableModel", "Rule"))
        return headers[section] if 0 <= section < len(headers) else None
