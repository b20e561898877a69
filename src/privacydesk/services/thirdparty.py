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
``transfer_check_months``, 12); other bases have no periodic check.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.services import records
from privacydesk.services._clock import created_on, latest, set_due, setting
from privacydesk.services.records import Context
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


@records.computes("provision_record")
def compute_provision_record(ctx: Context, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        basis = row.get("basis")
        required = rules.provision_record_required(basis) if basis in rules.PROVISION_BASES \
            else None
        row["record_required"] = required
        anchor = retention_anchor(row.get("method"), row.get("provided_on"),
                                  row.get("last_provided_on"), row.get("period_end"))
        _retention(ctx, row, anchor if required else None, row.get("method"))


@records.computes("receipt_record")
def compute_receipt_record(ctx: Context, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        anchor = retention_anchor(row.get("method"), row.get("received_on"),
                                  row.get("last_received_on"), row.get("period_end"))
        _retention(ctx, row, anchor, row.get("method"))


def entrustee_cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("audit_cycle_months") or setting(ctx, "entrustee_audit_months")


def transfer_cycle(ctx: Context, row: dict[str, Any]) -> int:
    return row.get("check_cycle_months") or setting(ctx, "transfer_check_months")


@records.computes("entrustee")
def compute_entrustee(ctx: Context, rows: list[dict[str, Any]]) -> None:
    last = latest(ctx.conn, TABLES["entrustee_check"], "entrustee", "checked_on",
                  [r["id"] for r in rows])
    for row in rows:
        row["last_checked_on"] = last.get(row["id"])
        anchor = row["last_checked_on"] or row.get("selected_on") or created_on(row)
        set_due(ctx, row, "next_due", rules.next_due(anchor, entrustee_cycle(ctx, row))
                if anchor is not None else None)


@records.computes("foreign_transfer")
def compute_foreign_transfer(ctx: Context, rows: list[dict[str, Any]]) -> None:
    last = latest(ctx.conn, TABLES["transfer_check"], "transfer", "checked_on",
                  [r["id"] for r in rows])
    for row in rows:
        row["last_checked_on"] = last.get(row["id"])
        anchor = row["last_checked_on"] or created_on(row)
        set_due(ctx, row, "next_due", rules.next_due(anchor, transfer_cycle(ctx, row))
                if anchor is not None and row.get("basis") == "equivalent_measures" else None)
