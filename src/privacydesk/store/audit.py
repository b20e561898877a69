"""The one writer: every insert, update and delete appends a chained audit entry.

`writing(db)` opens a transaction, locks the head of the chain and yields a `Writer`.
Each change writes the row and an `audit_log` entry holding the canonical JSON of the
row before and after, who (officer and OS user) and when. Each entry's hash is
SHA-256 over the previous hash and the entry, so editing or removing an entry breaks
the chain, and comparing each row with its last entry catches rows edited behind the
app's back (see store.verify). The app never updates or deletes audit entries.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import entity as entity_spec
from privacydesk.domain.fields import Entity, FieldType
from privacydesk.store.database import Database
from privacydesk.store.models import (
    GENESIS_HASH,
    TABLES,
    audit_head,
    audit_log,
    now_utc,
)

BATCH = 5000


def json_value(value: Any) -> Any:
    """A value as it appears in canonical JSON (audit entries, export files)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a stored value")
        return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


_CONVERTED = (FieldType.DATE, FieldType.DATETIME, FieldType.MULTICHOICE, FieldType.MULTIREF)


@functools.cache
def _layout(entity_name: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Per entity: columns stored as they are, columns that need converting, field names."""
    e = entity_spec(entity_name)
    plain = ["id", "created_by", "updated_by"]
    converted = ["created_at", "updated_at"]
    for f in e.stored:
        (converted if f.type in _CONVERTED else plain).append(f.name)
    return tuple(plain), tuple(converted), frozenset(f.name for f in e.stored)


def canonical_row(e: Entity, row: Mapping[str, Any]) -> dict[str, Any]:
    """The row as JSON-ready values: what the audit entry records and verify compares."""
    plain, converted, _ = _layout(e.name)
    out = {c: row.get(c) for c in plain}
    for c in converted:
        out[c] = json_value(row.get(c))
    return out


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    content = dumps({k: entry[k] for k in (
        "seq", "at", "officer", "os_user", "entity", "entity_id", "action", "before", "after")})
    return hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Actor:
    officer: str
    os_user: str

    @property
    def label(self) -> str:
        return f"{self.officer} ({self.os_user})" if self.officer else self.os_user


class VersionConflict(Exception):
    """A row was saved by someone else since the version an update was prepared from.

    `current` is the row as it now is (None when it was deleted meanwhile)."""

    def __init__(self, entity_name: str, row_id: int, expected: int | None,
                 current: dict[str, Any] | None) -> None:
        self.entity = entity_name
        self.row_id = row_id
        self.expected = expected
        self.current = current
        now = current.get("row_version") if current else None
        super().__init__(f"{entity_name} {row_id} is at version {now}, not {expected}")


class Writer:
    """Writes rows and their audit entries inside one transaction."""

    def __init__(self, conn: Connection, actor: Actor) -> None:
        self.conn = conn
        self.actor = actor
        self.now = now_utc()
        self._at = json_value(self.now)
        self._pending: list[dict[str, Any]] = []
        row = conn.execute(
            sa.update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq)
        )
        if row.rowcount == 0:
            conn.execute(sa.insert(audit_head).values(id=1, seq=0, hash=GENESIS_HASH))
        self.seq, self.hash = conn.execute(
            sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
        ).one()

    # -- rows ---------------------------------------------------------------------------

    def _stamped(self, e: Entity, values: Mapping[str, Any], *, new: bool) -> dict[str, Any]:
        names = _layout(e.name)[2]
        unknown = [k for k in values if k not in names and k not in ("id", "row_version")]
        if unknown:
            raise KeyError(f"{e.name} has no stored field(s) {sorted(unknown)}")
        row = {f.name: values.get(f.name) for f in e.stored}
        row["updated_at"] = self.now
        row["updated_by"] = self.actor.label
        if new:
            row["created_at"] = self.now
            row["created_by"] = self.actor.label
            if values.get("id") is not None:
                row["id"] = values["id"]
            # 1 for a new row; a row copied with its id keeps its count of saves
            row["row_version"] = values.get("row_version") or 1
        return row

    def insert(self, entity_name: str, values: Mapping[str, Any]) -> int:
        return self.insert_many(entity_name, [values])[0]

    def insert_many(self, entity_name: str, rows: Iterable[Mapping[str, Any]]) -> list[int]:
        e = entity_spec(entity_name)
        t = TABLES[e.name]
        ids: list[int] = []
        for chunk in _chunks(rows, BATCH):
            stamped = [self._stamped(e, r, new=True) for r in chunk]
            with_id = [r for r in stamped if "id" in r]
            without = [r for r in stamped if "id" not in r]
            if with_id:
                self.conn.execute(sa.insert(t), with_id)
                if self.conn.dialect.name == "postgresql":  # keep the id sequence ahead
                    self.conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                        f"(SELECT max(id) FROM {t.name}))"
                    )
            if without:
                result = self.conn.execute(
                    sa.insert(t).returning(t.c.id, sort_by_parameter_order=True), without
                )
                for r, new_id in zip(without, result.scalars(), strict=True):
                    r["id"] = new_id
            for r in stamped:
                self._record(e, r["id"], "insert", None, canonical_row(e, r))
                ids.append(r["id"])
            self._flush()
        return ids

    def get_many(self, entity_name: str, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The rows with these ids that exist, by id (one query per few hundred ids)."""
        t = TABLES[entity_spec(entity_name).name]
        wanted = sorted(set(ids))
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), 500):
            for row in self.conn.execute(sa.select(t).where(
                    t.c.id.in_(wanted[start:start + 500]))).mappings():
                found[row["id"]] = dict(row)
        return found

    def get(self, entity_name: str, row_id: int) -> dict[str, Any] | None:
        t = TABLES[entity_spec(entity_name).name]
        row = self.conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        return dict(row) if row is not None else None

    def update(self, entity_name: str, row_id: int, changes: Mapping[str, Any], *,
               expected: int | None = None) -> bool:
        """Apply `changes`; returns False (and writes nothing) if nothing changes.

        Each update adds one to the row's version. With `expected`, the version the
        changes were prepared from, a row saved by someone else since then is not
        overwritten: `VersionConflict` is raised, carrying the row as it now is."""
        e = entity_spec(entity_name)
        t = TABLES[e.name]
        before = self.get(e.name, row_id)
        if before is None:
            raise LookupError(f"{e.label_en} {row_id} does not exist")
        if expected is not None and before.get("row_version") != expected:
            raise VersionConflict(e.name, row_id, expected, before)
        unknown = set(changes) - _layout(e.name)[2]
        if unknown:
            raise KeyError(f"{e.name} has no stored field(s) {sorted(unknown)}")
        old = canonical_row(e, before)
        after = {**before, **changes}
        if canonical_row(e, after) == old:
            return False
        after["updated_at"] = self.now
        after["updated_by"] = self.actor.label
        values = {k: after[k] for k in (*changes, "updated_at", "updated_by")}
        where = t.c.id == row_id
        if expected is not None:  # the row as read above, unless a writer came between
            where = sa.and_(where, t.c.row_version == expected)
        done = self.conn.execute(sa.update(t).where(where)
                                 .values(**values, row_version=t.c.row_version + 1))
        if done.rowcount == 0:
            raise VersionConflict(e.name, row_id, expected, self.get(e.name, row_id))
        self._record(e, row_id, "update", old, canonical_row(e, after))
        self._flush()
        return True

    def update_many(self, entity_name: str,
                    items: Iterable[tuple[int, Mapping[str, Any], Mapping[str, Any]]]
                    ) -> list[bool]:
        """`update` of many rows, each given as (id, the row as read, changes): one
        statement per run of rows that change the same columns, in the given order.
        Returns, per row, whether it changed."""
        e = entity_spec(entity_name)
        t = TABLES[e.name]
        names = _layout(e.name)[2]
        changed: list[bool] = []
        done: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        runs: list[tuple[tuple[str, ...], list[dict[str, Any]]]] = []  # in the given order
        for row_id, before, changes in items:
            unknown = set(changes) - names
            if unknown:
                raise KeyError(f"{e.name} has no stored field(s) {sorted(unknown)}")
            old = canonical_row(e, before)
            after = {**before, **changes}
            if canonical_row(e, after) == old:
                changed.append(False)
                continue
            after["updated_at"] = self.now
            after["updated_by"] = self.actor.label
            keys = tuple(sorted((*changes, "updated_at", "updated_by")))
            if not runs or runs[-1][0] != keys:
                runs.append((keys, []))
            runs[-1][1].append({"_id": row_id, **{k: after[k] for k in keys}})
            done.append((row_id, old, after))
            changed.append(True)
        for _keys, params in runs:
            self.conn.execute(sa.update(t).where(t.c.id == sa.bindparam("_id"))
                              .values(row_version=t.c.row_version + 1), params)
        for row_id, old, after in done:
            self._record(e, row_id, "update", old, canonical_row(e, after))
        self._flush()
        return changed

    def delete(self, entity_name: str, row_id: int) -> None:
        e = entity_spec(entity_name)
        t = TABLES[e.name]
        before = self.get(e.name, row_id)
        if before is None:
            raise LookupError(f"{e.label_en} {row_id} does not exist")
        self.conn.execute(sa.delete(t).where(t.c.id == row_id))
        self._record(e, row_id, "delete", canonical_row(e, before), None)
        self._flush()

    def restate(self, entity_name: str, row_ids: Iterable[int] | None = None) -> int:
        """Record rows as they now are after a migration changed their shape (a renamed
        or split column): one "update" entry per row, from its last recorded state to
        the present one, so the trail keeps describing every row. All rows when
        `row_ids` is None; returns the number of entries written."""
        e = entity_spec(entity_name)
        t = TABLES[e.name]
        plain, converted, _ = _layout(e.name)
        # the recorded columns only: a migration runs this before later ones add theirs
        query = sa.select(*(t.c[c] for c in (*plain, *converted))).order_by(t.c.id)
        if row_ids is not None:
            query = query.where(t.c.id.in_(list(row_ids)))
        rows = self.conn.execute(query).mappings().all()
        last: dict[int, str | None] = {}
        for rid, after in self.conn.execute(
                sa.select(audit_log.c.entity_id, audit_log.c.after)
                .where(audit_log.c.entity == e.name).order_by(audit_log.c.seq)):
            last[rid] = after
        written = 0
        for row in rows:
            now = canonical_row(e, row)
            recorded = last.get(row["id"])
            before = json.loads(recorded) if recorded else None
            if before == now:
                continue
            self._record(e, row["id"], "update", before, now)
            written += 1
            if len(self._pending) >= BATCH:
                self._flush()
        self._flush()
        return written

    # -- the chain ----------------------------------------------------------------------

    def _record(self, e: Entity, row_id: int, action: str, before, after) -> None:
        self.seq += 1
        entry = {
            "seq": self.seq,
            "at": self._at,
            "officer": self.actor.officer,
            "os_user": self.actor.os_user,
            "entity": e.name,
            "entity_id": row_id,
            "action": action,
            "before": None if before is None else dumps(before),
            "after": None if after is None else dumps(after),
        }
        entry["prev_hash"] = self.hash
        entry["hash"] = self.hash = entry_hash(self.hash, entry)
        self._pending.append(entry)

    def _flush(self) -> None:
        if self._pending:
            self.conn.execute(sa.insert(audit_log), self._pending)
            self._pending = []

    def close(self) -> None:
        self._flush()
        self.conn.execute(
            sa.update(audit_head).where(audit_head.c.id == 1).values(seq=self.seq, hash=self.hash)
        )


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[Sequence[Mapping]]:
    chunk: list[Mapping[str, Any]] = []
    for r in rows:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def actor_of(db: Database) -> Actor:
    return Actor(officer=db.officer, os_user=db.os_user)


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Writer]:
    """One audited write transaction: all of it lands, or none of it."""
    with db.engine.begin() as conn:
        writer = Writer(conn, actor_of(db))
        yield writer
        writer.close()


def history(db: Database, entity_name: str, row_id: int) -> list[dict[str, Any]]:
    """The audit entries of one row, oldest first (for the History pane and reports)."""
    with db.read() as conn:
        rows = conn.execute(
            sa.select(audit_log)
            .where(audit_log.c.entity == entity_name, audit_log.c.entity_id == row_id)
            .order_by(audit_log.c.seq)
        ).mappings()
        out = []
        for r in rows:
            d = dict(r)
            d["before"] = json.loads(d["before"]) if d["before"] else None
            d["after"] = json.loads(d["after"]) if d["after"] else None
            out.append(d)
        return out


@dataclass(frozen=True)
class Anchor:
    """The head of the audit chain at one moment: printed on every report, so that a
    history rewritten afterwards no longer matches the paper."""

    seq: int
    hash: str
    at: datetime

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


def anchor(db: Database) -> Anchor:
    """The current head of the chain (entry 0 and the genesis hash for an empty trail)."""
    with db.read() as conn:
        row = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).first()
    if row is None:
        return Anchor(0, GENESIS_HASH, now_utc())
    return Anchor(int(row.seq), str(row.hash), now_utc())


def entry_at(db: Database, seq: int) -> str | None:
    """The hash of the audit entry at `seq`, or None when there is none."""
    if seq == 0:
        return GENESIS_HASH
    with db.read() as conn:
        return conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == seq)).scalar()
