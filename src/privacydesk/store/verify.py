"""Integrity checks: the file, the encryption, the audit chain and every row.

1. SQLite's `integrity_check` and SQLCipher's `cipher_integrity_check` (the HMAC of
   every page) on a database file.
2. The chain: sequence numbers 1..N without gaps, each entry's prev_hash equal to the
   hash before it, each hash recomputed from the entry, the head equal to the last.
3. The rows: for every entity, each row must equal the `after` of its last audit
   entry (a column added by a later migration, absent from older entries, must be
   empty), every row must have one, and no row may be missing whose last entry is not a
   delete. Rows and entries are merged in id order, so memory stays flat on large
   tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import ENTITIES
from privacydesk.store.audit import canonical_row, entry_hash
from privacydesk.store.database import Database
from privacydesk.store.models import GENESIS_HASH, TABLES, audit_head, audit_log


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    rows: int = 0
    anchors_ok: int = 0  # anchors found as printed

    @property
    def ok(self) -> bool:
        return not self.problems


# progress(phase, done, total): the phase in words; done and total count audit entries
# and rows together, so one bar covers the whole check. An exception raised by the
# callback (a cancel) stops the check and propagates.
Progress = Callable[[str, int, int], None]
STEP = 5000  # rows between two progress calls


class _Meter:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.phase = ""
        self._next = STEP

    def say(self, phase: str) -> None:
        self.phase = phase
        if self.progress is not None:
            self.progress(phase, min(self.done, self.total), self.total)

    def tick(self) -> None:
        self.done += 1
        if self.done >= self._next:
            self._next += STEP
            self.say(self.phase)


def verify(db: Database, progress: Progress | None = None, limit: int = 50,
           anchors: Sequence[tuple[int, str]] = ()) -> VerifyReport:
    """Check everything in one read transaction: a database in use is seen in one state
    (on PostgreSQL that needs REPEATABLE READ; SQLite's read transaction is a snapshot).
    A page that cannot be read is a problem of the report, not an exception.

    `anchors`: (sequence number, hash) pairs printed on earlier reports; each must still
    be the entry at that position. A hash chain rewritten from its start with the
    passphrase verifies by itself; it no longer matches an anchor on paper.
    """
    report = VerifyReport()
    with db.read() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        what = "the file"
        try:
            meter = _Meter(progress, _amount(conn) if progress is not None else 0)
            if db.path is not None:
                meter.say("checking the file and its encryption")
                _check_file(conn, report, meter)
            what = "the audit chain"
            meter.say("checking the audit chain")
            _check_chain(conn, report, limit, meter)
            _check_anchors(conn, report, anchors)
            for e in ENTITIES:
                what = f"the {e.name} rows"
                meter.say(f"checking {e.name} rows against the audit trail")
                _check_rows(conn, e, report, limit, meter)
                if len(report.problems) >= limit:
                    break
            meter.done = meter.total
            meter.say("done")
        except sa.exc.DatabaseError as exc:  # e.g. a damaged page: stop, and say where
            report.problems.append(f"{what} cannot be read: {exc.orig}")
    return report


def _amount(conn: Connection) -> int:
    """Audit entries and rows: the units of the progress."""
    entries = conn.execute(sa.select(audit_head.c.seq)).scalar() or 0
    rows = sum(conn.execute(sa.select(sa.func.count()).select_from(TABLES[e.name])).scalar()
               for e in ENTITIES)
    return entries + rows


def _check_file(conn: Connection, report: VerifyReport, meter: _Meter) -> None:
    raw = conn.connection.dbapi_connection
    failure: list[BaseException] = []

    def poll() -> int:  # lets a cancel interrupt the long pragmas
        try:
            meter.say(meter.phase)
        except BaseException as exc:  # re-raised below, outside SQLite's callback
            failure.append(exc)
            return 1
        return 0

    for pragma in ("integrity_check", "cipher_integrity_check"):
        if hasattr(raw, "set_progress_handler"):
            raw.set_progress_handler(poll, 2_000_000)
        try:
            rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        except sa.exc.OperationalError:
            if failure:
                raise failure[0] from None
            raise
        finally:
            if hasattr(raw, "set_progress_handler"):
                raw.set_progress_handler(None, 0)
        bad = [r for r in rows if r not in ("ok",)]
        for r in bad[:10]:
            report.problems.append(f"{pragma}: {r}")


def _check_chain(conn: Connection, report: VerifyReport, limit: int, meter: _Meter) -> None:
    prev_hash, expected_seq = GENESIS_HASH, 1
    result = conn.execution_options(yield_per=5000).execute(
        sa.select(audit_log).order_by(audit_log.c.seq)
    ).mappings()
    for entry in result:
        report.entries += 1
        meter.tick()
        seq = entry["seq"]
        if seq != expected_seq:
            report.problems.append(
                f"audit entry {expected_seq} is missing (the next entry is {seq})"
                if seq > expected_seq else f"audit entry {seq} is out of order"
            )
        elif entry["prev_hash"] != prev_hash:
            report.problems.append(
                f"audit entry {seq} does not follow entry {seq - 1} (chain broken)"
            )
        elif entry_hash(prev_hash, entry) != entry["hash"]:
            report.problems.append(
                f"audit entry {seq} ({entry['entity']} {entry['entity_id']}, "
                f"{entry['action']}) was altered: its hash does not match its content"
            )
        if len(report.problems) >= limit:
            return
        prev_hash, expected_seq = entry["hash"], seq + 1
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).first()
    last_seq = expected_seq - 1
    if head is None:
        if last_seq:
            report.problems.append("the head of the audit chain is missing")
    elif (head.seq, head.hash) != (last_seq, prev_hash):
        report.problems.append(
            f"the audit chain ends at entry {last_seq} but its head records entry {head.seq}: "
            "entries were removed from the end"
            if head.seq > last_seq else
            f"the head of the audit chain (entry {head.seq}) does not match entry {last_seq}"
        )


def _check_anchors(conn: Connection, report: VerifyReport,
                   anchors: Sequence[tuple[int, str]]) -> None:
    for seq, expected in anchors:
        if seq == 0:
            found = GENESIS_HASH
        else:
            found = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == seq)
                                 ).scalar()
        if found is None:
            last = conn.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar() or 0
            report.problems.append(
                f"anchor {seq}:{expected[:12]}…: the audit trail has no entry {seq} (it ends "
                f"at entry {last}): entries were removed since the anchor was printed")
        elif found != expected.lower():
            report.problems.append(
                f"anchor {seq}:{expected[:12]}…: the audit trail's entry {seq} has hash "
                f"{found[:12]}… instead: the history was rewritten since the anchor was printed")
        else:
            report.anchors_ok += 1


def _check_rows(conn: Connection, e, report: VerifyReport, limit: int, meter: _Meter) -> None:
    """Rows and entries are streamed side by side on the one connection (one snapshot)."""
    t = TABLES[e.name]
    rows = conn.execution_options(yield_per=5000).execute(
        sa.select(t).order_by(t.c.id)
    ).mappings()
    entries = conn.execution_options(yield_per=5000).execute(
        sa.select(audit_log.c.entity_id, audit_log.c.seq, audit_log.c.action,
                  audit_log.c.after)
        .where(audit_log.c.entity == e.name)
        .order_by(audit_log.c.entity_id, audit_log.c.seq)
    )
    last = _last_per_id(entries)
    pending = next(last, None)
    for row in rows:
        report.rows += 1
        meter.tick()
        rid = row["id"]
        while pending is not None and pending[0] < rid:
            _missing_row(e, pending, report)
            pending = next(last, None)
        if pending is None or pending[0] != rid:
            report.problems.append(
                f"{e.name} {rid} is not in the audit trail (added behind the app's back)"
            )
        else:
            _, action, after = pending
            if action == "delete":
                report.problems.append(
                    f"{e.name} {rid} was deleted (audit entry) but is present again"
                )
            elif not _matches(json.loads(after), canonical_row(e, row)):
                report.problems.append(
                    f"{e.name} {rid} differs from its last audit entry "
                    "(edited behind the app's back)"
                )
            pending = next(last, None)
        if len(report.problems) >= limit:
            return
    while pending is not None:
        _missing_row(e, pending, report)
        pending = next(last, None)


def _matches(recorded: dict, row: dict) -> bool:
    """Whether a row equals its last audit entry.

    A column added by a later migration is absent from the entries written before it;
    such a column must still be empty (NULL) in the row. A value there that no entry
    records is a change behind the app's back like any other.
    """
    if recorded == row:
        return True
    added = row.keys() - recorded.keys()
    return bool(added) and all(row[k] is None for k in added) \
        and recorded == {k: v for k, v in row.items() if k not in added}


def _missing_row(e, pending, report: VerifyReport) -> None:
    rid, action, _after = pending
    if action != "delete":
        report.problems.append(
            f"{e.name} {rid} is missing (removed behind the app's back)"
        )


def _last_per_id(entries):
    current = None
    for rid, _seq, action, after in entries:
        if current is not None and current[0] != rid:
            yield current
        current = (rid, action, after)
    if current is not None:
        yield current
