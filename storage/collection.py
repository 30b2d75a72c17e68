"""An indexed, in-memory collection of one entity type: the state both adapters serve from.

Writes go through a ``WriteHost`` (the store), which wraps them in a transaction, records what
to undo and hands committed changes to its journal. ``apply`` is the raw mutation it calls.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from storage.index import SortedIndex
from storage.schema import CollectionSpec

T = TypeVar("T")


class WriteHost(Protocol):
    """The store side of a collection: performs writes inside a transaction."""

    def write(self, collection: Collection[Any], key: str, item: object | None) -> None:
        """Store ``item`` under ``key`` (None deletes), durably once the transaction commits."""
        ...


def key_of(item: object) -> str:
    """Every entity has an ``id`` (invites and settings derive it)."""
    key = getattr(item, "id", None)
    if not isinstance(key, str) or not key:
        raise ValueError(f"{type(item).__name__} has no usable id: {key!r}")
    return key


class Collection(Generic[T]):
    """Entities by id, in insertion order, with secondary indexes."""

    def __init__(self, spec: CollectionSpec, host: WriteHost) -> None:
        self.spec = spec
        self._host = host
        self._items: dict[str, T] = {}
        self._seqs: dict[str, int] = {}
        self._indexes: list[SortedIndex[T]] = []
        self._max_seq = 0
        self._by_partition = self._index(lambda item: (spec.partition_of(item),))

    @property
    def name(self) -> str:
        """The collection's name on disk."""
        return self.spec.name

    def _index(
        self,
        keys: Callable[[T], tuple[Hashable | None, ...]],
        order: Callable[[T], Any] | None = None,
    ) -> SortedIndex[T]:
        index = SortedIndex(keys, self._lookup, order)
        self._indexes.append(index)
        return index

    def _lookup(self, key: str) -> tuple[T, int]:
        return self._items[key], self._seqs[key]

    def _pick(self, ids: Sequence[str]) -> tuple[T, ...]:
        items = self._items
        return tuple(items[key] for key in ids)

    def get(self, key: str) -> T | None:
        """The entity with this id, or None."""
        return self._items.get(key)

    def save(self, item: T) -> None:
        """Insert or replace the entity with the same id."""
        if not isinstance(item, self.spec.entity):
            raise TypeError(f"{self.name} stores {self.spec.entity.__name__}, not {item!r}")
        self._host.write(self, key_of(item), item)

    def all(self) -> tuple[T, ...]:
        """Every entity, in insertion order."""
        return tuple(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def seq_of(self, key: str) -> int | None:
        """The insertion sequence number of an id (kept when the entity is replaced)."""
        return self._seqs.get(key)

    def partitions(self) -> list[str]:
        """The history months holding at least one entity (none for working state)."""
        return [str(key) for key in self._by_partition.groups()]

    def partition_entries(self, partition: str) -> list[tuple[str, int, T]]:
        """Every (id, sequence, entity) filed in a history month, in insertion order."""
        items = self._items
        return [(key, seq, items[key]) for key, seq in self._by_partition.ranked(partition)]

    def entries(self) -> Iterable[tuple[str, int, T]]:
        """Every (id, sequence, entity), in insertion order."""
        seqs = self._seqs
        return ((key, seqs[key], item) for key, item in self._items.items())

    def apply(self, key: str, item: T | None, seq: int | None) -> tuple[T | None, int | None]:
        """Set or delete ``key`` without a transaction; return the previous entity and seq."""
        old, old_seq = self._items.get(key), self._seqs.get(key)
        if old is not None and old_seq is not None:
            for index in self._indexes:
                index.remove(key, old_seq, old)
        if item is None:
            self._items.pop(key, None)
            self._seqs.pop(key, None)
            return old, old_seq
        if seq is None:
            raise ValueError("a stored entity needs a sequence number")
        self._items[key] = item
        self._seqs[key] = seq
        if old is None and seq < self._max_seq:
            self._reorder()
        self._max_seq = max(self._max_seq, seq)
        for index in self._indexes:
            index.add(key, seq, item)
        return old, old_seq

    def fill(self, entries: Iterable[tuple[str, int, T]]) -> None:
        """Replace the content with (id, seq, entity) given in seq order; rebuild indexes."""
        self._items, self._seqs = {}, {}
        for key, seq, item in entries:
            self._items[key] = item
            self._seqs[key] = seq
        self._max_seq = max(self._seqs.values(), default=0)
        rows = list(self.entries())
        ranked: dict[Callable[[T], Any] | None, list[tuple[str, int, T]]] = {None: rows}
        for index in self._indexes:
            order = index.order
            if order is not None and order not in ranked:
                ranked[order] = sorted(rows, key=_rank_by(order))
            index.rebuild(ranked[order])

    def _reorder(self) -> None:
        """Restore insertion order after an older entity came back (a rolled-back delete)."""
        order = sorted(self._items, key=self._seqs.__getitem__)
        self._items = {key: self._items[key] for key in order}


def _rank_by(order: Callable[[T], Any]) -> Callable[[tuple[str, int, T]], tuple[Any, int]]:
    """Sort key of (id, seq, item) rows: the order value, then the insertion sequence."""
    return lambda row: (order(row[2]), row[1])
