"""Verify and backup of a large database, beside a plain file copy, judged.

    python benchmarks/verify_backup_large.py --db large.db [--runs 2] [--keep DIR]

Targets (the large demo: 1,000,000 consents, about 1.2 million audit entries):

- `privacydesk verify`                               <= 30 s, with progress
- `privacydesk backup` (copy, then verify the copy)  <= 1.5 x (a file copy + a verify)

The database is copied first into a temporary folder (opening migrates, so the file
given is never opened itself); the copy's time is the "file copy" of the target. Each
command runs as the installed program does, in a fresh interpreter, and is timed from
start to exit (wall) with its CPU time (user + system, both cores counted): on a
machine shared with other work the CPU time says what the wall time cannot. The best
of `--runs` runs counts. The passphrase is PRIVACYDESK_PASSPHRASE, else the demo's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO_PASSPHRASE = "privacydesk-demo"


def _run(argv: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "privacydesk.cli", *argv], env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[0]} failed ({proc.returncode}): {proc.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the large database (copied first)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the files")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pd-vb-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("PRIVACYDESK_PASSPHRASE", DEMO_PASSPHRASE)
    try:
        db = work / "large.db"
        copies = []
        for _ in range(args.runs):
            db.unlink(missing_ok=True)
            t = time.perf_counter()
            shutil.copyfile(args.db, db)
            copies.append(time.perf_counter() - t)
        copy = min(copies)
        _run(["verify", "--db", str(db)], env)  # migrates if it must; warms the cache
        verifies, backups = [], []
        for i in range(args.runs):
            verifies.append(_run(["verify", "--db", str(db)], env))
            out = work / f"backup-{i}.db"
            backups.append(_run(["backup", "--db", str(db), "--out", str(out)], env))
            out.unlink()
        verify, verify_cpu = min(verifies)
        backup, backup_cpu = min(backups)
        size = db.stat().st_size / 2**30
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    floor = copy + verify
    print(f"database: {size:.2f} GiB; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"{'operation':<14}{'wall s':>9}{'cpu s':>9}  target")
    print(f"{'file copy':<14}{copy:>9.1f}{'':>9}")
    print(f"{'verify':<14}{verify:>9.1f}{verify_cpu:>9.1f}  <= 30 s: "
          f"{'met' if verify <= 30 else 'NOT met'}")
    print(f"{'backup':<14}{backup:>9.1f}{backup_cpu:>9.1f}  <= 1.5 x (copy + verify) = "
          f"{1.5 * floor:.1f} s: {'met' if backup <= 1.5 * floor else 'NOT met'} "
          f"(ratio {backup / floor:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
