"""Due events with catch-up after downtime: once within grace, never twice, missed after."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.domain.settings import TeamSettings, Weekday
from bot.domain.work import ReminderKind
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.done import done_from
from bot.rhythm.events import EventKind, cron_specs, due_events, event_key, next_wakeup
from tests.factories.snapshots import cycle, local, reminder

TEAM = TeamSettings(team_id="t1")
CAL = WorkCalendar()
WEEK = "t1.w20240923"  # prompt Thu 09-26 09:00, reminder Fri 13:00, cutoff Fri 17:00
PREVIOUS = "t1.w20240916"
SEPTEMBER = "t1.m202409"  # review Mon 09-30 16:00
OLD_DONE = {
    event_key(kind, old): local(2024, 9, 23, 9)
    for kind in (EventKind.PROMPT, EventKind.REMINDER, EventKind.CUTOFF, EventKind.DIGEST)
    for old in ("t1.w20240909", PREVIOUS)
} | {event_key(EventKind.REVIEW, f"t1.m2024{m:02d}"): local(2024, m, 28, 16) for m in (7, 8)}


def _done(*kinds: EventKind, cycle_id: str = WEEK) -> dict[str, datetime]:
    # a reminder round counts as done by an automatic reminder at or after its time
    late = {EventKind.REMINDER: local(2024, 9, 27, 16, 59)}
    return OLD_DONE | {
        event_key(kind, cycle_id): late.get(kind, local(2024, 9, 26, 9)) for kind in kinds
    }


def _summary(now: datetime, done: dict[str, datetime]) -> list[tuple[str, str, bool, bool]]:
    return [(e.kind.value, e.cycle_id, e.late, e.missed) for e in due_events(TEAM, CAL, done, now)]


@pytest.mark.parametrize(
    ("now", "done", "expected"),
    [
        # on time: the prompt at its minute
        (local(2024, 9, 26, 9), _done(), [("prompt", WEEK, False, False)]),
        # nothing due before the prompt
        (local(2024, 9, 26, 8, 59), _done(), []),
        # down from Wednesday to Friday 10:00: the prompt is caught up, late
        (local(2024, 9, 27, 10), _done(), [("prompt", WEEK, True, False)]),
        # ... and once recorded, never again; the reminder is not yet due
        (local(2024, 9, 27, 10), _done(EventKind.PROMPT), []),
        # down through the whole response window: the prompt is missed, nothing after it
        (local(2024, 9, 28, 10), _done(), [("prompt", WEEK, True, True)]),
        # reminder on time, then caught up late before the cutoff
        (local(2024, 9, 27, 13), _done(EventKind.PROMPT), [("reminder", WEEK, False, False)]),
        (local(2024, 9, 27, 16), _done(EventKind.PROMPT), [("reminder", WEEK, True, False)]),
        # after the cutoff a missed reminder is dropped, the cutoff is due
        (local(2024, 9, 27, 18), _done(EventKind.PROMPT), [("cutoff", WEEK, True, False)]),
        # Monday 08:30: cutoff still open after downtime runs first, then the digest
        (
            local(2024, 9, 30, 8, 30),
            _done(EventKind.PROMPT, EventKind.REMINDER),
            [("cutoff", WEEK, True, False), ("digest", WEEK, False, False)],
        ),
        # the digest within 24 h of its time is caught up; after that it is missed
        (
            local(2024, 9, 30, 20),
            _done(EventKind.PROMPT, EventKind.REMINDER, EventKind.CUTOFF),
            [("digest", WEEK, True, False), ("review", SEPTEMBER, True, False)],
        ),
        (
            local(2024, 10, 1, 9),
            _done(EventKind.PROMPT, EventKind.REMINDER, EventKind.CUTOFF),
            [("digest", WEEK, True, True), ("review", SEPTEMBER, True, False)],
        ),
        # everything done: nothing due
        (
            local(2024, 9, 30, 9),
            _done(EventKind.PROMPT, EventKind.REMINDER, EventKind.CUTOFF, EventKind.DIGEST),
            [],
        ),
    ],
)
def test_due_events(
    now: datetime, done: dict[str, datetime], expected: list[tuple[str, str, bool, bool]]
) -> None:
    """Due events follow the schedule and the done record."""
    assert _summary(now, done) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2024, 9, 30, 16), [("review", SEPTEMBER, False, False)]),
        (local(2024, 10, 2, 10), [("review", SEPTEMBER, True, False)]),
        (local(2024, 10, 3, 17), [("review", SEPTEMBER, True, True)]),
    ],
)
def test_review_catch_up(now: datetime, expected: list[tuple[str, str, bool, bool]]) -> None:
    """The monthly review catches up within 72 hours, then counts as missed."""
    everything = {
        event_key(kind, cid): local(2024, 9, 1)
        for kind in EventKind
        for cid in ("t1.w20240923", "t1.w20240930")
        if kind is not EventKind.REVIEW
    }
    events = [
        (e.kind.value, e.cycle_id, e.late, e.missed)
        for e in due_events(TEAM, CAL, OLD_DONE | everything, now)
    ]
    assert events == expected


def test_not_before_hides_cycles_of_a_new_team() -> None:
    """A team created on Friday is not told about Thursday's prompt or last month's review."""
    now = local(2024, 10, 2, 10)
    assert due_events(TEAM, CAL, {}, now, not_before=now - timedelta(minutes=1)) == []


def test_paused_team_has_nothing_due() -> None:
    """A paused team gets no events, not even catch-up."""
    paused = TeamSettings("t1", paused=True)
    assert due_events(paused, CAL, {}, local(2024, 9, 26, 9)) == []


def test_done_from_store_rows_makes_catch_up_idempotent() -> None:
    """Recording a cycle (opened, closed, digest) and an auto reminder stops every repeat."""
    opened = cycle(
        local(2024, 9, 23).date(),
        local(2024, 9, 26, 9),
        local(2024, 9, 27, 17),
        closed_at=local(2024, 9, 27, 17),
        digest_sent_at=local(2024, 9, 30, 8, 30),
    )
    autos = [
        reminder("p1", ReminderKind.AUTO, local(2024, 9, 27, hour), cycle_id=opened.id)
        for hour in (13, 15)
    ]
    done = OLD_DONE | done_from([opened], autos)
    for hours in range(0, 24 * 5, 3):
        now = local(2024, 9, 26, 9) + timedelta(hours=hours)
        assert [e for e in due_events(TEAM, CAL, done, now) if e.cycle_id == WEEK] == []


def test_a_digest_the_group_did_not_get_is_handled_not_repeated() -> None:
    """A cycle whose digest did not reach the leaders' group (``digest_failed_at``) counts as
    handled: the rhythm does not send it again on its own (a lead's /digest does)."""
    failed = cycle(
        local(2024, 9, 23).date(),
        local(2024, 9, 26, 9),
        local(2024, 9, 27, 17),
        closed_at=local(2024, 9, 27, 17),
        digest_failed_at=local(2024, 9, 30, 8, 30),
    )
    done = OLD_DONE | done_from([failed], [])
    assert f"digest:{WEEK}" in done
    now = local(2024, 9, 30, 12)
    assert [e.kind for e in due_events(TEAM, CAL, done, now) if e.cycle_id == WEEK] == []


def test_event_key_and_window() -> None:
    """An event carries its cycle window and a stable key."""
    (event,) = due_events(TEAM, CAL, _done(), local(2024, 9, 26, 9))
    assert event.key == f"prompt:{WEEK}"
    assert event.window is not None
    assert event.window.cutoff_at == local(2024, 9, 27, 17)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2024, 9, 25, 12), local(2024, 9, 26, 9)),  # next prompt
        (local(2024, 9, 26, 10), local(2024, 9, 27, 13)),  # the reminder
        (local(2024, 9, 27, 13), local(2024, 9, 27, 15)),  # the second reminder round
        (local(2024, 9, 27, 15), local(2024, 9, 27, 17)),  # the cutoff
        (local(2024, 9, 28, 12), local(2024, 9, 30, 8, 30)),  # the digest
        (local(2024, 9, 30, 12), local(2024, 9, 30, 16)),  # the monthly review
        (local(2024, 10, 1, 12), local(2024, 10, 10, 9)),  # National Day: one prompt, Thu
    ],
)
def test_next_wakeup(now: datetime, expected: datetime) -> None:
    """next_wakeup is the first scheduled moment after now."""
    assert next_wakeup(TEAM, CAL, now) == expected


def test_cron_specs_use_day_names() -> None:
    """Cron specs name days (APScheduler counts from Monday, PTB from Sunday: no numbers)."""
    team = TeamSettings("t1", cutoff_day=Weekday.MON, cutoff_time=time(9), reminder_lead_hours=12)
    specs = cron_specs(team)
    assert specs[EventKind.PROMPT] == {"day_of_week": "thu", "hour": 9, "minute": 0}
    assert specs[EventKind.REMINDER] == {"day_of_week": "sun", "hour": 21, "minute": 0}
    assert specs[EventKind.CUTOFF] == {"day_of_week": "mon", "hour": 9, "minute": 0}
    assert specs[EventKind.DIGEST] == {"day_of_week": "mon", "hour": 8, "minute": 30}
    assert specs[EventKind.REVIEW]["day_of_week"] == "mon,tue,wed,thu,fri,sat,sun"


def test_cron_specs_build_apscheduler_triggers() -> None:
    """Every spec is accepted by APScheduler's CronTrigger and fires on the named day."""
    from apscheduler.triggers.cron import CronTrigger

    from tests.factories.snapshots import TZ

    trigger = CronTrigger(timezone=TZ, **cron_specs(TEAM)[EventKind.PROMPT])
    fire = trigger.get_next_fire_time(None, local(2024, 9, 23))
    assert fire == local(2024, 9, 26, 9)


@pytest.mark.parametrize(
    ("count", "times"),
    [(0, []), (1, [(13, 0)]), (2, [(13, 0), (15, 0)]), (3, [(13, 0), (14, 20), (15, 40)])],
)
def test_reminders_per_cycle_sets_the_rounds(count: int, times: list[tuple[int, int]]) -> None:
    """N rounds: the first lead hours before the cutoff, the rest evenly up to the cutoff."""
    settings = TeamSettings("t1", reminders_per_cycle=count)
    (event,) = due_events(settings, CAL, _done(), local(2024, 9, 26, 9))
    assert event.window is not None
    assert [(at.hour, at.minute) for at in event.window.reminder_times] == times


def test_each_reminder_round_is_due_once_and_missed_rounds_fold() -> None:
    """Round 2 is due after round 1 ran; after downtime only the latest round runs."""
    done = _done(EventKind.PROMPT)

    def reminders(now: datetime, ran: dict[str, datetime]) -> list[datetime]:
        events = due_events(TEAM, CAL, done | ran, now)
        return [e.at for e in events if e.kind is EventKind.REMINDER]

    key = event_key(EventKind.REMINDER, WEEK)
    assert reminders(local(2024, 9, 27, 13), {}) == [local(2024, 9, 27, 13)]
    assert reminders(local(2024, 9, 27, 14), {key: local(2024, 9, 27, 13)}) == []
    assert reminders(local(2024, 9, 27, 15), {key: local(2024, 9, 27, 13)}) == [
        local(2024, 9, 27, 15)
    ]
    assert reminders(local(2024, 9, 27, 16), {}) == [local(2024, 9, 27, 15)]
    assert reminders(local(2024, 9, 27, 17), {}) == []


def test_a_long_outage_looks_back_to_the_last_recorded_cycle() -> None:
    """After a long outage every event since the last recorded cycle is missed, once."""
    # down from 09-20 to 10-28: not only the previous two cycles, and September's review too
    done = {event_key(kind, "t1.w20240916"): local(2024, 9, 20, 17) for kind in EventKind}
    done[event_key(EventKind.REVIEW, "t1.m202408")] = local(2024, 8, 30, 16)
    events = due_events(TEAM, CAL, done, local(2024, 10, 28, 10))
    assert [(e.kind, e.cycle_id) for e in events if e.missed] == [
        (EventKind.PROMPT, "t1.w20240923"),
        (EventKind.REVIEW, "t1.m202409"),
        (EventKind.PROMPT, "t1.w20241007"),  # the week of 09-30 is merged into it
        (EventKind.PROMPT, "t1.w20241014"),
        (EventKind.PROMPT, "t1.w20241021"),
    ]
    # recorded as the store does it: a missed cycle is saved opened, closed and digested
    at = local(2024, 10, 28, 10)
    recorded = done | {event_key(kind, e.cycle_id): at for e in events for kind in EventKind}
    assert due_events(TEAM, CAL, recorded, local(2024, 10, 28, 11)) == []


def test_a_team_that_never_ran_or_was_paused_is_not_told_of_older_cycles() -> None:
    """Without an earlier recorded cycle (or before not_before) only the previous two count."""
    fresh = due_events(TEAM, CAL, {}, local(2024, 10, 28, 10))
    assert {e.cycle_id for e in fresh if e.kind is EventKind.PROMPT} == {
        "t1.w20241014",
        "t1.w20241021",
    }
    done = {event_key(kind, "t1.w20240916"): local(2024, 9, 20, 17) for kind in EventKind}
    resumed = due_events(TEAM, CAL, done, local(2024, 10, 28, 10), not_before=local(2024, 10, 20))
    assert {e.cycle_id for e in resumed} == {"t1.w20241021"}
