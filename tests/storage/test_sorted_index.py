"""The sorted index: whatever the order of inserts and removes, each group is in rank order."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import index as index_module
from storage.index import FAR, NEAR, SortedIndex


@dataclass(frozen=True)
class Thing:
    """An entity with a group key (or two) and an order value."""

    id: str
    keys: tuple[Hashable | None, ...]
    at: int


class Host:
    """What a collection gives its indexes: items and seqs by id, and the rank of an id."""

    def __init__(self, ordered: bool) -> None:
        self.items: dict[str, Thing] = {}
        self.seqs: dict[str, int] = {}
        order = (lambda thing: thing.at) if ordered else None
        if ordered:
            rank = lambda key: (self.items[key].at, self.seqs[key])  # noqa: E731
        else:
            rank = lambda key: (0, self.seqs[key])  # noqa: E731
        self.index: SortedIndex[Thing] = SortedIndex(lambda t: t.keys, rank, order)
        self.ordered = ordered

    def add(self, thing: Thing, seq: int) -> None:
        """Store and index an entity."""
        self.items[thing.id], self.seqs[thing.id] = thing, seq
        self.index.add(thing.id, seq, thing)

    def remove(self, key: str) -> None:
        """Unindex and forget an entity."""
        self.index.remove(key, self.seqs[key], self.items[key])
        del self.items[key], self.seqs[key]

    def naive(self) -> dict[Hashable, list[str]]:
        """Each group as a full sort of the stored entities gives it."""
        groups: dict[Hashable, list[tuple[tuple[int, int], str]]] = {}
        for key, thing in self.items.items():
            rank = (thing.at if self.ordered else 0, self.seqs[key])
            for group in dict.fromkeys(thing.keys):
                if group is not None:
                    groups.setdefault(group, []).append((rank, key))
        return {group: [key for _, key in sorted(found)] for group, found in groups.items()}

    def groups(self) -> dict[Hashable, list[str]]:
        """Each group as the index holds it."""
        return {group: self.index.ids(group) for group in self.index.groups()}


operations = st.lists(
    st.tuples(
        st.booleans(),  # remove one (if any) instead of adding
        st.lists(st.sampled_from(["a", "b", None]), min_size=1, max_size=3),
        st.integers(min_value=0, max_value=12),  # order values repeat: seq breaks ties
        st.integers(min_value=0, max_value=10**6),  # the seq's place (seqs are unique)
    ),
    max_size=60,
)


@pytest.mark.parametrize("ordered", [True, False])
@settings(max_examples=150, deadline=None)
@given(steps=operations)
def test_groups_match_a_full_sort_after_any_inserts_and_removes(
    ordered: bool, steps: list[tuple[bool, list[Hashable | None], int, int]]
) -> None:
    """Out-of-order inserts (the near and far searches from the end included: made tiny
    here) and removes anywhere leave every group exactly as sorting everything gives it."""
    saved = index_module.NEAR, index_module.FAR
    index_module.NEAR, index_module.FAR = 2, 5
    try:
        host, used = Host(ordered), set()
        for number, (remove, keys, at, place) in enumerate(steps):
            if remove and host.items:
                host.remove(sorted(host.items)[place % len(host.items)])
                continue
            seq = place * 100 + number  # unique, in any order
            if seq in used:
                continue
            used.add(seq)
            host.add(Thing(f"x{number}", tuple(keys), at), seq)
            assert host.groups() == host.naive()
        assert host.groups() == host.naive()
    finally:
        index_module.NEAR, index_module.FAR = saved


@pytest.mark.parametrize("distance", [1, NEAR - 1, NEAR, NEAR + 1, FAR - 1, FAR, FAR + 1, 3000])
def test_an_insert_at_any_distance_from_a_long_groups_end_lands_in_place(distance: int) -> None:
    """In a group longer than ``FAR``, an entity that sorts ``distance`` places before the
    end (near, far, or farther) is inserted exactly there, and removed from there."""
    host = Host(ordered=True)
    for n in range(4000):
        host.add(Thing(f"x{n}", ("g",), 2 * n), n)
    late = Thing("late", ("g",), 2 * (4000 - distance) - 1)  # between two existing values
    host.add(late, 10**6)
    ids = host.index.ids("g")
    assert ids.index("late") == 4000 - distance
    assert ids == host.naive()["g"]
    host.remove("late")
    assert host.index.ids("g") == [f"x{n}" for n in range(4000)]


def test_a_repeated_or_missing_key_files_an_entity_once_per_key() -> None:
    """Keys given twice count once; None files nothing."""
    host = Host(ordered=False)
    host.add(Thing("x", ("a", None, "a", "b"), 0), 1)
    host.add(Thing("y", (None,), 0), 2)
    assert host.groups() == {"a": ["x"], "b": ["x"]}
