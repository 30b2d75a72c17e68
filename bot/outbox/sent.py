"""What a send returns (:class:`Sent`) and what a bulk send takes (:class:`Outgoing`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.domain.delivery import Undelivered
from bot.domain.people import Unreachable
from bot.render import Message

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sent:
    """The outcome of a send: the ids of the messages that went out, or why not all did."""

    message_ids: tuple[int, ...] = ()
    forbidden: bool = False  # 403: the person blocked the bot or never started it
    failed: bool = False  # anything else (every try failed, a permanent 400, flood wait too long)
    why: Undelivered | None = None  # why not, when not
    person_why: Unreachable | None = None  # a person's chat refused: blocked, deleted, ...

    @property
    def ok(self) -> bool:
        """Whether everything was delivered."""
        return bool(self.message_ids) and not (self.forbidden or self.failed)

    @property
    def last(self) -> int | None:
        """The id of the last message sent (the one carrying the buttons)."""
        return self.message_ids[-1] if self.message_ids else None


@dataclass(frozen=True, slots=True)
class Outgoing(Generic[T]):
    """One message to one chat for :meth:`Outbox.run`, with the caller's tag and the send's key."""

    chat_id: int
    message: Message
    tag: T
    key: str | None = None
