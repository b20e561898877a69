"""Generic record services, driven by the entity declarations.

Every entity gets create / update / delete / get / page / count / iterate from here.
Input is coerced and validated field by field (type, required, choices, range,
references, uniqueness); area modules add their own rules with `@checks(entity)` and
fill computed fields with `@computes(entity)`. Reads return plain dicts, with computed
fields included, so the GUI, the CLI and the reports never touch SQL.
"""

from __future__ import annotations

import functools
import json
import re
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.domain.fields import Entity, Field, FieldType, Text, in_lang
from privacydesk.domain.values import NO_STATUS_RANK, STATUS_RANK
from privacydesk.store.audit import VersionConflict, Writer, writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES, audit_head

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


class Stale(Exception):
    """A save prepared from an older version of a row: someone saved it meanwhile.

    Nothing was written. `who` and `at` say who saved it last and when (`updated_by`,
    on a server the login; `updated_at`); `version` is the row's version now."""

    def __init__(self, e: Entity, row_id: int, current: Mapping[str, Any]) -> None:
        self.entity = e.name
        self.row_id = row_id
        self.version = current.get("row_version")
        self.who = current.get("updated_by") or "?"
        self.at = current.get("updated_at")
        when = self.at.astimezone(JST).strftime("%Y-%m-%d %H:%M JST") if self.at else "?"
        self.message = Text(
            "{label} {id} was changed by {who} at {at} since you opened it",
            "{label_ja}（{id}）は、開いた後に {who} が {at} に変更しています").format(
                label=e.label_en, label_ja=e.label_ja, id=row_id, who=self.who, at=when)
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
_COMPUTES: dict[str, list[_Computation]] = {}


def checks(entity_name: str) -> Callable[[Check], Check]:
    """Register a rule: fn(ctx, new_values, old_row_or_None) -> list of FieldError."""
    entity(entity_name)

    def deco(fn: Check) -> Check:
        _CHECKS.setdefault(entity_name, []).append(fn)
        return fn

    return deco


@dataclass(frozen=True)
class _Computation:
    fn: Compute
    inputs: frozenset[str] | None  # the stored fields it reads; None: the whole row
    fills: frozenset[str] | None  # the computed fields it fills; None: any of them


def computes(entity_name: str, inputs: tuple[str, ...] | None = None,
             fills: tuple[str, ...] | None = None) -> Callable[[Compute], Compute]:
    """Register a computation that fills computed fields of a batch of rows in place.

    `inputs`: the stored fields it reads (besides id); a list sorted by a computed field
    then reads only those of every row instead of whole rows. None: the whole row.
    `fills`: the computed fields it fills; a sort or a filter runs only the computations
    it needs. None: it may fill any.
    """
    e = entity(entity_name)
    for name in inputs or ():
        if name not in ("id", "created_at", "updated_at") and e.field(name).computed:
            raise ValueError(f"{entity_name}.{name} is computed, not an input")
    for name in fills or ():
        if not e.field(name).computed:
            raise ValueError(f"{entity_name}.{name} is stored, not computed")

    def deco(fn: Compute) -> Compute:
        _COMPUTES.setdefault(entity_name, []).append(_Computation(
            fn, frozenset(inputs) if inputs is not None else None,
            frozenset(fills) if fills is not None else None))
        return fn

    return deco


def _computations(e: Entity, needed: set[str] | None) -> list[_Computation]:
    """The computations that fill any of `needed` (None: every computation)."""
    return [c for c in _COMPUTES.get(e.name, [])
            if needed is None or c.fills is None or c.fills & needed]


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
    return _validate_batch(ctx, e, [(values, old, row_id)], single=False)[0]


_IN_CHUNK = 500  # ids or values in one IN (...) list


@functools.cache
def _layout(entity_name: str) -> tuple[tuple[Field, ...], dict[str, tuple[str, ...]]]:
    """Per entity: the stored fields, and the choice values of each field with choices."""
    e = entity(entity_name)
    return e.stored, {f.name: f.choice_values() for f in e.stored if f.choices}


def _coerced(e: Entity, stored: tuple[Field, ...], values: Mapping[str, Any],
             old: dict | None) -> tuple[dict[str, Any], list[FieldError]]:
    """The values coerced field by field (defaults for a new row); unknown, computed and
    malformed fields as errors."""
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
    for f in stored:
        if f.name in values:
            try:
                clean[f.name] = coerce(f, values[f.name])
            except ValueError as exc:
                errors.append(FieldError(f.name, exc.args[0] if exc.args else str(exc)))
        elif old is None:
            clean[f.name] = list(f.default) if isinstance(f.default, list) else f.default
    return clean, errors


def _existing(conn: Connection, entity_name: str, ids: set[Any]) -> set[Any]:
    """Which of `ids` name a row of the entity: one query per few hundred ids."""
    t = TABLES[entity(entity_name).name]
    found: set[Any] = set()
    wanted = sorted(i for i in ids if isinstance(i, int))
    for start in range(0, len(wanted), _IN_CHUNK):
        found.update(conn.execute(sa.select(t.c.id).where(
            t.c.id.in_(wanted[start:start + _IN_CHUNK]))).scalars())
    return found


def _holders(conn: Connection, e: Entity, f: Field, values: set[Any]) -> dict[Any, set[Any]]:
    """For each of `values`, the ids of the rows that hold it in the unique field `f`."""
    t = TABLES[e.name]
    col = t.c[f.name]
    held: dict[Any, set[Any]] = {}
    wanted = list(values)
    for start in range(0, len(wanted), _IN_CHUNK):
        for row_id, value in conn.execute(sa.select(t.c.id, col).where(
                col.in_(wanted[start:start + _IN_CHUNK]))):
            held.setdefault(value, set()).add(row_id)
    return held


def _validate_batch(ctx: Context, e: Entity,
                    items: Sequence[tuple[Mapping[str, Any], dict | None, int | None]], *,
                    single: bool) -> list[tuple[dict[str, Any], list[FieldError]]]:
    """Coerce and check rows in order, as if each valid row were written before the next
    is checked: references and uniqueness are looked up for the whole batch (one query
    per referenced entity and unique field), then followed row by row."""
    stored, allowed_of = _layout(e.name)
    staged = [(*_coerced(e, stored, values, old), old, row_id)
              for values, old, row_id in items]

    def usable(f: Field, clean: dict[str, Any], errors: list[FieldError]) -> bool:
        return f.name in clean and not any(err.field == f.name for err in errors)

    found: dict[str, set[Any]] = {}
    held: dict[str, dict[Any, set[Any]]] = {}
    for f in stored:
        if f.ref:
            wanted: set[Any] = set()
            for clean, errors, _old, _id in staged:
                if usable(f, clean, errors) and clean[f.name] is not None:
                    v = clean[f.name]
                    wanted.update(v if isinstance(v, list) else [v])
            found[f.name] = _existing(ctx.conn, f.ref, wanted) if wanted else set()
        if f.unique:
            values = {clean[f.name] for clean, errors, _old, _id in staged
                      if usable(f, clean, errors) and clean[f.name] not in (None, [])}
            held[f.name] = _holders(ctx.conn, e, f, values) if values else {}
    # a single-row entity (the organization) admits a new row only while it has none
    rows_now = None
    if single and e.single and any(old is None for _v, old, _id in items):
        rows_now = ctx.conn.execute(sa.select(sa.func.count()).select_from(
            TABLES[e.name])).scalar() or 0
    rules = _CHECKS.get(e.name, [])
    results: list[tuple[dict[str, Any], list[FieldError]]] = []
    for n, (clean, errors, old, row_id) in enumerate(staged):
        if rows_now is not None and old is None and rows_now:
            results.append(({}, [FieldError("", Text(
                "there is already one {en}", "{ja}は1件だけ登録できます").format(
                    en=e.label_en, ja=e.label_ja))]))
            continue
        merged = {**old, **clean} if old else clean
        for f in stored:
            if f.name not in clean or any(err.field == f.name for err in errors):
                continue
            v = merged.get(f.name)
            if v is None or v == []:
                if f.required:
                    errors.append(FieldError(f.name, REQUIRED))
                continue
            items_ = v if isinstance(v, list) else [v]
            if f.choices:
                allowed = allowed_of[f.name]
                bad = [i for i in items_ if i not in allowed]
                if bad:
                    errors.append(FieldError(f.name, Text(
                        "{bad!r} is not one of: {allowed}",
                        "{bad!r} は選択肢（{allowed}）にありません"
                    ).format(bad=bad[0], allowed=", ".join(allowed))))
            if f.type is FieldType.INT:
                if f.min_value is not None and v < f.min_value:
                    errors.append(FieldError(f.name, Text(
                        "must be at least {n}", "{n}以上にしてください").format(n=f.min_value)))
                if f.max_value is not None and v > f.max_value:
                    errors.append(FieldError(f.name, Text(
                        "must be at most {n}", "{n}以下にしてください").format(n=f.max_value)))
            if f.max_length is not None and isinstance(v, str) and len(v) > f.max_length:
                errors.append(FieldError(f.name, Text(
                    "must have at most {n} characters", "{n}文字以内にしてください"
                ).format(n=f.max_length)))
            if f.ref:
                missing = [i for i in items_ if i not in found[f.name]]
                if missing:
                    target = entity(f.ref)
                    errors.append(FieldError(f.name, Text(
                        "refers to {en} {id}, which does not exist",
                        "参照先の{ja}（{id}）は存在しません").format(
                            en=target.label_en, ja=target.label_ja, id=missing[0])))
            if f.unique and held[f.name].get(v, set()) - {row_id}:
                errors.append(FieldError(f.name, Text(
                    "{v!r} is already used by another record", "{v!r} は他の記録で使われています"
                ).format(v=v)))
        if not errors:
            for rule in rules:
                errors.extend(rule(ctx, merged, old))
        if not errors:  # the row will be written: later rows of the batch see it
            if rows_now is not None and old is None:
                rows_now += 1
            me = row_id if row_id is not None else ("new", n)
            for name, owners in held.items():
                if name in clean:
                    if old is not None and old.get(name) in owners:
                        owners[old[name]].discard(me)
                    owners.setdefault(clean[name], set()).add(me)
        results.append((clean, errors))
    return results


def validate_many(ctx: Context, e: Entity,
                  items: Sequence[tuple[Mapping[str, Any], dict | None, int | None]]
                  ) -> list[tuple[dict[str, Any], list[FieldError]]]:
    """`validate` for a batch of (values, old row or None, row id or None), in order.

    Each row is checked as if the valid rows before it in the batch had been written
    (a value made unique by an earlier row is taken; a second organization is refused),
    with one query per referenced entity and unique field for the whole batch. Rows
    referring to other rows of the same batch are not seen: write those one at a time.
    """
    return _validate_batch(ctx, e, items, single=True)


def validate(ctx: Context, e: Entity, values: Mapping[str, Any], *, old: dict | None = None,
             row_id: int | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Coerce and check one new row (old=None) or the changes to one existing row.

    Runs inside an open writer transaction (`ctx.conn`), so references and uniqueness
    see the rows written earlier in the same transaction (an import file). Returns the
    clean values and the errors; writes nothing.
    """
    return _validate_batch(ctx, e, [(values, old, row_id)], single=True)[0]


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
           today: date | None = None, version: int | None = None) -> bool:
    """Change a row. `version`, the version the changes were made from (a form's row as
    it was loaded), refuses with `Stale` a save over someone else's newer one; without
    it the changes apply to the row as it is. Either way the version goes up by one."""
    e = entity(entity_name)
    with writing(db) as w:
        old = w.get(e.name, row_id)
        if old is None:
            raise NotFound(e, row_id)
        not_stale(e, row_id, old, version)
        ctx = context(db, w.conn, today)
        clean, errors = _validate(ctx, e, changes, old, row_id)
        if errors:
            raise ValidationError(e.name, errors)
        return update_from(w, e, row_id, clean, version)


def not_stale(e: Entity, row_id: int, row: Mapping[str, Any], version: int | None) -> None:
    """Refuse with `Stale`, before anything is checked or written, changes prepared
    from ``version`` of a row that someone has saved since (``row``: the row as read
    now). Without ``version`` the changes apply to the row as it is."""
    if version is not None and row.get("row_version") != version:
        raise Stale(e, row_id, row)


def update_from(w: Writer, e: Entity, row_id: int, clean: Mapping[str, Any],
                version: int | None) -> bool:
    """Write changes to a row, from ``version`` when given: a save by someone else
    between the read and this write is refused with `Stale` as well (nothing of the
    transaction is written)."""
    try:
        return w.update(e.name, row_id, clean, expected=version)
    except VersionConflict as exc:
        if exc.current is None:
            raise NotFound(e, row_id) from None
        raise Stale(e, row_id, exc.current) from None


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

SEARCH_COUNT_CAP = 10_000  # a search counts its matches up to this many, then says "more"
BROAD_SEARCH = 2_000  # beyond this many matches a page is read in list order (SQLite)
_COMPUTE_BATCH = 5000
_FETCH = 128  # rows a SQLite cursor fetches at a time


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int  # rows that match (at least this many when not `exact`)
    offset: int
    limit: int
    exact: bool = True  # False when a search had more than SEARCH_COUNT_CAP matches


@dataclass
class Query:
    """Filters of a list.

    equals: a stored field's value (a list or tuple: one of them; None: empty);
    search: words found in text, choice labels and referenced names (services.search);
    date_field / date_from / date_to: a range of a date field, both ends included;
    filters: names of the named filters of the entity (see `filters`), all must hold;
    ids: only these rows (a dashboard figure opens exactly the rows it counted).
    """

    equals: dict[str, Any] = field(default_factory=dict)
    search: str = ""
    date_field: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    filters: tuple[str, ...] = ()
    ids: tuple[int, ...] | None = None

    def key(self) -> tuple:
        return (tuple(sorted((k, repr(v)) for k, v in self.equals.items())), self.search,
                self.date_field, self.date_from, self.date_to, tuple(sorted(self.filters)),
                self.ids)


# --- named filters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """A filter a list offers by name ("open", "overdue"): in SQL where it can be (`sql`),
    else on the computed row (`row`)."""

    name: str
    label: Text
    sql: Callable[[sa.Table, Context], sa.ColumnElement] | None = None
    row: Callable[[dict[str, Any]], bool] | None = None
    fields: tuple[str, ...] = ("deadline_status",)  # computed fields `row` reads


_FILTERS: dict[str, dict[str, Filter]] = {}


def register_filter(entity_name: str, f: Filter) -> Filter:
    entity(entity_name)
    _FILTERS.setdefault(entity_name, {})[f.name] = f
    return f


def filters(entity_name: str) -> list[Filter]:
    """The named filters of an entity, in the order they were declared."""
    return list(_FILTERS.get(entity(entity_name).name, {}).values())


def _filter(e: Entity, name: str) -> Filter:
    try:
        return _FILTERS[e.name][name]
    except KeyError:
        raise ValueError(f"{e.name} has no filter {name!r}") from None


# --- building the query -----------------------------------------------------------------


def _select(conn: Connection, ctx: Context | None, e: Entity, q: Query | None,
            columns: Sequence[sa.ColumnElement] | None = None, *,
            broad: bool = False) -> sa.Select:
    from privacydesk.services import search

    t = TABLES[e.name]
    stmt = sa.select(*(columns or [t]))
    if q is None:
        return stmt
    for name, value in q.equals.items():
        f = e.field(name) if name != "id" else None
        if f is not None and f.computed:
            raise ValueError(f"{name} is computed; filter on stored fields")
        col = t.c[name]
        if value is None:
            stmt = stmt.where(col.is_(None))
        elif isinstance(value, list | tuple | set | frozenset):
            stmt = stmt.where(col.in_(list(value)))
        else:
            stmt = stmt.where(col == value)
    if q.ids is not None:
        stmt = stmt.where(t.c.id.in_(list(q.ids)))
    if q.search:
        cond = search.clause(conn, e, q.search, unindexed=broad)
        if cond is not None:
            stmt = stmt.where(cond)
    if q.date_field:
        col = t.c[q.date_field]
        instants = e.field(q.date_field).type is FieldType.DATETIME
        if q.date_from:
            stmt = stmt.where(col >= (_jst_midnight(q.date_from) if instants else q.date_from))
        if q.date_to:
            stmt = stmt.where(col < _jst_midnight(q.date_to + timedelta(days=1)) if instants
                              else col <= q.date_to)
    for name in q.filters:
        flt = _filter(e, name)
        if flt.sql is not None:
            if ctx is None:
                raise AssertionError("a named filter needs the context")
            stmt = stmt.where(flt.sql(t, ctx))
    return stmt


def _jst_midnight(day: date) -> datetime:
    """The instant a JST calendar day starts (date ranges over instants are JST days)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=JST).astimezone(UTC)


def _row_filters(e: Entity, q: Query | None) -> list[Filter]:
    if q is None:
        return []
    return [f for f in (_filter(e, n) for n in q.filters) if f.row is not None]


def _sort_field(e: Entity, sort: str | None) -> tuple[str, bool]:
    key = sort or e.order_by
    name = key.lstrip("-")
    if name != "id" and not e.has(name):
        raise ValueError(f"cannot sort {e.name} by {name!r}: it has no such field")
    if name != "id" and e.field(name).type in (FieldType.MULTICHOICE, FieldType.MULTIREF):
        raise ValueError(f"cannot sort {e.name} by {name!r}: a list")
    return name, key.startswith("-")


def sortable(entity_name: str, name: str) -> bool:
    """Whether a list of `entity_name` can be sorted by the field `name`."""
    e = entity(entity_name)
    if name == "id":
        return True
    return e.has(name) and e.field(name).type not in (FieldType.MULTICHOICE, FieldType.MULTIREF)


def _order(e: Entity, sort: str | None):
    t = TABLES[e.name]
    name, desc = _sort_field(e, sort)
    col = t.c[name]
    primary = col.desc() if desc else col.asc()
    return [primary, t.c.id.desc() if desc else t.c.id.asc()]


def _finish(ctx: Context, e: Entity, rows: list[dict[str, Any]],
            needed: set[str] | None = None) -> list[dict[str, Any]]:
    """Fill the computed fields of `rows` (only those `needed`, when given)."""
    for f in e.computed:
        for r in rows:
            r.setdefault(f.name, None)
    for c in _computations(e, needed):
        c.fn(ctx, rows)
    return rows


# --- computed order ---------------------------------------------------------------------
#
# A list sorted by a computed field (a due date, the deadline status) or filtered on one
# ("overdue only") cannot be ordered in SQL: every matching row is computed once, the
# ids are sorted in Python and kept, and each page then reads its rows by id. The kept
# order is valid for one state of the database (the audit head's sequence number moves
# with every write, by anyone) and one day.

_ORDER_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple, list[int]]] = \
    weakref.WeakKeyDictionary()  # per engine: a closed database takes its orders along
_ORDER_CACHE_SIZE = 16


def _data_version(conn: Connection) -> int:
    return conn.execute(sa.select(audit_head.c.seq)).scalar() or 0


def _sort_key(e: Entity, f: Field | None, name: str) -> Callable[[dict[str, Any]], tuple]:
    """A function giving each row a key that sorts the field's values, empty ones last;
    a computed status sorts by its rank (overdue first), then by the nearest of the
    row's computed due dates."""
    if f is not None and f.type is FieldType.CHOICE and f.computed:
        dues = tuple(c.name for c in e.computed if c.type in (FieldType.DATE,
                                                              FieldType.DATETIME))

        def status(row: dict[str, Any]) -> tuple:
            value = row.get(name)
            if value is None:
                return (True, 0, True, 0)
            found = [row[d] for d in dues if row.get(d) is not None]
            due = min(map(_as_seconds, found)) if found else None
            return (False, STATUS_RANK.get(value, NO_STATUS_RANK), due is None, due or 0)

        return status
    if f is not None and f.type is FieldType.DATE:
        def day(row: dict[str, Any]) -> tuple:
            value = row.get(name)
            return (True, 0) if value is None else (False, value.toordinal())
        return day

    def other(row: dict[str, Any]) -> tuple:
        value = row.get(name)
        if value is None:
            return (True, 0)
        if isinstance(value, datetime):
            return (False, value.timestamp())
        return (False, value)

    return other


_EPOCH_DAY = date(1970, 1, 1).toordinal()
_NO_DATE = date.min


def _as_seconds(v: date | datetime) -> float:
    """Dates and instants on one scale (a date counts from its midnight, UTC)."""
    if isinstance(v, datetime):
        return v.timestamp()
    return (v.toordinal() - _EPOCH_DAY) * 86400


def _computed_order(conn: Connection, ctx: Context, e: Entity, q: Query | None,
                    sort: str | None) -> list[int]:
    name, desc = _sort_field(e, sort)
    row_filters = _row_filters(e, q)
    stmt = _select(conn, ctx, e, q)
    compiled = stmt.compile(conn)
    key = (e.name, str(compiled), repr(sorted(compiled.params.items())),
           name, desc, tuple(f.name for f in row_filters), ctx.today, _data_version(conn))
    kept = _ORDER_CACHE.setdefault(conn.engine, {})
    cached = kept.get(key)
    if cached is not None:
        return cached
    f = e.field(name) if name != "id" else None
    needed = {n for flt in row_filters for n in flt.fields}
    if f is not None and f.computed:
        needed.add(name)
    chosen = _computations(e, needed)
    inputs: frozenset[str] | None = frozenset()
    for c in chosen:
        inputs = None if inputs is None or c.inputs is None else inputs | c.inputs
    ids = _row_order(conn, ctx, e, stmt, inputs, f, name, desc, row_filters, needed)
    if len(kept) >= _ORDER_CACHE_SIZE:
        kept.pop(next(iter(kept)))
    kept[key] = ids
    return ids


def _wanted(e: Entity, inputs: frozenset[str], f: Field | None, name: str) -> set[str]:
    return {"id", *inputs} | ({name} if f is not None and not f.computed else set())


def _row_order(conn, ctx, e, stmt, inputs, f, name, desc, row_filters, needed
               ) -> list[int]:
    """Compute every matching row (or its inputs), then sort the ids."""
    keyed: list[tuple[Any, ...]] = []
    key_of = _sort_key(e, f, name)
    plain_date = f is not None and f.type is FieldType.DATE
    if inputs is not None:  # read only what the computations and the sort need
        t = TABLES[e.name]
        wanted = _wanted(e, inputs, f, name)
        stmt = stmt.with_only_columns(*(col for col in t.c if col.key in wanted))
    for rows in _input_batches(conn, e, stmt):
        rows = _finish(ctx, e, rows, needed)
        for flt in row_filters:
            rows = [r for r in rows if flt.row(r)]  # type: ignore[misc]
        if plain_date:  # the common case (a due date), keyed without a call per row
            keyed.extend(((v := r.get(name)) is None, v or _NO_DATE, r["id"]) for r in rows)
        else:
            keyed.extend((*key_of(r), r["id"]) for r in rows)
    if desc:
        # empty values stay last in both directions
        filled = [k for k in keyed if not k[0]]
        empty = [k for k in keyed if k[0]]
        filled.sort(reverse=True)
        empty.sort(key=lambda k: k[-1], reverse=True)
        keyed = filled + empty
    else:
        keyed.sort()
    return [k[-1] for k in keyed]


def _input_batches(conn: Connection, e: Entity, stmt: sa.Select, size: int = _COMPUTE_BATCH
                   ) -> Iterator[list[dict[str, Any]]]:
    """The rows of `stmt` as dicts, in batches, from one cursor.

    On SQLite the rows come straight from the driver and only the columns that need it
    are converted, by their field's type (the generic result processing costs more than
    the reading). Elsewhere through a server-side cursor (`yield_per`).
    """
    if conn.dialect.name != "sqlite":
        result = conn.execution_options(yield_per=size).execute(stmt)
        keys = list(result.keys())
        for batch in result.partitions(size):
            yield [dict(zip(keys, r, strict=True)) for r in batch]
        return
    compiled = stmt.compile(conn, compile_kwargs={"render_postcompile": True})
    keys = [c.key for c in stmt.selected_columns]
    params = tuple(compiled.params[p] for p in compiled.positiontup or ())
    make = _row_maker(e.name, tuple(keys))
    sql = str(compiled)
    cursor = conn.exec_driver_sql(sql, params).cursor
    driver_error = conn.dialect.loaded_dbapi.Error
    while True:
        batch: list[dict[str, Any]] = []
        while len(batch) < size:  # small fetches: the rows stay in the processor's cache
            try:
                part = cursor.fetchmany(min(size - len(batch), _FETCH))
            except driver_error as exc:  # e.g. a damaged page: as SQLAlchemy reports it
                raise sa.exc.DBAPIError.instance(sql, params, exc, driver_error) from exc
            if not part:
                break
            batch.extend(map(make, part))
        if not batch:
            return
        yield batch


@functools.lru_cache(maxsize=256)
def _row_maker(entity_name: str, keys: tuple[str, ...]) -> Callable[[tuple], dict[str, Any]]:
    """A function from a stored row (a tuple of the driver's values for `keys`) to the
    row as a dict of Python values, each column converted by its field's type.

    Written out as one dict display per column set (like collections.namedtuple): a
    generic loop over the columns costs more than reading the row.
    """
    e = entity(entity_name)
    names = [f"v{i}" for i in range(len(keys))]
    cells = []
    for key, name in zip(keys, names, strict=True):
        kind = "stamp" if key in ("created_at", "updated_at") else _raw_kind(e, key)
        value = name if kind is None else \
            f"None if {name} is None else {_RAW_CONVERTERS[kind].format(name)}"
        cells.append(f"{key!r}: {value}")
    source = (f"def make(row):\n    {', '.join(names)}, = row\n"
              f"    return {{{', '.join(cells)}}}\n")
    scope: dict[str, Any] = {"_datetime": datetime.fromisoformat, "_date": date.fromisoformat,
                             "_json": json.loads, "_stamp": _stamp}
    exec(source, scope)  # the source holds quoted column names and the converters only
    return scope["make"]


def _raw_kind(e: Entity, key: str) -> str | None:
    if key in ("created_at", "updated_at"):
        return "datetime"
    if key == "id" or not e.has(key):
        return None
    match e.field(key).type:
        case FieldType.DATE:
            return "date"
        case FieldType.DATETIME:
            return "datetime"
        case FieldType.BOOL:
            return "bool"
        case FieldType.MULTICHOICE | FieldType.MULTIREF:
            return "json"
    return None


# kind -> how a stored value `{}` (not None) is read: instants are stored as
# "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, dates as "YYYY-MM-DD", lists as JSON
_RAW_CONVERTERS: dict[str, str] = {
    "date": "_date({})", "datetime": "_datetime({} + '+00:00')", "bool": "bool({})",
    "json": "_json({})", "stamp": "_stamp({})"}

_STAMPS: dict[str, datetime] = {}


def _stamp(text: str) -> datetime:
    """A row's created_at or updated_at: the rows one import or one save wrote share it,
    so the last few thousand are kept once read."""
    value = _STAMPS.get(text)
    if value is None:
        if len(_STAMPS) >= 4096:
            _STAMPS.clear()
        value = _STAMPS[text] = datetime.fromisoformat(text + "+00:00")
    return value


def _needs_compute(e: Entity, q: Query | None, sort: str | None) -> bool:
    name, _ = _sort_field(e, sort)
    return bool(_row_filters(e, q)) or (name != "id" and e.field(name).computed)


# --- reading ----------------------------------------------------------------------------


def get(db: Database, entity_name: str, row_id: int, *, today: date | None = None) -> dict:
    e = entity(entity_name)
    t = TABLES[e.name]
    with db.read() as conn:
        row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        if row is None:
            raise NotFound(e, row_id)
        return _finish(context(db, conn, today), e, [dict(row)])[0]


def get_many(db: Database, entity_name: str, ids: Sequence[int], *,
             today: date | None = None) -> list[dict[str, Any]]:
    """The rows with these ids that exist, computed, in the order of `ids`."""
    e = entity(entity_name)
    with db.read() as conn:
        return _by_ids(conn, context(db, conn, today), e, ids)


def _by_ids(conn: Connection, ctx: Context, e: Entity, ids: Sequence[int]
            ) -> list[dict[str, Any]]:
    t = TABLES[e.name]
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 900):
        part = list(ids[start:start + 900])
        for r in conn.execute(sa.select(t).where(t.c.id.in_(part))).mappings():
            found[r["id"]] = dict(r)
    rows = [found[i] for i in ids if i in found]
    return _finish(ctx, e, rows)


def page(db: Database, entity_name: str, *, offset: int = 0, limit: int = 200,
         sort: str | None = None, query: Query | None = None,
         today: date | None = None) -> Page:
    """One page of a list, filtered and sorted, with the number of rows that match.

    Sorted and filtered in SQL where the fields are stored; by computed fields through
    a kept order (see `_computed_order`). A search counts at most SEARCH_COUNT_CAP
    matches (`Page.exact` is then False).
    """
    from privacydesk.services import search

    e = entity(entity_name)
    with db.read() as conn:
        ctx = context(db, conn, today)
        if _needs_compute(e, query, sort):
            ids = _computed_order(conn, ctx, e, query, sort)
            rows = _by_ids(conn, ctx, e, ids[offset:offset + limit])
            return Page(rows, len(ids), offset, limit)
        stmt = _select(conn, ctx, e, query)
        counted = None
        if query is not None and query.search and e.search_index \
                and conn.dialect.name == "sqlite":
            # a large table: count first, capped; a search that matches many rows reads
            # the page in list order instead of sorting them all. One term found more
            # often than the cap by the index alone needs no other count.
            cap = max(SEARCH_COUNT_CAP, offset + limit)
            words = search.terms(query.search)
            found = search.index_matches(conn, e, words[0], cap) if len(words) == 1 \
                else None
            counted = found if found is not None and found > cap \
                else _count(conn, stmt, cap=cap)
            # walking the list's order reads about limit * rows / matches rows; sorting
            # the matches reads each once: walk only when that is fewer
            if counted > cap or (counted > BROAD_SEARCH and counted * counted
                                 > limit * max(_table_rows(conn, e), 1)):
                stmt = _select(conn, ctx, e, query, broad=True)
        rows = [dict(r) for r in conn.execute(
            stmt.order_by(*_order(e, sort)).offset(offset).limit(limit)).mappings()]
        exact = True
        if counted is not None:
            cap = max(SEARCH_COUNT_CAP, offset + limit)
            total, exact = min(counted, cap), counted <= cap
        elif len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)  # the last page: no second pass over the matches
        elif query is not None and query.search:
            total = _count(conn, stmt, cap=max(SEARCH_COUNT_CAP, offset + limit))
            exact = total <= max(SEARCH_COUNT_CAP, offset + limit)
            total = min(total, max(SEARCH_COUNT_CAP, offset + limit))
        else:
            total = _count(conn, stmt)
        return Page(_finish(ctx, e, rows), total, offset, limit, exact)


def _table_rows(conn: Connection, e: Entity) -> int:
    """How many rows a table holds (the highest id: a cheap estimate, exact enough for
    choosing a query plan)."""
    t = TABLES[e.name]
    return conn.execute(sa.select(sa.func.max(t.c.id))).scalar() or 0


def _count(conn: Connection, stmt: sa.Select, cap: int | None = None) -> int:
    """Rows of `stmt`; with a cap, counts at most cap + 1 (more than cap: cap + 1)."""
    t = stmt.get_final_froms()[0]
    inner = stmt.with_only_columns(t.c.id) if hasattr(t, "c") and "id" in t.c else stmt
    if cap is not None:
        inner = inner.limit(cap + 1)
    return conn.execute(sa.select(sa.func.count()).select_from(inner.subquery())).scalar()


def count(db: Database, entity_name: str, query: Query | None = None, *,
          today: date | None = None) -> int:
    e = entity(entity_name)
    with db.read() as conn:
        ctx = context(db, conn, today) if query is not None else None
        if query is not None and _row_filters(e, query):
            return len(_computed_order(conn, ctx, e, query, None))  # type: ignore[arg-type]
        return _count(conn, _select(conn, ctx, e, query))


def position(db: Database, entity_name: str, row_id: int, *, sort: str | None = None,
             query: Query | None = None, today: date | None = None) -> int | None:
    """Where a row stands in a list (0-based), or None when the list does not hold it;
    lets the window select a record that a dashboard line or a new save names."""
    e = entity(entity_name)
    t = TABLES[e.name]
    with db.read() as conn:
        ctx = context(db, conn, today)
        if _needs_compute(e, query, sort):
            ids = _computed_order(conn, ctx, e, query, sort)
            try:
                return ids.index(row_id)
            except ValueError:
                return None
        stmt = _select(conn, ctx, e, query)
        if conn.execute(stmt.with_only_columns(t.c.id).where(t.c.id == row_id)).first() is None:
            return None
        name, desc = _sort_field(e, sort)
        me = conn.execute(sa.select(t.c[name]).where(t.c.id == row_id)).scalar()
        col = t.c[name]
        before_id = t.c.id > row_id if desc else t.c.id < row_id
        if me is None:
            # NULLs sort first ascending and last descending (SQLite and the ORDER BY above
            # agree for SQLite; PostgreSQL's default is the reverse)
            nulls_first = conn.dialect.name == "sqlite"
            ahead = (col.is_not(None) if nulls_first == desc else sa.false())
            cond = sa.or_(ahead, sa.and_(col.is_(None), before_id))
        else:
            ahead = col > me if desc else col < me
            null_ahead = ((col.is_(None)) if (conn.dialect.name == "sqlite") != desc
                          else sa.false())
            cond = sa.or_(ahead, null_ahead, sa.and_(col == me, before_id))
        return _count(conn, stmt.where(cond))


def iterate(db: Database, entity_name: str, *, batch: int = 2000, today: date | None = None,
            query: Query | None = None, sort: str | None = None
            ) -> Iterator[dict[str, Any]]:
    """Every row with computed fields, streamed from one cursor and computed in batches:
    in id order, or in the order of a list (`sort`, e.g. to export what a list shows)."""
    e = entity(entity_name)
    t = TABLES[e.name]
    with db.read() as conn:
        ctx = context(db, conn, today)
        if sort is not None or _row_filters(e, query):
            if _needs_compute(e, query, sort):
                ids = _computed_order(conn, ctx, e, query, sort)
                for start in range(0, len(ids), batch):
                    yield from _by_ids(conn, ctx, e, ids[start:start + batch])
                return
            stmt = _select(conn, ctx, e, query).order_by(*_order(e, sort))
            result = conn.execution_options(yield_per=batch).execute(stmt).mappings()
            for part in result.partitions(batch):
                yield from _finish(ctx, e, [dict(r) for r in part])
            return
        stmt = _select(conn, ctx, e, query).order_by(t.c.id)
        for rows in _input_batches(conn, e, stmt, batch):
            yield from _finish(ctx, e, rows)
