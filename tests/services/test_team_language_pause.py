"""Team language from DUBAN_LANGUAGE and /settings; pausing; a leader's own /digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from bot.render.rhythm.digest import render_digest
from bot.rhythm.digest import NotOpened
from bot.services.common.errors import InvalidInput, NotAllowed
from tests.factories.service_world import TZ, World


def test_a_new_team_takes_the_deployment_language(world: World) -> None:
    """/newteam under DUBAN_LANGUAGE=en makes an English team; an unknown code is refused."""
    created = world.services.teams.create(world.admin, "ZZ County", language="en")
    assert created.settings.language == "en"
    assert world.services.deps.settings(created.team.id).language == "en"
    with pytest.raises(InvalidInput):
        world.services.teams.create(world.admin, "WW County", language="fr")


@pytest.mark.parametrize(
    ("words", "field", "value"),
    [
        (["language", "en"], "language", "en"),
        (["语言", "中文"], "language", "zh"),
        (["pause", "on"], "paused", True),
        (["暂停", "关"], "paused", False),
    ],
)
def test_settings_set_language_and_pause(
    world: World, words: list[str], field: str, value: object
) -> None:
    """A lead changes the team language and pauses or resumes the rhythm by words."""
    updated = world.services.rhythm_settings.apply_words(world.actor(world.lead), "tA", words)
    assert getattr(updated, field) == value


def test_buttons_toggle_language_and_pause(world: World) -> None:
    """The /settings buttons carry language and pause values the service accepts."""
    service, lead = world.services.rhythm_settings, world.actor(world.lead)
    assert service.apply_button(lead, "tA", "language", "en").language == "en"
    assert service.apply_button(lead, "tA", "pause", "on").paused is True
    with pytest.raises(InvalidInput):
        service.apply_button(lead, "tA", "language", "fr")


def test_a_paused_team_has_nothing_due_and_its_digest_says_so(world: World) -> None:
    """Paused: no events are due, and a digest pulled anyway carries the paused line."""
    world.services.rhythm_settings.apply_words(world.actor(world.lead), "tA", ["pause", "on"])
    world.clock.set(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    assert world.services.rhythm.due("tA") == []
    out = world.services.digests.latest(world.actor(world.leader), "tA")
    assert out.digest.paused
    assert "已暂停" in render_digest(out.digest, "zh", "group")[0]


def test_leaders_pull_the_latest_sent_digest_and_officials_may_not(world: World) -> None:
    """A leader gets the latest digest that went out; an official is refused."""
    world.services.assignments.assign_from_args(world.actor(world.lead), "tA", "m1", ["张三"])
    world.clock.set(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    (event,) = world.services.rhythm.due("tA")
    assert event.window is not None
    cycle = world.services.rhythm.open_cycle(event.window).cycle
    world.store.cycles.save(replace(cycle, digest_sent_at=datetime(2024, 3, 11, 8, 30, tzinfo=TZ)))
    world.clock.set(datetime(2024, 3, 15, 10, 0, tzinfo=TZ))
    out = world.services.digests.latest(world.actor(world.leader), "tA")
    assert out.digest.cycle_id == cycle.id
    with pytest.raises(NotAllowed):
        world.services.digests.latest(world.actor(world.official), "tA")


def test_a_week_passed_during_a_pause_reads_paused_after_resuming(world: World) -> None:
    """Paused over a week's prompt and resumed after it: that week's digest says the rhythm
    was paused (not that the bot was down), and nothing of it is due; a later week with no
    cycle outside the pause still reads missed."""
    lead = world.actor(world.lead)
    world.clock.set(datetime(2024, 3, 5, 10, 0, tzinfo=TZ))
    world.services.rhythm_settings.apply_words(lead, "tA", ["pause", "on"])
    world.clock.set(datetime(2024, 3, 12, 10, 0, tzinfo=TZ))  # resumed the next Tuesday
    settings = world.services.rhythm_settings.apply_words(lead, "tA", ["pause", "off"])
    assert (settings.paused_from, settings.resumed_at) == (
        datetime(2024, 3, 5, 10, 0, tzinfo=TZ),
        datetime(2024, 3, 12, 10, 0, tzinfo=TZ),
    )
    assert world.services.rhythm.due("tA") == []
    digest = world.services.digests.digest("tA", "tA.w20240304").digest
    assert digest.not_opened is NotOpened.PAUSED
    assert "已暂停" in render_digest(digest, "zh")[0]
    assert "停机" not in render_digest(digest, "zh")[0]
    world.clock.set(datetime(2024, 3, 19, 10, 0, tzinfo=TZ))  # the next week never recorded
    later = world.services.digests.digest("tA").digest
    assert (later.cycle_id, later.not_opened) == ("tA.w20240311", NotOpened.MISSED)
