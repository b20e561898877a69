"""Typed settings: defaults from domain.settings, overrides in the settings table."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.fields import Text
from privacydesk.domain.settings import BY_KEY, SETTINGS, Setting
from privacydesk.services import records
from privacydesk.services.records import FieldError, ValidationError
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
                raise ValueError(Text("must be true or false",
                                      "true（はい）か false（いいえ）で指定してください"))
        elif s.type is int:
            if isinstance(raw, bool):
                raise ValueError(Text("must be a whole number", "整数で入力してください"))
            value = int(str(raw).strip())
            if s.min_value is not None and value < s.min_value:
                raise ValueError(Text("must be at least {n}", "{n}以上にしてください").format(
                    n=s.min_value))
            if s.max_value is not None and value > s.max_value:
                raise ValueError(Text("must be at most {n}", "{n}以下にしてください").format(
                    n=s.max_value))
        else:
            value = "" if raw is None else str(raw).strip()
            if s.choices and value not in s.choices:
                raise ValueError(Text("must be one of: {values}",
                                      "次のいずれかにしてください：{values}").format(
                    values=", ".join(s.choices)))
    except ValueError as exc:
        msg = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
        if msg.startswith("invalid literal"):
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


def put(db: Database, key: str, value: Any) -> None:
    """Change one setting (audited like every other write)."""
    if key not in BY_KEY:
        raise ValidationError("setting", [FieldError(key, Text("is not a known setting",
                                                                 "既知の設定ではありません"))])
    s = BY_KEY[key]
    typed = parse(s, value)
    text = str(typed).lower() if s.type is bool else str(typed)
    t = TABLES["setting"]
    with writing(db) as w:
        row_id = w.conn.execute(sa.select(t.c.id).where(t.c.key == key)).scalar()
        if row_id is None:
            w.insert("setting", {"key": key, "value": text})
        else:
            w.update("setting", row_id, {"value": text})
    if key == "officer_name":
        db.officer = typed


@records.checks("setting")
def _known_setting_has_a_valid_value(ctx, row, old) -> list[FieldError]:
    """A row of the settings table, however written (form, import), must parse."""
    s = BY_KEY.get(row.get("key") or "")
    if s is None:
        return []
    try:
        parse(s, row.get("value"))
    except ValidationError as exc:
        return [FieldError("value", Text(s.key + " ", s.key + " ") + exc.errors[0].message)]
    return []
