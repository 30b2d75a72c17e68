"""Following a measure through: assignments, cycles, prompts, reports, reminders, close-out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class AssigneeRole(StrEnum):
    """牵头 (leads the task) or 配合 (supports it)."""

    LEAD = "lead"
    CO = "co"


@dataclass(frozen=True, slots=True)
class Assignment:
    """One assignee of a measure: a person or a unit, leading or supporting (交办).

    Reassigning ends the old row (``ended_at``) and adds a new one, so history is kept.
    """

    id: str
    team_id: str
    measure_id: str
    role: AssigneeRole
    assigned_at: datetime
    person_id: str | None = None
    unit_id: str | None = None
    assigned_by: str | None = None
    acknowledged_at: datetime | None = None  # 签收
    ended_at: datetime | None = None
    acknowledged_by: str | None = None  # the person who signed (a unit's member, a liaison)
    #: rows made together by one action (suggestions accepted at once) share it: 签收全部 on
    #: the list that action sent signs that batch's tasks and no others
    batch_id: str | None = None

    @property
    def active(self) -> bool:
        """Whether the assignment is in force."""
        return self.ended_at is None


class CycleKind(StrEnum):
    """The rhythm a cycle belongs to."""

    WEEKLY = "weekly"  # 周调度
    MONTHLY = "monthly"  # 月研判


@dataclass(frozen=True, slots=True)
class Cycle:
    """One dispatch period, e.g. a week: prompts go out, replies are due by the cutoff."""

    id: str
    team_id: str
    kind: CycleKind
    period_start: date
    #: when its prompts went out; a ``missed`` cycle's: when they were due (its scheduled prompt
    #: time), so that it stands in its own week and month in every view
    opened_at: datetime
    cutoff_at: datetime
    closed_at: datetime | None = None
    digest_sent_at: datetime | None = None
    #: its digest's (a monthly cycle: its review's) turn came and the leaders' group did not get
    #: it (the bot removed, the group gone, or the bot down at the time): handled, not sent;
    #: a lead's /digest sends it
    digest_failed_at: datetime | None = None
    #: its prompt time passed while the bot was down: no prompt went out, nothing is owed
    missed: bool = False
    #: the moment the digest that went out was drawn up as of (what it showed, shown again
    #: by a leader's /digest); None in older records: ``digest_sent_at``
    digest_as_of: datetime | None = None


def cycle_at(cycles: Iterable[Cycle], at: datetime) -> Cycle | None:
    """The weekly cycle a report made at ``at`` belongs to: the latest one opened at or before
    ``at`` (the round the person was last asked in), open or past its cutoff; None before any.

    One rule for every way of answering (a status button, a typed reply, a photo, a file,
    与上周相同): the cycle named by an old prompt's button does not matter, the time does.
    """
    started = [c for c in cycles if c.kind is CycleKind.WEEKLY and c.opened_at <= at]
    return max(started, key=lambda c: (c.opened_at, c.cutoff_at), default=None)


def late_for(cycle: Cycle | None, at: datetime) -> bool:
    """Whether a report first filed at ``at`` in ``cycle`` is 逾时 (late): after its cutoff.

    Lateness is decided once, when the report is filed: adding to it or editing it later
    (details, a photo, an edited message) keeps the report's cycle and its lateness, so an
    on-time report amended after the cutoff stays on time, while a new report after the cutoff
    is late.
    """
    return cycle is not None and at > cycle.cutoff_at


class PromptState(StrEnum):
    """Where a prompt to one person in one cycle stands; drives resumable dispatch."""

    PENDING = "pending"
    SENT = "sent"
    UNREACHABLE = "unreachable"
    SKIPPED = "skipped"  # on leave, or nothing to report


@dataclass(frozen=True, slots=True)
class Prompt:
    """The weekly prompt to one person in one cycle (id ``<cycle>:<person>``)."""

    id: str
    cycle_id: str
    person_id: str
    state: PromptState
    created_at: datetime
    measure_ids: tuple[str, ...] = ()
    sent_at: datetime | None = None
    chat_id: int | None = None
    message_id: int | None = None
    reminders_sent: int = 0
    #: the person's unit when the prompt was made: a later move to another unit (a new roster)
    #: leaves the cycle's items with the unit that was asked (None on prompts made before it was
    #: recorded: read with the person's unit now)
    unit_id: str | None = None


class ReportStatus(StrEnum):
    """The status an official reports for a task."""

    ON_TRACK = "on_track"  # 正常推进
    DONE = "done"  # 已完成
    BEHIND = "behind"  # 滞后
    BLOCKED = "blocked"  # 受阻


@dataclass(frozen=True, slots=True)
class Report:
    """One feedback (反馈) on a measure: status, progress, indicator values, text and evidence."""

    id: str
    team_id: str
    measure_id: str
    author_id: str
    status: ReportStatus | None  # None: no status stated (the party's last one still holds)
    created_at: datetime
    cycle_id: str | None = None
    on_behalf_of: str | None = None  # set when a liaison reports for someone
    progress: int | None = None  # percent, 0..100
    indicator_values: tuple[tuple[str, float], ...] = ()
    progress_text: str | None = None  # 进展
    problems: str | None = None  # 问题
    next_steps: str | None = None  # 下步打算
    coordination: str | None = None  # 需协调事项: what the party asks leaders to settle
    attachments: tuple[str, ...] = ()  # ``photo:<file id>``, ``document:<file id>``…
    edited_at: datetime | None = None
    late: bool = False
    source_chat_id: int | None = None  # the message a text report came from, for edits
    source_message_id: int | None = None
    nudged: str | None = None  # the author was nudged about this update's words (a Flag)
    #: the reporter's unit when it was made: the answer stays its unit's after the reporter
    #: moves to another unit (None on reports made before it was recorded: their unit now)
    unit_id: str | None = None

    @property
    def reporter_id(self) -> str:
        """Whose answer the report is: the person reported for, else its author."""
        return self.on_behalf_of or self.author_id


class ReminderKind(StrEnum):
    """Why a reminder was sent."""

    AUTO = "auto"  # before the cutoff, to non-responders
    MANUAL = "manual"  # 催办 by a lead
    DEADLINE = "deadline"  # a task's deadline is near
    OVERDUE = "overdue"  # a task's deadline has passed
    CLAIM = "claim"  # an assignment not signed (签收) within the team's claim limit
    CLAIM_OVERDUE = "claim_overdue"  # 领办逾期: the leads told it is still unsigned


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder (催办) sent to a person."""

    id: str
    team_id: str
    person_id: str
    kind: ReminderKind
    sent_at: datetime
    cycle_id: str | None = None
    measure_id: str | None = None
    sent_by: str | None = None  # None for automatic reminders
    delivered: bool = True
    assignment_id: str | None = None  # the unsigned assignment (CLAIM, CLAIM_OVERDUE)


class CloseoutState(StrEnum):
    """A close-out request (办结申请) awaiting or after the lead's decision."""

    PENDING = "pending"
    APPROVED = "approved"  # 销号
    RETURNED = "returned"  # 退回


@dataclass(frozen=True, slots=True)
class Evidence:
    """One message of close-out evidence: a text or a file, who sent it and when."""

    at: datetime
    by: str  # person id
    text: str | None = None
    attachment: str | None = None  # ``photo:<file id>``…
    source_message_id: int | None = None  # the message it came from (an edit re-reads it)


@dataclass(frozen=True, slots=True)
class Closeout:
    """An official's request to close a finished task, and the lead's decision (销号 / 退回)."""

    id: str
    team_id: str
    measure_id: str
    requested_by: str
    requested_at: datetime
    state: CloseoutState = CloseoutState.PENDING
    evidence: str | None = None
    attachments: tuple[str, ...] = ()  # as on reports: ``photo:<file id>``…
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None  # why it was returned
    items: tuple[Evidence, ...] = ()  # every evidence message in order (``evidence`` and
    # ``attachments`` are their texts joined and their files, kept for older readers)
    source_chat_id: int | None = None  # the private chat the evidence came from


class ExtensionState(StrEnum):
    """A deadline extension request (延期申请) awaiting or after the lead's decision."""

    PENDING = "pending"
    APPROVED = "approved"  # 批准延期
    REFUSED = "refused"  # 不批准


@dataclass(frozen=True, slots=True)
class Extension:
    """An owner's request for a later deadline (延期申请), and the lead's decision.

    ``old_deadline`` is the deadline in force when it was asked; on approval the measure's
    deadline becomes ``new_deadline`` and its first deadline is kept as ``original_deadline``.
    """

    id: str
    team_id: str
    measure_id: str
    requested_by: str
    requested_at: datetime
    new_deadline: date
    reason: str
    old_deadline: date | None = None
    state: ExtensionState = ExtensionState.PENDING
    items: tuple[Evidence, ...] = ()  # optional evidence (photos, files) with who and when
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None  # why it was refused
    source_chat_id: int | None = None
