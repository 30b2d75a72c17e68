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
