"""The adapters under test, and how to reopen each as after a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.domain.ports import Store
from storage.durable import TinyDBStore
from storage.memory import MemoryStore
from storage.postgres import PostgresStore

Reopen = Callable[[], Store]


def _open(kind: str, location: str) -> Store:
    if kind == "memory":
        return MemoryStore()
    if kind == "postgres":
        return PostgresStore(location, pool_max=2)
    return TinyDBStore(Path(location))


class Backend:
    """One adapter under test: the open store and how to get it back after a restart.

    ``location`` is the data directory (TinyDB) or the database URL (PostgreSQL).
    """

    def __init__(self, kind: str, location: str) -> None:
        self.kind = kind
        self.location = location
        self.store: Store = _open(kind, location)
        self._earlier: list[Store] = []

    def reopen(self) -> Store:
        """After a crash: TinyDB replays its log; PostgreSQL reconnects; memory stays as is."""
        if isinstance(self.store, TinyDBStore):
            self.store.abandon()
            self.store = TinyDBStore(Path(self.location))
        elif isinstance(self.store, PostgresStore):
            self._earlier.append(self.store)  # still readable, as an abandoned TinyDB store is
            self.store = PostgresStore(self.location, pool_max=2)
        return self.store

    def close(self) -> None:
        """Close the store and any opened before the last reopen."""
        for store in (*self._earlier, self.store):
            store.close()
