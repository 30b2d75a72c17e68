"""The bot's update queue: ids, offsets that confirm, allowed types, and the long-poll slot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sandbox.counters import Counters
from sandbox.notify import Notifier

#: Types a bot does not get unless it asks for them in ``allowed_updates``.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
FIRST_UPDATE_ID = 400_000_001


def update_kind(update: dict[str, Any]) -> str:
    """The update's type, i.e. its one field besides ``update_id`` (``"message"``, ...)."""
    return next((key for key in update if key != "update_id"), "unknown")


@dataclass
class PollTicket:
    """One running ``getUpdates`` request; a newer one (or setWebhook) terminates it."""

    terminated_by: str | None = None


class UpdateQueue:
    """Updates not yet confirmed by the bot, oldest first."""

    def __init__(self, notifier: Notifier, counters: Counters) -> None:
        self._notifier = notifier
        self._counters = counters
        self._pending: list[dict[str, Any]] = []
        self._next_id = FIRST_UPDATE_ID
        self.allowed: frozenset[str] | None = None
        self._poll: PollTicket | None = None

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update, giving it the next ``update_id`` unless it brings a larger one."""
        given = update.get("update_id")
        update_id = given if isinstance(given, int) and given >= self._next_id else self._next_id
        self._next_id = update_id + 1
        stored = {"update_id": update_id, **{k: v for k, v in update.items() if k != "update_id"}}
        self._pending.append(stored)
        self._notifier.notify()
        return stored

    def set_allowed(self, allowed: Iterable[str] | None) -> None:
        """Remember ``allowed_updates``; an empty list means the default set."""
        if allowed is not None:
            self.allowed = frozenset(allowed) or None

    def is_allowed(self, kind: str) -> bool:
        """Whether the bot currently receives updates of this type."""
        if self.allowed is None:
            return kind not in NOT_BY_DEFAULT
        return kind in self.allowed

    def confirm(self, offset: int) -> None:
        """Apply a getUpdates ``offset``: forget earlier updates (negative: keep the last N)."""
        before = len(self._pending)
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        self._count_confirmed(before)

    def deliverable(self, limit: int = 100) -> list[dict[str, Any]]:
        """Up to ``limit`` pending updates of allowed types (others are dropped for good)."""
        before = len(self._pending)
        self._pending = [u for u in self._pending if self.is_allowed(update_kind(u))]
        self._count_confirmed(before)
        return self._pending[:limit]

    def remove(self, update_id: int) -> None:
        """Forget one update (a webhook delivery succeeded)."""
        before = len(self._pending)
        self._pending = [u for u in self._pending if u["update_id"] != update_id]
        self._count_confirmed(before)

    def clear(self) -> None:
        """Drop every pending update (``drop_pending_updates``)."""
        self._pending.clear()
        self._notifier.notify()

    @property
    def pending_count(self) -> int:
        """Updates the bot has not confirmed yet."""
        return len(self._pending)

    def begin_poll(self) -> PollTicket:
        """Register a new long poll, terminating the one still running."""
        self.terminate_poll("getUpdates")
        self._poll = PollTicket()
        self._notifier.notify()
        return self._poll

    def end_poll(self, ticket: PollTicket) -> None:
        """Forget ``ticket`` once its request is answered."""
        if self._poll is ticket:
            self._poll = None
            self._notifier.notify()

    def terminate_poll(self, by: str) -> None:
        """Make the running long poll answer 409 ``terminated by <by> request``."""
        if self._poll is not None:
            self._poll.terminated_by = by
            self._poll = None
            self._notifier.notify()

    @property
    def polling(self) -> bool:
        """Whether a getUpdates request is waiting right now."""
        return self._poll is not None

    def _count_confirmed(self, before: int) -> None:
        if len(self._pending) != before:
            self._counters.updates_confirmed += before - len(self._pending)
            self._notifier.notify()
