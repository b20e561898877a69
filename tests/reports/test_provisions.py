"""The provision record book (Art 29): the records of the period, their retention, and
the extract for one person (Art 33(5))."""

from __future__ import annotations

from datetime import date

import pytest
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import records
from privacydesk.services.reporting import Period, books


def _flat(path) -> str:
    return " ".join(" ".join(pdf_text(path)).split())


def _in_book(row: dict, p: Period) -> bool:
    """A record of the period: provided in it, or a bulk / contract record whose span
    (to its period end or last provision, open when it has neither) overlaps it."""
    first = row["provided_on"]
    if first > p.end:
        return False
    if first >= p.start:
        return True
    if row["method"] in ("bulk", "contract") or row.get("period_end"):
        ends = [d for d in (row.get("period_end"), row.get("last_provided_on")) if d]
        return not ends or max(ends) >= p.start
    return False


def test_the_book_holds_the_records_of_the_period(demo_db, today, tmp_path):
    out = tmp_path / "provisions.pdf"
    registry.build(demo_db, "provisions", out, lang="en", today=today)
    text = _flat(out)
    p = Period.last_months(today)
    rows = [r for r in records.iterate(demo_db, "provision_record", today=today)
            if _in_book(r, p)]
    spanning = [r for r in rows if r["provided_on"] < p.start]
    assert rows and spanning  # the demo has bulk records begun before the period
    exempt = [r for r in rows if r["record_required"] is False]
    kept = [r for r in rows if r["deadline_status"] == "ok"]
    recipients = {r["recipient"] for r in rows}
    assert f"Records in this book {len(rows)}" in text
    assert f"Recipients named {len(recipients)}" in text
    assert f"No record required (Art 27(1) exception or Art 27(5)) {len(exempt)}" in text
    assert f"Keep (within retention) {len(kept)}" in text
    for r in rows:
        assert r["provided_on"].isoformat() in text
    for r in rows:  # every recipient with what identifies it
        cp = records.get(demo_db, "counterparty", r["recipient"])
        assert " ".join(cp["address"].split()) in text


def test_retention_words(db, make, today, tmp_path):
    make("provision_record", basis="consent", provided_on=date(2021, 1, 10),
         data_items="ITEM-OLD")  # 3 years from 2021-01-10: over
    make("provision_record", basis="consent", provided_on=date(2024, 2, 1), method="bulk",
         data_items="ITEM-RUNNING")  # bulk, no end yet
    make("provision_record", basis="exception_27_1", provided_on=date(2026, 3, 1),
         data_items="ITEM-EXEMPT")
    make("provision_record", basis="opt_out", provided_on=date(2023, 11, 30),
         data_items="ITEM-SOON")  # ends 2026-11-30, four days after today
    out = tmp_path / "retention.pdf"
    registry.build(db, "provisions", out, lang="en", today=today,
                   start=date(2020, 1, 1), end=today)
    text = _flat(out)
    assert "Records in this book 4" in text
    assert "Retention over: may be deleted 1" in text
    assert "Provisions continue: retention not yet running 1" in text
    assert "Retention ends soon 1" in text
    assert "2024-01-10" in text  # the retention end of the old record
    assert "No record required" in text
    assert "2024-02-01 – (continuing)" in text


def test_a_person_is_matched_as_a_whole_reference(db, make, today, tmp_path):
    for subjects, marker in (("U00000123 (1 person) / 1名", "ITEM-ONE"),
                             ("U000001234 (1 person)", "ITEM-TWO"),
                             ("u00000123、U00000999", "ITEM-THREE"),
                             ("山田太郎様ほか2名", "ITEM-FOUR"),
                             ("Ｕ０００００１２３", "ITEM-FIVE"),
                             ("XU00000123", "ITEM-SIX")):
        make("provision_record", subjects=subjects, data_items=marker,
             provided_on=date(2026, 6, 1))
    out = tmp_path / "one.pdf"
    registry.build(db, "provisions", out, lang="en", today=today, subject="U00000123")
    text = _flat(out)
    assert "ITEM-ONE" in text and "ITEM-THREE" in text and "ITEM-FIVE" in text
    assert "ITEM-TWO" not in text and "ITEM-FOUR" not in text and "ITEM-SIX" not in text
    assert "Records in this book 3" in text
    assert "U00000999" not in text and "U000001234" not in text  # nobody else
    assert "Data subject: U00000123" in pdf_text(out)[0]
    assert "ignoring upper and lower case" in text  # the report says how it matches
    out = tmp_path / "name.pdf"
    registry.build(db, "provisions", out, lang="ja", today=today, subject="山田")
    text = _flat(out)
    assert "ITEM-FOUR" in text and "ITEM-ONE" not in text and "掲載した記録 1" in text
    assert "山田太郎様" not in text  # only the reference asked for


@pytest.mark.parametrize(("ref", "text", "found"), [
    ("U00000123", "U00000123 (1 person)", True),
    ("U00000123", "U000001234", False),
    ("u00000123", "see U00000123.", True),
    ("U00000123", "Ｕ０００００１２３", True),
    ("佐藤", "佐藤花子様", True),
    ("A-1", "ref A-1, A-12", True),
    ("A-1", "ref A-12", False),
    ("", "anything", False),
    ("U1", None, False),
])
def test_subject_matcher(ref, text, found):
    assert books.subject_matcher(ref)(text) is found


def test_the_book_in_japanese(demo_db, today, tmp_path):
    out = tmp_path / "provisions-ja.pdf"
    registry.build(demo_db, "provisions", out, lang="ja", today=today)
    pages = pdf_text(out)
    assert "第三者提供に係る記録（29条）" in pages[0]
    p = Period.last_months(today)
    n = sum(1 for r in records.iterate(demo_db, "provision_record", today=today)
            if _in_book(r, p))
    text = _flat(out)
    assert f"掲載した記録 {n}" in text and "提供先の名称・住所・代表者" in text
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_an_empty_period_says_so(demo_db, today, tmp_path):
    out = tmp_path / "empty.pdf"
    registry.build(demo_db, "provisions", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = _flat(out)
    assert "Records in this book 0" in text and "Nothing to report for this period." in text
    out = tmp_path / "empty-one.pdf"
    registry.build(demo_db, "provisions", out, lang="en", today=today, subject="U00000001",
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    assert "No record of this period names U00000001." in _flat(out)
