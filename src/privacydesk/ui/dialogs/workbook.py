"""Excel workbooks from the window: one list as it is shown, or every list.

The export runs on a worker with a progress dialog and Cancel; a cancelled export
leaves no file (the services write beside the target and rename at the end).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from privacydesk.services import records
from privacydesk.services.present import entity_label
from privacydesk.services.session import Cancelled, Database
from privacydesk.services.sheets.export import export_workbook
from privacydesk.ui.workers import Job, Jobs, Token


def ask_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the workbook (None: the officer changed their mind)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("WorkbookExport", "Export to Excel"), suggested,
        QCoreApplication.translate("WorkbookExport", "Excel workbooks (*.xlsx)"))
    if not path:
        return None
    return path if path.lower().endswith(".xlsx") else path + ".xlsx"


def suggested_name(stem: str, today: date | None = None) -> str:
    return f"{stem}-{(today or date.today()).isoformat()}.xlsx"


def export_to_excel(db: Database, jobs: Jobs, entity_names: Sequence[str], path: str, *,
                    lang: str, query: records.Query | None = None, sort: str | None = None,
                    today: date | None = None, parent: QWidget | None = None,
                    on_done: Callable[[dict[str, int]], None] | None = None) -> Job | None:
    """Write the workbook on a worker; tells the officer how many records it holds."""
    names = list(entity_names)
    progress = QProgressDialog(
        QCoreApplication.translate("WorkbookExport", "Writing the workbook…"),
        QCoreApplication.translate("WorkbookExport", "Cancel"), 0, 0, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoReset(False)
    progress.setAutoClose(False)

    def work(token: Token) -> dict[str, int]:
        def report(name: str, done: int, total: int) -> None:
            token.progress(done, total, name)

        return export_workbook(db, names, Path(path), lang=lang, query=query, sort=sort,
                               today=today, progress=report, cancel=lambda: token.cancelled)

    def advanced(done: int, total: int, name: str) -> None:
        label = entity_label(name, lang, plural=True)
        if len(names) > 1:
            progress.setRange(0, len(names))
            progress.setValue(names.index(name))
        elif total > 0:
            progress.setRange(0, total)
            progress.setValue(min(done, total))
        progress.setLabelText(QCoreApplication.translate(
            "WorkbookExport", "Writing {list}… {n} records").format(list=label, n=f"{done:,}"))

    def done(counts: dict[str, int]) -> None:
        progress.close()
        n = f"{sum(counts.values()):,}"
        if len(counts) == 1:
            text = QCoreApplication.translate(
                "WorkbookExport", "{n} records written to {path}.").format(n=n, path=path)
        else:
            text = QCoreApplication.translate(
                "WorkbookExport", "{n} records of {lists} lists written to {path}, one sheet "
                "each.").format(n=n, lists=len(counts), path=path)
        if on_done is not None:
            on_done(counts)
        QMessageBox.information(parent, QCoreApplication.translate(
            "WorkbookExport", "Export to Excel"), text)

    def failed(exc: BaseException) -> None:
        progress.close()
        if isinstance(exc, Cancelled):
            return  # nothing was written
        QMessageBox.warning(parent, QCoreApplication.translate(
            "WorkbookExport", "Export to Excel"), QCoreApplication.translate(
            "WorkbookExport", "The workbook was not written: {error}").format(error=str(exc)))

    job = jobs.start(work, on_done=done, on_error=failed, on_progress=advanced,
                     name="export to excel")
    if job is None:
        progress.close()
        return None
    progress.canceled.connect(job.token.cancel)
    return job
