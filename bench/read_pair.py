"""The digest and the review end to end, reading the store: this tree against a revision.

Run ``.venv/bin/python bench/read_pair.py [--before REV] [--years 5] [--pairs 4] [--json]``.
The county of ``county.py`` is seeded once with ``--years`` of history into a TinyDB store, and
copied once per side (``cp -a``: the months' indexes still fit). Then two worker processes per
pair, one running this tree's code on its copy and one running ``REV``'s (exported with ``git
archive``, default ``main``) on the other, taking turns with the first of a pair alternating,
so both see the same load. Each opens its copy, waits for the background sort of the old ids,
reads each view once unmeasured (the first pair's of this tree makes the old months' rows
files then: ``first_read``), and times, as the median of ``--rounds`` calls:

- ``digest_snapshot``, ``review_snapshot``: the views' own reads (``bot.rhythm.scoped``);
- ``digest_total``: ``DigestService.digest`` (its read and the digest);
- ``review_text``: the review's read without the ledger, ``monthly_review`` and its messages;
- ``digest_text``: ``digest_total`` and the group's messages;
- with ``--ledger``, ``ledger_snapshot`` (what this year's ledger reads).

Also per worker: the records each read returns (reports + prompts), the process's resident
memory after the reads and at its peak (``VmRSS``, ``VmHWM``), and for this tree the size of
the rows files on disk. Not a timed test; see ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pairs import Runs, alternate, checkout, compared, in_tree, pair_arguments, seed_county

#: What each worker runs (in the tree it is started in) over the store copy it is given.
WORKER = """
import json, sys, threading, time
from pathlib import Path
sys.path.insert(0, "bench")
import county
from bot.domain.clock import ManualClock
from bot.render.rhythm.messages import render_digest_messages, render_review_messages
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.review import monthly_review
from bot.rhythm.scoped import digest_snapshot, ledger_snapshot, review_snapshot
from bot.services import Services
from storage.durable import TinyDBStore

def rss():
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return found

store = TinyDBStore(Path(sys.argv[1]))
for thread in threading.enumerate():
    if thread.name == "duban-cold-ids":
        thread.join()
rounds = int(sys.argv[2])
services = Services.build(store, ManualClock(county.NOW, county.TZ))
calendar, now, team = WorkCalendar(), county.NOW, county.TEAM
steps = {
    "digest_snapshot": lambda: digest_snapshot(store, team, calendar, now, None),
    "review_snapshot": lambda: review_snapshot(store, team, now, ledger=False),
    "digest_total": lambda: services.digests.digest(team),
    "review_text": lambda: render_review_messages(
        monthly_review(review_snapshot(store, team, now, ledger=False), now), "zh"
    ),
    "digest_text": lambda: render_digest_messages(
        services.digests.digest(team).digest, "zh", "group"
    ),
}
if sys.argv[3] == "ledger":
    steps["ledger_snapshot"] = lambda: ledger_snapshot(store, team, now)
out = {"ms": {}, "records": {}}
began = time.perf_counter()
for name in [name for name in steps if name.endswith("_snapshot")]:
    snap = steps[name]()
    out["records"][name] = [len(snap.reports), len(snap.prompts)]
out["first_read"] = (time.perf_counter() - began) * 1e3
for name, step in steps.items():
    step()
    laps = []
    for _ in range(rounds):
        began = time.perf_counter()
        step()
        laps.append(time.perf_counter() - began)
    out["ms"][name] = sorted(laps)[len(laps) // 2] * 1e3
out["rss_mb"] = rss()
store.close()
print(json.dumps(out))
"""


def timed(tree: Path, data: Path, rounds: int, ledger: bool) -> dict[str, Any]:
    """One worker's figures, in ``tree`` over the store at ``data``."""
    return in_tree(tree, WORKER, data, rounds, "ledger" if ledger else "-")


def rows_bytes(data: Path) -> int:
    """The size of the rows files (``storage.monthrows``) in a data directory."""
    return sum(path.stat().st_size for path in (data / "history").glob("*.rows"))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, seed, run the pairs, print."""
    parser = pair_arguments(__doc__.split("\n")[0], 4, 5, "calls per step and worker")
    parser.add_argument("--data", type=Path, help="an already seeded store (copied, not changed)")
    parser.add_argument("--ledger", action="store_true", help="time ledger_snapshot too")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        before = checkout(args.before, Path(tmp) / "before")
        source = args.data or seed_county(args.years, Path(tmp) / "seeded")
        copies = {side: Path(tmp) / f"data-{side}" for side in ("before", "after")}
        for copy in copies.values():
            subprocess.run(["cp", "-a", str(source), str(copy)], check=True)
            for stale in (copy / "history").glob("*.rows"):
                stale.unlink()
        runs = alternate(
            args.pairs,
            before,
            lambda side, tree: timed(tree, copies[side], args.rounds, args.ledger),
        )
        disk = {side: rows_bytes(copy) for side, copy in copies.items()}
        months = sum(1 for _ in (copies["after"] / "history").glob("????-??.json"))
        truth = sum(p.stat().st_size for p in (copies["after"] / "history").glob("????-??.json"))
        shutil.rmtree(before)
    report = summary(runs, args, {"rows_bytes": disk, "months": months, "month_bytes": truth})
    report["seconds"] = time.perf_counter() - began
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(table(report, args.pairs))
    return 0


def summary(runs: Runs, args: argparse.Namespace, disk: dict[str, Any]) -> dict[str, Any]:
    """Medians per side, the median of the pairs' ratios, records, memory and disk."""
    steps = list(runs["after"][0]["ms"])
    return {
        "config": {**{k: str(v) for k, v in vars(args).items()}, "load": os.getloadavg()},
        **compared(runs, steps, "ms"),
        "first_read_ms": {side: [r["first_read"] for r in found] for side, found in runs.items()},
        "records": runs["after"][0]["records"],
        "rss_mb": {side: [r["rss_mb"] for r in found] for side, found in runs.items()},
        "disk": disk,
    }


def table(report: dict[str, Any], pairs: int) -> str:
    """The figures as a Markdown table."""
    lines = ["| step | before (ms) | after (ms) | after ÷ before | µs/record before → after |",
             "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for step in report["ms"]["after"]:
        before, after = report["ms"]["before"][step], report["ms"]["after"][step]
        records = sum(report["records"].get(step, [0]))
        per = f"{before * 1e3 / records:.1f} → {after * 1e3 / records:.1f}" if records else ""
        ratio = report["ratio"][step]
        lines.append(f"| {step} | {before:,.0f} | {after:,.0f} | {ratio:.2f} | {per} |")
    lines.append(f"\n{pairs} pairs; records read: {report['records']}")
    lines.append(f"first reads (ms): {report['first_read_ms']}")
    lines.append(f"resident memory (MB): {report['rss_mb']}")
    lines.append(f"disk: {report['disk']}")
    lines.append(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
