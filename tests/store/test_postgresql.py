"""The same store and services on a PostgreSQL server (the shared-server mode).

Runs when PRIVACYDESK_TEST_PG_URL names a server (`.ci/run` starts one); each test gets
a database of its own, dropped afterwards.
"""

from __future__ import annotations

import io
import os
import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from privacydesk.services import demo, duties, interchange, records
from privacydesk.store import seed
from privacydesk.store.database import connect_url
from privacydesk.store.verify import verify

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")
TODAY = date(2026, 11, 26)

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


@pytest.fixture
def pg():
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    name = "pd_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(URL).set(database=name)
    db = connect_url(url.render_as_string(hide_password=False))
    seed.seed_catalog(db, officer="Server Officer")
    db.officer = "Server Officer"
    try:
        yield db
    finally:
        db.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def test_demo_verify_duties_and_round_trip_on_postgresql(pg):
    counts = demo.fill(pg, "small", seed=3, today=TODAY)
    assert counts["consent"] == 2000
    assert verify(pg).ok
    listed = duties.list_duties(pg, today=TODAY)
    assert any(d.status == "overdue" for d in listed)
    assert duties.summary(pg, today=TODAY)["open_requests"] > 0
    out = io.BytesIO()
    interchange.export(pg, "request", "csv", out, today=TODAY)
    result = interchange.import_file(pg, "request", out.getvalue(), today=TODAY)
    assert result.inserted == 0 and result.updated == 0
    again = io.BytesIO()
    interchange.export(pg, "request", "csv", again, today=TODAY)
    assert again.getvalue() == out.getvalue()


def test_ids_keep_counting_after_explicit_ids_and_tampering_is_caught(pg):
    demo.fill(pg, "small", seed=1, today=TODAY)
    staff_id = records.create(pg, "staff", {"employee_no": "PG-1", "name": "鈴木 花子"})
    assert staff_id > 40
    with pytest.raises(records.ValidationError, match="is required"):
        records.create(pg, "staff", {"employee_no": "PG-2"})
    assert verify(pg).ok
    with pg.engine.begin() as conn:
        conn.execute(sa.text("UPDATE staff SET name = '改ざん' WHERE id = :i"), {"i": staff_id})
    assert verify(pg).problems == [
        f"staff {staff_id} differs from its last audit entry (edited behind the app's back)"]


def test_verify_reads_one_state_while_the_server_is_written(pg):
    before = verify(pg)

    def write_meanwhile(message: str, done: int, total: int) -> None:
        if message.startswith("checking staff rows"):
            records.create(pg, "staff", {"employee_no": "PG-W", "name": "書き込み中"})

    report = verify(pg, progress=write_meanwhile)
    assert report.ok, report.problems
    assert (report.entries, report.rows) == (before.entries, before.rows)
    assert verify(pg).rows == before.rows + 1


def test_lists_search_filter_and_sort_on_the_server(pg):
    demo.fill(pg, size="small", seed=3)
    consent = records.page(pg, "consent", limit=1).rows[0]
    found = records.page(pg, "consent", query=records.Query(search=consent["subject_ref"]))
    assert consent["id"] in {r["id"] for r in found.rows}
    withdrawn = records.page(pg, "consent", query=records.Query(search="撤回"))
    assert withdrawn.total > 0 and {r["status"] for r in withdrawn.rows} == {"withdrawn"}
    asset = records.page(pg, "data_asset", limit=1).rows[0]
    purpose = asset["purposes"][0]
    code = records.get(pg, "purpose", purpose)["code"]
    holders = records.page(pg, "data_asset", query=records.Query(search=code), limit=500)
    assert asset["id"] in {r["id"] for r in holders.rows}  # a JSON list of references
    overdue = records.page(pg, "request", query=records.Query(filters=("overdue",)),
                           today=TODAY)
    assert {r["deadline_status"] for r in overdue.rows} <= {"overdue"}
    by_due = records.page(pg, "request", sort="due_on", limit=500, today=TODAY).rows
    dues = [r["due_on"] for r in by_due if r["due_on"] is not None]
    assert dues == sorted(dues)
    dated = records.page(pg, "request", query=records.Query(search="2026-11"), today=TODAY)
    assert dated.total > 0


def test_batched_import_names_rows_verifies_and_cancels_on_postgresql(pg):
    from privacydesk.services.session import Cancelled

    purpose = records.page(pg, "purpose", limit=1, sort="id").rows[0]["id"]
    version = records.page(pg, "policy_version", limit=1, sort="id").rows[0]["id"]
    n = interchange.WRITE_BATCH * 2 + 100

    def data(bad: int | None = None) -> bytes:
        lines = ["subject_ref,scope,purpose,policy_version,channel,captured_at"]
        lines += [f"U{i:08d},purpose,{999_999 if i == bad else purpose},{version},checkbox,"
                  "2026-10-01T03:00:00Z" for i in range(1, n + 1)]
        return ("\n".join(lines) + "\n").encode()

    bad = interchange.WRITE_BATCH + 1
    try:
        interchange.import_file(pg, "consent", data(bad), today=TODAY)
    except records.ValidationError as exc:
        assert [(e.row, e.field) for e in exc.errors] == [(bad, "purpose")]
    else:
        raise AssertionError("a missing purpose was imported")
    calls: list[int] = []
    try:
        interchange.import_file(pg, "consent", data(), today=TODAY, progress=calls.append,
                                cancel=lambda: len(calls) > 12)
    except Cancelled:
        pass
    else:
        raise AssertionError("the import was not cancelled")
    assert records.count(pg, "consent") == 0
    result = interchange.import_file(pg, "consent", data(), today=TODAY)
    assert result.inserted == n and records.count(pg, "consent") == n
    assert verify(pg).ok
    # and again, every row an unchanged update
    out = io.BytesIO()
    interchange.export(pg, "consent", "csv", out, today=TODAY)
    again = interchange.import_file(pg, "consent", out.getvalue(), today=TODAY)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, n)
    # and every row changed: updates in batches
    changed = out.getvalue().replace(b",checkbox,", b",paper,")
    again = interchange.import_file(pg, "consent", changed, today=TODAY)
    assert (again.inserted, again.updated, again.unchanged) == (0, n, 0)
    assert {r["channel"] for r in records.iterate(pg, "consent")} == {"paper"}


def test_two_sessions_edit_the_same_record_the_second_save_is_refused_on_postgresql(pg):
    staff = records.create(pg, "staff", {"employee_no": "PG-V", "name": "鈴木 花子"})
    other = connect_url(pg.engine.url.render_as_string(hide_password=False))
    try:
        other.officer = "田中 次郎"
        mine = records.get(pg, "staff", staff)
        theirs = records.get(other, "staff", staff)
        assert mine["row_version"] == theirs["row_version"] == 1
        assert records.update(other, "staff", staff, {"role": "人事"}, version=1)
        with pytest.raises(records.Stale, match=r"was changed by 田中 次郎 .* since you "
                           r"opened it") as caught:
            records.update(pg, "staff", staff, {"role": "総務"}, version=mine["row_version"])
        assert caught.value.version == 2
        row = records.get(pg, "staff", staff)
        assert row["role"] == "人事" and row["row_version"] == 2
        assert records.update(pg, "staff", staff, {"role": "総務"}, version=2)
        assert records.get(other, "staff", staff)["row_version"] == 3
        assert verify(pg).ok
    finally:
        other.close()


def test_an_import_older_than_the_server_names_the_row(pg):
    staff = records.create(pg, "staff", {"employee_no": "PG-I", "name": "鈴木 花子"})
    out = io.BytesIO()
    interchange.export(pg, "staff", "csv", out)
    assert interchange.import_file(pg, "staff", out.getvalue()).updated == 0
    records.update(pg, "staff", staff, {"role": "人事"}, version=1)
    with pytest.raises(records.ValidationError,
                       match=r"column row_version: was changed in the database since this "
                             r"file was exported \(version 2 there, 1 in the file\)"):
        interchange.import_file(pg, "staff", out.getvalue())
    assert records.get(pg, "staff", staff)["role"] == "人事"
    assert verify(pg).ok
