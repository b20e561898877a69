"""Reports from the window: choose one, generate it on a worker, look at it, save it,
print it.

The left side chooses what to make: the report (every report the registry declares,
titled in the window's language), its period (the last twelve months unless changed;
reports of the present state have none), the language it is printed in, the data
subject it is cut to (only for the reports about one person, and refused without one
where the report needs it) and an optional password that encrypts the PDF. Generate
runs `registry.build` on the window's jobs with a progress bar and Cancel; a refusal,
a full disk or any other failure shows as a message here and leaves no file.

The right side previews the generated PDF (every page, fit to the width), with Save…
(a copy readable by its owner only) and Print… (each page rendered at the printer's
resolution, up to 300 dpi, and painted onto the printer). Generated files live in a
private temporary directory that is removed when the dialog closes — also on a lock,
which rejects the window's dialogs after stopping its jobs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.fields import Field, FieldType, in_lang
from privacydesk.domain.settings import BY_KEY
from privacydesk.reports import registry
from privacydesk.reports.base import BuildResult
from privacydesk.reports.registry import ReportSpec
from privacydesk.services import records, reporting
from privacydesk.services.session import Cancelled, Database
from privacydesk.ui.widgets.editors import DateEditor
from privacydesk.ui.workers import Job, Jobs, Token

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #8d5a00;"
HINT_STYLE = "color: #616161;"
LANGUAGES = (("ja", "日本語"), ("en", "English"))
# A page prints as an image rendered at the printer's resolution, up to 300 dpi: text
# prints clean, and a page takes about half a second (600 dpi: 3 s and 140 MB a page).
PRINT_DPI_MAX = 300
PROGRESS_EVERY_S = 0.1  # the layout reports every flowable: pass on ten updates a second


class Scratch:
    """A private temporary directory (mode 0700) for the generated files.

    `close()` removes it; while a worker still writes in it (between `enter()` and
    `leave()`: a cancelled build stops at its next step) the worker removes it as it
    leaves. A worker that enters after the close is refused. The interpreter's exit
    removes whatever is left."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="privacydesk-reports-"))
        self._lock = threading.Lock()
        self._writers = 0
        self._closed = False
        self._remove = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def enter(self) -> bool:
        with self._lock:
            if self._closed:
                return False
            self._writers += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._writers -= 1
            last = self._closed and self._writers == 0
        if last:
            self._remove()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = self._writers == 0
        if idle:
            self._remove()


def generate(token: Token, db: Database, name: str, out: Path, scratch: Scratch,
             options: dict[str, Any]) -> BuildResult:
    """The worker: build report `name` into `out` inside `scratch` (nothing is left of a
    build that failed or was cancelled)."""
    if not scratch.enter():
        raise Cancelled("the reports dialog was closed")
    try:
        last = {"at": 0.0, "what": None}

        def progress(what: str, done: int, total: int) -> None:
            now = time.monotonic()
            if what != last["what"] or now - last["at"] >= PROGRESS_EVERY_S:
                last.update(at=now, what=what)
                token.progress(done, total, what)

        result = registry.build(db, name, out, progress=progress,
                                cancelled=lambda: token.cancelled, **options)
        if token.cancelled:  # cancelled while the file was being written
            out.unlink(missing_ok=True)
            raise Cancelled("report cancelled")
        return result
    finally:
        scratch.leave()


@dataclass(frozen=True)
class Made:
    """What the preview shows: the choices it was generated with, and the result."""

    spec: ReportSpec
    period: reporting.Period | None
    lang: str
    subject: str
    password: str
    result: BuildResult


class ReportsDialog(QDialog):
    """The reports: choices on the left, the generated PDF on the right."""

    generated = Signal(object)  # the BuildResult, once the preview shows it
    stopped = Signal(str)  # a generation ended without a report: the message shown

    def __init__(self, db: Database, jobs: Jobs, *, lang: str = "en",
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_dialog")
        self.setWindowTitle(self.tr("Reports"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.db = db
        self.jobs = jobs
        self.lang = lang
        self.today = today or records.today_jst()
        self.specs = registry.available(db)  # what this login may read
        self.job: Job | None = None
        self.made: Made | None = None
        self.scratch: Scratch | None = None
        self._generation = 0  # a result of an older generation is dropped
        self._files = 0

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._make_choices())
        splitter.addWidget(self._make_preview())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.list.setCurrentRow(0)
        self.resize(1240, 840)

    # --- building the dialog --------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def _hint(self, text: str = "", style: str = HINT_STYLE) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        return label

    def _make_choices(self) -> QWidget:
        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 6, 0)

        layout.addWidget(self._heading(self.tr("Report")))
        self.list = QListWidget(side)
        self.list.setObjectName("report_list")
        self.list.setSpacing(2)
        for spec in self.specs:
            item = QListWidgetItem(in_lang(spec.title, self.lang), self.list)
            item.setData(Qt.ItemDataRole.UserRole, spec.name)
            item.setToolTip(in_lang(spec.description, self.lang))
        self.list.currentRowChanged.connect(self._chosen)
        self.list.itemDoubleClicked.connect(lambda _item: self.generate())
        layout.addWidget(self.list, 1)
        self.description = QLabel(side)
        self.description.setObjectName("report_description")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 3)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.description)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        default = reporting.Period.last_months(self.today)
        self.date_from = DateEditor(Field("period_from", FieldType.DATE, "From", "開始日"),
                                    side)
        self.date_to = DateEditor(Field("period_to", FieldType.DATE, "To", "終了日"), side)
        self.date_from.setObjectName("period_from")
        self.date_to.setObjectName("period_to")
        self.date_from.set_value(default.start)
        self.date_to.set_value(default.end)
        self.dates = QWidget(side)
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("〜" if self.lang == "ja" else "–", side))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.period_note = self._hint()
        self.period_message = self._hint(style=ERROR_STYLE)
        self.period_message.setObjectName("period_message")
        self.period_message.hide()
        period_box = QVBoxLayout()
        period_box.setContentsMargins(0, 0, 0, 0)
        period_box.addWidget(self.dates)
        period_box.addWidget(self.period_note)
        period_box.addWidget(self.period_message)
        self.period_label = QLabel(self.tr("Period"), side)
        form.addRow(self.period_label, period_box)

        self.language = QComboBox(side)
        self.language.setObjectName("report_language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(0 if self.lang == "ja" else 1)
        form.addRow(self.tr("Report language"), self.language)

        self.subject = QLineEdit(side)
        self.subject.setObjectName("report_subject")
        self.subject.textChanged.connect(lambda _t: self.subject_message.hide())
        self.subject_hint = self._hint()
        self.subject_message = self._hint(style=ERROR_STYLE)
        self.subject_message.setObjectName("subject_message")
        self.subject_message.hide()
        self.subject_box = QWidget(side)
        subject_layout = QVBoxLayout(self.subject_box)
        subject_layout.setContentsMargins(0, 0, 0, 0)
        subject_layout.addWidget(self.subject)
        subject_layout.addWidget(self.subject_hint)
        subject_layout.addWidget(self.subject_message)
        self.subject_label = QLabel(self.tr("Data subject"), side)
        form.addRow(self.subject_label, self.subject_box)

        self.password = QLineEdit(side)
        self.password.setObjectName("report_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("None"))
        self.show_password = QCheckBox(self.tr("Show"), side)
        self.show_password.toggled.connect(lambda on: self.password.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        password_row = QHBoxLayout()
        password_row.setContentsMargins(0, 0, 0, 0)
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.show_password)
        password_box = QVBoxLayout()
        password_box.setContentsMargins(0, 0, 0, 0)
        password_box.addLayout(password_row)
        password_box.addWidget(self._hint(self.tr(
            "With a password the PDF is encrypted: it opens only with the password. "
            "Give the password to the reader separately.")))
        form.addRow(self.tr("Password"), password_box)
        layout.addLayout(form)

        self.generate_button = QPushButton(self.tr("Generate"), side)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(self.tr("Cancel"), side)
        self.cancel_button.setObjectName("cancel_generation")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.generate_button)
        layout.addLayout(buttons)

        self.phase = self._hint()
        self.phase.setObjectName("generation_phase")
        self.phase.hide()
        self.bar = QProgressBar(side)
        self.bar.setObjectName("generation_progress")
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.message = QLabel(side)
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        return side

    def _make_preview(self) -> QWidget:
        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 0, 0, 0)
        self.shown = self._heading("")
        self.shown.setObjectName("preview_title")
        self.shown.setWordWrap(True)
        self.shown_details = self._hint()
        self.shown_details.setObjectName("preview_details")
        self.warnings = self._hint(style=WARNING_STYLE)
        self.warnings.setObjectName("report_warnings")
        self.warnings.hide()
        layout.addWidget(self.shown)
        layout.addWidget(self.shown_details)
        layout.addWidget(self.warnings)

        self.document = QPdfDocument(self)
        self.view = QPdfView(side)
        self.view.setObjectName("preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.placeholder = QLabel(self.tr("Choose a report and press Generate: the report "
                                          "shows here, page by page."), side)
        self.placeholder.setObjectName("preview_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(HINT_STYLE)
        self.stack = QStackedWidget(side)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

        self.save_button = QPushButton(self.tr("Save…"), side)
        self.save_button.setObjectName("save_report")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Print…"), side)
        self.print_button.setObjectName("print_report")
        self.print_button.clicked.connect(self.print_report)
        self.close_button = QPushButton(self.tr("Close"), side)
        self.close_button.setObjectName("close_reports")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        return side

    # --- the choices -----------------------------------------------------------------

    def spec(self) -> ReportSpec | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return registry.spec(item.data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        """Make report `name` the current one."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
                return
        raise KeyError(name)

    def set_language(self, lang: str) -> None:
        self.language.setCurrentIndex(self.language.findData(lang))

    def _chosen(self, _row: int) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.description.setText(in_lang(spec.description, self.lang))
        self.dates.setVisible(spec.period)
        self.period_note.setText("" if spec.period else self.tr(
            "This report shows the state as of {day}: it has no period.").format(
                day=self.today.isoformat()))
        self.period_note.setVisible(not spec.period)
        self.period_message.hide()
        asks = spec.subject in ("optional", "required")
        self.form.setRowVisible(self.subject_box, asks)
        self.subject_message.hide()
        if spec.subject == "required":
            self.subject_label.setText(self.tr("Data subject (required)"))
            self.subject_hint.setText(self.tr(
                "This report is about one person: enter their subject reference as the "
                "records hold it."))
        elif spec.subject == "optional":
            self.subject_label.setText(self.tr("Data subject"))
            self.subject_hint.setText(self.tr(
                "Optional: enter a subject reference to cut the report to that person; "
                "leave it empty for everyone."))

    def _period(self) -> reporting.Period | None:
        """The period chosen, or None after showing what is wrong with it."""
        problem = self.date_from.problem() or self.date_to.problem()
        start, end = self.date_from.value(), self.date_to.value()
        if problem is None and not (isinstance(start, date) and isinstance(end, date)):
            problem = self.tr("Enter both dates of the period.")
        if problem is None and start > end:
            problem = self.tr("The period starts after it ends.")
        if problem is not None:
            self.period_message.setText("⚠ " + problem)
            self.period_message.show()
            return None
        self.period_message.hide()
        return reporting.Period(start, end)

    # --- generating ------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None

    def generate(self) -> bool:
        """Start generating the chosen report; False when a choice is refused (its
        message shows next to it) or a generation is already running."""
        spec = self.spec()
        if spec is None or self.busy:
            return False
        period = self._period() if spec.period else None
        if spec.period and period is None:
            return False
        subject = self.subject.text().strip() if spec.subject != "none" else ""
        if spec.subject == "required" and not subject:
            self.subject_message.setText("⚠ " + self.tr("Enter the data subject's reference."))
            self.subject_message.show()
            self.subject.setFocus()
            return False
        lang = self.language.currentData()
        password = self.password.text()
        options: dict[str, Any] = {"lang": lang, "subject": subject or None,
                                   "today": self.today, "password": password or None}
        if period is not None:
            options.update(start=period.start, end=period.end)

        self._clear_preview()
        if self.scratch is None:
            try:
                self.scratch = Scratch()
            except OSError as exc:
                self._stop(self._problem(exc))
                return False
        self._files += 1
        out = self.scratch.path / f"{spec.name}-{self._files}.pdf"
        self._generation += 1
        generation = self._generation
        self.job = self.jobs.start(
            generate, self.db, spec.name, out, self.scratch, options,
            on_done=lambda result: self._done(generation, Made(
                spec, period, lang, subject, password, result)),
            on_error=lambda exc: self._failed(generation, exc),
            on_progress=lambda d, t, w: self._progress(generation, d, t, w),
            name=f"report {spec.name}")
        if self.job is None:  # the window is closing
            return False
        self._set_busy(True)
        self.placeholder.setText(self.tr("Generating the report…"))
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.token.cancel()
            self.phase.setText(self.tr("Cancelling…"))

    def _set_busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.bar.setVisible(busy)
        self.phase.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)
            self.phase.setText(self.tr("Generating the report…"))
            self.message.hide()

    def _progress(self, generation: int, done: int, total: int, what: str) -> None:
        if generation != self._generation or self.job is None:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        # the report's own words, in the report's language
        text = self.tr("Generating the report…")
        self.phase.setText(f"{text} {what}" if what else text)

    def _done(self, generation: int, made: Made) -> None:
        if generation != self._generation:
            made.result.path.unlink(missing_ok=True)
            return
        self.job = None
        self._set_busy(False)
        self.document.setPassword(made.password)
        error = self.document.load(str(made.result.path))
        if error != QPdfDocument.Error.None_:
            made.result.path.unlink(missing_ok=True)
            self._stop("⚠ " + self.tr("The report was written but cannot be shown "
                                      "({error}).").format(error=error.name))
            return
        self.made = made
        self.stack.setCurrentWidget(self.view)
        self.shown.setText(in_lang(made.spec.title, self.lang))
        details = []
        if made.period is not None:
            details.append(made.period.text(self.lang))
        if made.subject:
            details.append(self.tr("Data subject: {ref}").format(ref=made.subject))
        details.append(dict(LANGUAGES)[made.lang])
        pages = made.result.pages
        details.append(self.tr("1 page") if pages == 1
                       else self.tr("{n} pages").format(n=f"{pages:,}"))
        if made.password:
            details.append(self.tr("encrypted"))
        self.shown_details.setText(" · ".join(details))
        warnings = [self.warning_text(w) for w in made.result.warnings]
        self.warnings.setText("\n".join("⚠ " + w for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.generated.emit(made.result)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.job = None
        self._set_busy(False)
        self._stop(self._problem(exc))

    def _stop(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("" if text == self.cancelled_text() else ERROR_STYLE)
        self.message.show()
        self.placeholder.setText(self.tr("No report is shown."))
        self.stopped.emit(text)

    def cancelled_text(self) -> str:
        return self.tr("Cancelled: no report was written.")

    def _problem(self, exc: BaseException) -> str:
        """What went wrong, for the officer."""
        if isinstance(exc, Cancelled):
            return self.cancelled_text()
        if isinstance(exc, registry.SubjectRequired):
            return "⚠ " + self.tr("This report cannot be made for the data subject given: "
                                  "{error}").format(error=str(exc))
        if isinstance(exc, records.ValidationError):
            lines = [err.text(self.lang) for err in exc.errors]
            return "⚠ " + self.tr("The report was not made: {error}").format(
                error="; ".join(lines))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "⚠ " + self.tr("The disk is full: the report was not written. Free some "
                                  "space and generate it again.")
        if isinstance(exc, OSError):
            return "⚠ " + self.tr("The report could not be written: {error}").format(
                error=exc.strerror or str(exc))
        message = exc.args[0] if exc.args else str(exc)
        return "⚠ " + self.tr("The report was not made: {error}").format(
            error=in_lang(message, self.lang) if isinstance(message, str) else str(exc))

    def warning_text(self, warning: str) -> str:
        """A warning of the build in the window's language (the reports say them in
        English words)."""
        texts = []
        for part in warning.split("; "):
            if part.startswith("no Japanese TrueType font was found"):
                setting = BY_KEY["report_font"].label(self.lang)
                texts.append(self.tr(
                    "No Japanese TrueType font was found: the report uses a font that is not "
                    "embedded in the PDF, so a reader without Japanese fonts sees empty "
                    "boxes. Install a Japanese TrueType font, or choose one in the settings "
                    "({setting}).").format(setting=setting.split(" (")[0].split("（")[0]))
            elif part.startswith("the report font") and "was not found" in part:
                font = part.split("'")[1] if part.count("'") >= 2 else ""
                texts.append(self.tr("The report font set in the settings ({font}) was not "
                                     "found.").format(font=font))
            else:
                texts.append(part)
        return " ".join(texts)

    def _clear_preview(self) -> None:
        """Forget the report shown (its file goes: Save and Print act on what shows)."""
        made, self.made = self.made, None
        self.document.close()
        if made is not None:
            made.result.path.unlink(missing_ok=True)
        self.stack.setCurrentWidget(self.placeholder)
        self.shown.setText("")
        self.shown_details.setText("")
        self.warnings.hide()
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)

    # --- save and print --------------------------------------------------------------

    def suggested_name(self) -> str:
        made = self.made
        if made is None:
            return "report.pdf"
        when = (f"{made.period.start.isoformat()}_{made.period.end.isoformat()}"
                if made.period is not None else self.today.isoformat())
        return f"{made.spec.name}_{when}_{made.lang}.pdf"

    def save(self) -> None:
        """Ask where, then copy the report there."""
        if self.made is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        dialog = QFileDialog(self, self.tr("Save the report"),
                             str(Path(folder) / self.suggested_name()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        dialog.open()  # not exec(): a lock may close this dialog meanwhile

    def save_to(self, path: Path) -> bool:
        """Copy the generated report to `path`, whole or not at all, readable by its
        owner only."""
        if self.made is None:
            return False
        target = Path(path)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                       dir=target.parent)  # created 0600
            with os.fdopen(fd, "wb") as out, self.made.result.path.open("rb") as source:
                shutil.copyfileobj(source, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                text = self.tr("The disk is full: the report was not saved.")
            else:
                text = self.tr("The report was not saved: {error}").format(
                    error=exc.strerror or str(exc))
            self._say("⚠ " + text, error=True)
            return False
        self._say(self.tr("Saved to {path}.").format(path=str(target)))
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.show()

    def print_report(self) -> None:
        """Ask the printer and the pages, then print."""
        if self.made is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(in_lang(self.made.spec.title, self.made.lang))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if self.made.spec.landscape
                                   else QPageLayout.Orientation.Portrait)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the report"))
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()  # not exec(): a lock may close this dialog meanwhile

    def print_to(self, printer: QPrinter) -> bool:
        """Paint the pages the printer asks for (all, or its range; copies when the
        printer does not make them itself), each rendered at the printer's resolution
        (at most PRINT_DPI_MAX) and fitted to its printable area."""
        if self.made is None or self.document.status() != QPdfDocument.Status.Ready:
            return False
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        pages = list(range(first - 1, last))
        if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
            pages.reverse()
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        painter = QPainter()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if not painter.begin(printer):
                self._say("⚠ " + self.tr("The printer could not be started."), error=True)
                return False
            try:
                for n, index in enumerate(pages * copies):
                    if n and not printer.newPage():
                        self._say("⚠ " + self.tr("Printing stopped: the printer refused a "
                                                 "page."), error=True)
                        return False
                    self._paint_page(painter, printer, index, dpi)
            finally:
                painter.end()
        finally:
            QApplication.restoreOverrideCursor()
        n = len(pages)
        self._say(self.tr("Sent 1 page to the printer.") if n == 1
                  else self.tr("Sent {n} pages to the printer.").format(n=f"{n:,}"))
        return True

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int, dpi: int) -> None:
        points = self.document.pagePointSize(index)  # 1/72 inch
        area = QRectF(0, 0, printer.width(), printer.height())  # printable, device pixels
        per_point = printer.resolution() / 72
        scale = min(area.width() / (points.width() * per_point),
                    area.height() / (points.height() * per_point), 1.0)  # fit, never enlarge
        width, height = points.width() * per_point * scale, points.height() * per_point * scale
        target = QRectF(area.x() + (area.width() - width) / 2,
                        area.y() + (area.height() - height) / 2, width, height)
        pixels = QSize(max(1, round(points.width() * dpi / 72 * scale)),
                       max(1, round(points.height() * dpi / 72 * scale)))
        page = self.document.render(index, pixels)  # transparent where the page is blank
        image = QImage(pixels, QImage.Format.Format_RGB32)  # on white paper: no alpha mask
        image.fill(Qt.GlobalColor.white)
        on_white = QPainter(image)
        on_white.drawImage(0, 0, page)
        on_white.end()
        painter.drawImage(target, image)

    # --- closing ---------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing (Close, Esc, the title bar, a lock): stop the generation
        and remove the generated files."""
        if self.job is not None:
            self.job.token.cancel()
            self.job = None
            self._set_busy(False)
        self._generation += 1  # a result still on its way is dropped
        self._clear_preview()
        self.message.hide()
        self.password.clear()  # not kept in a window that stays open
        self.placeholder.setText(self.tr("Choose a report and press Generate: the report "
                                         "shows here, page by page."))
        if self.scratch is not None:
            scratch, self.scratch = self.scratch, None
            scratch.close()
        super().done(result)
