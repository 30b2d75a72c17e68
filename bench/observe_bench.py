"""What watching the bot costs: durable replies with and without the metrics hook, and the
health endpoint's answers, measured side by side in one run.

    .venv/bin/python bench/observe_bench.py            # about 15 s
    .venv/bin/python bench/observe_bench.py --quick    # fewer samples

Two TinyDB stores in fresh directories take the same durable replies (a report and its audit
entry in one transaction), interleaved in rounds so disk noise hits both alike; one has
``commit_observer = bot.metrics.store_write`` as ``duban run`` sets it. Then a ``Health`` endpoint
on loopback answers ``/readyz`` and ``/metrics`` over real HTTP. Printed: p50 per reply for each
store and their ratio (target ≤ 1.05), and p50 per health request.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import httpx

from bot import metrics
from bot.config import HealthAddress
from bot.domain.audit import Action, AuditEntry
from bot.domain.work import Report, ReportStatus
from bot.health import Health, probe_directory
from storage.durable import TinyDBStore

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


def reply(store: TinyDBStore, number: int) -> float:
    """One durable reply; its duration in seconds."""
    at = T0 + timedelta(minutes=number)
    started = time.perf_counter()
    with store.atomic():
        store.reports.save(Report(f"r{number}", "t1", "m1", "p1", ReportStatus.ON_TRACK, at))
        store.audit.append(AuditEntry(f"a{number}", "t1", at, "p1", Action.REPORTED, "m1"))
    return time.perf_counter() - started


def stores(rounds: int, per_round: int) -> tuple[list[float], list[float]]:
    """Reply latencies of a plain and an observed store, interleaved."""
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        plain, observed = TinyDBStore(Path(a)), TinyDBStore(Path(b))
        observed.commit_observer = metrics.store_write
        times: tuple[list[float], list[float]] = ([], [])
        number = 0
        for _ in range(rounds):
            for index, store in enumerate((plain, observed)):
                for _ in range(per_round):
                    number += 1
                    times[index].append(reply(store, number))
        plain.close()
        observed.close()
    return times


async def endpoint(requests: int) -> dict[str, float]:
    """p50 seconds per /readyz and /metrics request over loopback HTTP."""
    with tempfile.TemporaryDirectory() as data:
        health = Health(Path(data))
        scheduler = SimpleNamespace(running=True, add_listener=lambda *a: None)
        app = SimpleNamespace(
            job_queue=SimpleNamespace(scheduler=scheduler, run_repeating=lambda *a, **k: None),
            updater=SimpleNamespace(running=True),
        )
        await health.start(app, HealthAddress("127.0.0.1", 19464))
        health.polled()
        health.last_beat = health.clock()
        health.store = probe_directory(Path(data))
        result = {}
        async with httpx.AsyncClient() as client:
            for path in ("readyz", "metrics"):
                samples = []
                for _ in range(requests):
                    started = time.perf_counter()
                    (await client.get(f"http://127.0.0.1:19464/{path}")).raise_for_status()
                    samples.append(time.perf_counter() - started)
                result[path] = statistics.median(samples)
        await health.stop()
    return result


def main() -> None:
    """Run both measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds, per_round, requests = (10, 50, 100) if args.quick else (40, 100, 500)
    plain, observed = stores(rounds, per_round)
    p_plain, p_obs = statistics.median(plain), statistics.median(observed)
    served = asyncio.run(endpoint(requests))
    print("| measurement | p50 |")
    print("| --- | --- |")
    print(f"| durable reply, plain store | {p_plain * 1000:.3f} ms |")
    print(f"| durable reply, with the metrics hook | {p_obs * 1000:.3f} ms |")
    print(f"| ratio hook / plain (target ≤ 1.05) | {p_obs / p_plain:.3f} |")
    print(f"| GET /readyz | {served['readyz'] * 1000:.2f} ms |")
    print(f"| GET /metrics | {served['metrics'] * 1000:.2f} ms |")


if __name__ == "__main__":
    main()
