"""The unlock window: which database, its passphrase, and nothing of its data.

Opening a file derives the key and runs migrations (about 0.3 s); that happens on the
GUI thread under a busy cursor. Connecting to a team server again (after a lock, or
`gui --url`) waits on the network, so it runs on a worker while the window says so.
The window also creates a new database or a demo one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services import connection, session
from privacydesk.services.session import (
    DEMO_PASSPHRASE,
    MIN_PASSPHRASE_LENGTH,
    Database,
    DatabaseNotFound,
    SchemaTooNew,
    StoreError,
    WrongPassphrase,
)
from privacydesk.ui import i18n
from privacydesk.ui.workers import Jobs

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: palette(text);"


def default_demo_path() -> Path:
    return session.default_demo_path()


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """A wait cursor for work that blocks the GUI thread briefly."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def short_folder(path: Path) -> str:
    """The folder of a file, with the home directory as ~."""
    folder = path.parent
    with contextlib.suppress(ValueError, RuntimeError):
        return str(Path("~") / folder.relative_to(Path.home())) + "/"
    return str(folder) + "/"


class NewDatabaseDialog(QDialog):
    """Where, who, which language, and the passphrase twice; creates the database."""

    def __init__(self, path: Path, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New database"))
        self.database: Database | None = None

        self.location_edit = QLineEdit(str(path), self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        location = QHBoxLayout()
        location.addWidget(self.location_edit, 1)
        location.addWidget(browse)

        self.officer_edit = QLineEdit(self)
        self.officer_edit.setPlaceholderText(self.tr("Recorded with every change"))
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("日本語", "ja")
        self.language_combo.setCurrentIndex(1 if i18n.current_language() == "ja" else 0)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(
            self.tr("At least {n} characters").format(n=MIN_PASSPHRASE_LENGTH))
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("File"), location)
        form.addRow(self.tr("Officer's name"), self.officer_edit)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        form.addRow(self.tr("Passphrase again"), self.repeat_edit)

        hint = QLabel(self.tr(
            "The passphrase encrypts the whole file. It cannot be recovered: "
            "without it, nobody can open the database."), self)
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database"), self.location_edit.text(),
            self.tr("PrivacyDesk databases (*.db);;All files (*)"))
        if name:
            self.location_edit.setText(name)

    def problem(self) -> str | None:
        """What is wrong with the input, in words, or None."""
        location = self.location_edit.text().strip()
        if not location:
            return self.tr("Choose where to save the database.")
        if Path(location).expanduser().exists():
            return self.tr("{path} already exists; choose another file.").format(path=location)
        if not self.officer_edit.text().strip():
            return self.tr("Enter the officer's name; it is recorded with every change.")
        if len(self.passphrase_edit.text()) < MIN_PASSPHRASE_LENGTH:
            return self.tr("The passphrase must have at least {n} characters.").format(
                n=MIN_PASSPHRASE_LENGTH)
        if self.passphrase_edit.text() != self.repeat_edit.text():
            return self.tr("The two passphrases differ.")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is None:
            try:
                self.database = self._create()
            except (StoreError, OSError) as exc:
                problem = self.tr("Could not create the database: {reason}").format(
                    reason=str(exc))
        if problem is not None:
            self.error_label.setText("⚠ " + problem)
            self.error_label.show()
            return
        super().accept()

    def _create(self) -> Database:
        path = Path(self.location_edit.text().strip()).expanduser()
        with busy():
            return session.create(path, self.passphrase_edit.text(),
                                  officer=self.officer_edit.text().strip(),
                                  language=self.language_combo.currentData())


class UnlockWindow(QWidget):
    """Choose a database and unlock it; emits `unlocked(Database)`."""

    unlocked = Signal(object)

    def __init__(self, path: Path | str | None = None, *, demo_path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path) if path is not None else session.default_path()
        self.demo_path = demo_path if demo_path is not None else default_demo_path()
        self.setObjectName("unlock")

        self.title_label = QLabel("PrivacyDesk", self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.database_caption = QLabel(self)
        self.file_label = QLabel(self)
        bold = self.file_label.font()
        bold.setBold(True)
        self.file_label.setFont(bold)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = QLabel(self)
        self.folder_label.setStyleSheet("color: palette(placeholder-text);")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other_button = QPushButton(self)
        self.other_button.clicked.connect(self.choose_database)

        self.passphrase_caption = QLabel(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setMinimumWidth(260)
        self.passphrase_caption.setBuddy(self.passphrase_edit)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setEnabled(False)
        self.unlock_button.clicked.connect(self.unlock)
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.passphrase_edit.textChanged.connect(self._update_buttons)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_database)
        self.demo_button = QPushButton(self)
        self.demo_button.clicked.connect(self._demo_clicked)
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("connect_server")
        self.connect_button.clicked.connect(self.connect_server)
        self.server: connection.Profile | None = None  # locked on a server: its connection
        self.connect_dialog = None
        self.jobs = Jobs(self)
        self._made: list[Database] = []  # server handles a worker opened, not yet taken

        file_box = QVBoxLayout()
        file_box.setSpacing(0)
        file_box.addWidget(self.file_label)
        file_box.addWidget(self.folder_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.addWidget(self.database_caption, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(file_box, 0, 1)
        grid.addWidget(self.other_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.passphrase_caption, 1, 0)
        grid.addWidget(self.passphrase_edit, 1, 1)
        grid.addWidget(self.unlock_button, 1, 2)
        grid.addWidget(self.error_label, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.demo_button)
        bottom.addStretch(1)
        bottom.addWidget(self.connect_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addLayout(bottom)
        self.setMinimumWidth(600)

        self.retranslate()
        self.set_database_path(self.path)

    # --- texts ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("PrivacyDesk — Unlock"))
        self.database_caption.setText(self.tr("Database"))
        self.other_button.setText(self.tr("Open other database…"))
        if self.server is not None:
            self.passphrase_caption.setText(self.tr("&Password"))
            self.folder_label.setText(self.tr("team server"))
            self.passphrase_edit.setPlaceholderText(self.tr("Only if the server asks for one"))
        else:
            self.passphrase_caption.setText(self.tr("&Passphrase"))
            self.passphrase_edit.setPlaceholderText("")
        self.connect_button.setText(self.tr("Connect to a team server…"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.new_button.setText(self.tr("New database…"))
        self.demo_button.setText(self.tr("Explore a demo database…"))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state ----------------------------------------------------------------------

    def set_server(self, profile: connection.Profile) -> None:
        """Ask for the password of a server connection again (after a lock)."""
        self.server = profile
        name = f"{profile.user}@{profile.host}/{profile.database}"
        self.file_label.setText(name)
        self.file_label.setToolTip(profile.url())
        self.folder_label.setToolTip(profile.url())
        self.error_label.hide()
        self.passphrase_edit.clear()
        self.retranslate()
        self.passphrase_edit.setFocus()

    def set_database_path(self, path: Path | str) -> None:
        self.server = None
        self.retranslate()
        self.path = Path(path)
        self.file_label.setText(self.path.name)
        self.folder_label.setText(short_folder(self.path))
        self.file_label.setToolTip(str(self.path))
        self.folder_label.setToolTip(str(self.path))
        self.error_label.hide()
        self.passphrase_edit.clear()
        self._update_buttons()
        self.passphrase_edit.setFocus()

    def _update_buttons(self) -> None:
        if self.server is not None:  # the password may come from ~/.pgpass or the keyring
            self.passphrase_edit.setEnabled(True)
            self.unlock_button.setEnabled(True)
            return
        exists = self.path.is_file()
        self.passphrase_edit.setEnabled(exists)
        self.unlock_button.setEnabled(exists and bool(self.passphrase_edit.text()))
        if not exists:
            self._show_message(self.tr(
                "No database at {path}. Create one with “New database…”, open another "
                "one, or explore a demo database.").format(path=self.path), error=False)

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.error_label.setText(("⚠ " if error else "") + text)
        self.error_label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.error_label.show()

    def reset(self) -> None:
        """Back to a blank passphrase (after a lock)."""
        self.passphrase_edit.clear()
        self.error_label.hide()
        self._update_buttons()
        self.passphrase_edit.setFocus()

    # --- actions --------------------------------------------------------------------

    def unlock(self) -> bool:
        if self.server is not None:
            return self._reconnect()
        passphrase = self.passphrase_edit.text()
        if not passphrase or not self.path.is_file():
            self._update_buttons()
            return False
        try:
            with busy():
                db = session.open(self.path, passphrase)
        except WrongPassphrase:
            self.passphrase_edit.clear()
            self._show_message(self.tr("Wrong passphrase. Try again."))
            self.passphrase_edit.setFocus()
            return False
        except DatabaseNotFound:
            self._show_message(self.tr("No database at {path}.").format(path=self.path))
            return False
        except SchemaTooNew:
            self._show_message(self.tr(
                "This database was written by a newer version of PrivacyDesk. "
                "Update PrivacyDesk to open it."))
            return False
        except (StoreError, OSError) as exc:
            log.warning("cannot open %s: %s", self.path, exc)
            self._show_message(self.tr("Cannot open {path}: {reason}").format(
                path=self.path, reason=str(exc)))
            return False
        self.passphrase_edit.clear()
        self.error_label.hide()
        self.unlocked.emit(db)
        return True

    def _reconnect(self) -> bool:
        """Connect to the server on a worker; False when nothing was started."""
        from privacydesk.ui.dialogs.connect import connect_job

        assert self.server is not None
        if self.jobs.busy:
            return False
        password = self.passphrase_edit.text() or connection.keyring_get(self.server)
        self._show_message(self.tr("Connecting to {server}…").format(
            server=f"{self.server.host}:{self.server.port}/{self.server.database}"),
            error=False)
        self.unlock_button.setEnabled(False)
        self.passphrase_edit.setEnabled(False)
        started = self.jobs.start(connect_job, self.server.url(), password or None, self._made,
                                  name="reconnect", on_done=self._reconnected,
                                  on_error=self._reconnect_failed)
        return started is not None

    def _reconnected(self, db: Database) -> None:
        self._made.remove(db)
        self.passphrase_edit.clear()
        self.error_label.hide()
        self._update_buttons()
        self.unlocked.emit(db)

    def _reconnect_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, connection.PasswordNeeded):
            self._show_message(self.tr("The server asks for the password of {login}.").format(
                login=self.server.user if self.server else ""))
        elif isinstance(exc, connection.WrongPassword):
            self.passphrase_edit.clear()
            self._show_message(self.tr("The server refused the login or its password."))
        else:
            log.warning("cannot connect: %s", exc)
            self._show_message(self.tr("Cannot connect: {reason}").format(reason=str(exc)))
        self.passphrase_edit.setFocus()

    def shutdown(self) -> None:
        """Wait for a connection under way and close what nobody took."""
        self.jobs.shutdown()
        for db in self._made:
            db.close()
        self._made.clear()

    def connect_server(self) -> None:
        """*Connect to a team server…*: the dialog of saved connections."""
        from privacydesk.ui.dialogs.connect import ConnectDialog

        dialog = ConnectDialog(parent=self)
        self.connect_dialog = dialog

        def finished(result: int) -> None:
            self.connect_dialog = None
            if result == QDialog.DialogCode.Accepted and dialog.database is not None:
                self.unlocked.emit(dialog.database)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def choose_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), str(self.path.parent),
            self.tr("PrivacyDesk databases (*.db);;All files (*)"))
        if name:
            self.set_database_path(name)

    def new_database(self) -> None:
        start = self.path if not self.path.exists() else self.path.with_name("new-privacy.db")
        dialog = NewDatabaseDialog(start, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.database is not None:
            db = dialog.database
            self.set_database_path(db.path or start)
            self.unlocked.emit(db)
        dialog.deleteLater()

    def _demo_clicked(self) -> None:
        exists = self.demo_path.is_file()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Demo database"))
        if exists:
            box.setText(self.tr("Open the demo database?"))
        else:
            box.setText(self.tr("Create a demo database of invented records?"))
        box.setInformativeText(self.tr(
            "File: {path}\nPassphrase: {passphrase}\n\nEverything in it is invented. "
            "Do not enter real personal data in the demo.").format(
                path=self.demo_path, passphrase=DEMO_PASSPHRASE))
        go = box.addButton(self.tr("Open") if exists else self.tr("Create and open"),
                           QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.exec()
        if box.clickedButton() is go:
            self.open_demo()
        box.deleteLater()

    def open_demo(self) -> bool:
        """Open the demo database, creating and filling it first if needed."""
        try:
            with busy():
                db = session.open_demo(self.demo_path, language=i18n.current_language())
        except WrongPassphrase:
            self._show_message(self.tr(
                "The demo database at {path} has another passphrase. Delete the file to "
                "start a new demo.").format(path=self.demo_path))
            return False
        except (StoreError, OSError, ImportError) as exc:
            self._show_message(self.tr("Could not open the demo database: {reason}").format(
                reason=str(exc)))
            return False
        self.set_database_path(self.demo_path)
        self.unlocked.emit(db)
        return True
