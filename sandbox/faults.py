"""Fault injection: a seeded share of requests fails like a flaky network or a busy Telegram.

Each request draws one number: it may be answered 500 or 502, delayed, or have its connection
dropped *before* the method runs (nothing happened) or *after* (the message exists but the
client never hears so, and a client that retries sends it twice).
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass


class Fault(enum.Enum):
    """What happens to one request."""

    INTERNAL_ERROR = "internal_error"
    BAD_GATEWAY = "bad_gateway"
    DELAY = "delay"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"


@dataclass(frozen=True)
class FaultConfig:
    """Shares (0..1) of requests per fault; they add up to at most 1.

    ``methods`` limits faults to those Bot API methods (any case); ``None`` means all.
    """

    seed: int = 0
    internal_error: float = 0.0
    bad_gateway: float = 0.0
    delay: float = 0.0
    drop_before: float = 0.0
    drop_after: float = 0.0
    delay_seconds: tuple[float, float] = (0.05, 0.2)
    methods: frozenset[str] | None = None

    def __post_init__(self) -> None:
        shares = self.shares()
        if any(share < 0 for _, share in shares) or sum(s for _, s in shares) > 1 + 1e-9:
            raise ValueError("fault shares must be >= 0 and add up to at most 1")
        if self.methods is not None:
            object.__setattr__(self, "methods", frozenset(m.lower() for m in self.methods))

    def shares(self) -> list[tuple[Fault, float]]:
        """Each fault with its share, in drawing order."""
        return [
            (Fault.INTERNAL_ERROR, self.internal_error),
            (Fault.BAD_GATEWAY, self.bad_gateway),
            (Fault.DELAY, self.delay),
            (Fault.DROP_BEFORE, self.drop_before),
            (Fault.DROP_AFTER, self.drop_after),
        ]


class FaultInjector:
    """Draws faults from a seeded generator, so a failing run can be replayed."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self.configure(config)

    def configure(self, config: FaultConfig | None) -> None:
        """Replace the configuration (``None`` switches faults off) and reseed."""
        self.config = config or FaultConfig()
        self._random = random.Random(self.config.seed)

    def draw(self, method: str) -> Fault | None:
        """The fault for one request to ``method``, or ``None``."""
        methods = self.config.methods
        if methods is not None and method.lower() not in methods:
            return None
        roll = self._random.random()
        for fault, share in self.config.shares():
            if roll < share:
                return fault
            roll -= share
        return None

    def delay_seconds(self) -> float:
        """How long a delayed request waits."""
        low, high = self.config.delay_seconds
        return self._random.uniform(low, high)
