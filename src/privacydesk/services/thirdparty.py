"""Third parties: record retention, entrustee audits and foreign-transfer checks.

Provision records (Art 29) and receipt records (Art 30) are kept (PPC Rules Art 21 for
the provider, Art 25 for the recipient):

- "each" (a record for each provision): 3 years from that provision — ``provided_on``
  (``received_on``);
- "bulk" (one record for continuous or repeated provisions) and "contract" (the
  contract or similar document substitutes the record; how records are made: PPC Rules
  Art 19 / Art 23): 3 years / 1 year from the *last* provision — the recorded last provision or
  the end of the period, whichever is later. Without either the provisions are
  ongoing and there is no retention end yet (never prompt deleting a live record).

Past the retention end the record may be deleted (and should be, once no longer
needed: Art 22): ``deadline_status`` "overdue". No record is required for a provision
under an Art 27(1) exception or Art 27(5) (entrustment, succession, joint use): then
neither retention end nor status.

Entrustees (Art 25; PPC General Guidelines 3-4-4): next audit = the last supervision
check (else the selection check, else the day the entrustee was entered) + the audit
cycle (setting ``entrustee_audit_months``, 12). Foreign transfers on the "equivalent
measures" basis (Art 28(3); PPC Rules Art 18(1)(i): at least once a year): next check
= the last check (else the day the transfer was entered) + the check cycle (setting
``transfer_check_months``, 12); other bases have no periodic check. A check that found
an obstacle to the recipient's measures records what was done about it (PPC Rules Art
18(1)(ii): the necessary measures, or stopping the provision).

Use cases: :func:`record_entrustee_check` and :func:`record_transfer_check` record a
check once made (never dated in the future).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import records
from privacydesk.services._clock import created_on, latest, set_due, setting
from privacydesk.services._workflow import empty, not_future, refuse
from privacydesk.services.records import Context, FieldError
from privacydesk.store.audit import writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

RETENTION_ARTICLE = {"provision_record": "PPC Rules Art 21", "receipt_record": "PPC Rules Art 25"}


def retention_anchor(method: str | None, single_on: date | None, last_on: date | None,
                     period_end: date | None) -> date | None:
    """The date a record's retention counts from (see the module docstring)."""
    if method == "each":
        return single_on
    if method in ("bulk", "contract"):
        dates = [d for d in (last_on, period_end) if d is not None]
        return max(dates) if dates else None
    return None


def _retention(ctx: Context, row: dict[str, Any], anchor: date | None, method: str | None
               ) -> None:
    until = (rules.provision_record_retain_until(anchor, method)
             if anchor is not None and method in ("each", "bulk", "contract") else None)
    set_due(ctx, row, "retain_until", until)


@records.computes("provision_record", inputs=(
    "basis", "method", "provided_on", "last_provided_on", "period_end"))
def compute_provision_record(ctx: Context, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        basis = row.get("basis")
        required = rules.provision_record_required(basis) if basis in rules.PROVISION_BASES \
            else None
        row["record_required"] = required
        anchor = retention_anchor(row.get("method"), row.get("provided_on"),
                                  row.get("last_provided_on"), row.get("period_end"))
        _retention(ctx, row, anchor if required else None, row.get("method"))


@records.computes("receipt_record", inputs=(
    "method", "received_on", "last_received_on", "period_end"))
def compute_receipt_record(ctx: Context, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        anchor = retention_anchor(row.get("method"), row.get("received_on"),
                                  row.get("last_received_on"), row.get("period_end"))
        _retention(ctx, row, anchor, row.get("method"))


def entrustee_cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("audit_cycle_months") or setting(ctx, "entrustee_audit_months")


def transfer_cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("check_cycle_months") or setting(ctx, "transfer_check_months")


@records.computes("entrustee", inputs=(
    "selected_on", "audit_cycle_months", "created_at"))
def compute_entrustee(ctx: Context, rows: list[dict[str, Any]]) -> None:
    last = latest(ctx.conn, TABLES["entrustee_check"], "entrustee", "checked_on",
                  [r["id"] for r in rows])
    for row in rows:
        row["last_checked_on"] = last.get(row["id"])
        anchor = row["last_checked_on"] or row.get("selected_on") or created_on(row)
        set_due(ctx, row, "next_due", rules.next_due(anchor, entrustee_cycle(ctx, row))
                if anchor is not None else None)


@records.computes("foreign_transfer", inputs=(
    "basis", "check_cycle_months", "created_at"))
def compute_foreign_transfer(ctx: Context, rows: list[dict[str, Any]]) -> None:
    last = latest(ctx.conn, TABLES["transfer_check"], "transfer", "checked_on",
                  [r["id"] for r in rows])
    for row in rows:
        row["last_checked_on"] = last.get(row["id"])
        anchor = row["last_checked_on"] or created_on(row)
        set_due(ctx, row, "next_due", rules.next_due(anchor, transfer_cycle(ctx, row))
                if anchor is not None and row.get("basis") == "equivalent_measures" else None)


# --- checks ------------------------------------------------------------------------------


@records.checks("transfer_check")
def check_transfer_check(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                         ) -> list[FieldError]:
    if row.get("obstacles") and empty(row.get("actions")):
        return [FieldError("actions", Text(
            "is required when the check found obstacles: the measures taken, or the stop of "
            "the provision (PPC Rules Art 18(1)(ii))",
            "相当措置の実施に支障がある場合は、講じた措置又は提供の停止を入力してください"
            "（規則18条1項2号）"))]
    return []


def _record_check(db: Database, parent: str, parent_id: int, entity_name: str,
                  values: dict[str, Any], today: date | None,
                  refusals: Callable[[dict[str, Any]], list[FieldError]] | None = None) -> int:
    with writing(db) as w:
        row = w.get(parent, parent_id)
        if row is None:
            raise records.NotFound(entity(parent), parent_id)
        ctx = records.context(db, w.conn, today)
        clean, errors = records.validate(ctx, entity(entity_name), values)
        own = (refusals(row) if refusals else []) \
            + not_future(ctx.today, clean, ["checked_on"])
        refuse(entity_name, own + errors)
        return w.insert(entity_name, clean)


def record_entrustee_check(db: Database, entrustee_id: int, *, checked_on: date, method: str,
                           findings: str = "", corrective_actions: str = "",
                           today: date | None = None) -> int:
    """Record a supervision check of an entrustee (APPI Art 25; PPC General Guidelines
    3-4-4); returns its id. A date after today (JST) is refused."""
    return _record_check(db, "entrustee", entrustee_id, "entrustee_check", {
        "entrustee": entrustee_id, "checked_on": checked_on, "method": method,
        "findings": findings, "corrective_actions": corrective_actions}, today)


def record_transfer_check(db: Database, transfer_id: int, *, checked_on: date,
                          findings: str = "", obstacles: bool = False, actions: str = "",
                          today: date | None = None) -> int:
    """Record the periodic check of a foreign recipient on the equivalent-measures basis
    (APPI Art 28(3); PPC Rules Art 18(1)); returns its id. Refused: another basis, a
    date after today (JST), obstacles without the actions taken."""
    def basis(transfer: dict[str, Any]) -> list[FieldError]:
        if transfer.get("basis") == "equivalent_measures":
            return []
        return [FieldError("transfer", Text(
            "is not on the equivalent-measures basis: periodic checks apply only to those "
            "transfers (APPI Art 28(3); PPC Rules Art 18(1)(i))",
            "相当措置（基準適合体制）に基づく提供ではないため、定期的な確認の対象ではありません"
            "（法28条3項、規則18条1項1号）"))]

    return _record_check(db, "foreign_transfer", transfer_id, "transfer_check", {
        "transfer": transfer_id, "checked_on": checked_on, "findings": findings,
        "obstacles": obstacles, "actions": actions}, today, basis)
