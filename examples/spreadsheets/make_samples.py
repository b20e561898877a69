"""Writes the sample spreadsheets of this folder: files made the way officers' files
really look, to try the importer on (README, "Importing spreadsheets").

    python examples/spreadsheets/make_samples.py [OUTDIR]

- 社員名簿_20260401.csv: an HR staff list as Excel saves it in Japan (Shift-JIS, a title
  line above the header, era dates, ○/×);
- 個人情報管理台帳.xlsx: a PrivacyMark-style personal information ledger (a merged title,
  a line naming the manager and the date, the header on row 4, counts with 約 and 件,
  several items per cell) with a second sheet listing the data items;
- record-of-processing.xlsx: an English record of processing activities (GDPR Art 30).

Import them in the order README.md gives (the ledger names the staff and the items).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

STAFF = [
    # 社員番号, 氏名, フリガナ, 所属, 役職, 雇用区分, 入社年月日, 退職年月日, メール, 取扱, 誓約書
    ("100231", "山田 太郎", "ヤマダ タロウ", "開発部", "部長", "正社員", "平成20年4月1日", "",
     "t.yamada@example.co.jp", "○", "H20.4.1"),
    ("100452", "佐藤 花子", "サトウ ハナコ", "カスタマーサポート部", "課長", "正社員",
     "平成27年10月1日", "", "h.sato@example.co.jp", "○", "H27.10.1"),
    ("100877", "鈴木 一郎", "スズキ イチロウ", "営業部", "", "契約社員", "令和2年4月1日",
     "", "i.suzuki@example.co.jp", "○", "R2.4.1"),
    ("100901", "高橋 美咲", "タカハシ ミサキ", "カスタマーサポート部", "", "派遣",
     "令和5年7月1日", "", "m.takahashi@example.co.jp", "○", "R5.7.1"),
    ("101012", "田中 健", "タナカ ケン", "総務部", "個人情報保護管理者", "正社員",
     "2012/4/1", "", "k.tanaka@example.co.jp", "○", "2012/4/1"),
    ("101150", "伊藤 翔", "イトウ ショウ", "開発部", "", "パート", "令和6年1月15日",
     "令和8年3月31日", "", "×", ""),
]

CATEGORIES = [
    # 項目名, 英語名, 具体例
    ("氏名", "Full name", "山田 太郎"),
    ("メールアドレス", "E-mail address", "taro@example.jp"),
    ("電話番号", "Phone number", "03-1234-5678"),
    ("住所", "Postal address", "東京都渋谷区…"),
    ("ログインID・パスワード（ハッシュ）", "Login ID and password hash", "bcrypt"),
    ("購買履歴", "Purchase history", "注文日、金額"),
    ("クッキーID", "Cookie ID", "_pd_uid"),
    ("問合せ内容", "Inquiry contents", "自由記述"),
]

LEDGER_HEADER = ["管理番号", "個人情報の名称", "業務名", "種別", "個人情報の項目", "本人の区分",
                 "取得方法", "利用目的", "件数", "保管場所", "保管形態", "アクセス権者",
                 "利用期間", "保管期間", "廃棄方法", "委託先", "主管部署", "管理責任者",
                 "最終見直し日", "備考"]
LEDGER = [
    ("PM-001", "会員情報", "会員登録・ログイン", "システム",
     "氏名、メールアドレス、ログインID・パスワード（ハッシュ）", "ユーザー",
     "Webフォーム（本人から直接）", "A、B", "約120,000件", "会員DB（AWS東京リージョン）", "電子",
     "開発部（運用担当3名）", "退会まで", "退会後3年", "削除バッチにより消去", "",
     "開発部", "山田 太郎", datetime(2026, 3, 31), "暗号化して保管"),
    ("PM-002", "購入履歴", "決済・請求", "システム", "氏名・購買履歴", "ユーザー",
     "サービス内で自動取得", "A", "約2万件", "会員DB（AWS東京リージョン）", "電子",
     "開発部", "取引終了後7年", "7年（法定）", "削除バッチにより消去", "決済代行会社",
     "開発部", "山田 太郎", "R8.3.31", ""),
    ("PM-003", "問合せ記録", "問合せ対応", "SaaS", "氏名\nメールアドレス\n電話番号\n問合せ内容",
     "問合せ者", "Webフォーム（本人から直接）", "B、C", "3,500件", "問合せ管理SaaS",
     "電子", "CS部 全員", "対応完了まで", "完了後3年", "SaaS上で削除", "株式会社サポートワン",
     "カスタマーサポート部", "佐藤 花子", "令和8年2月1日", "電話録音は別管理（PM-004）"),
    ("PM-004", "通話録音", "電話問合せ", "システム", "電話番号；問合せ内容", "問合せ者",
     "本人から（電話）", "C", "約800件", "録音サーバ", "電子", "CS部 管理職",
     "対応完了まで", "1年", "自動消去", "", "カスタマーサポート部", "佐藤 花子",
     46023, ""),
    ("PM-005", "応募書類", "採用", "紙", "氏名、住所、電話番号", "応募者", "書面（履歴書）",
     "G", "約150名", "総務部 施錠キャビネット", "紙", "総務部 採用担当", "選考終了まで",
     "選考後6か月", "シュレッダーで裁断", "", "総務部", "田中 健", "令和7年10月1日",
     "不採用者分は6か月後に返却または廃棄"),
    ("PM-006", "アクセスログ", "不正利用対策", "システム", "クッキーID", "ユーザー",
     "サービス内で自動取得", "E", "約300万件", "ログ基盤", "電子", "開発部 SRE",
     "13か月", "13か月", "ローテーションで消去", "", "開発部", "100231",
     datetime(2026, 1, 20), ""),
]

ART30_HEADER = ["Ref", "Processing activity", "Business owner", "Purposes of the processing",
                "Lawful basis", "Categories of data subjects", "Categories of personal data",
                "Recipients", "Transfers to third countries", "Time limits for erasure",
                "Technical and organisational measures", "Source"]
ART30 = [
    ("EU-01", "EU customer accounts", "Development", "Service provision; Customer contact",
     "Art. 6(1)(b)", "Users", "Full name, E-mail address, Login ID and password hash",
     "Hosting provider (processor)", "Japan: adequacy decision (2019/419)",
     "3 years after account closure", "Encryption at rest and in transit; MFA for admins; "
     "quarterly access reviews", "Data subject (sign-up form)"),
    ("EU-02", "EU support tickets", "Customer Support", "Customer contact",
     "Art. 6(1)(f)", "Inquirers", "Full name\nE-mail address\nInquiry contents",
     "Support SaaS (processor)", "US: SCCs 2021/914 module 2", "3 years after closure",
     "Role-based access; SaaS ISO 27001 certified", "Data subject"),
    ("EU-03", "Web analytics (EU)", "Development", "Service improvement", "Art. 6(1)(a)",
     "Users", "Cookie ID", "—", "None", "13 months", "Pseudonymous IDs; IP truncation",
     "Generated (cookies)"),
]


def staff_csv(path: Path) -> None:
    lines = ["社員名簿（2026年4月1日現在）,,,,,,,,,,",
             "※人事部作成。社外秘,,,,,,,,,,",
             ",,,,,,,,,,",
             "社員番号,氏名,フリガナ,所属,役職,雇用区分,入社年月日,退職年月日,メールアドレス,"
             "個人情報取扱,秘密保持誓約書"]
    lines += [",".join(row) for row in STAFF]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _table(ws, header_row: int, header: list[str], rows) -> None:
    for i, text in enumerate(header, 1):
        c = ws.cell(header_row, i, text)
        c.font, c.fill, c.border = Font(bold=True), HEAD_FILL, BOX
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[c.column_letter].width = 16
    for r, row in enumerate(rows, header_row + 1):
        for i, value in enumerate(row, 1):
            c = ws.cell(r, i, value)
            c.border = BOX
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                c.number_format = "yyyy/m/d"


def ledger_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "個人情報管理台帳"
    ws["A1"] = "個人情報管理台帳"
    ws["A1"].font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_HEADER))
    ws["A2"] = "株式会社サンプル　個人情報保護管理者：田中 健"
    ws["P2"] = "最終更新日：令和8年4月1日"
    _table(ws, 4, LEDGER_HEADER, LEDGER)
    ws.freeze_panes = "C5"
    items = wb.create_sheet("項目一覧")
    items["A1"] = "個人情報の項目一覧"
    items["A1"].font = Font(bold=True, size=14)
    _table(items, 2, ["項目名", "英語名", "具体例"], CATEGORIES)
    notes = wb.create_sheet("記入要領")
    for i, text in enumerate((
            "1. 個人情報を取り扱う業務ごとに1行記入する。",
            "2. 件数は概数でよい（例：約1万件）。",
            "3. 年1回（4月）に各部門で見直し、最終見直し日を更新する。"), 1):
        notes.cell(i, 1, text)
    wb.save(path)


def art30_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "RoPA"
    ws["A1"] = "Record of processing activities (Art. 30(1) GDPR)"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("Controller: Sample Inc., 1-2-3 Jingumae, Shibuya-ku, Tokyo; "
                "EU representative: Sample Rep GmbH, Berlin")
    ws["A3"] = f"Last updated: {date(2026, 3, 15).isoformat()}"
    _table(ws, 5, ART30_HEADER, ART30)
    wb.save(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    staff_csv(out / "社員名簿_20260401.csv")
    ledger_xlsx(out / "個人情報管理台帳.xlsx")
    art30_xlsx(out / "record-of-processing.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
