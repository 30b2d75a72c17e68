"""Secondary indexes kept in memory, so queries never scan a whole collection."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Entry = tuple[Any, int, str]  # (order value, sequence number, id)


class SortedIndex(Generic[T]):
    """Ids grouped by key; each group sorted by an order value, then by insertion sequence.

    Without an ``order`` function a group is in insertion order. Adding at the end of a group
    (the usual case: new reports are the newest) costs O(log n).
    """

    def __init__(
        self,
        keys: Callable[[T], Iterable[Hashable | None]],
        order: Callable[[T], Any] | None = None,
    ) -> None:
        self._keys = keys
        self._order = order
        self._groups: dict[Hashable, list[Entry]] = {}

    def _entry(self, key_id: str, seq: int, item: T) -> Entry:
        return (self._order(item) if self._order else 0, seq, key_id)

    def _keys_of(self, item: T) -> set[Hashable]:
        return {key for key in self._keys(item) if key is not None}

    def add(self, key_id: str, seq: int, item: T) -> None:
        """Index an item stored under ``key_id``."""
        entry = self._entry(key_id, seq, item)
        for key in self._keys_of(item):
            group = self._groups.setdefault(key, [])
            if not group or group[-1] < entry:
                group.append(entry)
            else:
                insort(group, entry)

    def remove(self, key_id: str, seq: int, item: T) -> None:
        """Forget an item previously added with the same id, sequence and value."""
        entry = self._entry(key_id, seq, item)
        for key in self._keys_of(item):
            group = self._groups[key]
            del group[bisect_left(group, entry)]
            if not group:
                del self._groups[key]

    def ids(self, key: Hashable) -> list[str]:
        """The ids filed under ``key``, in order."""
        return [entry[2] for entry in self._groups.get(key, ())]

    def ids_between(self, key: Hashable, low: Any, high: Any) -> list[str]:
        """The ids under ``key`` whose order value is in ``[low, high)``; None means open."""
        group = self._groups.get(key, [])
        start = 0 if low is None else bisect_left(group, (low,))
        stop = len(group) if high is None else bisect_left(group, (high,))
        return [entry[2] for entry in group[start:stop]]

    def last_id(self, key: Hashable) -> str | None:
        """The id that sorts last under ``key``."""
        group = self._groups.get(key)
        return group[-1][2] if group else None

    def entries(self, key: Hashable) -> list[Entry]:
        """The raw (order, seq, id) entries under ``key``, in order."""
        return list(self._groups.get(key, ()))

    def groups(self) -> list[Hashable]:
        """Every key with at least one entry."""
        return list(self._groups)
