"""Change notices on a team server (PostgreSQL LISTEN/NOTIFY).

A handle made by `connection.connect` announces each transaction it commits with a NOTIFY
on `CHANNEL` (delivered by the server only when the transaction commits, never for one
rolled back). A `Watcher` listens on a connection of its own, on a thread of its own,
and on each notice reads which entities the audit trail changed since it last looked,
calling `on_change(set of entity names)`; the window then reads those lists again.

A notice carries nothing: what changed is read from the audit trail, which the
watcher's login may read like any list. Notices are a courtesy — a list is right
after F5 whether or not one arrives.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import event

from privacydesk.store.database import Database
from privacydesk.store.models import audit_head, audit_log

log = logging.getLogger(__name__)

CHANNEL = "privacydesk_changes"
POLL_S = 0.5  # how often the watcher looks whether it was asked to stop


def announce(db: Database) -> None:
    """Make every commit of this server handle send a notice (NOTIFY is transactional:
    it reaches the listeners when, and only if, the transaction commits)."""
    if db.dialect != "postgresql" or getattr(db, "_announcing", False):
        return

    @event.listens_for(db.engine, "commit")
    def _notify(conn) -> None:
        with contextlib.suppress(Exception):  # a notice never stands in a commit's way
            conn.connection.dbapi_connection.execute(f"NOTIFY {CHANNEL}")

    db._announcing = True  # type: ignore[attr-defined]


def head(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(sa.select(audit_head.c.seq)).scalar() or 0)


def changed_since(db: Database, seq: int) -> tuple[int, set[str]]:
    """The entities with audit entries after `seq`, and the last sequence number."""
    with db.read() as conn:
        rows = conn.execute(
            sa.select(audit_log.c.entity, sa.func.max(audit_log.c.seq))
            .where(audit_log.c.seq > seq).group_by(audit_log.c.entity)).all()
    if not rows:
        return seq, set()
    return max(r[1] for r in rows), {r[0] for r in rows}


class Watcher:
    """Listens for change notices of a server database until `stop()`."""

    def __init__(self, db: Database, on_change: Callable[[set[str]], None]) -> None:
        self.db = db
        self.on_change = on_change
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._seq = head(db)
        self._thread = threading.Thread(target=self._run, name="privacydesk-notices",
                                        daemon=True)

    def start(self) -> Watcher:
        self._thread.start()
        self._ready.wait(10)  # listening before the caller goes on (or given up)
        return self

    def _run(self) -> None:
        try:
            raw = self.db.engine.raw_connection()
        except Exception as exc:
            log.warning("change notices unavailable: %s", exc)
            self._ready.set()
            return
        try:
            pg = raw.driver_connection
            pg.autocommit = True
            pg.execute(f"LISTEN {CHANNEL}")
            self._ready.set()
            while not self._stop.is_set():
                got = False
                for _notice in pg.notifies(timeout=POLL_S, stop_after=1):
                    got = True
                if got and not self._stop.is_set():
                    self._seq, entities = changed_since(self.db, self._seq)
                    if entities:
                        self.on_change(entities)
        except Exception as exc:  # the server went away: no more notices, no crash
            if not self._stop.is_set():
                log.warning("change notices stopped: %s", exc)
        finally:
            self._ready.set()
            with contextlib.suppress(Exception):
                raw.invalidate()  # never back to the pool still listening

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(POLL_S * 4 + 5)


def watch(db: Database, on_change: Callable[[set[str]], None]) -> Watcher | None:
    """A started watcher on a server database; None for a file."""
    if db.dialect != "postgresql":
        return None
    return Watcher(db, on_change).start()
