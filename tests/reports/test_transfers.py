"""Foreign transfers and the external environment: each transfer's basis, information to
the person, checks and due date, and the countries where data goes or is stored."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs, squeezed

from privacydesk.reports import registry
from privacydesk.services import duties, records

START = date(2025, 11, 27)  # the default period of the reports made on TODAY



def test_transfers_checks_and_countries(demo_db, today, tmp_path):
    rows = list(records.iterate(demo_db, "foreign_transfer", today=today))
    overdue = sum(1 for d in duties.list_duties(demo_db, today=today)
                  if d.kind == "transfer_check" and d.status == "overdue")
    checks = list(records.iterate(demo_db, "transfer_check", query=records.Query(
        date_field="checked_on", date_from=START, date_to=today)))
    stored = Counter(a["storage_country"] for a in records.iterate(demo_db, "data_asset"))
    assert overdue and checks and len(stored) > 1
    out = tmp_path / "f.pdf"
    result = registry.build(demo_db, "transfers", out, lang="ja", today=today)
    text = flat(out)
    assert "外国にある第三者への提供と外的環境の把握" in squeezed(pdf_text(out)[0])
    assert f"外国にある第三者への提供 {len(rows)}" in text
    assert f"定期確認の期限超過（相当措置） {overdue}" in text
    assert f"対象期間中の確認 {len(checks)}" in text
    assert f"うち支障が認められた確認 {sum(1 for c in checks if c['obstacles'])}" in text
    for t in rows:
        if t["next_due"] is not None:
            word = {"ok": "期限内", "due_soon": "期限間近", "overdue": "期限超過"}[
                t["deadline_status"]]
            assert f"{t['next_due'].isoformat()}（{word}）" in text
    for c in checks:
        assert c["checked_on"].isoformat() in text
    transfers_to = Counter(t["recipient_country"] for t in rows)
    servers = Counter(t["server_country"] for t in rows)
    for code in ("JP", "US", "IE"):
        names = {"JP": "日本", "US": "米国", "IE": "アイルランド"}
        assert (f"{code}（{names[code]}） {transfers_to[code]} {servers[code]} "
                f"{stored[code]}") in text, code
    assert "移転先の国名を本人に情報提供 はい" in text
    assert "外国の制度を本人に情報提供 いいえ" in text
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 3


def test_gaps_in_consent_information_and_regime_notes(demo_db, today, tmp_path):
    party = records.create(demo_db, "counterparty", {
        "name": "Sao Paulo Marketing Ltda.", "country": "BR", "role": "third_party"})
    records.create(demo_db, "foreign_transfer", {
        "counterparty": party, "recipient_country": "BR", "basis": "consent"})
    records.create(demo_db, "data_asset", {
        "name": "Campaign archive", "kind": "saas", "owner_department": "Marketing",
        "acquisition": "direct_web_form", "storage_country": "MX", "estimated_people": 1200,
        "purposes": [next(records.iterate(demo_db, "purpose"))["id"]]})
    out = tmp_path / "f.pdf"
    registry.build(demo_db, "transfers", out, lang="ja", today=today)
    text = flat(out)
    block = squeezed(text[text.index("Sao Paulo Marketing Ltda.（BR）"):])
    assert ("同意の取得に当たり本人に提供した記録がない情報：移転先の国名、外国の制度、"
            "提供先の講ずる措置（28条2項）") in block
    assert "外国の制度に関する把握事項が記録されていません（方針G）" in block
    assert "MX（メキシコ） 0 0 1 1,200 ● なし Campaign archive" in text
    out = tmp_path / "en.pdf"
    registry.build(demo_db, "transfers", out, lang="en", today=today)
    text = flat(out)
    assert ("Consent without a record that the person was told the country, its regime, "
            "the recipient's measures (Art 28(2))") in text
    assert "MX (Mexico) 0 0 1 1,200 ● None Campaign archive" in text
    assert not missing_glyphs(out)


def test_an_empty_period(demo_db, today, tmp_path):
    out = tmp_path / "f.pdf"
    registry.build(demo_db, "transfers", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = flat(out)
    assert "2001-01-01 – 2001-12-31" in text
    assert "No transfer check was made in this period." in text
    assert text.count("No check of this transfer was made in the period.") == \
        records.count(demo_db, "foreign_transfer")
