"""How long do a lead's heavy requests stall everyone else? The longest event-loop stall while a
plan of about 500 measures is confirmed, the monthly review (with its ledger) is built, and the
ledger is exported, each run on the event loop and off it, side by side.

As in ``upload_stall_bench.py``, a probe coroutine asks the event loop for a wake-up every 5 ms
and records how late each came: what any other user's update waits before the bot starts on it.
The services work over a TinyDB store wrapped as the bot wraps it (:mod:`bot.effects`), inside
an update's scope, as a handler runs them.

- **confirm**: ``PlanService.confirm`` (on the loop, as before) vs ``confirm_off_loop`` (the
  stored preview decoded and its measures built in a worker thread, the writes on the loop);
- **review**: ``DigestService.review`` vs ``review_off_loop`` (review and ledger in the worker
  process of :mod:`bot.offload`, as the bot runs it);
- **export**: ``DigestService.export`` vs ``export_off_loop`` (likewise).

The worker process is started before the measured run (its first start imports the bot).

``--load N`` runs N busy processes beside it (another tenant of the machine): the loaded run.
Goal: the longest stall off the loop under 100 ms.

    .venv/bin/python bench/work_stall_bench.py              # unloaded
    .venv/bin/python bench/work_stall_bench.py --load 2     # with two busy processes
    .venv/bin/python bench/work_stall_bench.py --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from upload_stall_bench import TZ, plan_of, stalls

from bot.domain.clock import ManualClock
from bot.domain.ids import seeded
from bot.domain.people import Person, Role, Team
from bot.domain.ports import Store
from bot.domain.work import AssigneeRole, Assignment, Report, ReportStatus
from bot.effects import recording
from bot.offload import ProcessOffload
from bot.outbox.scope import handling
from bot.render.rhythm.ledger import ledger_file
from bot.services import Actor, Services
from bot.services.rhythm.digests import DigestService
from storage import open_store

PLAN_MB = 0.4  # about 500 measures: a big county plan
OFFICIALS = 60
WEEKS = 4


@dataclass
class World:
    """A team over a TinyDB store, its lead, and a preview of the big plan to confirm."""

    store: Store
    services: Services
    lead: Actor
    token: str
    offload: ProcessOffload


def world(directory: Path) -> World:
    """A team, its lead and officials, and a pending preview of the big plan."""
    store = open_store(directory)
    store.teams.save(Team("t1", "县委督查室", datetime(2024, 1, 2, tzinfo=TZ)))
    store.people.save(Person(id="p1", team_id="t1", name="王督办", role=Role.LEAD,
                             telegram_id=5))  # fmt: skip
    clock = ManualClock(datetime(2024, 3, 28, 9, tzinfo=TZ))
    offload = ProcessOffload()  # as the bot does
    services = Services.build(recording(store), clock, off_loop=offload)
    lead = services.auth.resolve(5)
    upload = services.uploads.receive(lead, "t1", plan_of(PLAN_MB), "plan.txt")
    assert upload.preview is not None
    return World(store, services, lead, upload.preview.token, offload)


def month_of_reports(w: World) -> int:
    """Officials assigned to the plan's measures, each reporting weekly for a month."""
    store, start = w.store, datetime(2024, 3, 1, 9, tzinfo=TZ)
    measures = store.measures.all()
    count = 0
    with store.atomic():
        for n in range(OFFICIALS):
            store.people.save(Person(id=f"o{n}", team_id="t1", name=f"干部{n}",
                                     role=Role.OFFICIAL, telegram_id=1000 + n))  # fmt: skip
        for i, measure in enumerate(measures):
            person = f"o{i % OFFICIALS}"
            store.assignments.save(Assignment(f"g{i}", "t1", measure.id, AssigneeRole.LEAD,
                                              start, person_id=person))  # fmt: skip
            for week in range(WEEKS):
                at = start + timedelta(days=7 * week, minutes=i)
                store.reports.save(Report(
                    f"r{i}w{week}", "t1", measure.id, person, ReportStatus.ON_TRACK, at,
                    progress=25 * week, progress_text=f"第{week + 1}周完成{measure.title}",
                ))  # fmt: skip
                count += 1
    return count


async def _review_off_loop(digests: DigestService) -> object:
    """The review off the loop, then its ledger, as the review job builds them."""
    text = await digests.review_off_loop("t1")
    return await digests.review_ledger_off_loop("t1", text, ledger_file)


@contextmanager
def as_handler(update_id: int) -> Iterator[None]:
    """Inside an update's scope, as a handler runs."""
    with handling(update_id), seeded(f"{update_id}@bench"):
        yield


async def run(name: str, off_loop: bool) -> dict[str, float]:
    """One heavy request, on the loop or off it, over a fresh world; its stalls."""
    with tempfile.TemporaryDirectory() as directory:
        w = world(Path(directory))
        digests = w.services.digests
        if name != "confirm":
            await w.services.plans.confirm_off_loop(w.lead, w.token)
            month_of_reports(w)
        await w.offload(sum, (1, 2))  # the worker process started, as in a running bot
        work: dict[tuple[str, bool], Callable[[], Awaitable[object]]] = {
            ("confirm", False): lambda: _now(w.services.plans.confirm, w.lead, w.token),
            ("confirm", True): lambda: w.services.plans.confirm_off_loop(w.lead, w.token),
            ("review", False): lambda: _now(digests.review, "t1", ledger_file),
            ("review", True): lambda: _review_off_loop(digests),
            ("export", False): lambda: _now(digests.export, w.lead, "t1", ledger_file),
            ("export", True): lambda: digests.export_off_loop(w.lead, "t1", ledger_file),
        }
        with as_handler(1):
            late, took = await stalls(work[name, off_loop])
        measures = len(w.store.measures.all())
        w.store.close()
        w.offload.close()
    late.sort()
    return {"max_stall_ms": late[-1], "p99_stall_ms": late[int(len(late) * 0.99) - 1],
            "took_s": took, "measures": measures}  # fmt: skip


async def _now(call: Callable[..., object], *args: object) -> object:
    return call(*args)


def _busy(stop: multiprocessing.synchronize.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def measure_all(load: int) -> dict[str, dict[str, dict[str, float]]]:
    """Every request both ways, with ``load`` busy processes beside."""
    stop = multiprocessing.Event()
    hogs = [multiprocessing.Process(target=_busy, args=(stop,)) for _ in range(load)]
    for hog in hogs:
        hog.start()
    try:
        return {
            name: {
                "on_loop": asyncio.run(run(name, off_loop=False)),
                "off_loop": asyncio.run(run(name, off_loop=True)),
            }
            for name in ("confirm", "review", "export")
        }
    finally:
        stop.set()
        for hog in hogs:
            hog.join()


def main() -> None:
    """Print the table (or JSON): longest stall on and off the loop, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, default=0, help="busy processes beside the bench")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    results = measure_all(args.load)
    if args.json:
        print(json.dumps({"load": args.load, "results": results}, indent=2))
        return
    print(f"busy processes beside: {args.load}")
    print(f"{'request':<8} {'measures':>8} {'on loop ms':>11} {'off loop ms':>12} "
          f"{'off/on':>7} {'took on s':>10} {'took off s':>11}")  # fmt: skip
    for name, r in results.items():
        on, off = r["on_loop"], r["off_loop"]
        print(f"{name:<8} {off['measures']:>8.0f} {on['max_stall_ms']:>11.1f} "
              f"{off['max_stall_ms']:>12.1f} {off['max_stall_ms'] / on['max_stall_ms']:>7.3f} "
              f"{on['took_s']:>10.2f} {off['took_s']:>11.2f}")  # fmt: skip
    worst = max(r["off_loop"]["max_stall_ms"] for r in results.values())
    print(
        f"longest stall off the loop: {worst:.1f} ms (goal < 100 ms: "
        f"{'ok' if worst < 100 else 'NOT MET'})"
    )


if __name__ == "__main__":
    main()
