"""Pacing bulk sends: many private messages at close to Telegram's limit, no 429s.

Telegram allows about 30 messages per second per bot and about one per second per private chat
(short bursts pass). :class:`Pacer` keeps a global token bucket a little under the first and
spaces messages to one chat by the second; the outbox keeps a few bulk sends in flight so network
latency does not eat the budget. A 429 that happens anyway pauses every paced send for the time
Telegram asks and halves the rate.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

MIN_RATE = 1.0  # messages per second the queue never goes below after 429s


@dataclass(frozen=True, slots=True)
class Pacing:
    """The limits bulk sends keep (defaults: just under Telegram's)."""

    global_rate: float = 29.5  # messages per second, all chats together
    global_burst: float = 5.0
    chat_interval: float = 1.05  # seconds between two messages to one chat
    in_flight: int = 12  # concurrent requests


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up; ``take`` waits for one."""

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self._tokens = capacity
        self._updated = time.monotonic()
        self._lock = asyncio.Lock()
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (Telegram asked us to wait), then go at half the rate
        without bursts: a 429 means our idea of the limit was too generous."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        self._tokens = 0.0
        self.rate = max(MIN_RATE, self.rate / 2)
        self.capacity = 1.0

    async def take(self) -> None:
        """Wait for a token and take it."""
        async with self._lock:
            while True:
                now = time.monotonic()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
                self._updated = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self.rate)


class Pacer:
    """The global bucket plus the gap between two messages to one chat."""

    def __init__(self, pacing: Pacing | None = None) -> None:
        self.pacing = pacing or Pacing()
        self._bucket = TokenBucket(self.pacing.global_rate, self.pacing.global_burst)
        self._last_to_chat: dict[int, float] = {}
        self.retry_afters = 0

    async def turn(self, chat_id: int) -> None:
        """Wait until a message to ``chat_id`` may go."""
        last = self._last_to_chat.get(chat_id)
        if last is not None:
            wait = last + self.pacing.chat_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        await self._bucket.take()
        self._last_to_chat[chat_id] = time.monotonic()

    def flood(self, seconds: float) -> None:
        """Telegram answered 429 despite the pacing: pause everyone and slow down."""
        self.retry_afters += 1
        self._bucket.pause(seconds)
