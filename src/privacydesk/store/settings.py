"""Raw access to the settings table (typed access is in services.settings)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.store.models import TABLES


def read(db, key: str) -> str | None:
    t = TABLES["setting"]
    with db.read() as conn:
        return conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()


def read_all(conn: Connection) -> dict[str, str]:
    """Every stored setting as text, read on an open connection (or transaction)."""
    t = TABLES["setting"]
    return {k: v for k, v in conn.execute(sa.select(t.c.key, t.c.value))}
