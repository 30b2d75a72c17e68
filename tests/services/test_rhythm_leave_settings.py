"""Leave (/leave) and the rhythm's settings in chat (/settings), as services."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bot.domain.audit import Action
from bot.domain.settings import Weekday
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.schedule import cycle_for
from bot.rhythm.snapshot import load_snapshot
from bot.services.common.errors import InvalidInput, NotAllowed, NotFound
from bot.services.common.typed import parse_date
from bot.services.people.leave import parse_leave_args
from bot.services.rhythm.settings import changes_for, item_code, parse_day
from tests.factories.service_world import TZ, World

TODAY = date(2024, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04", date(2024, 3, 4)),
        ("2024/3/8", date(2024, 3, 8)),
        ("3月4日", date(2024, 3, 4)),
        ("2025年1月2日", date(2025, 1, 2)),
        ("12-30", date(2024, 12, 30)),
        ("1月5日", date(2024, 1, 5)),  # two months ago: still this year
    ],
)
def test_dates_people_write(text: str, expected: date) -> None:
    """ISO dates, 3月4日 and short forms are read relative to today."""
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["明天", "2024-13-01", "3月32日", ""])
def test_unreadable_dates_are_refused(text: str) -> None:
    """Anything else is InvalidInput with the text."""
    with pytest.raises(InvalidInput):
        parse_date(text, TODAY)


def test_leave_forms() -> None:
    """Own leave, a lead's leave for someone with a deputy, and cancel."""
    own = parse_leave_args(["3月5日", "3月8日"], TODAY)
    assert (own.person, own.start, own.end) == (None, date(2024, 3, 5), date(2024, 3, 8))
    other = parse_leave_args(["李四", "3月5日", "3月8日", "张三"], TODAY)
    assert (other.person, other.deputy) == ("李四", "张三")
    assert parse_leave_args(["cancel", "李四"], TODAY).cancel


def test_own_leave_skips_the_prompt_and_is_audited(world: World) -> None:
    """On leave on the prompt day: no prompt (SKIPPED later, shown as 请假)."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", world.measures[3].id, ["李四"])
    li = world.actor(world.official2)
    result = world.services.leave.request(li, "tA", ["3月6日", "3月8日"])
    assert result.leave is not None
    snapshot = load_snapshot(world.store, "tA")
    window = cycle_for(
        snapshot.settings, world.services.rhythm.calendar, datetime(2024, 3, 7, 9, 0, tzinfo=TZ)
    )
    plan = plan_dispatch(snapshot, window)
    assert [s.person_id for s in plan.skipped] == [world.official2.id]
    assert world.store.audit.for_subject(world.official2.id)[-1].action is Action.LEAVE_SET


def test_a_lead_sets_leave_with_a_deputy_and_cancels_it(world: World) -> None:
    """The deputy gets the prompts meanwhile; cancelling removes the leave."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", world.measures[3].id, ["李四"])
    result = world.services.leave.request(lead, "tA", ["李四", "3月6日", "3月8日", "张三"])
    assert result.deputy is not None
    snapshot = load_snapshot(world.store, "tA")
    window = cycle_for(
        snapshot.settings, world.services.rhythm.calendar, datetime(2024, 3, 7, 9, 0, tzinfo=TZ)
    )
    (planned,) = plan_dispatch(snapshot, window).planned
    assert (planned.person_id, planned.covering_for) == (world.official.id, (world.official2.id,))
    cancelled = world.services.leave.request(lead, "tA", ["cancel", "李四"])
    assert cancelled.cancelled == 1
    with pytest.raises(NotFound):
        world.services.leave.request(lead, "tA", ["cancel", "李四"])


def test_officials_set_only_their_own_leave(world: World) -> None:
    """An official naming someone else is refused; backwards dates are refused."""
    zhang = world.actor(world.official)
    with pytest.raises(NotAllowed):
        world.services.leave.request(zhang, "tA", ["李四", "3月6日", "3月8日"])
    with pytest.raises(InvalidInput):
        world.services.leave.request(zhang, "tA", ["3月8日", "3月6日"])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["prompt", "thu", "09:00"], {"prompt_day": Weekday.THU, "prompt_time": time(9, 0)}),
        (["调度", "周二", "15:30"], {"prompt_day": Weekday.TUE, "prompt_time": time(15, 30)}),
        (["cutoff", "星期五"], {"cutoff_day": Weekday.FRI}),
        (["digest", "0830"], {"digest_time": time(8, 30)}),
        (["研判", "16:00"], {"review_time": time(16, 0)}),
        (["deadlines", "08:30"], {"deadline_check_time": time(8, 30)}),
        (["期限", "7:45"], {"deadline_check_time": time(7, 45)}),
        (["every", "2"], {"every_n_weeks": 2}),
        (["催办", "3"], {"reminders_per_cycle": 3}),
        (["naming", "on"], {"public_naming": True}),
        (["点名", "关"], {"public_naming": False}),
        (["claim", "48"], {"claim_hours": 48}),
        (["签收", "0"], {"claim_hours": 0}),
    ],
)
def test_settings_text_form(words: list[str], expected: dict[str, object]) -> None:
    """``/settings <item> <values…>`` in English or Chinese; days by name only."""
    assert changes_for(item_code(words[0]), words[1:]) == expected


@pytest.mark.parametrize(
    "words",
    [
        ["prompt", "4", "09:00"],
        ["colour", "red"],
        ["every", "x"],
        ["prompt", "thu", "25:00"],
        ["naming", "maybe"],
        ["claim", "-1"],
    ],
)
def test_bad_settings_are_refused(words: list[str]) -> None:
    """Numbers for days, unknown items and bad values are InvalidInput."""
    with pytest.raises(InvalidInput):
        changes_for(item_code(words[0]), words[1:])


def test_weekday_names_only() -> None:
    """Names in either language; never a number (PTB and APScheduler disagree on them)."""
    assert parse_day("Thursday") is Weekday.THU
    assert parse_day("周日") is Weekday.SUN
    with pytest.raises(InvalidInput):
        parse_day("4")


def test_settings_change_by_lead_only_and_audited(world: World) -> None:
    """A lead's change is saved and audited; an official's is refused; ranges are checked."""
    lead = world.actor(world.lead)
    updated = world.services.rhythm_settings.apply_words(lead, "tA", ["prompt", "wed", "10:00"])
    assert (updated.prompt_day, updated.prompt_time) == (Weekday.WED, time(10, 0))
    button = world.services.rhythm_settings.apply_button(lead, "tA", "every", "2")
    assert button.every_n_weeks == 2
    with pytest.raises(InvalidInput):
        world.services.rhythm_settings.apply_button(lead, "tA", "every", "20")
    with pytest.raises(NotAllowed):
        world.services.rhythm_settings.apply_words(
            world.actor(world.official), "tA", ["every", "1"]
        )
    changes = [e for e in world.store.audit.for_team("tA") if e.action is Action.SETTINGS_CHANGED]
    assert len(changes) == 3


def test_the_claim_limit_is_checked_where_entered(world: World) -> None:
    """``/settings claim`` takes 0 (off) to 720 hours; more is refused and nothing is saved."""
    lead = world.actor(world.lead)
    assert world.services.rhythm_settings.apply_words(lead, "tA", ["claim", "8"]).claim_hours == 8
    with pytest.raises(InvalidInput):
        world.services.rhythm_settings.apply_words(lead, "tA", ["签收", "721"])
    assert world.services.deps.settings("tA").claim_hours == 8


def test_the_deadline_check_time_is_a_team_setting(world: World) -> None:
    """Default 09:00 on workdays; a lead moves it by text or button; the next check follows."""
    lead = world.actor(world.lead)
    rhythm = world.services.rhythm
    friday_evening = datetime(2024, 9, 27, 18, 0, tzinfo=TZ)
    assert world.services.deps.settings("tA").deadline_check_time == time(9, 0)
    sunday_workday = datetime(2024, 9, 29, 9, 0, tzinfo=TZ)  # 调休: a make-up workday
    assert rhythm.next_deadline_check("tA", friday_evening) == sunday_workday
    world.services.rhythm_settings.apply_words(lead, "tA", ["期限", "8:15"])
    updated = world.services.rhythm_settings.apply_button(lead, "tA", "deadlines_time", "0730")
    assert updated.deadline_check_time == time(7, 30)
    monday = datetime(2024, 9, 30, 7, 0, tzinfo=TZ)
    assert rhythm.next_deadline_check("tA", monday) == datetime(2024, 9, 30, 7, 30, tzinfo=TZ)
    assert not rhythm.deadline_check_due("tA", monday)
    assert rhythm.deadline_check_due("tA", datetime(2024, 9, 30, 7, 30, tzinfo=TZ))
    # National Day: no deadline notices on holidays; the next check is after them
    holiday = datetime(2024, 10, 2, 10, 0, tzinfo=TZ)
    assert not rhythm.deadline_check_due("tA", holiday)
    assert rhythm.next_deadline_check("tA", holiday) == datetime(2024, 10, 8, 7, 30, tzinfo=TZ)
