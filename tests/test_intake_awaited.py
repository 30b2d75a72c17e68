"""The intake's durable commits awaited: an update is queued only once its journal entry is
durable and released only once its finish is; updates in flight at once share fsyncs; a failed
fsync refuses every update it covered."""

from __future__ import annotations

import asyncio
import errno
from pathlib import Path

import pytest

from bot.domain.delivery import inbound_id
from bot.intake import JournalingQueue, JournalUnavailable
from storage.durable import TinyDBStore
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
    fsync_gate.go_on.clear()
    fsync_gate.entered.clear()
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
