"""An Excel export imported into a fresh database and exported again gives the same
cells: headers, labels and titles read back to the same records."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from privacydesk.domain.entities import entity
from privacydesk.services import records, session
from privacydesk.services.sheets import importer
from privacydesk.services.sheets.export import export_workbook

# the order a fresh database must take them in: each names only rows of earlier ones
ENTITIES = ("staff", "data_category", "counterparty", "data_asset")


def cells(path, lang: str) -> dict[str, list[list]]:
    """Every sheet's cells but the ID column (ids differ between databases)."""
    book = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for name in ENTITIES:
        ws = book[entity(name).plural(lang)[:31]]
        out[name] = [list(r[1:]) for r in ws.iter_rows(values_only=True)]
    book.close()
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_export_import_export_gives_the_same_cells(db, make, tmp_path, lang):
    yamada = make("staff", employee_no="E001", name="山田 太郎", department="開発部",
                  started_on=date(2019, 4, 1), employment_type="contract")
    make("staff", employee_no="E002", name="佐藤 花子", handles_personal_data=False)
    name = make("data_category", name_ja="氏名", name_en="Full name")
    login = make("data_category", name_ja="ログインID・パスワード", name_en="Login ID, password")
    vendor = make("counterparty", name="株式会社サポート, 東京", country="JP", role="entrustee")
    purposes = [r["id"] for r in records.iterate(db, "purpose")][:3]
    make("data_asset", name="会員DB", kind="database", owner_department="開発部",
         responsible=yamada, acquisition="direct_web_form", purposes=purposes,
         data_categories=[name, login], entrustees=[vendor], estimated_people=120_000,
         storage_medium=["electronic", "paper"], last_reviewed_on=date(2026, 4, 1),
         remarks="=SUM(A1)\n二行目", storage_location="本番DB")
    make("data_asset", name="紙の申込書", kind="paper", owner_department="CS部",
         acquisition="direct_other", purposes=purposes[:1], data_categories=[name])

    first = tmp_path / "first.xlsx"
    export_workbook(db, ENTITIES, first, lang=lang)
    fresh = session.create(tmp_path / "fresh.db", "another long passphrase", officer="T")
    try:
        for e in ENTITIES:
            result = importer.import_sheet(fresh, e, first, sheet=entity(e).plural(lang)[:31])
            assert result.inserted == records.count(db, e), e
        second = tmp_path / "second.xlsx"
        export_workbook(fresh, ENTITIES, second, lang=lang)
        assert cells(second, lang) == cells(first, lang)
        # and into the database the file came from, by natural key and trusted ids:
        # nothing changes
        for e in ENTITIES:
            again = importer.import_sheet(db, e, first, sheet=entity(e).plural(lang)[:31])
            assert (again.inserted, again.updated) == (0, 0), e
    finally:
        session.close(fresh)


def test_records_without_a_natural_key_are_matched_by_id_only_in_their_own_database(
        db, make, tmp_path):
    for _ in range(3):
        make("consent")
    path = tmp_path / "consents.xlsx"
    export_workbook(db, ["consent"], path, lang="ja")
    sheet = entity("consent").plural("ja")[:31]
    again = importer.import_sheet(db, "consent", path, sheet=sheet)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert not any("ID" in note for note in again.notes)
    fresh = session.create(tmp_path / "fresh.db", "another long passphrase", officer="T")
    try:
        there = importer.import_sheet(fresh, "consent", path, sheet=sheet)
        assert there.inserted == 3 and any("ID column was not used" in n for n in there.notes)
    finally:
        session.close(fresh)
