"""One team's lock across every process serving the store.

Within a process an ``asyncio.Lock`` keeps a dispatch, a catch-up and a lead's ``/dispatch``
apart; across processes sharing one database the store's lease of the same name does (a
PostgreSQL advisory lock, released by the server if its holder dies). Waiting for the other
process polls, off the event loop.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

from bot.domain.ports import Held, Leases

POLL_SECONDS = 0.25  # how often a waiter asks again for a lock another process holds


class SharedLock:
    """``async with lock:`` excludes this process's other tasks, then every other process."""

    def __init__(self, leases: Leases, name: str, *, poll: float = POLL_SECONDS) -> None:
        self.name = name
        self._leases = leases
        self._local = asyncio.Lock()
        self._poll = poll
        self._held: Held | None = None

    def locked(self) -> bool:
        """Whether a task of this process holds it."""
        return self._local.locked()

    async def __aenter__(self) -> None:
        await self._local.acquire()
        try:
            self._held = await self._take()
        except BaseException:
            self._local.release()
            raise

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        held, self._held = self._held, None
        try:
            if held is not None:
                if self._leases.shared:
                    await asyncio.to_thread(held.release)
                else:
                    held.release()
        finally:
            self._local.release()

    async def _take(self) -> Held:
        if not self._leases.shared:
            held = self._leases.try_hold(self.name)
            if held is not None:
                return held
        while True:  # another process holds it: nothing here to wait on but time
            held = await asyncio.to_thread(self._leases.try_hold, self.name)
            if held is not None:
                return held
            await asyncio.sleep(self._poll)
