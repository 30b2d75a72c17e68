"""The append-only audit log: who did what, when — the basis of 留痕."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

AuditValue = str | int | float | bool | None


class Action(StrEnum):
    """Every kind of state change that is logged."""

    TEAM_CREATED = "team.created"
    PERSON_ADDED = "person.added"
    PERSON_UPDATED = "person.updated"
    PERSON_JOINED = "person.joined"
    PERSON_UNREACHABLE = "person.unreachable"
    INVITE_CREATED = "invite.created"
    INVITE_REVOKED = "invite.revoked"
    PLAN_IMPORTED = "plan.imported"
    PLAN_UPDATED = "plan.updated"
    ASSIGNED = "task.assigned"  # 交办
    UNASSIGNED = "task.unassigned"
    ACKNOWLEDGED = "task.acknowledged"  # 签收
    REPORTED = "task.reported"  # 反馈
    REPORT_EDITED = "task.report_edited"
    CLOSEOUT_REQUESTED = "task.closeout_requested"  # 办结申请
    CLOSEOUT_APPROVED = "task.closeout_approved"  # 销号
    CLOSEOUT_RETURNED = "task.closeout_returned"  # 退回
    REMINDED = "task.reminded"  # 催办
    EXTENSION_REQUESTED = "task.extension_requested"  # 延期申请
    EXTENSION_APPROVED = "task.extension_approved"  # 批准延期
    EXTENSION_REFUSED = "task.extension_refused"  # 不批准延期
    INSTRUCTION_CREATED = "task.instruction_created"  # 批示 / 会议决定事项 立项
    LEAVE_SET = "leave.set"
    LEAVE_CLEARED = "leave.cleared"
    SETTINGS_CHANGED = "settings.changed"
    CYCLE_OPENED = "cycle.opened"
    CYCLE_CLOSED = "cycle.closed"
    DIGEST_SENT = "digest.sent"
    REVIEW_SENT = "review.sent"
    DIGEST_UNDELIVERED = "digest.undelivered"  # the leaders' group did not get it (``why``)
    REVIEW_UNDELIVERED = "review.undelivered"
    NOTICE_SENT = "notice.sent"  # a one-time notice to the leads (e.g. a year's guessed holidays)
    LEADER_LINKED = "task.leader_linked"  # 包联领导 set or cleared
    ESCALATED = "task.escalated"  # turned red: its 包联领导 was told (提请关注)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One logged state change. ``subject`` names what changed, e.g. a measure or person id."""

    id: str
    team_id: str | None
    at: datetime
    actor_id: str | None  # person id, or None for the bot itself (scheduled jobs)
    action: Action
    subject: str
    detail: dict[str, AuditValue] = field(default_factory=dict)
