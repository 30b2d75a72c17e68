"""The one fixture every contract test uses: a store of each adapter, and a way to reopen it;
and a background checkpoint held in the middle of its file writes."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class StalledCheckpoint:
    """A background checkpoint's file replacements wait: ``stalled`` is set once one waits,
    and they go on (each for at most 10 s) once ``go_on`` is set."""

    stalled: threading.Event = field(default_factory=threading.Event)
    go_on: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def stalled_checkpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[StalledCheckpoint]:
    """``os.replace`` held in any thread but the main one (the background checkpoint's),
    released at the end of the test if the test did not."""
    held, real = StalledCheckpoint(), os.replace

    def stalling(*args: Any, **kwargs: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            held.stalled.set()
            held.go_on.wait(10)
        real(*args, **kwargs)

    monkeypatch.setattr(os, "replace", stalling)
    yield held
    held.go_on.set()
