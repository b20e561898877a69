"""RecordTableModel: a correct Qt model, paged lazily, sorted and searched in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from privacydesk.domain.entities import entity
from privacydesk.ui.models.record_model import RecordTableModel, ValueRole, table_fields
from privacydesk.ui.widgets.record_table import RecordTable

Display = Qt.ItemDataRole.DisplayRole
TODAY = date(2026, 11, 26)  # as the filled database of conftest.py
N_REQUESTS = 450


def _tester(model) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def _column(model: RecordTableModel, name: str) -> int:
    column = model.column_of(name)
    assert column >= 0, name
    return column


def _cell(model: RecordTableModel, row: int, name: str, role=Display):
    return model.data(model.index(row, _column(model, name)), role)


def test_model_passes_the_qt_model_tester_while_paging(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", page_size=200, today=TODAY)
    tester = _tester(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    model.sort(_column(model, "received_on"), Qt.SortOrder.AscendingOrder)
    model.set_search("U0000")
    model.set_search("")
    assert model.rowCount() == 200
    del tester


def test_fetch_more_grows_by_one_page_not_the_total(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", page_size=200, today=TODAY)
    assert model.total == N_REQUESTS
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == N_REQUESTS
    assert not model.canFetchMore(QModelIndex())
    ids = [model.record_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == N_REQUESTS  # pages neither overlap nor skip
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_view_fetches_lazily_as_it_scrolls(qtbot, filled_db):
    table = RecordTable(filled_db, "request", today=TODAY)
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.show()
    qtbot.waitExposed(table)
    assert table.model.rowCount() == 200
    table.view.scrollToBottom()
    qtbot.waitUntil(lambda: table.model.rowCount() == 400)


def test_sorting_requeries_in_sql(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", page_size=50, today=TODAY)
    received = _column(model, "received_on")
    # default order of the entity: newest first
    assert model.sort_key == "-received_on"
    assert _cell(model, 0, "received_on", ValueRole) == date(2026, 11, 25)
    with qtbot.waitSignal(model.modelReset):
        model.sort(received, Qt.SortOrder.AscendingOrder)
    assert model.sort_key == "received_on"
    assert model.rowCount() == 50  # a fresh first page, not the whole table
    first = _cell(model, 0, "received_on", ValueRole)
    assert first == min(_cell(model, r, "received_on", ValueRole) for r in range(50))
    assert first == TODAY - timedelta(days=N_REQUESTS)
    model.sort(_column(model, "subject_ref"), Qt.SortOrder.DescendingOrder)
    assert _cell(model, 0, "subject_ref") == "U00000449"


def test_computed_columns_are_not_sortable(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", today=TODAY)
    due = _column(model, "due_on")
    assert not model.is_sortable(due)
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(due, Qt.SortOrder.AscendingOrder)
    assert model.sort_key == "-received_on"


def test_search_filters_in_sql(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", today=TODAY)
    model.set_search("needle")
    assert model.total == 1
    assert model.rowCount() == 1
    assert _cell(model, 0, "subject_ref") == "NEEDLE-7"
    model.set_search("")
    assert model.total == N_REQUESTS


def test_columns_come_from_the_declarations_in_the_ui_language(qtbot, filled_db):
    en = RecordTableModel(filled_db, "request", lang="en", today=TODAY)
    ja = RecordTableModel(filled_db, "request", lang="ja", today=TODAY)
    e = entity("request")
    assert [f.name for f in en.fields] == [f.name for f in table_fields(e)]
    assert "reason_explained" not in [f.name for f in en.fields]  # long text: the form's
    column = _column(en, "received_on")
    assert en.headerData(column, Qt.Orientation.Horizontal) == "Received"
    assert ja.headerData(column, Qt.Orientation.Horizontal) == "受付日"
    choices = e.field("kind").choices
    assert en.data(en.index(0, _column(en, "kind"))) in {c.label_en for c in choices}
    assert ja.data(ja.index(0, _column(ja, "kind"))) in {c.label_ja for c in choices}


def test_values_are_formatted(qtbot, db, make):
    make("incident", title="誤送信", affected_max=1200,
         known_at=datetime(2026, 11, 20, 16, 30, tzinfo=UTC))
    model = RecordTableModel(db, "incident", today=TODAY)
    assert _cell(model, 0, "title") == "誤送信"
    assert _cell(model, 0, "known_at") == "2026-11-21 01:30"  # JST
    assert _cell(model, 0, "trigger_over_1000") == "✓"
    assert _cell(model, 0, "high_level_encryption") == ""
    assert _cell(model, 0, "cause") == "Misdelivery / wrong address"
    assert _cell(model, 0, "ppc_preliminary_due") == "2026-11-25"
    assert _cell(model, 0, "deadline_status") == "Overdue"
    icon = _cell(model, 0, "deadline_status", Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()


def test_refs_show_their_id(qtbot, db, make):
    staff = make("staff")
    asset = make("data_asset")
    make("grant", staff=staff, asset=asset)
    model = RecordTableModel(db, "grant", today=TODAY)
    assert _cell(model, 0, "staff") == str(staff)
    assert _cell(model, 0, "asset") == str(asset)
    assert _cell(model, 0, "granted_on") == "2026-10-01"


@pytest.mark.parametrize("name", ["data_asset", "consent", "request", "completion", "grant",
                                  "incident", "counterparty"])
def test_every_area_table_opens_on_an_empty_database(qtbot, db, name):
    model = RecordTableModel(db, name, today=TODAY)
    _tester(model)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
