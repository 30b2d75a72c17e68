"""One office's records (team ``t1``, in 2024) by positional ids, and its team snapshot.

Each builder is the entity builder of :mod:`tests.factories.entities` given the office's ids and
dates; where that module fills a field with an example (a unit's alias, a plan's targets, a
measure's deadline and lead unit, a report's progress and figures), the office's records keep
the record's own default, so a test sees only what it gives.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from bot.domain.people import Leave, Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Closeout,
    CloseoutState,
    Cycle,
    CycleKind,
    Prompt,
    PromptState,
    Reminder,
    ReminderKind,
    Report,
    ReportStatus,
)
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories import entities as e
from tests.factories.settings import TZ

TEAM = "t1"
_ids = count(1)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A time in Shanghai."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def team(name: str = "县督查室") -> Team:
    """The test team."""
    return e.team(id=TEAM, name=name, created_at=local(2024, 1, 2))


def unit(uid: str, name: str, reporter_id: str | None = None) -> Unit:
    """A unit of the test team (``reporter_id``: its named 填报人)."""
    return e.unit(id=uid, team_id=TEAM, name=name, aliases=(), reporter_id=reporter_id)


def person(pid: str, name: str, role: Role = Role.OFFICIAL, **kw: Any) -> Person:
    """A joined person of the test team (pass telegram_id=None for one who has not joined)."""
    fields: dict[str, Any] = {"telegram_id": 1000 + next(_ids), "unit_id": None}
    fields.update(kw)
    return e.person(id=pid, team_id=TEAM, name=name, role=role, **fields)


def plan(year: int | None = 2024) -> Plan:
    """The team's plan."""
    imported = local(2024, 1, 5)
    return e.plan(
        id="pl1", team_id=TEAM, title="2024年工作要点", imported_at=imported, year=year, targets=()
    )


def measure(mid: str, title: str, **kw: Any) -> Measure:
    """A measure of the plan."""
    fields: dict[str, Any] = {"body": title, "position": next(_ids)}
    fields.update({"deadline": None, "lead_units": (), **kw})
    return e.measure(id=mid, plan_id="pl1", title=title, **fields)


def assign(
    mid: str, person_id: str | None = None, unit_id: str | None = None, **kw: Any
) -> Assignment:
    """An active assignment of a measure."""
    fields: dict[str, Any] = {"role": AssigneeRole.LEAD, "assigned_at": local(2024, 1, 10)}
    fields.update(kw)
    return e.assignment(
        id=f"a{next(_ids)}",
        team_id=TEAM,
        measure_id=mid,
        person_id=person_id,
        unit_id=unit_id,
        **fields,
    )


def report(
    mid: str,
    author: str,
    when: datetime,
    status: ReportStatus | None = ReportStatus.ON_TRACK,
    **kw: Any,
) -> Report:
    """A report on a measure."""
    return e.report(
        id=f"r{next(_ids)}",
        team_id=TEAM,
        measure_id=mid,
        author_id=author,
        status=status,
        created_at=when,
        **{"progress": None, "indicator_values": (), **kw},
    )


def cycle(period_start: date, opened: datetime, cutoff: datetime, **kw: Any) -> Cycle:
    """A weekly cycle with the schedule's id."""
    return e.cycle(
        id=f"{TEAM}.w{period_start:%Y%m%d}",
        team_id=TEAM,
        kind=CycleKind.WEEKLY,
        period_start=period_start,
        opened_at=opened,
        cutoff_at=cutoff,
        **kw,
    )


def prompt(
    c: Cycle,
    person_id: str,
    measure_ids: tuple[str, ...],
    state: PromptState = PromptState.SENT,
    **kw: Any,
) -> Prompt:
    """A prompt in a cycle."""
    return e.prompt(
        id=f"{c.id}:{person_id}",
        cycle_id=c.id,
        person_id=person_id,
        state=state,
        created_at=c.opened_at,
        measure_ids=measure_ids,
        **kw,
    )


def reminder(person_id: str, kind: ReminderKind, when: datetime, **kw: Any) -> Reminder:
    """A reminder sent to a person."""
    return e.reminder(
        id=f"rm{next(_ids)}", team_id=TEAM, person_id=person_id, kind=kind, sent_at=when, **kw
    )


def closeout(mid: str, state: CloseoutState, when: datetime, **kw: Any) -> Closeout:
    """A close-out request, decided the same day unless pending."""
    decided = None if state is CloseoutState.PENDING else when + timedelta(hours=2)
    return e.closeout(
        id=f"c{next(_ids)}",
        team_id=TEAM,
        measure_id=mid,
        requested_by="p1",
        requested_at=when,
        state=state,
        decided_at=decided,
        **kw,
    )


def leave(person_id: str, start: date, end: date, deputy_id: str | None = None) -> Leave:
    """A leave period."""
    return e.leave(
        id=f"l{next(_ids)}", person_id=person_id, start=start, end=end, deputy_id=deputy_id
    )


def snapshot(**kw: Any) -> TeamSnapshot:
    """A snapshot of the test team with default settings, a team and a plan."""
    fields: dict[str, Any] = {"team": team(), "plans": (plan(),)}
    fields.update(kw)
    settings = fields.pop("settings", TeamSettings(team_id=TEAM))
    return TeamSnapshot(
        settings=settings, **{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    )


def store_with(snap: TeamSnapshot) -> Store:
    """A MemoryStore holding everything in ``snap``."""
    from storage.memory import MemoryStore

    store = MemoryStore()
    fill(store, snap)
    return store


def fill(store: Store, snap: TeamSnapshot) -> None:
    """Save everything in ``snap`` into ``store``."""
    with store.atomic():
        store.settings.save(snap.settings)
        if snap.team is not None:
            store.teams.save(snap.team)
        for repo, items in (
            (store.units, snap.units),
            (store.people, snap.people),
            (store.leaves, snap.leaves),
            (store.plans, snap.plans),
            (store.measures, snap.measures),
            (store.assignments, snap.assignments),
            (store.cycles, snap.cycles),
            (store.prompts, snap.prompts),
            (store.reports, snap.reports),
            (store.reminders, snap.reminders),
            (store.closeouts, snap.closeouts),
            (store.extensions, snap.extensions),
        ):
            for item in items:
                repo.save(item)  # type: ignore[attr-defined]
