"""A county's team with years of history, written straight into a store (for the benchmarks).

One team (县委督查室), its lead, 40 units, 2,000 officials and a 400-measure plan; each measure
has a 牵头 official and four 配合 officials (official ``i`` works on measure ``i % 400``), each
assignment signed (签收) the day after it was made; prompts and reports record the official's
unit, as the bot writes them. Every past week has its cycle (closed, digest sent), a prompt to
each official, and one report per measure by its 牵头 official with its audit entry: a
county-year is 52 cycles, 104,000 prompts, 20,800 reports and 20,800 audit entries. The current
week's cycle is open at ``NOW`` and every official has been prompted. Writing goes through the
store's port in large transactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.audit import Action, AuditEntry
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Cycle,
    CycleKind,
    Prompt,
    PromptState,
    Report,
    ReportStatus,
)
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.schedule import CycleWindow, cycle_for, window_of

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 10, 10, 10, 0, tzinfo=TZ)  # a Thursday, an hour after the prompt
TEAM = "t1"
LEAD = "plead"
MEASURES, OFFICIALS, UNITS = 400, 2000, 40
FIRST_TELEGRAM_ID = 7_000_000_000  # officials without a sandbox user get made-up ids
STATUSES = (ReportStatus.ON_TRACK, ReportStatus.ON_TRACK, ReportStatus.BEHIND, ReportStatus.DONE)


@dataclass(frozen=True)
class County:
    """What was seeded: the open cycle and who is who."""

    cycle: CycleWindow
    officials: list[str]  # person ids, official i at index i
    measure_of: dict[str, str]  # person id -> the measure they work on


def measure_id(n: int) -> str:
    """The n-th measure's id."""
    return f"M{n:04x}"


def unit_id(n: int) -> str:
    """The unit of official ``n``."""
    return f"u{n % UNITS:02d}"


def official_id(n: int) -> str:
    """The n-th official's person id."""
    return f"p{n:05d}"


def seed(
    store: Store,
    years: float,
    telegram_ids: dict[int, int] | None = None,
    lead_telegram_id: int | None = None,
) -> County:
    """Write the county with ``years`` of weekly history; ``telegram_ids`` binds some
    officials (by number) to real sandbox users."""
    telegram_ids = telegram_ids or {}
    settings = TeamSettings(TEAM)
    calendar = WorkCalendar()
    current = cycle_for(settings, calendar, NOW)
    created = NOW - timedelta(weeks=int(years * 52) + 2)
    with store.atomic():
        _team(store, created, telegram_ids, lead_telegram_id)
    weeks = round(years * 52)
    history, seen = [], {current.cycle_id}
    for back in range(weeks, 0, -1):  # a holiday week merges into the next: one cycle for both
        window = window_of(settings, calendar, current.period_start - timedelta(weeks=back), TZ)
        if window.cycle_id not in seen:
            seen.add(window.cycle_id)
            history.append(window)
    chats = [telegram_ids.get(n, FIRST_TELEGRAM_ID + n) for n in range(OFFICIALS)]
    for number, window in enumerate(history):
        with store.atomic():
            _week(store, window, number, chats, closed=True)
    with store.atomic():
        _week(store, current, weeks, chats, closed=False)
    officials = [official_id(n) for n in range(OFFICIALS)]
    return County(
        current, officials, {p: measure_id(n % MEASURES) for n, p in enumerate(officials)}
    )


def _team(
    store: Store, created: datetime, telegram_ids: dict[int, int], lead_telegram_id: int | None
) -> None:
    store.teams.save(Team(TEAM, "县委督查室", created))
    store.settings.save(TeamSettings(TEAM))
    plan = Plan("plan1", TEAM, "2024年重点工作", created, year=2024)
    store.plans.save(plan)
    for n in range(UNITS):
        store.units.save(Unit(f"u{n:02d}", TEAM, f"县第{n + 1}局"))
    store.people.save(
        Person(LEAD, TEAM, "王督办", Role.LEAD, telegram_id=lead_telegram_id, joined_at=created)
    )
    for n in range(MEASURES):
        store.measures.save(
            Measure(
                measure_id(n),
                plan.id,
                f"推进第{n + 1}项重点任务落实",
                "全年完成投资1亿元。",
                f"第{n // 50 + 1}方面",
                position=n,
            )
        )
    for n in range(OFFICIALS):
        person = Person(
            official_id(n),
            TEAM,
            f"官员{n}",
            Role.OFFICIAL,
            unit_id(n),
            telegram_id=telegram_ids.get(n, FIRST_TELEGRAM_ID + n),
            joined_at=created,
        )
        store.people.save(person)
        role = AssigneeRole.LEAD if n < MEASURES else AssigneeRole.CO
        store.assignments.save(  # signed (签收) the next day, as officials do
            Assignment(
                f"a{n:05d}", TEAM, measure_id(n % MEASURES), role, created, person_id=person.id,
                acknowledged_at=created + timedelta(days=1), acknowledged_by=person.id,
            )
        )  # fmt: skip


def _week(
    store: Store, window: CycleWindow, number: int, chats: list[int], *, closed: bool
) -> None:
    cycle = Cycle(
        window.cycle_id,
        TEAM,
        CycleKind.WEEKLY,
        window.period_start,
        window.prompt_at,
        window.cutoff_at,
        closed_at=window.cutoff_at if closed else None,
        digest_sent_at=window.digest_at if closed else None,
    )
    store.cycles.save(cycle)
    for n in range(OFFICIALS):
        person = official_id(n)
        store.prompts.save(
            Prompt(
                prompt_id(cycle.id, person),
                cycle.id,
                person,
                PromptState.SENT,
                window.prompt_at,
                (measure_id(n % MEASURES),),
                sent_at=window.prompt_at,
                chat_id=chats[n],
                unit_id=unit_id(n),
            )
        )
    if not closed:
        return
    for report, entry in _replies(window, number):
        store.reports.save(report)
        store.audit.append(entry)


def _replies(window: CycleWindow, week: int) -> Iterator[tuple[Report, AuditEntry]]:
    """One report per measure by its 牵头 official, spread over the hours after the prompt."""
    for n in range(MEASURES):
        at = window.prompt_at + timedelta(minutes=1 + n % 300)
        report = Report(
            f"r{week}.{n}",
            TEAM,
            measure_id(n),
            official_id(n),
            STATUSES[(n + week) % len(STATUSES)],
            at,
            window.cycle_id,
            progress=min(100, week % 100 + n % 7),
            progress_text="按计划推进，本周完成前期工作。",
            unit_id=unit_id(n),
        )
        entry = AuditEntry(
            f"e{week}.{n}",
            TEAM,
            at,
            report.author_id,
            Action.REPORTED,
            report.measure_id,
            {"report": report.id, "status": str(report.status)},
        )
        yield report, entry
