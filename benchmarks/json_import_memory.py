"""Time and peak memory of importing a large JSON file (our own export format).

    python benchmarks/json_import_memory.py                 # 200,000 staff rows
    python benchmarks/json_import_memory.py --rows 1000000 --keep /tmp/json-bench

Makes a new database and a JSON file of N staff rows in the export's format
(`interchange.export_rows`: ``{"entity": "staff", "format": 1, "rows": [...]}``, one
indented object a row, Japanese names), then imports the file with
`interchange.import_file` in a fresh interpreter, so that the peak resident memory
(`ru_maxrss`) is the import's own: the interpreter, its imports, the open database and
the import. It prints the file's size, the import's wall and CPU time, the peak memory
before the import (the baseline) and after it. The import streams the file, so the
peak stays near the baseline at any N; a reader that loads the file whole grows with
it. The interpreter imports `privacydesk` from where PYTHONPATH or the installed
package says (the module's path is printed): point PYTHONPATH at another checkout's
`src` to compare. The passphrase is PRIVACYDESK_PASSPHRASE, else a fixed one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "json-import-benchmark-passphrase"
ROWS = 200_000
NAMES = ("山田 太郎", "佐藤 花子", "鈴木 一郎", 'O\'Brien "Pat"', "Ｔａｎａｋａ　Ｋｅｎ")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def write_file(path: Path, n: int) -> None:
    from privacydesk.services import interchange

    rows = ({"employee_no": f"B{i:08d}", "name": f"{NAMES[i % len(NAMES)]} {i}",
             "employment_type": "regular", "department": "開発部",
             "handles_personal_data": i % 3 == 0} for i in range(1, n + 1))
    with open(path, "wb") as out:
        interchange.export_rows("staff", rows, "json", out)


def child(db_path: str, file: str) -> None:
    """The import, in this interpreter: one line of JSON figures on stdout."""
    from privacydesk.services import interchange
    from privacydesk.store.database import open_database

    db = open_database(db_path, os.environ.get("PRIVACYDESK_PASSPHRASE", PASSPHRASE))
    baseline = peak_rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    result = interchange.import_file(db, "staff", file)
    figures = {"rows": result.inserted, "wall_s": time.perf_counter() - wall,
               "cpu_s": time.process_time() - cpu, "baseline_mb": baseline,
               "peak_mb": peak_rss_mb(), "module": interchange.__file__}
    print(json.dumps(figures))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS, help=f"staff rows (default {ROWS:,})")
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the files")
    parser.add_argument("--json", metavar="PATH", help="also write the figures here")
    parser.add_argument("--child", nargs=2, metavar=("DB", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0

    from privacydesk.store.database import create_database

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pd-json-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("PRIVACYDESK_PASSPHRASE", PASSPHRASE)
    try:
        db_path, file = work / "bench.db", work / "staff.json"
        db_path.unlink(missing_ok=True)
        create_database(db_path, env["PRIVACYDESK_PASSPHRASE"], officer="Benchmark").close()
        write_file(file, args.rows)
        size_mb = file.stat().st_size / 1024 / 1024
        proc = subprocess.run([sys.executable, __file__, "--child", str(db_path), str(file)],
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"the import failed ({proc.returncode}): {proc.stderr.strip()}")
        figures = {"file_mb": size_mb, **json.loads(proc.stdout.strip().splitlines()[-1])}
        print(f"module      {figures['module']}")
        print(f"file        {args.rows:,} staff rows, {size_mb:,.1f} MB of JSON")
        print(f"import      {figures['rows']:,} rows in {figures['wall_s']:.1f} s "
              f"(cpu {figures['cpu_s']:.1f} s, {figures['rows'] / figures['wall_s']:,.0f} rows/s)")
        print(f"peak RSS    {figures['peak_mb']:,.0f} MB "
              f"(before the import {figures['baseline_mb']:,.0f} MB, "
              f"the import +{figures['peak_mb'] - figures['baseline_mb']:,.0f} MB)")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
