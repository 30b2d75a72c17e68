"""Concrete cycle and review times, moved off holidays."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.settings import TeamSettings, Weekday
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.months import next_review, review_for, review_window
from bot.rhythm.schedule import (
    cycle_for,
    cycle_window,
    is_cycle_week,
    monday_of,
    next_cycle,
    weekly_cycle_id,
)
from tests.factories.snapshots import TZ, local

DEFAULT = TeamSettings(team_id="t1")
CAL = WorkCalendar()


def _fmt(moment: datetime) -> str:
    return f"{moment:%a %m-%d %H:%M}"


@pytest.mark.parametrize(
    ("period_start", "prompt", "reminder", "cutoff", "digest", "shifted"),
    [
        # an ordinary week: Thu 09:00 → Fri 13:00 reminder → Fri 17:00 cutoff → Mon digest
        (
            date(2024, 9, 23),
            "Thu 09-26 09:00",
            "Fri 09-27 13:00",
            "Fri 09-27 17:00",
            "Mon 09-30 08:30",
            False,
        ),
        # National Day week: Thu 10-03 is a holiday; the prompt moves to Tue 10-08 and the
        # cutoff keeps one workday after it
        (
            date(2024, 9, 30),
            "Tue 10-08 09:00",
            "Wed 10-09 13:00",
            "Wed 10-09 17:00",
            "Mon 10-14 08:30",
            True,
        ),
        # the week after, with the make-up Saturday 10-12: an ordinary Thu/Fri cycle
        (
            date(2024, 10, 7),
            "Thu 10-10 09:00",
            "Fri 10-11 13:00",
            "Fri 10-11 17:00",
            "Mon 10-14 08:30",
            False,
        ),
        # the week before Spring Festival 2024: the Monday digest (02-12) moves to make-up
        # Sunday 02-18
        (
            date(2024, 2, 5),
            "Thu 02-08 09:00",
            "Fri 02-09 13:00",
            "Fri 02-09 17:00",
            "Sun 02-18 08:30",
            True,
        ),
        # Spring Festival week: the prompt moves to make-up Sunday 02-18
        (
            date(2024, 2, 12),
            "Sun 02-18 09:00",
            "Mon 02-19 13:00",
            "Mon 02-19 17:00",
            "Mon 02-26 08:30",
            True,
        ),
        # 2027, beyond the package: weekends only, nothing moves
        (
            date(2027, 1, 4),
            "Thu 01-07 09:00",
            "Fri 01-08 13:00",
            "Fri 01-08 17:00",
            "Mon 01-11 08:30",
            False,
        ),
    ],
)
def test_cycle_window_times(
    period_start: date, prompt: str, reminder: str, cutoff: str, digest: str, shifted: bool
) -> None:
    """Each time of a cycle falls on a workday, moved forward past holidays."""
    window = cycle_window(DEFAULT, CAL, period_start, TZ)
    assert (_fmt(window.prompt_at), _fmt(window.reminder_at)) == (prompt, reminder)
    assert (_fmt(window.cutoff_at), _fmt(window.digest_at)) == (cutoff, digest)
    assert window.shifted is shifted
    assert window.cycle_id == weekly_cycle_id("t1", period_start)


def test_make_up_saturday_is_a_prompt_day() -> None:
    """A prompt set for Saturday goes out on a 调休 make-up Saturday (2024-10-12)."""
    team = TeamSettings("t1", prompt_day=Weekday.SAT, cutoff_day=Weekday.MON)
    window = cycle_window(team, CAL, date(2024, 10, 7), TZ)
    assert _fmt(window.prompt_at) == "Sat 10-12 09:00"
    assert _fmt(window.cutoff_at) == "Mon 10-14 17:00"
    assert window.shifted is False


def test_cutoff_before_prompt_day_rolls_into_next_week() -> None:
    """A Friday prompt with a Monday cutoff is answered by the following Monday."""
    team = TeamSettings("t1", prompt_day=Weekday.FRI, cutoff_day=Weekday.MON)
    window = cycle_window(team, CAL, date(2024, 9, 23), TZ)
    assert (_fmt(window.prompt_at), _fmt(window.cutoff_at)) == (
        "Fri 09-27 09:00",
        "Mon 09-30 17:00",
    )


def test_same_day_cutoff_earlier_than_prompt_moves_a_week() -> None:
    """Cutoff on the prompt day but earlier in the day means next week's day."""
    team = TeamSettings(
        "t1",
        prompt_day=Weekday.TUE,
        cutoff_day=Weekday.TUE,
        prompt_time=time(15),
        cutoff_time=time(12),
    )
    window = cycle_window(team, CAL, date(2024, 9, 2), TZ)
    assert (_fmt(window.prompt_at), _fmt(window.cutoff_at)) == (
        "Tue 09-03 15:00",
        "Tue 09-10 12:00",
    )


@pytest.mark.parametrize(
    ("lead_hours", "expected"),
    [
        (4, "Mon 11-11 06:00"),  # a workday: as configured
        (20, "Fri 11-08 14:00"),  # Sunday 14:00 is off: same time on the previous workday
        (200, "Sat 11-09 09:30"),  # before the prompt: halfway between prompt and cutoff
    ],
)
def test_reminder_time(lead_hours: int, expected: str) -> None:
    """The automatic reminder stays on a workday between the prompt and the cutoff."""
    team = TeamSettings(
        "t1",
        prompt_day=Weekday.THU,
        cutoff_day=Weekday.MON,
        cutoff_time=time(10),
        reminder_lead_hours=lead_hours,
    )
    window = cycle_window(team, CAL, date(2024, 11, 4), TZ)
    assert _fmt(window.reminder_at) == expected


def test_every_second_week() -> None:
    """With every_n_weeks=2 only alternate weeks have a cycle; the off week keeps the last."""
    team = TeamSettings("t1", every_n_weeks=2)
    assert is_cycle_week(team, date(2024, 1, 1)) is True
    assert is_cycle_week(team, date(2024, 1, 8)) is False
    assert is_cycle_week(team, date(2024, 1, 15)) is True
    current = cycle_for(team, CAL, local(2024, 1, 12, 10))  # the off week's Friday
    assert current.period_start == date(2024, 1, 1)
    assert next_cycle(team, CAL, local(2024, 1, 12, 10)).period_start == date(2024, 1, 15)


@pytest.mark.parametrize(
    ("now", "current", "coming"),
    [
        (local(2024, 9, 25, 12), date(2024, 9, 16), date(2024, 9, 23)),  # Wed: last week's
        # National Day: the week of 09-30 is merged into that of 10-07 (one prompt, 10-10)
        (local(2024, 9, 26, 9), date(2024, 9, 23), date(2024, 10, 7)),  # at the prompt
        (local(2024, 10, 4, 12), date(2024, 9, 23), date(2024, 10, 7)),  # holiday: not yet
        (local(2024, 10, 8, 10), date(2024, 9, 23), date(2024, 10, 7)),  # no Tuesday prompt
    ],
)
def test_cycle_for_and_next_cycle(now: datetime, current: date, coming: date) -> None:
    """cycle_for is the latest cycle already prompted; next_cycle the first still to come."""
    assert cycle_for(DEFAULT, CAL, now).period_start == current
    assert next_cycle(DEFAULT, CAL, now).period_start == coming


def test_naive_now_is_rejected() -> None:
    """A naive time is a programming error: use Clock.now()."""
    with pytest.raises(ValueError, match="timezone-aware"):
        cycle_for(DEFAULT, CAL, datetime(2024, 9, 25, 12))


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2024, 9, "Mon 09-30 16:00"),
        (2024, 8, "Fri 08-30 16:00"),
        (2024, 2, "Thu 02-29 16:00"),
        (2027, 1, "Fri 01-29 16:00"),
    ],
)
def test_review_window(year: int, month: int, expected: str) -> None:
    """The monthly review is on the month's last workday at review_time."""
    assert _fmt(review_window(DEFAULT, CAL, year, month, TZ).review_at) == expected


def test_review_for_and_next_review() -> None:
    """Before this month's review the latest one is last month's."""
    now = local(2024, 10, 2, 12)
    assert review_for(DEFAULT, CAL, now).cycle_id == "t1.m202409"
    assert next_review(DEFAULT, CAL, now).cycle_id == "t1.m202410"
    december = local(2024, 12, 31, 17)
    assert next_review(DEFAULT, CAL, december).cycle_id == "t1.m202501"
    assert review_for(DEFAULT, CAL, local(2025, 1, 3)).cycle_id == "t1.m202412"


@settings(max_examples=150, deadline=None)
@given(
    prompt_day=st.sampled_from(list(Weekday)),
    cutoff_day=st.sampled_from(list(Weekday)),
    digest_day=st.sampled_from(list(Weekday)),
    prompt_hour=st.integers(0, 23),
    cutoff_hour=st.integers(0, 23),
    lead=st.integers(0, 72),
    week=st.integers(0, 155),
)
def test_window_invariants(
    prompt_day: Weekday,
    cutoff_day: Weekday,
    digest_day: Weekday,
    prompt_hour: int,
    cutoff_hour: int,
    lead: int,
    week: int,
) -> None:
    """For any settings and week of 2024–2026: workdays, prompt ≤ reminder < cutoff < digest."""
    team = TeamSettings(
        "t1",
        prompt_day=prompt_day,
        cutoff_day=cutoff_day,
        digest_day=digest_day,
        prompt_time=time(prompt_hour),
        cutoff_time=time(cutoff_hour),
        reminder_lead_hours=lead,
    )
    window = cycle_window(team, CAL, date(2024, 1, 1) + timedelta(weeks=week), TZ)
    assert window.prompt_at < window.cutoff_at < window.digest_at
    assert window.prompt_at <= window.reminder_at < window.cutoff_at
    for moment in (window.prompt_at, window.cutoff_at, window.digest_at):
        assert CAL.is_workday(moment.date())
    assert monday_of(window.period_start) == window.period_start
