"""Integrity checks: the file, the encryption, the audit chain and every row.

1. SQLCipher's `cipher_integrity_check` on a database file: the HMAC of every page,
   each page read once. A page changed on disk, or a structure broken with it, fails
   its HMAC; SQLite's own `integrity_check` would read every page again (and every
   index against its table) to find less.
2. The chain: sequence numbers 1..N without gaps, each entry's prev_hash equal to the
   hash before it, each hash recomputed from the entry, the head equal to the last.
3. The rows: for every entity, each row must equal the `after` of its last audit
   entry (a column added by a later migration, absent from older entries, must be
   empty), every row must have one, and no row may be missing whose last entry is not a
   delete.

Each page is read once: the trail in sequence order, each table in id order. While
the chain is checked, the last entry of every row is remembered as a 62-bit digest of
its `after` text in an array indexed by row id (8 bytes a row); the row's canonical JSON
is then compared with it by digest, and only a row whose digest differs is compared
entry against row the exact way. The HMAC check of the file runs beside them on a
second connection: SQLCipher works on it without Python's lock.

Damage is a finding, never an exception: a page that fails its HMAC, a stored value
that does not decode (a date cell `2013-03-01garbage`, an audit `after` cut short), a
table that cannot be read past a damaged page — each is listed with where it is (entity,
row, column) in `problems` and in `damage`, and the other checks go on. Each check lists
at most `limit` problems and counts the rest.
"""

from __future__ import annotations

import hashlib
import json
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import ENTITIES
from privacydesk.store.audit import canonical_row, dumps, entry_hash
from privacydesk.store.database import Database, damaged
from privacydesk.store.models import GENESIS_HASH, TABLES, audit_head, audit_log


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    rows: int = 0
    anchors_ok: int = 0  # anchors found as printed
    against_ok: int = 0  # backups whose trail the database extends
    damage: list[str] = field(default_factory=list)  # the problems that are damage
    head: tuple[int, str] | None = None  # (seq, hash) of the last audit entry

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        return bool(self.damage)

    def add_damage(self, text: str) -> None:
        self.damage.append(text)
        self.problems.append(text)


class _Section:
    """The problems of one check: at most `limit` listed, the rest counted."""

    def __init__(self, report: VerifyReport, limit: int, name: str) -> None:
        self.report, self.limit, self.name = report, limit, name
        self.listed = 0
        self.more = 0

    def add(self, text: str, *, damage: bool = False) -> None:
        if self.listed >= self.limit:
            self.more += 1
            return
        self.listed += 1
        (self.report.add_damage if damage else self.report.problems.append)(text)

    def close(self) -> None:
        if self.more:
            self.report.problems.append(f"… and {self.more:,} more problem(s) of {self.name}")


# progress(phase, done, total): the phase in words; done and total count audit entries
# and rows together, so one bar covers the whole check. An exception raised by the
# callback (a cancel) stops the check and propagates.
Progress = Callable[[str, int, int], None]
STEP = 5000  # rows between two progress calls
BATCH = 5000  # rows fetched at a time


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

    def advance(self, n: int) -> None:
        self.done += n
        if self.done >= self._next:
            self._next = self.done + STEP
            self.say(self.phase)


def verify(db: Database, progress: Progress | None = None, limit: int = 50,
           anchors: Sequence[tuple[int, str]] = (),
           against: Sequence[Database] = ()) -> VerifyReport:
    """Check everything in one read transaction: a database in use is seen in one state
    (on PostgreSQL that needs REPEATABLE READ; SQLite's read transaction is a snapshot).
    A page or a value that cannot be read is a problem of the report, not an exception.

    `anchors`: (sequence number, hash) pairs printed on earlier reports; each must still
    be the entry at that position. A hash chain rewritten from its start with the
    passphrase verifies by itself; it no longer matches an anchor on paper.

    `against`: open backups; the trail must extend each backup's trail entry for entry
    (`_check_against`), so a rewrite or a rollback of what a backup saw is found.
    """
    report = VerifyReport()
    file_check = _FileCheck(db) if db.path is not None else None
    try:
        with db.read() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            try:
                # the snapshot starts here: the cursors opened below on the driver's own
                # connection read inside this transaction
                conn.execute(sa.select(audit_head.c.seq)).first()
                total = _amount(conn) if progress is not None else 0
            except sa.exc.DatabaseError as exc:
                report.add_damage(f"the row counts cannot be read: {exc.orig}")
                total = 0
            meter = _Meter(progress, total)
            if file_check is not None:
                meter.say("checking the file and its encryption")
                file_check.start()
            meter.say("checking the audit chain")
            section = _Section(report, limit, "the audit chain")
            last = _LastEntries()
            _guarded(report, "the audit chain",
                     lambda: _check_chain(conn, report, section, meter, last))
            section.close()
            _guarded(report, "the anchors", lambda: _check_anchors(conn, report, anchors))
            for backup in against:
                meter.say(f"comparing the audit trail with the backup {backup.path}")
                section = _Section(report, limit, f"the comparison with {backup.path}")
                _guarded(report, f"the backup {backup.path}",
                         lambda b=backup, s=section: _check_against(conn, b, s, report))
                section.close()
            for e in ENTITIES:
                meter.say(f"checking {e.name} rows against the audit trail")
                section = _Section(report, limit, f"the {e.name} rows")
                _guarded(report, f"the {e.name} rows",
                         lambda e=e, section=section: _check_rows(conn, e, section, report,
                                                                  meter, last))
                section.close()
            if file_check is not None:
                meter.say("checking the file and its encryption")
                while not file_check.wait(0.2):
                    meter.say(meter.phase)  # a cancel stops the wait (and the check)
                file_check.report_to(report)
            meter.done = meter.total
            meter.say("done")
    finally:
        if file_check is not None:
            file_check.stop()
    return report


def check_pages(db: Database) -> _FileCheck | None:
    """Start `cipher_integrity_check` of a database file beside other work (None for a
    server database): `finish()` waits and raises DatabaseDamaged naming the first bad
    page, so a command that reads only some pages does not pass over damage elsewhere."""
    if db.path is None or db.dialect != "sqlite":
        return None
    check = _FileCheck(db)
    check.start()
    return check


class _FileCheck:
    """`cipher_integrity_check` on a connection of its own, in a thread of its own:
    SQLCipher reads and authenticates every page without holding Python's lock, so the
    chain and the rows are checked at the same time on the other core."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows: list[str] = []
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="verify-file", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            with self.db.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                if hasattr(raw, "set_progress_handler"):
                    raw.set_progress_handler(lambda: 1 if self._stop.is_set() else 0, 100_000)
                try:
                    self.rows = [r[0] for r in
                                 conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
                finally:
                    if hasattr(raw, "set_progress_handler"):
                        raw.set_progress_handler(None, 0)
        except BaseException as exc:  # reported by the caller's thread
            self.error = exc

    def wait(self, seconds: float) -> bool:
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def finish(self) -> None:
        """Wait for the check; DatabaseDamaged when a page fails it."""
        self._thread.join()
        bad = [r for r in self.rows if r != "ok"]
        if self.error is not None or bad:
            detail = bad[0] if bad else getattr(self.error, "orig", self.error)
            more = f", and {len(bad) - 1:,} more" if len(bad) > 1 else ""
            raise damaged(self.db.path, f"{detail}{more}")

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def report_to(self, report: VerifyReport) -> None:
        if self.error is not None:
            orig = getattr(self.error, "orig", self.error)
            report.add_damage(f"the file cannot be read (a damaged page): {orig}")
        bad = [r for r in self.rows if r != "ok"]
        for r in bad[:50]:
            report.add_damage(f"damaged page: {r}")
        if len(bad) > 50:
            report.add_damage(f"… and {len(bad) - 50:,} more damaged pages")


class _LastEntries:
    """Per entity, the last audit entry of each row id, as the chain goes by: an array
    indexed by id of (62-bit digest of `after`) << 2 | state, where state is 0 for no
    entry, 1 for a row that should exist and 2 for a deleted one."""

    NONE, LIVE, DELETED = 0, 1, 2
    DENSE = 1 << 20  # ids this far past the array's end grow it; farther ones are sparse

    def __init__(self) -> None:
        self.by_entity: dict[str, array] = {}
        self.sparse: dict[str, dict[int, int]] = {}  # ids far apart (set on import)

    def note(self, entity: str, rid: int, action: str, after: str | None) -> None:
        a = self.by_entity.get(entity)
        if a is None:
            a = self.by_entity[entity] = array("q")
            self.sparse[entity] = {}
        value = self.DELETED if action == "delete" else (_digest(after) << 2) | self.LIVE
        if 0 <= rid < len(a):
            a[rid] = value
        elif 0 <= rid < 2 * len(a) + self.DENSE:  # grown by half again: a few steps
            a.frombytes(bytes(8 * (rid + 1 - len(a) + len(a) // 2)))
            a[rid] = value
            sparse = self.sparse[entity]
            if sparse:  # ids kept aside before the array reached them
                for k in [k for k in sparse if 0 <= k < len(a)]:
                    if k != rid:
                        a[k] = sparse[k]
                    del sparse[k]
        else:
            self.sparse[entity][rid] = value


def _digest(text: str | None) -> int:
    return (hash(text) & 0x1FFF_FFFF_FFFF_FFFF) if text is not None else 0


def _guarded(report: VerifyReport, what: str, check: Callable[[], None]) -> None:
    """Run one check; a database error (a damaged page) ends that check only."""
    try:
        check()
    except (sa.exc.DatabaseError, sqlcipher3.DatabaseError) as exc:
        orig = getattr(exc, "orig", exc)
        operational = isinstance(exc, sa.exc.OperationalError | sqlcipher3.OperationalError)
        if not operational or _is_damage(orig):
            report.add_damage(f"{what} cannot be read (a damaged page): {orig}")
        else:  # interrupted (a cancel), locked, ...: not a finding
            raise


def _is_damage(orig: BaseException) -> bool:
    text = str(orig).lower()
    return any(w in text for w in ("malformed", "corrupt", "not a database", "hmac"))


def _amount(conn: Connection) -> int:
    """Audit entries and rows: the units of the progress."""
    entries = conn.execute(sa.select(audit_head.c.seq)).scalar() or 0
    rows = sum(conn.execute(sa.select(sa.func.max(TABLES[e.name].c.id))).scalar() or 0
               for e in ENTITIES)  # the largest id: as good as a count, without a scan
    return entries + rows


_CHAIN_COLUMNS = ("seq", "at", "officer", "os_user", "entity", "entity_id", "action",
                  "before", "after", "prev_hash", "hash")
_HASHED = ("action", "after", "at", "before", "entity", "entity_id", "officer", "os_user",
           "seq")  # the keys of an entry's hashed content, in `dumps`' (sorted) order

# On SQLite the hashed content of each entry is written by SQLite's json_object, which
# writes the same text as `dumps` (keys in the order given, compact, strings escaped
# alike) without Python touching the values; any entry whose hash then differs is
# hashed again by `entry_hash` before it is called altered.
_SQLITE_CHAIN = ("SELECT seq, entity, entity_id, action, after, prev_hash, hash, json_object("
                 + ", ".join(f"'{k}', {k}" for k in _HASHED)
                 + ") FROM audit_log ORDER BY seq")


def _chain_batches(conn: Connection):
    """Batches of (seq, entity, entity_id, action, after, prev_hash, hash, content)."""
    if conn.dialect.name == "sqlite":
        cur = conn.connection.dbapi_connection.cursor()
        try:
            cur.execute(_SQLITE_CHAIN)
            while batch := cur.fetchmany(BATCH):
                yield batch
        finally:
            cur.close()
        return
    result = conn.execution_options(yield_per=BATCH).execute(
        sa.select(*(audit_log.c[c] for c in _CHAIN_COLUMNS)).order_by(audit_log.c.seq))
    for batch in result.partitions():
        out = []
        for seq, at, officer, os_user, entity, entity_id, action, before, after, prev, h \
                in batch:
            values = dict(zip(_CHAIN_COLUMNS, (seq, at, officer, os_user, entity, entity_id,
                                               action, before, after), strict=False))
            out.append((seq, entity, entity_id, action, after, prev, h,
                        dumps({k: values[k] for k in _HASHED})))
        yield out


def _exact_hash(conn: Connection, prev_hash: str, seq: int) -> str:
    entry = conn.execute(sa.select(audit_log).where(audit_log.c.seq == seq)).mappings().first()
    return entry_hash(prev_hash, entry)


def _check_chain(conn: Connection, report: VerifyReport, section: _Section,
                 meter: _Meter, last: _LastEntries) -> None:
    prev_hash, expected_seq = GENESIS_HASH, 1
    note = last.note
    sha256 = hashlib.sha256
    for batch in _chain_batches(conn):
        for seq, entity, entity_id, action, after, prev, hash_, content in batch:
            note(entity, entity_id, action, after)
            if seq != expected_seq:
                section.add(
                    f"audit entry {expected_seq} is missing (the next entry is {seq})"
                    if seq > expected_seq else f"audit entry {seq} is out of order"
                )
            elif prev != prev_hash:
                section.add(
                    f"audit entry {seq} does not follow entry {seq - 1} (chain broken)"
                )
            elif (sha256((prev_hash + "\n" + content).encode("utf-8", "surrogatepass"))
                  .hexdigest() != hash_
                  and _exact_hash(conn, prev_hash, seq) != hash_):
                section.add(
                    f"audit entry {seq} ({entity} {entity_id}, "
                    f"{action}) was altered: its hash does not match its content"
                )
            prev_hash, expected_seq = hash_, seq + 1
        report.entries += len(batch)
        meter.advance(len(batch))
    last_seq = expected_seq - 1
    report.head = (last_seq, prev_hash)
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).first()
    if head is None:
        if last_seq:
            section.add("the head of the audit chain is missing")
    elif (head.seq, head.hash) != (last_seq, prev_hash):
        section.add(
            f"the audit chain ends at entry {last_seq} but its head records entry {head.seq}: "
            "entries were removed from the end"
            if head.seq > last_seq else
            f"the head of the audit chain (entry {head.seq}) does not match entry {last_seq}"
        )


def _check_against(conn: Connection, backup: Database, section: _Section,
                   report: VerifyReport) -> None:
    """Every entry of the backup's trail must be in the trail now, at the same position
    with the same hash; the backup's head (recorded in it when it was written) must be
    there too. Entries after it are what happened since."""
    name = backup.path.name if backup.path is not None else "the backup"
    with backup.read() as old:
        head = old.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).first()
        theirs = old.execution_options(yield_per=20000).execute(
            sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq))
        ours = conn.execution_options(yield_per=20000).execute(
            sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq))
        mine = iter(ours)
        last = 0
        for seq, their_hash in theirs:
            now = next(mine, None)
            if now is None:
                section.add(
                    f"the backup {name} holds audit entries up to {head.seq if head else seq}"
                    f", the database only up to {last}: the trail was rolled back or cut "
                    "since the backup")
                return
            if now.seq != seq or now.hash != their_hash:
                section.add(
                    f"audit entry {seq} is not the one the backup {name} holds: the trail "
                    "was rewritten since the backup")
                return
            last = seq
    if head is not None and head.seq != last:
        section.add(f"the backup {name} records audit entry {head.seq} as its head but holds "
                    f"entries up to {last}: the backup itself is not intact")
    elif report is not None:
        report.against_ok += 1


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


def _decoders(conn: Connection, t: sa.Table) -> list[tuple[str, Callable | None]]:
    """Per column: its name and the function that turns the stored value into Python."""
    dialect = conn.dialect
    return [(c.name, c.type.dialect_impl(dialect).result_processor(dialect, None))
            for c in t.columns]


def _check_rows(conn: Connection, e, section: _Section, report: VerifyReport,
                meter: _Meter, last: _LastEntries) -> None:
    """Each row against the last audit entry of its id, read in id order (one snapshot).

    A row whose canonical JSON has the digest of its last entry's `after` is the same
    (on SQLite the JSON is written by SQLite itself, `_sqlite_canonical`); any other row
    is read as stored and decoded here column by column, so that a value that does not
    decode is a finding (entity, row, column), and compared with the entry itself.
    """
    t = TABLES[e.name]
    decoders = _decoders(conn, t)
    raw_cols = [sa.type_coerce(c, sa.types.NullType()).label(c.name) for c in t.columns]
    states = last.by_entity.get(e.name, array("q"))
    sparse = last.sparse.get(e.name, {})
    live = _LastEntries.LIVE
    if conn.dialect.name == "sqlite":
        cur = conn.connection.dbapi_connection.cursor()
        try:
            cur.execute(_sqlite_canonical(e, t))
            while batch := cur.fetchmany(BATCH):
                size = len(states)
                for rid, text in batch:
                    state = states[rid] if 0 <= rid < size else sparse.get(rid, 0)
                    if state & 3 == live and (_digest(text) << 2) | live == state:
                        if 0 <= rid < size:
                            states[rid] = 0  # seen, and the same as its last entry
                        else:
                            del sparse[rid]
                        continue
                    stored = conn.execute(sa.select(*raw_cols).where(t.c.id == rid)).first()
                    _check_row(conn, e, decoders, stored, section, states, sparse)
                report.rows += len(batch)
                meter.advance(len(batch))
        finally:
            cur.close()
    else:
        rows = conn.execution_options(yield_per=BATCH).execute(
            sa.select(*raw_cols).order_by(t.c.id))
        for batch in rows.partitions():
            for stored in batch:
                _check_row(conn, e, decoders, stored, section, states, sparse)
            report.rows += len(batch)
            meter.advance(len(batch))
    missing = [rid for rid in range(len(states)) if states[rid] & 3 == live]
    missing += sorted(rid for rid, state in sparse.items() if state & 3 == live)
    for rid in missing:  # rows whose last entry is not a delete must be there
        section.add(f"{e.name} {rid} is missing (removed behind the app's back)")


def _check_row(conn: Connection, e, decoders, stored, section: _Section,
               states: array, sparse: dict[int, int]) -> None:
    row, bad = _decode(decoders, stored)
    rid = row["id"]
    for column, value, exc in bad:
        section.add(f"{e.name} {rid}, column {column}: the stored value {value!r:.60} "
                    f"cannot be read ({exc})", damage=True)
    dense = isinstance(rid, int) and 0 <= rid < len(states)
    state = states[rid] if dense else sparse.get(rid, 0)
    if state & 3 == _LastEntries.NONE:
        section.add(f"{e.name} {rid} is not in the audit trail (added behind the app's back)")
        return
    if dense:
        states[rid] = 0  # seen
    else:
        del sparse[rid]
    if state & 3 == _LastEntries.DELETED:
        section.add(f"{e.name} {rid} was deleted (audit entry) but is present again")
        return
    if bad:
        return  # said above; the comparison would only repeat it
    try:
        text = dumps(canonical_row(e, row))
    except (TypeError, ValueError) as exc:
        section.add(f"{e.name} {rid}: a stored value cannot be read ({exc})", damage=True)
        return
    if (_digest(text) << 2) | _LastEntries.LIVE != state:
        _compare_exactly(conn, e, rid, row, section)


_UNREADABLE = "char(1) || 'undecodable'"  # matches no recorded value


def _sqlite_canonical(e, t: sa.Table) -> str:
    """SELECT id, and the text of `dumps(canonical_row(e, row))` written by SQLite: dates
    are stored as their ISO text, instants as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC),
    booleans as 0 and 1, lists as JSON. A date or an instant of another shape gives a
    value no entry holds, so the row takes the exact path and its value is named. A
    value of the right shape that is no date (`2013-02-30`) differs from what the app
    recorded for the row and takes the exact path too; only a row and its audit entry
    rewritten alike (and the chain recomputed) could carry one past this comparison —
    that is the rewrite that anchors and `--against` find.)"""
    from privacydesk.domain.fields import FieldType

    kinds = {"created_at": "instant", "updated_at": "instant"}
    for f in e.stored:
        kinds[f.name] = {
            FieldType.BOOL: "bool", FieldType.DATE: "date", FieldType.DATETIME: "instant",
            FieldType.MULTICHOICE: "list", FieldType.MULTIREF: "list",
        }.get(f.type, "plain")
    columns = {c.name for c in t.columns}

    def expr(name: str) -> str:
        c = f'"{name}"'
        match kinds.get(name, "plain"):
            case "bool":
                return (f"CASE WHEN {c} IS NULL THEN NULL WHEN {c} = 0 THEN json('false') "
                        f"ELSE json('true') END")
            case "date":
                return (f"CASE WHEN {c} IS NULL THEN NULL WHEN typeof({c}) = 'text' AND "
                        f"length({c}) = 10 THEN {c} ELSE {_UNREADABLE} END")
            case "instant":
                return (f"CASE WHEN {c} IS NULL THEN NULL WHEN typeof({c}) = 'text' AND "
                        f"length({c}) = 26 AND substr({c}, 11, 1) = ' ' THEN "
                        f"substr({c}, 1, 10) || 'T' || substr({c}, 12) || 'Z' "
                        f"ELSE {_UNREADABLE} END")
            case "list":
                return (f"CASE WHEN {c} IS NULL THEN NULL WHEN json_valid({c}) THEN json({c}) "
                        f"ELSE {_UNREADABLE} END")
        return c

    keys = sorted(k for k in canonical_row(e, {}) if k in columns)
    pairs = ", ".join(f"'{k}', {expr(k)}" for k in keys)
    return f'SELECT id, json_object({pairs}) FROM "{t.name}" ORDER BY id'


def _decode(decoders, stored) -> tuple[dict, list]:
    """A row decoded cell by cell: the cells that do not decode are None in the row and
    listed as (column, stored value, error)."""
    row, bad = {}, []
    for (name, decode), value in zip(decoders, stored, strict=True):
        if decode is None or value is None:
            row[name] = value
            continue
        try:
            row[name] = decode(value)
        except (TypeError, ValueError, OverflowError) as exc:
            row[name] = None
            bad.append((name, value, exc))
    return row, bad


def _compare_exactly(conn: Connection, e, rid: int, row: dict, section: _Section) -> None:
    """A row whose digest differs from its last entry's: read that entry and compare."""
    entry = conn.execute(
        sa.select(audit_log.c.seq, audit_log.c.after)
        .where(audit_log.c.entity == e.name, audit_log.c.entity_id == rid)
        .order_by(audit_log.c.seq.desc()).limit(1)).first()
    try:
        recorded = json.loads(entry.after)
    except (TypeError, ValueError) as exc:
        section.add(f"audit entry {entry.seq} ({e.name} {rid}), column after: the recorded "
                    f"row cannot be read ({exc})", damage=True)
        return
    if not _matches(recorded, canonical_row(e, row)):
        section.add(
            f"{e.name} {rid} differs from its last audit entry (edited behind the app's back)")


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
