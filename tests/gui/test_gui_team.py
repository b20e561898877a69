"""The record form and the workflow dialogs on a team's server: a write the server refuses
to an auditor is shown in the banner, naming the login and its role, and nothing is saved."""

from __future__ import annotations

import os
import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from privacydesk.services import connection, records, requests, team
from privacydesk.ui.dialogs.workflows import WorkflowDialog, param
from privacydesk.ui.widgets.record_form import RecordForm

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


@pytest.fixture
def auditor_db():
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    tag = uuid.uuid4().hex[:10]
    name, login = f"pd_gui_{tag}", f"pd_gui_auditor_{tag}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN')
    base = sa.engine.make_url(URL).set(database=name)
    opened = []
    try:
        owner = connection.connect(base.render_as_string(hide_password=False),
                                   require_schema=False)
        opened.append(owner)
        team.init(owner)
        team.grant(owner, login, "auditor")
        staff = records.create(owner, "staff", {"employee_no": "G-1", "name": "山田 太郎"})
        records.create(owner, "request", {
            "kind": "appi_disclosure", "law": "APPI", "received_on": date(2026, 11, 20),
            "channel": "web_form", "subject_ref": "U00000001"})
        db = connection.connect(base.set(username=login, password=None)
                          .render_as_string(hide_password=False))
        opened.append(db)
        yield db, staff, login
    finally:
        for db in opened:
            db.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        admin.dispose()


def test_an_auditors_save_and_delete_are_refused_in_the_form(qtbot, auditor_db):
    db, staff, login = auditor_db
    form = RecordForm(db, "staff", lang="en")
    qtbot.addWidget(form)
    assert form.load(staff)
    form.editor("name").setText("山田 次郎")
    assert not form.save()
    assert not form.banner.isHidden()
    assert f"{login} may only read (auditor)" in form.banner.text()
    assert not form.delete_now()
    assert f"{login} may only read (auditor)" in form.banner.text()
    assert records.get(db, "staff", staff)["name"] == "山田 太郎"
    ja = RecordForm(db, "staff", lang="ja")  # the message in the window's language
    qtbot.addWidget(ja)
    assert ja.load(staff)
    ja.editor("name").setText("山田 次郎")
    assert not ja.save()
    assert f"{login} は参照のみできます（監査担当）" in ja.banner.text()


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
