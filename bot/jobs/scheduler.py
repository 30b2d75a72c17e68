"""The rhythm on PTB's JobQueue: one named one-shot job per team and kind, rebuilt from the store.

Jobs are derived state. Each team has ``prompt:<team>``, ``reminder:<team>``, ``cutoff:<team>``,
``digest:<team>``, ``review:<team>`` (the next occurrence of each, computed by
:mod:`bot.rhythm.schedule` with the work calendar, so holidays and ``every_n_weeks`` are
honoured; weekdays are names in the settings, never numbers) and ``deadlines:<team>`` (each
workday at the team's ``deadline_check_time``, 09:00 unless changed in ``/settings``).
A firing job runs :meth:`RhythmRunner.run_due` for its team, which does whatever is due
idempotently, then schedules the team's jobs again. Scheduling replaces jobs of the same name, so
doing it twice changes nothing. Start-up (:func:`rhythm_startup`) sets the calendar, schedules
every team and runs the catch-up once in the background, team by team.

No team can stop the others: a team whose stored settings cannot be scheduled (saved before they
were checked where they are entered) gets no jobs and no catch-up; its leads and the admins are
told once at start-up, and every other team runs. A team created, paused or changed while the
bot runs is scheduled at once (:func:`schedule_team` from the handlers).

Shutdown: a firing job hands its work to a background task and returns at once, so PTB's
``JobQueue.stop`` (which waits for running jobs) never waits out a long dispatch. The catch-up
and those tasks are cancelled by :func:`stop_rhythm`, which the composition root awaits in
``post_stop`` (and again in ``post_shutdown``, before the store closes): a cancelled dispatch
stops taking new prompts, lets those in flight finish and be recorded (the paced queue drains),
and the next start resumes it from the PENDING rows, nobody asked twice. So a SIGTERM never
makes a store write fail.

APScheduler's default misfire grace is one second; these jobs run however late they fire
(``misfire_grace_time=None``, coalesced), and the real catch-up is the runner's, from the store.
Run times are set as delays from the :class:`~bot.domain.clock.Clock`, so a simulated clock in
tests and demos never makes a job fire early in real time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import JobQueue

from bot.context import Context, DubanApp
from bot.domain.settings import settings_problem
from bot.jobs import notify
from bot.jobs.runner import RhythmRunner
from bot.render import Message
from bot.render.rhythm import render_settings_unusable
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.events import EventKind
from bot.services import Services

log = logging.getLogger(__name__)

DEADLINES = "deadlines"
KINDS: tuple[str, ...] = (*(kind.value for kind in EventKind), DEADLINES)
MIN_DELAY = timedelta(seconds=1)
AnyJobQueue = JobQueue[Any]
_BACKGROUND: set[asyncio.Task[None]] = set()  # the catch-up and the jobs' work, while running
JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


@dataclass(frozen=True, slots=True)
class RhythmJob:
    """What a rhythm job is for: its team, its kind and the local time it was set for."""

    team_id: str
    kind: str
    at: datetime

    @property
    def name(self) -> str:
        """The job's name, e.g. ``prompt:t1``."""
        return job_name(self.kind, self.team_id)


def job_name(kind: str, team_id: str) -> str:
    """``<kind>:<team>``: the name of a team's job of one kind."""
    return f"{kind}:{team_id}"


class UnusableSettings(Exception):
    """A team's stored settings cannot be scheduled; ``problem`` is a message key."""

    def __init__(self, team_id: str, problem: str) -> None:
        super().__init__(f"the settings of team {team_id} cannot be scheduled ({problem})")
        self.team_id = team_id
        self.problem = problem


def planned_jobs(services: Services, team_id: str, now: datetime) -> list[RhythmJob]:
    """The team's jobs as they should be at ``now`` (none while the team is paused);
    :class:`UnusableSettings` if its settings cannot be scheduled."""
    settings = services.deps.settings(team_id)
    if settings.paused:
        return []
    problem = settings_problem(settings)
    if problem is not None:
        raise UnusableSettings(team_id, problem)
    try:
        return _planned(services, team_id, now)
    except (ValueError, ArithmeticError, LookupError) as exc:
        raise UnusableSettings(team_id, "err.settings_unschedulable") from exc


def _planned(services: Services, team_id: str, now: datetime) -> list[RhythmJob]:
    times = services.rhythm.next_times(team_id, now)
    jobs = [RhythmJob(team_id, kind.value, at) for kind, at in times.items()]
    check = services.rhythm.next_deadline_check(team_id, now)
    return [*jobs, RhythmJob(team_id, DEADLINES, check)]


def schedule_team(
    job_queue: AnyJobQueue, services: Services, team_id: str
) -> list[RhythmJob]:
    """(Re)schedule the team's jobs: same names replace, so this is idempotent. A team whose
    settings cannot be scheduled is left with no jobs (:class:`UnusableSettings`)."""
    now = services.clock.now()
    for kind in KINDS:
        for old in job_queue.get_jobs_by_name(job_name(kind, team_id)):
            old.schedule_removal()
    planned = planned_jobs(services, team_id, now)
    for job in planned:
        job_queue.run_once(
            fire,
            when=max(job.at - now, MIN_DELAY),
            name=job.name,
            data=job,
            job_kwargs=dict(JOB_KWARGS),
        )
    return planned


def schedule_all(
    job_queue: AnyJobQueue, services: Services
) -> tuple[int, list[UnusableSettings]]:
    """Schedule every team's jobs; returns how many were set, and the teams skipped because
    their settings cannot be scheduled (each logged in one line)."""
    count, skipped = 0, []
    for team_id in services.rhythm.team_ids():
        try:
            count += len(schedule_team(job_queue, services, team_id))
        except UnusableSettings as exc:
            log.error("rhythm: team %s skipped, its settings cannot be scheduled (%s)",
                      team_id, exc.problem)
            skipped.append(exc)
    return count, skipped


async def fire(context: Context) -> None:
    """A rhythm job fired: do what is due for its team in the background (cancelled cleanly at
    shutdown), then schedule the team's next jobs."""
    job = context.job
    if job is None or not isinstance(job.data, RhythmJob):
        return
    runner = RhythmRunner(context.bot, context.services, context.settings.language)
    _background(_run_team(runner, job.data.team_id, context.job_queue), job.data.name)


async def _run_team(runner: RhythmRunner, team_id: str, job_queue: AnyJobQueue | None) -> None:
    try:
        await runner.run_due(team_id)
    except asyncio.CancelledError:
        raise  # shutting down: the next start catches up from the store
    except Exception:
        log.exception("rhythm jobs of %s failed", team_id)
    if job_queue is not None:
        try:
            schedule_team(job_queue, runner.services, team_id)
        except UnusableSettings as exc:
            log.error("rhythm: team %s has no jobs, its settings cannot be scheduled (%s)",
                      team_id, exc.problem)


async def rhythm_startup(app: DubanApp) -> None:
    """Start-up hook: the calendar, every team's jobs, and one catch-up in the background."""
    services, settings = app.bot_data.services, app.bot_data.settings
    services.rhythm.use_calendar(WorkCalendar.from_file(settings.holiday_file))
    if app.job_queue is None:
        log.warning("no job queue: the weekly rhythm runs only on request")
        return
    count, skipped = schedule_all(app.job_queue, services)
    log.info("rhythm: %d jobs scheduled", count)
    runner = RhythmRunner(app.bot, services, settings.language)
    skip = {exc.team_id for exc in skipped}
    _background(catch_up(runner, skip, skipped, settings.admin_ids), "catch-up")


async def report_unusable(
    runner: RhythmRunner, skipped: UnusableSettings, admin_ids: frozenset[int]
) -> None:
    """Tell the team's leads and the admins that its rhythm is not running, and why."""
    services, team_id = runner.services, skipped.team_id
    team = services.deps.team(team_id)
    language = services.deps.settings(team_id).language or runner.language

    def render(lang: str) -> list[Message]:
        return [render_settings_unusable(team.name, skipped.problem, lang)]

    leads = services.rhythm.leads(team_id)
    await notify.tell_people(runner.bot, leads, render, language)
    told = {p.telegram_id for p in leads}
    for admin in sorted(admin_ids - told):
        await notify.tell_chat(runner.bot, admin, render(runner.language))


def _background(work: Coroutine[Any, Any, None], name: str) -> None:
    task = asyncio.get_running_loop().create_task(work, name=f"rhythm:{name}")
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)


def _running() -> list[asyncio.Task[None]]:
    loop = asyncio.get_running_loop()
    return [task for task in _BACKGROUND if task.get_loop() is loop and not task.done()]


async def settle() -> None:
    """Wait until the rhythm's background work in this event loop is done (tests, demos)."""
    while mine := _running():
        await asyncio.gather(*mine, return_exceptions=True)


async def stop_rhythm() -> int:
    """Cancel the catch-up and every job's work in this event loop and wait until each has
    drained (prompts in flight are sent and recorded); returns how many were stopped."""
    stopped = _running()
    for task in stopped:
        task.cancel()
    await asyncio.gather(*stopped, return_exceptions=True)
    if stopped:
        log.info("rhythm: %d background task(s) stopped", len(stopped))
    return len(stopped)


async def catch_up(
    runner: RhythmRunner,
    skip: set[str] | None = None,
    unusable: list[UnusableSettings] | None = None,
    admin_ids: frozenset[int] = frozenset(),
) -> None:
    """Report the teams skipped for their settings, then run whatever was due while the bot
    was down (once) and resume half-sent dispatches, team by team: one team's failure never
    keeps the others from catching up."""
    for skipped in unusable or []:
        try:
            await report_unusable(runner, skipped, admin_ids)
        except Exception:
            log.exception("telling about the settings of %s failed", skipped.team_id)
    for team_id in runner.services.rhythm.team_ids():
        if team_id in (skip or set()):
            continue
        try:
            await runner.run_due(team_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("rhythm catch-up of %s failed", team_id)
