"""Leases of a store that one process serves alone (memory, TinyDB): always granted.

The data directory's ``flock`` already keeps every other process out, so a lock asked of this
store can only be contended within the process, where callers keep their own exclusion (the
rhythm's per-team ``asyncio.Lock``).
"""

from __future__ import annotations

from bot.domain import ports


class LocalHeld:
    """A lock of a single-process store: held until released."""

    def __init__(self) -> None:
        self._held = True

    def alive(self) -> bool:
        """Whether it is still held (until released)."""
        return self._held

    def release(self) -> None:
        """Give it up."""
        self._held = False


class LocalLeases:
    """``bot.domain.ports.Leases`` for a store no other process can open."""

    shared = False

    def try_hold(self, name: str) -> ports.Held | None:
        """Granted at once: no other process serves this store."""
        return LocalHeld()
