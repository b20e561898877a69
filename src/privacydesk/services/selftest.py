"""`privacydesk selftest`: does this installation work, on this machine?

A bundle that misses a migration script, the SQLCipher module, a font or a Qt plugin
fails only where it is installed, so the installed program checks itself: the files it
ships with, an encrypted database made in a temporary folder, records written and read
back through the services, the audit chain. The steps above the services (the PDF
report, the window) are given by the caller as `Step`s, so that this module stays free
of ReportLab and Qt. Each check names what it found or what is missing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from privacydesk.services import records, session
from privacydesk.services.session import Database

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"  # the first bytes of an unencrypted file


@dataclass(frozen=True)
class Check:
    name: str  # "database", "pdf font", …
    ok: bool
    detail: str  # what was found, or what is missing

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


@dataclass(frozen=True)
class Step:
    """A part of the check that needs a floor above the services (reports, window)."""

    name: str
    run: Callable[[Database, Path], list[Check]]


def _files(package: str, *parts: str):
    folder = resources.files(package)
    for part in parts:
        folder = folder.joinpath(part)
    return folder


def check_resources() -> list[Check]:
    """The files the program reads at run time: migrations, translations, the policy."""
    out = []
    try:
        folder = _files("privacydesk.store", "migrations")
        scripts = sorted(p.name for p in folder.joinpath("versions").iterdir()
                         if p.name[:4].isdigit() and p.name.endswith(".py"))
        missing = [n for n in ("env.py", "script.py.mako") if not folder.joinpath(n).is_file()]
        if missing or not scripts:
            out.append(Check("migrations", False,
                             f"missing in {folder}: {', '.join(missing or ['versions/*.py'])}"))
        else:
            out.append(Check("migrations", True,
                             f"{len(scripts)} Alembic scripts, env.py, script.py.mako"))
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError) as exc:
        out.append(Check("migrations", False, f"the migration scripts are missing: {exc}"))
    for name, parts, what in (
            ("translations", ("translations", "privacydesk_ja.qm"), "the Japanese catalogue"),
            ("policy text", ("policy", "company-privacy-policy.txt"), "the policy template")):
        try:
            item = _files("privacydesk.resources", *parts)
            ok = item.is_file() and len(item.read_bytes()) > 0
        except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
            ok = False
        out.append(Check(name, ok, f"{what} ({'/'.join(parts)})" if ok else
                         f"{what} is missing: privacydesk/resources/{'/'.join(parts)}"))
    return out


def check_database(folder: Path) -> tuple[Database | None, list[Check]]:
    """Create an encrypted database, write and read records, reopen it, verify the chain.

    Returns the open database (for the later steps) or None when it could not be made.
    """
    path = folder / "selftest.db"
    passphrase = "selftest-" + secrets.token_hex(12)
    out: list[Check] = []
    try:
        db = session.create(path, passphrase, officer="Self-test")
    except Exception as exc:
        return None, [Check("database", False,
                            f"cannot create an encrypted database: {type(exc).__name__}: {exc}")]
    try:
        from privacydesk.store import migrations

        revision = migrations.current_revision(db.engine)
        out.append(Check("database", revision == migrations.HEAD,
                         f"SQLCipher database created, schema {revision}" if
                         revision == migrations.HEAD else
                         f"schema {revision} after creation, expected {migrations.HEAD}"))
        staff = {"employee_no": "ST-0001", "name": "山田 太郎", "department": "総務部",
                 "employment_type": "regular"}
        row_id = records.create(db, "staff", staff)
        records.update(db, "staff", row_id, {"role": "個人情報保護管理者"})
        db.close()
        header = path.read_bytes()[:16]
        if header == SQLITE_PLAIN_HEADER:
            out.append(Check("encryption", False, f"{path.name} is a plain SQLite file"))
        else:
            try:
                session.open(path, passphrase + "-wrong").close()
                out.append(Check("encryption", False, "a wrong passphrase opened the file"))
            except session.WrongPassphrase:
                out.append(Check("encryption", True,
                                 "no plaintext header; a wrong passphrase is refused"))
        db = session.open(path, passphrase)
        got = records.get(db, "staff", row_id)
        wanted = {**staff, "role": "個人情報保護管理者"}
        differ = [k for k, v in wanted.items() if got.get(k) != v]
        out.append(Check("records", not differ,
                         "a record written, changed, reopened and read back" if not differ
                         else f"read back differently: {', '.join(differ)}"))
        result = session.verify(db)
        out.append(Check("audit chain", result.ok,
                         f"{result.entries} entries and {result.rows} rows verified"
                         if result.ok else f"broken: {result.problems[0]}"))
    except Exception as exc:
        out.append(Check("database", False, f"{type(exc).__name__}: {exc}"))
        try:
            db = session.open(path, passphrase)
        except Exception:
            return None, out
    return db, out


def run(folder: Path, *, steps: list[Step] | tuple[Step, ...] = ()) -> list[Check]:
    """Every check, in order; `folder` is a fresh temporary folder the caller removes."""
    checks = check_resources()
    db, found = check_database(folder)
    checks += found
    if db is None:
        return checks + [Check(s.name, False, "not run: no database") for s in steps]
    try:
        for step in steps:
            try:
                checks += step.run(db, folder)
            except Exception as exc:  # an import error of a missing library included
                checks.append(Check(step.name, False, f"{type(exc).__name__}: {exc}"))
    finally:
        db.close()
    return checks
