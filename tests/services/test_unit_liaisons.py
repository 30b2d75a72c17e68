"""A unit's own liaison answers for the unit's tasks; its officials may add."""

from __future__ import annotations

from datetime import datetime

from bot.domain.people import Role, Unit
from bot.domain.work import PromptState, ReportStatus
from bot.rhythm.events import EventKind
from bot.services import ReportFields
from tests.factories.service_world import TZ, World, person

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
    saved = world.services.reports.submit(actor, "m3", ReportFields(status=ReportStatus.ON_TRACK))
    assert saved.report.on_behalf_of is None


def test_the_units_own_liaison_answers_for_it_and_its_officials_may_add(world: World) -> None:
    """With an official in the unit, its own liaison still holds its tasks and is its
    reporter (填报人); a liaison acting for a leader does not hold the unit's tasks."""
    unit, liaison_id = _unit_with_liaison(world)
    official = person(world.store, world.team, "王五", Role.OFFICIAL, unit_id=unit.id)
    for_leader = person(
        world.store,
        world.team,
        "秘书己",
        Role.LIAISON,
        unit_id=unit.id,
        on_behalf_of=world.leader.id,
    )
    world.services.assignments.assign_from_args(world.actor(world.lead), "tA", "m3", ["县教育局"])
    for someone in (liaison_id, official.id):
        actor = world.actor(world.store.people.get(someone))
        assert [t.measure.id for t in world.services.tasks.mine(actor)] == ["m3"]
    assert "m3" not in [t.measure.id for t in world.services.tasks.mine(world.actor(for_leader))]
    (found,) = [
        r
        for r in world.services.people.reporters(world.actor(world.lead), "tA")
        if r.unit.id == unit.id
    ]
    assert found.person is not None
    assert (found.person.id, found.named) == (liaison_id, False)


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
