"""Settings are checked where they are entered: a value that would stop the rhythm is refused
with its reason and nothing is saved (it used to crash `duban run` at every start)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.audit import Action
from bot.domain.settings import PROMPT_DAYS, TeamSettings, Weekday, settings_problem
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.check import schedule_problem
from bot.services.common.errors import InvalidInput
from bot.services.people.teams import TeamService
from tests.factories.service_world import TZ, World

NOW = datetime(2024, 9, 23, 10, 0, tzinfo=TZ)  # National Day and the year's holidays ahead


def _changes(world: World) -> int:
    audit = world.store.audit.for_team("tA")
    return sum(1 for entry in audit if entry.action is Action.SETTINGS_CHANGED)


@pytest.mark.parametrize(
    "words", [["prompt", "sat", "09:00"], ["调度", "周日"], ["prompt", "星期六", "9:00"]]
)
def test_a_weekend_prompt_is_refused_and_nothing_saved(world: World, words: list[str]) -> None:
    """`/settings prompt sat 09:00` (regression: saved, then every start crashed) is refused."""
    lead = world.actor(world.lead)
    before = world.services.deps.settings("tA")
    with pytest.raises(InvalidInput) as refused:
        world.services.rhythm_settings.apply_words(lead, "tA", words)
    assert refused.value.code == "err.settings_prompt_day"
    assert world.services.deps.settings("tA") == before
    assert _changes(world) == 0


def test_the_prompt_day_button_is_checked_too(world: World) -> None:
    """The settings button takes the same road: a Sunday prompt day is refused."""
    lead = world.actor(world.lead)
    with pytest.raises(InvalidInput, match=r"err\.settings_prompt_day"):
        world.services.rhythm_settings.apply_button(lead, "tA", "prompt_day", "sun")
    updated = world.services.rhythm_settings.apply_button(lead, "tA", "prompt_day", "fri")
    assert updated.prompt_day is Weekday.FRI


def test_a_change_the_schedule_cannot_run_is_refused(world: World) -> None:
    """The dry run of the schedule has the last word: its refusal leaves the settings as they
    were, whatever the field."""

    def dry_run(settings: TeamSettings) -> str | None:
        return "err.settings_unschedulable" if settings.every_n_weeks == 3 else None

    refusing = TeamService(world.services.deps, world.services.people, dry_run)
    lead = world.actor(world.lead)
    with pytest.raises(InvalidInput, match=r"err\.settings_unschedulable"):
        refusing.update_settings(lead, "tA", every_n_weeks=3)
    assert world.services.deps.settings("tA").every_n_weeks == 1
    assert refusing.update_settings(lead, "tA", every_n_weeks=2).every_n_weeks == 2


@pytest.mark.parametrize("day", list(Weekday))
def test_the_dry_run_accepts_every_weekday_and_refuses_weekends(day: Weekday) -> None:
    """Over the coming year (National Day included) each weekday prompt can run; a weekend
    prompt is refused by the rules before the schedule is tried."""
    settings = TeamSettings("t1", prompt_day=day)
    expected = None if day in PROMPT_DAYS else "err.settings_prompt_day"
    assert schedule_problem(settings, WorkCalendar(), NOW) == expected


def test_numbers_out_of_range_are_a_settings_problem() -> None:
    """A stored value outside its range (an old or hand-edited store) is reported, not run."""
    assert settings_problem(TeamSettings("t1", every_n_weeks=0)) == "err.settings_invalid"
    assert settings_problem(TeamSettings("t1")) is None
