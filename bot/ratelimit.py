"""Outgoing flood control: PTB's ``AIORateLimiter`` plus pacing per private chat.

``AIORateLimiter`` keeps the bot under Telegram's overall limit (≈30 messages/s) and each group's
(≈20/min), but lets any burst through to one private chat, where Telegram allows about one
message a second after a short burst. Assignment notices, a close-out decision or the monthly
review (chart, text and ledger) can send several messages to one person at once; this limiter
spaces them so they arrive instead of meeting a 429.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

JSONDict = dict[str, Any]

#: Endpoints that put a new message into a chat (``sendChatAction`` only shows "typing…").
_QUIET_SENDS = frozenset({"sendchataction"})
_MAX_IDLE_LIMITERS = 1024


def _private_chat(chat_id: object) -> int | None:
    """The chat id if it names a private chat (positive), else None."""
    with contextlib.suppress(TypeError, ValueError):
        number = int(chat_id)  # type: ignore[call-overload]
        return number if number > 0 else None
    return None


def _creates_message(endpoint: str) -> bool:
    name = endpoint.lower()
    return name.startswith(("send", "copymessage", "forwardmessage")) and name not in _QUIET_SENDS


class QuietFloodWaits(logging.Filter):
    """Drops PTB's limiter's error record (with a traceback) for each 429 it passes on: the
    outbox waits as Telegram asks and tries again, logging that at info, and warns only if it
    gives up. A leaders' group in slow mode answers 429 to every message of a review but the
    first; that is not an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], RetryAfter))


#: The logger PTB's limiter reports on.
LIMITER_LOGGER = "telegram.ext.AIORateLimiter"
#: The one filter on PTB's limiter's logger (adding it again changes nothing).
_QUIET_FLOOD_WAITS = QuietFloodWaits()


class PerChatRateLimiter(AIORateLimiter):
    """PTB's limiter, plus pacing of sends to each private chat: a burst, then a steady rate;
    the 429s it passes on to the outbox are not logged as errors (:class:`QuietFloodWaits`)."""

    def __init__(
        self,
        *,
        private_chat_rate: float = 0.95,
        private_chat_burst: int = 3,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        logging.getLogger(LIMITER_LOGGER).addFilter(_QUIET_FLOOD_WAITS)
        if private_chat_rate <= 0 or private_chat_burst < 1:
            raise ValueError("private chat rate and burst must be positive")
        self._chat_burst = private_chat_burst
        self._chat_period = private_chat_burst / private_chat_rate
        self._chats: dict[int, AsyncLimiter] = {}

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) >= _MAX_IDLE_LIMITERS:
                self._forget_idle()
            limiter = self._chats[chat_id] = AsyncLimiter(self._chat_burst, self._chat_period)
        return limiter

    def _forget_idle(self) -> None:
        """Drop limiters whose bucket has fully drained: they hold no state worth keeping."""
        for key, limiter in list(self._chats.items()):
            if limiter.has_capacity(self._chat_burst):
                del self._chats[key]

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Wait for the private chat's turn (if any), then apply PTB's overall/group limits."""
        chat_id = _private_chat(data.get("chat_id"))
        if chat_id is None or not _creates_message(endpoint):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        async with self._chat_limiter(chat_id):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
