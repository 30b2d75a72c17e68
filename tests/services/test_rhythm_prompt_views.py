"""A prompt redrawn after a press reads only its tasks' history, and looks exactly the same."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import ManualClock
from bot.domain.people import Leave
from bot.domain.work import Report, ReportStatus
from bot.render.prompt import render_prompt
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.movement import movement
from bot.rhythm.scoped import measure_snapshot
from bot.rhythm.snapshot import load_snapshot
from bot.rhythm.standing import standing
from bot.services import Services
from bot.services.rhythm.prompts import FEW_PROMPTS
from storage.memory import MemoryStore
from tests.factories.history import counting, county

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 5, 16, 11, 0, tzinfo=TZ)  # a Thursday, after the prompt
MEASURES, PEOPLE, WEEKS = 6, 12, 70  # seventy weeks, all after the history start


def _reported(measure: int, week: int) -> bool:
    """Task 0 is never answered, task 1 only long ago, task 2 every week, task 3 this week,
    the others every third week."""
    return {0: False, 1: week == 3, 2: True, 3: week == WEEKS}.get(measure, week % 3 == 0)


def _county(store: MemoryStore) -> str:
    """A team with weeks of prompts and answers, a 配合 party, a deputy; the open cycle's id."""
    deputy = Leave("lv", "p1", date(2024, 5, 13), date(2024, 5, 24), "p7")
    return county(store, NOW, WEEKS, tasks=MEASURES, people=PEOPLE, answered=_reported,
                  answers_this_week=True, leaves=[deputy])  # fmt: skip


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


def test_a_press_on_a_task_answered_weekly_reads_its_own_prompt_of_the_open_cycle() -> None:
    """The open cycle's prompts count for no silence of a task answered this week, so the
    prompt redrawn after a press reads that one prompt of the cycle, not the cycle's others
    (2,000 in a county); a never-answered task still reads them all."""
    store = MemoryStore()
    cycle = _county(store)
    prompts = Services.build(store, ManualClock(NOW, TZ)).prompts
    tally = counting(store, ("prompts",), lambda _, p: getattr(p, "cycle_id", None))
    (weekly,) = prompts.views(cycle, [prompt_id(cycle, "p2")])  # M2: answered every week
    assert weekly.tasks[0].measure.id == "M2"
    assert 0 < tally[cycle] <= 2  # the prompt: looked up, then read into the snapshot
    tally.clear()
    prompts.views(cycle, [prompt_id(cycle, "p0")])  # M0: never answered
    assert tally[cycle] >= PEOPLE


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
