"""Plan importer scaling: parse time at n and 4n for each kind of input, side by side.

Run ``python bench/importer_bench.py``. Each shape is parsed at a base size and at four times
that size in the same run; a ratio near 4 means linear time (16 would be quadratic).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.importer import PlanImportError, parse_plan

ITEM = (
    "（{n}）推进重点项目建设。全年完成投资XX亿元，2024年6月底前开工。"
    "（县发改局牵头，县财政局配合）"
)


def numbered(n: int) -> bytes:
    """A plan of n numbered items under a few parts."""
    lines = ["XX县2024年重点工作安排", "一、总体要求", "坚持稳中求进。", "二、重点任务"]
    lines += [ITEM.format(n=i) for i in range(n)]
    return "\n".join(lines).encode()


def prose(n: int) -> bytes:
    """Meeting-report prose without numbers: n sentences, a few with dates alone on a line."""
    sentence = "会议强调，要坚定信心、保持态势，扎实推进各项工作，确保全年目标任务圆满完成。"
    lines = [sentence * 3 if i % 50 else "2024年1月15日" for i in range(n)]
    return "\n".join(lines).encode()


def tab_table(n: int) -> bytes:
    """A tab-separated 责任清单 of n rows."""
    rows = ["序号\t重点任务\t牵头单位\t完成时限"]
    rows += [f"{i}\t推进重点项目建设第{i}项。\t县发改局\t2024年6月底前" for i in range(1, n + 1)]
    return "\n".join(rows).encode()


def cell_lines(n: int) -> bytes:
    """A table laid out one cell per line, n rows."""
    lines = ["序号", "民生实事", "责任单位", "完成时限"]
    for i in range(1, n + 1):
        lines += [str(i), f"新建第{i}座人行天桥。", "县住建局", "12月底前"]
    return "\n".join(lines).encode()


def paragraphs(n: int) -> bytes:
    """One heading over n unnumbered paragraphs, each with its own owner note."""
    lines = [
        "二、主要任务",
        "（一）强化顶层设计，发挥政府指导作用。建立指标体系。（生态环境部指导）",
    ]
    lines += [
        f"优化第{i}项管理机制，强化分工协作。具体措施如下。（生态环境部指导）" for i in range(n)
    ]
    return "\n".join(lines).encode()


SHAPES: dict[str, tuple[Callable[[int], bytes], int]] = {
    "numbered items": (numbered, 2000),
    "prose, no numbers": (prose, 2000),
    "tab table": (tab_table, 2000),
    "one cell per line": (cell_lines, 1000),
    "owner paragraphs": (paragraphs, 1000),
}


def seconds(data: bytes) -> float:
    """Best of three parse times."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with contextlib.suppress(PlanImportError):
            parse_plan(data, "plan.txt")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Print one row per shape: sizes, times and the 4n/n ratio."""
    print(f"{'input':<20}{'n bytes':>10}{'n s':>8}{'4n bytes':>11}{'4n s':>8}{'ratio':>7}")
    for name, (build, base) in SHAPES.items():
        small, large = build(base), build(base * 4)
        t_small, t_large = seconds(small), seconds(large)
        print(
            f"{name:<20}{len(small):>10}{t_small:>8.3f}{len(large):>11}{t_large:>8.3f}"
            f"{t_large / t_small:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
