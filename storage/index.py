"""Secondary indexes kept in memory, so queries never scan a whole collection."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Rank = tuple[Any, int]  # (order value, insertion sequence)
NEAR, FAR = 32, 1024  # an insertion before a group's end looks among its last ids first


class SortedIndex(Generic[T]):
    """Ids grouped by key; each group sorted by an order value, then by insertion sequence.

    Groups hold only the ids (shared with the collection), so an index entry costs a pointer.
    Without an ``order`` function a group is in insertion order. Adding at the end of a group
    (the usual case: new reports are the newest) costs O(1); elsewhere O(log n) comparisons,
    each one call of ``rank`` (the collection's: an id's order value and sequence).
    """

    def __init__(
        self,
        keys: Callable[[T], tuple[Hashable | None, ...]],
        rank: Callable[[str], Rank],
        order: Callable[[T], Any] | None = None,
    ) -> None:
        self._keys = keys
        self._rank = rank
        self._order = order
        self._groups: dict[Hashable, list[str]] = {}
        self.number = 0  # its place among the collection's indexes (0: the partition index)

    def _keys_of(self, item: T) -> Iterable[Hashable]:
        keys = self._keys(item)
        if len(keys) == 1:
            return () if keys[0] is None else keys
        return [key for key in dict.fromkeys(keys) if key is not None]

    def add(self, key_id: str, seq: int, item: T) -> None:
        """Index an item stored under ``key_id`` (already visible through ``rank``)."""
        order = self._order
        self.put(key_id, (order(item) if order is not None else 0, seq), item)

    def put(self, key_id: str, rank: Rank, item: T) -> None:
        """``add`` given the item's rank (a collection computes it once for the indexes that
        share an order)."""
        keys = self._keys(item)
        if len(keys) != 1:
            for key in self._keys_of(item):
                self._put(key, key_id, rank)
            return
        key = keys[0]
        if key is None:
            return
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = [key_id]
        elif self._rank(group[-1]) < rank:
            group.append(key_id)  # the usual case: the newest comes last
        else:
            self._insert(group, key_id, rank)

    def _put(self, key: Hashable, key_id: str, rank: Rank) -> None:
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = [key_id]
        elif self._rank(group[-1]) < rank:
            group.append(key_id)
        else:
            self._insert(group, key_id, rank)

    def _insert(self, group: list[str], key_id: str, rank: Rank) -> None:
        """Insert before the group's last id, which sorts after ``rank`` (ranks are unique).

        Writers at once insert near the end: the last ``NEAR`` ids are tried first, then the
        last ``FAR``, then the whole group (a comparison or two more when it is far)."""
        rank_of, low, high = self._rank, 0, len(group) - 1
        for width in (NEAR, FAR):  # the place is in [low, high]
            probe = high - width
            if probe <= low:
                break
            if rank_of(group[probe]) < rank:
                low = probe + 1
                break
            high = probe
        group.insert(bisect_left(group, rank, low, high, key=rank_of), key_id)

    def remove(self, key_id: str, seq: int, item: T) -> None:
        """Forget an item (still visible through ``rank`` with this value and seq)."""
        order = self._order
        rank = (order(item) if order is not None else 0, seq)
        groups = self._groups
        for key in self._keys_of(item):
            group = groups[key]
            if group[-1] == key_id:
                group.pop()
            else:
                del group[bisect_left(group, rank, key=self._rank)]
            if not group:
                del groups[key]

    def discard(self, leaving: set[str]) -> None:
        """Forget many ids at once (one pass over the groups)."""
        groups = {}
        for key, group in self._groups.items():
            kept = [key_id for key_id in group if key_id not in leaving]
            if kept:
                groups[key] = kept
        self._groups = groups

    @property
    def keys(self) -> Callable[[T], tuple[Hashable | None, ...]]:
        """The function giving an item's keys."""
        return self._keys

    @property
    def order(self) -> Callable[[T], Any] | None:
        """The order function (indexes sharing one can share a sort when rebuilt)."""
        return self._order

    def rebuild(self, ranked: Sequence[tuple[str, int, T]]) -> None:
        """Index every (id, seq, item) afresh, given sorted by this index's rank."""
        groups: dict[Hashable, list[str]] = {}
        keys_of = self._keys_of
        for key_id, _, item in ranked:
            for key in keys_of(item):
                group = groups.get(key)
                if group is None:
                    groups[key] = [key_id]
                else:
                    group.append(key_id)
        self._groups = groups

    def ids(self, key: Hashable) -> list[str]:
        """The ids filed under ``key``, in order."""
        return list(self._groups.get(key, ()))

    def ids_between(self, key: Hashable, low: Any, high: Any) -> list[str]:
        """The ids under ``key`` whose order value is in ``[low, high)``; None means open."""
        group = self._groups.get(key, [])
        start = 0 if low is None else bisect_left(group, _bound(low), key=self._rank)
        stop = len(group) if high is None else bisect_left(group, _bound(high), key=self._rank)
        return group[start:stop]

    def last_id(self, key: Hashable) -> str | None:
        """The id that sorts last under ``key``."""
        group = self._groups.get(key)
        return group[-1] if group else None

    def ranked(self, key: Hashable) -> list[tuple[str, int]]:
        """The (id, seq) pairs under ``key``, in order."""
        return [(key_id, self._rank(key_id)[1]) for key_id in self._groups.get(key, ())]

    def groups(self) -> list[Hashable]:
        """Every key with at least one entry."""
        return list(self._groups)


def _bound(value: Any) -> Any:
    """A probe that sorts before every rank with this order value: ``(value,) < (value, seq)``."""
    return (value,)
