"""The ledger end to end (its snapshot read, the workbook written): this tree against a revision.

Run ``.venv/bin/python bench/ledger_pair.py [--before REV] [--years 5] [--pairs 4] [--json]``.
The county of ``county.py`` is seeded once with ``--years`` of history into a durable TinyDB
store (``--store DIR``: seeded there if empty, else reused as it is). Then two worker processes
per pair, one running this tree's code and one running ``REV``'s (exported with ``git archive``,
default ``main``), each open the same store as the bot does, read this year's ledger once
unmeasured (and wait for the store's background work after opening), then ``--rounds`` times:
``snapshot`` (``ledger_snapshot``: what the ledger reads), ``ledger`` (``ledger_bytes`` of it)
and ``total`` (the two, as ``/export`` does), medians. The two sides take turns, the first of a
pair alternating, so both see the same load. Reported: each side's medians, the median of the
pairs' ratios after ÷ before, the workbook's size, and the load average. Not a timed test; see
``bench/README.md``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pairs import (
    alternate,
    checkout,
    compared,
    in_tree,
    pair_arguments,
    seed_county,
    step_lines,
)

STEPS = ("snapshot", "ledger", "total")

#: What each worker runs (in the tree it is started in): the ledger of the store it is given.
WORKER = """
import json, sys, time
sys.path.insert(0, "bench")
import county
from bot.render.rhythm.ledger import ledger_bytes
from bot.rhythm.scoped import ledger_snapshot
from storage.durable import TinyDBStore
store = TinyDBStore(sys.argv[1])
rounds, now, team = int(sys.argv[2]), county.NOW, county.TEAM
time.sleep(5)  # the store sorts its cold ids in the background for a few seconds after opening
size = len(ledger_bytes(ledger_snapshot(store, team, now), now, "zh"))  # first-call costs
laps = {"snapshot": [], "ledger": [], "total": []}
for _ in range(rounds):
    began = time.perf_counter()
    snapshot = ledger_snapshot(store, team, now)
    read = time.perf_counter()
    ledger_bytes(snapshot, now, "zh")
    done = time.perf_counter()
    del snapshot
    laps["snapshot"].append(read - began)
    laps["ledger"].append(done - read)
    laps["total"].append(done - began)
store.close()
out = {name: sorted(found)[len(found) // 2] * 1e3 for name, found in laps.items()}
print(json.dumps({**out, "bytes": size, "load": __import__("os").getloadavg()[0]}))
"""


def seeded(years: float, data: Path) -> Path:
    """The county seeded into ``data`` (unless a store is there already)."""
    if data.exists() and any(data.iterdir()):
        return data
    return seed_county(years, data)


def timed(tree: Path, data: Path, rounds: int) -> dict[str, float]:
    """One worker's milliseconds per step (and the workbook's bytes), in ``tree``."""
    return in_tree(tree, WORKER, data, rounds)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, seed, run the pairs, print."""
    parser = pair_arguments(__doc__.split("\n")[0], 4, 3, "ledgers per worker")
    parser.add_argument("--store", type=Path, help="a store to seed once and reuse")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        before = checkout(args.before, Path(tmp) / "before")
        data = seeded(args.years, args.store or Path(tmp) / "data")
        runs = alternate(args.pairs, before, lambda _, tree: timed(tree, data, args.rounds))
    loads = [run["load"] for found in runs.values() for run in found]
    report: dict[str, Any] = {
        "config": {**vars(args), "store": str(args.store), "load": [min(loads), max(loads)]},
        **compared(runs, STEPS),
        "bytes": {side: found[0]["bytes"] for side, found in runs.items()},
        "seconds": time.perf_counter() - began,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("\n".join(step_lines(report, STEPS, args.pairs)))
    sizes = report["bytes"]
    print(f"workbook: before {sizes['before']:,} bytes, after {sizes['after']:,} bytes")
    print(f"load average (1 min) while measuring: {min(loads):.1f}–{max(loads):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
