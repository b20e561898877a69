"""Migrations from the baseline, refusal of newer schemas, schema and models agree."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from privacydesk.services import records
from privacydesk.store import migrations
from privacydesk.store.database import SchemaTooNew, WrongPassphrase, open_database
from privacydesk.store.models import include_name, metadata
from privacydesk.store.verify import verify


def _indexes(db, table):
    with db.read() as conn:
        return {i["name"] for i in sa.inspect(conn).get_indexes(table)}


def test_models_match_migrations(db):
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_migration_from_baseline_on_populated_database(db, db_path, make, passphrase):
    consent_ids = [make("consent") for _ in range(5)]
    request_id = make("request")
    with db.engine.begin() as conn:
        cfg = migrations.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
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
