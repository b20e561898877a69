"""Entrustee supervision: each entrustee's selection, contract, checks and next due date,
as the services compute them, with the gaps a manager acts on."""

from __future__ import annotations

from datetime import date

from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs, squeezed

from privacydesk.reports import registry
from privacydesk.services import duties, present, records

START = date(2025, 11, 27)  # the default period of the reports made on TODAY



def test_every_entrustee_with_its_checks_and_due_date(demo_db, today, tmp_path):
    entrustees = list(records.iterate(demo_db, "entrustee", today=today))
    overdue = sum(1 for d in duties.list_duties(demo_db, today=today)
                  if d.kind == "entrustee_audit" and d.status == "overdue")
    checks = list(records.iterate(demo_db, "entrustee_check", query=records.Query(
        date_field="checked_on", date_from=START, date_to=today)))
    assert overdue and checks
    out = tmp_path / "e.pdf"
    result = registry.build(demo_db, "entrustees", out, lang="ja", today=today)
    text = flat(out)
    assert "委託先の監督状況" in pdf_text(out)[0]
    assert f"委託先 {len(entrustees)}" in text
    assert f"定期確認の期限超過 {overdue}" in text
    assert f"対象期間中の確認 {len(checks)}" in text
    names = present.titles(demo_db, "counterparty", {e["counterparty"] for e in entrustees},
                           "ja")
    for e in entrustees:
        assert names[e["counterparty"]] in text
        word = {"ok": "期限内", "due_soon": "期限間近", "overdue": "期限超過"}[
            e["deadline_status"]]
        assert f"{e['next_due'].isoformat()}（{word}）" in text
    for c in checks:
        assert c["checked_on"].isoformat() in text
        assert (c["findings"] or "").split(" / ")[0] in text
    assert "✓ 規定あり" in text
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 3


def test_a_thin_contract_is_named_as_points_to_act_on(demo_db, today, tmp_path):
    party = records.create(demo_db, "counterparty", {
        "name": "Overseas Analytics Pte. Ltd.", "country": "SG", "role": "entrustee"})
    records.create(demo_db, "entrustee", {
        "counterparty": party, "services": "Log analysis", "selected_on": date(2026, 5, 1),
        "selection_measures": ["A", "B", "C", "D", "E", "F"], "clause_security": True,
        "clause_audit": False, "clause_subcontract": False, "clause_return": True,
        "sub_entrustees": "Cloud Hosting Ltd. (US)"})
    out = tmp_path / "e.pdf"
    registry.build(demo_db, "entrustees", out, lang="ja", today=today)
    text = flat(out)
    block = squeezed(text[text.index("Overseas Analytics Pte. Ltd.（SG）"):])
    for words in ("契約：監査権 × 規定なし", "契約：事故報告の期限（時間） × 定めなし",
                  "監査権が契約にありません", "事故報告の期限が契約に定められていません",
                  "再委託先がありますが、再委託の事前承認が契約にありません",
                  "外国（SG）の委託先ですが、外的環境の把握（G）を確認していません"):
        assert squeezed(words) in block, words
    out = tmp_path / "en.pdf"
    registry.build(demo_db, "entrustees", out, lang="en", today=today)
    text = flat(out)
    block = text[text.index("Overseas Analytics Pte. Ltd. (SG)"):]
    assert "Contract: audit right × Missing" in block
    assert "Contract: breach notice within (hours) × None" in block
    assert "Not in the contract: audit right" in block
    assert "Sub-entrustees without a contract clause requiring approval" in block
    assert not missing_glyphs(out)


def test_an_empty_period_still_lists_the_entrustees(demo_db, today, tmp_path):
    out = tmp_path / "e.pdf"
    registry.build(demo_db, "entrustees", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = flat(out)
    assert "2001-01-01 – 2001-12-31" in text
    assert "No supervision check was made in this period." in text
    assert "Checks made in the period 0" in text
    assert text.count("No check of this entrustee was made in the period.") == \
        records.count(demo_db, "entrustee")
