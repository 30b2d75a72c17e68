"""Where heavy reads run: inline on the event loop, or in a bounded pool of worker threads."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.app import offload_for
from bot.services.common.offload import Offload
from storage.memory import MemoryStore


def _thread_and(value: int, *, plus: int = 0) -> tuple[str, int]:
    return threading.current_thread().name, value + plus


async def test_without_workers_a_call_runs_on_the_event_loop_thread() -> None:
    """The embedded stores' reads stay on the loop's thread (their collections are not for
    several threads at once)."""
    offload = Offload()
    name, value = await offload.run(_thread_and, 1, plus=2)
    assert name == threading.current_thread().name
    assert value == 3


async def test_with_workers_calls_run_in_at_most_that_many_threads() -> None:
    """Eight calls at once use the pool's threads, never the loop's, and no more than two."""
    offload = Offload(workers=2)
    gate = threading.Barrier(2, timeout=5)
    names: set[str] = set()

    def meet() -> None:
        names.add(threading.current_thread().name)
        gate.wait()  # two calls must be running at once for any to finish

    await asyncio.gather(*(offload.run(meet) for _ in range(8)))
    offload.close()
    assert len(names) == 2
    assert threading.current_thread().name not in names


async def test_an_error_in_a_worker_reaches_the_caller() -> None:
    """A failing call raises its own exception where it was awaited."""
    offload = Offload(workers=1)

    def fail() -> None:
        raise LookupError("no such team")

    with pytest.raises(LookupError, match="no such team"):
        await offload.run(fail)
    offload.close()


def test_the_composition_root_keeps_embedded_stores_on_the_loop() -> None:
    """An in-memory (or TinyDB) store gets no worker threads."""
    assert offload_for(MemoryStore()).workers == 0
