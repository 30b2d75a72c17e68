"""A liaison of a unit with no officials answers for the unit's tasks."""

from __future__ import annotations

from datetime import datetime

from svc_world import TZ, World, person

from bot.domain.people import Role, Unit
from bot.domain.work import PromptState, ReportStatus
from bot.rhythm.events import EventKind

THU = datetime(2024, 3, 7, 9, 0, tzinfo=TZ)


def _unit_with_liaison(world: World) -> tuple[Unit, str]:
    unit = Unit("uJYJ", "tA", "县教育局")
    world.store.units.save(unit)
    liaison = person(world.store, world.team, "联络戊", Role.LIAISON, unit_id=unit.id)
    return unit, liaison.id


def test_a_units_liaison_owns_its_tasks_when_the_unit_has_no_officials(world: World) -> None:
    """Assigned to the unit, the task is the liaison's: listed, told and reportable."""
    _, liaison_id = _unit_with_liaison(world)
    lead = world.actor(world.lead)
    result = world.services.assignments.assign_from_args(lead, "tA", "m3", ["县教育局"])
    assert [p.id for p in result.notify] == [liaison_id]
    actor = world.actor(world.store.people.get(liaison_id))
    assert [t.measure.id for t in world.services.tasks.mine(actor)] == ["m3"]
    saved = world.services.reports.submit(actor, "m3", ReportStatus.ON_TRACK)
    assert saved.report.on_behalf_of is None


def test_an_official_in_the_unit_takes_over_from_the_liaison(world: World) -> None:
    """Once the unit has an official, the unit's tasks are the official's, not the liaison's."""
    unit, liaison_id = _unit_with_liaison(world)
    person(world.store, world.team, "王五", Role.OFFICIAL, unit_id=unit.id)
    world.services.assignments.assign_from_args(world.actor(world.lead), "tA", "m3", ["县教育局"])
    actor = world.actor(world.store.people.get(liaison_id))
    assert world.services.tasks.mine(actor) == ()


def test_the_units_liaison_answers_the_weekly_prompt(world: World) -> None:
    """The dispatch asks the liaison, and a tap on the prompt files the answer in the cycle."""
    _, liaison_id = _unit_with_liaison(world)
    world.services.assignments.assign_from_args(world.actor(world.lead), "tA", "m3", ["县教育局"])
    world.clock.set(THU)
    (event,) = [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.PROMPT]
    assert event.window is not None
    opened = world.services.rhythm.open_cycle(event.window)
    (row,) = [p for p in opened.prompts if p.person_id == liaison_id]
    assert row.state is PromptState.PENDING
    assert row.measure_ids == ("m3",)
    actor = world.actor(world.store.people.get(liaison_id))
    done = world.services.prompts.answer(actor, opened.cycle.id, "m3", ReportStatus.BEHIND)
    assert done.saved.report.cycle_id == opened.cycle.id
    assert done.view is not None
    assert done.view.open_tasks == ()
