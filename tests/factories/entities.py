"""Small builders of domain entities for the store tests (every field has a sensible default)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import count
from typing import Any

from bot.domain.audit import Action, AuditEntry
from bot.domain.people import Invite, Leave, Person, Role, Team, Unit
from bot.domain.plan import Indicator, Measure, PendingImport, Plan
from bot.domain.settings import TeamSettings, Weekday
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Closeout,
    CloseoutState,
    Cycle,
    CycleKind,
    Evidence,
    Extension,
    Prompt,
    PromptState,
    Reminder,
    ReminderKind,
    Report,
    ReportStatus,
)
from tests.factories.settings import TZ

T0 = datetime(2025, 3, 6, 9, 0, tzinfo=TZ)
_ids = count(1)


def at(days: float = 0) -> datetime:
    """A fixed moment plus ``days``."""
    return T0 + timedelta(days=days)


def _id(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def team(**kw: Any) -> Team:
    """A team."""
    return Team(**{"id": _id("t"), "name": "县督查室", "created_at": at(), **kw})


def settings(**kw: Any) -> TeamSettings:
    """A team's settings."""
    values = {"team_id": _id("t"), "prompt_day": Weekday.WED, "prompt_time": time(10, 30)}
    return TeamSettings(**{**values, **kw})


def unit(**kw: Any) -> Unit:
    """A unit."""
    values = {"id": _id("u"), "team_id": "t1", "name": "县发改委", "aliases": ("发改委",)}
    return Unit(**{**values, **kw})


def person(**kw: Any) -> Person:
    """A person."""
    values = {"id": _id("p"), "team_id": "t1", "name": "张三", "role": Role.OFFICIAL}
    return Person(**{**values, **kw})


def invite(**kw: Any) -> Invite:
    """An invite."""
    values = {"token": _id("tok"), "team_id": "t1", "person_id": "p1", "created_at": at()}
    return Invite(**{**values, "expires_at": at(7), **kw})


def leave(**kw: Any) -> Leave:
    """A leave period."""
    values = {"id": _id("l"), "person_id": "p1", "start": date(2025, 3, 1)}
    return Leave(**{**values, "end": date(2025, 3, 9), **kw})


def plan(**kw: Any) -> Plan:
    """A plan."""
    targets = (Indicator("招商引资到位资金", "亿元", 12.5), Indicator("新增就业", "人"))
    values = {"id": _id("pl"), "team_id": "t1", "title": "2025年工作要点", "imported_at": at()}
    return Plan(**{**values, "targets": targets, **kw})


def measure(**kw: Any) -> Measure:
    """A measure."""
    values = {"id": _id("m"), "plan_id": "pl1", "title": "推进项目", "body": "全年完成投资"}
    return Measure(**{**values, "deadline": date(2025, 12, 31), "lead_units": ("县发改委",), **kw})


def pending_import(**kw: Any) -> PendingImport:
    """An import preview awaiting confirmation."""
    values = {"id": _id("v"), "team_id": "t1", "filename": "计划.docx", "created_at": at()}
    plan_json = '{"title": "2025年工作要点", "measures": []}'
    return PendingImport(**{**values, "expires_at": at(1 / 24), "plan": plan_json, **kw})


def assignment(**kw: Any) -> Assignment:
    """An assignment."""
    values = {"id": _id("a"), "team_id": "t1", "measure_id": "m1", "role": AssigneeRole.LEAD}
    return Assignment(**{**values, "assigned_at": at(), "person_id": "p1", **kw})


def cycle(**kw: Any) -> Cycle:
    """A weekly cycle."""
    values = {"id": _id("c"), "team_id": "t1", "kind": CycleKind.WEEKLY}
    period = {"period_start": date(2025, 3, 3), "opened_at": at(), "cutoff_at": at(1)}
    return Cycle(**{**values, **period, **kw})


def prompt(**kw: Any) -> Prompt:
    """A prompt."""
    values = {"id": _id("c1:p"), "cycle_id": "c1", "person_id": "p1"}
    return Prompt(**{**values, "state": PromptState.SENT, "created_at": at(), **kw})


def report(**kw: Any) -> Report:
    """A report."""
    values = {"id": _id("r"), "team_id": "t1", "measure_id": "m1", "author_id": "p1"}
    extra = {"status": ReportStatus.ON_TRACK, "created_at": at(), "progress": 40}
    return Report(**{**values, **extra, "indicator_values": (("投资", 1.5),), **kw})


def reminder(**kw: Any) -> Reminder:
    """A reminder."""
    values = {"id": _id("rm"), "team_id": "t1", "person_id": "p1", "kind": ReminderKind.AUTO}
    return Reminder(**{**values, "sent_at": at(), **kw})


def closeout(**kw: Any) -> Closeout:
    """A close-out request."""
    values = {"id": _id("co"), "team_id": "t1", "measure_id": "m1", "requested_by": "p1"}
    return Closeout(**{**values, "requested_at": at(), "state": CloseoutState.PENDING, **kw})


def extension(**kw: Any) -> Extension:
    """A deadline extension request with a photo as evidence."""
    values = {"id": _id("x"), "team_id": "t1", "measure_id": "m1", "requested_by": "p1"}
    evidence = (Evidence(at(), "p1", None, "photo:AgAD1"),)
    asked = {"new_deadline": date(2025, 9, 30), "reason": "设备到货推迟", "items": evidence}
    old = {"requested_at": at(), "old_deadline": date(2025, 6, 30)}
    return Extension(**{**values, **asked, **old, **kw})


def entry(**kw: Any) -> AuditEntry:
    """An audit entry."""
    values = {"id": _id("e"), "team_id": "t1", "at": at(), "actor_id": "p1"}
    extra = {"action": Action.REPORTED, "subject": "m1", "detail": {"status": "on_track"}}
    return AuditEntry(**{**values, **extra, **kw})
