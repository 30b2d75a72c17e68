"""When the rhythm's things are due (周调度、月研判): events, job times, deadline checks, notices.

Times come from the pure :mod:`bot.rhythm.schedule`, :mod:`bot.rhythm.months` and
:mod:`bot.rhythm.events` with the deployment's work calendar; what was done comes from the
store. :class:`~bot.services.rhythm.cycles.RhythmService` builds on this with the cycles'
bookkeeping.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.audit import Action
from bot.domain.settings import TeamSettings
from bot.rhythm.calendar import CalendarNotice, WorkCalendar
from bot.rhythm.check import schedule_problem
from bot.rhythm.done import done_from_store
from bot.rhythm.events import Event, EventKind, Grace, due_events
from bot.rhythm.months import next_review
from bot.rhythm.schedule import cycle_for, next_cycle
from bot.services.common.actor import SYSTEM
from bot.services.common.base import Deps

#: How far ahead the leads are told that a coming year's holidays are guessed.
NOTICE_HORIZON = timedelta(days=45)


class RhythmTimes:
    """Due events, the next time of each job, deadline checks and one-time calendar notices."""

    def __init__(self, deps: Deps, calendar: WorkCalendar | None = None) -> None:
        self._deps = deps
        self.calendar = calendar or WorkCalendar()
        self.grace = Grace()

    def use_calendar(self, calendar: WorkCalendar) -> None:
        """Use the deployment's calendar (with its holiday file), set at start-up."""
        self.calendar = calendar

    # -- what is due ---------------------------------------------------------------------------

    def due(self, team_id: str, now: datetime | None = None) -> list[Event]:
        """Events due (or missed) now and not yet done, in order; nothing from before the team
        was created or its rhythm was last resumed (a pause is not an outage)."""
        now = now or self._deps.now()
        team = self._deps.team(team_id)
        settings = self._deps.settings(team_id)
        done = done_from_store(self._deps.store, team_id)
        resumed = settings.resumed_at or self._resumed_at(team_id)  # the audit: older stores
        since = max(team.created_at, resumed or team.created_at)
        return due_events(settings, self.calendar, done, now, self.grace, since)

    def _resumed_at(self, team_id: str) -> datetime | None:
        resumed = [
            entry.at
            for entry in self._deps.store.audit.for_subject(team_id)
            if entry.action is Action.SETTINGS_CHANGED
            and entry.detail.get("field") == "paused"
            and entry.detail.get("value") == "False"
        ]
        return max(resumed, default=None)

    def settings_problem(self, settings: TeamSettings) -> str | None:
        """Why ``settings`` cannot run from now on with this calendar (a message key), or
        None: the dry run every settings change passes before it is saved."""
        return schedule_problem(settings, self.calendar, self._deps.now())

    # -- schedule and notices ------------------------------------------------------------------

    def next_times(self, team_id: str, now: datetime | None = None) -> dict[EventKind, datetime]:
        """When each kind of event next happens after ``now`` (for the job queue)."""
        now = now or self._deps.now()
        settings = self._deps.settings(team_id)
        current = cycle_for(settings, self.calendar, now)
        coming = next_cycle(settings, self.calendar, now)
        times: dict[EventKind, datetime] = {EventKind.PROMPT: coming.prompt_at}
        rounds = [at for at in (*current.reminder_times, *coming.reminder_times) if at > now]
        if rounds:
            times[EventKind.REMINDER] = min(rounds)
        for kind, attr in (
            (EventKind.CUTOFF, "cutoff_at"),
            (EventKind.DIGEST, "digest_at"),
        ):
            mine: datetime = getattr(current, attr)
            times[kind] = mine if mine > now else getattr(coming, attr)
        times[EventKind.REVIEW] = next_review(settings, self.calendar, now).review_at
        return times

    def next_deadline_check(self, team_id: str, now: datetime | None = None) -> datetime:
        """When the team's deadline notices next go out: its ``deadline_check_time`` on the
        next workday (today's, if still to come)."""
        now = now or self._deps.now()
        check = self._deps.settings(team_id).deadline_check_time
        day = self.calendar.next_workday(now.date())
        if datetime.combine(day, check, tzinfo=now.tzinfo) <= now:
            day = self.calendar.next_workday(day + timedelta(days=1))
        return datetime.combine(day, check, tzinfo=now.tzinfo)

    def deadline_check_due(self, team_id: str, now: datetime | None = None) -> bool:
        """Whether deadline notices may go out now: a workday, at or after the check time
        (each notice still goes once per person and task)."""
        now = now or self._deps.now()
        check = self._deps.settings(team_id).deadline_check_time
        moment = datetime.combine(now.date(), check, tzinfo=now.tzinfo)
        return self.calendar.is_workday(now.date()) and now >= moment

    def calendar_notices(self, team_id: str, now: datetime | None = None) -> list[CalendarNotice]:
        """Years whose holidays are guessed and not yet told to this team's leads."""
        now = now or self._deps.now()
        for moment in (now, now + NOTICE_HORIZON):
            self.calendar.check_year(moment.year)
        years = sorted(y for y in self.calendar.fallback_years if y <= (now + NOTICE_HORIZON).year)
        return [self.calendar.notice(y) for y in years if not self._told(team_id, y)]

    def _told(self, team_id: str, year: int) -> bool:
        """The team's leads were told of ``year``'s guessed holidays (read by the notice's
        subject: the team's whole audit trail is years of entries)."""
        return any(
            entry.team_id == team_id and entry.action is Action.NOTICE_SENT
            for entry in self._deps.store.audit.for_subject(_notice_subject(year))
        )

    def record_notice(self, team_id: str, notice: CalendarNotice, delivered: int) -> None:
        """Remember that the leads were told (so it is told once, across restarts)."""
        self._deps.audit(
            SYSTEM,
            Action.NOTICE_SENT,
            _notice_subject(notice.year),
            team_id,
            kind="calendar_fallback",
            delivered=delivered,
        )


def _notice_subject(year: int) -> str:
    return f"calendar:{year}"
