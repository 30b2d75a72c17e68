"""What the sandbox counts: calls by method, errors by kind, 429s, faults, violations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counters:
    """Live counters of one sandbox; read them through :meth:`snapshot` or directly.

    ``calls`` and ``unknown_methods`` are keyed by method name, ``errors`` by kind (e.g.
    ``"400 message is not modified"``, ``"429 Too Many Requests"``), ``faults`` by
    ``"<method> <fault>"`` (e.g. ``"sendMessage drop_after"``).
    """

    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    unknown_methods: Counter[str] = field(default_factory=Counter)
    rate_limited: int = 0
    updates_created: int = 0
    updates_confirmed: int = 0
    webhook_failures: int = 0

    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready copy, e.g. for the control endpoint ``GET /_sandbox/counters``."""
        return {
            "calls": dict(self.calls),
            "errors": dict(self.errors),
            "faults": dict(self.faults),
            "unknown_methods": dict(self.unknown_methods),
            "rate_limited": self.rate_limited,
            "updates_created": self.updates_created,
            "updates_confirmed": self.updates_confirmed,
            "webhook_failures": self.webhook_failures,
        }

    def reset(self) -> None:
        """Start counting from zero again."""
        for counter in (self.calls, self.errors, self.faults, self.unknown_methods):
            counter.clear()
        self.rate_limited = self.updates_created = self.updates_confirmed = 0
        self.webhook_failures = 0
