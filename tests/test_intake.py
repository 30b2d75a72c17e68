"""The intake journal: an update is on disk before it is queued (so before Telegram hears it
arrived), handled once, replayed after a crash, and the journal stays bounded."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot, Chat, Message, Update, User
from telegram.error import NetworkError

from bot.domain.clock import ManualClock
from bot.domain.delivery import KEEP_HANDLED, SentRecord, UserState, inbound_id
from bot.domain.people import Team
from bot.domain.ports import Store
from bot.effects import recording
from bot.intake import PRUNE_BATCH, Intake, JournalingQueue, JournalUnavailable
from bot.outbox.scope import handling
from storage import open_store
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")
BOT = Bot("123:fake")


def update(update_id: int, text: str = "hello") -> Update:
    """A private text message as Telegram sends it."""
    user = User(7, "Li", False)
    chat = Chat(7, Chat.PRIVATE)
    message = Message(update_id, datetime(2025, 3, 3, tzinfo=TZ), chat, from_user=user, text=text)
    return Update(update_id, message=message)


def intake_over(store: Store) -> Intake:
    """An intake over ``store`` with a fixed clock."""
    return Intake(store, ManualClock(datetime(2025, 3, 3, 9, 0, tzinfo=TZ)))


async def test_an_update_is_journaled_before_it_is_queued(tmp_path: Path) -> None:
    """After ``put`` returns, the update is in the journal on disk, pending, with its content."""
    store = open_store(tmp_path)
    queue = JournalingQueue(intake_over(store))
    await queue.put(update(5, "进展：已开工"))
    assert queue.qsize() == 1
    store.close()
    reopened = open_store(tmp_path)
    (entry,) = reopened.inbound.pending()
    assert entry.update_id == 5
    assert "进展：已开工" in (entry.payload or "")
    reopened.close()


async def test_a_failed_journal_write_refuses_the_update() -> None:
    """If the journal cannot be written, ``put`` raises a NetworkError (so PTB's polling loop
    backs off and fetches the batch again) and nothing is queued."""
    store = MemoryStore()
    queue = JournalingQueue(intake_over(store))
    store.close()  # every write now fails
    with pytest.raises(JournalUnavailable) as raised:
        await queue.put(update(5))
    assert isinstance(raised.value, NetworkError)
    assert queue.empty()


async def test_other_queue_items_pass_unjournaled() -> None:
    """PTB's own objects (its stop signal) go through the queue as they are."""
    store = MemoryStore()
    queue = JournalingQueue(intake_over(store))
    signal = object()
    await queue.put(signal)
    assert queue.get_nowait() is signal
    assert store.inbound.all() == ()


def test_a_second_delivery_is_skipped_while_and_after_it_is_handled() -> None:
    """Telegram may deliver an update again: it is handled once, whether under way or done."""
    intake = intake_over(MemoryStore())
    intake.journal(update(9))
    assert intake.begin(update(9))
    assert not intake.begin(update(9))  # the same update under way
    intake.finish(update(9))
    assert not intake.begin(update(9))  # handled before
    assert intake.skipped == 2


def test_finishing_drops_the_content_and_the_replies_records() -> None:
    """A handled update keeps only its id and times; its replies' records go with it."""
    store = MemoryStore()
    intake = intake_over(store)
    at = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)
    store.sent.save(SentRecord("u9:1", 7, 100, at))
    store.sent.save(SentRecord("digest:c1:-1:0", -1, 101, at))
    intake.journal(update(9))
    assert intake.begin(update(9))
    intake.finish(update(9), ["u9:1"])
    entry = store.inbound.get(inbound_id(9))
    assert entry is not None
    assert entry.handled
    assert entry.payload is None
    assert [r.id for r in store.sent.all()] == ["digest:c1:-1:0"]


def test_an_abandoned_update_stays_pending() -> None:
    """Handling cut short by a shutdown leaves the update pending for the next start."""
    store = MemoryStore()
    intake = intake_over(store)
    assert intake.begin(update(3))  # not journaled yet (processed directly): journaled now
    intake.abandon(update(3))
    assert [e.update_id for e in store.inbound.pending()] == [3]
    assert intake.begin(update(3))


async def test_pending_updates_are_replayed_oldest_first(tmp_path: Path) -> None:
    """After a crash, updates journaled and not handled go back into the queue in order."""
    store = open_store(tmp_path)
    intake = intake_over(store)
    for number in (12, 10, 11):
        intake.journal(update(number, f"第{number}条"))
    intake.finish(update(11))
    store.close()
    store = open_store(tmp_path)
    queue: asyncio.Queue[object] = asyncio.Queue()
    assert await intake_over(store).replay(queue, BOT) == 2
    replayed = [queue.get_nowait() for _ in range(2)]
    assert [u.update_id for u in replayed if isinstance(u, Update)] == [10, 12]
    first = replayed[0]
    assert isinstance(first, Update)
    assert first.message is not None
    assert first.message.text == "第10条"
    store.close()


def test_the_journal_keeps_a_bounded_number_of_handled_updates() -> None:
    """However many updates pass, at most KEEP_HANDLED + PRUNE_BATCH handled ones are kept,
    the newest."""
    store = MemoryStore()
    intake = intake_over(store)
    total = KEEP_HANDLED + 2 * PRUNE_BATCH + 7
    for number in range(1, total + 1):
        intake.journal(update(number))
        assert intake.begin(update(number))
        intake.finish(update(number))
    handled = store.inbound.handled()
    assert KEEP_HANDLED <= len(handled) <= KEEP_HANDLED + PRUNE_BATCH
    assert handled[-1].update_id == total
    assert store.inbound.pending() == ()


def test_finishing_drops_the_updates_effects_and_saves_the_users_state() -> None:
    """The mark, the effects' removal and the changed conversation state go in one write."""
    store = MemoryStore()
    intake = intake_over(store)
    intake.journal(update(9))
    assert intake.begin(update(9))
    with handling(9):
        recording(store).teams.save(Team("t1", "督查室", datetime(2025, 3, 3, tzinfo=TZ)))
    assert [e.update_id for e in store.effects.all()] == [9]
    state = UserState("7", 7, '{"team":"t1"}', datetime(2025, 3, 3, 9, 0, tzinfo=TZ))
    intake.finish(update(9), (), state)
    assert store.effects.all() == ()
    assert store.user_state.get("7") == state
    assert intake.user_data(7).team_id == "t1"


def test_resuming_undoes_an_interrupted_attempt_and_seeds_ids_alike() -> None:
    """A second attempt finds the first attempt's writes undone, and its id seed is the same
    as the first's (derived from the journal entry)."""
    store = MemoryStore()
    intake = intake_over(store)
    intake.journal(update(9))
    assert intake.begin(update(9))
    seed = intake.resume(update(9))
    with handling(9):
        recording(store).teams.save(Team("t1", "督查室", datetime(2025, 3, 3, tzinfo=TZ)))
    intake.abandon(update(9))  # the process died here
    assert intake.begin(update(9))
    assert intake.resume(update(9)) == seed
    assert store.teams.all() == ()
    assert store.effects.all() == ()
