"""GUI fixtures: a database with a few hundred requests, made once and copied per test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from privacydesk.store.database import Database, open_database

N_REQUESTS = 450
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """Tests expect the English interface: a test that switched to Japanese (a database
    set to "ja", the language menu) leaves English behind it."""
    yield
    from privacydesk.ui import fonts, i18n

    if i18n.current_language() != "en":
        fonts.apply(i18n.install("en"))


@pytest.fixture(scope="session")
def filled_template(template_db: Path, passphrase: str,
                    tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session template plus requests (made through the services) and a few others."""
    from privacydesk.services import records, settings

    path = tmp_path_factory.mktemp("gui") / "filled.db"
    shutil.copy2(template_db, path)
    db = open_database(path, passphrase)
    try:
        start = TODAY - timedelta(days=N_REQUESTS)
        kinds = ("appi_disclosure", "appi_correction", "gdpr_access")
        for i in range(N_REQUESTS):
            kind = kinds[i % 3]
            records.create(db, "request", {
                "kind": kind, "law": "GDPR" if kind.startswith("gdpr") else "APPI",
                "received_on": start + timedelta(days=i), "channel": "web_form",
                "subject_ref": f"U{i:08d}" if i != 7 else "NEEDLE-7",
                "status": "closed" if i < N_REQUESTS - 12 else "received",
                "responded_on": start + timedelta(days=i + 3) if i < N_REQUESTS - 12 else None,
                "closed_on": start + timedelta(days=i + 3) if i < N_REQUESTS - 12 else None,
                "decision": "full" if i < N_REQUESTS - 12 else None,
                "identity_verified_on": start + timedelta(days=i) if i < N_REQUESTS - 12
                else None,
            }, today=TODAY)
        # reportable (more than 1,000 people), known 9 days ago: the PPC preliminary
        # report is overdue
        records.create(db, "incident", {
            "title": "顧客リストの誤送信", "kind": "leak", "cause": "misdelivery",
            "known_at": datetime(2026, 11, 17, 1, 0, tzinfo=UTC), "affected_max": 1500,
        }, today=TODAY)
        settings.put(db, "language", "en")
    finally:
        db.close()
    return path


@pytest.fixture
def filled_path(filled_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "privacy.db"
    shutil.copy2(filled_template, path)
    return path


@pytest.fixture
def filled_db(filled_path: Path, passphrase: str) -> Iterator[Database]:
    db = open_database(filled_path, passphrase)
    yield db
    db.close()


@pytest.fixture
def today() -> date:
    """The date the GUI tests run "as of" (the requests were made relative to it)."""
    return TODAY


@pytest.fixture
def n_requests() -> int:
    return N_REQUESTS


@pytest.fixture
def open_window(qtbot, db: Database, today: date):
    """open_window(lang="en", database=None) -> a shown, active MainWindow on the test's
    `db` (or on `database`, e.g. `filled_db`).

    Closed as a lock closes it (no question about unsaved edits), its background jobs
    awaited, before the database is closed.
    """
    from privacydesk.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def factory(lang: str = "en", database: Database | None = None) -> MainWindow:
        window = MainWindow(database or db, lang=lang, today=today)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield factory
    for window in windows:
        window.shutdown_for_lock()
        window.deleteLater()


@pytest.fixture
def window(open_window):
    """A main window in English on the test's `db`."""
    return open_window("en")


# --- a consent ledger of 200,000 records (tests/gui/ledger.py) ----------------------------

LEDGER_TIMEOUT_S = 300


@pytest.fixture(scope="session", autouse=True)
def _ledger_in_background(request: pytest.FixtureRequest, passphrase: str,
                          tmp_path_factory: pytest.TempPathFactory):
    """When the session holds a test of the large ledger, write the ledger in another
    process from the first GUI test on, while the other tests run."""
    wanted = any("large_ledger" in getattr(item, "fixturenames", ())
                 for item in request.session.items)
    if not wanted:
        yield None
        return
    path = tmp_path_factory.mktemp("ledger") / "ledger.db"
    log = path.with_suffix(".log").open("w")
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("ledger.py")),
                             str(path)], stdin=subprocess.PIPE, stdout=log, stderr=log,
                            text=True)
    assert proc.stdin is not None
    proc.stdin.write(passphrase + "\n")
    proc.stdin.close()
    try:
        yield proc, path
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        log.close()


@pytest.fixture(scope="session")
def large_ledger(_ledger_in_background, passphrase: str,
                 tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The path of a database holding 200,000 consents (built once per session)."""
    from ledger import build

    if _ledger_in_background is None:  # asked for by a test collected late: build here
        path = tmp_path_factory.mktemp("ledger") / "ledger.db"
        build(path, passphrase)
        return path
    proc, path = _ledger_in_background
    code = proc.wait(timeout=LEDGER_TIMEOUT_S)
    if code != 0:
        pytest.fail("the consent ledger could not be built:\n"
                    + path.with_suffix(".log").read_text())
    return path
