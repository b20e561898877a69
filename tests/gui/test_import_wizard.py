"""The import wizard: a PrivacyMark-style ledger brought in from the window, page by page,
as the officer does it; a failing import writes nothing and names row and header."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import desk
import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWizard

from privacydesk.services import records
from privacydesk.ui.dialogs import import_wizard
from privacydesk.ui.dialogs.import_wizard import CHOOSE, ImportWizard

WAIT_MS = 15_000
HEADER = ["No.", "個人情報の名称", "主管部署", "種別", "取得方法", "件数", "保管場所",
          "保管形態", "利用目的", "最終見直し日", "取扱者メモ"]
MEMBERS = [1, "会員台帳", "開発部", "データベース", "書面", "約120,000件", "本番DB", "電子",
           "A、B", "令和8年4月1日", "開発部全員"]
INQUIRIES = [2, "問合せ記録", "CS部", "紙", "本人から", "3,500名", "キャビネット", "紙",
             "B", "R8.13.1", None]  # no 13th month: the bad cell


def ledger(path: Path, *rows: list) -> Path:
    """A 個人情報管理台帳 as kept in Excel: a merged title, a date line, a blank row, the
    header on row 4, a 'No.' column, counts with 約 and 件, era dates, purposes by code
    separated by 、, and a column of the office's own (取扱者メモ)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "個人情報管理台帳"
    ws["A1"] = "個人情報管理台帳（2026年度）"
    ws.merge_cells("A1:K1")
    ws["A2"] = "作成日: 令和8年4月1日　作成者: 個人情報保護管理者"
    ws.append([])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """The map remembered per list goes to a settings file of the test's own."""
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(import_wizard, "settings",
                        lambda: QSettings(path, QSettings.Format.IniFormat))


def open_wizard(qtbot, window) -> ImportWizard:
    """Ctrl+I on the list shown: the wizard of that list."""
    desk.key(qtbot, window, Qt.Key.Key_I)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    return wizard


def next_button(wizard: ImportWizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def enter(qtbot, wizard: ImportWizard) -> None:
    """Enter: the wizard's default button (Next, Import or Finish)."""
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def choose_file(qtbot, wizard: ImportWizard, path: Path) -> None:
    page = wizard.file_page
    page.path_edit.setFocus()
    qtbot.keyClicks(page.path_edit, str(path))  # typed, as pasted
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)


def to_columns(qtbot, wizard: ImportWizard) -> None:
    enter(qtbot, wizard)
    page = wizard.columns_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: wizard.table is not None and not page._busy, timeout=WAIT_MS)


def to_preview(qtbot, wizard: ImportWizard):
    assert next_button(wizard).isEnabled()
    enter(qtbot, wizard)
    page = wizard.preview_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT_MS)
    return page


def preview_cell(page, n: int, header: str):
    """The preview's item of spreadsheet row `n` under the column `header`."""
    table = page.table
    columns = [table.horizontalHeaderItem(c).text().split("\n")[0]
               for c in range(table.columnCount())]
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    return table.item(rows.index(str(n)), columns.index(header))


def import_all(qtbot, wizard: ImportWizard) -> str:
    enter(qtbot, wizard)  # "Import"
    page = wizard.import_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT_MS)
    return page.result_label.text()


def test_the_wizard_imports_a_ledger_end_to_end(qtbot, window, db, tmp_path):
    purposes = {r["code"]: r["id"] for r in records.iterate(db, "purpose")}
    path = ledger(tmp_path / "ledger.xlsx", MEMBERS, INQUIRIES)
    view = desk.show(qtbot, window, "data_asset")

    # 1. the file: its sheet is found
    wizard = open_wizard(qtbot, window)
    assert wizard.windowTitle() == "Import into Data inventory"
    choose_file(qtbot, wizard, path)
    assert wizard.file_page.sheet_combo.currentText() == "個人情報管理台帳"

    # 2. the columns: the guesses are shown; the office's own column is not known
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    assert page.header_spin.value() == 4  # below the title, the date line, a blank row
    fields = {h: combo.currentData() for h, combo in page.combos.items()}
    assert fields["No."] == "" and fields["個人情報の名称"] == "name"
    assert fields["件数"] == "estimated_people" and fields["利用目的"] == "purposes"
    assert fields["最終見直し日"] == "last_reviewed_on" and fields["取扱者メモ"] == CHOOSE
    how = {c.header: page.table.item(row, 3).text() for row, c in enumerate(wizard.columns)}
    assert how["個人情報の名称"] == "by its header" and how["No."] == "row numbers: left out"
    assert how["取扱者メモ"].startswith("unknown; nearest:") and "Remarks" in how["取扱者メモ"]
    assert "取扱者メモ" in page.problems_label.text()
    assert not next_button(wizard).isEnabled()
    desk.choose(page.combos["取扱者メモ"], "Remarks")  # kept in the remarks, not lost
    assert next_button(wizard).isEnabled()
    assert page.problems_label.text() == "✓ Every column is decided."

    # 3. the preview: the values as they will be stored, the bad date in red
    preview = to_preview(qtbot, wizard)
    assert preview_cell(preview, 5, "件数").text() == "120,000"
    assert preview_cell(preview, 5, "最終見直し日").text() == "2026-04-01"
    assert preview_cell(preview, 5, "Will be").text() == "new"
    bad = preview_cell(preview, 6, "最終見直し日")
    assert bad.text() == "R8.13.1" and "not a calendar date" in bad.toolTip()
    assert bad.foreground().color().name() == "#c62828"
    assert preview_cell(preview, 6, "Will be").text() == "error"
    assert "1 with errors" in preview.summary.text()
    assert "Row 6, 最終見直し日" in preview.error_list.text()

    # back to the columns: the file's own word for that day is given its meaning
    wizard.back()
    assert wizard.currentPage() is page
    qtbot.mouseClick(page.add_word_button, Qt.MouseButton.LeftButton)
    row = page.words.rowCount() - 1
    desk.choose(page.words.cellWidget(row, 0), "Last reviewed")
    qtbot.keyClicks(QApplication.focusWidget(), "R8.13.1")  # the cell text is being edited
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "2026-01-13")  # what it means
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.map.values == {  # the editor commits on the event loop
        "last_reviewed_on": {"R8.13.1": "2026-01-13"}}, timeout=WAIT_MS)
    preview = to_preview(qtbot, wizard)
    assert preview_cell(preview, 6, "最終見直し日").text() == "2026-01-13"
    assert "0 with errors" in preview.summary.text()

    # 4. the import: every row, and the list shows them
    assert import_all(qtbot, wizard) == "✓ 2 new, 0 changed, 0 unchanged"
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and not view.model.loading,
                    timeout=WAIT_MS)
    rows = {r["name"]: r for r in records.iterate(db, "data_asset")}
    members, inquiries = rows["会員台帳"], rows["問合せ記録"]
    assert members["estimated_people"] == 120_000 and inquiries["estimated_people"] == 3_500
    assert members["purposes"] == [purposes["A"], purposes["B"]]
    assert members["last_reviewed_on"] == date(2026, 4, 1)
    assert inquiries["last_reviewed_on"] == date(2026, 1, 13)
    assert members["kind"] == "database" and members["storage_medium"] == ["electronic"]
    assert members["remarks"] == "開発部全員"

    # the map, saved for the command line, and remembered for this list
    saved = tmp_path / "ledger.map.json"
    wizard.import_page.save_map(str(saved))
    the_map = json.loads(saved.read_text(encoding="utf-8"))
    assert the_map["sheet"] == "個人情報管理台帳"
    assert the_map["columns"] == {"取扱者メモ": "remarks"}
    assert the_map["values"] == {"last_reviewed_on": {"R8.13.1": "2026-01-13"}}
    enter(qtbot, wizard)  # Finish
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is None, timeout=WAIT_MS)

    # next time the map is offered at once: the same file updates nothing
    wizard = open_wizard(qtbot, window)
    assert "the map used last time" in wizard.file_page.map_label.text()
    choose_file(qtbot, wizard, path)
    to_columns(qtbot, wizard)
    assert wizard.columns_page.combos["取扱者メモ"].currentData() == "remarks"
    preview = to_preview(qtbot, wizard)
    assert preview_cell(preview, 5, "Will be").text() == "update"
    assert import_all(qtbot, wizard) == "✓ 0 new, 0 changed, 2 unchanged"
    assert records.count(db, "data_asset") == 2


def test_a_failing_import_writes_nothing_and_lists_row_and_header(qtbot, window, db,
                                                                   tmp_path):
    path = ledger(tmp_path / "ledger.xlsx", MEMBERS, INQUIRIES)
    desk.show(qtbot, window, "data_asset")
    wizard = open_wizard(qtbot, window)
    choose_file(qtbot, wizard, path)
    to_columns(qtbot, wizard)
    desk.choose(wizard.columns_page.combos["取扱者メモ"], "— ignore —")
    to_preview(qtbot, wizard)
    text = import_all(qtbot, wizard)
    assert text == "⚠ 1 error. Fix it in the file, or go back and change the map."
    assert wizard.import_page.error_rows() == [
        ("6", "最終見直し日", "R8.13.1 is not a calendar date")]
    assert records.count(db, "data_asset") == 0  # not even the good row
    # a failed import leads back to the map; nothing was remembered
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert import_wizard.remembered_map("data_asset") is None


def test_a_file_that_cannot_be_read_says_so_on_the_first_page(qtbot, window, tmp_path):
    bad = tmp_path / "staff.csv"
    bad.write_bytes(b"\x00\x01\x02 not text")
    desk.show(qtbot, window, "staff")
    wizard = open_wizard(qtbot, window)
    assert wizard.entity.name == "staff"
    page = wizard.file_page
    page.path_edit.setFocus()
    qtbot.keyClicks(page.path_edit, str(bad))
    qtbot.waitUntil(lambda: page.status.text().startswith("⚠"), timeout=WAIT_MS)
    assert "neither UTF-8 nor Shift-JIS" in page.status.text()
    assert not next_button(wizard).isEnabled()
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Escape)  # Esc closes the wizard
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is None, timeout=WAIT_MS)


def test_the_wizard_speaks_japanese(qtbot, open_window, tmp_path):
    from privacydesk.ui import i18n

    i18n.install("ja")
    path = ledger(tmp_path / "ledger.xlsx", MEMBERS)
    window = open_window("ja")
    desk.show(qtbot, window, "data_asset")
    wizard = open_wizard(qtbot, window)
    assert wizard.windowTitle() == "個人データ台帳への取り込み"
    choose_file(qtbot, wizard, path)
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    assert page.combos["件数"].currentText() == "本人の概数"
    assert "取扱者メモ" in page.problems_label.text() and "取り込まない" in \
        page.problems_label.text()
    labels = [w.text() for w in page.findChildren(QLabel) if w.text()]
    assert any("見出し行" in t for t in labels)


def test_cancel_stops_the_import_and_nothing_is_written(qtbot, window, db, tmp_path,
                                                        monkeypatch):
    from privacydesk.services.sheets import importer

    path = ledger(tmp_path / "ledger.xlsx", MEMBERS)
    started, go_on = threading.Event(), threading.Event()
    real = importer.import_sheet

    def held(*args, **kwargs):  # the import waits until the officer has pressed Cancel
        started.set()
        go_on.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "import_sheet", held)
    desk.show(qtbot, window, "data_asset")
    wizard = open_wizard(qtbot, window)
    choose_file(qtbot, wizard, path)
    to_columns(qtbot, wizard)
    desk.choose(wizard.columns_page.combos["取扱者メモ"], "Remarks")
    to_preview(qtbot, wizard)
    enter(qtbot, wizard)  # Import
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    page = wizard.import_page
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Cancel: the wizard stays to say what happened
    assert wizard.isVisible() and page.phase.text() == "Cancelling…"
    go_on.set()
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT_MS)
    assert page.phase.text() == "Import cancelled."
    assert page.result_label.text() == "Nothing was written."
    assert records.count(db, "data_asset") == 0


def test_the_header_row_can_be_given(qtbot, window, tmp_path):
    path = ledger(tmp_path / "ledger.xlsx", MEMBERS)
    desk.show(qtbot, window, "data_asset")
    wizard = open_wizard(qtbot, window)
    choose_file(qtbot, wizard, path)
    to_columns(qtbot, wizard)
    page = wizard.columns_page
    spin = page.header_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter in the box: the row found stays
    assert wizard.header_row is None and not page._busy
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # row 5 is the first row of data, not a header
    qtbot.waitUntil(lambda: wizard.table is not None and wizard.table.header_row == 5,
                    timeout=WAIT_MS)
    assert wizard.header_row == 5 and "会員台帳" in page.combos
    assert not next_button(wizard).isEnabled()  # its cells name no field
    qtbot.mouseClick(page.auto_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.table is not None and wizard.table.header_row == 4,
                    timeout=WAIT_MS)
    assert wizard.header_row is None and "取扱者メモ" in page.combos


SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "spreadsheets"


def test_the_sample_files_come_in_through_the_wizard_with_their_maps(qtbot, window, db):
    """The HR list (no map), the ledger's items sheet and the ledger with ledger.map.json:
    the same records as from the command line."""
    for entity_name, name, the_map, sheet, count in (
            ("staff", "社員名簿_20260401.csv", None, None, 6),
            ("data_category", "個人情報管理台帳.xlsx", None, "項目一覧", 8),
            ("data_asset", "個人情報管理台帳.xlsx", "ledger.map.json", None, 6)):
        desk.show(qtbot, window, entity_name)
        wizard = open_wizard(qtbot, window)
        if the_map:
            wizard.file_page.load_map(str(SAMPLES / the_map))
        wizard.file_page.path_edit.setText(str(SAMPLES / name))  # pasted
        wizard.file_page.look()
        qtbot.waitUntil(wizard.file_page.isComplete, timeout=WAIT_MS)
        if sheet:
            wizard.file_page.sheet_combo.setCurrentText(sheet)
        to_columns(qtbot, wizard)
        preview = to_preview(qtbot, wizard)
        assert "0 with errors" in preview.summary.text(), entity_name
        assert import_all(qtbot, wizard) == f"✓ {count} new, 0 changed, 0 unchanged"
        enter(qtbot, wizard)  # Finish
        qtbot.waitUntil(lambda: window.findChild(ImportWizard) is None, timeout=WAIT_MS)
    assets = {r["name"]: r for r in records.iterate(db, "data_asset")}
    assert assets["会員情報"]["remarks"].startswith("管理番号: PM-001\n業務名: 会員登録・ログイン")
    assert len(assets["会員情報"]["data_categories"]) == 3
