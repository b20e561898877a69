"""Every registered PDF report built on the large demo: pages, time and peak memory, judged.

    python benchmarks/reports_large.py                      # on a copy of /work/data/large.db
    python benchmarks/reports_large.py --db copy.db         # on a copy you made
    python benchmarks/reports_large.py --only annual,consents --json figures.json

Targets (1,000,000 consents, 20,000 requests, 50,000 grants, 70,000 review decisions):

- the annual report                              <= 10 s
- the consent ledger (a report named consent…)   <= 30 s
- every report: peak resident memory             <= 500 MB

Each report is built by `registry.build` — as the window and `privacydesk report` do, for
the default period (the twelve months up to today) — in a fresh interpreter, so that the
peak RSS (`getrusage(RUSAGE_SELF).ru_maxrss`, read in that interpreter when the report is
written) is that report's own: the interpreter, its imports, the open database and the
build. "seconds" is the build alone (the database is already open); the JSON holds the
CPU time and the time to open the database too. The reports with a time target are
built in Japanese and in English, the others in Japanese (the language management reads;
`--all-languages` builds every report in both). A report about one person is built for
the subject reference of the first consent of the database.

The script measures what the registry holds (`registry.reports()`), whatever it is. It
opens the database it measures once before the builds (which migrates it), so it works
on a copy: without --db it copies /work/data/large.db into a temporary directory and
removes the copy afterwards; it never opens that file itself. The passphrase is
PRIVACYDESK_PASSPHRASE, else the demo's.
"""

from __future__ import annotations

import argparse
import contextlib
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
MEMORY_TARGET_MB = 500.0
TIME_TARGETS = (("annual", 10.0), ("consent", 30.0))  # report name (or its start): seconds
CHILD_TIMEOUT_S = 1800.0


def time_target(name: str) -> float | None:
    for start, seconds in TIME_TARGETS:
        if name.startswith(start):
            return seconds
    return None


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


# --- one report, in a fresh interpreter ----------------------------------------------------


def child(path: Path, passphrase: str, name: str, lang: str, subject: str | None,
          out_dir: Path) -> dict[str, Any]:
    from privacydesk.reports import registry
    from privacydesk.services import session

    begin = time.perf_counter()
    db = session.open(path, passphrase)
    opened = time.perf_counter() - begin
    try:
        out = out_dir / f"{name}-{lang}.pdf"
        begin, cpu = time.perf_counter(), time.process_time()
        result = registry.build(db, name, out, lang=lang, subject=subject)
        seconds, cpu = time.perf_counter() - begin, time.process_time() - cpu
    finally:
        db.close()
    return {"pages": result.pages, "seconds": seconds, "cpu": cpu, "open": opened,
            "rss_mb": peak_rss_mb(), "bytes": out.stat().st_size,
            "warnings": result.warnings}


# --- the runs --------------------------------------------------------------------------------


@dataclass
class Row:
    report: str
    lang: str
    pages: int | None
    seconds: float | None
    rss_mb: float | None
    time_target: float | None
    memory_target: float
    verdict: str
    cpu: float | None = None
    open: float | None = None
    bytes: int | None = None
    subject: str | None = None
    warnings: list[str] | None = None
    error: str = ""

    @property
    def target(self) -> str:
        parts = [f"≤ {self.time_target:g} s"] if self.time_target is not None else []
        return ", ".join([*parts, f"≤ {self.memory_target:g} MB"])


COLUMNS = (("report", 24), ("lang", 4), ("pages", 6), ("seconds", 8), ("peak RSS MB", 11),
           ("target", 18), ("result", 6))


def _header() -> None:
    names = [name.ljust(w) if i < 2 or i >= 5 else name.rjust(w)
             for i, (name, w) in enumerate(COLUMNS)]
    print("  ".join(names).rstrip(), flush=True)


def _print_row(r: Row) -> None:
    w = [width for _, width in COLUMNS]
    pages = f"{r.pages:,}" if r.pages is not None else "—"
    seconds = f"{r.seconds:.2f}" if r.seconds is not None else "—"
    rss = f"{r.rss_mb:.0f}" if r.rss_mb is not None else "—"
    line = (f"{r.report:<{w[0]}}  {r.lang:<{w[1]}}  {pages:>{w[2]}}  {seconds:>{w[3]}}  "
            f"{rss:>{w[4]}}  {r.target:<{w[5]}}  {r.verdict}")
    if r.error:
        line += f"  ({r.error})"
    print(line, flush=True)


def _verdict(seconds: float | None, rss: float | None, time_goal: float | None) -> str:
    if seconds is None:
        return "FAIL"
    over_time = time_goal is not None and seconds > time_goal
    over_memory = rss is not None and rss > MEMORY_TARGET_MB
    return "FAIL" if over_time or over_memory else "PASS"


def run_one(path: Path, passphrase: str, name: str, lang: str, subject: str | None,
            out_dir: Path, timeout: float) -> Row:
    goal = time_target(name)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--lang", lang,
           "--db", str(path), "--out-dir", str(out_dir)]
    if subject:
        cmd += ["--subject", subject]
    env = {**os.environ, "PRIVACYDESK_PASSPHRASE": passphrase}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return Row(name, lang, None, None, None, goal, MEMORY_TARGET_MB, "FAIL",
                   subject=subject, error=f"no report after {timeout:g} s")
    found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not found:
        last = (done.stderr.strip().splitlines() or ["exit status "
                                                     f"{done.returncode}"])[-1]
        return Row(name, lang, None, None, None, goal, MEMORY_TARGET_MB, "FAIL",
                   subject=subject, error=last)
    f = json.loads(found[-1][len("RESULT "):])
    return Row(name, lang, f["pages"], f["seconds"], f["rss_mb"], goal, MEMORY_TARGET_MB,
               _verdict(f["seconds"], f["rss_mb"], goal), cpu=f["cpu"], open=f["open"],
               bytes=f["bytes"], subject=subject, warnings=f["warnings"])


def prepare(path: Path, passphrase: str, only: list[str] | None
            ) -> tuple[list[Any], str | None, float]:
    """The reports to build, and a subject reference for those about one person (the
    first consent's); opening the database here migrates it before anything is timed."""
    from privacydesk.reports import registry
    from privacydesk.services import records, session

    specs = registry.reports()
    if only:
        known = {s.name for s in specs}
        unknown = [n for n in only if n not in known]
        if unknown:
            raise SystemExit(f"not registered: {', '.join(unknown)}; the reports are: "
                             f"{', '.join(sorted(known))}")
        specs = [s for s in specs if s.name in only]
    begin = time.perf_counter()
    db = session.open(path, passphrase)
    try:
        subject = None
        if any(s.subject == "required" for s in specs):
            rows = records.page(db, "consent", limit=1, sort="id").rows
            subject = rows[0]["subject_ref"] if rows else None
    finally:
        db.close()
    return specs, subject, time.perf_counter() - begin


def run(path: Path, passphrase: str, only: list[str] | None, all_languages: bool,
        out_dir: Path, timeout: float) -> dict[str, Any]:
    specs, subject, opened = prepare(path, passphrase, only)
    print(f"database: {path} (opened and migrated in {opened:.1f} s)")
    print(f"python {platform.python_version()} on {platform.platform()}, "
          f"{os.cpu_count()} CPUs; load average before: {load_average()}")
    print(f"{len(specs)} report(s) registered: {', '.join(s.name for s in specs) or '—'}")
    if subject:
        print(f"reports about one person are built for the subject {subject}")
    print()
    _header()
    rows: list[Row] = []
    for spec in specs:
        langs = ("ja", "en") if all_languages or time_target(spec.name) else ("ja",)
        for lang in langs:
            ref = subject if spec.subject == "required" else None
            if spec.subject == "required" and not ref:
                row = Row(spec.name, lang, None, None, None, time_target(spec.name),
                          MEMORY_TARGET_MB, "FAIL", error="no consent to take a subject from")
            else:
                row = run_one(path, passphrase, spec.name, lang, ref, out_dir, timeout)
            rows.append(row)
            _print_row(row)
    failed = [r for r in rows if r.verdict != "PASS"]
    print(f"\nload average after: {load_average()}")
    print(f"{len(rows) - len(failed)} of {len(rows)} builds within their targets")
    for r in rows:
        for w in r.warnings or ():
            print(f"warning ({r.report}, {r.lang}): {w}")
    return {"database": str(path), "load_after": load_average(),
            "memory_target_mb": MEMORY_TARGET_MB, "time_targets": dict(TIME_TARGETS),
            "rows": [asdict(r) for r in rows]}


@contextlib.contextmanager
def database_copy(explicit: Path | None) -> Iterator[Path]:
    """The file to measure: `explicit`, or a copy of SOURCE in a temporary directory."""
    if explicit is not None:
        if explicit.resolve() == SOURCE.resolve():
            raise SystemExit(f"{SOURCE} is the shared large demo: pass a copy of it "
                             "(opening a database may migrate it)")
        if not explicit.is_file():
            raise SystemExit(f"no database at {explicit}")
        yield explicit
        return
    if not SOURCE.is_file():
        raise SystemExit(f"no {SOURCE}: make one (privacydesk demo --size large) and pass "
                         "a copy with --db")
    with tempfile.TemporaryDirectory(prefix="privacydesk-bench-") as tmp:
        target = Path(tmp) / SOURCE.name
        begin = time.perf_counter()
        shutil.copyfile(SOURCE, target)
        wal = SOURCE.with_name(SOURCE.name + "-wal")
        if wal.exists():  # pages not yet folded into the file
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        print(f"copied {SOURCE} ({SOURCE.stat().st_size / 2**20:,.0f} MB) to {target} in "
              f"{time.perf_counter() - begin:.1f} s", flush=True)
        yield target


@contextlib.contextmanager
def output_dir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="privacydesk-bench-pdf-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="a copy of the large demo (opened, so migrated); default: a "
                             "copy of /work/data/large.db in a temporary directory")
    parser.add_argument("--only", metavar="NAME[,NAME…]",
                        help="these reports only (names as `privacydesk report --list`)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument("--all-languages", action="store_true",
                        help="build every report in Japanese and English (default: the "
                             "reports with a time target only)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the PDFs in DIR (default: a temporary directory)")
    parser.add_argument("--timeout", type=float, default=CHILD_TIMEOUT_S,
                        help=f"seconds one build may take (default {CHILD_TIMEOUT_S:g})")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a build misses its target")
    parser.add_argument("--child", metavar="NAME", help=argparse.SUPPRESS)
    parser.add_argument("--lang", default="ja", help=argparse.SUPPRESS)
    parser.add_argument("--subject", help=argparse.SUPPRESS)
    parser.add_argument("--out-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    passphrase = os.environ.get("PRIVACYDESK_PASSPHRASE", PASSPHRASE)

    if args.child:
        figures = child(args.db, passphrase, args.child, args.lang, args.subject,
                        args.out_dir)
        print("RESULT " + json.dumps(figures), flush=True)
        return 0

    only = [n.strip() for n in args.only.split(",") if n.strip()] if args.only else None
    with database_copy(args.db) as path, output_dir(args.keep) as out_dir:
        figures = run(path, passphrase, only, args.all_languages, out_dir, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"figures written to {args.json}")
    failed = any(r["verdict"] != "PASS" for r in figures["rows"])
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
