"""Data-subject requests: the response deadline and the workflow rules.

Deadlines (DOMAIN.md §3):

- APPI (Arts 32–35): "without delay"; the internal target is the received date +
  ``appi_request_days`` (default 14) calendar days, because under Art 39 the person may
  sue two weeks after the request arrived. The Act has no extension.
- GDPR Art 12(3): one month from receipt, rolled to the next working day of the
  organization's holiday calendar; three months when extended. With a doubt on
  identity (Art 12(6)) the clock runs from the day the proof arrived; while the
  proof is awaited there is no due date yet (``due_on`` and ``deadline_status`` are
  empty) and the duty list shows a follow-up prompt instead (see
  :func:`identity_follow_up`).
- A responded or closed request is "done"; its due date stays, for service levels.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.fields import Text
from privacydesk.domain.values import REQUEST_KINDS
from privacydesk.services import records
from privacydesk.services._clock import DONE, setting
from privacydesk.services.records import Context, FieldError

DONE_STATUSES = frozenset({"responded", "closed"})
DECIDED_STATUSES = frozenset({"decided", "responded", "closed"})
# Art 36: explain the reason when not taking the measure in whole or in part, or
# taking a different one.
EXPLAIN_DECISIONS = frozenset({"refused", "partial", "alternative"})
# The "large expense + alternative measure" provisos exist only in Art 35(2), (4), (6).
ALTERNATIVE_KINDS = frozenset({"appi_suspension", "appi_stop_provision"})

# short nouns for running text ("Respond to the disclosure request of U0001")
KIND_NOUNS: dict[str, tuple[str, str]] = {
    c.value: (c.noun("en"), c.noun("ja")) for c in REQUEST_KINDS}


def is_done(row: dict[str, Any]) -> bool:
    return row.get("status") in DONE_STATUSES or row.get("responded_on") is not None


def awaiting_identity(row: dict[str, Any]) -> bool:
    """A GDPR request whose identity is in doubt and whose proof has not arrived."""
    return (row.get("law") == "GDPR" and bool(row.get("identity_doubt"))
            and row.get("identity_proof_on") is None)


def gdpr_start(row: dict[str, Any]) -> date:
    """Day the GDPR clock starts: the identity proof when identity was in doubt (Art 12(6))."""
    if row.get("identity_doubt") and row.get("identity_proof_on") is not None:
        return row["identity_proof_on"]
    return row["received_on"]


def due_on(ctx: Context, row: dict[str, Any]) -> date | None:
    """The response deadline, or None while a GDPR identity proof is awaited."""
    law, received = row.get("law"), row.get("received_on")
    if received is None or law not in ("APPI", "GDPR"):
        return None
    if law == "APPI":
        return rules.dsr_due("APPI", received, appi_days=setting(ctx, "appi_request_days"))
    if awaiting_identity(row):
        return None
    return gdpr_due(ctx, gdpr_start(row), extended=bool(row.get("extended")))


def gdpr_due(ctx: Context, start: date, *, extended: bool = False) -> date:
    """GDPR Art 12(3) with the settings and the organization's calendar: one month from
    ``start`` (three when ``extended``), rolled to the next working day."""
    return rules.dsr_due(
        "GDPR", start, extended=extended, calendar=ctx.calendar,
        gdpr_months=setting(ctx, "gdpr_request_months"),
        gdpr_extended_months=setting(ctx, "gdpr_extended_months"))


def identity_follow_up(ctx: Context, row: dict[str, Any]) -> date:
    """Follow-up date of a request awaiting identity proof (not a legal deadline).

    The day the answer would have been due had there been no doubt: one month from
    receipt (GDPR Art 12(3)); by then chase the proof or close the request.
    """
    return gdpr_due(ctx, row["received_on"])


def rule_text(ctx: Context, row: dict[str, Any]) -> str:
    """The rule that set a request's deadline, with its article."""
    if row.get("law") == "APPI":
        days = setting(ctx, "appi_request_days")
        return (f"APPI Art 39: internal target received + {days} days "
                "(respond without delay, Arts 32–35)")
    if awaiting_identity(row):
        return ("GDPR Art 12(6): identity proof awaited, the response clock has not "
                "started; follow up by one month from receipt")
    start = "identity proof" if row.get("identity_doubt") else "receipt"
    months = setting(ctx, "gdpr_extended_months" if row.get("extended")
                     else "gdpr_request_months")
    extended = ", extended (Art 12(3) second sentence)" if row.get("extended") else ""
    return (f"GDPR Art 12(3): {months} month(s) from {start}{extended}, "
            f"next working day ({ctx.calendar} calendar)")


@records.computes("request", inputs=(
    "law", "received_on", "identity_doubt", "identity_proof_on", "extended", "status",
    "responded_on"))
def compute_request(ctx: Context, rows: list[dict[str, Any]]) -> None:
    soon = setting(ctx, "due_soon_days")
    # many requests share a received date: each distinct deadline is computed once
    known: dict[tuple, date | None] = {}
    for row in rows:
        key = (row.get("law"), row.get("received_on"), bool(row.get("identity_doubt")),
               row.get("identity_proof_on"), bool(row.get("extended")))
        if key in known:
            due = known[key]
        else:
            due = known[key] = due_on(ctx, row)
        row["due_on"] = due
        if is_done(row):
            row["deadline_status"] = DONE
        elif due is None:
            row["deadline_status"] = None
        else:
            row["deadline_status"] = rules.deadline_status(due, ctx.today, soon_days=soon)


# --- workflow rules ---------------------------------------------------------------------


_REQUIRED_ONCE = Text("is required once the status is {status!r}",
                      "状況が {status!r} のときは入力してください")
_BEFORE_RECEIVED = Text("cannot precede the received date", "受付日より前の日付にはできません")


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@records.checks("request")
def check_request(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                  ) -> list[FieldError]:
    errors: list[FieldError] = []
    law, kind, status, decision = row.get("law"), row.get("kind"), row.get("status"), \
        row.get("decision")
    received, responded = row.get("received_on"), row.get("responded_on")
    responding = status in DONE_STATUSES or responded is not None

    # the law follows from the type of request
    if kind and law:
        expected = "GDPR" if kind.startswith("gdpr_") else "APPI"
        if law != expected:
            errors.append(FieldError("law", Text(
                "must be {expected} for a request of type {kind!r}",
                "種類が {kind!r} の請求では {expected} にしてください").format(
                    expected=expected, kind=kind)))

    # decision and refusal (APPI Arts 33(2)-(3), 35 provisos, 36)
    if status in DECIDED_STATUSES and decision is None:
        errors.append(FieldError("decision", _REQUIRED_ONCE.format(status=status)))
    if decision == "refused" and row.get("refusal_ground") is None:
        errors.append(FieldError("refusal_ground", Text(
            "is required for a refusal (APPI Art 33(2): state the ground)",
            "不対応とする場合は入力してください（個人情報保護法33条2項：事由を示す）")))
    if decision in EXPLAIN_DECISIONS and responding and _empty(row.get("reason_explained")):
        errors.append(FieldError("reason_explained", Text(
            "is required when responding with a refusal, a partial or an alternative measure "
            "(APPI Art 36: explain the reason to the person)",
            "不対応・一部対応・代替措置で回答する場合は入力してください"
            "（個人情報保護法36条：本人に理由を説明する）")))
    if decision == "alternative" and kind not in ALTERNATIVE_KINDS:
        errors.append(FieldError("decision", Text(
            "an alternative measure is possible only for suspension of use / "
            "erasure or stop of third-party provision (APPI Art 35 provisos)",
            "代替措置は利用停止・消去又は第三者提供の停止の請求に限られます"
            "（個人情報保護法35条ただし書）")))

    # extension: GDPR Art 12(3) only
    if row.get("extended"):
        if law == "APPI":
            errors.append(FieldError("extended", Text(
                "APPI has no extension: respond without delay (Arts 32–35, 39)",
                "個人情報保護法に期限の延長はありません。遅滞なく回答してください"
                "（32条〜35条、39条）")))
        elif law == "GDPR":
            if _empty(row.get("extension_reason")):
                errors.append(FieldError("extension_reason", Text(
                    "is required for an extension (GDPR Art 12(3))",
                    "期限を延長する場合は入力してください（GDPR 12条3項）")))
            notified = row.get("extension_notified_on")
            if notified is None:
                errors.append(FieldError("extension_notified_on", Text(
                    "is required for an extension: the person must be told (GDPR Art 12(3))",
                    "期限を延長する場合は入力してください。本人への通知が必要です"
                    "（GDPR 12条3項）")))
            elif received is not None:
                limit = gdpr_due(ctx, gdpr_start(row))  # the first month
                if notified > limit:
                    errors.append(FieldError("extension_notified_on", Text(
                        "must be within the first month, by {limit} (GDPR Art 12(3))",
                        "最初の1か月以内（{limit}まで）にしてください（GDPR 12条3項）"
                    ).format(limit=limit.isoformat())))
                elif notified < received:
                    errors.append(FieldError("extension_notified_on", _BEFORE_RECEIVED))

    # identity before answering
    verified = row.get("identity_verified_on")
    if responding and (verified is None or (responded is not None and verified > responded)) \
            and _empty(row.get("identity_override")):
        errors.append(FieldError("identity_override", Text(
            "a reason is required to respond before the identity is verified "
            "(identity_verified_on)",
            "本人確認（本人確認日）の前に回答する場合は理由を入力してください")))
    if row.get("identity_proof_on") is not None and received is not None \
            and row["identity_proof_on"] < received:
        errors.append(FieldError("identity_proof_on", _BEFORE_RECEIVED))

    # response dates
    if responding and responded is None:
        errors.append(FieldError("responded_on", _REQUIRED_ONCE.format(status=status)))
    if responded is not None and received is not None and responded < received:
        errors.append(FieldError("responded_on", _BEFORE_RECEIVED))
    return errors


@records.checks("organization")
def check_holiday_calendar(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                           ) -> list[FieldError]:
    """The calendar that rolls GDPR deadlines must be one the holidays library knows."""
    code = row.get("holiday_calendar")
    if code is None:
        return []
    try:
        rules.is_closed_day(date(2000, 1, 1), code)
    except ValueError:
        return [FieldError("holiday_calendar", Text(
            "{code!r} is not a known holiday calendar (a country code such as JP, DE, FR or GB)",
            "{code!r} は既知の休日カレンダーではありません（JP、DE、FR、GBなどの国コード）"
        ).format(code=code))]
    return []
