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

Use cases: :func:`draft_report` fills the nine items of PPC Rules Art 8(1) from what the
incident record knows (the rest marked "to be completed"), :func:`file_report` records
a report once filed, :func:`record_notice` the notice to the individuals (Art 26(2)).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from privacydesk.domain import rules
from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.domain.values import STATUS_RANK
from privacydesk.services import records
from privacydesk.services._clock import DONE, moment, rows_in, setting
from privacydesk.services._workflow import empty, not_future, refuse
from privacydesk.services.present import Titles
from privacydesk.services.records import JST, Context, FieldError, not_stale, update_from
from privacydesk.store.audit import writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

WRONGFUL_CAUSES = frozenset({"unauthorized_access", "ransomware", "insider"})
OVERRIDES = ("override_sensitive", "override_financial", "override_wrongful")
_INCIDENT = entity("incident")


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
            "報告対象事態の判定を上書きする場合は、その理由を入力してください（{labels}）").format(
                names=", ".join(overridden),
                labels="、".join(_INCIDENT.field(n).label_ja for n in overridden))))
    notified, aware = row.get("authority_notified_at"), gdpr_aware_at(row)
    if notified is not None and aware is not None:
        hours = setting(ctx, "gdpr_authority_hours")
        due = rules.gdpr_authority_due(aware, hours=hours)
        if notified > due and not (row.get("delay_reason") or "").strip():
            errors.append(FieldError("delay_reason", Text(
                "is required: the authority was notified after the {hours} hours "
                "(GDPR Art 33(1))",
                "監督機関への通知が{hours}時間を過ぎているため、遅延の理由を入力してください"
                "（GDPR 33条1項）").format(hours=hours)))
    return errors


# --- reports and notices ------------------------------------------------------------------

_REPORT = entity("incident_report")
# The items of a report, PPC Rules Art 8(1)(i)-(ix), as fields of an incident report.
REPORT_ITEMS = ("overview", "data_items", "people_count", "cause", "secondary_damage",
                "individuals_response", "publication", "prevention", "other")
# What a draft says where the record knows nothing yet: the wording of Art 8(1).
TO_COMPLETE = {"en": "[To be completed] ", "ja": "【要記入】"}
_ASK = {
    "data_items": ("the personal data items leaked or possibly leaked",
                   "漏えい等が発生し、又は発生したおそれがある個人データの項目"),
    "cause": ("how it happened and why", "発生の経緯及び原因"),
    "secondary_damage": ("whether there is secondary damage or a risk of it, and what it is",
                         "二次被害又はそのおそれの有無及びその内容"),
    "individuals_response": ("the response to the individuals, with when and how they are "
                             "notified",
                             "本人への対応の実施状況（本人への通知の時期及び方法を含む）"),
    "publication": ("whether and how the incident is made public", "公表の実施状況"),
    "prevention": ("the measures to prevent recurrence, taken and planned",
                   "再発防止のための措置（実施済みの措置及び今後の予定）"),
}
_TRIGGERS = ("trigger_sensitive", "trigger_financial", "trigger_wrongful", "trigger_over_1000")


def _ask(item: str, lang: str) -> str:
    en, ja = _ASK[item]
    return TO_COMPLETE[lang] + (ja if lang == "ja" else en)


def _when(at: datetime, lang: str) -> str:
    local = at.astimezone(JST)
    if lang == "ja":
        return f"{local.year}年{local.month}月{local.day}日{local.hour}時{local.minute:02d}分"
    return local.strftime("%Y-%m-%d %H:%M")


def _label(e_field: str, value: Any, lang: str) -> str:
    return _INCIDENT.field(e_field).choice_label(value, lang)


def draft_report(db: Database, incident_id: int, kind: str, *, lang: str = "ja",
                 today: date | None = None) -> dict[str, Any]:
    """The values of a new report of ``kind`` on the incident, in ``lang`` ("ja"/"en").

    The nine items of PPC Rules Art 8(1) are filled from the record — (1) overview from
    the title, description, when the company knew and the kind; (2) the names of the
    data categories; (3) the maximum estimate of people; (4) the cause and the
    description; (6) the notice to the individuals or the alternative measure; (9) the
    reporting triggers of Art 7 — and where the record knows nothing the item says
    what is to be completed ("【要記入】…"), so that nothing is stated that nobody
    checked. ``submitted_on`` is today (JST). Nothing is written.
    """
    kinds = _REPORT.field("kind").choice_values()
    if kind not in kinds:
        refuse(_REPORT.name, [FieldError("kind", Text(
            "{bad!r} is not one of: {allowed}", "{bad!r} は選択肢（{allowed}）にありません"
        ).format(bad=kind, allowed=", ".join(kinds)))])
    lang = "ja" if lang == "ja" else "en"
    ja = lang == "ja"
    row = records.get(db, "incident", incident_id, today=today)
    with db.read() as conn:
        names = Titles(conn, lang).get("data_category", row.get("data_categories") or [])
    categories = [names[c] for c in row.get("data_categories") or [] if c in names]
    description = (row.get("description") or "").strip()
    what = _label("kind", row["kind"], lang)

    if ja:
        overview = (f"{_when(row['known_at'], lang)}（日本時間）、「{row['title']}」により、"
                    f"個人データの{what}が発生し、又は発生したおそれがあることを把握した。")
    else:
        overview = (f"On {_when(row['known_at'], lang)} JST the company became aware of a "
                    f"{what.lower()} or possible {what.lower()} of personal data: "
                    f"{row['title']}.")
    if description:
        overview += "\n" + description

    if categories:
        data_items = ("、" if ja else ", ").join(categories)
        if row.get("trigger_sensitive"):
            data_items += "（要配慮個人情報を含む）" if ja else " (including sensitive data)"
        if row.get("trigger_financial"):
            data_items += ("（財産的被害が生じるおそれがある個人データを含む）" if ja
                           else " (including data whose misuse may cause financial damage)")
    else:
        data_items = _ask("data_items", lang)

    cause = (f"原因の区分：{_label('cause', row['cause'], lang)}" if ja
             else f"Cause: {_label('cause', row['cause'], lang)}")
    cause += "\n" + (description or _ask("cause", lang))

    told = []
    if row.get("individuals_notified_on") is not None:
        day = row["individuals_notified_on"].isoformat()
        method = (row.get("notice_method") or "").strip()
        if ja:
            told.append(f"{day}、{method}により本人に通知した。" if method
                        else f"{day}、本人に通知した。")
        else:
            told.append(f"The individuals were notified on {day}"
                        + (f" ({method})." if method else "."))
    if (row.get("alternative_measure") or "").strip():
        alt = row["alternative_measure"].strip()
        told.append(f"本人への通知が困難な場合に代わる措置として、{alt}を講じた。" if ja
                    else f"As the notice is difficult for some or all of them: {alt}.")
    individuals = "\n".join(told) if told else _ask("individuals_response", lang)

    triggers = [_INCIDENT.field(t).label(lang) for t in _TRIGGERS if row.get(t)]
    if ja:
        other = ("報告対象となる事態（規則7条）：" + "、".join(triggers) if row["reportable"]
                 else "規則7条の報告対象となる事態には該当しない（任意の報告）")
    else:
        other = ("Reportable under PPC Rules Art 7: " + ", ".join(triggers)
                 if row["reportable"] else
                 "None of the situations of PPC Rules Art 7 applies (voluntary report)")
    if row.get("high_level_encryption"):
        other += ("\n高度な暗号化等の秘匿化の措置が講じられている。" if ja
                  else "\nThe data was protected by high-level encryption.")

    return {
        "incident": incident_id, "kind": kind,
        "submitted_on": today or records.today_jst(), "reference": None,
        "overview": overview, "data_items": data_items,
        "people_count": row.get("affected_max"), "cause": cause,
        "secondary_damage": _ask("secondary_damage", lang),
        "individuals_response": individuals,
        "publication": _ask("publication", lang), "prevention": _ask("prevention", lang),
        "other": other,
    }


def missing_items(values: dict[str, Any]) -> list[str]:
    """The items of Art 8(1) a report leaves empty or still "to be completed"."""
    out = []
    for name in REPORT_ITEMS:
        v = values.get(name)
        if v is None or (isinstance(v, str) and (not v.strip() or any(
                mark.strip() in v for mark in TO_COMPLETE.values()))):
            out.append(name)
    return out


def file_report(db: Database, incident_id: int, values: dict[str, Any], *,
                today: date | None = None) -> int:
    """Record a report filed on the incident (``values``: the fields of an incident
    report, e.g. an edited :func:`draft_report`); returns its id.

    Refused: a GDPR authority report when the GDPR does not apply; a final report before
    the preliminary one, unless it reports every item (1)–(9) and so stands for both
    (PPC General Guidelines 3-5-3-3); a preliminary report after such a final one; a
    second report of the same kind; a submission date before the JST day the company
    knew, before the preliminary report (for the final one) or in the future.
    """
    e = _REPORT
    with writing(db) as w:
        incident = w.get("incident", incident_id)
        if incident is None:
            raise records.NotFound(_INCIDENT, incident_id)
        ctx = records.context(db, w.conn, today)
        own: list[FieldError] = []
        if values.get("incident") not in (None, incident_id):
            own.append(FieldError("incident", Text(
                "is another incident ({other}) than the one reported on ({id})",
                "報告対象の事案（{id}）と異なる事案（{other}）が指定されています").format(
                    other=values["incident"], id=incident_id)))
        clean, errors = records.validate(ctx, e, {**values, "incident": incident_id})
        kind, submitted = clean.get("kind"), clean.get("submitted_on")
        t = TABLES["incident_report"]
        filed = {r["kind"]: r["submitted_on"] for r in w.conn.execute(
            sa.select(t.c.kind, t.c.submitted_on).where(t.c.incident == incident_id)
        ).mappings()}
        label = e.field("kind")
        if kind == "gdpr_authority" and not incident.get("gdpr_applies"):
            own.append(FieldError("kind", Text(
                "the GDPR does not apply to this incident (“GDPR applies” is not set)",
                "この事案にはGDPRが適用されません（「GDPRの適用あり」が設定されていません）")))
        elif kind in filed:
            own.append(FieldError("kind", Text(
                "a {what} was already filed on {date}", "{what_ja}は{date}に提出済みです").format(
                    what=label.choice_label(kind), what_ja=label.choice_label(kind, "ja"),
                    date=filed[kind].isoformat())))
        elif kind == "ppc_final" and "ppc_preliminary" not in filed:
            missing = missing_items(clean)
            if missing:
                own.append(FieldError("kind", Text(
                    "file the preliminary report first: a final report stands for both only "
                    "when it reports every item (1)–(9) (PPC General Guidelines 3-5-3-3); "
                    "not yet reported: {items}",
                    "先に速報を提出してください。確報で速報を兼ねることができるのは、(1)〜(9)の"
                    "すべての事項を報告する場合に限られます（通則ガイドライン3-5-3-3）。"
                    "未記入の事項：{items_ja}").format(
                        items=", ".join(e.field(n).label_en for n in missing),
                        items_ja="、".join(e.field(n).label_ja for n in missing))))
        elif kind == "ppc_preliminary" and "ppc_final" in filed:
            own.append(FieldError("kind", Text(
                "the final report filed on {date} already stands for the preliminary one",
                "{date}に提出した確報が速報を兼ねているため、速報は提出できません").format(
                    date=filed["ppc_final"].isoformat())))
        if isinstance(submitted, date):
            day1 = known_on(incident)
            if submitted < day1:
                own.append(FieldError("submitted_on", Text(
                    "cannot precede the day the company knew of the incident ({date}, JST)",
                    "当社が事態を知った日（{date}、日本時間）より前の日付は入力できません").format(
                        date=day1.isoformat())))
            elif kind == "ppc_final" and "ppc_preliminary" in filed \
                    and submitted < filed["ppc_preliminary"]:
                own.append(FieldError("submitted_on", Text(
                    "cannot precede the preliminary report ({date})",
                    "速報の提出日（{date}）より前の日付は入力できません").format(
                        date=filed["ppc_preliminary"].isoformat())))
            own.extend(not_future(ctx.today, clean, ["submitted_on"]))
        refuse(e.name, own + errors)
        return w.insert(e.name, clean)


def record_notice(db: Database, incident_id: int, *, notified_on: date | None,
                  method: str | None, alternative_measure: str | None,
                  today: date | None = None, version: int | None = None) -> dict[str, Any]:
    """Record the notice to the individuals (APPI Art 26(2); PPC Rules Art 10): the date
    and the method of the notice, or the alternative measure taken where a notice is
    difficult (the proviso: publication, a contact desk…), or both when some could not
    be reached. Replaces what was recorded; returns the updated incident. With
    ``version``, an incident saved by someone else since is refused (`records.Stale`)."""
    e = _INCIDENT
    with writing(db) as w:
        old = w.get(e.name, incident_id)
        if old is None:
            raise records.NotFound(e, incident_id)
        not_stale(e, incident_id, old, version)
        ctx = records.context(db, w.conn, today)
        clean, errors = records.validate(ctx, e, {
            "individuals_notified_on": notified_on, "notice_method": method,
            "alternative_measure": alternative_measure}, old=old, row_id=incident_id)
        new = {**old, **clean}
        day = new.get("individuals_notified_on")
        told, how, alt = day is not None, not empty(new.get("notice_method")), \
            not empty(new.get("alternative_measure"))
        own: list[FieldError] = []
        if not (told or how or alt):
            own.append(FieldError("individuals_notified_on", Text(
                "give the date and the method of the notice, or the alternative measure taken "
                "where a notice is difficult (APPI Art 26(2) proviso)",
                "本人への通知の日付と方法、又は通知が困難な場合にとった代替措置を入力してください"
                "（法26条2項ただし書）")))
        elif told and not how:
            own.append(FieldError("notice_method", Text(
                "is required with the date of the notice",
                "通知日とあわせて通知の方法を入力してください")))
        elif how and not told:
            own.append(FieldError("individuals_notified_on", Text(
                "is required with the method of the notice",
                "通知の方法とあわせて通知日を入力してください")))
        if isinstance(day, date) and day < known_on(old):
            own.append(FieldError("individuals_notified_on", Text(
                "cannot precede the day the company knew of the incident ({date}, JST)",
                "当社が事態を知った日（{date}、日本時間）より前の日付は入力できません").format(
                    date=known_on(old).isoformat())))
        own.extend(not_future(ctx.today, new, ["individuals_notified_on"]))
        refuse(e.name, own + errors)
        update_from(w, e, incident_id, clean, version)
    return records.get(db, e.name, incident_id, today=today)
