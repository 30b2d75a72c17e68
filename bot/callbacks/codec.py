"""The codec core: every button kind, and ``<prefix>:<field>:<field>...`` both ways.

Each kind is a frozen dataclass with a ``PREFIX`` (unique) and fields of type ``str`` (an id),
``int`` (a small count) or a ``StrEnum``; the codec reads the fields' type hints, so a new kind
needs no code here beyond its place in :data:`KINDS`.
"""

from __future__ import annotations

import re
from dataclasses import fields
from enum import StrEnum
from typing import Any, TypeAlias, get_type_hints

from bot.callbacks.assign import (
    Acknowledge,
    AcknowledgeListed,
    Assign,
    AutoAssign,
    PickAssignee,
    PickMeasure,
    PickSection,
)
from bot.callbacks.chat import Noop, Page, SetLanguage, SettingsPick, SettingsSet
from bot.callbacks.decisions import (
    DecideCloseout,
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

MAX_BYTES = 64
SEPARATOR = ":"
_ID = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
_INT = re.compile(r"0|[1-9][0-9]{0,5}")

CallbackData: TypeAlias = (
    SetLanguage
    | Acknowledge
    | AcknowledgeListed
    | PickTask
    | SetStatus
    | SameAsLast
    | SetProgress
    | AskProgress
    | AskIndicator
    | FinishReport
    | ImportDecision
    | PickSection
    | PickMeasure
    | PickAssignee
    | Assign
    | AutoAssign
    | RequestCloseout
    | DecideCloseout
    | SubmitCloseout
    | PromptAnswer
    | PromptSame
    | ReplyPick
    | SettingsPick
    | SettingsSet
    | Page
    | Noop
    | RequestExtension
    | SubmitExtension
    | DecideExtension
    | SubmitInstruction
)
KINDS: tuple[type[CallbackData], ...] = (
    SetLanguage,
    Acknowledge,
    AcknowledgeListed,
    PickTask,
    SetStatus,
    SameAsLast,
    SetProgress,
    AskProgress,
    AskIndicator,
    FinishReport,
    ImportDecision,
    PickSection,
    PickMeasure,
    PickAssignee,
    Assign,
    AutoAssign,
    RequestCloseout,
    DecideCloseout,
    SubmitCloseout,
    PromptAnswer,
    PromptSame,
    ReplyPick,
    SettingsPick,
    SettingsSet,
    Page,
    Noop,
    RequestExtension,
    SubmitExtension,
    DecideExtension,
    SubmitInstruction,
)
_BY_PREFIX: dict[str, type[CallbackData]] = {kind.PREFIX: kind for kind in KINDS}


def _fields_of(kind: type[CallbackData]) -> tuple[tuple[str, type], ...]:
    hints = get_type_hints(kind)
    return tuple((item.name, hints[item.name]) for item in fields(kind))


_FIELDS: dict[str, tuple[tuple[str, type], ...]] = {k.PREFIX: _fields_of(k) for k in KINDS}


def encode(data: CallbackData) -> str:
    """The callback data string for ``data``; ValueError if a field is malformed or too long."""
    parts = [data.PREFIX]
    for name, hint in _FIELDS[data.PREFIX]:
        value = getattr(data, name)
        text = str(value.value if isinstance(value, StrEnum) else value)
        if _parse(hint, text) is None:
            raise ValueError(f"{type(data).__name__}.{name}={text!r} cannot be encoded")
        parts.append(text)
    encoded = SEPARATOR.join(parts)
    if len(encoded.encode()) > MAX_BYTES:
        raise ValueError(f"callback data longer than {MAX_BYTES} bytes: {encoded!r}")
    return encoded


def decode(raw: str | object | None) -> CallbackData | None:
    """The button's meaning, or None for anything unknown or malformed."""
    if not isinstance(raw, str) or len(raw.encode()) > MAX_BYTES:
        return None
    prefix, *values = raw.split(SEPARATOR)
    kind = _BY_PREFIX.get(prefix)
    if kind is None:
        return None
    spec = _FIELDS[prefix]
    if len(values) != len(spec):
        return None
    parsed: list[Any] = [_parse(hint, text) for (_, hint), text in zip(spec, values, strict=True)]
    if any(value is None for value in parsed):
        return None
    return kind(*parsed)


def pattern(kind: type[CallbackData]) -> str:
    """A regex for ``CallbackQueryHandler(pattern=...)`` matching this kind's prefix."""
    return rf"^{re.escape(kind.PREFIX)}(:|$)"


def _parse(hint: type, text: str) -> object | None:
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            return hint(text)
        except ValueError:
            return None
    if hint is int:
        return int(text) if _INT.fullmatch(text) else None
    return text if _ID.fullmatch(text) else None
