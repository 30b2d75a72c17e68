"""A change signal: every state change pulses it, and waiters re-check their condition."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Notifier:
    """Wakes everyone waiting for *some* change; each waiter re-checks its own predicate.

    This keeps waits free of sleeps: ``await notifier.wait_for(lambda: ..., timeout=5)``
    returns as soon as the predicate holds, re-evaluated after each :meth:`notify`.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.version = 0

    def notify(self) -> None:
        """Signal that something changed."""
        self.version += 1
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """Wait until ``predicate()`` is true; ``False`` if ``timeout`` seconds pass first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            if not await self._wait(self._event, remaining):
                return predicate()
        return True

    async def wait_change(self, timeout: float) -> bool:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """Wait for the next :meth:`notify`; ``False`` on timeout."""
        return await self._wait(self._event, timeout)

    @staticmethod
    async def _wait(event: asyncio.Event, timeout: float) -> bool:  # noqa: ASYNC109 - internal helper of the waits above
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancellation
        # that arrives just as the event fires, which would make tasks unstoppable.
        try:
            async with asyncio.timeout(timeout):
                await event.wait()
        except TimeoutError:
            return False
        return True
