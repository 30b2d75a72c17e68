"""Records of Telegram traffic that must survive a crash: updates received, messages sent.

:class:`Inbound` is the intake journal's entry: an update from Telegram, written durably before
Telegram is told it arrived, and kept (without its content) for a while after it was handled so
a second delivery of the same update is recognised. :class:`SentRecord` is the outbox's
idempotent record: one message part that Telegram confirmed, under the send's key, so a send
repeated after a crash is skipped instead of delivered twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

#: How many handled updates the intake journal remembers (a redelivered update is recognised
#: among them). Telegram redelivers at most one getUpdates batch (100) after a crash.
KEEP_HANDLED = 1000


def inbound_id(update_id: int) -> str:
    """The journal id of an update: its number, zero-padded so ids sort like the numbers."""
    return f"{update_id:020d}"


@dataclass(frozen=True, slots=True)
class Inbound:
    """One update from Telegram in the intake journal."""

    id: str  # inbound_id(update_id)
    update_id: int
    received_at: datetime
    payload: str | None  # the update as JSON while it waits; dropped once handled
    handled_at: datetime | None = None
    user_id: int | None = None  # who sent it: one person's updates are handled in order

    @property
    def handled(self) -> bool:
        """Whether the bot has handled the update (its content is no longer kept)."""
        return self.handled_at is not None


class Undelivered(Enum):
    """Why Telegram did not take a message, in the terms a lead can act on."""

    FORBIDDEN = "forbidden"  # 403: blocked by the person, or the bot removed from the group
    CHAT_NOT_FOUND = "chat_not_found"  # 400: the chat is gone (deleted) or unknown to the bot
    NO_RIGHTS = "no_rights"  # 400: the bot is in the group but may not post (restricted)
    REFUSED = "refused"  # any other 400: Telegram refused the message itself
    SLOW = "slow"  # 429 with a wait longer than the bot waits: the group's slow mode, say
    NETWORK = "network"  # every try failed: Telegram unreachable, 5xx
    NOBODY = "nobody"  # no leaders' group is set and not one lead got it (blocked, none joined)


class Claim(Enum):
    """What claiming a journaled update for handling found."""

    TAKEN = "taken"  # this process handles it now
    HANDLED = "handled"  # handled before (or never journaled): nothing to do
    BUSY = "busy"  # another live process handles it, or an earlier update of its sender waits


@dataclass(frozen=True, slots=True)
class SentRecord:
    """One message (part) that Telegram confirmed, under the idempotency key of its send."""

    id: str  # the send's key, e.g. ``u<update>:<n>`` or ``digest:<cycle>:<chat>:<n>``
    chat_id: int
    message_id: int
    sent_at: datetime


def effect_id(update_id: int, n: int) -> str:
    """The id of the ``n``-th store write made while handling an update (sorts by ``n``)."""
    return f"{update_id:020d}:{n:06d}"


@dataclass(frozen=True, slots=True)
class Effect:
    """One store write made while an update was handled: the record before and after it.

    Kept only while the update is in flight (dropped in the transaction that marks it handled).
    A replay after a crash restores ``before`` wherever the record still holds ``after``, so the
    update's writes are made once, by the replay (see :mod:`bot.effects`).
    """

    id: str  # effect_id(update_id, n)
    update_id: int
    collection: str  # the collection's name, e.g. ``reports``
    key: str  # the record's id
    before: str | None  # the record as the store encodes it, before; None: it did not exist
    after: str | None  # after the write; None: it was deleted (or ``created``)
    created: bool = False  # the write created the record (neither image kept: undo deletes it)


#: How long a person's conversation state (a draft, a pending question) is kept unused.
USER_STATE_TTL_DAYS = 7


@dataclass(frozen=True, slots=True)
class UserState:
    """A person's conversation state between two updates (what ``context.user_data`` holds),
    saved with the update that changed it, read fresh by the update that uses it."""

    id: str  # the Telegram user id, as text
    user_id: int
    data: str  # JSON, see bot.userstate
    updated_at: datetime
