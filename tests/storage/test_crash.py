"""Durability under SIGKILL: a writer is killed at random moments, and every reply it confirmed
is in the store when it is reopened, with nothing torn or half-applied.

``DUBAN_STRESS=1`` runs thousands of kill points instead of a few hundred.
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage.durable import TinyDBStore
from storage.files import TEMP_MARK
from storage.layout import WAL_DIR
from tests.storage.crash_writer import expected_entry, expected_report, kill_writer

STRESS = os.environ.get("DUBAN_STRESS") == "1"
ROUNDS = 3000 if STRESS else 240
ROUNDS_PER_DIR = 40  # a fresh directory now and then keeps reopening cheap
CHECKPOINT_BYTES = (1, 4000, 50_000)  # after every reply, every few, rarely: kills hit both


@dataclass
class Tally:
    """What the rounds saw."""

    confirmed: int = 0
    kills_in_open: int = 0
    kills_in_checkpoint: int = 0
    extra_unconfirmed: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _kill_once(data_dir: Path, rng: random.Random, tally: Tally) -> int:
    """Start a writer, kill it at a random moment; return the highest confirmed id (or -1)."""
    checkpoint = str(rng.choice(CHECKPOINT_BYTES))
    killed = kill_writer([str(data_dir), checkpoint], rng, within=(0.012, 0.03))
    tally.kills_in_open += killed.during_open
    tally.confirmed += len(killed.confirmed)
    return max(killed.confirmed, default=-1)


def _checkpoint_interrupted(data_dir: Path) -> bool:
    """Evidence of a checkpoint cut short: a temp file, or more than one log segment left."""
    temps = [p for p in data_dir.rglob("*") if TEMP_MARK in p.name]
    segments = list((data_dir / WAL_DIR).glob("*.log")) if (data_dir / WAL_DIR).is_dir() else []
    return bool(temps) or len(segments) > 1


def _verify(data_dir: Path, last_confirmed: int, tally: Tally) -> int:
    """The store opens, holds every confirmed reply whole (and its audit entry); return count."""
    store = TinyDBStore(data_dir)
    try:
        reports = store.reports.all()
        count = len(reports)
        assert count >= last_confirmed + 1, f"lost confirmed replies: {count} <= {last_confirmed}"
        assert count <= last_confirmed + 2, "more than one unconfirmed reply appeared"
        assert list(reports) == [expected_report(i) for i in range(count)]
        assert list(store.audit) == [expected_entry(i) for i in range(count)]
        tally.extra_unconfirmed += count - (last_confirmed + 1)
        return count
    finally:
        store.abandon()


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL and fsync semantics of Linux")
@pytest.mark.slow
def test_confirmed_replies_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    """Every acknowledged write is in the store after any of hundreds of kills."""
    rng = random.Random(int(os.environ.get("DUBAN_CRASH_SEED", "20250306")))
    tally, started = Tally(), time.perf_counter()
    last = -1
    for round_no in range(ROUNDS):
        data_dir = tmp_path / f"data{round_no // ROUNDS_PER_DIR}"
        if round_no % ROUNDS_PER_DIR == 0:
            last = -1
        last = max(last, _kill_once(data_dir, rng, tally))
        tally.kills_in_checkpoint += _checkpoint_interrupted(data_dir)
        last = _verify(data_dir, last, tally) - 1
    tally.seconds = time.perf_counter() - started
    print(
        f"\ncrash test: {ROUNDS} kills ({tally.kills_in_open} while opening, "
        f"{tally.kills_in_checkpoint} inside a checkpoint), {tally.confirmed} confirmed replies, "
        f"{tally.extra_unconfirmed} unconfirmed replies kept, {tally.seconds:.1f}s"
    )
    assert tally.kills_in_checkpoint > 0
