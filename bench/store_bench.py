"""Store benchmark: durable append-reply cost against history size, side by side.

Run ``.venv/bin/python bench/store_bench.py [--json] [--quick]``. For 0, 1 and 5 county-years of
history (a county-year: 400 measures x 52 weekly replies = 20,800 reports, each with its audit
entry) it measures one durable reply (report + audit entry committed together, on disk before
the call returns) with:

- ours: ``storage.durable.TinyDBStore``, what ``storage.open_store(dir)`` opens (write-ahead
  log + monthly TinyDB checkpoints);
- naive TinyDB: default ``JSONStorage``, every report in one table, one ``insert`` per reply
  (it rewrites the whole file per insert and does not even fsync; few samples at 5 years);
- sqlite3: WAL mode, ``synchronous=FULL``, report and audit rows in one transaction per reply;
- postgres (with ``--database-url URL``): ``storage.postgres.PostgresStore``, what
  ``DUBAN_DATABASE_URL`` selects; each history in a schema of its own, dropped afterwards.

It also measures, for our store, opening it and the resident memory of a bot process that opened
it (a fresh process that imports ``bot.app``, opens the store, then does a week's work), with old
months on disk (the default) and with every month in memory (``hot_months=None``, as before);
the first and the repeated cost of a few queries; and group commit: 64 threads, and 64 asyncio
tasks on one event loop (as the bot's updates), writing at once against the same number of
replies written one after another. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tinydb import TinyDB

from bot.domain.audit import Action, AuditEntry
from bot.domain.work import Report, ReportStatus
from storage.codec import encode
from storage.durable import TinyDBStore

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2020, 1, 6, 9, 0, tzinfo=TZ)
MEASURES, OFFICIALS, WEEKS = 400, 200, 52
PER_YEAR = MEASURES * WEEKS
TEXT = "已完成项目可研批复，正在开展施工图设计，预计下月开工建设。"


@dataclass(frozen=True)
class Config:
    """What one run measures."""

    years: tuple[float, ...]
    samples: int
    naive_samples: dict[float, int]


FULL = Config(years=(0, 1, 5), samples=2000, naive_samples={0: 300, 1: 20, 5: 5})
QUICK = Config(years=(0, 0.2, 1), samples=300, naive_samples={0: 50, 0.2: 10, 1: 3})
WRITERS, PER_WRITER, GROUP_ROUNDS = 64, 12, 4  # group commit: 64 threads, 4 rounds
SLOW_DISK_S = 0.001  # the fsync of the slower disk group commit is also measured on (1 ms)
CHECKPOINT_EVERY = 256 * 1024  # log bytes between checkpoints in the checkpoint series


def reply(n: int) -> tuple[Report, AuditEntry]:
    """The n-th reply of the county: report on measure n % 400 in week n // 400."""
    measure, week = f"m{n % MEASURES}", n // MEASURES
    at = START + timedelta(weeks=week, minutes=n % MEASURES)
    report = Report(
        id=f"r{n}", team_id="t1", measure_id=measure, author_id=f"p{n % OFFICIALS}",
        status=ReportStatus.ON_TRACK, created_at=at, cycle_id=f"c{week}", progress=n % 100,
        progress_text=TEXT, problems="资金缺口较大", next_steps="加快推进前期工作",
        indicator_values=(("完成投资", 1.5),),
    )  # fmt: skip
    entry = AuditEntry(
        id=f"e{n}", team_id="t1", at=at, actor_id=report.author_id, action=Action.REPORTED,
        subject=measure, detail={"report": report.id, "status": "on_track"},
    )  # fmt: skip
    return report, entry


def timed(action: Callable[[int], None], first: int, count: int) -> list[float]:
    """Seconds per call of ``action(n)`` for n in ``[first, first + count)``.

    Dirty pages of the seeding are flushed first, so their write-back does not slow the fsyncs.
    """
    os.sync()
    laps = []
    for n in range(first, first + count):
        began = time.perf_counter()
        action(n)
        laps.append(time.perf_counter() - began)
    return laps


def summary(laps: list[float]) -> dict[str, Any]:
    """p50/p99 in milliseconds, throughput in replies per second."""
    ordered = sorted(laps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "p50_ms": statistics.median(ordered) * 1e3,
        "p99_ms": p99 * 1e3,
        "max_ms": ordered[-1] * 1e3,
        "ops_per_s": len(laps) / sum(laps),
        "samples": len(laps),
    }


def seed_ours(path: Path, history: int) -> None:
    """Fill our store with ``history`` replies and close it (a checkpoint)."""
    store = TinyDBStore(path)
    for first in range(0, history, 1000):
        with store.atomic():
            for n in range(first, min(history, first + 1000)):
                report, entry = reply(n)
                store.reports.save(report)
                store.audit.append(entry)
    store.close()
    del store
    gc.collect()  # the seeding store's objects must not be collected during the timed replies


def ours_reply(store: TinyDBStore) -> Callable[[int], None]:
    """One durable reply on our store: report and audit entry in one transaction."""

    def one(n: int) -> None:
        report, entry = reply(n)
        with store.atomic():
            store.reports.save(report)
            store.audit.append(entry)

    return one


def side_by_side(
    actions: dict[str, Callable[[int], None]], first: int, count: int
) -> dict[str, list[float]]:
    """Seconds per call of each action, the actions taking turns reply by reply, so that
    whatever else the machine does weighs on all of them alike."""
    os.sync()  # dirty pages of the seeding must not slow the fsyncs being timed
    laps: dict[str, list[float]] = {name: [] for name in actions}
    for n in range(first, first + count):
        for name, action in actions.items():
            began = time.perf_counter()
            action(n)
            laps[name].append(time.perf_counter() - began)
    return laps


def bench_level(root: Path, history: int, samples: int) -> dict[str, dict[str, Any]]:
    """At one history size: ours, sqlite3 and an empty store of ours, replies taking turns;
    then, for ours, open time and memory in a bot-like process, queries and group commit."""
    path = root / "ours"
    seed_ours(path, history)
    probes = {"lazy": probe(path, lazy=True), "all_in_memory": probe(path, lazy=False)}
    checkpoints = checkpoint_series(path, root / "checkpoints", history, samples)
    first_open = first_opening(path, root / "upgraded")
    db, sqlite_one = open_sqlite(root / "sqlite.db", history)
    began = time.perf_counter()
    store = TinyDBStore(path)
    opened = time.perf_counter() - began
    first = query_times(store, history, rounds=1)
    empty = TinyDBStore(root / "empty")
    actions = {"ours": ours_reply(store), "sqlite3": sqlite_one, "ours_empty": ours_reply(empty)}
    laps = side_by_side(actions, history, samples)
    db.close()
    empty.close()
    result = summary(laps["ours"])
    result["open_s"] = opened
    result["first_open_s"] = first_open
    result["process"] = probes
    result["queries_first_us"] = first
    result["queries_us"] = query_times(store, history + samples)
    result["group_commit"] = group_commit(store, history + samples)
    began = time.perf_counter()
    store.checkpoint()  # what the reply that crosses the log-size threshold pays on top
    result["checkpoint_ms"] = (time.perf_counter() - began) * 1e3
    result["checkpoint_series"] = checkpoints
    store.close()
    return {
        "ours": result,
        "sqlite3": summary(laps["sqlite3"]),
        "ours_empty": summary(laps["ours_empty"]),
    }


def checkpoint_series(path: Path, copy: Path, history: int, samples: int) -> dict[str, Any]:
    """Durable replies on a copy of the store whose log is checkpointed every 256 KiB (about
    every 400 replies): what the replies that start or overlap a checkpoint pay."""
    shutil.copytree(path, copy)
    store = TinyDBStore(copy, checkpoint_bytes=CHECKPOINT_EVERY)
    generation = _generation(copy)
    one = ours_reply(store)
    one(history)  # the first save after opening may wait for the cold ids to be sorted
    found = summary(timed(one, history + 1, samples))
    found["checkpoints"] = _generation(copy) - generation
    store.close()
    shutil.rmtree(copy)
    return found


def _generation(path: Path) -> int:
    return int(json.loads((path / "state.json").read_bytes())["_meta"]["1"]["generation"])


def first_opening(path: Path, copy: Path) -> float:
    """Seconds to open a copy of the store without its month indexes, as the first opening
    after upgrading from a version that wrote none (the indexes are built then)."""
    shutil.copytree(path, copy)
    for index in (copy / "history").glob("*.idx.json"):
        index.unlink()
    began = time.perf_counter()
    TinyDBStore(copy).close()
    took = time.perf_counter() - began
    shutil.rmtree(copy)
    return took


def group_commit(store: TinyDBStore, first: int) -> dict[str, float]:
    """Replies per second: written one after another, then by 64 threads at once, then by 64
    asyncio tasks at once on one event loop (``store.atomic_async``, as the bot's updates
    commit; each reply acknowledged only once durable), in alternating rounds so that a change
    in the disk's speed during the run weighs on all alike. Beside them, what bounds the
    ratios: the interpreter's time per reply with fsync made a no-op, one thread (CPU1), 64
    threads (CPU64) and 64 tasks (CPU_async), and the disk's share of a sequential reply (fsync:
    its time less CPU1); a ratio cannot pass (fsync + CPU1) / CPU64 (threads) or (fsync + CPU1)
    / CPU_async (tasks). Also one task alone through the awaited path against the sequential
    rate (what awaiting the fsync in a worker thread costs an update with nobody to share it),
    and a bare fdatasync beside the store (``fsync_probe_ms``). Then the same three on a disk
    whose fsync takes :data:`SLOW_DISK_S` (``slow_disk``: each fdatasync, done for real, is
    followed by a sleep up to that time; a server's SATA disk or a network volume takes that
    long or longer), where the disk, not the interpreter, bounds the sequential rate."""

    def one(n: int) -> None:
        report, entry = reply(n)
        with store.atomic():
            store.reports.save(report)
            store.audit.append(entry)

    async def one_async(n: int) -> None:
        report, entry = reply(n)
        async with store.atomic_async():
            store.reports.save(report)
            store.audit.append(entry)

    batch = WRITERS * PER_WRITER
    sequential = concurrent = tasks = lone = cpu_one = cpu_many = cpu_tasks = 0.0
    slow_sequential = slow_concurrent = slow_tasks = 0.0
    fsyncs = fsyncs_tasks = slow_fsyncs = 0
    syncs: list[float] = []
    base = first
    for _ in range(GROUP_ROUNDS):
        sequential += one_after_another(one, base, batch)
        before = store.fsyncs
        concurrent += all_at_once(one, base + batch)
        fsyncs += store.fsyncs - before
        before = store.fsyncs
        tasks += all_at_once_async(one_async, base + 2 * batch)
        fsyncs_tasks += store.fsyncs - before
        lone += all_at_once_async(one_async, base + 6 * batch, writers=1)
        syncs += fsync_times(store.data_dir, 32)
        with no_fsync():
            cpu_one += one_after_another(one, base + 3 * batch, batch)
            cpu_many += all_at_once(one, base + 4 * batch)
            cpu_tasks += all_at_once_async(one_async, base + 5 * batch)
        with slow_fsync(SLOW_DISK_S):
            slow_sequential += one_after_another(one, base + 7 * batch, batch)
            slow_concurrent += all_at_once(one, base + 8 * batch)
            before = store.fsyncs
            slow_tasks += all_at_once_async(one_async, base + 9 * batch)
            slow_fsyncs += store.fsyncs - before
        base += 10 * batch
    total = batch * GROUP_ROUNDS
    return {
        "replies_per_fsync": total / max(fsyncs, 1),
        "writers": WRITERS,
        "replies": total,
        "sequential_per_s": total / sequential,
        "concurrent_per_s": total / concurrent,
        "ratio": sequential / concurrent,
        "fsync_ms": (sequential - cpu_one) / total * 1e3,
        "fsync_probe_ms": statistics.median(syncs) * 1e3,
        "cpu1_us": cpu_one / total * 1e6,
        "cpu64_us": cpu_many / total * 1e6,
        "ceiling": sequential / cpu_many,
        "async_per_s": total / tasks,
        "ratio_async": sequential / tasks,
        "replies_per_fsync_async": total / max(fsyncs_tasks, 1),
        "cpu_async_us": cpu_tasks / total * 1e6,
        "ceiling_async": sequential / cpu_tasks,
        "lone_async_over_sequential": lone / sequential,
        "slow_disk": {
            "fsync_ms": SLOW_DISK_S * 1e3,
            "sequential_per_s": total / slow_sequential,
            "ratio": slow_sequential / slow_concurrent,
            "ratio_async": slow_sequential / slow_tasks,
            "replies_per_fsync_async": total / max(slow_fsyncs, 1),
        },
    }


def one_after_another(one: Callable[[int], None], base: int, count: int) -> float:
    """Seconds for ``one(n)``, n in ``[base, base + count)``, one after another."""
    os.sync()
    began = time.perf_counter()
    for n in range(base, base + count):
        one(n)
    return time.perf_counter() - began


def all_at_once(one: Callable[[int], None], base: int) -> float:
    """Seconds for 64 threads doing 12 calls of ``one`` each, from ``base`` on (``turns``)."""

    def writer(w: int) -> None:
        for n in turns(base, w, WRITERS):
            one(n)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    os.sync()
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def all_at_once_async(
    one: Callable[[int], Awaitable[None]], base: int, writers: int = WRITERS
) -> float:
    """Seconds for 64 (``writers``) asyncio tasks on one event loop doing 768 calls of ``one``
    between them (12 each), from ``base`` on (``turns``)."""

    async def writer(w: int) -> None:
        for n in turns(base, w, writers):
            await one(n)

    async def everyone() -> float:
        began = time.perf_counter()
        await asyncio.gather(*(writer(w) for w in range(writers)))
        return time.perf_counter() - began

    os.sync()
    return asyncio.run(everyone())


def turns(base: int, writer: int, writers: int) -> range:
    """The replies writer ``writer`` of ``writers`` makes in a batch of 768 from ``base``: every
    ``writers``-th, so writers taking turns make them in the order of their stamps, as the bot
    stamps a report with the time it is handled (``reply(n)`` stamps later n later)."""
    return range(base + writer, base + WRITERS * PER_WRITER, writers)


def fsync_times(directory: Path, count: int) -> list[float]:
    """Seconds per fdatasync of a log-sized record overwriting zero-filled space in a file
    beside the store's (what one commit's fsync costs on this disk now)."""
    path = directory / "fsync-probe.tmp"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.pwrite(fd, bytes(count * 4096), 0)
        os.fsync(fd)
        laps = []
        for n in range(count):
            os.pwrite(fd, b"x" * 600, n * 4096)
            began = time.perf_counter()
            os.fdatasync(fd)
            laps.append(time.perf_counter() - began)
        return laps
    finally:
        os.close(fd)
        path.unlink()


@contextmanager
def slow_fsync(floor: float) -> Iterator[None]:
    """Make every fdatasync of the block take at least ``floor`` seconds: done for real, then
    a sleep for the rest (which, like the disk's wait, lets other threads run)."""
    real = os.fdatasync

    def slow(fd: int) -> None:
        began = time.perf_counter()
        real(fd)
        left = floor - (time.perf_counter() - began)
        if left > 0:
            time.sleep(left)

    os.fdatasync = slow
    try:
        yield
    finally:
        os.fdatasync = real


@contextmanager
def no_fsync() -> Iterator[None]:
    """Make fdatasync a no-op for the block (the interpreter's share of a commit, measured)."""
    real = os.fdatasync
    os.fdatasync = lambda fd: None
    try:
        yield
    finally:
        os.fdatasync = real


PROBE = """
import json, sys, time
began = time.perf_counter()
import bot.app  # everything the bot process imports
from storage.durable import TinyDBStore
imported = time.perf_counter() - began
sys.path.insert(0, {bench!r})
from store_bench import week_of_use
def rss(key="VmRSS"):  # (VmHWM, not ru_maxrss: a child inherits its parent's ru_maxrss)
    with open("/proc/self/status") as status:
        return int(status.read().split(key + ":")[1].split()[0]) / 1024
base = rss()
began = time.perf_counter()
store = TinyDBStore({path!r}, hot_months={hot})
opened = time.perf_counter() - began
after_open = rss()
began = time.perf_counter()
week_of_use(store)
week = time.perf_counter() - began
print(json.dumps({{"import_s": imported, "rss_imports_mb": base, "open_s": opened,
    "rss_open_mb": after_open, "week_s": week, "rss_week_mb": rss(),
    "peak_rss_mb": rss("VmHWM")}}))
store.abandon()
"""


def probe(path: Path, *, lazy: bool) -> dict[str, float]:
    """Open the store in a fresh bot-like process; its open time and resident memory. The
    process works on a copy, so the store measured next is untouched."""
    copy = path.with_name(f"{path.name}-probe")
    shutil.copytree(path, copy)
    os.sync()
    try:
        return _probe(copy, lazy=lazy)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _probe(path: Path, *, lazy: bool) -> dict[str, float]:
    code = PROBE.format(bench=str(Path(__file__).parent), path=str(path), hot=2 if lazy else None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def week_of_use(store: TinyDBStore) -> None:
    """A week's store work of a county: 400 replies, the digest and review windows, ``/task``
    on 20 measures (its trail and reports), the latest report of every measure."""
    total = len(store.collections["reports"])
    for n in range(total, total + MEASURES):
        report, entry = reply(n)
        with store.atomic():
            store.reports.save(report)
            store.audit.append(entry)
    now = START + timedelta(weeks=(total + MEASURES) // MEASURES)
    store.reports.between("t1", now - timedelta(weeks=1), now)
    store.reports.between("t1", now - timedelta(days=31), now)
    for measure in range(0, MEASURES, MEASURES // 20):
        store.reports.for_measure(f"m{measure}")
        store.audit.for_subject(f"m{measure}")
    for measure in range(MEASURES):
        store.reports.latest_for_measure(f"m{measure}")


def query_times(store: Any, total: int, rounds: int = 200) -> dict[str, float]:
    """Microseconds per indexed query on the newest week and one measure's history."""
    week = (total - 1) // MEASURES
    since = START + timedelta(weeks=week)
    queries: dict[str, Callable[[], object]] = {
        "for_cycle": lambda: store.reports.for_cycle(f"c{week}"),
        "for_measure": lambda: store.reports.for_measure("m7"),
        "between_week": lambda: store.reports.between("t1", since, since + timedelta(weeks=1)),
        "latest_for_measure": lambda: store.reports.latest_for_measure("m7"),
    }
    return {name: _per_call(query, rounds) * 1e6 for name, query in queries.items()}


def _per_call(query: Callable[[], object], rounds: int = 200) -> float:
    began = time.perf_counter()
    for _ in range(rounds):
        query()
    return (time.perf_counter() - began) / rounds


def bench_postgres(url: str, history: int, samples: int) -> dict[str, Any]:
    """The PostgreSQL adapter: seed history in a fresh schema, then time replies and queries."""
    import psycopg

    from storage.postgres import PostgresStore

    schema = f"bench_{os.getpid()}_{history}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    store = PostgresStore(f"{url}{separator}options=-csearch_path%3D{schema}")
    try:
        for first in range(0, history, 1000):
            with store.atomic():
                for n in range(first, min(history, first + 1000)):
                    report, entry = reply(n)
                    store.reports.save(report)
                    store.audit.append(entry)
        with store.connection() as conn:
            conn.execute("ANALYZE")

        def one(n: int) -> None:
            report, entry = reply(n)
            with store.atomic():
                store.reports.save(report)
                store.audit.append(entry)

        result = summary(timed(one, history, samples))
        result["queries_us"] = query_times(store, history + samples)
        return result
    finally:
        store.close()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def bench_naive(root: Path, history: int, samples: int) -> dict[str, Any]:
    """Default TinyDB: one table of every report, one insert (whole-file rewrite) per reply."""
    with TinyDB(root / "naive.json") as db:
        table = db.table("reports")
        table.insert_multiple(encode(reply(n)[0]) for n in range(history))
        return summary(timed(lambda n: table.insert(encode(reply(n)[0])), history, samples))


def open_sqlite(path: Path, history: int) -> tuple[sqlite3.Connection, Callable[[int], None]]:
    """sqlite3 in WAL mode with synchronous=FULL, seeded; one reply: report + audit row, one
    commit."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(SQLITE_SCHEMA)
    db.execute("BEGIN")
    db.executemany(INSERT_REPORT, (_report_row(reply(n)[0]) for n in range(history)))
    db.executemany(INSERT_AUDIT, (_audit_row(reply(n)[1]) for n in range(history)))
    db.execute("COMMIT")

    def one(n: int) -> None:
        report, entry = reply(n)
        db.execute("BEGIN")
        db.execute(INSERT_REPORT, _report_row(report))
        db.execute(INSERT_AUDIT, _audit_row(entry))
        db.execute("COMMIT")

    return db, one


SQLITE_SCHEMA = """
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE reports (id TEXT PRIMARY KEY, team_id TEXT, measure_id TEXT, cycle_id TEXT,
                      author_id TEXT, created_at TEXT, doc TEXT);
CREATE INDEX reports_measure ON reports (measure_id, created_at);
CREATE INDEX reports_team ON reports (team_id, created_at);
CREATE INDEX reports_cycle ON reports (cycle_id);
CREATE TABLE audit (id TEXT PRIMARY KEY, team_id TEXT, subject TEXT, at TEXT, doc TEXT);
CREATE INDEX audit_subject ON audit (subject, at);
"""
INSERT_REPORT = "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)"
INSERT_AUDIT = "INSERT INTO audit VALUES (?, ?, ?, ?, ?)"


def _report_row(report: Report) -> tuple[str | None, ...]:
    doc = encode(report)
    return (report.id, report.team_id, report.measure_id, report.cycle_id, report.author_id,
            doc["created_at"], json.dumps(doc, ensure_ascii=False))  # fmt: skip


def _audit_row(entry: AuditEntry) -> tuple[str | None, ...]:
    doc = encode(entry)
    return (entry.id, entry.team_id, entry.subject, doc["at"], json.dumps(doc, ensure_ascii=False))


def run(
    config: Config, log: Callable[[str], None], database_url: str | None = None
) -> dict[str, Any]:
    """Every measurement of the run, as one JSON-ready object."""
    results: dict[str, dict[str, Any]] = {
        "ours": {}, "sqlite3": {}, "ours_empty": {}, "naive_tinydb": {}
    }  # fmt: skip
    if database_url:
        results["postgres"] = {}
    for years in config.years:
        if database_url:
            history = int(years * PER_YEAR)
            log(f"postgres: {years} county-years ({history} reports), {config.samples} replies")
            results["postgres"][_key(years)] = bench_postgres(
                database_url, history, config.samples
            )
        history, key = int(years * PER_YEAR), _key(years)
        root = Path(tempfile.mkdtemp(prefix="duban-bench-"))
        try:
            log(f"ours, sqlite3, ours empty: {years} county-years ({history} reports), "
                f"{config.samples} replies each, taking turns")  # fmt: skip
            for name, found in bench_level(root, history, config.samples).items():
                results[name][key] = found
            samples = config.naive_samples[years]
            log(f"naive_tinydb: {years} county-years, {samples} replies")
            results["naive_tinydb"][key] = bench_naive(root, history, samples)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "config": {"years": list(config.years), "reports_per_year": PER_YEAR},
        "results": results,
        "ratios": ratios(results, config),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _key(years: float) -> str:
    return f"{years:g}y"


def ratios(results: dict[str, dict[str, Any]], config: Config) -> dict[str, float]:
    """The target figures, at the largest history of the run (p50 for latencies)."""
    full = _key(config.years[-1])
    ours = results["ours"][full]
    lazy = ours["process"]["lazy"]
    extra = {}
    if "postgres" in results:  # for information: PostgreSQL need not beat the embedded store
        extra["postgres_full_over_ours_full"] = (
            results["postgres"][full]["p50_ms"] / ours["p50_ms"]
        )
    return {
        **extra,
        "ours_full_over_ours_empty": ours["p50_ms"] / results["ours_empty"][full]["p50_ms"],
        "naive_full_over_ours_full": results["naive_tinydb"][full]["p50_ms"] / ours["p50_ms"],
        "ours_full_over_sqlite_full": ours["p50_ms"] / results["sqlite3"][full]["p50_ms"],
        "group_commit_full": ours["group_commit"]["ratio"],
        "group_commit_async_full": ours["group_commit"]["ratio_async"],
        "group_commit_async_slow_disk_full": ours["group_commit"]["slow_disk"]["ratio_async"],
        "open_full_s": lazy["open_s"],
        "rss_full_mb": max(lazy["rss_open_mb"], lazy["rss_week_mb"]),
    }


TARGETS = {
    "ours_full_over_ours_empty": ("<=", 1.5),
    "naive_full_over_ours_full": (">=", 10.0),
    "ours_full_over_sqlite_full": ("<=", 1.0),
    "group_commit_full": (">=", 5.0),
    "group_commit_async_full": (">=", 5.0),
    "open_full_s": ("<=", 0.5),
    "rss_full_mb": ("<=", 150.0),
}


def table(report: dict[str, Any]) -> str:
    """The human-readable result."""
    lines = [
        f"{'store':<14}{'history':>9}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}"
        f"{'replies/s':>11}{'samples':>9}"
    ]
    for name, by_years in report["results"].items():
        for key, row in by_years.items():
            lines.append(
                f"{name:<14}{key:>9}{row['p50_ms']:>10.3f}{row['p99_ms']:>10.3f}{row['max_ms']:>10.1f}"
                f"{row['ops_per_s']:>11.0f}{row['samples']:>9}"
            )
    lines.append("")
    for key, row in report["results"]["ours"].items():
        queries = ", ".join(f"{q} {us:.0f} us" for q, us in row["queries_us"].items())
        firsts = ", ".join(f"{q} {us:.0f} us" for q, us in row["queries_first_us"].items())
        lines.append(
            f"ours {key}: open {row['open_s']:.2f} s (without month indexes: "
            f"{row['first_open_s']:.2f} s), checkpoint {row['checkpoint_ms']:.0f} ms; "
            f"{queries}; first call: {firsts}"
        )
        series = row["checkpoint_series"]
        lines.append(
            f"ours {key}, checkpoint every 256 KiB ({series['checkpoints']} in "
            f"{series['samples']} replies): p50 {series['p50_ms']:.3f} ms, p99 "
            f"{series['p99_ms']:.3f} ms, max {series['max_ms']:.1f} ms"
        )
    lines += ["", f"{'bot process':<14}{'history':>9}{'open s':>9}{'RSS imports':>13}"
              f"{'RSS open':>10}{'RSS week':>10}{'week s':>8}"]  # fmt: skip
    for key, row in report["results"]["ours"].items():
        for mode, found in row["process"].items():
            lines.append(
                f"{mode:<14}{key:>9}{found['open_s']:>9.2f}{found['rss_imports_mb']:>13.0f}"
                f"{found['rss_open_mb']:>10.0f}{found['rss_week_mb']:>10.0f}{found['week_s']:>8.2f}"
            )
    lines.append("")
    for key, row in report["results"]["ours"].items():
        found = row["group_commit"]
        lines.append(
            f"group commit {key}: {found['writers']} writers {found['concurrent_per_s']:.0f}/s, "
            f"sequential {found['sequential_per_s']:.0f}/s, ratio {found['ratio']:.2f}, "
            f"{found['replies_per_fsync']:.1f} replies per fsync; "
            f"fsync {found['fsync_ms']:.2f} ms (bare {found['fsync_probe_ms']:.2f} ms), "
            f"CPU1 {found['cpu1_us']:.0f} us, "
            f"CPU64 {found['cpu64_us']:.0f} us, "
            f"ceiling (fsync + CPU1) / CPU64 {found['ceiling']:.2f}"
        )
        lines.append(
            f"group commit {key}, {found['writers']} asyncio tasks: "
            f"{found['async_per_s']:.0f}/s, ratio {found['ratio_async']:.2f}, "
            f"{found['replies_per_fsync_async']:.1f} replies per fsync; "
            f"CPU_async {found['cpu_async_us']:.0f} us, "
            f"ceiling (fsync + CPU1) / CPU_async {found['ceiling_async']:.2f}; "
            f"one task alone / sequential {found['lone_async_over_sequential']:.2f}"
        )
        slow = found["slow_disk"]
        lines.append(
            f"group commit {key}, fsync {slow['fsync_ms']:g} ms (slower disk): sequential "
            f"{slow['sequential_per_s']:.0f}/s, {found['writers']} threads ratio "
            f"{slow['ratio']:.2f}, {found['writers']} asyncio tasks ratio "
            f"{slow['ratio_async']:.2f}, {slow['replies_per_fsync_async']:.1f} replies per fsync"
        )
    for key, row in report["results"].get("postgres", {}).items():
        queries = ", ".join(f"{q} {us:.0f} us" for q, us in row["queries_us"].items())
        lines.append(f"postgres {key}: {queries}")
    lines.append("")
    for name, value in report["ratios"].items():
        if name not in TARGETS:
            lines.append(f"{name:<30}{value:>8.2f}  (for information)")
            continue
        sign, target = TARGETS[name]
        met = value <= target if sign == "<=" else value >= target
        verdict = "ok" if met else "MISSED"
        lines.append(f"{name:<30}{value:>8.2f}  (target {sign} {target:g}: {verdict})")
    lines.append(f"max RSS {report['max_rss_mb']:.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="small histories, few samples")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DUBAN_BENCH_DATABASE_URL"),
        help="also measure the PostgreSQL adapter in this database (schemas are created there)",
    )
    args = parser.parse_args(argv)
    config = QUICK if args.quick else FULL
    began = time.perf_counter()
    report = run(config, lambda line: print(line, file=sys.stderr, flush=True), args.database_url)
    report["seconds"] = time.perf_counter() - began
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
