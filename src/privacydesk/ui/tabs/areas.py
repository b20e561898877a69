"""The areas of the console: one tab each, with a sub-view per kind of record.

Every one of the entities of the domain is reachable from here (the settings and the
organization from the Settings page too). An area with several kinds of record shows
them as sub-tabs: requests and complaints under Inquiries, staff, courses and
completions under Training, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from privacydesk.services import present, team
from privacydesk.services.session import Database
from privacydesk.ui.tabs.entity_view import EntityView
from privacydesk.ui.workers import Jobs


@dataclass(frozen=True)
class Area:
    key: str
    entities: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area("inventory", ("data_asset",)),
    Area("consent", ("consent",)),
    Area("inquiries", ("request", "complaint")),
    Area("training", ("completion", "staff", "course")),
    Area("access", ("grant", "access_review", "review_decision")),
    Area("incidents", ("incident", "incident_report")),
    Area("third_parties", ("counterparty", "provision_record", "receipt_record", "entrustee",
                           "entrustee_check", "foreign_transfer", "transfer_check")),
    Area("measures", ("safety_measure",)),
    Area("catalog", ("purpose", "provision_exception", "refusal_ground", "sensitive_category",
                     "data_category", "subject_category", "policy_version", "organization",
                     "setting")),
)

AREA_OF: dict[str, str] = {e: a.key for a in AREAS for e in a.entities}


def area_title(key: str) -> str:
    """The tab title of an area, translated (spelled out in full, so that lupdate sees
    each string with its context)."""
    titles = {
        "dashboard": QCoreApplication.translate("Areas", "Dashboard"),
        "inventory": QCoreApplication.translate("Areas", "Data inventory"),
        "consent": QCoreApplication.translate("Areas", "Consent"),
        "inquiries": QCoreApplication.translate("Areas", "Inquiries"),
        "training": QCoreApplication.translate("Areas", "Training"),
        "access": QCoreApplication.translate("Areas", "Access"),
        "incidents": QCoreApplication.translate("Areas", "Incidents"),
        "third_parties": QCoreApplication.translate("Areas", "Third parties"),
        "measures": QCoreApplication.translate("Areas", "Safety measures"),
        "catalog": QCoreApplication.translate("Areas", "Catalog"),
    }
    return titles[key]


class AreaTab(QWidget):
    """The views of one area: one entity view, or sub-tabs of several."""

    changed = Signal()

    def __init__(self, db: Database, area: Area, *, lang: str, jobs: Jobs,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.views: dict[str, EntityView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.subtabs: QTabWidget | None = None
        if len(area.entities) > 1:
            self.subtabs = QTabWidget(self)
            self.subtabs.setObjectName(f"subtabs_{area.key}")
            self.subtabs.setDocumentMode(True)
            layout.addWidget(self.subtabs)
        for name in area.entities:
            view = EntityView(db, name, lang=lang, jobs=jobs, today=today, parent=self)
            view.setObjectName(f"view_{name}")
            view.changed.connect(self.changed)
            self.views[name] = view
            if self.subtabs is not None:
                index = self.subtabs.addTab(view, present.entity_label(name, lang, plural=True))
                # a list this login may not read is not offered (a line manager on a
                # team server reads access, training, the inventory and the catalog)
                self.subtabs.setTabVisible(index, team.may(db, name))
            else:
                layout.addWidget(view)
        self.readable = any(team.may(db, name) for name in area.entities)

    def current_view(self) -> EntityView:
        if self.subtabs is not None:
            if not self.subtabs.isTabVisible(self.subtabs.currentIndex()):
                shown = [i for i in range(self.subtabs.count()) if self.subtabs.isTabVisible(i)]
                if shown:
                    self.subtabs.setCurrentIndex(shown[0])
            widget = self.subtabs.currentWidget()
            assert isinstance(widget, EntityView)
            return widget
        return next(iter(self.views.values()))

    def show_entity(self, entity_name: str) -> EntityView:
        view = self.views[entity_name]
        if self.subtabs is not None:
            self.subtabs.setCurrentWidget(view)
        view.start()
        return view

    def snapshot(self) -> dict[str, Any]:
        return {"current": self.current_view().entity_name,
                "views": {n: v.snapshot() for n, v in self.views.items()}}

    def restore(self, snap: dict[str, Any]) -> None:
        for name, s in snap.get("views", {}).items():
            if name in self.views and (s.get("started") or s.get("draft")):
                self.views[name].restore(s)
        current = snap.get("current")
        if current in self.views and self.subtabs is not None:
            self.subtabs.setCurrentWidget(self.views[current])
