"""Throughput of 1, 2 and 4 ``duban run`` processes sharing one bot token and one database.

Run ``.venv/bin/python bench/scaleout_bench.py [--quick] [--json] [--database-url URL]`` (a
PostgreSQL server whose user may create databases; default ``DUBAN_BENCH_DATABASE_URL`` or
``DUBAN_TEST_DATABASE_URL``, e.g. from ``scripts/postgres.sh start``). As a province runs it, and
as ``tests/e2e/test_two_processes.py`` does: one sandbox (one bot token) delivers every update
to a round-robin balancer (``tests/e2e/balancer.py``, what Caddy's ``lb_policy round_robin`` does
in ``deploy/``), which forwards it to N ``duban run`` processes in webhook mode on one database.
Each update is journaled by the process that receives it and claimed by one process (the
shared intake, its cross-process sweep included); any process may answer any user.

The database is seeded by ``province_seed.copy_into`` (default: 10 teams of 500 officials and
400 measures, 13 weeks of history; the teams' rhythm paused, so only the users' updates run).
The same officials (one task each, spread over the teams) each send ``/report`` (a read: the
task and its status buttons), wait for it, then press 🟢 (a durable write, acknowledged by the
button's answer). Per process count it reports updates handled per second, presses
acknowledged and the reports found in the database, and the evidence of what limits it: CPU
seconds used by the bot processes, by PostgreSQL and by this process (the sandbox, the
balancer and the users), and ``pg_stat_activity`` sampled every 50 ms (what the database's
sessions were doing: running, waiting on a lock, on the WAL, or idle in a transaction). Not a
timed test: read the figures side by side. See ``bench/README.md`` for the JSON keys.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
from province_seed import Shape, copy_into, official_id, team_id, telegram_id

from sandbox import Sandbox
from sandbox.testing import free_port
from storage.postgres import PostgresStore

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.balancer import RoundRobin  # noqa: E402 - the balancer the two-process test uses

DB_NAME = "duban_scaleout"
WAIT = 600.0  # seconds a user waits for an answer
LOGS = Path(tempfile.gettempdir()) / "duban-scaleout-bench"  # each duban run's output
SECRET = "scaleout"
ASK, GREEN = "本周进展如何", "🟢 正常推进"
FULL = (Shape(teams=10, weeks=13), 240)
QUICK = (Shape(teams=4, weeks=4), 80)
PROVINCE = (Shape(), 240)  # 100 teams, 50,000 officials, 40,000 measures, a year of history


# -- seeding ------------------------------------------------------------------------------------


def seed(server_url: str, shape: Shape) -> tuple[str, dict[str, Any]]:
    """A fresh database with the shape's province, every team's rhythm paused."""
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    url = server_url.rsplit("/", 1)[0] + f"/{DB_NAME}"
    started = time.perf_counter()
    store = PostgresStore(url, pool_max=2)
    with store.connection() as conn:
        rows = copy_into(conn, shape)
    with store.atomic():
        for team in range(shape.teams):
            settings = store.settings.get(team_id(team))
            assert settings is not None
            store.settings.save(replace(settings, paused=True))
    store.close()
    seconds = round(time.perf_counter() - started, 1)
    return url, {"seconds": seconds, "rows_total": sum(rows.values())}


def officials(shape: Shape, users: int) -> list[tuple[int, int]]:
    """``users`` officials with one task each, spread over the teams: (team, person number)."""
    return [(n % shape.teams, 1 + n // shape.teams) for n in range(users)]


# -- evidence -----------------------------------------------------------------------------------


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used, its threads included."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _postgres_pids(conn: psycopg.Connection[Any]) -> list[int]:
    """The server's processes: its postmaster's children and the postmaster itself."""
    row = conn.execute("SELECT setting FROM pg_settings WHERE name = 'data_directory'").fetchone()
    try:
        master = int(Path(str(row[0] if row else ""), "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError):
        return []
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[1]) == master:
                    children.append(int(entry.name))
    return [master, *children]


def _machine_busy() -> tuple[float, float]:
    """The machine's busy and total CPU seconds since boot (every core, everyone's work)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]
    return (sum(values) - idle) / tick, sum(values) / tick


class Sampler:
    """Samples the database's sessions (``pg_stat_activity``) in a thread every 50 ms."""

    QUERY = (
        "SELECT state, coalesce(wait_event_type, ''), coalesce(wait_event, '') "
        "FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )

    def __init__(self, url: str) -> None:
        self._url = url
        self.samples = 0
        self.seen: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with psycopg.connect(self._url, autocommit=True) as conn:
            while not self._stop.wait(0.05):
                self.samples += 1
                for state, kind, event in conn.execute(self.QUERY).fetchall():
                    if state == "active":
                        self.seen[f"active:{kind}:{event}" if kind else "active:running"] += 1
                    elif state == "idle in transaction":
                        self.seen["idle_in_transaction"] += 1

    def summary(self) -> dict[str, Any]:
        """Mean sessions per sample in each state (the top ones), and the samples taken."""
        per = max(1, self.samples)
        top = {k: round(v / per, 3) for k, v in self.seen.most_common(8)}
        active = sum(v for k, v in self.seen.items() if k.startswith("active"))
        return {"samples": self.samples, "mean_active": round(active / per, 3), "states": top}


class TimedBalancer(RoundRobin):
    """The round-robin balancer, timing each webhook call (the sandbox delivers one update at a
    time and waits for the answer, so these times add up to the delivery's share of the run)."""

    def __init__(self, backends: list[int]) -> None:
        super().__init__(backends)
        self.took: list[float] = []

    async def _forward(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            return await super()._forward(path, headers, body)
        finally:
            self.took.append(time.perf_counter() - started)

    def summary(self, wall: float) -> dict[str, Any]:
        """Webhook calls: how many, their p50/p99 (ms), and their total as a share of ``wall``."""
        ordered = sorted(self.took) or [0.0]
        return {
            "calls": len(self.took),
            "p50_ms": round(1000 * ordered[len(ordered) // 2], 1),
            "p99_ms": round(1000 * ordered[max(0, int(len(ordered) * 0.99) - 1)], 1),
            "busy_share": round(sum(self.took) / wall, 3),
        }


# -- one phase ----------------------------------------------------------------------------------


def _env(sb: Sandbox, url: str, public: str, port: int) -> dict[str, str]:
    return {**os.environ, "DUBAN_BOT_TOKEN": sb.token, "DUBAN_BOT_API_URL": sb.url,
            "DUBAN_DATABASE_URL": url, "DUBAN_WEBHOOK_URL": public,
            "DUBAN_WEBHOOK_LISTEN": "127.0.0.1", "DUBAN_WEBHOOK_PORT": str(port),
            "DUBAN_WEBHOOK_SECRET": SECRET, "DUBAN_LOG_LEVEL": "INFO"}  # fmt: skip


async def _spawn(env: dict[str, str], log: Path, profile: bool) -> asyncio.subprocess.Process:
    code = "import sys; from bot.cli.run import run; sys.exit(run(None))"
    if profile:  # its profile beside its log, written when it stops
        code = (f"import cProfile, sys; from bot.cli.run import run; "
                f"cProfile.run('run(None)', {str(log.with_suffix('.prof'))!r})")  # fmt: skip
    with log.open("wb") as out:  # the child keeps its own descriptor
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, env=env, cwd=ROOT, stdout=out, stderr=out,
        )  # fmt: skip


async def _ready(log: Path) -> None:
    """Until the process says it runs (its start-up and the intake's replay are over)."""
    while b"Duban is running" not in log.read_bytes():  # noqa: ASYNC110, ASYNC240 - a log file
        await asyncio.sleep(0.2)


async def _ask(chat: Any) -> Any:
    await chat.send("/report")
    return await chat.wait_for_message(ASK, timeout=WAIT)


async def _press(chat: Any, prompt: Any) -> bool:
    return await chat.press(GREEN, message=prompt, timeout=WAIT) is not None


def _recorded(url: str, authors: list[str], since: Any) -> int:
    """Reports by ``authors`` filed since the database's time ``since`` (the presses)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM reports WHERE created_at >= %s AND author_id = ANY(%s)",
            (since, authors),
        ).fetchone()
    return int(row[0]) if row else 0


def _db_now_and_commits(url: str) -> tuple[Any, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT now(), xact_commit FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    assert row is not None
    return row[0], int(row[1])


async def phase(
    url: str, people: list[tuple[int, int]], n: int, profile: bool = False
) -> dict[str, Any]:
    """``n`` processes behind the balancer; every official asks and presses once."""
    LOGS.mkdir(exist_ok=True)
    async with Sandbox(rate_limits=False) as sb:
        # update ids new to the journal (it is in the database, and kept across phases)
        sb.world.updates._next_id = (int(time.time()) % 10**6) * 10**6
        chats = []
        for team, person in people:
            user = sb.create_user(f"官员{team}-{person}", language_code="zh-hans",
                                  user_id=telegram_id(team, person))  # fmt: skip
            user.record.started = True
            chats.append(user.private)
        ports = [free_port() for _ in range(n)]
        balancer = TimedBalancer(ports)
        async with balancer:
            public = f"http://127.0.0.1:{balancer.port}/hook"
            logs = [LOGS / f"run-{n}-{k}.log" for k in range(n)]
            children = [await _spawn(_env(sb, url, public, port), log, profile)
                        for port, log in zip(ports, logs, strict=True)]  # fmt: skip
            try:
                await asyncio.gather(*(_ready(log) for log in logs))
                with psycopg.connect(url, autocommit=True) as conn:
                    server = _postgres_pids(conn)
                pids = [c.pid for c in children]
                cpu_before = ([_cpu_of(p) for p in pids], sum(map(_cpu_of, server)),
                              time.process_time(), _machine_busy())  # fmt: skip
                _, commits_before = _db_now_and_commits(url)
                balancer.took.clear()  # the start-up's calls (none: no update yet) aside
                with Sampler(url) as sampler:
                    started = time.perf_counter()
                    asked = await asyncio.gather(*(_ask(chat) for chat in chats))
                    read_s = time.perf_counter() - started
                    since, _ = _db_now_and_commits(url)
                    started = time.perf_counter()
                    acked = await asyncio.gather(
                        *(_press(chat, prompt) for chat, prompt in zip(chats, asked, strict=True))
                    )
                    press_s = time.perf_counter() - started
                _, commits_after = _db_now_and_commits(url)
                cpu = _cpu_used(cpu_before, pids, server, read_s + press_s)
            finally:
                for child in children:
                    child.terminate()
                for child in children:
                    await child.wait()
            delivered = sorted(balancer.delivered.values())
            webhook = balancer.summary(read_s + press_s)
    authors = [official_id(team, person - 1) for team, person in people]
    users = len(people)
    return {
        "processes": n,
        "users": users,
        "report_per_s": round(users / read_s, 1),
        "press_per_s": round(users / press_s, 1),
        "updates_per_s": round(2 * users / (read_s + press_s), 1),
        "presses_acknowledged": sum(acked),
        "reports_recorded": _recorded(url, authors, since),
        "delivered_per_process": delivered,
        "webhook": webhook,
        "commits": commits_after - commits_before,
        "cpu": cpu,
        "pg_activity": sampler.summary(),
    }


def _cpu_used(before: Any, pids: list[int], server: list[int], wall: float) -> dict[str, Any]:
    """CPU seconds per component over the phase, and the machine's busy cores meanwhile."""
    bots_before, pg_before, own_before, (busy_before, total_before) = before
    busy, total = _machine_busy()
    cores = os.cpu_count() or 1
    bots = [round(_cpu_of(p) - b, 2) for p, b in zip(pids, bots_before, strict=True)]
    return {
        "wall_s": round(wall, 2),
        "bots_s": bots,
        "postgres_s": round(sum(map(_cpu_of, server)) - pg_before, 2),
        "bench_s": round(time.process_time() - own_before, 2),
        "machine_busy_cores": round(
            cores * (busy - busy_before) / max(1e-9, total - total_before), 2
        ),
        "cores": cores,
    }


# -- main ---------------------------------------------------------------------------------------


async def run(
    server_url: str, shape: Shape, users: int, counts: list[int], profile: bool, reuse: bool
) -> dict[str, Any]:
    """Seed (unless ``reuse``: an earlier run's database of the same shape), then one phase per
    process count."""
    seeded: dict[str, Any] = {}
    if reuse:
        url = server_url.rsplit("/", 1)[0] + f"/{DB_NAME}"
    else:
        url, seeded = seed(server_url, shape)
        print(f"seeded: {json.dumps(seeded)}", file=sys.stderr, flush=True)
    people = officials(shape, users)
    result: dict[str, Any] = {
        "shape": {"teams": shape.teams, "officials_per_team": shape.officials,
                  "measures_per_team": shape.measures, "weeks": shape.weeks},
        "seed": seeded, "throughput": [],
    }  # fmt: skip
    for n in counts:
        figures = await phase(url, people, n, profile)
        print(f"throughput: {json.dumps(figures)}", file=sys.stderr, flush=True)
        result["throughput"].append(figures)
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="4 teams, 4 weeks, 80 users")
    parser.add_argument(
        "--province", action="store_true", help="the province seed: 100 teams, 52 weeks"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--database-url", help="a PostgreSQL server (its user creates databases)")
    parser.add_argument("--processes", default="1,2,4", help="process counts, e.g. 1,2,4")
    parser.add_argument("--users", type=int, help="officials taking part (default 240; 80 quick)")
    parser.add_argument("--profile", action="store_true", help="cProfile each bot process")
    parser.add_argument("--reuse", action="store_true", help="an earlier run's database")
    args = parser.parse_args(argv)
    url = (args.database_url or os.environ.get("DUBAN_BENCH_DATABASE_URL")
           or os.environ.get("DUBAN_TEST_DATABASE_URL"))  # fmt: skip
    if not url:
        parser.error("give --database-url (e.g. from scripts/postgres.sh start)")
    logging.basicConfig(level=logging.ERROR)
    shape, users = QUICK if args.quick else PROVINCE if args.province else FULL
    counts = [int(n) for n in args.processes.split(",")]
    started = time.perf_counter()
    result = asyncio.run(run(url, shape, args.users or users, counts, args.profile, args.reuse))
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
