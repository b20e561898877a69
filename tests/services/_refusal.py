"""Assertions shared by the workflow tests: a refusal names the field, in both languages,
and writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from privacydesk.domain.fields import Text
from privacydesk.services.records import ValidationError
from privacydesk.store.database import Database
from privacydesk.store.models import audit_log

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def audit_entries(db: Database) -> int:
    with db.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar()


def refused(db: Database, call: Callable[[], Any], field: str, en: str,
            entity: str | None = None) -> ValidationError:
    """``call()`` raises a ValidationError with the English message ``en`` on ``field``;
    every message of it has a Japanese text of its own; nothing was written."""
    before = audit_entries(db)
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    for e in error.errors:
        assert isinstance(e.message, Text), e
        assert e.message.ja != str(e.message) and _JAPANESE.search(e.message.ja), e
    assert en in error.for_field(field), error.errors
    if entity is not None:
        assert error.entity == entity
    assert audit_entries(db) == before
    return error


def japanese(error: ValidationError, field: str) -> str:
    """The Japanese text of the (first) message on ``field``."""
    return next(e.message.ja for e in error.errors if e.field == field)
