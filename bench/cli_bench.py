"""CLI start-up benchmark: how long ``duban --help`` and ``duban plan parse`` spend importing.

Run ``.venv/bin/python bench/cli_bench.py [--json] [--runs N]``. Each command runs N times in a
fresh interpreter with ``-X importtime``; the figure is the median of the summed top-level import
times (what the interpreter spends importing before the command's own work), next to the median
wall time of the whole command. ``plan parse`` reads a generated 400-measure plan (plain text).
See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MEASURES = 400
UNITS = ("县发改委", "县财政局", "县住建局", "县工信局", "县农业农村局")


def plan_text() -> str:
    """A work plan with 400 measures in 8 parts, as a county office writes them."""
    lines = ["XX县2024年工作要点", ""]
    numerals = "一二三四五六七八"
    for part in range(8):
        lines.append(f"{numerals[part]}、第{part + 1}方面重点工作")
        for n in range(MEASURES // 8):
            unit = UNITS[(part + n) % len(UNITS)]
            lines.append(
                f"{n + 1}. 推进第{part * 50 + n + 1}项重点任务落实，全年完成投资{n + 1}亿元。"
                f"牵头单位：{unit}；完成时限：2024年{n % 12 + 1}月底前。"
            )
    return "\n".join(lines) + "\n"


def _imports_s(stderr: str) -> float:
    """Seconds of top-level imports in an ``-X importtime`` report."""
    total = 0
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if name[1:2] != " " and cumulative.strip().isdigit():
                total += int(cumulative)
    return total / 1e6


def measure(argv: list[str], runs: int) -> dict[str, float]:
    """Median import and wall seconds of ``duban <argv>``."""
    code = f"import sys; from bot.cli.main import main; sys.exit(main({argv!r}))"
    imports, walls = [], []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
        )
        walls.append(time.perf_counter() - began)
        if done.returncode not in (0, 2):
            raise RuntimeError(f"duban {' '.join(argv)} failed: {done.stderr[-500:]}")
        imports.append(_imports_s(done.stderr))
    return {"imports_s": statistics.median(imports), "wall_s": statistics.median(walls)}


def main(argv: list[str] | None = None) -> int:
    """Measure both commands and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(plan_text(), encoding="utf-8")
        report: dict[str, Any] = {
            "help": measure(["--help"], args.runs),
            "plan_parse": measure(["plan", "parse", str(plan), "--format", "json"], args.runs),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'command':<22}{'imports s':>10}{'wall s':>9}  (target: imports <= 0.3 s)")
    for name, row in report.items():
        label = "duban " + name.replace("_", " ")
        print(f"{label:<22}{row['imports_s']:>10.3f}{row['wall_s']:>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
