"""Writes made durable later: the mark every adapter's ``lazily()`` sets for one task.

Inside ``store.lazily()`` a commit returns once the store has it (the embedded store: written
to its log, in the kernel; PostgreSQL: committed with ``synchronous_commit`` off), not once it
is durable; ``store.sync()`` makes everything so far durable. A killed process loses none of
these writes; a power cut may lose those not yet synced. A context variable carries the mark,
so it holds for this task (and what it hands to threads) and never for another task.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: Inside ``lazily()`` blocks of this task.
LAZY: ContextVar[bool] = ContextVar("storage_lazy", default=False)
#: Inside ``store.atomic_async()`` (this task): the commit is taken, its fsync awaited after; the
#: list gets the time the commit began (for the store's commit observer).
DEFERRED: ContextVar[list[float] | None] = ContextVar("storage_deferred", default=None)
#: Lazy commits the embedded store lets wait for an fsync; the next one waits for it itself.
LAZY_BACKLOG = 8


@contextmanager
def lazy_block() -> Iterator[None]:
    """Mark the commits made in this task inside the block as lazy."""
    token = LAZY.set(True)
    try:
        yield
    finally:
        LAZY.reset(token)


@contextmanager
def deferred_block() -> Iterator[list[float]]:
    """Mark the commit made in this task inside the block as awaited by ``atomic_async``;
    yields the list that gets the time the commit began, if it took a ticket."""
    started: list[float] = []
    token = DEFERRED.set(started)
    try:
        yield started
    finally:
        DEFERRED.reset(token)
