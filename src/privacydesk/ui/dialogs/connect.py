"""Connect to a team server: saved connections, the password, a connection on a worker.

A connection profile (name, host, port, database, login, TLS mode and, for the modes
that check the server's certificate, the authority's certificate) is kept in the
user's settings (QSettings), never with its password. The password is looked for in
libpq's own places first (PGPASSWORD, ~/.pgpass), then in the system keyring when the
profile asked to remember it there and a keyring is usable; otherwise the dialog asks
for it when the server wants one.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privacydesk.services import connection
from privacydesk.services.session import Database, StoreError
from privacydesk.ui.workers import Jobs

log = logging.getLogger(__name__)

SETTINGS_KEY = "team/profiles"
LAST_KEY = "team/last"
SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")
VERIFYING = ("verify-full", "verify-ca")  # the modes that read a CA certificate
CA_OPTION = "sslrootcert"
ERROR_STYLE = "color: #c62828;"


def settings() -> QSettings:
    """Where the connection profiles are kept (the user's settings of the app)."""
    return QSettings()


def load_profiles() -> list[connection.Profile]:
    text = settings().value(SETTINGS_KEY)
    try:
        data = json.loads(str(text)) if text else []
    except ValueError:
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        try:
            out.append(connection.Profile(
                name=str(item["name"]), host=str(item.get("host", "")),
                port=int(item.get("port") or 5432),
                database=str(item.get("database", "privacydesk")),
                user=str(item.get("user", "")), sslmode=str(item.get("sslmode", "prefer")),
                options=str(item.get("options", ""))))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def save_profiles(profiles: list[connection.Profile]) -> None:
    """Every field but a password, which a profile does not have."""
    store = settings()
    store.setValue(SETTINGS_KEY, json.dumps(
        [{"name": p.name, "host": p.host, "port": p.port, "database": p.database,
          "user": p.user, "sslmode": p.sslmode, "options": p.options} for p in profiles],
        ensure_ascii=False))
    store.sync()


def last_profile() -> str:
    return str(settings().value(LAST_KEY) or "")


def connect_job(token, url: str, password: str | None, made: list[Database]) -> Database:
    """A worker's connection; `made` holds it until the window takes it."""
    token.progress(0, 0)
    db = connection.connect(url, password)
    made.append(db)  # closed by the dialog if it is gone before the result arrives
    return db


class ConnectDialog(QDialog):
    """Choose or enter a server connection and connect; `database` is the handle."""

    def __init__(self, *, profile: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connect")
        self.setWindowTitle(self.tr("Connect to a team server"))
        self.database: Database | None = None
        self.profile: connection.Profile | None = None
        self.jobs = Jobs(self)
        self._made: list[Database] = []  # handles the worker opened
        self.profiles = load_profiles()

        self.list = QListWidget(self)
        self.list.setMinimumWidth(170)
        self.list.currentRowChanged.connect(self._show_profile)
        new = QPushButton(self.tr("New"), self)
        new.clicked.connect(self.new_profile)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_profile)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(new)
        side_buttons.addWidget(self.delete_button)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Saved connections"), self))
        side.addWidget(self.list, 1)
        side.addLayout(side_buttons)

        self.name_edit = QLineEdit(self)
        self.host_edit = QLineEdit(self)
        self.host_edit.setPlaceholderText("db.example.co.jp")
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit("privacydesk", self)
        self.user_edit = QLineEdit(self)
        self.ssl_combo = QComboBox(self)
        for mode in SSL_MODES:
            self.ssl_combo.addItem(mode, mode)
        self.ssl_combo.setToolTip(self.tr(
            "{mode}: encrypted, and the server's certificate must match its name "
            "(use it across any network you do not control)").format(mode="verify-full"))
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setObjectName("ca_certificate")
        self.ca_edit.setPlaceholderText("~/.postgresql/root.crt")
        self.ca_edit.setToolTip(self.tr(
            "The certificate of the authority that signed the server's certificate. "
            "Empty: {unix} ({windows} on Windows).").format(
                unix="~/.postgresql/root.crt", windows="%APPDATA%\\postgresql\\root.crt"))
        self.ca_browse = QPushButton(self.tr("Browse…"), self)
        self.ca_browse.clicked.connect(self.choose_ca)
        self.ca_row = QWidget(self)
        ca_layout = QHBoxLayout(self.ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.ca_edit, 1)
        ca_layout.addWidget(self.ca_browse)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("server_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Only if the server asks for one"))
        self.remember_box = QCheckBox(self.tr("Remember password in the system keyring"), self)
        self.remember_box.setVisible(connection.keyring_available())

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Server"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Database"), self.database_edit)
        form.addRow(self.tr("Login"), self.user_edit)
        form.addRow(self.tr("TLS"), self.ssl_combo)
        form.addRow(self.tr("CA certificate"), self.ca_row)
        self.form = form
        self.ssl_combo.currentIndexChanged.connect(self._show_ca_row)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow("", self.remember_box)

        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Connect"))
        buttons.accepted.connect(self.connect_to_server)
        buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.message)
        right.addWidget(self.status)
        right.addWidget(self.progress)
        right.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(side)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

        for p in self.profiles:
            self.list.addItem(QListWidgetItem(p.name))
        wanted = profile or last_profile()
        names = [p.name for p in self.profiles]
        if names:
            self.list.setCurrentRow(names.index(wanted) if wanted in names else 0)
        else:
            self.new_profile()
        self.delete_button.setEnabled(bool(self.profiles))

    # --- profiles -----------------------------------------------------------------

    def _show_profile(self, row: int) -> None:
        if not 0 <= row < len(self.profiles):
            return
        p = self.profiles[row]
        self.name_edit.setText(p.name)
        self.host_edit.setText(p.host)
        self.port_spin.setValue(p.port)
        self.database_edit.setText(p.database)
        self.user_edit.setText(p.user)
        i = self.ssl_combo.findData(p.sslmode)
        self.ssl_combo.setCurrentIndex(i if i >= 0 else SSL_MODES.index("prefer"))
        self.ca_edit.setText(p.option(CA_OPTION))
        self._show_ca_row()
        self.password_edit.clear()
        self.message.hide()

    def new_profile(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        for edit in (self.name_edit, self.host_edit, self.user_edit, self.password_edit,
                     self.ca_edit):
            edit.clear()
        self.database_edit.setText("privacydesk")
        self.port_spin.setValue(5432)
        self.ssl_combo.setCurrentIndex(SSL_MODES.index("verify-full"))
        self._show_ca_row()
        self.name_edit.setFocus()

    def delete_profile(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.profiles):
            return
        gone = self.profiles.pop(row)
        connection.keyring_forget(gone)
        self.list.takeItem(row)
        save_profiles(self.profiles)
        self.delete_button.setEnabled(bool(self.profiles))
        if not self.profiles:
            self.new_profile()

    def _verifying(self) -> bool:
        return self.ssl_combo.currentData() in VERIFYING

    def _show_ca_row(self) -> None:
        """The CA certificate only for the modes that check the server's certificate."""
        self.form.setRowVisible(self.ca_row, self._verifying())

    def choose_ca(self) -> None:
        current = self.ca_edit.text().strip()
        start = (str(Path(os.path.expanduser(current)).parent) if current
                 else str(Path.home() / ".postgresql"))
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), start,
            self.tr("Certificates (*.crt *.pem);;All files (*)"))
        if name:
            self.ca_edit.setText(str(Path(name)))

    def ca_certificate(self) -> str:
        """The CA certificate the connection will use ('' for libpq's default); only
        for a mode that checks the server's certificate, so nothing hidden applies."""
        if not self._verifying():
            return ""
        text = self.ca_edit.text().strip()
        if text in ("", "system"):  # libpq's default file; the system's authorities
            return text
        return os.path.expanduser(text)

    def entered(self) -> connection.Profile:
        host = self.host_edit.text().strip()
        name = self.name_edit.text().strip() or f"{self.database_edit.text().strip()}@{host}"
        kept = next((p.options for p in self.profiles if p.name == name), "")
        return connection.Profile(
            name=name, host=host, port=self.port_spin.value(),
            database=self.database_edit.text().strip(), user=self.user_edit.text().strip(),
            sslmode=self.ssl_combo.currentData(), options=kept,
        ).with_option(CA_OPTION, self.ca_certificate())

    def _remember(self, profile: connection.Profile) -> None:
        """Keep the profile (replacing one of the same name) and make it the last used."""
        names = [p.name for p in self.profiles]
        if profile.name in names:
            row = names.index(profile.name)
            self.profiles[row] = profile
        else:
            self.profiles.append(profile)
            self.list.addItem(QListWidgetItem(profile.name))
            row = len(self.profiles) - 1
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        save_profiles(self.profiles)
        settings().setValue(LAST_KEY, profile.name)
        self.delete_button.setEnabled(True)

    # --- connecting ---------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText("⚠ " + text)
        self.message.show()

    def connect_to_server(self) -> None:
        profile = self.entered()
        if not profile.host or not profile.database or not profile.user:
            self._say(self.tr("Enter the server, the database and your login."))
            return
        ca = profile.option(CA_OPTION)
        if ca and ca != "system" and not Path(ca).is_file():
            self._say(self.tr("The CA certificate {path} does not exist.").format(path=ca))
            self.ca_edit.setFocus()
            return
        self._remember(profile)
        self.profile = profile
        password = self.password_edit.text() or None
        if password is None:
            password = connection.keyring_get(profile)
        self.message.hide()
        self.status.setText(self.tr("Connecting to {server}…").format(
            server=f"{profile.host}:{profile.port}/{profile.database}"))
        self.status.show()
        self.progress.show()
        self.connect_button.setEnabled(False)
        typed = bool(self.password_edit.text())
        self.jobs.start(connect_job, profile.url(), password, self._made, name="connect",
                        on_done=lambda db: self._connected(db, password if typed else None),
                        on_error=self._failed)

    def _idle(self) -> None:
        self.progress.hide()
        self.status.hide()
        self.connect_button.setEnabled(True)

    def _connected(self, db: Database, typed: str | None) -> None:
        self._idle()
        assert self.profile is not None
        if typed and self.remember_box.isVisible() and self.remember_box.isChecked():
            connection.keyring_put(self.profile, typed)
        self.password_edit.clear()
        self.database = db
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, connection.PasswordNeeded):
            self._say(self.tr("The server asks for the password of {login}.").format(
                login=self.user_edit.text().strip()))
            self.password_edit.setFocus()
        elif isinstance(exc, connection.WrongPassword):
            self.password_edit.clear()
            self._say(self.tr("The server refused the login or its password."))
            self.password_edit.setFocus()
        elif isinstance(exc, connection.NoSchema):
            self._say(self.tr("This database is not set up for PrivacyDesk yet; ask the "
                              "server's administrator to run “{command}”.").format(
                                  command="privacydesk server init"))
        elif isinstance(exc, StoreError):
            log.warning("cannot connect: %s", exc)
            self._say(self.tr("Cannot connect: {reason}").format(reason=str(exc)))
        else:
            log.error("cannot connect: %r", exc)
            self._say(self.tr("Cannot connect: {reason}").format(reason=str(exc)))

    def done(self, result: int) -> None:
        self.jobs.shutdown()
        for db in self._made:  # cancelled while connecting: nobody will use it
            if db is not self.database:
                db.close()
        self._made.clear()
        super().done(result)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.connect_to_server()
            return
        super().keyPressEvent(event)
