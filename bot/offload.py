"""Heavy pure work in a worker process, so it never holds the event loop's interpreter.

Building the monthly review's ledger or the ``/export`` workbook (openpyxl) and drawing the
review's chart (matplotlib) take seconds of pure Python for a county's month. In a worker
*thread* they still hold the interpreter lock for up to 150 ms at a time (measured: the longest
stall other users see, ``bench/work_stall_bench.py``); in a worker *process* they never do.

:class:`ProcessOffload` is built once by the composition root and shut down with the bot. The
pool starts its one process on first use (``spawn``: no copy of the bot's threads and sockets)
and stops it after two idle minutes.
What is handed over is frozen values (a snapshot read on the event loop) or, for the monthly
review and the ledger over the embedded store, a way to open the data directory read-only
(:attr:`bot.services.common.base.Deps.reader`): the worker then reads a year's prompts itself,
through a lazy view that takes no lock and writes nothing, and only the review or the workbook's
bytes come back. Reading them in the bot and pickling them across left the bot process 50-80 MB
larger for good at five county-years (``bench/memory_bench.py``). Tests and the CLI that build
services without it run the same work in a thread (:func:`bot.services.common.base.in_thread`).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import multiprocessing
import platform
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def release_memory() -> bool:
    """Collect, then hand the heap's free pages back to the OS (glibc's ``malloc_trim``; where
    there is no glibc, only the collection): whether anything was trimmed. The worker runs it
    after each job, off the caller's path: a ledger at five county-years left it about 60 MB
    larger for good, nearly all of it freed memory the allocator kept."""
    gc.collect()
    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return False
    return bool(trim(0))


class ProcessOffload:
    """Runs a module-level function with picklable arguments in a worker process, which stops
    once it has been idle ``idle_seconds``: a review's chart and ledger share one, and the
    memory a workbook took (openpyxl, matplotlib, a year's data: about 170 MB at five
    county-years) is not kept by a bot that needs it once a month."""

    def __init__(self, workers: int = 1, idle_seconds: float = 120.0) -> None:
        self._workers = workers
        self._idle_seconds = idle_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._running = 0
        self._retiring: asyncio.TimerHandle | None = None

    async def __call__(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in the worker process (started on first use)."""
        loop = asyncio.get_running_loop()
        if self._retiring is not None:
            self._retiring.cancel()
            self._retiring = None
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
        pool = self._pool
        self._running += 1
        try:
            return await loop.run_in_executor(pool, work, *args)
        finally:
            self._running -= 1
            if self._pool is pool:  # not closed meanwhile: tidy up after it, not awaited
                pool.submit(release_memory)
                if not self._running:
                    self._retiring = loop.call_later(self._idle_seconds, self._retire)

    def _retire(self) -> None:
        """Stop the idle worker process without waiting (the next call starts another)."""
        self._retiring = None
        if self._pool is not None and not self._running:
            self._pool.shutdown(wait=False)
            self._pool = None

    def close(self) -> None:
        """Stop the worker process (work in progress is finished first); callable from any
        thread (a pending retirement then finds no worker)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
