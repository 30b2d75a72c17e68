"""Value objects produced by the plan importer.

Everything here is immutable and free of I/O: a parser turns a document into a
:class:`ParsedPlan`, and the bot stores or displays it as it likes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bot.importer.errors import PlanWarning


class PartKind(StrEnum):
    """What a top-level part of a plan does."""

    REVIEW = "review"
    """Looks back: 工作情况, 总结, 回顾, 成效, 存在问题."""
    PLAN = "plan"
    """Looks ahead: 安排, 计划, 打算, 要点, 任务, 保障措施 (and any untitled part)."""
    GENERAL = "general"
    """Frames the plan: 总体要求, 指导思想, 基本原则, 重要意义, 有关要求; never measures."""
    SUPPORT = "support"
    """Goals and implementation machinery: 发展目标, 保障措施, 组织实施, 组织领导. Only items
    that carry their own owner note are measures there."""


class Confidence(StrEnum):
    """How an owner or a deadline was known: what a lead should check before importing."""

    STATED = "stated"
    """Written for the item itself: its own note, its owner line, its table cell."""
    INFERRED = "inferred"
    """Taken from elsewhere: a heading above the item, a merged table cell."""
    NONE = "none"
    """Not found."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written, plus the date it means when one can be worked out."""

    raw: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """A quantified (or explicitly unquantified) target such as 固定资产投资XXX亿元."""

    name: str
    value: float | None = None
    unit: str | None = None
    placeholder: bool = False
    """True when the document leaves the number blank (XXX, XX, X)."""


@dataclass(frozen=True, slots=True)
class KeyMark:
    """A sign the plan puts before key items, with what its legend says it means."""

    sign: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Section:
    """A heading that directly groups measures."""

    ordinal: int
    """Position among all measure-bearing sections of the document, from 0."""
    title: str
    part: str | None
    kind: PartKind
    marker: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedMeasure:
    """The finest numbered, actionable item of a plan."""

    id: str
    part: str | None
    section: str | None
    marker: str | None
    title: str
    body: str
    lead_leader: str | None = None
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    deadline: Deadline = Deadline()
    indicators: tuple[Indicator, ...] = ()
    owner_confidence: Confidence = field(default=Confidence.NONE, compare=False)
    """How the owner was known; not part of a measure's identity (re-imports compare equal)."""
    deadline_confidence: Confidence = field(default=Confidence.NONE, compare=False)
    """How the deadline was known; not part of a measure's identity."""
    marks: str = ""
    """The key-item signs the plan puts before it (★▲), in order; the title leaves them out."""


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    """A whole parsed plan."""

    title: str | None
    year: int | None
    doc_number: str | None
    targets: tuple[Indicator, ...]
    measures: tuple[ParsedMeasure, ...]
    sections: tuple[Section, ...]
    warnings: tuple[PlanWarning, ...] = ()
    legend: tuple[KeyMark, ...] = ()
    """What the plan's note says its key-item signs mean (标★的为重点督办事项)."""


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """How a re-parsed plan differs from the measures known before."""

    added: tuple[ParsedMeasure, ...] = ()
    changed: tuple[ParsedMeasure, ...] = ()
    """New versions of measures whose id was kept but whose content moved on."""
    removed: tuple[ParsedMeasure, ...] = ()
    unchanged: tuple[ParsedMeasure, ...] = ()
