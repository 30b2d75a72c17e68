"""A rate-limited send queue: many private messages at close to Telegram's limit, no 429s.

Telegram allows about 30 messages per second per bot and about one per second per private chat
(short bursts pass). :class:`PacedSender` keeps a global token bucket a little under the first
and spaces messages to one chat by the second, with a few sends in flight so network latency does
not eat the budget. A ``RetryAfter`` that happens anyway pauses every send for the time Telegram
asks and retries; a ``Forbidden`` (403) is reported back, not raised.

Each item is sent in order and ``on_done`` is awaited right after it (the caller marks the prompt
SENT there, durably), so a crash loses at most the items in flight. Cancelling :meth:`run`
stops taking new items and lets the ones in flight finish and be recorded (a graceful drain).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import Bot, InlineKeyboardMarkup
from telegram import Message as TgMessage
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.flood import retry_seconds
from bot.render import Message
from bot.text.split import split_html

log = logging.getLogger(__name__)

T = TypeVar("T")
MIN_RATE = 1.0  # messages per second the queue never goes below after 429s


@dataclass(frozen=True, slots=True)
class Pacing:
    """The limits the queue keeps (defaults: just under Telegram's)."""

    global_rate: float = 29.5  # messages per second, all chats together
    global_burst: float = 5.0
    chat_interval: float = 1.05  # seconds between two messages to one chat
    in_flight: int = 12  # concurrent requests
    max_retries: int = 5  # per message, after a RetryAfter or a network error


@dataclass(frozen=True, slots=True)
class Delivery:
    """What happened to one item."""

    message: TgMessage | None = None  # the last message sent (the one with the buttons)
    forbidden: bool = False
    failed: bool = False

    @property
    def ok(self) -> bool:
        """Delivered."""
        return self.message is not None and not (self.forbidden or self.failed)


@dataclass(frozen=True, slots=True)
class Outgoing(Generic[T]):
    """One message to one chat, with the caller's tag (e.g. the prompt row)."""

    chat_id: int
    message: Message
    tag: T


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


class PacedSender:
    """Send many messages through one global bucket and per-chat spacing."""

    def __init__(self, bot: Bot, pacing: Pacing | None = None) -> None:
        self._bot = bot
        self.pacing = pacing or Pacing()
        self._bucket = TokenBucket(self.pacing.global_rate, self.pacing.global_burst)
        self._last_to_chat: dict[int, float] = {}
        self.retry_afters = 0

    async def run(
        self,
        items: Iterable[Outgoing[T]] | AsyncIterator[Outgoing[T]],
        on_done: Callable[[Outgoing[T], Delivery], Awaitable[None]],
    ) -> int:
        """Send every item, awaiting ``on_done`` after each; returns how many were handled."""
        slots = asyncio.Semaphore(self.pacing.in_flight)
        running: set[asyncio.Task[None]] = set()
        handled = 0

        async def one(item: Outgoing[T]) -> None:
            nonlocal handled
            try:
                await on_done(item, await self.send(item.chat_id, item.message))
                handled += 1
            finally:
                slots.release()

        try:
            async for item in _aiter(items):
                await slots.acquire()
                task = asyncio.create_task(one(item))
                running.add(task)
                task.add_done_callback(running.discard)
        finally:
            if running:  # drain: what is in flight is finished and recorded, even on cancel
                await asyncio.shield(asyncio.gather(*running, return_exceptions=True))
        return handled

    async def send(self, chat_id: int, message: Message) -> Delivery:
        """One message (split if long, buttons on the last part), paced."""
        chunks = split_html(message.text) or ["…"]
        last: TgMessage | None = None
        for index, chunk in enumerate(chunks):
            markup = message.keyboard if index == len(chunks) - 1 else None
            outcome = await self._send_chunk(chat_id, chunk, markup)
            if not isinstance(outcome, TgMessage):
                return outcome
            last = outcome
        return Delivery(last)

    async def _send_chunk(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> TgMessage | Delivery:
        for _attempt in range(self.pacing.max_retries + 1):
            await self._chat_gap(chat_id)
            await self._bucket.take()
            self._last_to_chat[chat_id] = time.monotonic()
            try:
                return await self._bot.send_message(chat_id, text, reply_markup=markup)
            except Forbidden:
                return Delivery(forbidden=True)
            except RetryAfter as exc:
                self.retry_afters += 1
                wait = retry_seconds(exc)
                log.warning("flood control despite pacing: pausing %.1fs", wait)
                self._bucket.pause(wait)
            except BadRequest as exc:
                log.warning("not delivered to %s: %s", chat_id, exc.message)
                return Delivery(failed=True)
            except TelegramError as exc:  # network trouble: try again shortly
                log.info("send to %s failed (%s); retrying", chat_id, exc)
                await asyncio.sleep(1.0)
        return Delivery(failed=True)

    async def _chat_gap(self, chat_id: int) -> None:
        last = self._last_to_chat.get(chat_id)
        if last is not None:
            wait = last + self.pacing.chat_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)


async def _aiter(items: Iterable[T] | AsyncIterator[T]) -> AsyncIterator[T]:
    if isinstance(items, AsyncIterator):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
