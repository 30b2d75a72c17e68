"""What 停滞天数 and the vague/repeated flags add to the task lines every view builds.

Side by side in one run, alternating sample by sample: ``task_lines`` as shipped (each line
reads its :func:`bot.rhythm.movement.movement`) and the same with the movement skipped, over a
county-year snapshot (``--measures`` tasks, each with a weekly report with words for 52
weeks). Prints the median of each and their ratio; ratios, not absolutes, are the result.

    .venv/bin/python bench/movement_bench.py [--measures 400] [--samples 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.people import Person, Role, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import AssigneeRole, Assignment, Report, ReportStatus
from bot.rhythm import tasks
from bot.rhythm.snapshot import TeamSnapshot

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2024, 1, 8, 9, tzinfo=TZ)
WORDS = ("正在推进", "完成{n}个村的摸底", "本周完成选址，签订用地协议", "有序推进中")


def county_year(measures: int) -> TeamSnapshot:
    """``measures`` tasks over 20 units, one report with words a week for a year."""
    units = tuple(Unit(f"u{i}", "t", f"单位{i}") for i in range(20))
    people = tuple(
        Person(f"p{i}", "t", f"人{i}", Role.OFFICIAL, unit_id=f"u{i}") for i in range(20)
    )
    plan = Plan("pl", "t", "计划", START, year=2024)
    found = tuple(
        Measure(f"m{i}", "pl", f"任务{i}", f"任务{i}", position=i) for i in range(measures)
    )
    assignments = tuple(
        Assignment(f"a{i}", "t", m.id, AssigneeRole.LEAD, START, unit_id=f"u{i % 20}")
        for i, m in enumerate(found)
    )
    reports = tuple(
        Report(
            f"r{i}.{w}",
            "t",
            m.id,
            f"p{i % 20}",
            ReportStatus.ON_TRACK,
            START + timedelta(weeks=w, hours=1),
            progress=min(100, 2 * w),
            progress_text=WORDS[(i + w) % 4].format(n=w),
        )
        for i, m in enumerate(found)
        for w in range(52)
    )
    return TeamSnapshot(
        settings=TeamSettings(team_id="t"),
        units=units,
        people=people,
        plans=(plan,),
        measures=found,
        assignments=assignments,
        reports=reports,
    )


def main() -> None:
    """Time both variants alternately and print medians and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=400)
    parser.add_argument("--samples", type=int, default=7)
    args = parser.parse_args()
    as_of = START + timedelta(weeks=52)
    timings: dict[str, list[float]] = {"with movement": [], "without": []}
    for _ in range(args.samples):
        for name in timings:
            snap = county_year(args.measures)  # fresh: cached look-ups are not shared
            patch = (
                mock.patch.object(tasks, "movement", return_value=None)
                if name == "without"
                else mock.patch.object(tasks, "movement", tasks.movement)
            )
            with patch:
                began = time.perf_counter()
                tasks.task_lines(snap, as_of)
                timings[name].append(time.perf_counter() - began)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, value in medians.items():
        print(f"{name:>14}: {value * 1000:8.1f} ms (median of {args.samples})")
    print(f"{'ratio':>14}: {medians['with movement'] / medians['without']:8.2f}")


if __name__ == "__main__":
    main()
