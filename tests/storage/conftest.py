"""The one fixture every contract test uses: a store of each adapter, and a way to reopen it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(params=["memory", "tinydb"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each adapter in turn, closed after the test."""
    backend = Backend(request.param, tmp_path / "data")
    yield backend
    backend.store.close()


@pytest.fixture
def store(backend: Backend) -> Store:
    """The store of the adapter under test."""
    return backend.store


@pytest.fixture
def reopen(backend: Backend) -> Reopen:
    """Reopen the adapter's store as after a crash and return it."""
    return backend.reopen
