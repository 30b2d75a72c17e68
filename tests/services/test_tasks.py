"""Task views: mine, one task with its history, team listings; and close-out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.work import AssigneeRole, CloseoutState
from bot.services import (
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    ReportFields,
    Target,
    TaskFilter,
)
from tests.factories.service_world import World


@pytest.fixture
def assigned(world: World) -> World:
    """m1 (due in 2 days) and m2 to 发改委; m4 (due June) to 领导乙."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m2", [Target.unit(world.fgw.id)])
    world.services.assignments.assign(
        lead, "m1", [Target.unit(world.fgw.id), Target.unit(world.czj.id)]
    )
    world.services.assignments.assign(lead, "m4", [Target.person(world.leader.id)])
    return world


def test_mine_orders_urgent_first(assigned: World) -> None:
    """My tasks: due soon first, then behind, then the rest in plan order."""
    services = assigned.services
    official = assigned.actor(assigned.official)
    services.reports.submit(official, "m2", ReportFields(status="behind"))
    mine = services.tasks.mine(official)
    assert [t.measure.id for t in mine] == ["m1", "m2"]
    assert mine[0].due_soon
    assert mine[1].behind
    assigned.clock.advance(timedelta(days=3))
    assert services.tasks.mine(official)[0].overdue


def test_liaison_sees_principals_tasks(assigned: World) -> None:
    """A liaison's tasks are their principal's."""
    mine = assigned.services.tasks.mine(assigned.actor(assigned.liaison))
    assert [t.measure.id for t in mine] == ["m4"]


def test_mine_refuses_strangers(assigned: World) -> None:
    """A stranger has no tasks to see."""
    with pytest.raises(NotAllowed) as caught:
        assigned.services.tasks.mine(assigned.actor(None))
    assert caught.value.code == "err.not_registered"


def test_view_has_owners_and_full_history(assigned: World) -> None:
    """A task view lists lead/co units, people and every step: 交办, 签收, 反馈, 办结, 销号."""
    services = assigned.services
    official = assigned.actor(assigned.official)
    services.signing.acknowledge(official, "m1")
    saved = services.reports.submit(official, "m1", ReportFields(status="done", progress=100))
    request = services.closeouts.request(official, "m1", "验收通过", ["photo"])
    services.closeouts.approve(assigned.actor(assigned.lead), request.closeout.id)
    view = services.tasks.view(official, "m1")
    assert [u.id for u in view.lead_units] == [assigned.fgw.id]
    assert [u.id for u in view.co_units] == [assigned.czj.id]
    assert [h.action for h in view.history] == [
        Action.ASSIGNED,
        Action.ASSIGNED,
        Action.ACKNOWLEDGED,
        Action.REPORTED,
        Action.CLOSEOUT_REQUESTED,
        Action.CLOSEOUT_APPROVED,
    ]
    assert view.history[3].report == saved.report
    assert view.history[0].actor == assigned.lead
    assert view.summary.closed
    assert services.tasks.mine(official)[0].measure.id == "m2"  # closed task left out


def test_view_refuses_others_tasks(assigned: World) -> None:
    """An official may not view a task not theirs; the other team's lead is answered as if
    the task did not exist."""
    with pytest.raises(NotAllowed):
        assigned.services.tasks.view(assigned.actor(assigned.official2), "m2")
    with pytest.raises(NotFound) as caught:
        assigned.services.tasks.view(assigned.actor(assigned.other_lead), "m1")
    assert caught.value.code == "err.measure_not_found"
    with pytest.raises(NotFound):
        assigned.services.tasks.view(assigned.actor(assigned.lead), "M0000")


@pytest.mark.parametrize(
    ("wanted", "ids"),
    [
        (TaskFilter.ALL, ["m1", "m2", "m3", "m4", "m5"]),
        (TaskFilter.UNASSIGNED, ["m3", "m5"]),
        (TaskFilter.UNACKNOWLEDGED, ["m1", "m2", "m4"]),  # m1: 县财政局 has not signed
        (TaskFilter.NO_REPORT, ["m2", "m4"]),
        (TaskFilter.DUE_SOON, ["m1"]),
        (TaskFilter.BEHIND, ["m1"]),
        (TaskFilter.CLOSEOUT_PENDING, []),
    ],
)
def test_list_filters(assigned: World, wanted: TaskFilter, ids: list[str]) -> None:
    """Team listings filter by state."""
    official = assigned.actor(assigned.official)
    assigned.services.signing.acknowledge(official, "m1")
    assigned.services.reports.submit(official, "m1", ReportFields(status="blocked"))
    page = assigned.services.tasks.list(assigned.actor(assigned.leader), assigned.team.id, wanted)
    assert [t.measure.id for t in page.items] == ids


def test_officials_cannot_list_the_team(assigned: World) -> None:
    """Team listings are for leads, leaders and admins."""
    with pytest.raises(NotAllowed):
        assigned.services.tasks.list(assigned.actor(assigned.official), assigned.team.id)


def test_closeout_request_notifies_leads_and_blocks_duplicates(assigned: World) -> None:
    """A request tells the leads; a second pending request is refused."""
    official = assigned.actor(assigned.official)
    result = assigned.services.closeouts.request(official, "m1", "完成")
    assert [p.id for p in result.notify] == [assigned.lead.id]
    assert result.closeout.state is CloseoutState.PENDING
    with pytest.raises(Conflict) as caught:
        assigned.services.closeouts.request(official, "m1")
    assert caught.value.code == "err.closeout_pending"
    pending = assigned.services.closeouts.pending(assigned.actor(assigned.lead), assigned.team.id)
    assert [p.closeout.id for p in pending] == [result.closeout.id]


def test_closeout_return_needs_reason_and_notifies(assigned: World) -> None:
    """退回 needs a reason, tells the requester and assignees, and allows a new request."""
    official = assigned.actor(assigned.official)
    lead = assigned.actor(assigned.lead)
    request = assigned.services.closeouts.request(official, "m1", "完成")
    with pytest.raises(InvalidInput):
        assigned.services.closeouts.return_(lead, request.closeout.id, " ")
    returned = assigned.services.closeouts.return_(lead, request.closeout.id, "缺验收材料")
    assert returned.closeout.state is CloseoutState.RETURNED
    assert returned.closeout.decided_by == assigned.lead.id
    assert {p.id for p in returned.notify} == {assigned.official.id, assigned.official2.id}
    with pytest.raises(Conflict) as caught:
        assigned.services.closeouts.approve(lead, request.closeout.id)
    assert caught.value.code == "err.closeout_decided"
    again = assigned.services.closeouts.request(official, "m1", "补充材料")
    assert again.closeout.state is CloseoutState.PENDING


def test_closeout_after_approval_is_refused(assigned: World) -> None:
    """A closed task cannot be requested again; officials cannot approve."""
    official = assigned.actor(assigned.official)
    request = assigned.services.closeouts.request(official, "m1", "已完成")
    with pytest.raises(NotAllowed):
        assigned.services.closeouts.approve(official, request.closeout.id)
    assigned.services.closeouts.approve(assigned.actor(assigned.lead), request.closeout.id)
    with pytest.raises(Conflict) as caught:
        assigned.services.closeouts.request(official, "m1")
    assert caught.value.code == "err.measure_closed"


def test_liaison_requests_closeout_for_principal(assigned: World) -> None:
    """A liaison may ask to close their principal's task; the audit names the principal."""
    result = assigned.services.closeouts.request(assigned.actor(assigned.liaison), "m4", "完成")
    assert result.closeout.requested_by == assigned.liaison.id
    entry = assigned.store.audit.for_subject("m4")[-1]
    assert entry.detail["on_behalf_of"] == assigned.leader.id


def test_summary_roles(assigned: World) -> None:
    """The view shows people with their role."""
    view = assigned.services.tasks.view(assigned.actor(assigned.lead), "m4")
    assert view.people == ((assigned.leader, AssigneeRole.LEAD),)
