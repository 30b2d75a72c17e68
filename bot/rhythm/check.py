"""Whether a team's settings can run: the rules of the settings, then a dry run of the schedule.

A setting that passes its own checks may still leave the schedule with nothing to run (a cycle
that is always merged away, say); such a value must be refused where it is entered, never found
out by the jobs at start-up. :func:`schedule_problem` computes every time the jobs will ask for,
every four weeks of the coming year (each lookup sees the cycles of three weeks around it, so
every cycle of the year and each long holiday is met), before a change is saved.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.settings import TeamSettings, settings_problem
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.months import next_review
from bot.rhythm.schedule import cycle_for, next_cycle

#: How far the dry run looks ahead (a year meets every holiday once), and its step.
PROBE_WEEKS = 56
PROBE_STEP = 4


def schedule_problem(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> str | None:
    """Why ``settings`` cannot run from ``now`` on (a message key), or None if they can."""
    problem = settings_problem(settings)
    if problem is not None:
        return problem
    try:
        for week in range(0, PROBE_WEEKS, PROBE_STEP):
            moment = now + timedelta(weeks=week)
            cycle_for(settings, calendar, moment)
            next_cycle(settings, calendar, moment)
            next_review(settings, calendar, moment)
    except (ValueError, ArithmeticError, LookupError):  # the schedule found no time to run
        return "err.settings_unschedulable"
    return None
