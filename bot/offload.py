"""Heavy pure work in a worker process, so it never holds the event loop's interpreter.

Building the monthly review's ledger or the ``/export`` workbook (openpyxl) and drawing the
review's chart (matplotlib) take seconds of pure Python for a county's month. In a worker
*thread* they still hold the interpreter lock for up to 150 ms at a time (measured: the longest
stall other users see, ``bench/work_stall_bench.py``); in a worker *process* they never do.

:class:`ProcessOffload` is built once by the composition root and shut down with the bot. The
pool starts its one process on first use (``spawn``: no copy of the bot's threads and sockets).
What is handed over is frozen values read from the store on the event loop (a snapshot): the
worker never touches the store. Tests and the CLI that build services without it run the same
work in a thread (:func:`bot.services.common.base.in_thread`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class ProcessOffload:
    """Runs a module-level function with picklable arguments in a worker process."""

    def __init__(self, workers: int = 1) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    async def __call__(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in the worker process (started on first use)."""
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
        return await asyncio.get_running_loop().run_in_executor(self._pool, work, *args)

    def close(self) -> None:
        """Stop the worker process (work in progress is finished first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
