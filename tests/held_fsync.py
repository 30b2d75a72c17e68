"""A held ``fdatasync`` (the OS edge of the log's fsync): it waits until released, or fails."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest


@dataclass
class HeldFsync:
    """``fdatasync`` calls wait (each for at most 10 s) until ``release``; ``entered`` is set
    once one waits; ``calls`` counts them; with ``error`` set they raise it instead."""

    entered: threading.Event = field(default_factory=threading.Event)
    go_on: threading.Event = field(default_factory=threading.Event)
    calls: int = 0
    error: OSError | None = None

    def release(self) -> None:
        """Let every held and later call go on."""
        self.go_on.set()

    def hold(self) -> None:
        """Hold later calls again (after a ``release``), ``entered`` unset until one waits."""
        self.go_on.clear()
        self.entered.clear()

    async def wait_entered(self) -> None:
        """Return once a call waits (without blocking the event loop)."""
        assert await asyncio.to_thread(self.entered.wait, 10), "no fsync was held"


@contextmanager
def held_fsync(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldFsync]:
    """Hold every ``os.fdatasync`` of the block (released at its end if the test did not)."""
    held, real = HeldFsync(), os.fdatasync

    def holding(fd: int, _real: Callable[[int], None] = real) -> None:
        held.calls += 1
        held.entered.set()
        held.go_on.wait(10)
        if held.error is not None:
            raise held.error
        _real(fd)

    monkeypatch.setattr(os, "fdatasync", holding)
    try:
        yield held
    finally:
        held.release()
        monkeypatch.setattr(os, "fdatasync", real)
