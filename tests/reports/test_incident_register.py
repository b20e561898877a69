"""The incident register: every incident of the period, the PPC reports filed and drafted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.services import records, reporting
from privacydesk.services.reporting import incidents as model


def _flat(path) -> str:
    return "".join(pdf_text(path)).replace("\n", "").replace(" ", "")


def _period_incidents(db, today):
    period = reporting.Period.last_months(today)
    return list(records.iterate(db, "incident", query=period.query("known_at"), today=today))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_incident_of_the_period_with_its_reports(demo_db, today, tmp_path, lang):
    out = tmp_path / f"incidents-{lang}.pdf"
    result = registry.build(demo_db, "incidents", out, lang=lang, today=today)
    pages = pdf_text(out)
    assert result.pages == len(pages)
    flat = _flat(out)
    rows = _period_incidents(demo_db, today)
    reportable = [r for r in rows if r["reportable"]]
    assert rows and reportable and len(reportable) < len(rows)  # both kinds in the demo
    if lang == "ja":
        assert "漏えい等事案の記録" in pages[0]
        assert f"期間中に把握した事案{len(rows)}件" in flat
        assert f"個人情報保護委員会への報告対象（規則7条）{len(reportable)}件" in flat
    else:
        assert "Incident register" in pages[0]
        assert f"Incidentsknownintheperiod{len(rows)}" in flat
        assert f"ReportabletothePPC(PPCRulesArt7){len(reportable)}" in flat
    for r in rows:  # GDPR Art 33(5): every breach, reportable or not
        assert r["title"][:20].replace(" ", "") in flat
    # what was filed with the PPC, as filed
    filed = [rep for rep in records.iterate(demo_db, "incident_report")
             if rep["incident"] in {r["id"] for r in rows} and rep["kind"] != "gdpr_authority"]
    assert filed
    for rep in filed:
        assert rep["reference"].replace(" ", "") in flat
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts


def test_the_filing_figures_are_counted_from_the_reports(demo_db, today):
    reg = model.register(demo_db, reporting.Period.last_months(today), "en", today=today)
    rows = _period_incidents(demo_db, today)
    assert reg.total == len(rows)
    assert reg.reportable == sum(1 for r in rows if r["reportable"])
    reports = [rep for rep in records.iterate(demo_db, "incident_report")
               if rep["incident"] in {r["id"] for r in rows}]
    kinds = {(rep["incident"], rep["kind"]) for rep in reports}
    finals = sum(1 for r in rows if r["reportable"] and (r["id"], "ppc_final") in kinds)
    prelims = sum(1 for r in rows if r["reportable"] and (
        (r["id"], "ppc_preliminary") in kinds or (r["id"], "ppc_final") in kinds))
    assert reg.filed_of("ppc_final")[0] == finals
    assert reg.filed_of("ppc_preliminary")[0] == prelims
    assert reg.ppc_filed == prelims + finals
    assert reg.ppc_owed == 2 * reg.reportable - prelims - finals
    assert reg.awaiting_report == sum(
        1 for r in rows if r["deadline_status"] in ("overdue", "due_soon", "ok"))


def test_a_reportable_incident_gets_a_draft_with_the_nine_items_in_order(db, make, today,
                                                                         tmp_path):
    incident = make("incident", title="顧客名簿の不正アクセス", cause="unauthorized_access",
                    known_at=datetime(2026, 11, 20, 1, 0, tzinfo=UTC), affected_max=1500)
    make("incident", title="社内メールの誤送信", cause="misdelivery", affected_max=2,
         known_at=datetime(2026, 11, 21, 1, 0, tzinfo=UTC))
    out = tmp_path / "draft.pdf"
    registry.build(db, "incidents", out, lang="ja", today=today)
    flat = _flat(out)
    assert "社内メールの誤送信" in flat  # not reportable, but in the register
    draft = flat[flat.index("速報（案、2026-11-26時点）"):]
    positions = [draft.index(wording.ja.replace(" ", "")) for _, wording in model.ITEMS]
    assert positions == sorted(positions)
    assert "1,500人（最大見込み）" in draft
    assert "【要記入】" in draft  # what the record does not know is left to complete
    assert "報告対象となる事態（規則7条）" in draft
    # once the preliminary report is filed, it is printed and the final one drafted
    from privacydesk.services import incidents

    values = incidents.draft_report(db, incident, "ppc_preliminary", lang="ja", today=today)
    incidents.file_report(db, incident, {**values, "reference": "PPC-TEST-1"}, today=today)
    registry.build(db, "incidents", out, lang="ja", today=today)
    flat = _flat(out)
    assert "速報：2026-11-26提出済、受付番号PPC-TEST-1" in flat
    assert "確報（案、2026-11-26時点）" in flat


def test_an_empty_period_gives_a_report_that_says_so(demo_db, today, tmp_path):
    for lang, words in (("en", "Nothing to report for this period."),
                        ("ja", "この期間に報告すべき事項はありません。")):
        out = tmp_path / f"empty-{lang}.pdf"
        registry.build(demo_db, "incidents", out, lang=lang, today=today,
                       start=date(2001, 1, 1), end=date(2001, 12, 31))
        assert words in "\n".join(pdf_text(out))
