"""Awaited commits and the intake's fsyncs: this tree against a revision, side by side.

Run ``.venv/bin/python bench/awaited_pair.py [--before REV] [--years 5] [--pairs 6] [--json]``.
The county of ``store_bench.py`` is seeded once with ``--years`` of history into a TinyDB
store (or ``--data``, copied, not changed). Then two worker processes per pair, one running
this tree's code and one running ``REV``'s (``git archive``, default ``main``), taking turns
with the first of a pair alternating, so both see the same load. Each copies the store and
measures:

- ``store_bench.group_commit`` with ``--rounds`` rounds (``cpu_async_us``: the interpreter's
  time per reply through 64 tasks with fsync a no-op; ``cpu1_us`` the same, one after another,
  synchronous; ``ratio_async``: 64 tasks' rate over the sequential one, fsync real;
  ``lone_async_over_sequential``: one task through the awaited path over the sequential rate);
- ``batch_ms`` and ``batch_fsyncs``: a polled ``getUpdates`` batch of 100 updates handed to the
  update queue as PTB's polling loop does (each put in turn, then the next ``getUpdates``: the
  queue's ``settle`` where it has one), from the first put until all 100 are queued (median of
  the rounds), in a fresh store;
- ``fsyncs_per_update``: a polled batch of 20 updates each then handled in turn as the
  application does (a lazy write inside ``store.lazily()``, then ``finish_async``);
- ``lone_update_us``: with fsync a no-op, one update at a time put (not polled: ``put`` returns
  once durable, as a webhook's), a lazy write and ``finish_async`` (median of 300): what the
  hand-overs of its three awaited rounds to the fsync thread cost when nothing shares them.

Not a timed test; see ``bench/README.md``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from pairs import ROOT, alternate, checkout, in_tree, pair_arguments

#: What each worker runs (in the tree it is started in): argv = store, copy dir, rounds.
WORKER = """
import asyncio, json, shutil, statistics, sys, time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
sys.path.insert(0, "bench")
import store_bench as sb
from telegram import Chat, Message, Update, User
from bot.domain.clock import ManualClock
from bot.intake import Intake, JournalingQueue
from storage.durable import TinyDBStore
from tests.factories import entities as f

source, work, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
years = float(sys.argv[4])
TZ = ZoneInfo("Asia/Shanghai")
copy = work / "county"
shutil.copytree(source, copy)
store = TinyDBStore(copy)
sb.GROUP_ROUNDS = rounds
result = sb.group_commit(store, int(years * sb.PER_YEAR) + 2000)
store.close()
shutil.rmtree(copy)

def update(n):
    user = User(7 + n % 50, "Li", False)
    chat = Chat(user.id, Chat.PRIVATE)
    at = datetime(2025, 3, 3, tzinfo=TZ)
    return Update(n, message=Message(n, at, chat, from_user=user, text="hello"))

async def poll(queue, updates):
    for one in updates:
        await queue.put(one)
    settle = getattr(queue, "settle", None)
    if settle is not None:
        await settle()

async def batch(path, count):
    store = TinyDBStore(path)
    intake = Intake(store, ManualClock(datetime(2025, 3, 3, 9, 0, tzinfo=TZ)))
    queue = JournalingQueue(intake)
    if hasattr(queue, "settle"):
        await queue.settle()  # polling has begun
    updates = [update(n) for n in range(1, count + 1)]
    before, began = store.fsyncs, time.perf_counter()
    await poll(queue, updates)
    took = time.perf_counter() - began
    assert queue.qsize() == count
    return store, intake, updates, took, store.fsyncs - before

async def handled(path, count):
    store, intake, updates, _, _ = await batch(path, count)
    before = store.fsyncs
    for one in updates:
        assert intake.begin(one)
        with store.lazily():
            store.audit.append(f.entry(subject=f"u{one.update_id}"))
        await intake.finish_async(one)
    fsyncs = store.fsyncs - before
    store.close()
    return fsyncs

async def one_by_one(path, count):
    store = TinyDBStore(path)
    intake = Intake(store, ManualClock(datetime(2025, 3, 3, 9, 0, tzinfo=TZ)))
    queue = JournalingQueue(intake)  # not polled: put returns once durable, as a webhook's
    times = []
    for n in range(1, count + 1):
        one, began = update(n), time.perf_counter()
        await queue.put(one)
        queue.get_nowait()
        assert intake.begin(one)
        with store.lazily():
            store.audit.append(f.entry(subject=f"u{n}"))
        await intake.finish_async(one)
        times.append(time.perf_counter() - began)
    store.close()
    return statistics.median(times)

with sb.no_fsync():
    result["lone_update_us"] = asyncio.run(one_by_one(work / "lone", 300)) * 1e6
took, fsyncs = [], []
for number in range(rounds * 3):
    store, _, _, seconds, count = asyncio.run(batch(work / f"batch{number}", 100))
    store.close()
    took.append(seconds)
    fsyncs.append(count)
store, _, _, _, journal = asyncio.run(batch(work / "handled-journal", 20))
store.close()
result["batch_ms"] = statistics.median(took) * 1e3
result["batch_fsyncs"] = statistics.median(fsyncs)
result["fsyncs_per_update"] = (journal + asyncio.run(handled(work / "handled", 20))) / 20
print(json.dumps(result))
"""

FIELDS = (
    "cpu_async_us",
    "cpu1_us",
    "ratio_async",
    "ceiling_async",
    "lone_async_over_sequential",
    "replies_per_fsync_async",
    "fsync_ms",
    "batch_ms",
    "batch_fsyncs",
    "fsyncs_per_update",
    "lone_update_us",
)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, seed, run the pairs, print."""
    parser = pair_arguments(__doc__.split("\n")[0], 6, 2, "group_commit rounds per worker")
    parser.add_argument("--data", type=Path, help="an already seeded store (copied, not changed)")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="awaited-pair-") as tmp:
        scratch = Path(tmp)
        source = args.data
        if source is None:
            sys.path.insert(0, str(ROOT / "bench"))
            sys.path.insert(0, str(ROOT))
            import store_bench

            source = scratch / "county"
            store_bench.seed_ours(source, int(args.years * store_bench.PER_YEAR))
        before = checkout(args.before, scratch / "before")
        count = 0

        def run(side: str, tree: Path) -> dict[str, Any]:
            nonlocal count
            count += 1
            work = scratch / f"work{count}"
            work.mkdir()
            return in_tree(tree, WORKER, source, work, args.rounds, args.years)

        runs = alternate(args.pairs, before, run)
    if args.json:
        print(json.dumps(runs))
    print(f"median of {args.pairs} pairs ({args.before} against this tree, {args.years} years)")
    pairs = list(zip(runs["before"], runs["after"], strict=True))
    for name in FIELDS:
        sides = [statistics.median(r[name] for r in runs[s]) for s in ("before", "after")]
        ratio = statistics.median(a[name] / b[name] if b[name] else 0.0 for b, a in pairs)
        print(
            f"{name:28} before {sides[0]:10.3f}  after {sides[1]:10.3f}"
            f"  after ÷ before {ratio:6.3f} (median of the pairs')"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
