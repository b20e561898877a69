"""Excel workbooks of the lists: typed cells, labels, a frozen header, the file's identity."""

from __future__ import annotations

import os
import stat
import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer

from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.services import records
from privacydesk.services.session import Cancelled
from privacydesk.services.sheets import export
from privacydesk.services.sheets.export import database_identity, export_workbook, sheet_title
from privacydesk.store.database import create_database

TODAY = date(2026, 11, 26)


def load(path):
    return openpyxl.load_workbook(path)


def properties(book) -> dict[str, object]:
    return {row[0]: row[1] for row in book["PrivacyDesk"].iter_rows(values_only=True)}


def by_id(sheet, row_id: int) -> dict[str, openpyxl.cell.Cell]:
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == row_id:
            return dict(zip(header, row, strict=True))
    raise KeyError(row_id)


@pytest.fixture
def asset(db, make):
    staff = make("staff", employee_no="E90001", name="鈴木 一郎")
    purpose = make("purpose", code="Z1", text_ja="会員管理", text_en="Membership")
    other = make("purpose", code="Z2", text_ja="発送", text_en="Shipping")
    return make("data_asset", name="会員DB", kind="database", responsible=staff,
                purposes=[purpose, other], estimated_people=120_000,
                last_reviewed_on=date(2026, 4, 1), storage_medium=["paper", "electronic"],
                remarks="=1+1")


def test_cells_are_typed_and_references_and_choices_are_labels(db, asset, tmp_path):
    out = tmp_path / "ledger.xlsx"
    assert export_workbook(db, ["data_asset"], out, lang="ja", today=TODAY) == {
        "data_asset": records.count(db, "data_asset")}
    sheet = load(out)["個人データ台帳"]
    row = by_id(sheet, asset)
    assert row["ID"].value == asset and row["ID"].data_type == "n"
    assert row["本人の概数"].value == 120_000 and row["本人の概数"].data_type == "n"
    assert row["前回見直し日"].is_date and row["前回見直し日"].value.date() == date(2026, 4, 1)
    assert row["前回見直し日"].number_format == "yyyy-mm-dd"
    assert row["管理責任者"].value == "鈴木 一郎 (E90001)"  # the staff member's title
    assert row["種別"].value == "データベース"  # the choice's label
    assert row["利用目的"].value == "Z1 会員管理; Z2 発送"
    assert row["保管形態・媒体"].value == "紙媒体; 電子データ"
    assert row["アクセス権者"].value is None  # computed, written as well (nobody yet)

    export_workbook(db, ["data_asset"], out, lang="en", today=TODAY)
    row = by_id(load(out)["Data inventory"], asset)
    assert row["Responsible staff"].value == "鈴木 一郎 (E90001)"
    assert row["Kind"].value == "Database"
    assert row["Purposes"].value == "Z1 Membership; Z2 Shipping"
    assert row["Storage form / medium"].value == "Paper; Electronic data"


def test_booleans_and_instants_in_japan_time(db, make, tmp_path):
    staff = make("staff", handles_personal_data=True)
    consent = make("consent", captured_at=datetime(2026, 10, 1, 15, 30, tzinfo=UTC))
    out = tmp_path / "book.xlsx"
    export_workbook(db, ["staff", "consent"], out, lang="en", today=TODAY)
    book = load(out)
    flag = by_id(book["Staff"], staff)[entity("staff").field("handles_personal_data")
                                       .label("en")]
    assert flag.value is True and flag.data_type == "b"
    captured = by_id(book["Consent records"], consent)["Captured at"]
    assert captured.value == datetime(2026, 10, 2, 0, 30)  # 15:30 UTC is 00:30 in Tokyo
    assert captured.number_format == "yyyy-mm-dd hh:mm"


def test_header_is_bold_frozen_filtered_and_columns_are_sized(db, asset, tmp_path):
    out = tmp_path / "ledger.xlsx"
    export_workbook(db, ["data_asset"], out, lang="ja", today=TODAY)
    sheet = load(out).worksheets[0]
    n = records.count(db, "data_asset")
    e = entity("data_asset")
    assert [c.value for c in sheet[1]] == ["ID", "更新番号", *(f.label("ja") for f in e.fields)]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(e.fields) + 2)
    assert sheet.auto_filter.ref == f"A1:{last}{n + 1}"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert all(export.MIN_WIDTH <= w <= export.MAX_WIDTH for w in widths.values())
    # "管理責任者" is five wide characters: ten columns and the filter button
    assert widths["F"] >= 10 + 3
    assert export.display_width("会員DB") == 6


def test_text_that_looks_like_a_formula_stays_text(db, asset, make, tmp_path):
    make("data_asset", name="@SUM(A1)", owner_department="#N/A", remarks="+81 3-1234")
    out = tmp_path / "ledger.xlsx"
    export_workbook(db, ["data_asset"], out, lang="en", today=TODAY)
    sheet = load(out).worksheets[0]
    remarks = by_id(sheet, asset)["Remarks"]
    assert remarks.value == "=1+1" and remarks.data_type == "s"
    assert remarks.quotePrefix  # Excel keeps it text when the cell is edited
    values = {c.value: c.data_type for row in sheet.iter_rows(min_row=2) for c in row
              if isinstance(c.value, str)}
    assert values["@SUM(A1)"] == values["#N/A"] == values["+81 3-1234"] == "s"
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere


def test_sheet_titles_are_sanitised_and_unique():
    assert sheet_title("Records [old]: a/b\\c*?") == "Records _old__ a_b_c__"
    long = "Provision records under the Act on the Protection"
    first = sheet_title(long)
    assert len(first) == 31
    second = sheet_title(long, [first])
    assert len(second) <= 31 and second.endswith(" (2)") and second != first
    assert sheet_title("staff", ["Staff"]) == "staff (2)"  # Excel ignores case
    assert sheet_title("'quoted'") == "quoted"
    assert sheet_title("History") == "History (2)"  # a name Excel keeps for itself


def test_every_entity_has_its_sheet_and_the_properties_sheet_is_hidden(db, tmp_path):
    out = tmp_path / "all.xlsx"
    names = [e.name for e in ENTITIES]
    counts = export_workbook(db, names, out, lang="ja", today=TODAY)
    assert list(counts) == names
    book = load(out)
    assert book.sheetnames[:-1] == [sheet_title(e.plural("ja"), book.sheetnames[:i])
                                    for i, e in enumerate(ENTITIES)]
    assert len({s.casefold() for s in book.sheetnames}) == len(names) + 1
    assert all(len(s) <= 31 for s in book.sheetnames)
    props = book["PrivacyDesk"]
    assert book.sheetnames[-1] == "PrivacyDesk" and props.sheet_state == "hidden"
    p = properties(book)
    assert p["format"] == 1 and p["language"] == "ja"
    assert p["entity"] == ",".join(names)
    assert p["database"] == database_identity(db) and len(p["database"]) == 64
    assert datetime.fromisoformat(p["exported_at"]).tzinfo is not None
    for e, sheet in zip(ENTITIES, book.worksheets, strict=False):
        assert sheet.max_row == counts[e.name] + 1


def test_the_identity_is_the_same_for_the_same_database_only(db, tmp_path, passphrase):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(db, ["purpose"], first, today=TODAY)
    export_workbook(db, ["course"], second, today=TODAY)
    identity = properties(load(first))["database"]
    assert identity == properties(load(second))["database"] == database_identity(db)
    other = create_database(tmp_path / "other.db", passphrase, officer="Other")
    try:
        export_workbook(other, ["purpose"], tmp_path / "c.xlsx", today=TODAY)
        assert properties(load(tmp_path / "c.xlsx"))["database"] not in ("", identity)
    finally:
        other.close()


def test_a_query_writes_only_its_rows(db, make, tmp_path):
    make("request", kind="appi_disclosure", subject_ref="U-KEEP")
    make("request", kind="appi_correction", subject_ref="U-DROP")
    out = tmp_path / "requests.xlsx"
    counts = export_workbook(db, ["request"], out, lang="en", today=TODAY,
                             query=records.Query(search="U-KEEP"))
    assert counts == {"request": 1}
    sheet = load(out).worksheets[0]
    assert sheet.max_row == 2
    with pytest.raises(ValueError, match="one entity"):
        export_workbook(db, ["request", "staff"], out, query=records.Query(search="x"))


def test_a_cancelled_export_leaves_nothing(db, make, tmp_path):
    for _ in range(3):
        make("consent")
    out = tmp_path / "folder" / "consents.xlsx"
    out.parent.mkdir()
    temporary = list(openpyxl_writer.ALL_TEMP_FILES)
    seen: list[tuple[str, int, int]] = []

    def cancel() -> bool:
        return len(seen) > 3  # after the first sheets have started

    with pytest.raises(Cancelled):
        export_workbook(db, [e.name for e in ENTITIES], out, today=TODAY,
                        progress=lambda *a: seen.append(a), cancel=cancel)
    assert list(out.parent.iterdir()) == []
    assert temporary == openpyxl_writer.ALL_TEMP_FILES  # its streamed rows are gone too
    with pytest.raises(Cancelled):
        export_workbook(db, ["consent"], out, cancel=lambda: True)
    assert list(out.parent.iterdir()) == []


def test_the_file_is_replaced_whole_and_readable_by_its_owner_only(db, tmp_path):
    out = tmp_path / "purposes.xlsx"
    out.write_bytes(b"an older file")
    seen = []
    export_workbook(db, ["purpose"], out, today=TODAY, progress=lambda *a: seen.append(a))
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir() if ".db" not in p.name) == \
        ["purposes.xlsx"]  # no temporary file left beside it
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    n = records.count(db, "purpose")
    assert seen[0] == ("purpose", 0, n) and seen[-1] == ("purpose", n, n)


def test_unknown_language_and_entity_are_refused(db, tmp_path):
    with pytest.raises(ValueError, match="language"):
        export_workbook(db, ["purpose"], tmp_path / "x.xlsx", lang="fr")
    with pytest.raises(KeyError):
        export_workbook(db, ["nonsense"], tmp_path / "x.xlsx")
    assert list(tmp_path.glob("*.xlsx")) == []
