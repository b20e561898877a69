"""Change notices between two handles on one server (LISTEN/NOTIFY)."""

from __future__ import annotations

import os
import queue
import uuid

import pytest
import sqlalchemy as sa

from privacydesk.services import connection, notices, records
from privacydesk.store import seed

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


@pytest.fixture
def server():
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    name = "pd_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(URL).set(database=name).render_as_string(hide_password=False)
    db = connection.connect(url, require_schema=False)
    seed.seed_catalog(db, officer="Server Officer")
    db.close()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def test_a_commit_on_one_handle_is_noticed_on_the_other(server):
    mine, theirs = connection.connect(server), connection.connect(server)
    got: queue.Queue[set[str]] = queue.Queue()
    watcher = notices.watch(mine, got.put)
    try:
        with pytest.raises(records.ValidationError):  # rolled back: no notice
            records.create(theirs, "staff", {"employee_no": "N-0"})
        records.create(theirs, "staff", {"employee_no": "N-1", "name": "通知 太郎"})
        assert got.get(timeout=30) == {"staff"}
        assert got.empty()
    finally:
        watcher.stop()
        mine.close()
        theirs.close()
