"""Data-subject requests: the response deadline and the workflow rules.

Deadlines (README.md, "Deadlines and duties"):

- APPI (Arts 32–35): "without delay"; the internal target is the received date +
  ``appi_request_days`` (default 14) calendar days, because under Art 39 the person may
  sue two weeks after the request arrived. The Act has no extension.
- GDPR Art 12(3): one month from receipt, rolled to the next working day of the
  organization's holiday calendar; three months when extended. With a doubt on
  identity (Art 12(6)) the clock runs from the day the proof arrived; while the
  proof is awaited there is no due date yet (``due_on`` and ``deadline_status`` are
  empty) and the duty list shows a follow-up prompt instead (see
  :func:`identity_follow_up`).
- A responded, closed or withdrawn request is "done"; its due date stays, for service
  levels. A request the person withdrew needs no decision and no response.

Workflow (the use cases the console's dialogs call): received → verifying (identity)
→ in_progress → decided → responded → closed, moving forward only, a step may be
skipped (identity checked at the counter, a purpose notice answered at once); any open
request may be withdrawn by the person, and only a responded or withdrawn request is
closed. The record rules (:func:`check_request`) say what each status needs; the use
cases add only which move is allowed from where, and that a date they record is not
in the future. Each writes in one audited transaction and returns the updated row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.domain.values import REQUEST_KINDS
from privacydesk.services import records
from privacydesk.services._clock import DONE, setting
from privacydesk.services._workflow import changed_dates, not_future, refuse, required
from privacydesk.services.records import Context, FieldError, not_stale, update_from
from privacydesk.store.audit import writing
from privacydesk.store.database import Database

# The statuses a request passes through, in order; "withdrawn" may follow any open one.
OPEN_STATUSES = ("received", "verifying", "in_progress", "decided")
FLOW = (*OPEN_STATUSES, "responded", "closed")
DONE_STATUSES = frozenset({"responded", "closed", "withdrawn"})
ANSWERED_STATUSES = frozenset({"responded", "closed"})
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


def rule_text(ctx: Context, row: dict[str, Any]) -> Text:
    """The rule that set a request's deadline, with its article (English and Japanese)."""
    if row.get("law") == "APPI":
        days = setting(ctx, "appi_request_days")
        return Text("APPI Art 39: internal target received + {days} days "
                    "(respond without delay, Arts 32–35)",
                    "個人情報保護法39条：社内目標は受付日＋{days}日"
                    "（遅滞なく対応、32〜35条）").format(days=days)
    if awaiting_identity(row):
        return Text("GDPR Art 12(6): identity proof awaited, the response clock has not "
                    "started; follow up by one month from receipt",
                    "GDPR 12条6項：本人確認書類の受領待ちのため回答期限は未起算。"
                    "受付から1か月までに確認を")
    doubt = bool(row.get("identity_doubt"))
    months = setting(ctx, "gdpr_extended_months" if row.get("extended")
                     else "gdpr_request_months")
    extended = row.get("extended")
    return Text("GDPR Art 12(3): {months} month(s) from {start}{extended}, "
                "next working day ({calendar} calendar)",
                "GDPR 12条3項：{start_ja}から{months}か月{extended_ja}"
                "（休日は翌営業日、{calendar}の暦）").format(
        months=months, calendar=ctx.calendar,
        start="identity proof" if doubt else "receipt",
        start_ja="本人確認書類の受領" if doubt else "受付",
        extended=", extended (Art 12(3) second sentence)" if extended else "",
        extended_ja="（12条3項第2文により延長）" if extended else "")


@records.computes("request", inputs=(
    "law", "received_on", "identity_doubt", "identity_proof_on", "extended", "status",
    "responded_on"), fills=("due_on", "deadline_status"))
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

_STATUS = entity("request").field("status")
_KIND = entity("request").field("kind")
_LAW = entity("request").field("law")

RECEIVED_EARLIER = Text("cannot precede the received date", "受付日より前の日付は入力できません")


def required_once(status: str) -> Text:
    """"is required once the status is 'decided'", in both languages."""
    return Text("is required once the status is {status!r}",
                "状況が「{label}」の場合は入力してください").format(
        status=status, label=_STATUS.choice_label(status, "ja"))


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@records.checks("request")
def check_request(ctx: Context, row: dict[str, Any], old: dict[str, Any] | None
                  ) -> list[FieldError]:
    errors: list[FieldError] = []
    law, kind, status, decision = row.get("law"), row.get("kind"), row.get("status"), \
        row.get("decision")
    received, responded = row.get("received_on"), row.get("responded_on")
    withdrawn = row.get("withdrawn_on")
    # a withdrawn request, closed afterwards, was never decided nor answered
    ended_by_withdrawal = status == "withdrawn" or (status == "closed" and withdrawn is not None)
    responding = (status in ANSWERED_STATUSES and not ended_by_withdrawal) \
        or responded is not None

    # the law follows from the type of request
    if kind and law:
        expected = "GDPR" if kind.startswith("gdpr_") else "APPI"
        if law != expected:
            errors.append(FieldError("law", Text(
                "must be {expected} for a request of type {kind!r}",
                "請求の種類が「{kind_ja}」の場合は、法令に「{law_ja}」を選択してください").format(
                    expected=expected, kind=kind, kind_ja=_KIND.choice_label(kind, "ja"),
                    law_ja=_LAW.choice_label(expected, "ja"))))

    # decision and refusal (APPI Arts 33(2)-(3), 35 provisos, 36)
    if status in DECIDED_STATUSES and decision is None and not ended_by_withdrawal:
        errors.append(FieldError("decision", required_once(status)))
    if decision == "refused" and row.get("refusal_ground") is None:
        errors.append(FieldError("refusal_ground", Text(
            "is required for a refusal (APPI Art 33(2): state the ground)",
            "不対応（拒否）とする場合は、その事由を選択してください（法33条2項）")))
    if decision in EXPLAIN_DECISIONS and responding and _empty(row.get("reason_explained")):
        errors.append(FieldError("reason_explained", Text(
            "is required when responding with a refusal, a partial or an alternative measure "
            "(APPI Art 36: explain the reason to the person)",
            "請求された措置の全部又は一部をとらない場合、又は異なる措置をとる場合は、"
            "本人に理由を説明してください（法36条）")))
    if decision == "alternative" and kind not in ALTERNATIVE_KINDS:
        errors.append(FieldError("decision", Text(
            "an alternative measure is possible only for suspension of use / "
            "erasure or stop of third-party provision (APPI Art 35 provisos)",
            "代替措置をとることができるのは、利用停止等又は第三者提供の停止の請求に限られます"
            "（法35条ただし書）")))

    # extension: GDPR Art 12(3) only
    if row.get("extended"):
        if law == "APPI":
            errors.append(FieldError("extended", Text(
                "APPI has no extension: respond without delay (Arts 32–35, 39)",
                "個人情報保護法には回答期限の延長はありません。遅滞なく対応してください"
                "（法32条〜35条・39条）")))
        elif law == "GDPR":
            if _empty(row.get("extension_reason")):
                errors.append(FieldError("extension_reason", Text(
                    "is required for an extension (GDPR Art 12(3))",
                    "期限を延長する場合は入力してください（GDPR 12条3項）")))
            notified = row.get("extension_notified_on")
            if notified is None:
                errors.append(FieldError("extension_notified_on", Text(
                    "is required for an extension: the person must be told (GDPR Art 12(3))",
                    "期限を延長する場合は、延長とその理由を本人に通知した日を入力してください"
                    "（GDPR 12条3項）")))
            elif received is not None:
                limit = gdpr_due(ctx, gdpr_start(row))  # the first month
                if notified > limit:
                    errors.append(FieldError("extension_notified_on", Text(
                        "must be within the first month, by {limit} (GDPR Art 12(3))",
                        "延長の通知は最初の1か月以内（{limit}まで）に行う必要があります"
                        "（GDPR 12条3項）").format(limit=limit.isoformat())))
                elif notified < received:
                    errors.append(FieldError("extension_notified_on", RECEIVED_EARLIER))

    # identity before answering
    verified = row.get("identity_verified_on")
    if responding and (verified is None or (responded is not None and verified > responded)) \
            and _empty(row.get("identity_override")):
        errors.append(FieldError("identity_override", Text(
            "a reason is required to respond before the identity is verified "
            "(identity_verified_on)",
            "本人確認の完了前に回答する場合は、その理由を入力してください（本人確認日）")))
    if row.get("identity_proof_on") is not None and received is not None \
            and row["identity_proof_on"] < received:
        errors.append(FieldError("identity_proof_on", RECEIVED_EARLIER))

    # response dates
    if responding and responded is None:
        errors.append(FieldError("responded_on", required_once(status)))
    if responded is not None and received is not None and responded < received:
        errors.append(FieldError("responded_on", RECEIVED_EARLIER))

    # withdrawal by the person, and closing
    if status == "withdrawn" and withdrawn is None:
        errors.append(FieldError("withdrawn_on", required_once(status)))
    if withdrawn is not None:
        if status not in ("withdrawn", "closed"):
            errors.append(FieldError("withdrawn_on", Text(
                "applies only to a request the person withdrew",
                "本人が取り下げた請求にのみ入力できます")))
        elif responded is not None:
            errors.append(FieldError("withdrawn_on", Text(
                "a request already responded to cannot be withdrawn (responded on {date})",
                "回答済みの請求は取り下げられません（回答日：{date}）").format(
                    date=responded.isoformat())))
        if received is not None and withdrawn < received:
            errors.append(FieldError("withdrawn_on", RECEIVED_EARLIER))
    closed = row.get("closed_on")
    if status == "closed" and closed is None:
        errors.append(FieldError("closed_on", required_once(status)))
    if closed is not None:
        if responded is not None and closed < responded:
            errors.append(FieldError("closed_on", Text(
                "cannot precede the response ({date})",
                "回答日（{date}）より前の日付は入力できません").format(date=responded.isoformat())))
        elif withdrawn is not None and closed < withdrawn:
            errors.append(FieldError("closed_on", Text(
                "cannot precede the withdrawal ({date})",
                "取下げ日（{date}）より前の日付は入力できません").format(date=withdrawn.isoformat())))
        elif received is not None and closed < received:
            errors.append(FieldError("closed_on", RECEIVED_EARLIER))
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
            "{code!r} is not a known holiday calendar (a country code such as "
            "JP, DE, FR or GB)",
            "{code!r} は休日カレンダーとして使えません（JP、DE、FR、GBなどの国コードを"
            "指定してください）").format(code=code))]
    return []


# --- workflow use cases ------------------------------------------------------------------


def _label(status: str, lang: str = "en") -> str:
    return _STATUS.choice_label(status, lang)


def allowed_next(row: dict[str, Any]) -> tuple[str, ...]:
    """The statuses a request may move to from its current one.

    Forward along received → verifying → in_progress → decided → responded (a step may
    be skipped), "withdrawn" from any open status, "closed" only after responded or
    withdrawn; nothing after closed.
    """
    status = row.get("status")
    if status in OPEN_STATUSES:
        return (*FLOW[FLOW.index(status) + 1:FLOW.index("closed")], "withdrawn")
    if status in ("responded", "withdrawn"):
        return ("closed",)
    return ()


def _cannot_move(row: dict[str, Any], to: str) -> FieldError:
    nxt = allowed_next(row)
    return FieldError("status", Text(
        "cannot move from {old} to {to}; allowed next: {allowed}",
        "「{old_ja}」から「{to_ja}」には進められません（次に進められる状況：{allowed_ja}）"
    ).format(old=_label(row["status"]), to=_label(to), allowed=", ".join(map(_label, nxt))
             or "none", old_ja=_label(row["status"], "ja"), to_ja=_label(to, "ja"),
             allowed_ja="、".join(_label(s, "ja") for s in nxt) or "なし"))


def _not_open(row: dict[str, Any], en: str, ja: str) -> FieldError:
    """A refusal on "status" for a request that is no longer open."""
    return FieldError("status", Text(en, ja).format(
        status=_label(row["status"]), status_ja=_label(row["status"], "ja")))


Build = Callable[[Context, dict[str, Any]], tuple[dict[str, Any], list[FieldError]]]
Check = Callable[[Context, dict[str, Any], dict[str, Any]], list[FieldError]]


def _change(db: Database, request_id: int, today: date | None, build: Build,
            check: Check | None = None, version: int | None = None) -> dict[str, Any]:
    """One workflow step in one audited transaction.

    With ``version`` (the row's version when the step was prepared, e.g. the dialog's
    row) a request saved by someone else since is refused with `records.Stale` before
    anything else is checked, and nothing is written.
    ``build(ctx, old)`` gives the changes and the refusals of the move itself (which
    status may follow which); when it refuses, nothing else is checked. Otherwise the
    changes go through the record validation and the request rules, ``check(ctx, old,
    new)`` adds the step's own refusals, and every date the step records must not be
    in the future.
    """
    e = entity("request")
    with writing(db) as w:
        old = w.get(e.name, request_id)
        if old is None:
            raise records.NotFound(e, request_id)
        not_stale(e, request_id, old, version)
        ctx = records.context(db, w.conn, today)
        changes, errors = build(ctx, old)
        refuse(e.name, errors)
        clean, errors = records.validate(ctx, e, changes, old=old, row_id=request_id)
        new = {**old, **clean}
        own = (check(ctx, old, new) if check else []) \
            + not_future(ctx.today, new, changed_dates(old, clean))
        refuse(e.name, own + errors)
        update_from(w, e, request_id, clean, version)
    return records.get(db, e.name, request_id, today=today)


def _moving_to(to: str, changes: dict[str, Any]) -> Build:
    def build(ctx: Context, old: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        if to not in allowed_next(old):
            return {}, [_cannot_move(old, to)]
        return {**changes, "status": to}, []
    return build


def set_status(db: Database, request_id: int, status: str, *, today: date | None = None,
               version: int | None = None, **changes: Any) -> dict[str, Any]:
    """Move a request to ``status`` with the fields that status needs (``changes``).

    Refused with a FieldError on "status" unless ``status`` is in :func:`allowed_next`;
    the request rules then say which of ``changes`` are missing or wrong.
    """
    return _change(db, request_id, today, _moving_to(status, changes), version=version)


def verify_identity(db: Database, request_id: int, *, method: str, verified_on: date,
                    verified_by: str, proof_on: date | None = None,
                    today: date | None = None, version: int | None = None) -> dict[str, Any]:
    """Record the identity check (APPI Art 37(1) and Order Art 12; GDPR Art 12(6)).

    A received or verifying request moves on to in_progress; a request further on keeps
    its status. ``proof_on`` is the day the proof arrived for a GDPR request whose
    identity was in doubt: the response clock runs from it, so it is required then.
    """
    def build(ctx: Context, old: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        if old["status"] not in OPEN_STATUSES:
            return {}, [_not_open(old, "the identity check cannot be recorded on a request "
                                       "that is {status}",
                                  "「{status_ja}」の請求には本人確認を記録できません")]
        changes: dict[str, Any] = {"identity_method": method,
                                   "identity_verified_on": verified_on,
                                   "identity_verified_by": verified_by}
        if proof_on is not None:
            changes["identity_proof_on"] = proof_on
        if old["status"] in ("received", "verifying"):
            changes["status"] = "in_progress"
        return changes, []

    def check(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[FieldError]:
        errors = required(new, "identity_method", "identity_verified_on",
                          "identity_verified_by")
        verified, proof = new.get("identity_verified_on"), new.get("identity_proof_on")
        doubt = new.get("law") == "GDPR" and bool(new.get("identity_doubt"))
        if verified is not None and new.get("received_on") and verified < new["received_on"]:
            errors.append(FieldError("identity_verified_on", RECEIVED_EARLIER))
        if proof_on is not None and not doubt:
            errors.append(FieldError("identity_proof_on", Text(
                "applies only to a GDPR request whose identity is in doubt (GDPR Art 12(6))",
                "本人確認に疑義があるGDPRの請求にのみ入力できます（GDPR 12条6項）")))
        elif doubt and proof is None:
            errors.append(FieldError("identity_proof_on", Text(
                "is required: the identity was in doubt, and the response period runs from "
                "the day the proof arrived (GDPR Art 12(6))",
                "本人確認に疑義があったため入力してください。回答期限は本人確認の書類等を"
                "受領した日から起算します（GDPR 12条6項）")))
        elif doubt and verified is not None and proof > verified:
            errors.append(FieldError("identity_proof_on", Text(
                "cannot be after the identity was verified ({date})",
                "本人確認日（{date}）より後の日付は入力できません").format(
                    date=verified.isoformat())))
        return errors

    return _change(db, request_id, today, build, check, version)


def extend(db: Database, request_id: int, *, notified_on: date, reason: str,
           today: date | None = None, version: int | None = None) -> dict[str, Any]:
    """Extend a GDPR request by two further months (Art 12(3)); the person was told on
    ``notified_on`` (within the first month) why. APPI has no extension: refused."""
    def build(ctx: Context, old: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        if old["status"] not in OPEN_STATUSES:
            return {}, [_not_open(old, "a request that is {status} can no longer be extended",
                                  "「{status_ja}」の請求の期限は延長できません")]
        if old.get("extended"):
            return {}, [FieldError("extended", Text(
                "the request is already extended (the person was told on {date})",
                "この請求の期限は既に延長されています（本人への通知日：{date}）").format(
                    date=old["extension_notified_on"].isoformat()
                    if old.get("extension_notified_on") else "-"))]
        return {"extended": True, "extension_notified_on": notified_on,
                "extension_reason": reason}, []

    return _change(db, request_id, today, build, version=version)


def decide(db: Database, request_id: int, *, decision: str, refusal_ground: int | None = None,
           reason_explained: str | None = None, today: date | None = None,
           version: int | None = None) -> dict[str, Any]:
    """Record the decision (status decided); a decided request may be decided again until
    the response. A refusal needs its ground (APPI Art 33(2)); the reason told to the
    person (Art 36) is needed by the response at the latest."""
    def build(ctx: Context, old: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        if old["status"] not in OPEN_STATUSES:
            return {}, [_not_open(old, "the decision cannot change on a request that is "
                                       "{status}",
                                  "「{status_ja}」の請求の決定は変更できません")]
        return {"status": "decided", "decision": decision, "refusal_ground": refusal_ground,
                "reason_explained": reason_explained}, []

    def check(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[FieldError]:
        if new.get("refusal_ground") is not None and new.get("decision") in ("full", "no_data"):
            return [FieldError("refusal_ground", Text(
                "applies only to a refusal, a partial response or an alternative measure",
                "不対応（拒否）、一部対応又は代替措置の場合にのみ選択できます"))]
        return []

    return _change(db, request_id, today, build, check, version)


def respond(db: Database, request_id: int, *, responded_on: date,
            identity_override: str | None = None, fee: int | None = None,
            systems_actioned: str | None = None, recipients_notified: str | None = None,
            today: date | None = None, version: int | None = None) -> dict[str, Any]:
    """Record the response to the person (status responded); the arguments left None
    keep their recorded values."""
    optional = {"identity_override": identity_override, "fee": fee,
                "systems_actioned": systems_actioned,
                "recipients_notified": recipients_notified}
    changes = {"responded_on": responded_on,
               **{k: v for k, v in optional.items() if v is not None}}
    return _change(db, request_id, today, _moving_to("responded", changes), version=version)


def withdraw(db: Database, request_id: int, *, on: date, today: date | None = None,
             version: int | None = None) -> dict[str, Any]:
    """The person withdrew the request on ``on``: nothing more is owed (status withdrawn)."""
    return _change(db, request_id, today, _moving_to("withdrawn", {"withdrawn_on": on}),
                   version=version)


def close(db: Database, request_id: int, *, on: date, today: date | None = None,
          version: int | None = None) -> dict[str, Any]:
    """Close a responded or withdrawn request on ``on``."""
    return _change(db, request_id, today, _moving_to("closed", {"closed_on": on}),
                   version=version)
