"""The self-test's window step: Qt's plugins, the Japanese catalogue, the main window.

The window is opened on the self-test's database with the offscreen platform (set here
when no application exists yet), so the check runs without a display and shows
nothing on the officer's screen. The platform plugin of the desktop (xcb, windows,
cocoa) cannot be loaded offscreen; its file is looked for instead. The report preview
(Qt PDF) loads the PDF of the previous step, and a PDF printer is made (print support).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from privacydesk.services.selftest import Check
from privacydesk.services.session import Database

# the platform plugin of the desktop, by sys.platform prefix
DESKTOP_PLUGIN = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}
# the print-support plugin that lists the system's printers (the report dialog's Print…)
PRINT_PLUGIN = {"linux": "cupsprintersupport", "win32": "windowsprintersupport",
                "darwin": "cocoaprintersupport"}


def _plugin_files(folder: Path) -> set[str]:
    """Plugin names in a folder without prefix and suffix: libqxcb.so -> qxcb."""
    names = set()
    if folder.is_dir():
        for p in folder.iterdir():
            stem = p.name.split(".")[0]
            names.add(stem[3:] if stem.startswith("lib") else stem)
    return names


def check_plugins() -> list[Check]:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    wanted = ["qoffscreen"]
    desktop = next((v for k, v in DESKTOP_PLUGIN.items() if sys.platform.startswith(k)), None)
    if desktop:
        wanted.append(desktop)
    have = _plugin_files(plugins / "platforms")
    missing = [f"platforms/{w}" for w in wanted if w not in have]
    printing = next((v for k, v in PRINT_PLUGIN.items() if sys.platform.startswith(k)), None)
    if printing and printing not in _plugin_files(plugins / "printsupport"):
        missing.append(f"printsupport/{printing}")
    if missing:
        return [Check("qt plugins", False,
                      f"plugin(s) {', '.join(missing)} missing in {plugins}")]
    found = ", ".join(wanted + ([f"printsupport/{printing}"] if printing else []))
    return [Check("qt plugins", True, f"{found} in {plugins}")]


def check(db: Database, folder: Path) -> list[Check]:
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the application is made
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from privacydesk.ui import i18n
    from privacydesk.ui.main_window import MainWindow

    out = check_plugins()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    out.append(Check("qt", True, f"platform {app.platformName()}"))  # type: ignore[union-attr]

    before = i18n.current_language()
    try:
        i18n.install("ja")
        title = QCoreApplication.translate("MainWindow", "About PrivacyDesk")
        out.append(Check("japanese catalogue", title != "About PrivacyDesk",
                         f"the window speaks Japanese ({title})" if title != "About PrivacyDesk"
                         else "privacydesk_ja.qm did not load: the window stays in English"))
        window = MainWindow(db, lang="ja")
        try:
            window.show()
            QCoreApplication.processEvents()
            image = window.grab()
            tabs = window.tabs.count()
            ok = tabs > 1 and not image.isNull()
            out.append(Check("window", ok, f"the main window opened with {tabs} tabs, "
                             f"{image.width()}×{image.height()} px" if ok else
                             f"the main window did not draw ({tabs} tabs)"))
        finally:
            window.shutdown_for_lock()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        i18n.install(before)
    out += _check_pdf_and_print(folder)
    return out


def _check_pdf_and_print(folder: Path) -> list[Check]:
    """Qt PDF shows the report of the PDF step (the preview); a PDF printer can be made."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    out = []
    pdf = folder / "selftest-report.pdf"
    if pdf.is_file():
        document = QPdfDocument()
        error = document.load(str(pdf))
        ok = error == QPdfDocument.Error.None_ and document.pageCount() > 0
        out.append(Check("qt pdf", ok, f"the preview reads the report ({document.pageCount()} "
                         "pages)" if ok else f"the preview cannot read the report: {error.name}"))
        document.close()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out.append(Check("qt print support", printer.isValid(),
                     "a printer can be set up" if printer.isValid() else "QPrinter is not valid"))
    return out
