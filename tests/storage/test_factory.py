"""``storage.open_store``: memory for None, the TinyDB adapter for a directory."""

from __future__ import annotations

from pathlib import Path

from storage import open_store
from storage.durable import TinyDBStore
from storage.memory import MemoryStore


def test_no_directory_gives_a_memory_store() -> None:
    """None opens an in-memory store."""
    store = open_store(None)
    assert isinstance(store, MemoryStore)
    store.close()


def test_a_directory_gives_a_durable_store_created_on_demand(tmp_path: Path) -> None:
    """A path opens (and creates) a TinyDB data directory."""
    store = open_store(tmp_path / "new" / "data")
    assert isinstance(store, TinyDBStore)
    assert (tmp_path / "new" / "data" / "state.json").is_file()
    store.close()
