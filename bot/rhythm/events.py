"""Which scheduled things are due now, with catch-up after downtime, never twice.

:func:`due_events` compares the schedule with what the store says was done (a mapping of
:attr:`Event.key` to when it was done; build it with :func:`bot.rhythm.done.done_from_store`).
An event whose time has passed and which was not done is:

- **due** while inside its grace: a prompt until the cycle's cutoff (the response window), the
  automatic reminder rounds until the cutoff (one event for the latest round that has come and
  has no automatic reminder sent at or after its time), closing a cycle at any time, the digest for
  ``Grace.digest`` (24 h), the monthly review for ``Grace.review`` (72 h); ``late`` is set when it
  runs more than ``Grace.on_time`` after its time;
- **missed** after that (only for prompts, digests and reviews): do not run it; record it as done
  (e.g. save the cycle closed, with no prompts) and tell the lead once.

The current and the previous cycle and month are considered, and, after a longer outage (the
previous one was never recorded), every earlier one back to the last that was (within a year):
each is recorded as missed and the runner tells the leads once, in one notice, what was skipped.
A team whose rhythm never ran looks back no further than the previous cycle and month. Nothing
scheduled before ``not_before`` (the team's creation, or when its rhythm was last resumed) is
considered, so a new or paused team is not told about cycles it never had.
Recording an event as done is what makes the next call skip it: the store is the truth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypedDict, TypeVar

from bot.domain.settings import TeamSettings, Weekday
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.months import ReviewWindow, next_review, previous_review, review_for
from bot.rhythm.schedule import EPOCH_MONDAY, CycleWindow, cycle_for, next_cycle, previous_cycle

#: How far back the catch-up looks for the last recorded cycle or review after an outage.
LOOKBACK_CYCLES = 53
LOOKBACK_MONTHS = 12
_W = TypeVar("_W", CycleWindow, ReviewWindow)


class EventKind(StrEnum):
    """What the scheduler does; the order is the order of execution at the same moment."""

    CUTOFF = "cutoff"  # close the cycle: the non-responders are now known
    DIGEST = "digest"
    PROMPT = "prompt"
    REMINDER = "reminder"
    REVIEW = "review"


_ORDER = {kind: index for index, kind in enumerate(EventKind)}


@dataclass(frozen=True, slots=True)
class Event:
    """One scheduled thing to do (or that was missed) for a cycle or a month."""

    kind: EventKind
    cycle_id: str
    at: datetime  # when it was scheduled
    late: bool = False
    missed: bool = False
    window: CycleWindow | None = None
    review: ReviewWindow | None = None

    @property
    def key(self) -> str:
        """The key under which it is recorded as done, e.g. ``prompt:t1.w20241007``."""
        return event_key(self.kind, self.cycle_id)


def event_key(kind: EventKind, cycle_id: str) -> str:
    """The done-key of an event kind for a cycle."""
    return f"{kind.value}:{cycle_id}"


@dataclass(frozen=True, slots=True)
class Grace:
    """How long after its time an event still runs when the bot comes back."""

    digest: timedelta = timedelta(hours=24)
    review: timedelta = timedelta(hours=72)
    on_time: timedelta = field(default=timedelta(minutes=5))


def due_events(
    settings: TeamSettings,
    calendar: WorkCalendar,
    done: Mapping[str, datetime],
    now: datetime,
    grace: Grace | None = None,
    not_before: datetime | None = None,
) -> list[Event]:
    """Everything due (or missed) at ``now`` and not yet done, in execution order."""
    if settings.paused:
        return []
    grace = grace or Grace()
    floor = not_before or datetime.min.replace(tzinfo=now.tzinfo)
    events: list[Event] = []
    cycles = _to_check(
        cycle_for(settings, calendar, now),
        lambda window: previous_cycle(settings, calendar, window),
        lambda window: event_key(EventKind.PROMPT, window.cycle_id) in done,
        lambda window: window.prompt_at >= floor,
        LOOKBACK_CYCLES,
    )
    for window in cycles:
        events += _cycle_events(window, done, now, grace)
    reviews = _to_check(
        review_for(settings, calendar, now),
        lambda review: previous_review(settings, calendar, review),
        lambda review: event_key(EventKind.REVIEW, review.cycle_id) in done,
        lambda review: review.review_at >= floor,
        LOOKBACK_MONTHS,
    )
    for review in reviews:
        events += _review_events(review, done, now, grace)
    return sorted(
        (event for event in events if event.at >= floor),
        key=lambda event: (event.at, _ORDER[event.kind]),
    )


def _cycle_events(
    window: CycleWindow, done: Mapping[str, datetime], now: datetime, grace: Grace
) -> list[Event]:
    def event(kind: EventKind, at: datetime, missed: bool = False) -> Event:
        late = now - at > grace.on_time
        return Event(kind, window.cycle_id, at, late=late, missed=missed, window=window)

    def pending(kind: EventKind, at: datetime) -> bool:
        return now >= at and event_key(kind, window.cycle_id) not in done

    opened = event_key(EventKind.PROMPT, window.cycle_id) in done
    events: list[Event] = []
    if pending(EventKind.PROMPT, window.prompt_at):
        missed = now >= window.cutoff_at
        events.append(event(EventKind.PROMPT, window.prompt_at, missed))
    if not opened:
        return events
    round_at = _reminder_round(window, done, now)
    if round_at is not None:
        events.append(event(EventKind.REMINDER, round_at))
    if pending(EventKind.CUTOFF, window.cutoff_at):
        events.append(event(EventKind.CUTOFF, window.cutoff_at))
    if pending(EventKind.DIGEST, window.digest_at):
        missed = now >= window.digest_at + grace.digest
        events.append(event(EventKind.DIGEST, window.digest_at, missed))
    return events


def _reminder_round(
    window: CycleWindow, done: Mapping[str, datetime], now: datetime
) -> datetime | None:
    """The time of the latest reminder round that has come, before the cutoff, and was not
    run yet (a round counts as run when an automatic reminder went out at or after its time;
    rounds missed while the bot was down fold into the latest one)."""
    if now >= window.cutoff_at:
        return None
    come = [at for at in window.reminder_times if at <= now]
    if not come:
        return None
    last_run = done.get(event_key(EventKind.REMINDER, window.cycle_id))
    return come[-1] if last_run is None or last_run < come[-1] else None


def _to_check(
    current: _W,
    step_back: Callable[[_W], _W],
    recorded: Callable[[_W], bool],
    in_range: Callable[[_W], bool],
    limit: int,
) -> list[_W]:
    """The previous and the current cycle (or month), oldest first; after a longer outage (the
    previous one unrecorded) also every earlier one back to the last recorded, included. When
    none was recorded within ``limit`` steps and in range (the rhythm never ran), only the two."""
    checked: list[_W] = [current, step_back(current)]
    while not recorded(checked[-1]):
        earlier = step_back(checked[-1])
        if len(checked) - 2 == limit or not in_range(earlier):
            return checked[1::-1]
        checked.append(earlier)
    return checked[::-1]


def _review_events(
    review: ReviewWindow, done: Mapping[str, datetime], now: datetime, grace: Grace
) -> list[Event]:
    if now < review.review_at or event_key(EventKind.REVIEW, review.cycle_id) in done:
        return []
    late = now - review.review_at > grace.on_time
    missed = now >= review.review_at + grace.review
    return [
        Event(EventKind.REVIEW, review.cycle_id, review.review_at, late, missed, review=review)
    ]


def next_wakeup(settings: TeamSettings, calendar: WorkCalendar, now: datetime) -> datetime:
    """The next moment anything is scheduled after ``now``: when to run :func:`due_events`."""
    current = cycle_for(settings, calendar, now)
    coming = next_cycle(settings, calendar, now)
    times = [
        *(
            at
            for at in (*current.reminder_times, current.cutoff_at, current.digest_at)
            if at > now
        ),
        coming.prompt_at,
        next_review(settings, calendar, now).review_at,
    ]
    return min(times)


class CronSpec(TypedDict):
    """Keyword arguments for APScheduler's ``CronTrigger`` (day names, never numbers)."""

    day_of_week: str
    hour: int
    minute: int


def cron_specs(settings: TeamSettings) -> dict[EventKind, CronSpec]:
    """Nominal wake-up times per event kind, e.g. ``{"day_of_week": "thu", "hour": 9, ...}``.

    Use with ``job_queue.run_custom(cb, job_kwargs={"trigger": "cron", **spec})``. The job must
    still call :func:`due_events`: cron knows neither holidays nor ``every_n_weeks``, and the
    review runs daily because only the calendar knows the month's last workday.
    """
    reminder = datetime.combine(EPOCH_MONDAY, settings.cutoff_time) + timedelta(
        days=settings.cutoff_day.iso - 1
    )
    reminder -= timedelta(hours=settings.reminder_lead_hours)
    every_day = ",".join(day.value for day in Weekday)
    return {
        EventKind.PROMPT: _spec(
            settings.prompt_day.value, settings.prompt_time.hour, settings.prompt_time.minute
        ),
        EventKind.REMINDER: _spec(
            Weekday.of_iso(reminder.isoweekday()).value, reminder.hour, reminder.minute
        ),
        EventKind.CUTOFF: _spec(
            settings.cutoff_day.value, settings.cutoff_time.hour, settings.cutoff_time.minute
        ),
        EventKind.DIGEST: _spec(
            settings.digest_day.value, settings.digest_time.hour, settings.digest_time.minute
        ),
        EventKind.REVIEW: _spec(every_day, settings.review_time.hour, settings.review_time.minute),
    }


def _spec(day_of_week: str, hour: int, minute: int) -> CronSpec:
    return {"day_of_week": day_of_week, "hour": hour, "minute": minute}
