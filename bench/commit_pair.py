"""The embedded store's write path (a durable reply): this tree against a revision.

Run ``.venv/bin/python bench/commit_pair.py [--before REV] [--years 5] [--pairs 3] [--json]``.
The store of ``store_bench.py`` (a county's replies: a report and its audit entry each) is
seeded once with ``--years`` of history (``--store DIR``: seeded there if empty, else reused
as it is). Then two worker processes per pair, one running this tree's code and one running
``REV``'s (exported with ``git archive``, default ``main``), taking turns with the first of a
pair alternating, so both see the same load. Each copies the store, opens the copy, writes one
batch of each kind unmeasured, then ``--rounds`` times, 768 replies a batch (a reply: the report
saved and the audit entry appended in one transaction, as ``store_bench.group_commit``):

- with fsync made a no-op (the interpreter's share): ``cpu1_us`` one after another,
  ``cpu_interleaved_us`` one after another in the order 64 concurrent writers of 12 replies
  each make them (out-of-order index inserts), ``cpu_async_us`` by 64 asyncio tasks at once
  (``store.atomic_async``, the bot's path), taking turns so that replies are made in the order
  of their stamps, as the bot stamps a report when it handles it (the same code on both sides,
  whatever ``REV``'s ``store_bench`` does); microseconds per reply;
- with real fsync: ``sequential_per_s`` and ``async_per_s`` (replies per second),
  ``ratio_async`` (their ratio: the group-commit target is ≥ 5), ``fsync_ms`` (a sequential
  reply's time less ``cpu1_us``: the disk's share).

Figures are sums over the rounds. Reported: each side's median over its workers, the median of
the pairs' after ÷ before, and each worker's resident memory at the end (``rss_mb``). Not a
timed test; see ``bench/README.md``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pairs import alternate, checkout, compared, in_tree, pair_arguments

STEPS = (
    "cpu1_us",
    "cpu_interleaved_us",
    "cpu_async_us",
    "sequential_per_s",
    "async_per_s",
    "ratio_async",
    "fsync_ms",
)

#: What each worker runs (in the tree it is started in): replies written into a copy of a store.
WORKER = """
import asyncio, json, shutil, sys, threading, time
from pathlib import Path
sys.path.insert(0, "bench")
import store_bench as sb
from storage.durable import TinyDBStore
source, copy = Path(sys.argv[1]), Path(sys.argv[2])
rounds, base = int(sys.argv[3]), int(sys.argv[4])
shutil.rmtree(copy, ignore_errors=True)
shutil.copytree(source, copy)
store = TinyDBStore(copy)
for thread in threading.enumerate():
    if thread.name == "duban-cold-ids":
        thread.join()
BATCH = sb.WRITERS * sb.PER_WRITER

def one(n):
    report, entry = sb.reply(n)
    with store.atomic():
        store.reports.save(report)
        store.audit.append(entry)

async def one_async(n):
    report, entry = sb.reply(n)
    async with store.atomic_async():
        store.reports.save(report)
        store.audit.append(entry)

def at_once(first):  # 64 tasks taking turns, replies in the order of their stamps (as the bot)
    async def writer(w):
        for n in range(first + w, first + BATCH, sb.WRITERS):
            await one_async(n)

    async def everyone():
        began = time.perf_counter()
        await asyncio.gather(*(writer(w) for w in range(sb.WRITERS)))
        return time.perf_counter() - began

    __import__("os").sync()
    return asyncio.run(everyone())

def interleaved(first):
    began = time.perf_counter()
    for k in range(sb.PER_WRITER):
        for w in range(sb.WRITERS):
            one(first + w * sb.PER_WRITER + k)
    return time.perf_counter() - began

kinds = {
    "cpu1": lambda first: sb.one_after_another(one, first, BATCH),
    "cpu_interleaved": interleaved,
    "cpu_async": at_once,
    "sequential": lambda first: sb.one_after_another(one, first, BATCH),
    "async": at_once,
}
spent = dict.fromkeys(kinds, 0.0)
for lap in range(rounds + 1):
    for kind, run in kinds.items():
        if kind.startswith("cpu"):
            with sb.no_fsync():
                took = run(base)
        else:
            took = run(base)
        base += BATCH
        if lap:  # the first lap is not measured (first calls, the new month's files)
            spent[kind] += took
total = BATCH * rounds
status = Path("/proc/self/status").read_text().splitlines()
rss = [line for line in status if line.startswith("VmRSS")]
store.close()
print(json.dumps({
    "cpu1_us": spent["cpu1"] / total * 1e6,
    "cpu_interleaved_us": spent["cpu_interleaved"] / total * 1e6,
    "cpu_async_us": spent["cpu_async"] / total * 1e6,
    "sequential_per_s": total / spent["sequential"],
    "async_per_s": total / spent["async"],
    "ratio_async": spent["sequential"] / spent["async"],
    "fsync_ms": (spent["sequential"] - spent["cpu1"]) / total * 1e3,
    "rss_mb": int(rss[0].split()[1]) / 1024,
    "load": __import__("os").getloadavg()[0],
}))
"""


def seeded(years: float, data: Path) -> Path:
    """``store_bench``'s store with ``years`` of replies in ``data`` (unless one is there)."""
    if data.exists() and any(data.iterdir()):
        return data
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store_bench

    store_bench.seed_ours(data, int(years * store_bench.PER_YEAR))
    return data


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, seed, run the pairs, print."""
    parser = pair_arguments(__doc__.split("\n")[0], 3, 3, "batches of 768 replies per kind")
    parser.add_argument("--store", type=Path, help="a store to seed once and reuse (copied)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store_bench

    first = int(args.years * store_bench.PER_YEAR) + 2000  # replies after the seeded ones
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        before = checkout(args.before, Path(tmp) / "before")
        data = seeded(args.years, args.store or Path(tmp) / "data")
        copy = Path(tmp) / "copy"
        runs = alternate(
            args.pairs,
            before,
            lambda _, tree: in_tree(tree, WORKER, data, copy, args.rounds, first),
        )
    loads = [run["load"] for found in runs.values() for run in found]
    report: dict[str, Any] = {
        "config": {**{k: str(v) for k, v in vars(args).items()}, "load": [min(loads), max(loads)]},
        **compared(runs, STEPS),
        "rss_mb": {side: [round(run["rss_mb"]) for run in found] for side, found in runs.items()},
        "seconds": time.perf_counter() - began,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(table(report, args.pairs))
    return 0


def table(report: dict[str, Any], pairs: int) -> str:
    """The figures as a Markdown table."""
    lines = ["| figure | before | after | after ÷ before |", "| --- | ---: | ---: | ---: |"]
    for step in STEPS:
        before, after = report["ms"]["before"][step], report["ms"]["after"][step]
        lines.append(f"| {step} | {before:,.2f} | {after:,.2f} | {report['ratio'][step]:.2f} |")
    lines.append(f"\nmedians of {pairs} workers per side")
    lines.append(f"resident memory at the end (MB): {report['rss_mb']}")
    lines.append(f"load average (1 min) while measuring: {report['config']['load']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
