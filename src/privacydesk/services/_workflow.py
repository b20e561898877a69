"""Shared pieces of the workflow use cases: refusals every area words the same way, and
the version check of a step prepared from a row as it was shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from privacydesk.domain.fields import Entity, Text
from privacydesk.services.records import REQUIRED, FieldError, NotFound, Stale, ValidationError
from privacydesk.store.audit import VersionConflict, Writer

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


def not_stale(e: Entity, row_id: int, row: Mapping[str, Any], version: int | None) -> None:
    """Refuse with `Stale`, before anything is checked or written, a step prepared from
    ``version`` of a row that someone has saved since (``row``: the row as read now).
    Without ``version`` the step applies to the row as it is."""
    if version is not None and row.get("row_version") != version:
        raise Stale(e, row_id, row)


def update_from(w: Writer, e: Entity, row_id: int, clean: Mapping[str, Any],
           version: int | None) -> bool:
    """Write a step's changes to its row, from ``version`` when given: a save by someone
    else between the read and this write is refused with `Stale` as well (nothing of
    the step's transaction is written)."""
    try:
        return w.update(e.name, row_id, clean, expected=version)
    except VersionConflict as exc:
        if exc.current is None:
            raise NotFound(e, row_id) from None
        raise Stale(e, row_id, exc.current) from None
