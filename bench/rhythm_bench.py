"""Rhythm at scale: the weekly digest, the monthly review and the ledger of a county with history.

Run ``.venv/bin/python bench/rhythm_bench.py [--quick] [--json]``. For each history size (1 and
5 county-years; ``--quick``: 0.2 and 1) a county is seeded straight into a durable TinyDB store
(``bench/county.py``: 2,000 officials, 400 measures, weekly prompts and reports), the store is
reopened as the bot opens it, and each step is timed (median of ``--rounds`` runs):

- ``snapshot``: reading the whole team from the store (``load_snapshot``, every cycle's
  prompts since the history start), for comparison;
- ``digest_snapshot``, ``review_snapshot``, ``ledger_snapshot``: what each view reads
  (:mod:`bot.rhythm.scoped`: the prompts of the cycles it shows);
- ``digest``: the weekly digest from its snapshot and its messages (``digest_for`` and
  ``render_digest_messages`` for the leaders' group);
- ``review``: the monthly review and its messages (``monthly_review``,
  ``render_review_messages``);
- ``ledger``: the ledger workbook's bytes (``ledger_bytes``, what ``/export`` sends: this
  year's ledger), and ``ledger_cells``, the cells it writes per sheet;
- ``digest_total``, ``review_total``: ``DigestService.digest`` and ``DigestService.review``
  end to end (the service reads its own snapshot; the review's includes the ledger);
- ``review_text_total``: the review as the bot sends it first, before its ledger: its
  snapshot read, the review and its messages; ``ledger_total``: the ledger as ``/export``
  makes it, its snapshot read and the workbook written.

Targets (issue 13): digest and review ≤ 200 ms, the ledger ≤ 2 s. The weekly dispatch's pacing
is measured by ``dispatch_bench.py``. Not a timed test; see ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import county

from bot.app import settle_heap
from bot.domain.clock import ManualClock
from bot.render.rhythm.ledger import build_ledger, ledger_bytes, ledger_file
from bot.render.rhythm.messages import render_digest_messages, render_review_messages
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import digest_for
from bot.rhythm.review import monthly_review
from bot.rhythm.scoped import digest_snapshot, ledger_snapshot, review_snapshot
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.services import Services
from storage.durable import TinyDBStore

FULL = {"years": (1.0, 5.0), "rounds": 3}
QUICK = {"years": (0.2, 1.0), "rounds": 3}
TARGETS_MS = {"digest": 200.0, "review": 200.0, "ledger": 2000.0}


def median_ms(action: Callable[[], object], rounds: int) -> float:
    """Milliseconds per call, the median of ``rounds`` calls."""
    laps = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        laps.append(time.perf_counter() - began)
    return statistics.median(laps) * 1e3


def level(years: float, rounds: int) -> dict[str, Any]:
    """Every step at one history size."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("DUBAN_BENCH_DIR")) as tmp:
        data = Path(tmp) / "data"
        store = TinyDBStore(data)
        began = time.perf_counter()
        county.seed(store, years)
        store.close()
        seeded = time.perf_counter() - began
        store = TinyDBStore(data)
        services = Services.build(store, ManualClock(county.NOW, county.TZ))
        settle_heap()  # as ``duban run`` does after building (press_bench does the same)
        calendar, now, team = WorkCalendar(), county.NOW, county.TEAM
        snapshot = load_snapshot(store, team)
        shown = {
            "digest": lambda: digest_snapshot(store, team, calendar, now, None),
            "review": lambda: review_snapshot(store, team, now, ledger=False),
            "ledger": lambda: ledger_snapshot(store, team, now),
        }
        read = {name: reader() for name, reader in shown.items()}

        def fresh(name: str) -> TeamSnapshot:
            """The view's snapshot as read (nothing worked out on it by an earlier round)."""
            return replace(read[name])

        result = {
            "snapshot": median_ms(lambda: load_snapshot(store, team), rounds),
            **{f"{name}_snapshot": median_ms(reader, rounds) for name, reader in shown.items()},
            "digest": median_ms(
                lambda: render_digest_messages(
                    digest_for(fresh("digest"), calendar, now, None), "zh", "group"
                ),
                rounds,
            ),
            "review": median_ms(
                lambda: render_review_messages(monthly_review(fresh("review"), now), "zh"), rounds
            ),
            "ledger": median_ms(lambda: ledger_bytes(fresh("ledger"), now, "zh"), rounds),
            "digest_total": median_ms(lambda: services.digests.digest(county.TEAM), rounds),
            "review_total": median_ms(
                lambda: services.digests.review(county.TEAM, ledger_file), rounds
            ),
            "review_text_total": median_ms(
                lambda: render_review_messages(monthly_review(shown["review"](), now), "zh"),
                rounds,
            ),
            "ledger_total": median_ms(lambda: ledger_bytes(shown["ledger"](), now, "zh"), rounds),
        }
        store.close()
    return {
        "ms": result,
        "seed_s": seeded,
        "reports_in_snapshot": len(snapshot.reports),
        "prompts_in_snapshot": len(snapshot.prompts),
        "prompts_read": {name: len(found.prompts) for name, found in read.items()},
        "ledger_cells": ledger_cells(fresh("ledger")),
    }


def ledger_cells(snapshot: TeamSnapshot) -> dict[str, int]:
    """The cells the ledger writes (header rows included), per sheet and in all."""
    book, streams = build_ledger(snapshot, county.NOW, "zh")
    tasks = book.worksheets[0]
    cells = {tasks.title: tasks.max_row * tasks.max_column}
    for title, stream in streams.items():
        cells[title] = (stream.rows + 1) * len(stream.widths)
    return {**cells, "total": sum(cells.values())}


def table(report: dict[str, Any]) -> str:
    """The figures as text."""
    steps = (
        "snapshot",
        "digest_snapshot",
        "review_snapshot",
        "ledger_snapshot",
        "digest",
        "review",
        "ledger",
        "digest_total",
        "review_total",
        "review_text_total",
        "ledger_total",
    )
    lines = [f"{'history':>8} " + " ".join(f"{s:>13}" for s in steps) + "   (ms, median)"]
    for key, row in report["results"].items():
        lines.append(f"{key:>8} " + " ".join(f"{row['ms'][s]:>13.1f}" for s in steps))
    lines.append("")
    for key, row in report["results"].items():
        lines.append(
            f"{key}: seeded in {row['seed_s']:.1f} s; the snapshot holds "
            f"{row['reports_in_snapshot']} reports and {row['prompts_in_snapshot']} prompts; "
            "prompts read by "
            + ", ".join(f"{k}: {v}" for k, v in row["prompts_read"].items())
            + f"; the ledger writes {row['ledger_cells']['total']:,} cells"
        )
    lines.append("targets: " + ", ".join(f"{k} <= {v:.0f} ms" for k, v in TARGETS_MS.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="0.2 and 1 county-years")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--rounds", type=int, help="calls per step (the median is kept)")
    args = parser.parse_args(argv)
    config = dict(QUICK if args.quick else FULL)
    if args.rounds:
        config["rounds"] = args.rounds
    began = time.perf_counter()
    results = {}
    for years in config["years"]:
        results[f"{years:g}y"] = found = level(years, config["rounds"])
        print(f"{years:g}y: {json.dumps(found['ms'])}", file=sys.stderr, flush=True)
    report = {
        "config": {**config, "officials": county.OFFICIALS, "measures": county.MEASURES},
        "results": results,
        "targets_ms": TARGETS_MS,
        "seconds": time.perf_counter() - began,
    }
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
