"""RecordTableModel: a correct Qt model, paged in the background, sorted and searched by
the services, showing labels and titles instead of codes and ids."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from privacydesk.domain.entities import entity
from privacydesk.ui.models.record_model import (
    ListState,
    RecordTableModel,
    ValueRole,
    table_fields,
)
from privacydesk.ui.widgets.record_list import RecordList

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


def _model(qtbot, db, name: str, **kw) -> RecordTableModel:
    model = RecordTableModel(db, name, today=TODAY, autoload=False, **kw)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    return model


def _wait(qtbot, model: RecordTableModel, action) -> None:
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        action()


def test_model_passes_the_qt_model_tester_while_paging(qtbot, filled_db):
    model = RecordTableModel(filled_db, "request", page_size=200, today=TODAY,
                             autoload=False)
    tester = _tester(model)
    _wait(qtbot, model, model.reload)
    _all(qtbot, model)
    assert model.rowCount() == N_REQUESTS
    _wait(qtbot, model, lambda: model.sort(_column(model, "due_on"),
                                           Qt.SortOrder.AscendingOrder))
    _wait(qtbot, model, lambda: model.set_search("U0000"))
    _wait(qtbot, model, lambda: model.set_search(""))
    assert model.rowCount() == 200
    del tester


def test_fetch_more_grows_by_one_page_not_the_total(qtbot, filled_db):
    model = _model(qtbot, filled_db, "request", page_size=200)
    assert model.total == N_REQUESTS
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
        assert model.loading
        assert not model.canFetchMore(QModelIndex())  # one page at a time
    assert model.rowCount() == 400
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == N_REQUESTS and not model.loading)
    assert not model.canFetchMore(QModelIndex())
    ids = [model.record_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == N_REQUESTS  # pages neither overlap nor skip
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_view_fetches_lazily_as_it_scrolls(qtbot, filled_db):
    table = RecordList(filled_db, "request", today=TODAY)
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: table.model.rowCount() == 200)
    table.view.scrollToBottom()
    qtbot.waitUntil(lambda: table.model.rowCount() == 400)


def test_sorting_requeries_and_due_dates_sort_too(qtbot, filled_db):
    model = _model(qtbot, filled_db, "request", page_size=50)
    assert model.sort_key == "-received_on"  # the entity's own order: newest first
    assert _cell(model, 0, "received_on", ValueRole) == date(2026, 11, 25)
    _wait(qtbot, model, lambda: model.sort(_column(model, "received_on"),
                                           Qt.SortOrder.AscendingOrder))
    assert model.sort_key == "received_on"
    assert model.rowCount() == 50  # a fresh first page, not the whole table
    assert _cell(model, 0, "received_on", ValueRole) == TODAY - timedelta(days=N_REQUESTS)
    # a computed column: the due date
    due = _column(model, "due_on")
    assert model.is_sortable(due)
    _wait(qtbot, model, lambda: model.sort(due, Qt.SortOrder.AscendingOrder))
    dues = [_cell(model, r, "due_on", ValueRole) for r in range(model.rowCount())]
    assert dues == sorted(dues)
    _wait(qtbot, model, lambda: model.sort(due, Qt.SortOrder.DescendingOrder))
    first = _cell(model, 0, "due_on", ValueRole)
    assert first == max(r["due_on"] for r in _all(qtbot, model))
    # the deadline status: overdue first
    _wait(qtbot, model, lambda: model.sort(_column(model, "deadline_status"),
                                           Qt.SortOrder.AscendingOrder))
    rank = {"overdue": 0, "due_soon": 1, "ok": 2, "done": 3, None: 4}
    ranks = [rank[r["deadline_status"]] for r in _all(qtbot, model)]
    assert ranks == sorted(ranks) and ranks[0] == 1  # nothing overdue here: due soon first


def _all(qtbot, model: RecordTableModel) -> list[dict]:
    """Every row: fetch page after page (a page asked for elsewhere arrives first)."""
    while True:
        qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
        if not model.canFetchMore(QModelIndex()):
            return [model.record(r) for r in range(model.rowCount())]
        model.fetchMore(QModelIndex())


def test_search_finds_text_and_choice_labels(qtbot, filled_db):
    model = _model(qtbot, filled_db, "request")
    _wait(qtbot, model, lambda: model.set_search("needle"))
    assert model.total == 1
    assert _cell(model, 0, "subject_ref") == "NEEDLE-7"
    # "Received" is the label of a status: the twelve open requests
    _wait(qtbot, model, lambda: model.set_search("受付"))
    assert {_cell(model, r, "status", ValueRole) for r in range(model.rowCount())} \
        == {"received"}
    _wait(qtbot, model, lambda: model.set_search(""))
    assert model.total == N_REQUESTS


def test_filters_narrow_and_count_n_of_m(qtbot, filled_db):
    model = _model(qtbot, filled_db, "request")
    _wait(qtbot, model, lambda: model.set_filters(filters=("open",)))
    assert model.total == 12
    assert model.all_total == N_REQUESTS
    _wait(qtbot, model, lambda: model.set_filters(equals={"law": "GDPR"}))
    assert {_cell(model, r, "law", ValueRole) for r in range(model.rowCount())} == {"GDPR"}
    _wait(qtbot, model, lambda: model.set_state(ListState()))
    assert model.total == N_REQUESTS


def test_columns_come_from_the_declarations_in_the_ui_language(qtbot, filled_db):
    en = _model(qtbot, filled_db, "request", lang="en")
    ja = _model(qtbot, filled_db, "request", lang="ja")
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
    model = _model(qtbot, db, "incident")
    assert _cell(model, 0, "title") == "誤送信"
    assert _cell(model, 0, "known_at") == "2026-11-21 01:30"  # JST
    assert _cell(model, 0, "affected_max") == "1,200"
    assert _cell(model, 0, "reportable") == "✓"
    assert _cell(model, 0, "cause") == "Misdelivery / wrong address"
    assert _cell(model, 0, "ppc_preliminary_due") == "2026-11-25"
    assert _cell(model, 0, "deadline_status") == "Overdue"
    icon = _cell(model, 0, "deadline_status", Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()


def test_references_show_names_not_ids(qtbot, db, make):
    staff = make("staff", name="佐藤 花子", employee_no="E12345")
    asset = make("data_asset", name="会員DB")
    make("grant", staff=staff, asset=asset)
    model = _model(qtbot, db, "grant")
    assert _cell(model, 0, "staff") == "佐藤 花子 (E12345)"
    assert _cell(model, 0, "asset") == "会員DB"
    assert _cell(model, 0, "granted_on") == "2026-10-01"
    # and a search by the referenced name finds the grant
    _wait(qtbot, model, lambda: model.set_search("花子"))
    assert model.total == 1


@pytest.mark.parametrize("name", [e for e in (
    "data_asset", "consent", "request", "complaint", "staff", "course", "completion", "grant",
    "access_review", "review_decision", "incident", "incident_report", "counterparty",
    "provision_record", "receipt_record", "entrustee", "entrustee_check", "foreign_transfer",
    "transfer_check", "safety_measure", "purpose", "provision_exception", "refusal_ground",
    "sensitive_category", "data_category", "subject_category", "policy_version",
    "organization", "setting")])
def test_every_entity_list_passes_the_model_tester(qtbot, db, name):
    model = RecordTableModel(db, name, today=TODAY, autoload=False)
    tester = _tester(model)
    _wait(qtbot, model, model.reload)
    assert model.rowCount() == model.total
    for column in range(model.columnCount()):
        if model.is_sortable(column) and model.sort_key != "-" + model.fields[column].name:
            _wait(qtbot, model, lambda c=column: model.sort(c, Qt.SortOrder.DescendingOrder))
            assert model.sort_key == "-" + model.fields[column].name
    del tester
