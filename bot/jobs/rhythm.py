"""The rhythm's runtime: one :class:`Rhythm`, built by the composition root, owns the jobs'
background work and hands every run the one outbox.

There are no module globals for senders or tasks: the runtime keeps the tasks it started (the
start-up catch-up, each fired job's run) and :meth:`Rhythm.stop` cancels exactly those, waiting
until each has drained (prompts in flight are sent and recorded). Handlers reach it as
``context.rhythm``; tests and the demo call :meth:`Rhythm.runner` for the entry point the jobs
use.

**Several processes, one rhythm.** When other processes serve the same database (PostgreSQL),
every process keeps its JobQueue, but only the holder of the store's ``rhythm`` lease does what
is due: a job that fires elsewhere only reschedules itself. The lease is a PostgreSQL
session advisory lock on a dedicated connection (:mod:`storage.postgres.leases`), so the server
releases it the moment its holder's connection ends (a killed process, a lost host). Every
process asks for it every third of ``lease_seconds``; the one that gets it runs the catch-up
(what was due, half-sent dispatches resumed). A holder that finds its session gone stops its
rhythm work at once. Everything it runs is under the team's lock across processes and
idempotent in the store, so a due time is handled once. (A lead's ``/dispatch`` whose process
died is an update still pending: a survivor handles it again, which sends what is PENDING.)
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from bot.domain.ports import Held, Leases
from bot.jobs.runner import RhythmRunner
from bot.jobs.scheduler import (
    AnyJobQueue,
    RhythmJob,
    UnusableSettings,
    schedule_all,
    schedule_prune,
    schedule_team,
)
from bot.outbox import Outbox
from bot.outbox.scope import after_handled
from bot.render import Message
from bot.render.rhythm.messages import render_settings_unusable
from bot.rhythm.calendar import WorkCalendar
from bot.services import Services

log = logging.getLogger(__name__)

LEASE = "rhythm"  # the name of the leader's lease


class Rhythm:
    """The weekly rhythm of every team: jobs on the JobQueue, their work in tracked tasks."""

    def __init__(
        self,
        services: Services,
        outbox: Outbox,
        *,
        language: str = "zh",
        holiday_file: Path | None = None,
        leases: Leases | None = None,
        lease_seconds: float = 30.0,
    ) -> None:
        self.services = services
        self.outbox = outbox
        self.language = language
        self.holiday_file = holiday_file
        self.leases = leases
        self.lease_seconds = lease_seconds
        self._tasks: set[asyncio.Task[None]] = set()
        #: Teams with a light check queued, and the tasks it is for (None: every task).
        self._watching: dict[str, set[str] | None] = {}
        self._lease: Held | None = None
        self._watch: asyncio.Task[None] | None = None
        self._unusable: list[UnusableSettings] = []
        self._loop: asyncio.AbstractEventLoop | None = None  # where background work runs

    @property
    def shared(self) -> bool:
        """Whether other processes may serve the store (then only the lease holder runs)."""
        return self.leases is not None and self.leases.shared

    @property
    def leading(self) -> bool:
        """Whether this process runs the rhythm (alone on its store, or holding the lease)."""
        return not self.shared or self._lease is not None

    def runner(self) -> RhythmRunner:
        """The one entry point that does what is due (jobs, the catch-up, commands, tests)."""
        return RhythmRunner(self.outbox, self.services, self.language)

    async def startup(self, job_queue: AnyJobQueue | None) -> None:
        """Set the calendar, schedule every team's jobs, run the catch-up in the background."""
        self._loop = asyncio.get_running_loop()
        self.services.rhythm.use_calendar(WorkCalendar.from_file(self.holiday_file))
        if job_queue is None:
            log.warning("no job queue: the weekly rhythm runs only on request")
            self.prune()  # nothing is caught up
            return
        count, self._unusable = schedule_all(job_queue, self.services)
        schedule_prune(job_queue)
        log.info("rhythm: %d jobs scheduled", count)
        if self.shared:
            try:
                await self._keep_lease()  # the first process up leads (and catches up) at once
            except Exception:
                log.exception("rhythm lease check failed; tried again shortly")
            self._watch = asyncio.create_task(self._watch_lease(), name="rhythm-lease")
        else:
            self.background(self._catch_up(self._unusable), "catch-up")

    def schedule(self, job_queue: AnyJobQueue | None, team_id: str) -> None:
        """(Re)schedule one team's jobs (settings changed, a team created or resumed); a team
        whose settings cannot be scheduled is left without jobs, in one log line."""
        if job_queue is None:
            return
        try:
            schedule_team(job_queue, self.services, team_id)
        except UnusableSettings as exc:
            log.error(
                "rhythm: team %s has no jobs, its settings cannot be scheduled (%s)",
                team_id,
                exc.problem,
            )

    def fired(self, job: RhythmJob, job_queue: AnyJobQueue | None) -> None:
        """A job fired: do what is due for its team in the background, then reschedule it."""
        self.background(self._run_team(job.team_id, job_queue), job.name)

    def light_may_change(self, team_id: str, measure_id: str | None = None) -> None:
        """A report on a task was filed or edited: check that task's light (``measure_id``
        None: every task of the team) for escalation soon (once, however many reports arrive
        before it runs; it reads those tasks' history, not the team's). A report filed in a
        worker thread (off the event loop) hands the check to the loop; with no loop running
        yet, the hourly watch job finds the change instead. Called while an update is handled,
        the check waits until the update is (its replies go first); an update cut off before
        that is handled again and calls this again."""
        if after_handled(functools.partial(self.light_may_change, team_id, measure_id)):
            return
        loop = self._loop
        if not _running(loop):
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self.light_may_change, team_id, measure_id)
            return
        if team_id in self._watching:
            queued = self._watching[team_id]
            if queued is not None and measure_id is not None:
                queued.add(measure_id)
            else:
                self._watching[team_id] = None
            return
        self._watching[team_id] = None if measure_id is None else {measure_id}
        self.background(self._escalate(team_id), f"escalate:{team_id}")

    async def _escalate(self, team_id: str) -> None:
        try:
            async with self.services.rhythm.lock(team_id):
                only = self._watching.pop(team_id, None)
                await self.runner().escalate(team_id, only)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("escalation check of %s failed", team_id)
        finally:
            self._watching.pop(team_id, None)

    def background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run ``work`` as a task this runtime tracks (and cancels at :meth:`stop`)."""
        # a fresh context: work started while handling an update is not keyed by that update
        loop = self._loop = asyncio.get_running_loop()
        task = loop.create_task(work, name=f"rhythm:{name}", context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def running(self) -> list[asyncio.Task[None]]:
        """The background tasks still running."""
        return [task for task in self._tasks if not task.done()]

    async def settle(self) -> None:
        """Wait until the background work is done (tests, demos)."""
        while mine := self.running():
            await asyncio.gather(*mine, return_exceptions=True)

    async def stop(self) -> int:
        """Cancel the catch-up and every job's work and wait until each has drained (prompts in
        flight are sent and recorded), then give up the lease; returns how many were stopped."""
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None
        stopped = await self._cancel_work()
        if self._lease is not None:
            held, self._lease = self._lease, None
            await asyncio.to_thread(held.release)
        return stopped

    async def _cancel_work(self) -> int:
        stopped = self.running()
        for task in stopped:
            task.cancel()
        await asyncio.gather(*stopped, return_exceptions=True)
        if stopped:
            log.info("rhythm: %d background task(s) stopped", len(stopped))
        return len(stopped)

    async def _watch_lease(self) -> None:
        """Every third of the lease: take the lease if free (then catch up), or check it is
        still held (else stop the rhythm's work)."""
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self._keep_lease()
            except Exception:
                log.exception("rhythm lease check failed")

    async def _keep_lease(self) -> None:
        assert self.leases is not None
        if self._lease is None:
            self._lease = await asyncio.to_thread(self.leases.try_hold, LEASE)
            if self._lease is not None:
                log.info("rhythm: this process holds the rhythm lease and runs the jobs")
                self.background(self._catch_up(self._unusable), "catch-up")
        elif not await asyncio.to_thread(self._lease.alive):
            self._lease = None
            stopped = await self._cancel_work()
            log.warning(
                "rhythm: the rhythm lease was lost (database connection); "
                "%d task(s) stopped, another process takes over",
                stopped,
            )

    async def _run_team(self, team_id: str, job_queue: AnyJobQueue | None) -> None:
        if not self.leading:  # another process holds the rhythm lease and runs it
            self.schedule(job_queue, team_id)
            return
        try:
            await self.runner().run_due(team_id)
        except asyncio.CancelledError:
            raise  # shutting down: the next start catches up from the store
        except Exception:
            log.exception("rhythm jobs of %s failed", team_id)
        self.schedule(job_queue, team_id)

    async def _catch_up(self, unusable: list[UnusableSettings]) -> None:
        """Tell about the teams skipped for their settings, then place the missed weeks an
        earlier version recorded at the restart, run whatever was due while the bot was down
        (once) and resume half-sent dispatches, team by team: one team's failure never keeps the
        others from catching up; last, prune the old send records."""
        for skipped in unusable:
            try:
                await self._report_unusable(skipped)
            except Exception:
                log.exception("telling about the settings of %s failed", skipped.team_id)
        skip = {exc.team_id for exc in unusable}
        for team_id in self.services.rhythm.team_ids():
            if team_id in skip:
                continue
            try:
                placed = self.services.rhythm.place_missed_weeks(team_id)
                if placed:
                    log.info(
                        "rhythm: %d missed weeks of team %s placed in their weeks", placed, team_id
                    )
                await self.runner().run_due(team_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("rhythm catch-up of %s failed", team_id)
        self.prune()

    def prune(self) -> None:
        """Drop the old records of the jobs' sends (:meth:`Outbox.prune`), but those of a digest
        or review still owed: after the catch-up, which records what was missed while the bot
        was down as owed, so a /review weeks later sends only the parts not yet delivered."""
        try:
            owed = self.runner().owed_keys()  # read before the write, not inside it
            with self.services.store.atomic():  # one durable write, however many go
                pruned = self.outbox.prune(keep=owed)
        except Exception:  # kept a while longer: the next prune takes them
            log.exception("pruning the send records failed")
            return
        log.info("outbox: %d old send records pruned", pruned)

    async def _report_unusable(self, skipped: UnusableSettings) -> None:
        """Tell the team's leads and the admins that its rhythm is not running, and why."""
        team = self.services.deps.team(skipped.team_id)

        def render(lang: str) -> list[Message]:
            return [render_settings_unusable(team.name, skipped.problem, lang)]

        leads = self.services.rhythm.leads(skipped.team_id)
        language = self.services.deps.settings(skipped.team_id).language or self.language
        await self.outbox.tell_people(leads, render, language)
        told = {p.telegram_id for p in leads}
        for admin in sorted(self.services.deps.admin_ids - told):
            await self.outbox.tell_chat(admin, render(self.language))


def _running(loop: asyncio.AbstractEventLoop | None) -> bool:
    """Whether this thread is running ``loop`` (or, with none known, any loop)."""
    try:
        current = asyncio.get_running_loop()
    except RuntimeError:
        return False
    return loop is None or current is loop
