"""Paging and verify read what they need, in one consistent state."""

from __future__ import annotations

import sqlalchemy as sa

from privacydesk.services import records
from privacydesk.store.verify import verify


def _statements(db) -> list[str]:
    seen: list[str] = []
    sa.event.listen(db.engine, "before_cursor_execute",
                    lambda _c, _cur, statement, *_a: seen.append(statement))
    return seen


def test_page_total_is_right_and_the_last_page_is_not_counted_again(db, make):
    for i in range(5):
        make("staff", employee_no=f"PG{i}")
    n = records.count(db, "staff")
    statements = _statements(db)
    for offset, limit in [(0, 2), (2, 2), (n - 1, 2), (0, n + 5), (n, 2), (n + 10, 2)]:
        page = records.page(db, "staff", offset=offset, limit=limit, sort="id")
        assert page.total == n, (offset, limit)
        assert len(page.rows) == max(0, min(limit, n - offset))
    query = records.Query(search="PG3")
    statements.clear()
    page = records.page(db, "staff", query=query)
    assert page.total == 1 and page.rows[0]["employee_no"] == "PG3"
    assert not [s for s in statements if "count(" in s.lower() and "staff" in s]


def test_verify_reads_one_state_while_the_database_is_written(db, make):
    before = verify(db)

    def write_meanwhile(message: str, done: int, total: int) -> None:
        if message.startswith("checking staff rows"):
            make("staff")

    report = verify(db, progress=write_meanwhile)
    assert report.ok, report.problems
    assert (report.entries, report.rows) == (before.entries, before.rows)
    assert verify(db).rows == before.rows + 1
