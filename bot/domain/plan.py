"""The imported plan: its measures (the tasks to follow up), targets and indicators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Indicator:
    """A numeric indicator or target, e.g. 招商引资到位资金 XXX 亿元 (value None: to be filled)."""

    name: str
    unit: str | None = None
    value: float | None = None
    placeholder: bool = False


@dataclass(frozen=True, slots=True)
class KeyMark:
    """A sign the plan puts before its key items (★), and what its legend says it means."""

    sign: str
    meaning: str


def named(title: str, marks: str) -> str:
    """A task's name as people read it: the plan's key marks before its title (``★ 抓好…``).
    Every view names a task through this (or :attr:`Measure.name`)."""
    return f"{marks} {title}" if marks else title


def marks_meaning(marks: str, legend: tuple[KeyMark, ...]) -> str:
    """What a task's marks mean by the plan's legend: ``★ 县政府重点督办事项；▲ …`` (a sign the
    legend does not explain stands alone)."""
    meanings = {mark.sign: mark.meaning for mark in legend}
    return "；".join(f"{s} {meanings[s]}" if s in meanings else s for s in marks)


@dataclass(frozen=True, slots=True)
class Plan:
    """One imported plan of a team. Re-importing an edited plan bumps ``version`` in place."""

    id: str
    team_id: str
    title: str
    imported_at: datetime
    year: int | None = None
    doc_number: str | None = None
    source_name: str | None = None
    version: int = 1
    targets: tuple[Indicator, ...] = ()
    sections: tuple[str, ...] = ()
    legend: tuple[KeyMark, ...] = ()  # the plan's note on its key marks (标★的为…)


class SourceKind(StrEnum):
    """Where a task comes from besides the plan: a leader's instruction or a meeting decision."""

    INSTRUCTION = "instruction"  # 领导批示
    MEETING = "meeting"  # 会议决定事项


@dataclass(frozen=True, slots=True)
class TaskSource:
    """The instruction (批示) or meeting decision (会议决定事项) a task was made from."""

    kind: SourceKind
    text: str  # the instruction or decision as given
    given_by: str | None = None  # the leader (or the meeting's chair), as named
    given_at: date | None = None
    meeting: str | None = None  # the meeting's name, for decisions
    attachment: str | None = None  # the signed page: ``photo:<file id>`` or ``document:<id>``
    recorded_by: str | None = None  # the lead who made the task (person id)
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """A measure's wording and deadline as they read until a re-import rewrote them (``until``):
    what a view of an earlier moment shows (:mod:`bot.rhythm.plan_then`)."""

    until: datetime  # the re-import that replaced them
    title: str
    body: str
    section: str | None = None
    part: str | None = None
    deadline_raw: str | None = None
    deadline: date | None = None
    indicators: tuple[Indicator, ...] = ()
    marks: str = ""


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure (举措): the finest actionable item of the plan, followed up as a task.

    The id comes from the importer and survives light edits of the plan.
    """

    id: str
    plan_id: str
    title: str
    body: str
    section: str | None = None
    part: str | None = None
    marker: str | None = None
    position: int = 0
    lead_leader: str | None = None
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    deadline_raw: str | None = None
    deadline: date | None = None
    indicators: tuple[Indicator, ...] = ()
    removed_at: datetime | None = None  # dropped from the plan by a re-import; history is kept
    original_deadline: date | None = None  # 原定时限, kept once an extension moved ``deadline``
    extensions: int = 0  # approved deadline extensions (延期次数)
    source: TaskSource | None = None  # None: a measure of the plan itself
    #: when it entered the plan (the import that brought it, or the 批示 filed); None in
    #: records written before it was kept (see :mod:`bot.rhythm.plan_then`)
    created_at: datetime | None = None
    #: what re-imports replaced, oldest first (each revision read until its ``until``)
    revisions: tuple[Revision, ...] = ()
    #: the key-item signs the plan puts before it (★▲), in order; not part of ``title``
    marks: str = ""

    @property
    def name(self) -> str:
        """The task's name as people read it: its key marks, then its title."""
        return named(self.title, self.marks)

    @property
    def active(self) -> bool:
        """Still part of the current plan."""
        return self.removed_at is None

    @property
    def source_kind(self) -> SourceKind | None:
        """批示 or 会议决定事项 for a task made from one; None for a task of the plan itself."""
        return self.source.kind if self.source is not None else None

    @property
    def first_deadline(self) -> date | None:
        """The deadline the task was given (原定时限), before any extension."""
        return self.original_deadline if self.extensions else self.deadline

    @property
    def stated_units(self) -> tuple[str, ...]:
        """Every unit the plan text names for this measure, lead units first, without repeats."""
        return tuple(dict.fromkeys((*self.lead_units, *self.units, *self.co_units)))


@dataclass(frozen=True, slots=True)
class PendingImport:
    """A parsed plan file awaiting the lead's Confirm, kept in the store so a restart keeps it.

    ``id`` is the preview token carried by the Confirm / Cancel buttons. ``plan`` is the parsed
    plan as JSON (its measures already carry the ids they will be stored under); ``first`` tells
    a first import from a re-import, whose diff the ``added``/``changed``/``removed`` ids keep.
    """

    id: str
    team_id: str
    filename: str
    created_at: datetime
    expires_at: datetime
    plan: str
    first: bool = True
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    requested_by: str | None = None
