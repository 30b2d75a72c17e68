"""Assigning measures (交办), suggestions from the plan text, and 签收."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.work import AssigneeRole
from bot.services import Conflict, InvalidInput, NotFound, Target
from tests.factories.service_world import World


def _roles(result: object) -> set[tuple[str | None, str | None, AssigneeRole]]:
    active = result.active  # type: ignore[attr-defined]
    return {(a.person_id, a.unit_id, a.role) for a in active}


def test_parse_targets_first_unit_leads(world: World) -> None:
    """Unit names resolve (fuzzily) to units; the first unit leads, later ones support."""
    targets = world.services.assignments.parse_targets(
        world.actor(world.lead), world.team.id, "发改委 财政局 张三"
    )
    assert targets == (
        Target.unit(world.fgw.id, None),
        Target.unit(world.czj.id, AssigneeRole.CO),
        Target.person(world.official.id),
    )


def test_parse_targets_with_markers(world: World) -> None:
    """牵头:/配合: markers (or lead:/co:) set the role of the names after them."""
    parse = world.services.assignments.parse_targets
    lead = world.actor(world.lead)
    assert parse(lead, world.team.id, ["配合:县发改委", "牵头：县财政局"]) == (
        Target.unit(world.fgw.id, AssigneeRole.CO),
        Target.unit(world.czj.id, AssigneeRole.LEAD),
    )
    assert parse(lead, world.team.id, "lead 发展改革委 co 李四") == (
        Target.unit(world.fgw.id, AssigneeRole.LEAD),
        Target.person(world.official2.id, AssigneeRole.CO),
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ("县教育局", "err.assignee_not_found"),
        ("", "err.no_assignees"),
        ("县", "err.assignee_not_found"),
    ],
)
def test_parse_targets_refusals(world: World, args: str, code: str) -> None:
    """Unknown names and empty arguments are refused."""
    with pytest.raises((InvalidInput, NotFound)) as caught:
        world.services.assignments.parse_targets(world.actor(world.lead), world.team.id, args)
    assert caught.value.code == code


def test_assign_from_args_by_number(world: World) -> None:
    """``/assign 2 发改委 李四`` assigns measure number 2 and says whom to tell."""
    result = world.services.assignments.assign_from_args(
        world.actor(world.lead), world.team.id, "2", "发改委 李四"
    )
    assert result.measure.id == "m2"
    assert _roles(result) == {
        (None, world.fgw.id, AssigneeRole.LEAD),
        (world.official2.id, None, AssigneeRole.LEAD),
    }
    assert {p.id for p in result.notify} == {world.official.id, world.official2.id}
    entries = world.store.audit.for_subject("m2")
    assert [e.action for e in entries] == [Action.ASSIGNED, Action.ASSIGNED]
    assert entries[0].actor_id == world.lead.id


def test_assign_again_is_idempotent_and_second_unit_supports(world: World) -> None:
    """Repeating an assignee changes nothing; a new default unit joins as 配合."""
    service = world.services.assignments
    lead = world.actor(world.lead)
    service.assign(lead, "m1", [Target.unit(world.fgw.id)])
    again = service.assign(lead, "m1", [Target.unit(world.fgw.id), Target.unit(world.czj.id)])
    assert [a.unit_id for a in again.added] == [world.czj.id]
    assert again.ended == ()
    assert _roles(again) == {
        (None, world.fgw.id, AssigneeRole.LEAD),
        (None, world.czj.id, AssigneeRole.CO),
    }


def test_new_explicit_lead_unit_demotes_old(world: World) -> None:
    """Only one unit leads: naming a new lead unit turns the old one into 配合."""
    service = world.services.assignments
    lead = world.actor(world.lead)
    service.assign(lead, "m1", [Target.unit(world.fgw.id)])
    result = service.assign(lead, "m1", [Target.unit(world.czj.id, AssigneeRole.LEAD)])
    assert _roles(result) == {
        (None, world.czj.id, AssigneeRole.LEAD),
        (None, world.fgw.id, AssigneeRole.CO),
    }
    assert len(result.ended) == 1


def test_reassign_ends_old_rows_and_keeps_history(world: World) -> None:
    """Reassigning ends the old rows (kept with ended_at) and adds the new ones."""
    service = world.services.assignments
    lead = world.actor(world.lead)
    service.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.clock.advance(timedelta(hours=1))
    result = service.reassign(lead, "m1", [Target.person(world.official2.id)])
    assert _roles(result) == {(world.official2.id, None, AssigneeRole.LEAD)}
    rows = world.store.assignments.for_measure("m1")
    assert len(rows) == 2
    assert rows[0].ended_at == world.clock.now()


def test_unassign_one_or_all(world: World) -> None:
    """Unassign ends one named assignee, or all; unknown ones are refused."""
    service = world.services.assignments
    lead = world.actor(world.lead)
    service.assign(lead, "m1", [Target.unit(world.fgw.id), Target.person(world.official2.id)])
    one = service.unassign(lead, "m1", Target.person(world.official2.id))
    assert [a.unit_id for a in one.active] == [world.fgw.id]
    with pytest.raises(NotFound):
        service.unassign(lead, "m1", Target.person(world.official2.id))
    assert service.unassign(lead, "m1").active == ()


def test_assign_refuses_removed_measure_and_foreign_assignees(world: World) -> None:
    """Removed measures cannot be assigned; people of another team are not found."""
    from dataclasses import replace

    world.store.measures.save(replace(world.measures[4], removed_at=world.clock.now()))
    lead = world.actor(world.lead)
    with pytest.raises(Conflict):
        world.services.assignments.assign(lead, "m5", [Target.unit(world.fgw.id)])
    with pytest.raises(NotFound):
        world.services.assignments.assign(lead, "m1", [Target.person(world.other_lead.id)])


def test_notify_includes_unit_officials_and_liaisons(world: World) -> None:
    """People to tell: direct assignees, joined officials of units, and their liaisons."""
    lead = world.actor(world.lead)
    result = world.services.assignments.assign(
        lead, "m1", [Target.unit(world.fgw.id), Target.person(world.leader.id)]
    )
    assert {p.id for p in result.notify} == {world.official.id, world.leader.id, world.liaison.id}


def test_not_joined_assignees_are_listed(world: World) -> None:
    """Assigned people who have not joined are returned so the lead can chase them."""
    lead = world.actor(world.lead)
    added = world.services.people.add_from_line(lead, world.team.id, "周八 县发改委")
    result = world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    assert [p.id for p in result.not_joined] == [added.person.id]


def test_auto_suggest_and_apply(world: World) -> None:
    """Suggestions match plan unit names to roster units; applying assigns them."""
    service = world.services.assignments
    lead = world.actor(world.lead)
    suggestions = service.auto_suggest(lead, world.team.id)
    found = {(p.measure.id, p.unit.id, p.role) for p in suggestions.proposals}
    assert found == {
        ("m1", world.fgw.id, AssigneeRole.LEAD),
        ("m1", world.czj.id, AssigneeRole.CO),
        ("m2", world.fgw.id, AssigneeRole.LEAD),
        ("m4", world.czj.id, AssigneeRole.LEAD),
    }
    assert suggestions.unmatched_names == ("县教育局",)
    applied = service.auto_apply(lead, world.team.id, ["m2." + world.fgw.id, "gone"])
    assert [r.measure.id for r in applied.results] == ["m2"]
    assert applied.skipped == ("gone",)
    rest = service.auto_apply(lead, world.team.id)
    assert sorted(r.measure.id for r in rest.results) == ["m1", "m4"]
    assert [m.id for m in service.unassigned(lead, world.team.id)] == ["m3", "m5"]
    with pytest.raises(NotFound) as caught:
        service.auto_apply(lead, world.team.id, ["m2." + world.fgw.id])
    assert caught.value.code == "err.proposal_not_found"


def test_acknowledge_is_idempotent(world: World) -> None:
    """签收 stamps the assignee's rows once; repeating reports ``already``."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    assert [
        t.measure.id for t in world.services.assignments.unacknowledged(lead, world.team.id)
    ] == ["m1"]
    official = world.actor(world.official)
    first = world.services.signing.acknowledge(official, "m1")
    world.clock.advance(timedelta(hours=2))
    second = world.services.signing.acknowledge(official, "m1")
    assert not first.already
    assert second.already
    assert second.acknowledged_at == first.acknowledged_at
    assert world.services.assignments.unacknowledged(lead, world.team.id) == ()
    acks = [e for e in world.store.audit.for_subject("m1") if e.action is Action.ACKNOWLEDGED]
    assert len(acks) == 1


def test_liaison_acknowledges_for_principal(world: World) -> None:
    """A liaison signs for their principal's task; the audit names the principal."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m4", [Target.person(world.leader.id)])
    world.services.signing.acknowledge(world.actor(world.liaison), "m4")
    entry = world.store.audit.for_subject("m4")[-1]
    assert entry.actor_id == world.liaison.id
    assert entry.detail["on_behalf_of"] == world.leader.id
