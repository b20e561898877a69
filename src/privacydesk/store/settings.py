"""Raw access to the settings table (typed access is in services.settings)."""

from __future__ import annotations

import sqlalchemy as sa

from privacydesk.store.models import TABLES


def read(db, key: str) -> str | None:
    t = TABLES["setting"]
    with db.read() as conn:
        return conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()


def read_all(db) -> dict[str, str]:
    t = TABLES["setting"]
    with db.read() as conn:
        return {k: v for k, v in conn.execute(sa.select(t.c.key, t.c.value))}
