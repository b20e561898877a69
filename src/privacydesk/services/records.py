"""Generic record services, driven by the entity declarations.

Every entity gets create / update / delete / get / page / count / iterate from here.
Input is coerced and validated field by field (type, required, choices, range,
references, uniqueness); area modules add their own rules with `@checks(entity)` and
fill computed fields with `@computes(entity)`. Reads return plain dicts, with computed
fields included, so the GUI, the CLI and the reports never touch SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.domain.fields import Entity, Field, FieldType, Text, in_lang
from privacydesk.store.audit import writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

JST = ZoneInfo("Asia/Tokyo")


def today_jst() -> date:
    """Today in Japan: the service boundary reads the clock, never a rule."""
    return datetime.now(JST).date()


# --- errors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldError:
    field: str  # field name, or "" for the record as a whole
    message: str
    row: int | None = None  # 1-based data row of an import file

    def text(self, lang: str = "en") -> str:
        """The message alone, in the language asked for."""
        return in_lang(self.message, lang)

    def describe(self, e: Entity | None = None, lang: str = "en") -> str:
        """The message with where it applies: "row 3, column kind (Type): is required"."""
        where = []
        ja = lang == "ja"
        if self.row is not None:
            where.append(f"{self.row}行目" if ja else f"row {self.row}")
        if self.field:
            label = ""
            if e is not None and e.has(self.field):
                label = f" ({e.field(self.field).label(lang)})"
            if ja:
                where.append(f"{'列' if self.row is not None else '項目'} {self.field}{label}")
            else:
                where.append(f"column {self.field}{label}" if self.row is not None
                             else f"field {self.field}{label}")
        prefix = ("、" if ja else ", ").join(where)
        message = self.text(lang)
        return f"{prefix}: {message}" if prefix else message


class ValidationError(Exception):
    """Input the user can correct. Each error names the field (and row) and the problem."""

    def __init__(self, entity_name: str, errors: Sequence[FieldError]) -> None:
        self.entity = entity_name
        self.errors = list(errors)
        e = entity(entity_name) if entity_name in _ENTITY_NAMES else None
        lines = [err.describe(e) for err in self.errors]
        label = e.label_en if e else entity_name
        super().__init__(f"{label}: " + "; ".join(lines))

    def for_field(self, name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == name]


class NotFound(LookupError):
    """The row asked for does not exist (deleted meanwhile, or a wrong id)."""

    def __init__(self, e: Entity, row_id: int) -> None:
        self.message = Text("{en} {id} does not exist", "{ja}（{id}）は存在しません").format(
            en=e.label_en, ja=e.label_ja, id=row_id)
        super().__init__(self.message)


class InUse(Exception):
    """A row that other rows refer to cannot be deleted; `refs` says which: a list of
    (entity name, [ids]) of the referring rows."""

    def __init__(self, e: Entity, row_id: int, refs: list[tuple[str, list[int]]]) -> None:
        self.entity = e.name
        self.refs = refs
        en = ", ".join(f"{len(ids)} {entity(n).label_en.lower()} record(s)" for n, ids in refs)
        ja = "、".join(f"{entity(n).label_ja} {len(ids)}件" for n, ids in refs)
        self.message = Text(
            "{label} {id} cannot be deleted: {what} refer to it",
            "{label_ja}（{id}）は削除できません。{what_ja}から参照されています").format(
                label=e.label_en, label_ja=e.label_ja, id=row_id, what=en, what_ja=ja)
        super().__init__(self.message)


_ENTITY_NAMES = {e.name for e in ENTITIES}


# --- context and hooks ----------------------------------------------------------------


@dataclass
class Context:
    """What a rule or a computation may look at: the connection, settings and today."""

    conn: Connection
    today: date
    settings: Mapping[str, Any]
    calendar: str = "JP"
    now: datetime | None = None  # the moment, when read from the clock (hour deadlines)


Check = Callable[[Context, dict[str, Any], dict[str, Any] | None], list[FieldError]]
Compute = Callable[[Context, list[dict[str, Any]]], None]

_CHECKS: dict[str, list[Check]] = {}
_COMPUTES: dict[str, list[Compute]] = {}


def checks(entity_name: str) -> Callable[[Check], Check]:
    """Register a rule: fn(ctx, new_values, old_row_or_None) -> list of FieldError."""
    entity(entity_name)

    def deco(fn: Check) -> Check:
        _CHECKS.setdefault(entity_name, []).append(fn)
        return fn

    return deco


def computes(entity_name: str) -> Callable[[Compute], Compute]:
    """Register a computation that fills computed fields of a batch of rows in place."""
    entity(entity_name)

    def deco(fn: Compute) -> Compute:
        _COMPUTES.setdefault(entity_name, []).append(fn)
        return fn

    return deco


def context(db: Database, conn: Connection, today: date | None = None) -> Context:
    from privacydesk.services import settings as settings_service

    values = settings_service.all_values(db, conn)
    org = conn.execute(sa.select(TABLES["organization"].c.holiday_calendar)).scalar()
    now = datetime.now(UTC) if today is None else None
    day = today if today is not None else now.astimezone(JST).date()
    return Context(conn=conn, today=day, settings=values, calendar=org or "JP", now=now)


# --- coercion -------------------------------------------------------------------------

REQUIRED = Text("is required", "入力してください")
_OUT_OF_RANGE = Text("is out of range", "範囲外です")

_TRUE = {"1", "true", "yes", "y", "on", "はい"}
_FALSE = {"0", "false", "no", "n", "off", "いいえ"}


def coerce(f: Field, raw: Any) -> Any:
    """Turn user or file input into the field's Python value; ValueError says why."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return [] if f.type in (FieldType.MULTICHOICE, FieldType.MULTIREF) else None
    t = f.type
    if t in (FieldType.TEXT, FieldType.LONGTEXT, FieldType.CHOICE):
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ValueError(Text("must be text", "文字で入力してください"))
        value = str(raw)
        if t is not FieldType.LONGTEXT:
            value = value.strip()
            if "\n" in value or "\r" in value:
                raise ValueError(Text("must be a single line", "1行で入力してください"))
        if "\x00" in value:
            raise ValueError(Text("must not contain NUL characters", "NUL文字は使えません"))
        return value
    if t in (FieldType.INT, FieldType.REF):
        if isinstance(raw, bool):
            raise ValueError(Text("must be a whole number", "整数で入力してください"))
        if isinstance(raw, int):
            number = raw
        elif isinstance(raw, float) and raw.is_integer():
            number = int(raw)
        elif isinstance(raw, str) and re.fullmatch(r"[+-]?\d{1,18}",
                                                   raw.strip().replace(",", "")):
            number = int(raw.strip().replace(",", ""))
        else:
            raise ValueError(Text("must be a whole number, not {raw}",
                                  "整数で入力してください（{raw} は整数ではありません）"
                                  ).format(raw=_show(raw)))
        if not -(2**63) <= number < 2**63:  # the range of a database integer
            raise ValueError(_OUT_OF_RANGE)
        return number
    if t is FieldType.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.strip().lower() in _TRUE:
            return True
        if isinstance(raw, str) and raw.strip().lower() in _FALSE:
            return False
        raise ValueError(Text("must be true or false, not {raw}",
                              "はい・いいえで指定してください（{raw}）").format(raw=_show(raw)))
    if t is FieldType.DATE:
        if isinstance(raw, datetime):
            raise ValueError(Text("must be a date (YYYY-MM-DD), not a date and time",
                                  "日時ではなく日付（YYYY-MM-DD）で入力してください"))
        if isinstance(raw, date):
            return raw
        if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
            try:
                return date.fromisoformat(raw.strip())
            except ValueError:
                raise ValueError(Text("{raw} is not a calendar date", "{raw} は存在しない日付です"
                                      ).format(raw=_show(raw))) from None
        raise ValueError(Text("must be a date as YYYY-MM-DD, not {raw}",
                              "日付はYYYY-MM-DDの形で入力してください（{raw}）").format(raw=_show(raw)))
    if t is FieldType.DATETIME:
        if isinstance(raw, datetime):
            value = raw
        elif isinstance(raw, str):
            try:
                value = datetime.fromisoformat(raw.strip())
            except ValueError:
                raise ValueError(Text(
                    "must be a date and time as YYYY-MM-DDTHH:MM with a zone, not {raw}",
                    "日時はタイムゾーン付きのYYYY-MM-DDTHH:MMの形で入力してください（{raw}）"
                ).format(raw=_show(raw))) from None
        else:
            raise ValueError(Text("must be a date and time, not {raw}",
                              "日時で入力してください（{raw}）").format(raw=_show(raw)))
        if value.tzinfo is None:
            raise ValueError(Text("needs a time zone (e.g. +09:00 or Z)",
                              "タイムゾーンが必要です（例：+09:00、Z）"))
        try:
            value = value.astimezone(UTC)
        except OverflowError:  # e.g. 0001-01-01T00:00+01:00
            raise ValueError(_OUT_OF_RANGE) from None
        if not 1900 <= value.year <= 9998:
            raise ValueError(_OUT_OF_RANGE)
        return value
    if t in (FieldType.MULTICHOICE, FieldType.MULTIREF):
        items = raw
        if isinstance(raw, str):
            items = [p for p in re.split(r"[;,]", raw) if p.strip()]
        if not isinstance(items, list | tuple):
            raise ValueError(Text("must be a list", "一覧で指定してください"))
        inner = Field(f.name, FieldType.CHOICE if t is FieldType.MULTICHOICE else FieldType.REF,
                      f.label_en, f.label_ja)
        values = [coerce(inner, i) for i in items]
        if any(v is None for v in values):
            raise ValueError(Text("must not contain empty items", "空の項目は指定できません"))
        if len(set(values)) != len(values):
            raise ValueError(Text("lists an item twice", "同じ項目が2回指定されています"))
        return values
    raise AssertionError(f"unhandled field type {t}")


def _show(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."


# --- validation -----------------------------------------------------------------------


def _validate(ctx: Context, e: Entity, values: Mapping[str, Any], old: dict | None,
              row_id: int | None) -> tuple[dict[str, Any], list[FieldError]]:
    errors: list[FieldError] = []
    clean: dict[str, Any] = {}
    for name in values:
        if not e.has(name):
            errors.append(FieldError(name, Text("{entity} has no field {name!r}",
                                                  "{entity_ja}に項目 {name!r} はありません").format(
                entity=e.label_en, entity_ja=e.label_ja, name=name)))
        elif e.field(name).computed:
            errors.append(FieldError(name, Text("is computed and cannot be set",
                                                  "自動計算される項目のため入力できません")))
    for f in e.stored:
        if f.name in values:
            try:
                clean[f.name] = coerce(f, values[f.name])
            except ValueError as exc:
                errors.append(FieldError(f.name, exc.args[0] if exc.args else str(exc)))
        elif old is None:
            clean[f.name] = list(f.default) if isinstance(f.default, list) else f.default
    merged = {**(old or {}), **clean}
    for f in e.stored:
        if f.name not in clean or any(err.field == f.name for err in errors):
            continue
        v = merged.get(f.name)
        if v is None or v == []:
            if f.required:
                errors.append(FieldError(f.name, REQUIRED))
            continue
        items = v if isinstance(v, list) else [v]
        if f.choices:
            allowed = f.choice_values()
            bad = [i for i in items if i not in allowed]
            if bad:
                errors.append(FieldError(f.name, Text(
                    "{bad!r} is not one of: {allowed}", "{bad!r} は選択肢（{allowed}）にありません"
                ).format(bad=bad[0], allowed=", ".join(allowed))))
        if f.type is FieldType.INT:
            if f.min_value is not None and v < f.min_value:
                errors.append(FieldError(f.name, Text(
                    "must be at least {n}", "{n}以上にしてください").format(n=f.min_value)))
            if f.max_value is not None and v > f.max_value:
                errors.append(FieldError(f.name, Text(
                    "must be at most {n}", "{n}以下にしてください").format(n=f.max_value)))
        if f.max_length is not None and isinstance(v, str) and len(v) > f.max_length:
            errors.append(FieldError(f.name, Text("must have at most {n} characters",
                                                    "{n}文字以内にしてください").format(n=f.max_length)))
        if f.ref:
            target = TABLES[entity(f.ref).name]
            found = set(ctx.conn.execute(
                sa.select(target.c.id).where(target.c.id.in_(items))).scalars())
            missing = [i for i in items if i not in found]
            if missing:
                target = entity(f.ref)
                errors.append(FieldError(f.name, Text(
                    "refers to {en} {id}, which does not exist",
                    "参照先の{ja}（{id}）は存在しません").format(
                        en=target.label_en, ja=target.label_ja, id=missing[0])))
        if f.unique:
            t = TABLES[e.name]
            q = sa.select(t.c.id).where(t.c[f.name] == v)
            if row_id is not None:
                q = q.where(t.c.id != row_id)
            if ctx.conn.execute(q.limit(1)).first() is not None:
                errors.append(FieldError(f.name, Text(
                    "{v!r} is already used by another record", "{v!r} は他の記録で使われています"
                ).format(v=v)))
    if not errors:
        for rule in _CHECKS.get(e.name, []):
            errors.extend(rule(ctx, merged, old))
    return clean, errors


def validate(ctx: Context, e: Entity, values: Mapping[str, Any], *, old: dict | None = None,
             row_id: int | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Coerce and check one new row (old=None) or the changes to one existing row.

    Runs inside an open writer transaction (`ctx.conn`), so references and uniqueness
    see the rows written earlier in the same transaction (an import file). Returns the
    clean values and the errors; writes nothing.
    """
    if old is None and e.single and ctx.conn.execute(
            sa.select(sa.func.count()).select_from(TABLES[e.name])).scalar():
        return {}, [FieldError("", Text("there is already one {en}", "{ja}は1件だけ登録できます"
                                        ).format(en=e.label_en, ja=e.label_ja))]
    return _validate(ctx, e, values, old, row_id)


# --- writes ---------------------------------------------------------------------------


def create(db: Database, entity_name: str, values: Mapping[str, Any], *,
           today: date | None = None) -> int:
    e = entity(entity_name)
    with writing(db) as w:
        ctx = context(db, w.conn, today)
        clean, errors = validate(ctx, e, values)
        if errors:
            raise ValidationError(e.name, errors)
        return w.insert(e.name, clean)


def update(db: Database, entity_name: str, row_id: int, changes: Mapping[str, Any], *,
           today: date | None = None) -> bool:
    e = entity(entity_name)
    with writing(db) as w:
        old = w.get(e.name, row_id)
        if old is None:
            raise NotFound(e, row_id)
        ctx = context(db, w.conn, today)
        clean, errors = _validate(ctx, e, changes, old, row_id)
        if errors:
            raise ValidationError(e.name, errors)
        return w.update(e.name, row_id, clean)


def references_to(conn: Connection, entity_name: str, row_id: int
                  ) -> list[tuple[str, list[int]]]:
    """(entity, ids) of the rows that refer to one row, for each entity that does."""
    found: dict[str, set[int]] = {}
    for other in ENTITIES:
        for f in other.stored:
            if f.ref != entity_name:
                continue
            t = TABLES[other.name]
            if f.type is FieldType.REF:
                ids = conn.execute(sa.select(t.c.id).where(t.c[f.name] == row_id)).scalars()
            else:  # JSON lists: scanned in Python, these tables are small
                ids = (i for i, v in conn.execute(sa.select(t.c.id, t.c[f.name]))
                       if v and row_id in v)
            found.setdefault(other.name, set()).update(ids)
    return [(name, sorted(ids)) for name, ids in found.items() if ids]


def delete(db: Database, entity_name: str, row_id: int) -> None:
    e = entity(entity_name)
    with writing(db) as w:
        if w.get(e.name, row_id) is None:
            raise NotFound(e, row_id)
        refs = references_to(w.conn, e.name, row_id)
        if refs:
            raise InUse(e, row_id, refs)
        w.delete(e.name, row_id)


# --- reads ----------------------------------------------------------------------------


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int


@dataclass
class Query:
    """Filters of a list: equality on fields, a text search, a date range."""

    equals: dict[str, Any] = field(default_factory=dict)
    search: str = ""
    date_field: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _select(e: Entity, q: Query | None):
    t = TABLES[e.name]
    stmt = sa.select(t)
    if q is None:
        return stmt
    for name, value in q.equals.items():
        f = e.field(name)
        if f.computed:
            raise ValueError(f"{name} is computed; filter on stored fields")
        stmt = stmt.where(t.c[name].is_(None) if value is None else t.c[name] == value)
    if q.search:
        pattern = "%" + q.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        text_cols = [t.c[f.name] for f in e.stored
                     if f.type in (FieldType.TEXT, FieldType.LONGTEXT)]
        conds = [c.ilike(pattern, escape="\\") for c in text_cols]
        if q.search.strip().isdigit():
            conds.append(t.c.id == int(q.search.strip()))
        stmt = stmt.where(sa.or_(*conds)) if conds else stmt
    if q.date_field:
        col = t.c[q.date_field]
        if q.date_from:
            stmt = stmt.where(col >= q.date_from)
        if q.date_to:
            stmt = stmt.where(col <= q.date_to)
    return stmt


def _order(e: Entity, sort: str | None):
    t = TABLES[e.name]
    key = sort or e.order_by
    desc = key.startswith("-")
    name = key.lstrip("-")
    if name != "id" and (not e.has(name) or e.field(name).computed):
        raise ValueError(f"cannot sort {e.name} by {name!r}: not a stored field")
    col = t.c[name]
    primary = col.desc() if desc else col.asc()
    return [primary, t.c.id.desc() if desc else t.c.id.asc()]


def _finish(ctx: Context, e: Entity, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for f in e.computed:
        for r in rows:
            r.setdefault(f.name, None)
    for fn in _COMPUTES.get(e.name, []):
        fn(ctx, rows)
    return rows


def get(db: Database, entity_name: str, row_id: int, *, today: date | None = None) -> dict:
    e = entity(entity_name)
    t = TABLES[e.name]
    with db.read() as conn:
        row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        if row is None:
            raise NotFound(e, row_id)
        return _finish(context(db, conn, today), e, [dict(row)])[0]


def page(db: Database, entity_name: str, *, offset: int = 0, limit: int = 200,
         sort: str | None = None, query: Query | None = None,
         today: date | None = None) -> Page:
    """One page of a list, sorted and filtered in SQL, with its total count."""
    e = entity(entity_name)
    stmt = _select(e, query)
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(
            stmt.order_by(*_order(e, sort)).offset(offset).limit(limit)).mappings()]
        if len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)  # the last page: no second pass over the matches
        else:
            total = _count(conn, stmt)
        return Page(_finish(context(db, conn, today), e, rows), total, offset, limit)


def _count(conn: Connection, stmt: sa.Select) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar()


def count(db: Database, entity_name: str, query: Query | None = None) -> int:
    e = entity(entity_name)
    with db.read() as conn:
        return _count(conn, _select(e, query))


def iterate(db: Database, entity_name: str, *, batch: int = 2000, today: date | None = None,
            query: Query | None = None) -> Iterator[dict[str, Any]]:
    """Every row in id order with computed fields, fetched in batches (keyset paging)."""
    e = entity(entity_name)
    t = TABLES[e.name]
    last = 0
    with db.read() as conn:
        ctx = context(db, conn, today)
        while True:
            rows = [dict(r) for r in conn.execute(
                _select(e, query).where(t.c.id > last).order_by(t.c.id).limit(batch)).mappings()]
            if not rows:
                return
            yield from _finish(ctx, e, rows)
            last = rows[-1]["id"]
