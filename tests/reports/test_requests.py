"""The request log with service levels: its figures are the services' figures."""

from __future__ import annotations

import re
import statistics
from datetime import date

import pytest
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import duties, records, reporting
from privacydesk.services.reporting import requests as model


def _period_rows(db, today):
    period = reporting.Period.last_months(today)
    return list(records.iterate(db, "request", query=period.query("received_on"),
                                today=today))


def _expected(db, today):
    """The service levels, worked out here from the computed request rows."""
    rows = _period_rows(db, today)
    answered = [r for r in rows if r["responded_on"] is not None]
    on_time = sum(1 for r in answered if r["due_on"] and r["responded_on"] <= r["due_on"])
    late = sum(1 for r in answered if r["due_on"] and r["responded_on"] > r["due_on"])
    overdue = sum(1 for r in rows if r["deadline_status"] == "overdue")
    days = [(r["responded_on"] - r["received_on"]).days for r in answered]
    return rows, on_time, late + overdue, overdue, statistics.median(days)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_figures_are_those_of_the_services(demo_db, today, tmp_path, lang):
    out = tmp_path / f"requests-{lang}.pdf"
    result = registry.build(demo_db, "requests", out, lang=lang, today=today)
    pages = pdf_text(out)
    assert result.pages == len(pages) >= 4
    text = "\n".join(pages)
    flat = text.replace("\n", "")
    rows, on_time, late, overdue, median = _expected(demo_db, today)
    share = f"{100 * on_time / (on_time + late):.1f}%"
    assert on_time and late and overdue  # the demo has every case
    if lang == "ja":
        assert "開示等の請求の処理記録（サービス水準）" in pages[0]
        assert f"{len(rows)}件" in flat
        assert f"{share}（期限を迎えた{on_time + late}件のうち{on_time}件" in flat
        assert f"うち期限超過 {overdue}件" in flat
        assert f"{median:g}日" in flat
    else:
        assert "Request log with service levels" in pages[0]
        assert f"{share} ({on_time} of {on_time + late} requests due" in flat
        assert f"(of them {overdue} overdue)" in flat
        assert f"{median:g} days" in flat
    # the dashboard's figures, as the dashboard computes them
    counts, duty_list = duties.overview(demo_db, today=today)
    overdue_now = sum(1 for d in duty_list
                      if d.kind == "request_response" and d.status == "overdue")
    if lang == "ja":
        assert f"未回答 {counts['open_requests']}件、期限超過 {overdue_now}件" in flat
    else:
        assert f"{counts['open_requests']} open, {overdue_now} overdue" in flat
    # the log: every request of the period once, in the order received
    refs = [r["subject_ref"] for r in sorted(rows, key=lambda r: (r["received_on"], r["id"]))]
    assert re.findall(r"U\d{8}", text) == refs
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_fees_extensions_and_refusal_grounds(demo_db, today, tmp_path):
    rows = _period_rows(demo_db, today)
    s = model.summary(demo_db, reporting.Period.last_months(today), "en", today=today)
    assert s.total.received == len(rows)
    assert s.fees_total == sum(r["fee"] or 0 for r in rows)
    assert s.extended == sum(1 for r in rows if r["extended"])
    assert s.gdpr == sum(1 for r in rows if r["law"] == "GDPR")
    assert s.refused == sum(1 for r in rows if r["decision"] == "refused")
    grounds = {g.ground: g.total for g in s.grounds}
    assert grounds == {
        g: sum(1 for r in rows if r["refusal_ground"] == g)
        for g in {r["refusal_ground"] for r in rows} - {None}}
    assert sum(sum(m.by_family.values()) for m in s.months) == len(rows)
    assert sum(k.tally.received for k in s.kinds) == len(rows)
    out = tmp_path / "r.pdf"
    registry.build(demo_db, "requests", out, lang="en", today=today)
    flat = "\n".join(pdf_text(out)).replace("\n", "")
    plural = "" if s.fees_count == 1 else "s"
    assert f"¥{s.fees_total:,} ({s.fees_count} request{plural})" in flat
    assert f"{s.extended} of {s.gdpr} GDPR requests" in flat
    for g in s.grounds:
        assert g.code in flat


def test_on_time_counts_an_open_overdue_request_as_late(db, make, today):
    answered = {"status": "responded", "decision": "full",
                "identity_verified_on": date(2026, 9, 1)}
    make("request", received_on=date(2026, 10, 1), responded_on=date(2026, 10, 10),
         **answered)  # due 10-15: on time, 9 days
    make("request", received_on=date(2026, 9, 1), responded_on=date(2026, 9, 20),
         **answered)  # due 09-15: late, 19 days
    make("request", received_on=date(2026, 10, 20), status="in_progress")  # overdue
    make("request", received_on=date(2026, 11, 20))  # due 12-04: open, not judged
    make("request", received_on=date(2026, 11, 2), status="withdrawn",
         withdrawn_on=date(2026, 11, 3))  # owes nothing
    s = model.summary(db, reporting.Period.last_months(today), "en", today=today)
    t = s.total
    assert (t.received, t.answered, t.open, t.withdrawn) == (5, 2, 2, 1)
    assert (t.on_time, t.late, t.overdue, t.judged) == (1, 2, 1, 3)
    assert t.on_time_share == pytest.approx(100 / 3)
    assert t.median_days == 14
    october = next(m for m in s.months if m.month == date(2026, 10, 1))
    assert (october.tally.on_time, october.tally.late) == (1, 1)
    assert october.by_family == {"disclosure": 2}


def test_an_empty_period_gives_a_report_that_says_so(demo_db, today, tmp_path):
    for lang, words in (("en", "Nothing to report for this period."),
                        ("ja", "この期間に報告すべき事項はありません。")):
        out = tmp_path / f"empty-{lang}.pdf"
        registry.build(demo_db, "requests", out, lang=lang, today=today,
                       start=date(2001, 1, 1), end=date(2001, 12, 31))
        text = "\n".join(pdf_text(out))
        assert words in text
        assert "2001-01-01" in text


def test_a_long_log_prints_its_header_once_per_page_and_every_row_once(db, make, today,
                                                                        tmp_path):
    for i in range(260):
        make("request", received_on=date(2026, 6, 1 + i % 28), subject_ref=f"U{i:08d}")
    out = tmp_path / "long.pdf"
    registry.build(db, "requests", out, lang="en", today=today)
    pages = pdf_text(out)
    log_pages = [p for p in pages if re.search(r"U\d{8}", p)]
    assert len(log_pages) >= 5
    for text in log_pages:
        assert text.count("Subject ref.") == 1  # the header on top, never mid-page
    found = sorted(m for p in pages for m in re.findall(r"U(\d{8})", p))
    assert found == [f"{i:08d}" for i in range(260)]
