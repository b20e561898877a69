"""Supervision of entrustees (APPI Art 25; PPC General Guidelines 3-4-4): for each
entrustee, how it was selected, what the contract secures, who it sub-entrusts to, when
it was last checked and is next due, the checks made in a period, and the points a
manager has to act on.

The supervision clock is `services.thirdparty`'s: next check = the last check (else the
selection check, else the day the entrustee was entered) + the audit cycle. Points to
act on, read from the record as it stands:

- the check is overdue (or due soon);
- no selection check date, or safety measures A–G not all confirmed at selection
  (G, the external environment, matters most for an entrustee abroad);
- a contract clause missing: security measures, audit right, approval of sub-entrustment,
  a breach-notice deadline in hours, return or deletion at the end;
- sub-entrustees named while the contract does not require approval of sub-entrustment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from privacydesk.domain.entities import MEASURE_CATEGORIES, entity
from privacydesk.services import present, records, thirdparty
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database

CLAUSES = ("clause_security", "clause_audit", "clause_subcontract", "breach_notice_hours",
           "clause_return")


@dataclass(frozen=True)
class Clause:
    field: str
    label: str  # "契約：監査権"
    present: bool
    words: str  # "✓ 規定あり" / "× 規定なし" / "✓ 24時間以内"


@dataclass(frozen=True)
class Check:
    checked_on: date
    method: str
    findings: str
    corrective_actions: str


@dataclass(frozen=True)
class Entrustee:
    id: int
    counterparty: str
    country: str
    certifications: str
    services: str
    assets: list[str]
    selected_on: date | None
    measures_confirmed: list[str]  # codes A … G
    measures_missing: list[str]
    clauses: list[Clause]
    sub_entrustees: str
    cycle_months: int  # the check cycle in force
    cycle_default: bool  # True: the settings' default (the record sets none)
    last_checked_on: date | None
    next_due: date | None
    deadline_status: str | None
    deadline_word: str
    checks: list[Check]  # those of the period, oldest first
    points: list[str]  # what to act on, in the report's language


def entrustees(db: Database, period: Period, lang: str, today: date | None = None
               ) -> list[Entrustee]:
    """Every entrustee (a register of tens), most urgent check first, then by name."""
    e = entity("entrustee")
    rows = list(records.iterate(db, "entrustee", today=today))
    with db.read() as conn:
        ctx = records.context(db, conn, today)
        cycles = {r["id"]: thirdparty.entrustee_cycle(ctx, r) for r in rows}
    texts = present.texts(db, "entrustee", rows, lang,
                          [e.field("counterparty"), e.field("assets")], cell=False)
    parties = {c["id"]: c for c in records.get_many(
        db, "counterparty", sorted({r["counterparty"] for r in rows}))}
    assets = present.titles(db, "data_asset", {a for r in rows for a in r["assets"] or []},
                            lang)
    method_f = entity("entrustee_check").field("method")
    checks: dict[int, list[Check]] = {}
    for c in records.iterate(db, "entrustee_check", query=period.query("checked_on"),
                             sort="checked_on"):
        checks.setdefault(c["entrustee"], []).append(Check(
            c["checked_on"], present.choice_label(method_f, c["method"], lang),
            c.get("findings") or "", c.get("corrective_actions") or ""))
    out = []
    for r, t in zip(rows, texts, strict=True):
        party = parties.get(r["counterparty"], {})
        confirmed = [m for m in (c.value for c in MEASURE_CATEGORIES)
                     if m in (r.get("selection_measures") or [])]
        missing = [c.value for c in MEASURE_CATEGORIES if c.value not in confirmed]
        clauses = [_clause(e.field(f), r.get(f), lang) for f in CLAUSES]
        out.append(Entrustee(
            r["id"], t["counterparty"], party.get("country") or "",
            party.get("certifications") or "", r["services"],
            [assets[a] for a in r.get("assets") or []], r.get("selected_on"), confirmed,
            missing, clauses, r.get("sub_entrustees") or "", cycles[r["id"]],
            r.get("audit_cycle_months") is None,
            r.get("last_checked_on"), r.get("next_due"), r.get("deadline_status"),
            present.choice_label(e.field("deadline_status"), r.get("deadline_status"), lang),
            checks.get(r["id"], []), []))
        out[-1].points.extend(_points(out[-1], lang))
    return sorted(out, key=lambda x: (present.STATUS_ORDER.get(x.deadline_status or "", 9),
                                      x.next_due or date.max, x.counterparty, x.id))


def _clause(f, value, lang: str) -> Clause:
    ja = lang == "ja"
    if f.name == "breach_notice_hours":
        if value is None:
            return Clause(f.name, f.label(lang), False, "× 定めなし" if ja else "× None")
        return Clause(f.name, f.label(lang), True,
                      f"✓ {value}時間以内" if ja else f"✓ Within {value} hours")
    if value:
        return Clause(f.name, f.label(lang), True, "✓ 規定あり" if ja else "✓ In the contract")
    return Clause(f.name, f.label(lang), False, "× 規定なし" if ja else "× Missing")


def _points(x: Entrustee, lang: str) -> list[str]:
    ja = lang == "ja"
    out = []
    if x.deadline_status == "overdue":
        out.append(f"定期確認の期限（{x.next_due}）を超過しています" if ja
                   else f"The periodic check was due on {x.next_due}")
    elif x.deadline_status == "due_soon":
        out.append(f"定期確認の期限（{x.next_due}）が近づいています" if ja
                   else f"The periodic check is due on {x.next_due}")
    if x.selected_on is None:
        out.append("選定時の確認日が記録されていません" if ja
                   else "No selection check is recorded")
    if x.measures_missing:
        codes = "、".join(x.measures_missing) if ja else ", ".join(x.measures_missing)
        out.append(f"選定時に確認していない安全管理措置：{codes}" if ja
                   else f"Safety measures not confirmed at selection: {codes}")
    if "G" in x.measures_missing and x.country and x.country != "JP":
        out.append(f"外国（{x.country}）の委託先ですが、外的環境の把握（G）を確認していません"
                   if ja else f"An entrustee abroad ({x.country}) without G, understanding "
                   "the external environment, confirmed")
    for c in x.clauses:
        if c.present:
            continue
        if c.field == "breach_notice_hours":
            out.append("事故報告の期限が契約に定められていません" if ja
                       else "Not in the contract: a deadline to report a breach")
        else:  # "契約：監査権" → "監査権が契約にありません"
            what = c.label.split("：", 1)[-1] if ja else c.label.removeprefix("Contract: ")
            out.append(f"{what}が契約にありません" if ja
                       else f"Not in the contract: {what[:1].lower()}{what[1:]}")
    subcontract = next(c for c in x.clauses if c.field == "clause_subcontract")
    if x.sub_entrustees and not subcontract.present:
        out.append("再委託先がありますが、再委託の事前承認が契約にありません" if ja
                   else "Sub-entrustees without a contract clause requiring approval")
    return out
