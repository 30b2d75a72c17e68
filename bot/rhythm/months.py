"""The monthly review (月研判): on the month's last workday at ``review_time``.

Its time comes from the :class:`~bot.rhythm.calendar.WorkCalendar` (a month may end on a holiday,
or on a 调休 make-up Saturday); the weekly cycles' times are in :mod:`bot.rhythm.schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.domain.clock import zone_of
from bot.domain.settings import TeamSettings
from bot.rhythm.calendar import WorkCalendar


@dataclass(frozen=True, slots=True)
class ReviewWindow:
    """The monthly review (月研判) of one month."""

    cycle_id: str
    team_id: str
    month_start: date
    review_at: datetime


def monthly_cycle_id(team_id: str, month_start: date) -> str:
    """The stable id of a month's review cycle, e.g. ``t1.m202410``."""
    return f"{team_id}.m{month_start:%Y%m}"


def review_window(
    settings: TeamSettings, calendar: WorkCalendar, year: int, month: int, tz: tzinfo
) -> ReviewWindow:
    """The monthly review of ``year``-``month``: its last workday at ``review_time``."""
    month_start = date(year, month, 1)
    day = calendar.last_workday_of_month(year, month)
    return ReviewWindow(
        cycle_id=monthly_cycle_id(settings.team_id, month_start),
        team_id=settings.team_id,
        month_start=month_start,
        review_at=datetime.combine(day, settings.review_time, tzinfo=tz),
    )


def review_for(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> ReviewWindow:
    """The latest monthly review whose time has come."""
    this_month = _month_of(settings, calendar, now)
    if this_month.review_at <= now:
        return this_month
    return previous_review(settings, calendar, this_month)


def next_review(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> ReviewWindow:
    """The first monthly review still to come."""
    this_month = _month_of(settings, calendar, now)
    if this_month.review_at > now:
        return this_month
    start = this_month.month_start
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return review_window(settings, calendar, year, month, zone_of(now))


def previous_review(
    settings: TeamSettings, calendar: WorkCalendar, review: ReviewWindow
) -> ReviewWindow:
    """The review of the month before ``review``'s."""
    start = review.month_start
    year, month = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
    return review_window(settings, calendar, year, month, zone_of(review.review_at))


def _month_of(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> ReviewWindow:
    tz = zone_of(now)
    local = now.astimezone(tz)
    return review_window(settings, calendar, local.year, local.month, tz)
