"""A prompt redrawn after a press, and the checks after a report (escalation, standing, the
words' flag), read only their tasks' history, and find exactly what the team's read finds."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import ManualClock
from bot.domain.leaders import LeaderLink, link_id
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
from bot.rhythm.escalation import decide
from bot.rhythm.lights import lights_for
from bot.rhythm.movement import flag_of
from bot.rhythm.parties import party_of_report
from bot.rhythm.schedule import cycle_for, window_of
from bot.rhythm.scoped import task_snapshot, watch_snapshot
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
                            progress=week % 100 if week % 2 else None,
                            progress_text="正在推进。" if week % 4 else None,
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


def _leader(store: MemoryStore) -> None:
    """A 包联领导 for every task, one of them on leave: escalation has someone to tell."""
    with store.atomic():
        store.people.save(Person("boss", "t1", "赵县长", Role.LEADER, "u1", telegram_id=99))
        for m in range(MEASURES):
            link = link_id("t1", f"M{m}", None)
            store.leader_links.save(
                LeaderLink(link, "t1", "赵县长", NOW - timedelta(days=9), f"M{m}", None, "boss")
            )


@pytest.mark.parametrize("measure", [f"M{m}" for m in range(MEASURES)])
def test_one_tasks_escalation_check_reads_its_history_alone_and_decides_as_the_teams(
    measure: str,
) -> None:
    """After a report, the check of its task alone (silent, long-silent, weekly and
    just-answered tasks) finds the same light and the same escalation step as the team's."""
    store = MemoryStore()
    _county(store)
    _leader(store)
    as_of = NOW + timedelta(microseconds=1)
    whole = load_snapshot(store, "t1")
    alone = watch_snapshot(store, "t1", [measure], as_of)
    assert lights_for(alone, as_of, {measure}) == lights_for(whole, as_of, {measure})
    steps = [
        [(d.step, d.measure.id, d.recipient) for d in decide(snap, lights, NOW)]
        for snap, lights in (
            (alone, lights_for(alone, as_of, {measure})),
            (whole, {measure: lights_for(whole, as_of)[measure]}),
        )
    ]
    assert steps[0] == steps[1]


@pytest.mark.parametrize("measure", [f"M{m}" for m in range(MEASURES)])
def test_one_tasks_standing_and_words_read_from_its_history_equal_the_teams(
    measure: str,
) -> None:
    """A task's standing, each reporter's party and each report's words flag, read from the
    task's history from the history start on, equal those read from the team's snapshot."""
    store = MemoryStore()
    _county(store)
    whole = load_snapshot(store, "t1")
    alone = task_snapshot(store, "t1", measure)
    assert standing(alone, measure) == standing(whole, measure)
    assert alone.reports_on(measure) == whole.reports_on(measure)
    for report in whole.reports_on(measure):
        assert flag_of(alone, report) == flag_of(whole, report)
        assert party_of_report(alone, report) == party_of_report(whole, report)
