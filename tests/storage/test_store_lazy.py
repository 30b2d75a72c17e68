"""The embedded store's lazy writes: no fsync until the next durable commit, which syncs first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.durable import TinyDBStore
from storage.layout import WAL_DIR
from storage.lazy import LAZY_BACKLOG
from storage.wal import read_segment, segment_numbers, segment_path
from tests.factories import entities as f


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TinyDBStore]:
    """A durable store in a fresh directory."""
    opened = TinyDBStore(tmp_path / "data")
    yield opened
    opened.close()


def test_lazy_commits_wait_for_no_fsync_and_the_next_durable_one_syncs_them_first(
    store: TinyDBStore,
) -> None:
    """On the embedded store lazy commits make no fsync; the next durable commit fsyncs them
    before writing its own record (so it is never on disk without them), then itself."""
    disk = store
    before = disk.fsyncs
    with store.lazily():
        for n in range(3):
            store.reports.save(f.report(measure_id=f"m{n}"))
    assert disk.fsyncs == before
    store.teams.save(f.team())
    assert disk.fsyncs == before + 2
    store.teams.save(f.team(id="t2"))
    assert disk.fsyncs == before + 3


def test_lazy_commits_wait_for_an_fsync_once_the_backlog_is_full(store: TinyDBStore) -> None:
    """At most LAZY_BACKLOG lazy commits wait unsynced: the one that fills it fsyncs."""
    disk = store
    before = disk.fsyncs
    with store.lazily():
        for n in range(LAZY_BACKLOG):
            store.reports.save(f.report(measure_id=f"m{n}"))
    assert disk.fsyncs == before + 1
    store.sync()
    assert disk.fsyncs == before + 1  # nothing was left to sync


async def test_lazily_holds_for_its_own_task_only(store: TinyDBStore) -> None:
    """While one task is inside lazily(), another task's commit still waits for the disk."""
    disk = store
    inside, done = asyncio.Event(), asyncio.Event()

    async def lazy_task() -> None:
        with store.lazily():
            store.reports.save(f.report())
            inside.set()
            await done.wait()

    task = asyncio.create_task(lazy_task())
    await inside.wait()
    before = disk.fsyncs
    store.teams.save(f.team())  # durable: the lazy report is synced first, then the team
    assert disk.fsyncs == before + 2
    done.set()
    await task


def test_a_lazy_commit_is_in_the_log_file_when_it_returns(store: TinyDBStore) -> None:
    """A lazy commit waits for no fsync but is written to the log before it returns (a killed
    process keeps it), not kept back for the next batch of durable commits."""
    report = f.report(id="lazy-report")
    with store.lazily():
        store.reports.save(report)
        wal = store.data_dir / WAL_DIR
        records = read_segment(segment_path(wal, segment_numbers(wal)[-1])).records
    assert any(op[1] == report.id for record in records for op in record["ops"])
