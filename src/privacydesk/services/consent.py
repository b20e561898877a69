"""Consent records: withdrawal, and the rules that keep a withdrawal consistent.

A consent is withdrawn at an instant (``withdrawn_at``, timezone-aware, never before the
consent was captured) through a channel; only a withdrawn consent carries either. The
rules hold however a row is written (form, import, the :func:`withdraw` use case).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import records
from privacydesk.services._workflow import refuse
from privacydesk.services.records import JST, Context, FieldError, not_stale, update_from
from privacydesk.store.audit import writing
from privacydesk.store.database import Database

WITHDRAWN = "withdrawn"


def _jst(at: datetime) -> str:
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")


@records.checks("consent")
def check_consent(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                  ) -> list[FieldError]:
    errors: list[FieldError] = []
    withdrawn = row.get("status") == WITHDRAWN
    at, captured = row.get("withdrawn_at"), row.get("captured_at")
    if withdrawn and at is None:
        errors.append(FieldError("withdrawn_at", Text(
            "is required for a withdrawn consent", "撤回された同意には撤回日時を入力してください")))
    if not withdrawn:
        for name in ("withdrawn_at", "withdrawal_channel"):
            if row.get(name) is not None:
                errors.append(FieldError(name, Text(
                    "applies only to a withdrawn consent",
                    "撤回された同意にのみ入力できます")))
    if at is not None and captured is not None and at < captured:
        errors.append(FieldError("withdrawn_at", Text(
            "cannot precede the time the consent was captured ({at})",
            "同意の取得日時（{at}）より前の日時は入力できません").format(
                at=_jst(captured))))
    return errors


def withdraw(db: Database, consent_id: int, *, at: datetime, channel: str,
             version: int | None = None) -> dict[str, Any]:
    """The person withdrew the consent at ``at`` (aware) through ``channel``.

    Refused for a consent already withdrawn or superseded (withdraw the consent that
    replaced it), a time before the consent was captured and a time without a zone;
    with ``version``, a consent saved by someone else since (`records.Stale`).
    Returns the updated row.
    """
    e = entity("consent")
    with writing(db) as w:
        old = w.get(e.name, consent_id)
        if old is None:
            raise records.NotFound(e, consent_id)
        not_stale(e, consent_id, old, version)
        if old["status"] == WITHDRAWN:
            refuse(e.name, [FieldError("status", Text(
                "the consent is already withdrawn (at {at})",
                "この同意は既に撤回されています（撤回日時：{at}）").format(
                    at=_jst(old["withdrawn_at"]) if old.get("withdrawn_at") else "-"))])
        if old["status"] == "superseded":
            refuse(e.name, [FieldError("status", Text(
                "a superseded consent cannot be withdrawn: withdraw the consent that "
                "replaced it",
                "更新済みの同意は撤回できません。更新後の同意を撤回してください"))])
        ctx = records.context(db, w.conn)
        clean, errors = records.validate(
            ctx, e, {"status": WITHDRAWN, "withdrawn_at": at, "withdrawal_channel": channel},
            old=old, row_id=consent_id)
        refuse(e.name, errors)
        update_from(w, e, consent_id, clean, version)
    return records.get(db, e.name, consent_id)
