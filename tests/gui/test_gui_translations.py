"""The Japanese catalogue: complete, compiled, packaged, and used by the real window.

The catalogue's source is `resources/translations/privacydesk_ja.ts`; the tests run the
same extraction as `tools/translations.py update`, so a new `tr()` string that nobody
translated fails here with its context and text.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QCalendarWidget, QLabel, QLineEdit, QWidget

from privacydesk.ui import i18n
from privacydesk.ui.main_window import MainWindow
from privacydesk.ui.unlock import NewDatabaseDialog, UnlockWindow

ROOT = Path(__file__).resolve().parents[2]
ACCELERATOR = re.compile(r"\(&[A-Z]\)")
PLACEHOLDER = re.compile(r"\{\w*\}")
# what stays Latin in Japanese text: the products (ours, PostgreSQL, Qt, Excel, Windows),
# TLS, the laws' abbreviations, key names, formats, file patterns (one or more)
KEPT = re.compile(r"PrivacyDesk|PostgreSQL|TLS|Qt|Excel|APPI|GDPR|Ctrl\+\w|Esc|Delete|CSV|PDF"
                  r"|Windows|TrueType|ID|JST"
                  r"|YYYY-MM-DD( HH:MM)?"
                  r"|UTF-8|Shift-JIS|\.xlsx"  # the encodings and the workbooks read
                  r"|\(\*\.\w+( \*\.\w+)*\)|\(\*\)|\{\w*\}")


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "privacydesk_translations_tool", ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def japanese(text: str) -> bool:
    """Text in Japanese: no Latin letter outside accelerators and the kept words."""
    return not re.search(r"[A-Za-z]", KEPT.sub("", ACCELERATOR.sub("", text)))


@pytest.fixture
def ja():
    assert i18n.install("ja") == "ja"
    yield
    i18n.install("en")


# --- the catalogue ------------------------------------------------------------------------

def test_every_message_of_the_catalogue_is_translated():
    untranslated = [f"{m.context}: {m.source!r}" for m in tool.read_ts(tool.ts_path("ja"))
                    if not m.finished]
    assert not untranslated, "untranslated (translate them in the .ts, then `build`):\n" \
        + "\n".join(untranslated)


def test_every_string_of_the_window_is_in_the_catalogue():
    """The strings `update` finds in src/privacydesk/ui, per context, are those of the .ts."""
    def by_context(messages) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for m in messages:
            out[m.context].add(m.source)
        return out

    in_code = by_context(tool.extracted("ja"))
    in_ts = by_context(tool.read_ts(tool.ts_path("ja")))
    missing = [f"{c}: {s!r}" for c in sorted(in_code) for s in sorted(in_code[c] - in_ts[c])]
    stale = [f"{c}: {s!r}" for c in sorted(in_ts) for s in sorted(in_ts[c] - in_code[c])]
    assert not missing, ("not in resources/translations/privacydesk_ja.ts (run "
                         "`python tools/translations.py update`, translate, `build`):\n"
                         + "\n".join(missing))
    assert not stale, "no longer in the code (run `update`):\n" + "\n".join(stale)


def test_translations_keep_placeholders_accelerators_and_are_japanese():
    problems = []
    for m in tool.read_ts(tool.ts_path("ja")):
        if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation)):
            problems.append(f"placeholders differ: {m.context}: {m.source!r}")
        if ("&" in m.source.replace("&&", "")) != bool(ACCELERATOR.search(m.translation)):
            problems.append(f"accelerator: {m.context}: {m.translation!r}")
        if not japanese(m.translation):
            problems.append(f"Latin text left: {m.context}: {m.translation!r}")
    assert not problems, "\n".join(problems)


def test_the_compiled_catalogue_is_built_from_the_source():
    problems = tool.qm_problems(tool.ts_path("ja"), tool.qm_path("ja"))
    assert not problems, "\n".join(problems)


def test_the_installed_package_carries_the_compiled_catalogue(qapp):
    qm = resources.files("privacydesk.resources").joinpath("translations/privacydesk_ja.qm")
    assert qm.is_file()
    translator = QTranslator()
    with resources.as_file(qm) as path:
        assert translator.load(str(path))
    assert translator.translate("MainWindow", "&File") == "ファイル(&F)"
    assert translator.translate("Areas", "Data inventory") == "個人データ台帳"


# --- the window in Japanese ---------------------------------------------------------------

def _texts(window: QWidget) -> list[tuple[str, str]]:
    """What a person reads in a window: (where, text) of its buttons, labels, fields and
    menus, with their tooltips and placeholders."""
    out: list[tuple[str, str]] = [("title", window.windowTitle())]
    for w in window.findChildren(QAbstractButton):
        out += [(f"button {w.objectName()}", w.text()), ("tooltip", w.toolTip())]
    for w in window.findChildren(QLabel):
        out.append((f"label {w.objectName()}", w.text()))
    for w in window.findChildren(QLineEdit):
        out += [("placeholder", w.placeholderText()), ("tooltip", w.toolTip())]
    return [(where, t) for where, t in out if t]


def _english_sources() -> set[str]:
    return {m.source for m in tool.read_ts(tool.ts_path("ja")) if m.source != m.translation}


def test_the_main_window_speaks_japanese(qtbot, filled_db, today, ja):
    window = MainWindow(filled_db, lang="ja", today=today)
    qtbot.addWidget(window)
    try:
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["ファイル(&F)", "編集(&E)", "記録(&R)", "帳票(&P)", "ツール(&T)",
                         "ヘルプ(&H)"]
        items = [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()
                 if a.text() and "PrivacyDesk" not in a.text() and "Qt" not in a.text()
                 and a.text() not in ("日本語", "English")]
        assert items and all(japanese(t) for t in items), items
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["ダッシュボード", "個人データ台帳", "同意", "開示等の請求・苦情",
                        "教育・研修", "アクセス権限", "漏えい等事案", "第三者提供・委託",
                        "安全管理措置", "カタログ"]
        form = window.view("request").form
        assert [form.save_button.text(), form.revert_button.text(),
                form.delete_button.text(), form.history_button.text()] == \
            ["保存", "元に戻す", "削除…", "履歴…"]
        assert window.view("request").list.search_box.placeholderText() == "検索…"
        assert window.dashboard.overdue_only.text() == "期限超過のみ"
        model = window.dashboard.model
        headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(6)]
        assert headers == ["状態", "期限", "残り日数", "対応内容", "記録", "根拠規定"]
        form.editor("received_on").button.show_day(None)  # calendars are made on first use
        calendar = window.findChild(QCalendarWidget)
        assert calendar is not None
        assert calendar.locale().language() == QLocale.Language.Japanese  # 12月, 月 火 水
        # nothing the window shows is still the English of a catalogue string
        english = _english_sources()
        left = [(where, t) for where, t in _texts(window) if t in english]
        assert not left, left
    finally:
        window.shutdown_for_lock()


def test_back_to_english_gives_an_english_window(qtbot, filled_db, today, ja):
    assert i18n.install("en") == "en"
    window = MainWindow(filled_db, lang="en", today=today)
    qtbot.addWidget(window)
    try:
        assert [a.text() for a in window.menuBar().actions()] == \
            ["&File", "&Edit", "&Records", "Re&ports", "&Tools", "&Help"]
        assert window.tabs.tabText(1) == "Data inventory"
        assert window.view("request").form.save_button.text() == "Save"
        window.view("request").form.editor("received_on").button.show_day(None)
        calendar = window.findChild(QCalendarWidget)
        assert calendar.locale().language() != QLocale.Language.Japanese
    finally:
        window.shutdown_for_lock()


def test_the_unlock_window_follows_a_change_of_language(qtbot, tmp_path, filled_path):
    window = UnlockWindow(filled_path, demo_path=tmp_path / "demo.db")
    qtbot.addWidget(window)
    window.show()
    assert window.unlock_button.text() == "Unlock"
    english = _english_sources()
    try:
        i18n.install("ja")  # the window gets a LanguageChange event and retranslates
        qtbot.waitUntil(lambda: window.unlock_button.text() == "ロック解除")
        assert window.windowTitle() == "PrivacyDesk — ロック解除"
        left = [(where, t) for where, t in _texts(window) if t in english]
        assert not left, left
        missing = UnlockWindow(tmp_path / "nowhere.db", demo_path=tmp_path / "demo.db")
        qtbot.addWidget(missing)
        assert "にデータベースがありません" in missing.error_label.text()
        dialog = NewDatabaseDialog(tmp_path / "new.db", parent=window)
        assert japanese(dialog.windowTitle()) and dialog.create_button.text() == "作成"
        assert not [(w, t) for w, t in _texts(dialog) if t in english]
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: window.unlock_button.text() == "Unlock")


def test_qt_standard_buttons_are_japanese_too(qtbot, ja):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    assert QCoreApplication.translate("MainWindow", "&Quit") == "終了(&Q)"
