"""No silent overwrite: every row counts its saves, and a save prepared from an older
version is refused naming who saved meanwhile."""

from __future__ import annotations

import pytest

from privacydesk.services import records
from privacydesk.store.database import open_database
from privacydesk.store.verify import verify


def test_a_new_row_is_version_1_and_each_change_adds_one(db, make):
    staff = make("staff")
    assert records.get(db, "staff", staff)["row_version"] == 1
    assert records.update(db, "staff", staff, {"name": "鈴木 一郎"}, version=1)
    assert records.get(db, "staff", staff)["row_version"] == 2
    assert records.update(db, "staff", staff, {"name": "鈴木 次郎"})  # no version: applies
    assert records.page(db, "staff", query=records.Query(ids=(staff,))).rows[0][
        "row_version"] == 3
    assert not records.update(db, "staff", staff, {"name": "鈴木 次郎"}, version=3)
    assert records.get(db, "staff", staff)["row_version"] == 3  # nothing changed
    assert verify(db).ok


def test_two_sessions_edit_the_same_record_the_second_save_is_refused(db, db_path,
                                                                       passphrase, make):
    staff = make("staff")
    other = open_database(db_path, passphrase)
    try:
        db.officer, other.officer = "佐藤 花子", "田中 次郎"
        mine = records.get(db, "staff", staff)
        theirs = records.get(other, "staff", staff)
        assert records.update(other, "staff", staff, {"role": "人事"},
                              version=theirs["row_version"])
        with pytest.raises(records.Stale) as caught:
            records.update(db, "staff", staff, {"role": "総務"}, version=mine["row_version"])
        refusal = caught.value
        assert "田中 次郎" in refusal.who
        assert refusal.version == 2
        message = str(refusal.message)
        assert "was changed by 田中 次郎" in message and "since you opened it" in message
        assert " JST" in message
        assert "田中 次郎" in refusal.message.ja and "開いた後に" in refusal.message.ja
        row = records.get(db, "staff", staff)
        assert row["role"] == "人事" and row["row_version"] == 2  # nothing overwritten
        # reloaded, the save goes through
        assert records.update(db, "staff", staff, {"role": "総務"}, version=2)
        assert records.get(other, "staff", staff)["row_version"] == 3
        assert verify(db).ok
    finally:
        other.close()


def test_the_version_stays_out_of_the_audit_trail(db, make):
    from privacydesk.store.audit import history

    staff = make("staff")
    records.update(db, "staff", staff, {"name": "鈴木 三郎"}, version=1)
    for entry in history(db, "staff", staff):
        assert "row_version" not in (entry["after"] or {})
