"""Which failed sends are worth another try, and how long to wait before it.

Telegram's answers fall into four kinds. **Transient** — a 5xx, a timeout, a dropped connection
(PTB raises ``NetworkError``/``TimedOut``): tried again after an exponential backoff with jitter.
**Flood control** — 429 ``RetryAfter``: tried again after exactly the wait Telegram asks, unless
it is longer than :attr:`RetryPolicy.max_flood_wait`. **Forbidden** — 403, the person blocked
the bot or never opened it: reported to the caller, who records the person as unreachable.
**Permanent** — any other 400 (chat not found, bad markup) or an unexpected error: logged and
reported as failed. An edit to the text a message already has counts as done.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.flood import MAX_RETRY_WAIT, retry_seconds


class Failure(enum.Enum):
    """What a Telegram error means for the send."""

    TRANSIENT = "transient"  # try again after a backoff
    FLOOD = "flood"  # try again after Telegram's wait
    FORBIDDEN = "forbidden"  # 403: the person is unreachable
    UNCHANGED = "unchanged"  # an edit to what the message already says: done
    PERMANENT = "permanent"  # give up


def classify(exc: TelegramError) -> Failure:
    """The kind of a Telegram error (in PTB ``BadRequest`` is a ``NetworkError``: checked
    first)."""
    if isinstance(exc, Forbidden):
        return Failure.FORBIDDEN
    if isinstance(exc, RetryAfter):
        return Failure.FLOOD
    if isinstance(exc, BadRequest):
        return Failure.UNCHANGED if "not modified" in exc.message.lower() else Failure.PERMANENT
    if isinstance(exc, NetworkError):  # 5xx, timeouts, connection errors
        return Failure.TRANSIENT
    return Failure.PERMANENT


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently one request is tried."""

    attempts: int = 6  # tries per request, the first included
    base: float = 0.5  # seconds before the second try; doubled each time
    cap: float = 8.0  # no backoff is longer
    max_flood_wait: float = MAX_RETRY_WAIT  # a longer 429 wait is given up

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based): full jitter over the
        upper half, so many senders failing together do not retry together."""
        ceiling = min(self.cap, self.base * 2.0 ** (attempt - 1))
        draw: float = (rng or random).random()
        return ceiling * (0.5 + 0.5 * draw)

    def wait_for(self, exc: TelegramError, attempt: int) -> float | None:
        """How long to wait before trying again after ``exc`` on try ``attempt``; None: stop."""
        if attempt >= self.attempts:
            return None
        kind = classify(exc)
        if kind is Failure.TRANSIENT:
            return self.backoff(attempt)
        if kind is Failure.FLOOD and isinstance(exc, RetryAfter):
            wait = retry_seconds(exc)
            return wait if wait <= self.max_flood_wait else None
        return None
