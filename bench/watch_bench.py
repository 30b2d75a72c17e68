"""What the hourly watch (签收时限 and escalation on red) costs, next to the task lines.

Side by side in one run, alternating sample by sample, over a county-year snapshot (the
movement bench's: ``--measures`` tasks, a weekly report each for 52 weeks), with every task
linked to a 包联领导 and a third of the assignments unsigned: ``task_lines`` (what every digest,
review and ledger builds) against the watch's pure decisions, ``claim_plans`` plus ``decide``
over ``lights_for`` (what each hourly check and each report's check compute). Prints the
medians and their ratio; ratios, not absolutes, are the result.

    .venv/bin/python bench/watch_bench.py [--measures 400] [--samples 7]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from movement_bench import START, county_year

from bot.domain.leaders import LeaderLink, link_id
from bot.domain.people import Person, Role
from bot.rhythm.claims import claim_plans
from bot.rhythm.escalation import decide
from bot.rhythm.lights import lights_for
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.tasks import task_lines


def watched(measures: int) -> TeamSnapshot:
    """The county year with a leader per task and every third assignment unsigned."""
    snap = county_year(measures)
    leader = Person("L1", "t", "赵县长", Role.LEADER, telegram_id=1)
    links = tuple(
        LeaderLink(link_id("t", m.id, None), "t", "赵县长", START, m.id, person_id="L1")
        for m in snap.measures
    )
    signed = tuple(
        a if n % 3 == 0 else dataclasses.replace(a, acknowledged_at=START + timedelta(hours=2))
        for n, a in enumerate(snap.assignments)
    )
    return dataclasses.replace(
        snap, people=(*snap.people, leader), leader_links=links, assignments=signed
    )


def main() -> None:
    """Time both alternately and print medians and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=400)
    parser.add_argument("--samples", type=int, default=7)
    args = parser.parse_args()
    now = START + timedelta(weeks=52)
    timings: dict[str, list[float]] = {"task lines": [], "watch": []}
    for _ in range(args.samples):
        for name in timings:
            snap = watched(args.measures)  # fresh: cached look-ups are not shared
            began = time.perf_counter()
            if name == "watch":
                claim_plans(snap, now)
                decide(snap, lights_for(snap, now), now)
            else:
                task_lines(snap, now)
            timings[name].append(time.perf_counter() - began)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, value in medians.items():
        print(f"{name:>10}: {value * 1000:8.1f} ms (median of {args.samples})")
    print(f"{'ratio':>10}: {medians['watch'] / medians['task lines']:8.2f}")


if __name__ == "__main__":
    main()
