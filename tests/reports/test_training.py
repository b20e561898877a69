"""Training compliance: the dashboard's share, the people behind it, and the completions of
the period, as the services compute them."""

from __future__ import annotations

from datetime import date

from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs

from privacydesk.reports import registry
from privacydesk.services import duties, records
from privacydesk.services import training as training_service
from privacydesk.services.reporting import training


def _handling(db, today) -> set[int]:
    """The dashboard's population, read the long way round: every staff row."""
    return {s["id"] for s in records.iterate(db, "staff", today=today)
            if s["handles_personal_data"] and (s["ended_on"] is None or s["ended_on"] > today)
            and (s["started_on"] is None or s["started_on"] <= today)}


def test_the_share_is_the_dashboards_and_the_rows_add_up_to_it(demo_db, today, tmp_path):
    s = duties.summary(demo_db, today=today)
    c = training.compliance(demo_db, "ja", today)
    assert (c.staff_handling_data, c.staff_trained, c.pct) == (
        s["staff_handling_data"], s["staff_trained"], s["training_compliance_pct"])
    assert 0 < s["staff_trained"] < s["staff_handling_data"] == len(_handling(demo_db, today))
    assert sum(d.handling for d in c.departments) == s["staff_handling_data"]
    assert sum(d.trained for d in c.departments) == s["staff_trained"]
    untrained = s["staff_handling_data"] - s["staff_trained"]
    assert len({p.staff for p in c.not_trained}) == untrained

    out = tmp_path / "t.pdf"
    result = registry.build(demo_db, "training", out, lang="ja", today=today)
    text = flat(out)
    assert "教育・研修の受講状況" in pdf_text(out)[0]  # Japanese extractable
    assert f"個人データを取り扱う従業者 {s['staff_handling_data']}" in text
    assert f"うち必須研修をすべて修了（有効期限内） {s['staff_trained']}" in text
    assert f"受講率 {s['training_compliance_pct']:.1f}%" in text
    assert f"未修了者（必須研修の期限切れ・未受講） {untrained}" in text
    for d in c.departments:
        assert (f"{d.department} {d.handling} {d.trained} {d.handling - d.trained} "
                f"{d.pct:.1f}%") in text
    for p in c.not_trained:
        assert p.staff in text
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 3


def test_expiring_lists_are_the_completions_about_to_lapse(demo_db, today, tmp_path):
    handling = _handling(demo_db, today)
    mandatory = {k["id"]: k for k in records.iterate(demo_db, "course") if k["mandatory"]}
    near, far = [], []
    for row in records.iterate(demo_db, "completion", today=today):
        if row["course"] in mandatory and row["staff"] in handling \
                and row["training_status"] in training_service.IN_FORCE:
            days = (row["expires_on"] - today).days
            (near if days <= 30 else far if days <= 60 else []).append(row)
    assert near and far
    c = training.compliance(demo_db, "en", today)
    assert sorted(p.due for p in c.expiring_near) == sorted(r["expires_on"] for r in near)
    assert sorted(p.due for p in c.expiring_far) == sorted(r["expires_on"] for r in far)
    in_period = records.count(demo_db, "completion", records.Query(
        date_field="completed_on", date_from=date(2025, 11, 27), date_to=today))
    out = tmp_path / "t.pdf"
    registry.build(demo_db, "training", out, lang="en", today=today)
    text = flat(out)
    assert f"Completions expiring within 30 days {len(near)}" in text
    assert f"Completions expiring within 60 days {len(near) + len(far)}" in text
    assert f"Completions recorded in the period {in_period}" in text
    for row in near + far:
        assert row["expires_on"].isoformat() in text
    period = list(records.iterate(demo_db, "completion", today=today, query=records.Query(
        date_field="completed_on", date_from=date(2025, 11, 27), date_to=today)))
    for course in records.iterate(demo_db, "course"):
        done = [r for r in period if r["course"] == course["id"]]
        failed = sum(1 for r in done if r["training_status"] == "failed")
        if done:
            assert (f"{course['title_en']} {'Yes' if course['mandatory'] else 'No'} "
                    f"{len(done)} {len(done) - failed} {failed} "
                    f"{len({r['staff'] for r in done})}") in text
    assert f"Completion rate {duties.summary(demo_db, today)['training_compliance_pct']:.1f}%" \
        in text
    assert not missing_glyphs(out)


def test_an_empty_period_has_no_completions_but_the_state_of_today(demo_db, today, tmp_path):
    out = tmp_path / "t.pdf"
    registry.build(demo_db, "training", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = flat(out)
    assert "2001-01-01 – 2001-12-31" in text
    assert "Completions recorded in the period 0" in text
    assert "No completion was recorded in this period." in text
    out = tmp_path / "j.pdf"
    registry.build(demo_db, "training", out, lang="ja", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    assert "この期間に記録された受講はありません。" in flat(out)


def test_nobody_to_train(db, today, tmp_path):
    out = tmp_path / "t.pdf"
    registry.build(db, "training", out, lang="ja", today=today)
    text = flat(out)
    assert "受講率 100.0%" in text  # the dashboard's figure when nobody handles data
    assert "必須研修が設定されていないか、個人データを取り扱う従業者がいません。" in text
