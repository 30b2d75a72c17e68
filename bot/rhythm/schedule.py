"""Concrete times of the weekly rhythm: each cycle's prompt, reminders, cutoff and digest, moved
off holidays by a :class:`~bot.rhythm.calendar.WorkCalendar` (the monthly review's time is in
:mod:`bot.rhythm.months`).

Rules (times are in the deployment's time zone, taken from ``now``):

- A cycle belongs to the ISO week (Monday ``period_start``) of its nominal prompt day. With
  ``every_n_weeks = n`` only weeks ``n`` apart run, counted from Monday 2024-01-01.
- The prompt goes out on the prompt day, or on the next workday if that is a holiday.
- The cutoff is the first cutoff day after the prompt, moved to the next workday if needed; and
  when the prompt was moved, the cutoff leaves at least as many workdays after the prompt as an
  ordinary week does (a prompt moved to after the National Day holiday still gets a day).
  The cutoff is always after the prompt.
- Up to ``reminders_per_cycle`` automatic reminders (0–3 in ``/settings``). The first is
  ``reminder_lead_hours`` before the cutoff; if that is not a workday, at the same time on the
  previous workday; never before the prompt (then halfway in between). Further ones are spaced
  evenly between the first and the cutoff: with 2, at cutoff − lead and cutoff − lead/2; with
  3, at cutoff − lead, − 2·lead/3 and − lead/3 (default 4 h before a 17:00 cutoff: 13:00, 15:00).
- The weekly digest goes out on the first digest day after the cutoff, or the next workday.

Long holidays (National Day, Spring Festival) may push a cycle onto the next one; a supervision
office then asks once and reports once (:func:`merge_holiday_cycles`, applied to every lookup):

- A cycle whose prompt day was a holiday and whose moved window reaches into the next cycle's
  week is merged into the next cycle: no prompt, reminder, cutoff or digest of its own. The next
  cycle asks at its own time and its digest covers both weeks (``since`` is the earlier Monday).
  National Day 2024: the week of 09-30 would prompt on Tue 10-08 and the week of 10-07 on Thu
  10-10, both digested on Mon 10-14; instead one prompt goes out on 10-10, one digest on 10-14.
- A cycle whose prompt comes before the previous cycle's cutoff (moved past the holiday) is
  merged into that one, which is still open: one cycle at a time is ever answered.
- Two cycles never share a digest: when a cycle's digest would not come before the next one's
  (its cutoff moved past the digest day), it goes out on the first workday after its cutoff.

Wiring: the simplest robust scheme is to wake up at :func:`next_wakeup` (and at start-up), run
:func:`due_events`, do them, record them in the store, and go back to sleep. Cron triggers from
:func:`cron_specs` can only wake the job up, since they know neither holidays nor week parity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import pairwise

from bot.domain.clock import zone_of
from bot.domain.settings import TeamSettings, Weekday
from bot.rhythm.calendar import WorkCalendar

EPOCH_MONDAY = date(2024, 1, 1)  # week 0 when counting every_n_weeks
_LOOKAROUND_WEEKS = 3  # holiday shifts move a time by at most about ten days


@dataclass(frozen=True, slots=True)
class CycleWindow:
    """The concrete times of one weekly cycle (周调度)."""

    cycle_id: str
    team_id: str
    period_start: date  # Monday of the cycle's week
    prompt_at: datetime
    reminder_at: datetime  # the first automatic reminder's time
    cutoff_at: datetime
    digest_at: datetime
    shifted: bool = False  # some time was moved off a holiday
    reminder_times: tuple[datetime, ...] = ()  # every automatic reminder, first at reminder_at
    prompt_moved: bool = False  # the prompt day itself was a holiday
    merged: tuple[str, ...] = ()  # cycles merged into this one around a long holiday
    covers_from: date | None = None  # the Monday of the first week it covers, when merged

    @property
    def since(self) -> date:
        """The first day the cycle covers: its Monday, or that of a cycle merged into it."""
        return self.covers_from or self.period_start

    def responding(self, now: datetime) -> bool:
        """Whether replies are due now (between prompt and cutoff)."""
        return self.prompt_at <= now < self.cutoff_at


def weekly_cycle_id(team_id: str, period_start: date) -> str:
    """The stable id of a weekly cycle, e.g. ``t1.w20241007`` (no ``:``, which prompt ids use)."""
    return f"{team_id}.w{period_start:%Y%m%d}"


def monday_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.isoweekday() - 1)


def is_cycle_week(settings: TeamSettings, monday: date) -> bool:
    """Whether the week starting ``monday`` has a cycle, given ``every_n_weeks``."""
    return ((monday - EPOCH_MONDAY).days // 7) % max(settings.every_n_weeks, 1) == 0


def cycle_window(
    settings: TeamSettings, calendar: WorkCalendar, period_start: date, tz: tzinfo
) -> CycleWindow:
    """The times of the cycle of the week starting ``period_start`` (a Monday)."""
    nominal_prompt = period_start + timedelta(days=settings.prompt_day.iso - 1)
    nominal_cutoff = _day_on_or_after(nominal_prompt, settings.cutoff_day)
    if nominal_cutoff == nominal_prompt and settings.cutoff_time <= settings.prompt_time:
        nominal_cutoff += timedelta(days=7)
    prompt_day = calendar.next_workday(nominal_prompt)
    gap = _weekdays_between(nominal_prompt, nominal_cutoff)
    cutoff_day = max(calendar.next_workday(nominal_cutoff), calendar.add_workdays(prompt_day, gap))
    if cutoff_day == prompt_day and settings.cutoff_time <= settings.prompt_time:
        cutoff_day = calendar.add_workdays(prompt_day, 1)
    prompt_at = _at(prompt_day, settings.prompt_time, tz)
    cutoff_at = _at(cutoff_day, settings.cutoff_time, tz)
    digest_at = _digest_time(settings, calendar, cutoff_at, tz)
    first_reminder = _reminder_time(settings, calendar, prompt_at, cutoff_at)
    return CycleWindow(
        cycle_id=weekly_cycle_id(settings.team_id, period_start),
        team_id=settings.team_id,
        period_start=period_start,
        prompt_at=prompt_at,
        reminder_at=first_reminder,
        cutoff_at=cutoff_at,
        digest_at=digest_at,
        shifted=(prompt_day, cutoff_day) != (nominal_prompt, nominal_cutoff)
        or digest_at.date() != _nominal_digest_day(settings, cutoff_at),
        reminder_times=reminder_times(first_reminder, cutoff_at, settings.reminders_per_cycle),
        prompt_moved=prompt_day != nominal_prompt,
    )


def reminder_times(first: datetime, cutoff_at: datetime, count: int) -> tuple[datetime, ...]:
    """``count`` reminder times: ``first``, then evenly spaced between it and the cutoff."""
    if count <= 0:
        return ()
    step = (cutoff_at - first) / count
    return tuple(first + step * index for index in range(count))


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def _day_on_or_after(day: date, weekday: Weekday) -> date:
    return day + timedelta(days=(weekday.iso - day.isoweekday()) % 7)


def _weekdays_between(start: date, end: date) -> int:
    """Monday-to-Friday days in ``(start, end]``: the response time of an ordinary week."""
    days = (start + timedelta(days=offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if day.isoweekday() <= 5)


def _reminder_time(
    settings: TeamSettings, calendar: WorkCalendar, prompt_at: datetime, cutoff_at: datetime
) -> datetime:
    halfway = prompt_at + (cutoff_at - prompt_at) / 2
    wanted = cutoff_at - timedelta(hours=settings.reminder_lead_hours)
    if not calendar.is_workday(wanted.date()):
        day = calendar.previous_workday(wanted.date())
        wanted = datetime.combine(day, wanted.timetz())
    return wanted if prompt_at <= wanted < cutoff_at else halfway


def _nominal_digest_day(settings: TeamSettings, cutoff_at: datetime) -> date:
    day = _day_on_or_after(cutoff_at.date(), settings.digest_day)
    if datetime.combine(day, settings.digest_time, tzinfo=cutoff_at.tzinfo) <= cutoff_at:
        day += timedelta(days=7)
    return day


def _digest_time(
    settings: TeamSettings, calendar: WorkCalendar, cutoff_at: datetime, tz: tzinfo
) -> datetime:
    day = calendar.next_workday(_nominal_digest_day(settings, cutoff_at))
    return _at(day, settings.digest_time, tz)


def _windows_around(
    settings: TeamSettings, calendar: WorkCalendar, now: datetime
) -> list[CycleWindow]:
    tz = zone_of(now)
    monday = monday_of(now.astimezone(tz).date())
    span = (_LOOKAROUND_WEEKS + 1) * max(settings.every_n_weeks, 1)  # +1: the merges' neighbours
    mondays = (monday + timedelta(weeks=offset) for offset in range(-span, span + 1))
    raw = [
        cycle_window(settings, calendar, start, tz)
        for start in mondays
        if is_cycle_week(settings, start)
    ]
    return merge_holiday_cycles(settings, calendar, raw)


def merge_holiday_cycles(
    settings: TeamSettings, calendar: WorkCalendar, windows: list[CycleWindow]
) -> list[CycleWindow]:
    """Consecutive cycles (in week order) as they run: the long-holiday rules applied."""
    kept: list[CycleWindow] = []
    carried: list[CycleWindow] = []  # moved into the next cycle's week: merged into it
    for window, following in zip(windows, [*windows[1:], None], strict=True):
        if (
            window.prompt_moved
            and following is not None
            and window.cutoff_at.date() >= following.period_start
        ):
            carried.append(window)
        elif kept and window.prompt_at < kept[-1].cutoff_at:
            kept[-1] = _absorb(kept[-1], [*carried, window])
            carried = []
        else:
            kept.append(_absorb(window, carried))
            carried = []
    for index, (window, following) in enumerate(pairwise(kept)):
        if window.digest_at >= following.digest_at:
            digest_at = _digest_slot_after(settings, calendar, window.cutoff_at)
            kept[index] = replace(window, digest_at=digest_at, shifted=True)
    return kept


def _absorb(window: CycleWindow, others: list[CycleWindow]) -> CycleWindow:
    if not others:
        return window
    merged = (*window.merged, *(m for o in others for m in (o.cycle_id, *o.merged)))
    since = min(w.since for w in (window, *others))
    return replace(window, merged=merged, covers_from=since, shifted=True)


def _digest_slot_after(
    settings: TeamSettings, calendar: WorkCalendar, cutoff_at: datetime
) -> datetime:
    day = calendar.next_workday(cutoff_at.date())
    if datetime.combine(day, settings.digest_time, tzinfo=cutoff_at.tzinfo) <= cutoff_at:
        day = calendar.next_workday(day + timedelta(days=1))
    return datetime.combine(day, settings.digest_time, tzinfo=cutoff_at.tzinfo)


def window_of(
    settings: TeamSettings, calendar: WorkCalendar, period_start: date, tz: tzinfo
) -> CycleWindow:
    """The cycle of the week starting ``period_start`` as it runs (merges applied): for a week
    merged into another cycle, that cycle."""
    cycle_id = weekly_cycle_id(settings.team_id, period_start)
    noon = datetime.combine(period_start, time(12), tzinfo=tz)
    for window in _windows_around(settings, calendar, noon):
        if cycle_id == window.cycle_id or cycle_id in window.merged:
            return window
    return cycle_window(settings, calendar, period_start, tz)


def cycle_for(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> CycleWindow:
    """The latest cycle whose prompt time has come (the one being answered or digested now)."""
    started = [w for w in _windows_around(settings, calendar, now) if w.prompt_at <= now]
    return max(started, key=lambda window: window.prompt_at)


def previous_cycle(
    settings: TeamSettings, calendar: WorkCalendar, window: CycleWindow
) -> CycleWindow:
    """The cycle before ``window``."""
    return cycle_for(settings, calendar, window.prompt_at - timedelta(microseconds=1))


def next_cycle(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> CycleWindow:
    """The first cycle whose prompt time is still to come."""
    coming = [w for w in _windows_around(settings, calendar, now) if w.prompt_at > now]
    return min(coming, key=lambda window: window.prompt_at)
