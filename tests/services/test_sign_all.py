"""签收全部 signs exactly the tasks its list showed: the batch of assignments that list was sent
for, not whatever else the presser was given at the same moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.people import Role
from bot.domain.work import AssigneeRole
from bot.services import NotAllowed, Target
from tests.factories.service_world import World, person

M1, M2 = "m1.uFGW", "m2.uFGW"  # suggestions: m1 and m2 to 县发改委 (张三's unit)


def _batch(world: World, *proposals: str, by: str = "lead") -> str:
    """Accept suggestions at once as the lead (or another lead): the batch id of the list."""
    lead = world.lead if by == "lead" else person(world.store, world.team, by, Role.LEAD)
    applied = world.services.assignments.auto_apply(
        world.actor(lead), world.team.id, list(proposals)
    )
    assert applied.batch_id is not None
    return applied.batch_id


def _signed(world: World, measure_id: str) -> bool:
    """Whether 县发改委's assignment of the measure in force is signed."""
    rows = [a for a in world.store.assignments.for_measure(measure_id) if a.active]
    return any(a.unit_id == world.fgw.id and a.acknowledged_at is not None for a in rows)


def _acks(world: World, measure_id: str) -> int:
    """How many 签收 the audit records for the measure."""
    entries = world.store.audit.for_subject(measure_id)
    return sum(e.action is Action.ACKNOWLEDGED for e in entries)


def test_two_batches_in_the_same_second_by_different_assigners_stay_apart(world: World) -> None:
    """Two leads each send 张三's unit a batch at the very same moment: 签收全部 on the first
    list signs its task only; the other list's stays unsigned until its own button."""
    first = _batch(world, M1)
    second = _batch(world, M2, by="督办戊")
    rows = world.store.assignments.for_measures(["m1", "m2"])
    assert len({a.assigned_at for a in rows}) == 1  # one moment: a time window cannot tell
    official = world.actor(world.official)
    result = world.services.signing.acknowledge_batch(official, world.team.id, first)
    assert [r.measure.id for r in result.signed] == ["m1"]
    assert (_signed(world, "m1"), _signed(world, "m2")) == (True, False)
    again = world.services.signing.acknowledge_batch(official, world.team.id, second)
    assert [r.measure.id for r in again.signed] == ["m2"]
    assert (_acks(world, "m1"), _acks(world, "m2")) == (1, 1)


def test_the_record_names_the_batch_of_each_assignment_and_its_sign_all(world: World) -> None:
    """The audit of each assignment of the batch, and of each 签收 its list's press made, names
    the batch; a 签收 one by one names none."""
    batch = _batch(world, M1, M2)
    official = world.actor(world.official)
    world.services.signing.acknowledge(official, "m2")
    world.services.signing.acknowledge_batch(official, world.team.id, batch)
    named = {
        (e.subject, e.action): e.detail.get("batch")
        for e in world.store.audit.for_team(world.team.id)
        if e.action in (Action.ASSIGNED, Action.ACKNOWLEDGED)
    }
    assert named == {
        ("m1", Action.ASSIGNED): batch,
        ("m2", Action.ASSIGNED): batch,
        ("m1", Action.ACKNOWLEDGED): batch,
        ("m2", Action.ACKNOWLEDGED): None,
    }


def test_a_task_signed_one_by_one_before_is_left_as_it_was(world: World) -> None:
    """A listed task 张三 signed on its own first keeps that 签收 (time, one audit row); the
    press signs the rest and reports it as signed before."""
    batch = _batch(world, M1, M2)
    official = world.actor(world.official)
    single = world.services.signing.acknowledge(official, "m2")
    world.clock.advance(timedelta(hours=3))
    result = world.services.signing.acknowledge_batch(official, world.team.id, batch)
    assert [r.measure.id for r in result.signed] == ["m1"]
    assert [r.measure.id for r in result.already] == ["m2"]
    assert (result.reassigned, result.removed) == ((), ())
    m2 = next(a for a in world.store.assignments.for_measure("m2") if a.active)
    assert m2.acknowledged_at == single.acknowledged_at
    assert (_acks(world, "m1"), _acks(world, "m2")) == (1, 1)


def test_a_task_reassigned_or_removed_between_list_and_press_is_skipped(world: World) -> None:
    """Between the list and the press m2 goes to 县财政局 and m1 leaves the plan: nothing is
    signed, the answer names both as skipped, and 县财政局's new assignment stays unsigned."""
    batch = _batch(world, M1, M2)
    lead = world.actor(world.lead)
    world.services.assignments.reassign(lead, "m2", [Target.unit(world.czj.id)])
    world.store.measures.save(replace(world.measures[0], removed_at=world.clock.now()))
    result = world.services.signing.acknowledge_batch(
        world.actor(world.official), world.team.id, batch
    )
    assert (result.signed, result.already) == ((), ())
    assert [m.id for m in result.reassigned] == ["m2"]
    assert [m.id for m in result.removed] == ["m1"]
    assert all(a.acknowledged_at is None for a in world.store.assignments.for_measure("m2"))
    assert (_acks(world, "m1"), _acks(world, "m2")) == (0, 0)


def test_a_role_changed_between_list_and_press_is_signed_a_reassigned_task_is_not(
    world: World,
) -> None:
    """Between the list and the press 县发改委 goes from 牵头 to 配合 on m1 (its listed row ends,
    a new one starts) and m2 goes to 县财政局: 张三's press signs m1 in the row now in force,
    as a single 签收 would (the record names the batch), and skips m2 as reassigned."""
    batch = _batch(world, M1, M2)
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id, AssigneeRole.CO)])
    world.services.assignments.reassign(lead, "m2", [Target.unit(world.czj.id)])
    result = world.services.signing.acknowledge_batch(
        world.actor(world.official), world.team.id, batch
    )
    assert [r.measure.id for r in result.signed] == ["m1"]
    assert [m.id for m in result.reassigned] == ["m2"]
    m1 = [a for a in world.store.assignments.for_measure("m1") if a.active]
    assert [(a.role, a.batch_id, a.acknowledged_by) for a in m1] == [
        (AssigneeRole.CO, None, world.official.id)
    ]
    assert all(a.acknowledged_at is None for a in world.store.assignments.for_measure("m2"))
    signed = [
        e.detail.get("batch")
        for e in world.store.audit.for_subject("m1")
        if e.action is Action.ACKNOWLEDGED
    ]
    assert (signed, _acks(world, "m2")) == ([batch], 0)


@pytest.mark.parametrize(
    ("listed", "now"), [(AssigneeRole.CO, AssigneeRole.LEAD), (AssigneeRole.LEAD, AssigneeRole.CO)]
)
def test_a_liaison_signs_the_leaders_task_after_a_role_change(
    world: World, listed: AssigneeRole, now: AssigneeRole
) -> None:
    """领导乙 is listed on m4 in one role and the lead then gives him the other: 联络丙's
    签收全部 signs m4 for him in the row now in force; 张三's m3, listed too, goes to 李四 by
    name and is skipped as reassigned."""
    lead = world.actor(world.lead)
    assign = world.services.assignments.assign
    assign(lead, "m4", [Target.person(world.leader.id, listed)])
    assign(lead, "m3", [Target.person(world.leader.id)])
    for row in world.store.assignments.for_measures(["m3", "m4"]):
        world.store.assignments.save(replace(row, batch_id="b1"))
    assign(lead, "m4", [Target.person(world.leader.id, now)])
    world.services.assignments.reassign(lead, "m3", [Target.person(world.official2.id)])
    result = world.services.signing.acknowledge_batch(
        world.actor(world.liaison), world.team.id, "b1"
    )
    assert [r.measure.id for r in result.signed] == ["m4"]
    assert [m.id for m in result.reassigned] == ["m3"]
    m4 = [a for a in world.store.assignments.for_measure("m4") if a.active]
    assert [(a.role, a.acknowledged_by) for a in m4] == [(now, world.liaison.id)]
    assert all(a.acknowledged_at is None for a in world.store.assignments.for_measure("m3"))


def test_a_batch_the_presser_had_no_part_in_is_refused(world: World) -> None:
    """李四 (县财政局) pressing a list sent to 县发改委 is refused and signs nothing."""
    batch = _batch(world, M1, M2)
    other = world.actor(world.official2)
    with pytest.raises(NotAllowed):
        world.services.signing.acknowledge_batch(other, world.team.id, batch)
    assert (_signed(world, "m1"), _signed(world, "m2")) == (False, False)
