"""The dashboard: figure cards, then every duty of the regulatory clock, overdue first.

Both come from one reading of `services.duties.overview`, on a worker. A click on a
figure opens the list it counts, filtered to those records; double-click or Enter on a
duty opens its record in its tab.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services import duties, present
from privacydesk.services.session import Database
from privacydesk.ui.models.duty_model import DutyTableModel
from privacydesk.ui.models.record_model import ListState
from privacydesk.ui.workers import Jobs, Token

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
    """A number with a caption; red when the number asks for action; a click opens
    the records it counts."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
        code = present.colour(present.ALERT) if alarm else None
        self.value_label.setStyleSheet(f"color: {code};" if code else "")

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


# (key of duties.summary, formatter, red when above zero, what a click opens)
# The target is (entity, list state), or None for the duty list's own overdue filter.
Card = tuple[str, Callable[[Any], str], bool, tuple[str, ListState] | None]

CARDS: tuple[Card, ...] = (
    ("open_requests", _number, False, ("request", ListState(filters=("open",)))),
    ("overdue_duties", _number, True, None),
    ("incidents_awaiting_report", _number, True,
     ("incident", ListState(filters=("awaiting_report",)))),
    ("training_compliance_pct", _percent, False,
     ("completion", ListState(filters=("expiring",)))),
    ("access_reviews_due", _number, False, ("grant", ListState(filters=("due",)))),
    ("grants_untrained_or_departed", _number, True,
     ("grant", ListState(filters=("flagged",)))),
)


class DashboardTab(QWidget):
    """Cards from `duties.summary`, the duty table from `duties.list_duties`."""

    dutyActivated = Signal(object)
    openList = Signal(str, object)  # entity name, ListState
    refreshed = Signal()

    def __init__(self, db: Database, *, lang: str = "en", jobs: Jobs | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.lang = lang
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.summary: Mapping[str, Any] = {}
        self._generation = 0
        self.loaded = False

        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        self._grid = grid
        captions = self._captions()
        for i, card_spec in enumerate(CARDS):
            key = card_spec[0]
            card = FigureCard(captions[key], self)
            card.setObjectName(f"card_{key}")
            card.clicked.connect(lambda k=key: self.card_clicked(k))
            self.cards[key] = card
            grid.addWidget(card, 0, i)
            grid.setColumnStretch(i, 1)

        self.heading = QLabel(self.tr("Duties, overdue first"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.overdue_only = QCheckBox(self.tr("Overdue only"), self)
        self.overdue_only.setObjectName("duties_overdue_only")
        self.overdue_only.toggled.connect(self._filter_duties)
        self.status_label = QLabel(self.tr("Reading the duties…"), self)
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addSpacing(12)
        head.addWidget(self.overdue_only)
        head.addStretch(1)
        head.addWidget(self.status_label)

        self.model = DutyTableModel(lang=lang, parent=self)
        self._all_duties: list[Any] = []
        self._overdue = 0
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
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

        # the first reading starts once the window is on screen, so that it does not
        # compete with building the window
        QTimer.singleShot(0, self, self.refresh)  # not once the tab is gone

    def _captions(self) -> dict[str, str]:
        return {
            "open_requests": self.tr("Open requests"),
            "overdue_duties": self.tr("Overdue duties"),
            "incidents_awaiting_report": self.tr("Incidents awaiting a report"),
            "training_compliance_pct": self.tr("Training compliance"),
            "access_reviews_due": self.tr("Access reviews due"),
            "grants_untrained_or_departed": self.tr(
                "Grants held by untrained or departed staff"),
        }

    def refresh(self) -> None:
        """Read the summary and the duties again, on a worker."""
        self._generation += 1
        generation = self._generation
        self.status_label.setText(self.tr("Reading the duties…"))
        self.status_label.show()

        def work(_token: Token) -> tuple[int, Any]:
            return generation, duties.overview(self._db, today=self._today)

        self.jobs.start(work, on_done=self._arrived, on_error=self._failed,
                        name="dashboard")

    def _arrived(self, result: tuple[int, Any]) -> None:
        generation, (summary, duty_list) = result
        if generation != self._generation:
            return
        self.summary = summary
        self._all_duties = list(duty_list)
        self._overdue = sum(1 for d in self._all_duties if d.status == "overdue")
        self._filter_duties()
        for key, fmt, alarm, _target in CARDS:
            value = summary.get(key)
            # None: records this login may not read (a line manager's dashboard)
            self.cards[key].setVisible(value is not None)
            self._grid.setColumnStretch(list(self.cards).index(key), int(value is not None))
            if value is not None:
                self.cards[key].set_value(fmt(value), alarm=bool(alarm and value))
        self.status_label.hide()
        self.loaded = True
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status_label.setText(self.tr("The duties could not be read: {error}").format(
            error=str(exc)))

    def _filter_duties(self, *_args) -> None:
        shown = [d for d in self._all_duties
                 if not self.overdue_only.isChecked() or d.status == "overdue"]
        self.model.set_duties(shown)
        self._size_columns()

    def card_clicked(self, key: str) -> None:
        target = next(spec[3] for spec in CARDS if spec[0] == key)
        if target is None:
            self.overdue_only.setChecked(True)
            self.view.setFocus()
            return
        entity_name, state = target
        self.openList.emit(entity_name, state)

    def overdue_count(self) -> int:
        return self._overdue

    def _size_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionSize(column) > MAX_RULE_WIDTH:
                header.resizeSection(column, MAX_RULE_WIDTH)
