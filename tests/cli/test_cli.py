"""The command line, run in-process through `main([...])` and once as the installed program."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import types
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from privacydesk import cli
from privacydesk.domain.entities import ENTITIES
from privacydesk.services import records
from privacydesk.store.audit import history
from privacydesk.store.database import open_database


@pytest.fixture(autouse=True)
def _passphrase_env(monkeypatch, passphrase):
    """Most commands read the passphrase from the environment; no test ever prompts."""
    monkeypatch.setenv(cli.ENV_PASSPHRASE, passphrase)
    monkeypatch.setattr(cli, "_interactive", lambda: False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def raw_execute(path, passphrase: str, *statements: str) -> None:
    """Edit the file behind the app's back, as someone holding the passphrase could."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


# --- init and passphrases ---------------------------------------------------------------


def test_init_creates_an_encrypted_database_with_the_officer(tmp_path, capsys, passphrase):
    path = tmp_path / "new" / "privacy.db"
    code, out, err = run(capsys, "init", "--db", path, "--officer", "佐藤 花子")
    assert code == 0, err
    assert str(path) in err and out == ""
    assert not path.read_bytes().startswith(b"SQLite format 3")  # encrypted
    with open_database(path, passphrase) as db:
        assert db.officer == "佐藤 花子"
        assert records.count(db, "purpose") > 0  # the catalog is seeded


def test_init_refuses_an_existing_file_and_a_weak_passphrase(tmp_path, capsys, db_path,
                                                             monkeypatch):
    before = db_path.read_bytes()
    code, _, err = run(capsys, "init", "--db", db_path)
    assert code == 2 and "already exists" in err and str(db_path) in err
    assert db_path.read_bytes() == before
    monkeypatch.setenv(cli.ENV_PASSPHRASE, "short")
    code, _, err = run(capsys, "init", "--db", tmp_path / "weak.db")
    assert code == 2 and "at least" in err
    assert not (tmp_path / "weak.db").exists()


def test_init_asks_twice_at_a_prompt(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(cli.ENV_PASSPHRASE)
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    answers = iter(["one passphrase", "another passphrase"])
    monkeypatch.setattr(cli, "_ask", lambda prompt: next(answers))
    code, _, err = run(capsys, "init", "--db", tmp_path / "a.db")
    assert code == 2 and "differ" in err
    assert not (tmp_path / "a.db").exists()

    prompts = []
    monkeypatch.setattr(cli, "_ask", lambda prompt: prompts.append(prompt) or "same passphrase")
    code, _, err = run(capsys, "init", "--db", tmp_path / "a.db")
    assert code == 0, err
    assert len(prompts) == 2 and all(str(tmp_path / "a.db") in p for p in prompts)


def test_no_passphrase_without_a_terminal_is_a_usage_error(capsys, db_path, monkeypatch):
    monkeypatch.delenv(cli.ENV_PASSPHRASE)
    code, _, err = run(capsys, "verify", "--db", db_path)
    assert code == 2
    assert cli.ENV_PASSPHRASE in err and "--passphrase-file" in err


def test_wrong_passphrase_exits_2_and_leaves_the_file_byte_identical(tmp_path, capsys,
                                                                    db_path, monkeypatch):
    before = db_path.read_bytes()
    new = tmp_path / "new.txt"
    new.write_text("a new passphrase\n")
    monkeypatch.setenv(cli.ENV_PASSPHRASE, "not the passphrase")
    for command in (["verify"], ["export", "purpose"], ["import", "purpose", new],
                    ["passwd", "--new-passphrase-file", new], ["backup", "--out", new.parent / "b"],
                    ["due"]):
        code, out, err = run(capsys, *command, "--db", db_path)
        assert code == 2, command
        assert "Wrong passphrase" in err and str(db_path) in err
        assert len(err.strip().splitlines()) == 1 and out == ""
    assert db_path.read_bytes() == before


def test_missing_database_or_directory_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "verify", "--db", tmp_path / "missing.db")
    assert code == 2 and str(tmp_path / "missing.db") in err and "init" in err
    code, _, err = run(capsys, "verify", "--db", tmp_path)
    assert code == 2 and "directory" in err
    assert len(err.strip().splitlines()) == 1


def test_not_a_database_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("just some text\n")
    code, _, err = run(capsys, "verify", "--db", path)
    assert code == 2 and str(path) in err


def test_passphrase_from_a_file_before_or_after_the_command(tmp_path, capsys, db_path,
                                                           monkeypatch, passphrase):
    monkeypatch.delenv(cli.ENV_PASSPHRASE)
    secret = tmp_path / "secret.txt"
    secret.write_text(passphrase + "\n", encoding="utf-8")
    code, _, err = run(capsys, "verify", "--db", db_path, "--passphrase-file", secret)
    assert code == 0, err
    code, _, err = run(capsys, "--passphrase-file", secret, "--db", db_path, "verify")
    assert code == 0, err
    code, _, err = run(capsys, "verify", "--db", db_path,
                       "--passphrase-file", tmp_path / "none.txt")
    assert code == 2 and "none.txt" in err


def test_the_file_wins_over_the_environment(tmp_path, capsys, db_path, monkeypatch,
                                            passphrase):
    monkeypatch.setenv(cli.ENV_PASSPHRASE, "wrong passphrase")
    secret = tmp_path / "secret.txt"
    secret.write_text(passphrase, encoding="utf-8")
    code, _, err = run(capsys, "verify", "--db", db_path, "--passphrase-file", secret)
    assert code == 0, err


# --- verify ---------------------------------------------------------------------------


def test_verify_ok(capsys, db_path):
    code, out, err = run(capsys, "verify", "--db", db_path)
    assert code == 0, err
    assert "OK" in out and str(db_path) in out


@pytest.mark.parametrize(("statement", "named"), [
    ("UPDATE audit_log SET officer = 'someone else' WHERE seq = 3",
     "audit entry 3 (organization 1, insert) was altered"),
    ("DELETE FROM audit_log WHERE seq = 2", "audit entry 2 is missing"),
    ("UPDATE purpose SET text_en = 'changed' WHERE id = 1",
     "purpose 1 differs from its last audit entry"),
    ("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
     "entries were removed from the end"),
])
def test_verify_names_the_first_broken_entry(capsys, db_path, passphrase, statement, named):
    raw_execute(db_path, passphrase, statement)
    code, out, err = run(capsys, "verify", "--db", db_path)
    assert code == 1
    first = err.splitlines()[0]
    assert "FAILED" in first and named in first, err
    assert out == ""


def test_a_damaged_page_is_reported_not_raised(capsys, db_path, passphrase):
    with open_database(db_path, passphrase) as db:
        for i in range(100):
            records.create(db, "staff", {"employee_no": f"D{i}", "name": "x" * 500})
    data = bytearray(db_path.read_bytes())
    for page in range(len(data) // 4096 - 8, len(data) // 4096):  # the last pages
        data[page * 4096 + 100:page * 4096 + 200] = bytes(100)
    db_path.write_bytes(bytes(data))
    code, out, err = run(capsys, "verify", "--db", db_path)
    assert code == 1 and out == ""
    assert "FAILED" in err and "cannot be read" in err
    code, out, err = run(capsys, "export", "staff", "--db", db_path)
    assert code == 2 and str(db_path) in err and "is damaged" in err
    assert "verify` and restore a backup" in err


# --- passwd ---------------------------------------------------------------------------


def test_passwd_changes_the_passphrase(tmp_path, capsys, db_path, monkeypatch, passphrase):
    new_file = tmp_path / "new.txt"
    new_file.write_text("a brand new passphrase\n", encoding="utf-8")
    code, _, err = run(capsys, "passwd", "--db", db_path, "--new-passphrase-file", new_file)
    assert code == 0, err
    code, _, err = run(capsys, "verify", "--db", db_path)  # the old one, from the env
    assert code == 2 and "Wrong passphrase" in err
    monkeypatch.setenv(cli.ENV_PASSPHRASE, "a brand new passphrase")
    code, _, err = run(capsys, "verify", "--db", db_path)
    assert code == 0, err


def test_passwd_refuses_a_weak_new_passphrase(tmp_path, capsys, db_path):
    before = db_path.read_bytes()
    weak = tmp_path / "weak.txt"
    weak.write_text("short\n")
    code, _, err = run(capsys, "passwd", "--db", db_path, "--new-passphrase-file", weak)
    assert code == 2 and "at least" in err
    assert db_path.read_bytes() == before


def test_passwd_prompts_twice(capsys, db_path, monkeypatch, passphrase):
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr(cli, "_ask", lambda prompt: "prompted passphrase")
    code, _, err = run(capsys, "passwd", "--db", db_path)  # current one from the env
    assert code == 0, err
    with open_database(db_path, "prompted passphrase") as db:
        assert db.officer == "Test Officer"


# --- backup and restore -----------------------------------------------------------------


def test_backup_and_restore(tmp_path, capsys, db_path, passphrase):
    out = tmp_path / "backups" / "b1.db"
    code, _, err = run(capsys, "backup", "--db", db_path, "--out", out)
    assert code == 0, err
    assert "verified" in err and str(out) in err
    assert not out.read_bytes().startswith(b"SQLite format 3")
    assert not any(p.name.endswith(("-wal", "-shm")) for p in out.parent.iterdir())
    code, _, err = run(capsys, "backup", "--db", db_path, "--out", out)
    assert code == 2 and "already exists" in err  # never overwrites

    with open_database(db_path, passphrase) as db:  # a change made after the backup
        records.create(db, "subject_category", {"name_ja": "Later"})
    changed = db_path.read_bytes()

    code, _, err = run(capsys, "restore", "--from", out, "--db", db_path)
    assert code == 2 and "--force" in err
    assert db_path.read_bytes() == changed

    code, _, err = run(capsys, "restore", "--from", out, "--db", db_path, "--force")
    assert code == 0, err
    code, _, err = run(capsys, "verify", "--db", db_path)
    assert code == 0, err
    with open_database(db_path, passphrase) as db:
        assert records.count(db, "subject_category",
                             records.Query(equals={"name_ja": "Later"})) == 0
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".restore")]

    fresh = tmp_path / "elsewhere" / "restored.db"
    code, _, err = run(capsys, "restore", "--from", out, "--db", fresh)
    assert code == 0, err
    code, out_text, err = run(capsys, "verify", "--db", fresh)
    assert code == 0 and "OK" in out_text


def test_restore_refuses_a_wrong_passphrase_or_a_tampered_backup(tmp_path, capsys, db_path,
                                                                 monkeypatch, passphrase):
    work = tmp_path / "work"
    out = work / "b.db"
    assert run(capsys, "backup", "--db", db_path, "--out", out)[0] == 0
    target = work / "target.db"
    shutil.copy(db_path, target)
    before = target.read_bytes()

    monkeypatch.setenv(cli.ENV_PASSPHRASE, "not the passphrase")
    code, _, err = run(capsys, "restore", "--from", out, "--db", target, "--force")
    assert code == 2 and "Wrong passphrase" in err and str(out) in err
    assert target.read_bytes() == before

    monkeypatch.setenv(cli.ENV_PASSPHRASE, passphrase)
    raw_execute(out, passphrase, "DELETE FROM audit_log WHERE seq = 5")
    code, _, err = run(capsys, "restore", "--from", out, "--db", target, "--force")
    assert code == 1 and "audit entry 5 is missing" in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == ["b.db", "target.db"]

    code, _, err = run(capsys, "restore", "--from", tmp_path / "nothing.db", "--db", target)
    assert code == 2 and "nothing.db" in err


# --- export and import ------------------------------------------------------------------


def test_export_list_names_every_entity(capsys):
    code, out, _ = run(capsys, "export", "--list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [e.name for e in ENTITIES]


def test_export_needs_a_known_entity(capsys, db_path):
    code, _, err = run(capsys, "export", "--db", db_path)
    assert code == 2 and "--list" in err
    code, _, err = run(capsys, "export", "nonsense", "--db", db_path)
    assert code == 2 and "nonsense" in err


def test_export_to_stdout_and_to_a_file(tmp_path, capsysbinary, db_path):
    assert cli.main(["export", "purpose", "--db", str(db_path)]) == 0
    out, _ = capsysbinary.readouterr()
    assert out.startswith(b"\xef\xbb\xbfid,row_version,code,") and b"\r\n" in out

    target = tmp_path / "out" / "purposes.json"
    target.parent.mkdir()
    assert cli.main(["export", "purpose", "--db", str(db_path), "--out", str(target)]) == 0
    out, err = capsysbinary.readouterr()
    assert out == b"" and b"purposes.json" in err
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["entity"] == "purpose" and doc["format"] == 1 and doc["rows"][0]["id"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["purposes.json"]  # no temp file
    code = cli.main(["export", "purpose", "--db", str(db_path), "--out",
                     str(tmp_path / "no" / "such" / "folder.csv")])
    _, err = capsysbinary.readouterr()
    assert code == 2 and b"does not exist" in err


def test_export_of_an_entity_to_an_excel_workbook(tmp_path, capsys, db_path):
    import openpyxl

    out = tmp_path / "purposes.xlsx"
    code, stdout, err = run(capsys, "export", "purpose", "--db", db_path, "--out", out)
    assert code == 0, err
    assert stdout == "" and "purposes.xlsx" in err  # the format follows the file name
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["利用目的", "PrivacyDesk"]  # Japanese by default
    assert book["利用目的"]["A1"].value == "ID"

    out = tmp_path / "purposes-en"
    code, _, err = run(capsys, "export", "purpose", "--db", db_path, "--format", "xlsx",
                       "--out", out, "--lang", "en")
    assert code == 0, err
    with out.open("rb") as f:  # a file named without .xlsx is a workbook all the same
        assert openpyxl.load_workbook(f).sheetnames == ["Purposes of use", "PrivacyDesk"]

    code, _, err = run(capsys, "export", "purpose", "--db", db_path, "--format", "xlsx")
    assert code == 2 and "--out" in err
    code, _, err = run(capsys, "export", "purpose", "--db", db_path, "--lang", "en")
    assert code == 2 and "--lang" in err


def test_export_of_every_entity_to_one_workbook(tmp_path, capsys, db_path):
    import openpyxl

    out = tmp_path / "everything.xlsx"
    code, stdout, err = run(capsys, "export", "--all", "--format", "xlsx", "--db", db_path,
                            "--out", out)
    assert code == 0, err
    assert stdout == "" and f"{len(ENTITIES)} entities" in err
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == len(ENTITIES) + 1  # and the hidden properties sheet
    props = {row[0]: row[1] for row in book["PrivacyDesk"].iter_rows(values_only=True)}
    assert props["entity"].split(",") == [e.name for e in ENTITIES]
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".db"] == ["everything.xlsx"]

    code, _, err = run(capsys, "export", "--all", "--db", db_path)
    assert code == 2 and "xlsx" in err
    code, _, err = run(capsys, "export", "purpose", "--all", "--db", db_path, "--out", out)
    assert code == 2 and "not both" in err


def test_import_applies_the_file_with_the_officer(tmp_path, capsys, db_path, passphrase):
    data = tmp_path / "subjects.csv"
    data.write_text("name_ja,description\nPatients,People treated\nVisitors,\n", encoding="utf-8")
    code, _, err = run(capsys, "--officer", "鈴木", "import", "subject_category", "--db",
                       db_path, data)
    assert code == 0, err
    assert "2 new" in err
    with open_database(db_path, passphrase) as db:
        rows = list(records.iterate(db, "subject_category"))
        patients = next(r for r in rows if r["name_ja"] == "Patients")
        assert history(db, "subject_category", patients["id"])[0]["officer"] == "鈴木"
    code, _, _ = run(capsys, "verify", "--db", db_path)
    assert code == 0


def test_import_errors_name_row_and_column_and_write_nothing(tmp_path, capsys, db_path):
    data = tmp_path / "requests.csv"
    data.write_text(
        "kind,law,received_on,channel,subject_ref\n"
        "appi_disclosure,APPI,2026-10-01,email,U1\n"
        "appi_disclosure,APPI,2026-02-30,email,U2\n"
        "appi_disclosure,XYZ,2026-10-01,email,U3\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "request", "--db", db_path, data)
    assert code == 1 and out == ""
    assert "wrote nothing" in err and str(data) in err
    assert "row 2, column received_on" in err
    assert "row 3, column law" in err
    code, out, _ = run(capsys, "verify", "--db", db_path)
    assert code == 0 and "OK" in out


def test_import_of_a_missing_file_or_directory_exits_2(tmp_path, capsys, db_path):
    code, _, err = run(capsys, "import", "purpose", "--db", db_path, tmp_path / "nope.csv")
    assert code == 2 and "nope.csv" in err
    code, _, err = run(capsys, "import", "purpose", "--db", db_path, tmp_path)
    assert code == 2 and "directory" in err


def test_import_of_a_binary_file_fails_cleanly(tmp_path, capsys, db_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "import", "purpose", "--db", db_path, junk)
    assert code == 1 and "UTF-8" in err


def staff_file(tmp_path, n: int = 12_000):
    data = tmp_path / "staff.csv"
    data.write_text("employee_no,name\n" + "".join(f"C{i:06d},Person {i}\n"
                                                   for i in range(1, n + 1)), encoding="utf-8")
    return data


def staff_count(db_path, passphrase) -> int:
    with open_database(db_path, passphrase) as db:
        return records.count(db, "staff")


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_during_an_import_writes_nothing_and_exits_130(tmp_path, capsys, db_path,
                                                              passphrase, monkeypatch, presses):
    before = staff_count(db_path, passphrase)
    shown = cli._Progress.__call__

    def press(self, *args):  # Ctrl+C once some batches are written
        shown(self, *args)
        if args and args[0] == 6000:
            for _ in range(presses):
                os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(cli._Progress, "__call__", press)
    code, out, err = run(capsys, "import", "staff", "--db", db_path, staff_file(tmp_path))
    assert code == 130 and out == ""
    assert "cancelled, nothing was imported" in err
    assert staff_count(db_path, passphrase) == before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    code, out, _ = run(capsys, "verify", "--db", db_path)
    assert code == 0 and "OK" in out


def test_ctrl_c_during_an_export_leaves_no_file(tmp_path, capsys, db_path, passphrase,
                                               monkeypatch):
    assert run(capsys, "import", "staff", "--db", db_path, staff_file(tmp_path))[0] == 0
    shown = cli._Progress.__call__

    def press(self, *args):
        shown(self, *args)
        if args and args[0] == 1000:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(cli._Progress, "__call__", press)
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, "export", "staff", "--db", db_path, "--out", folder / "s.csv")
    assert code == 130 and "cancelled" in err
    assert list(folder.iterdir()) == []


def test_import_and_export_draw_a_bar_on_a_terminal_only(tmp_path, capsys, db_path,
                                                         monkeypatch):
    data = staff_file(tmp_path, 1200)
    code, _, err = run(capsys, "import", "staff", "--db", db_path, data)
    assert code == 0 and "\r" not in err  # not a terminal: quiet
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    monkeypatch.setattr(cli._Progress, "EVERY", 0.0)
    again = staff_file(tmp_path, 0)
    again.write_text("employee_no,name\n" + "".join(f"T{i:06d},Person {i}\n"
                                                    for i in range(1, 1201)), encoding="utf-8")
    code, _, err = run(capsys, "import", "staff", "--db", db_path, again)
    assert code == 0
    assert "import staff: [" in err and "500/1,200 rows" in err and "\r\x1b[2K" in err
    code, _, err = run(capsys, "export", "staff", "--db", db_path, "--out",
                       tmp_path / "s.csv")
    assert code == 0 and "export staff: [" in err and "100%" in err


# --- due ----------------------------------------------------------------------------------


def _fake_duties(monkeypatch):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Duty:
        kind: str
        entity: str
        record_id: int
        title_en: str
        title_ja: str
        due: date | datetime
        status: str
        rule: str
        days_left: int

    calls = []

    def list_duties(db, *, today=None, within=None):
        calls.append(within)
        return [
            Duty("request", "request", 41, "Answer the disclosure request", "開示請求への回答",
                 date(2026, 11, 20), "overdue", "APPI Art 33(2)", -6),
            Duty("incident", "incident", 7, "Notify the authority", "監督機関への通知",
                 datetime(2026, 11, 28, 3, 0, tzinfo=UTC), "due_soon", "GDPR Art 33(1)", 2),
        ]

    module = types.ModuleType("privacydesk.services.duties")
    module.list_duties = list_duties
    monkeypatch.setitem(sys.modules, "privacydesk.services.duties", module)
    import privacydesk.services

    monkeypatch.setattr(privacydesk.services, "duties", module, raising=False)
    return calls


def test_due_json_and_table_with_a_stand_in_service(capsys, db_path, monkeypatch):
    calls = _fake_duties(monkeypatch)
    code, out, err = run(capsys, "due", "--db", db_path, "--format", "json", "--within", "30")
    assert code == 0, err
    items = json.loads(out)
    assert items[0]["record_id"] == 41 and items[0]["due"] == "2026-11-20"
    assert items[1]["due"] == "2026-11-28T03:00:00.000000Z"
    assert calls == [30]

    code, out, err = run(capsys, "due", "--db", db_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["STATUS", "DUE", "DAYS", "WHAT", "RECORD", "RULE"]
    assert lines[1].startswith("OVERDUE") and "request 41" in lines[1] and "-6" in lines[1]
    assert "2026-11-28 12:00 JST" in lines[2] and "incident 7" in lines[2]
    assert lines[1].index("request 41") == lines[2].index("incident 7")  # aligned

    code, out, err = run(capsys, "due", "--db", db_path, "--lang", "ja")
    assert "開示請求への回答" in out
    lines = out.splitlines()
    assert cli._width(lines[1][:lines[1].index("request 41")]) == cli._width(
        lines[2][:lines[2].index("incident 7")])


def test_due_with_the_real_service(capsys, db_path):
    code, out, err = run(capsys, "due", "--db", db_path, "--format", "json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)
    code, out, err = run(capsys, "due", "--db", db_path, "--within", "400")
    assert code == 0, err


# --- demo and gui ---------------------------------------------------------------------


def test_demo_creates_and_fills(tmp_path, capsys):
    path = tmp_path / "demo.db"
    code, out, err = run(capsys, "demo", "--db", path, "--seed", "3")
    assert code == 0, err
    counts = {line.split()[0]: int(line.split()[1].replace(",", ""))
              for line in out.splitlines()}
    assert sum(counts.values()) > 0
    code, _, err = run(capsys, "verify", "--db", path)
    assert code == 0, err
    code, _, err = run(capsys, "demo", "--db", path)  # only into a new database
    assert code == 2 and str(path) in err


def fake_gui(monkeypatch) -> list[list[str]]:
    """Replace the window by a stub that records its arguments."""
    calls = []
    module = types.ModuleType("privacydesk.ui.app")
    module.main = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "privacydesk.ui.app", module)
    import privacydesk.ui

    monkeypatch.setattr(privacydesk.ui, "app", module, raising=False)
    return calls


def test_no_command_starts_the_gui(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    calls = fake_gui(monkeypatch)
    assert cli.main([]) == 0
    assert cli.main(["gui", "--db", str(tmp_path / "x.db")]) == 0
    assert calls == [[], ["--db", str(tmp_path / "x.db")]]


@pytest.mark.parametrize("environ, system, problem", [
    ({}, "linux", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "wayland"}, "freebsd14", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux", cli.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", None),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", None),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, "linux", None),
    ({}, "darwin", None),
    ({}, "win32", None),
])
def test_a_missing_display_is_found_before_qt(environ, system, problem, monkeypatch):
    monkeypatch.setattr(cli, "_find_library", lambda name: f"lib{name}.so")
    assert cli._display_problem(environ, system) == problem


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    missing = {"xcb-cursor", "xcb-icccm"}
    monkeypatch.setattr(cli, "_find_library",
                        lambda name: None if name in missing else f"lib{name}.so")
    calls = fake_gui(monkeypatch)
    for argv in ([], ["gui"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert err.startswith("privacydesk: the window cannot start:")
        assert "libxcb-cursor, libxcb-icccm" in err
        assert "apt-get install libxcb-cursor0 libxcb-icccm4;" in err
        assert len(err.strip().splitlines()) == 1
    assert calls == []  # Qt was never asked
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert run(capsys, "gui")[0] == 2
    # Qt may choose Wayland; and where nothing can be looked up, Qt is let try
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert run(capsys, "gui")[0] == 0
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setattr(cli, "_find_library", lambda name: None)
    assert run(capsys, "gui")[0] == 0
    assert len(calls) == 2


def test_a_system_library_missing_for_qt_is_named(monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")

    class NoEGL:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name == "privacydesk.ui.app":
                raise ImportError("libEGL.so.1: cannot open shared object file: "
                                  "No such file or directory")

    import privacydesk.ui

    monkeypatch.delitem(sys.modules, "privacydesk.ui.app", raising=False)
    monkeypatch.delattr(privacydesk.ui, "app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoEGL, *sys.meta_path])
    code, out, err = run(capsys, "gui")
    assert code == 2 and out == ""
    assert err == ("privacydesk: the window cannot start: Qt cannot be loaded: "
                   "libEGL.so.1: cannot open shared object file: No such file or directory\n")


def test_usage_errors_exit_2(capsys):
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["demo", "--size", "huge"]) == 2
    assert cli.main(["--help"]) == 0
    capsys.readouterr()


# --- the installed program --------------------------------------------------------------


def entry_point() -> str:
    """The console script installed beside the running interpreter (PATH may not have it)."""
    exe = shutil.which("privacydesk", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the privacydesk entry point is not installed")
    return exe


def test_installed_entry_point(tmp_path, passphrase):
    exe = entry_point()
    env = {**os.environ, cli.ENV_PASSPHRASE: passphrase}
    path = tmp_path / "p.db"

    def call(*args, **kw):
        return subprocess.run([exe, *map(str, args)], capture_output=True, text=True,
                              env=kw.get("env", env), timeout=60, stdin=subprocess.DEVNULL)

    r = call("init", "--db", path)
    assert r.returncode == 0, r.stderr
    r = call("verify", "--db", path)
    assert r.returncode == 0 and "OK" in r.stdout
    before = path.read_bytes()
    r = call("verify", "--db", path, env={**env, cli.ENV_PASSPHRASE: "wrong passphrase"})
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert path.read_bytes() == before
    # the command line never imports Qt
    r = subprocess.run([sys.executable, "-c",
                        "import sys; from privacydesk import cli; "
                        "code = cli.main(['export', '--list']); "
                        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt'; "
                        "sys.exit(code)"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
@pytest.mark.parametrize("argv", [[], ["gui"]])
def test_installed_entry_point_without_a_display_exits_2(tmp_path, argv):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([entry_point(), *argv, "--db", str(tmp_path / "p.db")],
                       capture_output=True, text=True, env=env, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 2, r.stderr  # not Qt's abort (134)
    assert r.stderr == ("privacydesk: no display available "
                        "(set DISPLAY or use QT_QPA_PLATFORM=offscreen)\n")
    assert r.stdout == "" and not (tmp_path / "p.db").exists()


def test_import_of_a_shift_jis_staff_list_with_guess_map_and_dry_run(tmp_path, capsys, db_path,
                                                                      passphrase):
    data = tmp_path / "社員名簿.csv"
    data.write_bytes("社員名簿 2026年4月1日現在\r\n\r\n通番,社員No,氏名,所属,入社日,備考欄\r\n"
                     "1,E001,山田 太郎,開発部,平成30年4月1日,\r\n"
                     "2,E002,佐藤 花子,営業部,R2.10.1,育休中\r\n".encode("cp932"))
    code, out, err = run(capsys, "import", "staff", "--db", db_path, data, "--guess-map")
    assert code == 0, err
    guessed = json.loads(out)
    assert guessed["header_row"] == 3 and guessed["columns"]["社員No"] == "employee_no"
    assert guessed["columns"]["通番"] is None
    assert guessed["columns"]["備考欄"].startswith("?") and "備考欄" in err

    code, _, err = run(capsys, "import", "staff", "--db", db_path, data, "--lang", "ja")
    assert code == 1 and "備考欄" in err and "近い項目" in err

    the_map = tmp_path / "map.json"
    the_map.write_text(json.dumps({"columns": {"備考欄": None}}), encoding="utf-8")
    code, _, err = run(capsys, "import", "staff", "--db", db_path, data, "--map", the_map,
                       "--dry-run")
    assert code == 0 and "2 new" in err and "nothing was written" in err
    with open_database(db_path, passphrase) as db:
        assert records.count(db, "staff") == 0
    code, _, err = run(capsys, "import", "staff", "--db", db_path, data, "--map", the_map)
    assert code == 0 and "2 new" in err
    with open_database(db_path, passphrase) as db:
        staff = {r["employee_no"]: r for r in records.iterate(db, "staff")}
    assert staff["E001"]["started_on"] == date(2018, 4, 1)
