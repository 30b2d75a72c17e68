"""Contract: the audit log is append-only and queryable by subject, team and time."""

from __future__ import annotations

import dataclasses

import pytest

from bot.domain.audit import Action
from bot.domain.ports import Store
from tests.factories import entities as f
from tests.storage.store_backends import Reopen


def test_entries_iterate_oldest_first_and_survive_reopen(store: Store, reopen: Reopen) -> None:
    """Iterating the log yields every entry by time, also after a restart."""
    late, early = f.entry(at=f.at(2)), f.entry(at=f.at(1), team_id=None, actor_id=None)
    store.audit.append(late)
    store.audit.append(early)
    for current in (store, reopen()):
        assert list(current.audit) == [early, late]


def test_an_entry_cannot_be_replaced(store: Store, reopen: Reopen) -> None:
    """Appending an entry whose id exists is refused and the original stays."""
    original = f.entry()
    store.audit.append(original)
    with pytest.raises(ValueError, match="append-only"):
        store.audit.append(dataclasses.replace(original, subject="forged"))
    assert list(reopen().audit) == [original]


def test_an_entry_is_found_by_its_id(store: Store, reopen: Reopen) -> None:
    """``get`` returns the entry with an id, also after a restart, and None for another."""
    entry = f.entry(subject="mx")
    store.audit.append(entry)
    store.audit.append(f.entry(subject="mx", at=f.at(2)))
    for current in (store, reopen()):
        assert current.audit.get(entry.id) == entry
        assert current.audit.get("missing") is None


def test_the_log_offers_no_update_or_delete(store: Store) -> None:
    """The audit port has no way to change or remove entries."""
    assert not hasattr(store.audit, "delete")
    assert not hasattr(store.audit, "update")


def test_for_subject_and_for_team_since(store: Store, reopen: Reopen) -> None:
    """Entries are found by subject and by team from a given moment on."""
    first = f.entry(team_id="ta", subject="mx", at=f.at(1), action=Action.ASSIGNED)
    second = f.entry(team_id="ta", subject="my", at=f.at(2))
    third = f.entry(team_id="ta", subject="mx", at=f.at(3), detail={"n": 2, "ok": True})
    for item in (third, first, second, f.entry(team_id="tb", subject="mx", at=f.at(9))):
        store.audit.append(item)
    for current in (store, reopen()):
        assert current.audit.for_subject("my") == (second,)
        assert current.audit.for_subject("mx")[:2] == (first, third)
        assert current.audit.for_team("ta") == (first, second, third)
        assert current.audit.for_team("ta", since=f.at(2)) == (second, third)
        assert current.audit.for_team("tz") == ()


def test_detail_values_round_trip(store: Store, reopen: Reopen) -> None:
    """Detail keeps strings, numbers, booleans and None exactly."""
    detail = {"text": "已完成", "count": 3, "ratio": 0.5, "flag": False, "none": None}
    item = f.entry(detail=detail)
    store.audit.append(item)
    assert [e.detail for e in reopen().audit] == [detail]
