"""Teams, units and people, with their roles, invites and leave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Role(StrEnum):
    """What a person may do. Admins come from settings; the others are stored."""

    ADMIN = "admin"  # runs the deployment, creates teams and leads
    LEAD = "lead"  # 督办员: manages a team's plan, people, rhythm and close-outs
    LEADER = "leader"  # 领导: reads digests and the monthly review
    OFFICIAL = "official"  # 责任人: reports on assigned tasks
    LIAISON = "liaison"  # 联络员: reports on behalf of a named leader or official


class Unreachable(StrEnum):
    """Why the bot cannot write to a person, as Telegram said when a send to them failed."""

    BLOCKED = "blocked"  # 403 "bot was blocked by the user"
    DELETED = "deleted"  # 403 "user is deactivated": the account was deleted
    CHAT_NOT_FOUND = "chat_not_found"  # 400 "chat not found": Telegram knows no such chat
    NOT_STARTED = "not_started"  # 403 "can't initiate conversation": never pressed Start


@dataclass(frozen=True, slots=True)
class Team:
    """A supervision office (督查室) and the plan it follows up."""

    id: str
    name: str
    created_at: datetime
    group_chat_id: int | None = None  # the leaders' group that receives the weekly digest
    group_thread_id: int | None = None  # its forum topic /setgroup was sent in (None: General)


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible unit (单位), e.g. 县发改委; plan texts match its name or aliases."""

    id: str
    team_id: str
    name: str
    aliases: tuple[str, ...] = ()
    reporter_id: str | None = None  # 填报人: who answers for the unit (None: the default rule)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the bot knows: bound to a Telegram account once they open their invite link."""

    id: str
    team_id: str
    name: str
    role: Role
    unit_id: str | None = None
    telegram_id: int | None = None
    phone: str | None = None
    language: str | None = None  # "zh" or "en"; None means the team default
    on_behalf_of: str | None = None  # a liaison reports for this person id
    joined_at: datetime | None = None
    unreachable_since: datetime | None = None  # set on 403 (blocked / never started)
    unreachable_why: Unreachable | None = None  # why, as Telegram said (None: marked before)
    active: bool = True
    # 调岗: when a roster (or /add) last moved the person into ``unit_id``, and the unit they
    # left then; None for someone never moved (in their unit since they were added)
    unit_since: datetime | None = None
    unit_before: str | None = None

    @property
    def joined(self) -> bool:
        """Whether the person has bound a Telegram account."""
        return self.telegram_id is not None


@dataclass(frozen=True, slots=True)
class Invite:
    """A personal, single-use, expiring deep-link token (``/start <token>``)."""

    token: str
    team_id: str
    person_id: str
    created_at: datetime
    expires_at: datetime
    created_by: str | None = None
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def id(self) -> str:
        """Invites are keyed by their token."""
        return self.token

    def usable(self, now: datetime) -> bool:
        """Not used, not revoked and not expired at ``now``."""
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class Leave:
    """A person's leave (请假): no prompts or reminders from ``start`` to ``end`` inclusive."""

    id: str
    person_id: str
    start: date
    end: date
    deputy_id: str | None = None  # receives the prompts meanwhile, if set
    created_by: str | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls within the leave."""
        return self.start <= day <= self.end
