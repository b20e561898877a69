"""The window on a team's server as each role sees it: an auditor's forms are read only
and a write the server refuses is shown, naming the login and its role; a line manager
is offered the tabs it may read and reviews its own department's access; each person
keeps their own window language."""

from __future__ import annotations

import contextlib
import os
import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QDialog

from privacydesk.services import connection, records, requests, team
from privacydesk.ui.dialogs.workflows import AccessReviewDialog, WorkflowDialog, param
from privacydesk.ui.widgets.record_form import RecordForm

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


@contextlib.contextmanager
def _team_server(role: str, department: str | None = None):
    """A new server database with the catalog, a login of `role` and a request; yields
    (the owner's handle, a connect function for the login, the login)."""
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    tag = uuid.uuid4().hex[:10]
    name, login = f"pd_gui_{tag}", f"pd_gui_{role}_{tag}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN')
    base = sa.engine.make_url(URL).set(database=name)
    opened = []

    def connect_login():
        db = connection.connect(base.set(username=login, password=None)
                                .render_as_string(hide_password=False))
        opened.append(db)
        return db

    try:
        owner = connection.connect(base.render_as_string(hide_password=False),
                                   require_schema=False)
        opened.append(owner)
        team.init(owner)
        team.grant(owner, login, role, department=department)
        records.create(owner, "request", {
            "kind": "appi_disclosure", "law": "APPI", "received_on": date(2026, 11, 20),
            "channel": "web_form", "subject_ref": "U00000001"})
        yield owner, connect_login, login
    finally:
        for db in opened:
            db.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        admin.dispose()


@pytest.fixture
def auditor_db():
    with _team_server("auditor") as (owner, connect_login, login):
        staff = records.create(owner, "staff", {"employee_no": "G-1", "name": "山田 太郎"})
        yield connect_login(), staff, login


def test_an_auditors_form_is_read_only_and_a_delete_is_refused_by_the_server(
        qtbot, auditor_db):
    db, staff, login = auditor_db
    form = RecordForm(db, "staff", lang="en")
    qtbot.addWidget(form)
    assert form.load(staff)
    assert not form.editor("name").isEnabled()  # nothing to type into
    assert not form.save_button.isVisibleTo(form) and not form.delete_button.isVisibleTo(form)
    assert f"Read only: {login} may only read (auditor)" in form.read_only_label.text()
    assert not form.save()  # Ctrl+S does nothing
    assert not form.delete_now()  # and a delete that gets through is the server's to refuse
    assert f"{login} may only read (auditor)" in form.banner.text()
    assert records.get(db, "staff", staff)["name"] == "山田 太郎"
    ja = RecordForm(db, "staff", lang="ja")  # the note in the window's language
    qtbot.addWidget(ja)
    assert ja.load(staff)
    assert f"参照のみ: {login} は参照のみできます（監査担当）" in ja.read_only_label.text()


def test_an_auditors_workflow_step_is_refused_in_the_dialog(qtbot, auditor_db):
    db, _staff, login = auditor_db
    row = records.page(db, "request", limit=1).rows[0]
    dialog = WorkflowDialog(
        db, title="Withdrawn", intro="", lang="en", row=row,
        params=[param("request", "on", "withdrawn_on")],
        run=lambda on: requests.withdraw(db, row["id"], on=on, version=row["row_version"]))
    qtbot.addWidget(dialog)
    dialog.editors["on"].set_value(date(2026, 11, 24))
    dialog.accept()  # the server refuses the write: shown, not raised
    assert not dialog.banner.isHidden()
    assert f"{login} may only read (auditor)" in dialog.banner.text()
    assert records.get(db, "request", row["id"])["status"] == "received"


@pytest.fixture
def manager_db():
    """Two departments' data assets and grants; a manager of 営業部."""
    with _team_server("manager", "営業部") as (owner, connect_login, login):
        purpose = records.page(owner, "purpose", limit=1, sort="id").rows[0]["id"]
        staff = records.create(owner, "staff", {"employee_no": "G-1", "name": "山田 太郎",
                                                "started_on": date(2020, 4, 1)})
        grants = {}
        for dept in ("営業部", "開発部"):
            asset = records.create(owner, "data_asset", {
                "name": f"台帳 {dept}", "kind": "database", "owner_department": dept,
                "acquisition": "direct_web_form", "purposes": [purpose]})
            grants[dept] = records.create(owner, "grant", {
                "staff": staff, "asset": asset, "level": "read",
                "justification": "業務上必要", "granted_on": date(2026, 1, 5)})
        yield connect_login(), grants, login


def test_a_managers_window_offers_what_the_role_may_read_and_decide(
        qtbot, open_window, manager_db):
    db, grants, login = manager_db
    window = open_window("en", database=db)
    shown = {window.tabs.tabText(i) for i in range(window.tabs.count())
             if window.tabs.isTabVisible(i)}
    assert {"Dashboard", "Data inventory", "Training", "Access", "Catalog"} <= shown
    assert not shown & {"Consent", "Inquiries", "Incidents", "Safety measures"}
    assert [a.text() for a in window.tab_actions] == [
        window.tabs.tabText(i) for i in range(window.tabs.count())
        if window.tabs.isTabVisible(i)]  # Ctrl+1… number the tabs shown
    assert window.role_label.text() == "Manager of 営業部"
    # the dashboard: the cards of what a manager reads, no refusal
    qtbot.waitUntil(lambda: window.dashboard.loaded, timeout=20_000)
    assert window.dashboard.cards["open_requests"].isHidden()
    assert window.dashboard.cards["incidents_awaiting_report"].isHidden()
    assert not window.dashboard.cards["access_reviews_due"].isHidden()
    kinds = {d.kind for d in window.dashboard._all_duties}
    assert kinds and kinds <= {"access_review", "training"}
    # the access list: the department's grant, which the manager may decide
    view = window.show_entity("grant")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    assert [view.model.record(r)["id"] for r in range(view.model.rowCount())] == [
        grants["営業部"]]
    view.open_record(grants["営業部"])
    assert view.form.editor("review_cycle_months").isEnabled()
    assert view.form.read_only_label.isHidden()
    view.form.new()  # a new grant is an officer's: read only, and said why
    assert view.form.title_label.text() == "Choose a record in the list"
    assert not view.form.editor("justification").isEnabled()
    assert f"{login} may see and decide only" in view.form.read_only_label.text()
    # the inventory is read only for a manager
    assets = window.show_entity("data_asset")
    qtbot.waitUntil(lambda: assets.model.loaded_once, timeout=10_000)
    assert assets.model.total == 2
    assets.open_record(assets.model.record(0)["id"])
    assert not assets.form.editor("name").isEnabled()
    assert not assets.form.read_only_label.isHidden()
    # the reports a manager may make
    window.open_reports()
    assert [spec.name for spec in window.reports_dialog.specs] == [
        "inventory", "training", "access"]
    # no import into a list the manager may not add to: said in the status bar
    assert window.import_sheet("data_asset") is None
    assert "Read only: " in window.statusBar().currentMessage()


def test_on_a_server_each_person_keeps_their_own_window_language(
        qtbot, tmp_path, today, manager_db, monkeypatch):
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from privacydesk.services import settings
    from privacydesk.ui import i18n
    from privacydesk.ui.app import Console
    from privacydesk.ui.dialogs import connect as connect_dialog

    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(connect_dialog, "settings",
                        lambda: QSettings(ini, QSettings.Format.IniFormat))
    db, _grants, _login = manager_db
    before = settings.get(db, "language")
    c = Console(tmp_path / "none.db", demo_path=tmp_path / "demo.db", today=today)
    qtbot.addWidget(c.unlock_window)
    try:
        c._open(db)
        other = "en" if c.lang == "ja" else "ja"
        c.set_language(other)  # the team's setting stays; this person's window follows
        assert c.lang == other and c.main_window is not None and c.main_window.lang == other
        assert settings.get(db, "language") == before
        c.lock()
        c._open(db)  # the next opening of this server, by this person, in their language
        assert c.lang == other
    finally:
        c.db = None  # the fixture closes the connection
        c.shutdown()
        i18n.install("en")
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _start_review(view, asset: int, today):
    button = view.action_buttons["start"]
    assert button.isVisible() and button.isEnabled()
    before = set(view.findChildren(QDialog))
    button.click()
    dialog = [d for d in view.findChildren(QDialog) if d not in before and d.isVisible()][-1]
    for name, value in (("scope", "下期棚卸"), ("reviewer", "部長"), ("started_on", today),
                        ("asset", asset)):
        dialog.editors[name].set_value(value)
    return dialog


def test_a_manager_reviews_the_departments_grants_in_the_window_and_no_others(
        qtbot, open_window, manager_db, today):
    db, grants, login = manager_db
    window = open_window("en", database=db)
    view = window.show_entity("access_review")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    assets = {r["owner_department"]: r["id"]
              for r in records.page(db, "data_asset", limit=10).rows}
    # a review of another department's asset: the server refuses, the dialog says why
    dialog = _start_review(view, assets["開発部"], today)
    dialog.accept()
    assert dialog.isVisible()
    assert f"{login} may see and decide only" in dialog.banner.text()
    dialog.reject()
    assert records.page(db, "access_review", limit=10).total == 0
    # a review of its own: started, decided and attested from the window
    dialog = _start_review(view, assets["営業部"], today)
    before = set(view.findChildren(QDialog))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.accept()
    review = [d for d in view.findChildren(QDialog)
              if d not in before and isinstance(d, AccessReviewDialog)][-1]
    assert [g["id"] for g in review.grants] == [grants["営業部"]]
    review.combos[0].setCurrentIndex(review.combos[0].findData("keep"))
    assert review.decide(0), review.errors.text()
    assert review.attest(), review.errors.text()
    assert records.get(db, "grant", grants["営業部"])["last_reviewed_on"] == today
    assert records.page(db, "access_review", limit=10).rows[0]["attested_on"] == today
