"""Copying a whole database, row by row, between a file and a server.

`copy_rows(source, target)` copies every row of every table and the audit trail
(`audit_log` and `audit_head`) as they are: the same ids, the same entries, the same
hashes. Values are read and written through the same column types on both sides (dates,
instants in UTC, JSON lists), so each row's canonical JSON — what the audit entries
hold and `verify` compares — is the same on the target, and the chain verifies there.

The source is read in one snapshot (one read transaction) and the target written in
one transaction: a failure leaves the target as it was. The target must be empty —
no rows, no audit entries — or the copy is refused (`TargetNotEmpty`).

The page-by-page copies of `store.backup` are faster between two files; this module is
for moving between kinds of database: a desktop file onto a team server (`server
push`), and a server into a new encrypted file (`backup --url`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.store.database import (
    Database,
    DatabaseExists,
    StoreError,
    _remove_with_sidecars,
    create_database,
    install_new,
    open_database,
    remove_sidecars,
    temp_beside,
)
from privacydesk.store.models import audit_head, audit_log, metadata
from privacydesk.store.verify import VerifyReport, verify

Progress = Callable[[str, int, int], None]  # (phase, done, total), as verify

BATCH = 2000


class TargetNotEmpty(StoreError):
    """The target of a copy already holds rows or audit entries."""


def _tables() -> list[sa.Table]:
    """Entity tables in an order where each row's references exist before it, then the
    audit trail."""
    trail = {audit_log.name, audit_head.name}
    return [t for t in metadata.sorted_tables if t.name not in trail] + [audit_log, audit_head]


def _self_refs(t: sa.Table) -> list[str]:
    return [fk.parent.name for fk in t.foreign_keys if fk.column.table is t]


def _key(t: sa.Table) -> sa.Column:
    return t.c.seq if t is audit_log else t.c.id


def count_rows(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in _tables()}


def holds_data(conn: Connection) -> list[str]:
    """The tables of a database that hold rows (the audit head counts once it moved)."""
    full = []
    for t in _tables():
        if t is audit_head:
            seq = conn.execute(sa.select(audit_head.c.seq)).scalar()
            if seq:
                full.append(t.name)
        elif conn.execute(sa.select(_key(t)).limit(1)).first() is not None:
            full.append(t.name)
    return full


@contextlib.contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """One read transaction: every table as of one moment, while others write."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield conn
        else:
            with conn.begin():
                yield conn


def _batches(conn: Connection, t: sa.Table) -> Iterator[list[dict]]:
    key = _key(t)
    last = None
    while True:
        q = sa.select(t).order_by(key).limit(BATCH)
        if last is not None:
            q = q.where(key > last)
        rows = [dict(r._mapping) for r in conn.execute(q)]
        if not rows:
            return
        yield rows
        last = rows[-1][key.name]


def _copy(src: Connection, dst: Connection, progress: Progress | None) -> dict[str, int]:
    say = progress or (lambda _phase, _done, _total: None)
    totals = count_rows(src)
    grand = sum(totals.values())
    done = 0
    copied: dict[str, int] = {}
    for t in _tables():
        phase = f"copying {t.name}"
        say(phase, done, grand)
        selfrefs = _self_refs(t)
        later: list[tuple[int, dict]] = []  # references within the table, set afterwards
        n = 0
        for rows in _batches(src, t):
            if selfrefs:
                for r in rows:
                    refs = {c: r[c] for c in selfrefs if r[c] is not None}
                    if refs:
                        later.append((r["id"], refs))
                        r.update(dict.fromkeys(refs))
            dst.execute(sa.insert(t), rows)
            n += len(rows)
            done += len(rows)
            say(phase, done, grand)
        for row_id, refs in later:
            dst.execute(sa.update(t).where(t.c.id == row_id).values(**refs))
        if dst.dialect.name == "postgresql" and "id" in t.c and t.c.id.autoincrement:
            seq = dst.exec_driver_sql(
                f"SELECT pg_get_serial_sequence('{t.name}', 'id')").scalar()
            if seq is not None:  # the next new row gets the id after the largest copied
                dst.exec_driver_sql(
                    f"SELECT setval('{seq}', coalesce((SELECT max(id) FROM {t.name}), 1), "
                    f"(SELECT max(id) FROM {t.name}) IS NOT NULL)")
        copied[t.name] = n
    return copied


def copy_rows(source: Database, target: Database, *,
              progress: Progress | None = None) -> dict[str, int]:
    """Copy every row and the audit trail of `source` into the empty `target`, in one
    transaction of the target. Returns the rows copied per table; TargetNotEmpty when
    the target holds anything."""
    with _snapshot(source) as src, target.engine.begin() as dst:
        if target.dialect == "postgresql":  # one copy at a time, and nobody writes meanwhile
            dst.exec_driver_sql(f"LOCK TABLE {audit_head.name} IN EXCLUSIVE MODE")
        full = holds_data(dst)
        if full:
            raise TargetNotEmpty(
                f"The target database is not empty ({', '.join(full[:5])}"
                f"{', …' if len(full) > 5 else ''} hold rows); copy only into an empty "
                "database. Nothing was copied.")
        if audit_head.name not in full:  # a fresh schema may hold the genesis head
            dst.execute(sa.delete(audit_head))
        return _copy(src, dst, progress)


def push(source: Database, target: Database, *,
         progress: Progress | None = None) -> tuple[dict[str, int], VerifyReport]:
    """A local database onto an empty server database; then the server is verified."""
    copied = copy_rows(source, target, progress=progress)
    return copied, verify(target, progress=progress)


def backup_to_file(source: Database, out: str | Path, passphrase: str, *,
                   progress: Progress | None = None) -> VerifyReport:
    """A new encrypted database file `out` (which must not exist) holding every row and
    the audit trail of `source` (a server database), verified before it gets its name.
    The file restores like any backup (`restore`)."""
    out = Path(out)
    if out.is_dir():
        raise DatabaseExists(f"{out} is a directory; name the backup file.")
    if out.exists():
        raise DatabaseExists(f"{out} already exists; choose another file.")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(out, "part")  # a name no other run uses, made empty
    try:
        tmp.unlink()  # create_database makes it anew, owner-only, refusing one in the way
        copy = create_database(tmp, passphrase, seed=False)
        try:
            copy_rows(source, copy, progress=progress)
        finally:
            copy.close()
        copy = open_database(tmp, passphrase, migrate=False, lock=False)
        try:
            report = verify(copy, progress=progress)
        finally:
            copy.close()
        if not report.ok:
            from privacydesk.store.backup import BackupError

            raise BackupError(
                f"The copy of the server database failed verification: "
                f"{report.problems[0]}; no backup was written.", report.problems)
        remove_sidecars(tmp)
        install_new(tmp, out)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    return report
