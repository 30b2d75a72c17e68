"""Telegram's flood limits as token buckets: overall per bot, per private chat, per group.

Telegram does not publish exact numbers; its FAQ says about 30 messages per second overall,
one per second in a private chat (short bursts pass) and 20 per minute in a group. A bucket of
``capacity`` tokens refilled at ``count / period`` per second models that, and matches the leaky
buckets of PTB's ``AIORateLimiter`` so a client configured like the sandbox never sees a 429.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: Methods that send a message and therefore count against the limits.
LIMITED_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})

_EPSILON = 1e-6


@dataclass(frozen=True)
class Limit:
    """At most ``count`` messages per ``period`` seconds, with bursts up to ``burst``."""

    count: float
    period: float
    burst: float | None = None

    @property
    def capacity(self) -> float:
        """Tokens in a full bucket."""
        return self.burst if self.burst is not None else self.count

    @property
    def rate(self) -> float:
        """Tokens refilled per second."""
        return self.count / self.period


@dataclass(frozen=True)
class RateLimits:
    """The sandbox's flood limits; ``enabled=False`` switches them all off.

    ``grace`` (seconds) absorbs the jitter between a client's pacing and the moment its request
    arrives: a bucket counts as refilled ``grace`` seconds early.
    """

    overall: Limit = field(default_factory=lambda: Limit(30, 1.0))
    private_chat: Limit = field(default_factory=lambda: Limit(1, 1.0, burst=3))
    group: Limit = field(default_factory=lambda: Limit(20, 60.0))
    enabled: bool = True
    grace: float = 0.05

    @classmethod
    def off(cls) -> RateLimits:
        """No limits at all."""
        return cls(enabled=False)


@dataclass
class _Bucket:
    limit: Limit
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.limit.capacity, self.tokens + elapsed * self.limit.rate)
        self.updated = now

    def wait_time(self, grace: float) -> float:
        missing = 1 - self.tokens - grace * self.limit.rate - _EPSILON
        return 0.0 if missing <= 0 else missing / self.limit.rate


class RateLimiter:
    """Decides whether a send may pass now or must be answered ``429 retry after N``."""

    def __init__(self, limits: RateLimits, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self.limits = limits
        self._buckets: dict[object, _Bucket] = {}

    def configure(self, limits: RateLimits) -> None:
        """Replace the limits at runtime; buckets start full again."""
        self.limits = limits
        self._buckets.clear()

    def acquire(self, chat_id: int, chat_type: str) -> int | None:
        """Take a token for a message to ``chat_id``; return ``retry_after`` seconds if none."""
        if not self.limits.enabled:
            return None
        now = self._now()
        per_chat = self.limits.private_chat if chat_type == "private" else self.limits.group
        buckets = [self._bucket("overall", self.limits.overall, now)]
        buckets.append(self._bucket(chat_id, per_chat, now))
        wait = max(bucket.wait_time(self.limits.grace) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= 1
        return None

    def _bucket(self, key: object, limit: Limit, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(limit, limit.capacity, now)
        bucket.refill(now)
        return bucket
