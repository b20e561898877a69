"""Incident reports (draft and filing) and the notice to individuals.

The incident became known at 16:30 UTC on Fri 2026-11-20, which is 01:30 on Sat
2026-11-21 in Japan: day 1 is 21 Nov, the preliminary report's target 25 Nov, the final
report's day 30 Sun 20 Dec, rolled to Mon 21 Dec. Today is Thu 2026-11-26.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from _refusal import japanese, refused

from privacydesk.services import duties, incidents, records
from privacydesk.services.records import Query
from privacydesk.store.audit import history

TODAY = date(2026, 11, 26)
KNOWN = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
DESCRIPTION = "営業担当者が顧客一覧を誤って社外の宛先に送信した。"


@pytest.fixture
def incident(db, make):
    sensitive = records.page(db, "sensitive_category", query=Query(
        equals={"code": "APPI-MEDICAL-HISTORY"})).rows[0]["id"]
    medical = make("data_category", name_ja="病歴", appi_sensitive=sensitive)
    name = make("data_category", name_ja="氏名")
    return make("incident", title="顧客リストの誤送信", known_at=KNOWN, kind="leak",
                cause="misdelivery", description=DESCRIPTION,
                data_categories=[medical, name], affected_max=1500)


def _complete(values):
    return {**values, "secondary_damage": "現時点で二次被害は確認されていない。",
            "individuals_response": "2026-11-24、電子メールにより本人に通知した。",
            "publication": "2026-11-24、当社Webサイトで公表した。",
            "prevention": "社外宛ての送信時に上長の承認を必須とした。"}


# --- drafts -------------------------------------------------------------------------------


def test_draft_in_japanese(db, incident):
    draft = incidents.draft_report(db, incident, "ppc_preliminary", today=TODAY)
    assert draft == {
        "incident": incident, "kind": "ppc_preliminary", "submitted_on": TODAY,
        "reference": None,
        "overview": "2026年11月21日1時30分（日本時間）、「顧客リストの誤送信」により、個人データの"
                    "漏えいが発生し、又は発生したおそれがあることを把握した。\n" + DESCRIPTION,
        "data_items": "病歴、氏名（要配慮個人情報を含む）",
        "people_count": 1500,
        "cause": "原因の区分：誤送付・誤送信\n" + DESCRIPTION,
        "secondary_damage": "【要記入】二次被害又はそのおそれの有無及びその内容",
        "individuals_response":
            "【要記入】本人への対応の実施状況（本人への通知の時期及び方法を含む）",
        "publication": "【要記入】公表の実施状況",
        "prevention": "【要記入】再発防止のための措置（実施済みの措置及び今後の予定）",
        "other": "報告対象となる事態（規則7条）：(1) 要配慮個人情報、(4) 1,000人超",
    }
    assert records.count(db, "incident_report") == 0  # a draft writes nothing


def test_draft_in_english_with_the_notice_and_without_categories(db, make):
    row_id = make("incident", title="Lost laptop", known_at=KNOWN, kind="loss",
                  cause="lost_device", affected_max=12, high_level_encryption=True,
                  individuals_notified_on=date(2026, 11, 22), notice_method="letter",
                  alternative_measure="notice on the website")
    draft = incidents.draft_report(db, row_id, "ppc_final", lang="en", today=TODAY)
    assert draft["overview"] == ("On 2026-11-21 01:30 JST the company became aware of a loss or "
                                 "possible loss of personal data: Lost laptop.")
    assert draft["data_items"] == \
        "[To be completed] the personal data items leaked or possibly leaked"
    assert draft["cause"] == "Cause: Lost device or papers\n[To be completed] how it happened " \
                             "and why"
    assert draft["individuals_response"] == (
        "The individuals were notified on 2026-11-22 (letter).\n"
        "As the notice is difficult for some or all of them: notice on the website.")
    assert draft["other"] == ("None of the situations of PPC Rules Art 7 applies (voluntary "
                              "report)\nThe data was protected by high-level encryption.")
    assert draft["people_count"] == 12


def test_draft_of_an_unknown_kind_is_refused(db, incident):
    refused(db, lambda: incidents.draft_report(db, incident, "press", today=TODAY), "kind",
            "'press' is not one of: ppc_preliminary, ppc_final, gdpr_authority",
            "incident_report")
    assert records.count(db, "incident_report") == 0


# --- filing -------------------------------------------------------------------------------


def test_file_the_preliminary_then_the_final_report(db, incident):
    row = records.get(db, "incident", incident, today=TODAY)
    assert (row["ppc_preliminary_due"], row["ppc_final_due"], row["deadline_status"]) == \
        (date(2026, 11, 25), date(2026, 12, 21), "overdue")
    draft = incidents.draft_report(db, incident, "ppc_preliminary", today=TODAY)
    prelim = incidents.file_report(db, incident, {**draft, "reference": "PPC-0001",
                                                  "submitted_on": date(2026, 11, 24)},
                                   today=TODAY)
    report = records.get(db, "incident_report", prelim)
    assert (report["incident"], report["kind"], report["submitted_on"], report["reference"],
            report["people_count"]) == (incident, "ppc_preliminary", date(2026, 11, 24),
                                         "PPC-0001", 1500)
    assert report["overview"] == draft["overview"]
    (entry,) = history(db, "incident_report", prelim)
    assert entry["action"] == "insert" and entry["after"]["kind"] == "ppc_preliminary"
    # the final report is what is owed now
    row = records.get(db, "incident", incident, today=TODAY)
    assert row["deadline_status"] == "ok"
    assert {d.kind for d in duties.list_duties(db, today=TODAY) if d.record_id == incident} \
        == {"ppc_final", "individual_notice"}

    final = incidents.draft_report(db, incident, "ppc_final", today=TODAY)
    refused(db, lambda: incidents.file_report(db, incident, {
        **final, "submitted_on": date(2026, 11, 23)}, today=TODAY),
        "submitted_on", "cannot precede the preliminary report (2026-11-24)")
    incidents.file_report(db, incident, final, today=TODAY)
    assert records.get(db, "incident", incident, today=TODAY)["deadline_status"] == "done"

    error = refused(db, lambda: incidents.file_report(db, incident, final, today=TODAY),
                    "kind", "a PPC final report was already filed on 2026-11-26")
    assert japanese(error, "kind") == "個情委への確報は2026-11-26に提出済みです"


def test_a_final_report_stands_for_both_only_when_complete(db, incident):
    final = incidents.draft_report(db, incident, "ppc_final", today=TODAY)
    error = refused(db, lambda: incidents.file_report(db, incident, final, today=TODAY),
                    "kind", "file the preliminary report first: a final report stands for both "
                            "only when it reports every item (1)–(9) (PPC General Guidelines "
                            "3-5-3-3); not yet reported: (5) Secondary damage, (6) Response to "
                            "individuals, (7) Publication, (8) Prevention of recurrence")
    assert japanese(error, "kind").endswith(
        "未記入の事項：(5) 二次被害、(6) 本人への対応、(7) 公表、(8) 再発防止策")
    refused(db, lambda: incidents.file_report(db, incident, {**_complete(final), "other": " "},
                                              today=TODAY),
            "kind", "file the preliminary report first: a final report stands for both only "
                    "when it reports every item (1)–(9) (PPC General Guidelines 3-5-3-3); "
                    "not yet reported: (9) Other")
    incidents.file_report(db, incident, _complete(final), today=TODAY)
    row = records.get(db, "incident", incident, today=TODAY)
    assert row["deadline_status"] == "done"  # no preliminary report owed any more
    refused(db, lambda: incidents.file_report(
        db, incident, incidents.draft_report(db, incident, "ppc_preliminary", today=TODAY),
        today=TODAY),
        "kind", "the final report filed on 2026-11-26 already stands for the preliminary one")


def test_gdpr_authority_report_only_where_the_gdpr_applies(db, incident):
    draft = incidents.draft_report(db, incident, "gdpr_authority", today=TODAY)
    error = refused(db, lambda: incidents.file_report(db, incident, draft, today=TODAY), "kind",
                    "the GDPR does not apply to this incident (“GDPR applies” is not set)")
    assert "GDPRが適用されません" in japanese(error, "kind")
    records.update(db, "incident", incident, {"gdpr_applies": True}, today=TODAY)
    row = records.get(db, "incident", incident, today=TODAY)
    assert row["gdpr_authority_due"] == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    incidents.file_report(db, incident, draft, today=TODAY)
    owed = {d.kind for d in duties.list_duties(db, today=TODAY) if d.record_id == incident}
    assert "gdpr_authority" not in owed and "ppc_preliminary" in owed


def test_file_report_date_refusals(db, incident):
    draft = incidents.draft_report(db, incident, "ppc_preliminary", today=TODAY)
    # known at 16:30 UTC on 20 Nov: the JST day is 21 Nov
    error = refused(db, lambda: incidents.file_report(
        db, incident, {**draft, "submitted_on": date(2026, 11, 20)}, today=TODAY),
        "submitted_on", "cannot precede the day the company knew of the incident "
                        "(2026-11-21, JST)")
    assert japanese(error, "submitted_on") == \
        "当社が事態を知った日（2026-11-21、日本時間）より前の日付は入力できません"
    refused(db, lambda: incidents.file_report(
        db, incident, {**draft, "submitted_on": date(2026, 11, 27)}, today=TODAY),
        "submitted_on", "cannot be in the future (today is 2026-11-26)")
    refused(db, lambda: incidents.file_report(db, incident, {**draft, "incident": 424_242},
                                              today=TODAY),
            "incident", f"is another incident (424242) than the one reported on ({incident})")
    refused(db, lambda: incidents.file_report(db, incident, {**draft, "people_count": -1},
                                              today=TODAY),
            "people_count", "must be at least 0")
    with pytest.raises(records.NotFound):
        incidents.file_report(db, 424_242, draft, today=TODAY)
    # a report filed on the JST day 1 itself is fine
    incidents.file_report(db, incident, {**draft, "submitted_on": date(2026, 11, 21)},
                          today=TODAY)


# --- notice to individuals ----------------------------------------------------------------


def test_record_notice(db, incident):
    assert "individual_notice" in {d.kind for d in duties.list_duties(db, today=TODAY)
                                   if d.record_id == incident}
    row = incidents.record_notice(db, incident, notified_on=date(2026, 11, 24),
                                  method="電子メール", alternative_measure=None, today=TODAY)
    assert (row["individuals_notified_on"], row["notice_method"], row["alternative_measure"]) \
        == (date(2026, 11, 24), "電子メール", None)
    assert "individual_notice" not in {d.kind for d in duties.list_duties(db, today=TODAY)
                                       if d.record_id == incident}
    assert history(db, "incident", incident)[-1]["after"]["individuals_notified_on"] == \
        "2026-11-24"
    draft = incidents.draft_report(db, incident, "ppc_final", today=TODAY)
    assert draft["individuals_response"] == "2026-11-24、電子メールにより本人に通知した。"
    # an alternative measure alone replaces the notice
    row = incidents.record_notice(db, incident, notified_on=None, method=None,
                                  alternative_measure="当社Webサイトでの公表及び問合せ窓口の設置",
                                  today=TODAY)
    assert (row["individuals_notified_on"], row["notice_method"], row["alternative_measure"]) \
        == (None, None, "当社Webサイトでの公表及び問合せ窓口の設置")


def test_record_notice_refusals(db, incident):
    error = refused(db, lambda: incidents.record_notice(
        db, incident, notified_on=None, method=" ", alternative_measure=None, today=TODAY),
        "individuals_notified_on", "give the date and the method of the notice, or the "
        "alternative measure taken where a notice is difficult (APPI Art 26(2) proviso)",
        "incident")
    assert "法26条2項ただし書" in japanese(error, "individuals_notified_on")
    refused(db, lambda: incidents.record_notice(
        db, incident, notified_on=date(2026, 11, 24), method=None, alternative_measure=None,
        today=TODAY), "notice_method", "is required with the date of the notice")
    refused(db, lambda: incidents.record_notice(
        db, incident, notified_on=None, method="郵送", alternative_measure=None, today=TODAY),
        "individuals_notified_on", "is required with the method of the notice")
    refused(db, lambda: incidents.record_notice(
        db, incident, notified_on=date(2026, 11, 20), method="郵送", alternative_measure=None,
        today=TODAY),
        "individuals_notified_on",
        "cannot precede the day the company knew of the incident (2026-11-21, JST)")
    refused(db, lambda: incidents.record_notice(
        db, incident, notified_on=date(2026, 11, 27), method="郵送", alternative_measure=None,
        today=TODAY),
        "individuals_notified_on", "cannot be in the future (today is 2026-11-26)")
