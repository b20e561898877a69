"""Kill -9 trials: a PrivacyDesk killed at any moment leaves a database that verifies.

    python benchmarks/reliability.py [--trials N] [--kinds import,passwd,backup,restore]

For each kind, N times: a fresh copy of a small database (the catalog, a few hundred
consents), the command started as its own process (`privacydesk import|passwd|backup|
restore`), killed with SIGKILL after a random delay spread over 1.2 times the longest of
three uninterrupted runs (so that a few finish first and the end is covered too), then
checked:

- the database opens with exactly one of the passphrases (passwd: the old or the new,
  never both, never neither) and `verify` finds nothing;
- an import is all or nothing: the consent count is the one before or the one after;
- a restore left the old database or the backup, nothing in between;
- a backup's target is absent or a backup that opens and verifies;
- no temporary copy is left once the next command has run (leftovers are cleaned at
  the next open, or at the next backup into the same folder).

POSIX only (SIGKILL). Prints one line per kind and exits 1 if any trial failed; the
failing trials' folders are kept under the work folder for inspection.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from privacydesk.services import records
from privacydesk.store.backup import backup as make_backup
from privacydesk.store.database import WrongPassphrase, create_database, open_database
from privacydesk.store.verify import verify

OLD, NEW = "reliability passphrase one", "reliability passphrase two"
KINDS = ("import", "passwd", "backup", "restore")
CONSENTS = 300  # in the template
IMPORT_ROWS = 2000  # in the file an import trial reads


def _program() -> list[str]:
    return [sys.executable, "-m", "privacydesk.cli"]


def build_template(folder: Path) -> tuple[Path, Path, Path]:
    """A database with the catalog and consents, an import file of new consents, and a
    backup of an earlier state (for the restore trials)."""
    path = folder / "template.db"
    db = create_database(path, OLD, officer="Reliability")
    try:
        policy = records.create(db, "policy_version",
                                {"version": "2026-R", "effective_from": "2026-01-01"})
        purpose = records.page(db, "purpose", limit=1, sort="id").rows[0]["id"]

        def consent(i: int) -> dict:
            return {"subject_ref": f"R{i:08d}", "scope": "purpose", "purpose": purpose,
                    "policy_version": policy, "channel": "button",
                    "captured_at": "2026-02-01T00:00:00Z", "evidence_ref": f"EV-{i}",
                    "status": "active"}

        earlier = folder / "earlier.db"
        make_backup(db, earlier)  # the restore trials put this state back
        for i in range(CONSENTS):
            records.create(db, "consent", consent(i))
        file = folder / "consents.csv"
        cols = ["id", *consent(0).keys()]
        with open(file, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for i in range(CONSENTS, CONSENTS + IMPORT_ROWS):
                w.writerow(["", *consent(i).values()])
    finally:
        db.close()
    return path, file, earlier


def _consents(db) -> int:
    return records.count(db, "consent")


def _open_one(path: Path) -> tuple[str, object]:
    """The passphrase that opens `path` and the open database; fails unless exactly one."""
    opened = []
    for p in (OLD, NEW):
        with contextlib.suppress(WrongPassphrase):
            opened.append((p, open_database(path, p, migrate=False)))
    if len(opened) != 1:
        for _, db in opened:
            db.close()
        raise AssertionError(f"{len(opened)} passphrases open the database")
    return opened[0]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.name.endswith((".rekey", ".part", ".restore"))
                  or any(k in p.name for k in (".rekey-", ".part-", ".restore-")))


def _command(kind: str, work: Path, import_file: Path, earlier: Path) -> list[str]:
    db = work / "privacy.db"
    match kind:
        case "import":
            return ["import", "consent", str(import_file), "--db", str(db)]
        case "passwd":
            return ["passwd", "--db", str(db), "--new-passphrase-file", str(work / "new.txt")]
        case "backup":
            return ["backup", "--db", str(db), "--out", str(work / "out" / "b.db")]
        case "restore":
            return ["restore", "--from", str(earlier), "--db", str(db), "--force"]
    raise ValueError(kind)


def _start(kind, work, import_file, earlier) -> subprocess.Popen:
    env = dict(os.environ, PRIVACYDESK_PASSPHRASE=OLD)
    return subprocess.Popen([*_program(), *_command(kind, work, import_file, earlier)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _prepare(template: Path, work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    (work / "out").mkdir(parents=True)
    shutil.copyfile(template, work / "privacy.db")
    (work / "new.txt").write_text(NEW + "\n", encoding="utf-8")


def _check(kind: str, work: Path, before: dict, earlier_head) -> str | None:
    """None when the trial left everything as it must be, else what is wrong."""
    db_path = work / "privacy.db"
    try:
        passphrase, db = _open_one(db_path)
    except AssertionError as exc:
        return str(exc)
    try:
        if kind != "passwd" and passphrase != OLD:
            return "the passphrase changed"
        report = verify(db)
        if not report.ok:
            return f"verify: {report.problems[0]}"
        n = _consents(db)
        if kind == "import" and n not in (before["consents"], before["consents"] + IMPORT_ROWS):
            return f"import half applied: {n} consents"
        if kind == "restore" and report.head not in (before["head"], earlier_head):
            return f"restore left a third state: head {report.head}"
        if kind in ("passwd", "backup") and report.head != before["head"]:
            return "the trail changed"
    finally:
        db.close()
    if kind == "backup":
        out = work / "out" / "b.db"
        if out.exists():
            try:
                with open_database(out, OLD, migrate=False, lock=False) as copy:
                    if not verify(copy).ok:
                        return "the backup target does not verify"
            except Exception as exc:  # a half-written target
                return f"the backup target does not open: {exc}"
            out.unlink()
        # the next backup into the folder removes what the killed one left
        with open_database(db_path, OLD) as db:
            make_backup(db, out)
        left = _leftovers(work / "out")
        if left:
            return f"left behind in the backup folder: {left}"
    left = _leftovers(work)  # the open above cleaned re-key and restore copies
    if left:
        return f"left behind: {left}"
    return None


def _duration(kind, template, import_file, earlier, scratch: Path) -> float:
    """The longest of three uninterrupted runs (the machine may be busy)."""
    times = []
    for _ in range(3):
        work = scratch / f"time-{kind}"
        _prepare(template, work)
        t = time.perf_counter()
        proc = _start(kind, work, import_file, earlier)
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"{kind} fails without a kill: {err.decode(errors='replace')}")
        times.append(time.perf_counter() - t)
        shutil.rmtree(work)
    return max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, metavar="N")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", metavar="DIR", help="where the trials run (default: temp)")
    args = parser.parse_args(argv)
    if not hasattr(signal, "SIGKILL"):
        raise SystemExit("kill -9 trials need POSIX signals")
    rng = random.Random(args.seed)
    scratch = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="pd-reliability-"))
    scratch.mkdir(parents=True, exist_ok=True)
    template, import_file, earlier = build_template(scratch)
    with open_database(template, OLD) as db:
        before = {"consents": _consents(db), "head": verify(db).head}
    with open_database(earlier, OLD, migrate=False, lock=False) as db:
        earlier_head = verify(db).head
    failed_any = False
    for kind in args.kinds.split(","):
        span = _duration(kind, template, import_file, earlier, scratch)
        outcomes = {"killed": 0, "finished": 0, "failed": 0}
        t0 = time.perf_counter()
        for i in range(args.trials):
            work = scratch / f"{kind}-{i:04d}"
            _prepare(template, work)
            proc = _start(kind, work, import_file, earlier)
            time.sleep(rng.uniform(0, 1.2 * span))  # some runs finish: the end is covered
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                outcomes["killed"] += 1
            else:
                outcomes["finished"] += 1
            proc.communicate()
            problem = _check(kind, work, before, earlier_head)
            if problem:
                outcomes["failed"] += 1
                failed_any = True
                print(f"  {kind} trial {i}: {problem} (kept in {work})", flush=True)
            else:
                shutil.rmtree(work)
        print(f"{kind:<8} {args.trials} trials ({outcomes['killed']} killed mid-run, "
              f"{outcomes['finished']} finished first; one run takes {span:.1f} s): "
              f"{outcomes['failed']} failed  [{time.perf_counter() - t0:.0f} s]", flush=True)
    if not failed_any:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
