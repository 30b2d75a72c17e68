"""The writer process of the crash test: appends replies until it is killed.

Usage: ``python crash_writer.py DATA_DIR CHECKPOINT_BYTES``, or ``python crash_writer.py URL``
for a PostgreSQL database. Prints ``opening`` once imported,
``ready <n>`` once the store is open (n reports found), then ``ok <i>`` after each transaction
(report ``i`` plus its audit entry) has returned, i.e. was acknowledged as durable.
"""

from __future__ import annotations

import sys
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
