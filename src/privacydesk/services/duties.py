"""Duties: every open deadline across the database, and the dashboard counts.

The deadlines themselves are computed once, by the computed-column functions of the
area modules (requests, incidents, training, access, thirdparty, measures); this
module selects the open rows in SQL, runs those functions on them and turns the
results into :class:`Duty` objects. It reads only tables of tens of thousands of rows
at most (requests, incidents, staff, completions, grants, entrustees, transfers,
measures) and the retention candidates of provision and receipt records (prefiltered
in SQL); consent records are not duties.

Decisions where the law sets no date (see also the area modules):

- GDPR request whose identity is in doubt and whose proof has not arrived: the
  response clock has not started (Art 12(6)), so the request has no due date; the
  list carries a follow-up prompt ("request_response") dated one month from receipt.
- Notice to individuals (Art 26(2)): "promptly according to the situation", no day
  count. Listed while reportable and neither a notice date nor an alternative measure
  is recorded, dated like the PPC preliminary report and due soon from the same 3rd
  day, but never "overdue" (its ``days_left`` can still be negative).
- Training: listed from the moment a mandatory course's completion is expiring
  (``training_expiring_days``) or overdue, for staff still employed who handle
  personal data; only the latest passing completion counts. A person with no passing
  completion of a mandatory course is due from the start date (train before
  handling data; the day the person was entered when no start date is known).
- Periodic checks (access reviews, entrustee audits, transfer checks, measure reviews)
  are listed at every status, "ok" included, so ``within`` can look ahead.
- Provision / receipt records are listed only once past their retention end
  ("record_deletion", always "overdue").
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.domain.values import STATUS_RANK
from privacydesk.services import (
    access,
    incidents,
    measures,
    records,
    requests,
    team,
    thirdparty,
)
from privacydesk.services import training as training_service
from privacydesk.services._clock import chunks, days_left, moment, setting
from privacydesk.services.records import Context
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

KINDS = (
    "request_response", "ppc_preliminary", "ppc_final", "individual_notice", "gdpr_authority",
    "training", "access_review", "entrustee_audit", "transfer_check", "measure_review",
    "record_deletion",
)


@dataclass(frozen=True, slots=True)
class Duty:
    kind: str  # one of KINDS
    entity: str  # entity name of the record it belongs to
    record_id: int
    title_en: str  # e.g. "Respond to disclosure request from U00012345"
    title_ja: str
    due: date | datetime
    status: str  # "ok" | "due_soon" | "overdue"
    rule: str  # the rule that set it, with its article (a Text: English, with .ja)
    days_left: int  # negative once the due date has passed (datetimes: whole days, floor)


# --- public API -------------------------------------------------------------------------


def list_duties(db: Database, *, today: date | None = None, within: int | None = None,
                now: datetime | None = None) -> list[Duty]:
    """Every open duty, overdue first, then due soon, then ok; by due date within each.

    ``within``: only duties due within that many days from today (overdue ones are
    always included). ``today`` defaults to today in Japan; ``now`` (an aware
    datetime, for the GDPR 72 hours) defaults to the clock when ``today`` is not given,
    else to the start of ``today`` in Japan.
    """
    with db.read() as conn:
        ctx = _context(db, conn, today, now)
        duties, _, _ = _gather(ctx, functools.partial(team.may, db), _manager(db))
    return _select(duties, within)


def summary(db: Database, today: date | None = None) -> dict[str, Any]:
    """Counts for the dashboard cards.

    open_requests: requests not yet responded; overdue_duties / due_soon_duties;
    incidents_awaiting_report: incidents with a PPC or GDPR authority report still owed;
    staff_handling_data / staff_trained / training_compliance_pct: staff who have
    started, not left and handle personal data, those of them with every mandatory
    course valid (or expiring), and the share (100.0 when there is nobody to train);
    access_reviews_due: grant reviews overdue or due soon; grants_untrained_or_departed:
    grants not revoked whose holder has left (ended on or before today) or lacks a valid
    mandatory course.
    """
    return overview(db, today=today)[0]


def overview(db: Database, *, today: date | None = None, within: int | None = None,
             now: datetime | None = None) -> tuple[dict[str, Any], list[Duty]]:
    """(:func:`summary`, :func:`list_duties`) from one reading of the tables.

    For the dashboard, which shows both: the duties are gathered once, not twice.
    """
    readable = functools.partial(team.may, db)
    with db.read() as conn:
        ctx = _context(db, conn, today, now)
        duties, staff, reqs = _gather(ctx, readable, _manager(db))
        counts = _summary(ctx, duties, staff, reqs, readable)
    return counts, _select(duties, within)


def _manager(db: Database) -> bool:
    return team.role(db) == "manager"


def _summary(ctx: Context, duties: list[Duty], staff: list[dict[str, Any]],
             reqs: list[training_service.Requirement],
             readable: Callable[[str], bool]) -> dict[str, Any]:
    """The counts; None for a count of records this login may not read (a line
    manager on a team server sees access and training only)."""
    conn = ctx.conn
    rt = TABLES["request"]
    open_requests = conn.execute(sa.select(sa.func.count()).select_from(rt).where(
        rt.c.status.not_in(requests.DONE_STATUSES), rt.c.responded_on.is_(None))).scalar() \
        if readable("request") else None
    gt = TABLES["grant"]
    grant_staff = list(conn.execute(sa.select(gt.c.staff).where(gt.c.revoked_on.is_(None))
                                    ).scalars())
    employed = {s["id"] for s in staff}
    untrained = {r.staff["id"] for r in reqs if not r.in_force}
    handling, trained = trained_staff(ctx, staff, reqs)
    status = Counter(d.status for d in duties)
    return {
        "open_requests": open_requests,
        "overdue_duties": status[rules.OVERDUE],
        "due_soon_duties": status[rules.DUE_SOON],
        "incidents_awaiting_report": len({
            d.record_id for d in duties
            if d.kind in ("ppc_preliminary", "ppc_final", "gdpr_authority")})
        if readable("incident") else None,
        "staff_handling_data": len(handling),
        "staff_trained": len(trained),
        "training_compliance_pct": (round(100.0 * len(trained) / len(handling), 1)
                                    if handling else 100.0),
        "access_reviews_due": sum(1 for d in duties if d.kind == "access_review"
                                  and d.status in (rules.OVERDUE, rules.DUE_SOON)),
        "grants_untrained_or_departed": sum(
            1 for s in grant_staff if s not in employed or s in untrained),
    }


def trained_staff(ctx: Context, staff: list[dict[str, Any]],
                  reqs: list[training_service.Requirement]) -> tuple[set[int], set[int]]:
    """(ids of the staff handling personal data, ids of those of them trained): the
    dashboard's training figures, from :func:`training.requirements` (``staff``: those
    still employed, ``reqs``: their mandatory courses). Handling: started (no start date,
    or on or before today) and handling personal data; trained: every mandatory course
    in force (valid or expiring)."""
    untrained = {r.staff["id"] for r in reqs if not r.in_force}
    handling = {s["id"] for s in staff if s.get("handles_personal_data")
                and (s.get("started_on") is None or s["started_on"] <= ctx.today)}
    return handling, handling - untrained


# --- gathering --------------------------------------------------------------------------


def _context(db: Database, conn, today: date | None, now: datetime | None) -> Context:
    if now is not None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be timezone-aware")
        today = today or rules.jst_date(now)
    ctx = records.context(db, conn, today)
    ctx.now = now if now is not None else moment(ctx)  # one "now" for the whole list
    return ctx


def _gather(ctx: Context, readable: Callable[[str], bool], holders_only: bool = False
            ) -> tuple[list[Duty], list[dict[str, Any]], list[training_service.Requirement]]:
    """(duties, staff still employed, mandatory-training requirements of that staff);
    the duties of the records `readable` says this login may read. `holders_only`: the
    training of the staff holding a grant this login sees only (a line manager's
    view: the people with access to their department's data)."""
    out: list[Duty] = []
    for collect, reads in _COLLECTORS:
        if all(readable(name) for name in reads):
            out.extend(collect(ctx))
    staff, reqs = training_service.requirements(ctx, _holders(ctx) if holders_only else None)
    out.extend(_training_duties(ctx, reqs))
    return out, staff, reqs


def _holders(ctx: Context) -> list[dict[str, Any]]:
    """The staff holding a grant in force (of the grants this login sees)."""
    st, gt = TABLES["staff"], TABLES["grant"]
    held = sa.select(gt.c.staff).where(gt.c.revoked_on.is_(None))
    return [dict(r) for r in ctx.conn.execute(
        sa.select(st).where(st.c.id.in_(held)).order_by(st.c.id)).mappings()]


def _collectors() -> tuple[tuple[Callable[[Context], list[Duty]], tuple[str, ...]], ...]:
    """Each area's duties, with the entities it reads."""
    return (
        (_request_duties, ("request",)),
        (_incident_duties, ("incident", "incident_report")),
        (_access_duties, ("grant", "staff", "data_asset")),
        (_entrustee_duties, ("entrustee", "entrustee_check", "counterparty")),
        (_transfer_duties, ("foreign_transfer", "transfer_check", "counterparty")),
        (_measure_duties, ("safety_measure",)),
        (_record_duties, ("provision_record", "receipt_record", "counterparty")),
    )


def _select(duties: Iterable[Duty], within: int | None) -> list[Duty]:
    chosen = [d for d in duties if within is None or d.days_left <= within
              or d.status == rules.OVERDUE]
    return sorted(chosen, key=_sort_key)


_DAY = 86_400
_JST_OFFSET = 9 * 3600
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


def _sort_key(d: Duty) -> tuple:
    due = d.due
    if isinstance(due, datetime):
        u = due.astimezone(UTC)
        instant = u.toordinal() * _DAY + u.hour * 3600 + u.minute * 60 + u.second
    else:  # a date deadline runs to the end of that day in Japan (UTC+9, no DST)
        instant = (due.toordinal() + 1) * _DAY - _JST_OFFSET
    return (STATUS_RANK[d.status], instant, _KIND_ORDER[d.kind], d.record_id)


def _rows(ctx: Context, entity_name: str, *where: Any, created: bool = False
          ) -> list[dict[str, Any]]:
    """Rows of an entity: id (created_at), the stored fields, and the computed ones None."""
    e = entity(entity_name)
    t = TABLES[entity_name]
    names = ["id", *(["created_at"] if created else []), *(f.name for f in e.stored)]
    result = ctx.conn.execute(sa.select(*(t.c[n] for n in names)).where(*where)
                              .order_by(t.c.id))
    blank = dict.fromkeys(f.name for f in e.computed)
    return [{**blank, **dict(zip(names, values, strict=True))} for values in result]


def _names(ctx: Context, entity_name: str, ids: Iterable[Any], en: Callable, ja: Callable
           ) -> dict[int, tuple[str, str]]:
    t = TABLES[entity_name]
    out: dict[int, tuple[str, str]] = {}
    for part in chunks(ids):
        for r in ctx.conn.execute(sa.select(t).where(t.c.id.in_(part))).mappings():
            out[r["id"]] = (en(r), ja(r))
    return out


def _duty(ctx: Context, kind: str, entity_name: str, row_id: int, title_en: str,
          title_ja: str, due: date | datetime, status: str, rule: str) -> Duty:
    return Duty(kind, entity_name, row_id, title_en, title_ja, due, status, rule,
                days_left(due, ctx.today, moment(ctx)))


# --- requests ---------------------------------------------------------------------------


def _request_duties(ctx: Context) -> list[Duty]:
    t = TABLES["request"]
    rows = _rows(ctx, "request", t.c.status.not_in(requests.DONE_STATUSES),
                 t.c.responded_on.is_(None))
    requests.compute_request(ctx, rows)
    soon = setting(ctx, "due_soon_days")
    out = []
    for r in rows:
        en, ja = requests.KIND_NOUNS.get(r["kind"], (r["kind"], r["kind"]))
        who = r["subject_ref"]
        if r["due_on"] is not None:
            out.append(_duty(
                ctx, "request_response", "request", r["id"],
                f"Respond to {en} request from {who}", f"{who}からの{ja}請求への回答",
                r["due_on"], r["deadline_status"], requests.rule_text(ctx, r)))
        elif requests.awaiting_identity(r):
            due = requests.identity_follow_up(ctx, r)
            out.append(_duty(
                ctx, "request_response", "request", r["id"],
                f"Identity proof awaited: {en} request from {who}",
                f"{who}からの{ja}請求：本人確認書類の受領待ち",
                due, rules.deadline_status(due, ctx.today, soon_days=soon),
                requests.rule_text(ctx, r)))
    return out


# --- incidents --------------------------------------------------------------------------

_INCIDENT_TEXT = {
    "ppc_preliminary": ("PPC preliminary report", "個人情報保護委員会への速報", Text(
        "APPI Art 26(1), PPC Rules Art 8(1): preliminary report promptly, target day {days} "
        "counting the day known as day 1",
        "個人情報保護法26条1項、規則8条1項：速やかに速報（知った日を1日目として{days}日目が目安）")),
    "ppc_final": ("PPC final report", "個人情報保護委員会への確報", Text(
        "APPI Art 26(1), PPC Rules Art 8(2): final report within {final} days counting the "
        "day known as day 1, next open day",
        "個人情報保護法26条1項、規則8条2項：知った日を1日目として{final}日以内に確報"
        "（休日は翌開庁日）")),
    "gdpr_authority": ("Notify the supervisory authority (GDPR)", "監督機関への通知（GDPR）", Text(
        "GDPR Art 33(1): notify the supervisory authority within {hours} hours of awareness",
        "GDPR 33条1項：認識から{hours}時間以内に監督機関へ通知")),
    "individual_notice": ("Notify the individuals", "本人への通知", Text(
        "APPI Art 26(2), PPC Rules Art 10: notify the individuals promptly according to the "
        "situation (no day count; prompted with the preliminary report target)",
        "個人情報保護法26条2項、規則10条：状況に応じて速やかに本人へ通知"
        "（日数の定めなし。速報の目安日に合わせて表示）")),
}


def _incident_duties(ctx: Context) -> list[Duty]:
    rows = _rows(ctx, "incident")
    filed = incidents.filed_reports(ctx, [r["id"] for r in rows])
    incidents.compute_with_reports(ctx, rows, filed)
    out = []
    for r in rows:
        owed = incidents.open_deadlines(ctx, r, filed.get(r["id"], set()))
        prompt = incidents.notice_prompt(ctx, r)
        if prompt is not None:
            owed.append(("individual_notice", *prompt))
        values = {"days": setting(ctx, "ppc_preliminary_days"),
                  "final": setting(ctx, "ppc_final_wrongful_days" if r["trigger_wrongful"]
                                   else "ppc_final_days"),
                  "hours": setting(ctx, "gdpr_authority_hours")}
        for kind, due, status in owed:
            en, ja, rule = _INCIDENT_TEXT[kind]
            out.append(_duty(ctx, kind, "incident", r["id"], f"{en}: {r['title']}",
                             f"{ja}：{r['title']}", due, status, rule.format(**values)))
    return out


# --- training ---------------------------------------------------------------------------


def _training_duties(ctx: Context, reqs: list[training_service.Requirement]) -> list[Duty]:
    expiring_days = setting(ctx, "training_expiring_days")
    out = []
    for q in reqs:
        if not q.staff.get("handles_personal_data") or (
                q.current is not None
                and q.current["training_status"] == training_service.VALID):
            continue
        who_en = q.staff.get("name_latin") or q.staff["name"]
        who_ja = q.staff["name"]
        months = q.course["refresher_months"]
        if q.current is not None:
            status = (rules.OVERDUE if q.current["training_status"] == training_service.OVERDUE
                      else rules.DUE_SOON)
            out.append(_duty(
                ctx, "training", "completion", q.current["id"],
                f"Refresher training: {q.course['title_en']} ({who_en})",
                f"{q.course['title_ja']}の再受講（{who_ja}）",
                q.current["expires_on"], status,
                Text("APPI Art 24, PPC GL 10-4: refresher every {months} months "
                     "(completed {done} + {months} months)",
                     "個人情報保護法24条、ガイドライン10-4：{months}か月ごとに再受講"
                     "（受講日{done}＋{months}か月）").format(
                    months=months, done=q.current["completed_on"].isoformat())))
            continue
        status = rules.deadline_status(q.anchor, ctx.today, soon_days=expiring_days)
        if status == rules.OK:
            continue
        out.append(_duty(
            ctx, "training", "staff", q.staff["id"],
            f"Mandatory training: {q.course['title_en']} ({who_en})",
            f"{q.course['title_ja']}の受講（{who_ja}）",
            q.anchor, status,
            Text("APPI Art 24, PPC GL 10-4: mandatory course not passed; due from the start "
                 "date (train before handling personal data)",
                 "個人情報保護法24条、ガイドライン10-4：必須研修が未修了。着任日から要受講"
                 "（個人データを取り扱う前に教育）")))
    return out


# --- periodic checks --------------------------------------------------------------------


def _periodic(ctx: Context, kind: str, entity_name: str, rows: list[dict[str, Any]],
              field: str, describe: Callable[[dict[str, Any]], tuple[str, str, str]]
              ) -> list[Duty]:
    """A duty for each computed row with a due date in ``field``, at its computed status.

    ``describe(row)`` gives (title_en, title_ja, rule).
    """
    out = []
    for r in rows:
        if r[field] is not None:
            en, ja, rule = describe(r)
            out.append(_duty(ctx, kind, entity_name, r["id"], en, ja, r[field],
                             r["deadline_status"], rule))
    return out


def _access_duties(ctx: Context) -> list[Duty]:
    t = TABLES["grant"]
    rows = _rows(ctx, "grant", t.c.revoked_on.is_(None))
    access.compute_grant(ctx, rows)
    staff = _names(ctx, "staff", (r["staff"] for r in rows),
                   lambda s: s["name_latin"] or s["name"], lambda s: s["name"])
    assets = _names(ctx, "data_asset", (r["asset"] for r in rows),
                    lambda a: a["name"], lambda a: a["name"])
    level = entity("grant").field("level")
    levels = {c.value: (c.label_en, c.label_ja) for c in level.choices}

    def describe(r: dict[str, Any]) -> tuple[str, str, str]:
        s_en, s_ja = _name(staff, r["staff"])
        a_en, a_ja = _name(assets, r["asset"])
        l_en, l_ja = levels.get(r["level"], (r["level"], r["level"]))
        return (f"Review access of {s_en} to {a_en} ({l_en})",
                f"{s_ja}の{a_ja}への権限（{l_ja}）の棚卸",
                Text("APPI Art 23, PPC GL 10-6: review access every {months} months "
                     "(last review or grant + cycle)",
                     "個人情報保護法23条、ガイドライン10-6：{months}か月ごとに権限を棚卸"
                     "（前回棚卸日または付与日＋周期）").format(months=access.cycle(ctx, r)))

    return _periodic(ctx, "access_review", "grant", rows, "review_due", describe)


def _counterparties(ctx: Context, ids: Iterable[Any]) -> dict[int, tuple[str, str]]:
    return _names(ctx, "counterparty", ids, lambda c: c["name"], lambda c: c["name"])


def _name(names: dict[int, tuple[str, str]], ref: Any) -> tuple[str, str]:
    """(en, ja) name of a referenced row; its id when the row is gone."""
    return names.get(ref, (str(ref), str(ref)))


def _entrustee_duties(ctx: Context) -> list[Duty]:
    rows = _rows(ctx, "entrustee", created=True)
    thirdparty.compute_entrustee(ctx, rows)
    names = _counterparties(ctx, (r["counterparty"] for r in rows))

    def describe(r: dict[str, Any]) -> tuple[str, str, str]:
        en, ja = _name(names, r["counterparty"])
        months = thirdparty.entrustee_cycle(ctx, r)
        return (f"Audit entrustee {en}: {r['services']}", f"委託先{ja}の監査：{r['services']}",
                Text("APPI Art 25, PPC GL 3-4-4: supervise the entrustee, check every {months} "
                     "months (last check, else selection + cycle)",
                     "個人情報保護法25条、ガイドライン3-4-4：委託先を監督し{months}か月ごとに確認"
                     "（前回確認日、なければ選定日＋周期）").format(months=months))

    return _periodic(ctx, "entrustee_audit", "entrustee", rows, "next_due", describe)


def _transfer_duties(ctx: Context) -> list[Duty]:
    t = TABLES["foreign_transfer"]
    rows = _rows(ctx, "foreign_transfer", t.c.basis == "equivalent_measures", created=True)
    thirdparty.compute_foreign_transfer(ctx, rows)
    names = _counterparties(ctx, (r["counterparty"] for r in rows))

    def describe(r: dict[str, Any]) -> tuple[str, str, str]:
        en, ja = _name(names, r["counterparty"])
        months = thirdparty.transfer_cycle(ctx, r)
        return (f"Check the foreign recipient {en} ({r['recipient_country']})",
                f"外国の提供先{ja}（{r['recipient_country']}）の定期確認",
                Text("APPI Art 28(3), PPC Rules Art 18(1)(i): check the recipient's equivalent "
                     "measures at least yearly (every {months} months)",
                     "個人情報保護法28条3項、規則18条1項1号：提供先の相当措置を年1回以上確認"
                     "（{months}か月ごと）").format(months=months))

    return _periodic(ctx, "transfer_check", "foreign_transfer", rows, "next_due", describe)


def _measure_duties(ctx: Context) -> list[Duty]:
    t = TABLES["safety_measure"]
    rows = _rows(ctx, "safety_measure", t.c.last_assessed_on.is_not(None))
    measures.compute_measure(ctx, rows)

    def describe(r: dict[str, Any]) -> tuple[str, str, str]:
        return (f"Review safety measure {r['code']}: {r['title_en']}",
                f"安全管理措置{r['code']}の見直し：{r['title_ja']}",
                Text("APPI Art 23, PPC GL 10: review the measure every {months} months "
                     "(last assessed + cycle)",
                     "個人情報保護法23条、ガイドライン10：{months}か月ごとに措置を見直し"
                     "（前回評価日＋周期）").format(months=measures.cycle(ctx, r)))

    return _periodic(ctx, "measure_review", "safety_measure", rows, "next_due", describe)


# --- record retention -------------------------------------------------------------------

_RETENTION_TEXT = {
    "each": ("3 years from the provision", "提供日から3年"),
    "bulk": ("3 years from the last provision", "最終提供日から3年"),
    "contract": ("1 year from the last provision", "最終提供日から1年"),
}
_ARTICLE_JA = {"PPC Rules Art 21": "規則21条", "PPC Rules Art 25": "規則25条"}


def _record_duties(ctx: Context) -> list[Duty]:
    # No retention is shorter than 12 months: records anchored after this day cannot be
    # past their retention end, so SQL leaves them out.
    cutoff = rules.add_months(ctx.today, -12)
    out: list[Duty] = []
    specs = (
        ("provision_record", "provided_on", "last_provided_on", "recipient",
         thirdparty.compute_provision_record, "provision record to", "への提供記録"),
        ("receipt_record", "received_on", "last_received_on", "provider",
         thirdparty.compute_receipt_record, "receipt record from", "からの受領記録"),
    )
    for name, single, last, party, compute, en_what, ja_what in specs:
        t = TABLES[name]
        where = [sa.or_(t.c[last] <= cutoff, t.c.period_end <= cutoff,
                        sa.and_(t.c.method == "each", t.c[single] <= cutoff))]
        if name == "provision_record":
            required = [b for b in rules.PROVISION_BASES if rules.provision_record_required(b)]
            where.append(t.c.basis.in_(required))
        rows = _rows(ctx, name, *where)
        compute(ctx, rows)
        rows = [r for r in rows if r["deadline_status"] == rules.OVERDUE]
        names = _counterparties(ctx, (r[party] for r in rows))
        article = thirdparty.RETENTION_ARTICLE[name]
        for r in rows:
            en, ja = _name(names, r[party])
            out.append(_duty(
                ctx, "record_deletion", name, r["id"],
                f"Retention ended: {en_what} {en} ({r[single].isoformat()})",
                f"保存期間満了：{ja}{ja_what}（{r[single].isoformat()}）",
                r["retain_until"], rules.OVERDUE,
                Text("{article}: keep {period}; the period has ended, delete when no longer "
                     "needed (APPI Art 22)",
                     "{article_ja}：{period_ja}保存。保存期間が満了したため、不要となった時点で"
                     "消去（個人情報保護法22条）").format(
                    article=article, article_ja=_ARTICLE_JA.get(article, article),
                    period=_RETENTION_TEXT[r["method"]][0],
                    period_ja=_RETENTION_TEXT[r["method"]][1])))
    return out


_COLLECTORS = _collectors()
