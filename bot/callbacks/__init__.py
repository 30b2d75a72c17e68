"""Callback data for inline buttons: short, self-describing and resolved against the store.

Every button carries ``<prefix>:<field>:<field>...`` (at most 64 bytes, Telegram's limit), e.g.
``ack:m3f2a9k1q`` or ``r:m3f2a9k1q:done``. Nothing is cached in memory, so buttons keep working
after a restart; the pressing user is authorised by the services each time. ``decode`` returns
None for anything it does not recognise (forged, garbage or stale formats), and the handler answers
"this button has expired".

A kind is declared once: its dataclass (deriving from :class:`ButtonData`, which registers it
with the codec) lives by concept (:mod:`.chat`, :mod:`.assign`, :mod:`.reports`,
:mod:`.decisions`, :mod:`.extensions`); its handler and permission are named together where
the handler is defined (``bot.handlers.buttons.button``), and one dispatcher decodes each press
once. :mod:`.codec` holds the registry and the encoding. Everything public is importable from
here.
"""

from __future__ import annotations

from bot.callbacks.assign import (
    Acknowledge,
    AcknowledgeBatch,
    AcknowledgeListed,
    Assign,
    AssigneeKind,
    AutoAssign,
    PickAssignee,
    PickMeasure,
    PickSection,
)
from bot.callbacks.chat import Noop, Page, PageKind, SetLanguage, SettingsPick, SettingsSet
from bot.callbacks.codec import (
    MAX_BYTES,
    SEPARATOR,
    ButtonData,
    CallbackData,
    decode,
    encode,
    kinds,
    pattern,
)
from bot.callbacks.decisions import (
    DecideCloseout,
    Decision,
    ImportDecision,
    RequestCloseout,
    SubmitCloseout,
)
from bot.callbacks.extensions import (
    DecideExtension,
    RequestExtension,
    SubmitExtension,
    SubmitInstruction,
)
from bot.callbacks.reports import (
    AskIndicator,
    AskProgress,
    FinishReport,
    PickTask,
    PromptAnswer,
    PromptSame,
    ReplyPick,
    SameAsLast,
    SetProgress,
    SetStatus,
)

#: Every button kind (all the modules above are imported, so all are registered).
KINDS = kinds()

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "SEPARATOR",
    "Acknowledge",
    "AcknowledgeBatch",
    "AcknowledgeListed",
    "AskIndicator",
    "AskProgress",
    "Assign",
    "AssigneeKind",
    "AutoAssign",
    "ButtonData",
    "CallbackData",
    "DecideCloseout",
    "DecideExtension",
    "Decision",
    "FinishReport",
    "ImportDecision",
    "Noop",
    "Page",
    "PageKind",
    "PickAssignee",
    "PickMeasure",
    "PickSection",
    "PickTask",
    "PromptAnswer",
    "PromptSame",
    "ReplyPick",
    "RequestCloseout",
    "RequestExtension",
    "SameAsLast",
    "SetLanguage",
    "SetProgress",
    "SetStatus",
    "SettingsPick",
    "SettingsSet",
    "SubmitCloseout",
    "SubmitExtension",
    "SubmitInstruction",
    "decode",
    "encode",
    "kinds",
    "pattern",
]
