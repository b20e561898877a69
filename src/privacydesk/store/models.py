"""Database schema, generated from the entity declarations of the domain.

Every entity table has the system columns id, created_at, created_by, updated_at,
updated_by, row_version (1 for a new row, one more at each update: a save prepared
from an older version is refused) and one column per stored field. Multi-valued
fields are JSON lists, which SQLite and PostgreSQL both store. The audit trail has its
own two tables.

The schema here is the *current* one; Alembic migrations under store/migrations are
the history, and a test checks that the two agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeDecorator

from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.domain.fields import Entity, Field, FieldType

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class _SQLiteDate(sqlite.DATE):
    """SQLite's DATE, read with `date.fromisoformat` instead of a regular expression.

    SQLAlchemy stores dates as "YYYY-MM-DD" text on SQLite; parsing them back with its
    generic pattern costs more than reading the row (a list sorted by a due date reads
    tens of thousands of them).
    """

    def result_processor(self, dialect, coltype):
        parse = date.fromisoformat

        def process(value):
            if value is None or isinstance(value, date):
                return value
            return parse(value)

        return process


class _SQLiteDateTime(sqlite.DATETIME):
    """SQLite's DATETIME ("YYYY-MM-DD HH:MM:SS.ffffff"), read with `fromisoformat`."""

    def result_processor(self, dialect, coltype):
        parse = datetime.fromisoformat

        def process(value):
            if value is None or isinstance(value, datetime):
                return value
            return parse(value)

        return process


Date = sa.Date().with_variant(_SQLiteDate(), "sqlite")


class UTCDateTime(TypeDecorator):
    """An aware datetime, stored as naive UTC so SQLite and PostgreSQL agree."""

    impl = sa.DateTime().with_variant(_SQLiteDateTime(), "sqlite")
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetime values must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


SYSTEM_COLUMNS = ("id", "created_at", "created_by", "updated_at", "updated_by", "row_version")


def _column_type(f: Field):
    match f.type:
        case FieldType.TEXT | FieldType.LONGTEXT | FieldType.CHOICE:
            return sa.Text()
        case FieldType.INT:
            return sa.BigInteger()
        case FieldType.BOOL:
            return sa.Boolean()
        case FieldType.DATE:
            return Date
        case FieldType.DATETIME:
            return UTCDateTime()
        case FieldType.MULTICHOICE | FieldType.MULTIREF:
            return sa.JSON()
        case FieldType.REF:
            return sa.Integer()
    raise AssertionError(f"unhandled field type {f.type}")


def _table(e: Entity) -> sa.Table:
    cols: list[sa.Column] = [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    ]
    for f in e.stored:
        args: list = [_column_type(f)]
        if f.type is FieldType.REF:
            args.append(sa.ForeignKey(f"{entity(f.ref).table}.id", ondelete="RESTRICT"))
        cols.append(
            sa.Column(f.name, *args, nullable=not f.required, unique=f.unique or None,
                      index=f.index or None)
        )
    extra = [sa.Index(f"ix_{e.table}_{'_'.join(names)}", *names) for names in e.indexes]
    return sa.Table(e.table, metadata, *cols, *extra)


TABLES: dict[str, sa.Table] = {e.name: _table(e) for e in ENTITIES}

# The audit trail: one row per change, chained by SHA-256 (see store.audit).
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
              autoincrement=False),
    sa.Column("at", sa.Text(), nullable=False),  # ISO 8601 UTC, part of the hashed content
    sa.Column("officer", sa.Text(), nullable=False),
    sa.Column("os_user", sa.Text(), nullable=False),
    sa.Column("entity", sa.Text(), nullable=False),
    sa.Column("entity_id", sa.Integer(), nullable=False),
    sa.Column("action", sa.Text(), nullable=False),  # insert | update | delete
    sa.Column("before", sa.Text()),  # canonical JSON of the row before, or NULL
    sa.Column("after", sa.Text()),  # canonical JSON of the row after, or NULL
    sa.Column("prev_hash", sa.Text(), nullable=False),
    sa.Column("hash", sa.Text(), nullable=False),
    sa.Index("ix_audit_log_entity_row", "entity", "entity_id", "seq"),
)

# The head of the chain: one row, updated in the same transaction as each append.
# Writers lock it first, which serialises appends on SQLite and PostgreSQL alike, and
# it anchors the tail so that a truncated trail is detected.
audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("hash", sa.Text(), nullable=False),
)

GENESIS_HASH = "0" * 64

# Search indexes (FTS5 tables of entities that declare `search_index`) are made by the
# migrations with raw SQL on SQLite; they and their shadow tables are not part of the
# schema above.
_FTS_SHADOWS = tuple(f"_{kind}{shadow}" for kind in ("fts", "words")
                     for shadow in ("", "_data", "_idx", "_docsize", "_config", "_content"))


def is_search_table(name: str) -> bool:
    return any(name.endswith(suffix) for suffix in _FTS_SHADOWS)


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic's filter: compare everything but the search indexes."""
    return not (type_ == "table" and name is not None and is_search_table(name))


def table(entity_name: str) -> sa.Table:
    return TABLES[entity(entity_name).name]


def now_utc() -> datetime:
    return datetime.now(UTC)
