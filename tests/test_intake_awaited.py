"""The intake's durable commits awaited: an update is queued only once its journal entry is
durable and released only once its finish is; updates in flight at once share fsyncs; a failed
fsync refuses every update it covered; a polled batch is journaled together and acknowledged
only once every update of it is durable."""

from __future__ import annotations

import asyncio
import errno
from pathlib import Path
from typing import Any, cast

import pytest
from telegram import Update

from bot.domain.delivery import Inbound, inbound_id
from bot.domain.ports import InboundRepo
from bot.intake import JournalingQueue, JournalUnavailable
from storage.durable import TinyDBStore
from storage.memory import MemoryStore
from tests.held_fsync import HeldFsync
from tests.test_intake import intake_over, update

UPDATES = 16


async def test_an_update_is_queued_only_once_its_journal_entry_is_durable(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """While the journal entry's fsync is held, ``put`` has not returned and nothing is
    queued (so Telegram is not told the update arrived); once it returns, the update is."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    putting = asyncio.create_task(queue.put(update(5)))
    await fsync_gate.wait_entered()
    for _ in range(5):
        await asyncio.sleep(0)
    assert not putting.done()
    assert queue.empty()
    fsync_gate.release()
    await putting
    assert queue.qsize() == 1
    store.close()


async def test_updates_arriving_at_once_share_their_journal_fsyncs(tmp_path: Path) -> None:
    """Sixteen updates put at once (as webhook requests are) are journaled with fewer fsyncs
    than updates, and every one is pending on disk after a restart."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    before = store.fsyncs
    await asyncio.gather(*(queue.put(update(n)) for n in range(1, UPDATES + 1)))
    assert 0 < store.fsyncs - before < UPDATES
    assert queue.qsize() == UPDATES
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    assert [e.update_id for e in reopened.inbound.pending()] == list(range(1, UPDATES + 1))
    reopened.close()


async def test_updates_finishing_at_once_share_fsyncs_and_are_handled_on_disk(
    tmp_path: Path,
) -> None:
    """Sixteen updates in flight at once are marked handled with fewer fsyncs than updates,
    and a restart finds every one handled."""
    store = TinyDBStore(tmp_path / "data")
    intake = intake_over(store)
    updates = [update(n) for n in range(1, UPDATES + 1)]
    for one in updates:
        intake.journal(one)
        assert intake.begin(one)
    before = store.fsyncs
    await asyncio.gather(*(intake.finish_async(one) for one in updates))
    assert 0 < store.fsyncs - before < UPDATES
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    assert reopened.inbound.pending() == ()
    assert all(e.handled for e in reopened.inbound.all())
    reopened.close()


async def test_an_update_is_released_only_once_its_finish_is_durable(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """While the fsync of the commit marking an update handled is held, the update is still
    under way here (a second delivery is skipped, nothing after it runs); then it is done."""
    store = TinyDBStore(tmp_path / "data")
    intake = intake_over(store)
    fsync_gate.release()
    intake.journal(update(9))
    assert intake.begin(update(9))
    fsync_gate.hold()
    finishing = asyncio.create_task(intake.finish_async(update(9)))
    await fsync_gate.wait_entered()
    for _ in range(5):
        await asyncio.sleep(0)
    assert not finishing.done()
    assert not intake.begin(update(9))  # still under way
    fsync_gate.release()
    await finishing
    assert not intake.begin(update(9))  # handled before
    entry = store.inbound.get(inbound_id(9))
    assert entry is not None
    assert entry.handled
    store.close()


async def test_a_failed_journal_fsync_refuses_every_update_it_covered(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """When the fsync the journal entries of updates put at once wait for fails (a full
    disk), every ``put`` raises JournalUnavailable and none of them is queued or pending."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    putting = [asyncio.create_task(queue.put(update(n))) for n in range(1, 7)]
    await fsync_gate.wait_entered()
    fsync_gate.error = OSError(errno.ENOSPC, "No space left on device")
    fsync_gate.release()
    outcomes = await asyncio.gather(*putting, return_exceptions=True)
    assert all(isinstance(o, JournalUnavailable) for o in outcomes), outcomes
    assert queue.empty()
    assert store.inbound.pending() == ()
    with pytest.raises(JournalUnavailable):
        await queue.put(update(7))
    store.abandon()


async def poll(queue: JournalingQueue, updates: list[Update]) -> None:
    """Hand a ``getUpdates`` batch over as PTB's polling loop does: each update put in turn."""
    for one in updates:
        await queue.put(one)


def drained(queue: JournalingQueue) -> list[int]:
    """The ids of the updates in ``queue``, in queue order (taken out)."""
    return [cast(Update, queue.get_nowait()).update_id for _ in range(queue.qsize())]


class FlakyJournal:
    """The journal's repository where the first ``failures`` writes of one update fail."""

    def __init__(self, repo: InboundRepo, update_id: int, failures: int) -> None:
        self.repo = repo
        self.update_id = update_id
        self.failures = failures

    def add(self, entry: Inbound) -> bool:
        """Fail while failures are left for this update, else journal it."""
        if entry.update_id == self.update_id and self.failures > 0:
            self.failures -= 1
            raise OSError(errno.EIO, "Input/output error")
        return self.repo.add(entry)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.repo, name)


async def test_a_polled_batch_shares_fsyncs_and_is_queued_in_order_once_durable(
    tmp_path: Path,
) -> None:
    """Once polling has begun, 64 updates put one after another (a getUpdates batch) are
    journaled with far fewer fsyncs than updates; when the next getUpdates may go out (settle
    returned) every one is queued, in order, and pending on disk."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    await queue.settle()  # before the first getUpdates
    before = store.fsyncs
    await poll(queue, [update(n) for n in range(1, 65)])
    await queue.settle()
    assert 0 < store.fsyncs - before < 64 // 4
    assert drained(queue) == list(range(1, 65))
    store.close()
    reopened = TinyDBStore(tmp_path / "data")
    assert [e.update_id for e in reopened.inbound.pending()] == list(range(1, 65))
    reopened.close()


async def test_a_polled_batch_is_not_acknowledged_nor_queued_before_its_fsync_returns(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """While the fsync of a polled batch is held, the next getUpdates waits in settle and no
    update of the batch is queued; once the fsync returns, all are, in order."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    await queue.settle()
    await poll(queue, [update(n) for n in range(1, 9)])
    settling = asyncio.create_task(queue.settle())
    await fsync_gate.wait_entered()
    for _ in range(5):
        await asyncio.sleep(0)
    assert not settling.done()
    assert queue.empty()
    fsync_gate.release()
    await settling
    assert drained(queue) == list(range(1, 9))
    store.close()


async def test_a_polled_batch_whose_fsync_fails_is_never_acknowledged(
    tmp_path: Path, fsync_gate: HeldFsync
) -> None:
    """When the fsync of a polled batch fails (a full disk), settle raises JournalUnavailable
    (PTB backs off and asks again with the same offset) every time it is asked, and no update
    of the batch is queued."""
    store = TinyDBStore(tmp_path / "data")
    queue = JournalingQueue(intake_over(store))
    await queue.settle()
    await poll(queue, [update(n) for n in range(1, 7)])
    await fsync_gate.wait_entered()
    fsync_gate.error = OSError(errno.ENOSPC, "No space left on device")
    fsync_gate.release()
    for _ in range(2):
        with pytest.raises(JournalUnavailable):
            await queue.settle()
    assert queue.empty()
    store.abandon()


async def test_a_polled_update_whose_entry_failed_is_written_again_before_acknowledging() -> None:
    """An update of a polled batch whose journal write fails once is written again before the
    batch is acknowledged, and the batch is queued in order."""
    store = MemoryStore()
    store.inbound = FlakyJournal(store.inbound, 3, failures=1)
    queue = JournalingQueue(intake_over(store))
    await queue.settle()
    await poll(queue, [update(n) for n in range(1, 6)])
    await queue.settle()
    assert drained(queue) == [1, 2, 3, 4, 5]
    assert [e.update_id for e in store.inbound.pending()] == [1, 2, 3, 4, 5]


async def test_a_polled_batch_stays_held_from_an_entry_that_cannot_be_written() -> None:
    """While one update's journal write keeps failing, settle raises and only the updates
    before it are queued (those after it wait, in order); once it is written, all are."""
    store = MemoryStore()
    store.inbound = FlakyJournal(store.inbound, 3, failures=2)
    queue = JournalingQueue(intake_over(store))
    await queue.settle()
    await poll(queue, [update(n) for n in range(1, 6)])
    with pytest.raises(JournalUnavailable):
        await queue.settle()
    assert drained(queue) == [1, 2]
    await queue.settle()
    assert drained(queue) == [3, 4, 5]
