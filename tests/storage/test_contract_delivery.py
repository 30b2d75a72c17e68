"""Contract: the intake journal and the outbox's sent records, identical on both adapters."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.delivery import Inbound, SentRecord, inbound_id
from bot.domain.ports import Store
from tests.storage.store_backends import Reopen

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)


def inbound(update_id: int, *, handled: bool = False) -> Inbound:
    """A journaled update, pending or handled."""
    received = T0 + timedelta(seconds=update_id)
    if handled:
        return Inbound(inbound_id(update_id), update_id, received, None, received)
    return Inbound(inbound_id(update_id), update_id, received, f'{{"update_id": {update_id}}}')


def test_pending_updates_come_back_in_update_order_after_a_crash(
    store: Store, reopen: Reopen
) -> None:
    """Journaled updates are pending, by update id, until saved as handled; all survive reopen."""
    for number in (12, 9, 10):
        store.inbound.save(inbound(number))
    store.inbound.save(inbound(10, handled=True))
    for current in (store, reopen()):
        assert [i.update_id for i in current.inbound.pending()] == [9, 12]
        assert [i.update_id for i in current.inbound.handled()] == [10]
        handled = current.inbound.get(inbound_id(10))
        assert handled is not None
        assert handled.payload is None
        assert handled.handled


def test_deleted_journal_entries_are_gone_for_good(store: Store, reopen: Reopen) -> None:
    """Deleting a handled entry forgets it; unknown ids are ignored."""
    store.inbound.save(inbound(1, handled=True))
    store.inbound.save(inbound(2, handled=True))
    store.inbound.delete(inbound_id(1))
    store.inbound.delete("unknown")
    for current in (store, reopen()):
        assert current.inbound.get(inbound_id(1)) is None
        assert [i.update_id for i in current.inbound.handled()] == [2]


def test_update_ids_sort_as_numbers() -> None:
    """The journal id keeps numeric order as text (9 before 10)."""
    assert inbound_id(9) < inbound_id(10) < inbound_id(2**40)


def test_sent_records_are_found_by_key_and_by_age(store: Store, reopen: Reopen) -> None:
    """A confirmed send is found by its key after a crash, and old ones are listed for pruning."""
    old = SentRecord("digest:c1:-100:0", -100, 7, T0)
    new = SentRecord("u42:0", 5, 8, T0 + timedelta(days=2))
    store.sent.save(new)
    store.sent.save(old)
    store.sent.delete("unknown")
    for current in (store, reopen()):
        assert current.sent.get("u42:0") == new
        assert current.sent.sent_before(T0 + timedelta(days=1)) == (old,)
    current.sent.delete(old.id)
    assert reopen().sent.all() == (new,)
