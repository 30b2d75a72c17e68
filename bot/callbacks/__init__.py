"""Callback data for inline buttons: short, self-describing and resolved against the store.

Every button carries ``<prefix>:<field>:<field>...`` (at most 64 bytes, Telegram's limit), e.g.
``ack:m3f2a9k1q`` or ``r:m3f2a9k1q:done``. Nothing is cached in memory, so buttons keep working
after a restart; the pressing user is authorised by the services each time. ``decode`` returns
None for anything it does not recognise (forged, garbage or stale formats), and the handler answers
"this button has expired".

Handlers register with ``pattern=pattern(Kind)`` and read ``decode(query.data)``. The kinds live
by concept (:mod:`.chat`, :mod:`.assign`, :mod:`.reports`, :mod:`.decisions`); :mod:`.codec`
holds the registry and the encoding. Everything public is importable from here.
"""

from __future__ import annotations

from bot.callbacks.assign import (
    Acknowledge,
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
    KINDS,
    MAX_BYTES,
    SEPARATOR,
    CallbackData,
    decode,
    encode,
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

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "SEPARATOR",
    "Acknowledge",
    "AcknowledgeListed",
    "AskIndicator",
    "AskProgress",
    "Assign",
    "AssigneeKind",
    "AutoAssign",
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
    "pattern",
]
