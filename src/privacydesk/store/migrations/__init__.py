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
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

if TYPE_CHECKING:  # Alembic is imported only when a schema has to change
    from alembic.config import Config

log = logging.getLogger(__name__)


def config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("privacydesk.store") / "migrations"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config()).get_current_head()


# The newest revision of this program (a test checks it against the scripts): opening
# a database that is already there needs neither Alembic nor the migration scripts.
HEAD = "0007"


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None: no PrivacyDesk schema)."""
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except sa_exc.DBAPIError:  # no such table
            conn.rollback()
            return None


def upgrade(engine: Engine, *, backup_of: Path | None, target: str = "head") -> Path | None:
    """Bring the schema to `target`; returns the path of the backup copy, if one was made."""
    current = current_revision(engine)
    if target == "head" and current == HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    from privacydesk.store.database import SchemaTooNew

    cfg = config()
    script = ScriptDirectory.from_config(cfg)
    known = {rev.revision for rev in script.walk_revisions()}
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
    _run(engine, cfg, lambda: command.upgrade(cfg, target))
    log.info("schema migrated from %s to %s", current, wanted)
    return backup


def downgrade(engine: Engine, target: str) -> None:
    """Take the schema back to `target` (tests and recovery tools only)."""
    from alembic import command

    cfg = config()
    _run(engine, cfg, lambda: command.downgrade(cfg, target))


def _run(engine: Engine, cfg: Config, step) -> None:
    """Run migrations in one transaction.

    On SQLite, adding a column with a constraint rebuilds the table (copy, drop,
    rename: Alembic's batch mode). With foreign keys enforced, dropping a table that
    other tables refer to fails as soon as they hold rows, so enforcement is switched
    off for the migration (outside the transaction, the only place SQLite allows it),
    every reference is checked once it is done, and enforcement is switched on again.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.dbapi_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                step()
                if raw is not None:
                    broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(
                            f"the migration left {len(broken)} broken reference(s), the "
                            f"first in table {broken[0][0]}; nothing was changed")
        finally:
            cfg.attributes.pop("connection", None)
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def _backup_before_migration(engine: Engine, path: Path, revision: str) -> Path:
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.before-migration-{revision}-{stamp}")
    shutil.copy2(path, backup)
    log.info("kept a copy of %s before migrating: %s", path, backup)
    return backup
