"""The receipt confirmation book (Art 30): what was confirmed on each receipt of the
period, the providers' identities, retention, and the extract for one person."""

from __future__ import annotations

from datetime import date

from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import records
from privacydesk.services.reporting import Period


def _flat(path) -> str:
    return " ".join(" ".join(pdf_text(path)).split())


def _in_book(row: dict, p: Period) -> bool:
    first = row["received_on"]
    if first > p.end:
        return False
    if first >= p.start:
        return True
    if row["method"] in ("bulk", "contract") or row.get("period_end"):
        ends = [d for d in (row.get("period_end"), row.get("last_received_on")) if d]
        return not ends or max(ends) >= p.start
    return False


def test_the_book_holds_the_receipts_of_the_period(demo_db, today, tmp_path):
    out = tmp_path / "receipts.pdf"
    registry.build(demo_db, "receipts", out, lang="en", today=today)
    text = _flat(out)
    p = Period.last_months(today)
    rows = [r for r in records.iterate(demo_db, "receipt_record", today=today)
            if _in_book(r, p)]
    assert rows
    providers = {r["provider"] for r in rows}
    status = {s: sum(1 for r in rows if r["deadline_status"] == s)
              for s in ("ok", "due_soon", "overdue")}
    assert f"Records in this book {len(rows)}" in text
    assert f"Providers named {len(providers)}" in text
    assert f"Keep (within retention) {status['ok']}" in text
    assert f"Retention ends soon {status['due_soon']}" in text
    assert f"Retention over: may be deleted {status['overdue']}" in text
    for pid in providers:  # name, address and representative of each provider
        cp = records.get(demo_db, "counterparty", pid)
        assert " ".join(cp["address"].split()) in text
        assert " ".join(cp["representative"].split()) in text
    assert "How the provider acquired the data" in text


def test_the_extract_for_one_person(db, make, today, tmp_path):
    make("receipt_record", subjects="佐藤 花子 (U00000777)", data_items="ITEM-MINE",
         received_on=date(2026, 5, 1), provider_acquisition="Web campaign with consent")
    make("receipt_record", subjects="U000007770 and others", data_items="ITEM-OTHER",
         received_on=date(2026, 5, 2))
    out = tmp_path / "one.pdf"
    registry.build(db, "receipts", out, lang="en", today=today, subject="u00000777")
    text = _flat(out)
    assert "ITEM-MINE" in text and "ITEM-OTHER" not in text
    assert "Records in this book 1" in text
    assert "佐藤" not in text  # the persons column shows only the reference asked for
    assert "Web campaign with consent" in text


def test_the_book_in_japanese(demo_db, today, tmp_path):
    out = tmp_path / "receipts-ja.pdf"
    registry.build(demo_db, "receipts", out, lang="ja", today=today)
    pages = pdf_text(out)
    assert "第三者提供を受ける際の確認記録（30条）" in pages[0]
    p = Period.last_months(today)
    n = sum(1 for r in records.iterate(demo_db, "receipt_record", today=today)
            if _in_book(r, p))
    text = _flat(out)
    assert f"掲載した記録 {n}" in text and "提供者による取得の経緯" in text
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_an_empty_period_says_so(demo_db, today, tmp_path):
    out = tmp_path / "empty.pdf"
    registry.build(demo_db, "receipts", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = _flat(out)
    assert "Records in this book 0" in text and "Nothing to report for this period." in text
