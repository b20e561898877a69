"""Incidents: the four PPC triggers, reportability and the report deadlines.

- Triggers (APPI Art 26(1), PPC Rules Art 7): (1) APPI-sensitive data — a data
  category whose "APPI sensitive type" is a sensitive category flagged APPI-sensitive;
  (2) risk of financial damage — a data category so flagged; (3) suspected wrongful
  purpose — cause unauthorised access, ransomware or insider theft; (4) more than
  1,000 people (maximum estimate). (1)–(3) may be overridden yes/no with a reason.
- Reportable unless protected by high-level encryption with the key not leaked.
- PPC preliminary report (PPC Rules Art 8(1)): target = day ``ppc_preliminary_days``
  counting the JST day the company knew as day 1; due soon from the 3rd day. A final
  report filed early also counts as the preliminary one (PPC General Guidelines
  3-5-3-3: the two may be combined).
- PPC final report (PPC Rules Art 8(2)): 30 days, 60 with trigger (3), rolled past
  weekends, national holidays and 29 Dec–3 Jan.
- GDPR Art 33(1): 72 hours from awareness (``gdpr_aware_at``, or ``known_at`` when the
  awareness time was not recorded), when ``gdpr_applies``.
- ``deadline_status`` is the worst of the open deadlines; "done" when every deadline
  that applied has been met; empty when none applies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.fields import Text
from privacydesk.domain.values import STATUS_RANK
from privacydesk.services import records
from privacydesk.services._clock import DONE, moment, rows_in, setting
from privacydesk.services.records import Context, FieldError
from privacydesk.store.models import TABLES

WRONGFUL_CAUSES = frozenset({"unauthorized_access", "ransomware", "insider"})
OVERRIDES = ("override_sensitive", "override_financial", "override_wrongful")


def _category_flags(ctx: Context, rows: list[dict[str, Any]]) -> dict[int, tuple[bool, bool]]:
    """{data category id: (APPI-sensitive, financial risk)} for the categories of ``rows``."""
    ids = {c for r in rows for c in (r.get("data_categories") or [])}
    if not ids:
        return {}
    cats = rows_in(ctx.conn, TABLES["data_category"], "id", ids,
                   "id", "appi_sensitive", "financial_risk")
    sens_ids = {c["appi_sensitive"] for c in cats if c["appi_sensitive"] is not None}
    sensitive = {s["id"]: bool(s["appi_sensitive"]) for s in rows_in(
        ctx.conn, TABLES["sensitive_category"], "id", sens_ids, "id", "appi_sensitive")}
    return {c["id"]: (sensitive.get(c["appi_sensitive"], False), bool(c["financial_risk"]))
            for c in cats}


def _override(value: Any, auto: bool) -> bool:
    if value == "yes":
        return True
    if value == "no":
        return False
    return auto


def filed_reports(ctx: Context, ids: list[int]) -> dict[int, set[str]]:
    """{incident id: kinds of the reports filed}."""
    out: dict[int, set[str]] = {}
    for r in rows_in(ctx.conn, TABLES["incident_report"], "incident", ids, "incident", "kind"):
        out.setdefault(r["incident"], set()).add(r["kind"])
    return out


def known_on(row: dict[str, Any]) -> date:
    """Day 1 of the PPC periods: the JST date of the moment the company knew."""
    return rules.jst_date(row["known_at"])


def gdpr_aware_at(row: dict[str, Any]) -> datetime | None:
    if not row.get("gdpr_applies"):
        return None
    return row.get("gdpr_aware_at") or row.get("known_at")


@records.computes("incident")
def compute_incident(ctx: Context, rows: list[dict[str, Any]]) -> None:
    compute_with_reports(
        ctx, rows, filed_reports(ctx, [r["id"] for r in rows if r.get("id") is not None]))


def compute_with_reports(ctx: Context, rows: list[dict[str, Any]],
                         filed: dict[int, set[str]]) -> None:
    """:func:`compute_incident` with the reports already read (``filed_reports``)."""
    flags = _category_flags(ctx, rows)
    for row in rows:
        cats = [flags.get(c, (False, False)) for c in (row.get("data_categories") or [])]
        sensitive = _override(row.get("override_sensitive"), any(s for s, _ in cats))
        financial = _override(row.get("override_financial"), any(f for _, f in cats))
        wrongful = _override(row.get("override_wrongful"), row.get("cause") in WRONGFUL_CAUSES)
        affected = row.get("affected_max") or 0
        row["trigger_sensitive"] = sensitive
        row["trigger_financial"] = financial
        row["trigger_wrongful"] = wrongful
        row["trigger_over_1000"] = affected > 1000
        reportable = rules.incident_reportable(
            sensitive=sensitive, financial_risk=financial, wrongful_purpose=wrongful,
            affected_max=max(affected, 0),
            high_level_encryption=bool(row.get("high_level_encryption")))
        row["reportable"] = reportable
        row["ppc_preliminary_due"] = row["ppc_final_due"] = row["gdpr_authority_due"] = None
        if reportable and row.get("known_at") is not None:
            day1 = known_on(row)
            row["ppc_preliminary_due"] = rules.ppc_preliminary_due(
                day1, days=setting(ctx, "ppc_preliminary_days"))
            row["ppc_final_due"] = rules.ppc_final_due(
                day1, wrongful_purpose=wrongful, days=setting(ctx, "ppc_final_days"),
                wrongful_days=setting(ctx, "ppc_final_wrongful_days"))
        aware = gdpr_aware_at(row)
        if aware is not None:
            row["gdpr_authority_due"] = rules.gdpr_authority_due(
                aware, hours=setting(ctx, "gdpr_authority_hours"))
        deadlines = open_deadlines(ctx, row, filed.get(row.get("id"), set()))
        applies = row["ppc_preliminary_due"] is not None or row["gdpr_authority_due"] is not None
        if deadlines:
            row["deadline_status"] = min((s for _, _, s in deadlines), key=STATUS_RANK.__getitem__)
        else:
            row["deadline_status"] = DONE if applies else None


def open_deadlines(ctx: Context, row: dict[str, Any], filed: set[str]
                   ) -> list[tuple[str, date | datetime, str]]:
    """(duty kind, due, status) of each report still owed; the row must be computed."""
    out: list[tuple[str, date | datetime, str]] = []
    soon = setting(ctx, "due_soon_days")
    prelim = row.get("ppc_preliminary_due")
    if prelim is not None and not filed & {"ppc_preliminary", "ppc_final"}:
        out.append(("ppc_preliminary", prelim, rules.deadline_status(
            prelim, ctx.today, soon_from=rules.ppc_preliminary_soon_from(known_on(row)))))
    final = row.get("ppc_final_due")
    if final is not None and "ppc_final" not in filed:
        out.append(("ppc_final", final, rules.deadline_status(final, ctx.today, soon_days=soon)))
    gdpr = row.get("gdpr_authority_due")
    if gdpr is not None and row.get("authority_notified_at") is None \
            and "gdpr_authority" not in filed:
        out.append(("gdpr_authority", gdpr,
                    rules.deadline_status(gdpr, moment(ctx), soon_days=soon)))
    return out


def notice_prompt(ctx: Context, row: dict[str, Any]) -> tuple[date, str] | None:
    """Notice to individuals still owed (APPI Art 26(2), PPC Rules Art 10), or None.

    The Act sets no day count ("promptly according to the situation"). The duty list
    prompts it against the PPC preliminary target, due soon from the same 3rd day, and
    never shows it overdue: (due, status). The row must be computed.
    """
    due = row.get("ppc_preliminary_due")
    if due is None or row.get("individuals_notified_on") is not None \
            or (row.get("alternative_measure") or "").strip():
        return None
    status = rules.deadline_status(
        due, ctx.today, soon_from=rules.ppc_preliminary_soon_from(known_on(row)))
    return due, (rules.DUE_SOON if status == rules.OVERDUE else status)


@records.checks("incident")
def check_incident(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                   ) -> list[FieldError]:
    errors: list[FieldError] = []
    overridden = [name for name in OVERRIDES if row.get(name) not in (None, "auto")]
    if overridden and not (row.get("override_reason") or "").strip():
        errors.append(FieldError("override_reason", Text(
            "is required when a trigger is overridden ({names})",
            "事態の判定を上書きする場合は入力してください（{names}）").format(
                names=", ".join(overridden))))
    notified, aware = row.get("authority_notified_at"), gdpr_aware_at(row)
    if notified is not None and aware is not None:
        due = rules.gdpr_authority_due(aware, hours=setting(ctx, "gdpr_authority_hours"))
        if notified > due and not (row.get("delay_reason") or "").strip():
            errors.append(FieldError("delay_reason", Text(
                "is required: the authority was notified after the {hours} hours "
                "(GDPR Art 33(1))",
                "入力してください。監督機関への通知が{hours}時間を過ぎています"
                "（GDPR 33条1項）").format(hours=setting(ctx, "gdpr_authority_hours"))))
    return errors
