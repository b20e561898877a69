"""The frame of every report: cover, page numbers, repeated table headers, embedded
fonts, the audit anchor on paper and `verify --anchor`."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from pdfs import pdf_fonts, pdf_text

from privacydesk.reports import registry
from privacydesk.reports.base import Report
from privacydesk.store.audit import canonical_row, dumps, entry_hash
from privacydesk.store.models import GENESIS_HASH, TABLES, audit_head, audit_log
from privacydesk.store.verify import verify


def test_pages_are_numbered_n_of_m_and_fonts_embedded(demo_db, today, tmp_path):
    out = tmp_path / "c.pdf"
    result = registry.build(demo_db, "complaints", out, lang="ja", today=today)
    pages = pdf_text(out)
    assert result.pages == len(pages) >= 3
    for number, text in enumerate(pages[1:], start=2):  # the cover has no footer
        assert f"{number} / {len(pages)} ページ" in text
    assert "苦情処理記録" in pages[0]  # Japanese text can be extracted
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert out.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_a_long_table_repeats_its_header_and_keeps_rows_whole(db, make, today, tmp_path):
    for i in range(90):
        make("complaint", received_on=date(2026, 6, 1), summary=f"苦情 {i:03d} " + "内容" * 30)
    out = tmp_path / "long.pdf"
    registry.build(db, "complaints", out, lang="en", today=today)
    pages = pdf_text(out)
    table_pages = [p for p in pages if "苦情 0" in p]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Received" in text and "Summary" in text  # the header row again
    # every complaint appears whole, exactly once
    found = [m for p in pages for m in re.findall(r"苦情 (\d{3})", p)]
    assert sorted(found) == [f"{i:03d}" for i in range(90)]


def test_an_empty_period_gives_a_report_that_says_so(demo_db, today, tmp_path):
    out = tmp_path / "empty.pdf"
    registry.build(demo_db, "complaints", out, lang="en", today=today,
                   start=date(2001, 1, 1), end=date(2001, 12, 31))
    text = "\n".join(pdf_text(out))
    assert "Nothing to report for this period." in text
    assert "2001-01-01 – 2001-12-31" in text


def test_the_cover_says_what_who_when(demo_db, today, tmp_path):
    out = tmp_path / "c.pdf"
    registry.build(demo_db, "complaints", out, lang="en", today=today)
    cover = pdf_text(out)[0]
    assert "Complaints log" in cover and "Mixtend Co., Ltd." in cover
    assert "2025-11-27 – 2026-11-26" in cover  # the last twelve months
    assert "Date of issue: 2026-11-26" in cover
    assert "Confidential" in cover


def _rewrite_history(db, entity_name: str, row_id: int, changes: dict) -> None:
    """What someone with the passphrase could do: change a record and recompute the whole
    audit chain so that it verifies again."""
    t = TABLES[entity_name]
    with db.engine.begin() as conn:
        conn.execute(sa.update(t).where(t.c.id == row_id).values(**changes))
        row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().one()
        from privacydesk.domain.entities import entity

        after = dumps(canonical_row(entity(entity_name), dict(row)))
        entries = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).mappings().all()
        last = max(e["seq"] for e in entries if e["entity"] == entity_name
                   and e["entity_id"] == row_id)
        prev = GENESIS_HASH
        for e in entries:
            e = dict(e)
            if e["seq"] == last:
                e["after"] = after
            e["prev_hash"] = prev
            e["hash"] = prev = entry_hash(prev, e)
            conn.execute(sa.update(audit_log).where(audit_log.c.seq == e["seq"]).values(
                after=e["after"], prev_hash=e["prev_hash"], hash=e["hash"]))
        conn.execute(sa.update(audit_head).values(hash=prev))


def test_the_printed_anchor_catches_a_rewritten_history(demo_db, today, tmp_path):
    out = tmp_path / "c.pdf"
    result = registry.build(demo_db, "complaints", out, lang="en", today=today)
    last_page = pdf_text(out)[-1].replace("\n", "")
    seq, digest = result.anchor.split(":")
    assert f"{seq}:{digest}" in last_page  # printed in full on paper
    assert verify(demo_db, anchors=[(int(seq), digest)]).ok
    complaint = demo_db.engine.connect().execute(
        sa.select(TABLES["complaint"].c.id)).scalar()
    _rewrite_history(demo_db, "complaint", complaint, {"summary": "rewritten"})
    assert verify(demo_db).ok  # the rewritten chain holds together by itself…
    report = verify(demo_db, anchors=[(int(seq), digest)])
    assert not report.ok  # …but not against the anchor on paper
    assert f"anchor {seq}:" in report.problems[0] and "rewritten" in report.problems[0]


def test_cancel_stops_a_build_and_leaves_no_file(demo_db, today, tmp_path):
    from privacydesk.services.session import Cancelled

    out = tmp_path / "c.pdf"
    with pytest.raises(Cancelled):
        registry.build(demo_db, "complaints", out, today=today, cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob(".c.pdf*"))


def test_without_a_japanese_truetype_font_the_report_warns(demo_db, today, tmp_path,
                                                         monkeypatch):
    from privacydesk.reports import fonts

    monkeypatch.setattr(fonts, "KNOWN", ())
    monkeypatch.setattr(fonts, "_fontconfig", lambda: [])
    monkeypatch.setattr(fonts, "_cache", {})
    out = tmp_path / "cid.pdf"
    result = registry.build(demo_db, "complaints", out, lang="ja", today=today)
    assert out.exists() and result.pages >= 1
    assert any("not embedded" in w for w in result.warnings)


def test_a_subject_is_refused_where_the_report_is_not_about_one_person(demo_db, tmp_path):
    with pytest.raises(registry.SubjectRequired):
        registry.build(demo_db, "complaints", tmp_path / "x.pdf", subject="U1")


def test_text_of_a_report_is_escaped(db, make, today, tmp_path):
    make("complaint", received_on=date(2026, 6, 1), summary="<b>not bold</b> & more")
    out = tmp_path / "esc.pdf"
    registry.build(db, "complaints", out, lang="en", today=today)
    assert "<b>not bold</b> & more" in "\n".join(pdf_text(out))


def test_a_report_speaks_its_language(demo_db, today):
    r = Report(demo_db, name="x", title=registry.spec("complaints").title, lang="ja",
               today=today)
    assert (r.title, r.t("Yes", "はい")) == ("苦情処理記録", "はい")
    r = Report(demo_db, name="x", title=registry.spec("complaints").title, lang="en",
               today=today)
    assert (r.title, r.t("Yes", "はい")) == ("Complaints log", "Yes")


def test_each_report_reads_only_the_entities_it_declares(demo_db, today, tmp_path):
    """What `reads` declares is what decides whether a team login is offered the report;
    every table a build queries must be among them."""
    from privacydesk.domain.entities import ENTITIES

    by_table = {TABLES[e.name].name: e.name for e in ENTITIES}
    seen: set[str] = set()

    def grab(conn, cursor, statement, params, context, executemany):
        for m in re.finditer(r'(?:FROM|JOIN)\s+"?(\w+)"?', statement):
            if m.group(1) in by_table:
                seen.add(by_table[m.group(1)])

    subject = demo_db.engine.connect().execute(
        sa.select(TABLES["request"].c.subject_ref).limit(1)).scalar()
    sa.event.listen(demo_db.engine, "before_cursor_execute", grab)
    try:
        for spec in registry.reports():
            assert set(spec.reads) <= set(by_table.values()), spec.name
            seen.clear()
            registry.build(demo_db, spec.name, tmp_path / f"{spec.name}.pdf", lang="en",
                           today=today, subject=subject if spec.subject == "required" else None)
            assert seen and seen <= set(spec.reads), (spec.name, sorted(seen - set(spec.reads)))
    finally:
        sa.event.remove(demo_db.engine, "before_cursor_execute", grab)
