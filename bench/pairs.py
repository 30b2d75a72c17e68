"""What the side-by-side benchmarks (``*_pair.py``) share: an earlier revision's code beside
this tree, and a worker process that runs a script in one tree and prints its figures."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def checkout(revision: str, into: Path) -> Path:
    """The code of ``revision`` (``git archive`` of this repository) in the new folder ``into``."""
    into.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def seed_county(years: float, into: Path) -> Path:
    """A durable store at ``into`` holding the county (``county.py``) with ``years`` of
    history, written with this tree's code."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    import county

    from storage.durable import TinyDBStore

    store = TinyDBStore(into)
    county.seed(store, years)
    store.close()
    return into


def in_tree(tree: Path, script: str, *args: object) -> dict[str, Any]:
    """Run ``script`` (``python -c``) with ``args`` in a fresh process on ``tree``'s code; the
    JSON object on its last line of output."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def pair_arguments(description: str, pairs: int, rounds: int, per: str) -> argparse.ArgumentParser:
    """The arguments every side-by-side benchmark takes: the revision to compare with, the
    county-years of history, how many pairs of worker runs and ``per`` each worker."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--before", default="main", help="the revision to compare with")
    parser.add_argument("--years", type=float, default=5.0, help="county-years of history")
    parser.add_argument("--pairs", type=int, default=pairs, help="pairs of worker runs")
    parser.add_argument("--rounds", type=int, default=rounds, help=per)
    return parser


#: Each side's runs, in order: ``before`` (the earlier revision) and ``after`` (this tree).
Runs = dict[str, list[dict[str, Any]]]


def alternate(pairs: int, before: Path, run: Callable[[str, Path], dict[str, Any]]) -> Runs:
    """``run(side, tree)`` for both trees, ``pairs`` times, the side that goes first taking
    turns (so a change in the machine's load weighs on both alike)."""
    runs: Runs = {"before": [], "after": []}
    order = [("before", before), ("after", ROOT)]
    for number in range(pairs):
        for side, tree in order if number % 2 == 0 else order[::-1]:
            runs[side].append(run(side, tree))
    return runs


def compared(runs: Runs, steps: Sequence[str], field: str | None = None) -> dict[str, Any]:
    """Each side's median per step (``ms``) and the median of the pairs' after ÷ before
    (``ratio``); ``field``: where a run keeps its steps' figures (else in the run itself)."""

    def of(run: dict[str, Any]) -> dict[str, float]:
        figures: dict[str, float] = run if field is None else run[field]
        return figures

    pairs = list(zip(runs["before"], runs["after"], strict=True))
    return {
        "ms": {
            side: {s: statistics.median(of(r)[s] for r in found) for s in steps}
            for side, found in runs.items()
        },
        "ratio": {s: statistics.median(of(b)[s] / of(a)[s] for a, b in pairs) for s in steps},
    }


def step_lines(report: dict[str, Any], steps: Sequence[str], pairs: int) -> list[str]:
    """A line per step: both sides' medians and the ratio."""
    return [
        f"{step}: before {report['ms']['before'][step]:.0f} ms, "
        f"after {report['ms']['after'][step]:.0f} ms, "
        f"after ÷ before {report['ratio'][step]:.2f} (median of {pairs} pairs)"
        for step in steps
    ]
