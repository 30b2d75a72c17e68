"""Long holidays: a cycle pushed onto the next one is merged, so officials are asked once and
the leaders get one digest per digest day (the rule in bot.rhythm.schedule's docstring)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.settings import TeamSettings
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.events import EventKind, due_events, event_key
from bot.rhythm.schedule import (
    CycleWindow,
    cycle_for,
    cycle_window,
    next_cycle,
    previous_cycle,
    window_of,
)
from tests.factories.snapshots import TZ, local

TEAM = TeamSettings(team_id="t1")
CAL = WorkCalendar()


def _fmt(moment: datetime) -> str:
    return f"{moment:%a %m-%d %H:%M}"


def cycles_between(start: datetime, end: datetime) -> list[CycleWindow]:
    """Every cycle whose prompt falls in ``[start, end)``, as the scheduler sees them."""
    found: list[CycleWindow] = []
    moment = start - timedelta(microseconds=1)
    while (window := next_cycle(TEAM, CAL, moment)).prompt_at < end:
        found.append(window)
        moment = window.prompt_at
    return found


def test_national_day_2024_asks_once_and_digests_once() -> None:
    """Regression: National Day 2024 has one prompt (Thu 10-10) and one digest (Mon 10-14)."""
    # before: the week of 09-30 prompted Tue 10-08 and that of 10-07 Thu 10-10, both digested on
    # Mon 10-14
    raw = cycle_window(TEAM, CAL, date(2024, 9, 30), TZ)
    assert (_fmt(raw.prompt_at), raw.prompt_moved) == ("Tue 10-08 09:00", True)
    (merged,) = cycles_between(local(2024, 10, 1), local(2024, 10, 14))
    assert merged.cycle_id == "t1.w20241007"
    assert merged.merged == ("t1.w20240930",)
    assert merged.since == date(2024, 9, 30)
    assert _fmt(merged.prompt_at) == "Thu 10-10 09:00"
    assert _fmt(merged.cutoff_at) == "Fri 10-11 17:00"
    digests = [w.digest_at for w in cycles_between(local(2024, 9, 20), local(2024, 10, 31))]
    assert local(2024, 10, 14, 8, 30) in digests
    assert len(digests) == len(set(digests))


@pytest.mark.parametrize(
    ("absorbed", "into", "prompt"),
    [
        (date(2024, 2, 12), date(2024, 2, 19), "Thu 02-22 09:00"),  # Spring Festival
        (date(2024, 4, 1), date(2024, 4, 8), "Thu 04-11 09:00"),  # Qingming (Sun 04-07 skipped)
        (date(2024, 4, 29), date(2024, 5, 6), "Thu 05-09 09:00"),  # Labour Day (Mon 05-06)
    ],
)
def test_a_prompt_moved_into_the_next_week_merges_into_that_cycle(
    absorbed: date, into: date, prompt: str
) -> None:
    """The moved cycle has no prompt of its own; the next cycle's window covers its week."""
    window = window_of(TEAM, CAL, absorbed, TZ)
    assert window.period_start == into
    assert window.since == absorbed
    assert _fmt(window.prompt_at) == prompt
    assert window_of(TEAM, CAL, into, TZ) == window


def test_a_prompt_before_the_previous_cutoff_merges_into_the_open_cycle() -> None:
    """A prompt before the previous cycle's cutoff merges into that open cycle."""
    # National Day 2023: the cutoff of the week of 09-25 moved to make-up Sat 10-07 17:00; the
    # next week's prompt (moved to 10-07 09:00) would open a second cycle beside it
    open_cycle = cycle_for(TEAM, CAL, local(2023, 10, 7, 12))
    assert open_cycle.cycle_id == "t1.w20230925"
    assert open_cycle.merged == ("t1.w20231002",)
    assert _fmt(open_cycle.cutoff_at) == "Sat 10-07 17:00"
    assert _fmt(next_cycle(TEAM, CAL, local(2023, 10, 7, 12)).prompt_at) == "Thu 10-12 09:00"


def test_two_cycles_never_share_a_digest() -> None:
    """A cycle whose cutoff moved past the digest day is digested the next workday, alone."""
    # a Friday holiday moves the cutoff to Monday 17:00: Tuesday's digest, not next Monday's
    calendar = WorkCalendar({date(2024, 11, 8): False})
    moved = window_of(TEAM, calendar, date(2024, 11, 4), TZ)
    assert _fmt(moved.cutoff_at) == "Mon 11-11 17:00"
    assert _fmt(moved.digest_at) == "Tue 11-12 08:30"
    following = window_of(TEAM, calendar, date(2024, 11, 11), TZ)
    assert _fmt(following.digest_at) == "Mon 11-18 08:30"
    assert previous_cycle(TEAM, calendar, following) == moved


def test_no_events_for_the_merged_week() -> None:
    """The merged holiday week never has events; the next cycle's prompt is due at its time."""
    done = {event_key(kind, "t1.w20240923"): local(2024, 9, 30, 8, 30) for kind in EventKind}
    holiday_weeks = {"t1.w20240930", "t1.w20241007"}

    def due(now: datetime) -> list[tuple[EventKind, str]]:
        events = due_events(TEAM, CAL, done, now, not_before=local(2024, 9, 20))
        return [(e.kind, e.cycle_id) for e in events if e.cycle_id in holiday_weeks]

    assert due(local(2024, 10, 8, 9, 30)) == []
    assert due(local(2024, 10, 10, 9)) == [(EventKind.PROMPT, "t1.w20241007")]
