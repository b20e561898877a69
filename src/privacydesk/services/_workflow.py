"""Shared pieces of the workflow use cases: refusals every area words the same way. (A
step's version check is `records.not_stale` and `records.update_from`, as for a form.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from privacydesk.domain.fields import Text
from privacydesk.services.records import REQUIRED, FieldError, ValidationError

FUTURE = Text("cannot be in the future (today is {today})",
              "未来の日付は入力できません（本日は{today}）")


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def required(row: Mapping[str, Any], *names: str) -> list[FieldError]:
    """"is required" for each of ``names`` that ``row`` leaves empty."""
    return [FieldError(n, REQUIRED) for n in names if empty(row.get(n))]


def not_future(today: date, row: Mapping[str, Any], names: Iterable[str]) -> list[FieldError]:
    """A fact is recorded once it happened: no date of ``names`` after ``today`` (JST)."""
    out = []
    for n in names:
        v = row.get(n)
        if isinstance(v, date) and not isinstance(v, datetime) and v > today:
            out.append(FieldError(n, FUTURE.format(today=today.isoformat())))
    return out


def refuse(entity_name: str, errors: list[FieldError]) -> None:
    """Raise the errors, if any, as one ValidationError (nothing is written)."""
    if errors:
        raise ValidationError(entity_name, errors)


def changed_dates(old: Mapping[str, Any], clean: Mapping[str, Any]) -> list[str]:
    """The date fields that ``clean`` changes with respect to ``old``."""
    return [n for n, v in clean.items()
            if isinstance(v, date) and not isinstance(v, datetime) and old.get(n) != v]
