"""No silent overwrite: every row counts its saves, and a save prepared from an older
version is refused naming who saved meanwhile."""

from __future__ import annotations

import json

import pytest

from privacydesk.services import records
from privacydesk.store.database import open_database
from privacydesk.store.verify import verify


def test_a_new_row_is_version_1_and_each_change_adds_one(db, make):
    staff = make("staff")
    assert records.get(db, "staff", staff)["row_version"] == 1
    assert records.update(db, "staff", staff, {"name": "鈴木 一郎"}, version=1)
    assert records.get(db, "staff", staff)["row_version"] == 2
    assert records.update(db, "staff", staff, {"name": "鈴木 次郎"})  # no version: applies
    assert records.page(db, "staff", query=records.Query(ids=(staff,))).rows[0][
        "row_version"] == 3
    assert not records.update(db, "staff", staff, {"name": "鈴木 次郎"}, version=3)
    assert records.get(db, "staff", staff)["row_version"] == 3  # nothing changed
    assert verify(db).ok


def test_two_sessions_edit_the_same_record_the_second_save_is_refused(db, db_path,
                                                                       passphrase, make):
    staff = make("staff")
    other = open_database(db_path, passphrase)
    try:
        db.officer, other.officer = "佐藤 花子", "田中 次郎"
        mine = records.get(db, "staff", staff)
        theirs = records.get(other, "staff", staff)
        assert records.update(other, "staff", staff, {"role": "人事"},
                              version=theirs["row_version"])
        with pytest.raises(records.Stale) as caught:
            records.update(db, "staff", staff, {"role": "総務"}, version=mine["row_version"])
        refusal = caught.value
        assert "田中 次郎" in refusal.who
        assert refusal.version == 2
        message = str(refusal.message)
        assert "was changed by 田中 次郎" in message and "since you opened it" in message
        assert " JST" in message
        assert "田中 次郎" in refusal.message.ja and "開いた後に" in refusal.message.ja
        row = records.get(db, "staff", staff)
        assert row["role"] == "人事" and row["row_version"] == 2  # nothing overwritten
        # reloaded, the save goes through
        assert records.update(db, "staff", staff, {"role": "総務"}, version=2)
        assert records.get(other, "staff", staff)["row_version"] == 3
        assert verify(db).ok
    finally:
        other.close()


def test_the_version_stays_out_of_the_audit_trail(db, make):
    from privacydesk.store.audit import history

    staff = make("staff")
    records.update(db, "staff", staff, {"name": "鈴木 三郎"}, version=1)
    for entry in history(db, "staff", staff):
        assert "row_version" not in (entry["after"] or {})


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_importing_a_file_older_than_the_database_names_the_row(db, make, fmt):
    import io

    from privacydesk.services import interchange

    first, second = make("staff"), make("staff")
    out = io.BytesIO()
    interchange.export(db, "staff", fmt, out)
    exported = out.getvalue()
    assert interchange.import_file(db, "staff", exported, fmt=fmt).updated == 0  # same
    records.update(db, "staff", second, {"role": "人事"}, version=1)  # after the export
    with pytest.raises(records.ValidationError) as caught:
        interchange.import_file(db, "staff", exported, fmt=fmt)
    rows = [r["id"] for r in records.page(db, "staff", sort="id", limit=1000).rows]
    [error] = caught.value.errors
    assert error.row == rows.index(second) + 1 and error.field == "row_version"
    assert "was changed in the database since this file was exported (version 2 there, " \
        "1 in the file)" in str(caught.value)
    assert "データベースで変更されています" in error.text("ja")
    assert records.get(db, "staff", second)["role"] == "人事"  # nothing written
    # a file without versions (the officer's own) is not checked
    text = f"id,employee_no,name,role\n{second},X-{second},鈴木 四郎,総務\n".encode()
    if fmt == "json":
        text = json.dumps([{"id": second, "employee_no": f"X-{second}",
                            "name": "鈴木 四郎", "role": "総務"}]).encode()
    assert interchange.import_file(db, "staff", text, fmt=fmt).updated == 1
    row = records.get(db, "staff", second)
    assert row["role"] == "総務" and row["row_version"] == 3
    assert records.get(db, "staff", first)["row_version"] == 1
    assert verify(db).ok


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_stale_spreadsheet_is_refused_naming_the_row_and_header(db, make, tmp_path, lang):
    import openpyxl

    from privacydesk.domain.entities import entity
    from privacydesk.services.sheets import importer
    from privacydesk.services.sheets.export import export_workbook

    staff = make("staff")
    path = tmp_path / "staff.xlsx"
    export_workbook(db, ["staff"], path, lang=lang)
    sheet = entity("staff").plural(lang)[:31]
    header = "更新番号" if lang == "ja" else "Record version"
    ws = openpyxl.load_workbook(path)[sheet]
    assert [c.value for c in ws[1]][:2] == ["ID", header]
    ids = [row[0].value for row in ws.iter_rows(min_row=2)]
    assert importer.import_sheet(db, "staff", path, sheet=sheet).updated == 0
    records.update(db, "staff", staff, {"role": "人事"}, version=1)
    with pytest.raises(records.ValidationError) as caught:
        importer.import_sheet(db, "staff", path, sheet=sheet)
    [error] = caught.value.errors
    assert error.row == ids.index(staff) + 2 and error.field == header  # as Excel numbers it
    assert "(version 2 there, 1 in the file)" in error.message
    assert records.get(db, "staff", staff)["role"] == "人事"
    # the same sheet edited from a fresh export goes in
    export_workbook(db, ["staff"], path, lang=lang)
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    role = [c.value for c in ws[1]].index(entity("staff").field("role").label(lang))
    ws.cell(ids.index(staff) + 2, role + 1).value = "総務"
    book.save(path)
    assert importer.import_sheet(db, "staff", path, sheet=sheet).updated == 1
    assert records.get(db, "staff", staff)["row_version"] == 3
