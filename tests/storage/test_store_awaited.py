"""The embedded store's awaited commits: tasks committing at once share an fsync, none goes on
before its own commit is durable, and a failed fsync fails (and undoes) every one it covered."""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.work import Report
from storage.durable import TinyDBStore
from storage.wal import WalError
from tests.factories import entities as f
from tests.held_fsync import HeldFsync

TASKS = 16


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TinyDBStore]:
    """A durable store in a fresh directory."""
    opened = TinyDBStore(tmp_path / "data")
    yield opened
    opened.close()


async def reply(store: TinyDBStore, report: Report) -> None:
    """A reply (report and audit entry) committed through the awaited path."""
    async with store.atomic_async():
        store.reports.save(report)
        store.audit.append(f.entry(subject=report.measure_id))


async def test_tasks_committing_at_once_share_fsyncs(tmp_path: Path, store: TinyDBStore) -> None:
    """Sixteen tasks committing at once make fewer fsyncs than commits, each commit is told to
    the commit observer once, and every one is on disk once its task goes on (a reopened store
    has all of them)."""
    reports = [f.report(measure_id=f"m{n}") for n in range(TASKS)]
    observed: list[float] = []
    store.commit_observer = observed.append
    before = store.fsyncs
    await asyncio.gather(*(reply(store, report) for report in reports))
    assert store.fsyncs - before < TASKS
    assert store.fsyncs > before
    assert len(observed) == TASKS
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    assert [reopened.reports.get(r.id) for r in reports] == reports
    reopened.close()


async def test_a_task_does_not_go_on_before_its_fsync_returns(
    store: TinyDBStore, fsync_gate: HeldFsync
) -> None:
    """While the log's fsync is held, the tasks awaiting it stay where they are (the event
    loop runs on: this test does); once it returns, each goes on."""
    reports = [f.report(measure_id=f"m{n}") for n in range(4)]
    tasks = [asyncio.create_task(reply(store, report)) for report in reports]
    await fsync_gate.wait_entered()
    for _ in range(5):
        await asyncio.sleep(0)
    assert not any(task.done() for task in tasks)
    fsync_gate.release()
    await asyncio.gather(*tasks)
    assert fsync_gate.calls >= 1


async def test_a_failed_fsync_fails_every_task_it_covered_and_undoes_their_writes(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """An fsync that fails (a full disk) fails every task waiting for it, their writes are
    undone, and the store refuses writes until it is reopened."""
    store = TinyDBStore(tmp_path / "data")
    kept = f.report(measure_id="kept")
    fsync_gate.release()
    await reply(store, kept)
    fsync_gate.hold()
    reports = [f.report(measure_id=f"m{n}") for n in range(6)]
    tasks = [asyncio.create_task(reply(store, report)) for report in reports]
    await fsync_gate.wait_entered()
    fsync_gate.error = OSError(errno.ENOSPC, "No space left on device")
    fsync_gate.release()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(o, OSError | WalError) for o in outcomes), outcomes
    assert [store.reports.get(r.id) for r in reports] == [None] * len(reports)
    assert store.reports.get(kept.id) == kept
    with pytest.raises(WalError):
        await reply(store, f.report(measure_id="later"))
    store.abandon()  # as a process that stops here: the next start recovers from the log


async def test_a_cancelled_task_leaves_the_others_round_going_on(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """Cancelling one task while the fsync its commit waits for is held ends that task's wait
    only: the others go on once the fsync returns, and every commit taken, the cancelled
    task's included, is on disk."""
    store = TinyDBStore(tmp_path / "data")
    reports = [f.report(measure_id=f"m{n}") for n in range(6)]
    tasks = [asyncio.create_task(reply(store, report)) for report in reports]
    await fsync_gate.wait_entered()
    tasks[0].cancel()
    for _ in range(5):
        await asyncio.sleep(0)
    assert tasks[0].cancelled()
    assert not any(task.done() for task in tasks[1:])
    fsync_gate.release()
    await asyncio.gather(*tasks[1:])
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    assert [reopened.reports.get(r.id) for r in reports] == reports
    reopened.close()


async def test_a_failed_fsync_fails_the_tasks_that_committed_while_it_ran(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """Tasks that commit while a failing fsync runs (their records not covered by it) fail as
    well, and their writes are undone with those it covered."""
    store = TinyDBStore(tmp_path / "data")
    first = asyncio.create_task(reply(store, f.report(measure_id="first")))
    await fsync_gate.wait_entered()
    late = [f.report(measure_id=f"late{n}") for n in range(3)]
    tasks = [first, *(asyncio.create_task(reply(store, report)) for report in late)]
    for _ in range(5):
        await asyncio.sleep(0)
    fsync_gate.error = OSError(errno.ENOSPC, "No space left on device")
    fsync_gate.release()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(o, OSError | WalError) for o in outcomes), outcomes
    assert [store.reports.get(r.id) for r in late] == [None] * len(late)
    store.abandon()


async def test_tasks_of_two_event_loops_commit_at_once(tmp_path: Path, store: TinyDBStore) -> None:
    """Tasks on two event loops (two threads) committing through one store at once all go on,
    each once its commit is durable: a reopened store has every one."""
    reports = [[f.report(measure_id=f"l{side}m{n}") for n in range(TASKS)] for side in range(2)]

    def one_loop(side: int) -> None:
        async def everyone() -> None:
            await asyncio.gather(*(reply(store, report) for report in reports[side]))

        asyncio.run(everyone())

    await asyncio.gather(*(asyncio.to_thread(one_loop, side) for side in range(2)))
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    every = [report for side in reports for report in side]
    assert [reopened.reports.get(r.id) for r in every] == every
    reopened.close()
