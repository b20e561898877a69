"""The command line: `privacydesk COMMAND --db PATH ...`; without a command, the GUI.

Exit codes: 0 success; 1 a check or a validation failed; 2 a usage error, a wrong
passphrase, or a file that cannot be opened; 130 cancelled with Ctrl+C. Messages go to
stderr, data to stdout. On a terminal, imports and exports show a progress bar; Ctrl+C
stops them at the next batch of rows, with nothing imported (or no export file).

The passphrase comes from the PRIVACYDESK_PASSPHRASE environment variable,
`--passphrase-file FILE`, or a prompt without echo; never from a plain argument.
Qt is imported only by the `gui` command.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import getpass
import json
import logging
import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

PROG = "privacydesk"
ENV_PASSPHRASE = "PRIVACYDESK_PASSPHRASE"
JST = ZoneInfo("Asia/Tokyo")
WHAT_WIDTH = 64  # display columns of the WHAT column of `due` (JSON has the whole title)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports it


class UsageError(Exception):
    """Wrong use of the command line, or a file that cannot be used: exit 2."""


class Failed(Exception):
    """A check failed; the message has been printed already: exit 1."""


# --- output helpers ---------------------------------------------------------------------


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Progress:
    """One self-overwriting status line on stderr, only when stderr is a terminal: a bar
    once the number of rows is known (`total`), else the rows done so far."""

    BAR = 24  # characters of the bar
    EVERY = 0.1  # seconds between two redraws

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = _isatty(sys.stderr)
        self.shown = False
        self.expected: int | None = None
        self.started = time.monotonic()
        self.drawn = 0.0
        self.note = ""

    def total(self, n: int) -> None:
        """The number of rows the job will handle (draws the bar from now on)."""
        self.expected = n

    def __call__(self, *args: Any) -> None:
        if not self.enabled:
            return
        match args:
            case (int(n),):  # rows done
                if self.expected and n < self.expected \
                        and time.monotonic() - self.drawn < self.EVERY:
                    return
                text = self._bar(n) if self.expected else f"{n:,} rows"
            case (str(phase), int(done), int(total)):  # a phase of a longer job
                text = f"{phase} {done:,}/{total:,}"
            case _:
                text = " ".join(str(a) for a in args)
        self.drawn = time.monotonic()
        sys.stderr.write(f"\r\x1b[2K{self.label}: {text}{self.note}")
        sys.stderr.flush()
        self.shown = True

    def _bar(self, n: int) -> str:
        total = max(self.expected or 0, 1)
        share = min(n / total, 1.0)
        filled = int(share * self.BAR)
        elapsed = time.monotonic() - self.started
        text = (f"[{'#' * filled}{'.' * (self.BAR - filled)}] {share:4.0%} "
                f"{n:,}/{total:,} rows, {elapsed:.0f} s")
        if 0.02 < share < 1:
            text += f", about {elapsed * (1 - share) / share:.0f} s left"
        return text

    def interrupted(self) -> None:
        """Ctrl+C was pressed once: say that the job is stopping."""
        self.note = " (stopping…)"
        if self.shown:
            sys.stderr.write(f"\r\x1b[2K{self.label}: stopping…")
            sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self.shown = False


class _Interrupt:
    """Ctrl+C asks a long job to stop at its next batch (`__call__` is its cancel hook):
    the first press sets a flag, a second one interrupts at once."""

    def __init__(self, progress: _Progress) -> None:
        self.progress = progress
        self.pressed = False
        self._previous: Any = None

    def __call__(self) -> bool:
        return self.pressed

    def _handle(self, signum, frame) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True
        self.progress.interrupted()

    def __enter__(self) -> _Interrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _clip(text: str, width: int) -> str:
    """At most `width` display columns (full-width characters count two)."""
    if _width(text) <= width:
        return text
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > width - 1:
            break
        out, used = out + c, used + w
    return out + "…"


# --- passphrases and databases ------------------------------------------------------------


def _ask(prompt: str) -> str:
    return getpass.getpass(prompt)


def _interactive() -> bool:
    return _isatty(sys.stdin)


def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except IsADirectoryError:
        raise UsageError(f"The passphrase file {path} is a directory.") from None
    except OSError as exc:
        raise UsageError(f"Cannot read the passphrase file {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"The passphrase file {path} is not UTF-8 text.") from None
    secret = text.split("\n", 1)[0].removesuffix("\r")
    if not secret:
        raise UsageError(f"The passphrase file {path} is empty.")
    return secret


def _prompt(what: str, *, confirm: bool) -> str:
    if not _interactive():
        raise UsageError(
            f"No passphrase: set {ENV_PASSPHRASE}, use --passphrase-file FILE, "
            "or run the command in a terminal.")
    first = _ask(f"{what}: ")
    if confirm and _ask(f"{what} (again): ") != first:
        raise UsageError("The two passphrases differ; nothing was changed.")
    if not first:
        raise UsageError("The passphrase is empty; nothing was changed.")
    return first


def _passphrase(args: argparse.Namespace, path: Path, *, new: bool = False) -> str:
    """The passphrase of `path`: --passphrase-file, the environment, or a prompt."""
    file = getattr(args, "passphrase_file", None)
    if file:
        return _read_secret_file(file)
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    what = f"New passphrase for {path}" if new else f"Passphrase for {path}"
    return _prompt(what, confirm=new)


def _db_path(args: argparse.Namespace) -> Path:
    from privacydesk.store.database import default_database_path

    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_database_path()


def _check_db_file(path: Path) -> None:
    from privacydesk.store.database import DatabaseNotFound

    if path.is_dir():
        raise UsageError(f"{path} is a directory, not a database file.")
    if not path.exists():
        raise DatabaseNotFound(
            f"There is no database at {path}; create one with `{PROG} init --db {path}`.")


def _url(args: argparse.Namespace) -> str | None:
    """The server of --url, else of $PRIVACYDESK_URL unless --db names a file."""
    from privacydesk.services import connection

    url = getattr(args, "url", None)
    if url and getattr(args, "db", None):
        raise UsageError("Give either --db PATH or --url URL, not both.")
    if url:
        return url
    if getattr(args, "db", None):
        return None
    return connection.default_url()


def _connect(url: str, officer: str | None = None, *, require_schema: bool = True):
    """A server database; the password from libpq (PGPASSWORD, ~/.pgpass), else asked
    on a terminal when the server wants one."""
    from privacydesk.services import connection

    try:
        return connection.connect(url, officer=officer or "", require_schema=require_schema)
    except connection.PasswordNeeded as exc:
        if not _interactive():
            raise connection.PasswordNeeded(
                f"{exc} Set PGPASSWORD, add it to ~/.pgpass, or run the command in a "
                "terminal to be asked.") from None
    u = connection.parse(url)
    password = _ask(f"Password for {u.username or 'the login'} on "
                    f"{u.host or 'localhost'}/{u.database}: ")
    return connection.connect(url, password, officer=officer or "",
                              require_schema=require_schema)


def _check_pages(db):
    from privacydesk.services import session

    return session.check_pages(db)


def _where(db) -> str:
    """The file or the server (without a password) of an open database."""
    from privacydesk.services import session

    return session.location(db)


def _file_only(args: argparse.Namespace, what: str) -> None:
    if _url(args):
        raise UsageError(f"{what} works on a database file (--db); a server database "
                         "is managed on the server.")


def _open(args: argparse.Namespace):
    from privacydesk.store.database import open_database

    url = _url(args)
    if url:
        return _connect(url, getattr(args, "officer", None))
    path = _db_path(args)
    _check_db_file(path)
    db = open_database(path, _passphrase(args, path))
    if getattr(args, "officer", None):
        db.officer = args.officer
    for note in db.notes:  # no lock possible, leftovers of an interrupted run removed
        _err(f"{PROG}: note: {note}")
    return db


def _entity(name: str | None):
    from privacydesk.domain.entities import BY_NAME

    if not name:
        raise UsageError(f"Name an entity; `{PROG} export --list` shows them.")
    if name not in BY_NAME:
        raise UsageError(f"There is no entity {name!r}; `{PROG} export --list` shows them.")
    return BY_NAME[name]


def _input_file(path: str) -> Path:
    p = Path(path).expanduser()
    if p.is_dir():
        raise UsageError(f"{p} is a directory, not a file.")
    if not p.is_file():
        raise UsageError(f"There is no file {p}.")
    return p


# --- commands -----------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from privacydesk.store.database import DatabaseExists, create_database

    if _url(args):
        raise UsageError(f"A server database is set up with `{PROG} server init --url URL`.")
    path = _db_path(args)
    if path.is_dir():
        raise UsageError(f"{path} is a directory; name the database file.")
    if path.exists():
        raise DatabaseExists(f"{path} already exists; choose another file.")
    db = create_database(path, _passphrase(args, path, new=True),
                         officer=getattr(args, "officer", None) or "")
    db.close()
    _err(f"Created the encrypted database {path}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from privacydesk.store.database import create_database

    try:
        from privacydesk.services import demo
    except ImportError as exc:  # pragma: no cover - every build has it
        raise UsageError(f"Demo data is not available: {exc}") from None
    url = _url(args)
    path: Path | str = _db_path(args)
    if url:  # a server database with its schema (server init), filled like a file
        db = _connect(url, getattr(args, "officer", None))
        path = _where(db)
    elif path.exists():
        db = _open(args)
    else:
        db = create_database(path, _passphrase(args, path, new=True),
                             officer=getattr(args, "officer", None) or "")
        _err(f"Created the encrypted database {path}.")
    progress = _Progress(f"demo data ({args.size})")
    try:
        counts = demo.fill(db, size=args.size, seed=args.seed, progress=progress)
    except ValueError as exc:  # e.g. the database already holds data
        raise UsageError(f"{path}: {exc}") from None
    finally:
        progress.done()
        db.close()
    width = max((len(k) for k in counts), default=6)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>9,}")
    _err(f"Filled {path} with {sum(counts.values()):,} demo rows (size {args.size}, "
         f"seed {args.seed}).")
    return EXIT_OK


def _anchor(text: str) -> tuple[int, str]:
    """SEQ:HASH as printed on a report."""
    import re

    m = re.fullmatch(r"\s*(\d+)\s*:\s*([0-9a-fA-F]{64})\s*", text)
    if not m:
        raise UsageError(f"--anchor takes SEQ:HASH as printed on a report (a number, a colon "
                         f"and 64 hexadecimal digits), not {text!r}.")
    return int(m.group(1)), m.group(2).lower()


def _open_backup(args: argparse.Namespace, source: str, passphrase: str | None):
    """A backup for `verify --against`: with the database's passphrase, else asked."""
    from privacydesk.store.database import WrongPassphrase, open_database

    path = _input_file(source)
    try:
        return open_database(path, passphrase or "", migrate=False)
    except WrongPassphrase:
        if not _interactive():
            raise WrongPassphrase(
                f"The backup {path} does not open with the database's passphrase; run "
                "the command in a terminal to be asked for the backup's.") from None
    return open_database(path, _prompt(f"Passphrase for the backup {path}", confirm=False),
                         migrate=False)


def cmd_verify(args: argparse.Namespace) -> int:
    from privacydesk.store.verify import verify

    anchors = [_anchor(a) for a in (getattr(args, "anchor", None) or [])]
    db = _open(args)
    where = _where(db)
    backups = []
    progress = _Progress("verifying")
    try:
        for source in getattr(args, "against", None) or []:
            backups.append(_open_backup(args, source, db.passphrase))
        report = verify(db, progress=progress, anchors=anchors, against=backups)
    finally:
        progress.done()
        for b in backups:
            b.close()
        db.close()
    if report.ok:
        matched = (f"; {report.anchors_ok} printed anchor(s) found as printed"
                   if anchors else "")
        if backups:
            matched += f"; the trail extends the backup's ({report.against_ok} backup(s))"
        head = f"; audit head {report.head[0]}:{report.head[1]}" if report.head else ""
        intact = "file and encryption intact" if db.path is not None else "on the server"
        print(f"{where}: OK ({report.entries:,} audit entries and {report.rows:,} rows "
              f"verified; {intact}{matched}{head})")
        return EXIT_OK
    n = len(report.problems)
    what = "the database file is damaged: restore a backup; " if report.damage else ""
    _err(f"{where}: verification FAILED with {n} problem(s); {what}"
         f"the first: {report.problems[0]}")
    for p in report.problems:
        _err(f"  - {p}")
    return EXIT_FAILED


def cmd_passwd(args: argparse.Namespace) -> int:
    from privacydesk.store.database import change_passphrase, check_passphrase_strength

    _file_only(args, "passwd")
    path = _db_path(args)
    if args.new_passphrase_file:
        new = _read_secret_file(args.new_passphrase_file)
    else:
        new = _prompt(f"New passphrase for {path}", confirm=True)
    check_passphrase_strength(new)  # before the key derivation of the old one
    db = _open(args)
    try:
        changed = change_passphrase(db, new)  # closes `db` once the copy is written
    except BaseException:
        db.close()
        raise
    changed.close()
    _err(f"The passphrase of {path} is changed.")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from privacydesk.store import backup

    out = Path(args.out).expanduser()
    if out.exists():
        raise UsageError(f"{out} already exists; choose another file.")
    url = _url(args)
    if url:
        return _backup_server(args, url, out)
    db = _open(args)
    progress = _Progress("backup")
    try:
        report = backup.backup(db, out, progress=progress)
    finally:
        progress.done()
        db.close()
    _err(f"Backup written to {out} and verified ({report.entries:,} audit entries, "
         f"{report.rows:,} rows).")
    if report.head:  # what `verify --against` will find again, or write it down
        _err(f"Its audit head: {report.head[0]}:{report.head[1]}")
    return EXIT_OK


def _backup_server(args: argparse.Namespace, url: str, out: Path) -> int:
    """backup --url: the server's rows and audit trail into a new encrypted file."""
    from privacydesk.services import connection
    from privacydesk.services.session import check_passphrase

    passphrase = _passphrase(args, out, new=True)
    check_passphrase(passphrase)
    db = _connect(url)
    progress = _Progress("backup")
    try:
        report = connection.backup_to_file(db, out, passphrase, progress=progress)
    finally:
        progress.done()
        db.close()
    _err(f"Backup of {connection.safe_url(url)} written to {out} and verified "
         f"({report.entries:,} audit entries, {report.rows:,} rows); `{PROG} restore "
         f"--from {out}` makes it a desktop database.")
    if report.head:
        _err(f"Its audit head: {report.head[0]}:{report.head[1]}")
    return EXIT_OK


def cmd_server_push(args: argparse.Namespace) -> int:
    """server push: a desktop database into an empty server database."""
    from privacydesk.services import connection

    if not getattr(args, "db", None):
        raise UsageError("Name the desktop database to push with --db PATH.")
    url = getattr(args, "url", None) or connection.default_url()
    if not url:
        raise UsageError(f"Name the server database with --url URL (or ${connection.ENV_URL}).")
    path = _db_path(args)
    _check_db_file(path)
    from privacydesk.store.database import open_database

    source = open_database(path, _passphrase(args, path))
    try:
        target = _connect(url)
        progress = _Progress("push")
        try:
            copied, report = connection.push(source, target, progress=progress)
        finally:
            progress.done()
            target.close()
    finally:
        source.close()
    where = connection.safe_url(url)
    rows = sum(n for t, n in copied.items() if t not in ("audit_log", "audit_head"))
    if not report.ok:
        _err(f"{PROG}: copied {path} to {where}, but verification on the server FAILED "
             f"with {len(report.problems)} problem(s):")
        for p in report.problems:
            _err(f"  - {p}")
        return EXIT_FAILED
    _err(f"Copied {path} to {where}: {rows:,} rows and {copied.get('audit_log', 0):,} "
         f"audit entries; verified on the server ({report.entries:,} entries, "
         f"{report.rows:,} rows).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from privacydesk.store import backup
    from privacydesk.store.database import DatabaseExists

    _file_only(args, "restore")
    source = _input_file(args.source)
    target = _db_path(args)
    if target.exists() and not args.force:  # before asking for a passphrase
        raise DatabaseExists(
            f"{target} already exists; restore replaces it only with --force.")
    passphrase = _passphrase(args, source)
    progress = _Progress("restore")
    try:
        report = backup.restore(source, target, passphrase, force=args.force,
                                progress=progress)
    finally:
        progress.done()
    _err(f"Restored {source} to {target} ({report.entries:,} audit entries, "
         f"{report.rows:,} rows verified).")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from privacydesk.domain.entities import ENTITIES
    from privacydesk.services import interchange
    from privacydesk.services.session import Cancelled

    if args.list:
        width = max(len(e.name) for e in ENTITIES)
        for e in ENTITIES:
            print(f"{e.name:<{width}}  {e.label_en} / {e.label_ja}")
        return EXIT_OK
    out = Path(args.out).expanduser() if args.out else None
    fmt = args.format or ("xlsx" if out is not None and out.suffix.lower() == ".xlsx"
                          else interchange.format_for(out))
    if args.all and fmt != "xlsx":
        raise UsageError("--all writes a workbook: add --format xlsx and --out FILE.xlsx.")
    if args.all and args.entity:
        raise UsageError("Name an entity or --all, not both.")
    if fmt != "xlsx" and args.lang is not None:
        raise UsageError("--lang is for --format xlsx; CSV and JSON hold codes and ids.")
    names = [e.name for e in ENTITIES] if args.all else [_entity(args.entity).name]
    if fmt == "xlsx" and out is None:
        raise UsageError("An Excel workbook is written to a file: add --out FILE.xlsx.")
    if out is not None and out.is_dir():
        raise UsageError(f"{out} is a directory; name the export file.")
    if out is not None and not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    db = _open(args)
    pages = _check_pages(db)  # beside the export: damage anywhere in the file is said
    if args.all:  # every list this login may read (a line manager's are fewer)
        from privacydesk.services import team

        left_out = [n for n in names if not team.may(db, n)]
        names = [n for n in names if n not in left_out]
        if left_out:
            _err(f"{len(left_out)} lists this login may not read are left out: "
                 f"{', '.join(left_out)}.")
    if fmt == "xlsx":
        assert out is not None
        return _export_workbook(db, names, out, args.lang or "ja", pages)
    name = names[0]
    progress = _Progress(f"export {name}")
    total = progress.total if progress.enabled else None
    try:
        with _Interrupt(progress) as interrupt:
            if out is not None:
                n = interchange.export_to_file(db, name, out, fmt, progress=progress,
                                               total=total, cancel=interrupt)
                progress.done()
                if pages is not None:
                    pages.finish()
                _err(f"Exported {n:,} {name} rows to {out}.")
            else:
                sys.stdout.flush()
                interchange.export(db, name, fmt, sys.stdout.buffer, progress=progress,
                                   total=total, cancel=interrupt)
                sys.stdout.buffer.flush()
                if pages is not None:
                    pages.finish()
    except (Cancelled, KeyboardInterrupt):
        progress.done()
        _err(f"{PROG}: cancelled" + (f"; {out} was not written." if out is not None else "."))
        return EXIT_INTERRUPTED
    finally:
        progress.done()
        if pages is not None:
            pages.stop()
        db.close()
    return EXIT_OK


def _export_workbook(db: Any, names: list[str], out: Path, lang: str, pages=None) -> int:
    from privacydesk.services.sheets.export import export_workbook

    progress = _Progress("export")
    try:
        counts = export_workbook(db, names, out, lang=lang, progress=progress)
        if pages is not None:
            pages.finish()
    finally:
        progress.done()
        if pages is not None:
            pages.stop()
        db.close()
    if len(counts) == 1:
        [(name, n)] = counts.items()
        _err(f"Exported {n:,} {name} rows to {out}.")
    else:
        _err(f"Exported {sum(counts.values()):,} rows of {len(counts)} entities to {out}, "
             "one sheet each.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from privacydesk.domain.fields import in_lang
    from privacydesk.services import interchange
    from privacydesk.services.records import ValidationError
    from privacydesk.services.session import Cancelled
    from privacydesk.services.sheets import importer

    e = _entity(args.entity)
    file = _input_file(args.file)
    mapped = importer.wants_mapping(file, args.format, map_given=bool(args.map),
                                    sheet=args.sheet, guess=args.guess_map, entity_name=e.name)
    if args.map:
        _input_file(args.map)
    db = _open(args)
    pages = _check_pages(db)
    if pages is not None:  # never write into a damaged file
        try:
            pages.finish()
        except BaseException:
            pages.stop()
            db.close()
            raise
    progress = _Progress(f"import {e.name}")
    lang = args.lang
    try:
        if args.guess_map:
            guessed, columns = importer.guess_map(db, e.name, file, map_source=args.map,
                                                  sheet=args.sheet)
            print(json.dumps(guessed, ensure_ascii=False, indent=2))
            unknown = [c for c in columns if c.how == "unknown"]
            for c in unknown:
                _err(f"{file}: column {c.header!r} names no field; nearest: "
                     f"{', '.join(c.suggestions) or '-'} (edit its \"?\" entry in the map)")
            return EXIT_OK
        with _Interrupt(progress) as interrupt:
            if mapped:
                result = importer.import_sheet(db, e.name, file, map_source=args.map,
                                               sheet=args.sheet, dry_run=args.dry_run,
                                               progress=progress, total=progress.total,
                                               cancel=interrupt)
                where = f"{file} [{result.table.sheet}]" if result.table.sheet else f"{file}"
                progress.done()
                for note in result.notes:
                    _err(f"{where}: {in_lang(note, lang)}")
            else:
                result = interchange.import_file(db, e.name, file, fmt=args.format,
                                                 progress=progress, total=progress.total,
                                                 cancel=interrupt, dry_run=args.dry_run)
                where = f"{file}"
    except (Cancelled, KeyboardInterrupt):  # the transaction was rolled back
        progress.done()
        _err(f"{PROG}: cancelled, nothing was imported.")
        return EXIT_INTERRUPTED
    except (importer.SheetError, importer.MapError) as exc:
        progress.done()
        _err(in_lang(exc.args[0] if exc.args else str(exc), lang))
        raise Failed from None
    except ValidationError as exc:
        progress.done()
        _err(f"{file}: the import into {e.name} failed and wrote nothing; "
             f"{len(exc.errors)} error(s):")
        for err in exc.errors:
            _err(f"  {err.describe(e, lang)}")
        raise Failed from None
    finally:
        progress.done()
        db.close()
    counts = (f"{result.rows:,} rows ({result.inserted:,} new, {result.updated:,} changed, "
              f"{result.unchanged:,} unchanged)")
    if args.dry_run:
        _err(f"Dry run of {where} into {e.name}: {counts} would be imported; nothing was "
             "written.")
    else:
        _err(f"Imported {where} into {e.name}: {counts}.")
    return EXIT_OK


def _due_text(due: Any) -> str:
    if isinstance(due, datetime):
        return due.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")
    return due.isoformat()


def cmd_due(args: argparse.Namespace) -> int:
    from privacydesk.domain.fields import in_lang
    from privacydesk.services import duties as duty_service
    from privacydesk.store.audit import json_value

    if args.within is not None and args.within < 0:
        raise UsageError("--within takes a number of days, 0 or more.")
    db = _open(args)
    pages = _check_pages(db)
    try:
        duties = duty_service.list_duties(db, within=args.within)
        if pages is not None:
            pages.finish()  # a damaged page elsewhere in the file is said, not passed over
    finally:
        if pages is not None:
            pages.stop()
        db.close()
    if args.format == "json":
        items = [{**{k: json_value(v) for k, v in dataclasses.asdict(d).items()},
                  "rule": str(d.rule), "rule_ja": in_lang(d.rule, "ja")} for d in duties]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not duties:
        scope = f" within {args.within} days" if args.within is not None else ""
        print(f"No open duties{scope}.")
        return EXIT_OK
    words = {"overdue": "OVERDUE", "due_soon": "due soon", "ok": "ok"}
    header = ("STATUS", "DUE", "DAYS", "WHAT", "RECORD", "RULE")
    rows = [(words.get(d.status, d.status), _due_text(d.due), str(d.days_left),
             _clip(d.title_ja if args.lang == "ja" else d.title_en, WHAT_WIDTH),
             f"{d.entity} {d.record_id}", in_lang(d.rule, args.lang)) for d in duties]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        cells = [_pad(c, w) if i != 2 else c.rjust(w) for i, (c, w)
                 in enumerate(zip(r, widths, strict=True))]
        print("  ".join(cells).rstrip())
    return EXIT_OK


# What Qt's xcb platform plugin (PySide6 6.11: plugins/platforms/libqxcb.so and
# lib/libQt6XcbQpa.so.6) links beyond the C and C++ runtimes, as `ctypes.util.find_library`
# names them, and the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "xcb": "libxcb1",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render": "libxcb-render0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-shm": "libxcb-shm0",
    "xcb-sync": "libxcb-sync1",
    "xcb-util": "libxcb-util1",
    "xcb-xfixes": "libxcb-xfixes0",
    "xcb-xkb": "libxcb-xkb1",
    "X11": "libx11-6",
    "X11-xcb": "libx11-xcb1",
    "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "GL": "libgl1",
    "glib-2.0": "libglib2.0-0",
    "gthread-2.0": "libglib2.0-0",
}
NO_DISPLAY = "no display available (set DISPLAY or use QT_QPA_PLATFORM=offscreen)"


def _find_library(name: str) -> str | None:
    import ctypes.util

    return ctypes.util.find_library(name)


def _display_problem(environ: Mapping[str, str], system: str) -> str | None:
    """Why the window cannot start here, before Qt is asked (Qt aborts instead of saying).

    Only on Linux and the BSDs, where a window needs an X11 or Wayland server: none is
    named (DISPLAY for xcb, WAYLAND_DISPLAY for wayland) while Qt would use one
    (QT_QPA_PLATFORM unset, or naming xcb or wayland). When Qt would certainly use X11
    (QT_QPA_PLATFORM unset and no Wayland, or xcb), the libraries of its xcb plugin must
    be installed.
    """
    if not (system.startswith("linux") or "bsd" in system):
        return None
    names = [n.split(":", 1)[0].strip() for n in environ.get("QT_QPA_PLATFORM", "").split(";")]
    names = [n for n in names if n]
    if not all(n == "xcb" or n.startswith("wayland") for n in names):
        return None  # offscreen, vnc, eglfs, …: no display server needed
    servers = {"DISPLAY" if n == "xcb" else "WAYLAND_DISPLAY" for n in names or ["xcb", "wayland"]}
    if not any(environ.get(server) for server in servers):
        return NO_DISPLAY
    if not (names == ["xcb"] or (not names and not environ.get("WAYLAND_DISPLAY"))):
        return None  # Qt may choose Wayland
    if _find_library("c") is None:
        return None  # no way to look libraries up here (no ldconfig): let Qt try
    missing = [name for name in XCB_LIBRARIES if _find_library(name) is None]
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
    return (f"the window cannot start: Qt's xcb platform plugin needs "
            f"{', '.join(f'lib{name}' for name in missing)}, not installed here "
            f"(Debian/Ubuntu: sudo apt-get install {packages}; "
            f"or use QT_QPA_PLATFORM=offscreen)")


def _date(text: str | None, what: str):
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} takes a date as YYYY-MM-DD, not {text!r}.") from None


def cmd_report(args: argparse.Namespace) -> int:
    from privacydesk.reports import registry

    if args.list:
        for spec in registry.reports():
            print(f"{spec.name}\t{spec.title}")
        return EXIT_OK
    if not args.name:
        raise UsageError(f"Name a report; `{PROG} report --list` shows them.")
    try:
        spec = registry.spec(args.name)
    except KeyError as exc:
        raise UsageError(f"{exc.args[0]}.") from None
    if not args.out:
        raise UsageError("--out FILE.pdf is required: where to write the report.")
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise UsageError(f"{out} is a directory; name the PDF file.")
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if start and end and start > end:
        raise UsageError(f"--from {start} is after --to {end}.")
    if spec.subject == "required" and not args.subject:
        raise UsageError(f"The report {spec.name} is about one person: give --subject REF.")
    if spec.subject == "none" and args.subject:
        raise UsageError(f"The report {spec.name} cannot be cut to one person (--subject).")
    db = _open(args)
    progress = _Progress(f"report {spec.name}")
    try:
        result = registry.build(db, spec.name, out, lang=args.lang, start=start, end=end,
                                subject=args.subject, progress=lambda w, d, t: progress(w))
    finally:
        progress.done()
        db.close()
    for warning in result.warnings:
        _err(f"{PROG}: warning: {warning}")
    _err(f"Wrote {out} ({result.pages} pages; audit anchor {result.anchor}).")
    return EXIT_OK


# --- a team's server ----------------------------------------------------------------------


def _server_url(args: argparse.Namespace) -> str:
    """The server of --url (or $PRIVACYDESK_URL), checked to be a PostgreSQL URL."""
    from privacydesk.services import connection

    url = _url(args)
    if not url:
        raise UsageError("Name the server: --url postgresql+psycopg://LOGIN@HOST:PORT/DB.")
    if getattr(args, "db", None):
        raise UsageError("--url names a PostgreSQL server (postgresql+psycopg://…); a "
                         "database file is given with --db PATH.")
    connection.parse(url)  # BadUrl says what is wrong with it
    return url


def _server_db(args: argparse.Namespace, *, require_schema: bool = True):
    return _connect(_server_url(args), getattr(args, "officer", None),
                    require_schema=require_schema)


def cmd_server_init(args: argparse.Namespace) -> int:
    from privacydesk.services import connection, team

    db = _server_db(args, require_schema=False)
    try:
        result = team.init(db, seed_catalog=not args.empty,
                           officer=getattr(args, "officer", None) or "")
        where = connection.safe_url(db.engine.url)
    finally:
        db.close()
    if args.empty:
        what = "schema (no catalog, for `server push`)"
    else:
        what = "schema and catalog" if result.seeded else "schema (the catalog was there)"
    _err(f"{where}: {what}, roles {', '.join(team.ROLES.values())}, their grants "
         "and row-level security policies are in place.")
    for m in result.members:
        print(_member_line(m))
    return EXIT_OK


def _member_line(m) -> str:
    depts = f"  ({', '.join(m.departments)})" if m.departments else ""
    return f"{m.login}\t{m.role}{depts}"


def cmd_server_grant(args: argparse.Namespace) -> int:
    from privacydesk.services import team

    db = _server_db(args)
    try:
        before = team.grant(db, args.login, args.role, args.department)
        known = team.departments(db) if args.role == "manager" else []
    finally:
        db.close()
    was = f" (was {', '.join(before)})" if before and before != [args.role] else ""
    dept = f" of {args.department}" if args.department else ""
    _err(f"{args.login} is {args.role}{dept}{was}.")
    if args.role == "manager" and args.department.strip() not in known:
        listed = "; ".join(known) if known else "none yet"
        _err(f"Note: no data asset has the owner department {args.department.strip()!r}, "
             f"so {args.login} sees no grant until one has. The owner departments "
             f"written in the data inventory: {listed}.")
    return EXIT_OK


def cmd_server_revoke(args: argparse.Namespace) -> int:
    from privacydesk.services import team

    db = _server_db(args)
    try:
        taken = team.revoke(db, args.login, args.role)
    finally:
        db.close()
    if taken:
        _err(f"{args.login} is no longer {' or '.join(taken)}.")
    else:
        _err(f"{args.login} held no {args.role or 'PrivacyDesk'} role; nothing changed.")
    return EXIT_OK


def cmd_server_members(args: argparse.Namespace) -> int:
    from privacydesk.services import team

    db = _server_db(args)
    try:
        for m in team.members(db):
            print(_member_line(m))
    finally:
        db.close()
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    problem = _display_problem(os.environ, sys.platform)
    if problem:
        raise UsageError(problem)
    try:
        from privacydesk.ui import app  # Qt is imported here and only here
    except ImportError as exc:
        if "cannot open shared object file" not in str(exc):
            raise
        # a system library of Qt itself is missing (libEGL, libfontconfig, libdbus-1 …)
        raise UsageError(f"the window cannot start: Qt cannot be loaded: {exc}") from None

    url = _url(args)
    if url:
        from privacydesk.services import connection

        connection.parse(url)  # a URL that names no PostgreSQL database: said here
        argv = ["--url", url]
    else:
        argv = ["--db", str(_db_path(args))] if getattr(args, "db", None) else []
    return int(app.main(argv) or 0)


def cmd_selftest(args: argparse.Namespace) -> int:
    """Each part of the installation in turn; every check printed, failures named."""
    import tempfile
    import time

    from privacydesk.services import about, selftest

    started = time.monotonic()
    print(f"{about.APP} {about.version()} self-test ({sys.platform})", flush=True)
    with tempfile.TemporaryDirectory(prefix="privacydesk-selftest-") as folder:
        results = selftest.run(Path(folder), steps=_selftest_steps())
    for check in results:
        print(check.line(), flush=True)
    failed = [c for c in results if not c.ok]
    seconds = time.monotonic() - started
    if failed:
        _err(f"{PROG}: self-test FAILED ({len(failed)} of {len(results)} checks): "
             + "; ".join(f"{c.name}: {c.detail}" for c in failed))
        return EXIT_FAILED
    print(f"self-test passed: {len(results)} checks in {seconds:.1f} s")
    return EXIT_OK


def _selftest_steps():
    """The steps above the services: the PDF report (ReportLab) and the window (Qt),
    each imported only here, so that a missing library is a failed check, not a crash."""
    from privacydesk.services import selftest

    def pdf(db, folder):
        from privacydesk.reports import selftest as report_check

        return report_check.check(db, folder)

    def window(db, folder):
        from privacydesk.ui import selftest as window_check

        return window_check.check(db, folder)

    return [selftest.Step("pdf", pdf), selftest.Step("window", window)]


# --- the parser -------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    """Options accepted before and after the command (`privacydesk --db X verify`)."""
    p = argparse.ArgumentParser(add_help=False)
    S = argparse.SUPPRESS
    p.add_argument("--db", metavar="PATH", default=S,
                   help="the database file (default: the user data directory)")
    p.add_argument("--url", metavar="URL", default=S,
                   help="a team server database instead of a file: "
                        "postgresql+psycopg://USER@HOST:PORT/DB[?sslmode=verify-full] "
                        "(default: $PRIVACYDESK_URL unless --db is given); the password "
                        "from PGPASSWORD, ~/.pgpass, else a prompt")
    p.add_argument("--passphrase-file", metavar="FILE", default=S,
                   help=f"read the passphrase from the first line of FILE (else "
                        f"${ENV_PASSPHRASE}, else a prompt)")
    p.add_argument("--officer", metavar="NAME", default=S,
                   help="who is recorded in the audit trail (default: the officer_name setting)")
    p.add_argument("-v", "--verbose", action="store_true", default=S,
                   help="debug logging on stderr")
    return p


def _server_parser(sub, common: argparse.ArgumentParser) -> None:
    """`server init | grant | revoke | members`: a team's PostgreSQL server."""
    server = sub.add_parser(
        "server", help="set up a team's PostgreSQL server and say who is what on it",
        description="Set up a team's PostgreSQL server (schema, roles, grants, row-level "
                    "security) and give its logins a role. Logins are made with the "
                    "server's own tools (createuser); the password comes from PGPASSWORD, "
                    "~/.pgpass or the URL.")
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, func: Callable[[argparse.Namespace], int], help: str):
        # --url comes with the common options; these actions refuse to run without it
        # (the owner of the database, with CREATEROLE, for init, grant and revoke)
        p = actions.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = action("init", cmd_server_init,
               "create the schema, the catalog, the roles privacydesk_officer, _auditor and "
               "_manager, their grants and policies; run it again after every upgrade")
    p.add_argument("--empty", action="store_true",
                   help="no catalog: the empty database a `server push` fills")
    p = action("grant", cmd_server_grant,
               "make an existing login an officer, an auditor or a department's manager "
               "(one role at a time: the previous one is taken away)")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", metavar="ROLE", choices=("officer", "auditor", "manager"))
    p.add_argument("--department", metavar="NAME",
                   help="a manager's department: the data assets it owns are the ones the "
                        "manager sees (repeat the grant to add another)")
    p = action("revoke", cmd_server_revoke,
               "take a role (default: every PrivacyDesk role) from a login")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", metavar="ROLE", nargs="?", choices=("officer", "auditor", "manager"))
    action("members", cmd_server_members, "list the logins and their roles")
    text = ("copy a desktop database (--db) with its whole audit trail into an empty "
            "server database (--url; made by `server init --empty`), then verify it there")
    p = actions.add_parser("push", parents=[common], help=text, description=text)
    p.set_defaults(func=cmd_server_push)


class _Version(argparse.Action):
    """--version: read from the package metadata only when asked."""

    def __call__(self, parser, namespace, values, option_string=None):
        from privacydesk.services import about

        print(about.describe())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="PrivacyDesk: a console for the privacy officer (APPI and GDPR). "
                    "Without a command, the desktop application starts.",
        epilog="Exit codes: 0 success, 1 a check or validation failed, 2 usage error, "
               "wrong passphrase or a file that cannot be opened, 130 cancelled (Ctrl+C).")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the version and the bundled components with their "
                             "licences, and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str):
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    command("init", cmd_init, "create a new encrypted database")

    p = command("demo", cmd_demo, "create (if missing) a database and fill it with demo data")
    p.add_argument("--size", choices=("small", "large"), default="small")
    p.add_argument("--seed", type=int, default=1, metavar="N",
                   help="random seed: the same seed gives the same data")

    p = command("verify", cmd_verify,
                "check the file, its encryption and the whole audit chain (exit 1 if broken)")
    p.add_argument("--anchor", action="append", metavar="SEQ:HASH",
                   help="an audit anchor printed on a report: the trail must still hold "
                        "exactly that entry at that position (repeatable)")
    p.add_argument("--against", action="append", metavar="BACKUP",
                   help="a backup of this database: the audit trail must extend the "
                        "backup's entry for entry, so a rewrite or a rollback of anything "
                        "the backup saw is found (repeatable)")

    p = command("passwd", cmd_passwd, "change the passphrase of the database")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help="read the new passphrase from FILE (else it is asked twice)")

    p = command("backup", cmd_backup, "write an encrypted, verified copy of the database")
    p.add_argument("--out", metavar="FILE", required=True, help="the backup file (new)")

    p = command("restore", cmd_restore,
                "replace the database by a verified backup (asks for the backup's passphrase)")
    p.add_argument("--from", dest="source", metavar="FILE", required=True,
                   help="the backup file")
    p.add_argument("--force", action="store_true",
                   help="replace the database file if it exists")

    p = command("export", cmd_export,
                "write every row of an entity as CSV, JSON or an Excel workbook")
    p.add_argument("entity", nargs="?", metavar="ENTITY")
    p.add_argument("--format", choices=("csv", "json", "xlsx"),
                   help="default: from the --out file name, else csv")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout "
                   "(a workbook needs it)")
    p.add_argument("--all", action="store_true",
                   help="every entity, one sheet each (with --format xlsx)")
    p.add_argument("--lang", choices=("ja", "en"),
                   help="language of a workbook's headers and labels (default: ja)")
    p.add_argument("--list", action="store_true", help="list the entities")

    p = command("import", cmd_import,
                "import a CSV, JSON or Excel file: every row or none. Our own export format "
                "is read as it is; other files (an Excel ledger, a Shift-JIS CSV) have "
                "their columns matched to fields by header, completed by --map")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("csv", "json", "xlsx"),
                   help="default: from the file name and content")
    p.add_argument("--map", metavar="MAP.json",
                   help="which column goes into which field, cell words, defaults "
                   "(format in README)")
    p.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (default: first)")
    p.add_argument("--dry-run", action="store_true",
                   help="read, map and check every row, print what would happen, write nothing")
    p.add_argument("--guess-map", action="store_true",
                   help="print the guessed map as JSON, to edit and pass with --map")
    p.add_argument("--lang", choices=("en", "ja"), default="en",
                   help="language of the error messages")

    p = command("due", cmd_due, "list the open duties and deadlines, overdue first")
    p.add_argument("--within", type=int, metavar="DAYS",
                   help="only duties due within DAYS days (and overdue ones)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--lang", choices=("en", "ja"), default="en",
                   help="language of the table (JSON has both)")

    p = command("report", cmd_report, "write a PDF report (see --list)")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--list", action="store_true", help="list the reports and their titles")
    p.add_argument("--out", metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--from", dest="start", metavar="DATE",
                   help="first day of the period (default: twelve months before --to)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day (default: today)")
    p.add_argument("--subject", metavar="REF",
                   help="a data subject's reference (the disclosure pack, per-person books)")

    _server_parser(sub, common)

    command("selftest", cmd_selftest,
            "check this installation: an encrypted database in a temporary folder, a PDF "
            "with Japanese text and its embedded font, the window offscreen (exit 1 "
            "naming what is missing)")
    command("gui", cmd_gui, "start the desktop application (the default)")

    return parser


# --- main ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "verbose", False):
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")
    func = getattr(args, "func", cmd_gui)
    return run(func, args)


def run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from privacydesk.services.records import ValidationError
    from privacydesk.store.backup import BackupError
    from privacydesk.store.database import StoreError, is_damage

    try:
        return func(args)
    except Failed:
        return EXIT_FAILED
    except UsageError as exc:
        _err(f"{PROG}: {exc}")
        return EXIT_USAGE
    except BackupError as exc:
        _err(f"{PROG}: {exc}")
        for p in exc.problems:
            _err(f"  - {p}")
        return EXIT_FAILED
    except StoreError as exc:  # wrong passphrase, missing file, schema too new, ...
        _err(f"{PROG}: {exc}")
        return EXIT_USAGE
    except ValidationError as exc:
        _err(f"{PROG}: {len(exc.errors)} error(s):")
        for err in exc.errors:
            _err(f"  {err.describe()}")
        return EXIT_FAILED
    except BrokenPipeError:  # `privacydesk export x | head`
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _err(f"{PROG}: cannot use{where}: {exc.strerror or exc}")
        return EXIT_USAGE
    except sa.exc.DatabaseError as exc:  # locked, read-only, full disk, damaged page
        url = getattr(args, "url", None) or (None if getattr(args, "db", None)
                                             else os.environ.get("PRIVACYDESK_URL"))
        if url:  # the server went away, or refused what was asked
            from privacydesk.services.connection import safe_url

            first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
            _err(f"{PROG}: the server database {safe_url(url)} cannot be used: {first}")
            return EXIT_USAGE
        if is_damage(exc):
            _err(f"{PROG}: the database file {_db_path(args)} is damaged ({exc.orig}); run "
                 f"`{PROG} verify` and restore a backup.")
        else:
            _err(f"{PROG}: the database {_db_path(args)} cannot be used: {exc.orig}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err(f"{PROG}: interrupted; nothing more was written.")
        return EXIT_INTERRUPTED
    except (ValueError, UnicodeDecodeError) as exc:  # a stored value that does not decode
        if not _raised_reading_a_row(exc):
            raise  # a fault of the program, not of the file: the traceback says where
        _err(f"{PROG}: a value stored in {_db_path(args)} cannot be read ({exc}): the "
             f"database file is damaged; run `{PROG} verify` and restore a backup.")
        return EXIT_USAGE


def _raised_reading_a_row(exc: BaseException) -> bool:
    """Whether an exception came from turning a stored value into Python (SQLAlchemy's
    result processing, or the row reader of `services.records` made for a table), which
    only a damaged or tampered file makes fail."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        name = code.co_filename.replace("\\", "/")
        if "/sqlalchemy/" in name and ("/engine/" in name or "/sql/sqltypes" in name
                                       or "processors" in name or "/dialects/" in name):
            return True
        if name.endswith("privacydesk/services/records.py") and code.co_name in (
                "_input_batches", "_finish", "_by_ids"):
            return True
        tb = tb.tb_next
    return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
