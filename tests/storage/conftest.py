"""The one fixture every contract test uses: a store of each adapter, and a way to reopen it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_backends import Backend, Reopen

from bot.domain.ports import Store


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
