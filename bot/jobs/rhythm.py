"""The rhythm's runtime: one :class:`Rhythm`, built by the composition root, owns the jobs'
background work and hands every run the one outbox.

There are no module globals for senders or tasks: the runtime keeps the tasks it started (the
start-up catch-up, each fired job's run) and :meth:`Rhythm.stop` cancels exactly those, waiting
until each has drained (prompts in flight are sent and recorded). Handlers reach it as
``context.rhythm``; tests and the demo call :meth:`Rhythm.runner` for the entry point the jobs
use.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from bot.jobs.runner import RhythmRunner
from bot.jobs.scheduler import (
    AnyJobQueue,
    RhythmJob,
    UnusableSettings,
    schedule_all,
    schedule_team,
)
from bot.outbox import Outbox
from bot.render import Message
from bot.render.rhythm import render_settings_unusable
from bot.rhythm.calendar import WorkCalendar
from bot.services import Services

log = logging.getLogger(__name__)


class Rhythm:
    """The weekly rhythm of every team: jobs on the JobQueue, their work in tracked tasks."""

    def __init__(
        self,
        services: Services,
        outbox: Outbox,
        *,
        language: str = "zh",
        holiday_file: Path | None = None,
    ) -> None:
        self.services = services
        self.outbox = outbox
        self.language = language
        self.holiday_file = holiday_file
        self._tasks: set[asyncio.Task[None]] = set()
        self._watching: set[str] = set()  # teams with a light check queued

    def runner(self) -> RhythmRunner:
        """The one entry point that does what is due (jobs, the catch-up, commands, tests)."""
        return RhythmRunner(self.outbox, self.services, self.language)

    async def startup(self, job_queue: AnyJobQueue | None) -> None:
        """Set the calendar, schedule every team's jobs, run the catch-up in the background."""
        self.services.rhythm.use_calendar(WorkCalendar.from_file(self.holiday_file))
        if job_queue is None:
            log.warning("no job queue: the weekly rhythm runs only on request")
            return
        count, skipped = schedule_all(job_queue, self.services)
        log.info("rhythm: %d jobs scheduled", count)
        self.background(self._catch_up(skipped), "catch-up")

    def schedule(self, job_queue: AnyJobQueue | None, team_id: str) -> None:
        """(Re)schedule one team's jobs (settings changed, a team created or resumed); a team
        whose settings cannot be scheduled is left without jobs, in one log line."""
        if job_queue is None:
            return
        try:
            schedule_team(job_queue, self.services, team_id)
        except UnusableSettings as exc:
            log.error("rhythm: team %s has no jobs, its settings cannot be scheduled (%s)",
                      team_id, exc.problem)

    def fired(self, job: RhythmJob, job_queue: AnyJobQueue | None) -> None:
        """A job fired: do what is due for its team in the background, then reschedule it."""
        self.background(self._run_team(job.team_id, job_queue), job.name)

    def light_may_change(self, team_id: str) -> None:
        """A report was filed or edited: check the team's lights for escalation soon (once,
        however many reports arrive before it runs)."""
        if team_id in self._watching:
            return
        self._watching.add(team_id)
        self.background(self._escalate(team_id), f"escalate:{team_id}")

    async def _escalate(self, team_id: str) -> None:
        try:
            async with self.services.rhythm.lock(team_id):
                self._watching.discard(team_id)
                await self.runner().escalate(team_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("escalation check of %s failed", team_id)
        finally:
            self._watching.discard(team_id)

    def background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run ``work`` as a task this runtime tracks (and cancels at :meth:`stop`)."""
        # a fresh context: work started while handling an update is not keyed by that update
        loop = asyncio.get_running_loop()
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
        flight are sent and recorded); returns how many were stopped."""
        stopped = self.running()
        for task in stopped:
            task.cancel()
        await asyncio.gather(*stopped, return_exceptions=True)
        if stopped:
            log.info("rhythm: %d background task(s) stopped", len(stopped))
        return len(stopped)

    async def _run_team(self, team_id: str, job_queue: AnyJobQueue | None) -> None:
        try:
            await self.runner().run_due(team_id)
        except asyncio.CancelledError:
            raise  # shutting down: the next start catches up from the store
        except Exception:
            log.exception("rhythm jobs of %s failed", team_id)
        self.schedule(job_queue, team_id)

    async def _catch_up(self, unusable: list[UnusableSettings]) -> None:
        """Tell about the teams skipped for their settings, then run whatever was due while the
        bot was down (once) and resume half-sent dispatches, team by team: one team's failure
        never keeps the others from catching up."""
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
                await self.runner().run_due(team_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("rhythm catch-up of %s failed", team_id)

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
