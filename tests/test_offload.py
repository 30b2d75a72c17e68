"""The worker process for heavy pure work: runs a function elsewhere, hands back its result."""

from __future__ import annotations

import asyncio
import os
import platform
from pathlib import Path

import pytest

from bot.offload import ProcessOffload, release_memory
from bot.services.common.base import in_thread


async def test_work_runs_in_another_process_and_returns_its_result() -> None:
    """The function runs in a worker process (another pid); its result comes back; closing
    twice is harmless."""
    offload = ProcessOffload()
    try:
        pid = await offload(os.getpid)
        total = await offload(sum, (1, 2, 3))
    finally:
        offload.close()
        offload.close()
    assert pid != os.getpid()
    assert total == 6


async def test_an_idle_worker_process_stops_and_the_next_work_starts_another() -> None:
    """Work back to back shares one worker; once it has been idle it exits (its memory goes
    back to the system) and the next work runs in a new one."""
    offload = ProcessOffload(idle_seconds=0.3)
    try:
        first = await offload(os.getpid)
        assert await offload(os.getpid) == first
        for _ in range(100):
            await asyncio.sleep(0.1)
            if not _alive(first):
                break
        assert not _alive(first)
        second = await offload(os.getpid)
    finally:
        offload.close()
    assert second not in (first, os.getpid())


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "(zombie)" not in status


async def test_without_a_worker_process_the_work_runs_in_a_thread_of_this_one() -> None:
    """The default for services built without the bot: same process, same result."""
    assert await in_thread(os.getpid) == os.getpid()


def test_releasing_memory_hands_freed_heap_pages_back() -> None:
    """On glibc, freed memory the allocator kept (a block still in use above it) goes back to
    the OS: resident memory drops by most of what was freed."""
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    blocks = [bytes(4000) + bytes([n % 256]) for n in range(20_000)]  # ~80 MB via malloc
    pin = bytes(4000) + b"pin"  # above the freed blocks: freeing them cannot shrink the heap
    held = _rss_mb()
    del blocks
    kept = _rss_mb()
    assert kept > held - 20  # freed, but still resident
    assert release_memory()
    assert _rss_mb() < kept - 60
    assert pin.endswith(b"pin")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")
