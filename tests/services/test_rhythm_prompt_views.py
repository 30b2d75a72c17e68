"""A prompt redrawn after a press reads only its tasks' history, and looks exactly the same."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import ManualClock
from bot.domain.people import Leave, Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
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
from bot.render.prompt import render_prompt
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.movement import movement
from bot.rhythm.schedule import cycle_for, window_of
from bot.rhythm.scoped import measure_snapshot
from bot.rhythm.snapshot import load_snapshot
from bot.rhythm.standing import standing
from bot.services import Services
from bot.services.rhythm.prompts import FEW_PROMPTS
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 5, 16, 11, 0, tzinfo=TZ)  # a Thursday, after the prompt
MEASURES, PEOPLE, WEEKS = 6, 12, 70  # the oldest weeks lie before the plan's history start


def _reported(measure: int, week: int) -> bool:
    """Task 0 is never answered, task 1 only long ago, task 2 every week, task 3 this week,
    the others every third week."""
    return {0: False, 1: week == 3, 2: True, 3: week == WEEKS}.get(measure, week % 3 == 0)


def _county(store: MemoryStore) -> str:
    """A team with weeks of prompts and answers, a 配合 party, a deputy; the open cycle's id."""
    settings, calendar = TeamSettings("t1"), WorkCalendar()
    created = NOW - timedelta(weeks=WEEKS + 2)
    current = cycle_for(settings, calendar, NOW)
    with store.atomic():
        store.teams.save(Team("t1", "县委督查室", created))
        store.settings.save(settings)
        store.units.save(Unit("u1", "t1", "县发改委"))
        store.plans.save(Plan("plan", "t1", "2024年重点工作", created, year=2024))
        for m in range(MEASURES):
            store.measures.save(Measure(f"M{m}", "plan", f"任务{m}", "推进。", position=m))
        for n in range(PEOPLE):
            store.people.save(
                Person(
                    f"p{n}",
                    "t1",
                    f"官员{n}",
                    Role.OFFICIAL,
                    "u1",
                    telegram_id=100 + n,
                    joined_at=created,
                )
            )
            role = AssigneeRole.LEAD if n < MEASURES else AssigneeRole.CO
            store.assignments.save(
                Assignment(f"a{n}", "t1", f"M{n % MEASURES}", role, created, person_id=f"p{n}")
            )
        store.leaves.save(Leave("lv", "p1", date(2024, 5, 13), date(2024, 5, 24), "p7"))
        windows, seen = [], set()
        for back in range(WEEKS, -1, -1):
            start = current.period_start - timedelta(weeks=back)
            window = window_of(settings, calendar, start, TZ) if back else current
            if window.cycle_id not in seen:
                seen.add(window.cycle_id)
                windows.append(window)
        for week, window in enumerate(windows, start=1):
            done = window is not current
            store.cycles.save(
                Cycle(
                    window.cycle_id,
                    "t1",
                    CycleKind.WEEKLY,
                    window.period_start,
                    window.prompt_at,
                    window.cutoff_at,
                    closed_at=window.cutoff_at if done else None,
                )
            )
            for n in range(PEOPLE):
                store.prompts.save(
                    Prompt(
                        prompt_id(window.cycle_id, f"p{n}"),
                        window.cycle_id,
                        f"p{n}",
                        PromptState.SENT,
                        window.prompt_at,
                        (f"M{n % MEASURES}",),
                    )
                )
            for m in range(MEASURES):
                if _reported(m, week):
                    at = window.prompt_at + timedelta(minutes=5 + m)
                    status = (ReportStatus.ON_TRACK, ReportStatus.BEHIND)[week % 2]
                    store.reports.save(
                        Report(
                            f"r{week}.{m}",
                            "t1",
                            f"M{m}",
                            f"p{m}",
                            status,
                            at,
                            window.cycle_id,
                            progress=week % 100,
                        )
                    )
    return current.cycle_id


@pytest.mark.parametrize("person", [f"p{n}" for n in range(PEOPLE)])
def test_a_prompt_drawn_from_its_tasks_alone_equals_the_one_drawn_from_the_team(
    person: str,
) -> None:
    """For silent, long-silent, weekly and just-answered tasks, 配合 parties and a deputy, the
    prompt read from its tasks' history equals the one read from the whole team's."""
    store = MemoryStore()
    cycle = _county(store)
    prompts = Services.build(store, ManualClock(NOW, TZ)).prompts
    wanted = prompt_id(cycle, person)
    padding = [f"none{n}" for n in range(FEW_PROMPTS)]  # more ids than a press: the team's read
    (alone,) = prompts.views(cycle, [wanted])
    (whole,) = prompts.views(cycle, [wanted, *padding])
    assert alone == whole
    assert render_prompt(alone, "zh") == render_prompt(whole, "zh")


@pytest.mark.parametrize("measure", [f"M{m}" for m in range(MEASURES)])
def test_a_tasks_standing_read_from_its_history_equals_the_one_from_the_team(
    measure: str,
) -> None:
    """A task's standing and movement over its own snapshot (its reports since the history
    start) equal those over the team's, also for a task never answered since the history
    start; its snapshot holds none of the reports before it (a 受阻 from 2022)."""
    store = MemoryStore()
    _county(store)
    old = datetime(2022, 6, 1, 10, 0, tzinfo=TZ)  # the history start is 1 January 2023
    for m in range(MEASURES):
        store.reports.save(Report(f"old{m}", "t1", f"M{m}", f"p{m}", ReportStatus.BLOCKED, old))
    whole = load_snapshot(store, "t1")
    task = store.measures.get(measure)
    assert task is not None
    alone = measure_snapshot(store, "t1", task)
    assert standing(alone, measure) == standing(whole, measure)
    assert movement(alone, measure, NOW) == movement(whole, measure, NOW)
    assert set(alone.reports) == {r for r in whole.reports if r.measure_id == measure}
