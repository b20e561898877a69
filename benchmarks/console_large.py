"""The console's speed targets on the large demo database, measured and judged.

    python benchmarks/console_large.py                  # on a copy of /work/data/large.db
    python benchmarks/console_large.py --db copy.db     # on a copy you made (it is written)
    python benchmarks/console_large.py --quick --json figures.json
    python benchmarks/console_large.py --only unlock,memory

Targets (1,000,000 consents, 20,000 requests, 50,000 grants, 2,000 staff):

1. unlock      from `UnlockWindow.unlock()` to a main window that is shown and has
               handled its pending events (a 0 ms timer fired)           <= 1.5 s;
               also: the window shown, its first paint, the dashboard's figures
2. lists       first page of every list, `records.page(limit=200)` + `present.texts`
               as the list model's worker does it, on a new handle (first) and again
               (median); and through `RecordTableModel` (reload -> loaded) <= 100 ms
3. search      consents, requests and grants: page + texts; "N of M" as shown <= 200 ms
4. sort        requests by due date and by deadline status, grants by review date:
               the first page after a write (the kept order is computed again) and
               again (kept)                                               <= 200 ms
5. memory      peak RSS of the console with every tab and sub-tab visited and each
               list's first page arrived (a fresh interpreter)          <= 400 MB

Each figure is the median of 5 runs (2 with --quick); "first" is one call on a
database handle opened for it, in a process that has read every list once (as a
console has, through its dashboard, by the time a list is opened). "cpu" is the CPU
time of the measuring thread (the GUI thread for the unlock): on a shared machine the
wall-clock figures move with the load average, printed before and after, and the CPU
time shows the work itself. The window runs under QT_QPA_PLATFORM=offscreen in the
language of the database's `language` setting.

The script writes to the database it measures: before each sort the `due_soon_days`
setting is changed and changed back (every write moves the state of the database,
which the kept order of a computed sort depends on). Without --db it copies
/work/data/large.db into a temporary directory and removes the copy afterwards; it
never opens that file itself. The passphrase is PRIVACYDESK_PASSPHRASE, else the
demo's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

SOURCE = Path("/work/data/large.db")
PASSPHRASE = "privacydesk-demo"  # the demo's published passphrase (session.DEMO_PASSPHRASE)
SECTIONS = ("unlock", "lists", "search", "sort", "memory")

UNLOCK_TARGET = 1.5
LIST_TARGET = 0.100
SEARCH_TARGET = 0.200
SORT_TARGET = 0.200
MEMORY_TARGET_MB = 400.0
WAIT_S = 120.0  # the longest a list or the dashboard may take before it counts as stuck

# (entity, what the term is, the term): terms present in the large demo (seed 1)
SEARCHES: tuple[tuple[str, str, str], ...] = (
    ("consent", "subject reference", "U00024307"),
    ("consent", "subject reference", "U00490059"),
    ("consent", "subject ref, 8 of 9 characters", "U0002430"),
    ("consent", "subject ref being typed: 3 characters", "U00"),
    ("consent", "subject ref being typed: 2 characters", "U0"),
    ("consent", "evidence reference", "CL-000500000"),
    ("consent", "evidence ref being typed", "CL-0005"),
    ("consent", "guardian: a 2-character word", "親権"),
    ("consent", "guardian in English", "Parent"),
    ("consent", "status label (ja)", "撤回"),
    ("consent", "status label (en)", "Withdrawn"),
    ("consent", "channel label (ja)", "チェックボックス"),
    ("consent", "channel label (en)", "Checkbox"),
    ("consent", "purpose name", "マーケティング"),
    ("consent", "purpose name, 2 characters", "広告"),
    ("consent", "nothing matches", "zzqqxx"),
    ("request", "requester label", "本人"),
    ("request", "requester label, rare", "法定代理人"),
    ("request", "subject reference", "U00311367"),
    ("request", "nothing matches", "zzqqxx"),
    ("grant", "staff family name", "佐藤"),
    ("grant", "staff full name", "北野 智弘"),
    ("grant", "staff name in Latin letters", "Kitano"),
    ("grant", "employee number", "E00001"),
    ("grant", "nothing matches", "zzqqxx"),
)

SORTS: tuple[tuple[str, str], ...] = (
    ("request", "due_on"),
    ("request", "-deadline_status"),
    ("grant", "review_due"),
)

MODEL_ENTITIES = ("consent", "request", "grant")


# --- figures ------------------------------------------------------------------------------


@dataclass
class Row:
    """One judged figure: seconds (MB for memory), its target, PASS or FAIL.

    PASS when both `first` and `median` are within the target; "FAIL (first)" when
    only the first call is over it.
    """

    section: str
    label: str
    first: float | None  # one call on a new handle, or None
    median: float | None  # median of the runs
    target: float | None
    note: str = ""
    cpu: float | None = None  # median CPU seconds of the measuring thread
    runs: list[float] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "info"
        if self.median is None and self.first is None:
            return "FAIL (none)"
        median_ok = self.median is None or self.median <= self.target
        first_ok = self.first is None or self.first <= self.target
        if median_ok and first_ok:
            return "PASS"
        return "FAIL" if not median_ok else "FAIL (first)"


@dataclass
class Timing:
    wall: float
    cpu: float  # of the calling thread
    result: Any = None


def _measure(fn: Callable[[], Any]) -> Timing:
    cpu, wall = time.thread_time(), time.perf_counter()
    result = fn()
    return Timing(time.perf_counter() - wall, time.thread_time() - cpu, result)


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _ms(s: float | None) -> str:
    return "–" if s is None else f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"


def _secs(s: float | None) -> str:
    return "–" if s is None else f"{s:.3f} s"


def _mb(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f} MB"


def _load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} CPUs)"


LABEL = 54  # terminal columns of a figure's label


def _width(text: str) -> int:
    """Terminal columns of a text: a Japanese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns, padded to exactly that many."""
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _header() -> None:
    print(f"  {'':<{LABEL}}  {'first':>8}  {'median':>8}  {'cpu':>8}  {'target':>8}  result",
          flush=True)


def _print_rows(rows: list[Row]) -> None:
    for r in rows:
        fmt = _mb if r.section == "memory" else _secs if r.section == "unlock" else _ms
        note = f"  {r.note}" if r.note else ""
        print(f"  {_cut(r.label, LABEL)}  {fmt(r.first):>8}  {fmt(r.median):>8}  "
              f"{fmt(r.cpu):>8}  {fmt(r.target):>8}  {r.verdict:<12}{note}", flush=True)


# --- the database -------------------------------------------------------------------------


@contextlib.contextmanager
def database_copy(explicit: Path | None) -> Iterator[Path]:
    """The file to measure: `explicit`, or a copy of SOURCE in a temporary directory."""
    if explicit is not None:
        if explicit.resolve() == SOURCE.resolve():
            raise SystemExit(f"{SOURCE} is the shared large demo: pass a copy of it "
                             "(this script writes to the database it measures)")
        if not explicit.is_file():
            raise SystemExit(f"no database at {explicit}")
        yield explicit
        return
    if not SOURCE.is_file():
        raise SystemExit(f"no {SOURCE}: make one (privacydesk demo --size large) and pass "
                         "a copy with --db")
    with tempfile.TemporaryDirectory(prefix="privacydesk-bench-") as tmp:
        target = Path(tmp) / SOURCE.name
        start = time.perf_counter()
        shutil.copyfile(SOURCE, target)
        wal = SOURCE.with_name(SOURCE.name + "-wal")
        if wal.exists():  # pages not yet folded into the file
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        print(f"copied {SOURCE} ({SOURCE.stat().st_size / 2**20:,.0f} MB) to {target} in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        yield target


def _open(path: Path, passphrase: str):
    from privacydesk.services import session

    return session.open(path, passphrase)


def _page_and_texts(db, name: str, lang: str, **kwargs) -> Any:
    """A first page as the list model's worker reads it (`RecordTableModel._load`)."""
    from privacydesk.domain.entities import entity
    from privacydesk.services import present, records

    fields = entity(name).list_columns(lang)
    page = records.page(db, name, limit=200, **kwargs)
    present.texts(db, name, page.rows, lang, fields)
    return page


def _forget_kept_orders() -> None:
    """A new process keeps no computed order; neither does a "first" call here."""
    from privacydesk.services import records

    records._ORDER_CACHE.clear()


def warm_up(path: Path, passphrase: str, lang: str) -> float:
    """Read every list once on a handle of its own, then close it.

    A console has run this code before its first list: the dashboard computes every
    deadline at the unlock (importing the holiday calendars, about 0.1 s once per
    process). The "first" figures then measure a new handle's cold page cache, not the
    interpreter's first imports.
    """
    from privacydesk.domain.entities import ENTITIES

    start = time.perf_counter()
    db = _open(path, passphrase)
    try:
        for e in ENTITIES:
            _page_and_texts(db, e.name, lang)
    finally:
        db.close()
    return time.perf_counter() - start


# --- 2. lists -------------------------------------------------------------------------------


def bench_lists(path: Path, passphrase: str, lang: str, runs: int) -> list[Row]:
    from privacydesk.domain.entities import ENTITIES

    rows = []
    for e in ENTITIES:
        db = _open(path, passphrase)
        try:
            _forget_kept_orders()
            first = _measure(lambda e=e, db=db: _page_and_texts(db, e.name, lang))
            again = [_measure(lambda e=e, db=db: _page_and_texts(db, e.name, lang))
                     for _ in range(runs)]
        finally:
            db.close()
        page = first.result
        row = Row("lists", e.name, first.wall, _median([t.wall for t in again]), LIST_TARGET,
                  f"{len(page.rows)} of {page.total:,}", _median([t.cpu for t in again]),
                  [t.wall for t in again])
        rows.append(row)
        _print_rows([row])
    return rows


def _qt_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def _wait(signals: list, done: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until `done()`, looked at whenever one of `signals` fires."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    loop = QEventLoop()
    for s in signals:
        s.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    deadline = time.perf_counter() + timeout_s
    try:
        while not done() and time.perf_counter() < deadline:
            timer.start(max(1, int((deadline - time.perf_counter()) * 1000)))
            loop.exec()
    finally:
        timer.stop()
        for s in signals:
            with contextlib.suppress(RuntimeError):
                s.disconnect(loop.quit)
    return done()


def _arrived(model) -> bool:
    return (model.loaded_once and not model.loading) or bool(model.error)


def bench_models(path: Path, passphrase: str, lang: str, runs: int) -> list[Row]:
    """The list model itself: reload() to `loaded` (the worker, then the GUI thread)."""
    from privacydesk.ui.models.record_model import RecordTableModel
    from privacydesk.ui.workers import Jobs

    _qt_app()
    rows = []
    for name in MODEL_ENTITIES:
        db = _open(path, passphrase)
        jobs = Jobs()
        try:
            _forget_kept_orders()
            model = RecordTableModel(db, name, lang=lang, jobs=jobs, autoload=False)
            times = []
            for _ in range(runs + 1):
                start = time.perf_counter()
                model.reload()  # loading until the page arrives (or fails)
                arrived = _wait([model.loaded, model.failed], lambda m=model: _arrived(m),
                                WAIT_S)
                times.append(time.perf_counter() - start)
                if not arrived or model.error:
                    break
        finally:
            jobs.shutdown()
            db.close()
        note = f"{model.rowCount()} of {model.total:,}"
        if model.error:
            note += f"  ERROR {model.error}"
        row = Row("model", f"{name}: model.reload() -> loaded", times[0], _median(times[1:]),
                  LIST_TARGET, note, None, times)
        rows.append(row)
        _print_rows([row])
    return rows


# --- 3. search -------------------------------------------------------------------------------


def bench_search(path: Path, passphrase: str, lang: str, runs: int) -> list[Row]:
    from privacydesk.services import records

    rows = []
    totals: dict[str, int] = {}
    for name, what, term in SEARCHES:
        query = records.Query(search=term)
        db = _open(path, passphrase)
        try:
            if name not in totals:  # the M the list shows (RecordTableModel._load)
                counted = _measure(lambda db=db, n=name: records.count(db, n))
                totals[name] = counted.result
                print(f"  {name}: records.count (the M of \"N of M\") "
                      f"{_ms(counted.wall)} on a new handle", flush=True)
            first = _measure(lambda db=db, n=name, q=query: _page_and_texts(
                db, n, lang, query=q))
            again = [_measure(lambda db=db, n=name, q=query: _page_and_texts(
                db, n, lang, query=q)) for _ in range(runs)]
        finally:
            db.close()
        page = first.result
        shown = f"{page.total:,}{'+' if not page.exact else ''} of {totals[name]:,}"
        row = Row("search", f"{name}: {term}  ({what})", first.wall,
                  _median([t.wall for t in again]), SEARCH_TARGET, shown,
                  _median([t.cpu for t in again]), [t.wall for t in again])
        rows.append(row)
        _print_rows([row])
    return rows


# --- 4. sort ----------------------------------------------------------------------------------


def _write(db) -> None:
    """Real writes that leave the data as it was: due_soon_days there and back."""
    from privacydesk.services import settings

    value = settings.get(db, "due_soon_days")
    settings.put(db, "due_soon_days", value + 1 if value < 60 else value - 1)
    settings.put(db, "due_soon_days", value)


def bench_sort(path: Path, passphrase: str, lang: str, runs: int) -> list[Row]:
    rows = []
    for name, sort in SORTS:
        db = _open(path, passphrase)
        try:
            _forget_kept_orders()
            after_write, kept = [], []
            for _ in range(runs):
                _write(db)
                after_write.append(_measure(lambda db=db, n=name, s=sort: _page_and_texts(
                    db, n, lang, sort=s)))
                kept.append(_measure(lambda db=db, n=name, s=sort: _page_and_texts(
                    db, n, lang, sort=s)))
        finally:
            db.close()
        total = after_write[-1].result.total
        for label, got in (("after a write", after_write), ("order kept", kept)):
            walls = [t.wall for t in got]
            row = Row("sort", f"{name} by {sort}: {label}", None, _median(walls), SORT_TARGET,
                      f"{total:,} rows; runs {min(walls) * 1000:,.0f}–"
                      f"{max(walls) * 1000:,.0f} ms", _median([t.cpu for t in got]), walls)
            rows.append(row)
            _print_rows([row])
    return rows


# --- 1 and 5: the console in a fresh interpreter ------------------------------------------------


def _child(kind: str, path: Path, passphrase: str) -> dict[str, Any]:
    """Run `kind` (unlock | memory) in a fresh interpreter; its figures as a dict."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PRIVACYDESK_PASSPHRASE=passphrase)
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--db", str(path)],
                          env=env, capture_output=True, text=True, timeout=900)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise RuntimeError(f"the {kind} run failed ({proc.returncode}):\n"
                       f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def bench_unlock(path: Path, passphrase: str, runs: int) -> tuple[list[Row], list[dict]]:
    results = []
    for i in range(runs):
        r = _child("unlock", path, passphrase)
        results.append(r)
        print(f"  run {i + 1}: session.open {_secs(r['database_open'])}, shown "
              f"{_secs(r['shown'])}, painted {_secs(r.get('painted'))}, usable "
              f"{_secs(r['usable'])} (GUI thread cpu {_secs(r['usable_cpu'])}), dashboard "
              f"{_secs(r.get('dashboard'))}", flush=True)
    rows = []
    for key, label, target in (
            ("database_open", "session.open: key, schema check", None),
            ("shown", "window shown (Console.opened)", UNLOCK_TARGET),
            ("painted", "window painted (its first Paint event)", UNLOCK_TARGET),
            ("usable", "usable: shown, pending events handled", UNLOCK_TARGET),
            ("dashboard", "dashboard figures arrived (refreshed)", None)):
        times = [r[key] for r in results if r.get(key) is not None]
        cpu = [r[key + "_cpu"] for r in results if r.get(key + "_cpu") is not None]
        note = f"{len(times)} runs {min(times):.3f}–{max(times):.3f} s" if times else "never"
        if key == "dashboard" and results:
            note += f"; {results[-1]['duties']:,} duties"
        rows.append(Row("unlock", label, None, _median(times), target, note, _median(cpu),
                        times))
    return rows, results


def bench_memory(path: Path, passphrase: str) -> tuple[list[Row], dict]:
    r = _child("memory", path, passphrase)
    rows = [
        Row("memory", "peak RSS, every tab visited (ru_maxrss)", None, r["peak_mb"],
            MEMORY_TARGET_MB),
        Row("memory", "RSS at the end (VmRSS)", None, r["current_mb"], MEMORY_TARGET_MB),
        Row("memory", "RSS after the unlock, dashboard arrived", None, r["after_unlock_mb"],
            None),
    ]
    return rows, r


# --- the child processes --------------------------------------------------------------------------


def _rss_mb() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _start_console(path: Path):
    """The console as `privacydesk gui` starts it, showing its unlock window."""
    from PySide6.QtWidgets import QApplication

    from privacydesk.ui import fonts, i18n
    from privacydesk.ui.app import APP_NAME, Console

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    fonts.apply(i18n.install(i18n.system_language()), app)
    console = Console(path)
    console.show()
    for _ in range(5):
        app.processEvents()
    return app, console


def _zero_timer() -> None:
    """Run the event loop until a 0 ms timer fires: every pending event is handled."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def _unlock(app, console, passphrase: str) -> tuple[Any, dict[str, float]]:
    """Unlock as the Unlock button does; every mark counts from the call of `unlock()`."""
    from PySide6.QtCore import QEvent, QObject

    from privacydesk.services import session

    marks: dict[str, float] = {}
    state: dict[str, Any] = {}

    def mark(key: str) -> None:
        if key not in marks:
            marks[key] = time.perf_counter() - start
            marks[key + "_cpu"] = time.thread_time() - start_cpu

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                mark("painted")
            return False

    painter = FirstPaint()
    real_open = session.open

    def timed_open(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return real_open(*args, **kwargs)
        finally:
            marks["database_open"] = time.perf_counter() - begin

    def opened(window) -> None:
        mark("shown")
        state["window"] = window
        window.installEventFilter(painter)
        window.dashboard.refreshed.connect(lambda: mark("dashboard"))

    console.opened.connect(opened)
    console.unlock_window.passphrase_edit.setText(passphrase)
    session.open = timed_open  # the unlock window opens through session.open
    try:
        start, start_cpu = time.perf_counter(), time.thread_time()
        if not console.unlock_window.unlock():
            raise RuntimeError(console.unlock_window.error_label.text())
        app.processEvents()
        _zero_timer()
        mark("usable")
    finally:
        session.open = real_open
    window = state["window"]
    _wait([window.dashboard.refreshed], lambda: window.dashboard.loaded, WAIT_S)
    window.removeEventFilter(painter)
    return window, marks


def child_unlock(path: Path, passphrase: str) -> dict[str, Any]:
    app, console = _start_console(path)
    window, marks = _unlock(app, console, passphrase)
    marks["duties"] = window.dashboard.model.rowCount()
    console.shutdown()
    return marks


def child_memory(path: Path, passphrase: str) -> dict[str, Any]:
    app, console = _start_console(path)
    out: dict[str, Any] = {"before_unlock_mb": _rss_mb()}
    window, marks = _unlock(app, console, passphrase)
    out |= {"unlock": marks, "after_unlock_mb": _rss_mb(), "lists": []}
    for key, tab in window.areas.items():
        for name in tab.views:
            start = time.perf_counter()
            model = window.show_entity(name).model
            _wait([model.loaded, model.failed], lambda m=model: _arrived(m), WAIT_S)
            seconds = time.perf_counter() - start
            app.processEvents()
            out["lists"].append({"area": key, "entity": name, "seconds": seconds,
                                 "rows": model.rowCount(), "total": model.total,
                                 "error": model.error, "rss_mb": _rss_mb()})
    _zero_timer()
    out["current_mb"] = _rss_mb()
    out["peak_mb"] = _peak_mb()
    pool = console.db.engine.pool
    out["connections"] = pool.checkedin() + pool.checkedout()
    console.shutdown()
    return out


# --- main ----------------------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    import sqlcipher3
    from PySide6.QtCore import qVersion

    conn = sqlcipher3.connect(":memory:")
    try:
        sqlite = conn.execute("select sqlite_version()").fetchone()[0]
        cipher = conn.execute("pragma cipher_version").fetchone()
    finally:
        conn.close()
    return {"python": platform.python_version(), "qt": qVersion(), "sqlite": sqlite,
            "sqlcipher": cipher[0] if cipher else None, "cpus": os.cpu_count(),
            "platform": platform.platform()}


def _language(path: Path, passphrase: str) -> str:
    from privacydesk.services import settings

    db = _open(path, passphrase)
    try:
        return "ja" if settings.get(db, "language") == "ja" else "en"
    finally:
        db.close()


def run(path: Path, passphrase: str, sections: tuple[str, ...], runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"database": str(path), "runs": runs, "machine": _machine(),
                               "load_before": _load()}
    m = figures["machine"]
    print(f"Python {m['python']}, Qt {m['qt']}, SQLite {m['sqlite']} (SQLCipher "
          f"{m['sqlcipher']}), {m['platform']}")
    print(f"load average before: {figures['load_before']}", flush=True)
    lang = figures["language"] = _language(path, passphrase)
    print(f"{path} ({path.stat().st_size / 2**20:,.0f} MB), language {lang}, "
          f"{runs} runs per figure", flush=True)
    rows: list[Row] = []

    if "unlock" in sections:
        print("\n1. unlock to a usable main window: a fresh interpreter per run", flush=True)
        got, raw = bench_unlock(path, passphrase, runs)
        _header()
        _print_rows(got)
        rows += got
        figures["unlock_runs"] = raw
    if {"lists", "search", "sort"} & set(sections):
        seconds = warm_up(path, passphrase, lang)
        print(f"\n(warm-up: every list read once in this process, {seconds:.2f} s)", flush=True)
    if "lists" in sections:
        print("\n2. first page of every list: page(limit=200) + texts; "
              "first: on a new handle", flush=True)
        _header()
        rows += bench_lists(path, passphrase, lang, runs)
        print("  the list model (cpu: on its worker, not measured here)", flush=True)
        rows += bench_models(path, passphrase, lang, runs)
    if "search" in sections:
        print("\n3. search: page + texts; first: on a new handle; N of M as the list "
              "shows it", flush=True)
        _header()
        rows += bench_search(path, passphrase, lang, runs)
    if "sort" in sections:
        print("\n4. sort by computed dates: the first page after a write, then with the "
              "order kept", flush=True)
        _header()
        rows += bench_sort(path, passphrase, lang, runs)
    if "memory" in sections:
        print("\n5. memory: every tab and sub-tab visited, each list's first page arrived "
              "(a fresh interpreter)", flush=True)
        got, raw = bench_memory(path, passphrase)
        slow = sorted(raw["lists"], key=lambda x: -x["seconds"])
        over = sum(1 for x in slow if x["seconds"] > LIST_TARGET)
        print(f"  shown -> first page on screen, the window's own figure: {over} of "
              f"{len(slow)} lists over {_ms(LIST_TARGET)}; the slowest:")
        for item in slow[:6]:
            print(f"    {item['entity']:<18} {_ms(item['seconds']):>8}  RSS "
                  f"{item['rss_mb']:4.0f} MB  {item['rows']} of {item['total']:,}"
                  + (f"  ERROR {item['error']}" if item["error"] else ""))
        print(f"  RSS before the unlock {raw['before_unlock_mb']:.0f} MB; "
              f"{raw['connections']} database connections open at the end")
        _header()
        _print_rows(got)
        rows += got
        figures["memory"] = raw

    figures["load_after"] = _load()
    figures["rows"] = [asdict(r) | {"verdict": r.verdict} for r in rows]
    failed = [r for r in rows if r.verdict.startswith("FAIL")]
    print(f"\nload average after: {figures['load_after']}")
    print(f"{len(rows) - len(failed)} of {len(rows)} figures within their targets or "
          f"for information")
    if failed:
        print("over target:")
        _header()
        _print_rows(failed)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a copy of the large demo (it is written "
                        "to); default: a copy of /work/data/large.db in a temp dir")
    parser.add_argument("--quick", action="store_true", help="2 runs per figure, not 5")
    parser.add_argument("--runs", type=int, help="runs per figure (overrides --quick)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections of: {', '.join(SECTIONS)}")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a figure is over its target")
    parser.add_argument("--child", choices=("unlock", "memory"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    passphrase = os.environ.get("PRIVACYDESK_PASSPHRASE", PASSPHRASE)

    if args.child:
        fn = child_unlock if args.child == "unlock" else child_memory
        print("RESULT " + json.dumps(fn(args.db, passphrase)), flush=True)
        return 0

    sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    runs = args.runs or (2 if args.quick else 5)
    with database_copy(args.db) as path:
        figures = run(path, passphrase, sections, runs)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"figures written to {args.json}")
    over = any(r["verdict"].startswith("FAIL") for r in figures["rows"])
    return 1 if args.strict and over else 0


if __name__ == "__main__":
    sys.exit(main())
