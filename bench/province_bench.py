"""Province scale: 100 teams, 50,000 officials, 40,000 measures and a year of history.

Run ``.venv/bin/python bench/province_bench.py [--quick] [--json] [--database-url URL]`` (the URL
of a PostgreSQL server whose user may create databases; default ``DUBAN_BENCH_DATABASE_URL`` or
``DUBAN_TEST_DATABASE_URL``, e.g. from ``scripts/postgres.sh start``). In one run it:

1. **seeds** the province into a fresh database ``duban_province`` with ``COPY`` into the
   adapter's own tables (schema made by opening a ``PostgresStore``), and one team's share (a
   county: 500 officials, 400 measures, the same year) into an embedded TinyDB store;
2. measures the **durable reply** (a report and its audit entry committed together) on both
   stores, taking turns reply by reply;
3. runs the real ``Application`` over PostgreSQL against the sandbox (Telegram's flood limits on)
   and measures, with a probe asking the event loop for a wake-up every 5 ms, the **longest
   stall** other users would see during the weekly dispatch, a status press, a typed report,
   ``/digest`` and ``/export``: once with the heavy reads on the event loop (as before) and once
   in the worker pool (``bot.services.common.offload``, what a database store gets now); the
   same operations over the embedded county for comparison. The dispatch
   (``RhythmRunner.dispatch`` of the prompt event, its planning and its sends timed apart) also
   gives the weekly dispatch's **wall ÷ (N ÷ 30 s)** for one team's N officials, and its 429s;
   what else ``run_due`` finds due at the prompt time (the catch-up) is run and timed after it;
4. (unless ``--skip-processes``) the old throughput phase, 1, 2 and 4 ``duban run`` processes
   each with a bot token of its own: not valid since the shared intake (each process sweeps
   the others' pending updates). ``bench/scaleout_bench.py`` measures the throughput as a
   province runs it, one token behind a balancer.

``--quick`` (a few minutes): 10 teams, 13 weeks of history, fewer samples and users. Not a timed
test: read the figures side by side. See ``bench/README.md`` for the JSON keys.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
from province_seed import NOW, TZ, Shape, copy_into, measure_id, save_into, team_id, telegram_id
from upload_stall_bench import stalls as wake_ups

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.domain.audit import Action, AuditEntry
from bot.domain.clock import ManualClock
from bot.domain.ports import Store
from bot.domain.work import Report, ReportStatus
from bot.render.rhythm.ledger import ledger_file
from bot.rhythm.events import EventKind
from bot.rhythm.schedule import weekly_cycle_id
from bot.services.common.offload import Offload
from sandbox import Sandbox
from storage.durable import TinyDBStore
from storage.postgres import PostgresStore

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM_RATE = 30.0
DB_NAME = "duban_province"
WAIT = 600.0  # seconds a user waits: a process handles its updates one at a time
LOGS = Path(tempfile.gettempdir()) / "duban-province-bench"  # each duban run's output
WEEK = weekly_cycle_id("", (NOW - timedelta(days=3)).date())  # ".w20241007"


@dataclass(frozen=True)
class Config:
    """What one run measures."""

    shape: Shape
    replies: int
    processes: tuple[int, ...]
    users_per_process: int


FULL = Config(Shape(), replies=1000, processes=(1, 2, 4), users_per_process=40)
QUICK = Config(Shape(teams=10, weeks=13), replies=200, processes=(1, 2, 4), users_per_process=30)


# -- seeding ------------------------------------------------------------------------------------


def fresh_database(server_url: str) -> str:
    """Drop and create the benchmark's database; its URL."""
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    return server_url.rsplit("/", 1)[0] + f"/{DB_NAME}"


def seed_postgres(url: str, shape: Shape) -> dict[str, Any]:
    """The whole province through COPY; seconds, rows and the database's size."""
    started = time.perf_counter()
    store = PostgresStore(url, pool_max=2)
    with store.connection() as conn:
        rows = copy_into(conn, shape)
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    store.close()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "rows": rows,
        "rows_total": sum(rows.values()),
        "database_mb": round(int(size[0] if size else 0) / 2**20),
    }


def seed_embedded(directory: Path, shape: Shape) -> dict[str, Any]:
    """One team (a county's share) through the Store port; seconds and entities."""
    started = time.perf_counter()
    store = TinyDBStore.open(directory)
    entities = save_into(store, shape, 0)
    store.close()
    return {"seconds": round(time.perf_counter() - started, 1), "entities": entities}


# -- durable reply ------------------------------------------------------------------------------


def reply(n: int, shape: Shape, team: int) -> tuple[Report, AuditEntry]:
    """The n-th benchmark reply, on a measure of ``team``."""
    at = NOW + timedelta(minutes=n)
    mid = measure_id(team, n % shape.measures)
    report = Report(
        f"bench-r{team}-{n}", team_id(team), mid, f"{team_id(team)}p{n % shape.officials:04d}",
        ReportStatus.ON_TRACK, at, team_id(team) + WEEK, progress=n % 100,
        progress_text="已完成项目可研批复，正在开展施工图设计。",
    )  # fmt: skip
    entry = AuditEntry(f"bench-a{team}-{n}", team_id(team), at, report.author_id,
                       Action.REPORTED, mid, {"report": report.id})  # fmt: skip
    return report, entry


def durable_replies(stores: dict[str, Store], shape: Shape, samples: int) -> dict[str, Any]:
    """Each store takes a reply in turn; p50/p99/max per store (ms)."""
    times: dict[str, list[float]] = {name: [] for name in stores}
    for n in range(samples):
        for name, store in stores.items():
            team = n % shape.teams if name == "postgres" else 0
            report, entry = reply(n, shape, team)
            started = time.perf_counter()
            with store.atomic():
                store.reports.save(report)
                store.audit.append(entry)
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: _latency(values) for name, values in times.items()}


def _latency(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 3),
        "max_ms": round(ordered[-1], 3),
        "samples": len(ordered),
    }


# -- stalls -------------------------------------------------------------------------------------


async def stalls(work: Callable[[], Awaitable[object]]) -> dict[str, float]:
    """The longest lateness of a 5 ms wake-up while ``work`` runs, and how long it took."""
    late, took = await wake_ups(work)
    return {"max_stall_ms": round(max(late), 1), "took_s": round(took, 2)}


def register(sb: Sandbox, shape: Shape, team: int) -> list[int]:
    """The team's lead and officials as sandbox users who started the bot; their chat ids."""
    ids = []
    for person in range(shape.officials + 1):
        user = sb.create_user(f"官员{team}-{person}", language_code="zh-hans",
                              user_id=telegram_id(team, person))  # fmt: skip
        user.record.started = True
        sb.world.private_chat(user.record)
        ids.append(user.id)
    return ids


def set_paused(store: Store, teams: range, paused: bool) -> None:
    """Pause or resume the teams' rhythm (the throughput processes run no rhythm)."""
    with store.atomic():
        for team in teams:
            settings = store.settings.get(team_id(team))
            assert settings is not None
            store.settings.save(replace(settings, paused=paused))


def received(sb: Sandbox, chat_ids: list[int]) -> Counter[int]:
    """Bot messages per chat."""
    bot_id = sb.world.bot.id
    counts: Counter[int] = Counter()
    for chat_id in chat_ids:
        chat = sb.world.chats.get(chat_id)
        if chat is not None:
            counts[chat_id] = sum(1 for m in chat.live_messages() if m.sender_id == bot_id)
    return counts


async def operations(store: Store, shape: Shape, teams: dict[str, int]) -> dict[str, Any]:
    """Dispatch, press, typed report, /digest and /export on one team per variant."""
    results: dict[str, Any] = {}
    async with Sandbox(rate_limits=True) as sb:
        settings = Settings(token=SecretStr(sb.token), bot_api_url=sb.url, timezone=TZ)
        app = build_application(settings, store=store, clock=ManualClock(NOW, TZ))
        services = app.bot_data.services
        threads = services.deps.offload
        async with app:
            for variant, team in teams.items():
                chats = register(sb, shape, team)
                services.deps.offload = threads if variant == "worker_pool" else Offload()
                results[variant] = await _operations(app, sb, shape, team, chats)
        threads.close()
    return results


async def _operations(
    app: Any, sb: Sandbox, shape: Shape, team: int, chats: list[int]
) -> dict[str, Any]:
    services = app.bot_data.services
    runner = app.bot_data.rhythm.runner()
    tid = team_id(team)
    set_paused(services.store, range(team, team + 1), False)
    # the weekly dispatch alone (open the cycle, plan and send the prompts), then what else
    # was due at the prompt time (the start-up catch-up: claim notices, escalations, deadlines)
    due = await services.deps.offload.run(services.rhythm.due, tid)
    window = next(e.window for e in due if e.kind is EventKind.PROMPT and not e.missed)
    assert window is not None
    sb.counters.reset()
    marks = _time_sends(runner)
    marks["start"] = time.perf_counter()
    out: dict[str, Any] = {"dispatch": await stalls(lambda: runner.dispatch(window))}
    del runner.outbox.run  # the outbox's own method again (the catch-up's sends are not timed)
    sent = sb.counters.calls["sendMessage"]
    http_429 = sb.counters.rate_limited
    counts = received(sb, chats[1:])
    sb.counters.reset()
    out["catch_up"] = await stalls(lambda: runner.run_due(tid))
    out["catch_up"].update(messages=sb.counters.calls["sendMessage"],
                           http_429=sb.counters.rate_limited)  # fmt: skip
    set_paused(services.store, range(team, team + 1), True)
    officials = shape.officials
    wall = out["dispatch"]["took_s"]
    prompted = min(officials, shape.measures)  # one task each: the officials with a task
    out["dispatch"].update(
        prompted=prompted,
        messages=sent,
        ideal_s=round(prompted / TELEGRAM_RATE, 2),
        ratio=round(wall / (prompted / TELEGRAM_RATE), 3),
        planning_s=round(marks["first"] - marks["start"], 2),
        sending_s=round(marks["last"] - marks["first"], 2),
        send_ratio=round((marks["last"] - marks["first"]) / (prompted / TELEGRAM_RATE), 3),
        http_429=http_429,
        lost=sum(1 for c in chats[1 : shape.measures + 1] if counts[c] == 0),
        duplicated=sum(1 for c in chats[1:] if counts[c] > 1),
    )
    official = services.auth.resolve(telegram_id(team, 1))  # p0000, task m0000
    second = services.auth.resolve(telegram_id(team, 2))  # p0001, task m0001: no report yet
    lead = services.auth.resolve(telegram_id(team, 0))
    cycle = tid + WEEK
    out["status_press"] = await stalls(lambda: services.prompts.answer_off_loop(
        official, cycle, measure_id(team, 0), ReportStatus.BEHIND))  # fmt: skip

    filed: list[bool] = []

    async def typed() -> object:
        text = "进展：设备已进场。问题：用地指标尚未落实。"  # a typed reply about the task
        saved = await services.reports.add_reply_off_loop(second, measure_id(team, 1), text)
        filed.append(saved.report.status is None)  # a new report (else it amended one)
        return saved

    out["typed_report"] = await stalls(typed)
    out["typed_report"]["new_report"] = filed == [True]
    out["digest"] = await stalls(lambda: runner.digest(tid, record=False))
    out["export"] = await stalls(lambda: services.digests.export_off_loop(lead, tid, ledger_file))
    return out


def _time_sends(runner: Any) -> dict[str, float]:
    """When the runner's outbox starts and ends sending (its first and last ``run``): the
    dispatch's planning (open the cycle, read the prompts' views) is what comes before."""
    marks: dict[str, float] = {}
    run = runner.outbox.run

    async def timed(*args: Any, **kwargs: Any) -> Any:
        marks.setdefault("first", time.perf_counter())
        try:
            return await run(*args, **kwargs)
        finally:
            marks["last"] = time.perf_counter()

    runner.outbox.run = timed
    return marks


# -- processes ----------------------------------------------------------------------------------


async def throughput(url: str, shape: Shape, processes: int, users: int) -> dict[str, Any]:
    """``processes`` × ``duban run`` on one database, each with its own sandbox and users."""
    LOGS.mkdir(exist_ok=True)
    async with contextlib.AsyncExitStack() as stack:
        boxes = [await stack.enter_async_context(Sandbox(rate_limits=False))
                 for _ in range(processes)]  # fmt: skip
        chats: list[list[Any]] = []
        children = []
        logs: list[Path] = []
        for number, sb in enumerate(boxes):
            # update ids of their own: per process, and per run (the journal is in the database)
            nonce = int(time.time() * 10) % 10**8
            sb.world.updates._next_id = (number + 1) * 10**12 + nonce * 1000
            team = number  # process n serves team n's first officials (each has one task)
            mine = []
            for person in range(1, users + 1):
                user = sb.create_user(f"官员{person}", language_code="zh-hans",
                                      user_id=telegram_id(team, person))  # fmt: skip
                user.record.started = True
                mine.append(user.private)
            chats.append(mine)
            logs.append(LOGS / f"run-{processes}-{number}.log")
            children.append(await _spawn(url, sb, logs[-1]))
        try:
            await asyncio.gather(*(_ready(log) for log in logs))
            before = _commits(url)
            started = time.perf_counter()
            asked = await asyncio.gather(*(_ask(chat) for mine in chats for chat in mine))
            read_s = time.perf_counter() - started
            started = time.perf_counter()
            everyone = [chat for mine in chats for chat in mine]
            acked = await asyncio.gather(
                *(_press(chat, prompt) for chat, prompt in zip(everyone, asked, strict=True))
            )
            press_s = time.perf_counter() - started
            commits = _commits(url) - before
            recorded = _recorded_since(url, started)
        finally:
            for child in children:
                child.terminate()
            for child in children:
                await child.wait()
    total = len(asked)
    return {
        "processes": processes,
        "users": total,
        "report_per_s": round(total / read_s, 1),
        "press_per_s": round(total / press_s, 1),
        "presses_acknowledged": sum(acked),
        "updates_per_s": round(2 * total / (read_s + press_s), 1),
        "reports_recorded": recorded,
        "commits": commits,
    }


def _recorded_since(url: str, started: float) -> int:
    """Reports filed in the last ``time.perf_counter() - started`` seconds (the presses)."""
    seconds = time.perf_counter() - started + 5
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM reports WHERE created_at > now() - make_interval(secs => %s)",
            (seconds,),
        ).fetchone()
    return int(row[0]) if row else 0


async def _spawn(url: str, sb: Sandbox, log: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "DUBAN_BOT_TOKEN": sb.token, "DUBAN_BOT_API_URL": sb.url,
           "DUBAN_DATABASE_URL": url, "DUBAN_LOG_LEVEL": "INFO"}  # fmt: skip
    code = "import sys; from bot.cli.run import run; sys.exit(run(None))"
    with log.open("wb") as out:  # the child keeps its own descriptor
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, env=env, cwd=ROOT, stdout=out, stderr=out,
        )  # fmt: skip


async def _ready(log: Path) -> None:
    """Until the process says it runs (its start-up, the intake's replay included, is over:
    several processes on one journal would otherwise take each other's pending updates)."""
    while b"Duban is running" not in log.read_bytes():  # noqa: ASYNC110, ASYNC240 - a log file
        await asyncio.sleep(0.2)


async def _ask(chat: Any) -> Any:
    await chat.send("/report")
    return await chat.wait_for_message("本周进展如何", timeout=WAIT)


async def _press(chat: Any, prompt: Any) -> bool:
    answer = await chat.press("🟢 正常推进", message=prompt, timeout=WAIT)
    return answer is not None


def _commits(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


# -- main ---------------------------------------------------------------------------------------


def progress(phase: str, figures: object) -> None:
    """One line on stderr as each phase ends."""
    print(f"{phase}: {json.dumps(figures, ensure_ascii=False)}", file=sys.stderr, flush=True)


async def run(config: Config, server_url: str, skip_processes: bool) -> dict[str, Any]:
    """Every phase, one after the other."""
    shape = config.shape
    url = fresh_database(server_url)
    result: dict[str, Any] = {"shape": {
        "teams": shape.teams, "officials_per_team": shape.officials,
        "measures_per_team": shape.measures, "weeks": shape.weeks,
        "officials": shape.total_officials, "measures": shape.total_measures}}  # fmt: skip
    result["seed"] = {"postgres": seed_postgres(url, shape)}
    progress("seeded", result["seed"])
    with tempfile.TemporaryDirectory() as tmp:
        result["seed"]["embedded"] = seed_embedded(Path(tmp), shape)
        pg, tiny = PostgresStore(url), TinyDBStore.open(Path(tmp))
        result["durable_reply"] = durable_replies({"postgres": pg, "embedded": tiny}, shape,
                                                  config.replies)  # fmt: skip
        progress("durable reply", result["durable_reply"])
        result["stalls"] = {
            "postgres": await operations(pg, shape, {"event_loop": 1 % shape.teams,
                                                     "worker_pool": 2 % shape.teams}),
            "embedded": await operations(tiny, shape, {"event_loop": 0}),
        }  # fmt: skip
        progress("stalls", result["stalls"])
        pg.close()
        tiny.close()
    if not skip_processes:
        result["throughput"] = []
        for n in config.processes:
            result["throughput"].append(await throughput(url, shape, n, config.users_per_process))
            progress("throughput", result["throughput"][-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 teams, 13 weeks, fewer samples")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--database-url", help="a PostgreSQL server (its user creates databases)")
    parser.add_argument("--skip-processes", action="store_true", help="no throughput phase")
    parser.add_argument(
        "--throughput-only",
        metavar="N,…",
        help="only these process counts, on an earlier run's database",
    )
    args = parser.parse_args(argv)
    url = (args.database_url or os.environ.get("DUBAN_BENCH_DATABASE_URL")
           or os.environ.get("DUBAN_TEST_DATABASE_URL"))  # fmt: skip
    if not url:
        parser.error("give --database-url (e.g. from scripts/postgres.sh start)")
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    config = QUICK if args.quick else FULL
    if args.throughput_only:
        database = url.rsplit("/", 1)[0] + f"/{DB_NAME}"
        users = config.users_per_process
        counts = [int(n) for n in args.throughput_only.split(",")]
        result = {"throughput": [asyncio.run(throughput(database, config.shape, n, users))
                                 for n in counts]}  # fmt: skip
    else:
        result = asyncio.run(run(config, url, args.skip_processes))
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
