"""The rhythm jobs on the JobQueue: names, next run times (weekday names, zone), idempotence."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import ApplicationBuilder, JobQueue

from bot.domain.clock import ManualClock
from bot.domain.delivery import SentRecord
from bot.domain.people import Team
from bot.domain.settings import TeamSettings, Weekday
from bot.domain.work import Cycle, CycleKind
from bot.jobs import scheduler
from bot.jobs.rhythm import Rhythm
from bot.jobs.scheduler import KINDS, RhythmJob, job_name, schedule_team
from bot.outbox import Outbox
from bot.services import Services
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")


def services_at(now: datetime, **settings: Any) -> Services:
    """Services over a memory store with one team, ``t1``."""
    store = MemoryStore()
    store.teams.save(Team("t1", "县委督查室", datetime(2024, 1, 2, tzinfo=TZ)))
    store.settings.save(TeamSettings("t1", **settings))
    return Services.build(store, ManualClock(now, TZ))


@pytest.fixture
async def job_queue() -> AsyncIterator[JobQueue[Any]]:
    """A started JobQueue of an application that never goes online."""
    app = ApplicationBuilder().token("123:fake").build()
    assert app.job_queue is not None
    await app.job_queue.start()
    yield app.job_queue
    await app.job_queue.stop(wait=False)


def planned(job_queue: JobQueue[Any]) -> dict[str, RhythmJob]:
    """The rhythm jobs by name."""
    return {job.name: job.data for job in job_queue.jobs() if isinstance(job.data, RhythmJob)}


async def test_one_named_job_per_kind_at_the_next_occurrence(job_queue: JobQueue[Any]) -> None:
    """Monday 10:00: prompt Thu 09:00, reminder Fri 13:00, cutoff Fri 17:00, digest Mon 08:30."""
    now = datetime(2024, 10, 14, 10, 0, tzinfo=TZ)
    schedule_team(job_queue, services_at(now), "t1")
    jobs = planned(job_queue)
    assert set(jobs) == {job_name(kind, "t1") for kind in KINDS}
    expected = {
        "prompt": datetime(2024, 10, 17, 9, 0, tzinfo=TZ),
        "reminder": datetime(2024, 10, 18, 13, 0, tzinfo=TZ),
        "cutoff": datetime(2024, 10, 18, 17, 0, tzinfo=TZ),
        "digest": datetime(2024, 10, 21, 8, 30, tzinfo=TZ),
        "review": datetime(2024, 10, 31, 16, 0, tzinfo=TZ),
        "deadlines": datetime(2024, 10, 15, 9, 0, tzinfo=TZ),
        "watch": datetime(2024, 10, 14, 11, 0, tzinfo=TZ),  # the next full hour, in office hours
    }
    assert {job.kind: job.at for job in jobs.values()} == expected
    assert jobs["prompt:t1"].at.strftime("%a") == "Thu"
    assert jobs["prompt:t1"].at.utcoffset() == timedelta(hours=8)


async def test_run_times_are_delays_from_the_clock(job_queue: JobQueue[Any]) -> None:
    """A simulated clock never makes a job fire early in real time: next_t = real now + gap."""
    now = datetime(2024, 10, 14, 10, 0, tzinfo=TZ)
    before = datetime.now(TZ)
    schedule_team(job_queue, services_at(now), "t1")
    (prompt,) = job_queue.get_jobs_by_name("prompt:t1")
    assert prompt.next_t is not None
    gap = datetime(2024, 10, 17, 9, 0, tzinfo=TZ) - now
    assert before + gap - timedelta(seconds=5) <= prompt.next_t <= datetime.now(TZ) + gap
    assert prompt.job.misfire_grace_time is None
    assert prompt.job.coalesce is True


async def test_scheduling_twice_keeps_one_job_per_name(job_queue: JobQueue[Any]) -> None:
    """Rescheduling replaces jobs of the same name (idempotent), e.g. after /settings."""
    services = services_at(datetime(2024, 10, 14, 10, 0, tzinfo=TZ))
    schedule_team(job_queue, services, "t1")
    schedule_team(job_queue, services, "t1")
    names = [job.name for job in job_queue.jobs() if not job.removed]
    assert sorted(names) == sorted(job_name(kind, "t1") for kind in KINDS)


async def test_a_holiday_moves_the_prompt_job(job_queue: JobQueue[Any]) -> None:
    """National Day 2024: the holiday week is merged, the prompt job waits for Thu 10-10."""
    # not Tue 10-08 and again Thu 10-10
    schedule_team(job_queue, services_at(datetime(2024, 9, 30, 18, 0, tzinfo=TZ)), "t1")
    assert planned(job_queue)["prompt:t1"].at == datetime(2024, 10, 10, 9, 0, tzinfo=TZ)
    assert planned(job_queue)["cutoff:t1"].at == datetime(2024, 10, 11, 17, 0, tzinfo=TZ)
    assert planned(job_queue)["digest:t1"].at == datetime(2024, 10, 14, 8, 30, tzinfo=TZ)


async def test_settings_by_weekday_name_and_every_n_weeks(job_queue: JobQueue[Any]) -> None:
    """A Tuesday 15:00 prompt every 2 weeks (counted from 2024-01-01) lands on a Tuesday."""
    now = datetime(2024, 10, 14, 10, 0, tzinfo=TZ)  # week 41 since the epoch: odd
    services = services_at(
        now,
        prompt_day=Weekday.TUE,
        prompt_time=datetime(2024, 1, 1, 15, 0).time(),
        every_n_weeks=2,
    )
    schedule_team(job_queue, services, "t1")
    at = planned(job_queue)["prompt:t1"].at
    assert at.strftime("%a %H:%M") == "Tue 15:00"
    assert at.date() == date(2024, 10, 22)


async def test_a_paused_team_has_no_jobs(job_queue: JobQueue[Any]) -> None:
    """Pausing the rhythm removes the team's jobs."""
    schedule_team(job_queue, services_at(datetime(2024, 10, 14, tzinfo=TZ), paused=True), "t1")
    assert planned(job_queue) == {}


def rhythm_of(services: Services, bot: Any) -> Rhythm:
    """The rhythm runtime as the composition root builds it."""
    return Rhythm(services, Outbox(bot, services.store.sent, services.clock))


async def test_stop_cancels_and_drains_background_work(job_queue: JobQueue[Any]) -> None:
    """Shutdown cancels the catch-up or a job's run and waits for its cleanup (the drain)."""
    rhythm = rhythm_of(services_at(datetime(2024, 10, 14, tzinfo=TZ)), job_queue.application.bot)
    steps: list[str] = []

    async def dispatch() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.sleep(0.01)  # the paced queue finishing what is in flight
            steps.append("drained")

    rhythm.background(dispatch(), "prompt:t1")
    await asyncio.sleep(0)
    assert await rhythm.stop() == 1
    assert steps == ["drained"]
    assert await rhythm.stop() == 0
    await rhythm.settle()  # nothing left to wait for


async def test_a_fired_job_runs_in_the_background_then_reschedules(
    job_queue: JobQueue[Any],
) -> None:
    """A fired job hands its work to a tracked background task, then reschedules the team."""
    # the job returns at once, so JobQueue.stop never waits out a dispatch
    services = services_at(datetime(2024, 10, 14, 10, 0, tzinfo=TZ))
    job = RhythmJob("t1", "prompt", datetime(2024, 10, 14, 9, 0, tzinfo=TZ))
    rhythm = rhythm_of(services, job_queue.application.bot)
    context = SimpleNamespace(job=SimpleNamespace(data=job), rhythm=rhythm, job_queue=job_queue)
    await scheduler.fire(context)  # type: ignore[arg-type]
    assert [t.get_name() for t in rhythm.running()] == ["rhythm:prompt:t1"]
    await rhythm.settle()
    assert set(planned(job_queue)) == {job_name(kind, "t1") for kind in KINDS}


async def test_the_catch_up_places_weeks_an_earlier_version_opened_at_the_restart(
    job_queue: JobQueue[Any],
) -> None:
    """A missed week stored as an earlier version wrote it (opened on the day the bot came back,
    after its cutoff) is placed at its scheduled prompt by the start-up catch-up."""
    now = datetime(2024, 10, 14, 10, 0, tzinfo=TZ)
    services = services_at(now)
    stale = Cycle(
        id="t1.w20240909",
        team_id="t1",
        kind=CycleKind.WEEKLY,
        period_start=date(2024, 9, 9),
        opened_at=now - timedelta(days=1),
        cutoff_at=datetime(2024, 9, 13, 17, 0, tzinfo=TZ),
        closed_at=now - timedelta(days=1),
        digest_failed_at=now - timedelta(days=1),
        missed=True,
    )
    services.store.cycles.save(stale)
    rhythm = rhythm_of(services, job_queue.application.bot)
    await rhythm.startup(job_queue)
    await rhythm.settle()
    placed = services.store.cycles.get(stale.id)
    assert placed is not None
    assert placed.opened_at == datetime(2024, 9, 12, 9, 0, tzinfo=TZ)  # its Thursday's prompt
    await rhythm.stop()


async def test_the_deadlines_job_follows_the_team_check_time(job_queue: JobQueue[Any]) -> None:
    """``deadline_check_time`` 08:00: today's check if still to come; holidays are skipped."""
    early = services_at(datetime(2024, 10, 14, 7, 0, tzinfo=TZ), deadline_check_time=time(8, 0))
    schedule_team(job_queue, early, "t1")
    assert planned(job_queue)["deadlines:t1"].at == datetime(2024, 10, 14, 8, 0, tzinfo=TZ)
    holiday = services_at(datetime(2024, 9, 30, 9, 0, tzinfo=TZ), deadline_check_time=time(8, 0))
    schedule_team(job_queue, holiday, "t1")
    assert planned(job_queue)["deadlines:t1"].at == datetime(2024, 10, 8, 8, 0, tzinfo=TZ)


async def test_a_team_with_unusable_settings_is_skipped_the_others_run(
    job_queue: JobQueue[Any],
) -> None:
    """A stored Saturday prompt (saved before settings were checked) leaves that team without
    jobs and reports it; every other team is scheduled (regression: start-up crashed)."""
    services = services_at(datetime(2024, 10, 14, 10, 0, tzinfo=TZ), prompt_day=Weekday.SAT)
    services.store.teams.save(Team("t2", "县政府督查室", datetime(2024, 1, 2, tzinfo=TZ)))
    count, skipped = scheduler.schedule_all(job_queue, services)
    assert [(s.team_id, s.problem) for s in skipped] == [("t1", "err.settings_prompt_day")]
    assert count == len(KINDS)
    assert {job.team_id for job in planned(job_queue).values()} == {"t2"}


async def test_a_report_filed_in_a_worker_thread_queues_the_light_check_on_the_loop(
    job_queue: JobQueue[Any],
) -> None:
    """A report filed off the event loop (a worker thread) hands the escalation check to the
    loop instead of failing for want of a running loop in that thread."""
    services = services_at(datetime(2024, 10, 14, 10, 0, tzinfo=TZ))
    rhythm = rhythm_of(services, job_queue.application.bot)
    started: list[str] = []
    original = rhythm.background

    def spy(work: Any, name: str) -> None:
        started.append(name)
        original(work, name)

    rhythm.background = spy  # type: ignore[method-assign]
    rhythm.background(asyncio.sleep(0), "start")  # the runtime now knows its loop
    await asyncio.to_thread(rhythm.light_may_change, "t1")
    for _ in range(50):  # the loop runs the handed-over call
        if len(started) > 1:
            break
        await asyncio.sleep(0.01)
    await rhythm.settle()
    assert started == ["start", "escalate:t1"]


async def test_old_send_records_are_pruned_daily_not_only_at_start_up(
    job_queue: JobQueue[Any],
) -> None:
    """Start-up schedules one daily prune; when it fires in the process running the rhythm,
    the send records older than the keep period go in one write, the recent ones stay."""
    now = datetime(2024, 10, 14, 10, 0, tzinfo=TZ)
    services = services_at(now)
    rhythm = rhythm_of(services, job_queue.application.bot)
    await rhythm.startup(job_queue)
    await rhythm.settle()
    (job,) = job_queue.get_jobs_by_name(scheduler.PRUNE_JOB)
    assert job.trigger.interval == scheduler.PRUNE_EVERY
    old = SentRecord("prompt:t1.w20240902:p1", 7, 1, now - timedelta(days=30))
    recent = SentRecord("prompt:t1.w20241007:p1", 7, 2, now - timedelta(days=1))
    for record in (old, recent):
        services.store.sent.save(record)
    await scheduler.prune(SimpleNamespace(rhythm=rhythm))  # type: ignore[arg-type]
    assert [r.id for r in services.store.sent.sent_before(now)] == [recent.id]
    await rhythm.stop()
