"""One task resolver for every command: ``M3f2a``, ``#M3f2a``, any case, or the plan number."""

from __future__ import annotations

import pytest

from bot.services.common.errors import NotFound
from tests.factories.service_world import World

REFS = ["m1", "#m1", "M1", "#M1", " #m1 ", "1", "#1"]


@pytest.mark.parametrize("ref", REFS)
def test_every_reference_form_finds_the_task(world: World, ref: str) -> None:
    """/task, /closeout and /unassign take the id (with or without #, any case) or the number."""
    lead, official = world.actor(world.lead), world.actor(world.official)
    world.services.assignments.assign_from_args(lead, "tA", ref, ["张三"])
    assert world.services.tasks.view(official, ref, "tA").measure.id == "m1"
    asked = world.services.closeouts.request(official, ref, "已完成", team_id="tA")
    assert asked.measure.id == "m1"
    ended = world.services.assignments.unassign(lead, ref, None, "tA")
    assert [row.measure_id for row in ended.ended] == ["m1"]


@pytest.mark.parametrize("ref", ["0", "99", "#", "", "m99", "第一项"])
def test_unknown_references_are_not_found(world: World, ref: str) -> None:
    """Out-of-range numbers and unknown ids are refused as not found."""
    with pytest.raises(NotFound):
        world.services.tasks.view(world.actor(world.lead), ref, "tA")


def test_a_number_needs_a_team(world: World) -> None:
    """Without a team a bare number names no task (ids still work)."""
    lead = world.actor(world.lead)
    with pytest.raises(NotFound):
        world.services.tasks.view(lead, "1")
    assert world.services.tasks.view(lead, "#M1").measure.id == "m1"
