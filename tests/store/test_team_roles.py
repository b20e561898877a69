"""Team mode on a PostgreSQL server: officers, auditors and line managers, each with
their own server login, and the server enforcing what each may do.

Runs when PRIVACYDESK_TEST_PG_URL names a server as a superuser (`.ci/run` starts
one). Roles belong to the whole cluster: every test makes logins with names of its
own and drops them afterwards.
"""

from __future__ import annotations

import io
import os
import threading
import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from privacydesk.services import access, connection, interchange, records, team
from privacydesk.store.audit import history
from privacydesk.store.database import StoreError
from privacydesk.store.verify import verify

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")
TODAY = date(2026, 11, 26)

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


class Server:
    """A database of its own on the test server, and logins made for the test."""

    def __init__(self) -> None:
        self.admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
        self.tag = uuid.uuid4().hex[:10]
        self.name = f"pd_team_{self.tag}"
        self.logins: list[str] = []
        self.open: list = []
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        self.url = self.url_for(None)

    def url_for(self, login: str | None) -> str:
        url = sa.engine.make_url(URL).set(database=self.name)
        if login is not None:
            url = url.set(username=login, password=None)
        return url.render_as_string(hide_password=False)

    def login(self, kind: str) -> str:
        name = f"pd_{kind}_{self.tag}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
        self.logins.append(name)
        return name

    def connect(self, login: str | None = None, officer: str | None = None):
        db = connection.connect(self.url_for(login), officer=officer or "")
        self.open.append(db)
        return db

    def init(self, **kw):
        """`server init` as the owner."""
        db = connection.connect(self.url, require_schema=False)
        try:
            return team.init(db, **kw)
        finally:
            db.close()

    def close(self) -> None:
        for db in self.open:
            db.close()
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{self.name}" WITH (FORCE)')
            for name in self.logins:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
        self.admin.dispose()


@pytest.fixture
def server():
    s = Server()
    try:
        result = s.init(officer="Owner")
        assert result.seeded
        yield s
    finally:
        s.close()


def _team(server: Server) -> dict[str, str]:
    """An officer, an auditor and the manager of 営業部, granted by the owner."""
    owner = server.connect()
    who = {k: server.login(k) for k in ("officer", "auditor", "manager")}
    team.grant(owner, who["officer"], "officer")
    team.grant(owner, who["auditor"], "auditor")
    team.grant(owner, who["manager"], "manager", department="営業部")
    return who


def _access_rows(db) -> dict[str, int]:
    """Two assets of two departments, a grant on each, a review of each asset."""
    ids: dict[str, int] = {}
    purpose = records.page(db, "purpose", limit=1, sort="id").rows[0]["id"]
    ids["staff"] = records.create(db, "staff", {"employee_no": "T-1", "name": "山田 太郎",
                                                "department": "営業部",
                                                "started_on": date(2020, 4, 1)})
    for key, dept in (("sales", "営業部"), ("dev", "開発部")):
        ids[key] = records.create(db, "data_asset", {
            "name": f"台帳 {dept}", "kind": "database", "owner_department": dept,
            "acquisition": "direct_web_form", "purposes": [purpose]})
        ids[f"{key}_grant"] = records.create(db, "grant", {
            "staff": ids["staff"], "asset": ids[key], "level": "read",
            "justification": "業務上必要", "granted_on": date(2026, 1, 5)})
        ids[f"{key}_review"] = access.start_review(
            db, scope=f"{dept} 棚卸", reviewer="部長", started_on=date(2026, 11, 1),
            asset=ids[key])
    return ids


def test_init_is_idempotent_and_grant_needs_an_existing_login(server):
    again = server.init()
    assert not again.seeded  # the catalog is not written twice
    owner = server.connect()
    with pytest.raises(StoreError, match="createuser"):
        team.grant(owner, f"nobody_{server.tag}", "officer")
    login = server.login("deputy")
    with pytest.raises(StoreError, match="--department"):
        team.grant(owner, login, "manager")
    assert team.grant(owner, login, "auditor") == []
    assert team.grant(owner, login, "officer") == ["auditor"]  # one role at a time
    assert [(m.login, m.role) for m in team.members(owner) if m.login == login] == [
        (login, "officer")]
    assert team.revoke(owner, login) == ["officer"]
    assert [m for m in team.members(owner) if m.login == login] == []


def test_an_officers_change_records_the_officers_login(server):
    who = _team(server)
    officer = server.connect(who["officer"], officer="佐藤 一郎")
    assert officer.os_user == who["officer"]
    staff = records.create(officer, "staff", {"employee_no": "S-9", "name": "鈴木 花子"})
    records.update(officer, "staff", staff, {"department": "総務部"})
    entries = history(officer, "staff", staff)
    assert [(e["os_user"], e["officer"], e["action"]) for e in entries] == [
        (who["officer"], "佐藤 一郎", "insert"), (who["officer"], "佐藤 一郎", "update")]
    assert records.get(officer, "staff", staff)["updated_by"] == f"佐藤 一郎 ({who['officer']})"
    assert verify(officer).ok


def test_an_auditor_reads_exports_and_verifies_but_every_write_is_refused(server):
    who = _team(server)
    officer = server.connect(who["officer"])
    ids = _access_rows(officer)
    auditor = server.connect(who["auditor"])
    assert auditor.officer == ""  # the officer_name setting is not the auditor's name
    before = verify(auditor)
    assert before.ok, before.problems
    out = io.BytesIO()
    assert interchange.export(auditor, "staff", "csv", out, today=TODAY) == 1
    refused = f"the server refused the change: {who['auditor']} may only read (auditor)"
    with pytest.raises(team.NotPermitted, match=refused.replace("(", r"\(").replace(")", r"\)")):
        records.create(auditor, "staff", {"employee_no": "A-1", "name": "監査 花子"})
    with pytest.raises(team.NotPermitted, match="may only read"):
        records.update(auditor, "staff", ids["staff"], {"name": "改ざん"})
    with pytest.raises(team.NotPermitted, match="may only read"):
        records.delete(auditor, "grant", ids["dev_grant"])
    changed = out.getvalue().replace("山田 太郎".encode(), "山田 次郎".encode())
    with pytest.raises(team.NotPermitted, match="may only read"):
        interchange.import_file(auditor, "staff", changed, today=TODAY)
    after = verify(auditor)
    assert after.ok and (after.entries, after.rows) == (before.entries, before.rows)
    assert records.get(officer, "staff", ids["staff"])["name"] == "山田 太郎"
    assert records.count(officer, "grant") == 2


def test_a_manager_sees_and_decides_only_the_grants_of_the_departments_assets(server):
    who = _team(server)
    officer = server.connect(who["officer"])
    ids = _access_rows(officer)
    manager = server.connect(who["manager"])
    assert manager.os_user == who["manager"] and manager.officer == ""
    grants = records.page(manager, "grant", today=TODAY).rows
    assert [g["id"] for g in grants] == [ids["sales_grant"]]
    assert grants[0]["holder_status"] is not None  # staff and training are readable
    assert [r["id"] for r in records.page(manager, "access_review").rows] == [
        ids["sales_review"]]
    assert records.count(manager, "data_asset") == 2  # titles of every asset
    access.decide(manager, ids["sales_review"], ids["sales_grant"], "keep",
                  decided_on=date(2026, 11, 20))
    with pytest.raises(records.NotFound):  # the other department's review is not there
        access.decide(manager, ids["dev_review"], ids["dev_grant"], "revoke",
                      decided_on=date(2026, 11, 20))
    with pytest.raises(records.ValidationError):  # nor its grant
        access.decide(manager, ids["sales_review"], ids["dev_grant"], "revoke",
                      decided_on=date(2026, 11, 20))
    with manager.engine.begin() as conn:  # behind the app's back: the server filters
        n = conn.execute(sa.text("UPDATE access_grant SET revoked_on = '2026-11-21' "
                                 "WHERE id = :i"), {"i": ids["dev_grant"]}).rowcount
    assert n == 0
    own = access.start_review(manager, scope="営業部 臨時", reviewer="部長",
                              started_on=date(2026, 11, 2), asset=ids["sales"])
    assert own > 0
    with pytest.raises(team.NotPermitted, match="manager"):  # a policy's WITH CHECK
        access.start_review(manager, scope="開発部 臨時", reviewer="部長",
                            started_on=date(2026, 11, 2), asset=ids["dev"])
    with pytest.raises(team.NotPermitted, match=r"their department \(営業部\) \(manager\)"):
        records.page(manager, "consent")
    with pytest.raises(team.NotPermitted, match="manager"):
        records.create(manager, "staff", {"employee_no": "M-1", "name": "部長"})
    assert records.get(officer, "grant", ids["dev_grant"])["revoked_on"] is None
    assert records.get(officer, "grant", ids["sales_grant"])["last_reviewed_on"] == \
        date(2026, 11, 20)
    decision = history(officer, "review_decision",
                       records.page(officer, "review_decision").rows[0]["id"])
    assert decision[0]["os_user"] == who["manager"]
    report = verify(officer)
    assert report.ok, report.problems


def test_a_manager_cannot_sign_an_audit_entry_as_someone_else(server):
    who = _team(server)
    manager = server.connect(who["manager"])
    entry = {"seq": 10**9, "at": "2026-11-26T00:00:00.000000Z", "officer": "",
             "entity": "grant", "entity_id": 1, "action": "update", "before": None,
             "after": None, "prev_hash": "0" * 64, "hash": "0" * 64}
    insert = sa.text("INSERT INTO audit_log (seq, at, officer, os_user, entity, entity_id, "
                     "action, before, after, prev_hash, hash) VALUES (:seq, :at, :officer, "
                     ":os_user, :entity, :entity_id, :action, :before, :after, :prev_hash, "
                     ":hash)")
    for forged in ({"os_user": who["officer"]},
                   {"os_user": who["manager"], "entity": "consent"}):
        with pytest.raises(team.NotPermitted), manager.engine.begin() as conn:
            conn.execute(insert, {**entry, **forged})
    with pytest.raises(team.NotPermitted), manager.engine.begin() as conn:
        conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar()


def test_ten_concurrent_writers_every_change_present_and_the_chain_verifies(server):
    who = _team(server)
    writers, each = 10, 15
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def work(n: int) -> None:
        try:
            db = connection.connect(server.url_for(who["officer"]), officer=f"Writer {n}")
            try:
                start.wait()
                for i in range(each):
                    row = records.create(db, "staff", {"employee_no": f"W{n:02d}-{i:03d}",
                                                       "name": f"書き手 {n}"})
                    records.update(db, "staff", row, {"department": f"部署 {i}"})
            finally:
                db.close()
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    officer = server.connect(who["officer"])
    rows = records.page(officer, "staff", limit=1000).rows
    written = {r["employee_no"]: r for r in rows if r["employee_no"].startswith("W")}
    assert len(written) == writers * each
    assert all(r["department"] == f"部署 {int(no[-3:])}" for no, r in written.items())
    report = verify(officer)
    assert report.ok, report.problems
    with officer.read() as conn:
        signed = conn.execute(sa.text(
            "SELECT count(*) FROM audit_log WHERE os_user = :l AND entity = 'staff'"),
            {"l": who["officer"]}).scalar()
    assert signed == writers * each * 2


def test_the_command_line_sets_up_the_server_and_an_auditor_verifies(server, capsys):
    from privacydesk.cli import main

    auditor = server.login("auditor")
    assert main(["server", "init", "--url", server.url]) == 0
    assert main(["server", "grant", auditor, "auditor", "--url", server.url]) == 0
    assert f"{auditor} is auditor." in capsys.readouterr().err
    assert main(["server", "grant", f"ghost_{server.tag}", "officer", "--url", server.url]) == 2
    assert "createuser --pwprompt" in capsys.readouterr().err
    assert main(["server", "members", "--url", server.url]) == 0
    assert f"{auditor}\tauditor" in capsys.readouterr().out
    url = server.url_for(auditor)
    assert main(["verify", "--url", url]) == 0
    assert "OK (" in capsys.readouterr().out
    assert main(["server", "revoke", auditor, "--url", server.url]) == 0
    assert f"{auditor} is no longer auditor." in capsys.readouterr().err
    assert main(["verify", "--url", url]) == 2
    assert "permission denied for database" in capsys.readouterr().err


def test_granting_a_department_no_asset_is_owned_by_warns_with_the_names_in_use(
        server, capsys):
    from privacydesk.cli import main

    owner = server.connect()
    _access_rows(owner)
    manager = server.login("manager")
    assert main(["server", "grant", manager, "manager", "--department", "Sales",
                 "--url", server.url]) == 0
    err = capsys.readouterr().err
    assert f"{manager} is manager of Sales." in err
    assert "no data asset has the owner department 'Sales'" in err
    assert "営業部; 開発部" in err
    assert main(["server", "grant", manager, "manager", "--department", "営業部",
                 "--url", server.url]) == 0
    assert "no data asset" not in capsys.readouterr().err
    assert team.departments(owner) == ["営業部", "開発部"]


def test_a_managers_export_of_what_it_may_not_read_writes_nothing(server):
    who = _team(server)
    manager = server.connect(who["manager"])
    out = io.BytesIO()
    with pytest.raises(team.NotPermitted, match="may see and decide only"):
        interchange.export(manager, "request", "csv", out)
    assert out.getvalue() == b""  # not even the header row
    interchange.export(manager, "grant", "csv", out)
    assert out.getvalue().startswith("\ufeffid,row_version".encode())


def test_a_managers_duties_are_its_grants_and_the_training_of_their_holders(server):
    from privacydesk.services import duties

    who = _team(server)
    officer = server.connect(who["officer"])
    ids = _access_rows(officer)
    records.create(officer, "course", {"title_ja": "個人情報保護研修", "title_en": "Privacy basics",
                                       "version": "2026", "mandatory": True,
                                       "refresher_months": 12})
    other = records.create(officer, "staff", {"employee_no": "T-2", "name": "鈴木 花子",
                                              "started_on": date(2020, 4, 1)})
    day = date(2026, 12, 2)
    everyone = {(d.entity, d.record_id) for d in duties.list_duties(officer, today=day)
                if d.kind == "training"}
    assert {("staff", ids["staff"]), ("staff", other)} <= everyone
    manager = server.connect(who["manager"])
    mine = duties.list_duties(manager, today=day)
    assert {(d.kind, d.entity, d.record_id) for d in mine} == {
        ("training", "staff", ids["staff"]),  # holds a grant of 営業部: its training counts
        ("access_review", "grant", ids["sales_grant"])}
    counts = duties.summary(manager, today=day)
    assert counts["open_requests"] is None and counts["incidents_awaiting_report"] is None
    assert counts["staff_handling_data"] <= 1


def test_a_managers_workbook_of_every_list_holds_what_it_may_read(server, tmp_path, capsys):
    from openpyxl import load_workbook

    from privacydesk.cli import main

    who = _team(server)
    _access_rows(server.connect(who["officer"]))
    out = tmp_path / "all.xlsx"
    assert main(["export", "--all", "--format", "xlsx", "--lang", "en", "--out", str(out),
                 "--url", server.url_for(who["manager"])]) == 0
    assert "lists this login may not read are left out: " in capsys.readouterr().err
    book = load_workbook(out, read_only=True)
    assert "Access grants" in book.sheetnames and "Requests" not in book.sheetnames
    rows = list(book["Access grants"].iter_rows(values_only=True))
    assert len(rows) == 2  # the header and the one grant of 営業部


def test_a_manager_is_offered_the_reports_it_may_read_and_refused_the_others(
        server, tmp_path):
    from privacydesk.reports import registry

    who = _team(server)
    manager = server.connect(who["manager"])
    assert [s.name for s in registry.available(manager)] == ["inventory", "training", "access"]
    assert len(registry.available(server.connect(who["auditor"]))) == len(registry.reports())
    with pytest.raises(team.NotPermitted, match="may see and decide only"):
        registry.build(manager, "annual", tmp_path / "annual.pdf", lang="en")
    assert not (tmp_path / "annual.pdf").exists()
