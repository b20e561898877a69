"""Migrations from the baseline, refusal of newer schemas, schema and models agree."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from privacydesk.domain.entities import entity
from privacydesk.services import records
from privacydesk.store import migrations
from privacydesk.store.audit import canonical_row, dumps, entry_hash, json_value
from privacydesk.store.database import SchemaTooNew, WrongPassphrase, open_database
from privacydesk.store.models import TABLES, audit_head, audit_log, include_name, metadata
from privacydesk.store.verify import verify


def _indexes(db, table):
    with db.read() as conn:
        return {i["name"] for i in sa.inspect(conn).get_indexes(table)}


def test_models_match_migrations(db):
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_the_head_constant_is_the_newest_script():
    assert migrations.head_revision() == migrations.HEAD


def test_migration_from_baseline_on_populated_database(db, db_path, make, passphrase):
    consent_ids = [make("consent") for _ in range(5)]
    request_id = make("request")
    # rows that refer to the tables later migrations rebuild (SQLite batch mode)
    make("complaint", request=request_id)
    decision_id = make("review_decision")
    migrations.downgrade(db.engine, "0001")
    assert migrations.current_revision(db.engine) == "0001"
    assert "ix_consent_record_policy_version_purpose_status" not in _indexes(db, "consent_record")
    db.close()
    baseline_bytes = hashlib.sha256(db_path.read_bytes()).hexdigest()

    migrated = open_database(db_path, passphrase)
    try:
        assert migrations.current_revision(migrated.engine) == migrations.head_revision()
        assert "ix_consent_record_policy_version_purpose_status" in _indexes(
            migrated, "consent_record")
        assert [records.get(migrated, "consent", i)["id"] for i in consent_ids] == consent_ids
        assert records.get(migrated, "request", request_id)["kind"] == "appi_disclosure"
        assert records.get(migrated, "review_decision", decision_id)["decision"] == "keep"
        with migrated.read() as conn:  # the references survived the rebuilt tables
            raw = conn.connection.dbapi_connection
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert verify(migrated).ok
    finally:
        migrated.close()
    backups = [p for p in db_path.parent.iterdir() if ".before-migration-0001-" in p.name]
    assert len(backups) == 1
    assert hashlib.sha256(backups[0].read_bytes()).hexdigest() == baseline_bytes
    with pytest.raises(WrongPassphrase):
        open_database(backups[0], "another passphrase")


def test_newer_schema_is_refused_and_untouched(db, db_path, passphrase):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNew, match="newer PrivacyDesk") as caught:
        open_database(db_path, passphrase)
    assert str(db_path) in str(caught.value)  # says which file
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_current_database_is_not_copied_again(db, db_path, passphrase):
    db.close()
    open_database(db_path, passphrase).close()
    assert not [p for p in db_path.parent.iterdir() if "before-migration" in p.name]


# Columns added after the schema of 0002, with the entity they belong to.
ADDED_AFTER_0002 = {"access_review": ("scope_asset", "scope_department"),
                    "request": ("withdrawn_on",)}


def _insert_as_older_version(conn, entity_name: str, values: dict) -> int:
    """Write a row and its audit entry as PrivacyDesk on schema 0002 did: the entry
    knows nothing of the columns added later."""
    e = entity(entity_name)
    now = datetime.now(UTC)
    row = {**values, "created_at": now, "created_by": "older", "updated_at": now,
           "updated_by": "older"}
    row_id = conn.execute(sa.insert(TABLES[entity_name]).values(**row)
                          .returning(TABLES[entity_name].c.id)).scalar()
    after = canonical_row(e, {**row, "id": row_id})
    for name in ADDED_AFTER_0002[entity_name]:
        del after[name]
    seq, prev = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
    entry = {"seq": seq + 1, "at": json_value(now), "officer": "", "os_user": "older",
             "entity": entity_name, "entity_id": row_id, "action": "insert", "before": None,
             "after": dumps(after)}
    entry["prev_hash"] = prev
    entry["hash"] = entry_hash(prev, entry)
    conn.execute(sa.insert(audit_log).values(**entry))
    conn.execute(sa.update(audit_head).values(seq=entry["seq"], hash=entry["hash"]))
    return row_id


def test_rows_written_before_a_column_was_added_still_verify(db, db_path, passphrase):
    with db.engine.begin() as conn:
        cfg = migrations.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        review = _insert_as_older_version(conn, "access_review", {
            "scope": "全部署", "reviewer": "佐藤", "started_on": date(2026, 5, 1)})
        request = _insert_as_older_version(conn, "request", {
            "kind": "appi_disclosure", "law": "APPI", "received_on": date(2026, 11, 1),
            "channel": "email", "subject_ref": "U1", "requester": "self",
            "status": "received", "identity_doubt": False, "extended": False})
    db.close()
    migrated = open_database(db_path, passphrase)
    try:
        assert migrations.current_revision(migrated.engine) == migrations.head_revision()
        row = records.get(migrated, "access_review", review)
        assert row["scope_asset"] is None and row["scope_department"] is None
        assert records.get(migrated, "request", request)["withdrawn_on"] is None
        assert verify(migrated).ok, verify(migrated).problems
        # a value in an added column that no entry records is still caught
        with migrated.engine.begin() as conn:
            t = TABLES["access_review"]
            conn.execute(sa.update(t).where(t.c.id == review).values(scope_department="経理部"))
        assert verify(migrated).problems == [
            f"access_review {review} differs from its last audit entry "
            "(edited behind the app's back)"]
        # written through the app, the entry records the new columns
        records.update(migrated, "access_review", review, {"scope_department": "人事部"})
        assert verify(migrated).ok
    finally:
        migrated.close()


def test_names_in_both_languages_are_split_and_the_trail_follows(db, db_path, passphrase):
    """A database of schema 0005 held "English / 日本語" in one name column; after the
    migration the names are split and every row still equals its last audit entry."""
    e = entity("data_category")
    with db.engine.begin() as conn:
        cfg = migrations.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
        now = datetime.now(UTC)
        ids = {}
        for name in ("Full name / 氏名", "購買履歴", "Cookie ID"):
            ids[name] = conn.exec_driver_sql(
                "INSERT INTO data_category (name, financial_risk, person_related, created_at,"
                " created_by, updated_at, updated_by) VALUES (?, 0, 0, ?, 'older', ?, 'older')"
                " RETURNING id", (name, now, now)).scalar()
            after = canonical_row(e, {"id": ids[name], "name_ja": name,
                                      "financial_risk": False, "person_related": False})
            after = {("name" if k == "name_ja" else k): v for k, v in after.items()
                     if k != "name_en"}
            seq, prev = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
            entry = {"seq": seq + 1, "at": json_value(now), "officer": "", "os_user": "older",
                     "entity": "data_category", "entity_id": ids[name], "action": "insert",
                     "before": None, "after": dumps(after)}
            entry["prev_hash"] = prev
            entry["hash"] = entry_hash(prev, entry)
            conn.execute(sa.insert(audit_log).values(**entry))
            conn.execute(sa.update(audit_head).values(seq=entry["seq"], hash=entry["hash"]))
    db.close()
    migrated = open_database(db_path, passphrase)
    try:
        got = {k: records.get(migrated, "data_category", i) for k, i in ids.items()}
        assert (got["Full name / 氏名"]["name_ja"], got["Full name / 氏名"]["name_en"]) == (
            "氏名", "Full name")
        assert (got["購買履歴"]["name_ja"], got["購買履歴"]["name_en"]) == ("購買履歴", None)
        assert got["Cookie ID"]["name_ja"] == "Cookie ID"
        users = records.page(migrated, "subject_category",
                             query=records.Query(equals={"name_en": "Users"})).rows
        assert [r["name_ja"] for r in users] == ["ユーザー"]
        report = verify(migrated)
        assert report.ok, report.problems
        with migrated.read() as conn:
            restated = conn.execute(sa.select(audit_log.c.officer, audit_log.c.before)
                                    .where(audit_log.c.entity == "data_category",
                                           audit_log.c.entity_id == ids["Full name / 氏名"])
                                    .order_by(audit_log.c.seq)).all()
        assert restated[-1].officer == "schema migration 0006"
        assert json.loads(restated[-1].before)["name"] == "Full name / 氏名"
    finally:
        migrated.close()
