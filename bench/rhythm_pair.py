"""The digest and the review from their snapshots: this tree against a revision, side by side.

Run ``.venv/bin/python bench/rhythm_pair.py [--before REV] [--years 5] [--pairs 5] [--json]``.
The county of ``county.py`` is seeded once with ``--years`` of history into a temporary TinyDB
store; the digest's and the review's own snapshots (:mod:`bot.rhythm.scoped`) are read once and
pickled. Then two worker processes per pair, one running this tree's code and one running
``REV``'s (exported with ``git archive``, default ``main``), each unpickle the same snapshots and
time ``digest`` (``digest_for`` and the group's messages) and ``review`` (``monthly_review`` and
its messages) on a fresh copy each call (median of ``--rounds``); the two take turns, the first
of a pair alternating, so both see the same load. Reported: each side's median and the median
of the pairs' ratios after ÷ before.

``--written``: the county's officials write as people do instead of one stock sentence: each
report's words drawn from a few kinds with numbers (some stock, some repeated, most new), 70 %
without a progress figure, half without a status; and the team has 1,800 close-out requests
(earlier years' tasks closed, half of this year's returned). Not a timed test; see
``bench/README.md``.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from pairs import (
    ROOT,
    alternate,
    checkout,
    compared,
    in_tree,
    pair_arguments,
    seed_county,
    step_lines,
)

HERE = Path(__file__).resolve().parent
STEPS = ("digest", "review")

#: What each worker runs (in the tree it is started in): the two steps over the pickled snapshots.
WORKER = """
import json, pickle, sys, time
from dataclasses import replace
sys.path.insert(0, "bench")
import county
from bot.render.rhythm.messages import render_digest_messages, render_review_messages
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import digest_for
from bot.rhythm.review import monthly_review
with open(sys.argv[1], "rb") as file:
    snaps = pickle.load(file)
rounds = int(sys.argv[2])
calendar, now = WorkCalendar(), county.NOW
steps = {
    "digest": lambda: render_digest_messages(
        digest_for(replace(snaps["digest"]), calendar, now, None), "zh", "group"
    ),
    "review": lambda: render_review_messages(monthly_review(replace(snaps["review"]), now), "zh"),
}
out = {}
for name, step in steps.items():
    step()  # imports and first-call costs out of the way
    laps = []
    for _ in range(rounds):
        began = time.perf_counter()
        step()
        laps.append(time.perf_counter() - began)
    out[name] = sorted(laps)[len(laps) // 2] * 1e3
print(json.dumps(out))
"""


def seeded(years: float, into: Path, varied: bool) -> Path:
    """Seed the county, read the two views' snapshots with this tree's code, pickle them."""
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    import county

    from bot.rhythm.calendar import WorkCalendar
    from bot.rhythm.scoped import digest_snapshot, review_snapshot
    from storage.durable import TinyDBStore

    store = TinyDBStore(seed_county(years, into / "data"))
    now, team = county.NOW, county.TEAM
    snaps = {
        "digest": replace(digest_snapshot(store, team, WorkCalendar(), now, None)),
        "review": replace(review_snapshot(store, team, now, ledger=False)),
    }
    store.close()
    if varied:
        snaps = {name: written(snap, county) for name, snap in snaps.items()}
    path = into / "snapshots.pkl"
    path.write_bytes(pickle.dumps(snaps))
    return path


#: The kinds of words ``--written`` reports carry (``{n}``: a number drawn for each report).
WRITTEN = (
    "完成{n}个村的摸底",
    "召开推进会{n}次，协调用地问题",
    "正在推进",
    "签约{n}家企业",
    "按计划推进，本周完成前期工作。",
    "第{n}批设备进场安装",
)


def written(snapshot: Any, county: Any) -> Any:
    """The snapshot with its reports' words, figures and statuses varied and close-outs added
    (``--written``), the same for every run (a fixed seed)."""
    from datetime import timedelta

    from bot.domain.work import Closeout, CloseoutState

    draw = random.Random(7)
    reports = []
    for report in snapshot.reports:
        words = draw.choice(WRITTEN).format(n=draw.randint(1, 40))
        reports.append(
            replace(
                report,
                progress=None if draw.random() < 0.7 else report.progress,
                status=report.status if draw.random() < 0.5 else None,
                progress_text=words,
                next_steps=draw.choice([None, "下周" + words]),
            )
        )
    now, team = county.NOW, county.TEAM
    closed = [
        Closeout(
            f"c{n}",
            team,
            f"old{n}",
            "p00000",
            now - timedelta(days=400 + n % 900),
            CloseoutState.APPROVED,
            decided_at=now - timedelta(days=399 + n % 900),
        )
        for n in range(1600)
    ]
    returned = [
        Closeout(
            f"d{n}",
            team,
            county.measure_id(n),
            f"p{n:05d}",
            now - timedelta(days=20),
            CloseoutState.RETURNED,
            decided_at=now - timedelta(days=19),
        )
        for n in range(0, 400, 2)
    ]
    return replace(snapshot, reports=tuple(reports), closeouts=(*closed, *returned))


def timed(tree: Path, snapshots: Path, rounds: int) -> dict[str, float]:
    """One worker's milliseconds per step, in ``tree``."""
    return in_tree(tree, WORKER, snapshots, rounds)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, seed, run the pairs, print."""
    parser = pair_arguments(__doc__.split("\n")[0], 5, 3, "calls per step and worker")
    parser.add_argument("--written", action="store_true", help="varied words, close-outs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        before = checkout(args.before, Path(tmp) / "before")
        snapshots = seeded(args.years, Path(tmp), args.written)
        runs = alternate(args.pairs, before, lambda _, tree: timed(tree, snapshots, args.rounds))
    report: dict[str, Any] = {
        "config": {**vars(args), "load": os.getloadavg()},
        **compared(runs, STEPS),
        "seconds": time.perf_counter() - began,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("\n".join(step_lines(report, STEPS, args.pairs)))
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
