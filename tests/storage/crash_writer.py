"""The writer process of the crash test: appends replies until it is killed.

Usage: ``python crash_writer.py DATA_DIR CHECKPOINT_BYTES``, or ``python crash_writer.py URL``
for a PostgreSQL database. Prints ``opening`` once imported,
``ready <n>`` once the store is open (n reports found), then ``ok <i>`` after each transaction
(report ``i`` plus its audit entry) has returned, i.e. was acknowledged as durable.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.audit import Action, AuditEntry
from bot.domain.ports import Store
from bot.domain.work import Report, ReportStatus
from storage.durable import TinyDBStore

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
STATUSES = list(ReportStatus)


def expected_report(i: int) -> Report:
    """Report number ``i``: every field derives from ``i`` so a reader can check it whole."""
    return Report(
        id=f"r{i}",
        team_id="t1",
        measure_id=f"m{i % 40}",
        author_id=f"p{i % 23}",
        status=STATUSES[i % len(STATUSES)],
        created_at=T0 + timedelta(hours=7 * i),
        cycle_id=f"c{i // 50}",
        progress=i % 101,
        indicator_values=(("投资", i / 4),),
        progress_text="按计划推进，完成项目前期工作。" * (1 + i % 5),
        attachments=tuple(f"file{j}" for j in range(i % 3)),
    )


def expected_entry(i: int) -> AuditEntry:
    """The audit entry written with report ``i``."""
    return AuditEntry(
        id=f"e{i}",
        team_id="t1",
        at=T0 + timedelta(hours=7 * i),
        actor_id=f"p{i % 23}",
        action=Action.REPORTED,
        subject=f"m{i % 40}",
        detail={"report": f"r{i}", "n": i},
    )


@dataclass(frozen=True, slots=True)
class Killed:
    """What a killed writer had said: the ids it confirmed, whether it was killed while it
    opened the store, and whether it had printed anything after ``opening``."""

    confirmed: list[int]
    during_open: bool
    said_more: bool


def kill_writer(args: list[str], rng: random.Random, *, within: tuple[float, float]) -> Killed:
    """Start this writer with ``args``, kill it (SIGKILL) at a random moment: one time in five
    while it opens the store (within ``within[0]`` seconds), else once it is ready (within
    ``within[1]``)."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "opening\n"
    during_open = rng.random() < 0.2
    if not during_open:
        assert proc.stdout.readline().startswith("ready")
    time.sleep(rng.uniform(0, within[0] if during_open else within[1]))
    proc.send_signal(signal.SIGKILL)
    lines = proc.stdout.read().splitlines()
    proc.wait()
    proc.stdout.close()
    confirmed = [int(line.split()[1]) for line in lines if line.startswith("ok ")]
    return Killed(confirmed, during_open, bool(lines))


def main(argv: list[str]) -> int:
    """Open the store and append replies forever, confirming each on stdout."""
    print("opening", flush=True)
    store: Store
    if argv[0].startswith("postgresql://"):
        from storage.postgres import PostgresStore

        store = PostgresStore(argv[0], pool_max=1)
    else:
        store = TinyDBStore(Path(argv[0]), checkpoint_bytes=int(argv[1]))
    i = len(store.reports.all())
    print(f"ready {i}", flush=True)
    while True:
        with store.atomic():
            store.reports.save(expected_report(i))
            store.audit.append(expected_entry(i))
        print(f"ok {i}", flush=True)
        i += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
