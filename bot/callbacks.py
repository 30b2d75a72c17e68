"""Callback data for inline buttons: short, self-describing and resolved against the store.

Every button carries ``<prefix>:<field>:<field>...`` (at most 64 bytes, Telegram's limit), e.g.
``ack:m3f2a9k1q`` or ``r:m3f2a9k1q:done``. Nothing is cached in memory, so buttons keep working
after a restart; the pressing user is authorised by the services each time. ``decode`` returns
None for anything it does not recognise (forged, garbage or stale formats), and the handler answers
"this button has expired".

Handlers register with ``pattern=pattern(Kind)`` and read ``decode(query.data)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar, TypeAlias, get_type_hints

from bot.domain.work import ReportStatus

MAX_BYTES = 64
SEPARATOR = ":"
_ID = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
_INT = re.compile(r"0|[1-9][0-9]{0,5}")


class PageKind(StrEnum):
    """Paged lists whose page buttons are ``pg:<kind>:<page>[:<arg>]``."""

    TASKS = "t"  # /mytasks
    PENDING = "p"  # /pending
    UNASSIGNED = "u"  # /unassigned
    UNACKED = "k"  # /unacked
    ROSTER = "r"  # /roster and invite links
    REPORT_PICK = "rp"  # /report: which task?
    HISTORY = "h"  # /task <id> history, arg = measure id


class AssigneeKind(StrEnum):
    """Whom a picker lists or assigns: units or people."""

    UNIT = "u"
    PERSON = "p"


class Decision(StrEnum):
    """Yes or no on a pending proposal."""

    YES = "y"
    NO = "n"


@dataclass(frozen=True, slots=True)
class SetLanguage:
    """/lang: choose the interface language."""

    PREFIX: ClassVar[str] = "lang"
    language: str


@dataclass(frozen=True, slots=True)
class Acknowledge:
    """签收: the official acknowledges an assigned task."""

    PREFIX: ClassVar[str] = "ack"
    measure_id: str


@dataclass(frozen=True, slots=True)
class PickTask:
    """Start a report on this task (shows the status buttons)."""

    PREFIX: ClassVar[str] = "rt"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SetStatus:
    """Report a status for a task: 正常推进 / 已完成 / 滞后 / 受阻."""

    PREFIX: ClassVar[str] = "r"
    measure_id: str
    status: ReportStatus


@dataclass(frozen=True, slots=True)
class SameAsLast:
    """同上周: repeat the latest report on the task in one tap."""

    PREFIX: ClassVar[str] = "rs"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SetProgress:
    """Set the progress percentage on the report just filed for a task."""

    PREFIX: ClassVar[str] = "rp"
    measure_id: str
    report_id: str
    percent: int


@dataclass(frozen=True, slots=True)
class AskProgress:
    """The official wants to type a custom percentage for the report."""

    PREFIX: ClassVar[str] = "rc"
    measure_id: str
    report_id: str


@dataclass(frozen=True, slots=True)
class AskIndicator:
    """The official wants to type the value of the measure's indicator number ``index``."""

    PREFIX: ClassVar[str] = "ri"
    measure_id: str
    report_id: str
    index: int


@dataclass(frozen=True, slots=True)
class FinishReport:
    """The official is done with this report (no more text or evidence)."""

    PREFIX: ClassVar[str] = "rf"
    measure_id: str
    report_id: str


@dataclass(frozen=True, slots=True)
class ImportDecision:
    """Confirm or cancel a previewed plan import."""

    PREFIX: ClassVar[str] = "imp"
    preview_id: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class PickSection:
    """Assignment picker, step 1: a page of the plan's sections."""

    PREFIX: ClassVar[str] = "as"
    page: int


@dataclass(frozen=True, slots=True)
class PickMeasure:
    """Assignment picker, step 2: a page of the measures of one section (by index)."""

    PREFIX: ClassVar[str] = "am"
    section: int
    page: int


@dataclass(frozen=True, slots=True)
class PickAssignee:
    """Assignment picker, step 3: a page of units or of people for a measure."""

    PREFIX: ClassVar[str] = "ao"
    measure_id: str
    kind: AssigneeKind
    page: int


@dataclass(frozen=True, slots=True)
class Assign:
    """Assignment picker, last step: assign the measure to a unit or person (by id)."""

    PREFIX: ClassVar[str] = "ax"
    measure_id: str
    kind: AssigneeKind
    assignee_id: str


@dataclass(frozen=True, slots=True)
class AutoAssign:
    """Suggested assignments: show them (``list``), accept all (``all``) or accept one."""

    PREFIX: ClassVar[str] = "aa"
    proposal_id: str

    ALL: ClassVar[str] = "all"
    LIST: ClassVar[str] = "list"


@dataclass(frozen=True, slots=True)
class RequestCloseout:
    """The official asks to close a finished task (办结申请)."""

    PREFIX: ClassVar[str] = "cq"
    measure_id: str


@dataclass(frozen=True, slots=True)
class DecideCloseout:
    """The lead approves (销号) or returns (退回, a reason follows by typing) a close-out."""

    PREFIX: ClassVar[str] = "cd"
    closeout_id: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class PromptAnswer:
    """A status button on the weekly prompt: the status is filed in the prompt's cycle."""

    PREFIX: ClassVar[str] = "pa"
    cycle_id: str
    measure_id: str
    status: ReportStatus


@dataclass(frozen=True, slots=True)
class PromptSame:
    """与上周相同 on the weekly prompt: last cycle's answer, carried into this cycle."""

    PREFIX: ClassVar[str] = "pl"
    cycle_id: str
    measure_id: str


@dataclass(frozen=True, slots=True)
class SettingsPick:
    """/settings: show the choices for one item (``menu`` for the overview)."""

    PREFIX: ClassVar[str] = "sp"
    item: str


@dataclass(frozen=True, slots=True)
class SettingsSet:
    """/settings: set one item (e.g. ``prompt_day`` to ``thu``, ``naming`` to ``on``)."""

    PREFIX: ClassVar[str] = "sv"
    item: str
    value: str


@dataclass(frozen=True, slots=True)
class Page:
    """Another page of a paged list; ``arg`` narrows the list (e.g. a measure id)."""

    PREFIX: ClassVar[str] = "pg"
    kind: PageKind
    page: int
    arg: str = "-"


@dataclass(frozen=True, slots=True)
class Noop:
    """A button that only labels (e.g. "2/5" between page arrows)."""

    PREFIX: ClassVar[str] = "nop"


CallbackData: TypeAlias = (
    SetLanguage
    | Acknowledge
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
    | PromptAnswer
    | PromptSame
    | SettingsPick
    | SettingsSet
    | Page
    | Noop
)
KINDS: tuple[type[CallbackData], ...] = (
    SetLanguage,
    Acknowledge,
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
    PromptAnswer,
    PromptSame,
    SettingsPick,
    SettingsSet,
    Page,
    Noop,
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
