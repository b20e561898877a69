"""A consent ledger of 200,000 records for the test that reads it by page.

Made once per test session (tests/gui/conftest.py starts it in a separate process as
soon as the session knows it will need it, so that it is written while other tests run;
run alone, this module writes it: ``python ledger.py PATH`` with the passphrase on
standard input).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

N_CONSENTS = 200_000
BATCH = 20_000
INDEXES = ("consent_record_fts", "consent_record_words")


def build(path: Path, passphrase: str) -> None:
    """A new database at `path` holding N_CONSENTS consents.

    Written through the audited writer (`Writer.insert_many`), so every row has its
    audit entry, as services.demo writes its large ledger. The search-index triggers are
    set aside while the rows go in and the two indexes are rebuilt once at the end, as
    the migration that made them does: the same rows, indexes and audit chain, in a third
    of the time.
    """
    from privacydesk.services import records
    from privacydesk.store.audit import writing
    from privacydesk.store.database import create_database

    db = create_database(path, passphrase, officer="Test Officer")
    try:
        ids = {p["code"]: p["id"] for p in records.page(db, "purpose").rows}
        policy = records.page(db, "policy_version").rows[0]["id"]
        start = datetime(2024, 1, 1, tzinfo=UTC)
        scopes = ("purpose", "purpose", "purpose", "sensitive")
        channels = ("checkbox", "checkbox", "button", "email", "paper")
        with writing(db) as w:
            triggers = w.conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'consent_record'").all()
            for name, _sql in triggers:
                w.conn.exec_driver_sql(f"DROP TRIGGER {name}")
            for first in range(1, N_CONSENTS + 1, BATCH):
                w.insert_many("consent", [
                    {"id": i, "subject_ref": f"U{i:08d}", "scope": scopes[i % 4],
                     "purpose": ids["ABCD"[i % 4]], "policy_version": policy,
                     "channel": channels[i % 5], "evidence_ref": f"CL-{i:09d}",
                     "captured_at": start + timedelta(minutes=5 * i),
                     "status": "withdrawn" if i % 50 == 0 else "active"}
                    for i in range(first, min(first + BATCH, N_CONSENTS + 1))])
            for _name, sql in triggers:
                w.conn.exec_driver_sql(sql)
            for index in INDEXES:
                w.conn.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    finally:
        db.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]), sys.stdin.readline().rstrip("\n"))
