"""The window on a team server: connect with a saved profile, see the server's data,
lock (the connection is forgotten and the password asked again), and the password
asked only when the server wants one.

Runs when PRIVACYDESK_TEST_PG_URL names a server (`.ci/run` starts one).
PRIVACYDESK_SCREENSHOTS=DIR writes grabs of the dialog and the connected window there.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import shiboken6
import sqlalchemy as sa
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication

from privacydesk.services import connection, records, settings
from privacydesk.store import seed
from privacydesk.ui import fonts, i18n
from privacydesk.ui.app import Console
from privacydesk.ui.dialogs import connect as connect_dialog

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")
SHOTS = os.environ.get("PRIVACYDESK_SCREENSHOTS")

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


@pytest.fixture
def server(tmp_path):
    """A server database with the schema, the catalog and two staff members."""
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    name = "pd_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(URL).set(database=name)
    db = connection.connect(url.render_as_string(hide_password=False), require_schema=False)
    seed.seed_catalog(db, officer="Server Officer")
    db.officer = "Server Officer"
    settings.put(db, "language", "en")
    records.create(db, "staff", {"employee_no": "S-001", "name": "サーバ 太郎"})
    records.create(db, "staff", {"employee_no": "S-002", "name": "Server Hanako"})
    db.close()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def profile(server, tmp_path, monkeypatch):
    """The server saved as a connection profile in a settings file of the test's own."""
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(connect_dialog, "settings",
                        lambda: QSettings(ini, QSettings.Format.IniFormat))
    p = connection.Profile(name="Team server", host=server.host, port=server.port,
                     database=server.database, user=server.username, sslmode="disable")
    connect_dialog.save_profiles([p])
    return p


@pytest.fixture
def console(qtbot, tmp_path: Path, today):
    c = Console(tmp_path / "none.db", demo_path=tmp_path / "demo.db", today=today)
    qtbot.addWidget(c.unlock_window)
    c.show()
    qtbot.waitExposed(c.unlock_window)
    yield c
    c.shutdown()
    # the windows go now, not at the next test's first event loop
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _connect(qtbot, console: Console, lang: str = "en"):
    qtbot.mouseClick(console.unlock_window.connect_button, Qt.MouseButton.LeftButton)
    dialog = console.unlock_window.connect_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1 and dialog.host_edit.text() == "127.0.0.1"
    assert dialog.password_edit.text() == ""  # nothing saved of a password
    _shot(dialog, f"connect-dialog-{lang}")
    with qtbot.waitSignal(console.opened, timeout=20_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    window = console.main_window
    assert window is not None
    qtbot.waitExposed(window)
    return window


def test_the_window_connects_with_a_profile_and_shows_the_servers_data(
        qtbot, console, profile):
    window = _connect(qtbot, console)
    where = f"{profile.user}@{profile.host}/{profile.database}"
    assert where in window.windowTitle()
    assert window.db_label.text() == where
    assert "127.0.0.1" in window.db_label.toolTip()
    assert not window.backup_action.isEnabled()  # a file's backup; the server has its own
    view = window.show_entity("staff")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    names = {view.model.record(r)["name"] for r in range(view.model.rowCount())}
    assert names == {"サーバ 太郎", "Server Hanako"}
    _shot(window, "connected-en")
    # locking forgets the connection; unlocking connects again
    with qtbot.waitSignal(console.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert console.db is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    unlock = console.unlock_window
    assert unlock.server is not None and unlock.passphrase_caption.text() == "&Password"
    assert unlock.file_label.text() == where
    _shot(unlock, "unlock-server-en")
    with qtbot.waitSignal(console.opened, timeout=20_000):
        qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
    assert console.main_window is not None and where in console.main_window.windowTitle()


def test_started_with_a_url_the_window_asks_for_that_server_and_connects_on_a_worker(
        qtbot, tmp_path, server, today):
    profile = connection.profile_from_url(server)
    c = Console(tmp_path / "none.db", demo_path=tmp_path / "demo.db", today=today,
                server=profile)
    qtbot.addWidget(c.unlock_window)
    try:
        c.show()
        unlock = c.unlock_window
        assert unlock.file_label.text() == f"{server.username}@{server.host}/{server.database}"
        assert unlock.unlock_button.isEnabled()  # the password may come from ~/.pgpass
        with qtbot.waitSignal(c.opened, timeout=20_000):
            qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
            assert "Connecting to" in unlock.error_label.text()  # said while it waits
            assert not unlock.unlock_button.isEnabled()
        assert c.main_window is not None and c.db is not None
        assert connection.is_server(c.db)
    finally:
        c.shutdown()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_japanese_window_on_a_server(qtbot, console, profile, server):
    db = connection.connect(server.render_as_string(hide_password=False))
    settings.put(db, "language", "ja")
    db.close()
    fonts.apply(i18n.install("ja"))
    window = _connect(qtbot, console, "ja")
    assert window.lang == "ja"
    view = window.show_entity("staff")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    _shot(window, "connected-ja")


def test_the_dialog_asks_for_a_password_only_when_the_server_wants_one(
        qtbot, console, profile, monkeypatch):
    real = connection.connect
    seen = []

    def connect(url, password=None, **kw):
        seen.append(password)
        if password is None:
            raise connection.PasswordNeeded("The server asks for a password.")
        if password != "s3cret-word":
            raise connection.WrongPassword("refused")
        return real(url, **kw)

    monkeypatch.setattr(connection, "connect", connect)
    monkeypatch.setattr(connection, "keyring_available", lambda: False)
    qtbot.mouseClick(console.unlock_window.connect_button, Qt.MouseButton.LeftButton)
    dialog = console.unlock_window.connect_dialog
    assert not dialog.remember_box.isVisibleTo(dialog)  # no keyring: no such promise
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert "asks for the password" in dialog.message.text()
    assert console.main_window is None
    qtbot.keyClicks(dialog.password_edit, "wrong-word")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused" in dialog.message.text(), timeout=10_000)
    assert dialog.password_edit.text() == ""
    qtbot.keyClicks(dialog.password_edit, "s3cret-word")
    with qtbot.waitSignal(console.opened, timeout=20_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert seen == [None, "wrong-word", "s3cret-word"]
    stored = Path(connect_dialog.settings().fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in stored and "Team server" in stored


def test_a_list_is_read_again_when_another_user_changes_it(qtbot, console, profile, server):
    window = _connect(qtbot, console)
    assert window.watcher is not None
    view = window.show_entity("staff")
    qtbot.waitUntil(lambda: view.model.loaded_once, timeout=10_000)
    assert view.model.total == 2
    other = connection.connect(server.render_as_string(hide_password=False))
    try:
        records.create(other, "staff", {"employee_no": "S-003", "name": "別の 利用者"})
    finally:
        other.close()
    qtbot.waitUntil(lambda: view.model.total == 3, timeout=30_000)
    names = {view.model.record(r)["name"] for r in range(view.model.rowCount())}
    assert "別の 利用者" in names


def _open_dialog(qtbot, console: Console):
    qtbot.mouseClick(console.unlock_window.connect_button, Qt.MouseButton.LeftButton)
    dialog = console.unlock_window.connect_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _fake_connect(monkeypatch) -> list[str]:
    """connection.connect replaced: the URLs asked for, and the server never reached."""
    asked: list[str] = []

    def connect(url, password=None, **kw):
        asked.append(url)
        raise connection.ServerUnreachable("not this time")

    monkeypatch.setattr(connection, "connect", connect)
    return asked


def test_verify_full_offers_a_ca_certificate_and_a_missing_one_connects_nothing(
        qtbot, console, profile, tmp_path, monkeypatch):
    asked = _fake_connect(monkeypatch)
    dialog = _open_dialog(qtbot, console)
    assert dialog.ssl_combo.currentData() == "disable"
    assert not dialog.ca_row.isVisibleTo(dialog)  # nothing to verify: no CA certificate
    dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("verify-full"))
    assert dialog.ca_row.isVisibleTo(dialog)
    assert "root.crt" in dialog.ca_edit.toolTip()
    missing = tmp_path / "no-such-ca.crt"
    qtbot.keyClicks(dialog.ca_edit, str(missing))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert dialog.message.text() == f"⚠ The CA certificate {missing} does not exist."
    assert asked == [] and console.main_window is None and dialog.connect_button.isEnabled()
    assert connect_dialog.load_profiles()[0].option("sslrootcert") == ""  # not saved
    # Browse… fills the field with the file chosen
    ca = tmp_path / "team-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    monkeypatch.setattr(connect_dialog.QFileDialog, "getOpenFileName",
                        lambda *a, **kw: (str(ca), "Certificates (*.crt *.pem)"))
    qtbot.mouseClick(dialog.ca_browse, Qt.MouseButton.LeftButton)
    assert dialog.ca_edit.text() == str(ca)
    dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("require"))
    assert not dialog.ca_row.isVisibleTo(dialog)
    assert dialog.entered().option("sslrootcert") == ""  # hidden, so not applied
    dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("verify-ca"))
    assert dialog.ca_row.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not this time" in dialog.message.text(), timeout=10_000)
    assert len(asked) == 1
    assert dict(sa.engine.make_url(asked[0]).query) == {
        "sslmode": "verify-ca", "sslrootcert": str(ca)}


def test_a_ca_certificate_saved_with_a_profile_is_shown_again(
        qtbot, console, profile, tmp_path, monkeypatch):
    _fake_connect(monkeypatch)
    ca = tmp_path / "team-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    connect_dialog.save_profiles([profile.with_option("connect_timeout", "10")])
    dialog = _open_dialog(qtbot, console)
    dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("verify-full"))
    qtbot.keyClicks(dialog.ca_edit, str(ca))
    qtbot.keyClicks(dialog.password_edit, "s3cret-word")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not this time" in dialog.message.text(), timeout=10_000)
    dialog.reject()
    qtbot.waitUntil(lambda: console.unlock_window.connect_dialog is None)
    saved = connect_dialog.load_profiles()
    assert [(p.name, p.sslmode) for p in saved] == [("Team server", "verify-full")]
    assert saved[0].option("sslrootcert") == str(ca)
    assert saved[0].option("connect_timeout") == "10"  # the other option is kept
    stored = Path(connect_dialog.settings().fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in stored
    again = _open_dialog(qtbot, console)
    assert again is not dialog
    assert again.ca_edit.text() == str(ca) and again.ca_row.isVisibleTo(again)
    assert again.ssl_combo.currentData() == "verify-full"
