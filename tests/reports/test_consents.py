"""The consent ledger: its figures are the counts the services give, period by period,
and it never reads the consent table row by row."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pdfs import pdf_fonts, pdf_text

from privacydesk.domain.entities import entity
from privacydesk.reports import registry
from privacydesk.services import present, records
from privacydesk.services.reporting import Period


def _flat(path) -> str:
    return " ".join(" ".join(pdf_text(path)).split())


def _count(db, **query) -> int:
    return records.count(db, "consent", records.Query(**query))


def test_the_ledger_prints_the_counts_of_the_services(demo_db, today, tmp_path, monkeypatch):
    real_iterate = records.iterate

    def no_consent_rows(db, entity_name, **kw):
        assert entity_name != "consent", "the ledger reads consents row by row"
        return real_iterate(db, entity_name, **kw)

    monkeypatch.setattr(records, "iterate", no_consent_rows)
    out = tmp_path / "consents.pdf"
    result = registry.build(demo_db, "consents", out, lang="en", today=today)
    monkeypatch.undo()
    text = _flat(out)
    p = Period.last_months(today)
    in_period = dict(date_from=p.start, date_to=p.end)
    captured = _count(demo_db, date_field="captured_at", **in_period)
    active = _count(demo_db, equals={"status": "active"})
    withdrawn_in_period = _count(demo_db, equals={"status": "withdrawn"},
                                 date_field="withdrawn_at", **in_period)
    withdrawn = _count(demo_db, equals={"status": "withdrawn"})
    superseded = _count(demo_db, equals={"status": "superseded"})
    total = records.count(demo_db, "consent")
    assert captured and withdrawn_in_period and superseded  # the demo has some of each
    assert f"Captured in the period {captured:,}" in text
    assert f"Active now {active:,}" in text
    assert f"Withdrawn in the period {withdrawn_in_period:,}" in text
    assert f"Withdrawn (all) {withdrawn:,}" in text
    assert f"Superseded {superseded:,}" in text
    assert f"Recorded (all) {total:,}" in text
    assert (f"Total of this version {captured:,} {active:,} {withdrawn_in_period:,} "
            f"{withdrawn:,} {superseded:,} {total:,}") in text

    # one purpose under the policy version: its line, figure by figure
    consent = records.page(demo_db, "consent", limit=1, sort="id",
                           query=records.Query(equals={"scope": "purpose"})).rows[0]
    one = {"purpose": consent["purpose"], "scope": "purpose",
           "policy_version": consent["policy_version"]}
    line = [_count(demo_db, equals=one, date_field="captured_at", **in_period),
            _count(demo_db, equals={**one, "status": "active"}),
            _count(demo_db, equals={**one, "status": "withdrawn"},
                   date_field="withdrawn_at", **in_period),
            _count(demo_db, equals={**one, "status": "withdrawn"}),
            _count(demo_db, equals={**one, "status": "superseded"}),
            _count(demo_db, equals=one)]
    scope = present.choice_label(entity("consent").field("scope"), "purpose", "en")
    assert f"{scope} " + " ".join(f"{n:,}" for n in line) in text

    # withdrawals month by month (Japan days), and their total
    rows = {}
    day = p.start
    while day <= p.end:
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = min(nxt - timedelta(days=1), p.end)
        rows[f"{day:%Y-%m}"] = _count(demo_db, equals={"status": "withdrawn"},
                                      date_field="withdrawn_at", date_from=day, date_to=last)
        day = nxt
    for month, n in rows.items():
        found = re.findall(rf"{month}((?: [\d,]+(?= |$))+)", text)
        assert found, month
        assert found[-1].split()[-1] == f"{n:,}", (month, found[-1])  # the row's total
    assert sum(rows.values()) == withdrawn_in_period

    # a recipient consented to: its active consents
    third = records.page(demo_db, "consent", limit=1, sort="id",
                         query=records.Query(equals={"scope": "third_party"})).rows[0]
    mine = {"scope": "third_party", "recipient": third["recipient"]}
    country = records.get(demo_db, "counterparty", third["recipient"])["country"]
    figures = [_count(demo_db, equals=mine, date_field="captured_at", **in_period),
               _count(demo_db, equals={**mine, "status": "active"})]
    assert f"{country} {figures[0]:,} {figures[1]:,}" in text
    assert result.pages == len(pdf_text(out))


def test_the_ledger_in_japanese(demo_db, today, tmp_path):
    out = tmp_path / "consents-ja.pdf"
    registry.build(demo_db, "consents", out, lang="ja", today=today)
    pages = pdf_text(out)
    assert "同意記録台帳" in pages[0]
    text = _flat(out)
    total = records.count(demo_db, "consent")
    active = _count(demo_db, equals={"status": "active"})
    assert f"記録（累計） {total:,}" in text and f"現在有効 {active:,}" in text
    assert "期間中の撤回" in text and "同意に係る提供先" in text and "目次" in text
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_an_empty_period_says_so_and_keeps_the_standing_counts(demo_db, today, tmp_path):
    out = tmp_path / "empty.pdf"
    registry.build(demo_db, "consents", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = _flat(out)
    assert "Nothing to report for this period." in text
    assert "Captured in the period 0" in text and "Withdrawn in the period 0" in text
    assert "No consent was withdrawn in this period." in text
    assert f"Recorded (all) {records.count(demo_db, 'consent'):,}" in text


def test_a_ledger_without_consents(db, today, tmp_path):
    out = tmp_path / "none.pdf"
    registry.build(db, "consents", out, lang="en", today=today)
    assert "No consent is recorded." in _flat(out)
