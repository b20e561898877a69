"""Public matters (APPI Art 32): the text made from the records, and the check that names
what it lacks against the current policy version."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from pdfs import pdf_fonts, pdf_text
from reading import flat, missing_glyphs, squeezed

from privacydesk.domain import catalog
from privacydesk.reports import registry
from privacydesk.services import records
from privacydesk.services.reporting import organization
from privacydesk.store.models import TABLES


def _org_id(db) -> int:
    return records.page(db, "organization", limit=1).rows[0]["id"]


def _give_every_asset_a_purpose(db) -> None:
    first = next(records.iterate(db, "purpose", sort="code"))["id"]
    for a in list(records.iterate(db, "data_asset")):
        if not a["purposes"]:
            records.update(db, "data_asset", a["id"], {"purposes": [first]})


def test_the_public_text_from_the_records(demo_db, today, tmp_path):
    org = organization(demo_db)
    purposes = list(records.iterate(demo_db, "purpose", sort="code"))
    fees = [r for r in records.iterate(demo_db, "request") if r["fee"]]
    measures = list(records.iterate(demo_db, "safety_measure"))
    out = tmp_path / "p.pdf"
    result = registry.build(demo_db, "public_matters", out, lang="ja", today=today)
    text = flat(out)
    body = squeezed(text)
    assert "保有個人データに関する事項の公表（32条）" in squeezed(pdf_text(out)[0])
    assert "基準日: 2026-11-26" in pdf_text(out)[0]
    assert f"名称 {org.name}" in text and f"住所 {org.address}" in text
    assert f"代表者 {org.representative}" in text
    assert f"苦情・相談窓口 {org.complaints_desk}" in text
    for p in purposes:  # A–I, in Japanese, as the public text states them
        assert squeezed(f"{p['code']}. {p['text_ja']}") in body
    assert fees and all(f"{r['fee']:,}" in text for r in fees)
    for m in measures:
        assert squeezed(m["publication_ja"]) in body
    # the demo's inventory has assets with no purpose: the check names them
    bare = [a["name"] for a in records.iterate(demo_db, "data_asset") if not a["purposes"]]
    assert bare
    assert squeezed(f"{len(bare)}件の個人データに利用目的が記録されていません（下表）") in body
    assert "利用目的が記録されていない個人データ" in body
    assert all(squeezed(name) in body for name in bare)
    assert f"現行の方針の版 {catalog.POLICY.version}" in text
    assert "PrivacyDeskに収録された方針と同一の本文 はい" in text
    assert not missing_glyphs(out)
    fonts = pdf_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert result.pages >= 3


def test_nothing_missing_then_a_blank_complaints_desk(demo_db, today, tmp_path):
    _give_every_asset_a_purpose(demo_db)
    out = tmp_path / "ok.pdf"
    registry.build(demo_db, "public_matters", out, lang="en", today=today)
    text = flat(out)
    assert "Items missing or to correct ● 0" in text
    assert "Nothing is missing" in text
    records.update(demo_db, "organization", _org_id(demo_db), {"complaints_desk": ""})
    out = tmp_path / "gap.pdf"
    registry.build(demo_db, "public_matters", out, lang="en", today=today)
    text = flat(out)
    assert "Items missing or to correct ● 1" in text
    assert "The public text lacks the following (1):" in text
    assert "1 No complaints desk contact is recorded (Cabinet Order Art 10(ii))" in text
    assert "Complaints and inquiries desk ● Not recorded" in text
    out = tmp_path / "ja.pdf"
    registry.build(demo_db, "public_matters", out, lang="ja", today=today)
    assert squeezed("苦情・相談窓口の連絡先が登録されていません（施行令10条2号）") in \
        squeezed(flat(out))


def test_a_retired_purpose_still_in_use_and_other_gaps(demo_db, today, tmp_path):
    _give_every_asset_a_purpose(demo_db)
    version = records.create(demo_db, "policy_version", {
        "version": "2026-10-01", "effective_from": date(2026, 10, 1)})
    e = next(p for p in records.iterate(demo_db, "purpose") if p["code"] == "E")
    records.update(demo_db, "purpose", e["id"], {"retired_in": version})
    users = sorted(a["name"] for a in records.iterate(demo_db, "data_asset")
                   if e["id"] in a["purposes"])
    assert users
    c2 = next(m for m in records.iterate(demo_db, "safety_measure") if m["code"] == "C2")
    records.update(demo_db, "safety_measure", c2["id"], {"publication_en": ""})
    f = next(p for p in records.iterate(demo_db, "purpose") if p["code"] == "F")
    with demo_db.engine.begin() as conn:  # a record from before the text was required
        t = TABLES["purpose"]
        conn.execute(sa.update(t).where(t.c.id == f["id"]).values(text_en=""))
    records.create(demo_db, "request", {
        "kind": "appi_correction", "law": "APPI", "received_on": date(2026, 9, 1),
        "channel": "email", "subject_ref": "U00000001", "fee": 500})
    out = tmp_path / "p.pdf"
    registry.build(demo_db, "public_matters", out, lang="en", today=today)
    text = flat(out)
    assert "Current policy version 2026-10-01" in text
    assert "The text of the current policy version 2026-10-01 is not on record" in text
    assert (f"Purpose E was retired in policy version 2026-10-01 but {len(users)} data "
            f"assets still use it ({', '.join(users)})") in text
    assert "Safety measures C2 (C Organisational measures) have no English publication " \
           "text" in text
    assert "A fee was charged for Correction / addition / deletion (Art 34) (1 request)" in text
    assert "Purpose F has no English text: the English public text cannot state it." in text
    assert f"F. [no English text; in Japanese:] {f['text_ja']}" in text
    # the retired purpose is no longer published
    assert catalog.purpose("E").text_en not in text
    assert catalog.purpose("D").text_en.split(",")[0] in text
    assert not missing_glyphs(out)


def test_an_empty_database(db, today, tmp_path):
    out = tmp_path / "p.pdf"
    registry.build(db, "public_matters", out, lang="ja", today=today)
    body = squeezed(flat(out))
    assert squeezed("不足・要修正の事項") in body
    assert "手数料は徴収していません" in body
