"""The rhythm on PTB's JobQueue: one named one-shot job per team and kind, rebuilt from the store.

Jobs are derived state. Each team has ``prompt:<team>``, ``reminder:<team>``, ``cutoff:<team>``,
``digest:<team>``, ``review:<team>`` (the next occurrence of each, computed by
:mod:`bot.rhythm.schedule` with the work calendar, so holidays and ``every_n_weeks`` are
honoured; weekdays are names in the settings, never numbers) and ``deadlines:<team>`` (each
workday at the team's ``deadline_check_time``, 09:00 unless changed in ``/settings``) and
``watch:<team>`` (each full hour in office hours: claim limits and escalation on red). One job
of no team, ``outbox-prune``, drops the old send records daily (:meth:`Rhythm.prune`).
A firing job runs :meth:`RhythmRunner.run_due` for its team, which does whatever is due
idempotently, then schedules the team's jobs again. Scheduling replaces jobs of the same name, so
doing it twice changes nothing. Start-up (:meth:`bot.jobs.rhythm.Rhythm.startup`) sets the
calendar, schedules every team and runs the catch-up once in the background, team by team.

No team can stop the others: a team whose stored settings cannot be scheduled (saved before they
were checked where they are entered) gets no jobs and no catch-up (:class:`UnusableSettings`);
its leads and the admins are told once at start-up, and every other team runs. A team created,
paused or changed while the bot runs is scheduled at once (``Rhythm.schedule``).

Shutdown: a firing job hands its work to a background task of the :class:`~bot.jobs.rhythm.Rhythm`
runtime and returns at once, so PTB's ``JobQueue.stop`` (which waits for running jobs) never
waits out a long dispatch. The runtime cancels the catch-up and those tasks in ``post_stop``
(and again in ``post_shutdown``, before the store closes): a cancelled dispatch stops taking new
prompts, lets those in flight finish and be recorded (the outbox drains), and the next start
resumes it from the PENDING rows. So a SIGTERM never makes a store write fail.

APScheduler's default misfire grace is one second; these jobs run however late they fire
(``misfire_grace_time=None``, coalesced), and the real catch-up is the runner's, from the store.
Run times are set as delays from the :class:`~bot.domain.clock.Clock`, so a simulated clock in
tests and demos never makes a job fire early in real time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import JobQueue

from bot.context import Context
from bot.domain.settings import settings_problem
from bot.rhythm.events import EventKind
from bot.services import Services

log = logging.getLogger(__name__)

DEADLINES = "deadlines"
WATCH = "watch"  # claim limits and escalation, hourly in office hours (bot.services.rhythm.watch)
KINDS: tuple[str, ...] = (*(kind.value for kind in EventKind), DEADLINES, WATCH)
MIN_DELAY = timedelta(seconds=1)
AnyJobQueue = JobQueue[Any]
JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
PRUNE_JOB = "outbox-prune"
PRUNE_EVERY = timedelta(days=1)  # the old send records go daily, not only at start-up


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
    watch = services.watch.next_watch(team_id, now)
    return [*jobs, RhythmJob(team_id, DEADLINES, check), RhythmJob(team_id, WATCH, watch)]


def schedule_team(job_queue: AnyJobQueue, services: Services, team_id: str) -> list[RhythmJob]:
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


def schedule_all(job_queue: AnyJobQueue, services: Services) -> tuple[int, list[UnusableSettings]]:
    """Schedule every team's jobs; returns how many were set, and the teams skipped because
    their settings cannot be scheduled (each logged in one line)."""
    count, skipped = 0, []
    for team_id in services.rhythm.team_ids():
        try:
            count += len(schedule_team(job_queue, services, team_id))
        except UnusableSettings as exc:
            log.error(
                "rhythm: team %s skipped, its settings cannot be scheduled (%s)",
                team_id,
                exc.problem,
            )
            skipped.append(exc)
    return count, skipped


def schedule_prune(job_queue: AnyJobQueue) -> None:
    """Prune the old send records once a day (a bot that runs for months without a restart
    keeps its working state bounded); scheduling again replaces the job."""
    for job in job_queue.get_jobs_by_name(PRUNE_JOB):
        job.schedule_removal()
    every = PRUNE_EVERY.total_seconds()
    job_queue.run_repeating(prune, every, first=every, name=PRUNE_JOB, job_kwargs=dict(JOB_KWARGS))


async def prune(context: Context) -> None:
    """The daily prune: done by the process that runs the rhythm (the lease holder)."""
    if context.rhythm.leading:
        context.rhythm.prune()


async def fire(context: Context) -> None:
    """A rhythm job fired: the runtime does what is due for its team in the background (cancelled
    cleanly at shutdown), then schedules the team's next jobs."""
    job = context.job
    if job is None or not isinstance(job.data, RhythmJob):
        return
    context.rhythm.fired(job.data, context.job_queue)
