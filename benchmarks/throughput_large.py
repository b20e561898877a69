"""Import, export, iteration, verification and backup on the large demo, each beside its
raw floor measured in the same run, judged.

    python benchmarks/throughput_large.py                    # on a copy of /work/data/large.db
    python benchmarks/throughput_large.py --db copy.db       # on a copy you made (it is written)
    python benchmarks/throughput_large.py --quick --only import,export --json figures.json

Operations (1,000,000 consents) and their floors:

  import    `interchange.import_file` of 100,000 consents from our own CSV export (the
            first 100,000 consents, id cells emptied: 100,000 new rows with their audit
            entries, one transaction)
            floor: `csv.reader` of the same file + one `executemany` of the same cells into
            the same table (its indexes and foreign keys) and a commit      target <= 5x
  export    `interchange.export_to_file` of every consent to CSV
            floor: `SELECT *` + `csv.writer` into a file                    target <= 2x
  iterate   every consent through `records.iterate`
            floor: `SELECT *` fetched by the driver, nothing done with it    target <= 2x
  verify    `session.verify`                                                target <= 30 s
  backup    `session.backup` (an encrypted, verified copy)
            floor: a file copy of the database + the verify above          target <= 1.5x

Export and iteration run three times (--repeat), each after its floor, and the fastest
run of each counts: on a shared machine a single run moves by a factor of two with the
load of the moment. Every operation and every floor runs in a fresh interpreter, so
that its peak resident memory (`ru_maxrss`) is its own: the interpreter, its imports,
the open database and the work. Import, export and iteration must stay within 300 MB.
"cpu" is the CPU time of that interpreter during the operation: on a shared machine the
wall-clock figures follow the load average (printed before and after), the CPU time
shows the work itself. A floor runs just before its operation, so both see the same
load.

--quick imports 10,000 rows and exports and iterates the first 100,000 consents (the
floors read as many). The import writes to the database it measures, and its floor
writes rows behind the audit trail's back: the import runs last, its floor on a copy of
its own. Without --db the script copies /work/data/large.db into a temporary directory
and removes the copies afterwards; it never opens that file itself. The passphrase is
PRIVACYDESK_PASSPHRASE, else the demo's.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SOURCE = Path("/work/data/large.db")
PASSPHRASE = "privacydesk-demo"  # the demo's published passphrase (session.DEMO_PASSPHRASE)
OPERATIONS = ("export", "iterate", "verify", "backup", "import")
IMPORT_ROWS, QUICK_IMPORT_ROWS = 100_000, 10_000
QUICK_ROWS = 100_000  # rows exported and iterated with --quick
RATIO_TARGETS = {"import": 5.0, "export": 2.0, "iterate": 2.0, "backup": 1.5}
SECONDS_TARGETS = {"verify": 30.0}
MEMORY_TARGET_MB = 300.0
MEMORY_JUDGED = ("import", "export", "iterate")
CHILD_TIMEOUT_S = 3600.0
REPEAT = 3  # runs of export and iterate (and their floors); the fastest counts
TABLE = "consent_record"


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


# --- the children: one operation or one floor each ------------------------------------------


def _raw(path: Path, passphrase: str):
    """A driver connection set up as the application sets up its own."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    return conn


class _Clock:
    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def child(op: str, path: Path, passphrase: str, file: Path | None, limit: int | None
          ) -> dict[str, Any]:
    """Run one operation or floor; returns its figures."""
    from privacydesk.services import interchange, records, session

    extra: dict[str, Any] = {}
    rows: int | None = 0
    if op.startswith("floor-"):
        if op == "floor-backup":
            out = path.with_name(path.name + ".copy")
            with _Clock() as clock:
                shutil.copyfile(path, out)
            out.unlink()
        else:
            conn = _raw(path, passphrase)
            try:
                with _Clock() as clock:
                    rows = FLOORS[op](conn, file, limit)
            finally:
                conn.close()
        return {"seconds": clock.wall, "cpu": clock.cpu, "rss_mb": peak_rss_mb(),
                "rows": rows, **extra}
    db = session.open(path, passphrase)
    try:
        with _Clock() as clock:
            if op == "import":
                result = interchange.import_file(db, "consent", file)
                rows = result.rows
                extra = {"inserted": result.inserted, "updated": result.updated}
            elif op == "export":
                if limit is None:
                    rows = interchange.export_to_file(db, "consent", file, "csv")
                else:
                    from itertools import islice

                    with open(file, "wb") as out:
                        rows = interchange.export_rows(
                            "consent", islice(records.iterate(db, "consent"), limit), "csv",
                            out)
            elif op == "iterate":
                it = records.iterate(db, "consent")
                if limit is not None:
                    from itertools import islice

                    it = islice(it, limit)
                for _row in it:
                    rows += 1
            elif op == "verify":
                result = session.verify(db)
                rows = result.rows
                extra = {"ok": result.ok, "entries": result.entries,
                         "problems": list(result.problems[:5])}
            elif op == "backup":
                rows = None  # a copy of the file: no rows counted
                out = path.with_name(path.name + ".backup")
                report = session.backup(db, out)
                extra = {"ok": getattr(report, "ok", None)}
                out.unlink(missing_ok=True)
            else:
                raise SystemExit(f"unknown operation {op}")
    finally:
        db.close()
    return {"seconds": clock.wall, "cpu": clock.cpu, "rss_mb": peak_rss_mb(), "rows": rows,
            **extra}


def _floor_import(conn, file: Path, limit: int | None) -> int:
    """csv.reader + one executemany of the file's cells into the table, and a commit."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({TABLE})")]
    stamp = ("2026-01-01 00:00:00.000000", "floor")
    n = 0

    def cells() -> Iterator[tuple]:
        nonlocal n
        with open(file, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            where = [header.index(c) if c in header else -1 for c in columns]
            for row in reader:
                n += 1
                yield tuple(
                    stamp[0] if c in ("created_at", "updated_at")
                    else stamp[1] if c in ("created_by", "updated_by")
                    else (row[i] or None) if i >= 0 else None
                    for c, i in zip(columns, where, strict=True))

    marks = ", ".join("?" * len(columns))
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES ({marks})", cells())
    conn.execute("COMMIT")
    return n


def _floor_export(conn, file: Path, limit: int | None) -> int:
    """SELECT * + csv.writer into a file."""
    n = 0
    with open(file, "w", encoding="utf-8", newline="") as out:
        out.write(codecs.BOM_UTF8.decode("utf-8"))
        writer = csv.writer(out)
        cur = conn.execute(f"SELECT * FROM {TABLE}"
                           + (f" LIMIT {int(limit)}" if limit is not None else ""))
        writer.writerow([d[0] for d in cur.description])
        while batch := cur.fetchmany(2000):
            writer.writerows(batch)
            n += len(batch)
    return n


def _floor_iterate(conn, file: Path | None, limit: int | None) -> int:
    """SELECT * fetched by the driver."""
    n = 0
    cur = conn.execute(f"SELECT * FROM {TABLE}"
                       + (f" LIMIT {int(limit)}" if limit is not None else ""))
    while batch := cur.fetchmany(2000):
        n += len(batch)
    return n


FLOORS = {"floor-import": _floor_import, "floor-export": _floor_export,
          "floor-iterate": _floor_iterate}


# --- the runs --------------------------------------------------------------------------------


@dataclass
class Figure:
    seconds: float | None = None
    cpu: float | None = None
    rss_mb: float | None = None
    rows: int | None = None
    error: str = ""
    extra: dict[str, Any] | None = None


@dataclass
class Row:
    operation: str
    what: str
    op: Figure
    floor: Figure | None
    floor_what: str
    target: str
    ratio: float | None
    verdict: str


def run_child(op: str, path: Path, passphrase: str, file: Path | None, limit: int | None,
              timeout: float) -> Figure:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", op, "--db", str(path)]
    if file is not None:
        cmd += ["--file", str(file)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    env = {**os.environ, "PRIVACYDESK_PASSPHRASE": passphrase}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Figure(error=f"not done after {timeout:g} s")
    found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not found:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Figure(error=last)
    f = json.loads(found[-1][len("RESULT "):])
    base = {k: f.pop(k) for k in ("seconds", "cpu", "rss_mb", "rows")}
    return Figure(**base, extra=f or None)


def import_file(export_file: Path, out: Path, n: int) -> int:
    """The first `n` rows of our own export, id cells emptied: new rows to import."""
    written = 0
    with open(export_file, encoding="utf-8-sig", newline="") as src, \
            open(out, "w", encoding="utf-8-sig", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        at = header.index("id")
        for row in reader:
            if written >= n:
                break
            row[at] = ""
            writer.writerow(row)
            written += 1
    return written


def _fmt(v: float | None, spec: str = ".1f") -> str:
    return "—" if v is None else format(v, spec)


COLUMNS = (("operation", 9), ("rows", 9), ("seconds", 8), ("cpu s", 7), ("floor s", 8),
           ("floor cpu", 9), ("ratio", 6), ("target", 16), ("peak MB", 7), ("floor MB", 8),
           ("result", 6))


def _header() -> None:
    print("  ".join(n.ljust(w) if i in (0, 7, 10) else n.rjust(w)
                    for i, (n, w) in enumerate(COLUMNS)).rstrip(), flush=True)


def _print(r: Row) -> None:
    w = [width for _, width in COLUMNS]
    f = r.floor or Figure()
    rows = f"{r.op.rows:,}" if r.op.rows is not None else "—"
    cells = [r.operation.ljust(w[0]), rows.rjust(w[1]), _fmt(r.op.seconds).rjust(w[2]),
             _fmt(r.op.cpu).rjust(w[3]), _fmt(f.seconds).rjust(w[4]),
             _fmt(f.cpu).rjust(w[5]),
             (_fmt(r.ratio, ".2f") + "x" if r.ratio is not None else "—").rjust(w[6]),
             r.target.ljust(w[7]), _fmt(r.op.rss_mb, ".0f").rjust(w[8]),
             _fmt(f.rss_mb, ".0f").rjust(w[9]), r.verdict]
    line = "  ".join(cells)
    errors = [e for e in (r.op.error, f.error) if e]
    if errors:
        line += "  (" + "; ".join(errors) + ")"
    print(line, flush=True)


def _judge(name: str, op: Figure, floor_s: float | None) -> tuple[float | None, str, str]:
    """(ratio, target text, verdict)."""
    if op.seconds is None:
        target = (f"<= {RATIO_TARGETS[name]:g}x" if name in RATIO_TARGETS
                  else f"<= {SECONDS_TARGETS[name]:g} s")
        return None, target, "FAIL"
    ratio = op.seconds / floor_s if floor_s else None
    ok = True
    if name in RATIO_TARGETS:
        target = f"<= {RATIO_TARGETS[name]:g}x"
        ok = ratio is not None and ratio <= RATIO_TARGETS[name]
    else:
        target = f"<= {SECONDS_TARGETS[name]:g} s"
        ok = op.seconds <= SECONDS_TARGETS[name]
    if name in MEMORY_JUDGED:
        target += f", {MEMORY_TARGET_MB:g} MB"
        ok = ok and op.rss_mb is not None and op.rss_mb <= MEMORY_TARGET_MB
    if op.extra and op.extra.get("ok") is False:
        ok = False
    return ratio, target, "PASS" if ok else "FAIL"


def best(figures: list[Figure]) -> Figure:
    """The fastest run (the one least disturbed by other work), with the highest peak
    memory of all runs."""
    done = [f for f in figures if f.seconds is not None]
    if not done:
        return figures[0]
    fastest = min(done, key=lambda f: f.seconds or 0.0)
    peaks = [f.rss_mb for f in done if f.rss_mb is not None]
    return Figure(fastest.seconds, fastest.cpu, max(peaks) if peaks else None, fastest.rows,
                  fastest.error, fastest.extra)


def run(path: Path, passphrase: str, only: list[str], quick: bool, work: Path,
        timeout: float, repeat: int = 1) -> dict[str, Any]:
    from privacydesk.services import session

    begin = time.perf_counter()
    session.close(session.open(path, passphrase))  # migrates, before anything is timed
    print(f"database: {path} ({path.stat().st_size / 2**20:,.0f} MB; opened in "
          f"{time.perf_counter() - begin:.1f} s)")
    print(f"python {platform.python_version()} on {platform.platform()}, "
          f"{os.cpu_count()} CPUs; load average before: {load_average()}")
    limit = QUICK_ROWS if quick else None
    n_import = QUICK_IMPORT_ROWS if quick else IMPORT_ROWS
    print(f"import: {n_import:,} rows; export and iterate: "
          f"{'the first ' + format(limit, ',') if limit else 'every'} consent(s), "
          f"best of {repeat} run(s) each, floor and operation taking turns\n")
    _header()
    exported = work / "consents.csv"
    floor_out = work / "floor.csv"
    results: list[Row] = []
    verify_figure: Figure | None = None
    copy_figure: Figure | None = None

    def record(name: str, what: str, op: Figure, floor: Figure | None, floor_what: str,
               floor_s: float | None = None) -> None:
        ratio, target, verdict = _judge(name, op, floor_s if floor_s is not None
                                        else floor.seconds if floor else None)
        row = Row(name, what, op, floor, floor_what, target, ratio, verdict)
        results.append(row)
        _print(row)

    for name in OPERATIONS:
        if name not in only and not (name == "export" and "import" in only):
            continue
        if name == "export":
            floors, ops = [], []
            for _ in range(repeat if name in only else 1):
                floors.append(run_child("floor-export", path, passphrase, floor_out, limit,
                                        timeout))
                floor_out.unlink(missing_ok=True)
                ops.append(run_child("export", path, passphrase, exported, limit, timeout))
            if name in only:
                record(name, "consents to CSV", best(ops), best(floors),
                       "SELECT * + csv.writer")
        elif name == "iterate":
            floors, ops = [], []
            for _ in range(repeat):
                floors.append(run_child("floor-iterate", path, passphrase, None, limit,
                                        timeout))
                ops.append(run_child("iterate", path, passphrase, None, limit, timeout))
            record(name, "records.iterate", best(ops), best(floors), "SELECT *, fetched")
        elif name == "verify":
            verify_figure = run_child("verify", path, passphrase, None, None, timeout)
            record(name, "session.verify", verify_figure, None, "")
        elif name == "backup":
            copy_figure = run_child("floor-backup", path, passphrase, None, None, timeout)
            if verify_figure is None:
                verify_figure = run_child("verify", path, passphrase, None, None, timeout)
            op = run_child("backup", path, passphrase, None, None, timeout)
            floor_s = (copy_figure.seconds + verify_figure.seconds
                       if copy_figure.seconds is not None and verify_figure.seconds is not None
                       else None)
            floor = Figure(floor_s, (copy_figure.cpu or 0) + (verify_figure.cpu or 0),
                           copy_figure.rss_mb, error=copy_figure.error or verify_figure.error)
            record(name, "session.backup", op, floor, "file copy + verify", floor_s)
        elif name == "import":
            if not exported.exists():
                print("import: no export to import from", flush=True)
                continue
            source = work / "import.csv"
            rows = import_file(exported, source, n_import)
            twin = work / "floor.db"
            shutil.copyfile(path, twin)
            floor = run_child("floor-import", twin, passphrase, source, None, timeout)
            twin.unlink()
            op = run_child("import", path, passphrase, source, None, timeout)
            record(name, f"{rows:,} consents from CSV", op, floor,
                   "csv + executemany + commit")
    exported.unlink(missing_ok=True)
    failed = [r for r in results if r.verdict != "PASS"]
    print(f"\nload average after: {load_average()}")
    if copy_figure is not None and copy_figure.seconds is not None:
        print(f"backup floor: file copy {copy_figure.seconds:.1f} s + verify "
              f"{_fmt(verify_figure.seconds if verify_figure else None)} s")
    print(f"{len(results) - len(failed)} of {len(results)} operations within their targets")
    return {"database": str(path), "quick": quick, "load_after": load_average(),
            "rows": [asdict(r) for r in results]}


@contextlib.contextmanager
def database_copy(explicit: Path | None, work: Path) -> Iterator[Path]:
    """The file to measure: `explicit`, or a copy of SOURCE in `work`."""
    if explicit is not None:
        if explicit.resolve() == SOURCE.resolve():
            raise SystemExit(f"{SOURCE} is the shared large demo: pass a copy of it "
                             "(the benchmark writes to the database it measures)")
        if not explicit.is_file():
            raise SystemExit(f"no database at {explicit}")
        yield explicit
        return
    if not SOURCE.is_file():
        raise SystemExit(f"no {SOURCE}: make one (privacydesk demo --size large) and pass "
                         "a copy with --db")
    target = work / SOURCE.name
    begin = time.perf_counter()
    shutil.copyfile(SOURCE, target)
    wal = SOURCE.with_name(SOURCE.name + "-wal")
    if wal.exists():  # pages not yet folded into the file
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    print(f"copied {SOURCE} ({SOURCE.stat().st_size / 2**20:,.0f} MB) to {target} in "
          f"{time.perf_counter() - begin:.1f} s", flush=True)
    yield target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="a copy of the large demo (it is written); default: a copy of "
                             "/work/data/large.db in a temporary directory")
    parser.add_argument("--quick", action="store_true",
                        help=f"import {QUICK_IMPORT_ROWS:,} rows, export and iterate "
                             f"{QUICK_ROWS:,}")
    parser.add_argument("--only", metavar="OP[,OP…]",
                        help=f"these operations only, of: {', '.join(OPERATIONS)}")
    parser.add_argument("--repeat", type=int, default=REPEAT, metavar="N",
                        help=f"runs of export and iterate and of their floors, the fastest "
                             f"counted (default {REPEAT})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument("--timeout", type=float, default=CHILD_TIMEOUT_S,
                        help=f"seconds one operation may take (default {CHILD_TIMEOUT_S:g})")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when an operation misses its target")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    passphrase = os.environ.get("PRIVACYDESK_PASSPHRASE", PASSPHRASE)

    if args.child:
        figures = child(args.child, args.db, passphrase, args.file, args.limit)
        print("RESULT " + json.dumps(figures), flush=True)
        return 0

    only = [n.strip() for n in args.only.split(",") if n.strip()] if args.only \
        else list(OPERATIONS)
    unknown = [n for n in only if n not in OPERATIONS]
    if unknown:
        raise SystemExit(f"unknown operation(s) {', '.join(unknown)}; the operations are: "
                         f"{', '.join(OPERATIONS)}")
    with tempfile.TemporaryDirectory(prefix="privacydesk-throughput-") as tmp:
        work = Path(tmp)
        with database_copy(args.db, work) as path:
            figures = run(path, passphrase, only, args.quick, work, args.timeout,
                          max(args.repeat, 1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"figures written to {args.json}")
    failed = any(r["verdict"] != "PASS" for r in figures["rows"])
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
