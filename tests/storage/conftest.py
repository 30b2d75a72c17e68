"""The one fixture every contract test uses: a store of each adapter, and a way to reopen it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.ports import Store
from tests.postgres_server import empty_database
from tests.storage.store_backends import Backend, Reopen


@pytest.fixture(params=["memory", "tinydb", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each adapter in turn, closed after the test."""
    location = str(tmp_path / "data")
    if request.param == "postgres":
        location = request.getfixturevalue("database_url")
        empty_database(location)
    backend = Backend(request.param, location)
    yield backend
    backend.close()


@pytest.fixture
def store(backend: Backend) -> Store:
    """The store of the adapter under test."""
    return backend.store


@pytest.fixture
def reopen(backend: Backend) -> Reopen:
    """Reopen the adapter's store as after a crash and return it."""
    return backend.reopen
