"""Alembic migrations, run whenever a database is opened.

Before a database with an older schema is migrated, a byte copy of the (encrypted)
file is kept beside it. A database whose schema is newer than this program is refused.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("privacydesk.store") / "migrations"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, backup_of: Path | None, target: str = "head") -> Path | None:
    """Bring the schema to `target`; returns the path of the backup copy, if one was made."""
    from privacydesk.store.database import SchemaTooNew

    cfg = config()
    script = ScriptDirectory.from_config(cfg)
    known = {rev.revision for rev in script.walk_revisions()}
    current = current_revision(engine)
    if current is not None and current not in known:
        raise SchemaTooNew(
            f"This database was written by a newer PrivacyDesk (schema {current}); "
            "install the newer version to open it."
        )
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    backup = None
    if backup_of is not None and current is not None:
        backup = _backup_before_migration(engine, backup_of, current)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    log.info("schema migrated from %s to %s", current, wanted)
    return backup


def _backup_before_migration(engine: Engine, path: Path, revision: str) -> Path:
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.before-migration-{revision}-{stamp}")
    shutil.copy2(path, backup)
    log.info("kept a copy of %s before migrating: %s", path, backup)
    return backup
