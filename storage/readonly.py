"""A read-only view of a data directory as it is now, for commands that only read.

The running bot holds the directory's lock, so a reader must not take it (nor repair anything).
Like ``duban store backup`` it reads a consistent snapshot without the lock (checkpoint files are
only ever replaced atomically; the log is read up to its last complete record; if a checkpoint
completes meanwhile the read starts over), migrates it in memory, and serves it from the same
indexed collections as the other adapters. Nothing is ever written: a write raises
:class:`ReadOnlyError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storage.core import Change, IndexedStore, NullJournal
from storage.durable import fill_from_docs
from storage.migrations import CURRENT_VERSION, migrate
from storage.snapshot import load


class ReadOnlyError(RuntimeError):
    """A write was attempted on a read-only view of a data directory."""


class _RefuseWrites(NullJournal):
    """The journal of a read-only view: every commit is refused (nothing else to keep)."""

    def commit(self, changes: Sequence[Change]) -> None:
        raise ReadOnlyError("this store is a read-only view: nothing can be written")


def open_read_only(data_dir: Path) -> IndexedStore:
    """The store in ``data_dir`` as of now, without its lock; FileNotFoundError if absent."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"no data directory at {data_dir}")
    snapshot = load(data_dir, CURRENT_VERSION)
    migrate(snapshot.checkpoint)
    store = IndexedStore(_RefuseWrites())
    fill_from_docs(store, snapshot.checkpoint.docs)
    return store
