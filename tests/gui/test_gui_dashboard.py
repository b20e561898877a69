"""The dashboard: its duty model is a correct Qt model, and one refresh reads once."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from privacydesk.services import duties as duty_service
from privacydesk.services.duties import Duty
from privacydesk.ui.models.duty_model import DutyRole, DutyTableModel
from privacydesk.ui.tabs.dashboard import DashboardTab

JST = timezone(timedelta(hours=9))


def _duty(kind: str, record_id: int, due, status: str, days_left: int) -> Duty:
    return Duty(kind, "request", record_id, f"Title {record_id}", f"件名{record_id}", due,
                status, "APPI Art 39", days_left)


def test_duty_model_passes_the_qt_model_tester(qtbot):
    model = DutyTableModel(lang="ja")
    tester = QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 0
    duties = [
        _duty("request_response", 1, date(2026, 12, 4), "ok", 8),
        _duty("gdpr_authority", 2, datetime(2026, 11, 28, 12, 0, tzinfo=JST), "due_soon", 2),
        _duty("request_response", 3, date(2026, 11, 15), "overdue", -11),
    ]
    with qtbot.waitSignal(model.modelReset):
        model.set_duties(duties)
    assert [model.duty(r).record_id for r in range(model.rowCount())] == [3, 2, 1]
    assert model.index(0, 0).data() == "期限超過"  # the word, not the colour alone
    assert model.index(1, 1).data() == "2026-11-28 12:00"
    assert model.index(0, 3).data() == "件名3"
    assert model.index(2, 0).data(DutyRole) is duties[0]
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.count("overdue") == 1
    model.set_duties([])
    assert model.rowCount(QModelIndex()) == 0
    del tester


def test_refresh_reads_the_duties_once(qtbot, filled_db, today, monkeypatch):
    gathered = []
    real = duty_service._gather
    monkeypatch.setattr(duty_service, "_gather",
                        lambda ctx, *a: gathered.append(1) or real(ctx, *a))
    tab = DashboardTab(filled_db, today=today)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    assert len(gathered) == 1
    assert tab.summary == duty_service.summary(filled_db, today=today)
    assert tab.model.rowCount() == len(duty_service.list_duties(filled_db, today=today))
    card = tab.cards["overdue_duties"]
    assert card.value_label.text() == f"{tab.summary['overdue_duties']:,}"
    assert tab.overdue_count() == tab.summary["overdue_duties"]
    header = tab.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Status"


def test_a_figure_opens_the_list_it_counts(qtbot, filled_db, today):
    tab = DashboardTab(filled_db, today=today)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    with qtbot.waitSignal(tab.openList) as caught:
        qtbot.mouseClick(tab.cards["open_requests"], Qt.MouseButton.LeftButton)
    entity_name, state = caught.args
    assert entity_name == "request" and state.filters == ("open",)
    # the overdue figure narrows the duty list itself
    tab.card_clicked("overdue_duties")
    assert tab.overdue_only.isChecked()
    assert tab.model.rowCount() == tab.summary["overdue_duties"]
    assert {tab.model.duty(r).status for r in range(tab.model.rowCount())} == {"overdue"}
