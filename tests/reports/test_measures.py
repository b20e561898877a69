"""Safety control measures A–G: the counts per category and status, and the reviews due,
as the services compute them."""

from __future__ import annotations

from collections import Counter

from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs

from privacydesk.domain.values import MEASURE_CATEGORIES
from privacydesk.reports import registry
from privacydesk.services import duties, records


def test_counts_per_category_and_status_and_overdue_reviews(demo_db, today, tmp_path):
    rows = list(records.iterate(demo_db, "safety_measure", today=today))
    counts = Counter((r["category"], r["status"]) for r in rows)
    overdue = sum(1 for d in duties.list_duties(demo_db, today=today)
                  if d.kind == "measure_review" and d.status == "overdue")
    assert overdue > 0
    out = tmp_path / "m.pdf"
    result = registry.build(demo_db, "measures", out, lang="ja", today=today)
    text = flat(out)
    assert "基準日: 2026-11-26" in pdf_text(out)[0] and "対象期間" not in pdf_text(out)[0]
    assert f"見直し期限超過 {overdue}" in text
    for c in MEASURE_CATEGORIES:
        n = [counts[(c.value, s)] for s in ("implemented", "partial", "planned",
                                            "not_applicable")]
        assert f"{c.label_ja} {' '.join(map(str, n))} {sum(n)}" in text, c.value
    assert f"合計 {sum(1 for r in rows if r['status'] == 'implemented')}" in text
    # each sub-item with its status word, owner and evidence
    c5 = next(r for r in rows if r["code"] == "C5")
    assert "C5" in text and "一部実施" in text and c5["evidence"].split()[0] in text
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 3


def test_in_english_with_a_measure_never_assessed(demo_db, today, tmp_path):
    records.create(demo_db, "safety_measure", {
        "category": "G", "code": "G9", "title_ja": "クラウド事業者の所在国の確認",
        "title_en": "Where the cloud providers are", "status": "planned"})
    out = tmp_path / "m.pdf"
    registry.build(demo_db, "measures", out, lang="en", today=today)
    text = flat(out)
    assert "As of: 2026-11-26" in text and not missing_glyphs(out)
    assert "G Understanding the external environment" in text
    assert "G9 Where the cloud providers are ● Planned" in text
    assert "Not yet assessed" in text


def test_an_empty_catalog_says_so(db, today, tmp_path):
    for row in list(records.iterate(db, "safety_measure")):
        records.delete(db, "safety_measure", row["id"])
    out = tmp_path / "m.pdf"
    registry.build(db, "measures", out, lang="ja", today=today)
    assert "安全管理措置が登録されていません。" in flat(out)
