"""Importing the officer's own spreadsheets: Excel and Shift-JIS files, mapped columns,
values as people write them, names instead of ids, all or nothing."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime

import openpyxl
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacydesk.services import records
from privacydesk.services.records import ValidationError
from privacydesk.services.sheets import importer, values
from privacydesk.services.sheets.importer import MapError, SheetError
from privacydesk.store.models import audit_head

STAFF_CSV = (
    "社員No,氏名,所属,雇用区分,入社日,個人情報取扱\r\n"
    "E001,山田 太郎,開発部,正社員,平成30年4月1日,有\r\n"
    "E002,佐藤 花子,営業部,派遣,R2.10.1,無\r\n"
    "E003,鈴木 一郎,開発部,パート,2021/4/1,○\r\n"
)


def seq(db) -> int:
    with db.read() as conn:
        return conn.execute(sa.select(audit_head.c.seq)).scalar() or 0


def staff_by_no(db) -> dict[str, dict]:
    return {r["employee_no"]: r for r in records.iterate(db, "staff")}


def ledger(path, rows, *, header=None, title=True):
    """A workbook as a Japanese ledger looks: a merged title, a date line, a blank row,
    then the header (row 4)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "個人情報管理台帳"
    if title:
        ws["A1"] = "個人情報管理台帳（2026年度）"
        ws.merge_cells("A1:H1")
        ws["A2"] = "作成日: 令和8年4月1日　作成者: 個人情報保護管理者"
        ws.append([])
    ws.append(header or ["No.", "個人情報の名称", "主管部署", "種別", "取得方法", "件数",
                         "保管場所", "保管形態", "利用目的", "個人情報の項目", "最終見直し日",
                         "備考", "特記事項"])
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append([])
    wb.save(path)
    return path


@pytest.fixture
def categories(make):
    return {name: make("data_category", name_ja=name, name_en=en)
            for name, en in (("氏名", "Full name"), ("メールアドレス", "E-mail address"),
                             ("ログインID・パスワード", "Login ID and password"))}


# --- values as people write them ---------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-04-01", date(2026, 4, 1)), ("2026/4/1", date(2026, 4, 1)),
    ("2026年4月1日", date(2026, 4, 1)), ("令和8年4月1日", date(2026, 4, 1)),
    ("R8.4.1", date(2026, 4, 1)), ("r8/4/1", date(2026, 4, 1)),
    ("平成30年6月25日", date(2018, 6, 25)), ("令和元年5月1日", date(2019, 5, 1)),
    ("２０２６／４／１", date(2026, 4, 1)), ("2026/4/1 (水)", date(2026, 4, 1)),
    (46113, date(2026, 4, 1)), ("46113", date(2026, 4, 1)),
    (datetime(2026, 4, 1, 0, 0), date(2026, 4, 1)), ("", None),
])
def test_dates(raw, expected):
    assert values.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2026/2/30", "令和元年4月30日", "令和8年13月1日", "next week",
                                 "2026-04-01 garbage", True])
def test_dates_that_are_not(raw):
    with pytest.raises(ValueError):
        values.parse_date(raw)


def test_a_datetime_without_zone_is_japan_time():
    got = values.parse_datetime("2026/4/1 10:30")
    assert got.utcoffset().total_seconds() == 9 * 3600 and (got.hour, got.minute) == (10, 30)
    assert values.parse_datetime("2026-04-01T01:30Z").utcoffset().total_seconds() == 0


@pytest.mark.parametrize(("raw", "expected"), [
    ("約120,000件", 120_000), ("3,500名", 3_500), ("１２万人", 120_000), ("1.5万件", 15_000),
    ("およそ300人程度", 300), (42.0, 42), ("1,234", 1_234),
])
def test_counts(raw, expected):
    assert values.parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["多数", "12.5", "約件"])
def test_counts_that_are_not(raw):
    with pytest.raises(ValueError):
        values.parse_int(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    ("有", True), ("無", False), ("はい", True), ("いいえ", False), ("○", True), ("×", False),
    ("YES", True), ("no", False), ("TRUE", True), (0, False), ("あり", True), ("なし", False),
])
def test_yes_and_no(raw, expected):
    assert values.parse_bool(raw) is expected


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig"])
def test_an_hr_staff_list_in_shift_jis_or_utf8(db, tmp_path, encoding):
    path = tmp_path / "staff.csv"
    path.write_bytes(STAFF_CSV.encode(encoding))
    result = importer.import_sheet(db, "staff", path)
    assert (result.inserted, result.updated, result.unchanged) == (3, 0, 0)
    assert result.table.encoding == ("Shift-JIS" if encoding == "cp932" else "UTF-8")
    staff = staff_by_no(db)
    assert staff["E001"]["started_on"] == date(2018, 4, 1)
    assert staff["E002"]["started_on"] == date(2020, 10, 1)
    assert staff["E002"]["employment_type"] == "dispatched"
    assert staff["E003"]["employment_type"] == "part_time"
    assert [staff[n]["handles_personal_data"] for n in ("E001", "E002", "E003")] == [
        True, False, True]


def test_a_file_in_neither_encoding_says_so(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes("社員No,氏名\r\nE001,山田\r\n".encode("utf-16"))
    with pytest.raises(SheetError) as info:
        importer.import_sheet(db, "staff", path)
    assert "neither UTF-8 nor Shift-JIS" in str(info.value)


def test_a_second_import_matches_rows_by_natural_key(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(STAFF_CSV.encode("cp932"))
    importer.import_sheet(db, "staff", path)
    changed = STAFF_CSV.replace("佐藤 花子,営業部", "佐藤 花子,経理部")
    path.write_bytes(changed.encode("cp932"))
    result = importer.import_sheet(db, "staff", path)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)
    assert staff_by_no(db)["E002"]["department"] == "経理部"
    assert len(staff_by_no(db)) == 3


def test_an_id_column_of_another_database_is_not_trusted(db, tmp_path, make):
    other = make("staff", employee_no="E777", name="他人")
    path = tmp_path / "staff.csv"
    path.write_text(f"ID,社員番号,氏名\n{other},E001,山田 太郎\n", encoding="utf-8")
    result = importer.import_sheet(db, "staff", path)
    assert result.inserted == 1 and result.updated == 0
    assert records.get(db, "staff", other)["name"] == "他人"
    assert any("ID column was not used" in n for n in result.notes)


def test_a_ledger_with_title_rows_merged_cells_and_excel_dates(db, tmp_path, categories):
    path = ledger(tmp_path / "ledger.xlsx", [
        [1, "会員台帳", "開発部", "データベース", "書面", "約120,000件", "本番DB",
         "電子", "A、B", "氏名・メールアドレス", datetime(2026, 4, 1), "暗号化済", "年1回点検"],
        [2, "問合せ記録", "CS部", "紙", "本人から", "3,500名", "キャビネット", "紙",
         "B", "氏名\nログインID・パスワード", 46000, None, None],
    ])
    result = importer.import_sheet(db, "data_asset", path)
    assert result.table.header_row == 4 and result.table.sheet == "個人情報管理台帳"
    assert (result.inserted, result.updated, result.unchanged) == (2, 0, 0)
    rows = {r["name"]: r for r in records.iterate(db, "data_asset")}
    member, inquiries = rows["会員台帳"], rows["問合せ記録"]
    purposes = {r["code"]: r["id"] for r in records.iterate(db, "purpose")}
    assert member["purposes"] == [purposes["A"], purposes["B"]]
    assert member["data_categories"] == [categories["氏名"], categories["メールアドレス"]]
    assert inquiries["data_categories"] == [categories["氏名"],
                                            categories["ログインID・パスワード"]]
    assert member["estimated_people"] == 120_000 and inquiries["estimated_people"] == 3_500
    assert member["last_reviewed_on"] == date(2026, 4, 1)
    assert inquiries["last_reviewed_on"] == date(2025, 12, 9)  # Excel serial 46000
    assert member["storage_medium"] == ["electronic"] and inquiries["storage_medium"] == ["paper"]
    assert member["acquisition"] == "direct_web_form" and inquiries["kind"] == "paper"
    # two columns mapped to remarks are both kept, each under its header
    assert member["remarks"] == "備考: 暗号化済\n特記事項: 年1回点検"


def test_value_maps_and_defaults(db, tmp_path):
    path = ledger(tmp_path / "ledger.xlsx", [
        [1, "会員台帳", "開発部", None, "Webフォーム（本人から直接）", "120000", "本番DB",
         "電子", "ユーザー認証", None, None, None, None],
    ])
    the_map = {"values": {"取得方法": {"Webフォーム（本人から直接）": "direct_web_form"},
                          "purposes": {"ユーザー認証": "A"}},
               "defaults": {"kind": "データベース"}}
    importer.import_sheet(db, "data_asset", path, map_source=the_map)
    row = next(iter(records.iterate(db, "data_asset")))
    assert row["kind"] == "database" and row["acquisition"] == "direct_web_form"
    assert len(row["purposes"]) == 1


def test_dry_run_writes_nothing(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(STAFF_CSV.encode("cp932"))
    before = seq(db)
    result = importer.import_sheet(db, "staff", path, dry_run=True)
    assert result.inserted == 3 and result.dry_run
    assert seq(db) == before and staff_by_no(db) == {}


def test_an_ambiguous_name_is_an_error(db, tmp_path, make):
    make("staff", employee_no="E100", name="山田 太郎")
    make("staff", employee_no="E200", name="山田 太郎")
    make("course", title_ja="個人情報保護研修", title_en="Privacy basics")
    path = tmp_path / "training.csv"
    path.write_text("従業者,コース,受講日\n山田 太郎,個人情報保護研修,2026/4/1\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        importer.import_sheet(db, "completion", path)
    err = info.value.errors[0]
    assert (err.row, err.field) == (2, "従業者")
    assert "山田 太郎" in err.message and "2" in err.message
    # by employee number it is clear
    path.write_text("従業者,コース,受講日\nE200,個人情報保護研修,2026/4/1\n", encoding="utf-8")
    assert importer.import_sheet(db, "completion", path).inserted == 1


def test_an_unmapped_column_names_the_nearest_fields(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("社員番号,氏名,保管場所xyz\nE1,山田,x\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        importer.import_sheet(db, "staff", path)
    err = info.value.errors[0]
    assert err.field == "保管場所xyz" and "nearest" in err.message
    # ignored by the map, it imports
    result = importer.import_sheet(db, "staff", path, map_source={"columns": {"保管場所xyz": None}})
    assert result.inserted == 1


def test_a_bad_row_imports_nothing_and_names_row_and_header(db, tmp_path):
    bad = STAFF_CSV + "E004,高橋 次郎,開発部,正社員,2026年2月30日,有\r\n"
    path = tmp_path / "staff.csv"
    path.write_bytes(bad.encode("cp932"))
    before = seq(db)
    with pytest.raises(ValidationError) as info:
        importer.import_sheet(db, "staff", path)
    assert [(e.row, e.field) for e in info.value.errors] == [(5, "入社日")]
    assert seq(db) == before and staff_by_no(db) == {}


def test_a_required_field_no_column_holds_is_named(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("氏名,所属\n山田,開発部\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        importer.import_sheet(db, "staff", path)
    assert [e.field for e in info.value.errors] == ["employee_no"]


def test_a_map_names_sheet_and_header_row(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "表紙"
    wb.active["A1"] = "社員名簿"
    ws = wb.create_sheet("名簿")
    ws.append(["社員番号", "氏名"])  # a header the guess would find too
    ws.append(["メモ", "社員番号", "氏名"])
    ws.append([None, "E9", "田中"])
    wb.save(tmp_path / "book.xlsx")
    result = importer.import_sheet(db, "staff", tmp_path / "book.xlsx", map_source={
        "sheet": "名簿", "header_row": 2, "columns": {"メモ": None}})
    assert result.inserted == 1 and staff_by_no(db)["E9"]["name"] == "田中"
    with pytest.raises(SheetError) as info:
        importer.import_sheet(db, "staff", tmp_path / "book.xlsx", sheet="なし")
    assert "名簿" in str(info.value)


def test_a_bad_map_is_named(db, tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"columns": {"所属": "departmnt"}}), encoding="utf-8")
    csv = tmp_path / "staff.csv"
    csv.write_text(STAFF_CSV, encoding="utf-8")
    with pytest.raises(MapError) as info:
        importer.import_sheet(db, "staff", csv, map_source=path)
    assert "departmnt" in str(info.value) and "department" in str(info.value)
    with pytest.raises(MapError):
        importer.import_sheet(db, "staff", csv, map_source={"colums": {}})


def test_the_guessed_map_imports_as_it_is(db, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(STAFF_CSV.encode("cp932"))
    guessed, _ = importer.guess_map(db, "staff", path)
    assert guessed["columns"]["社員No"] == "employee_no" and guessed["header_row"] == 1
    assert importer.import_sheet(db, "staff", path, map_source=guessed).inserted == 3


cell = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")),
                                     max_size=12), st.integers(-10**6, 10**6),
                 st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
                 st.dates(min_value=date(1900, 1, 1)), st.sampled_from(
                     ["社員番号", "氏名", "入社日", "令和8年4月1日", "約3件", "有", "E1"]))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell, max_size=6), max_size=8))
def test_generated_workbooks_never_crash_the_importer(db, tmp_path_factory, grid):
    path = tmp_path_factory.mktemp("wb") / "random.xlsx"
    wb = openpyxl.Workbook()
    for r in grid:
        wb.active.append(r)
    wb.save(path)
    before = seq(db)
    with contextlib.suppress(SheetError, MapError, ValidationError):
        importer.import_sheet(db, "staff", path, dry_run=True)
    assert seq(db) == before


def test_the_preview_shows_values_as_stored_and_errors_on_their_cells(db, tmp_path, make):
    make("staff", employee_no="E002", name="佐藤 花子")
    bad = STAFF_CSV.replace("R2.10.1", "R2.13.1")
    path = tmp_path / "staff.csv"
    path.write_bytes(bad.encode("cp932"))
    before = seq(db)
    shown = importer.preview(db, "staff", path, lang="ja")
    assert shown.problems == [] and [r.n for r in shown.rows] == [2, 3, 4]
    first, second, third = shown.rows
    assert first.texts["入社日"] == "2018-04-01" and first.texts["雇用区分"] == "正社員"
    assert first.errors == {} and not first.matched
    assert set(second.errors) == {"入社日"} and second.texts["入社日"] == "R2.13.1"
    assert second.matched  # E002 exists
    assert third.texts["雇用区分"] == "パート・アルバイト"
    assert seq(db) == before and len(staff_by_no(db)) == 1


def test_file_info_names_the_sheets_and_the_encoding(tmp_path):
    from privacydesk.services.sheets import readers

    wb = openpyxl.Workbook()
    wb.active.title = "表紙"  # no header anywhere: the sheets are listed all the same
    wb.create_sheet("台帳")
    wb.create_sheet("古い").sheet_state = "hidden"
    wb.save(tmp_path / "book.xlsx")
    assert readers.file_info(tmp_path / "book.xlsx") == ("xlsx", ["表紙", "台帳"], "")
    (tmp_path / "staff.csv").write_bytes(STAFF_CSV.encode("cp932"))
    assert readers.file_info(tmp_path / "staff.csv") == ("csv", [""], "Shift-JIS")
    with pytest.raises(SheetError):
        readers.file_info(tmp_path / "none.csv")
