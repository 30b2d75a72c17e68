"""Queries use indexes: none of them walks a whole collection (cost does not grow with history)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storage.collection import Collection
from storage.memory import MemoryStore
from tests.factories import entities as f


class NoScan(dict[str, Any]):
    """A collection's id map that fails if anything iterates it."""

    def _refuse(self, *args: Any) -> Any:
        raise AssertionError("a query scanned the whole collection")

    __iter__ = values = items = keys = _refuse


@pytest.fixture
def store() -> MemoryStore:
    """A store with history in every collection, whose maps refuse iteration afterwards."""
    store = MemoryStore()
    for day in range(60):
        cycle = f"c{day // 7}"
        source = {"source_chat_id": 1, "source_message_id": day}
        store.reports.save(
            f.report(measure_id=f"m{day % 4}", cycle_id=cycle, created_at=f.at(day), **source)
        )
        store.audit.append(f.entry(subject=f"m{day % 4}", at=f.at(day)))
        store.reminders.save(f.reminder(cycle_id=cycle, sent_at=f.at(day)))
        store.prompts.save(f.prompt(cycle_id=cycle))
    for collection in store.collections.values():
        _seal(collection)
    return store


def _seal(collection: Collection[Any]) -> None:
    collection._items = NoScan(collection._items)  # the test watches access


QUERIES: list[tuple[str, Callable[[MemoryStore], object]]] = [
    ("for_measure", lambda s: s.reports.for_measure("m1")),
    ("for_cycle", lambda s: s.reports.for_cycle("c3")),
    ("for_author", lambda s: s.reports.for_author("p1")),
    ("latest", lambda s: s.reports.latest_for_measure("m2")),
    ("by_source", lambda s: s.reports.by_source_message(1, 30)),
    ("between", lambda s: s.reports.between("t1", f.at(10), f.at(17))),
    ("audit_subject", lambda s: s.audit.for_subject("m1")),
    ("audit_team_since", lambda s: s.audit.for_team("t1", since=f.at(50))),
    ("reminders_cycle", lambda s: s.reminders.for_cycle("c2")),
    ("prompts_cycle", lambda s: s.prompts.for_cycle("c2")),
]


@pytest.mark.parametrize(("name", "query"), QUERIES, ids=[name for name, _ in QUERIES])
def test_query_touches_only_what_it_returns(
    store: MemoryStore, name: str, query: Callable[[MemoryStore], object]
) -> None:
    """The query answers from its index without iterating the collection."""
    assert query(store)


def test_the_seal_catches_a_scan(store: MemoryStore) -> None:
    """Listing every report iterates the collection, so the sealed map refuses it."""
    with pytest.raises(AssertionError, match="scanned"):
        store.reports.all()


def test_appending_a_reply_does_not_scan(store: MemoryStore) -> None:
    """Saving a report and its audit entry touches no full collection either."""
    with store.atomic():
        store.reports.save(f.report(created_at=f.at(61)))
        store.audit.append(f.entry(at=f.at(61)))
