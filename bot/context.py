"""Typed handler context: what ``context.bot_data`` and ``context.user_data`` really hold.

``build_application`` fills :class:`BotData` once; handlers read ``context.services`` and
``context.settings``, which mypy checks. There is no ``bot_data["x"]`` anywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.config import Settings
from bot.domain.clock import Clock
from bot.services import Services
from bot.services.closeout.closeouts import CloseoutDraft
from bot.services.closeout.extensions import ExtensionDraft
from bot.services.plans.instructions import InstructionDraft

if TYPE_CHECKING:  # built by the composition root; they import this module
    from bot.intake import Intake
    from bot.jobs.rhythm import Rhythm
    from bot.outbox import Outbox


class BotData:
    """Shared, long-lived objects. Set by the composition root before the first update."""

    services: Services
    settings: Settings
    clock: Clock
    outbox: Outbox  # every message leaves through it
    rhythm: Rhythm  # the weekly rhythm's runtime: jobs, background work
    intake: Intake  # the journal of updates received

    def __init__(self) -> None:
        self.last_alert: dict[str, float] = {}  # error kind → when admins were last told


class Expecting(StrEnum):
    """What the next typed message of a user means (set by a button, cleared when used)."""

    PROGRESS = "progress"  # a custom progress percentage for ``ref`` (a measure id)
    REPORT_TEXT = "report_text"  # 进展/问题/下步打算 or evidence for ``ref``, report ``detail``
    CLOSEOUT_EVIDENCE = "closeout_evidence"  # evidence for the close-out draft on ``ref``
    RETURN_REASON = "return_reason"  # why the close-out ``ref`` is returned (a lead)
    INDICATOR = "indicator"  # the value of indicator ``detail`` for the report ``ref``
    EXTENSION_INPUT = "extension_input"  # date + reason or evidence for the extension on ``ref``
    EXTENSION_REFUSAL = "extension_refusal"  # why the extension ``ref`` is refused (a lead)
    INSTRUCTION_INPUT = "instruction_input"  # text, fields or photo of the instruction draft


#: How long a question waits for its typed answer; later texts are not taken as answers.
AWAITING_TTL = 30 * 60.0


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A typed answer the bot is waiting for, what it refers to, and since when."""

    expecting: Expecting
    ref: str
    detail: str = ""
    since: float = field(default_factory=time.time)  # wall clock: another process reads it

    @property
    def stale(self) -> bool:
        """Asked too long ago to still be the question a new message answers."""
        return time.time() - self.since > AWAITING_TTL


@dataclass(frozen=True, slots=True)
class PendingReply:
    """A reply to a bot message listing several tasks, waiting for "which task?" (by ``key``)."""

    text: str | None
    files: tuple[str, ...]
    source: tuple[int, int]  # (chat, message) of the reply, so editing it edits the report


@dataclass(frozen=True, slots=True)
class Album:
    """The album (Telegram's ``media_group_id``) whose first photo was just placed: its other
    photos, each a message of its own, follow it there instead of being asked about again."""

    id: str
    pending: str | None = None  # the "which task?" key the first photo waits under, or
    report_id: str | None = None  # the report it was filed on,
    confirmation: tuple[int, int] | None = None  # with that report's confirmation (chat, msg)


#: How many unanswered "which task?" questions are kept per user (the oldest go first).
MAX_PENDING_REPLIES = 5


class UserData:
    """Per-user conversational state. Kept in the store (:mod:`bot.userstate`): read fresh when
    one of the user's updates is handled, saved with the transaction that marks it handled, so
    it survives a restart and another bot process sees it."""

    def __init__(self) -> None:
        self.pending_replies: dict[str, PendingReply] = {}  # "which task?" key → the reply
        self.awaiting: Awaiting | None = None
        self.album: Album | None = None  # the album being received (see bot.handlers.albums)
        self.team_id: str | None = None  # an admin's current team (set by /newteam)
        self.upload: str | None = None  # "roster" after /roster: the next file is a roster
        self.closeout_draft: CloseoutDraft | None = None  # evidence gathered, not submitted
        self.extension_draft: ExtensionDraft | None = None  # extension request being written
        self.instruction_draft: InstructionDraft | None = None  # 批示 / 会议决定 being written


class Context(CallbackContext[ExtBot[None], UserData, dict[Any, Any], BotData]):
    """The context every Duban handler receives."""

    @property
    def services(self) -> Services:
        """The business services (all logic and authorisation)."""
        return self.bot_data.services

    @property
    def settings(self) -> Settings:
        """The deployment settings."""
        return self.bot_data.settings

    @property
    def outbox(self) -> Outbox:
        """Where every message to a person or group is sent."""
        return self.bot_data.outbox

    @property
    def rhythm(self) -> Rhythm:
        """The weekly rhythm's runtime."""
        return self.bot_data.rhythm

    def expect(self, expecting: Expecting, ref: str, detail: str = "") -> None:
        """Remember what the user's next typed message answers."""
        if self.user_data is not None:
            self.user_data.awaiting = Awaiting(expecting, ref, detail)

    def take_awaiting(self) -> Awaiting | None:
        """What the user's typed message answers (and forget it)."""
        awaiting = self.peek_awaiting()
        if self.user_data is not None:
            self.user_data.awaiting = None
        return awaiting

    def peek_awaiting(self) -> Awaiting | None:
        """What the user's typed message answers, keeping it (None once stale)."""
        awaiting = self.user_data.awaiting if self.user_data is not None else None
        return awaiting if awaiting is not None and not awaiting.stale else None


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData, user_data=UserData)

DubanApp: TypeAlias = Application[
    ExtBot[None], Context, UserData, dict[Any, Any], BotData, JobQueue[Context]
]
