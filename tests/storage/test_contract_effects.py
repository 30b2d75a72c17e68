"""Contract: the writes of updates in flight (effects) and conversation state, identical on
every adapter, and the undo of an interrupted update's writes over each of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.audit import Action, AuditEntry
from bot.domain.delivery import UserState
from bot.domain.ids import new_id, seeded
from bot.domain.people import Leave, Team
from bot.domain.ports import Store
from bot.effects import recording, undo
from bot.outbox.scope import handling
from tests.storage.store_backends import Reopen

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)


LEAVE = Leave("l1", "p1", T0.date(), T0.date() + timedelta(days=3))


def audit_entry(key: str, subject: str) -> AuditEntry:
    """An audit row about ``subject``."""
    return AuditEntry(key, None, T0, None, Action.TEAM_CREATED, subject, {})


def test_writes_while_handling_are_recorded_in_order_and_survive_a_crash(
    store: Store, reopen: Reopen
) -> None:
    """Each write made while an update is handled leaves an effect with the record before and
    after (a creation only that it created it); outside an update nothing is recorded; the
    effects survive a crash."""
    services = recording(store)
    services.teams.save(Team("t1", "督查室", T0))  # outside any update
    with handling(7):
        services.teams.save(Team("t1", "县委督查室", T0))
        services.teams.save(Team("t2", "政府督查室", T0))
        services.leaves.delete("nothing")
    for current in (store, reopen()):
        effects = current.effects.for_update(7)
        assert [(e.collection, e.key, e.created) for e in effects] == [
            ("teams", "t1", False), ("teams", "t2", True), ("leaves", "nothing", False),
        ]  # fmt: skip
        assert current.effects.restore("teams", effects[0].before) == Team("t1", "督查室", T0)
        assert current.effects.restore("teams", effects[0].after) == Team("t1", "县委督查室", T0)
        assert (effects[1].before, effects[1].after) == (None, None)
        assert current.effects.for_update(8) == ()


def test_undo_restores_what_the_update_changed_and_forgets_its_effects(store: Store) -> None:
    """Undo puts a changed record back, deletes a created record (in any collection), keeps a
    record someone else changed since, and leaves no effect behind."""
    services = recording(store)
    services.teams.save(Team("t1", "督查室", T0))
    services.teams.save(Team("t3", "办公室", T0))
    with handling(7):
        services.teams.save(replace(Team("t1", "督查室", T0), name="改名"))
        services.teams.save(replace(Team("t3", "办公室", T0), name="改名"))
        services.leaves.save(LEAVE)
        services.teams.save(Team("t4", "新建", T0))
        services.user_state.save(UserState("5", 5, "{}", T0))  # not an effect of a handler
    store.teams.save(Team("t3", "别人改的", T0))  # a job changed it after the update did
    assert undo(store, 7) == 3
    assert store.teams.get("t1") == Team("t1", "督查室", T0)
    assert store.teams.get("t3") == Team("t3", "别人改的", T0)
    assert store.teams.get("t4") is None
    assert [t.id for t in store.teams.all()] == ["t1", "t3"]
    assert store.leaves.get("l1") is None
    assert store.effects.all() == ()
    assert undo(store, 7) == 0


def test_ids_made_while_handling_derive_from_the_seed_and_their_order() -> None:
    """The same seed makes the same ids in the same order; another seed, or none, others."""
    with seeded("7@2025-03-03"):
        first = [new_id("r"), new_id("a")]
    with seeded("7@2025-03-03"):
        again = [new_id("r"), new_id("a")]
    with seeded("8@2025-03-03"):
        other = [new_id("r"), new_id("a")]
    assert first == again
    assert not set(first) & set(other)
    assert new_id("r") != new_id("r")
    assert all(len(i) == 9 for i in first)


def test_an_audit_row_appended_again_by_the_same_update_is_kept_once(store: Store) -> None:
    """The second attempt of an update appends its audit rows again: they are skipped."""
    services = recording(store)
    with handling(7):
        services.audit.append(audit_entry("a1", "t1"))
        services.audit.append(audit_entry("a1", "t1"))
    assert [e.id for e in store.audit] == ["a1"]


def test_conversation_state_is_replaced_and_expires_oldest_first(
    store: Store, reopen: Reopen
) -> None:
    """One state per user, replaced on save, listed by age for expiry, durable."""
    store.user_state.save(UserState("5", 5, '{"team":"t1"}', T0))
    store.user_state.save(UserState("6", 6, "{}", T0 + timedelta(days=2)))
    store.user_state.save(UserState("5", 5, '{"team":"t2"}', T0 + timedelta(days=1)))
    for current in (store, reopen()):
        state = current.user_state.get("5")
        assert state is not None
        assert state.data == '{"team":"t2"}'
        old = current.user_state.updated_before(T0 + timedelta(days=1, hours=1))
        assert [s.id for s in old] == ["5"]
    store = reopen()
    store.user_state.delete("5")
    store.user_state.delete("nobody")
    assert [s.id for s in store.user_state.all()] == ["6"]
