"""The disclosure pack: everything about one person, and nothing about anyone else."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import records


def _flat(path) -> str:
    return " ".join(" ".join(pdf_text(path)).split())


def _rows(db, name: str, ref: str) -> list[dict]:
    return list(records.iterate(db, name, query=records.Query(equals={"subject_ref": ref})))


def _two_people(db) -> tuple[str, str]:
    """A: a person whose request drew a complaint (and who gave consents); B: another
    person with consents and a request."""
    refs = {records.get(db, "request", c["request"])["subject_ref"]
            for c in records.iterate(db, "complaint") if c.get("request")}
    a = next(ref for ref in sorted(refs) if _rows(db, "consent", ref))
    b = next(r["subject_ref"] for r in records.iterate(db, "request")
             if r["subject_ref"] != a and _rows(db, "consent", r["subject_ref"]))
    return a, b


def test_the_pack_holds_the_person_and_nobody_else(demo_db, today, tmp_path):
    a, b = _two_people(demo_db)
    mine = records.create(demo_db, "provision_record", {
        "recipient": records.page(demo_db, "counterparty", limit=1).rows[0]["id"],
        "basis": "consent", "subjects": f"{a}, {b}", "data_items": "ITEM-SHARED",
        "provided_on": date(2026, 6, 1), "method": "each", "consent_ref": "CONSENT-REF-1"},
        today=today)
    police = records.create(demo_db, "provision_record", {
        "recipient": records.page(demo_db, "counterparty", limit=1).rows[0]["id"],
        "basis": "exception_27_1", "subjects": a, "data_items": "ITEM-EXEMPT",
        "provided_on": date(2026, 7, 1), "method": "each"}, today=today)
    assert mine and police
    records.create(demo_db, "receipt_record", {
        "provider": records.page(demo_db, "counterparty", limit=1).rows[0]["id"],
        "provider_identity_check": "Registry extract", "provider_acquisition": "ACQ-MINE",
        "subjects": f"{a} (1 person)", "data_items": "ITEM-RECEIVED",
        "received_on": date(2026, 8, 1), "method": "each"}, today=today)
    out = tmp_path / "pack.pdf"
    registry.build(demo_db, "disclosure", out, lang="en", today=today, subject=a)
    text = _flat(out)
    consents_a, requests_a = _rows(demo_db, "consent", a), _rows(demo_db, "request", a)
    complaints_a = [c for c in records.iterate(demo_db, "complaint")
                    if c.get("request") in {r["id"] for r in requests_a}]
    assert consents_a and requests_a and complaints_a
    assert f"Consents {len(consents_a)}" in text
    assert f"Your requests {len(requests_a)}" in text
    assert f"Complaints linked to your requests {len(complaints_a)}" in text
    for c in consents_a:
        assert c["evidence_ref"] in text
    for r in requests_a:
        assert r["received_on"].isoformat() in text
    for c in complaints_a:
        assert " ".join(c["summary"].split())[:20] in text
    # the Art 29 record naming A (and B), the Art 30 record; not the exempt provision
    assert "ITEM-SHARED" in text and "ITEM-RECEIVED" in text and "ACQ-MINE" in text
    assert "ITEM-EXEMPT" not in text
    assert "Records of provision to third parties (Art 29) 1" in text
    # nothing of B: no consent, no request, not even the reference
    for c in _rows(demo_db, "consent", b):
        assert c["evidence_ref"] not in text
    assert b not in text
    assert set(re.findall(r"U\d{8}", text)) == {a}
    assert "Article 33" in text  # the cover note says what this is and on which basis
    assert f"Data subject: {a}" in pdf_text(out)[0]


def test_the_pack_of_b_holds_nothing_of_a(demo_db, today, tmp_path):
    a, b = _two_people(demo_db)
    out = tmp_path / "pack-b.pdf"
    registry.build(demo_db, "disclosure", out, lang="en", today=today, subject=b)
    text = _flat(out)
    for c in _rows(demo_db, "consent", b):
        assert c["evidence_ref"] in text
    for c in _rows(demo_db, "consent", a):
        assert c["evidence_ref"] not in text
    assert set(re.findall(r"U\d{8}", text)) == {b}


def test_consents_and_requests_match_the_reference_exactly(db, make, today, tmp_path):
    make("consent", subject_ref="U00000042", evidence_ref="EV-MINE", status="withdrawn",
         withdrawn_at=datetime(2026, 10, 2, 1, 0, tzinfo=UTC), withdrawal_channel="email")
    make("consent", subject_ref="U000000421", evidence_ref="EV-LONGER")
    make("consent", subject_ref="u00000042", evidence_ref="EV-CASE")
    make("request", subject_ref="U00000042", received_on=date(2026, 9, 1))
    make("request", subject_ref="U000000421", received_on=date(2026, 9, 2))
    out = tmp_path / "exact.pdf"
    registry.build(db, "disclosure", out, lang="en", today=today, subject=" U00000042 ")
    text = _flat(out)
    assert "EV-MINE" in text and "EV-LONGER" not in text and "EV-CASE" not in text
    assert "Consents 1" in text and "Your requests 1" in text
    assert "2026-09-01" in text and "2026-09-02" not in text
    assert "2026-10-02 10:00 (E-mail)" in text  # withdrawn, in Japan time, and how


def test_the_pack_in_japanese(demo_db, today, tmp_path):
    a, _ = _two_people(demo_db)
    out = tmp_path / "pack-ja.pdf"
    registry.build(demo_db, "disclosure", out, lang="ja", today=today, subject=a)
    pages = pdf_text(out)
    assert "保有個人データ開示資料（本人別）" in pages[0] and f"本人の識別子: {a}" in pages[0]
    text = _flat(out)
    assert "個人情報の保護に関する法律第33条" in text.replace(" ", "")
    assert f"同意の記録 {len(_rows(demo_db, 'consent', a))}" in text
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_a_person_we_know_nothing_about(demo_db, today, tmp_path):
    out = tmp_path / "nobody.pdf"
    registry.build(demo_db, "disclosure", out, lang="en", today=today, subject="ZZ-404")
    assert "We hold no record about the person with the reference ZZ-404." in _flat(out)


def test_the_pack_needs_a_person(demo_db, tmp_path):
    with pytest.raises(registry.SubjectRequired):
        registry.build(demo_db, "disclosure", tmp_path / "x.pdf")
