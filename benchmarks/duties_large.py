"""How long the duty list and the dashboard counts take on the large demo database.

Target: ``list_duties`` under ~3 s with 20,000 requests, 50,000 grants and 2,000 staff
(the demo's "large" size, which also writes 1,000,000 consent records that duties
never read).

    python benchmarks/duties_large.py                 # builds a large demo in a temp dir
    python benchmarks/duties_large.py --db big.db     # reuses (or creates) big.db
    python benchmarks/duties_large.py --synthetic     # the tables duties read, same sizes,
                                                      # without services.demo

The passphrase of a database made here is "benchmark passphrase".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from privacydesk.services import duties
from privacydesk.services.records import today_jst
from privacydesk.store.database import create_database, open_database

PASSPHRASE = "benchmark passphrase"


def _timed(label: str, fn, runs: int) -> object:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    print(f"{label:<38} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s"
          f"   ({runs} runs)")
    return result


def _build(path: Path, today: date, synthetic: bool) -> None:
    db = create_database(path, PASSPHRASE, officer="Benchmark")
    try:
        start = time.perf_counter()
        if synthetic:
            counts = _synthetic(db, today)
            what = "synthetic rows"
        else:
            from privacydesk.services import demo

            counts = demo.fill(db, size="large", today=today)
            what = "the large demo"
        print(f"built {what} in {time.perf_counter() - start:.1f} s: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v >= 1000))
    finally:
        db.close()


def _synthetic(db, today: date) -> dict[str, int]:
    """Tables duties read, at the large demo's sizes (when the demo is not available)."""
    import random
    from datetime import timedelta

    from privacydesk.store.audit import writing

    rng = random.Random(1)

    def day(back: int) -> date:
        return today - timedelta(days=rng.randint(0, back))

    with writing(db) as w:
        purpose = w.conn.exec_driver_sql("SELECT min(id) FROM purpose").scalar()
        w.insert_many("course", [{"title_ja": f"研修{i}", "title_en": f"Course {i}",
                                  "version": "1", "mandatory": i < 3, "refresher_months": 12,
                                  "pass_score": 70} for i in range(5)])
        w.insert_many("staff", [{"employee_no": f"E{i:05d}", "name": f"社員{i}",
                                 "employment_type": "regular", "handles_personal_data": True,
                                 "started_on": day(3000),
                                 "ended_on": day(300) if i % 20 == 0 else None}
                                for i in range(2000)])
        w.insert_many("data_asset", [{"name": f"Asset {i}", "kind": "database",
                                      "owner_department": "IT", "acquisition": "generated",
                                      "purposes": [purpose]} for i in range(500)])
        w.insert_many("completion", [{"staff": rng.randint(1, 2000), "course": rng.randint(1, 5),
                                      "completed_on": day(900), "score": rng.randint(50, 100)}
                                     for _ in range(10_000)])
        w.insert_many("grant", [{"staff": rng.randint(1, 2000), "asset": rng.randint(1, 500),
                                 "level": "read", "justification": "業務", "granted_on": day(1500),
                                 "last_reviewed_on": day(300) if rng.random() < 0.7 else None,
                                 "revoked_on": day(100) if rng.random() < 0.1 else None}
                                for _ in range(50_000)])
        w.insert_many("request", [{
            "kind": "appi_disclosure", "law": "APPI", "received_on": (r := day(1500)),
            "channel": "web_form", "subject_ref": f"U{i:08d}", "requester": "self",
            "status": "closed" if i % 25 else "in_progress",
            "decision": "full" if i % 25 else None,
            "responded_on": r + timedelta(days=5) if i % 25 else None,
            "identity_verified_on": r} for i in range(20_000)])
    return {"staff": 2000, "data_asset": 500, "completion": 10_000, "grant": 50_000,
            "request": 20_000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to use (created if missing)")
    parser.add_argument("--passphrase", default=PASSPHRASE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true",
                        help="write the tables duties read without the demo module")
    args = parser.parse_args(argv)
    today = today_jst()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "large.db"
        if not path.exists():
            _build(path, today, args.synthetic)
        db = open_database(path, args.passphrase)
        try:
            found = _timed("list_duties(today)", lambda: duties.list_duties(db, today=today),
                           args.runs)
            _timed("list_duties(today, within=30)",
                   lambda: duties.list_duties(db, today=today, within=30), args.runs)
            counts = _timed("summary(today)", lambda: duties.summary(db, today=today),
                            args.runs)
        finally:
            db.close()
    by_kind = Counter((d.kind, d.status) for d in found)
    print(f"{len(found)} duties:")
    for (kind, status), n in sorted(by_kind.items()):
        print(f"  {kind:<18} {status:<9} {n}")
    print("summary:", counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
