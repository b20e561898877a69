"""Typed settings: defaults from domain.settings, overrides in the settings table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.domain.settings import BY_KEY, SETTINGS, Setting
from privacydesk.services import records
from privacydesk.services.records import FieldError, ValidationError, not_stale, update_from
from privacydesk.store import settings as stored_settings
from privacydesk.store.audit import writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES


def parse(s: Setting, raw: Any) -> Any:
    """A setting's value from text or a typed value; ValidationError names the key."""
    try:
        if s.type is bool:
            if isinstance(raw, bool):
                value: Any = raw
            elif str(raw).strip().lower() in ("1", "true", "yes", "on"):
                value = True
            elif str(raw).strip().lower() in ("0", "false", "no", "off"):
                value = False
            else:
                raise ValueError(Text("must be true or false", "はい・いいえで指定してください"))
        elif s.type is int:
            if isinstance(raw, bool):
                raise ValueError(Text("must be a whole number", "整数で入力してください"))
            value = int(str(raw).strip())
            if s.min_value is not None and value < s.min_value:
                raise ValueError(Text("must be at least {n}", "{n}以上にしてください"
                                      ).format(n=s.min_value))
            if s.max_value is not None and value > s.max_value:
                raise ValueError(Text("must be at most {n}", "{n}以下にしてください"
                                      ).format(n=s.max_value))
        else:
            value = "" if raw is None else str(raw).strip()
            if s.choices and value not in s.choices:
                raise ValueError(Text("must be one of: {choices}",
                                      "次のいずれかを指定してください：{choices}").format(
                    choices=", ".join(s.choices)))
    except ValueError as exc:
        msg = exc.args[0] if exc.args else ""
        if not isinstance(msg, Text):  # int() on text that is not a number
            msg = Text("must be a whole number, not {raw!r}",
                       "整数で入力してください（{raw!r} は整数ではありません）").format(raw=raw)
        raise ValidationError("setting", [FieldError(s.key, msg)]) from None
    return value


def all_values(db: Database, conn: Connection | None = None) -> dict[str, Any]:
    """Every setting, typed, with defaults for those never set."""
    if conn is not None:
        stored = stored_settings.read_all(conn)
    else:
        with db.read() as c:
            stored = stored_settings.read_all(c)
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw = stored.get(s.key)
        try:
            values[s.key] = s.default if raw is None else parse(s, raw)
        except ValidationError:
            values[s.key] = s.default  # a hand-edited bad value falls back to the default
    return values


def get(db: Database, key: str) -> Any:
    if key not in BY_KEY:
        raise KeyError(f"unknown setting {key!r}")
    return all_values(db)[key]


def stored_versions(db: Database, conn: Connection | None = None) -> dict[str, int]:
    """The version of each stored setting (a key never set has none): what a dialog
    showing :func:`all_values` passes to :func:`put_many` as it was opened."""
    t = TABLES["setting"]
    if conn is None:
        with db.read() as c:
            return stored_versions(db, c)
    return {k: v for k, v in conn.execute(sa.select(t.c.key, t.c.row_version))}


def put(db: Database, key: str, value: Any) -> None:
    """Change one setting (audited like every other write)."""
    put_many(db, {key: value})


def put_many(db: Database, values: Mapping[str, Any], *,
             versions: Mapping[str, int] | None = None) -> dict[str, int]:
    """Change several settings in one audited transaction: all of them or, when one
    value is refused (a ValidationError naming each refused key), none.

    ``versions`` (:func:`stored_versions`), the settings as a dialog showed them: a
    setting of ``values`` that someone saved since (or set for the first time, when it
    has no version there) is refused with `records.Stale` and nothing is written.
    Without it the values apply to the settings as they are. Returns the version of
    each setting written, to prepare the next change from."""
    errors: list[FieldError] = []
    texts: dict[str, str] = {}
    typed: dict[str, Any] = {}
    for key, value in values.items():
        if key not in BY_KEY:
            errors.append(FieldError(key, Text("is not a known setting",
                                               "この設定項目はありません")))
            continue
        s = BY_KEY[key]
        try:
            typed[key] = parse(s, value)
        except ValidationError as exc:
            errors.extend(exc.errors)
            continue
        texts[key] = str(typed[key]).lower() if s.type is bool else str(typed[key])
    if errors:
        raise ValidationError("setting", errors)
    t = TABLES["setting"]
    e = entity("setting")
    with writing(db) as w:
        for key, text in texts.items():
            row = w.conn.execute(sa.select(t).where(t.c.key == key)).mappings().first()
            # 0: not stored when shown (a stored row is at version 1 or more)
            expected = None if versions is None else versions.get(key, 0)
            if row is None:
                w.insert("setting", {"key": key, "value": text})
                continue
            not_stale(e, row["id"], row, expected)
            update_from(w, e, row["id"], {"value": text}, expected)
        written = {k: v for k, v in w.conn.execute(
            sa.select(t.c.key, t.c.row_version).where(t.c.key.in_(list(texts))))}
    if "officer_name" in typed:
        db.officer = typed["officer_name"]
    return written


@records.checks("setting")
def _known_setting_has_a_valid_value(ctx, row, old) -> list[FieldError]:
    """A row of the settings table, however written (form, import), must parse."""
    s = BY_KEY.get(row.get("key") or "")
    if s is None:
        return []
    try:
        parse(s, row.get("value"))
    except ValidationError as exc:
        return [FieldError("value", Text("{key} ", "{key}：").format(key=s.key)
                           + exc.errors[0].message)]
    return []
