"""A read-only view of a data directory as it is now, for commands that only read.

The running bot holds the directory's lock, so a reader must not take it (nor repair anything).
Like ``duban store backup`` it reads a consistent snapshot without the lock (checkpoint files are
only ever replaced atomically; the log is read up to its last complete record; if a checkpoint
completes meanwhile the read starts over), migrates it in memory, and serves it from the same
indexed collections as the other adapters (the schema steps a store written by an older Duban
needs run on the view, in memory). Nothing is ever written: a write raises
:class:`ReadOnlyError`.

``lazy=True`` leaves the old history months on disk as the bot's own store does (only their
indexes are read; a query reads just the documents it needs), so a view of years of history
opens in a fraction of a second and holds little: what a worker process building the ledger
opens (:mod:`bot.offload`). Every cold month's file is opened before the view is handed out and
the checkpoint's generation checked again afterwards, so a month a later checkpoint replaces is
still read from the file the view's indexes describe. Its large reads of old months may write
their rows files (a cache beside the month files, tied to the file the view read:
:mod:`storage.monthrows`); nothing of the store itself is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storage.core import Change, IndexedStore, NullJournal
from storage.durable import attach_cold, fill_from_docs
from storage.journal import history_layout
from storage.layout import read_meta
from storage.migrations import CURRENT_VERSION, migrate, upgrade
from storage.snapshot import RETRIES, Lazy, Snapshot, load


class ReadOnlyError(RuntimeError):
    """A write was attempted on a read-only view of a data directory."""


class _RefuseWrites(NullJournal):
    """The journal of a read-only view: every commit is refused (nothing else to keep), but
    those of the schema steps an older store needs, kept in memory only."""

    def __init__(self) -> None:
        self.upgrading = False

    def commit(self, changes: Sequence[Change]) -> None:
        if not self.upgrading:
            raise ReadOnlyError("this store is a read-only view: nothing can be written")


class ReadOnlyView(IndexedStore):
    """The collections of a view; closing it closes the cold months' files it reads."""

    def __init__(self) -> None:
        self._refuse = _RefuseWrites()
        super().__init__(self._refuse)

    def upgrade(self, version: int) -> None:
        """Run the schema steps from ``version`` on the view, in memory (the files keep theirs
        until the bot opens the directory)."""
        self._refuse.upgrading = True
        try:
            upgrade(self, version)
        finally:
            self._refuse.upgrading = False

    def close(self) -> None:
        """Close the cold months' files (nothing to write)."""
        try:
            super().close()
        finally:
            for collection in self.collections.values():
                if collection.cold is not None:
                    collection.cold.close()


def open_read_only(data_dir: Path, *, lazy: bool = False) -> IndexedStore:
    """The store in ``data_dir`` as of now, without its lock; FileNotFoundError if absent.
    ``lazy``: old history months stay on disk, read on demand (see the module's docstring)."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"no data directory at {data_dir}")
    if not lazy:
        return _view(data_dir, load(data_dir, CURRENT_VERSION))
    for _ in range(RETRIES):
        meta = read_meta(data_dir)
        store = _view(data_dir, load(data_dir, CURRENT_VERSION, Lazy(1, history_layout())))
        _open_cold_files(store)
        if read_meta(data_dir) == meta:
            return store  # no checkpoint moved a file between the load and the opens
        store.close()
    raise RuntimeError(f"{data_dir} kept changing while being read")


def _view(data_dir: Path, snapshot: Snapshot) -> ReadOnlyView:
    migrate(snapshot.checkpoint)
    store = ReadOnlyView()
    fill_from_docs(store, snapshot.checkpoint.docs)
    if snapshot.cold:
        attach_cold(store, data_dir, snapshot)
    store.upgrade(snapshot.checkpoint.meta.version)
    return store


def _open_cold_files(store: ReadOnlyView) -> None:
    """Open every cold month's file now (a file replaced later stays readable as it was)."""
    for collection in store.collections.values():
        cold = collection.cold
        if cold is None:
            continue
        for month in cold.by_partition.values():
            month.open()
