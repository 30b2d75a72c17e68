"""What the side-by-side benchmarks (``*_pair.py``) share: an earlier revision's code beside
this tree, and a worker process that runs a script in one tree and prints its figures."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
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
