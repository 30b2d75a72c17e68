"""The adapters under test, and how to reopen each as after a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.domain.ports import Store
from storage.durable import TinyDBStore
from storage.memory import MemoryStore

Reopen = Callable[[], Store]


class Backend:
    """One adapter under test: the open store and how to get it back after a restart."""

    def __init__(self, kind: str, data_dir: Path) -> None:
        self.kind = kind
        self.data_dir = data_dir
        self.store: Store = MemoryStore() if kind == "memory" else TinyDBStore(data_dir)

    def reopen(self) -> Store:
        """After a crash (TinyDB: the log is replayed); the memory adapter stays as it is."""
        if isinstance(self.store, TinyDBStore):
            self.store.abandon()
            self.store = TinyDBStore(self.data_dir)
        return self.store
