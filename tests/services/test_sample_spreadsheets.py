"""The sample spreadsheets (examples/spreadsheets): an HR staff list in Shift-JIS, a
PrivacyMark-style ledger and an English record of processing import with their short
map files, and nothing in them is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import FieldType
from privacydesk.services import present, records
from privacydesk.services.sheets import importer, mapping

SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "spreadsheets"
STAFF = SAMPLES / "社員名簿_20260401.csv"
LEDGER = SAMPLES / "個人情報管理台帳.xlsx"
ART30 = SAMPLES / "record-of-processing.xlsx"


def _map(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def _nothing_lost(db, entity_name: str, path: Path, the_map: dict | None, key: str) -> None:
    """Every filled cell of the file is in the record its row became: a text column as
    its text, a column kept in a long text as "Header: value", any other as a value."""
    e = entity(entity_name)
    m = mapping.load(the_map, e)
    _e, table, columns, _m = importer.prepare(db, entity_name, path, map_source=m)
    stored = {str(r[key]): r for r in records.iterate(db, entity_name)}
    key_column = next(c for c in columns if c.field == key)
    checked = 0
    for _n, cells in table.rows():
        row = stored[str(cells[key_column.index]).strip()]
        for c in columns:
            raw = cells[c.index] if c.index < len(cells) else None
            if raw is None or not str(raw).strip() or c.field is None:
                continue
            f = e.field(c.field)
            value = row[f.name]
            text = " ".join(str(raw).split())
            if f.type is FieldType.LONGTEXT and sum(1 for o in columns if o.field == f.name) > 1:
                assert f"{c.header}: {str(raw).strip()}" in value, (c.header, raw)
            elif f.type in (FieldType.TEXT, FieldType.LONGTEXT):
                assert " ".join(str(value).split()) == text, (c.header, raw, value)
            else:
                assert value not in (None, [], ""), (c.header, raw)
            checked += 1
    assert checked > 0


@pytest.fixture
def staffed(db):
    result = importer.import_sheet(db, "staff", STAFF)
    assert result.inserted == 6 and result.table.encoding == "Shift-JIS"
    return db


def test_the_hr_staff_list_imports_without_a_map(staffed):
    _nothing_lost(staffed, "staff", STAFF, None, "employee_no")
    staff = {r["employee_no"]: r for r in records.iterate(staffed, "staff")}
    assert staff["100452"]["name_kana"] == "サトウ ハナコ"
    assert staff["100901"]["employment_type"] == "dispatched"
    assert str(staff["101150"]["ended_on"]) == "2026-03-31"
    assert staff["101150"]["handles_personal_data"] is False


def test_the_ledger_and_its_items_import_with_a_short_map(staffed):
    db = staffed
    items = importer.import_sheet(db, "data_category", LEDGER, sheet="項目一覧")
    assert items.inserted == 8
    result = importer.import_sheet(db, "data_asset", LEDGER, map_source=_map("ledger.map.json"))
    assert (result.inserted, result.table.header_row) == (6, 4)
    _nothing_lost(db, "data_category", LEDGER, {"sheet": "項目一覧"}, "name_ja")
    _nothing_lost(db, "data_asset", LEDGER, _map("ledger.map.json"), "name")
    assets = {r["name"]: r for r in records.iterate(db, "data_asset")}
    texts = present.texts(db, "data_asset", [assets["会員情報"]], "ja")[0]
    assert texts["data_categories"] == "氏名、メールアドレス、ログインID・パスワード（ハッシュ）"
    assert texts["responsible"] == "山田 太郎 (100231)"
    assert assets["アクセスログ"]["responsible"] == assets["会員情報"]["responsible"]
    assert assets["会員情報"]["estimated_people"] == 120_000
    assert assets["応募書類"]["storage_medium"] == ["paper"]
    # the same file again changes nothing
    again = importer.import_sheet(db, "data_asset", LEDGER, map_source=_map("ledger.map.json"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 6)


def test_the_english_record_of_processing_imports_with_a_short_map(staffed):
    db = staffed
    importer.import_sheet(db, "data_category", LEDGER, sheet="項目一覧")
    result = importer.import_sheet(db, "data_asset", ART30, map_source=_map("art30.map.json"))
    assert result.inserted == 3
    _nothing_lost(db, "data_asset", ART30, _map("art30.map.json"), "name")
    support = next(r for r in records.iterate(db, "data_asset")
                   if r["name"] == "EU support tickets")
    assert support["gdpr_basis"] == "legitimate_interests"
    texts = present.texts(db, "data_asset", [support], "en")[0]
    assert texts["data_categories"] == "Full name, E-mail address, Inquiry contents"
