"""签收 for everyone who answers for a task: who may sign, what one signature covers, who is
told, and that the button is offered exactly to those the service accepts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.people import Person, Role
from bot.domain.work import AssigneeRole
from bot.services import Actor, NotAllowed, Target
from bot.services.tasks.signing import Signing
from tests.factories.service_world import World, person


def _colleague(world: World) -> Person:
    """A second official of 县发改委."""
    return person(world.store, world.team, "王强", Role.OFFICIAL, unit_id=world.fgw.id)


def test_one_member_signs_for_the_unit_and_the_other_hears_it(world: World) -> None:
    """张三's 签收 signs the unit's assignment; 王强 is to be told, and pressing later is told
    who signed and when (not that he signed himself)."""
    wang = _colleague(world)
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    signed = world.services.signing.acknowledge(world.actor(world.official), "m1")
    assert [p.id for p in signed.notify] == [wang.id]
    (row,) = world.store.assignments.for_measure("m1")
    assert row.acknowledged_by == world.official.id
    world.clock.advance(timedelta(hours=3))
    later = world.services.signing.acknowledge(world.actor(wang), "m1")
    assert later.already
    (sig,) = later.earlier
    assert (sig.holder, sig.unit, sig.mine) == ("县发改委", True, False)
    assert sig.by is not None
    assert sig.by.id == world.official.id
    assert sig.at == signed.acknowledged_at


def test_own_earlier_signature_is_mine(world: World) -> None:
    """Pressing again after signing oneself reads as one's own signature."""
    world.services.assignments.assign(world.actor(world.lead), "m1", [Target.unit(world.fgw.id)])
    official = world.actor(world.official)
    world.services.signing.acknowledge(official, "m1")
    again = world.services.signing.acknowledge(official, "m1")
    assert [s.mine for s in again.earlier] == [True]
    assert again.notify == ()


def test_leader_signs_himself_and_his_liaison_is_told(world: World) -> None:
    """A leader assigned by name may sign; the liaison who acts for him is told, and the
    liaison's later press says the leader signed."""
    world.services.assignments.assign(
        world.actor(world.lead), "m4", [Target.person(world.leader.id)]
    )
    signed = world.services.signing.acknowledge(world.actor(world.leader), "m4")
    assert [p.id for p in signed.notify] == [world.liaison.id]
    later = world.services.signing.acknowledge(world.actor(world.liaison), "m4")
    (sig,) = later.earlier
    assert sig.by_holder
    assert not sig.mine


def test_notices_say_lead_or_support_and_who_may_sign(world: World) -> None:
    """Each person told gets their duty (unit, role, or the leader a liaison acts for) and a
    signing offer exactly when the service would accept their 签收."""
    result = world.services.assignments.assign(
        world.actor(world.lead),
        "m1",
        [
            Target.unit(world.fgw.id, AssigneeRole.LEAD),
            Target.unit(world.czj.id, AssigneeRole.CO),
            Target.person(world.leader.id, AssigneeRole.CO),
        ],
    )
    duties = {n.person.name: n.duties for n in result.notices}
    assert [(d.role, d.unit) for d in duties["张三"]] == [(AssigneeRole.LEAD, "县发改委")]
    assert [(d.role, d.unit) for d in duties["李四"]] == [(AssigneeRole.CO, "县财政局")]
    assert [(d.role, d.principal) for d in duties["联络丙"]] == [(AssigneeRole.CO, "领导乙")]
    assert [(d.role, d.unit, d.principal) for d in duties["领导乙"]] == [
        (AssigneeRole.CO, None, None)
    ]
    signing = Signing(world.services.deps)
    for notice in result.notices:
        accepted = signing.may_sign(world.actor(notice.person), "m1", world.team.id)
        assert notice.to_sign == accepted


@pytest.mark.parametrize("who", ["lead", "leader", "official", "official2", "liaison"])
def test_the_offer_is_the_services_own_check(world: World, who: str) -> None:
    """For every role, ``to_sign`` in ``/task`` and ``/mytasks`` is true exactly when 签收
    would be accepted and something is unsigned."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.services.assignments.assign(lead, "m4", [Target.person(world.leader.id)])
    actor: Actor = world.actor(getattr(world, who))
    for measure_id in ("m1", "m4"):
        try:
            view = world.services.tasks.view(actor, measure_id)
        except NotAllowed:
            continue
        try:
            world.services.signing.acknowledge(actor, measure_id)
            accepted = True
        except NotAllowed:
            accepted = False
        assert view.summary.to_sign == accepted
        assert not world.services.tasks.view(actor, measure_id).summary.to_sign
    mine = {t.measure.id: t.to_sign for t in world.services.tasks.mine(actor)}
    assert not any(mine.values())


def test_joining_lists_pending_signatures(world: World) -> None:
    """Someone assigned through their unit before joining sees that task to sign on joining."""
    lead = world.actor(world.lead)
    added = world.services.people.add_from_line(lead, world.team.id, "钱八 县发改委 责任人")
    world.services.assignments.assign(lead, "m2", [Target.unit(world.fgw.id)])
    assert added.invite is not None
    # an account id outside service_world's counter (100..9999), which other worlds use up
    joined = world.services.people.join(42_424_242, added.invite.token, "zh-hans")
    assert [(t.measure.id, t.to_sign) for t in joined.tasks] == [("m2", True)]


def test_closed_tasks_offer_no_signing(world: World) -> None:
    """After 销号 nothing is offered to sign."""
    world.services.assignments.assign(world.actor(world.lead), "m1", [Target.unit(world.fgw.id)])
    official = world.actor(world.official)
    request = world.services.closeouts.request(official, "m1", "已完成")
    world.services.closeouts.approve(world.actor(world.lead), request.closeout.id)
    assert not world.services.tasks.view(official, "m1").summary.to_sign


def test_unacked_lists_a_task_until_every_holder_signed(world: World) -> None:
    """``/unacked`` keeps a task while its lead unit has not signed, naming who is missing,
    even when the supporting unit has."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(
        lead, "m1", [Target.unit(world.fgw.id), Target.unit(world.czj.id, AssigneeRole.CO)]
    )
    world.services.signing.acknowledge(world.actor(world.official2), "m1")
    (waiting,) = world.services.assignments.unacknowledged(lead, world.team.id)
    assert [(h.name, h.role) for h in waiting.holders] == [("县发改委", AssigneeRole.LEAD)]
    world.services.signing.acknowledge(world.actor(world.official), "m1")
    assert world.services.assignments.unacknowledged(lead, world.team.id) == ()
