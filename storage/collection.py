"""An indexed, in-memory collection of one entity type: the state both adapters serve from.

Writes go through a ``WriteHost`` (the store), which wraps them in a transaction, records what
to undo and hands committed changes to its journal. ``apply`` is the raw mutation it calls.

A history collection of the TinyDB adapter may also have cold months (``storage.cold``): kept on
disk and merged into every query in the same order, as if they were in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from storage.index import SortedIndex
from storage.schema import CollectionSpec

if TYPE_CHECKING:
    from storage.cold import ColdHistory, Rank, Ref
    from storage.monthindex import MonthIndex

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
        self._by_order: list[tuple[Callable[[T], Any] | None, list[SortedIndex[T]]]] = []
        self._max_seq = 0
        self._cold: ColdHistory | None = None
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
        index = SortedIndex(keys, self._ranker(order), order)
        index.number = len(self._indexes)
        self._indexes.append(index)
        for shared, indexes in self._by_order:
            if shared is order:
                indexes.append(index)
                break
        else:
            self._by_order.append((order, [index]))
        return index

    def _ranker(self, order: Callable[[T], Any] | None) -> Callable[[str], tuple[Any, int]]:
        """An index's rank of an id in memory, in one call: (order value or 0, sequence)."""
        if order is None:
            return lambda key: (0, self._seqs[key])
        return lambda key: (order(self._items[key]), self._seqs[key])

    def _pick(self, ids: Sequence[str]) -> tuple[T, ...]:
        items = self._items
        return tuple(items[key] for key in ids)

    def get(self, key: str) -> T | None:
        """The entity with this id, or None."""
        item = self._items.get(key)
        if item is None and self._cold:
            ref = self._cold.locate(key)
            if ref is not None:
                found: T = self._cold.item(ref)
                return found
        return item

    def contains(self, key: str) -> bool:
        """Whether an entity with this id is stored."""
        if key in self._items:
            return True
        return self._cold is not None and self._cold.locate(key) is not None

    def save(self, item: T) -> None:
        """Insert or replace the entity with the same id."""
        if not isinstance(item, self.spec.entity):
            raise TypeError(f"{self.name} stores {self.spec.entity.__name__}, not {item!r}")
        self._host.write(self, key_of(item), item)

    def all(self) -> tuple[T, ...]:
        """Every entity, in insertion order."""
        cold = self._cold
        if not cold:
            return tuple(self._items.values())
        seqs = self._seqs
        rows: list[tuple[int, bool, Any]] = [(seqs[k], False, v) for k, v in self._items.items()]
        rows += [(seq, True, ref) for seq, ref in cold.every()]
        rows.sort(key=itemgetter(0))
        decoded = iter(cold.items([ref for _, is_cold, ref in rows if is_cold]))
        return tuple(next(decoded) if is_cold else p for _, is_cold, p in rows)

    def __len__(self) -> int:
        return len(self._items) + (self._cold.count if self._cold else 0)

    def seq_of(self, key: str) -> int | None:
        """The insertion sequence number of an id (kept when the entity is replaced)."""
        seq = self._seqs.get(key)
        if seq is None and self._cold:
            ref = self._cold.locate(key)
            if ref is not None:
                return self._cold.seq(ref)
        return seq

    def _find(self, index: SortedIndex[T], key: Hashable) -> tuple[T, ...]:
        """The entities under ``key`` in ``index``, in its order, cold months included."""
        ids = index.ids(key)
        if not self._cold:
            return self._pick(ids)
        from storage.cold import no_collection

        with no_collection():
            return self._merge(index, ids, self._cold.find(index.number, key))

    def _find_between(
        self, index: SortedIndex[T], key: Hashable, low: Any, high: Any
    ) -> tuple[T, ...]:
        """The entities under ``key`` whose order value is in ``[low, high)`` (None: open)."""
        ids = index.ids_between(key, low, high)
        if not self._cold:
            return self._pick(ids)
        from storage.cold import LARGE_READ, no_collection
        from storage.monthindex import micros

        cold_low = None if low is None else micros(low)
        cold_high = None if high is None else micros(high)
        with no_collection():
            runs = self._cold.runs_between(index.number, key, cold_low, cold_high)
            if runs is not None and sum(len(run) for _, run in runs[0]) > LARGE_READ:
                hot = [self._rank(index, k) for k in ids]  # (the newest months, in memory)
                if hot == sorted(hot) and (not hot or runs[1] is None or hot[0] > runs[1]):
                    return (*self._cold.read_runs(runs[0]), *self._pick(ids))
            found = self._cold.find_between(index.number, key, cold_low, cold_high)
            return self._merge(index, ids, found)

    def _find_last(self, index: SortedIndex[T], key: Hashable) -> T | None:
        """The entity that sorts last under ``key``."""
        key_id = index.last_id(key)
        hot = None if key_id is None else self._items[key_id]
        if not self._cold:
            return hot
        last = self._cold.find_last(index.number, key)
        if last is None:
            return hot
        if hot is not None and key_id is not None and self._rank(index, key_id) > last[0]:
            return hot
        found: T = self._cold.item(last[1])
        return found

    def _rank(self, index: SortedIndex[T], key_id: str) -> Rank:
        from storage.monthindex import micros

        order = index.order
        item = self._items[key_id]
        return (micros(order(item)) if order else 0, self._seqs[key_id])

    def _merge(
        self, index: SortedIndex[T], ids: Sequence[str], cold: list[tuple[Rank, Ref]]
    ) -> tuple[T, ...]:
        if not cold:
            return self._pick(ids)
        assert self._cold is not None
        hot = [self._rank(index, k) for k in ids]
        ranks = [rank for rank, _ in cold]
        if ranks == sorted(ranks) and hot == sorted(hot) and (not hot or hot[0] > ranks[-1]):
            # the usual case: the months on disk in order, the newest (in memory) after them
            return (*self._cold.items([ref for _, ref in cold]), *self._pick(ids))
        rows: list[tuple[Rank, bool, Any]] = [
            (rank, False, k) for rank, k in zip(hot, ids, strict=True)
        ]
        rows += [(rank, True, ref) for rank, ref in cold]
        rows.sort(key=itemgetter(0))
        return self._resolve(rows)

    def _resolve(self, rows: Sequence[tuple[Any, bool, Any]]) -> tuple[T, ...]:
        """The entities of sorted rows (order, is it cold, id or cold reference): the cold
        ones read together (``ColdHistory.items``: a few reads per month, not one each)."""
        assert self._cold is not None
        decoded = iter(self._cold.items([ref for _, is_cold, ref in rows if is_cold]))
        items = self._items
        return tuple(next(decoded) if is_cold else items[p] for _, is_cold, p in rows)

    @property
    def cold(self) -> ColdHistory | None:
        """The months of this collection left on disk (TinyDB adapter, history only)."""
        return self._cold

    def attach_cold(self, cold: ColdHistory) -> None:
        """Serve cold months too (their documents must not be in memory as well)."""
        self._cold = cold

    def secondary_indexes(self) -> list[SortedIndex[T]]:
        """The indexes queries use (all but the partition index), numbered from 1."""
        return self._indexes[1:]

    def warm(self, key: str, item: T | None) -> list[str]:
        """Before a write: bring back into memory the cold months it touches; return them (the
        store thaws them in its other history collections too: a month file is written whole)."""
        cold = self._cold
        if not cold:
            return []
        ref = cold.locate(key)
        partition = None if item is None else self.spec.partition_of(item)
        if ref is None and partition not in cold.by_partition:
            return []  # the usual case: a new entity of a month in memory
        months = set()
        if ref is not None:
            months.add(ref[0].partition)
        if partition in cold.by_partition:
            months.add(partition)
        for month in sorted(months):
            self._absorb(cold.thaw(month))
        return sorted(months)

    def thaw(self, partition: str) -> None:
        """Bring a cold month of this collection back into memory (if it is cold)."""
        if self._cold and partition in self._cold.by_partition:
            self._absorb(self._cold.thaw(partition))

    def _absorb(self, entries: Sequence[tuple[str, int, T]]) -> None:
        """Add entities that are in no index yet (a thawed month), then restore the order."""
        for key, seq, item in entries:
            self._items[key] = item
            self._seqs[key] = seq
            for index in self._indexes:
                index.add(key, seq, item)
            self._max_seq = max(self._max_seq, seq)
        self._reorder()

    def freeze(self, months: dict[str, tuple[Any, MonthIndex]]) -> None:
        """Drop months' entities from memory and serve them from their files and indexes
        (``months``: partition -> (file, index))."""
        assert self._cold is not None
        leaving = {key for month in months for key in self._by_partition.ids(month)}
        for index in self._indexes:
            index.discard(leaving)
        for key in leaving:
            del self._items[key], self._seqs[key]
        for partition, (path, month) in sorted(months.items()):
            self._cold.add(partition, path, month)

    @property
    def hot_count(self) -> int:
        """How many entities are in memory."""
        return len(self._items)

    def partitions(self) -> list[str]:
        """The history months holding at least one entity (none for working state)."""
        return [str(key) for key in self._by_partition.groups()]

    def partition_entries(self, partition: str) -> list[tuple[str, int, T]]:
        """Every (id, sequence, entity) filed in a history month, in insertion order."""
        items = self._items
        return [(key, seq, items[key]) for key, seq in self._by_partition.ranked(partition)]

    def copy(self, partitions: Iterable[str] = ()) -> CollectionCopy[T]:
        """The entities in memory as they are now, in copies made at C speed (a background
        checkpoint takes one under the store's lock and walks it outside)."""
        ids = {partition: self._by_partition.ids(partition) for partition in partitions}
        return CollectionCopy(dict(self._items), dict(self._seqs), ids)

    def entries(self) -> Iterable[tuple[str, int, T]]:
        """Every (id, sequence, entity), in insertion order (cold months included)."""
        seqs = self._seqs
        cold = self._cold
        if not cold:
            return ((key, seqs[key], item) for key, item in self._items.items())
        rows: list[tuple[int, bool, Any]] = [
            (seqs[key], False, (key, seqs[key], item)) for key, item in self._items.items()
        ]
        rows += [(seq, True, ref) for seq, ref in cold.every()]
        rows.sort(key=itemgetter(0))
        return (
            (key_of(item := cold.item(p)), seq, item) if is_cold else p for seq, is_cold, p in rows
        )

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
        if seq > self._max_seq:
            self._max_seq = seq
        for order, indexes in self._by_order:  # each order value computed once per item
            rank = (order(item) if order is not None else 0, seq)
            for index in indexes:
                index.put(key, rank, item)
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


@dataclass(frozen=True, slots=True)
class CollectionCopy(Generic[T]):
    """A collection's entities in memory at one moment, and some months' ids in seq order."""

    items: dict[str, T]
    seqs: dict[str, int]
    months: dict[str, list[str]]

    def partition_entries(self, partition: str) -> list[tuple[str, int, T]]:
        """As ``Collection.partition_entries`` at the moment of the copy."""
        items, seqs = self.items, self.seqs
        return [(key, seqs[key], items[key]) for key in self.months[partition]]

    def entries(self) -> list[tuple[str, int, T]]:
        """As ``Collection.entries`` at the moment of the copy (a collection without months)."""
        seqs = self.seqs
        return [(key, seqs[key], item) for key, item in self.items.items()]


def _rank_by(order: Callable[[T], Any]) -> Callable[[tuple[str, int, T]], tuple[Any, int]]:
    """Sort key of (id, seq, item) rows: the order value, then the insertion sequence."""
    return lambda row: (order(row[2]), row[1])
