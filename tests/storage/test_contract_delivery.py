"""Contract: the intake journal and the outbox's sent records, identical on both adapters."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.delivery import Claim, Inbound, SentRecord, inbound_id
from bot.domain.ports import Store
from tests.storage.store_backends import Reopen

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)


def inbound(update_id: int, *, handled: bool = False, user: int | None = None) -> Inbound:
    """A journaled update, pending or handled (from ``user``)."""
    received = T0 + timedelta(seconds=update_id)
    key = inbound_id(update_id)
    if handled:
        return Inbound(key, update_id, received, None, received, user)
    return Inbound(key, update_id, received, f'{{"update_id": {update_id}}}', user_id=user)


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


def test_adding_never_replaces_an_entry(store: Store, reopen: Reopen) -> None:
    """A second delivery of a handled update adds nothing: it stays handled after a crash."""
    assert store.inbound.add(inbound(5, user=7))
    store.inbound.save(inbound(5, handled=True, user=7))
    assert not store.inbound.add(inbound(5, user=7))
    for current in (store, reopen()):
        entry = current.inbound.get(inbound_id(5))
        assert entry is not None
        assert entry.handled
        assert entry.user_id == 7


def test_a_pending_update_can_be_claimed_a_handled_one_cannot(store: Store) -> None:
    """Claiming grants a pending entry; a handled or unknown one is reported handled."""
    store.inbound.add(inbound(1))
    store.inbound.add(inbound(2, handled=True))
    assert store.inbound.claim(inbound_id(1), "a", 30) is Claim.TAKEN
    assert store.inbound.claim(inbound_id(1), "a", 30) is Claim.TAKEN  # its own claim again
    assert store.inbound.claim(inbound_id(2), "a", 30) is Claim.HANDLED
    assert store.inbound.claim(inbound_id(3), "a", 30) is Claim.HANDLED
    store.inbound.renew("a", 30)
    assert [i.update_id for i in store.inbound.pending()] == [1]  # a claim is not handling


def test_a_persons_pending_updates_are_listed_in_update_order(
    store: Store, reopen: Reopen
) -> None:
    """Each user's pending updates, oldest first; handled ones and other users' are not."""
    for number, user in ((14, 7), (11, 7), (12, 8), (13, 7), (10, None)):
        store.inbound.add(inbound(number, user=user))
    store.inbound.save(inbound(11, handled=True, user=7))
    for current in (store, reopen()):
        assert [i.update_id for i in current.inbound.pending_for_user(7)] == [13, 14]
        assert [i.update_id for i in current.inbound.pending_for_user(8)] == [12]
        assert current.inbound.pending_for_user(9) == ()


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
