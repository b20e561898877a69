"""The About dialog: the version and the bundled components with their licences, from the
package metadata, in the window's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from privacydesk.services import about
from privacydesk.ui import i18n


@pytest.fixture
def main_window(qtbot, db, today):
    """main_window(lang) -> a shown MainWindow, deleted (not only scheduled for deletion)
    when the test ends, so that the console tests find no stray window."""
    from privacydesk.ui.main_window import MainWindow

    made: list[MainWindow] = []

    def make(lang: str) -> MainWindow:
        window = MainWindow(db, lang=lang, today=today)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.shutdown_for_lock()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _about_box(window) -> QMessageBox:
    window.about()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_about_names_the_version_and_the_licences(main_window):
    box = _about_box(main_window("en"))
    assert box.text() == f"PrivacyDesk {about.version()}"
    text = box.informativeText()
    assert "Components and their licences:" in text
    for c in about.components():
        assert f"• {c.name} {c.version} — {c.licence}" in text
    assert "Qt / PySide6" in text and "LGPL-3.0" in text
    box.close()


def test_about_in_japanese(main_window):
    i18n.install("ja")
    try:
        box = _about_box(main_window("ja"))
        assert box.windowTitle() == "PrivacyDesk について"
        assert "同梱のコンポーネントとライセンス：" in box.informativeText()
        box.close()
    finally:
        i18n.install("en")
