"""How long does a 5 MB plan upload stall everyone else? The longest event-loop stall, measured.

While a lead's plan is read and previewed, a probe coroutine asks the event loop for a wake-up
every 5 ms and records how late each came: that lateness is what any other user's update waits
before the bot even starts on it. Two runs side by side over the same store kind and file:

- **blocking** — the upload parsed on the event loop (``UploadService.receive``, as the handler
  did before);
- **off the loop** — ``UploadService.receive_off_loop``, which the handler uses: the file is
  classified and parsed in a worker thread, the store read before and written after.

The plan is ``bot/data/sample-plan.txt`` repeated to 5 MB (the upload limit), about 6,300
measures: far beyond a county's plan, so the worst case. Goal: the longest stall off the loop
under 100 ms.

    .venv/bin/python bench/upload_stall_bench.py            # 5 MB (a minute or so)
    .venv/bin/python bench/upload_stall_bench.py --mb 1     # a smaller file
    .venv/bin/python bench/upload_stall_bench.py --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.clock import ManualClock
from bot.domain.people import Person, Role, Team
from bot.services import Actor, Services
from storage import open_store

TZ = ZoneInfo("Asia/Shanghai")
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample-plan.txt"
TICK = 0.005


def plan_of(megabytes: float) -> bytes:
    """The sample plan's body repeated under its title to about ``megabytes``."""
    title, _, body = SAMPLE.read_text("utf-8").partition("\n")
    copies = max(1, int(megabytes * 1024 * 1024 * 0.98 / len(body.encode())))
    return (title + "\n" + "\n".join([body] * copies)).encode()


def world(directory: Path) -> tuple[Services, Actor]:
    """A team and its lead over a fresh TinyDB store."""
    store = open_store(directory)
    store.teams.save(Team("t1", "县委督查室", datetime(2024, 1, 2, tzinfo=TZ)))
    store.people.save(Person(id="p1", team_id="t1", name="王督办", role=Role.LEAD, telegram_id=5))
    services = Services.build(store, ManualClock(datetime(2024, 3, 1, 9, tzinfo=TZ)))
    return services, services.auth.resolve(5)


async def stalls(work: Callable[[], Awaitable[object]]) -> tuple[list[float], float]:
    """Lateness of every 5 ms wake-up while ``work`` runs (ms), and how long it took (s)."""
    late: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            asked = time.perf_counter()
            await asyncio.sleep(TICK)
            late.append((time.perf_counter() - asked - TICK) * 1000)

    prober = asyncio.create_task(probe())
    await asyncio.sleep(TICK * 4)
    started = time.perf_counter()
    await work()
    took = time.perf_counter() - started
    done.set()
    await prober
    return late, took


async def measure(data: bytes, off_loop: bool) -> dict[str, float]:
    """One upload of ``data``, blocking or off the loop, with its stalls."""
    with tempfile.TemporaryDirectory() as directory:
        services, lead = world(Path(directory))

        async def upload() -> object:
            if off_loop:
                return await services.uploads.receive_off_loop(lead, "t1", data, "plan.txt")
            return services.uploads.receive(lead, "t1", data, "plan.txt")

        late, took = await stalls(upload)
        services.store.close()
    late.sort()
    return {
        "max_stall_ms": late[-1],
        "p99_stall_ms": late[int(len(late) * 0.99) - 1] if len(late) > 1 else late[-1],
        "median_stall_ms": statistics.median(late),
        "upload_s": took,
        "wakeups": len(late),
    }


def main() -> None:
    """Run both variants on one file and print the table and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the plan file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    data = plan_of(args.mb)
    results = {
        "blocking": asyncio.run(measure(data, off_loop=False)),
        "off_loop": asyncio.run(measure(data, off_loop=True)),
    }
    ratio = results["off_loop"]["max_stall_ms"] / results["blocking"]["max_stall_ms"]
    summary = {
        "file_mb": len(data) / 1024 / 1024,
        "results": results,
        "max_stall_off_over_blocking": ratio,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"plan file: {summary['file_mb']:.2f} MB")
    print(
        f"{'variant':<10} {'max stall ms':>13} {'p99 ms':>8} {'median ms':>10} "
        f"{'upload s':>9} {'wake-ups':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:<10} {r['max_stall_ms']:>13.1f} {r['p99_stall_ms']:>8.1f} "
            f"{r['median_stall_ms']:>10.2f} {r['upload_s']:>9.2f} {r['wakeups']:>9.0f}"
        )
    goal = "ok" if results["off_loop"]["max_stall_ms"] < 100 else "NOT MET"
    print(f"max stall off the loop / blocking: {ratio:.4f}  (goal: off the loop < 100 ms: {goal})")


if __name__ == "__main__":
    main()
