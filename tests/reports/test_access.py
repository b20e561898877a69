"""Access review attestation: the reviews of the period and their decisions, and the
grants overdue or held by untrained or departed staff now, as the services count them."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs

from privacydesk.reports import registry
from privacydesk.services import access as access_service
from privacydesk.services import duties, records
from privacydesk.services.reporting import access


def test_reviews_decisions_and_the_dashboards_flagged_grants(demo_db, today, tmp_path):
    summary = duties.summary(demo_db, today=today)
    overdue = sum(1 for d in duties.list_duties(demo_db, today=today)
                  if d.kind == "access_review" and d.status == "overdue")
    reviews = [r for r in records.iterate(demo_db, "access_review")
               if date(2025, 11, 27) <= r["started_on"] <= today
               or (r["attested_on"] and date(2025, 11, 27) <= r["attested_on"] <= today)]
    assert len(reviews) == 3 and summary["grants_untrained_or_departed"] > 0 and overdue > 0
    out = tmp_path / "a.pdf"
    result = registry.build(demo_db, "access", out, lang="ja", today=today)
    text = flat(out)
    assert "アクセス権限の棚卸結果" in pdf_text(out)[0]
    assert f"対象期間中に開始又は承認した棚卸 {len(reviews)}" in text
    assert f"2026-11-26時点で未受講者・退職者が保有する権限 " \
           f"{summary['grants_untrained_or_departed']}" in text
    assert f"2026-11-26時点で棚卸期限を超過した権限 {overdue}" in text
    total = Counter()
    for review in reviews:
        grants = access_service.grants_in_scope(demo_db, review["id"], today=today)
        decided = Counter(g["review_decision"]["decision"] for g in grants
                          if g["review_decision"] is not None)
        undecided = sum(1 for g in grants if g["review_decision"] is None)
        total.update(decided)
        total["undecided"] += undecided
        assert (f"{len(grants)} {decided['keep']} {decided['modify']} {decided['revoke']} "
                f"{undecided}") in text, review["scope"]
        for g in grants:  # each grant modified or revoked, with its date and note
            d = g["review_decision"]
            if d is not None and d["decision"] != "keep":
                assert f"{d['decided_on'].isoformat()} {d['note']}" in text
    assert f"維持 {total['keep']} 変更 {total['modify']} 削除 {total['revoke']} " \
           f"未判定 {total['undecided']}" in text
    assert "棚卸結果の確認" in text and "承認者" in text  # the statement, then the sign-off
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 4


def test_the_flagged_holders_hold_the_dashboards_grants(demo_db, today):
    summary = duties.summary(demo_db, today=today)
    now = access.now(demo_db, "en", today)
    assert now.flagged_grants == summary["grants_untrained_or_departed"]
    assert sum(h.grants for h in now.holders) == now.flagged_grants
    flagged = list(records.iterate(demo_db, "grant", today=today,
                                   query=records.Query(filters=("flagged",))))
    assert {g["holder_status"] for g in flagged} <= {"untrained", "departed"}
    assert Counter(g["holder_status"] for g in flagged) == Counter(
        {s: sum(h.grants for h in now.holders if h.status == s)
         for s in ("untrained", "departed")})
    assert sum(a.grants for a in now.overdue_by_asset) == now.overdue_grants


def test_in_english_and_for_an_empty_period(demo_db, today, tmp_path):
    summary = duties.summary(demo_db, today=today)
    out = tmp_path / "a.pdf"
    registry.build(demo_db, "access", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = flat(out)
    assert "2001-01-01 – 2001-12-31" in text
    assert "No access review was started or attested in this period." in text
    assert "Access reviews started or attested in the period 0" in text
    # the state of today does not depend on the period
    assert f"Grants held by untrained or departed staff as of 2026-11-26 " \
           f"{summary['grants_untrained_or_departed']}" in text
    assert "0 access reviews started or attested in the period" in text
    assert not missing_glyphs(out)


def test_a_review_in_progress_is_not_attested(demo_db, today, tmp_path):
    out = tmp_path / "a.pdf"
    registry.build(demo_db, "access", out, lang="en", today=today)
    text = flat(out)
    assert "Not attested" in text and "Not yet attested: 1 review, with" in text
