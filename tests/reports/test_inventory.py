"""The data inventory: every asset with its ledger items and GDPR record, the grants in
force counted as the services count them, and the two flags."""

from __future__ import annotations

from datetime import date

from pdfs import pdf_fonts, pdf_text

from privacydesk.domain import rules
from privacydesk.reports import registry
from privacydesk.services import records


def _flat(path) -> str:
    return " ".join(" ".join(pdf_text(path)).split())


def test_the_inventory_counts_what_the_services_hold(demo_db, today, tmp_path):
    out = tmp_path / "inventory.pdf"
    result = registry.build(demo_db, "inventory", out, lang="en", today=today)
    pages = pdf_text(out)
    text = _flat(out)
    assets = list(records.iterate(demo_db, "data_asset", today=today))
    sensitive_categories = {c["id"] for c in records.iterate(demo_db, "data_category")
                            if c.get("appi_sensitive") or c.get("jis_sensitive")
                            or c.get("gdpr_special")}
    sensitive = [a for a in assets if set(a["data_categories"] or []) & sensitive_categories]
    cutoff = rules.add_months(today, -12)
    stale = [a for a in assets if a["last_reviewed_on"] is None
             or a["last_reviewed_on"] < cutoff]
    in_force = records.count(demo_db, "grant", records.Query(equals={"revoked_on": None}))
    assert sensitive and stale  # the demo has both
    assert f"Data assets {len(assets)}" in text
    assert f"Holding sensitive data (any scheme) {len(sensitive)}" in text
    assert f"Not reviewed within 12 months {len(stale)}" in text
    assert f"Access grants in force on these assets {in_force:,}" in text
    assert text.count("Sensitive data") >= 2 * len(sensitive)  # the list and the entries
    assert "As of: 2026-11-26" in pages[0] and "Period" not in pages[0]
    assert "Contents" in pages[1]
    for a in assets:  # each asset's entry, with its GDPR record
        held = records.count(demo_db, "grant", records.Query(
            equals={"asset": a["id"], "revoked_on": None}))
        assert f"{held:,} access grants in force" in text
    assert text.count("GDPR controller / joint controllers") == len(assets)
    assert result.pages == len(pages)


def test_flags_and_grants_of_each_asset(db, make, today, tmp_path):
    sensitive = make("sensitive_category", scheme="appi", text_ja="病歴", text_en="Medical")
    health = make("data_category", name_ja="病歴", name_en="Medical history",
                  appi_sensitive=sensitive)
    plain = make("data_category", name_ja="メールアドレス", name_en="E-mail")
    recent = make("data_asset", name="Asset A health", data_categories=[health, plain],
                  last_reviewed_on=date(2026, 10, 1), estimated_people=1200,
                  storage_country="US", gdpr_controller="Controller A")
    make("data_asset", name="Asset B stale", data_categories=[plain],
         last_reviewed_on=rules.add_months(today, -12).replace(day=25))  # 12 months + 1 day
    make("data_asset", name="Asset C on the day", data_categories=[plain],
         last_reviewed_on=rules.add_months(today, -12))  # exactly twelve months: in time
    make("data_asset", name="Asset D never", data_categories=[plain])
    for _ in range(2):
        make("grant", asset=recent)
    make("grant", asset=recent, revoked_on=date(2026, 11, 1))
    out = tmp_path / "flags.pdf"
    registry.build(db, "inventory", out, lang="en", today=today)
    text = _flat(out)
    assert "Data assets 4" in text
    assert "Holding sensitive data (any scheme) 1" in text
    assert "of which APPI special care-required 1" in text
    assert "Not reviewed within 12 months 2" in text and "of which never reviewed 1" in text
    assert "Stored outside Japan 1" in text
    assert "2 access grants in force" in text  # the revoked grant is not counted
    assert "Medical history [APPI special care-required]" in text
    assert "about 1,200" in text and "US (stored abroad)" in text
    assert "Controller A" in text
    assert text.count("Never reviewed") == 2  # in the list and in the entry
    # Asset B only, in the list and its entry (and once where the summary explains the flag)
    assert text.count("Not reviewed in 12 months") == 3


def test_the_inventory_in_japanese(demo_db, today, tmp_path):
    out = tmp_path / "inventory-ja.pdf"
    registry.build(demo_db, "inventory", out, lang="ja", today=today)
    pages = pdf_text(out)
    assert "個人データ管理台帳・処理活動の記録" in pages[0] and "基準日: 2026-11-26" in pages[0]
    text = _flat(out)
    n = records.count(demo_db, "data_asset")
    assert f"個人データ台帳の数 {n}" in text
    assert "アクセス権を有する者" in text and "要配慮・機微情報あり" in text
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_an_empty_inventory_says_so(db, today, tmp_path):
    out = tmp_path / "none.pdf"
    registry.build(db, "inventory", out, lang="en", today=today)
    text = _flat(out)
    assert "Data assets 0" in text and "No data asset is recorded." in text


def test_the_inventory_has_no_period(demo_db, tmp_path):
    assert registry.spec("inventory").period is False
