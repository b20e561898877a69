"""The audit trail records every change; verify catches tampering behind the app's back."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlcipher3

from privacydesk.services import records, settings
from privacydesk.store.audit import history
from privacydesk.store.verify import verify


@pytest.fixture
def raw(db_path, passphrase):
    """A connection that edits the file behind the app's back (with the passphrase)."""
    conns = []

    def connect():
        conn = sqlcipher3.connect(str(db_path), isolation_level=None)
        conn.execute("PRAGMA key = '" + passphrase + "'")
        conns.append(conn)
        return conn

    yield connect
    for c in conns:
        c.close()


def test_every_write_is_recorded_with_who_and_before_after(db, make):
    settings.put(db, "officer_name", "佐藤 花子")
    staff_id = make("staff", name="鈴木 一郎")
    records.update(db, "staff", staff_id, {"department": "法務部"})
    assert records.update(db, "staff", staff_id, {"department": "法務部"}) is False  # no change
    records.delete(db, "staff", staff_id)
    entries = history(db, "staff", staff_id)
    assert [e["action"] for e in entries] == ["insert", "update", "delete"]
    assert entries[0]["before"] is None and entries[0]["after"]["name"] == "鈴木 一郎"
    assert entries[1]["before"]["department"] == "開発部"
    assert entries[1]["after"]["department"] == "法務部"
    assert entries[2]["after"] is None and entries[2]["before"]["department"] == "法務部"
    assert {e["officer"] for e in entries} == {"佐藤 花子"}
    assert all(e["os_user"] for e in entries)
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs)
    assert verify(db).ok


def test_failed_validation_writes_nothing(db):
    report = verify(db)
    with pytest.raises(records.ValidationError):
        records.create(db, "staff", {"employee_no": "E1", "name": "",
                                     "started_on": date(2020, 1, 1)})
    assert verify(db).entries == report.entries


def test_tampered_entry_is_caught(db, make, raw):
    staff_id = make("staff")
    make("staff")
    conn = raw()
    seq, after = conn.execute(
        "SELECT seq, after FROM audit_log WHERE entity='staff' AND entity_id=?", (staff_id,)
    ).fetchone()
    changed = json.loads(after)
    changed["name"] = "改ざん"
    conn.execute("UPDATE audit_log SET after=? WHERE seq=?", (json.dumps(changed), seq))
    conn.execute("UPDATE staff SET name='改ざん' WHERE id=?", (staff_id,))
    report = verify(db)
    assert not report.ok
    assert report.problems[0].startswith(f"audit entry {seq} ")
    assert "altered" in report.problems[0]


def test_deleted_entry_is_caught(db, make, raw):
    make("staff")
    make("staff")
    conn = raw()
    seq = conn.execute("SELECT max(seq) - 1 FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq=?", (seq,))
    report = verify(db)
    assert f"audit entry {seq} is missing" in report.problems[0]


def test_truncated_tail_is_caught(db, make, raw):
    make("staff")
    conn = raw()
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq=?", (last,))
    report = verify(db)
    assert any("removed from the end" in p for p in report.problems)


def test_row_edited_behind_the_apps_back_is_caught(db, make, raw):
    staff_id = make("staff")
    raw().execute("UPDATE staff SET department='総務部' WHERE id=?", (staff_id,))
    report = verify(db)
    assert report.problems == [
        f"staff {staff_id} differs from its last audit entry (edited behind the app's back)"
    ]


def test_row_added_or_removed_behind_the_apps_back_is_caught(db, make, raw):
    keep = make("staff")
    gone = make("staff")
    conn = raw()
    conn.execute("DELETE FROM staff WHERE id=?", (gone,))
    conn.execute(
        "INSERT INTO staff (id, created_at, created_by, updated_at, updated_by, employee_no,"
        " name, employment_type, handles_personal_data) VALUES (999, '2026-01-01 00:00:00',"
        " 'x', '2026-01-01 00:00:00', 'x', 'E999', '侵入', 'regular', 1)")
    problems = verify(db).problems
    assert f"staff {gone} is missing (removed behind the app's back)" in problems
    assert "staff 999 is not in the audit trail (added behind the app's back)" in problems
    assert not any(f"staff {keep} " in p for p in problems)


def test_deleted_through_the_app_is_not_a_problem(db, make):
    staff_id = make("staff")
    records.delete(db, "staff", staff_id)
    assert verify(db).ok


def test_referenced_row_cannot_be_deleted(db, make):
    staff_id = make("staff")
    make("completion", staff=staff_id)
    with pytest.raises(records.InUse, match="training completion"):
        records.delete(db, "staff", staff_id)
