"""The composition root's start-up settling of the heap (``duban run`` calls it once)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.app import GC_YOUNG_THRESHOLD, settle_heap


@pytest.fixture
def restored_gc() -> Iterator[None]:
    """Put the collector back as it was (the test process must not stay frozen)."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_gc")
def test_settling_freezes_what_start_up_left_alive_and_collects_the_young_less_often() -> None:
    """Objects alive at start-up leave the collected generations, garbage made before is
    collected first, and the youngest generation waits for more allocations."""
    alive = [[n] for n in range(1000)]  # lists: objects the collector tracks

    class Node:
        """A record in a reference cycle."""

    node = Node()
    node.self = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    settle_heap()
    assert gone() is None  # the cycle was collected before the freeze
    assert gc.get_freeze_count() >= len(alive)
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
