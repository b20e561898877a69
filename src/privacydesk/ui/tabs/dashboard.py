"""The dashboard: figure cards, then every duty of the regulatory clock, overdue first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services import duties
from privacydesk.services.session import Database
from privacydesk.ui.models.duty_model import DutyTableModel
from privacydesk.ui.widgets.deadline import COLOURS

MAX_RULE_WIDTH = 420


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _percent(value: Any) -> str:
    if value is None:
        return "–"
    return f"{float(value):.0f} %"


class FigureCard(QFrame):
    """A number with a caption; red when the number asks for action."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Preferred vertically: the grid gives every card of the row the same height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.value_label = QLabel("–", self)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setWordWrap(True)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label, 1)

    def set_value(self, text: str, alarm: bool = False) -> None:
        self.value_label.setText(text)
        colour = COLOURS["overdue"] if alarm else ""
        self.value_label.setStyleSheet(f"color: {colour};" if colour else "")


# (key of duties.summary, formatter, red when above zero)
Card = tuple[str, Callable[[Any], str], bool]


class DashboardTab(QWidget):
    """Cards from `duties.summary`, the duty table from `duties.list_duties` (one
    `duties.overview` call gives both)."""

    dutyActivated = Signal(object)

    def __init__(self, db: Database, *, lang: str = "en", today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.lang = lang
        self.summary: Mapping[str, Any] = {}

        self._cards: list[tuple[Card, FigureCard]] = []
        cards = QGridLayout()
        cards.setSpacing(8)
        for i, (spec, caption) in enumerate(self._card_specs()):
            card = FigureCard(caption, self)
            card.setObjectName(f"card_{spec[0]}")
            self._cards.append((spec, card))
            cards.addWidget(card, 0, i)
            cards.setColumnStretch(i, 1)

        self.heading = QLabel(self.tr("Duties, overdue first"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.model = DutyTableModel(lang=lang, parent=self)
        self.view = QTableView(self)
        self.view.setObjectName("duties")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.activated.connect(
            lambda index: self.dutyActivated.emit(self.model.duty(index.row())))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(cards)
        layout.addSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)

        self.refresh()

    def _card_specs(self) -> list[tuple[Card, str]]:
        return [
            (("open_requests", _number, False), self.tr("Open requests")),
            (("overdue_duties", _number, True), self.tr("Overdue duties")),
            (("incidents_awaiting_report", _number, True),
             self.tr("Incidents awaiting a report")),
            (("training_compliance_pct", _percent, False), self.tr("Training compliance")),
            (("access_reviews_due", _number, False), self.tr("Access reviews due")),
            (("grants_untrained_or_departed", _number, True),
             self.tr("Grants held by untrained or departed staff")),
        ]

    def refresh(self) -> None:
        """Re-read the summary and the duties (after a change or at midnight)."""
        self.summary, duty_list = duties.overview(self._db, today=self._today)  # one read
        self.model.set_duties(duty_list)
        for (key, fmt, alarm), card in self._cards:
            value = self.summary.get(key)
            card.set_value(fmt(value), alarm=bool(alarm and value))
        self._size_columns()

    def overdue_count(self) -> int:
        return self.model.count("overdue")

    def _size_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionSize(column) > MAX_RULE_WIDTH:
                header.resizeSection(column, MAX_RULE_WIDTH)
