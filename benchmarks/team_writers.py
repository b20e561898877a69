"""Concurrent writers on a team's PostgreSQL server: every change lands, the chain holds.

    python benchmarks/team_writers.py --url postgresql+psycopg://postgres@HOST:PORT/postgres
        [--writers 10] [--seconds 60]

`--url` names a server as a superuser (or a login with CREATEDB and CREATEROLE): a
database of its own is created, set up with `server init`, and dropped at the end,
with the officer logins made for the run (one per writer, each granted `officer`).
Each writer connects with its own login and, until the time is up, creates a staff
record and then changes it, each change one audited transaction. Appends to the audit
chain are serialised by the lock on its head row, so the writers queue there.

Then: every record each writer reported is present with its last change; every
change has its audit entry signed with that writer's login; `verify` passes. Prints
the changes per second, the latency of one change (median, 95th percentile, worst)
and the time of the verify; exits 1 when anything is missing or the chain fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid

import sqlalchemy as sa

from privacydesk.services import connection, records, team
from privacydesk.store.verify import verify


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", required=True, help="the server, as a superuser")
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()

    admin = sa.create_engine(args.url, isolation_level="AUTOCOMMIT")
    tag = uuid.uuid4().hex[:8]
    name = f"pd_bench_{tag}"
    logins = [f"pd_bench_w{n}_{tag}" for n in range(args.writers)]
    base = sa.engine.make_url(args.url).set(database=name)

    def url(login: str | None = None) -> str:
        u = base if login is None else base.set(username=login, password=None)
        return u.render_as_string(hide_password=False)

    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        for login in logins:
            conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN')
    try:
        owner = connection.connect(url(), require_schema=False)
        team.init(owner)
        for login in logins:
            team.grant(owner, login, "officer")
        owner.close()

        done: dict[int, list[tuple[int, str]]] = {n: [] for n in range(args.writers)}
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(args.writers + 1)
        deadline = [0.0]

        def work(n: int) -> None:
            db = connection.connect(url(logins[n]), officer=f"Writer {n}")
            try:
                start.wait()
                i = 0
                while time.monotonic() < deadline[0]:
                    t0 = time.monotonic()
                    row = records.create(db, "staff", {"employee_no": f"B{n:02d}-{i:06d}",
                                                       "name": f"書き手 {n}"})
                    t1 = time.monotonic()
                    records.update(db, "staff", row, {"department": f"部署 {i % 7}"})
                    t2 = time.monotonic()
                    with lock:
                        latencies.extend((t1 - t0, t2 - t1))
                    done[n].append((row, f"部署 {i % 7}"))
                    i += 1
            except Exception as exc:
                errors.append(f"writer {n}: {exc!r}")
            finally:
                db.close()

        threads = [threading.Thread(target=work, args=(n,)) for n in range(args.writers)]
        for t in threads:
            t.start()
        deadline[0] = time.monotonic() + args.seconds
        t_start = time.monotonic()
        start.wait()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t_start

        check = connection.connect(url(logins[0]))
        try:
            changes = 2 * sum(len(v) for v in done.values())
            missing = 0
            for rows in done.values():
                got = {r["id"]: r for r in records.get_many(check, "staff",
                                                            [rid for rid, _ in rows])} \
                    if rows else {}
                missing += sum(1 for rid, dept in rows
                               if rid not in got or got[rid]["department"] != dept)
            with check.read() as conn:
                signed = dict(conn.execute(sa.text(
                    "SELECT os_user, count(*) FROM audit_log WHERE entity = 'staff' "
                    "GROUP BY os_user")).all())
            unsigned = sum(abs(signed.get(logins[n], 0) - 2 * len(done[n]))
                           for n in done)
            t0 = time.monotonic()
            report = verify(check)
            t_verify = time.monotonic() - t0
        finally:
            check.close()

        lat = sorted(latencies)
        p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
        print(f"{args.writers} writers for {elapsed:.1f} s: {changes:,} changes "
              f"({changes / elapsed:,.0f}/s), "
              f"per writer {min(len(v) for v in done.values()) * 2:,}–"
              f"{max(len(v) for v in done.values()) * 2:,}")
        if lat:
            print(f"one change: median {statistics.median(lat) * 1000:.1f} ms, "
                  f"p95 {p95 * 1000:.1f} ms, worst {lat[-1] * 1000:.1f} ms")
        print(f"missing or stale records: {missing}; audit entries not matching their "
              f"writer: {unsigned}; errors: {len(errors)}")
        print(f"verify: {'OK' if report.ok else 'FAILED'} ({report.entries:,} entries, "
              f"{report.rows:,} rows) in {t_verify:.1f} s")
        for e in errors[:5]:
            print(f"  {e}")
        for p in report.problems[:5]:
            print(f"  {p}")
        return 0 if report.ok and not missing and not unsigned and not errors else 1
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for login in logins:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
