"""Verify the database, back it up, change its passphrase: long work on a worker, with
progress and cancel, through the same services as the command line."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services import present, session
from privacydesk.services.session import Cancelled, Database
from privacydesk.ui import i18n
from privacydesk.ui.workers import Jobs, Token

ERROR_STYLE = "color: #c62828;"


class VerifyDialog(QDialog):
    """Runs `session.verify` with a progress bar and Cancel, then shows the result."""

    def __init__(self, db: Database, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify database"))
        self._db = db
        self.result = None
        self.phase = QLabel(self.tr("Starting…"), self)
        self.phase.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("verify_report")
        self.report.setReadOnly(True)
        self.report.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Checks the file and its encryption, the whole audit chain, and every record "
            "against its last audit entry."), self))
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 200)

        def work(token: Token):
            return session.verify(db, progress=lambda p, d, t: token.progress(d, t, p),
                                  cancelled=lambda: token.cancelled)

        self.job = jobs.start(work, on_done=self._done, on_error=self._failed,
                              on_progress=self._progress, name="verify")

    def _progress(self, done: int, total: int, phase: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.phase.setText(self.phase_text(phase))

    def phase_text(self, phase: str) -> str:
        """The phase in the window's language (the store names it in English words)."""
        if phase == "checking the file and its encryption":
            return self.tr("Checking the file and its encryption…")
        if phase == "checking the audit chain":
            return self.tr("Checking the audit chain…")
        rows = re.fullmatch(r"checking (\w+) rows against the audit trail", phase)
        if rows:
            with contextlib.suppress(KeyError):
                what = present.entity_label(rows.group(1), i18n.current_language(),
                                            plural=True)
                return self.tr("Checking the {what} against the audit trail…").format(what=what)
        if phase == "done":
            return self.tr("Done.")
        return phase

    def _finish(self) -> None:
        self.bar.hide()
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.report.show()
        self.resize(640, 360)

    def _done(self, result) -> None:
        self.result = result
        self._finish()
        if result.ok:
            self.phase.setText("✓ " + self.tr(
                "The database is intact: {entries} audit entries and {rows} records "
                "verified.").format(entries=f"{result.entries:,}", rows=f"{result.rows:,}"))
            self.report.setPlainText(self.tr("No problem found."))
        else:
            self.phase.setStyleSheet(ERROR_STYLE)
            self.phase.setText("⚠ " + self.tr(
                "Verification found {n} problem(s). Keep this database as it is and "
                "compare it with a backup.").format(n=len(result.problems)))
            self.report.setPlainText("\n".join(result.problems))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.phase.setText(self.tr("Verification cancelled."))
        else:
            self.phase.setStyleSheet(ERROR_STYLE)
            self.phase.setText("⚠ " + self.tr("Verification stopped: {error}").format(
                error=str(exc)))
        self._finish()

    def reject(self) -> None:
        if self.job is not None and self.result is None:
            self.job.token.cancel()
        super().reject()


def backup_now(db: Database, jobs: Jobs, parent: QWidget | None = None,
               path: str | None = None) -> None:
    """Ask where, then write an encrypted, verified copy on a worker."""
    if db.path is None:
        return
    if path is None:
        suggested = str(db.path.with_name(f"{db.path.stem}-{date.today().isoformat()}.db"))
        path, _ = QFileDialog.getSaveFileName(
            parent, QDialog.tr("Back up the database"), suggested,
            QDialog.tr("PrivacyDesk databases (*.db)"))
        if not path:
            return
    progress = QProgressDialog(QDialog.tr("Writing and verifying the backup…"), None, 0, 0,
                               parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)

    def work(_token: Token):
        return session.backup(db, Path(path))

    def done(report) -> None:
        progress.close()
        QMessageBox.information(parent, QDialog.tr("Backup"), QDialog.tr(
            "Backup written to {path} and verified ({entries} audit entries, {rows} "
            "records). Keep it on another disk.").format(
                path=path, entries=f"{report.entries:,}", rows=f"{report.rows:,}"))

    def failed(exc: BaseException) -> None:
        progress.close()
        QMessageBox.warning(parent, QDialog.tr("Backup"), QDialog.tr(
            "The backup was not written: {error}").format(error=str(exc)))

    jobs.start(work, on_done=done, on_error=failed, name="backup")


class PassphraseDialog(QDialog):
    """The current passphrase, the new one twice; re-encrypts the database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self._db = db
        self.current = QLineEdit(self)
        self.new = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for edit in (self.current, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setPlaceholderText(self.tr("At least {n} characters").format(
            n=session.MIN_PASSPHRASE_LENGTH))
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Current passphrase"), self.current)
        form.addRow(self.tr("New passphrase"), self.new)
        form.addRow(self.tr("New passphrase again"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr(
            "The whole file is re-encrypted under the new passphrase and replaces the old "
            "one in a single step. Backups keep their old passphrase."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def problem(self) -> str | None:
        if self.current.text() != (self._db.passphrase or ""):
            return self.tr("The current passphrase is not right.")
        if len(self.new.text()) < session.MIN_PASSPHRASE_LENGTH:
            return self.tr("The new passphrase must have at least {n} characters.").format(
                n=session.MIN_PASSPHRASE_LENGTH)
        if self.new.text() != self.repeat.text():
            return self.tr("The two new passphrases differ.")
        if self.new.text() == self.current.text():
            return self.tr("The new passphrase is the same as the current one.")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error.setText("⚠ " + problem)
            self.error.show()
            return
        super().accept()


def change_passphrase(db: Database, new_passphrase: str, parent: QWidget | None = None,
                      on_done=None) -> None:
    """Re-encrypt on a worker of its own (the window's jobs have been stopped: the file
    is replaced); `on_done(new_db)` receives the reopened database."""
    jobs = Jobs(parent)
    progress = QProgressDialog(QDialog.tr("Re-encrypting the database…"), None, 0, 0, parent)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)

    def work(_token: Token) -> Database:
        return session.change_passphrase(db, new_passphrase)

    def done(new_db: Database) -> None:
        progress.close()
        if on_done is not None:
            on_done(new_db)

    def failed(exc: BaseException) -> None:
        progress.close()
        QMessageBox.warning(parent, QDialog.tr("Change passphrase"), QDialog.tr(
            "The passphrase was not changed: {error}").format(error=str(exc)))
        if on_done is not None:
            on_done(None)

    jobs.start(work, on_done=done, on_error=failed, name="change passphrase")
