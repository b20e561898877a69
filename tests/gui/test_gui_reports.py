"""The reports dialog: choose a report, its period, language and subject, generate it on
a worker, see every page, save and print it; refusals, cancel, failures and a lock
leave no file behind."""

from __future__ import annotations

import errno
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from privacydesk.domain.fields import Text
from privacydesk.reports import registry
from privacydesk.reports.registry import ReportSpec
from privacydesk.services import records
from privacydesk.ui.dialogs.reports import ReportsDialog
from privacydesk.ui.workers import Jobs

WAIT_MS = 60_000


def _complaints(db, n: int, today: date) -> None:
    for i in range(n):
        records.create(db, "complaint", {
            "received_on": today - timedelta(days=3 * i + 1), "channel": "email",
            "category": "handling", "summary": f"苦情 {i:03d} " + "説明" * 20,
        }, today=today)


@pytest.fixture
def open_reports(qtbot, filled_db, today):
    """open_reports(lang="en") -> a shown ReportsDialog on its own jobs (made after the
    test has registered its reports)."""
    made: list[tuple[ReportsDialog, Jobs]] = []

    def factory(lang: str = "en") -> ReportsDialog:
        jobs = Jobs()
        dialog = ReportsDialog(filled_db, jobs, lang=lang, today=today)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append((dialog, jobs))
        return dialog

    yield factory
    for dialog, jobs in made:
        jobs.shutdown()
        dialog.reject()


def _register(monkeypatch, name: str, builder, *, subject: str = "none",
              period: bool = True) -> None:
    registry.reports()  # the catalog first: a test report goes after the real ones
    monkeypatch.setitem(registry.REPORTS, name, ReportSpec(
        name, Text(f"Test report {name}", f"テスト帳票 {name}"),
        Text("A report made by the tests.", "テストが作る帳票。"), builder,
        subject=subject, period=period))


def _generate(qtbot, dialog: ReportsDialog):
    with qtbot.waitSignal(dialog.generated, timeout=WAIT_MS) as signal:
        assert dialog.generate()
    return signal.args[0]


def _stopped(qtbot, dialog: ReportsDialog) -> str:
    with qtbot.waitSignal(dialog.stopped, timeout=WAIT_MS) as signal:
        assert dialog.generate()
    return signal.args[0]


def _files(dialog: ReportsDialog) -> list[Path]:
    return sorted(dialog.scratch.path.iterdir()) if dialog.scratch is not None else []


def test_generate_preview_save_and_print(qtbot, open_reports, filled_db, today, tmp_path):
    _complaints(filled_db, 40, today)
    dialog = open_reports("en")
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert titles == [str(s.title) for s in registry.reports()]
    dialog.select("complaints")
    assert "APPI Art 40" in dialog.description.text()
    assert not dialog.subject_box.isVisibleTo(dialog)  # not a report about one person
    # the last twelve months by default
    assert (dialog.date_from.value(), dialog.date_to.value()) == \
        (date(2025, 11, 27), date(2026, 11, 26))
    dialog.date_from.set_value(date(2026, 6, 1))
    dialog.date_to.set_value(date(2026, 11, 26))
    dialog.set_language("ja")

    result = _generate(qtbot, dialog)
    pages = PdfReader(str(result.path)).pages
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == len(pages) == result.pages >= 3
    assert dialog.stack.currentWidget() is dialog.view
    cover = pages[0].extract_text()
    assert "苦情処理記録" in cover and "2026-06-01 〜 2026-11-26" in cover
    assert dialog.shown.text() == "Complaints log"  # in the window's language
    assert f"{result.pages} pages" in dialog.shown_details.text()
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.scratch.path.stat().st_mode & 0o077 == 0  # a private directory

    # Save…: the file dialog's choice gets a copy, readable by its owner only
    out = tmp_path / "saved" / "complaints.pdf"
    out.parent.mkdir()
    dialog.save()
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None and chooser.isVisible()
    assert chooser.selectedFiles()[0].endswith("complaints_2026-06-01_2026-11-26_ja.pdf")
    chooser.selectFile(str(out))
    chooser.accept()
    qtbot.waitUntil(out.exists)
    assert out.read_bytes() == result.path.read_bytes()
    assert out.stat().st_mode & 0o777 == 0o600
    assert str(out) in dialog.message.text()
    assert [p.name for p in out.parent.iterdir()] == ["complaints.pdf"]  # no .part left

    # Print…: every page, then a range, painted onto the printer
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer)
    assert len(PdfReader(str(printed)).pages) == result.pages
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer)
    assert len(PdfReader(str(printed)).pages) == 2
    assert "Sent 2 pages to the printer." in dialog.message.text()


def test_a_new_generation_replaces_the_preview_and_its_file(qtbot, open_reports):
    dialog = open_reports("en")
    first = _generate(qtbot, dialog)
    dialog.set_language("en")
    second = _generate(qtbot, dialog)
    assert _files(dialog) == [second.path]  # the file of the first one went
    assert not first.path.exists()
    assert "English" in dialog.shown_details.text()


def test_a_required_subject_left_empty_is_refused_next_to_it(qtbot, open_reports,
                                                             monkeypatch):
    def person(r):
        r.heading(r.t("The person", "本人"))
        r.paragraph(f"subject={r.subject}")

    _register(monkeypatch, "person", person, subject="required")
    _register(monkeypatch, "maybe", person, subject="optional")
    dialog = open_reports("en")
    dialog.select("person")
    assert dialog.subject_box.isVisibleTo(dialog)
    assert dialog.subject_label.text() == "Data subject (required)"
    assert not dialog.generate()  # refused before anything starts
    assert dialog.subject_message.isVisible()
    assert "Enter the data subject's reference" in dialog.subject_message.text()
    assert not dialog.jobs.busy and dialog.scratch is None
    assert dialog.stack.currentWidget() is dialog.placeholder

    dialog.subject.setText("U00000042")
    assert not dialog.subject_message.isVisible()  # the message goes as one types
    result = _generate(qtbot, dialog)
    text = "\n".join(p.extract_text() for p in PdfReader(str(result.path)).pages)
    assert "subject=U00000042" in text and "Data subject: U00000042" in text
    assert "Data subject: U00000042" in dialog.shown_details.text()

    dialog.select("maybe")  # optional: empty is everyone
    assert dialog.subject_label.text() == "Data subject"
    dialog.subject.clear()
    result = _generate(qtbot, dialog)
    text = "\n".join(p.extract_text() for p in PdfReader(str(result.path)).pages)
    assert "subject=None" in text and "Data subject:" not in text


def test_a_wrong_period_is_refused_next_to_it(open_reports):
    dialog = open_reports("en")
    dialog.date_from.set_value(date(2026, 12, 1))
    assert not dialog.generate()
    assert "The period starts after it ends." in dialog.period_message.text()
    dialog.date_from.set_value("2026-13-40")
    assert not dialog.generate()
    assert "YYYY-MM-DD" in dialog.period_message.text()
    dialog.date_from.set_value(None)
    assert not dialog.generate()
    assert "both dates" in dialog.period_message.text()
    assert not dialog.jobs.busy and dialog.scratch is None


def test_a_report_of_the_present_state_has_no_period(qtbot, open_reports, monkeypatch):
    _register(monkeypatch, "now", lambda r: r.paragraph("as of today"), period=False)
    dialog = open_reports("en")
    dialog.select("now")
    assert not dialog.dates.isVisibleTo(dialog)
    assert dialog.period_note.text() == \
        "This report shows the state as of 2026-11-26: it has no period."
    dialog.date_from.set_value("nonsense")  # not looked at
    _generate(qtbot, dialog)
    assert "–" not in dialog.shown_details.text()


@pytest.fixture
def slow_report(monkeypatch):
    """A report whose build runs until it is cancelled (at most 60 s); `started` is set
    once the worker is in it."""
    started = threading.Event()

    def slow(r):
        started.set()
        end = time.monotonic() + 60
        while time.monotonic() < end:
            r.step("waiting", 0, 0)
            time.sleep(0.005)  # the worker, not the test, is slow

    _register(monkeypatch, "slow", slow)
    return started


def test_cancel_stops_a_generation_and_leaves_no_file(qtbot, open_reports, slow_report):
    dialog = open_reports("en")
    dialog.select("slow")
    assert dialog.generate()
    qtbot.waitUntil(slow_report.is_set, timeout=WAIT_MS)
    assert dialog.bar.isVisible() and dialog.cancel_button.isVisible()
    assert not dialog.generate_button.isEnabled()
    with qtbot.waitSignal(dialog.stopped, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == "Cancelled: no report was written."
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=WAIT_MS)
    assert _files(dialog) == []
    assert not dialog.bar.isVisible() and dialog.generate_button.isEnabled()
    assert not dialog.save_button.isEnabled()


def test_closing_during_a_generation_removes_the_files(qtbot, open_reports, slow_report):
    dialog = open_reports("en")
    dialog.select("slow")
    assert dialog.generate()
    scratch = dialog.scratch.path
    qtbot.waitUntil(slow_report.is_set, timeout=WAIT_MS)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not scratch.exists(), timeout=WAIT_MS)


def test_a_full_disk_is_a_message_and_leaves_nothing(qtbot, open_reports, monkeypatch):
    def full(r):
        r.paragraph("x")
        raise OSError(errno.ENOSPC, "No space left on device")

    _register(monkeypatch, "full", full)
    dialog = open_reports("en")
    dialog.select("full")
    message = _stopped(qtbot, dialog)
    assert message.startswith("⚠ The disk is full")
    assert dialog.message.isVisible() and dialog.message.text() == message
    assert _files(dialog) == []
    assert dialog.stack.currentWidget() is dialog.placeholder


def test_a_refusal_of_the_services_is_a_message(qtbot, open_reports, monkeypatch):
    def refused(r):
        raise records.ValidationError("complaint", [records.FieldError(
            "received_on", Text("is after today", "本日より後の日付です"))])

    _register(monkeypatch, "refused", refused)
    dialog = open_reports("en")
    dialog.select("refused")
    assert _stopped(qtbot, dialog) == "⚠ The report was not made: is after today"


def test_the_warnings_of_a_build_show(qtbot, open_reports, monkeypatch):
    from privacydesk.reports import fonts

    monkeypatch.setattr(fonts, "KNOWN", ())
    monkeypatch.setattr(fonts, "_fontconfig", lambda: [])
    monkeypatch.setattr(fonts, "_cache", {})
    dialog = open_reports("en")
    result = _generate(qtbot, dialog)
    assert result.warnings
    assert dialog.warnings.isVisible()
    assert "No Japanese TrueType font was found" in dialog.warnings.text()
    assert "(Japanese font of the PDF reports)" in dialog.warnings.text()


def test_a_password_encrypts_the_pdf_and_the_preview_opens_it(qtbot, open_reports,
                                                              tmp_path):
    dialog = open_reports("en")
    dialog.password.setText("s3cret pass")
    result = _generate(qtbot, dialog)
    reader = PdfReader(str(result.path))
    assert reader.is_encrypted
    assert reader.decrypt("s3cret pass")
    assert dialog.document.pageCount() == len(reader.pages) == result.pages
    assert "encrypted" in dialog.shown_details.text()
    out = tmp_path / "locked.pdf"
    assert dialog.save_to(out)
    assert PdfReader(str(out)).is_encrypted


def test_the_dialog_speaks_the_windows_language(open_reports):
    dialog = open_reports("ja")
    assert dialog.list.item(0).text() == "個人情報保護に関する年次報告"  # the first report
    assert dialog.language.currentData() == "ja"
    from privacydesk.reports import registry

    assert dialog.description.text() == registry.spec("annual").description.ja


def test_reports_from_the_window_and_a_lock_closes_them(qtbot, open_window, filled_db,
                                                      slow_report):
    window = open_window("en", filled_db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("Re&ports") == menus.index("&Records") + 1
    assert menus.index("&Tools") == menus.index("Re&ports") + 1
    assert window.reports_action.shortcut() == QKeySequence("Ctrl+P")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.reports_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.isModal()  # the window stays usable beside it
    _generate(qtbot, dialog)
    dialog.select("slow")
    assert dialog.generate()
    scratch = dialog.scratch.path
    qtbot.waitUntil(slow_report.is_set, timeout=WAIT_MS)
    window.shutdown_for_lock()  # stops the jobs, rejects the dialogs
    assert not dialog.isVisible()
    assert not window.jobs.busy
    assert not scratch.exists()
