"""The annual privacy report: the dashboard's figures and the period's, in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import duties, records, reporting
from privacydesk.services.reporting import annual as model


def _flat(path) -> str:
    return "".join(pdf_text(path)).replace("\n", "")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_key_figures_are_the_dashboards_and_the_periods(demo_db, today, tmp_path, lang):
    out = tmp_path / f"annual-{lang}.pdf"
    result = registry.build(demo_db, "annual", out, lang=lang, today=today)
    pages = pdf_text(out)
    assert result.pages == len(pages)
    flat = _flat(out)
    period = reporting.Period.last_months(today)
    counts, duty_list = duties.overview(demo_db, today=today)
    received = records.count(demo_db, "request", period.query("received_on"))
    rows = list(records.iterate(demo_db, "request", query=period.query("received_on"),
                                today=today))
    on_time = sum(1 for r in rows if r["responded_on"] and r["due_on"]
                  and r["responded_on"] <= r["due_on"])
    judged = on_time + sum(1 for r in rows if r["due_on"] and (
        (r["responded_on"] and r["responded_on"] > r["due_on"])
        or r["deadline_status"] == "overdue"))
    overdue_requests = sum(1 for d in duty_list
                           if d.kind == "request_response" and d.status == "overdue")
    incidents = records.count(demo_db, "incident", period.query("known_at"))
    share = f"{100 * on_time / judged:.1f}% ({on_time}/{judged})"
    compliance = (f"{counts['training_compliance_pct']:.1f}% "
                  f"({counts['staff_trained']}/{counts['staff_handling_data']})")
    assert share in flat and compliance in flat
    if lang == "ja":
        assert "個人情報保護に関する年次報告" in pages[0]
        cells = flat.replace(" ", "")
        assert f"受付期間{received}件" in cells
        assert f"期間中に{received}件の請求を受け付け" in flat
        assert f"本日時点の未回答は{counts['open_requests']}件で、うち{overdue_requests}件" in flat
        assert f"把握期間{incidents}件" in cells
        assert f"本日時点で期限超過の義務は{counts['overdue_duties']}件" in flat
        assert (f"未受講者・退職者が保有する権限本日{counts['grants_untrained_or_departed']}件"
                in cells)
    else:
        assert "Annual privacy report" in pages[0]
        assert f"{received} requests were received in the period" in flat
        assert f"Today {counts['open_requests']} requests are open, {overdue_requests} of " \
               "them overdue" in flat
        assert f"The company knew of {incidents} incidents in the period" in flat
        assert f"Today {counts['overdue_duties']} duties are overdue" in flat
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_the_parts_add_up_to_the_services_counts(demo_db, today):
    period = reporting.Period.last_months(today)
    a = model.annual(demo_db, period, "en", today=today)
    counts = duties.summary(demo_db, today=today)
    assert sum(d.handling for d in a.departments) == counts["staff_handling_data"]
    assert sum(d.trained for d in a.departments) == counts["staff_trained"]
    assert a.grants_reviewed == records.count(demo_db, "review_decision",
                                              period.query("decided_on"))
    assert a.decisions.get("revoke", 0) == records.count(demo_db, "review_decision", records.Query(
        equals={"decision": "revoke"}, date_field="decided_on", date_from=period.start,
        date_to=period.end))
    assert a.entrustee_checks == records.count(demo_db, "entrustee_check",
                                               period.query("checked_on"))
    assert a.transfer_checks == records.count(demo_db, "transfer_check",
                                              period.query("checked_on"))
    assert a.reviews_attested == records.count(demo_db, "access_review",
                                               period.query("attested_on"))
    assert sum(x.overdue for x in a.risks) == counts["overdue_duties"]
    measures = list(records.iterate(demo_db, "safety_measure", today=today))
    assert sum(sum(m.statuses.values()) for m in a.measures) == len(measures)
    assert sum(m.reviews_overdue for m in a.measures) == sum(
        1 for m in measures if m["deadline_status"] == "overdue")
    assert a.complaints_open_now == records.count(demo_db, "complaint",
                                                  records.Query(filters=("open",)))


def test_an_empty_period_says_so_and_still_gives_today(demo_db, today, tmp_path):
    counts = duties.summary(demo_db, today=today)
    for lang, words in (("en", "Nothing to report for this period."),
                        ("ja", "この期間に報告すべき事項はありません。")):
        out = tmp_path / f"empty-{lang}.pdf"
        registry.build(demo_db, "annual", out, lang=lang, today=today,
                       start=date(2001, 1, 1), end=date(2001, 12, 31))
        flat = _flat(out)
        assert words in flat
        assert f"{counts['training_compliance_pct']:.1f}%" in flat


def test_the_list_of_reports_follows_the_catalog_starting_with_the_annual_report():
    from privacydesk.reports import catalog

    names = [s.name for s in registry.reports()]
    assert names == list(catalog.ORDER) and names[0] == "annual"
