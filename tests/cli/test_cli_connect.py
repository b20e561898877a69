"""Team mode on the command line: --url, `server push`, `backup --url`.

Runs when PRIVACYDESK_TEST_PG_URL names a server (`.ci/run` starts one); each test gets
a database of its own, dropped afterwards. The small demo database is made once per
session (the same seed as the published one).
"""

from __future__ import annotations

import os
import stat
import uuid

import pytest
import sqlalchemy as sa

from privacydesk import cli
from privacydesk.domain.entities import ENTITIES
from privacydesk.services import connection, demo
from privacydesk.store.database import create_database

URL = os.environ.get("PRIVACYDESK_TEST_PG_URL")
DEMO = "privacydesk-demo"

pytestmark = pytest.mark.skipif(
    not URL, reason="no PostgreSQL server: set PRIVACYDESK_TEST_PG_URL (.ci/run does)")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def server_db():
    """The URL of a new, empty database on the test server (no schema yet)."""
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    name = "pd_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "small.db"
    db = create_database(path, DEMO, officer="Demo Officer")
    demo.fill(db, size="small", seed=1)
    db.close()
    return path


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv(cli.ENV_PASSPHRASE, DEMO)
    monkeypatch.delenv(connection.ENV_URL, raising=False)
    monkeypatch.setattr(cli, "_interactive", lambda: False)


def _schema(url: str) -> None:
    """Give a server database the schema (what `server init` does first)."""
    connection.connect(url, require_schema=False).close()


def _exports(capsys, *where) -> dict[str, str]:
    out = {}
    for name in (e.name for e in ENTITIES):
        code, text, err = run(capsys, "export", name, "--format", "json", *where)
        assert code == 0, err
        out[name] = text
    return out


def test_server_push_of_the_small_demo_same_exports_and_verify(
        env, capsys, small_demo, server_db):
    _schema(server_db)
    code, _, err = run(capsys, "server", "push", "--db", small_demo, "--url", server_db)
    assert code == 0, err
    assert "verified on the server" in err
    code, out, err = run(capsys, "verify", "--url", server_db)
    assert code == 0, err
    assert out.startswith(connection.safe_url(server_db) + ": OK")
    assert _exports(capsys, "--db", small_demo) == _exports(capsys, "--url", server_db)
    # the server keeps counting ids after the copied ones
    code, _, err = run(capsys, "due", "--url", server_db, "--format", "json")
    assert code == 0, err
    # a second push is refused: the target is not empty, and nothing changes
    code, _, err = run(capsys, "server", "push", "--db", small_demo, "--url", server_db)
    assert code == 2 and "not empty" in err
    assert run(capsys, "verify", "--url", server_db)[0] == 0


def test_new_rows_on_the_server_after_a_push_get_new_ids(env, capsys, small_demo, server_db):
    _schema(server_db)
    assert run(capsys, "server", "push", "--db", small_demo, "--url", server_db)[0] == 0
    db = connection.connect(server_db)
    try:
        from privacydesk.services import records

        new = records.create(db, "staff", {"employee_no": "T-1", "name": "新 入社"})
        with db.read() as conn:
            largest = conn.exec_driver_sql("SELECT max(id) FROM staff").scalar()
        assert new == largest
    finally:
        db.close()
    assert run(capsys, "verify", "--url", server_db)[0] == 0


def test_backup_url_then_restore_then_verify(env, capsys, small_demo, server_db, tmp_path):
    _schema(server_db)
    assert run(capsys, "server", "push", "--db", small_demo, "--url", server_db)[0] == 0
    out = tmp_path / "team-backup.db"
    code, _, err = run(capsys, "backup", "--url", server_db, "--out", out)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Its audit head" in err
    restored = tmp_path / "restored.db"
    code, _, err = run(capsys, "restore", "--from", out, "--db", restored)
    assert code == 0, err
    code, _, err = run(capsys, "verify", "--db", restored)
    assert code == 0, err
    assert _exports(capsys, "--db", restored) == _exports(capsys, "--url", server_db)
    code, _, err = run(capsys, "backup", "--url", server_db, "--out", out)
    assert code == 2 and "already exists" in err


def test_import_with_url_and_the_url_from_the_environment(
        env, capsys, server_db, tmp_path, monkeypatch):
    _schema(server_db)
    db = connection.connect(server_db)
    from privacydesk.store import seed

    seed.seed_catalog(db, officer="Server Officer")
    db.close()
    sheet = tmp_path / "staff.csv"
    sheet.write_text("employee_no,name\nE-1,山田 太郎\nE-2,佐藤 花子\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "staff", sheet, "--url", server_db)
    assert code == 0, err
    monkeypatch.setenv(connection.ENV_URL, server_db)
    code, text, err = run(capsys, "export", "staff", "--format", "csv")
    assert code == 0, err
    assert "山田 太郎" in text and "佐藤 花子" in text
    assert run(capsys, "verify")[0] == 0


def test_url_errors_are_clear_and_exit_2(env, capsys, server_db, tmp_path):
    code, _, err = run(capsys, "verify", "--url", server_db)  # no schema yet
    assert code == 2 and "server init --url" in err and "Traceback" not in err
    code, _, err = run(capsys, "verify", "--url", server_db, "--db", tmp_path / "x.db")
    assert code == 2 and "not both" in err
    missing = sa.engine.make_url(server_db).set(database="pd_no_such_db")
    code, _, err = run(capsys, "due", "--url", missing.render_as_string(False))
    assert code == 2 and "no database pd_no_such_db" in err
    code, _, err = run(capsys, "verify", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert code == 2 and "Cannot reach the server" in err
    code, _, err = run(capsys, "verify", "--url", "sqlite:///x.db")
    assert code == 2 and "not a PostgreSQL URL" in err
    code, _, err = run(capsys, "passwd", "--url", server_db)
    assert code == 2 and "database file" in err


def test_a_password_is_asked_on_a_terminal_only_when_the_server_wants_one(
        env, capsys, server_db, monkeypatch):
    _schema(server_db)
    calls = []
    real = connection.connect

    def connect(url, password=None, **kw):  # a server that wants a password
        calls.append(password)
        if password is None:
            raise connection.PasswordNeeded("The server asks for a password.")
        if password != "s3cret-word":
            raise connection.WrongPassword("The server refused the password.")
        return real(url, **kw)

    monkeypatch.setattr(connection, "connect", connect)
    code, _, err = run(capsys, "verify", "--url", server_db)
    assert code == 2 and "PGPASSWORD" in err and calls == [None]
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr(cli, "_ask", lambda prompt: "s3cret-word")
    code, out, err = run(capsys, "verify", "--url", server_db)
    assert code == 0, err
    assert calls[-2:] == [None, "s3cret-word"]
    assert "s3cret-word" not in out + err
    monkeypatch.setattr(cli, "_ask", lambda prompt: "wrong-word")
    code, out, err = run(capsys, "verify", "--url", server_db)
    assert code == 2 and "refused the password" in err and "wrong-word" not in out + err


def test_safe_url_hides_the_password_and_profiles_make_urls():
    assert "hunter2" not in connection.safe_url("postgresql+psycopg://me:hunter2@db.example/pd")
    p = connection.Profile("team", "db.example.com", 5432, "privacydesk", "officer", "verify-full")
    assert p.url() == ("postgresql+psycopg://officer@db.example.com:5432/privacydesk"
                       "?sslmode=verify-full")


def test_demo_fills_a_server_database_and_report_reads_it(env, capsys, server_db, tmp_path):
    _schema(server_db)
    db = connection.connect(server_db)
    from privacydesk.store import seed

    seed.seed_catalog(db, officer="Demo Officer")
    db.close()
    code, out, err = run(capsys, "demo", "--url", server_db, "--officer", "Demo Officer")
    assert code == 0, err
    assert connection.safe_url(server_db) in err and "consent" in out
    pdf = tmp_path / "inventory.pdf"
    code, _, err = run(capsys, "report", "inventory", "--url", server_db, "--out", pdf)
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    # the window takes --url too (tests/gui/test_gui_connect.py opens it); a URL that
    # names no PostgreSQL database is refused before any window appears
    code, _, err = run(capsys, "gui", "--url", "mysql://sato@db.example.com/privacydesk")
    assert code == 2 and "is not a PostgreSQL URL" in err
