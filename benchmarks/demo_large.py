"""Benchmark: fill a new encrypted database with the large demo, then verify it.

    python benchmarks/demo_large.py [--out PATH] [--size large|small] [--seed N]

Prints the time of each phase of `services.demo.fill`, the total, rows per second,
the peak resident memory, the database file size and the time of `store.verify`.
Without --out the database goes to a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from privacydesk.services import demo
from privacydesk.store.database import create_database
from privacydesk.store.verify import verify

PASSPHRASE = "benchmark passphrase"


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def file_mb(path: Path) -> float:
    total = 0
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            total += p.stat().st_size
    return total / 1024 / 1024


def run(path: Path, size: str, seed: int, today: date | None) -> None:
    t0 = time.perf_counter()
    db = create_database(path, PASSPHRASE, officer="Benchmark")
    print(f"create database          {time.perf_counter() - t0:8.2f} s", flush=True)

    phases: dict[str, float] = {}
    state = {"last": time.perf_counter(), "reported": 0}

    def progress(phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        phases[phase] = phases.get(phase, 0.0) + now - state["last"]
        state["last"] = now
        if done == total:
            print(f"  {phase:<24}{phases[phase]:8.2f} s", flush=True)
        elif phase == "consent records" and done - state["reported"] >= 200_000:
            state["reported"] = done
            print(f"    consent records {done:>9,} / {total:,}", flush=True)

    t1 = time.perf_counter()
    state["last"] = t1
    counts = demo.fill(db, size, seed=seed, progress=progress, today=today)
    fill_s = time.perf_counter() - t1
    rows = sum(counts.values())
    print(f"fill total               {fill_s:8.2f} s  ({rows:,} rows, "
          f"{rows / fill_s:,.0f} rows/s; each row also writes its audit entry)")
    for name, n in counts.items():
        print(f"    {name:<22}{n:>10,}")

    with db.read() as conn:  # fold the WAL into the file before measuring it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    rss = peak_rss_mb()
    print(f"peak RSS                 {rss:8.0f} MB" if rss is not None else "peak RSS: n/a")
    print(f"database file            {file_mb(path):8.0f} MB")

    t2 = time.perf_counter()
    report = verify(db)
    verify_s = time.perf_counter() - t2
    print(f"verify                   {verify_s:8.2f} s  ({report.entries:,} audit entries, "
          f"{report.rows:,} rows, {'ok' if report.ok else 'PROBLEMS'})")
    for problem in report.problems[:10]:
        print(f"    {problem}")
    db.close()
    print(f"peak RSS after verify    {peak_rss_mb() or 0:8.0f} MB")
    if not report.ok:
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="database file to create (must not exist)")
    parser.add_argument("--size", default="large", choices=sorted(demo.SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, help="anchor date (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    if args.out:
        run(args.out, args.size, args.seed, args.today)
        return
    with tempfile.TemporaryDirectory(prefix="privacydesk-bench-") as tmp:
        run(Path(tmp) / "demo.db", args.size, args.seed, args.today)


if __name__ == "__main__":
    main()
