"""Where the heavy reads run: on the event loop, or in a bounded pool of worker threads.

A team's snapshot (its people, plans, assignments and a year of cycles, prompts and reports) is
what the digest, the review, the ledger and the weekly dispatch are computed from. The embedded
store answers it from memory in milliseconds, and its collections may not be read by one
thread while another writes, so there the work stays on the event loop (``workers=0``). A
database store answers it with hundreds of queries, each a round trip: a second or more during
which no other update would be handled. With ``workers > 0`` such calls run in that many worker
threads, each taking its own pooled connection, while the event loop goes on; short reads and
single writes stay on the loop. The composition root sizes the pool to the store's connections
(one kept for the loop).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Offload:
    """Runs a synchronous service call inline (``workers=0``) or in a bounded worker pool."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._executor = (
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="duban-read")
            if workers > 0
            else None
        )

    async def run(self, fn: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        """``fn(*args, **kwargs)``, in a worker thread if there are any; its result or error."""
        if self._executor is None:
            return fn(*args, **kwargs)
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def close(self) -> None:
        """Wait for the calls in progress, then refuse new ones (before the store closes)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
